"""Activation codes for employee accounts, issued by HR from the employee's page.

The code is shown once, to the officer who hands it to the employee; only its SHA-256 is
stored, it expires after `ACTIVATION_DAYS`, and the employee spends it at /aktivasi to open
an account linked to their record. Issuing a new code ends any unused earlier one.
"""

from __future__ import annotations

from flask import current_app, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from web.access import WRITERS, check_writable, roles_required
from web.accounts.manage import message
from web.accounts.store import AccountError, get_accounts
from web.hr.routes import bp, load_employee

ACTIVATION_DAYS = 7


@bp.post("/employees/<employee_id>/aktivasi")
@roles_required(*WRITERS)
def issue_activation(employee_id: str) -> ResponseReturnValue:
    """A new one-time code for the employee's account (refused when they already have one)."""
    _projections, row = load_employee(employee_id)
    check_writable(row["government_id"], row["agency_id"])
    try:
        code = get_accounts(current_app).issue_activation(
            employee_id=row["employee_id"], government_id=row["government_id"],
            agency_id=row["agency_id"], issued_by=current_user.account.id,
            valid_seconds=ACTIVATION_DAYS * 86400)
    except AccountError as refused:
        return render_template("hr/activation.html", row=row, error=message(refused)), 409
    return render_template("hr/activation.html", row=row, code=code, days=ACTIVATION_DAYS)
