"""`rekam tpp run` (a government's monthly TPP, or its correction, as the HR administrator's
form does, with the time it took) and `rekam tpp reproduce` (recompute a month's runs from
what each read, and say which lines differ)."""

from __future__ import annotations

import time
from datetime import date
from uuid import UUID

import click
from flask import current_app
from flask.cli import with_appcontext

from domain.errors import DomainError
from domain.values import Actor, Role
from projections.views.hr_queries import government_by_code
from web import catch_up_views, get_service


def _government(code: str) -> UUID:
    found = government_by_code(catch_up_views(current_app), code)
    if found is None:
        raise click.ClickException(f"No government has the code {code!r}.")
    return UUID(hex=found)


def _month(text: str) -> date:
    try:
        return date.fromisoformat(f"{text}-01")
    except ValueError:
        raise click.BadParameter("write the month as YYYY-MM") from None


@click.group("tpp")
def tpp() -> None:
    """Monthly TPP runs of a government."""


@tpp.command("run")
@with_appcontext
@click.option("--government", "code", required=True, help="The government's code.")
@click.option("--month", required=True, help="YYYY-MM")
@click.option("--operator", required=True, help="User id of the HR administrator.")
def run(code: str, month: str, operator: str) -> None:
    """Run the month (run 1, or a correction when something it read has changed)."""
    service = get_service(current_app)
    government_id, first = _government(code), _month(month)
    started = time.perf_counter()
    try:
        run_id = service.tpp.run_month(government_id, first,
                                       actor=Actor(operator, Role.HR_ADMIN))
    except DomainError as error:
        raise click.ClickException(error.message("en")) from None
    seconds = time.perf_counter() - started
    found = service.tpp.get_run(run_id)
    click.echo(f"run {found.number} of {month}: {len(found.lines)} employees, "
               f"{found.changed if found.is_correction else '-'} changed, {seconds:.2f} s")


@tpp.command("reproduce")
@with_appcontext
@click.option("--government", "code", required=True, help="The government's code.")
@click.option("--month", required=True, help="YYYY-MM")
def reproduce(code: str, month: str) -> None:
    """Recompute each run of the month from the versions it read; exit 1 if a line differs."""
    service = get_service(current_app)
    runs = service.tpp.runs_of(_government(code), _month(month))
    if not runs:
        raise click.ClickException(f"No run of {month}.")
    differing = 0
    for found in runs:
        started = time.perf_counter()
        lines = service.tpp.reproduce(found)
        differing += len(lines)
        click.echo(f"run {found.number}: {len(found.lines)} lines, {len(lines)} differ "
                   f"({time.perf_counter() - started:.2f} s)")
    if differing:
        raise click.exceptions.Exit(1)
