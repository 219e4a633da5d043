"""Does the allowance motivate? (/hr/tpp/motivasi): per agency and year, the share of staff-months
cut for the performance predicate or a disciplinary sanction, the mean cut rate, and the ratings
of the year before and of the year, with a plain reading that claims no cause.

The HR administrator reads their government; an auditor reads any (`?pemda=<code>`). Built
from the TPP view's totals and the performance view's rating counts: counts and sums, nobody's
line (projections/transparency/tpp_motivation.py computes it).
"""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from domain.values import Role
from projections.transparency import tpp_motivation
from projections.views import hr_queries
from projections.views.performance import rating_counts
from projections.views.tpp import latest_month_totals
from web import catch_up_views
from web.access import roles_required
from web.hr.labels import choice_label
from web.hr.routes import bp

MOTIVATION_READERS = (Role.HR_ADMIN, Role.AUDITOR)


def motivation_report(projections: Any, government_id: str) -> dict[str, Any]:
    """The report's rows and the tally behind its plain reading."""
    rows = tpp_motivation.agency_years(latest_month_totals(projections, government_id),
                                       rating_counts(projections, government_id))
    return {"rows": rows, "reading": tpp_motivation.reading(rows)}


def chosen_government(projections: Any, asked: str | None) -> dict[str, Any]:
    """The administrator's own government (another asked for: 404); the auditor's choice
    (the first by name)."""
    governments = hr_queries.government_rows(projections)
    if current_user.role is Role.HR_ADMIN:
        own = [g for g in governments if g["id"] == str(current_user.account.government_id)]
        if not own or (asked or own[0]["code"]) != own[0]["code"]:
            abort(404)
        return own[0]
    found = [g for g in governments if g["code"] == asked] if asked else governments[:1]
    if not found:
        abort(404)
    return found[0]


@bp.get("/tpp/motivasi")
@roles_required(*MOTIVATION_READERS)
def tpp_motivation_report() -> ResponseReturnValue:
    """The motivation report of a government, per agency and year."""
    projections = catch_up_views(current_app)
    government = chosen_government(projections, request.args.get("pemda"))
    report = motivation_report(projections, government["id"])
    return render_template(
        "hr/tpp_motivation.html", government=government, **report,
        ratings=tpp_motivation.RATINGS, total_key=tpp_motivation.GOVERNMENT,
        choice_label=choice_label,
        governments=hr_queries.government_rows(projections)
        if current_user.role is Role.AUDITOR else [])
