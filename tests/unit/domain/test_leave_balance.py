"""The annual-leave balance across years (carry-over caps, deferred days, PPPK contracts) and
the days cuti bersama gives back."""

from __future__ import annotations

from datetime import date

import pytest

from domain.leave_balance import (
    AnnualLeaveYear,
    CollectiveLeaveYear,
    annual_leave_balance,
    collective_leave_top_up,
)
from domain.values import EmploymentType

PNS, PPPK = EmploymentType.PNS, EmploymentType.PPPK
NYEPI_CB = date(2025, 3, 31)


class TestCarryOver:
    def year(self, year: int, taken: int = 0, **kwargs: int) -> AnnualLeaveYear:
        return AnnualLeaveYear(year, is_entitled=True, taken_days=taken, **kwargs)

    def test_a_first_year_has_only_its_own_twelve_days(self) -> None:
        assert annual_leave_balance(PNS, [self.year(2023)], 2023).available == 12

    def test_at_most_six_unused_days_carry_into_the_next_year_for_eighteen_in_all(
            self) -> None:
        result = annual_leave_balance(PNS, [self.year(2023, taken=2), self.year(2024)], 2024)
        assert (result.carried_in, result.available) == (6, 18)

    def test_fewer_unused_days_carry_as_they_are(self) -> None:
        result = annual_leave_balance(PNS, [self.year(2023, taken=9), self.year(2024)], 2024)
        assert (result.carried_in, result.available) == (3, 15)

    def test_two_years_unused_give_twenty_four_in_the_third(self) -> None:
        history = [self.year(2023), self.year(2024), self.year(2025)]
        assert annual_leave_balance(PNS, history, 2025).available == 24

    def test_carried_days_are_used_first_so_only_own_unused_days_carry_on(self) -> None:
        # 2024: 12 own + 6 carried; 10 taken use the 6 carried first, then 4 own → 8 unused,
        # of which 6 carry into 2025. Over three years it never passes the caps.
        history = [self.year(2023, taken=1), self.year(2024, taken=10), self.year(2025)]
        assert annual_leave_balance(PNS, history, 2024).available == 18
        result = annual_leave_balance(PNS, history, 2025)
        assert (result.carried_in, result.available) == (6, 18)

    def test_a_year_with_leave_taken_breaks_the_two_unused_years(self) -> None:
        history = [self.year(2023), self.year(2024, taken=1), self.year(2025)]
        assert annual_leave_balance(PNS, history, 2025).available == 18

    def test_the_two_unused_years_are_the_two_before_the_year_not_just_the_last(
            self) -> None:
        # 2023 used, 2024 unused: 2025 is 18 (found by the balances view's three-year test).
        history = [self.year(2023, taken=5), self.year(2024), self.year(2025)]
        assert annual_leave_balance(PNS, history, 2025).available == 18
        assert annual_leave_balance(PNS, [*history, self.year(2026)], 2026).available == 24

    def test_days_deferred_by_the_official_are_usable_next_year_and_not_also_carried(
            self) -> None:
        history = [self.year(2023, taken=12), self.year(2024, taken=4, deferred_days=8),
                   self.year(2025)]
        result = annual_leave_balance(PNS, history, 2025)
        assert (result.carried_in, result.deferred_in, result.available) == (0, 8, 20)

    def test_deferred_days_are_capped_at_twenty_four_in_all(self) -> None:
        # 2024 holds 18 (6 carried); a 15-day request is deferred into 2025: 12 + 15 > 24.
        history = [self.year(2023, taken=1), self.year(2024, deferred_days=15),
                   self.year(2025)]
        result = annual_leave_balance(PNS, history, 2025)
        assert (result.carried_in, result.deferred_in, result.available) == (0, 12, 24)

    def test_the_year_the_first_rules_began_is_judged_by_them(self) -> None:
        # PP 11/2017 began in April 2017: a history from 2017 is not refused as too early.
        history = [self.year(2017), self.year(2018), self.year(2019)]
        assert annual_leave_balance(PNS, history, 2019).available == 24

    def test_a_year_without_entitlement_carries_nothing(self) -> None:
        history = [self.year(2024), AnnualLeaveYear(2025, is_entitled=False)]
        assert annual_leave_balance(PNS, history, 2025).available == 0

    def test_remaining_days_deduct_what_was_taken(self) -> None:
        result = annual_leave_balance(PNS, [self.year(2024, taken=5)], 2024)
        assert result.remaining == 7

    @pytest.mark.parametrize(("contract_years", "expected"), [(1, 12), (3, 18), (5, 24)])
    def test_pppk_carry_over_depends_on_the_contract_length(
            self, contract_years: int, expected: int) -> None:
        history = [self.year(2023), self.year(2024), self.year(2025)]
        assert annual_leave_balance(PPPK, history, 2025, contract_years).available == expected


class TestCollectiveLeave:
    COLLECTIVE = CollectiveLeaveYear(2025, frozenset({NYEPI_CB, date(2025, 12, 26)}),
                                     "Keppres 2/2025")

    def test_cuti_bersama_reduces_nothing_from_annual_leave(self) -> None:
        assert self.COLLECTIVE.annual_leave_deducted() == 0

    def test_a_year_whose_decree_says_it_reduces_annual_leave_deducts_its_days(self) -> None:
        reducing = CollectiveLeaveYear(2022, frozenset({date(2022, 5, 4)}), "Keppres (PPPK)",
                                       reduces_annual_leave=True)
        assert reducing.annual_leave_deducted() == 1

    def test_staff_kept_at_work_get_the_days_back_and_year_end_days_next_year(self) -> None:
        top_up = collective_leave_top_up(PNS, self.COLLECTIVE, {NYEPI_CB, date(2025, 12, 26)})
        assert top_up == {2025: 1, 2026: 1}

    def test_staff_on_cuti_bersama_get_nothing_back(self) -> None:
        assert collective_leave_top_up(PNS, self.COLLECTIVE, set()) == {}

    def test_the_top_up_is_added_to_the_years_balance(self) -> None:
        history = [AnnualLeaveYear(2025, is_entitled=True, top_up_days=1)]
        assert annual_leave_balance(PNS, history, 2025).available == 13
