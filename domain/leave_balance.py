"""The annual-leave balance of a year, carried over from the years before it, and the days
cuti bersama gives back to staff kept at work.

The algorithm is ../shared/reference/leave-pay-voice-rules.md §1.4, with the values of the
leave rules in force on each year's last day (domain/leave_regulations.py), so the year a
version began is judged by it. Days are used oldest first and deducted in the year they fall
in; one function computes the balance that is shown and the one a request is checked against,
so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass
from datetime import date

from domain.leave_regulations import leave_rules_on
from domain.values import EmploymentType


@dataclass(frozen=True)
class AnnualLeaveYear:
    """What happened to annual leave in one calendar year: the inputs of the next balance."""

    year: int
    is_entitled: bool  # one year of service reached, and no big leave that year
    taken_days: int = 0
    deferred_days: int = 0  # approved days the PYBMC deferred into the next year
    top_up_days: int = 0  # cuti tahunan tambahan for cuti bersama withheld by the post


@dataclass(frozen=True)
class AnnualLeaveBalance:
    """The annual leave of one year: where its days come from, and what is left."""

    year: int
    entitled: int
    carried_in: int
    deferred_in: int
    top_up: int
    available: int
    taken: int
    deferred_out: int = 0  # approved days the PYBMC deferred into the next year

    @property
    def remaining(self) -> int:
        return max(0, self.available - self.taken)

    @property
    def unused_own_days(self) -> int:
        """Days of the year's own entitlement neither taken nor deferred: carried, deferred
        and top-up days are used first (oldest first; the top-up lapses at the year's end),
        and deferred days move to the next year on their own, so they never count twice."""
        earlier = self.carried_in + self.deferred_in + self.top_up
        return max(0, self.entitled - max(0, self.taken - earlier) - self.deferred_out)


def annual_leave_balance(employment_type: EmploymentType, history: Sequence[AnnualLeaveYear],
                         year: int, contract_years: int | None = None) -> AnnualLeaveBalance:
    """The balance of `year` from the years before it (`history` need not be sorted; a year
    missing from it earned nothing and took nothing)."""
    by_year = {record.year: record for record in history}
    first = min([*by_year, year])
    balance: AnnualLeaveBalance | None = None
    for current in range(first, year + 1):
        record = by_year.get(current, AnnualLeaveYear(current, is_entitled=False))
        # The year before the previous one: two unused years in a row raise the cap.
        before = by_year.get(current - 2) if current - 2 >= first else None
        balance = _next_balance(employment_type, record, balance, before, contract_years)
    assert balance is not None
    return balance


def _next_balance(employment_type: EmploymentType, record: AnnualLeaveYear,
                  previous: AnnualLeaveBalance | None, before_previous: AnnualLeaveYear | None,
                  contract_years: int | None) -> AnnualLeaveBalance:
    rule = leave_rules_on(employment_type, date(record.year, 12, 31)).annual
    first_cap, second_cap = _carry_over_caps(employment_type, record.year, contract_years)
    entitled = rule.days_per_year if record.is_entitled else 0
    carried_in = deferred_in = 0
    if previous is not None and record.is_entitled:
        two_years_unused = (before_previous is not None and before_previous.is_entitled
                            and before_previous.taken_days == 0
                            and previous.entitled > 0 and previous.taken == 0)
        cap = second_cap if two_years_unused else first_cap
        carried_in = min(previous.unused_own_days, max(0, cap - entitled))
        deferred_in = previous.deferred_out
    own = min(entitled + carried_in + deferred_in,
              max(rule.cap_with_deferred_days, entitled + carried_in))
    return AnnualLeaveBalance(record.year, entitled, carried_in, own - entitled - carried_in,
                              record.top_up_days, own + record.top_up_days, record.taken_days,
                              record.deferred_days)


def _carry_over_caps(employment_type: EmploymentType, year: int,
                     contract_years: int | None) -> tuple[int, int]:
    rule = leave_rules_on(employment_type, date(year, 12, 31)).annual
    first, second = rule.cap_after_one_unused_year, rule.cap_after_two_unused_years
    if rule.contract_years_for_first_cap is not None:
        years = contract_years or 0
        if years <= rule.contract_years_for_first_cap:
            first = rule.days_per_year
        if years <= (rule.contract_years_for_second_cap or 0):
            second = first
    return first, second


@dataclass(frozen=True)
class CollectiveLeaveYear:
    """Cuti bersama of one year, from that year's Keppres: the days, and whether they reduce
    annual leave (Keppres 2/2025: they do not; a year's decree decides)."""

    year: int
    days: frozenset[date]
    legal_basis: str
    # verify: for PPPK one summary says cuti bersama reduces annual leave; the reference says
    # to take it from each year's Keppres, so it is this per-year flag (default: it does not).
    reduces_annual_leave: bool = False

    def annual_leave_deducted(self) -> int:
        """Days of annual leave the year's cuti bersama takes from every employee."""
        return len(self.days) if self.reduces_annual_leave else 0


def collective_leave_top_up(employment_type: EmploymentType, collective: CollectiveLeaveYear,
                            withheld: Container[date]) -> dict[int, int]:
    """Cuti tahunan tambahan for staff kept at work on cuti bersama: one day per day withheld,
    usable in that year, or in the next when the day fell at the year's end (Ps 333(3))."""
    top_up: dict[int, int] = {}
    for day in sorted(collective.days):
        if day not in withheld:
            continue
        month, first_day = leave_rules_on(employment_type, day).year_end_top_up_from
        year = day.year + 1 if (day.month, day.day) >= (month, first_day) else day.year
        top_up[year] = top_up.get(year, 0) + 1
    return top_up
