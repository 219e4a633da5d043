"""Monitoring and evaluation, public side (/pemda/<government>/indikator): each indicator of
the government with its target and actual for the last twelve months, a chart and the same
figures in a table right after it, and the policy it measures (linked to its consultation).

Under the disclosure rules (docs/DISCLOSURE.md) an actual computed over fewer people than the
threshold is hidden: the neutral mark in the table, a gap in the chart, never "<10".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, abort, current_app, render_template
from flask.typing import ResponseReturnValue

from projections.views.indicators import IndicatorRow, government_by_code, indicators_of
from web import catch_up_views
from web.public import charts
from web.public.indicator_labels import HIDDEN, indicator_labels
from web.public.transparency import helpers

bp = Blueprint("indicator", __name__)
bp.context_processor(helpers)
bp.context_processor(indicator_labels)
MONTHS = 12


def last_months(today: date, count: int = MONTHS) -> list[date]:
    """The `count` months before this one, oldest first (this month is not complete)."""
    index = today.year * 12 + today.month - 1
    return [date((index - n) // 12, (index - n) % 12 + 1, 1) for n in range(count, 0, -1)]


def panel(row: IndicatorRow, months: list[date]) -> dict[str, Any]:
    """An indicator's months as the page shows them: (month, target, actual, hidden)."""
    targets = [row.targets.get(m.year) for m in months]
    actuals = [row.public_actual(m) for m in months]
    lines = [{"month": m, "target": target, "actual": actual, "hidden": row.is_hidden(m),
              "corrected": bool(row.actuals.get(m, {}).get("corrections"))}
             for m, target, actual in zip(months, targets, actuals, strict=True)]
    chart = charts.columns([(f"{m:%m/%y}", actual) for m, actual in zip(
        months, actuals, strict=True)], HIDDEN, targets=targets)
    return {"row": row, "lines": lines, "chart": chart}


@bp.get("/pemda/<government>/indikator")
def government(government: str) -> ResponseReturnValue:
    """The government's indicators, each with its chart and its table."""
    projections = catch_up_views(current_app)
    found = government_by_code(projections, government)
    if found is None:
        abort(404)
    months = last_months(date.today())
    panels = [panel(row, months) for row in indicators_of(projections,
                                                          government_id=found["id"])]
    return render_template("indicators/public.html", government=found, panels=panels,
                           months=months)
