"""Leave on the employee's desk: their balances and requests, asking for leave and cancelling
it (/saya/cuti), and the direct superior's queue (/saya/atasan) with its consideration.

An employee reaches only their own requests and, as a superior, the waiting requests of the
employees their post may consider (domain/leave_authority.py); any other request answers 404.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from domain.document import DocumentKind
from domain.errors import DomainError
from domain.leave_regulations import LeaveType
from domain.leave_request import Recommendation
from domain.leave_rules import SickCertificate
from projections.views.leave import request_row, waiting_for_superior
from web import catch_up_views, get_service
from web.access import EMPLOYEES, own_employee_id, roles_required
from web.hr.leave_attachments import read_upload
from web.self_service.desk import superior_scope
from web.self_service.forms import ConsiderationForm, LeaveRequestForm
from web.self_service.routes import bp
from web.ui import language

ASKED_FIELDS = ("leave_type", "start_on", "end_on", "ground", "child_order", "certificate",
                "file", "address", "reason")


@bp.route("/saya/cuti", methods=["GET", "POST"])
@roles_required(*EMPLOYEES)
def ask_leave() -> ResponseReturnValue:
    """Ask for leave; the request goes to the direct superior, then the official."""
    employee_id = own_employee_id()
    form = LeaveRequestForm()
    if request.method == "GET":
        return render_template("self_service/leave_request.html", form=form)
    if not form.validate():
        return render_template("self_service/leave_request.html", form=form), 422
    service, leave_type = get_service(current_app), LeaveType(form.leave_type.data)
    upload = form.file.data
    try:
        data = read_upload(upload)
        with service.batch():  # the request and its document: saved together or not at all
            request_id = service.leave.request_leave(
                UUID(employee_id), leave_type=leave_type,
                start_on=form.start_on.data, end_on=form.end_on.data,
                ground=form.ground.data or None, child_order=form.child_order.data,
                certificate=SickCertificate[form.certificate.data or "NONE"],
                address=form.address.data or None, reason=form.reason.data or None,
                actor=current_user.actor)
            if data is not None:
                service.documents.attach_to_leave(
                    request_id=request_id, data=data, media_type=upload.mimetype or None,
                    kind=(DocumentKind.CERTIFICATE if leave_type is LeaveType.SICK
                          else DocumentKind.OTHER), actor=current_user.actor)
    except DomainError as refused:
        show_at_fields(form, refused, ASKED_FIELDS)
        return render_template("self_service/leave_request.html", form=form), 422
    flash(_("Your leave request was sent to your superior."))
    return redirect(url_for("desk.home"))


@bp.post("/saya/cuti/<request_id>/batal")
@roles_required(*EMPLOYEES)
def cancel_leave(request_id: str) -> ResponseReturnValue:
    """Cancel one's own request before the leave is taken."""
    row = own_request(request_id)
    try:
        get_service(current_app).leave.cancel_leave(UUID(row["id"]), actor=current_user.actor)
    except DomainError as refused:
        flash(refused.message(language()), "error")
        return redirect(url_for("desk.home"))
    flash(_("Your leave request was cancelled."))
    return redirect(url_for("desk.home"))


@bp.get("/saya/atasan")
@roles_required(*EMPLOYEES)
def superior_queue() -> ResponseReturnValue:
    """Requests waiting for the employee's consideration as direct superior, by due date."""
    return _superior_page(own_employee_id())


@bp.post("/saya/atasan/<request_id>/pertimbangan")
@roles_required(*EMPLOYEES)
def consider_leave(request_id: str) -> ResponseReturnValue:
    """Recommend the leave, or recommend deferring it (the official then decides)."""
    employee_id = own_employee_id()
    row = waiting_for_me(employee_id, request_id)
    form = ConsiderationForm()
    if not form.validate():
        return _superior_page(employee_id, form, row["id"], 422)
    try:
        get_service(current_app).leave.consider_leave(
            UUID(row["id"]), recommendation=Recommendation(form.recommendation.data),
            superior_id=UUID(employee_id), reason=form.reason.data or None,
            actor=current_user.actor)
    except DomainError as refused:
        show_at_fields(form, refused, ("recommendation", "reason"))
        return _superior_page(employee_id, form, row["id"], 422)
    flash(_("Your consideration was recorded; the request goes to the official."))
    return redirect(url_for("desk.superior_queue"))


def _superior_page(employee_id: str, form: ConsiderationForm | None = None,
                   failed_id: str | None = None, status: int = 200) -> ResponseReturnValue:
    return render_template("self_service/superior_queue.html", rows=waiting_list(employee_id),
                           form=form, failed_id=failed_id,
                           is_superior=superior_scope(employee_id) is not None), status


def waiting_list(employee_id: str) -> list[dict[str, Any]]:
    found = superior_scope(employee_id)
    if found is None:
        return []
    agency_id, types, includes_none = found
    return waiting_for_superior(catch_up_views(current_app), agency_id, types, includes_none,
                                employee_id)


def waiting_for_me(employee_id: str, request_id: str) -> dict[str, Any]:
    """A request waiting for the employee's consideration as its direct superior (404 for any
    other request, whoever's it is)."""
    row = _request(request_id)
    if row["id"] not in {r["id"] for r in waiting_list(employee_id)}:
        abort(404)
    return row


def own_request(request_id: str) -> dict[str, Any]:
    """One of the employee's own requests (404 for anyone else's, or for no request)."""
    row = _request(request_id)
    if row["employee_id"] != own_employee_id():
        abort(404)
    return row


def _request(request_id: str) -> dict[str, Any]:
    try:
        key = UUID(hex=request_id).hex
    except ValueError:
        abort(404)
    row = request_row(catch_up_views(current_app), key)
    if row is None:
        abort(404)
    return row


def show_at_fields(form: Any, refused: DomainError, fields: tuple[str, ...]) -> None:
    """Every refusal at the field it names, the others above the form."""
    for problem in refused.problems:
        shown = problem.message(language())
        name = {"legal_basis": "legal_number"}.get(problem.field or "", problem.field)
        if name in fields and name in form:
            form[name].errors = [*form[name].errors, shown]
        else:
            form.form_errors.append(shown)
