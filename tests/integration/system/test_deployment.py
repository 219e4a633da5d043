"""The production setup, for real: gunicorn web processes and `rekam worker` on one PostgreSQL.

Two gunicorn servers (one with two workers, as docs/DEPLOY.md runs it, and one more, so that
requests certainly reach different processes) and one worker share a PostgreSQL schema. Actions
recorded through both servers' JSON API must appear exactly once in every view and in the
verifiable log, whichever process applied them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

import pytest

from projections.ledger.follower import Ledger
from projections.stores.backend import count_events, open_service
from projections.views.runner import Projections
from tests.integration.web.conftest import close_app
from tests.support.processes import free_port, wait_for
from tests.support.stores import backend_of
from web import create_app
from web.accounts.store import get_accounts
from web.loaders.demo import load_demo
from web.settings import Settings

pytestmark = pytest.mark.postgres
REPO = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent


@dataclass
class Deployment:
    env: dict[str, str]
    urls: list[str]  # the two gunicorn servers
    tokens: dict[str, str]


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, None


def _post_json(url: str, body: dict[str, Any], token: str) -> tuple[int, Any]:
    request = urllib.request.Request(  # noqa: S310 (loopback URLs built by the test)
        url, data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory, pg_settings: dict[str, Any]
               ) -> Iterator[Deployment]:
    import psycopg

    schema = f"t_deploy_{os.getpid()}"
    conninfo = {k: pg_settings[k] for k in ("host", "port", "user", "password", "dbname")}
    with psycopg.connect(**conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    data_dir = tmp_path_factory.mktemp("deploy")
    env = {"REKAM_BACKEND": "postgres", "REKAM_DATA_DIR": str(data_dir),
           "POSTGRES_HOST": str(pg_settings["host"]), "POSTGRES_PORT": str(pg_settings["port"]),
           "POSTGRES_USER": str(pg_settings["user"]),
           "POSTGRES_PASSWORD": str(pg_settings["password"]),
           "POSTGRES_DBNAME": str(pg_settings["dbname"]), "POSTGRES_SCHEMA": schema,
           "REKAM_SECRET_KEY": "deployment-test-secret-of-32-chars"}
    process_env = {**os.environ, **env}
    ports = [free_port(), free_port()]
    logs = data_dir / "logs"
    logs.mkdir()
    processes = []
    try:
        for port, workers in zip(ports, (2, 1), strict=True):
            processes.append(_start(
                [str(BIN / "gunicorn"), "--workers", str(workers), "--bind",
                 f"127.0.0.1:{port}", "--access-logformat", '%(h)s "%(m)s %(U)s" %(s)s',
                 "web.wsgi:app"], process_env, logs / f"web-{port}.log"))
        processes.append(_start(
            [str(BIN / "rekam"), "worker"],
            {**process_env, "REKAM_WORKER_LEASE_SECONDS": "3", "REKAM_JOB_CATCH_UP": "0.5",
             "REKAM_JOB_LEDGER": "0.5", "REKAM_JOB_CHECKPOINT": "off", "REKAM_JOB_ALERTS": "off",
             "REKAM_JOB_APPLICANT_ERASURE": "off", "REKAM_JOB_PRUNE_JOB_RUNS": "off"},
            logs / "worker.log"))
        # The data is loaded while the servers start (they create the tables they need
        # on their first request, and the worker catches up with whatever is there).
        load_demo(backend=Settings.from_env(env).backend, employees=20, years=1, seed=5)
        app = create_app({"TESTING": True, "REKAM_FAST_HASHES": "1", **env})
        try:
            from web.accounts.demo import ensure_demo_accounts

            ensure_demo_accounts(app)
            accounts = get_accounts(app)
            tokens = {}
            for username in ("hradmin.salatiga", "hr.salatiga"):
                account = accounts.by_username(username)
                assert account is not None
                tokens[username] = accounts.create_token(account.id, "deployment test")[1]
        finally:
            close_app(app)
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for url in urls:
            wait_for(_answers(url + "/healthz"), 30, f"{url}/healthz")
        yield Deployment(env, urls, tokens)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        with psycopg.connect(**conninfo, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _answers(url: str) -> Callable[[], bool]:
    return lambda: _get(url)[0] == 200


def _start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(command, env=env, cwd=REPO, stdout=out,
                                stderr=subprocess.STDOUT)


def _caught_up(url: str) -> bool:
    status, health = _get(url + "/healthz")
    return (status == 200 and set(health["projections"].values()) == {0}
            and health["ledger"]["lag"] == 0)


class TestGunicorn:
    def test_healthz_reports_every_view_and_the_log_on_postgres(
            self, deployment: Deployment) -> None:
        status, health = _get(deployment.urls[0] + "/healthz")
        assert status == 200 and health["status"] == "ok" and health["backend"] == "postgres"
        assert set(health["projections"]) == {"organisation", "roster", "timeline",
                                              "recruitment", "correction_requests", "voice",
                                              "performance", "promotion_periods",
                                              "survey", "consultation", "leave",
                                              "staff_survey", "tpp", "voice_figures", "indicators"}
        assert health["events"] > 0 and isinstance(health["ledger"]["lag"], int)
        wait_for(lambda: _caught_up(deployment.urls[0]), 30, "the worker to catch up")

    def test_a_login_holds_across_the_web_processes(self, deployment: Deployment) -> None:
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        url = deployment.urls[0]
        page = opener.open(url + "/login", timeout=30).read().decode()
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
        assert token is not None
        form = urlencode({"username": "hradmin.salatiga", "password": "demo",
                          "csrf_token": token.group(1)}).encode()
        response = opener.open(url + "/login", data=form, timeout=30)
        assert response.status == 200 and "/hr/" in response.url
        # The session is a signed cookie with the shared secret: every worker of both
        # servers accepts it, so a run of requests never falls back to the login page.
        for target in deployment.urls * 3:
            page = opener.open(target + "/hr/employees", timeout=30)
            assert page.status == 200 and "/login" not in page.url
            assert "hradmin.salatiga" in page.read().decode()


def test_actions_through_both_web_processes_appear_once_in_every_view_and_the_log(
        deployment: Deployment) -> None:
    token = deployment.tokens["hradmin.salatiga"]
    headers = {"Authorization": f"Bearer {token}"}
    status, page = _get(deployment.urls[0] + "/api/v1/employees?per_page=6", headers)
    assert status == 200 and len(page["items"]) == 6
    employees = [(item["id"], item["version"]) for item in page["items"]]
    recorded: dict[str, list[int]] = {employee_id: [] for employee_id, _ in employees}
    failures: list[Any] = []

    def record(url: str, mine: list[tuple[str, int]]) -> None:
        for round_ in range(3):
            for employee_id, _ in mine:
                version = (recorded[employee_id] or [dict(employees)[employee_id]])[-1]
                status, body = _post_json(
                    f"{url}/api/v1/employees/{employee_id}/training",
                    {"version": version, "effective_on": date.today().isoformat(),
                     "training_type": "TECHNICAL", "title": f"Pelatihan {round_}",
                     "hours_jp": 2, "topics": []}, token)
                if status != 201:
                    failures.append((status, body))
                    return
                recorded[employee_id].append(body["version"])

    threads = [threading.Thread(target=record, args=(url, employees[i::2]))
               for i, url in enumerate(deployment.urls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not failures
    assert sum(map(len, recorded.values())) == 18

    wait_for(lambda: _caught_up(deployment.urls[1]), 30, "the worker to catch up")
    backend = backend_of(deployment.env)
    service = open_service(backend)
    projections = Projections.open(service, backend)
    ledger = Ledger.open(service, backend)
    try:
        _check_views(projections, service, recorded)
        _check_ledger(ledger, count_events(service), service.recorder.max_notification_id())
        assert set(projections.lag().values()) == {0}
    finally:
        ledger.close()
        projections.close()
        service.close()


def _check_views(projections: Projections, service: Any, recorded: dict[str, list[int]]
                 ) -> None:
    roster = projections.views["roster"].table("roster")
    timeline = projections.views["timeline"].table("timeline")
    year = date.today().year
    with projections.store.read() as sql:
        for employee_id, versions in recorded.items():
            employee = service.get_employee(UUID(employee_id))
            assert versions == list(range(versions[0], versions[0] + 3))
            assert versions[-1] == employee.version
            rows = sql.execute(f"SELECT version, kind FROM {timeline} WHERE employee_id = ? "
                               "ORDER BY version", (employee_id,)).fetchall()
            assert [r["version"] for r in rows] == list(range(1, employee.version + 1))
            assert [r["kind"] for r in rows if r["version"] in versions] == (
                ["TrainingCompleted"] * 3)
            row = sql.execute(f"SELECT version, training_year, training_jp FROM {roster} "
                              "WHERE employee_id = ?", (employee_id,)).fetchone()
            assert row["version"] == employee.version
            assert row["training_year"] == year
            assert row["training_jp"] == employee.state.training_jp[year]


def _check_ledger(ledger: Ledger, events: int, head: int | None) -> None:
    table = ledger.store.table("leaves")
    with ledger.store.read() as sql:
        count, first, last, distinct, newest = sql.execute(
            f"SELECT COUNT(*), MIN(position), MAX(position), COUNT(DISTINCT notification_id), "
            f"MAX(notification_id) FROM {table}").fetchone()
    assert (count, first, last, distinct) == (events, 0, events - 1, events)
    assert newest == head
