"""`rekam users ...`: manage staff accounts from the command line; the demo's accounts."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from domain.values import Role
from projections.views import hr_queries
from web import catch_up_views, get_service
from web.accounts.auth import role_name
from web.accounts.manage import add_account, add_employee_account, message, set_password
from web.accounts.store import STAFF_ROLES, AccountError, get_accounts

ROLE_OPTION = click.Choice([r.value for r in (*STAFF_ROLES, Role.EMPLOYEE)])


@click.group("users")
def users() -> None:
    """Staff and employee accounts: add, list, set-password, disable."""


@users.command("add")
@click.argument("username")
@click.option("--role", type=ROLE_OPTION, help="Required unless --employee is given.")
@click.option("--government", help="Government code (HR administrators), e.g. salatiga.")
@click.option("--agency", help="GOVERNMENT/AGENCY codes (HR officers), e.g. salatiga/disdik.")
@click.option("--employee", "nip", help="NIP or NI PPPK: an employee's own account (/saya).")
@click.password_option(help="Asked for when not given.")
@with_appcontext
def add(username: str, role: str | None, government: str | None, agency: str | None,
        nip: str | None, password: str) -> None:
    """Create an account."""
    if nip is not None or role == Role.EMPLOYEE.value:
        _add_employee(username, role, nip, password)
        return
    if role is None:
        raise click.UsageError("give --role, or --employee NIP for an employee's account")
    projections = catch_up_views(current_app)
    government_id = agency_id = None
    if government:
        government_id = hr_queries.government_by_code(projections, government)
        if government_id is None:
            raise click.BadParameter("unknown government code", param_hint="--government")
    if agency:
        found = hr_queries.agency_by_code(projections, *agency.partition("/")[::2])
        if found is None:
            raise click.BadParameter("unknown GOVERNMENT/AGENCY", param_hint="--agency")
        agency_id, government_id = found["id"], found["government_id"]
    try:
        add_account(current_app, username=username, password=password, role=Role(role),
                    agency_id=agency_id, government_id=government_id)
    except AccountError as refused:
        raise click.ClickException(message(refused)) from None
    click.echo(f"Account {username} added.")


def _add_employee(username: str, role: str | None, nip: str | None, password: str) -> None:
    """The account of the employee registered under `nip` (never printed back)."""
    if role not in (None, Role.EMPLOYEE.value):
        raise click.BadParameter("an employee's account has the role employee",
                                 param_hint="--role")
    if not nip:
        raise click.BadParameter("give the employee's NIP", param_hint="--employee")
    employee_id = get_service(current_app).find_by_nip(nip)
    if employee_id is None:
        raise click.BadParameter("no employee has this NIP", param_hint="--employee")
    try:
        add_employee_account(current_app, username=username, password=password,
                             employee_id=employee_id.hex)
    except AccountError as refused:
        raise click.ClickException(message(refused)) from None
    click.echo(f"Account {username} added for the employee.")


@users.command("list")
@with_appcontext
def list_users() -> None:
    """Every account with its role, scope and status."""
    for account in get_accounts(current_app).all():
        scope = account.employee_id or account.agency_id or account.government_id or "all"
        status = "active" if account.is_active else "disabled"
        click.echo(f"{account.username}\t{role_name(account.role)}\t{scope}\t{status}")


@users.command("set-password")
@click.argument("username")
@click.password_option(help="Asked for when not given.")
@with_appcontext
def set_password_command(username: str, password: str) -> None:
    """Set a new password (the user's open sessions end)."""
    account = get_accounts(current_app).by_username(username)
    if account is None:
        raise click.ClickException("No such account.")
    try:
        set_password(current_app, account, password)
    except AccountError as refused:
        raise click.ClickException(message(refused)) from None
    click.echo(f"Password of {username} changed.")


@users.command("disable")
@click.argument("username")
@with_appcontext
def disable(username: str) -> None:
    """Disable an account (its open sessions end)."""
    store = get_accounts(current_app)
    account = store.by_username(username)
    if account is None:
        raise click.ClickException("No such account.")
    store.set_active(account.id, False)
    click.echo(f"Account {username} disabled.")


@users.command("token")
@click.argument("username")
@click.option("--name", default="api", show_default=True, help="What the token is for.")
@with_appcontext
def token(username: str, name: str) -> None:
    """Create an API token for a user; the secret is shown this once."""
    store = get_accounts(current_app)
    account = store.by_username(username)
    if account is None:
        raise click.ClickException("No such account.")
    token_id, secret = store.create_token(account.id, name)
    click.echo(f"Token {token_id} for {username}: {secret}")
    click.echo("Send it as 'Authorization: Bearer <token>'. It is stored hashed; keep it now.")


@users.command("revoke-token")
@click.argument("token_id")
@with_appcontext
def revoke_token(token_id: str) -> None:
    """Revoke an API token (by the id `rekam users token` printed)."""
    try:
        get_accounts(current_app).revoke_token(token_id)
    except AccountError:
        raise click.ClickException("No such token.") from None
    click.echo(f"Token {token_id} revoked.")
