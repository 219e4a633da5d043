"""The view tests start from a recorded history rather than an empty store, and open the
views on it as the runner processes would."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from psycopg import sql as pgsql

from domain.personnel_service import PersonnelService
from projections.stores.backend import Backend, open_service
from projections.views.runner import Projections
from tests.support.views import Rows, execute, read_rows


@pytest.fixture
def backend(recorded_store: Backend) -> Backend:
    """A copy of the recorded workforce (overrides the empty store of tests/conftest.py)."""
    return recorded_store


@pytest.fixture
def open_runner(backend: Backend, service: PersonnelService
                ) -> Iterator[Callable[..., Projections]]:
    """Opens views on the store's view tables; `own_service=True` also opens a service, as a
    separate process would. Everything opened is closed before the store is torn down."""
    opened: list[PersonnelService | Projections] = []

    def open_(own_service: bool = False) -> Projections:
        runner_service = service
        if own_service:
            runner_service = open_service(backend)
            opened.append(runner_service)
        projections = Projections.open(runner_service, backend)
        opened.append(projections)
        return projections

    yield open_
    for item in reversed(opened):
        item.close()


@pytest.fixture
def projections(open_runner: Callable[..., Projections]) -> Projections:
    return open_runner()


@pytest.fixture
def clean_rebuild(backend: Backend, service: PersonnelService, tmp_path: Path
                  ) -> Iterator[Callable[[], Rows]]:
    """Rebuilds the views in a view store of their own (another SQLite file, another
    PostgreSQL schema) and returns their rows."""
    elsewhere = dataclasses.replace(backend, data_dir=tmp_path / "clean")
    schema = None
    if backend.kind == "postgres":
        schema = f"{backend.postgres['POSTGRES_SCHEMA']}_clean"
        elsewhere = dataclasses.replace(
            backend, postgres={**backend.postgres, "POSTGRES_SCHEMA": schema})
        execute(backend, pgsql.SQL("CREATE SCHEMA {}").format(pgsql.Identifier(schema)))

    def rebuild() -> Rows:
        clean = Projections.open(service, elsewhere)
        try:
            clean.rebuild(batch_size=500)
            return read_rows(clean)
        finally:
            clean.close()

    yield rebuild
    if schema is not None:
        execute(backend, pgsql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
            pgsql.Identifier(schema)))
