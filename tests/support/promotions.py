"""Promotion periods on the demo, as the web and API tests need them: the period whose proposal
window is open today, and employees of hr.salatiga's agency due on its TMT."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from flask import Flask

from domain.checks import PersonInput
from domain.promotion_period import Standing, promotion_dates
from domain.regulations import promotion_rating_years
from domain.values import (
    Actor,
    Education,
    EmployeeStatus,
    EmploymentType,
    Grade,
    Rating,
    Role,
    Sex,
)
from projections.views import hr_queries
from projections.views.hr_queries import Scope
from projections.views.promotion_periods import eligibility
from tests.builders.personnel import nip_for
from tests.support.dates import REAL_TODAY
from web import catch_up_views, get_service

HR = Actor("hr.salatiga", Role.HR_OFFICER)


def tmt_open_today() -> date:
    """The TMT whose proposal window holds the real today."""
    return next(p.tmt_on for p in promotion_dates(REAL_TODAY, date(REAL_TODAY.year + 1, 12, 1))
                if p.is_open_for_proposals(REAL_TODAY))


def tmt_after(tmt_on: date) -> date:
    """The TMT of the period after `tmt_on`'s (one the demo has not opened)."""
    return next(p.tmt_on for p in promotion_dates(tmt_on + timedelta(days=1),
                                                  date(tmt_on.year + 1, 12, 1)))


def current_period(app: Flask, government: str = "salatiga") -> str:
    """The id (hex) of the period whose proposal window holds today, which the demo opened
    with proposals in every state (web/loaders/demo_promotion_periods.py)."""
    projections = catch_up_views(app)
    government_id = hr_queries.government_by_code(projections, government)
    assert government_id is not None
    found = get_service(app).promotion_periods.find(UUID(government_id), tmt_open_today())
    assert found is not None, "the demo opens the period open for proposals today"
    return UUID(str(found.id)).hex


def agency_scope(app: Flask) -> Scope:
    found = hr_queries.agency_by_code(catch_up_views(app), "salatiga", "disdik")
    assert found is not None
    return Scope(government_id=str(found["government_id"]), agency_id=str(found["id"]))


def due_employees(app: Flask, tmt_on: date, count: int) -> list[UUID]:
    """Employees of the officer's agency due on the TMT: records opened now (saldo awal) of
    PNS four years in III/a, rated Baik in the two years the rule reads."""
    service = get_service(app)
    agency_id = UUID(agency_scope(app).agency_id)
    unit_id = next(iter(service.get_agency(agency_id).units))
    employee_ids = []
    for number in range(count):
        birth_on, appointed_on = date(1990, 3, 4 + number), date(2015, 3, 1)
        employee_ids.append(service.open_record(
            person=PersonInput(name=f"Pegawai Usulan {'ABC'[number]}",
                               nip=nip_for(birth_on, appointed_on, Sex.FEMALE, 90 + number),
                               birth_on=birth_on, sex=Sex.FEMALE, contact=None),
            employment_type=EmploymentType.PNS, status=EmployeeStatus.PNS, agency_id=agency_id,
            unit_id=unit_id, education=Education.S1, grade=Grade("III/a"),
            grade_since=date(tmt_on.year - 4, tmt_on.month, 1), appointed_on=appointed_on,
            probation_passed_on=date(2016, 3, 1),
            prior_ratings=tuple((year, Rating.BAIK)
                                for year in sorted(promotion_rating_years(tmt_on, 2))),
            effective_on=REAL_TODAY, actor=HR, legal_basis=None))
    lines = {line.employee_id: line for line in eligibility(
        catch_up_views(app), service, tmt_on, agency_scope(app))}
    assert all(lines[e].standing is Standing.ELIGIBLE for e in employee_ids), [
        lines[e].codes for e in employee_ids]
    return employee_ids
