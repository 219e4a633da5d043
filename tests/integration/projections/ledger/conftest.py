"""The tests here start from a recorded history rather than an empty store, and open ledgers
on it through `open_ledger` (closed before the store is torn down)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from domain.personnel_service import PersonnelService
from projections.ledger.follower import Ledger, LogSettings
from projections.stores.backend import Backend, open_service


@pytest.fixture
def backend(recorded_store: Backend) -> Backend:
    """A copy of the recorded workforce (overrides the empty store of tests/conftest.py)."""
    return recorded_store


@pytest.fixture
def log_env(tmp_path: Path) -> dict[str, str]:
    return {"REKAM_LOG_KEY_FILE": str(tmp_path / "keys" / "log.key"),
            "REKAM_LOG_ORIGIN": "test.rekam-jejak.example/log"}


@pytest.fixture
def open_ledger(backend: Backend, service: PersonnelService, log_env: dict[str, str]
                ) -> Iterator[Callable[..., Ledger]]:
    """Opens a ledger on the store; `own_service=True` also opens a service, as a separate
    process would. Everything opened is closed before the store is torn down."""
    opened: list[Any] = []

    def open_(own_service: bool = False) -> Ledger:
        follower_service = service
        if own_service:
            follower_service = open_service(backend)
            opened.append(follower_service)
        settings = LogSettings(log_env["REKAM_LOG_ORIGIN"], Path(log_env["REKAM_LOG_KEY_FILE"]))
        ledger = Ledger.open(follower_service, backend, settings)
        opened.append(ledger)
        return ledger

    yield open_
    for item in reversed(opened):
        item.close()


@pytest.fixture
def ledger(open_ledger: Callable[..., Ledger]) -> Ledger:
    return open_ledger()
