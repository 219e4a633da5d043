"""What HR's and the employee's pages of leave-request documents share: the upload form, the
reading of an upload, and the download with its access record (the routes are in
web/hr/leave_documents.py and web/self_service/leave_documents.py).
"""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from flask import abort, current_app, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.wrappers import Response
from wtforms import SelectField

from domain.audit import AccessKind
from domain.document import DocumentKind
from domain.document_content import MAX_DOCUMENT_BYTES, MEDIA_TYPES
from domain.errors import DomainError
from domain.leave_request import LeaveRequest
from web import get_service
from web.audit.access_log import record_lookup
from web.hr.forms import options
from web.ui import language

LEAVE_DOCUMENT_KINDS = {DocumentKind.CERTIFICATE: _l("Doctor's certificate"),
                        DocumentKind.OTHER: _l("Other supporting document")}
_SHA256 = re.compile(r"[0-9a-f]{64}")


class LeaveDocumentForm(FlaskForm):
    """One document for one leave request."""

    file = FileField(_l("Document (PDF, JPEG or PNG, at most 5 MB)"))
    kind = SelectField(_l("Kind of document"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = options((k.value, label) for k, label in
                                    LEAVE_DOCUMENT_KINDS.items())


def read_upload(upload: Any) -> bytes | None:
    """At most the limit plus one byte of an uploaded file (None when no file was sent)."""
    if upload is None or not getattr(upload, "filename", ""):
        return None
    try:
        return bytes(upload.read(MAX_DOCUMENT_BYTES + 1))
    finally:
        upload.close()  # a large upload is spooled to a temporary file


def attach_upload(request_id: UUID, upload: Any, kind: DocumentKind) -> str:
    """Attach an uploaded file to the request; DomainError at `file` when it is refused."""
    data = read_upload(upload)
    if data is None:
        raise DomainError("DOCUMENT_EMPTY", field="file")
    return get_service(current_app).documents.attach_to_leave(
        request_id=request_id, data=data, media_type=upload.mimetype or None, kind=kind,
        actor=current_user.actor)


def receive_upload(leave: LeaveRequest, form: LeaveDocumentForm) -> int | None:
    """The POST of the upload form: None once the file is attached, else 422 with the refusal
    at the file's field (nothing written); 200 for a GET."""
    if request.method != "POST":
        return 200
    if not form.validate():
        return 422
    try:
        attach_upload(leave.id, form.file.data, chosen_kind(form.kind.data))
    except DomainError as refused:
        form.file.errors = [refused.message(language())]
        return 422
    return None


def chosen_kind(value: str | None) -> DocumentKind:
    try:
        kind = DocumentKind(value)
    except ValueError:
        return DocumentKind.OTHER
    return kind if kind in LEAVE_DOCUMENT_KINDS else DocumentKind.OTHER


def leave_request(request_id: str) -> LeaveRequest:
    return get_service(current_app).leave.get(UUID(hex=request_id))


def document_response(request: LeaveRequest, sha256: str) -> Response:
    """The clear document as a download, its opening recorded; 404 when it is not the
    request's (or no longer readable, after an erasure)."""
    if not _SHA256.fullmatch(sha256):
        abort(404)
    opened = get_service(current_app).documents.open_leave_document(request, sha256)
    if opened is None:
        abort(404)
    record_lookup(AccessKind.DOCUMENT_OPENED, [request.employee_id])
    name = f"lampiran-cuti-{sha256[:12]}.{MEDIA_TYPES[opened.media_type]}"
    return Response(opened.data, mimetype=opened.media_type, headers={
        "Content-Disposition": f'attachment; filename="{name}"',
        "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})
