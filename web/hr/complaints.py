"""The staff's complaint workspace (/hr/pengaduan), service units (/hr/layanan) and the
holiday calendar (/hr/libur).

Roles follow SP4N-LAPOR!: the government's HR administrator is the coordinating admin who
verifies, rejects and assigns complaints, keeps the service units and the holiday calendar;
an HR officer of an agency is the liaison of that agency's units and answers and closes the
complaints assigned to them (their scope only). Auditors read. Every step is an event with
its actor and time (domain/complaint.py); the page carries the complaint's version, so two
officers acting at once cannot both succeed.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from domain.audit import AccessKind
from domain.errors import DomainError
from domain.holiday_seed import is_complete
from domain.holidays import seed_holidays
from domain.values import Role
from domain.voice_values import HolidayKind, RejectionReason, Resolution
from projections.views import hr_queries
from projections.views import voice as queries
from web import catch_up_views, get_service
from web.access import READERS, WRITERS, check_readable, check_writable, roles_required, scope
from web.accounts.store import actor_names
from web.audit.access_log import record_lookup
from web.public.voice_labels import complaint_labels
from web.ui import language

bp = Blueprint("complaints", __name__, url_prefix="/hr")
bp.context_processor(complaint_labels)

STEPS = ("verify", "reject", "assign", "answer", "close")
ADMIN_STEPS = ("verify", "reject", "assign")
QUEUES = ("open", "overdue", "received", "verified", "assigned", "answered", "reopened",
          "rejected", "closed", "all")


def _today() -> date:
    return date.today()


@bp.get("/pengaduan")
@roles_required(*READERS)
def queue() -> ResponseReturnValue:
    """Complaints in the user's scope, earliest deadline first, with the overdue marked."""
    view = request.args.get("status", "open")
    view = view if view in QUEUES else "open"
    where = scope()
    projections = catch_up_views(current_app)
    rows = queries.complaint_queue(projections, government_id=where.government_id,
                                   agency_id=where.agency_id,
                                   status=None if view == "all" else view, today=_today())
    return render_template("voice/hr_queue.html", rows=rows, view=view, queues=QUEUES,
                           today=_today())


def _complaint(complaint_id: str) -> tuple[Any, queries.ComplaintRow]:
    projections = catch_up_views(current_app)
    try:
        UUID(complaint_id)
    except ValueError:
        abort(404)
    row = queries.complaint_by_id(projections, complaint_id)
    if row is None:
        abort(404)
    complaint = get_service(current_app).voice.get_complaint(UUID(complaint_id))
    check_readable(complaint.government_id.hex, row.agency_id)
    return projections, row


@bp.get("/pengaduan/<complaint_id>")
@roles_required(*READERS)
def detail(complaint_id: str, errors: dict[str, str] | None = None,
           status: int = 200) -> ResponseReturnValue:
    """The complaint as written (opened from the vault), its steps and the next step's form."""
    projections, row = _complaint(complaint_id)
    service = get_service(current_app)
    complaint = service.voice.get_complaint(UUID(complaint_id))
    record_lookup(AccessKind.COMPLAINT_OPENED, [complaint.id])
    description = service.vault.open(complaint.subject_id, "description",
                                     complaint.description)
    contact = (service.vault.open(complaint.subject_id, "contact", complaint.contact)
               if complaint.contact is not None else None)
    steps = queries.complaint_steps(projections, complaint_id)
    units = queries.service_units(projections, complaint.government_id.hex)
    return render_template(
        "voice/hr_complaint.html", row=row, description=description, contact=contact,
        steps=steps, names=actor_names(s["actor_user"] for s in steps), units=units,
        reasons=list(RejectionReason), resolutions=list(Resolution), errors=errors or {},
        may_admin=current_user.role is Role.HR_ADMIN,
        may_write=current_user.role in WRITERS, today=_today()), status


@bp.post("/pengaduan/<complaint_id>/<step>")
@roles_required(*WRITERS)
def step(complaint_id: str, step: str) -> ResponseReturnValue:
    """Record one step; a refusal comes back at its field, a stale version as a conflict."""
    if step not in STEPS:
        abort(404)
    _projections, row = _complaint(complaint_id)
    check_writable(get_service(current_app).voice.get_complaint(UUID(complaint_id))
                   .government_id.hex, row.agency_id)
    if step in ADMIN_STEPS and current_user.role is not Role.HR_ADMIN:
        abort(403)
    form, voice, actor = request.form, get_service(current_app).voice, current_user.actor
    try:
        version = int(form.get("version", ""))
        key = UUID(complaint_id)
        if step == "verify":
            voice.verify_complaint(key, actor=actor, version=version)
        elif step == "reject":
            voice.reject_complaint(key, reason=RejectionReason(form.get("reason", "")),
                                   note=form.get("note", "")[:4000], actor=actor,
                                   version=version)
        elif step == "assign":
            voice.assign_complaint(key, unit_id=UUID(form.get("unit_id", "")), actor=actor,
                                   version=version)
        elif step == "answer":
            voice.answer_complaint(key, answer=form.get("answer", "")[:5000], actor=actor,
                                   version=version)
        else:
            voice.close_complaint(key, resolution=Resolution(form.get("resolution", "")),
                                  actor=actor, version=version)
    except ValueError:
        return detail(complaint_id, {"step": _("Choose a value from the list.")}, 422)
    except DomainError as error:
        status = 409 if error.code == "CONCURRENT_CHANGE" else 422
        return detail(complaint_id, {error.field or "step": error.message(language())}, status)
    flash(_("Recorded."))
    return redirect(url_for("complaints.detail", complaint_id=complaint_id))


# -- service units -----------------------------------------------------------------------------


@bp.get("/layanan")
@roles_required(*READERS)
def units(errors: dict[str, str] | None = None, status: int = 200) -> ResponseReturnValue:
    """The service units of the user's government, and the form to open one."""
    projections = catch_up_views(current_app)
    where = scope()
    found = queries.service_units(projections, where.government_id)
    if where.agency_id:
        found = [u for u in found if u["agency_id"] == where.agency_id]
    agencies = hr_queries.agencies(projections, where)
    return render_template("voice/hr_units.html", units=found, agencies=agencies,
                           errors=errors or {}, values=request.form,
                           may_admin=current_user.role is Role.HR_ADMIN), status


@bp.post("/layanan")
@roles_required(Role.HR_ADMIN)
def new_unit() -> ResponseReturnValue:
    """Open a service unit of an agency of the administrator's government."""
    form = request.form
    projections = catch_up_views(current_app)
    agency = hr_queries.agency(projections, form.get("agency_id", "")[:40])
    if agency is None:
        return units({"agency_id": _("Choose an agency.")}, 422)
    check_writable(agency["government_id"], agency["id"])
    try:
        unit_id = get_service(current_app).voice.open_service_unit(
            agency_id=UUID(agency["id"]), code=form.get("code", "")[:60],
            name=form.get("name", "")[:300], address=form.get("address", "")[:300],
            actor=current_user.actor)
    except DomainError as error:
        return units({error.field or "code": error.message(language())}, 422)
    return redirect(url_for("complaints.unit_page", unit_id=unit_id.hex))


def _unit(unit_id: str) -> Any:
    try:
        unit = get_service(current_app).voice.get_unit(UUID(unit_id))
    except (ValueError, DomainError):
        abort(404)
    check_readable(unit.government_id.hex, unit.agency_id.hex)
    return unit


@bp.get("/layanan/<unit_id>")
@roles_required(*READERS)
def unit_page(unit_id: str, errors: dict[str, str] | None = None,
              status: int = 200) -> ResponseReturnValue:
    """A unit's services, with the forms to add, change and withdraw them."""
    unit = _unit(unit_id)
    services = sorted(unit.services.values(), key=lambda s: s.name)
    return render_template("voice/hr_unit.html", unit=unit, services=services,
                           errors=errors or {}, values=request.form,
                           may_admin=current_user.role is Role.HR_ADMIN), status


@bp.post("/layanan/<unit_id>")
@roles_required(Role.HR_ADMIN)
def unit_step(unit_id: str) -> ResponseReturnValue:
    """Add or change a service (with `service_id`), or withdraw one (`withdraw`)."""
    unit, form = _unit(unit_id), request.form
    check_writable(unit.government_id.hex, unit.agency_id.hex)
    voice, actor = get_service(current_app).voice, current_user.actor
    try:
        service_id = UUID(form["service_id"]) if form.get("service_id") else None
        if form.get("withdraw") == "1" and service_id is not None:
            voice.withdraw_service(unit.id, service_id=service_id, actor=actor)
        else:
            voice.set_service(unit.id, service_id=service_id, name=form.get("name", "")[:300],
                              requirements=form.get("requirements", "")[:3000],
                              duration=form.get("duration", "")[:3000],
                              cost=form.get("cost", "")[:3000], actor=actor)
    except ValueError:
        abort(404)
    except DomainError as error:
        return unit_page(unit_id, {error.field or "name": error.message(language())}, 422)
    flash(_("Recorded."))
    return redirect(url_for("complaints.unit_page", unit_id=unit_id))


# -- holiday calendar --------------------------------------------------------------------------


@bp.get("/libur")
@roles_required(*READERS)
def holidays(errors: dict[str, str] | None = None, status: int = 200) -> ResponseReturnValue:
    """The national holidays and cuti bersama of a year, as complaint deadlines count them."""
    year = request.args.get("tahun", type=int) or _today().year
    year = min(max(year, 2000), 2100)
    calendar = get_service(current_app).voice.calendar(year)
    days = calendar.sorted_days() if calendar is not None else seed_holidays(year)
    return render_template("voice/hr_holidays.html", year=year, days=days,
                           is_seed=calendar is None, kinds=list(HolidayKind),
                           is_partial=calendar is None and not is_complete(year),
                           errors=errors or {}, values=request.form,
                           may_admin=current_user.role is Role.HR_ADMIN), status


@bp.post("/libur")
@roles_required(Role.HR_ADMIN)
def set_holiday() -> ResponseReturnValue:
    """Add or change a day (`on`, `kind`, `name`), or remove one (`remove`)."""
    form, voice, actor = request.form, get_service(current_app).voice, current_user.actor
    try:
        on = date.fromisoformat(form.get("on", ""))
    except ValueError:
        return holidays({"on": _("Enter the date (day, month, year).")}, 422)
    try:
        if form.get("remove") == "1":
            voice.remove_holiday(on=on, actor=actor)
        else:
            voice.set_holiday(on=on, kind=HolidayKind(form.get("kind", "national")),
                              name=form.get("name", "")[:300], actor=actor)
    except ValueError:
        return holidays({"kind": _("Choose a value from the list.")}, 422)
    except DomainError as error:
        return holidays({error.field or "on": error.message(language())}, 422)
    flash(_("Recorded."))
    return redirect(url_for("complaints.holidays", tahun=on.year))
