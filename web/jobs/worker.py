"""`rekam worker`: the one process that runs the periodic jobs, whatever number is started.

A worker first takes the lease in the database (web/jobs/store.py); only then does it start
its APScheduler and run jobs, and it renews the lease every third of its period. Another
worker started beside it waits, trying the lease at the same pace, and takes over within one
lease period once the holder stops renewing (it died, or lost the database). Before each run
a job checks that this worker still holds the lease, so a worker that lost it runs nothing
more; a run already under way finishes safely because every job is idempotent.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask

from domain.errors import DomainError
from web.jobs.registry import Job, schedules
from web.jobs.schedule import Schedule
from web.jobs.store import get_job_store
from web.settings import get_settings

log = logging.getLogger("rekam.worker")


def _summary(error: BaseException) -> str:
    """What went wrong, without the exception's text (it could quote personal data)."""
    if isinstance(error, DomainError):
        return f"DomainError {error.code}"
    frame = traceback.extract_tb(error.__traceback__)[-1:] or None
    where = f" at {frame[0].filename.rsplit('/', 1)[-1]}:{frame[0].lineno}" if frame else ""
    return f"{type(error).__name__}{where}"


class Worker:
    """Holds the lease and, while it does, runs the jobs on their schedules."""

    def __init__(self, app: Flask, name: str | None = None) -> None:
        settings = get_settings(app)
        self.app, self.settings = app, settings.jobs
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        self.lease_seconds = settings.jobs.lease_seconds
        self.timezone = settings.timezone
        self.schedules = schedules(settings.jobs)
        self.store = get_job_store(app)
        self.scheduler: BackgroundScheduler | None = None
        self.stopping, self.stopped = threading.Event(), threading.Event()

    def today(self) -> date:
        return datetime.now(ZoneInfo(self.timezone)).date()

    # -- one run -----------------------------------------------------------------------------

    def run_job(self, job: Job) -> str | None:
        """Run `job` once if this worker holds the lease; record the run. Returns the outcome."""
        if not self.store.holds(self.name):
            log.warning("job %s not run: this worker does not hold the lease", job.name)
            return None
        run_id = self.store.start_run(job.name, self.name)
        try:
            with self.app.app_context():
                message = job.run(self.app, self.today(), self.settings)
        except Exception as error:  # every failure is recorded and shown, never raised
            summary = _summary(error)
            self.store.finish_run(run_id, "failed", summary)
            log.error("job %s failed: %s", job.name, summary)
            return "failed"
        if message is None and not job.keeps_idle_runs:
            self.store.forget_run(run_id)
        else:
            self.store.finish_run(run_id, "ok", message or "nothing to do")
        return "ok"

    # -- the scheduler -----------------------------------------------------------------------

    def _start_scheduler(self) -> None:
        scheduler = BackgroundScheduler(timezone=self.timezone)
        now = datetime.now(UTC)
        for job, schedule in self.schedules:
            if schedule is None:
                continue
            # Without next_run_time the trigger gives the first run (None would pause it).
            first = {"next_run_time": now} if self._is_due(job, schedule) else {}
            scheduler.add_job(self.run_job, schedule.trigger(self.timezone), args=(job,),
                              id=job.name, name=job.name, coalesce=True, max_instances=1,
                              misfire_grace_time=None, **first)
        scheduler.start()
        self.scheduler = scheduler
        log.info("worker %s holds the lease and runs the jobs", self.name)

    def _is_due(self, job: Job, schedule: Schedule) -> bool:
        """Frequent jobs run at once; a daily or monthly one when its last success is older
        than its period (no worker was running at its time)."""
        if schedule.seconds is not None:
            return True
        last = self.store.last_success(job.name)
        return last is None or datetime.fromisoformat(last) < datetime.now(UTC) - schedule.period

    def _stop_scheduler(self, wait: bool = False) -> None:
        """Stop scheduling runs; `wait` for the running ones (on a clean stop, before the
        stores they use are closed), not when the lease was lost (renewal must go on)."""
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=wait)
            self.scheduler = None

    # -- the lease loop ----------------------------------------------------------------------

    def step(self) -> bool:
        """Take or renew the lease and start or stop the scheduler to match; True if held."""
        try:
            held = self.store.acquire(self.name, self.lease_seconds)
        except Exception as error:  # the database is away: behave as if the lease were lost
            log.error("lease not renewed: %s", _summary(error))
            held = False
        if held and self.scheduler is None:
            self._start_scheduler()
        elif not held and self.scheduler is not None:
            log.warning("worker %s lost the lease; stopping its jobs", self.name)
            self._stop_scheduler()
        return held

    def run(self) -> None:
        """Hold the lease and run jobs until `stop()`; gives the lease up on the way out."""
        log.info("worker %s started; waiting for the lease", self.name)
        try:
            while not self.stopping.is_set():
                self.step()
                self.stopping.wait(self.lease_seconds / 3)
        finally:
            self._stop_scheduler(wait=True)
            try:
                self.store.release(self.name)
            except Exception as error:
                log.error("lease not released: %s", _summary(error))
            log.info("worker %s stopped", self.name)
            self.stopped.set()

    def stop(self, *_: Any) -> None:
        self.stopping.set()

    # -- one pass (cron, tests) --------------------------------------------------------------

    def run_once(self, only: str | None = None) -> list[tuple[str, str]] | None:
        """Take the lease, run every due job once (or only the job named `only`, due or not),
        give the lease up. Returns (job, outcome) pairs, or None when another worker holds
        the lease; "lost" when it was taken over between two jobs (nothing more runs)."""
        if not self.store.acquire(self.name, self.lease_seconds):
            return None
        outcomes: list[tuple[str, str]] = []
        try:
            for job, schedule in self.schedules:
                if only is not None and job.name != only:
                    continue
                if only is None and (schedule is None or not self._is_due(job, schedule)):
                    continue
                # Renewed before each job, so a long pass keeps the lease it started with.
                if not self.store.acquire(self.name, self.lease_seconds):
                    outcomes.append((job.name, "lost"))
                    break
                outcomes.append((job.name, self.run_job(job) or "lost"))
        finally:
            self.store.release(self.name)
        return outcomes


def start_in_process(app: Flask) -> Worker:
    """Run the worker in a daemon thread of this process (the demo's `rekam serve --with-jobs`),
    under the same lease, so a separate `rekam worker` and this never both run jobs."""
    worker = Worker(app)
    threading.Thread(target=worker.run, name="rekam-worker", daemon=True).start()
    return worker


@contextmanager
def jobs_in_process(app: Flask) -> Iterator[Worker]:
    """The in-process worker for as long as the block runs (the server's life), stopped on the
    way out so that it gives the lease up: a worker started next need not wait a lease period.

    SIGTERM is turned into a normal exit of the main thread (Python's default would end the
    process at once, lease held); Ctrl-C already is one.
    """
    worker = start_in_process(app)
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        yield worker
    finally:
        signal.signal(signal.SIGTERM, previous)
        worker.stop()
        if not worker.stopped.wait(worker.lease_seconds):
            log.error("worker %s still running a job; its lease expires on its own",
                      worker.name)


def _exit_on_sigterm(*_: Any) -> None:
    raise SystemExit(0)


LEASE_HELD_EXIT = 75  # EX_TEMPFAIL: another worker holds the lease; try again later
