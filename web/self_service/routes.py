"""The employee's own desk: /saya (their record and requests), /saya/cetak (printable),
/saya/koreksi (ask for a correction), and /aktivasi (open an account with HR's code).

Every desk page reads the one record linked to the logged-in employee account
(`own_employee_id`); no page takes an employee id from the URL, so there is nobody else's
record to ask for.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from domain.errors import DomainError
from projections.views import hr_queries
from web import catch_up_views
from web.access import EMPLOYEES, own_employee_id, roles_required
from web.accounts.manage import activate_account, message
from web.accounts.store import AccountError, get_accounts
from web.accounts.throttle import LoginThrottle
from web.decrees.printing import is_printable, petikan_response
from web.hr.labels import choice_label, detail_items, kind_label, status_label
from web.hr.leave_labels import template_helpers as leave_helpers
from web.self_service.desk import ask_correction, load_desk
from web.self_service.forms import ActivationForm, CorrectionRequestForm
from web.settings import get_settings
from web.ui import language

bp = Blueprint("desk", __name__)


@bp.context_processor
def helpers() -> dict[str, Any]:
    return {"choice_label": choice_label, "kind_label": kind_label,
            "detail_items": detail_items, "status_label": status_label, "can_write": False,
            "petikan_link": _petikan_link, **leave_helpers()}


def _petikan_link(row: dict[str, Any], entry: Any) -> str | None:
    return url_for("desk.decree_pdf", version=entry.version) if is_printable(row, entry) else None


@bp.get("/saya")
@roles_required(*EMPLOYEES)
def home() -> ResponseReturnValue:
    """Today's state, training this year, appraisals, requests and the full timeline."""
    return render_template("self_service/desk.html", desk=load_desk(own_employee_id(),
                                                                    date.today()))


@bp.get("/saya/cetak")
@roles_required(*EMPLOYEES)
def printable() -> ResponseReturnValue:
    """The same record laid out for printing (or saving as PDF from the browser)."""
    return render_template("self_service/print.html", desk=load_desk(own_employee_id(),
                                                                     date.today()),
                           printed_on=date.today())


@bp.get("/saya/sk/<int:version>.pdf")
@roles_required(*EMPLOYEES)
def decree_pdf(version: int) -> ResponseReturnValue:
    """The petikan SK of one of the employee's own decrees (404 when the entry has none)."""
    projections = catch_up_views(current_app)
    row = hr_queries.employee_row(projections, own_employee_id())
    if row is None:
        abort(404)
    return petikan_response(projections, row, version)


@bp.route("/saya/koreksi", methods=["GET", "POST"])
@roles_required(*EMPLOYEES)
def correction() -> ResponseReturnValue:
    """Ask HR to correct one field of the employee's personal data."""
    employee_id = own_employee_id()
    form = CorrectionRequestForm()
    if request.method == "GET":
        return render_template("self_service/correction.html", form=form)
    if not form.validate():
        return render_template("self_service/correction.html", form=form), 422
    try:
        ask_correction(employee_id, field_name=form.field_name.data, value=form.value.data,
                       reason=form.reason.data, actor=current_user.actor)
    except DomainError as refused:
        target = refused.field if refused.field in ("field_name", "value", "reason") else None
        shown = refused.message(language())
        if target is None:
            form.form_errors.append(shown)
        else:
            form[target].errors = [*form[target].errors, shown]
        return render_template("self_service/correction.html", form=form), 422
    flash(_("Your request was sent to HR."))
    return redirect(url_for("desk.home"))


@bp.route("/aktivasi", methods=["GET", "POST"])
def activate() -> ResponseReturnValue:
    """Open an employee account with the one-time code from HR: choose username and password.

    Wrong codes count as failed logins of the address (web/accounts/throttle.py), so codes
    cannot be guessed faster than passwords.
    """
    form = ActivationForm()
    if request.method == "GET":
        return render_template("self_service/activate.html", form=form)
    if not form.validate():
        return render_template("self_service/activate.html", form=form), 422
    store, settings = get_accounts(current_app), get_settings(current_app).staff
    throttle = LoginThrottle(store, settings, "aktivasi", request.remote_addr or "-")
    wait = throttle.refused_for()
    if wait:
        form.code.errors = [ngettext("Too many wrong codes. Try again in %(num)d minute.",
                                     "Too many wrong codes. Try again in %(num)d minutes.",
                                     (wait + 59) // 60)]
        return render_template("self_service/activate.html", form=form), 429
    try:
        activate_account(current_app, code=form.code.data, username=form.username.data,
                         password=form.password.data)
    except AccountError as refused:
        if refused.key == "code_invalid":
            throttle.failed()
        field = {"code_invalid": "code", "username_invalid": "username",
                 "username_taken": "username", "employee_has_account": "code"}.get(
                     refused.key, "password")
        form[field].errors = [message(refused)]
        return render_template("self_service/activate.html", form=form), 422
    flash(_("Your account is ready. Log in with your new username and password."))
    return redirect(url_for("auth.login"))
