"""The auditors' workspace at /audit/: find an employee, replay their history, compare rosters,
see who recorded what.

Auditors only, and read-only: the only thing these pages write is the access record of each
look-up of personal data (domain/audit.py), stored as an event so that the log covers it.
The log's own pages (verify, proofs, export, bundle) are in web/audit/verification.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from domain.audit import AccessKind
from domain.values import Role
from projections.views import audit_queries, hr_queries
from projections.views.history import HistoricalState, employee_state
from projections.views.timeline import employee_timeline
from web import catch_up_views, get_service
from web.access import roles_required
from web.accounts.store import actor_names
from web.audit.access_log import record_lookup
from web.hr.labels import choice_label, detail_items, kind_label, status_label
from web.hr.routes import load_employee
from web.inputs import whole_number
from web.ui import fmt_date

bp = Blueprint("audit", __name__, url_prefix="/audit")
auditors_only = roles_required(Role.AUDITOR)
NIP_DIGITS = 18


@bp.context_processor
def helpers() -> dict[str, Any]:
    return {"choice_label": choice_label, "kind_label": kind_label, "detail_items": detail_items,
            "status_label": status_label}


@bp.get("/")
@auditors_only
def search() -> ResponseReturnValue:
    """Find an employee by exact NIP (through the NIP registry) or by part of the name."""
    text = " ".join(request.args.get("q", "").split())
    if not text:
        return render_template("audit/search.html", q="", rows=None, error=None)
    service = get_service(current_app)
    digits = text.replace(" ", "")
    if digits.isdigit():
        if len(digits) != NIP_DIGITS:
            return _search_refused(text, _(
                "A NIP or NI PPPK has %(digits)s digits; type letters to search by name.",
                digits=NIP_DIGITS))
        found = service.find_by_nip(digits)
        ids = [found] if found is not None else []
        record_lookup(AccessKind.NIP_SEARCH, ids)
        projections = catch_up_views(current_app)
        rows = [r for r in (hr_queries.employee_row(projections, i.hex) for i in ids) if r]
        return render_template("audit/search.html", q=text, rows=rows, error=None)
    if len(text) < 3 or len(text) > 100:
        return _search_refused(text, _("Type 3 to 100 letters of the name."))
    projections = catch_up_views(current_app)
    page = hr_queries.search_roster(
        projections, hr_queries.Scope(),
        hr_queries.RosterQuery(text=text, status="all", per_page=50), date.today())
    record_lookup(AccessKind.NAME_SEARCH, [r["employee_id"] for r in page.rows])
    return render_template("audit/search.html", q=text, rows=page.rows, total=page.total,
                           error=None)


def _search_refused(text: str, message: str) -> ResponseReturnValue:
    return render_template("audit/search.html", q=text, rows=None, error=message), 422


@bp.get("/employees/<employee_id>")
@auditors_only
def employee(employee_id: str) -> ResponseReturnValue:
    """The employee's history: every event, and the state today, in force on a date and as
    known at a time."""
    projections, row = load_employee(employee_id)
    errors: dict[str, str] = {}
    today = date.today()
    on = _date_arg("on", errors) or today
    known_at = _datetime_arg("known_at", errors)
    service = get_service(current_app)
    the_id = UUID(row["employee_id"])
    record_lookup(AccessKind.HISTORY_VIEWED, [the_id])
    timeline = employee_timeline(projections, service, the_id)
    states = [(_("Today"), employee_state(service, projections, the_id, in_force_on=today))]
    if on != today:
        states.append((_("In force on %(day)s", day=fmt_date(on)),
                       employee_state(service, projections, the_id, in_force_on=on)))
    if known_at is not None:
        day, moment = fmt_date(on), fmt_date(known_at)
        states.append((_("In force on %(day)s, as known at %(moment)s", day=day,
                         moment=moment),
                       employee_state(service, projections, the_id, in_force_on=on,
                                      known_at=known_at)))
    names = audit_queries.organisation_names(projections, _ids_in(s for _, s in states))
    return render_template(
        "audit/employee.html", row=row, timeline=timeline, states=states, names=names,
        on=on, known_at=known_at, errors=errors,
        actors=actor_names(e.actor_user for e in timeline)), 422 if errors else 200


def _ids_in(states: Iterable[HistoricalState | None]) -> list[UUID]:
    return [i for s in states if s is not None
            for i in (s.state.agency_id, s.state.unit_id, s.state.position_id) if i]


@bp.get("/agencies")
@auditors_only
def agencies() -> ResponseReturnValue:
    """Every agency, each with a form to compare its roster between two dates."""
    rows = hr_queries.agencies(catch_up_views(current_app), hr_queries.Scope())
    return render_template("audit/agencies.html", agencies=rows)


@bp.get("/agencies/<agency_id>/diff")
@auditors_only
def roster_diff(agency_id: str) -> ResponseReturnValue:
    """Who joined, left or changed grade, position or unit between two dates."""
    projections = catch_up_views(current_app)
    agency = hr_queries.agency(projections, agency_id)
    if agency is None:
        abort(404)
    errors: dict[str, str] = {}
    from_on, to_on = _date_arg("from", errors), _date_arg("to", errors)
    for name, value in (("from", from_on), ("to", to_on)):
        if value is None and name not in errors:
            errors[name] = _("Enter a date.")
    if from_on and to_on and from_on > to_on:
        errors["to"] = _("The end date cannot be before the start date.")
    if errors or from_on is None or to_on is None:
        return render_template("audit/roster_diff.html", agency=agency, diff=None,
                               errors=errors), 422
    diff = audit_queries.roster_diff(get_service(current_app), projections, UUID(agency_id),
                                     from_on, to_on)
    people = audit_queries.people(projections, diff.employee_ids())
    record_lookup(AccessKind.ROSTER_COMPARED, diff.employee_ids())
    states = [s for _, s in diff.joined + diff.left] + [
        s for c in diff.changed for s in (c.before, c.after)]
    names = audit_queries.organisation_names(
        projections, [i for s in states for i in (s.unit_id, s.position_id) if i])
    return render_template("audit/roster_diff.html", agency=agency, diff=diff, errors={},
                           people=people, names=names)


@bp.get("/users")
@auditors_only
def users() -> ResponseReturnValue:
    """How many employee events each user recorded, by kind."""
    rows = audit_queries.recorded_per_user(catch_up_views(current_app))
    return render_template("audit/users.html", rows=rows,
                           actors=actor_names(r["actor_user"] for r in rows))


@bp.get("/users/<user_id>")
@auditors_only
def user(user_id: str) -> ResponseReturnValue:
    """The employee events one user recorded (one kind, if chosen), newest first."""
    kind, role = request.args.get("kind", "")[:40], request.args.get("role", "")[:40]
    page = whole_number(request.args.get("page"), 1, 100_000) or 1
    rows, total = audit_queries.recorded_by(catch_up_views(current_app), user_id, kind, role,
                                            page)
    pages = max(1, -(-total // 100))
    return render_template("audit/user.html", user_id=user_id, kind=kind, role=role, rows=rows,
                           total=total, page=page, pages=pages,
                           username=actor_names([user_id]).get(user_id, user_id))


def _date_arg(name: str, errors: dict[str, str]) -> date | None:
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        errors[name] = _("Not a valid date (format YYYY-MM-DD).")
        return None
    if not date(1900, 1, 1) <= parsed <= date(2200, 12, 31):
        errors[name] = _("Date outside 1900–2200.")
        return None
    return parsed


def _datetime_arg(name: str, errors: dict[str, str]) -> datetime | None:
    """A moment typed in UTC (`datetime-local` input, or a date meaning its end)."""
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        if "T" in value:
            parsed = datetime.fromisoformat(value)
        else:
            parsed = datetime.combine(date.fromisoformat(value), time.max)
    except ValueError:
        errors[name] = _("Not a valid time (format YYYY-MM-DDThh:mm, UTC).")
        return None
    if not 1900 <= parsed.year <= 2200:
        errors[name] = _("Time outside 1900–2200.")
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


