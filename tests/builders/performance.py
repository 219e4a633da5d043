"""Builders of the performance cycle: a division's chain of command (the agency's head, the
division's head, a supervisor and staff) with their SKP plans, cascaded down the chain."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from domain.performance_plan import ResultRef, WorkResult
from domain.performance_rules import OrganisationPredicate
from domain.personnel_service import PersonnelService
from domain.values import Actor, PositionType, Role
from tests.builders.personnel import Organisation

EMPLOYEE = Actor("pegawai.contoh", Role.EMPLOYEE)
SUPERIOR = Actor("atasan.contoh", Role.EMPLOYEE)
HR_ADMIN = Actor("hradmin.contoh", Role.HR_ADMIN)


def result(text: str = "Tersusunnya rencana kebutuhan pegawai",
           indicator: str = "Dokumen rencana kebutuhan tersusun tepat waktu",
           cascaded_from: ResultRef | None = None) -> WorkResult:
    return WorkResult(text, (indicator,), cascaded_from)


@dataclass
class Chain:
    """The Kepala Badan (JPT, rated by the regional head), the Kepala Bidang heading the
    division (administrator), a supervisor (pengawas) and pelaksana staff of the division."""

    org: Organisation
    agency_head: UUID
    division_head: UUID
    supervisor: UUID
    staff: list[UUID] = field(default_factory=list)

    @classmethod
    def build(cls, org: Organisation, staff: int = 1) -> Chain:
        chain = cls(org, org.rater(PositionType.JPT_PRATAMA),
                    org.rater(PositionType.ADMINISTRATOR), org.rater(PositionType.PENGAWAS))
        for _ in range(staff):
            chain.add_staff()
        return chain

    def add_staff(self) -> UUID:
        employee_id = self.org.make_pns(appointed_on=date(2016, 4, 1))
        self.org.assign(employee_id, PositionType.PELAKSANA, date(2017, 4, 1))
        self.staff.append(employee_id)
        return employee_id

    @property
    def service(self) -> PersonnelService:
        return self.org.service

    def superior_of(self, employee_id: UUID) -> UUID | None:
        if employee_id == self.agency_head:
            return None
        if employee_id == self.division_head:
            return self.agency_head
        if employee_id == self.supervisor:
            return self.division_head
        return self.supervisor

    def plan(self, employee_id: UUID, year: int = 2026, *, agreed: bool = True) -> UUID:
        """The employee's plan, cascaded from their superior's (drafted first if needed)."""
        superior = self.superior_of(employee_id)
        performance = self.service.performance
        cascade = None
        if superior is not None:
            above = performance.plan_of(superior, year)
            above_id = above.id if above is not None else self.plan(superior, year,
                                                                    agreed=agreed)
            cascade = ResultRef(above_id, 0)
        plan_id: UUID = performance.draft_plan(
            employee_id, year=year, superior_id=superior,
            results=[result(cascaded_from=cascade)], actor=EMPLOYEE)
        if agreed:
            performance.submit_plan(plan_id, actor=EMPLOYEE)
            performance.agree_plan(plan_id, actor=SUPERIOR)
        return plan_id

    def set_division(self, predicate: OrganisationPredicate, staff_count: int,
                     year: int = 2026) -> UUID:
        """The division's predicate, headed by the Kepala Bidang."""
        unit_id: UUID = self.service.performance.set_unit_predicate(
            agency_id=self.org.agency_id, unit_id=self.org.division_id, year=year,
            predicate=predicate, indicators=[], ikm=None, complaints_on_time_percent=None,
            head_id=self.division_head, staff_count=staff_count, actor=HR_ADMIN)
        return unit_id
