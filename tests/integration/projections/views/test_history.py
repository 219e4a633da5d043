"""Bitemporal history on both backends: as in force on a date, and as known at a time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from uuid import UUID

import pytest

from domain.clock import recording_clock
from domain.personnel_service import PersonInput, PersonnelService
from domain.values import (
    Actor,
    Education,
    EmployeeStatus,
    EmploymentType,
    Grade,
    LegalBasis,
    PromotionKind,
    Rating,
    Role,
    Sex,
)
from projections.stores.backend import Backend, open_service
from projections.views.history import agency_roster, employee_state, version_known_at
from projections.views.runner import Projections

HR = Actor("hradmin.salatiga", Role.HR_ADMIN)


def at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 9, tzinfo=UTC)


@pytest.fixture
def opened(store_env: dict[str, str]) -> Iterator[tuple[PersonnelService, Projections]]:
    backend = Backend.from_env(store_env)
    service = open_service(backend)
    projections = Projections.open(service, backend)
    yield service, projections
    projections.close()
    service.close()


class Story:
    """Promoted in 2019, transferred in 2020, the promotion's date corrected in 2021."""

    def __init__(self, service: PersonnelService) -> None:
        with recording_clock(lambda: at(2018, 12, 1)):
            government = service.establish_government(
                code="salatiga", name="Kota Salatiga", province="Jawa Tengah",
                effective_on=date(2001, 1, 1), actor=HR)
            self.health = service.establish_agency(
                government_id=government, code="dinkes", name="Dinas Kesehatan",
                effective_on=date(2001, 1, 1), actor=HR)
            self.health_unit = service.add_unit(agency_id=self.health, code="yankes",
                                                name="Bidang Pelayanan",
                                                effective_on=date(2001, 1, 1), actor=HR)
            self.education = service.establish_agency(
                government_id=government, code="disdik", name="Dinas Pendidikan",
                effective_on=date(2001, 1, 1), actor=HR)
            self.education_unit = service.add_unit(agency_id=self.education, code="gtk",
                                                   name="Bidang GTK",
                                                   effective_on=date(2001, 1, 1), actor=HR)
            self.employee = service.open_record(
                person=PersonInput("Maria Fanggidae", "198703032010012002", date(1987, 3, 3),
                                   Sex.FEMALE),
                employment_type=EmploymentType.PNS, status=EmployeeStatus.PNS,
                agency_id=self.health, unit_id=self.health_unit, education=Education.S1,
                grade=Grade("III/a"), grade_since=date(2010, 1, 1),
                appointed_on=date(2010, 1, 1), probation_passed_on=date(2011, 1, 1),
                prior_ratings=((2017, Rating.BAIK), (2018, Rating.BAIK)),
                effective_on=date(2019, 1, 1), actor=HR, legal_basis=None)
        with recording_clock(lambda: at(2019, 4, 10)):
            service.promote_rank(self.employee, kind=PromotionKind.REGULAR,
                                 to_grade=Grade("III/b"), effective_on=date(2019, 4, 1),
                                 actor=HR, legal_basis=LegalBasis("823/12/2019",
                                                                  date(2019, 3, 20)))
        self.promotion_version = service.get_employee(self.employee).version
        with recording_clock(lambda: at(2020, 2, 10)):
            service.transfer(self.employee, to_agency_id=self.education,
                             to_unit_id=self.education_unit, effective_on=date(2020, 2, 1),
                             actor=HR, legal_basis=LegalBasis("821/4/2020", date(2020, 1, 20)))
        with recording_clock(lambda: at(2021, 1, 10)):
            service.correct(self.employee, target_version=self.promotion_version,
                            changes={"effective_on": date(2019, 10, 1)},
                            effective_on=date(2021, 1, 10), actor=HR,
                            reason="SK kenaikan pangkat salah mencantumkan TMT")


def grade(service: PersonnelService, projections: Projections, employee: UUID, *,
          on: date, known: datetime | None = None) -> Grade | None:
    found = employee_state(service, projections, employee, in_force_on=on, known_at=known)
    return None if found is None else found.state.grade


class TestAsInForceAndAsKnown:
    def test_a_later_correction_changes_the_past_as_in_force_but_not_as_known_before_it(
            self, opened: tuple[PersonnelService, Projections]) -> None:
        service, projections = opened
        story = Story(service)
        projections.catch_up()
        june_2019 = date(2019, 6, 1)

        # Today's knowledge: the promotion took effect in October, so not yet in June.
        assert grade(service, projections, story.employee, on=june_2019) == Grade("III/a")
        # What the system knew in mid-2020, before the correction: promoted in April.
        assert grade(service, projections, story.employee, on=june_2019,
                     known=at(2020, 6, 1)) == Grade("III/b")
        # Known before the promotion was recorded: not promoted at all.
        assert grade(service, projections, story.employee, on=june_2019,
                     known=at(2019, 4, 1)) == Grade("III/a")
        # Both agree once October 2019 is in force.
        assert grade(service, projections, story.employee, on=date(2019, 11, 1)) == (
            Grade("III/b"))
        assert grade(service, projections, story.employee, on=date(2019, 11, 1),
                     known=at(2020, 6, 1)) == Grade("III/b")

    def test_the_transfer_is_in_force_from_its_tmt_and_known_from_its_recording(
            self, opened: tuple[PersonnelService, Projections]) -> None:
        service, projections = opened
        story = Story(service)
        projections.catch_up()

        now = employee_state(service, projections, story.employee,
                             in_force_on=date(2020, 6, 1))
        before = employee_state(service, projections, story.employee,
                                in_force_on=date(2020, 6, 1), known_at=at(2020, 1, 15))
        assert now is not None and now.state.agency_id == story.education
        assert before is not None and before.state.agency_id == story.health
        assert version_known_at(projections, story.employee, at(2018, 1, 1)) is None

    def test_an_agency_roster_as_of_a_date(
            self, opened: tuple[PersonnelService, Projections]) -> None:
        service, projections = opened
        story = Story(service)
        projections.catch_up()

        def members(agency: UUID, on: date, known: datetime | None = None) -> list[UUID]:
            return [h.employee_id for h in agency_roster(service, projections, agency,
                                                         in_force_on=on, known_at=known)]

        assert members(story.health, date(2019, 6, 1)) == [story.employee]
        assert members(story.education, date(2019, 6, 1)) == []
        assert members(story.education, date(2020, 6, 1)) == [story.employee]
        assert members(story.health, date(2020, 6, 1), known=at(2020, 1, 15)) == [
            story.employee]
        assert members(story.health, date(2018, 6, 1)) == []  # before the ledger opened
