"""The regulation table: rules looked up by the date they apply on."""

from __future__ import annotations

from datetime import date

import pytest

from domain.regulations import (
    EDUCATION_GRADES,
    PROMOTION_RULES,
    Period,
    in_force,
    is_promotion_date,
    promotion_rating_years,
    rater_types,
    regular_cap,
    retirement_on,
    starting_grade,
)
from domain.values import Education, Grade, PositionType


class TestInForce:
    PERIODS = (
        Period(date(2000, 1, 1), "old", "first rule"),
        Period(date(2024, 1, 1), "new", "second rule"),
        Period(date(2025, 10, 1), "newest", "third rule"),
    )

    @pytest.mark.parametrize(
        ("on", "value"),
        [
            (date(2023, 12, 31), "old"),
            (date(2024, 1, 1), "new"),
            (date(2025, 9, 30), "new"),
            (date(2025, 10, 1), "newest"),
            (date(2040, 1, 1), "newest"),
        ],
    )
    def test_the_period_that_began_last_on_or_before_the_date_applies(self, on: date,
                                                                      value: str) -> None:
        assert in_force(self.PERIODS, on) == value

    def test_the_order_the_periods_are_listed_in_does_not_matter(self) -> None:
        assert in_force(tuple(reversed(self.PERIODS)), date(2024, 6, 1)) == "new"

    def test_a_date_before_every_period_gets_the_earliest_rule(self) -> None:
        assert in_force(self.PERIODS, date(1999, 1, 1)) == "old"


class TestPromotionCalendar:
    @pytest.mark.parametrize("month", range(1, 13))
    def test_before_2024_only_1_april_and_1_october_are_promotion_dates(self, month: int) -> None:
        assert is_promotion_date(date(2023, month, 1)) is (month in (4, 10))

    @pytest.mark.parametrize("month", range(1, 13))
    def test_from_2024_the_first_of_every_even_month_is_a_promotion_date(self,
                                                                         month: int) -> None:
        assert is_promotion_date(date(2024, month, 1)) is (month % 2 == 0)

    def test_the_even_month_calendar_runs_until_september_2025(self) -> None:
        assert is_promotion_date(date(2025, 8, 1))
        assert not is_promotion_date(date(2025, 9, 1))

    @pytest.mark.parametrize("month", range(1, 13))
    def test_from_october_2025_the_first_of_every_month_is_a_promotion_date(self,
                                                                           month: int) -> None:
        year = 2025 if month >= 10 else 2026
        assert is_promotion_date(date(year, month, 1))

    @pytest.mark.parametrize("on", [date(2019, 4, 2), date(2024, 2, 15), date(2026, 3, 31)])
    def test_a_promotion_never_takes_effect_on_another_day_than_the_first(self, on: date) -> None:
        assert not is_promotion_date(on)


class TestPromotionRules:
    def test_a_regular_promotion_needs_four_years_and_two_good_years(self) -> None:
        rule = in_force(PROMOTION_RULES["REGULAR"], date(2020, 4, 1))

        assert (rule.min_years_in_grade, rule.good_ratings_years) == (4, 2)

    @pytest.mark.parametrize("kind", ["FUNCTIONAL", "CHOICE"])
    def test_functional_and_choice_promotions_need_two_years(self, kind: str) -> None:
        assert in_force(PROMOTION_RULES[kind], date(2020, 4, 1)).min_years_in_grade == 2

    @pytest.mark.parametrize(("tmt", "years"), [
        # April/October: the two years before the TMT's year, as PP 99/2000 has always read
        (date(2020, 4, 1), (2019, 2018)), (date(2023, 10, 1), (2022, 2021)),
        # from 2024 a TMT early in the year is proposed before the year just ended is rated
        (date(2027, 1, 1), (2025, 2024)), (date(2027, 3, 1), (2025, 2024)),
        (date(2027, 4, 1), (2026, 2025)), (date(2026, 12, 1), (2025, 2024)),
    ])
    def test_the_ratings_read_are_of_years_already_rated_at_proposal(
            self, tmt: date, years: tuple[int, ...]) -> None:
        assert promotion_rating_years(tmt, 2) == years


class TestRetirement:
    @pytest.mark.parametrize(
        ("birth_on", "age", "retires_on"),
        [
            (date(1970, 5, 15), 58, date(2028, 6, 1)),
            (date(1970, 5, 1), 58, date(2028, 6, 1)),
            (date(1970, 12, 31), 58, date(2029, 1, 1)),
            (date(1966, 2, 28), 60, date(2026, 3, 1)),
            (date(1960, 11, 30), 65, date(2025, 12, 1)),
        ],
    )
    def test_retirement_takes_effect_on_the_first_of_the_month_after_the_birthday(
            self, birth_on: date, age: int, retires_on: date) -> None:
        assert retirement_on(birth_on, age) == retires_on


class TestEducation:
    @pytest.mark.parametrize(
        ("education", "start", "cap"),
        [
            (Education.SD, "I/a", "II/a"),
            (Education.SLTP, "I/c", "II/c"),
            (Education.SLTP_KEJURUAN, "I/c", "II/d"),
            (Education.SLTA, "II/a", "III/b"),
            (Education.D1, "II/a", "III/b"),
            (Education.D2, "II/b", "III/b"),
            (Education.D3, "II/c", "III/c"),
            (Education.S1, "III/a", "III/d"),
            (Education.D4, "III/a", "III/d"),
            (Education.S2, "III/b", "IV/a"),
            (Education.S3, "III/c", "IV/b"),
        ],
    )
    def test_education_fixes_the_starting_grade_and_the_regular_cap(
            self, education: Education, start: str, cap: str) -> None:
        assert starting_grade(education) == Grade(start)
        assert regular_cap(education) == Grade(cap)

    def test_every_education_level_has_a_starting_grade_and_cap(self) -> None:
        assert set(EDUCATION_GRADES) == set(Education)


class TestRaters:
    @pytest.mark.parametrize(
        ("ratee", "raters"),
        [
            (PositionType.PELAKSANA, {PositionType.PENGAWAS}),
            (PositionType.PENGAWAS, {PositionType.ADMINISTRATOR}),
            (PositionType.ADMINISTRATOR, {PositionType.JPT_PRATAMA, PositionType.JPT_MADYA,
                                          PositionType.JPT_UTAMA}),
            (PositionType.JPT_PRATAMA, set()),
            (PositionType.AHLI_PERTAMA, {PositionType.PENGAWAS, PositionType.ADMINISTRATOR,
                                         PositionType.JPT_PRATAMA}),
            (None, {PositionType.PENGAWAS, PositionType.ADMINISTRATOR,
                    PositionType.JPT_PRATAMA}),
        ],
    )
    def test_the_rater_is_the_direct_superior_of_the_position(
            self, ratee: PositionType | None, raters: set[PositionType]) -> None:
        assert rater_types(ratee) == raters
