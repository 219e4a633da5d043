"""`rekam outbox send` (deliver the due e-mail notifications now, as the worker's
`deliver_mail` job does) and `rekam outbox status` (the counts of the admin page)."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from tqdm import tqdm

from web.outbox import get_outbox
from web.outbox.delivery import deliver_due


@click.group("outbox")
def outbox() -> None:
    """E-mail notifications waiting in the outbox."""


@outbox.command("send")
@with_appcontext
@click.option("--limit", default=1000, show_default=True, type=click.IntRange(1, 100_000),
              help="At most this many mails in this run.")
def send(limit: int) -> None:
    """Send every notification that is due now through REKAM_SMTP_*."""
    with tqdm(desc="sending", unit=" mails", file=sys.stderr) as bar:
        result = deliver_due(current_app, limit=limit, progress=lambda done: bar.update(
            done - bar.n))
    click.echo(result.describe() or "nothing due")
    if not result.is_configured:
        raise click.exceptions.Exit(1)


@outbox.command("status")
@with_appcontext
def status() -> None:
    """How many notifications wait, were given up on, were delivered; the latest errors."""
    summary = get_outbox(current_app).summary()
    click.echo(f"waiting: {summary.waiting}\ngiven up: {summary.failed}\n"
               f"delivered: {summary.delivered}")
    for at, error, attempts in summary.last_errors:
        click.echo(f"{at}  {error}  ({attempts} attempts)")
