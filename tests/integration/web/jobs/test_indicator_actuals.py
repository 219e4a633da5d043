"""The computed monitoring indicators tell the truth: each figure equals a count made again
from the stored events and the employees' own records (not from any view), on each backend;
the monthly job records them once."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from fractions import Fraction
from typing import Any
from uuid import UUID

from flask import Flask

from domain.complaint import Complaint
from domain.employee import Employee
from domain.indicator import IndicatorKind
from domain.organisation import Government
from domain.personnel_service import PersonnelService
from domain.selection import OpenSelection
from domain.service_unit import ServiceUnit
from domain.survey import SurveyPeriod
from projections.views.indicator_figures import (
    Figure,
    ServiceRecipients,
    compute,
    month_end,
    previous_month,
    service_recipients,
)
from projections.views.indicators import indicators_of
from tests.builders.indicator import indicator
from tests.support.dates import REAL_TODAY
from web import get_projections, get_service
from web.jobs.registry import job_named
from web.settings import Settings

ACTIVE = ("CPNS", "PNS", "PPPK")
THIS_MONTH = REAL_TODAY.replace(day=1)


def _events(service: PersonnelService) -> Iterator[Any]:
    head = service.recorder.max_notification_id() or 0
    for note in service.recorder.select_notifications(1, max(head, 1)):
        yield service.mapper.to_domain_event(note)


def _months_back(count: int) -> list[date]:
    months, month = [], THIS_MONTH
    for _ in range(count):
        month = previous_month(month)
        months.append(month)
    return months


def _share(part: int, whole: int) -> Figure | None:
    return Figure(round(100 * part / whole, 2), whole) if whole else None


class Store:
    """What the stored events say, gathered once, without any view."""

    def __init__(self, service: PersonnelService) -> None:
        self.employees: list[Employee] = []
        self.periods: dict[UUID, dict[str, Any]] = {}
        self.complaints: dict[UUID, dict[str, Any]] = {}
        self.selections: dict[UUID, dict[str, Any]] = {}
        self.governments: list[UUID] = []
        self.agency_of_unit: dict[UUID, UUID] = {}
        seen: set[UUID] = set()
        for event in _events(service):
            key = event.originator_id
            if isinstance(event, Government.Established):
                self.governments.append(key)
            elif isinstance(event, ServiceUnit.Opened):
                self.agency_of_unit[key] = event.agency_id
            elif isinstance(event, Employee.Event) and key not in seen:
                seen.add(key)
                self.employees.append(service.get_employee(key))
            elif isinstance(event, SurveyPeriod.Opened):
                self.periods[key] = {"government": event.government_id, "unit": event.unit_id,
                                     "starts_on": event.starts_on, "responses": []}
            elif isinstance(event, SurveyPeriod.ResponseRecorded):
                self.periods[key]["responses"].append((event.effective_on, event.scores))
            elif isinstance(event, Complaint.Submitted):
                self.complaints[key] = {"government": event.government_id, "answer_by": None,
                                        "answered_on": None, "unit": event.unit_id}
            elif isinstance(event, (Complaint.Verified, Complaint.Assigned)):
                if self.complaints[key]["answered_on"] is None:
                    self.complaints[key]["answer_by"] = event.answer_by
                    if isinstance(event, Complaint.Assigned):
                        self.complaints[key]["unit"] = event.unit_id
            elif isinstance(event, Complaint.Answered):
                if self.complaints[key]["answered_on"] is None:
                    self.complaints[key]["answered_on"] = event.effective_on
            elif isinstance(event, OpenSelection.Authorised):
                self.selections[key] = {"government": event.government_id,
                                        "authorised_on": event.effective_on, "filled_on": None}
            elif isinstance(event, OpenSelection.Inaugurated):
                self.selections[key]["filled_on"] = event.effective_on

    def staff(self, government_id: UUID) -> list[Any]:
        states = [e.state for e in self.employees]
        return [s for s in states if s.government_id == government_id
                and s.status is not None and s.status.value in ACTIVE]

    def training(self, government_id: UUID, month: date) -> Figure | None:
        staff = self.staff(government_id)
        return _share(sum(s.training_jp.get(month.year, 0) >= 20 for s in staff), len(staff))

    def appraisal(self, government_id: UUID, month: date) -> Figure | None:
        last_year = month.year - 1
        due = [s for s in self.staff(government_id) if s.appointed_on.year <= last_year]
        return _share(sum(last_year in s.appraisals for s in due), len(due))

    def ikm(self, government_id: UUID, month: date) -> Figure | None:
        """Per unit, the responses by the month's end to its latest period begun by then
        that had any."""
        end = month_end(month)
        latest: dict[UUID, list[list[int]]] = {}
        for period in sorted(self.periods.values(), key=lambda p: p["starts_on"]):
            given = [scores for on, scores in period["responses"] if on <= end]
            if period["government"] == government_id and given and period["starts_on"] <= end:
                latest[period["unit"]] = given
        n = sum(len(given) for given in latest.values())
        if not n:
            return None
        total = sum(sum(scores) for given in latest.values() for scores in given)
        index = Fraction(total, n * 9) * 25  # the mean of the nine element means, × 25
        return Figure(math.floor(index * 100 + Fraction(1, 2)) / 100, n)

    def complaints_on_time(self, government_id: UUID, month: date) -> Figure | None:
        due = [c for c in self.complaints.values() if c["government"] == government_id
               and c["answer_by"] and month <= c["answer_by"] <= month_end(month)]
        on_time = sum(1 for c in due if c["answered_on"] and c["answered_on"] <= c["answer_by"])
        return _share(on_time, len(due))

    def service_recipients(self, agency_id: UUID, year: int, today: date) -> ServiceRecipients:
        first, last = date(year, 1, 1), min(date(year, 12, 31), today)
        given = [scores for p in self.periods.values()
                 if self.agency_of_unit[p["unit"]] == agency_id
                 for on, scores in p["responses"] if first <= on <= last]
        ikm = None
        if given:
            index = Fraction(sum(map(sum, given)), len(given) * 9) * 25
            ikm = math.floor(index * 100 + Fraction(1, 2)) / 100
        due = [c for c in self.complaints.values() if self.agency_of_unit[c["unit"]] == agency_id
               and c["answer_by"] and first <= c["answer_by"] <= last]
        on_time = sum(1 for c in due if c["answered_on"] and c["answered_on"] <= c["answer_by"])
        share = _share(on_time, len(due))
        return ServiceRecipients(ikm, len(given), share.value if share else None, len(due))

    def jpt_days(self, government_id: UUID, month: date) -> Figure | None:
        first = month
        for _ in range(11):
            first = previous_month(first)
        days = [(s["filled_on"] - s["authorised_on"]).days for s in self.selections.values()
                if s["government"] == government_id and s["filled_on"]
                and first <= s["filled_on"] <= month_end(month)]
        return Figure(float(statistics.median(days)), len(days)) if days else None


def test_every_computed_figure_equals_a_count_made_again_from_the_store(
        demo_app: Flask) -> None:
    projections = get_projections(demo_app)
    projections.catch_up()
    store = Store(get_service(demo_app))
    counted: dict[IndicatorKind, int] = defaultdict(int)
    assert len(store.governments) == 5
    for government_id in store.governments:
        gid = government_id.hex
        for kind, expected in ((IndicatorKind.TRAINING_20JP, store.training),
                               (IndicatorKind.APPRAISAL_COMPLETION, store.appraisal)):
            found = compute(projections, kind, gid, THIS_MONTH)
            assert found == expected(government_id, THIS_MONTH), (kind, gid)
            counted[kind] += found is not None
        for month in [THIS_MONTH, *_months_back(12)]:
            for kind, expected in ((IndicatorKind.IKM, store.ikm),
                                   (IndicatorKind.COMPLAINTS_ON_TIME, store.complaints_on_time),
                                   (IndicatorKind.JPT_FILL_DAYS, store.jpt_days)):
                found = compute(projections, kind, gid, month)
                assert found == expected(government_id, month), (kind, gid, month)
                counted[kind] += found is not None
    # the demo gives every kind something to count, so the comparisons above compare figures
    assert all(counted[kind] > 0 for kind in IndicatorKind if kind.is_computed), counted


def test_the_service_recipients_view_of_every_agency_equals_a_count_from_the_store(
        demo_app: Flask) -> None:
    projections = get_projections(demo_app)
    projections.catch_up()
    store = Store(get_service(demo_app))
    agencies = sorted(set(store.agency_of_unit.values()))
    assert agencies
    seen = 0
    for agency_id in agencies:
        for year in (REAL_TODAY.year - 1, REAL_TODAY.year):
            found = service_recipients(projections, agency_id.hex, year, REAL_TODAY)
            assert found == store.service_recipients(agency_id, year, REAL_TODAY), (agency_id,
                                                                                   year)
            seen += found.responses + found.complaints_due
    assert seen > 0


def test_the_monthly_job_records_last_month_once_for_every_computed_indicator(
        demo_app: Flask) -> None:
    service, projections = get_service(demo_app), get_projections(demo_app)
    projections.catch_up()
    government_id = next(g for g in Store(service).governments)
    defined = {kind: indicator(service, government_id, REAL_TODAY, kind=kind, name=kind.value)
               for kind in IndicatorKind if kind.is_computed}
    settings = Settings.from_env({}).jobs
    with demo_app.app_context():
        first = job_named("indicator_actuals").run(demo_app, REAL_TODAY, settings)
        second = job_named("indicator_actuals").run(demo_app, REAL_TODAY, settings)
    month = previous_month(REAL_TODAY)
    assert first is not None and f"of {month:%Y-%m}" in first
    projections.catch_up()
    rows = {r.id: r for r in indicators_of(projections, government_id=government_id.hex)}
    for kind, indicator_id in defined.items():
        expected = compute(projections, kind, government_id.hex, month)
        actual = rows[indicator_id.hex].actuals.get(month)
        if expected is None:
            assert actual is None
            continue
        assert actual is not None and actual["is_computed"]
        assert (actual["value"], actual["base"]) == (expected.value, expected.base)
        assert len(service.indicators.get(indicator_id).actuals) == 1
    assert second is None or " 0 indicator actuals" in f" {second}"


def test_a_month_s_end_is_its_last_day() -> None:
    assert month_end(date(2024, 2, 1)) == date(2024, 2, 29)
    assert month_end(date(2026, 12, 1)) == date(2026, 12, 31)
    assert previous_month(date(2026, 1, 15)) == date(2025, 12, 1)
    assert date(2026, 3, 1) - timedelta(days=1) == month_end(date(2026, 2, 1))
