"""The computed indicators' monthly figures, read from the views: the 20-JP share, last year's
appraisal completion, the IKM of the government's service units, the share of complaints
answered on time and the median days to fill a JPT post.

Each figure has its base, the number it is computed over (people, respondents, complaints or
posts), so the public page can hide one computed over too few. What each counts:

- 20 JP: the active staff (CPNS, PNS, PPPK) on the roster as read on the day of the run; those
  whose training of the month's year reaches the target (regulations.TRAINING_TARGET_JP).
- appraisal completion: the active staff appointed before the month's year; those rated for
  the year before it (the HR dashboard's rule, projections/views/statistics.py).
- IKM: per service unit the latest survey period begun by the month's end with responses by
  then, those responses pooled over the units (domain/ikm.py, the same formula as a unit's);
  base: the responses.
- complaints on time: the complaints whose answer deadline falls in the month; those first
  answered by that deadline (a reopened complaint's later answer is not counted).
- JPT: the open selections inaugurated in the twelve months up to the month's end; the median
  of the days from authorisation to inauguration; base: the posts filled.

The roster gives today's state, so the first two are true of the month in which they are
computed: the worker computes the month just ended, on the first days of the next.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from domain import ikm
from domain.errors import DomainError
from domain.indicator import IndicatorKind
from domain.regulations import TRAINING_TARGET_JP
from domain.values import Actor
from projections.views.indicators import computed_indicators

ACTIVE = ("CPNS", "PNS", "PPPK")


@dataclass(frozen=True)
class Figure:
    """A month's computed actual and what it is computed over."""

    value: float
    base: int


def month_end(month: date) -> date:
    following = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return following - timedelta(days=1)


def compute(projections: Any, kind: IndicatorKind, government_id: str,
            month: date) -> Figure | None:
    """The figure of `kind` for the government in `month`, or None when nothing counts."""
    return _COMPUTE[kind](projections, government_id, month)


def _share(part: int, whole: int) -> Figure | None:
    return Figure(round(100 * part / whole, 2), whole) if whole else None


def _training(projections: Any, government_id: str, month: date) -> Figure | None:
    roster = projections.views["roster"].table("roster")
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT training_year, training_jp FROM {roster} "
                           "WHERE government_id = ? AND status IN (?, ?, ?)",
                           (government_id, *ACTIVE)).fetchall()
    reached = sum(1 for r in rows
                  if r["training_year"] == month.year and r["training_jp"] >= TRAINING_TARGET_JP)
    return _share(reached, len(rows))


def _appraisal(projections: Any, government_id: str, month: date) -> Figure | None:
    roster = projections.views["roster"].table("roster")
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT appointed_on, rating_year FROM {roster} "
                           "WHERE government_id = ? AND status IN (?, ?, ?)",
                           (government_id, *ACTIVE)).fetchall()
    last_year = month.year - 1
    due = [r for r in rows if date.fromisoformat(r["appointed_on"]).year <= last_year]
    rated = sum(1 for r in due if r["rating_year"] is not None and r["rating_year"] >= last_year)
    return _share(rated, len(due))


def _ikm(projections: Any, government_id: str, month: date) -> Figure | None:
    t = projections.views["indicators"].table
    end = month_end(month)
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT p.id, p.unit_id, p.starts_on, p.population, r.n, r.totals "
            f"FROM {t('indicator_periods')} p JOIN {t('indicator_responses')} r "
            "ON r.period_id = p.id WHERE p.government_id = ? AND p.starts_on <= ? "
            "AND r.month <= ?", (government_id, end.isoformat(), month.isoformat())).fetchall()
    periods: dict[str, dict[str, Any]] = {}
    for row in rows:
        period = periods.setdefault(row["id"], {"unit": row["unit_id"], "starts_on": row[
            "starts_on"], "population": row["population"], "n": 0, "totals": [0] * 9})
        period["n"] += row["n"]
        period["totals"] = [a + int(b) for a, b in zip(period["totals"],
                                                        row["totals"].split(","), strict=True)]
    latest: dict[str, dict[str, Any]] = {}
    for period in sorted(periods.values(), key=lambda p: p["starts_on"]):
        latest[period["unit"]] = period  # the unit's latest period with responses by then
    count = sum(p["n"] for p in latest.values())
    totals = [sum(column) for column in zip(*(p["totals"] for p in latest.values()),
                                            strict=True)]
    result = ikm.result(totals, count, sum(p["population"] for p in latest.values()))
    return None if result is None else Figure(float(result.index_shown), count)


def _complaints(projections: Any, government_id: str, month: date) -> Figure | None:
    on_time, due = complaints_on_time(projections, month, month_end(month),
                                      government_id=government_id)
    return _share(on_time, due)


def complaints_on_time(projections: Any, first: date, last: date, *,
                       government_id: str | None = None,
                       unit_id: str | None = None) -> tuple[int, int]:
    """(answered on time, due) of the complaints whose answer deadline lies in first..last."""
    t = projections.views["indicators"].table("indicator_complaints")
    column, value = ("unit_id", unit_id) if unit_id else ("government_id", government_id)
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT answer_by, answered_on FROM {t} WHERE {column} = ? "
                           "AND answer_by BETWEEN ? AND ?",
                           (value, first.isoformat(), last.isoformat())).fetchall()
    on_time = sum(1 for r in rows if r["answered_on"] and r["answered_on"] <= r["answer_by"])
    return on_time, len(rows)


def _jpt(projections: Any, government_id: str, month: date) -> Figure | None:
    t = projections.views["recruitment"].table("selections")
    end = month_end(month)
    back = month.year * 12 + month.month - 1 - 11
    start = date(back // 12, back % 12 + 1, 1)  # the 1st of the month eleven months before
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT authorised_on, inaugurated_on FROM {t} "
                           "WHERE government_id = ? AND inaugurated_on BETWEEN ? AND ?",
                           (government_id, start.isoformat(), end.isoformat())).fetchall()
    days = [(date.fromisoformat(r["inaugurated_on"]) - date.fromisoformat(r["authorised_on"])
             ).days for r in rows]
    return Figure(float(statistics.median(days)), len(days)) if days else None


_COMPUTE = {
    IndicatorKind.TRAINING_20JP: _training,
    IndicatorKind.APPRAISAL_COMPLETION: _appraisal,
    IndicatorKind.IKM: _ikm,
    IndicatorKind.COMPLAINTS_ON_TIME: _complaints,
    IndicatorKind.JPT_FILL_DAYS: _jpt,
}


def previous_month(today: date) -> date:
    first = today.replace(day=1)
    return (first - timedelta(days=1)).replace(day=1)


def record_computed_actuals(projections: Any, month: date, actor: Actor) -> tuple[int, int]:
    """Record `month`'s actual of every computed indicator that has none yet, from the views
    as they stand (catch them up first): (recorded, with nothing to count)."""
    recorded = empty = 0
    for row in computed_indicators(projections):
        if month in row.actuals:
            continue
        figure = compute(projections, IndicatorKind(row.kind), row.government_id, month)
        if figure is None:
            empty += 1
            continue
        try:
            projections.service.indicators.record_actual(
                UUID(row.id), month=month, value=figure.value, base=figure.base,
                is_computed=True, actor=actor)
        except DomainError as error:  # recorded meanwhile (a second worker): nothing lost
            if error.code not in ("INDICATOR_ACTUAL_EXISTS", "CONCURRENT_CHANGE"):
                raise
            continue
        recorded += 1
    return recorded, empty


@dataclass(frozen=True)
class ServiceRecipients:
    """The service recipients' view of an agency in a year, from its service units: the IKM
    of the year's survey responses (pooled) and the share of complaints whose answer was due
    in the year up to `today` that were answered on time. Figures of the agency, never of a
    person."""

    ikm: float | None
    responses: int
    on_time_percent: float | None
    complaints_due: int


def service_recipients(projections: Any, agency_id: str, year: int,
                       today: date) -> ServiceRecipients:
    t, units = projections.views["indicators"].table, projections.views["voice"].table(
        "service_units")
    first, last = date(year, 1, 1), min(date(year, 12, 31), today)
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT r.n, r.totals, p.population, p.id FROM {t('indicator_periods')} p "
            f"JOIN {t('indicator_responses')} r ON r.period_id = p.id "
            f"JOIN {units} u ON u.id = p.unit_id WHERE u.agency_id = ? "
            "AND r.month BETWEEN ? AND ?",
            (agency_id, first.isoformat(), last.isoformat())).fetchall()
        due = sql.execute(
            f"SELECT c.answer_by, c.answered_on FROM {t('indicator_complaints')} c "
            f"JOIN {units} u ON u.id = c.unit_id WHERE u.agency_id = ? "
            "AND c.answer_by BETWEEN ? AND ?",
            (agency_id, first.isoformat(), last.isoformat())).fetchall()
    count = sum(r["n"] for r in rows)
    totals = [sum(int(r["totals"].split(",")[i]) for r in rows) for i in range(9)]
    population = sum({r["id"]: r["population"] for r in rows}.values())
    result = ikm.result(totals, count, population)
    on_time = sum(1 for r in due if r["answered_on"] and r["answered_on"] <= r["answer_by"])
    share = _share(on_time, len(due))
    return ServiceRecipients(None if result is None else float(result.index_shown), count,
                             None if share is None else share.value, len(due))
