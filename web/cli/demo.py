"""`rekam demo`: the synthetic demo workforce, its accounts and its past year of releases."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from tqdm import tqdm

from projections.stores.backend import count_events
from web import get_service
from web.accounts.demo import ensure_demo_accounts
from web.cli.publish import publish


@click.command("demo")
@with_appcontext
@click.option("--employees", default=2000, show_default=True, help="About how many employees.")
@click.option("--years", default=10, show_default=True, help="Years of recorded history.")
@click.option("--seed", default=1, show_default=True, help="Same seed, same data.")
@click.option("--if-empty", is_flag=True, help="Do nothing when the store already has events.")
def demo(employees: int, years: int, seed: int, if_empty: bool) -> None:
    """Generate the synthetic demo workforce through the application service."""
    from web.loaders.demo import load_demo

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
    click.get_current_context().invoke(publish, months=(), past_year=True)


def _demo_accounts() -> None:
    before = count_events(get_service(current_app))
    created = ensure_demo_accounts(current_app)
    if created:
        click.echo(f"Demo accounts (password 'demo'): {', '.join(created)}.")
    after = count_events(get_service(current_app))
    if after != before:  # the superiors and leave requests of atasan.<code>
        click.echo(f"Demo leave recorded: {after - before} events ({after} events in all).")
