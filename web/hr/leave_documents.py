"""Documents of leave requests (a sick-leave certificate is health data, UU PDP): HR's list,
download and upload on the employee's behalf per request (/hr/cuti/<id>/dokumen).

Who opens them: the deciding official (the government's HR administrator) and the HR officers
of the employee's agency, in their scope, and the employee their own
(web/self_service/leave_documents.py); every opening is an access record (`document_opened`).
Auditors do not open them (their role is refused), and the direct superior who considers the
request sees that a document was handed in but not its content: the consideration is about
the service's need, the certificate is for the official.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from web.access import WRITERS, roles_required
from web.hr.leave_attachments import (
    LEAVE_DOCUMENT_KINDS,
    LeaveDocumentForm,
    document_response,
    leave_request,
    receive_upload,
)
from web.hr.leave_queue import waiting
from web.hr.routes import bp


@bp.route("/cuti/<request_id>/dokumen", methods=["GET", "POST"])
@roles_required(*WRITERS)
def leave_documents(request_id: str) -> ResponseReturnValue:
    """The documents handed in with a leave request in the user's scope, and a form to hand
    one in on the employee's behalf (a certificate that came on paper) while the request is
    open or granted."""
    row = waiting(request_id)
    leave = leave_request(row["id"])
    form = LeaveDocumentForm()
    status = receive_upload(leave, form)
    if status is None:
        flash(_("The document was attached to the request."))
        return redirect(url_for("hr.leave_documents", request_id=row["id"]))
    return render_template(
        "hr/leave_documents.html", row=row, documents=leave.documents,
        form=form if leave.is_open or leave.is_granted or status == 422 else None,
        kinds=LEAVE_DOCUMENT_KINDS,
        document_url=lambda sha256: url_for("hr.leave_document", request_id=row["id"],
                                            sha256=sha256)), status


@bp.get("/cuti/<request_id>/dokumen/<sha256>")
@roles_required(*WRITERS)
def leave_document(request_id: str, sha256: str) -> ResponseReturnValue:
    """Download one document of a leave request (each opening recorded)."""
    row = waiting(request_id)
    return document_response(leave_request(row["id"]), sha256)
