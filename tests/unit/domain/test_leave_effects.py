"""What granted leave does to the employee's record: CLTN releases the position from its first
day, stops service time until the return report (so the promotion rules and the eligibility
list count it), and leaves the employee without a position; big leave blocks that year's
annual leave on the request path."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest

from domain.employee import Employee
from domain.employee_leave import (
    UnpaidLeaveBegan,
    UnpaidLeaveEnded,
    begin_unpaid_leave,
    end_unpaid_leave,
)
from domain.errors import DomainError
from domain.leave_regulations import LeaveType, UnpaidLeaveReason
from domain.leave_request import LeaveStatus
from domain.personnel_service import PersonnelService
from domain.promotion_period import Standing, assess, promotion_date
from domain.values import Actor, Grade, LegalBasis, PositionType, PromotionKind, Role
from tests.builders.personnel import OFFICER, Organisation, decree, refused
from tests.builders.voice import on_day

OFFICIAL = Actor("hradmin.salatiga", Role.HR_ADMIN)
CLTN_DECREE = LegalBasis("800/CLTN/2021", date(2021, 12, 1))
BEGAN_ON, LAST_DAY_ON, REPORTED_ON = date(2022, 1, 3), date(2022, 12, 30), date(2023, 1, 10)
CLTN_DAYS = (REPORTED_ON - BEGAN_ON).days  # 372 days that do not count as service


@pytest.fixture(autouse=True)
def today() -> Iterator[None]:
    with on_day(date(2026, 10, 1)):
        yield


def _grant_cltn(service: PersonnelService, employee_id: UUID) -> UUID:
    """A year of CLTN asked and granted on 1 December 2021, from 3 January 2022."""
    with on_day(date(2021, 12, 1)):
        request_id = service.leave.request_leave(
            employee_id, leave_type=LeaveType.UNPAID, start_on=BEGAN_ON, end_on=LAST_DAY_ON,
            ground=UnpaidLeaveReason.CARE_FOR_PARENT.value,
            bkn_approval_ref="PERTEK-BKN/77/2021", actor=OFFICER)
        service.leave.approve_leave(request_id, legal_basis=CLTN_DECREE, actor=OFFICIAL)
    return request_id


def _begin(service: PersonnelService, request_id: UUID) -> None:
    with on_day(BEGAN_ON):
        service.leave.record_leave_taken(request_id, actor=OFFICER)


def _report_back(service: PersonnelService, request_id: UUID) -> None:
    with on_day(REPORTED_ON):
        service.leave.report_return(request_id, reported_on=REPORTED_ON, actor=OFFICER)


@pytest.fixture
def holder(org: Organisation) -> UUID:
    """A PNS in III/b since 1 April 2020, in a pelaksana post, rated Baik 2016 to 2024."""
    employee_id = org.promotable_pns()
    org.promote(employee_id, "III/b", date(2020, 4, 1))
    org.appraise(employee_id, range(2020, 2025))
    return employee_id


class TestTheRecordDuringCltn:
    def test_a_granted_cltn_is_not_on_the_record_before_its_first_day(
            self, service: PersonnelService, holder: UUID) -> None:
        _grant_cltn(service, holder)

        assert service.get_employee(holder).state_on(date(2021, 12, 31)).position_id \
            is not None
        assert not any(isinstance(a, UnpaidLeaveBegan)
                       for a in service.get_employee(holder).actions.values())

    def test_its_first_day_releases_the_position_under_the_cltn_decree(
            self, service: PersonnelService, holder: UUID) -> None:
        request_id = _grant_cltn(service, holder)
        _begin(service, request_id)

        employee = service.get_employee(holder)
        began = [a for a in employee.actions.values() if isinstance(a, UnpaidLeaveBegan)]
        assert [(a.effective_on, a.request_id, a.legal_basis) for a in began] == [
            (BEGAN_ON, request_id, CLTN_DECREE)]
        held = employee.state_on(date(2022, 1, 2)).position_id
        assert held is not None
        assert service.get_position(held).holder_id is None  # the post may be filled
        on_leave = employee.state_on(BEGAN_ON)
        assert on_leave.position_id is None and on_leave.is_on_unpaid_leave
        stored = service.recorder.select_events(holder)
        assert stored[-1].topic == "domain.employee:Employee.UnpaidLeaveBegan"

    def test_a_cltn_granted_after_its_first_day_goes_on_the_record_at_once(
            self, service: PersonnelService, holder: UUID) -> None:
        with on_day(date(2022, 1, 5)):
            request_id = service.leave.request_leave(
                holder, leave_type=LeaveType.UNPAID, start_on=BEGAN_ON, end_on=LAST_DAY_ON,
                ground=UnpaidLeaveReason.CARE_FOR_PARENT.value,
                bkn_approval_ref="PERTEK-BKN/77/2021", actor=OFFICER)
            service.leave.approve_leave(request_id, legal_basis=CLTN_DECREE, actor=OFFICIAL)

            began = [a for a in service.get_employee(holder).actions.values()
                     if isinstance(a, UnpaidLeaveBegan)]
            assert [a.effective_on for a in began] == [BEGAN_ON]
            assert service.leave.get(request_id).status is LeaveStatus.TAKEN
            with refused(service) as excinfo:  # on the record: no longer cancelled
                service.leave.cancel_leave(request_id, actor=OFFICER)
            assert excinfo.value.code == "LEAVE_REQUEST_STATUS"

    def test_no_position_is_assigned_while_the_cltn_runs(
            self, service: PersonnelService, org: Organisation, holder: UUID) -> None:
        _begin(service, _grant_cltn(service, holder))
        position_id = org.establish_position(PositionType.PELAKSANA)

        with on_day(date(2022, 6, 1)), refused(service) as excinfo:
            service.assign_position(holder, position_id=position_id,
                                    effective_on=date(2022, 6, 1), actor=OFFICER,
                                    legal_basis=decree("821.2/9/JAB", date(2022, 6, 1)))
        assert excinfo.value.code == "POSITION_ON_UNPAID_LEAVE"

    def test_the_return_report_ends_it_and_the_employee_waits_without_a_position(
            self, service: PersonnelService, org: Organisation, holder: UUID) -> None:
        request_id = _grant_cltn(service, holder)
        _begin(service, request_id)
        _report_back(service, request_id)

        employee = service.get_employee(holder)
        ended = [a for a in employee.actions.values() if isinstance(a, UnpaidLeaveEnded)]
        assert [a.effective_on for a in ended] == [REPORTED_ON]
        back = employee.state_on(REPORTED_ON)
        assert not back.is_on_unpaid_leave and back.position_id is None
        assert back.unpaid_leaves == [(BEGAN_ON, REPORTED_ON)]
        with on_day(date(2023, 2, 1)):  # reactivation: placed again
            org.assign(holder, PositionType.PELAKSANA, date(2023, 2, 1))
        assert service.get_employee(holder).state.position_id is not None

    def test_a_report_without_the_first_day_recorded_writes_both(
            self, service: PersonnelService, holder: UUID) -> None:
        request_id = _grant_cltn(service, holder)
        _report_back(service, request_id)

        effects = [(type(a), a.effective_on) for a in service.get_employee(holder).in_force()
                   if isinstance(a, UnpaidLeaveBegan | UnpaidLeaveEnded)]
        assert effects == [(UnpaidLeaveBegan, BEGAN_ON), (UnpaidLeaveEnded, REPORTED_ON)]


class TestPromotionCountsCltn:
    def test_no_promotion_while_on_cltn(
            self, service: PersonnelService, org: Organisation, holder: UUID) -> None:
        _begin(service, _grant_cltn(service, holder))

        with on_day(date(2022, 10, 1)), refused(service) as excinfo:
            service.promote_rank(holder, kind=PromotionKind.REGULAR, to_grade=Grade("III/c"),
                                 effective_on=date(2022, 10, 1), actor=OFFICER,
                                 legal_basis=decree("823/5/KP", date(2022, 10, 1)))
        assert excinfo.value.code == "PROMOTION_ON_UNPAID_LEAVE"

    def test_cltn_days_do_not_count_as_time_in_grade_on_the_eligibility_list(
            self, service: PersonnelService, org: Organisation, holder: UUID) -> None:
        plain = org.promotable_pns()  # the same career without CLTN
        org.promote(plain, "III/b", date(2020, 4, 1))
        org.appraise(plain, range(2020, 2025))
        request_id = _grant_cltn(service, holder)
        _begin(service, request_id)
        _report_back(service, request_id)
        period = promotion_date(date(2024, 4, 1))  # four years in III/b without the CLTN

        with_cltn = assess(holder, service.get_employee(holder).state_on(period.tmt_on),
                           period)
        without = assess(plain, service.get_employee(plain).state_on(period.tmt_on), period)

        assert without.standing is Standing.ELIGIBLE and without.months_in_grade == 48
        assert without.is_on_unpaid_leave is False
        assert with_cltn.standing is Standing.NOT_ELIGIBLE
        assert with_cltn.codes == ("PROMOTION_TIME_IN_GRADE",)
        assert with_cltn.months_in_grade == 35  # 48 months less 372 days
        assert with_cltn.is_on_unpaid_leave is False

    def test_the_list_marks_an_employee_on_cltn_on_the_tmt(
            self, service: PersonnelService, holder: UUID) -> None:
        _begin(service, _grant_cltn(service, holder))
        period = promotion_date(date(2022, 10, 1))

        line = assess(holder, service.get_employee(holder).state_on(period.tmt_on), period)

        assert line.is_on_unpaid_leave is True
        assert "PROMOTION_ON_UNPAID_LEAVE" in line.codes

    def test_the_promotion_command_waits_as_long_as_the_list(
            self, service: PersonnelService, holder: UUID) -> None:
        request_id = _grant_cltn(service, holder)
        _begin(service, request_id)
        _report_back(service, request_id)

        with on_day(date(2024, 4, 1)), refused(service) as excinfo:
            service.promote_rank(holder, kind=PromotionKind.REGULAR, to_grade=Grade("III/c"),
                                 effective_on=date(2024, 4, 1), actor=OFFICER,
                                 legal_basis=decree("823/6/KP", date(2024, 4, 1)))
        assert excinfo.value.code == "PROMOTION_TIME_IN_GRADE"
        with on_day(date(2025, 6, 1)):  # 4 years and 372 days after 1 April 2020
            service.promote_rank(holder, kind=PromotionKind.REGULAR, to_grade=Grade("III/c"),
                                 effective_on=date(2025, 6, 1), actor=OFFICER,
                                 legal_basis=decree("823/7/KP", date(2025, 6, 1)))
        assert service.get_employee(holder).state.grade == Grade("III/c")


class TestTheStoredTopics:
    def test_a_process_that_opens_the_application_reads_the_cltn_events(self) -> None:
        # The events live in domain/employee_leave.py under Employee's topics: whoever decodes
        # the record must find them without importing that module by name.
        code = ("import domain.application\n"
                "from eventsourcing.utils import resolve_topic\n"
                "print(resolve_topic('domain.employee:Employee.UnpaidLeaveEnded').__name__)")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, cwd=Path(__file__).resolve().parents[3])
        assert done.stdout.strip() == "UnpaidLeaveEnded"


    def test_a_snapshot_of_a_record_with_cltn_folds_the_same(
            self, service: PersonnelService, holder: UUID) -> None:
        request_id = _grant_cltn(service, holder)
        _begin(service, request_id)
        _report_back(service, request_id)
        employee = service.get_employee(holder)

        copy = Employee.Snapshot.take(employee).mutate(None)

        assert copy.state == employee.state
        assert copy.state.unpaid_leaves == [(BEGAN_ON, REPORTED_ON)]


class TestTheRecordsOwnChecks:
    def test_only_a_pns_goes_on_cltn(self, service: PersonnelService,
                                     org: Organisation) -> None:
        employee = service.get_employee(org.appoint_pppk())
        with pytest.raises(DomainError) as excinfo:
            begin_unpaid_leave(employee, request_id=UUID(int=1), effective_on=date(2024, 1, 2),
                               actor=OFFICER, legal_basis=CLTN_DECREE)
        assert excinfo.value.code == "UNPAID_LEAVE_NOT_PNS"

    def test_a_cltn_does_not_begin_twice_nor_end_without_beginning(
            self, service: PersonnelService, holder: UUID) -> None:
        employee = service.get_employee(holder)
        with pytest.raises(DomainError) as excinfo:
            end_unpaid_leave(employee, request_id=UUID(int=1), effective_on=date(2024, 1, 2),
                             actor=OFFICER)
        assert excinfo.value.code == "UNPAID_LEAVE_NOT_RUNNING"
        begin_unpaid_leave(employee, request_id=UUID(int=1), effective_on=date(2024, 1, 2),
                           actor=OFFICER, legal_basis=CLTN_DECREE)
        with pytest.raises(DomainError) as excinfo:
            begin_unpaid_leave(employee, request_id=UUID(int=2), effective_on=date(2024, 2, 1),
                               actor=OFFICER, legal_basis=CLTN_DECREE)
        assert excinfo.value.code == "UNPAID_LEAVE_ALREADY_RUNNING"


class TestBigLeaveAndAnnualLeave:
    def test_granted_big_leave_blocks_annual_leave_asked_for_the_same_year(
            self, service: PersonnelService, holder: UUID) -> None:
        with on_day(date(2026, 10, 1)):
            big = service.leave.request_leave(
                holder, leave_type=LeaveType.BIG, start_on=date(2027, 2, 1),
                end_on=date(2027, 4, 30), actor=OFFICER)
            service.leave.approve_leave(big, legal_basis=LegalBasis("800/CB/2026",
                                                                    date(2026, 10, 1)),
                                        actor=OFFICIAL)
            with refused(service) as excinfo:
                service.leave.request_leave(holder, leave_type=LeaveType.ANNUAL,
                                            start_on=date(2027, 8, 2),
                                            end_on=date(2027, 8, 4), actor=OFFICER)
            assert excinfo.value.code == "LEAVE_ANNUAL_BLOCKED_BY_BIG_LEAVE"
            # the year after earns its annual leave again
            service.leave.request_leave(holder, leave_type=LeaveType.ANNUAL,
                                        start_on=date(2028, 8, 1), end_on=date(2028, 8, 3),
                                        actor=OFFICER)

