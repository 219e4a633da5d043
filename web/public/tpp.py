"""A government's TPP in public (/pemda/<code>/tpp): the regulation in force (public law: amounts
per job class, criteria, cut rules), what was paid per agency per month and how many staff were
cut per broad reason, under the disclosure policy with pay as a sensitive tier
(projections/transparency/tpp_figures.py decides what is hidden).

The regulation shows its Mendagri approval letter (named in its table or recorded after it),
or that its months cannot be computed before it. Read from the TPP view's regulation versions
and totals per agency (sums that name nobody), never from a run's sealed lines. The page is not
kept in the page cache: it follows the runs, not the releases the cache's marker counts.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import format_date
from flask_babel import gettext as _

from domain.tpp_policy import regulation_from_table
from domain.tpp_rules import TppRegulation
from projections.transparency import tpp_figures, tpp_motivation
from projections.transparency.disclosure import THRESHOLD
from projections.views import hr_queries
from projections.views.consultation import tpp_consultations
from projections.views.tpp import latest_month_totals, regulations_of
from web import catch_up_views
from web.hr.labels import choice_label
from web.hr.tpp_labels import category_label, criterion_label
from web.public import charts
from web.public.consultation import consultation_label
from web.public.transparency import HIDDEN, helpers

bp = Blueprint("public_tpp", __name__)
bp.context_processor(helpers)

REASON_CATEGORIES = {"sanction": "SANCTION", "performance": "PERFORMANCE", "leave": "LEAVE",
                     "discipline": "DISCIPLINE"}


def regulation_in_force(versions: list[dict[str, Any]], government_id: str,
                        on: date) -> TppRegulation | None:
    """The version in force on `on` from the view's rows (the latest start first)."""
    for row in versions:
        if row["effective_from"] <= on.isoformat():
            return regulation_from_table(UUID(hex=government_id), row["table_json"])
    return None


def month_label(month: str) -> str:
    """Desember 2026 (id) / December 2026 (en)."""
    return str(format_date(date.fromisoformat(month), "MMMM y"))


def percent(basis_points: int) -> str:
    return f"{basis_points / 100:g} %"


@bp.get("/pemda/<government>/tpp")
def tpp(government: str) -> ResponseReturnValue:
    """The regulation in force, the year's payments per month and the chosen month's figures
    per agency (`?bulan=YYYY-MM`, the latest month run by default)."""
    projections = catch_up_views(current_app)
    found = hr_queries.government_row(projections, government)
    if found is None:
        abort(404)
    government_id, name = found["id"], found["name"]
    versions = regulations_of(projections, government_id)
    every = latest_month_totals(projections, government_id)
    months = sorted({r["month"] for r in every})
    asked = request.args.get("bulan", "")
    month = f"{asked}-01" if f"{asked}-01" in months else (months[-1] if months else None)
    figures = None
    if month is not None:
        year_rows = [r for r in every if r["month"][:4] == month[:4]]
        figures = tpp_figures.month_figures(year_rows, month)
    in_force = regulation_in_force(versions, government_id, date.today())
    consultations = tpp_consultations(projections, government_id)
    in_force_row = next((v for v in versions
                         if v["effective_from"] <= date.today().isoformat()), None)
    consulted = next((c for c in consultations if in_force_row is not None
                      and c["id"] == in_force_row["consultation_id"]), None)
    # The chart in millions of rupiah, rounded (its labels stay readable); the table after
    # it has every rupiah.
    series = [(m[:7], None if value is None else round(value / 1_000_000))
              for m, value in figures.series] if figures else []
    return render_template(
        "public/tpp.html", government=government, name=name, regulation=in_force,
        approval=in_force_row,
        versions=versions, figures=figures, month=month,
        other_years=sorted((m[:4], m) for m in {m[:4]: m for m in months}.values()
                           if month is None or m[:4] != month[:4]),
        chart=charts.columns(series, HIDDEN), month_label=month_label,
        consultations=consultations, consulted=consulted,
        consultation_status=consultation_label,
        reasons=REASON_CATEGORIES, category_label=category_label,
        criterion_label=criterion_label, choice_label=choice_label, percent=percent,
        threshold=THRESHOLD, government_key=tpp_motivation.GOVERNMENT,
        motivation=tpp_motivation.public_rows(tpp_motivation.agency_years(every, []), every),
        hidden_amount_note=_("An agency's amounts are hidden for the whole year when it "
                             "paid fewer than %(threshold)s staff in some month, or beside "
                             "such an agency so that its amount cannot be worked out from "
                             "the total.", threshold=THRESHOLD))
