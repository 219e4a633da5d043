"""HR workspace pages: agency dashboards, the roster, the employee page, the action forms.

Every route checks the user's role and scope (web/access.py) before reading anything, reads
from the views (never replaying events), and records actions as the logged-in user.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user

from domain.audit import AccessKind
from domain.holiday_seed import is_complete
from domain.values import Role
from projections.views import hr_queries
from projections.views import voice as voice_queries
from projections.views.alerts import agency_alerts
from projections.views.leave import on_leave
from projections.views.statistics import agency_statistics
from projections.views.timeline import employee_timeline
from web import catch_up_views, get_service
from web.access import READERS, WRITERS, check_readable, check_writable, roles_required, scope
from web.accounts.store import actor_names, get_accounts
from web.audit.access_log import record_if_auditor
from web.decrees.printing import is_printable
from web.hr.actions import ACTIONS, Context
from web.hr.corrections import TIMELINE_ACTIONS, Correction
from web.hr.labels import choice_label, detail_items, kind_label, status_label
from web.hr.leave_labels import template_helpers as leave_helpers
from web.hr.runner import Change, FormPage, run_form
from web.hr.step import Action
from web.inputs import whole_number
from web.self_service.desk import leave_summary

bp = Blueprint("hr", __name__, url_prefix="/hr")


@bp.context_processor
def helpers() -> dict[str, Any]:
    return {"choice_label": choice_label, "kind_label": kind_label, "detail_items": detail_items,
            "status_label": status_label, "can_write": current_user.is_authenticated
            and current_user.role in WRITERS, "petikan_link": _petikan_link,
            **leave_helpers()}


def _petikan_link(row: dict[str, Any], entry: Any) -> str | None:
    if not is_printable(row, entry):
        return None
    return url_for("hr.decree_pdf", employee_id=row["employee_id"], version=entry.version)


def _today() -> date:
    return date.today()


@bp.get("/")
@roles_required(*READERS)
def home() -> ResponseReturnValue:
    """An officer goes to their agency's dashboard; others choose among their agencies."""
    if current_user.role is Role.HR_OFFICER:
        return redirect(url_for("hr.dashboard", agency_id=current_user.account.agency_id))
    projections = catch_up_views(current_app)
    agencies = hr_queries.agencies(projections, scope())
    where = scope()  # overdue complaints escalate to the government's administrator
    overdue = (voice_queries.overdue_count(projections, where.government_id, _today())
               if where.government_id else 0)
    return render_template("hr/home.html", agencies=agencies, overdue_complaints=overdue,
                           incomplete_calendars=_incomplete_calendars())


def _incomplete_calendars() -> list[int]:
    """This year, and from November next year, when its holidays are neither entered nor in
    the shipped table: working-day deadlines would skip only the fixed-date holidays."""
    if current_user.role is not Role.HR_ADMIN:
        return []
    today, voice = _today(), get_service(current_app).voice
    years = [today.year] + ([today.year + 1] if today.month >= 11 else [])
    return [year for year in years
            if not is_complete(year) and voice.calendar(year) is None]


@bp.get("/agencies/<agency_id>")
@roles_required(*READERS)
def dashboard(agency_id: str) -> ResponseReturnValue:
    """Headcount, missing appraisals, training below target, retirements due, recent actions."""
    projections = catch_up_views(current_app)
    agency = hr_queries.agency(projections, agency_id)
    if agency is None:
        abort(404)
    check_readable(agency["government_id"], agency["id"])
    today = _today()
    stats = agency_statistics(projections, UUID(agency_id), today)
    recent = hr_queries.recent_actions(projections, agency_id, limit=10)
    overdue = voice_queries.overdue_count(projections, agency["government_id"], today,
                                          agency_id)
    return render_template("hr/dashboard.html", agency=agency, stats=stats, recent=recent,
                           alerts=agency_alerts(projections, agency_id),
                           overdue_complaints=overdue,
                           year=today.year, actors=actor_names(r["actor_user"] for r in recent))


def roster_query(projections: Any) -> tuple[hr_queries.RosterQuery, list[dict[str, Any]]]:
    """The roster query the request's arguments ask for, and the agencies of the scope (a
    filter on an agency outside the scope is ignored, never widened)."""
    args = request.args
    query = hr_queries.RosterQuery(
        text=args.get("q", "")[:100], agency_id=args.get("agency", ""),
        status=args.get("status", "active"), grade_group=args.get("grade_group", ""),
        employment_type=args.get("type", ""), flag=args.get("flag", ""),
        sort=args.get("sort", "name") if args.get("sort") in hr_queries.SORTS else "name",
        descending=args.get("dir") == "desc", page=whole_number(args.get("page"), 1, 100_000) or 1)
    agencies = hr_queries.agencies(projections, scope())
    if query.agency_id and query.agency_id not in {a["id"] for a in agencies}:
        query.agency_id = ""
    return query, agencies


@bp.get("/employees")
@roles_required(*READERS)
def roster() -> ResponseReturnValue:
    """The roster within the user's scope: search, filters, sorting, pages of 50."""
    args = request.args
    projections = catch_up_views(current_app)
    query, agencies = roster_query(projections)
    page = hr_queries.search_roster(projections, scope(), query, _today())
    if query.text.strip():  # an auditor's search is a look-up of personal data: recorded
        digits = "".join(query.text.split())
        record_if_auditor(
            AccessKind.NIP_SEARCH if digits.isdigit() else AccessKind.NAME_SEARCH,
            [r["employee_id"] for r in page.rows])
    running = on_leave(projections, [r["employee_id"] for r in page.rows], _today())
    return render_template("hr/roster.html", page=page, query=query, agencies=agencies,
                           year=_today().year, on_leave=running,
                           args={k: v for k, v in args.items() if k != "page"})


def documents_by_entry(employee_id: str) -> dict[int, list[Any]]:
    """The attached scans of each timeline entry, for the timeline's links."""
    attached = get_service(current_app).documents.attached(UUID(employee_id))
    found: dict[int, list[Any]] = {}
    for event in attached.attached if attached is not None else []:
        found.setdefault(event.target_version, []).append(event)
    return found


def load_employee(employee_id: str) -> tuple[Any, dict[str, Any]]:
    """The caught-up views and the employee's roster row, or 404."""
    try:
        UUID(hex=employee_id)
    except ValueError:
        abort(404)
    projections = catch_up_views(current_app)
    row = hr_queries.employee_row(projections, UUID(hex=employee_id).hex)
    if row is None:
        abort(404)
    return projections, row


@bp.get("/employees/<employee_id>")
@roles_required(*READERS)
def employee(employee_id: str) -> ResponseReturnValue:
    """Today's state of the employee and every entry of their timeline."""
    projections, row = load_employee(employee_id)
    check_readable(row["government_id"], row["agency_id"])
    record_if_auditor(AccessKind.HISTORY_VIEWED, [row["employee_id"]])
    row["on_leave"] = on_leave(projections, [row["employee_id"]], _today()).get(
        row["employee_id"])
    timeline = employee_timeline(projections, get_service(current_app), UUID(row["employee_id"]))
    ctx = Context(UUID(row["employee_id"]), row, projections, _today())
    actions = [a for a in ACTIONS.values() if a.available(ctx)]
    # Leave (sick leave is health data): HR of the scope only, not auditors.
    leave = leave_summary(row["employee_id"], _today()) \
        if current_user.role in WRITERS else None
    return render_template("hr/employee.html", row=row, timeline=list(reversed(timeline)),
                           actions=actions, actors=actor_names(e.actor_user for e in timeline),
                           documents=documents_by_entry(row["employee_id"]), leave=leave,
                           account=get_accounts(current_app).for_employee(row["employee_id"]))


@bp.route("/employees/<employee_id>/actions/<slug>", methods=["GET", "POST"])
@roles_required(*WRITERS)
def action(employee_id: str, slug: str) -> ResponseReturnValue:
    """Record one action: form, confirmation, then the event (as the logged-in user)."""
    chosen = ACTIONS.get(slug)
    if chosen is None:
        abort(404)
    return run_action(chosen, employee_id, None)


@bp.route("/employees/<employee_id>/timeline/<int:version>/<slug>", methods=["GET", "POST"])
@roles_required(*WRITERS)
def timeline_action(employee_id: str, version: int, slug: str) -> ResponseReturnValue:
    """Correct or annul an earlier entry (a new event; the original stays)."""
    chosen = TIMELINE_ACTIONS.get(slug)
    if chosen is None:
        abort(404)
    return run_action(chosen, employee_id, version)


def run_action(chosen: Action, employee_id: str,
               target_version: int | None) -> ResponseReturnValue:
    """An employee action or a correction of a timeline entry, through the one form runner."""
    projections, row = load_employee(employee_id)
    check_writable(row["government_id"], row["agency_id"])
    ctx = Context(UUID(row["employee_id"]), row, projections, _today(), target_version)
    target = _target_entry(ctx) if target_version is not None else None
    if target is not None and isinstance(chosen, Correction):
        chosen = chosen.for_kind(target.kind)
    if target_version is None and not chosen.available(ctx):
        abort(404)

    def changes_since(version: int) -> list[Change]:
        changes = hr_queries.timeline_rows_after(projections, row["employee_id"], version)
        names = actor_names(c["actor_user"] for c in changes)
        return [Change(kind_label(c["kind"]), c["effective_on"], c["recorded_at"],
                       names.get(c["actor_user"], c["actor_user"])) for c in changes]

    def done() -> ResponseReturnValue:
        # The employee page that follows shows the new entry; a transfer may take the
        # employee out of an officer's agency, in which case the roster follows instead.
        after = hr_queries.employee_row(catch_up_views(current_app), row["employee_id"])
        if after is None or not scope().admits(after["government_id"], after["agency_id"]):
            return redirect(url_for("hr.roster"))
        return redirect(url_for("hr.employee", employee_id=row["employee_id"]))

    back = url_for("hr.employee", employee_id=row["employee_id"])
    return run_form(FormPage(chosen, ctx, int(row["version"]), "hr/_action_head.html", back,
                             done, changes_since, context={"row": row, "target": target}))


def _target_entry(ctx: Context) -> Any:
    """The timeline entry a correction or annulment is about (404 if there is none)."""
    for entry in employee_timeline(ctx.projections, get_service(current_app), ctx.employee_id):
        if entry.version == ctx.target_version:
            return entry
    abort(404)
