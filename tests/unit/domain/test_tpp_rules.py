"""One employee's monthly TPP under a government's regulation: amounts, each cut, versions, and
the input built from an employee's record."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import msgspec
import pytest

from domain.personnel_service import PersonnelService
from domain.regulations import AllowanceCut
from domain.tpp_rules import (
    Attendance,
    Criterion,
    Cut,
    CutCategory,
    LeaveInMonth,
    TppBreakdown,
    TppInput,
    TppRegulation,
    compute_tpp,
    regulation_in_force,
    sanction_months,
    tpp_input,
)
from domain.tpp_tables import example_regulation
from domain.values import Education, Expectation, PenaltyType, PositionType, Rating, SeparationType
from tests.builders.personnel import OFFICER, Organisation, decree, refused

GOVERNMENT = UUID(int=7)
MARCH = date(2025, 3, 1)
CLASS_9 = 4_600_000  # the example table's amount for kelas jabatan 9
RULES = example_regulation(GOVERNMENT, 2025)


def _tpp(month: date = MARCH, regulation: TppRegulation = RULES, **given: Any) -> TppBreakdown:
    """The breakdown of a class-9 employee's month; `given` adds to the input."""
    return compute_tpp(regulation, TppInput(month=month, **{"job_class": 9, **given}))


def _cut(breakdown: TppBreakdown, code: str) -> Cut:
    return next(cut for cut in breakdown.cuts if cut.code == code)


class TestBaseByClass:
    def test_an_employee_without_cuts_is_paid_their_class_amount(self) -> None:
        breakdown = _tpp()

        assert breakdown.gross == CLASS_9 and breakdown.net == CLASS_9
        assert breakdown.cuts == ()

    def test_the_class_amount_is_split_over_the_criteria_by_their_shares(self) -> None:
        assert _tpp(job_class=12).parts == (
            (Criterion.WORKLOAD, 4_800_000), (Criterion.PERFORMANCE, 3_200_000))

    def test_rupiah_left_by_rounding_go_to_the_first_criterion(self) -> None:
        odd = dataclasses.replace(RULES, base_by_class={9: 1_000_001}, criteria_shares={
            Criterion.WORKLOAD: 3333, Criterion.PLACE: 3333, Criterion.OTHER: 3334})

        parts = _tpp(regulation=odd).parts

        assert parts == ((Criterion.WORKLOAD, 333_301), (Criterion.PLACE, 333_300),
                         (Criterion.OTHER, 333_400))
        assert sum(amount for _, amount in parts) == 1_000_001

    def test_a_class_the_table_does_not_have_is_refused(self) -> None:
        with refused() as excinfo:
            _tpp(job_class=18)
        assert excinfo.value.code == "TPP_JOB_CLASS_UNKNOWN"

    def test_a_month_is_given_by_its_first_day(self) -> None:
        with refused() as excinfo:
            TppInput(month=date(2025, 3, 15), job_class=9)
        assert excinfo.value.code == "TPP_MONTH_INVALID"

    def test_the_same_input_gives_the_same_breakdown(self) -> None:
        given: dict[str, Any] = {
            "penalties": ((date(2025, 2, 1), PenaltyType.ALLOWANCE_CUT_6_MONTHS),),
            "last_rating": Rating.KURANG, "rating_year": 2024,
            "attendance": Attendance(late_minutes=(5, None), absent_days=1)}

        assert _tpp(**given) == _tpp(**given)
        assert _tpp(**given).net == 4_600_000 - 1_150_000 - 1_150_000 - 23_000 - 69_000 - 138_000


class TestStoredRun:
    def test_an_input_stored_as_json_recomputes_the_same_breakdown(self) -> None:
        # A monthly run stores its inputs and results; a later recomputation reads them back.
        given = TppInput(month=MARCH, job_class=9, last_rating=Rating.KURANG, rating_year=2024,
                         penalties=((MARCH, PenaltyType.ALLOWANCE_CUT_6_MONTHS),),
                         attendance=Attendance(late_minutes=(40, None)))
        breakdown = compute_tpp(RULES, given)

        stored = msgspec.json.encode((given, breakdown))
        read_input, read_breakdown = msgspec.json.decode(
            stored, type=tuple[TppInput, TppBreakdown])

        assert read_breakdown == breakdown == compute_tpp(RULES, read_input)
        assert b'"code":"SANCTION_ALLOWANCE_CUT_6_MONTHS"' in stored


class TestSanctionCuts:
    @pytest.mark.parametrize(("penalty", "months"), [
        (PenaltyType.ALLOWANCE_CUT_6_MONTHS, 6),
        (PenaltyType.ALLOWANCE_CUT_9_MONTHS, 9),
        (PenaltyType.ALLOWANCE_CUT_12_MONTHS, 12),
    ])
    def test_a_medium_sanction_cuts_a_quarter_for_its_months(self, penalty: PenaltyType,
                                                             months: int) -> None:
        penalties = ((MARCH, penalty),)
        first, last = sanction_months(MARCH, months)

        cut = _cut(_tpp(month=last, penalties=penalties), f"SANCTION_{penalty.value}")

        assert (first, cut.amount, cut.basis_points) == (MARCH, CLASS_9 // 4, 2500)
        assert cut.category is CutCategory.SANCTION
        assert cut.legal_basis == "PP 94/2021 Pasal 8 ayat (3)"
        assert cut.detail == f"2025-03-01 {months}/{months}"
        after = date(last.year + last.month // 12, last.month % 12 + 1, 1)
        assert _tpp(month=after, penalties=penalties).net == CLASS_9
        assert _tpp(month=date(2025, 2, 1), penalties=penalties).net == CLASS_9

    def test_a_sanction_taking_effect_mid_month_cuts_from_the_next_month(self) -> None:
        penalties = ((date(2025, 3, 10), PenaltyType.ALLOWANCE_CUT_6_MONTHS),)

        assert sanction_months(date(2025, 3, 10), 6) == (date(2025, 4, 1), date(2025, 9, 1))
        assert _tpp(month=MARCH, penalties=penalties).net == CLASS_9
        assert _tpp(month=date(2025, 4, 1), penalties=penalties).net == CLASS_9 * 3 // 4

    @pytest.mark.parametrize("penalty", [PenaltyType.WRITTEN_REPRIMAND,
                                         PenaltyType.DEMOTION_12_MONTHS])
    def test_a_light_or_heavy_sanction_cuts_nothing_unless_the_region_says(
            self, penalty: PenaltyType) -> None:
        penalties = ((MARCH, penalty),)
        regional = dataclasses.replace(RULES, sanction_cuts={penalty: AllowanceCut(1000, 3)})

        assert _tpp(penalties=penalties).net == CLASS_9
        cut = _cut(_tpp(regulation=regional, penalties=penalties), f"SANCTION_{penalty.value}")
        assert (cut.amount, cut.legal_basis) == (460_000, RULES.perkada)
        assert _tpp(month=date(2025, 6, 1), regulation=regional,
                    penalties=penalties).net == CLASS_9

    def test_a_region_cannot_change_the_national_medium_cut(self) -> None:
        with refused() as excinfo:
            dataclasses.replace(RULES, sanction_cuts={
                PenaltyType.ALLOWANCE_CUT_6_MONTHS: AllowanceCut(1000, 6)})
        assert excinfo.value.code == "TPP_REGULATION_INVALID"
        assert excinfo.value.field == "sanction_cuts"


class TestPredicateCuts:
    @pytest.mark.parametrize(("rating", "amount"), [
        (Rating.SANGAT_BAIK, 0), (Rating.BAIK, 0), (Rating.BUTUH_PERBAIKAN, 460_000),
        (Rating.KURANG, 1_150_000), (Rating.SANGAT_KURANG, 2_300_000),
    ])
    def test_the_last_predicate_cuts_by_the_regions_ladder(self, rating: Rating,
                                                           amount: int) -> None:
        breakdown = _tpp(last_rating=rating, rating_year=2024)

        assert breakdown.gross - breakdown.net == amount
        if amount:
            cut = _cut(breakdown, f"PREDICATE_{rating.value}")
            assert cut.category is CutCategory.PERFORMANCE and cut.detail == "2024"

    def test_a_predicate_cuts_only_the_parts_in_its_scope(self) -> None:
        scoped = dataclasses.replace(RULES, performance_scope=frozenset({Criterion.PERFORMANCE}))

        cut = _cut(_tpp(regulation=scoped, last_rating=Rating.KURANG), "PREDICATE_KURANG")

        assert cut.amount == 1_840_000 // 4

    def test_a_missing_predicate_cuts_only_where_the_region_says(self) -> None:
        strict = dataclasses.replace(RULES, no_predicate_basis_points=5000)

        assert _tpp().net == CLASS_9
        assert _cut(_tpp(regulation=strict), "PREDICATE_MISSING").amount == CLASS_9 // 2


class TestLeaveCuts:
    def test_a_whole_month_on_cltn_is_paid_nothing(self) -> None:
        breakdown = _tpp(leave=LeaveInMonth(cltn_days=31))

        assert breakdown.net == 0
        assert _cut(breakdown, "LEAVE_CLTN").category is CutCategory.LEAVE

    def test_part_of_a_month_on_unpaid_leave_is_cut_pro_rata(self) -> None:
        april = date(2025, 4, 1)  # 30 days

        assert _cut(_tpp(month=april, leave=LeaveInMonth(cltn_days=15)),
                    "LEAVE_CLTN").amount == CLASS_9 // 2
        assert _cut(_tpp(month=date(2025, 2, 1), leave=LeaveInMonth(cltn_days=14)),
                    "LEAVE_CLTN").amount == CLASS_9 // 2
        assert _cut(_tpp(month=april, leave=LeaveInMonth(other_unpaid_days=3)),
                    "LEAVE_UNPAID").amount == CLASS_9 // 10


class TestAttendanceCuts:
    def test_each_lateness_and_early_leave_is_cut_by_its_band(self) -> None:
        breakdown = _tpp(attendance=Attendance(late_minutes=(10, 20, 45, 75, 120),
                                               early_minutes=(None,), missed_assemblies=1))

        assert [(c.code, c.amount) for c in breakdown.cuts] == [
            ("ATTENDANCE_TL1", 46_000), ("ATTENDANCE_TL2", 46_000), ("ATTENDANCE_TL3", 57_500),
            ("ATTENDANCE_TL4", 69_000), ("ATTENDANCE_PSW4", 69_000),
            ("ATTENDANCE_ASSEMBLY_MISSED", 92_000)]

    def test_no_attendance_data_means_no_attendance_cut(self) -> None:
        assert _tpp(attendance=None).net == CLASS_9
        assert _tpp(attendance=Attendance(absent_days=2)).net == CLASS_9 - 276_000

    def test_attendance_cuts_take_at_most_the_discipline_share(self) -> None:
        breakdown = _tpp(attendance=Attendance(absent_days=20))  # 60% asked, 40% the cap

        cut = _cut(breakdown, "ATTENDANCE_ABSENT")
        assert (cut.amount, cut.is_capped) == (CLASS_9 * 40 // 100, True)


class TestOverlappingCuts:
    def test_two_medium_sanctions_in_force_add_up(self) -> None:
        penalties = ((date(2025, 1, 1), PenaltyType.ALLOWANCE_CUT_12_MONTHS),
                     (MARCH, PenaltyType.ALLOWANCE_CUT_6_MONTHS))

        assert _tpp(penalties=penalties).net == CLASS_9 // 2

    def test_cuts_together_never_take_more_than_the_amount(self) -> None:
        breakdown = _tpp(leave=LeaveInMonth(cltn_days=20),
                         penalties=((MARCH, PenaltyType.ALLOWANCE_CUT_6_MONTHS),),
                         last_rating=Rating.SANGAT_KURANG,
                         attendance=Attendance(absent_days=5))

        assert breakdown.net == 0
        assert [c.code for c in breakdown.cuts] == [
            "LEAVE_CLTN", "SANCTION_ALLOWANCE_CUT_6_MONTHS", "PREDICATE_SANGAT_KURANG",
            "ATTENDANCE_ABSENT"]
        assert [c.is_capped for c in breakdown.cuts] == [False, False, True, True]
        assert sum(c.amount for c in breakdown.cuts) == CLASS_9


class TestVersions:
    VERSIONS = (example_regulation(GOVERNMENT, 2024),
                example_regulation(GOVERNMENT, 2025, scale_percent=110),
                example_regulation(GOVERNMENT, 2025, perkada="Perubahan TA 2025",
                                   effective_from=date(2025, 7, 1), scale_percent=120),
                example_regulation(uuid4(), 2026))

    @pytest.mark.parametrize(("on", "perkada"), [
        (date(2024, 12, 1), "Contoh Perkada TPP TA 2024"),
        (date(2025, 1, 1), "Contoh Perkada TPP TA 2025"),
        (date(2025, 6, 1), "Contoh Perkada TPP TA 2025"),
        (date(2025, 7, 1), "Perubahan TA 2025"),
        (date(2026, 5, 1), "Perubahan TA 2025"),  # no 2026 version of its own yet
    ])
    def test_the_version_in_force_is_the_latest_that_took_effect(self, on: date,
                                                                 perkada: str) -> None:
        assert regulation_in_force(self.VERSIONS, GOVERNMENT, on).perkada == perkada

    def test_the_month_is_paid_by_the_version_in_force_then(self) -> None:
        july = date(2025, 7, 1)

        rules = regulation_in_force(self.VERSIONS, GOVERNMENT, july)
        breakdown = compute_tpp(rules, TppInput(month=july, job_class=9))

        assert breakdown.gross == CLASS_9 * 120 // 100
        assert breakdown.regulation_effective_from == july

    def test_no_tpp_before_the_governments_first_regulation(self) -> None:
        with refused() as excinfo:
            regulation_in_force(self.VERSIONS, GOVERNMENT, date(2023, 12, 1))
        assert excinfo.value.code == "TPP_REGULATION_NOT_IN_FORCE"

    def test_changing_the_table_a_version_was_built_from_does_not_change_it(self) -> None:
        amounts = {9: 4_600_000}
        version = dataclasses.replace(RULES, base_by_class=amounts)

        amounts[9] = 1

        assert compute_tpp(version, TppInput(month=MARCH, job_class=9)).gross == CLASS_9

    def test_a_version_takes_effect_within_its_year_and_splits_the_whole_amount(self) -> None:
        with refused() as excinfo:
            example_regulation(GOVERNMENT, 2025, effective_from=date(2024, 12, 1))
        assert excinfo.value.code == "TPP_REGULATION_INVALID"
        with refused() as excinfo:
            dataclasses.replace(RULES, criteria_shares={Criterion.WORKLOAD: 9000})
        assert excinfo.value.field == "criteria_shares"


class TestInputFromTheRecord:
    @pytest.fixture
    def employee_id(self, org: Organisation, service: PersonnelService) -> UUID:
        """A PNS in a pengawas post from 2018, rated Kurang for 2023, sanctioned in 2024."""
        employee_id = org.make_pns(appointed_on=date(2016, 4, 1), education=Education.S2)
        org.assign(employee_id, PositionType.PENGAWAS, date(2018, 1, 1))
        rater_id = org.rater(PositionType.ADMINISTRATOR)
        org.appraise(employee_id, [2022], rater_id=rater_id)
        org.appraise(employee_id, [2023], rater_id=rater_id, work_result=Expectation.BELOW)
        service.impose_penalty(employee_id, level=PenaltyType.ALLOWANCE_CUT_9_MONTHS.level,
                               penalty_type=PenaltyType.ALLOWANCE_CUT_9_MONTHS,
                               effective_on=date(2024, 2, 1), actor=OFFICER,
                               legal_basis=decree("862/001/HD"), reason="Absen 15 hari")
        return employee_id

    def test_the_input_carries_class_predicate_and_penalties_in_force(
            self, service: PersonnelService, employee_id: UUID) -> None:
        state = service.get_employee(employee_id).state_on(MARCH.replace(year=2024))

        given = tpp_input(state, date(2024, 3, 1), RULES)

        assert given is not None
        assert (given.job_class, given.last_rating, given.rating_year) == (
            9, Rating.BUTUH_PERBAIKAN, 2023)
        assert given.penalties == ((date(2024, 2, 1), PenaltyType.ALLOWANCE_CUT_9_MONTHS),)
        codes = [cut.code for cut in compute_tpp(RULES, given).cuts]
        assert codes == ["SANCTION_ALLOWANCE_CUT_9_MONTHS", "PREDICATE_BUTUH_PERBAIKAN"]

    def test_a_months_predicate_is_the_last_year_before_it(self, service: PersonnelService,
                                                          employee_id: UUID) -> None:
        state = service.get_employee(employee_id).state_on(date(2024, 1, 1))

        given = tpp_input(state, date(2024, 1, 1), RULES)

        # The 2023 rating was recorded on 15 January 2024: January's TPP still reads 2022.
        assert given is not None and (given.last_rating, given.rating_year) == (Rating.BAIK, 2022)

    def test_a_rating_of_the_months_own_year_waits_for_the_next_year(
            self, org: Organisation, service: PersonnelService, employee_id: UUID) -> None:
        service.record_appraisal(employee_id, year=2024, work_result=Expectation.ABOVE,
                                 behaviour=Expectation.ABOVE,
                                 rater_id=org.rater(PositionType.ADMINISTRATOR),
                                 effective_on=date(2024, 6, 1), actor=OFFICER)
        state = service.get_employee(employee_id).state_on(date(2024, 7, 1))

        given = tpp_input(state, date(2024, 7, 1), RULES)

        assert Rating.SANGAT_BAIK in state.appraisals.values()
        assert given is not None and (given.last_rating, given.rating_year) == (
            Rating.BUTUH_PERBAIKAN, 2023)

    def test_a_class_from_job_evaluation_overrides_the_type_of_post(
            self, service: PersonnelService, employee_id: UUID) -> None:
        state = service.get_employee(employee_id).state_on(date(2024, 3, 1))
        assert state.position_id is not None

        given = tpp_input(state, date(2024, 3, 1), RULES,
                          position_classes={state.position_id: 11})

        assert given is not None and given.job_class == 11

    def test_someone_between_posts_is_paid_as_a_pelaksana(self, org: Organisation,
                                                           service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=date(2016, 4, 1))
        state = service.get_employee(employee_id).state_on(date(2024, 3, 1))

        given = tpp_input(state, date(2024, 3, 1), RULES)

        assert state.position_type is None and given is not None and given.job_class == 6

    def test_no_input_before_appointment_or_after_separation(
            self, service: PersonnelService, employee_id: UUID) -> None:
        service.separate(employee_id, separation_type=SeparationType.RESIGNATION,
                         effective_on=date(2025, 1, 1), actor=OFFICER, legal_basis=decree())
        employee = service.get_employee(employee_id)

        assert tpp_input(employee.state_on(date(2016, 3, 1)), date(2016, 3, 1), RULES) is None
        assert tpp_input(employee.state_on(date(2025, 1, 1)), date(2025, 1, 1), RULES) is None
        assert tpp_input(employee.state_on(date(2024, 12, 1)), date(2024, 12, 1),
                         RULES) is not None

