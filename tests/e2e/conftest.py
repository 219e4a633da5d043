"""Browser end-to-end fixtures (pytest-playwright on Debian's Chromium).

We never run ``playwright install``: the tests drive the system Chromium
(``apt-get install chromium``), or whatever ``CHROMIUM_PATH`` points at.
Tests take ``page`` (from pytest-playwright) and ``live_server`` (the base URL); ``live_app``
is the served app and ``live_mail`` the local SMTP server it sends notifications to.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.support.mail import MailServer

CHROMIUM = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # we run as root in CI containers, where the sandbox fails
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # No background traffic: tests must work offline and stay deterministic.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHROMIUM_MISSING = "Chromium not installed: apt-get install chromium"

_E2E_DIR = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # This hook sees every collected item, not only ours, so filter by path.
    # Skipping here (rather than in a fixture) means no server is started and
    # no browser launch is attempted; under CI the top-level conftest turns
    # the skip into a failure.
    missing = not os.path.exists(CHROMIUM)
    for item in items:
        if _E2E_DIR not in item.path.parents:
            continue
        item.add_marker(pytest.mark.e2e)  # lets `-m "not e2e"` work without per-file marks
        if missing:
            item.add_marker(pytest.mark.skip(reason=CHROMIUM_MISSING))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Override pytest-playwright's launch arguments to use system Chromium."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


_LIVE_APPS: dict[str, Any] = {}  # base URL -> the app served there


@pytest.fixture(scope="session")
def live_mail() -> Iterator[MailServer]:
    """A real SMTP server (aiosmtpd) on a local port: the live app's notifications go there
    when a test delivers the outbox (no worker runs beside the live server)."""
    server = MailServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def live_app(live_server: str) -> Any:
    return _LIVE_APPS[live_server]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory, live_mail: MailServer
                ) -> Iterator[str]:
    """Serve the app (built by the ``create_app`` factory) on a free port.

    One server per session with a small demo loaded, so the browser tests
    have realistic data. Yields the base URL, e.g. ``http://127.0.0.1:43561``.
    """
    from web import create_app
    from web.loaders.demo import load_demo

    data_dir = str(tmp_path_factory.mktemp("live-data"))
    # 200 employees: since the demo's last two years promote through periods, 120 left no
    # PNS of Salatiga promotable on this month's 1st (test_hr.py); 200 leave two (7 Dec 2026).
    load_demo(data_dir=data_dir, employees=200, years=3, seed=7)
    app = create_app({"TESTING": True, "REKAM_DATA_DIR": data_dir, "REKAM_FAST_HASHES": "1",
                      **live_mail.settings()})
    from web.accounts.demo import ensure_demo_accounts

    ensure_demo_accounts(app)  # hr.salatiga, auditor, ... with the password "demo"
    from projections.ledger.follower import make_checkpoint
    from web import get_ledger

    make_checkpoint(get_ledger(app))  # as scripts/run does: auditors download a bundle
    from datetime import date

    from projections.transparency.publication import publish_past_year
    from web import get_releases, get_service

    publish_past_year(get_service(app), get_releases(app), date.today())  # public pages

    with serve(app) as url:
        _LIVE_APPS[url] = app
        yield url


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Serve `app` on a free loopback port in a thread; yields the base URL."""
    from werkzeug.serving import make_server

    # Port 0: the kernel picks a free port, so parallel runs never collide.
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


@pytest.fixture(autouse=True)
def no_policy_violations(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a browser test whose pages broke the Content-Security-Policy (web/headers.py):
    an inline script, handler or style that the browser refused."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield
    assert not refused, refused
