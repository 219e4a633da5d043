"""`rekam import` in a process that is killed (SIGKILL) at one stage of the import.

    python -m tests.support.killed_import STAGE SETTINGS_JSON FILE VAULT

STAGE is `events` (after the first batch is stored), `vault`, `ledger` (after the log's first
batch) or `projections`. Nothing of the import's own clean-up runs, as with a power cut.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Iterator
from typing import Any

from projections.ledger import portability
from projections.ledger.follower import Ledger
from projections.views.runner import Projections
from web import create_app


def die(*_: Any, **__: Any) -> Any:
    os.kill(os.getpid(), signal.SIGKILL)


def main(stage: str, settings: dict[str, str], file: str, vault: str) -> None:
    if stage == "events":
        batches = portability._stored_batches

        def first_then_die(*args: Any) -> Iterator[Any]:
            for number, batch in enumerate(batches(*args)):
                if number == 1:
                    die()
                yield batch

        portability._stored_batches = first_then_die  # type: ignore[assignment]
    elif stage == "vault":
        portability._load_vault = die
    elif stage == "ledger":
        catch_up = Ledger.catch_up

        def first_batch_then_die(self: Ledger, **_: Any) -> int:
            return catch_up(self, batch_size=100,
                            progress=lambda last, total: die() if last else None)

        Ledger.catch_up = first_batch_then_die  # type: ignore[method-assign, assignment]
    else:
        Projections.rebuild = die  # type: ignore[method-assign]
    app = create_app({"TESTING": True, **settings})
    result = app.test_cli_runner().invoke(
        args=["import", file, "--vault", vault, "--batch-size", "100"])
    print(result.output)
    sys.exit(f"the import was not killed at {stage}")


if __name__ == "__main__":
    main(sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], sys.argv[4])
