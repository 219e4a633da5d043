"""The employee's documents of their own leave requests: the list and the upload of a
certificate or other document after asking (/saya/cuti/<id>/dokumen), and the download of
their own (each opening recorded, as HR's are: web/hr/leave_documents.py)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from domain.leave_request import LeaveRequest
from web.access import EMPLOYEES, roles_required
from web.hr.leave_attachments import (
    LEAVE_DOCUMENT_KINDS,
    LeaveDocumentForm,
    document_response,
    leave_request,
    receive_upload,
)
from web.self_service.leave import own_request
from web.self_service.routes import bp


def _own(request_id: str) -> LeaveRequest:
    row = own_request(request_id)
    return leave_request(row["id"])


@bp.route("/saya/cuti/<request_id>/dokumen", methods=["GET", "POST"])
@roles_required(*EMPLOYEES)
def leave_documents(request_id: str) -> ResponseReturnValue:
    """The documents of one's own request, and a form to hand in another."""
    leave = _own(request_id)
    form = LeaveDocumentForm()
    status = receive_upload(leave, form)
    if status is None:
        flash(_("The document was attached to your request."))
        return redirect(url_for("desk.leave_documents", request_id=leave.id.hex))
    return render_template(
        "self_service/leave_documents.html", leave=leave, form=form, documents=leave.documents,
        kinds=LEAVE_DOCUMENT_KINDS, document_url=lambda sha256: url_for(
            "desk.leave_document", request_id=leave.id.hex, sha256=sha256)), status


@bp.get("/saya/cuti/<request_id>/dokumen/<sha256>")
@roles_required(*EMPLOYEES)
def leave_document(request_id: str, sha256: str) -> ResponseReturnValue:
    """Download a document of one's own request."""
    return document_response(_own(request_id), sha256)
