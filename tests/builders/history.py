"""Histories recorded through the application service for the tests of the read models.

`Story`: one employee whose past was corrected, recorded at chosen times (bitemporal views).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.checks import PersonInput
from domain.clock import recording_clock
from domain.personnel_service import PersonnelService
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

HR = Actor("hradmin.salatiga", Role.HR_ADMIN)


def at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 9, tzinfo=UTC)


class Story:
    """Promoted in 2019, transferred in 2020, the promotion's date corrected in 2021."""

    def __init__(self, service: PersonnelService) -> None:
        # Recorded on the opening day: a record is not opened with a date still to come.
        with recording_clock(lambda: at(2019, 1, 2)):
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
