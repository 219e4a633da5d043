"""Working days: weekends, national holidays and cuti bersama are skipped."""

from __future__ import annotations

from datetime import date

import pytest

from domain.holiday_seed import is_complete
from domain.holidays import seed_holidays
from domain.working_days import add_working_days, is_working_day, working_days_between

DAYS_OFF_2026 = frozenset(d.on for d in seed_holidays(2026))


class TestCounting:
    def test_a_friday_complaint_is_due_on_wednesday_three_working_days_later(self) -> None:
        assert add_working_days(date(2026, 11, 6), 3, frozenset()) == date(2026, 11, 11)

    def test_lebaran_and_its_cuti_bersama_push_the_deadline_past_the_holidays(self) -> None:
        # Received Tuesday 17 March 2026: 18 (cuti bersama), 19 (Nyepi), 20 (cuti bersama),
        # 23 and 24 (cuti bersama) are off; the working days are 25, 26 and 27 March.
        assert add_working_days(date(2026, 3, 17), 3, DAYS_OFF_2026) == date(2026, 3, 27)

    def test_without_the_calendar_the_same_deadline_falls_in_the_holidays(self) -> None:
        assert add_working_days(date(2026, 3, 17), 3, frozenset()) == date(2026, 3, 20)

    def test_a_deadline_over_the_year_end_skips_christmas_and_new_year(self) -> None:
        days_off = DAYS_OFF_2026 | {d.on for d in seed_holidays(2025)}
        # 23 Dec 2026 (Wed) + 5: 24, 25 off, 28, 29, 30, 31 Dec, 1 Jan 2027 is not seeded
        # (no SKB 2027 in the table), so it counts: 28, 29, 30, 31, 1.
        assert add_working_days(date(2026, 12, 23), 5, days_off) == date(2027, 1, 1)

    def test_zero_days_is_the_same_day_and_a_negative_count_is_a_programming_error(
            self) -> None:
        assert add_working_days(date(2026, 5, 4), 0, frozenset()) == date(2026, 5, 4)
        with pytest.raises(ValueError):
            add_working_days(date(2026, 5, 4), -1, frozenset())

    def test_days_between_counts_the_working_days_after_the_start_up_to_the_end(self) -> None:
        assert working_days_between(date(2026, 5, 11), date(2026, 5, 18), DAYS_OFF_2026) == 3
        assert working_days_between(date(2026, 5, 18), date(2026, 5, 11), DAYS_OFF_2026) == 0

    def test_weekends_and_holidays_are_not_working_days(self) -> None:
        assert not is_working_day(date(2026, 8, 17), DAYS_OFF_2026)
        assert not is_working_day(date(2026, 8, 15), frozenset())
        assert is_working_day(date(2026, 8, 18), DAYS_OFF_2026)


class TestSeed:
    @pytest.mark.parametrize("year", [2025, 2026])
    def test_each_seeded_day_falls_in_its_year_once_with_a_name(self, year: int) -> None:
        days = seed_holidays(year)
        assert len({d.on for d in days}) == len(days) > 15
        assert all(d.on.year == year and d.name.strip() for d in days)
        assert date(year, 8, 17) in {d.on for d in days}  # Hari Kemerdekaan

    def test_a_year_after_the_last_skb_starts_with_the_holidays_fixed_by_law(self) -> None:
        days = seed_holidays(2027)
        assert [(d.on.month, d.on.day) for d in days] == [(1, 1), (5, 1), (6, 1), (8, 17),
                                                          (12, 25)]
        assert not is_complete(2027) and is_complete(2026)
        assert add_working_days(date(2026, 12, 31), 1, frozenset(d.on for d in days)) \
            == date(2027, 1, 4)  # New Year's Day is a Friday: the next working day is Monday

    def test_a_year_before_the_table_has_no_days(self) -> None:
        assert seed_holidays(2024) == [] and not is_complete(2024)
