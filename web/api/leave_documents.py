"""The API's operations on the documents of leave requests (a sick-leave certificate is health
data, UU PDP), with the pages' checks and access records (web/hr/leave_documents.py,
web/self_service/leave_documents.py):

- the employee lists, uploads (multipart) and downloads the documents of their own requests
  (/api/v1/me/leave-requests/<id>/documents);
- HR officers of the employee's agency and the government's HR administrator, in their scope,
  list and download them and hand one in on the employee's behalf, as when a certificate
  arrives on paper (/api/v1/leave-requests/<id>/documents). Auditors and the direct superior
  do not open them.
"""

from __future__ import annotations

from typing import Any

from flask.typing import ResponseReturnValue
from marshmallow import Schema, fields, validate

from domain.document import DocumentKind
from domain.errors import DomainError
from domain.leave_request import LeaveRequest
from web.access import EMPLOYEES, WRITERS, roles_required
from web.api.documents import DocumentUploadSchema, file_refused
from web.api.routes import blp
from web.api.schemas import ProblemSchema
from web.hr.leave_attachments import (
    LEAVE_DOCUMENT_KINDS,
    attach_upload,
    document_response,
    leave_request,
)
from web.hr.leave_queue import waiting as request_in_scope
from web.self_service.leave import own_request


class LeaveDocumentKindSchema(Schema):
    kind = fields.String(load_default=DocumentKind.CERTIFICATE.value, validate=validate.OneOf(
        [k.value for k in LEAVE_DOCUMENT_KINDS]), metadata={
        "description": "certificate (a doctor's, for sick leave) or other"})


class LeaveDocumentSchema(Schema):
    sha256 = fields.String(metadata={"description": "SHA-256 of the file, as in the log"})
    kind = fields.String()
    media_type = fields.String()
    size = fields.Integer()
    attached_on = fields.String()
    url = fields.String(metadata={"description": "its download (each opening is recorded)"})


def _listed(leave: LeaveRequest, base: str) -> list[dict[str, Any]]:
    return [{"sha256": d.sha256, "kind": d.kind.value, "media_type": d.media_type,
             "size": d.size, "attached_on": d.effective_on.isoformat(),
             "url": f"{base}/{d.sha256}"} for d in leave.documents]


def _attach(leave: LeaveRequest, upload: Any, kind: str, base: str) -> tuple[Any, int]:
    """Attach the upload; 422 at `file` when the file is refused (nothing written)."""
    try:
        sha256 = attach_upload(leave.id, upload, DocumentKind(kind))
    except DomainError as refused:
        file_refused(refused)
    (listed,) = [d for d in _listed(leave_request(leave.id.hex), base) if d["sha256"] == sha256]
    return listed, 201


# -- the employee's own ------------------------------------------------------------------------

def _own(request_id: str) -> tuple[LeaveRequest, str]:
    row = own_request(request_id)  # 404 for anyone else's request, or for no request
    return leave_request(row["id"]), f"/api/v1/me/leave-requests/{row['id']}/documents"


@blp.route("/me/leave-requests/<request_id>/documents")
@blp.response(200, LeaveDocumentSchema(many=True))
@blp.alt_response(404, schema=ProblemSchema)
@roles_required(*EMPLOYEES)
def my_leave_documents(request_id: str) -> list[dict[str, Any]]:
    """The documents handed in with one of the caller's own leave requests."""
    leave, base = _own(request_id)
    return _listed(leave, base)


@blp.route("/me/leave-requests/<request_id>/documents", methods=["POST"])
@blp.arguments(LeaveDocumentKindSchema, location="form")
@blp.arguments(DocumentUploadSchema, location="files")
@blp.response(201, LeaveDocumentSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(413, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*EMPLOYEES)
def attach_my_leave_document(form: dict[str, Any], files: dict[str, Any],
                             request_id: str) -> tuple[Any, int]:
    """Hand in a certificate or other document (PDF, JPEG or PNG, at most 5 MB) for one's own
    request while it is open or granted; its SHA-256 is recorded in an event."""
    leave, base = _own(request_id)
    return _attach(leave, files["file"], form["kind"], base)


@blp.route("/me/leave-requests/<request_id>/documents/<sha256>")
@blp.response(200, description="the document, as an attachment")
@blp.alt_response(404, schema=ProblemSchema)
@roles_required(*EMPLOYEES)
def my_leave_document(request_id: str, sha256: str) -> ResponseReturnValue:
    """Download a document of one's own request (the opening is recorded)."""
    leave, _base = _own(request_id)
    return document_response(leave, sha256)


# -- HR in its scope ---------------------------------------------------------------------------

def _in_scope(request_id: str) -> tuple[LeaveRequest, str]:
    row = request_in_scope(request_id)  # 404 outside the caller's scope
    return leave_request(row["id"]), f"/api/v1/leave-requests/{row['id']}/documents"


@blp.route("/leave-requests/<request_id>/documents")
@blp.response(200, LeaveDocumentSchema(many=True))
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@roles_required(*WRITERS)
def leave_documents(request_id: str) -> list[dict[str, Any]]:
    """The documents of a leave request in the caller's scope."""
    leave, base = _in_scope(request_id)
    return _listed(leave, base)


@blp.route("/leave-requests/<request_id>/documents", methods=["POST"])
@blp.arguments(LeaveDocumentKindSchema, location="form")
@blp.arguments(DocumentUploadSchema, location="files")
@blp.response(201, LeaveDocumentSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(413, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*WRITERS)
def attach_leave_document(form: dict[str, Any], files: dict[str, Any],
                          request_id: str) -> tuple[Any, int]:
    """Hand in a document on the employee's behalf (a certificate that came on paper)."""
    leave, base = _in_scope(request_id)
    return _attach(leave, files["file"], form["kind"], base)


@blp.route("/leave-requests/<request_id>/documents/<sha256>")
@blp.response(200, description="the document, as an attachment")
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@roles_required(*WRITERS)
def leave_document(request_id: str, sha256: str) -> ResponseReturnValue:
    """Download a document of a leave request in the caller's scope (the opening recorded)."""
    leave, _base = _in_scope(request_id)
    return document_response(leave, sha256)
