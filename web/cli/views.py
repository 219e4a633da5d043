"""`rekam catch-up`, `rekam rebuild` and `rekam verify-views`: keep the read models up to the
event store, and check them against a rebuild."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from projections.ledger import reconcile
from projections.stores.view_store import TrackingConflictError
from projections.views.runner import REBUILD_BATCH, RebuildError, default_workers
from projections.views.verify import ViewsMovedError
from projections.views.verify import verify_views as check_views
from web import get_ledger, get_projections
from web.cli.progress import progress_bar


@click.command("catch-up")
@click.option("--batch-size", default=500, show_default=True, help="Events per transaction.")
@with_appcontext
def catch_up(batch_size: int) -> None:
    """Apply new events to every view (safe to run while other runners run)."""
    projections = get_projections(current_app)
    with progress_bar("catch-up") as progress:
        applied = projections.catch_up(batch_size=batch_size, progress=progress)
    click.echo(f"Applied {applied} events; lag per view: {projections.lag()}.")
    stopped = projections.stopped()
    for name, stop in stopped.items():
        click.echo(f"The view {name} stopped at event {stop['position']}, which it could not "
                   f"apply ({stop['error']}); `rekam rebuild {name}` once the cause is fixed.",
                   err=True)
    if stopped:
        raise SystemExit(1)


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
        with progress_bar(f"rebuild {view or 'all views'}") as progress:
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


@click.command("verify-views")
@with_appcontext
def verify_views() -> None:
    """Rebuild every view beside the served ones and compare each table by a digest of its
    rows: a row changed outside the views' code is reported (`rekam rebuild` repairs it)."""
    projections = get_projections(current_app)
    projections.catch_up()
    head = min(projections.positions().values(), default=0)  # the rebuild reads up to it
    try:
        with progress_bar("verify views") as progress:
            result = check_views(projections, progress=lambda read: progress(read, head))
    except ViewsMovedError:
        raise click.ClickException("events were applied to the views meanwhile; run it "
                                   "again.") from None
    reconcile.save(get_ledger(current_app), result)
    if result.ok:
        click.echo(f"Every view table ({result.logged}) equals a rebuild from the "
                   f"{result.stored} events up to notification id {result.head_id}.")
        return
    for problem in result.problems:
        click.echo(problem.describe(), err=True)
    click.echo("Run `rekam rebuild` to repair them, and find out who changed them.", err=True)
    sys.exit(1)
