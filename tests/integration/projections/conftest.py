"""Fixtures of the projections tests: a store holding a recorded workforce, copied per test.

Like every module below this folder, web-free: these tests depend on the domain and the
projections only (tests/unit/test_layers.py checks that).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from projections.stores.backend import Backend, open_service
from projections.views.runner import Projections
from tests.builders.workforce import record_workforce
from tests.support.stores import StoreTemplates, backend_of


def record_history(settings: dict[str, str]) -> None:
    """Record the workforce of tests/builders/workforce.py into the store of `settings`."""
    service = open_service(backend_of(settings))
    try:
        record_workforce(service)
    finally:
        service.close()


@pytest.fixture
def recorded_store(store_env: dict[str, str], store_templates: StoreTemplates, tmp_path: Path
                   ) -> Iterator[Backend]:
    """A private copy of a store holding the recorded workforce's history, on each backend
    (recorded once per session); its views and log are not built yet."""
    with store_templates.copy("workforce", store_env, record_history,
                              tmp_path / "recorded") as settings:
        yield backend_of(settings)


@pytest.fixture
def recorded_views(recorded_store: Backend) -> Iterator[Projections]:
    """The views opened and caught up on a copy of the recorded workforce, with a service of
    their own (`.service`); both closed before the store is torn down."""
    service = open_service(recorded_store)
    projections = Projections.open(service, recorded_store)
    projections.catch_up()
    yield projections
    projections.close()
    service.close()
