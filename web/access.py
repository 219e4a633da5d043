"""Who may see and do what: every HR page and API operation goes through these checks.

HR officers see and act on their own agency, HR administrators on every agency of their
government, auditors see everything and act on nothing, system administrators manage users and
see no personnel data, employees see their own record only (web/self_service/). An employee or
agency outside the user's scope answers 404, so its existence is not revealed; an allowed read
with a refused write answers 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort
from flask_login import current_user, login_required

from domain.values import Role
from projections.views.hr_queries import Scope

F = TypeVar("F", bound=Callable[..., Any])

READERS = (Role.HR_OFFICER, Role.HR_ADMIN, Role.AUDITOR)
WRITERS = (Role.HR_OFFICER, Role.HR_ADMIN)
EMPLOYEES = (Role.EMPLOYEE,)  # their own desk (/saya) and /api/v1/me only


def roles_required(*roles: Role) -> Callable[[F], F]:
    """Login required, and one of `roles` (403 otherwise)."""

    def decorate(view: F) -> F:
        @wraps(view)
        def checked(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return cast(F, login_required(checked))

    return decorate


def scope() -> Scope:
    """The part of the roster the current user may read."""
    account = current_user.account
    if account.role is Role.HR_OFFICER:
        return Scope(government_id=account.government_id, agency_id=account.agency_id)
    if account.role is Role.HR_ADMIN:
        return Scope(government_id=account.government_id)
    if account.role is Role.AUDITOR:
        return Scope()
    abort(403)


def check_readable(government_id: str | None, agency_id: str | None) -> None:
    """404 unless the record (of this government and agency) is in the user's scope."""
    if not scope().admits(government_id, agency_id):
        abort(404)


def check_writable(government_id: str | None, agency_id: str | None) -> None:
    """As `check_readable`, and 403 for a role that only reads."""
    check_readable(government_id, agency_id)
    if current_user.role not in WRITERS:
        abort(403)


def own_employee_id() -> str:
    """The record the logged-in employee may read (403 for any other role)."""
    account = current_user.account
    if account.role is not Role.EMPLOYEE or not account.employee_id:
        abort(403)
    return str(account.employee_id)
