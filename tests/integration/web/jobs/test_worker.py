"""The worker: one lease holder runs the jobs, a second takes over when it dies, runs are shown.

The lease is checked with two stores (two connections, as two processes would have) and then
with two real `rekam worker` processes, one of them killed with SIGKILL, on both backends.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from uuid import UUID

import pytest
from flask import Flask

from domain.values import JpHours, TopicTag, TrainingType
from projections.views import alerts
from tests.builders.personnel import HR
from tests.integration.web.conftest import close_app
from tests.support.dates import REAL_TODAY
from tests.support.processes import free_port, wait_for
from tests.support.staff import demo_places, login, text
from web import create_app, get_service
from web.jobs.registry import JOBS, job_named
from web.jobs.schedule import parse_schedule
from web.jobs.store import JobStore, get_job_store
from web.jobs.worker import Worker, start_in_process
from web.settings import Settings

# Only the alerts job, often: on an empty store it finds nothing but its runs are kept (idle
# catch-ups are not), so every run shows which worker made it.
ONLY_ALERTS = {**{f"REKAM_JOB_{name}": "off" for name in (
    "CATCH_UP", "LEDGER", "CHECKPOINT", "APPLICANT_ERASURE", "PRUNE_JOB_RUNS")},
    "REKAM_JOB_ALERTS": "0.3"}


@pytest.fixture
def two_stores(store_env: dict[str, str]) -> Iterator[tuple[JobStore, JobStore]]:
    backend = Settings.from_env(store_env).backend
    first, second = JobStore.open(backend), JobStore.open(backend)
    yield first, second
    first.close()
    second.close()


class TestLease:
    def test_one_holder_at_a_time_and_the_other_takes_over_when_it_expires(
            self, two_stores: tuple[JobStore, JobStore]) -> None:
        first, second = two_stores
        assert first.acquire("a", 0.5)
        assert not second.acquire("b", 0.5)
        assert first.acquire("a", 0.5)  # the holder renews
        assert first.holds("a") and not second.holds("b")
        time.sleep(0.6)
        assert not first.holds("a")  # expired, nobody renewed
        assert second.acquire("b", 30)
        assert not first.acquire("a", 30)  # the old holder cannot take it back
        second.release("b")
        assert first.acquire("a", 30)  # released at once on a clean stop

    def test_job_runs_are_recorded_with_their_outcome(
            self, two_stores: tuple[JobStore, JobStore]) -> None:
        store, _ = two_stores
        ok = store.start_run("alerts", "w1")
        store.finish_run(ok, "ok", "3 alerts")
        failed = store.start_run("alerts", "w1")
        store.finish_run(failed, "failed", "ValueError at registry.py:1")
        assert [(r.id, r.outcome, r.message) for r in store.runs()] == [
            (failed, "failed", "ValueError at registry.py:1"), (ok, "ok", "3 alerts")]
        assert [r.id for r in store.runs(outcome="failed")] == [failed]
        assert store.last_success("alerts") is not None
        assert store.last_success("checkpoint") is None


class TestSchedules:
    @pytest.mark.parametrize(("text", "described"), [
        ("5", "5 s"), ("0.5", "0.5 s"), ("02:00", "02:00"), ("5 06:30", "5 06:30")])
    def test_schedules_are_read_from_the_environment(self, text: str, described: str) -> None:
        schedule = parse_schedule("REKAM_JOB_X", text)
        assert schedule is not None and schedule.describe() == described

    @pytest.mark.parametrize("text", ["0", "-1", "25:00", "31 01:00", "daily", "1:2"])
    def test_a_bad_schedule_names_its_variable(self, text: str) -> None:
        with pytest.raises(ValueError, match="REKAM_JOB_X"):
            parse_schedule("REKAM_JOB_X", text)

    def test_off_disables_a_job(self) -> None:
        assert parse_schedule("REKAM_JOB_X", "off") is None


# -- two real worker processes ----------------------------------------------------------------


def _start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    rekam = Path(sys.executable).with_name("rekam")
    with log.open("ab") as out:
        return subprocess.Popen([str(rekam), "worker"], env=env, stdout=out,
                                stderr=subprocess.STDOUT)


def test_two_workers_run_the_jobs_once_and_the_second_takes_over_when_the_first_dies(
        store_env: dict[str, str], tmp_path: Path) -> None:
    env = {**os.environ, **store_env, **ONLY_ALERTS, "REKAM_WORKER_LEASE_SECONDS": "1.5"}
    store = JobStore.open(Settings.from_env(store_env).backend)
    host = socket.gethostname()
    first = _start_worker(env, tmp_path / "first.log")
    second = None
    try:
        wait_for(lambda: bool(store.runs(job="alerts")), 20, "the first worker's runs")
        second = _start_worker(env, tmp_path / "second.log")
        time.sleep(2.5)  # more than a lease period: the second worker has tried several times
        workers = {r.worker for r in store.runs(limit=1000)}
        assert workers == {f"{host}:{first.pid}"}
        assert second.poll() is None  # waiting, not gone

        first.send_signal(signal.SIGKILL)  # dies without releasing the lease
        first.wait(10)
        taken_over = f"{host}:{second.pid}"
        wait_for(lambda: any(r.worker == taken_over for r in store.runs(limit=5)), 15,
                  "the second worker to take over")
        lease = store.lease()
        assert lease is not None and lease.holder == taken_over

        second.send_signal(signal.SIGTERM)
        assert second.wait(15) == 0
        lease = store.lease()
        assert lease is not None and not lease.is_live  # released on a clean stop
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(10)
        store.close()


# -- jobs in one process ----------------------------------------------------------------------


def _hold_lease(worker: Worker) -> None:
    """Take the lease as `step()` would, without starting the scheduler's own runs."""
    assert worker.store.acquire(worker.name, 60)


def _break_alerts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the alerts job fail with a text that must not be shown (it could be personal)."""
    def refresh(*_: object) -> int:
        raise ValueError("six")

    monkeypatch.setattr(alerts, "refresh", refresh)


def test_a_worker_without_the_lease_runs_nothing_and_idle_catch_ups_are_not_kept(
        app: Flask) -> None:
    holder = Worker(app, name="holder")
    other = Worker(app, name="other")
    _hold_lease(holder)
    assert not other.step() and other.scheduler is None
    assert other.run_job(job_named("alerts")) is None
    assert holder.run_job(job_named("catch_up")) == "ok"  # nothing to apply: not kept
    assert holder.run_job(job_named("alerts")) == "ok"
    assert [(r.job, r.worker, r.message) for r in get_job_store(app).runs()] == [
        ("alerts", "holder", "0 alerts")]


def test_a_failing_job_is_recorded_without_its_message(
        app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    _break_alerts(monkeypatch)
    worker = Worker(app, name="w")
    _hold_lease(worker)
    assert worker.run_job(job_named("alerts")) == "failed"
    run = get_job_store(app).runs(job="alerts")[0]
    assert run.outcome == "failed" and run.finished_at is not None
    assert run.message.startswith("ValueError at test_worker.py:")
    assert "six" not in run.message


def test_only_the_system_administrator_sees_the_job_runs(
        demo_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    _break_alerts(monkeypatch)
    worker = Worker(demo_app, name="demo-worker")
    _hold_lease(worker)
    # The demo's views are caught up: a new training gives the catch-up job work to report.
    get_service(demo_app).complete_training(
        UUID(demo_places(demo_app)["employeeA"]), training_type=TrainingType.SEMINAR,
        title="Pelayanan Prima", hours_jp=JpHours(2),
        topics=(TopicTag.PUBLIC_SERVICE_COMMUNICATION,), effective_on=REAL_TODAY, actor=HR)
    assert worker.run_job(job_named("catch_up")) == "ok"
    assert worker.run_job(job_named("alerts")) == "failed"
    assert demo_app.test_client().get("/admin/jobs").status_code == 302  # to the login
    for username in ("hr.salatiga", "hradmin.salatiga", "auditor"):
        client = demo_app.test_client()
        login(client, username)
        assert client.get("/admin/jobs").status_code == 403, username
    client = demo_app.test_client()
    login(client, "admin")
    page = text(client.get("/admin/jobs"))
    assert "demo-worker" in page and 'data-testid="job-checkpoint"' in page
    assert "events applied" in page
    history = text(client.get("/admin/jobs?outcome=failed")).split("<h2>")[-1]
    assert "ValueError at test_worker.py" in history and "events applied" not in history


def test_the_demo_server_runs_the_jobs_in_a_thread_under_the_same_lease(
        store_env: dict[str, str]) -> None:
    app = create_app({"TESTING": True, **store_env, **ONLY_ALERTS,
                      "REKAM_WORKER_LEASE_SECONDS": "3"})
    in_process = start_in_process(app)
    try:
        store = get_job_store(app)
        wait_for(lambda: bool(store.runs(job="alerts")), 20, "the in-process runs")
        separate = Worker(app, name="separate")
        assert not separate.step()  # a `rekam worker` started beside it waits
        assert {r.worker for r in store.runs()} == {in_process.name}
    finally:
        in_process.stop()
        assert in_process.stopped.wait(10)
        close_app(app)


# -- one pass for cron: rekam worker --once ---------------------------------------------------


def _outcomes(output: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in output.splitlines()
                if line.split(": ", 1)[0] in {job.name for job in JOBS})


def test_worker_once_runs_every_due_job_then_only_the_frequent_ones(
        make_app: Callable[..., Flask], store_env: dict[str, str]) -> None:
    app = make_app(**store_env)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["worker", "--once"])
    assert first.exit_code == 0, first.output
    assert _outcomes(first.output) == {job.name: "ok" for job in JOBS}  # nothing ran before
    lease = get_job_store(app).lease()
    assert lease is not None and not lease.is_live  # given up on the way out
    again = runner.invoke(args=["worker", "--once"])
    assert again.exit_code == 0, again.output
    # The daily jobs succeeded within their period: only the frequent ones are due again.
    assert _outcomes(again.output) == {"catch_up": "ok", "ledger": "ok", "deliver_mail": "ok"}


def test_worker_once_runs_one_named_job_and_a_failure_exits_non_zero(
        make_app: Callable[..., Flask], store_env: dict[str, str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(**store_env)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["worker", "--once", "--job", "alerts"]).exit_code == 0
    assert runner.invoke(args=["worker", "--once", "--job", "alerts"]).exit_code == 0  # due
    assert [r.job for r in get_job_store(app).runs()] == ["alerts", "alerts"]
    _break_alerts(monkeypatch)
    failed = runner.invoke(args=["worker", "--once", "--job", "alerts"])
    assert failed.exit_code == 1
    assert "alerts: failed" in failed.output and "not done: alerts" in failed.output
    assert get_job_store(app).runs()[0].outcome == "failed"
    unknown = runner.invoke(args=["worker", "--once", "--job", "nothing"])
    assert unknown.exit_code == 2 and "catch_up" in unknown.output  # names the choices
    assert runner.invoke(args=["worker", "--job", "alerts"]).exit_code == 2  # needs --once


def test_worker_once_runs_nothing_while_another_worker_holds_the_lease(
        make_app: Callable[..., Flask], store_env: dict[str, str]) -> None:
    app = make_app(**store_env)
    store = get_job_store(app)
    assert store.acquire("the-running-worker", 60)
    refused = app.test_cli_runner().invoke(args=["worker", "--once"])
    assert refused.exit_code == 75 and "Another worker holds the lease" in refused.output
    assert store.runs() == []
    lease = store.lease()
    assert lease is not None and lease.holder == "the-running-worker" and lease.is_live


def test_cron_sees_the_exit_status_of_a_real_process(
        store_env: dict[str, str], tmp_path: Path) -> None:
    rekam = Path(sys.executable).with_name("rekam")
    env = {**os.environ, **store_env}
    ok = subprocess.run([str(rekam), "worker", "--once", "--job", "alerts"], env=env,
                        capture_output=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    # The signing key cannot be written under a file: the job fails, saying nothing of where.
    (tmp_path / "a-file").write_text("")
    unwritable = str(tmp_path / "a-file" / "log.key")
    bad = subprocess.run([str(rekam), "worker", "--once", "--job", "checkpoint"],
                         env={**env, "REKAM_LOG_KEY_FILE": unwritable},
                         capture_output=True, timeout=120)
    assert bad.returncode == 1 and b"checkpoint: failed" in bad.stdout
    assert b"a-file" not in bad.stdout + bad.stderr


# -- rekam serve --with-jobs stops cleanly ----------------------------------------------------


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM],
                         ids=["ctrl-c", "sigterm"])
def test_the_demo_server_gives_the_lease_up_when_stopped(
        store_env: dict[str, str], tmp_path: Path, signal_number: int) -> None:
    port = free_port()
    rekam = Path(sys.executable).with_name("rekam")
    env = {**os.environ, **store_env, **ONLY_ALERTS, "REKAM_WORKER_LEASE_SECONDS": "60"}
    store = JobStore.open(Settings.from_env(store_env).backend)
    with (tmp_path / "serve.log").open("ab") as out:
        server = subprocess.Popen([str(rekam), "serve", "--with-jobs", "--port", str(port)],
                                  env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        holder = f"{socket.gethostname()}:{server.pid}"
        wait_for(lambda: any(r.worker == holder for r in store.runs(limit=5)), 30,
                  "the server's in-process jobs")
        server.send_signal(signal_number)
        assert server.wait(20) == 0
        lease = store.lease()
        assert lease is not None and lease.holder == holder and not lease.is_live
        assert store.acquire("next-worker", 60)  # at once, not after the 60 s lease
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(10)
        store.close()
