"""`rekam publish`: compute and publish monthly transparency releases on demand."""

from __future__ import annotations

import re
import sys
from datetime import date

import click
from flask import current_app
from flask.cli import with_appcontext
from tqdm import tqdm

from projections.transparency.publication import (
    due_months,
    publish_months,
    publish_past_year,
)
from web import get_releases, get_service
from web.settings import get_settings


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
    day = get_settings(current_app).jobs.publish_day
    service, store = get_service(current_app), get_releases(current_app)
    bar = tqdm(desc="releases", unit=" events", file=sys.stderr)

    def progress(position: int, head: int) -> None:
        bar.total = head
        bar.update(position - bar.n)

    try:
        if past_year:
            stored = publish_past_year(service, store, date.today(), day, progress)
        else:
            chosen = list(months) or due_months(date.today(), day, count=1)
            stored = publish_months(service, store, [(m, None) for m in chosen], progress)
    finally:
        bar.close()
    corrections = sum(1 for r in stored if r.is_correction)
    click.echo(f"Published {len(stored)} releases ({corrections} corrections); "
               "unchanged months were left as they were.")
