"""Scans attached to timeline entries: HR's upload form per entry and the download, for staff
in scope; every opening is recorded (domain/audit.py, kind `document_opened`).

The upload is one step, not the runner's form → dry run → confirm: the confirmation would have
to carry the file again, and attaching only adds a checked scan (it changes no state and needs
no review of consequences). A refusal shows its message at the file field and writes nothing.
"""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
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
from web import get_service
from web.access import READERS, WRITERS, check_readable, check_writable, roles_required
from web.audit.access_log import record_lookup
from web.hr.forms import options
from web.hr.routes import bp, load_employee
from web.ui import language

KIND_LABELS = {DocumentKind.DECREE: _l("Decree (SK)"),
               DocumentKind.CERTIFICATE: _l("Certificate"), DocumentKind.OTHER: _l("Other")}
_SHA256 = re.compile(r"[0-9a-f]{64}")


class DocumentForm(FlaskForm):
    """One scan for one timeline entry."""

    file = FileField(_l("Scan (PDF, JPEG or PNG, at most 5 MB)"))
    kind = SelectField(_l("Kind of document"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = options((k.value, label) for k, label in KIND_LABELS.items())


def attach_upload(employee_id: UUID, version: int, upload: Any, kind: str) -> str:
    """Read at most the limit of an uploaded file and attach it; DomainError on refusal."""
    if upload is None or not getattr(upload, "filename", ""):
        raise DomainError("DOCUMENT_EMPTY", field="file")
    try:
        data = upload.read(MAX_DOCUMENT_BYTES + 1)
    finally:
        upload.close()  # a large upload is spooled to a temporary file
    try:
        chosen = DocumentKind(kind)
    except ValueError:
        chosen = DocumentKind.OTHER
    return get_service(current_app).documents.attach(
        employee_id=employee_id, target_version=version, data=data,
        media_type=upload.mimetype or None, kind=chosen, actor=current_user.actor)


def document_response(row: dict[str, Any], sha256: str, version: int | None = None
                      ) -> Response:
    """The clear scan as a download, its opening recorded; 404 when it is not there (or not
    attached to entry `version`, when given)."""
    if not _SHA256.fullmatch(sha256):
        abort(404)
    employee_id = UUID(row["employee_id"])
    opened = get_service(current_app).documents.open(employee_id, sha256)
    if opened is None or version not in (None, opened.target_version):
        abort(404)
    record_lookup(AccessKind.DOCUMENT_OPENED, [employee_id])
    name = f"dokumen-v{opened.target_version}-{sha256[:12]}.{MEDIA_TYPES[opened.media_type]}"
    return Response(opened.data, mimetype=opened.media_type, headers={
        "Content-Disposition": f'attachment; filename="{name}"',
        "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})


@bp.route("/employees/<employee_id>/timeline/<int:version>/dokumen", methods=["GET", "POST"])
@roles_required(*WRITERS)
def attach_document(employee_id: str, version: int) -> ResponseReturnValue:
    """Attach a scan (decree, certificate) to timeline entry `version`."""
    # CSRF protection parses the body before this view, so the app's limit (16 MB) bounds it;
    # the scan itself is read to the document limit plus one byte and refused above it.
    _projections, row = load_employee(employee_id)
    check_writable(row["government_id"], row["agency_id"])
    form, status = DocumentForm(), 200
    if form.validate_on_submit():
        try:
            attach_upload(UUID(row["employee_id"]), version, form.file.data, form.kind.data)
        except DomainError as refused:
            if refused.code == "DOCUMENT_ENTRY_UNKNOWN":
                abort(404)
            form.file.errors = [refused.message(language())]
            status = 422
        else:
            flash(_("The document was attached."))
            return redirect(url_for("hr.employee", employee_id=row["employee_id"]))
    elif request.method == "POST":
        status = 422
    return render_template("hr/document_form.html", row=row, version=version, form=form), status


@bp.get("/employees/<employee_id>/dokumen/<sha256>")
@roles_required(*READERS)
def document(employee_id: str, sha256: str) -> ResponseReturnValue:
    """Download one attached scan (staff and auditors in scope; each opening recorded)."""
    _projections, row = load_employee(employee_id)
    check_readable(row["government_id"], row["agency_id"])
    return document_response(row, sha256)

