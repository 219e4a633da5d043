"""Builders of an organisation and its staff in realistic states, through the application
service: on in-memory stores (the domain tests) or on any store (`Organisation.build(service)`)."""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

import pytest

from domain import clock
from domain.checks import PersonInput
from domain.employee import Employee
from domain.errors import DomainError
from domain.personnel_service import PersonnelService
from domain.privacy import InMemoryKeyStore, InMemorySubjectRegistry
from domain.regulations import starting_grade
from domain.values import (
    Actor,
    Education,
    EmployeeStatus,
    EmploymentType,
    Expectation,
    Grade,
    JpHours,
    LegalBasis,
    PositionType,
    PromotionKind,
    Rating,
    Role,
    Sex,
    TopicTag,
    TrainingType,
)

OFFICER = Actor("petugas-bkpsdm", Role.HR_OFFICER)
HR = Actor("hr.salatiga", Role.HR_OFFICER)  # the demo's officer of Salatiga's education agency
ADMIN = Actor("admin", Role.SYSTEM_ADMIN)
ESTABLISHED_ON = date(2000, 1, 1)

# Lower bounds sit at the starting grade of an S2 (pengawas) or S3 (administrator, JPT) graduate,
# so a freshly appointed rater can hold the post; otherwise the ladder follows PP 13/2002.
POSITION_GRADES: dict[PositionType, tuple[str, str]] = {
    PositionType.PELAKSANA: ("II/a", "III/d"),
    PositionType.AHLI_PERTAMA: ("III/a", "III/b"),
    PositionType.PENGAWAS: ("III/b", "III/d"),
    PositionType.ADMINISTRATOR: ("III/c", "IV/b"),
    PositionType.JPT_PRATAMA: ("III/c", "IV/d"),
}
POSITION_TITLES: dict[PositionType, str] = {
    PositionType.PELAKSANA: "Pengadministrasi Kepegawaian",
    PositionType.AHLI_PERTAMA: "Analis SDM Aparatur Ahli Pertama",
    PositionType.PENGAWAS: "Kepala Subbidang Mutasi",
    PositionType.ADMINISTRATOR: "Kepala Bidang Mutasi dan Promosi",
    PositionType.JPT_PRATAMA: "Kepala Badan",
}
# A rater's education gives a starting grade the post of that type admits.
_RATER_EDUCATION = {
    PositionType.PENGAWAS: Education.S2,
    PositionType.ADMINISTRATOR: Education.S3,
    PositionType.JPT_PRATAMA: Education.S3,
}
_NAMES = ("Siti Rahmawati", "Budi Santoso", "Dewi Lestari", "Agus Setiawan", "Rina Marlina",
          "Hendra Gunawan", "Wulan Sari", "Joko Prasetyo")


def decree(number: str = "800/001/BKPSDM", signed_on: date = date(2020, 1, 1)) -> LegalBasis:
    """A decree (SK) to pass as legal basis."""
    return LegalBasis(number, signed_on)


def new_service() -> PersonnelService:
    """A personnel service whose event store, key store and NIP registry live in memory."""
    return PersonnelService({"PERSISTENCE_MODULE": "eventsourcing.popo"}, InMemoryKeyStore(),
                            InMemorySubjectRegistry())


def nip_for(birth_on: date, appointed_on: date, sex: Sex, sequence: int = 1) -> str:
    """A PNS NIP: birth YYYYMMDD + TMT CPNS YYYYMM + sex digit + 3-digit sequence."""
    return f"{birth_on:%Y%m%d}{appointed_on:%Y%m}{sex.value}{sequence:03d}"


def ni_pppk_for(birth_on: date, appointed_on: date, sex: Sex, sequence: int = 1,
                contract: int = 1) -> str:
    """An NI PPPK: birth YYYYMMDD + TMT year + "2" + contract count + sex digit + sequence."""
    return f"{birth_on:%Y%m%d}{appointed_on:%Y}2{contract}{sex.value}{sequence:03d}"


def stored_count(service: PersonnelService) -> int:
    """How many events the service has stored so far."""
    return service.recorder.max_notification_id() or 0


def versions_of(service: PersonnelService, employee_id: UUID,
                event_class: type[Employee.Action]) -> list[int]:
    """Versions of the employee's actions of one kind, in the order they were recorded."""
    employee = service.get_employee(employee_id)
    return sorted(v for v, a in employee.actions.items() if type(a) is event_class)


@contextmanager
def refused(service: PersonnelService | None = None
            ) -> Iterator[pytest.ExceptionInfo[DomainError]]:
    """Expect a DomainError from the block; the caller asserts its code.

    Also checks what every refusal owes the user: both messages format with the parameters the
    rule was raised with and carry no NIP, and (given the service) nothing was stored.
    """
    before = stored_count(service) if service is not None else 0
    with pytest.raises(DomainError) as excinfo:
        yield excinfo
    for language in ("id", "en"):
        message = excinfo.value.message(language)
        assert message and not re.search(r"\d{18}", message), message
    if service is not None:
        assert stored_count(service) == before, "a refused command stored events"


@dataclass
class Organisation:
    """A regional government with two agencies, and ways to staff them.

    `agency_id` (BKPSDM) has a secretariat and a division; `health_agency_id` (Dinas Kesehatan)
    belongs to the same government, so transfers between the two are allowed.
    """

    service: PersonnelService
    government_id: UUID
    agency_id: UUID
    secretariat_id: UUID
    division_id: UUID
    health_agency_id: UUID
    health_unit_id: UUID
    ids: random.Random | None = None  # seeded: the same ids every time; None: the service's
    _sequence: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _raters: dict[tuple[PositionType, UUID], UUID] = field(default_factory=dict)

    @classmethod
    def build(cls, service: PersonnelService | None = None,
              ids: random.Random | None = None) -> Organisation:
        service = service or new_service()
        on = ESTABLISHED_ON

        def new_id() -> UUID | None:
            return None if ids is None else UUID(int=ids.getrandbits(128), version=4)

        government_id = service.establish_government(
            code="kota-contoh", name="Pemerintah Kota Contoh", province="Jawa Barat",
            effective_on=on, actor=OFFICER, id=new_id())
        agency_id = service.establish_agency(
            government_id=government_id, code="bkpsdm",
            name="Badan Kepegawaian dan Pengembangan SDM", effective_on=on, actor=OFFICER,
            id=new_id())
        secretariat_id = service.add_unit(agency_id=agency_id, code="sekretariat",
                                          name="Sekretariat", effective_on=on, actor=OFFICER,
                                          id=new_id())
        division_id = service.add_unit(agency_id=agency_id, code="mutasi",
                                       name="Bidang Mutasi dan Promosi", effective_on=on,
                                       actor=OFFICER, id=new_id())
        health_agency_id = service.establish_agency(
            government_id=government_id, code="dinkes", name="Dinas Kesehatan",
            effective_on=on, actor=OFFICER, id=new_id())
        health_unit_id = service.add_unit(agency_id=health_agency_id, code="umum",
                                          name="Subbagian Umum", effective_on=on, actor=OFFICER,
                                          id=new_id())
        return cls(service, government_id, agency_id, secretariat_id, division_id,
                   health_agency_id, health_unit_id, ids)

    def new_id(self) -> UUID | None:
        """The id of the next aggregate, applicant or subject: from `ids` when seeded, so the
        same seed gives the same ids; otherwise None, and the service makes one."""
        return None if self.ids is None else UUID(int=self.ids.getrandbits(128), version=4)

    def foreign_agency(self) -> tuple[UUID, UUID]:
        """An agency and unit of another regional government."""
        government_id = self.service.establish_government(
            code="kab-lain", name="Pemerintah Kabupaten Lain", province="Jawa Tengah",
            effective_on=ESTABLISHED_ON, actor=OFFICER)
        agency_id = self.service.establish_agency(
            government_id=government_id, code="bkd", name="Badan Kepegawaian Daerah",
            effective_on=ESTABLISHED_ON, actor=OFFICER)
        unit_id = self.service.add_unit(agency_id=agency_id, code="umum", name="Umum",
                                        effective_on=ESTABLISHED_ON, actor=OFFICER)
        return agency_id, unit_id

    def unit_of(self, agency_id: UUID) -> UUID:
        """Where the staff of one of the two agencies work: the division, or the health unit."""
        return self.division_id if agency_id == self.agency_id else self.health_unit_id

    def establish_position(self, position_type: PositionType, *, agency_id: UUID | None = None,
                           unit_id: UUID | None = None) -> UUID:
        """A new, vacant position of `position_type` (each holder needs a post of their own)."""
        lowest, highest = POSITION_GRADES[position_type]
        agency_id = agency_id or self.agency_id
        return self.service.establish_position(
            agency_id=agency_id, unit_id=unit_id or self.unit_of(agency_id),
            title=POSITION_TITLES[position_type],
            position_type=position_type, lowest=Grade(lowest), highest=Grade(highest),
            effective_on=ESTABLISHED_ON, actor=OFFICER, id=self.new_id())

    # -- appointing ----------------------------------------------------------------------------

    def person(self, *, birth_on: date, sex: Sex, nip: str, name: str | None = None,
               contact: str | None = "pegawai@contoh.go.id") -> PersonInput:
        sequence = next(self._sequence)
        return PersonInput(name=name or _NAMES[sequence % len(_NAMES)], nip=nip,
                           birth_on=birth_on, sex=sex, contact=contact)

    def next_sequence(self) -> int:
        return next(self._sequence)

    def appoint_cpns(self, *, birth_on: date = date(1992, 5, 17), sex: Sex = Sex.FEMALE,
                     appointed_on: date = date(2016, 4, 1), education: Education = Education.S1,
                     grade: Grade | None = None, agency_id: UUID | None = None,
                     unit_id: UUID | None = None, nip: str | None = None,
                     name: str | None = None, contact: str | None = "pegawai@contoh.go.id",
                     subject_id: UUID | None = None) -> UUID:
        """A CPNS at the starting grade of `education`, with a NIP that matches them."""
        nip = nip or nip_for(birth_on, appointed_on, sex, self.next_sequence())
        return self.service.appoint(
            person=self.person(birth_on=birth_on, sex=sex, nip=nip, name=name, contact=contact),
            employment_type=EmploymentType.PNS, agency_id=agency_id or self.agency_id,
            unit_id=unit_id or self.division_id, education=education,
            grade=grade or starting_grade(education), effective_on=appointed_on,
            actor=OFFICER,  # a decree is signed on or before its TMT, never after today
            legal_basis=decree("813/001/CPNS", min(appointed_on, clock.now().date())),
            subject_id=subject_id or self.new_id(), id=self.new_id())

    def appoint_pppk(self, *, birth_on: date = date(1990, 8, 3), sex: Sex = Sex.MALE,
                     appointed_on: date = date(2022, 3, 1),
                     contract_ends_on: date | None = date(2027, 2, 28),
                     grade: str = "IX", education: Education = Education.S1,
                     nip: str | None = None, name: str | None = None,
                     agency_id: UUID | None = None) -> UUID:
        """A PPPK on a five-year contract, with an NI PPPK that matches them."""
        nip = nip or ni_pppk_for(birth_on, appointed_on, sex, self.next_sequence())
        agency_id = agency_id or self.agency_id
        return self.service.appoint(
            person=self.person(birth_on=birth_on, sex=sex, nip=nip, name=name),
            employment_type=EmploymentType.PPPK, agency_id=agency_id,
            unit_id=self.unit_of(agency_id), education=education, grade=Grade(grade),
            effective_on=appointed_on, actor=OFFICER,
            legal_basis=decree("813/001/PPPK", appointed_on), contract_ends_on=contract_ends_on,
            subject_id=self.new_id(), id=self.new_id())

    def open_record(self, *, status: EmployeeStatus = EmployeeStatus.PNS,
                    birth_on: date = date(1984, 9, 2), sex: Sex = Sex.MALE,
                    appointed_on: date = date(2010, 3, 1), education: Education = Education.S1,
                    grade: str = "III/c", grade_since: date = date(2020, 4, 1),
                    probation_passed_on: date | None = date(2011, 3, 1),
                    prior_ratings: tuple[tuple[int, Rating], ...] = (
                        (2022, Rating.BAIK), (2023, Rating.SANGAT_BAIK)),
                    opened_on: date = date(2024, 1, 1), name: str | None = None,
                    agency_id: UUID | None = None) -> UUID:
        """Saldo awal of a PNS employed since 2010, in III/c since April 2020, opened in 2024."""
        nip = nip_for(birth_on, appointed_on, sex, self.next_sequence())
        agency_id = agency_id or self.agency_id
        return self.service.open_record(
            person=self.person(birth_on=birth_on, sex=sex, nip=nip, name=name),
            employment_type=EmploymentType.PNS, status=status, agency_id=agency_id,
            unit_id=self.unit_of(agency_id), education=education, grade=Grade(grade),
            grade_since=grade_since, appointed_on=appointed_on,
            probation_passed_on=probation_passed_on, prior_ratings=prior_ratings,
            effective_on=opened_on, actor=OFFICER, legal_basis=None,
            subject_id=self.new_id(), id=self.new_id())

    def complete_latsar(self, employee_id: UUID, on: date) -> None:
        self.service.complete_training(
            employee_id, training_type=TrainingType.LATSAR, title="Pelatihan Dasar CPNS",
            hours_jp=JpHours(300), topics=(TopicTag.INTEGRITY, TopicTag.PUBLIC_MANAGEMENT),
            effective_on=on, actor=OFFICER)

    def make_pns(self, *, birth_on: date = date(1992, 5, 17), sex: Sex = Sex.FEMALE,
                 appointed_on: date = date(2016, 4, 1), education: Education = Education.S1,
                 agency_id: UUID | None = None, unit_id: UUID | None = None) -> UUID:
        """A CPNS taken through Latsar (six months in) and probation (a year in) to PNS."""
        employee_id = self.appoint_cpns(birth_on=birth_on, sex=sex, appointed_on=appointed_on,
                                        education=education, agency_id=agency_id,
                                        unit_id=unit_id)
        self.complete_latsar(employee_id, _months_after(appointed_on, 6))
        self.service.pass_probation(employee_id, effective_on=_months_after(appointed_on, 12),
                                    actor=OFFICER, legal_basis=decree("821/001/PNS"))
        return employee_id

    def assign(self, employee_id: UUID, position_type: PositionType, on: date,
               *, agency_id: UUID | None = None) -> UUID:
        """Establish a new position of `position_type` and put the employee in it."""
        position_id = self.establish_position(position_type, agency_id=agency_id)
        self.service.assign_position(employee_id, position_id=position_id, effective_on=on,
                                     actor=OFFICER, legal_basis=decree("821.2/001/JAB", on))
        return position_id

    def rater(self, position_type: PositionType = PositionType.PENGAWAS,
              agency_id: UUID | None = None) -> UUID:
        """A PNS holding a managerial post since 2006, one per type and agency."""
        agency_id = agency_id or self.agency_id
        key = (position_type, agency_id)
        if key not in self._raters:
            rater_id = self.make_pns(birth_on=date(1976, 1, 20), sex=Sex.MALE,
                                     appointed_on=date(2005, 1, 1),
                                     education=_RATER_EDUCATION[position_type],
                                     agency_id=agency_id, unit_id=self.unit_of(agency_id))
            self.assign(rater_id, position_type, date(2006, 1, 1), agency_id=agency_id)
            self._raters[key] = rater_id
        return self._raters[key]

    # -- a career ------------------------------------------------------------------------------

    def appraise(self, employee_id: UUID, years: Iterable[int], *, rater_id: UUID | None = None,
                 work_result: Expectation = Expectation.AS_EXPECTED,
                 behaviour: Expectation = Expectation.AS_EXPECTED) -> None:
        """Annual appraisals for `years`, each recorded on 15 January of the year after."""
        rater_id = rater_id or self.rater()
        for year in years:
            self.service.record_appraisal(employee_id, year=year, work_result=work_result,
                                          behaviour=behaviour, rater_id=rater_id,
                                          effective_on=date(year + 1, 1, 15), actor=OFFICER)

    def promotable_pns(self, *, position_type: PositionType = PositionType.PELAKSANA,
                       education: Education = Education.S1) -> UUID:
        """An S1 graduate appointed CPNS on 1 April 2016 and by April 2020 due a promotion.

        Latsar in October 2016, PNS from 1 April 2017 in a post of `position_type`, rated Baik for
        2016 to 2019: four years in III/a and two good years, so eligible for III/b on
        1 April 2020.
        """
        employee_id = self.make_pns(appointed_on=date(2016, 4, 1), education=education)
        self.assign(employee_id, position_type, date(2017, 4, 1))
        self.appraise(employee_id, range(2016, 2020))
        return employee_id

    def promote(self, employee_id: UUID, to_grade: str, on: date,
                kind: PromotionKind = PromotionKind.REGULAR,
                credit_points: float | None = None) -> None:
        self.service.promote_rank(employee_id, kind=kind, to_grade=Grade(to_grade),
                                  effective_on=on, actor=OFFICER,
                                  legal_basis=decree("823/001/KP", on),
                                  credit_points=credit_points)


def _months_after(on: date, months: int) -> date:
    month0 = on.month - 1 + months
    return on.replace(year=on.year + month0 // 12, month=month0 % 12 + 1)
