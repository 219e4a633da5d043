"""Fixtures of the web tests: apps on a fresh store, and on a demo store built once per session.

tests/integration/system/ uses the same fixtures (its conftest imports them from here).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.support.dates import REAL_TODAY
from web import create_app

APP_EXTENSIONS = ("rekam_projections", "rekam_service", "rekam_dry_run_service",
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


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo (SQLite) with its accounts, built once per session; copy before writing."""
    from web.accounts.demo import ensure_demo_accounts
    from web.loaders.demo import load_demo

    data_dir = tmp_path_factory.mktemp("hr-demo")
    load_demo(data_dir=data_dir, employees=150, years=3, seed=7, today=REAL_TODAY)
    app = create_app({"TESTING": True, "REKAM_DATA_DIR": str(data_dir),
                      "REKAM_FAST_HASHES": "1"})
    try:
        ensure_demo_accounts(app)
    finally:
        close_app(app)
    return data_dir


@pytest.fixture
def demo_app(demo_template: Path, tmp_path: Path, make_app: Callable[..., Flask]) -> Flask:
    """An app on a private copy of the demo store (tests may record actions in it)."""
    data_dir = tmp_path / "demo"
    shutil.copytree(demo_template, data_dir)
    return make_app(REKAM_DATA_DIR=str(data_dir))
