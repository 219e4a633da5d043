"""A government's promotion period run through its commands: opening, proposals inside the
window from the eligibility list, verification, the batch recording (one entry refused while
the others land) and the close."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import pytest

from domain import clock
from domain.employee import Employee
from domain.errors import ConcurrencyConflictError
from domain.personnel_service import PersonnelService
from domain.promotion_period_service import decree_numbers
from domain.promotion_round import EntryStatus, PromotionPeriod, promotion_period_id
from domain.values import Actor, Grade, PenaltyLevel, PenaltyType, PositionType, Role
from tests.builders.personnel import OFFICER, Organisation, decree, refused, stored_count

TMT = date(2020, 4, 1)  # proposals from 1 to 29 February 2020 (Kep Ka BKN 12/2002)
IN_WINDOW = date(2020, 2, 10)
RECORDING_DAY = date(2020, 3, 16)
ADMIN = Actor("hradmin.contoh", Role.HR_ADMIN)


@contextmanager
def on(day: date) -> Iterator[None]:
    """Record as if on `day` (the proposal window and the recording rules read the day)."""
    with clock.recording_clock(lambda: datetime(day.year, day.month, day.day, 9, tzinfo=UTC)):
        yield


@pytest.fixture
def period_id(org: Organisation) -> UUID:
    with on(date(2020, 1, 20)):
        return org.service.promotion_periods.open_period(org.government_id, tmt_on=TMT,
                                                         actor=ADMIN)


def _period(service: PersonnelService, period_id: UUID) -> PromotionPeriod:
    return service.promotion_periods.get(period_id)


def _proposed(org: Organisation, period_id: UUID, count: int = 1) -> list[UUID]:
    """`count` employees due III/b on the TMT, proposed by the officer in the window."""
    employee_ids = [org.promotable_pns() for _ in range(count)]
    with on(IN_WINDOW):
        for employee_id in employee_ids:
            org.service.promotion_periods.propose(period_id, employee_id, actor=OFFICER)
    return employee_ids


def _accepted(org: Organisation, period_id: UUID, count: int) -> list[UUID]:
    employee_ids = _proposed(org, period_id, count)
    with on(date(2020, 3, 2)):
        for employee_id in employee_ids:
            org.service.promotion_periods.accept(period_id, employee_id, actor=ADMIN)
    return employee_ids


class TestOpening:
    def test_a_period_opens_with_the_window_and_basis_of_the_calendar_in_force(
            self, org: Organisation, period_id: UUID) -> None:
        period = _period(org.service, period_id)

        assert period_id == promotion_period_id(org.government_id, TMT)
        assert (period.proposals_open_on, period.proposals_close_on) == (
            date(2020, 2, 1), date(2020, 2, 29))
        assert "Kep Ka BKN 12/2002" in period.calendar_basis
        assert period.entries == {} and not period.is_closed

    def test_the_same_period_cannot_be_opened_twice(
            self, org: Organisation, period_id: UUID) -> None:
        with on(date(2020, 1, 21)), refused(org.service) as excinfo:
            org.service.promotion_periods.open_period(org.government_id, tmt_on=TMT,
                                                      actor=ADMIN)
        assert excinfo.value.code == "PROMOTION_PERIOD_ALREADY_OPENED"
        assert "1 April 2020" in excinfo.value.message("id")

    def test_two_openings_at_once_meet_a_conflict_on_the_derived_id(
            self, org: Organisation, period_id: UUID) -> None:
        # Both passed the check before either was saved: the store refuses the second.
        with on(date(2020, 1, 21)):
            twin = PromotionPeriod.open(
                government_id=org.government_id, tmt_on=TMT, proposals_open_on=TMT,
                proposals_close_on=TMT, calendar_basis="x", window_basis="x", actor=ADMIN)
        with pytest.raises(ConcurrencyConflictError):
            org.service._save(twin)

    def test_a_date_that_is_not_a_promotion_date_opens_nothing(
            self, org: Organisation) -> None:
        with refused(org.service) as excinfo:
            org.service.promotion_periods.open_period(org.government_id,
                                                      tmt_on=date(2020, 5, 1), actor=ADMIN)
        assert excinfo.value.code == "PROMOTION_DATE"


class TestProposing:
    def test_an_eligible_employee_is_proposed_for_the_next_grade_of_their_kind(
            self, org: Organisation, period_id: UUID) -> None:
        [employee_id] = _proposed(org, period_id)

        entry = _period(org.service, period_id).entry(employee_id)
        assert entry.status is EntryStatus.PROPOSED
        assert (entry.from_grade, entry.to_grade) == (Grade("III/a"), Grade("III/b"))
        assert (entry.agency_id, entry.proposed_by) == (org.agency_id, OFFICER.user_id)

    def test_outside_the_window_a_proposal_is_refused_with_its_dates(
            self, org: Organisation, period_id: UUID) -> None:
        employee_id = org.promotable_pns()

        with on(date(2020, 3, 1)), refused(org.service) as excinfo:
            org.service.promotion_periods.propose(period_id, employee_id, actor=OFFICER)
        assert excinfo.value.code == "PROMOTION_PROPOSAL_WINDOW_CLOSED"
        assert "1 Februari 2020 sampai 29 Februari 2020" in excinfo.value.message("id")

    def test_a_not_eligible_employee_is_refused_with_every_missing_condition(
            self, org: Organisation, period_id: UUID) -> None:
        employee_id = org.make_pns(appointed_on=date(2018, 4, 1))  # two years in grade

        with on(date(2020, 3, 1)), refused(org.service) as excinfo:
            org.service.promotion_periods.propose(period_id, employee_id, actor=OFFICER)
        assert {p.code for p in excinfo.value.problems} == {
            "PROMOTION_PROPOSAL_WINDOW_CLOSED", "PROMOTION_TIME_IN_GRADE", "PROMOTION_RATING"}

    def test_an_employee_already_proposed_is_not_proposed_twice(
            self, org: Organisation, period_id: UUID) -> None:
        [employee_id] = _proposed(org, period_id)

        with on(IN_WINDOW), refused(org.service) as excinfo:
            org.service.promotion_periods.propose(period_id, employee_id, actor=OFFICER)
        assert excinfo.value.code == "PROMOTION_ALREADY_PROPOSED"
        assert "diusulkan" in excinfo.value.message("id")

    def test_an_employee_of_another_government_is_refused(
            self, org: Organisation, period_id: UUID) -> None:
        agency_id, unit_id = org.foreign_agency()
        employee_id = org.appoint_cpns(agency_id=agency_id, unit_id=unit_id)

        with on(IN_WINDOW), refused(org.service) as excinfo:
            org.service.promotion_periods.propose(period_id, employee_id, actor=OFFICER)
        assert excinfo.value.code == "PROMOTION_EMPLOYEE_OTHER_GOVERNMENT"

    def test_employees_proposed_together_all_land_or_none_with_every_refusal(
            self, org: Organisation, period_id: UUID) -> None:
        eligible = org.promotable_pns()
        too_early = org.make_pns(appointed_on=date(2018, 4, 1))

        with on(IN_WINDOW), refused(org.service) as excinfo:
            org.service.promotion_periods.propose_all(period_id, [eligible, too_early],
                                                      actor=OFFICER)
        assert {p.code for p in excinfo.value.problems} == {
            "PROMOTION_TIME_IN_GRADE", "PROMOTION_RATING"}
        assert _period(org.service, period_id).entries == {}
        with on(IN_WINDOW):
            org.service.promotion_periods.propose_all(period_id, [eligible], actor=OFFICER)
        assert set(_period(org.service, period_id).entries) == {eligible}

    def test_proposing_nobody_is_refused(self, org: Organisation, period_id: UUID) -> None:
        with on(IN_WINDOW), refused(org.service) as excinfo:
            org.service.promotion_periods.propose_all(period_id, [], actor=OFFICER)
        assert excinfo.value.code == "PROMOTION_NOTHING_PROPOSED"

    def test_a_withdrawn_proposal_may_be_made_again(
            self, org: Organisation, period_id: UUID) -> None:
        [employee_id] = _proposed(org, period_id)
        with on(IN_WINDOW):
            org.service.promotion_periods.withdraw(period_id, employee_id, actor=OFFICER)
            assert _period(org.service, period_id).entry(employee_id).status is \
                EntryStatus.WITHDRAWN
            org.service.promotion_periods.propose(period_id, employee_id, actor=OFFICER)

        assert _period(org.service, period_id).entry(employee_id).status is EntryStatus.PROPOSED


class TestVerification:
    def test_a_proposal_is_accepted_then_cannot_be_returned(
            self, org: Organisation, period_id: UUID) -> None:
        [employee_id] = _accepted(org, period_id, 1)

        assert _period(org.service, period_id).entry(employee_id).status is \
            EntryStatus.ACCEPTED
        with refused(org.service) as excinfo:
            org.service.promotion_periods.return_proposal(
                period_id, employee_id, reason="SKP 2019 belum dilampirkan", actor=ADMIN)
        assert excinfo.value.code == "PROMOTION_PROPOSAL_STATUS"
        assert "diterima" in excinfo.value.message("id")

    def test_a_functional_post_is_accepted_only_with_the_credit_points_of_its_pak(
            self, org: Organisation, period_id: UUID) -> None:
        employee_id = org.promotable_pns(position_type=PositionType.AHLI_PERTAMA)
        with on(IN_WINDOW):
            org.service.promotion_periods.propose(period_id, employee_id, actor=OFFICER)

        with refused(org.service) as excinfo:
            org.service.promotion_periods.accept(period_id, employee_id, actor=ADMIN)
        assert excinfo.value.code == "PROMOTION_CREDIT_POINTS_NOT_RECORDED"
        org.service.promotion_periods.accept(period_id, employee_id, actor=ADMIN,
                                             credit_points=50)
        assert _period(org.service, period_id).entry(employee_id).credit_points == 50

    def test_a_returned_proposal_keeps_its_reason_sealed_and_may_come_back(
            self, org: Organisation, period_id: UUID) -> None:
        [employee_id] = _proposed(org, period_id)
        reason = "SKP 2019 belum dilampirkan"

        org.service.promotion_periods.return_proposal(period_id, employee_id, reason=reason,
                                                      actor=ADMIN)

        entry = _period(org.service, period_id).entry(employee_id)
        subject_id = org.service.get_employee(employee_id).subject_id
        assert entry.status is EntryStatus.RETURNED
        assert org.service.vault.open(subject_id, "reason", entry.returned_reason) == reason
        stored = b"".join(e.state for e in org.service.recorder.select_events(period_id))
        assert reason.encode() not in stored
        with on(IN_WINDOW):
            org.service.promotion_periods.propose(period_id, employee_id, actor=OFFICER)

    def test_a_return_without_a_reason_is_refused(
            self, org: Organisation, period_id: UUID) -> None:
        [employee_id] = _proposed(org, period_id)

        with refused(org.service) as excinfo:
            org.service.promotion_periods.return_proposal(period_id, employee_id, reason="  ",
                                                          actor=ADMIN)
        assert excinfo.value.code == "PROMOTION_RETURN_REASON_REQUIRED"

    def test_a_rejection_names_a_condition_of_promotion(
            self, org: Organisation, period_id: UUID) -> None:
        [employee_id] = _proposed(org, period_id)

        with refused(org.service) as excinfo:
            org.service.promotion_periods.reject(period_id, employee_id, code="NOT_A_RULE",
                                                 actor=ADMIN)
        assert excinfo.value.code == "PROMOTION_REJECTION_CODE_INVALID"
        org.service.promotion_periods.reject(period_id, employee_id, code="PROMOTION_RATING",
                                             actor=ADMIN)
        entry = _period(org.service, period_id).entry(employee_id)
        assert (entry.status, entry.rejection_code) == (EntryStatus.REJECTED, "PROMOTION_RATING")

    def test_an_employee_never_proposed_cannot_be_verified(
            self, org: Organisation, period_id: UUID) -> None:
        employee_id = org.promotable_pns()

        with refused(org.service) as excinfo:
            org.service.promotion_periods.accept(period_id, employee_id, actor=ADMIN)
        assert excinfo.value.code == "PROMOTION_PROPOSAL_NOT_FOUND"


class TestBatchRecording:
    def test_a_batch_of_three_with_one_refused_lands_two_promotions_and_one_refusal(
            self, org: Organisation, period_id: UUID) -> None:
        first, second, third = _accepted(org, period_id, 3)
        with on(date(2020, 3, 5)):  # after acceptance: a penalty bars the third on the day
            org.service.impose_penalty(
                third, level=PenaltyLevel.MEDIUM, penalty_type=PenaltyType.ALLOWANCE_CUT_6_MONTHS,
                effective_on=date(2020, 3, 5), actor=OFFICER,
                legal_basis=decree("862/004/HD", date(2020, 3, 5)), reason="Tidak masuk kerja")
        before = stored_count(org.service)

        with on(RECORDING_DAY):
            results = org.service.promotion_periods.record_batch(
                period_id, signed_on=RECORDING_DAY, actor=ADMIN,
                decree_pattern="823/{n}/BKPSDM/2020")

        assert [(r.employee_id, r.is_recorded) for r in results] == [
            (first, True), (second, True), (third, False)]
        assert [p.code for p in results[2].problems] == ["PROMOTION_UNDER_PENALTY"]
        # Two promotions and three period entries, in one transaction.
        assert stored_count(org.service) == before + 5
        period = _period(org.service, period_id)
        for employee_id, number in ((first, "823/001/BKPSDM/2020"),
                                    (second, "823/002/BKPSDM/2020")):
            entry = period.entry(employee_id)
            employee = org.service.get_employee(employee_id)
            promoted = employee.actions[entry.employee_version or 0]
            assert entry.status is EntryStatus.RECORDED
            assert isinstance(promoted, Employee.RankPromoted)
            assert promoted.legal_basis == decree(number, RECORDING_DAY)
            assert promoted.effective_on == TMT
            assert employee.state_on(TMT).grade == Grade("III/b")
        refused_entry = period.entry(third)
        assert refused_entry.status is EntryStatus.RECORDING_REFUSED
        assert refused_entry.refusal_codes == ("PROMOTION_UNDER_PENALTY",)
        assert org.service.get_employee(third).state_on(TMT).grade == Grade("III/a")

    def test_decree_numbers_entered_per_entry_are_each_used(
            self, org: Organisation, period_id: UUID) -> None:
        first, second = _accepted(org, period_id, 2)

        with on(RECORDING_DAY):
            org.service.promotion_periods.record_batch(
                period_id, signed_on=RECORDING_DAY, actor=ADMIN,
                decrees={first: "823/17/KP", second: " 823/18/KP "})

        period = _period(org.service, period_id)
        assert [period.entry(e).decree for e in (first, second)] == [
            decree("823/17/KP", RECORDING_DAY), decree("823/18/KP", RECORDING_DAY)]

    def test_missing_repeated_and_late_decrees_are_refused_together(
            self, org: Organisation, period_id: UUID) -> None:
        first, second, third = _accepted(org, period_id, 3)

        with on(RECORDING_DAY), refused(org.service) as excinfo:
            org.service.promotion_periods.record_batch(
                period_id, signed_on=date(2020, 3, 17), actor=ADMIN,
                decrees={first: "823/1/KP", second: "823/1/KP"})
        assert {p.code for p in excinfo.value.problems} == {
            "PROMOTION_DECREE_MISSING", "PROMOTION_DECREE_NUMBER_REPEATED",
            "PROMOTION_DECREE_SIGNED_AFTER_TODAY"}
        assert excinfo.value.code == "PROMOTION_DECREE_SIGNED_AFTER_TODAY"
        assert "1 usulan" in excinfo.value.problems[1].message("id")
        assert _period(org.service, period_id).entry(third).status is EntryStatus.ACCEPTED

    def test_an_accepted_entry_without_its_decree_number_is_refused(
            self, org: Organisation, period_id: UUID) -> None:
        first, _ = _accepted(org, period_id, 2)

        with on(RECORDING_DAY), refused(org.service) as excinfo:
            org.service.promotion_periods.record_batch(
                period_id, signed_on=RECORDING_DAY, actor=ADMIN, decrees={first: "823/1/KP"})
        assert excinfo.value.code == "PROMOTION_DECREE_MISSING"

    def test_two_entries_with_one_decree_number_are_refused(
            self, org: Organisation, period_id: UUID) -> None:
        first, second = _accepted(org, period_id, 2)

        with on(RECORDING_DAY), refused(org.service) as excinfo:
            org.service.promotion_periods.record_batch(
                period_id, signed_on=RECORDING_DAY, actor=ADMIN,
                decrees={first: "823/1/KP", second: "823/1/KP "})
        assert excinfo.value.code == "PROMOTION_DECREE_NUMBER_REPEATED"

    def test_a_pattern_without_its_number_slot_is_refused(self) -> None:
        assert decree_numbers("800/{n}/BKPSDM/2027", 9, 2) == [
            "800/009/BKPSDM/2027", "800/010/BKPSDM/2027"]
        for pattern in ("800/BKPSDM/2027", "800/{n}/{n}", "800/{x}/{n}"):
            with refused() as excinfo:
                decree_numbers(pattern, 1, 1)
            assert excinfo.value.code == "PROMOTION_DECREE_PATTERN_INVALID"

    def test_a_batch_with_nothing_accepted_is_refused(
            self, org: Organisation, period_id: UUID) -> None:
        _proposed(org, period_id)

        with on(RECORDING_DAY), refused(org.service) as excinfo:
            org.service.promotion_periods.record_batch(
                period_id, signed_on=RECORDING_DAY, actor=ADMIN, decree_pattern="823/{n}/KP")
        assert excinfo.value.code == "PROMOTION_NOTHING_TO_RECORD"

    def test_a_batch_of_chosen_entries_leaves_the_others_accepted(
            self, org: Organisation, period_id: UUID) -> None:
        first, second = _accepted(org, period_id, 2)

        with on(RECORDING_DAY):
            org.service.promotion_periods.record_batch(
                period_id, signed_on=RECORDING_DAY, actor=ADMIN, decree_pattern="823/{n}/KP",
                employee_ids=[second])

        period = _period(org.service, period_id)
        assert (period.entry(first).status, period.entry(second).status) == (
            EntryStatus.ACCEPTED, EntryStatus.RECORDED)

    def test_the_period_replays_from_its_stored_events(
            self, org: Organisation, period_id: UUID) -> None:
        _accepted(org, period_id, 2)
        with on(RECORDING_DAY):
            org.service.promotion_periods.record_batch(
                period_id, signed_on=RECORDING_DAY, actor=ADMIN, decree_pattern="823/{n}/KP")

        replayed: Any = None
        stored: list[Any] = list(org.service.events.get(period_id))
        for event in stored:
            replayed = event.mutate(replayed)
        assert isinstance(replayed, PromotionPeriod)
        assert replayed.entries == _period(org.service, period_id).entries


class TestClosing:
    def test_a_period_with_proposals_waiting_does_not_close(
            self, org: Organisation, period_id: UUID) -> None:
        _proposed(org, period_id)

        with refused(org.service) as excinfo:
            org.service.promotion_periods.close_period(period_id, actor=ADMIN)
        assert excinfo.value.code == "PROMOTION_PERIOD_PENDING"

    def test_a_closed_period_takes_no_more_proposals(
            self, org: Organisation, period_id: UUID) -> None:
        [employee_id] = _accepted(org, period_id, 1)
        with on(RECORDING_DAY):
            org.service.promotion_periods.record_batch(
                period_id, signed_on=RECORDING_DAY, actor=ADMIN, decree_pattern="823/{n}/KP")
        org.service.promotion_periods.close_period(period_id, actor=ADMIN)
        other = org.promotable_pns()

        with on(IN_WINDOW), refused(org.service) as excinfo:
            org.service.promotion_periods.propose(period_id, other, actor=OFFICER)
        assert excinfo.value.code == "PROMOTION_PERIOD_CLOSED"
        assert _period(org.service, period_id).entry(employee_id).status is \
            EntryStatus.RECORDED
