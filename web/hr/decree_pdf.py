"""The petikan SK for staff who may read the employee (web/decrees/): one timeline entry's, or
every recorded entry of a promotion period's batch in one PDF."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from flask import abort, current_app, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from domain.audit import AccessKind
from domain.errors import DomainError
from domain.promotion_round import EntryStatus
from projections.views import hr_queries
from projections.views.promotion_periods import period_entries
from web import catch_up_views, get_service
from web.access import READERS, check_readable, roles_required, scope
from web.audit.access_log import record_if_auditor
from web.decrees.petikan import render_all
from web.decrees.printing import pdf_response, petikan_response, printable
from web.hr.routes import bp, load_employee


@bp.get("/employees/<employee_id>/timeline/<int:version>/sk.pdf")
@roles_required(*READERS)
def decree_pdf(employee_id: str, version: int) -> ResponseReturnValue:
    """The PDF petikan of the decree of entry `version` (404 when it carries none)."""
    projections, row = load_employee(employee_id)
    check_readable(row["government_id"], row["agency_id"])
    record_if_auditor(AccessKind.HISTORY_VIEWED, [row["employee_id"]])
    return petikan_response(projections, row, version)


@bp.get("/kenaikan-pangkat/<period_id>/sk.pdf")
@roles_required(*READERS)
def period_decrees_pdf(period_id: str) -> ResponseReturnValue:
    """One PDF with the petikan of every recorded entry of the period the reader may read, one
    page each in the order proposed; `pegawai` (repeated) keeps those of one batch. 404 for a
    period outside the scope or with nothing to print."""
    try:
        period = get_service(current_app).promotion_periods.get(UUID(hex=period_id))
    except (ValueError, DomainError):
        abort(404)
    reader = scope()
    if reader.government_id is not None and reader.government_id != period.government_id.hex:
        abort(404)
    chosen = set(request.args.getlist("pegawai"))
    projections = catch_up_views(current_app)
    petikans = []
    for entry in period_entries(projections, period.id.hex, reader,
                                status=EntryStatus.RECORDED.value):
        if chosen and entry["employee_id"] not in chosen:
            continue
        row = hr_queries.employee_row(projections, entry["employee_id"])
        if row is None or not reader.admits(row["government_id"], row["agency_id"]):
            continue
        found = printable(projections, row, int(entry["employee_version"]))
        if found is not None:
            petikans.append(found)
    if not petikans:
        abort(404)
    record_if_auditor(AccessKind.HISTORY_VIEWED, [p.decree.employee_id.hex for p in petikans])
    title = _("Decree extracts of the promotion period %(tmt)s", tmt=period.tmt_on.isoformat())
    return pdf_response(render_all(petikans, date.today(), title),
                        f"petikan-sk-{period.tmt_on.isoformat()}.pdf")
