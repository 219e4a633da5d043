"""Top-level test fixtures and the CI skip policy.

Kept small on purpose: feature-specific fixtures belong in their own files.

Environment used here:

* ``REKAM_TEST_PG_HOST/PORT/USER/PASSWORD/DBNAME`` describe a PostgreSQL test
  database; ``scripts/test`` sets them after starting a throwaway cluster.
  Without them PostgreSQL tests skip. Stores copied from a template (the demo, a
  recorded workforce: tests/support/stores.py) are databases of their own, so
  that role must be allowed to create databases.
* ``CI`` = ``true``/``1`` makes every skipped test a failure, so a CI machine
  that lacks PostgreSQL or Chromium cannot report green.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from domain.personnel_service import PersonnelService
from projections.stores.backend import Backend, open_service
from tests.support.stores import BACKENDS, StoreTemplates, backend_of, fresh_store

PG_ENV_PREFIX = "REKAM_TEST_PG_"
PG_SKIP_REASON = (
    "PostgreSQL server not available: install Debian postgresql and run scripts/test"
)


# ---------------------------------------------------------------- configuration


def pytest_configure(config: pytest.Config) -> None:
    # Registered here so --strict-markers works whatever pyproject declares.
    config.addinivalue_line(
        "markers", "postgres: needs the PostgreSQL test database (REKAM_TEST_PG_*)"
    )
    config.addinivalue_line("markers", "e2e: browser end-to-end test (Chromium)")


def _under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1"}


# ------------------------------------------------------------- CI skip policy
#
# Under CI a skip means a missing dependency (no PostgreSQL, no Chromium) or a
# forgotten skip marker; either way the run must not pass. Both hooks rewrite
# the report in place, so the terminal, JUnit XML and the exit status all see a
# failure. Expected failures (xfail) keep their own outcome: they are not skips.


def _skip_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        reason = str(longrepr[2])  # (path, lineno, "Skipped: <reason>")
    else:
        reason = str(longrepr)
    return reason.removeprefix("Skipped: ")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport() -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if _under_ci() and report.skipped and not hasattr(report, "wasxfail"):
        # A skip raised during setup (skip marker, pytest.skip in a fixture)
        # is then shown as an ERROR, one raised in the test body as FAILED.
        report.outcome = "failed"
        report.longrepr = f"skipped under CI: {_skip_reason(report)}"
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report() -> Generator[
    None, pytest.CollectReport, pytest.CollectReport
]:
    # Module-level skips (pytest.importorskip, skip(allow_module_level=True))
    # never reach runtest hooks; they surface as skipped collect reports.
    report = yield
    if _under_ci() and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped under CI: {_skip_reason(report)}"
    return report


# -------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def pg_settings() -> dict[str, Any]:
    """Connection settings of the PostgreSQL test database, or skip."""
    env = {
        key: os.environ.get(PG_ENV_PREFIX + key.upper())
        for key in ("host", "port", "user", "password", "dbname")
    }
    # The password may legitimately be empty (trust auth), but must be set.
    if any(env[key] in (None, "") for key in ("host", "port", "user", "dbname")):
        pytest.skip(PG_SKIP_REASON)
    return {
        "host": env["host"],
        "port": int(env["port"] or 0),
        "user": env["user"],
        "password": env["password"] or "",
        "dbname": env["dbname"],
    }


@pytest.fixture(params=BACKENDS)
def store_env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """Environment settings describing a fresh, empty store for each backend.

    PostgreSQL isolation is one new schema per test, dropped afterwards, so
    tests can share the database (and run in parallel) without seeing each
    other's events.
    """
    # Requested lazily so the sqlite variant never depends on PostgreSQL.
    pg = request.getfixturevalue("pg_settings") if request.param == "postgres" else None
    with fresh_store(request.param, tmp_path / "data", pg) as settings:
        yield settings


@pytest.fixture
def backend(store_env: dict[str, str]) -> Backend:
    """A fresh, empty store of each backend (folders of tests on a recorded history override
    this fixture with a copy of that history)."""
    return backend_of(store_env)


@pytest.fixture
def service(backend: Backend) -> Iterator[PersonnelService]:
    """The application service on `backend`, closed before the store is torn down."""
    opened = open_service(backend)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def store_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreTemplates]:
    """Stores built once per session and copied for each test (tests/support/stores.py)."""
    templates = StoreTemplates(tmp_path_factory.mktemp("templates"))
    yield templates
    templates.close()
