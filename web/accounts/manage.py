"""Creating accounts and changing passwords: rules shared by `rekam users` and the admin page."""

from __future__ import annotations

from flask import Flask
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from domain.values import Role
from projections.views import hr_queries
from web import catch_up_views
from web.accounts.passwords import MINIMUM_LENGTH, hash_password, weakness
from web.accounts.store import Account, AccountError, get_accounts
from web.settings import get_settings
from web.ui import is_demo

# By `AccountError.key`. Outside a request (the `rekam users` commands) they come out in English.
MESSAGES: dict[str, LazyString] = {
    "username_invalid": _l("Usernames are 3–64 characters: lower-case letters, digits, dots, "
                           "underscores or hyphens."),
    "username_taken": _l("That username is taken."),
    "role_invalid": _l("Unknown role."),
    "agency_required": _l("An HR officer must belong to one agency."),
    "government_required": _l("An HR administrator must belong to one government."),
    "not_found": _l("No such account."),
    "employee_required": _l("An employee account must be linked to one employee record."),
    "employee_has_account": _l("This employee already has an account."),
    "code_invalid": _l("The activation code is wrong, already used or expired. Ask your HR "
                       "officer for a new one."),
    "too_short": _l("The password must have at least %(count)s characters.",
                    count=MINIMUM_LENGTH),
    "email_invalid": _l("Write one e-mail address, like nama@example.go.id."),
    "too_common": _l("The password is too common or easy to guess (for example it contains the "
                     "username); choose a longer passphrase."),
}


def message(error: AccountError) -> str:
    return str(MESSAGES.get(error.key, error.key))


def check_password(app: Flask, username: str, password: str) -> None:
    """Refuse a weak password, except in demo mode (whose accounts all use `demo`)."""
    if is_demo(app):
        return
    problem = weakness(password, username)
    if problem:
        raise AccountError(problem)


def add_account(app: Flask, *, username: str, password: str, role: Role,
                agency_id: str | None = None, government_id: str | None = None) -> Account:
    """Create an account; an officer's government is the one of their agency."""
    check_password(app, username, password)
    if role is Role.HR_OFFICER:
        found = (hr_queries.agency(catch_up_views(app), agency_id) if agency_id else None)
        if found is None:
            raise AccountError("agency_required")
        government_id = found["government_id"]
    elif role is Role.HR_ADMIN and government_id:
        known = {a["government_id"] for a in hr_queries.agencies(catch_up_views(app),
                                                                hr_queries.Scope())}
        if government_id not in known:
            raise AccountError("government_required")
    return get_accounts(app).add(username=username, password_hash=_hash(app, password),
                                 role=role, government_id=government_id, agency_id=agency_id)


def add_employee_account(app: Flask, *, username: str, password: str,
                         employee_id: str) -> Account:
    """Create the account of an employee (`rekam users add --employee NIP`)."""
    check_password(app, username, password)
    row = hr_queries.employee_row(catch_up_views(app), employee_id)
    if row is None:
        raise AccountError("employee_required")
    return get_accounts(app).add(username=username, password_hash=_hash(app, password),
                                 role=Role.EMPLOYEE, government_id=row["government_id"],
                                 agency_id=row["agency_id"], employee_id=employee_id)


def activate_account(app: Flask, *, code: str, username: str, password: str) -> Account:
    """Open an employee account with the one-time code HR issued (checked before the
    password is hashed, and again, with the spending of the code, when the account is made)."""
    store = get_accounts(app)
    if not store.check_activation(code):
        raise AccountError("code_invalid")
    check_password(app, username, password)
    return store.activate(code, username=username, password_hash=_hash(app, password))


def set_password(app: Flask, account: Account, password: str) -> None:
    check_password(app, account.username, password)
    get_accounts(app).set_password(account.id, _hash(app, password))


def _hash(app: Flask, password: str) -> str:
    return hash_password(password, fast=get_settings(app).staff.is_fast_hashing)
