"""Store equals log through the whole app, on each backend: a stored event the log does not
account for shows at /healthz, on the system administrator's page, in the auditors' verify
and in `rekam log verify --live`, and fails the worker's reconciliation job."""

from __future__ import annotations

import pytest
from flask import Flask

from projections.ledger import verify as verifier
from projections.ledger.follower import make_checkpoint
from tests.support.staff import csrf_token, login, text
from tests.support.stores import backend_of
from tests.support.tampering import EventTable
from web import get_ledger, get_projections
from web.jobs.registry import job_named
from web.jobs.worker import Worker


@pytest.fixture
def logged(demo_app: Flask) -> Flask:
    """The demo with its log caught up and a checkpoint signed, as the worker keeps it."""
    make_checkpoint(get_ledger(demo_app))
    return demo_app


@pytest.fixture
def events(demo_env: dict[str, str]) -> EventTable:
    return EventTable(backend_of(demo_env))


@pytest.fixture
def worker(logged: Flask) -> Worker:
    worker = Worker(logged, name="test-worker")
    assert worker.store.acquire(worker.name, 60)  # the lease, without the scheduler's runs
    return worker


def a_training(events: EventTable) -> int:
    (row,) = events.run("SELECT max({id}) FROM {events} WHERE topic LIKE ?",
                        ("%TrainingCompleted",))
    return int(row[0])


def audit_verify(app: Flask) -> tuple[int, str]:
    client = app.test_client()
    login(client, "auditor")
    token = csrf_token(text(client.get("/audit/log")))
    response = client.post("/audit/log/verify", data={"csrf_token": token})
    return response.status_code, text(response)


def admin_page(app: Flask) -> str:
    client = app.test_client()
    login(client, "admin")
    return text(client.get("/admin/jobs"))


def test_an_untouched_store_passes_every_check(logged: Flask, worker: Worker) -> None:
    assert worker.run_job(job_named("reconcile")) == "ok"
    health = logged.test_client().get("/healthz")
    assert health.status_code == 200 and health.json is not None
    assert health.json["status"] == "ok" and health.json["problems"] == []
    result = logged.test_cli_runner().invoke(args=["log", "verify", "--live"])
    assert result.exit_code == 0, result.output
    assert "Store equals log" in result.output
    assert audit_verify(logged)[0] == 200
    assert 'data-testid="integrity-alert"' not in admin_page(logged)


def test_an_event_inserted_behind_the_head_is_reported_everywhere_with_its_id(
        logged: Flask, events: EventTable, worker: Worker) -> None:
    size = get_ledger(logged).size()
    events.copy_as_next_version(a_training(events), new_id=0)

    assert worker.run_job(job_named("ledger")) == "ok"  # the follower's own check

    assert get_ledger(logged).size() == size
    health = logged.test_client().get("/healthz")
    assert health.status_code == 503 and health.json is not None
    assert health.json["status"] == "not ok"
    assert "notification id 0" in health.json["problems"][0]["detail"]
    assert 'data-kind="unlogged" data-notification-id="0"' in admin_page(logged)
    status, page = audit_verify(logged)
    assert status == 409 and 'data-kind="unlogged" data-notification-id="0"' in page
    result = logged.test_cli_runner().invoke(args=["log", "verify", "--live"])
    assert result.exit_code == verifier.EXIT_FAILED
    assert "stored event not in the log (notification id 0)" in result.output
    assert worker.run_job(job_named("reconcile")) == "failed"


def test_an_edited_event_is_found_by_the_workers_reconciliation(
        logged: Flask, events: EventTable, worker: Worker) -> None:
    victim = a_training(events)
    state = bytearray(events.state(victim))
    state[-3] ^= 0x01
    events.set_state(victim, bytes(state))
    assert worker.run_job(job_named("ledger")) == "ok"  # counts cannot see an edit

    assert worker.run_job(job_named("reconcile")) == "failed"

    health = logged.test_client().get("/healthz")
    assert health.status_code == 503 and health.json is not None
    assert f"notification id {victim}" in health.json["problems"][0]["detail"]
    assert f'data-kind="edited" data-notification-id="{victim}"' in admin_page(logged)


def test_an_edited_view_row_is_found_by_the_monthly_check_and_repaired_by_a_rebuild(
        logged: Flask, worker: Worker) -> None:
    assert worker.run_job(job_named("verify_views")) == "ok"
    projections = get_projections(logged)
    roster = projections.views["roster"].table("roster")
    with projections.store.write() as sql:
        sql.execute(f"UPDATE {roster} SET grade = 'IV/e' WHERE employee_id = "
                    f"(SELECT min(employee_id) FROM {roster})")

    assert worker.run_job(job_named("verify_views")) == "failed"

    health = logged.test_client().get("/healthz")
    assert health.status_code == 503 and health.json is not None
    assert f"view table {roster} differs" in health.json["problems"][0]["detail"]
    assert 'data-kind="view"' in admin_page(logged)
    runner = logged.test_cli_runner()
    assert runner.invoke(args=["verify-views"]).exit_code == 1
    assert runner.invoke(args=["rebuild"]).exit_code == 0
    result = runner.invoke(args=["verify-views"])
    assert result.exit_code == 0, result.output
    assert logged.test_client().get("/healthz").status_code == 200
