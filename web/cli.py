"""The `rekam` operator command: demo data, serving, and personal-data erasure."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import date
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from tqdm import tqdm

from domain.errors import DomainError
from domain.values import Actor, Role
from projections.stores.backend import count_events
from projections.stores.view_store import TrackingConflictError
from projections.views.runner import REBUILD_BATCH, RebuildError, default_workers
from web import get_projections, get_service


def _create_app(*_: Any) -> Any:
    from web import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False,
             add_version_option=False)
def main() -> None:
    """Rekam Jejak operator commands (data directory: REKAM_DATA_DIR, default var/)."""


def register_commands(app: Flask) -> None:
    """Attach the operator commands to the app, where FlaskGroup and test runners find them."""
    from web.accounts.cli import users
    from web.jobs.worker import worker_command
    from web.log_cli import log
    from web.publish_cli import publish

    for command in (demo, serve, erase_personal_data, catch_up, rebuild, log, users,
                    worker_command, publish):
        app.cli.add_command(command)
    from web.portability_cli import export, import_, import_legacy

    for command in (export, import_, import_legacy):
        app.cli.add_command(command)


@click.command("demo")
@with_appcontext
@click.option("--employees", default=2000, show_default=True, help="About how many employees.")
@click.option("--years", default=10, show_default=True, help="Years of recorded history.")
@click.option("--seed", default=1, show_default=True, help="Same seed, same data.")
@click.option("--if-empty", is_flag=True, help="Do nothing when the store already has events.")
def demo(employees: int, years: int, seed: int, if_empty: bool) -> None:
    """Generate the synthetic demo workforce through the application service."""
    from web.demo import load_demo

    service = get_service(current_app)
    existing = count_events(service)
    if existing:
        if if_empty:
            click.echo(f"Demo data already loaded ({existing} events); reusing it.")
            _demo_accounts()
            _demo_releases()
            return
        raise click.ClickException(
            f"The store already holds {existing} events. Use an empty REKAM_DATA_DIR "
            "(or --if-empty to reuse it).")
    bars: dict[str, tqdm] = {}

    def progress(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            for finished in bars.values():
                finished.close()
            label = {"staff": "existing staff", "history": "months of history"}[stage]
            bar = bars[stage] = tqdm(total=total, desc=label, unit="", file=sys.stderr)
        bar.update(done - bar.n)

    result = load_demo(employees=employees, years=years, seed=seed,
                       backend=current_app.extensions["rekam_backend"], progress=progress)
    for bar in bars.values():
        bar.close()
    click.echo(f"Demo loaded: {int(result['events'])} events in {result['seconds']:.1f} s.")
    _demo_accounts()
    _demo_releases()


def _demo_releases() -> None:
    """The demo publishes its past year of monthly releases (each as of its own day)."""
    from web.publish_cli import publish

    click.get_current_context().invoke(publish, months=(), past_year=True)


def _demo_accounts() -> None:
    from web.accounts.cli import ensure_demo_accounts

    created = ensure_demo_accounts(current_app)
    if created:
        click.echo(f"Demo accounts (password 'demo'): {', '.join(created)}.")


@click.command("serve")
@with_appcontext
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--with-jobs", is_flag=True,
              help="Also run the periodic jobs in this process (demo; production: rekam worker).")
def serve(host: str, port: int, with_jobs: bool) -> None:
    """Serve the web app with a threaded development server (production: gunicorn)."""
    from werkzeug.serving import run_simple

    from web.jobs.worker import jobs_in_process

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    with jobs_in_process(app) if with_jobs else nullcontext():
        run_simple(host, port, app, threaded=True, use_reloader=False)


@click.command("erase-personal-data")
@with_appcontext
@click.option("--nip", prompt=True, hide_input=True, help="NIP or NI PPPK of the person.")
@click.option("--operator", required=True, help="User id of the operator doing the erasure.")
def erase_personal_data(nip: str, operator: str) -> None:
    """Destroy a person's key (UU PDP erasure) and record that it happened."""
    service = get_service(current_app)
    employee_id = service.find_by_nip(nip)
    if employee_id is None:
        raise click.ClickException("No employee is registered under that number.")
    try:
        subject_id = service.get_employee(employee_id).subject_id
        service.erase_personal_data(subject_id, effective_on=date.today(),
                                    actor=Actor(operator, Role.SYSTEM_ADMIN))
    except DomainError as error:
        raise click.ClickException(error.message("en")) from None
    click.echo(f"Personal data of employee {employee_id} erased.")


@click.command("catch-up")
@click.option("--batch-size", default=500, show_default=True, help="Events per transaction.")
@with_appcontext
def catch_up(batch_size: int) -> None:
    """Apply new events to every view (safe to run while other runners run)."""
    projections = get_projections(current_app)
    with _progress_bar("catch-up") as progress:
        applied = projections.catch_up(batch_size=batch_size, progress=progress)
    click.echo(f"Applied {applied} events; lag per view: {projections.lag()}.")


@click.command("rebuild")
@click.argument("view", required=False)
@click.option("--batch-size", default=REBUILD_BATCH, show_default=True,
              help="Events per transaction.")
@click.option("--workers", type=click.IntRange(1, 16), default=default_workers,
              show_default="one per core, at most 4",
              help="Processes that build the rows side by side.")
@with_appcontext
def rebuild(view: str | None, batch_size: int, workers: int) -> None:
    """Rebuild a view (or all views) from the first event, beside the old tables, which go on
    serving until the new ones are swapped in."""
    projections = get_projections(current_app)
    if view is not None and view not in projections.views:
        raise click.BadParameter(f"choose one of: {', '.join(projections.views)}",
                                 param_hint="VIEW")
    names = [view] if view else None
    try:
        with _progress_bar(f"rebuild {view or 'all views'}") as progress:
            applied = projections.rebuild(names, batch_size=batch_size, progress=progress,
                                          workers=workers)
    except TrackingConflictError:
        raise click.ClickException(
            "another rebuild started meanwhile and this one stopped; the views are as they "
            "were. Let the other one finish, or run this again.") from None
    except RebuildError as error:
        raise click.ClickException(f"the rebuild failed ({error}); the views are as they "
                                   "were. See the traceback above, then run it again.") from None
    click.echo(f"Rebuilt {view or 'all views'} from {applied} events.")


@contextmanager
def _progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    bar = tqdm(desc=label, unit=" events", file=sys.stderr)

    def progress(position: int, head: int) -> None:
        bar.total = head
        bar.update(position - bar.n)

    try:
        yield progress
    finally:
        bar.close()
