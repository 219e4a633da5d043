"""Fixtures of the web tests: apps on a fresh store, and on a copy of the demo, on each backend.

tests/integration/system/ uses the same fixtures (its conftest imports them from here).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.support.dates import REAL_TODAY
from tests.support.stores import StoreTemplates, backend_of
from web import catch_up_views, create_app
from web.accounts.demo import ensure_demo_accounts
from web.loaders.demo import load_demo

APP_EXTENSIONS = ("rekam_projections", "rekam_service",
                  "rekam_accounts", "rekam_ledger", "rekam_jobs")


def close_app(app: Flask) -> None:
    """Close every store the app opened (PostgreSQL schemas are dropped after the test)."""
    for key in APP_EXTENSIONS:
        opened = app.extensions.pop(key, None)
        if opened is not None:
            opened.close()


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """Build apps (closed after the test); `settings` go into the app's config."""
    apps: list[Flask] = []

    def make(**settings: object) -> Flask:
        app = create_app({"TESTING": True, "REKAM_FAST_HASHES": "1", **settings})
        apps.append(app)
        return app

    yield make
    for app in apps:
        close_app(app)


@pytest.fixture
def app(store_env: dict[str, str], make_app: Callable[..., Flask]) -> Flask:
    """An app on a fresh, empty store of each backend."""
    return make_app(**store_env)


def build_demo(settings: dict[str, str]) -> None:
    """The small demo with its accounts (password "demo") that the staff pages are tested on:
    five governments, 150 employees, three years up to today.

    Its views are caught up, as after the first page, so that each copy does not catch up
    5,000 events again (0.7 s on PostgreSQL); a page's catch-up of a store that is behind is
    tested in test_catch_up.py.
    """
    load_demo(backend=backend_of(settings), employees=150, years=3, seed=7,
              today=REAL_TODAY)
    app = create_app({"TESTING": True, "REKAM_FAST_HASHES": "1", **settings})
    try:
        ensure_demo_accounts(app)
        catch_up_views(app)
    finally:
        close_app(app)


@pytest.fixture
def demo_env(store_env: dict[str, str], store_templates: StoreTemplates, tmp_path: Path
             ) -> Iterator[dict[str, str]]:
    """Settings of a private copy of the demo on each backend (built once per session)."""
    with store_templates.copy("demo", store_env, build_demo, tmp_path / "demo") as settings:
        yield settings


@pytest.fixture
def demo_app(demo_env: dict[str, str], make_app: Callable[..., Flask]) -> Flask:
    """An app on a private copy of the demo store (tests may record actions in it)."""
    return make_app(**demo_env)
