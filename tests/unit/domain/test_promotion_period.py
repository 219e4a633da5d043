"""The promotion calendar by regulation version with its proposal windows, and the eligibility
list of a period read from records built through the domain, agreeing with the command."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from domain.promotion_period import (
    Eligibility,
    Standing,
    assess,
    check_complete,
    check_eligible,
    eligibility_list,
    promotion_date,
    promotion_dates,
)
from domain.values import (
    Education,
    Expectation,
    Grade,
    GradeRange,
    PenaltyLevel,
    PenaltyType,
    PositionType,
    PromotionKind,
    Rating,
)
from tests.builders.personnel import OFFICER, Organisation, decree, refused


def _line(org: Organisation, employee_id: UUID, tmt_on: date,
          credit_points: float | None = None) -> Eligibility:
    """The employee's line on the list of the period whose TMT is `tmt_on`."""
    state = org.service.get_employee(employee_id).state_on(tmt_on)
    return assess(employee_id, state, promotion_date(tmt_on), credit_points)


def _at_iii_b_in(org: Organisation, position_type: PositionType) -> UUID:
    """An S1 graduate promoted to III/b on 1 April 2020, moved to a post of `position_type`
    in May 2020 and rated Baik up to 2023."""
    employee_id = org.promotable_pns()
    org.promote(employee_id, "III/b", date(2020, 4, 1))
    org.assign(employee_id, position_type, date(2020, 5, 1))
    superior = PositionType.ADMINISTRATOR if position_type is PositionType.PENGAWAS else None
    org.appraise(employee_id, range(2020, 2024),
                 rater_id=org.rater(superior) if superior else None)
    return employee_id


class TestCalendar:
    def test_until_2023_promotions_take_effect_on_1_april_and_1_october(self) -> None:
        periods = promotion_dates(date(2023, 1, 1), date(2024, 1, 31))

        assert [p.tmt_on for p in periods] == [date(2023, 4, 1), date(2023, 10, 1)]
        assert all("Kep Ka BKN 12/2002" in p.calendar_basis for p in periods)

    def test_from_2024_every_two_months_starting_in_february(self) -> None:
        periods = promotion_dates(date(2024, 1, 1), date(2024, 12, 31))

        assert [p.tmt_on.month for p in periods] == [2, 4, 6, 8, 10, 12]
        assert all("Peraturan BKN 4/2023" in p.calendar_basis for p in periods)

    def test_from_october_2025_every_month(self) -> None:
        periods = promotion_dates(date(2025, 8, 1), date(2026, 1, 1))

        assert [p.tmt_on for p in periods] == [
            date(2025, 8, 1), date(2025, 10, 1), date(2025, 11, 1), date(2025, 12, 1),
            date(2026, 1, 1)]
        assert "Peraturan BKN 4/2023" in periods[0].calendar_basis
        assert all("Peraturan BKN 4/2025" in p.calendar_basis for p in periods[1:])

    def test_both_ends_of_the_range_are_included_and_a_mid_month_start_skips_its_month(
            self) -> None:
        assert [p.tmt_on for p in promotion_dates(date(2025, 10, 1), date(2025, 11, 1))] == [
            date(2025, 10, 1), date(2025, 11, 1)]
        assert [p.tmt_on for p in promotion_dates(date(2025, 10, 2), date(2025, 11, 30))] == [
            date(2025, 11, 1)]

    def test_until_2023_proposals_run_through_the_month_two_before_the_tmt(self) -> None:
        april = promotion_date(date(2023, 4, 1))

        assert (april.proposals_open_on, april.proposals_close_on) == (
            date(2023, 2, 1), date(2023, 2, 28))
        assert promotion_date(date(2020, 4, 1)).proposals_close_on == date(2020, 2, 29)

    @pytest.mark.parametrize(("tmt_on", "opens_on", "closes_on"), [
        (date(2024, 2, 1), date(2023, 12, 16), date(2024, 1, 15)),
        (date(2025, 10, 1), date(2025, 8, 16), date(2025, 9, 15)),
        (date(2026, 1, 1), date(2025, 11, 16), date(2025, 12, 15)),
    ], ids=["first of 2024", "october 2025", "january 2026"])
    def test_from_2024_proposals_run_from_the_16th_of_m_minus_2_to_the_15th_of_m_minus_1(
            self, tmt_on: date, opens_on: date, closes_on: date) -> None:
        period = promotion_date(tmt_on)

        assert (period.proposals_open_on, period.proposals_close_on) == (opens_on, closes_on)
        assert "13749" in period.window_basis
        assert period.is_open_for_proposals(opens_on) and period.is_open_for_proposals(closes_on)
        assert not period.is_open_for_proposals(date.fromordinal(closes_on.toordinal() + 1))
        assert not period.is_open_for_proposals(date.fromordinal(opens_on.toordinal() - 1))

    def test_december_2023_is_not_a_period_but_december_2024_is(self) -> None:
        with refused() as excinfo:
            promotion_date(date(2023, 12, 1))
        assert excinfo.value.code == "PROMOTION_DATE"
        assert "1 April atau 1 Oktober" in excinfo.value.message("id")
        assert promotion_date(date(2024, 12, 1)).tmt_on == date(2024, 12, 1)

    def test_a_date_outside_the_calendar_in_force_is_not_a_period(self) -> None:
        with refused() as excinfo:
            promotion_date(date(2025, 9, 1))  # a month too early for the monthly calendar
        assert excinfo.value.code == "PROMOTION_DATE"
        assert "1 Oktober 2025" in excinfo.value.message("id")

    def test_a_range_that_ends_before_it_starts_is_refused(self) -> None:
        with refused() as excinfo:
            promotion_dates(date(2025, 1, 1), date(2024, 1, 1))
        assert excinfo.value.code == "PROMOTION_PERIOD_RANGE_INVALID"


class TestEligibility:
    def test_a_pns_with_four_years_in_grade_and_two_good_years_is_eligible(
            self, org: Organisation) -> None:
        employee_id = org.promotable_pns()

        line = _line(org, employee_id, date(2020, 4, 1))

        assert line.standing is Standing.ELIGIBLE and line.problems == ()
        assert (line.kind, line.grade, line.to_grade) == (
            PromotionKind.REGULAR, Grade("III/a"), Grade("III/b"))
        assert line.time_in_grade == (4, 0)
        assert line.ratings == ((2019, Rating.BAIK), (2018, Rating.BAIK))
        assert (line.education, line.education_cap) == (Education.S1, Grade("III/d"))
        assert line.position_range == GradeRange(Grade("II/a"), Grade("III/d"))
        assert line.penalties_in_force == ()
        assert line.credit_points is None and line.credit_points_needed is None
        assert line.is_on_unpaid_leave is False
        check_eligible(line)
        check_complete(line)

    def test_half_a_year_early_the_time_in_grade_is_missing(self, org: Organisation) -> None:
        employee_id = org.promotable_pns()

        line = _line(org, employee_id, date(2019, 10, 1))

        assert line.standing is Standing.NOT_ELIGIBLE
        assert line.codes == ("PROMOTION_TIME_IN_GRADE",)
        assert line.time_in_grade == (3, 6)

    def test_a_missing_rating_of_last_year_is_named_by_its_year(self, org: Organisation) -> None:
        employee_id = org.make_pns()
        org.assign(employee_id, PositionType.PELAKSANA, date(2017, 4, 1))
        org.appraise(employee_id, range(2016, 2019))  # 2019 not appraised

        line = _line(org, employee_id, date(2020, 4, 1))

        assert line.codes == ("PROMOTION_RATING",)
        assert line.ratings == ((2019, None), (2018, Rating.BAIK))
        assert "2019" in line.problems[0].message("id")

    def test_a_rating_below_good_bars_the_promotion(self, org: Organisation) -> None:
        employee_id = org.make_pns()
        org.assign(employee_id, PositionType.PELAKSANA, date(2017, 4, 1))
        org.appraise(employee_id, range(2016, 2019))
        org.appraise(employee_id, [2019], behaviour=Expectation.BELOW)

        line = _line(org, employee_id, date(2020, 4, 1))

        assert line.codes == ("PROMOTION_RATING",)
        assert line.ratings[0][1] is not None and not line.ratings[0][1].is_at_least_good

    def test_at_the_education_cap_the_next_grade_is_refused(self, org: Organisation) -> None:
        employee_id = org.open_record(grade="III/d", education=Education.S1,
                                      grade_since=date(2020, 4, 1))

        line = _line(org, employee_id, date(2024, 4, 1))

        assert line.codes == ("PROMOTION_EDUCATION_CAP",)
        assert line.education_cap == Grade("III/d")

    def test_above_the_range_of_the_post_held_the_promotion_is_refused(
            self, org: Organisation) -> None:
        employee_id = _at_iii_b_in(org, PositionType.AHLI_PERTAMA)  # III/a–III/b

        line = _line(org, employee_id, date(2024, 4, 1))

        assert line.kind is PromotionKind.FUNCTIONAL
        assert line.standing is Standing.NOT_ELIGIBLE
        assert [p.code for p in line.problems] == ["PROMOTION_OUT_OF_POSITION_RANGE"]
        assert line.position_range == GradeRange(Grade("III/a"), Grade("III/b"))

    def test_a_medium_penalty_in_its_first_year_bars_the_promotion(
            self, org: Organisation) -> None:
        employee_id = org.promotable_pns()
        org.service.impose_penalty(
            employee_id, level=PenaltyLevel.MEDIUM,
            penalty_type=PenaltyType.ALLOWANCE_CUT_6_MONTHS, effective_on=date(2019, 12, 2),
            actor=OFFICER, legal_basis=decree("862/001/HD", date(2019, 12, 2)),
            reason="Tidak masuk kerja tanpa keterangan")

        line = _line(org, employee_id, date(2020, 4, 1))

        assert line.codes == ("PROMOTION_UNDER_PENALTY",)
        assert line.penalties_in_force == (
            (date(2019, 12, 2), PenaltyType.ALLOWANCE_CUT_6_MONTHS),)
        # A year after it was imposed, it no longer bars (PP 94/2021 as the rule reads it).
        assert "PROMOTION_UNDER_PENALTY" not in _line(org, employee_id, date(2021, 4, 1)).codes

    def test_every_missing_condition_is_listed_together_in_both_languages(
            self, org: Organisation) -> None:
        employee_id = org.open_record(grade="III/d", education=Education.S1,
                                      grade_since=date(2022, 4, 1),
                                      prior_ratings=((2022, Rating.BAIK),))

        line = _line(org, employee_id, date(2024, 4, 1))

        assert set(line.codes) == {"PROMOTION_TIME_IN_GRADE", "PROMOTION_RATING",
                                   "PROMOTION_EDUCATION_CAP"}
        assert all(p.message("id") and p.message("en") for p in line.problems)
        with refused() as excinfo:
            check_eligible(line)
        assert excinfo.value.code == "PROMOTION_TIME_IN_GRADE"
        assert {p.code for p in excinfo.value.problems} == set(line.codes)

    def test_a_functional_post_without_recorded_credit_points_is_to_verify(
            self, org: Organisation) -> None:
        employee_id = org.promotable_pns(position_type=PositionType.AHLI_PERTAMA)

        line = _line(org, employee_id, date(2020, 4, 1))

        assert line.kind is PromotionKind.FUNCTIONAL
        assert line.standing is Standing.TO_VERIFY
        assert line.credit_points is None and line.credit_points_needed == 50
        check_eligible(line)  # may be proposed: the file brings the PAK
        with refused() as excinfo:
            check_complete(line)
        assert excinfo.value.code == "PROMOTION_CREDIT_POINTS_NOT_RECORDED"
        assert "50" in excinfo.value.message("id")
        check_eligible(line)  # raising once leaves the line as it was

    def test_a_line_checked_again_tells_the_same_conditions(
            self, org: Organisation) -> None:
        employee_id = org.promotable_pns(position_type=PositionType.AHLI_PERTAMA)
        line = _line(org, employee_id, date(2017, 10, 1))  # 18 months in grade, no PAK
        codes = []
        for check in (check_complete, check_eligible, check_complete):
            with refused() as excinfo:
                check(line)
            codes.append({p.code for p in excinfo.value.problems})

        refused_codes = {"PROMOTION_TIME_IN_GRADE", "PROMOTION_RATING"}
        assert codes == [refused_codes | {"PROMOTION_CREDIT_POINTS_NOT_RECORDED"}, refused_codes,
                         refused_codes | {"PROMOTION_CREDIT_POINTS_NOT_RECORDED"}]

    def test_credit_points_known_decide_the_functional_promotion(
            self, org: Organisation) -> None:
        employee_id = org.promotable_pns(position_type=PositionType.AHLI_PERTAMA)

        assert _line(org, employee_id, date(2020, 4, 1), 50).standing is Standing.ELIGIBLE
        assert _line(org, employee_id, date(2020, 4, 1), 40).codes == (
            "PROMOTION_CREDIT_POINTS",)

    def test_a_managerial_post_is_promoted_by_choice_after_two_years(
            self, org: Organisation) -> None:
        employee_id = _at_iii_b_in(org, PositionType.PENGAWAS)  # III/b–III/d

        line = _line(org, employee_id, date(2022, 4, 1))

        assert (line.kind, line.standing) == (PromotionKind.CHOICE, Standing.ELIGIBLE)

    def test_at_the_highest_grade_there_is_no_further_promotion(
            self, org: Organisation) -> None:
        employee_id = org.open_record(grade="IV/e", education=Education.S3,
                                      grade_since=date(2015, 4, 1))

        line = _line(org, employee_id, date(2024, 4, 1))

        with refused() as excinfo:
            check_eligible(line)
        assert excinfo.value.code == "PROMOTION_HIGHEST_GRADE"
        assert line.to_grade is None

    def test_a_cpns_is_listed_as_not_yet_pns_and_a_pppk_is_not_listed(
            self, org: Organisation) -> None:
        cpns_id = org.appoint_cpns(appointed_on=date(2019, 4, 1))
        pppk_id = org.appoint_pppk(appointed_on=date(2022, 3, 1))
        pns_id = org.promotable_pns()
        tmt_on = date(2020, 4, 1)
        states = {i: org.service.get_employee(i).state_on(tmt_on)
                  for i in (cpns_id, pppk_id, pns_id)}

        lines = eligibility_list(states, promotion_date(tmt_on))

        assert [line.employee_id for line in lines] == [pns_id, cpns_id]
        assert lines[1].codes == ("PROMOTION_NOT_PNS",)


class TestListAgreesWithTheCommand:
    """Whoever the list shows eligible is promoted by the command on the TMT; whoever it
    leaves out is refused by the command with the same rule codes."""

    @staticmethod
    def _staff(org: Organisation) -> tuple[list[UUID], date]:
        eligible = org.promotable_pns()
        functional = org.promotable_pns(position_type=PositionType.AHLI_PERTAMA)
        unrated = org.make_pns()
        org.assign(unrated, PositionType.PELAKSANA, date(2017, 4, 1))
        org.appraise(unrated, range(2016, 2019))
        capped = org.open_record(grade="III/d", education=Education.S1,
                                 grade_since=date(2015, 4, 1),
                                 prior_ratings=((2018, Rating.BAIK), (2019, Rating.BAIK)),
                                 opened_on=date(2020, 1, 2))
        penalised = org.promotable_pns()
        org.service.impose_penalty(
            penalised, level=PenaltyLevel.HEAVY, penalty_type=PenaltyType.DEMOTION_12_MONTHS,
            effective_on=date(2020, 1, 6), actor=OFFICER,
            legal_basis=decree("862/002/HD", date(2020, 1, 6)),
            reason="Tidak masuk kerja tanpa keterangan")
        cpns = org.appoint_cpns(appointed_on=date(2019, 4, 1))
        return [eligible, functional, unrated, capped, penalised, cpns], date(2020, 4, 1)

    def test_every_line_is_what_the_promotion_command_does_on_the_tmt(
            self, org: Organisation) -> None:
        staff, tmt_on = self._staff(org)
        states = {i: org.service.get_employee(i).state_on(tmt_on) for i in staff}
        credit_points = {staff[1]: 50.0}  # the functional one's PAK, as the file would bring

        lines = eligibility_list(states, promotion_date(tmt_on), credit_points)

        assert sum(line.standing is Standing.ELIGIBLE for line in lines) == 2
        assert sum(line.standing is Standing.NOT_ELIGIBLE for line in lines) == 4
        assert [line.standing for line in lines[:2]] == [Standing.ELIGIBLE] * 2
        for line in lines:
            assert line.to_grade is not None
            if line.standing is Standing.ELIGIBLE:
                org.promote(line.employee_id, line.to_grade.code, tmt_on, kind=line.kind,
                            credit_points=credit_points.get(line.employee_id))
                assert org.service.get_employee(line.employee_id).state.grade == line.to_grade
            else:
                with refused(org.service) as excinfo:
                    org.promote(line.employee_id, line.to_grade.code, tmt_on, kind=line.kind)
                assert {p.code for p in excinfo.value.problems} == set(line.codes)

