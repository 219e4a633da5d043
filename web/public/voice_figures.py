"""What the public service pages show of complaint handling, surveys and consultations: a
unit's figures per quarter (/layanan/<code>) and a government's rolled up per unit and quarter
(/layanan/pemerintah/<code>). The counting is domain/complaint_figures.py's; this module picks
the periods, the holiday calendars and the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l

from domain import ikm
from domain.complaint_figures import (
    ComplaintFacts,
    Figures,
    category_counts,
    figures,
    quarter_of,
    quarters,
)
from domain.voice_values import ComplaintCategory
from projections.views import consultation as consultation_queries
from projections.views import survey as survey_queries
from projections.views.voice_figures import complaint_facts
from web.public.voice_labels import voice_label

QUARTERS_SHOWN = 8


@dataclass(frozen=True)
class Period:
    """A quarter and its figures."""

    first: date
    last: date
    figures: Figures

    @property
    def key(self) -> str:
        return self.first.isoformat()

    @property
    def label(self) -> str:
        return quarter_label(self.first)


def quarter_label(first: date) -> str:
    """A quarter as the pages name it: "2026 T3" (triwulan)."""
    return f"{first.year} T{(first.month - 1) // 3 + 1}"


def _days_off(service: Any, facts: list[ComplaintFacts], today: date) -> frozenset[date]:
    first_year = min((f.received_on.year for f in facts), default=today.year)
    return service.voice.days_off(first_year, today.year)


def quarterly(service: Any, facts: list[ComplaintFacts], today: date,
              limit: int = QUARTERS_SHOWN) -> list[Period]:
    """The figures of each quarter from the first complaint's to today's, latest first."""
    days_off = _days_off(service, facts, today)
    return [Period(first, last, figures(facts, first, last, days_off))
            for first, last in quarters(facts, today, limit)]


@dataclass(frozen=True)
class Grid:
    """A table of complaint counts: its columns (key, label) and rows (key, label, counts)."""

    columns: list[tuple[str, str]]
    rows: list[tuple[str, str, list[int]]]


def last_four_quarters(today: date) -> list[tuple[date, date]]:
    """Today's quarter and the three before it, latest first."""
    found = [quarter_of(today)]
    while len(found) < 4:
        found.append(quarter_of(found[-1][0] - timedelta(days=1)))
    return found


def unit_complaints(projections: Any, service: Any, unit_id: str, today: date
                    ) -> tuple[list[Period], Grid]:
    """A unit's complaint figures per quarter (latest first), and its category mix: one row
    per category, a column per quarter of the last four and one for the four together."""
    facts = complaint_facts(projections, unit_id=unit_id)
    spans = last_four_quarters(today)
    mixes = [category_counts(facts, first, last) for first, last in spans]
    year = category_counts(facts, spans[-1][0], today)
    columns = [(first.isoformat(), quarter_label(first)) for first, _ in spans]
    columns.append(("four_quarters", str(_l("Last four quarters"))))
    rows = [(c.value, voice_label(c.value), [mix[c] for mix in mixes] + [year[c]])
            for c in ComplaintCategory]
    return quarterly(service, facts, today), Grid(columns, rows)


def categories_per_unit(units: list[dict[str, Any]], by_unit: dict[str, list[ComplaintFacts]],
                        facts: list[ComplaintFacts], first: date, today: date) -> Grid:
    """A government's category mix since `first`: a row per unit and one for all units."""
    columns = [(c.value, voice_label(c.value)) for c in ComplaintCategory]

    def row(key: str, label: str, found: list[ComplaintFacts]) -> tuple[str, str, list[int]]:
        mix = category_counts(found, first, today)
        return key, label, [mix[c] for c in ComplaintCategory]

    return Grid(columns, [row(u["code"], u["name"], by_unit.get(u["id"], [])) for u in units]
                + [row("_total", str(_l("All units")), facts)])


def unit_consultations(projections: Any, unit: dict[str, Any], today: date
                       ) -> list[dict[str, Any]]:
    """The published consultations tied to the unit, newest first, with their outcome."""
    return [c for c in consultation_queries.consultations(projections, today,
                                                         unit["government_id"])
            if c["unit_id"] == unit["id"]]


def latest_result(periods: list[survey_queries.PeriodRow]) -> tuple[Any, ikm.Result] | None:
    """The latest closed survey period with a result, and that result."""
    for period in periods:  # latest first
        result = period.result()
        if period.is_closed and result is not None:
            return period, result
    return None


def government_figures(projections: Any, service: Any, government_id: str,
                       units: list[dict[str, Any]], today: date) -> dict[str, Any]:
    """A government's figures: per unit over the last four quarters (today's included), per
    quarter over all its units, each unit's latest survey result and its consultations."""
    facts = complaint_facts(projections, government_id=government_id)
    days_off = _days_off(service, facts, today)
    first = last_four_quarters(today)[-1][0]
    by_unit: dict[str, list[ComplaintFacts]] = {}
    for fact in facts:
        by_unit.setdefault(fact.unit_id.hex, []).append(fact)
    surveys = survey_queries.periods(projections, government_id=government_id)
    rows = []
    for unit in units:
        latest = latest_result([p for p in surveys if p.unit_id == unit["id"]])
        rows.append({"unit": unit, "latest": latest, "key": unit["code"], "label": unit["name"],
                     "figures": figures(by_unit.get(unit["id"], []), first, today, days_off)})
    return {"first": first, "rows": rows, "total": figures(facts, first, today, days_off),
            "categories": categories_per_unit(units, by_unit, facts, first, today),
            "quarters": [Period(a, b, figures(facts, a, b, days_off))
                         for a, b in quarters(facts, today, QUARTERS_SHOWN)],
            "consultations": consultation_queries.consultations(projections, today,
                                                                government_id)}


def percent(share: float | None) -> float | None:
    """A share as a percentage with one decimal, None when there is nothing to divide."""
    return None if share is None else round(100 * share, 1)
