"""A government's TPP regulation kept as versions, its monthly runs from the record, correction
runs after a back-dated penalty, and a run recomputed from what it read."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from uuid import UUID, uuid4

import pytest

from domain.consultation import ConsultationSubject
from domain.errors import DomainError
from domain.leave_regulations import LeaveType, UnpaidLeaveReason
from domain.personnel_service import PersonnelService
from domain.regulations import AllowanceCut
from domain.tpp_policy import (
    MendagriApproval,
    regulation_from_table,
    regulation_table,
    tpp_policy_id,
)
from domain.tpp_run import TppRun, tpp_run_id
from domain.tpp_tables import example_regulation
from domain.values import (
    Actor,
    Expectation,
    PenaltyLevel,
    PenaltyType,
    PositionType,
    Rating,
    Role,
)
from tests.builders.consultation import DRAFT, consultation
from tests.builders.personnel import OFFICER, Organisation, decree, refused
from tests.builders.voice import on_day

ADMIN = Actor("hradmin.contoh", Role.HR_ADMIN)
MARCH = date(2025, 3, 1)
CLASS_6 = 3_000_000  # a pelaksana's class in the example table
CLASS_9 = 4_600_000  # a pengawas'


def _adopt(org: Organisation, year: int = 2025, **kwargs: object) -> int:
    return org.service.tpp.adopt_regulation(
        example_regulation(org.government_id, year, **kwargs),  # type: ignore[arg-type]
        actor=ADMIN)


def _run(service: PersonnelService, run_id: UUID) -> TppRun:
    return service.tpp.get_run(run_id)


@pytest.fixture
def staff(org: Organisation) -> tuple[UUID, UUID]:
    """A pelaksana of BKPSDM rated Baik for 2024, and a pengawas of the health office rated
    Sangat Kurang for 2024 (a predicate cut), both in service since 2016."""
    clerk = org.make_pns()
    org.assign(clerk, PositionType.PELAKSANA, date(2017, 4, 1))
    org.appraise(clerk, [2024])
    head = org.rater(PositionType.PENGAWAS, org.health_agency_id)
    org.appraise(head, [2024], rater_id=org.rater(PositionType.ADMINISTRATOR,
                                                 org.health_agency_id),
                 work_result=Expectation.BELOW, behaviour=Expectation.BELOW)
    return clerk, head


class TestRegulationVersions:
    def test_a_stored_table_reads_back_as_the_same_regulation(self, org: Organisation) -> None:
        regulation = example_regulation(org.government_id, 2025)

        assert regulation_from_table(org.government_id, regulation_table(regulation)) \
            == regulation

    def test_the_version_in_force_is_the_latest_started_by_the_month(
            self, org: Organisation) -> None:
        _adopt(org, 2024)
        _adopt(org, 2025, effective_from=date(2025, 4, 1), scale_percent=110)
        policy = org.service.tpp.policy(org.government_id)

        assert policy is not None and policy.id == tpp_policy_id(org.government_id)
        assert policy.in_force(MARCH).year == 2024
        assert policy.in_force(date(2025, 4, 1)).base_by_class[6] == CLASS_6 * 110 // 100

    def test_the_same_version_twice_is_refused(self, org: Organisation) -> None:
        _adopt(org)
        with refused(org.service) as excinfo:
            _adopt(org)
        assert excinfo.value.code == "TPP_VERSION_UNCHANGED"

    def test_a_version_names_the_answered_consultation_of_its_draft_and_no_other(
            self, org: Organisation) -> None:
        consult = org.service.consultation
        opens = date(2024, 10, 1)
        service_draft = consultation(org.service, org.government_id, opens)
        with on_day(opens):
            tpp_draft = consult.draft_consultation(
                government_id=org.government_id, agency_id=None, unit_id=None,
                subject=ConsultationSubject.TPP_RULES, title="Rancangan TPP (belum dijawab)",
                summary="Rancangan.", draft_text=DRAFT, opens_on=opens,
                closes_on=opens + timedelta(days=21), actor=ADMIN)
            consult.publish_consultation(tpp_draft, actor=ADMIN)
        with on_day(opens + timedelta(days=22)):
            consult.conclude_consultation(service_draft, minutes="Berita acara forum ...",
                                          changes=[], actor=ADMIN)
        regulation = example_regulation(org.government_id, 2025)
        assert consult.get(service_draft).subject is ConsultationSubject.SERVICE_STANDARD
        for wrong in (service_draft, tpp_draft, uuid4()):  # not TPP, not answered, unknown
            with refused(org.service) as excinfo:
                org.service.tpp.adopt_regulation(regulation, actor=ADMIN, consultation_id=wrong)
            assert excinfo.value.code == "TPP_CONSULTATION_INVALID"
        with on_day(opens + timedelta(days=22)):
            consult.conclude_consultation(tpp_draft, minutes="Berita acara forum TPP ...",
                                          changes=["Pasal 2: potongan dibatasi"], actor=ADMIN)
        org.service.tpp.adopt_regulation(regulation, actor=ADMIN, consultation_id=tpp_draft)
        policy = org.service.tpp.policy(org.government_id)
        assert policy is not None and policy.consulted[regulation.effective_from] == tpp_draft
        # the same table naming the same consultation again is not a new version
        with refused(org.service) as excinfo:
            org.service.tpp.adopt_regulation(regulation, actor=ADMIN, consultation_id=tpp_draft)
        assert excinfo.value.code == "TPP_VERSION_UNCHANGED"

    def test_a_broken_table_is_refused_as_invalid(self, org: Organisation) -> None:
        with pytest.raises(DomainError) as excinfo:
            regulation_from_table(org.government_id, '{"year": 2025}')
        assert excinfo.value.code == "TPP_REGULATION_INVALID"


class TestMonthlyRun:
    def test_a_month_without_a_regulation_in_force_is_refused(
            self, org: Organisation, staff: tuple[UUID, UUID]) -> None:
        _adopt(org, 2025, effective_from=date(2025, 4, 1))
        with refused(org.service) as excinfo:
            org.service.tpp.run_month(org.government_id, MARCH, actor=ADMIN)
        assert excinfo.value.code == "TPP_REGULATION_NOT_IN_FORCE"

    def test_a_month_not_begun_is_refused(self, org: Organisation) -> None:
        _adopt(org, 2025)
        with refused(org.service) as excinfo:
            org.service.tpp.run_month(org.government_id, date(2099, 1, 1), actor=ADMIN)
        assert excinfo.value.code == "TPP_MONTH_IN_FUTURE"

    def test_each_employee_gets_a_sealed_line_and_each_agency_its_totals(
            self, org: Organisation, staff: tuple[UUID, UUID]) -> None:
        clerk, head = staff
        _adopt(org, 2025)
        run = _run(org.service, org.service.tpp.run_month(org.government_id, date(2025, 3, 17),
                                                          actor=ADMIN))

        assert run.id == tpp_run_id(org.government_id, MARCH, 1) and run.is_complete
        assert run.month == MARCH and run.number == 1 and not run.is_correction
        assert run.position > 0 and run.perkada == "Contoh Perkada TPP TA 2025"
        clerk_line = org.service.tpp.line(run, clerk)
        head_line = org.service.tpp.line(run, head)
        assert clerk_line is not None and head_line is not None
        assert clerk_line["gross"] == CLASS_6 and clerk_line["net"] == CLASS_6
        assert clerk_line["cuts"] == [] and clerk_line["rating"] == Rating.BAIK.value
        # Sangat Kurang cuts 50% of the workload and performance parts (the whole amount).
        assert head_line["cuts"][0]["code"] == "PREDICATE_SANGAT_KURANG"
        assert head_line["net"] == CLASS_9 - CLASS_9 // 2
        assert b"PREDICATE" not in run.lines[head].breakdown.blob
        health = run.totals[org.health_agency_id]
        assert (health.staff, health.performance_staff) == (2, 1)  # with the rater
        assert health.performance_cut == CLASS_9 // 2

    def test_a_medium_sanction_cuts_a_quarter_in_its_months_citing_pp_94(
            self, org: Organisation, staff: tuple[UUID, UUID]) -> None:
        clerk, _ = staff
        _adopt(org, 2025)
        org.service.impose_penalty(clerk, level=PenaltyLevel.MEDIUM,
                                   penalty_type=PenaltyType.ALLOWANCE_CUT_6_MONTHS,
                                   effective_on=date(2025, 2, 1), actor=OFFICER,
                                   legal_basis=decree("862/001/HD", date(2025, 1, 20)),
                                   reason="Tidak masuk kerja tanpa alasan sah")
        run = _run(org.service, org.service.tpp.run_month(org.government_id, MARCH,
                                                          actor=ADMIN))
        line = org.service.tpp.line(run, clerk)

        assert line is not None
        assert [(c["code"], c["basis_points"], c["legal_basis"]) for c in line["cuts"]] == [
            ("SANCTION_ALLOWANCE_CUT_6_MONTHS", 2500, "PP 94/2021 Pasal 8 ayat (3)")]
        assert line["net"] == CLASS_6 - CLASS_6 // 4
        assert run.totals[org.agency_id].sanction_staff == 1

    def test_each_month_reads_the_version_in_force_in_it(
            self, org: Organisation, staff: tuple[UUID, UUID]) -> None:
        clerk, _ = staff
        _adopt(org, 2025)
        _adopt(org, 2025, perkada="Perkada TPP Perubahan", effective_from=date(2025, 4, 1),
               scale_percent=120)
        march = _run(org.service, org.service.tpp.run_month(org.government_id, MARCH,
                                                            actor=ADMIN))
        april = _run(org.service, org.service.tpp.run_month(org.government_id,
                                                            date(2025, 4, 1), actor=ADMIN))

        assert org.service.tpp.line(march, clerk)["gross"] == CLASS_6  # type: ignore[index]
        assert org.service.tpp.line(april, clerk)["gross"] == CLASS_6 * 6 // 5  # type: ignore[index]
        assert april.perkada == "Perkada TPP Perubahan"


class TestCorrectionRuns:
    def test_a_month_run_again_without_a_change_is_refused(
            self, org: Organisation, staff: tuple[UUID, UUID]) -> None:
        _adopt(org, 2025)
        org.service.tpp.run_month(org.government_id, MARCH, actor=ADMIN)
        with refused(org.service) as excinfo:
            org.service.tpp.run_month(org.government_id, MARCH, actor=ADMIN)
        assert excinfo.value.code == "TPP_RUN_UNCHANGED"

    def test_a_back_dated_penalty_makes_a_correction_run_with_the_difference(
            self, org: Organisation, staff: tuple[UUID, UUID]) -> None:
        clerk, head = staff
        _adopt(org, 2025)
        first = org.service.tpp.run_month(org.government_id, MARCH, actor=ADMIN)
        org.service.impose_penalty(clerk, level=PenaltyLevel.MEDIUM,
                                   penalty_type=PenaltyType.ALLOWANCE_CUT_9_MONTHS,
                                   effective_on=date(2025, 3, 1), actor=OFFICER,
                                   legal_basis=decree("862/002/HD", date(2025, 2, 25)),
                                   reason="Tidak masuk kerja tanpa alasan sah")
        second = _run(org.service, org.service.tpp.run_month(org.government_id, MARCH,
                                                             actor=ADMIN))
        before = _run(org.service, first)

        assert second.number == 2 and second.corrects == first
        assert second.lines[clerk].is_changed and not second.lines[head].is_changed
        assert second.changed == 1
        line = org.service.tpp.line(second, clerk)
        assert line is not None and line["difference"] == -(CLASS_6 // 4)
        # The first run is never edited.
        assert org.service.tpp.line(before, clerk)["net"] == CLASS_6  # type: ignore[index]
        assert [r.id for r in org.service.tpp.runs_of(org.government_id, MARCH)] == [
            first, second.id]


class TestReproduce:
    def test_a_run_recomputes_the_same_lines_from_what_it_read_after_later_changes(
            self, org: Organisation, staff: tuple[UUID, UUID]) -> None:
        clerk, _ = staff
        _adopt(org, 2025)
        run_id = org.service.tpp.run_month(org.government_id, MARCH, actor=ADMIN)
        org.service.impose_penalty(clerk, level=PenaltyLevel.MEDIUM,
                                   penalty_type=PenaltyType.ALLOWANCE_CUT_6_MONTHS,
                                   effective_on=date(2025, 3, 1), actor=OFFICER,
                                   legal_basis=decree("862/003/HD", date(2025, 2, 25)),
                                   reason="Tidak masuk kerja tanpa alasan sah")
        _adopt(org, 2025, perkada="Perkada TPP Perubahan", scale_percent=150)
        run = _run(org.service, run_id)

        assert org.service.tpp.reproduce(run) == []
        # Computed from today's record and regulation instead, the clerk's line would differ:
        # the stored versions are what keeps the reproduction honest.
        assert run.lines[clerk].record_version < org.service.get_employee(clerk).version
        assert run.policy_version < org.service.tpp.policy(  # type: ignore[union-attr]
            org.government_id).version

    def test_an_erased_employees_amounts_are_gone_from_every_run(
            self, org: Organisation, staff: tuple[UUID, UUID]) -> None:
        clerk, head = staff
        _adopt(org, 2025)
        run_id = org.service.tpp.run_month(org.government_id, MARCH, actor=ADMIN)
        org.service.erase_personal_data(org.service.get_employee(clerk).subject_id,
                                        effective_on=date(2026, 1, 20), actor=ADMIN)
        run = _run(org.service, run_id)

        assert org.service.tpp.line(run, clerk) is None
        assert org.service.tpp.line(run, head) is not None
        assert org.service.tpp.reproduce(run) == []

    def test_a_complete_run_takes_no_more_lines(
            self, org: Organisation, staff: tuple[UUID, UUID]) -> None:
        _adopt(org, 2025)
        run = _run(org.service, org.service.tpp.run_month(org.government_id, MARCH,
                                                          actor=ADMIN))
        totals = run.totals[org.agency_id]

        with pytest.raises(DomainError) as excinfo:
            run.record_agency(totals=totals, lines=(), actor=ADMIN)
        assert excinfo.value.code == "TPP_RUN_COMPLETE"
        with pytest.raises(DomainError) as excinfo:
            run.complete(actor=ADMIN)
        assert excinfo.value.code == "TPP_RUN_COMPLETE"


class TestLeaveFromTheRecord:
    def test_granted_cltn_cuts_the_days_of_the_month_it_covers(
            self, org: Organisation, staff: tuple[UUID, UUID]) -> None:
        clerk, head = staff
        _adopt(org, 2027)
        with on_day(date(2026, 12, 15)):
            request_id = org.service.leave.request_leave(
                clerk, leave_type=LeaveType.UNPAID, start_on=date(2027, 1, 4),
                end_on=date(2027, 12, 31), ground=UnpaidLeaveReason.CARE_FOR_PARENT.value,
                bkn_approval_ref="PERTEK-BKN/123/2026", actor=OFFICER)
            org.service.leave.approve_leave(
                request_id, legal_basis=decree("800/CLTN/2026", date(2026, 12, 15)),
                actor=ADMIN)
        with on_day(date(2027, 2, 2)):
            run = _run(org.service, org.service.tpp.run_month(
                org.government_id, date(2027, 1, 1), actor=ADMIN))
        line = org.service.tpp.line(run, clerk)

        assert line is not None and line["cltn_days"] == 28  # 4 to 31 January
        assert [(c["code"], c["basis_points"], c["legal_basis"]) for c in line["cuts"]] == [
            ("LEAVE_CLTN", 28 * 10_000 // 31, "PP 11/2017 Pasal 331")]
        assert line["net"] == CLASS_6 - (CLASS_6 * 60 // 100) * 9032 // 10_000 \
            - (CLASS_6 * 40 // 100) * 9032 // 10_000
        assert run.lines[clerk].leave_versions == (2,)
        assert org.service.tpp.line(run, head)["cltn_days"] == 0  # type: ignore[index]
        assert org.service.tpp.reproduce(run) == []


class TestCutsOfTheVersionInForce:
    def test_a_regional_sanction_cut_and_a_missing_predicate_cut_start_with_their_version(
            self, org: Organisation, staff: tuple[UUID, UUID]) -> None:
        clerk, head = staff
        _adopt(org, 2025)
        april = dataclasses.replace(
            example_regulation(org.government_id, 2025, perkada="Perkada TPP Perubahan",
                               effective_from=date(2025, 4, 1)),
            sanction_cuts={PenaltyType.WRITTEN_REPRIMAND: AllowanceCut(1000, 3)},
            no_predicate_basis_points=500)
        org.service.tpp.adopt_regulation(april, actor=ADMIN)
        org.service.impose_penalty(clerk, level=PenaltyLevel.LIGHT,
                                   penalty_type=PenaltyType.WRITTEN_REPRIMAND,
                                   effective_on=date(2025, 3, 1), actor=OFFICER,
                                   legal_basis=decree("862/004/HD", date(2025, 2, 25)),
                                   reason="Tidak masuk kerja tanpa alasan sah")
        unrated = org.rater(PositionType.ADMINISTRATOR, org.health_agency_id)
        runs = {month: _run(org.service, org.service.tpp.run_month(
            org.government_id, month, actor=ADMIN)) for month in (MARCH, date(2025, 4, 1),
                                                                   date(2025, 6, 1))}

        def codes(month: date, employee_id: UUID) -> list[tuple[str, str]]:
            line = org.service.tpp.line(runs[month], employee_id)
            assert line is not None
            return [(c["code"], c["legal_basis"]) for c in line["cuts"]]

        assert codes(MARCH, clerk) == [] and codes(MARCH, unrated) == []
        assert codes(date(2025, 4, 1), clerk) == [
            ("SANCTION_WRITTEN_REPRIMAND", "Perkada TPP Perubahan")]
        assert codes(date(2025, 4, 1), unrated) == [
            ("PREDICATE_MISSING", "Perkada TPP Perubahan")]
        assert codes(date(2025, 6, 1), clerk) == []  # three months: March to May
        assert codes(date(2025, 6, 1), head) == [
            ("PREDICATE_SANGAT_KURANG", "Perkada TPP Perubahan")]


LETTER = decree("900.1.10/624/Keuda", date(2025, 1, 29))


class TestMendagriApproval:
    def test_a_month_under_a_version_without_approval_is_refused_until_the_letter_is_recorded(
            self, org: Organisation, staff: tuple[UUID, UUID]) -> None:
        _adopt(org, 2025, approval_ref=None)
        with refused(org.service) as excinfo:
            org.service.tpp.run_month(org.government_id, MARCH, actor=ADMIN)
        assert excinfo.value.code == "TPP_NOT_APPROVED" and excinfo.value.field == "month"
        assert "Contoh Perkada TPP TA 2025" in excinfo.value.message("id")
        assert org.service.tpp.runs_of(org.government_id, MARCH) == []

        org.service.tpp.approve_version(org.government_id, date(2025, 1, 1), letter=LETTER,
                                        actor=ADMIN)
        run = _run(org.service, org.service.tpp.run_month(org.government_id, MARCH,
                                                          actor=ADMIN))

        assert run.number == 1 and run.is_complete
        policy = org.service.tpp.policy(org.government_id)
        assert policy is not None
        assert policy.approval_of(date(2025, 1, 1)) == MendagriApproval(
            "900.1.10/624/Keuda", date(2025, 1, 29))

    def test_an_approval_named_in_the_adopted_table_counts(
            self, org: Organisation, staff: tuple[UUID, UUID]) -> None:
        _adopt(org, 2025, approval_ref="900/5663/SJ")
        policy = org.service.tpp.policy(org.government_id)

        assert policy is not None
        assert policy.approval_of(date(2025, 1, 1)) == MendagriApproval("900/5663/SJ")
        assert org.service.tpp.run_month(org.government_id, MARCH, actor=ADMIN)
        with refused(org.service) as excinfo:
            org.service.tpp.approve_version(org.government_id, date(2025, 1, 1),
                                            letter=LETTER, actor=ADMIN)
        assert excinfo.value.code == "TPP_VERSION_ALREADY_APPROVED"
        assert excinfo.value.field == "effective_from"

    def test_approving_a_version_twice_is_refused(self, org: Organisation) -> None:
        _adopt(org, 2025, approval_ref=None)
        org.service.tpp.approve_version(org.government_id, date(2025, 1, 1), letter=LETTER,
                                        actor=ADMIN)
        with refused(org.service) as excinfo:
            org.service.tpp.approve_version(org.government_id, date(2025, 1, 1),
                                            letter=decree("900/700/Keuda", date(2025, 2, 3)),
                                            actor=ADMIN)
        assert excinfo.value.code == "TPP_VERSION_ALREADY_APPROVED"
        assert "900.1.10/624/Keuda" in excinfo.value.message("en")

    def test_a_date_with_no_version_is_refused(self, org: Organisation) -> None:
        with refused(org.service) as excinfo:  # no regulation at all
            org.service.tpp.approve_version(org.government_id, date(2025, 1, 1),
                                            letter=LETTER, actor=ADMIN)
        assert excinfo.value.code == "TPP_VERSION_NOT_FOUND"
        _adopt(org, 2025, approval_ref=None)
        with refused(org.service) as excinfo:  # a month inside it is not its start
            org.service.tpp.approve_version(org.government_id, MARCH, letter=LETTER,
                                            actor=ADMIN)
        assert excinfo.value.code == "TPP_VERSION_NOT_FOUND"
        assert excinfo.value.field == "effective_from"

    @pytest.mark.parametrize("signed_on", [date(2023, 12, 31), date(2099, 1, 1)],
                             ids=["before the preceding year", "after today"])
    def test_a_letter_dated_outside_its_possible_span_is_refused(
            self, org: Organisation, signed_on: date) -> None:
        _adopt(org, 2025, approval_ref=None)
        with refused(org.service) as excinfo:
            org.service.tpp.approve_version(
                org.government_id, date(2025, 1, 1),
                letter=decree("900/624/Keuda", signed_on), actor=ADMIN)
        assert excinfo.value.code == "TPP_APPROVAL_LETTER_DATE"
        assert excinfo.value.field == "legal_basis.signed_on"

    def test_a_table_adopted_again_from_the_same_date_needs_its_own_approval_and_old_runs_stay(
            self, org: Organisation, staff: tuple[UUID, UUID]) -> None:
        _adopt(org, 2025, approval_ref=None)
        org.service.tpp.approve_version(org.government_id, date(2025, 1, 1), letter=LETTER,
                                        actor=ADMIN)
        run_id = org.service.tpp.run_month(org.government_id, MARCH, actor=ADMIN)
        _adopt(org, 2025, approval_ref=None, scale_percent=110)

        with refused(org.service) as excinfo:
            org.service.tpp.run_month(org.government_id, date(2025, 4, 1), actor=ADMIN)
        assert excinfo.value.code == "TPP_NOT_APPROVED"
        run = _run(org.service, run_id)
        assert [r.id for r in org.service.tpp.runs_of(org.government_id, MARCH)] == [run_id]
        assert org.service.tpp.reproduce(run) == []
