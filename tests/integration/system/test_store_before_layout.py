"""A store exported before the code moved into packages still imports, verifies and replays.

`tests/fixtures/layout_move/` was written once by main at 64a328e, before issue 16 moved the
modules (see its README): `rekam export` of a small demo with an annulment, an erasure and an
auditor's look-up, its vault, and what that code showed of it (the roster rows, every
aggregate's version and class). Stored topics are data: if a moved class lost its old topic,
the import, the replay or the roster below would fail. Never regenerate these files to make
this test pass.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from projections.ledger import verify as verifier
from projections.ledger.follower import verify_stored
from tests.integration.web.conftest import close_app
from web import create_app, get_ledger, get_projections, get_service

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "layout_move"
# The key that signed the fixture's checkpoint, pinned here so that a re-signed file fails.
VERIFIER_KEY = "rekam-jejak.example/log+75ab84b7+ATmoCX3sL21AQ0V3lA/Q4EBSchnhR6tAWdRMoNDPbavP"
EXPECTED: dict[str, Any] = json.loads((FIXTURE / "expected.json").read_text())


@pytest.fixture
def imported(store_env: dict[str, str], tmp_path: Path) -> Iterator[Flask]:
    app = create_app({"TESTING": True, **store_env,
                      "REKAM_LOG_KEY_FILE": str(tmp_path / "log.key")})
    result = app.test_cli_runner().invoke(args=[
        "import", str(FIXTURE / "store.jsonl"), "--vault", str(FIXTURE / "vault.json"),
        "--public-key", VERIFIER_KEY])
    assert result.exit_code == 0, result.output
    yield app
    ledger = app.extensions.pop("rekam_ledger", None)
    if ledger is not None:
        ledger.close()
    close_app(app)


def test_the_offline_verifier_accepts_the_old_export() -> None:
    with (FIXTURE / "store.jsonl").open(encoding="utf-8") as lines:
        header = json.loads(next(lines))
        notes = [checkpoint["note"] for checkpoint in header["checkpoints"]]
        report = verifier.verify(lines, notes, verifier.load_key(VERIFIER_KEY))
    assert report.entries == header["entries"] == 2443 and report.signatures_checked


def test_the_imported_store_verifies_against_the_old_checkpoint(imported: Flask) -> None:
    ledger = get_ledger(imported)
    report = verify_stored(ledger)
    assert report.entries == 2443 and report.signatures_checked
    assert [c.size for c in report.checkpoints] == [2443]


def test_every_aggregate_replays_to_its_stored_version(imported: Flask) -> None:
    repository = get_service(imported).repository
    replayed = {}
    for originator_id in EXPECTED["aggregates"]:
        aggregate: Any = repository.get(uuid.UUID(originator_id))
        replayed[originator_id] = [aggregate.version, type(aggregate).__name__]
    assert replayed == EXPECTED["aggregates"]


def test_the_roster_rebuilt_from_it_is_the_roster_the_old_code_showed(imported: Flask) -> None:
    projections = get_projections(imported)
    projections.catch_up()
    view = projections.views["roster"]
    columns = ", ".join(EXPECTED["roster_columns"])
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT {columns} FROM {view.table('roster')} "
                           "ORDER BY employee_id").fetchall()
    values = [list(row.values()) if isinstance(row, dict) else list(row) for row in rows]
    assert [["" if v is None else str(v) for v in row] for row in values] == EXPECTED["roster"]
