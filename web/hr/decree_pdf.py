"""The petikan SK of one timeline entry, for staff who may read the employee (web/decrees/)."""

from __future__ import annotations

from flask.typing import ResponseReturnValue

from domain.audit import AccessKind
from web.access import READERS, check_readable, roles_required
from web.audit.access_log import record_if_auditor
from web.decrees.printing import petikan_response
from web.hr.routes import bp, load_employee


@bp.get("/employees/<employee_id>/timeline/<int:version>/sk.pdf")
@roles_required(*READERS)
def decree_pdf(employee_id: str, version: int) -> ResponseReturnValue:
    """The PDF petikan of the decree of entry `version` (404 when it carries none)."""
    projections, row = load_employee(employee_id)
    check_readable(row["government_id"], row["agency_id"])
    record_if_auditor(AccessKind.HISTORY_VIEWED, [row["employee_id"]])
    return petikan_response(projections, row, version)
