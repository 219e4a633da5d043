"""What the public service pages show of complaint handling, surveys and consultations: a
unit's figures per quarter (/layanan/<code>) and a government's rolled up per unit and quarter
(/layanan/pemerintah/<code>). The counting is domain/complaint_figures.py's; this module picks
the periods, the holiday calendars and the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from domain import ikm
from domain.complaint_figures import ComplaintFacts, Figures, figures, quarter_of, quarters
from projections.views import consultation as consultation_queries
from projections.views import survey as survey_queries
from projections.views.voice_figures import complaint_facts

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
        return f"{self.first.year} T{(self.first.month - 1) // 3 + 1}"


def _days_off(service: Any, facts: list[ComplaintFacts], today: date) -> frozenset[date]:
    first_year = min((f.received_on.year for f in facts), default=today.year)
    return service.voice.days_off(first_year, today.year)


def quarterly(service: Any, facts: list[ComplaintFacts], today: date,
              limit: int = QUARTERS_SHOWN) -> list[Period]:
    """The figures of each quarter from the first complaint's to today's, latest first."""
    days_off = _days_off(service, facts, today)
    return [Period(first, last, figures(facts, first, last, days_off))
            for first, last in quarters(facts, today, limit)]


def unit_complaints(projections: Any, service: Any, unit_id: str, today: date) -> list[Period]:
    """A unit's complaint figures per quarter, latest first."""
    return quarterly(service, complaint_facts(projections, unit_id=unit_id), today)


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
    first = quarter_of(today)[0]
    for _ in range(3):
        first = quarter_of(date.fromordinal(first.toordinal() - 1))[0]
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
            "quarters": [Period(a, b, figures(facts, a, b, days_off))
                         for a, b in quarters(facts, today, QUARTERS_SHOWN)],
            "consultations": consultation_queries.consultations(projections, today,
                                                                government_id)}


def percent(share: float | None) -> float | None:
    """A share as a percentage with one decimal, None when there is nothing to divide."""
    return None if share is None else round(100 * share, 1)
