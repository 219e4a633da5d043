"""Does the allowance motivate? (/hr/tpp/motivasi): per agency and year, the share of staff-months
cut for the performance predicate or a disciplinary sanction, the mean cut rate, and the ratings
of the year before and of the year, with a plain reading that claims no cause.

The HR administrator reads their government; an auditor reads any (`?pemda=<code>`). Built
from the TPP view's totals and the ratings the latest run of each year read (its lines opened
and counted per agency; the performance view's counts for a year no run has read yet): counts
and sums, nobody's line is shown (projections/transparency/tpp_motivation.py computes it).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from uuid import UUID

from flask import abort, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from domain.personnel_service import PersonnelService
from domain.values import Role
from projections.transparency import tpp_motivation
from projections.views import hr_queries
from projections.views.performance import rating_counts
from projections.views.tpp import latest_month_totals
from web import catch_up_views, get_service
from web.access import roles_required
from web.hr.labels import choice_label
from web.hr.routes import bp

MOTIVATION_READERS = (Role.HR_ADMIN, Role.AUDITOR)


def motivation_report(projections: Any, service: PersonnelService,
                      government_id: str) -> dict[str, Any]:
    """The report's rows and the tally behind its plain reading."""
    totals = latest_month_totals(projections, government_id)
    ratings = line_ratings(service, totals)
    covered = {row["year"] for row in ratings}
    ratings += [row for row in rating_counts(projections, government_id)
                if row["year"] not in covered]
    rows = tpp_motivation.agency_years(totals, ratings)
    return {"rows": rows, "reading": tpp_motivation.reading(rows)}


def line_ratings(service: PersonnelService, totals: list[dict[str, Any]]
                 ) -> list[dict[str, Any]]:
    """Per agency, last year's ratings as the latest run of each year read them (given in
    the year's first months, they set its predicate cuts), counted from its opened lines: every
    employee paid, where the performance view holds only the years of the new cycle. Erased
    lines are left out."""
    last: dict[str, str] = {}
    for row in totals:  # ordered by month: ends at the latest month of each year run
        last[row["month"][:4]] = row["run_id"]
    counts: dict[tuple[str, int, str], int] = defaultdict(int)
    for year, run_id in last.items():
        run = service.tpp.get_run(UUID(hex=run_id))
        for employee_id, line in run.lines.items():
            opened = service.tpp.line(run, employee_id)
            # An older rating (none recorded last year) belongs to its own year's count.
            if opened and opened.get("rating") and opened.get("rating_year") == int(year) - 1:
                counts[(line.agency_id.hex, int(year) - 1, opened["rating"])] += 1
    return [{"agency_id": agency, "year": year, "rating": rating, "n": n}
            for (agency, year, rating), n in counts.items()]


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
    report = motivation_report(projections, get_service(current_app), government["id"])
    return render_template(
        "hr/tpp_motivation.html", government=government, **report,
        ratings=tpp_motivation.RATINGS, total_key=tpp_motivation.GOVERNMENT,
        choice_label=choice_label,
        governments=hr_queries.government_rows(projections)
        if current_user.role is Role.AUDITOR else [])
