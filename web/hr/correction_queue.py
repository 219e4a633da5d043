"""HR's queue of employees' correction requests (/hr/permintaan-koreksi) and the decisions.

HR officers see the requests of their agency's employees, HR administrators those of their
government; approving records the personal-data correction on the employee's record in the
same transaction, refusing needs a reason the employee reads. A request outside the scope
answers 404, as an employee outside it does.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from domain.errors import DomainError
from projections.views.correction_requests import request_row, waiting_requests
from web import catch_up_views, get_service
from web.access import WRITERS, check_writable, roles_required, scope
from web.hr.routes import bp
from web.self_service.desk import opened_request
from web.self_service.forms import RefusalForm
from web.ui import language


def _queue(status: int = 200, problem: tuple[str, str] | None = None,
           refusal: RefusalForm | None = None) -> ResponseReturnValue:
    rows = [opened_request(r) for r in waiting_requests(catch_up_views(current_app), scope())]
    return render_template("hr/correction_queue.html", rows=rows, problem=problem,
                           refusal=refusal), status


@bp.get("/permintaan-koreksi")
@roles_required(*WRITERS)
def correction_queue() -> ResponseReturnValue:
    """The requests waiting for a decision, oldest first."""
    return _queue()


def waiting_request(request_id: str) -> dict[str, Any]:
    """A request in the user's scope (404 otherwise, or when it is not a request at all)."""
    try:
        UUID(hex=request_id)
    except ValueError:
        abort(404)
    row = request_row(catch_up_views(current_app), UUID(hex=request_id).hex)
    if row is None:
        abort(404)
    check_writable(row["government_id"], row["agency_id"])
    return row


def decide(request_id: str, *, approve: bool, reason: str = "") -> None:
    """Approve or refuse the request as the logged-in user (DomainError when refused)."""
    requests = get_service(current_app).correction_requests
    if approve:
        requests.approve_correction(UUID(request_id), actor=current_user.actor)
    else:
        requests.refuse_correction(UUID(request_id), reason=reason, actor=current_user.actor)


@bp.post("/permintaan-koreksi/<request_id>/setujui")
@roles_required(*WRITERS)
def approve_correction(request_id: str) -> ResponseReturnValue:
    """Record the asked-for value on the record; the request is closed as approved."""
    row = waiting_request(request_id)
    try:
        decide(row["id"], approve=True)
    except DomainError as refused:
        return _queue(422, (row["id"], refused.message(language())))
    flash(_("The correction was approved and recorded."))
    return redirect(url_for("hr.correction_queue"))


@bp.post("/permintaan-koreksi/<request_id>/tolak")
@roles_required(*WRITERS)
def refuse_correction(request_id: str) -> ResponseReturnValue:
    """Close the request without a change; a reason is required."""
    row = waiting_request(request_id)
    form = RefusalForm()
    if not form.validate():
        return _queue(422, (row["id"], "; ".join(str(e) for e in form.reason.errors)), form)
    try:
        decide(row["id"], approve=False, reason=form.reason.data)
    except DomainError as refused:
        return _queue(422, (row["id"], refused.message(language())), form)
    flash(_("The request was refused."))
    return redirect(url_for("hr.correction_queue"))
