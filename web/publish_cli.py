"""`rekam publish`: compute and publish monthly transparency releases on demand."""

from __future__ import annotations

import re
import sys
from datetime import date
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from tqdm import tqdm

from projections.publication import (
    due_months,
    publish_day,
    publish_due,
    publish_months,
    publish_past_year,
)
from projections.release_store import Release
from web import get_releases, get_service

JOB_ID = "monthly-release"


@click.command("publish")
@click.option("--month", "months", multiple=True, metavar="YYYY-MM",
              help="Month to publish (again); default: the last month that is due.")
@click.option("--past-year", is_flag=True,
              help="Publish each of the 12 due months not published yet, as of its day.")
@with_appcontext
def publish(months: tuple[str, ...], past_year: bool) -> None:
    """Publish the monthly release of every government (a changed month gets a correction)."""
    for month in months:
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
            raise click.BadParameter(f"{month!r} is not a month like 2026-10",
                                     param_hint="--month")
    try:
        day = publish_day()
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    service, store = get_service(current_app), get_releases(current_app)
    bar = tqdm(desc="releases", unit=" events", file=sys.stderr)

    def progress(position: int, head: int) -> None:
        bar.total = head
        bar.update(position - bar.n)

    try:
        if past_year:
            stored = publish_past_year(service, store, date.today(), progress=progress)
        else:
            chosen = list(months) or due_months(date.today(), day, count=1)
            stored = publish_months(service, store, [(m, None) for m in chosen], progress)
    finally:
        bar.close()
    corrections = sum(1 for r in stored if r.is_correction)
    click.echo(f"Published {len(stored)} releases ({corrections} corrections); "
               "unchanged months were left as they were.")


def publish_due_now(app: Flask, today: date | None = None) -> list[Release]:
    """The scheduler's job: publish last month's release if its day has come and it is not
    out yet (idempotent, so it runs daily and a worker that was down catches up)."""
    with app.app_context():
        return publish_due(get_service(app), get_releases(app), today or date.today())


def add_publication_job(scheduler: Any, app: Flask) -> Any:
    """Register the release job on an APScheduler scheduler (the worker of issue 8 owns it):
    every day at 01:00 UTC, which publishes on REKAM_PUBLISH_DAY or the first run after it."""
    from apscheduler.triggers.cron import CronTrigger

    publish_day()  # a bad REKAM_PUBLISH_DAY stops the worker at start, not at midnight
    return scheduler.add_job(publish_due_now, CronTrigger(hour=1, minute=0, timezone="UTC"),
                             args=[app], id=JOB_ID, replace_existing=True,
                             max_instances=1, coalesce=True)
