"""A leave request from asking to return, through `service.leave`: each step accepted, and
refused with its rule code and nothing stored."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from uuid import UUID

import pytest

from domain.errors import ConcurrencyConflictError
from domain.leave_regulations import LeaveType, UnpaidLeaveReason
from domain.leave_request import LeaveRequest, LeaveStatus, Recommendation, RejectionGround
from domain.leave_rules import SickCertificate
from domain.personnel_service import PersonnelService
from domain.privacy import Sealed
from domain.values import Actor, LegalBasis, PositionType, Role, SeparationType
from domain.voice_values import HolidayKind
from tests.builders.personnel import OFFICER, Organisation, decree, refused
from tests.builders.voice import HR_ADMIN, on_day

TODAY = date(2026, 10, 1)
EMPLOYEE = Actor("pegawai.salatiga", Role.EMPLOYEE)
SUPERIOR = Actor("atasan.salatiga", Role.EMPLOYEE)
OFFICIAL = Actor("hradmin.salatiga", Role.HR_ADMIN)
CLTN_DECREE = LegalBasis("800/CLTN/2026", TODAY)


@pytest.fixture(autouse=True)
def today() -> Iterator[None]:
    with on_day(TODAY):
        yield


@pytest.fixture
def newcomer(org: Organisation) -> UUID:
    """A CPNS of June 2025: one year of service on 1 June 2026, twelve days in 2026."""
    return org.appoint_cpns(appointed_on=date(2025, 6, 1))


@pytest.fixture
def veteran(org: Organisation) -> UUID:
    """A PNS since 2016: five years of service, so CLTN and big leave are open to them."""
    return org.appoint_cpns(appointed_on=date(2016, 4, 1))


@pytest.fixture
def superior(org: Organisation) -> UUID:
    """A pengawas of the newcomer's agency since 2006: may rate, so considers, their leave."""
    return org.rater(PositionType.PENGAWAS)


def _annual(service: PersonnelService, employee_id: UUID, start_on: date, end_on: date,
            actor: Actor = EMPLOYEE, **details: object) -> UUID:
    return service.leave.request_leave(employee_id, leave_type=LeaveType.ANNUAL,
                                       start_on=start_on, end_on=end_on, actor=actor,
                                       **details)  # type: ignore[arg-type]


def _cltn(service: PersonnelService, employee_id: UUID) -> UUID:
    return service.leave.request_leave(
        employee_id, leave_type=LeaveType.UNPAID, start_on=date(2027, 1, 4),
        end_on=date(2027, 12, 31), ground=UnpaidLeaveReason.CARE_FOR_PARENT.value,
        bkn_approval_ref="PERTEK-BKN/123/2026", actor=OFFICER)


class TestAskingForLeave:
    def test_a_request_counts_its_working_days_and_seals_the_address(
            self, service: PersonnelService, newcomer: UUID) -> None:
        request_id = _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 13),
                             address="Jl. Diponegoro 5, Salatiga", reason="Urusan keluarga")

        request = service.leave.get(request_id)
        assert request.status is LeaveStatus.REQUESTED
        assert request.working_days == 10  # two weeks, no holiday
        assert request.rule_version == "PNS-2021"
        assert isinstance(request.address, Sealed)
        assert service.vault.open(request.subject_id, "address", request.address) == \
            "Jl. Diponegoro 5, Salatiga"

    def test_the_stored_topics_and_envelope_are_stable(
            self, service: PersonnelService, newcomer: UUID) -> None:
        request_id = _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 6))
        service.leave.approve_leave(request_id, actor=OFFICIAL)

        stored = service.recorder.select_events(request_id)
        assert [e.topic for e in stored] == ["domain.leave_request:LeaveRequest.Requested",
                                             "domain.leave_request:LeaveRequest.Approved"]
        approved = list(service.events.get(request_id))[-1]
        assert isinstance(approved, LeaveRequest.Approved)
        assert (approved.effective_on, approved.actor, approved.legal_basis, approved.reason,
                approved.rule_version) == (TODAY, OFFICIAL, None, None, "PNS-2021")

    def test_hr_may_ask_on_the_employees_behalf(
            self, service: PersonnelService, newcomer: UUID) -> None:
        request_id = _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 3),
                             actor=OFFICER)

        assert service.leave.requests_of(newcomer)[0].id == request_id

    def test_a_holiday_inside_the_leave_is_not_a_working_day(
            self, service: PersonnelService, veteran: UUID) -> None:
        service.voice.set_holiday(on=date(2027, 1, 6), kind=HolidayKind.NATIONAL,
                                  name="Hari libur contoh", actor=HR_ADMIN)

        request_id = _annual(service, veteran, date(2027, 1, 4), date(2027, 1, 8))

        assert service.leave.get(request_id).working_days == 4

    def test_the_seeded_cuti_bersama_and_christmas_are_not_counted(
            self, service: PersonnelService, newcomer: UUID) -> None:
        request_id = _annual(service, newcomer, date(2026, 12, 21), date(2026, 12, 31))

        assert service.leave.get(request_id).working_days == 7  # not 24 and 25 December

    def test_a_second_request_beyond_the_balance_is_refused(
            self, service: PersonnelService, newcomer: UUID) -> None:
        first = _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 13))
        service.leave.approve_leave(first, actor=OFFICIAL)
        assert service.leave.annual_balance(newcomer, 2026).remaining == 2

        with refused(service) as excinfo:
            _annual(service, newcomer, date(2026, 11, 16), date(2026, 11, 18))
        assert excinfo.value.code == "LEAVE_ANNUAL_BALANCE_INSUFFICIENT"
        assert excinfo.value.params["available"] == 2

    def test_a_waiting_request_holds_its_days_against_the_next(
            self, service: PersonnelService, newcomer: UUID) -> None:
        _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 13))

        with refused(service) as excinfo:
            _annual(service, newcomer, date(2026, 11, 16), date(2026, 11, 18))
        assert excinfo.value.code == "LEAVE_ANNUAL_BALANCE_INSUFFICIENT"

    def test_two_requests_made_at_once_claim_the_same_number_and_one_conflicts(
            self, service: PersonnelService, newcomer: UUID) -> None:
        # The second writer checked the balance without the first one's request: its save
        # must fail rather than both passing the check.
        first = service.leave.get(_annual(service, newcomer, date(2026, 11, 2),
                                          date(2026, 11, 6)))
        racing = LeaveRequest.ask(
            id=first.id, employee_id=newcomer, subject_id=first.subject_id,
            leave_type=LeaveType.ANNUAL, start_on=date(2026, 11, 9), end_on=date(2026, 11, 13),
            working_days=5, place=first.place, ground=None, child_order=None,
            certificate=None, bkn_approval_ref=None, address=None, reason=None,
            rule_version=first.rule_version, actor=EMPLOYEE)
        with pytest.raises(ConcurrencyConflictError), service.batch():
            service.record(racing)
        assert len(service.leave.requests_of(newcomer)) == 1

    def test_overlap_and_balance_are_refused_together(
            self, service: PersonnelService, newcomer: UUID) -> None:
        _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 13))

        with refused(service) as excinfo:
            _annual(service, newcomer, date(2026, 11, 12), date(2026, 11, 20))
        assert excinfo.value.code == "LEAVE_REQUEST_OVERLAPS"
        assert [p.code for p in excinfo.value.problems] == [
            "LEAVE_REQUEST_OVERLAPS", "LEAVE_ANNUAL_BALANCE_INSUFFICIENT"]

    def test_leave_after_the_employee_separated_is_refused(
            self, service: PersonnelService, newcomer: UUID) -> None:
        service.separate(newcomer, separation_type=SeparationType.RESIGNATION,
                         effective_on=date(2026, 9, 30), actor=OFFICER,
                         legal_basis=decree())
        with refused(service) as excinfo:
            _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 6))
        assert excinfo.value.code == "EMPLOYEE_SEPARATED"

    def test_sick_leave_keeps_its_certificate_and_maternity_its_child_order(
            self, service: PersonnelService, newcomer: UUID) -> None:
        sick_id = service.leave.request_leave(
            newcomer, leave_type=LeaveType.SICK, start_on=date(2026, 9, 28),
            end_on=date(2026, 9, 30), certificate=SickCertificate.DOCTOR, actor=OFFICER)
        birth_id = service.leave.request_leave(
            newcomer, leave_type=LeaveType.MATERNITY, start_on=date(2026, 12, 1),
            end_on=date(2027, 2, 28), child_order=1, actor=EMPLOYEE)

        stored = {e.originator_id: e for e in service.events.get(sick_id)}
        sick = stored[sick_id]
        assert isinstance(sick, LeaveRequest.Requested)
        assert (sick.certificate, sick.ground) == (SickCertificate.DOCTOR, None)
        assert service.leave.get(birth_id).child_order == 1

    def test_maternity_leave_without_the_childs_order_is_refused(
            self, service: PersonnelService, newcomer: UUID) -> None:
        with refused(service) as excinfo:
            service.leave.request_leave(newcomer, leave_type=LeaveType.MATERNITY,
                                        start_on=date(2026, 12, 1), end_on=date(2027, 2, 28),
                                        actor=EMPLOYEE)
        assert excinfo.value.code == "LEAVE_GROUND_INVALID"
        assert excinfo.value.field == "child_order"

    def test_cltn_without_its_ground_is_refused(
            self, service: PersonnelService, veteran: UUID) -> None:
        with refused(service) as excinfo:
            service.leave.request_leave(veteran, leave_type=LeaveType.UNPAID,
                                        start_on=date(2027, 1, 4), end_on=date(2027, 6, 30),
                                        bkn_approval_ref="PERTEK", actor=OFFICER)
        assert excinfo.value.code == "LEAVE_GROUND_INVALID"

    def test_collective_leave_is_not_asked_for(
            self, service: PersonnelService, veteran: UUID) -> None:
        with refused(service) as excinfo:
            service.leave.request_leave(veteran, leave_type=LeaveType.COLLECTIVE,
                                        start_on=date(2026, 12, 24), end_on=date(2026, 12, 24),
                                        actor=EMPLOYEE)
        assert excinfo.value.code == "LEAVE_COLLECTIVE_NOT_REQUESTED"


class TestWhoDecides:
    def test_a_colleague_without_a_superior_post_is_refused_and_nothing_is_stored(
            self, service: PersonnelService, org: Organisation, newcomer: UUID) -> None:
        colleague = org.appoint_cpns(appointed_on=date(2020, 1, 1))
        request_id = _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 6))

        with refused(service) as excinfo:
            service.leave.consider_leave(request_id, recommendation=Recommendation.RECOMMEND,
                                         superior_id=colleague, actor=SUPERIOR)
        assert excinfo.value.code == "LEAVE_CONSIDERER_NOT_SUPERIOR"
        assert service.leave.get(request_id).status is LeaveStatus.REQUESTED

    def test_a_superior_of_another_agency_and_the_requester_themself_are_refused(
            self, service: PersonnelService, org: Organisation, newcomer: UUID) -> None:
        elsewhere = org.rater(PositionType.PENGAWAS, agency_id=org.health_agency_id)
        request_id = _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 6))

        for someone in (elsewhere, newcomer, None):
            with refused(service) as excinfo:
                service.leave.consider_leave(request_id,
                                             recommendation=Recommendation.RECOMMEND,
                                             superior_id=someone, actor=SUPERIOR)
            assert excinfo.value.code == "LEAVE_CONSIDERER_NOT_SUPERIOR"

    def test_the_direct_superior_considers(
            self, service: PersonnelService, newcomer: UUID, superior: UUID) -> None:
        request_id = _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 6))

        service.leave.consider_leave(request_id, recommendation=Recommendation.RECOMMEND,
                                     superior_id=superior, actor=SUPERIOR)

        assert service.leave.get(request_id).status is LeaveStatus.CONSIDERED

    @pytest.mark.parametrize("role", [Role.HR_OFFICER, Role.EMPLOYEE, Role.AUDITOR])
    def test_only_the_hr_administrator_decides(
            self, service: PersonnelService, newcomer: UUID, role: Role) -> None:
        request_id = _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 6))
        someone = Actor("someone", role)

        for decide in (
                lambda: service.leave.approve_leave(request_id, actor=someone),
                lambda: service.leave.defer_leave(request_id, start_on=date(2027, 1, 4),
                                                  end_on=date(2027, 1, 8), actor=someone),
                lambda: service.leave.reject_leave(
                    request_id, ground=RejectionGround.NOT_ELIGIBLE, actor=someone)):
            with refused(service) as excinfo:
                decide()
            assert excinfo.value.code == "LEAVE_DECIDER_NOT_OFFICIAL"
        assert service.leave.get(request_id).status is LeaveStatus.REQUESTED


class TestDecidingLeave:
    def test_considered_approved_taken_and_returned_early(
            self, service: PersonnelService, newcomer: UUID, superior: UUID) -> None:
        leave = service.leave
        request_id = _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 6))

        leave.consider_leave(request_id, recommendation=Recommendation.RECOMMEND,
                             superior_id=superior, actor=SUPERIOR)
        leave.approve_leave(request_id, actor=OFFICIAL)
        assert leave.get(request_id).status is LeaveStatus.APPROVED
        with on_day(date(2026, 11, 2)):
            leave.record_leave_taken(request_id, actor=EMPLOYEE)
        with on_day(date(2026, 11, 5)):
            leave.record_early_return(request_id, returned_on=date(2026, 11, 5),
                                      actor=EMPLOYEE)

        request = leave.get(request_id)
        assert request.status is LeaveStatus.RETURNED_EARLY
        assert request.working_days == 3
        assert leave.annual_balance(newcomer, 2026).taken == 3

    def test_a_decided_request_cannot_be_considered_again(
            self, service: PersonnelService, newcomer: UUID, superior: UUID) -> None:
        request_id = _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 6))
        service.leave.approve_leave(request_id, actor=OFFICIAL)

        with refused(service) as excinfo:
            service.leave.consider_leave(request_id, recommendation=Recommendation.DEFER,
                                         superior_id=superior, actor=SUPERIOR)
        assert excinfo.value.code == "LEAVE_REQUEST_STATUS"

    def test_deferral_moves_the_leave_and_carries_its_days_into_the_next_year(
            self, service: PersonnelService, newcomer: UUID, superior: UUID) -> None:
        request_id = _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 6))
        service.leave.consider_leave(request_id, recommendation=Recommendation.DEFER,
                                     reason="Akhir tahun anggaran", superior_id=superior,
                                     actor=SUPERIOR)

        service.leave.defer_leave(request_id, start_on=date(2027, 1, 4),
                                  end_on=date(2027, 1, 8), reason="Kebutuhan dinas",
                                  actor=OFFICIAL)

        request = service.leave.get(request_id)
        assert request.status is LeaveStatus.DEFERRED
        assert (request.start_on, request.working_days) == (date(2027, 1, 4), 5)
        balance = service.leave.annual_balance(newcomer, 2027)
        assert (balance.deferred_in, balance.taken) == (5, 5)

    def test_a_deferral_beyond_a_year_is_refused(
            self, service: PersonnelService, newcomer: UUID) -> None:
        request_id = _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 6))
        with refused(service) as excinfo:
            service.leave.defer_leave(request_id, start_on=date(2027, 11, 8),
                                      end_on=date(2027, 11, 12), actor=OFFICIAL)
        assert excinfo.value.code == "LEAVE_DEFERRAL_TOO_LONG"

    def test_annual_leave_of_a_pns_cannot_be_refused_only_deferred(
            self, service: PersonnelService, newcomer: UUID) -> None:
        request_id = _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 6))

        with refused(service) as excinfo:
            service.leave.reject_leave(request_id, ground=RejectionGround.SERVICE_NEED,
                                       actor=OFFICIAL)
        assert excinfo.value.code == "LEAVE_REFUSAL_NOT_ALLOWED"
        assert service.leave.get(request_id).status is LeaveStatus.REQUESTED

    def test_annual_leave_of_a_pppk_may_be_refused(
            self, service: PersonnelService, org: Organisation) -> None:
        employee_id = org.appoint_pppk()  # Perban 7/2022 keeps "refuse" on its form
        request_id = _annual(service, employee_id, date(2026, 11, 2), date(2026, 11, 6))

        service.leave.reject_leave(request_id, ground=RejectionGround.SERVICE_NEED,
                                   actor=OFFICIAL)

        assert service.leave.get(request_id).status is LeaveStatus.REJECTED
        assert service.leave.get(request_id).rule_version == "PPPK-2022"

    def test_cltn_may_be_refused_with_its_legal_ground(
            self, service: PersonnelService, veteran: UUID) -> None:
        request_id = _cltn(service, veteran)

        service.leave.reject_leave(request_id, ground=RejectionGround.BKN_APPROVAL_DENIED,
                                   reason="Pertek tidak diberikan", actor=OFFICIAL)

        request = service.leave.get(request_id)
        assert request.status is LeaveStatus.REJECTED
        assert request.rejection is RejectionGround.BKN_APPROVAL_DENIED

    def test_cltn_is_granted_only_with_its_decree(
            self, service: PersonnelService, veteran: UUID) -> None:
        request_id = _cltn(service, veteran)
        with refused(service) as excinfo:
            service.leave.approve_leave(request_id, actor=OFFICIAL)
        assert excinfo.value.code == "LEAVE_DECREE_REQUIRED"

        service.leave.approve_leave(request_id, legal_basis=CLTN_DECREE, actor=OFFICIAL)
        assert service.leave.get(request_id).status is LeaveStatus.APPROVED


class TestAfterTheDecision:
    def test_a_cancelled_request_frees_its_dates_and_cannot_be_cancelled_again(
            self, service: PersonnelService, newcomer: UUID) -> None:
        request_id = _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 13))
        service.leave.cancel_leave(request_id, reason="Rencana berubah", actor=EMPLOYEE)

        assert service.leave.get(request_id).status is LeaveStatus.CANCELLED
        _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 13))  # accepted again
        with refused(service) as excinfo:
            service.leave.cancel_leave(request_id, actor=EMPLOYEE)
        assert excinfo.value.code == "LEAVE_REQUEST_STATUS"

    def test_leave_is_not_taken_before_its_first_day(
            self, service: PersonnelService, newcomer: UUID) -> None:
        request_id = _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 6))
        service.leave.approve_leave(request_id, actor=OFFICIAL)
        with refused(service) as excinfo:
            service.leave.record_leave_taken(request_id, actor=EMPLOYEE)
        assert excinfo.value.code == "LEAVE_NOT_STARTED"

    def test_a_return_outside_the_leave_is_refused(
            self, service: PersonnelService, newcomer: UUID) -> None:
        request_id = _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 6))
        service.leave.approve_leave(request_id, actor=OFFICIAL)
        with on_day(date(2026, 11, 2)):
            service.leave.record_leave_taken(request_id, actor=EMPLOYEE)
        with refused(service) as excinfo:
            service.leave.record_early_return(request_id, returned_on=date(2026, 11, 9),
                                              actor=EMPLOYEE)
        assert excinfo.value.code == "LEAVE_RETURN_OUTSIDE_LEAVE"

    def test_cltn_return_is_reported_within_a_month(
            self, service: PersonnelService, veteran: UUID) -> None:
        request_id = _cltn(service, veteran)
        service.leave.approve_leave(request_id, legal_basis=CLTN_DECREE, actor=OFFICIAL)
        with on_day(date(2027, 1, 4)):
            service.leave.record_leave_taken(request_id, actor=OFFICER)

        with on_day(date(2028, 2, 15)), refused(service) as excinfo:
            service.leave.report_return(request_id, reported_on=date(2028, 2, 15),
                                        actor=OFFICER)
        assert excinfo.value.code == "LEAVE_UNPAID_RETURN_REPORT_LATE"
        with on_day(date(2028, 1, 10)):
            service.leave.report_return(request_id, reported_on=date(2028, 1, 10),
                                        actor=OFFICER)
        assert service.leave.get(request_id).status is LeaveStatus.RETURN_REPORTED

    def test_only_cltn_has_a_return_report(
            self, service: PersonnelService, newcomer: UUID) -> None:
        request_id = _annual(service, newcomer, date(2026, 11, 2), date(2026, 11, 6))
        service.leave.approve_leave(request_id, actor=OFFICIAL)
        with on_day(date(2026, 11, 2)):
            service.leave.record_leave_taken(request_id, actor=EMPLOYEE)
        with refused(service) as excinfo:
            service.leave.report_return(request_id, reported_on=date(2026, 11, 9),
                                        actor=EMPLOYEE)
        assert excinfo.value.code == "LEAVE_RETURN_REPORT_UNPAID_ONLY"
