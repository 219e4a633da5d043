"""The API's operations on attached scans: upload one to a timeline entry (multipart) and
download it by its SHA-256, with the same checks and scope as the HR pages."""

from __future__ import annotations

from typing import Any, NoReturn
from uuid import UUID

from flask import g
from flask.typing import ResponseReturnValue
from flask_smorest import abort
from flask_smorest.fields import Upload
from marshmallow import Schema, fields, validate

from domain.document import DocumentKind
from domain.errors import DomainError
from projections.views import hr_queries
from web.access import READERS, WRITERS, check_readable, check_writable, roles_required
from web.api.routes import LANGUAGES, blp
from web.api.schemas import ProblemSchema
from web.hr.documents import attach_upload, document_response
from web.ui import language


class DocumentUploadSchema(Schema):
    file = Upload(required=True, metadata={
        "description": "the scan: PDF, JPEG or PNG, at most 5 MB, checked by its content"})


class DocumentKindSchema(Schema):
    kind = fields.String(load_default=DocumentKind.OTHER.value, validate=validate.OneOf(
        [k.value for k in DocumentKind]), metadata={"description": "decree, certificate or other"})


class AttachedSchema(Schema):
    sha256 = fields.String(metadata={"description": "SHA-256 of the scan, as in the log"})
    version = fields.Integer(metadata={"description": "the timeline entry"})
    url = fields.String()


def file_refused(refused: DomainError) -> NoReturn:
    """422 for a refused upload: the refusal at the file's field, each problem in both
    languages (nothing was written)."""
    problems = [{"rule": p.code, "field": p.field or "file", "message": p.message(language()),
                 "messages": {lang: p.message(lang) for lang in LANGUAGES}}
                for p in refused.problems]
    abort(422, errors={"files": {"file": [refused.message(language())]}},
          message=refused.message(language()), problems=problems)
    raise AssertionError("abort raises")  # flask-smorest's abort is not typed NoReturn


@blp.route("/employees/<employee_id>/timeline/<int:version>/documents", methods=["POST"])
@blp.arguments(DocumentKindSchema, location="form")
@blp.arguments(DocumentUploadSchema, location="files")
@blp.response(201, AttachedSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(413, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*WRITERS)
def attach_document(form: dict[str, Any], files: dict[str, Any], employee_id: str,
                    version: int) -> tuple[dict[str, Any], int]:
    """Attach a scan (decree, certificate) to timeline entry `version`; its SHA-256, type and
    size are recorded in an event. A refused file answers 422 and writes nothing."""
    projections, row = g.api_employee  # loaded and scope-checked by _check_access
    check_writable(row["government_id"], row["agency_id"])
    known = hr_queries.timeline_rows_after(projections, row["employee_id"], 0)
    if version not in {entry["version"] for entry in known}:
        abort(404)
    try:
        sha256 = attach_upload(UUID(row["employee_id"]), version, files["file"], form["kind"])
    except DomainError as refused:
        file_refused(refused)
    return {"sha256": sha256, "version": version,
            "url": f"/api/v1/employees/{row['employee_id']}/timeline/{version}/documents/"
                   f"{sha256}"}, 201


@blp.route("/employees/<employee_id>/timeline/<int:version>/documents/<sha256>")
@blp.response(200, description="the scan, as an attachment (application/pdf, image/jpeg or "
              "image/png)")
@blp.alt_response(404, schema=ProblemSchema)
@roles_required(*READERS)
def document(employee_id: str, version: int, sha256: str) -> ResponseReturnValue:
    """Download an attached scan; its SHA-256 equals the event's. Each opening is recorded."""
    _projections, row = g.api_employee
    check_readable(row["government_id"], row["agency_id"])
    return document_response(row, sha256, version)
