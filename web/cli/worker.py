"""`rekam worker`: run the periodic jobs under the lease, continuously or once (for cron)."""

from __future__ import annotations

import logging
import signal

import click
from flask import current_app
from flask.cli import with_appcontext

from web.jobs.registry import JOBS
from web.jobs.worker import LEASE_HELD_EXIT, Worker


@click.command("worker")
@with_appcontext
@click.option("--once", is_flag=True,
              help="Run every due job once under the lease and exit: status 0 when all "
                   f"succeeded, 1 when one failed, {LEASE_HELD_EXIT} when another worker "
                   "holds the lease (for cron).")
@click.option("--job", "only", type=click.Choice([job.name for job in JOBS]),
              help="With --once: run only this job, due or not.")
def worker(once: bool, only: str | None) -> None:
    """Run the periodic jobs (one worker runs them even if several are started)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if only is not None and not once:
        raise click.UsageError("--job runs one job once: add --once")
    worker = Worker(app)
    if once:
        _run_once(worker, only)
        return
    for job, schedule in worker.schedules:
        click.echo(f"{job.name}: {schedule.describe() if schedule else 'off'}")
    signal.signal(signal.SIGTERM, worker.stop)
    signal.signal(signal.SIGINT, worker.stop)
    worker.run()


def _run_once(worker: Worker, only: str | None) -> None:
    outcomes = worker.run_once(only)
    if outcomes is None:
        click.echo("Another worker holds the lease: nothing was run.", err=True)
        raise SystemExit(LEASE_HELD_EXIT)
    for name, outcome in outcomes:
        click.echo(f"{name}: {outcome}")
    if not outcomes:
        click.echo("No job was due.")
    failed = [name for name, outcome in outcomes if outcome != "ok"]
    if failed:
        raise click.ClickException(f"not done: {', '.join(failed)} (see /admin/jobs)")
