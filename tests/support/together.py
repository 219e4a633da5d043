"""Run the same call in several threads released at one moment (two runners, two followers)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def catch_up_together(runners: Sequence[T], catch_up: Callable[[T], int]) -> list[int]:
    """Start `catch_up(runner)` for every runner at once; their results, in runner order.

    Fails the test if a thread raised or did not finish within two minutes.
    """
    start_together = threading.Barrier(len(runners))
    results: dict[int, int] = {}
    errors: list[BaseException] = []

    def run(index: int, runner: T) -> None:
        try:
            start_together.wait(timeout=30)
            results[index] = catch_up(runner)
        except BaseException as error:  # handed to the test thread below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(runners)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    return [results[i] for i in range(len(runners))]
