"""`rekam erase-personal-data`: destroy a person's key (UU PDP), record the erasure and make it
final on disk (projections/erasure.py); `rekam retire-lookup-secret`: destroy the secret that
old audit look-ups and NIK tokens were hashed with (projections/lookup_secret.py)."""

from __future__ import annotations

from datetime import date

import click
from flask import current_app
from flask.cli import with_appcontext

from domain.errors import DomainError
from domain.values import Actor, Role
from projections.erasure import erase_person
from projections.lookup_secret import RoundsTakingApplicantsError, retire_lookup_secret
from web import get_projections, get_service
from web.accounts.store import get_accounts


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
        erased = erase_person(get_projections(current_app), subject_id,
                              effective_on=date.today(), actor=Actor(operator, Role.SYSTEM_ADMIN))
    except DomainError as error:
        raise click.ClickException(error.message("en")) from None
    click.echo(f"Personal data of employee {employee_id} erased.")
    # The person's own login would show an erased record and keep a username that may be
    # their name: it is disabled (an administrator can still see and delete it), and its
    # e-mail address is cleared.
    accounts = get_accounts(current_app)
    for record in erased:
        account = accounts.for_employee(record.hex)
        if account is not None and account.email is not None:
            accounts.set_email(account.id, None)
            click.echo(f"E-mail address of account {account.id} cleared.")
        if account is not None and account.is_active:
            accounts.set_active(account.id, False)
            click.echo(f"Account {account.id} of that record disabled.")


@click.command("retire-lookup-secret")
@with_appcontext
def retire_lookup_secret_command() -> None:
    """Re-key the NIP registry under a new secret and destroy the old one, so that the
    hashes made with it (audit look-ups before issue 18, NIK tokens) can no longer be
    reversed. Stop the web processes and the worker first."""
    try:
        count = retire_lookup_secret(get_projections(current_app), date.today())
    except RoundsTakingApplicantsError as error:
        raise click.ClickException(
            f"Refused, nothing changed: {error}. Run it again once their registration "
            "has closed.") from None
    click.echo(f"{count} numbers re-keyed under a new secret; the old one is destroyed.")
