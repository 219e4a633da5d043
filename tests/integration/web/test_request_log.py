"""No server log holds a name or NIP: the request lines of a real werkzeug development server
and of a real gunicorn (with its default access-log format, referer included) are captured
for a staff search and must show the path without the query."""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.support.processes import free_port, wait_for

NAME, NIP = "Maria Fanggidae", "198403122010012004"
SEARCH = "/hr/employees?q=Maria+Fanggidae&status=all"
REFERER = f"http://127.0.0.1/audit/?q={NIP}"
REPO = Path(__file__).resolve().parents[3]


def _request(url: str) -> None:
    request = urllib.request.Request(url, headers={"Referer": REFERER})  # noqa: S310
    # A refusal is logged all the same (the searches redirect anonymous callers to the login).
    with contextlib.suppress(urllib.error.HTTPError):
        urllib.request.urlopen(request, timeout=30).close()  # noqa: S310 (loopback)


class TestDevelopmentServer:
    def test_the_request_line_keeps_the_path_and_drops_the_query(
            self, app: Flask, caplog: pytest.LogCaptureFixture) -> None:
        server = make_server("127.0.0.1", free_port(), app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            with caplog.at_level(logging.INFO, logger="werkzeug"):
                _request(f"http://127.0.0.1:{server.server_port}{SEARCH}")
                _request(f"http://127.0.0.1:{server.server_port}/audit/?q={NIP}")
        finally:
            server.shutdown()
            thread.join(10)
        lines = [r.getMessage() for r in caplog.records if r.name == "werkzeug"]
        assert any("/hr/employees?…" in line for line in lines), lines  # it was logged
        assert any("/audit/?…" in line for line in lines), lines
        logged = "\n".join(lines)
        assert "Fanggidae" not in logged and NIP not in logged


class TestGunicorn:
    def test_the_access_log_in_its_default_format_holds_no_query(self, tmp_path: Path) -> None:
        port = free_port()
        log = tmp_path / "access.log"
        env = {**os.environ, "REKAM_BACKEND": "sqlite", "REKAM_DATA_DIR": str(tmp_path / "data"),
               "REKAM_SECRET_KEY": "request-log-test-secret-of-32-characters-or-more"}
        with log.open("ab") as out:
            server = subprocess.Popen(
                [str(Path(sys.executable).parent / "gunicorn"), "--workers", "1", "--bind",
                 f"127.0.0.1:{port}", "--access-logfile", "-", "web.wsgi:app"],
                env=env, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
        try:
            def up() -> bool:
                # A server that exits (a setting refused) fails the test now, with its log.
                assert server.poll() is None, log.read_text()
                return urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/healthz", timeout=5).status == 200

            wait_for(up, 60, "gunicorn")
            _request(f"http://127.0.0.1:{port}{SEARCH}")
            wait_for(lambda: "/hr/employees" in log.read_text(), 10, "the access line")
        finally:
            server.terminate()
            server.wait(15)
        logged = log.read_text()
        assert "GET /hr/employees?… HTTP/1.1" in logged
        assert "Fanggidae" not in logged and NIP not in logged
