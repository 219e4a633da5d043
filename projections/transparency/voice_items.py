"""The citizens' voice parts of a release: complaint handling per service unit in the month
(a T2 table, each unit's median time to answer, and a second table of the month's complaints
per category, rejected ones left out: domain/complaint_figures.py `category_counts`), the
satisfaction survey periods closed in the month and the consultations answered in it (T1
items).

Complaints are counted as cases, not people, and published exactly (docs/DISCLOSURE.md, "Citizens'
voice"); a survey result carries its response count and the regulation's minimum sample; a
consultation its number of answered themes and changes. Nothing of a complainant, respondent
or commenter leaves this module.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any
from uuid import UUID

from domain import ikm
from domain.complaint import Complaint
from domain.complaint_figures import COUNTS, ComplaintFacts, category_counts, facts_of, figures
from domain.consultation import Consultation
from domain.holidays import HolidayCalendar, seed_holidays
from domain.service_unit import ServiceUnit
from domain.survey import SurveyPeriod
from domain.voice_values import ComplaintCategory
from projections.transparency import disclosure
from projections.transparency.computed import ComputedRelease, Replay
from projections.transparency.disclosure import Table

COMPLAINTS_TABLE = "complaints"
CATEGORIES_TABLE = "complaint_categories"
# The table's column keys: a category's own code ("other", "time") names other things in the
# shared labels of published columns (web/public/labels.py).
CATEGORY_COLUMNS = {c: f"about_{c.value}" for c in ComplaintCategory}


def days_off(replay: Replay, first_year: int, last_year: int) -> frozenset[date]:
    """National holidays and cuti bersama of the years, from the calendars in the log (or the
    seed of a year nobody opened), as the complaint service reads them."""
    calendars = {c.year: c for c in replay.of(HolidayCalendar)}
    days: set[date] = set()
    for year in range(first_year, last_year + 1):
        found = calendars.get(year)
        days |= set(found.days) if found is not None else {d.on for d in seed_holidays(year)}
    return frozenset(days)


def add(release: ComputedRelease, replay: Replay, government: Any, first: date,
        end: date) -> None:
    """Add the month's complaint table, survey results and answered consultations."""
    units = sorted((u for u in replay.of(ServiceUnit) if u.government_id == government.id),
                   key=lambda u: str(u.code))
    if units:
        release.labels["units"] = {str(u.code): str(u.name) for u in units}
        _complaints(release, replay, government.id, units, first, end)
        _surveys(release, replay, government.id, {u.id: u for u in units}, first, end)
    _consultations(release, replay, government.id, first, end)


def _complaints(release: ComputedRelease, replay: Replay, government_id: UUID,
                units: list[Any], first: date, end: date) -> None:
    by_unit: dict[UUID, list[ComplaintFacts]] = defaultdict(list)
    for complaint in replay.of(Complaint):
        if complaint.government_id == government_id and complaint.received_on <= end:
            by_unit[complaint.unit_id].append(facts_of(complaint))
    earliest = min((f.received_on.year for found in by_unit.values() for f in found),
                   default=end.year)
    off = days_off(replay, earliest, end.year)
    found = {u.id: figures(by_unit[u.id], first, end, off) for u in units}
    release.tables.append(disclosure.protect(Table(
        COMPLAINTS_TABLE, [str(u.code) for u in units], list(COUNTS),
        [found[u.id].counts() for u in units], row_totals=False)))
    mixes = {u.id: category_counts(by_unit[u.id], first, end) for u in units}
    release.tables.append(disclosure.protect(Table(
        CATEGORIES_TABLE, [str(u.code) for u in units], list(CATEGORY_COLUMNS.values()),
        [[mixes[u.id][c] for c in CATEGORY_COLUMNS] for u in units], row_totals=False)))
    for unit in units:
        median = found[unit.id].median_days_to_answer
        if median is not None:
            release.items.append({"tier": "T1", "kind": "complaint_answer_time",
                                  "key": str(unit.code), "title": str(unit.name),
                                  "month": release.month, "answered": found[unit.id].answered,
                                  "median_working_days": median})


def _surveys(release: ComputedRelease, replay: Replay, government_id: UUID,
             units: dict[UUID, Any], first: date, end: date) -> None:
    periods = sorted((p for p in replay.of(SurveyPeriod)
                      if p.government_id == government_id and p.is_closed
                      and p.closed_on is not None and first <= p.closed_on <= end
                      and p.unit_id in units),
                     key=lambda p: (str(units[p.unit_id].code), p.starts_on))
    for period in periods:
        responses = period.coded_responses + period.open_responses
        result = ikm.result(period.score_totals, responses, period.population)
        unit = units[period.unit_id]
        release.items.append({
            "tier": "T1", "kind": "survey_result",
            "key": f"{unit.code}:{period.starts_on.isoformat()}", "unit": str(unit.code),
            "title": str(unit.name), "starts_on": period.starts_on.isoformat(),
            "ends_on": period.ends_on.isoformat(), "month": release.month,
            "responses": responses, "coded": period.coded_responses,
            "open": period.open_responses,
            "minimum_sample": ikm.minimum_sample(period.population),
            "ikm": str(result.index_shown) if result else None,
            "grade": result.grade.value if result else None,
            "is_enough": bool(result and result.is_enough)})


def _consultations(release: ComputedRelease, replay: Replay, government_id: UUID,
                   first: date, end: date) -> None:
    answered = sorted((c for c in replay.of(Consultation)
                       if c.government_id == government_id and c.answered_on is not None
                       and first <= c.answered_on <= end), key=lambda c: str(c.title))
    for consultation in answered:
        release.items.append({
            "tier": "T1", "kind": "consultation_answered", "key": consultation.id.hex,
            "title": str(consultation.title), "month": release.month,
            "subject": consultation.subject.value, "themes": len(consultation.themes),
            "changes": consultation.change_count,
            "comments_published": sum(1 for c in consultation.comments.values()
                                      if c.published_text is not None)})
