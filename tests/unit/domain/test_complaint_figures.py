"""The public figures of complaint handling, counted by hand on a few complaints."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from domain.complaint_figures import (
    ComplaintFacts,
    category_counts,
    figures,
    quarter_of,
    quarters,
)
from domain.voice_values import ComplaintCategory

GOVERNMENT, AGENCY, UNIT = uuid4(), uuid4(), uuid4()
HOLIDAY = date(2026, 8, 17)  # a Monday


def _fact(received: date, category: ComplaintCategory | None = None,
          **dates: date | None) -> ComplaintFacts:
    return ComplaintFacts(GOVERNMENT, AGENCY, UNIT, received, **dates,
                          category=category)


class TestAPeriodsFigures:
    def test_each_step_is_counted_in_the_period_it_took_place(self) -> None:
        facts = [
            _fact(date(2026, 7, 30), verified_on=date(2026, 8, 3)),  # received in July
            _fact(date(2026, 8, 12), verified_on=date(2026, 8, 13),
                  answered_on=date(2026, 8, 19), answer_due_on=date(2026, 8, 20),
                  resolved_on=date(2026, 8, 25)),
            _fact(date(2026, 8, 14), verified_on=date(2026, 8, 14),
                  answered_on=date(2026, 8, 28), answer_due_on=date(2026, 8, 21)),
            _fact(date(2026, 8, 20), rejected_on=date(2026, 8, 21)),
        ]
        found = figures(facts, date(2026, 8, 1), date(2026, 8, 31), {HOLIDAY})
        assert (found.received, found.verified, found.rejected, found.answered,
                found.answered_on_time, found.resolved) == (3, 3, 1, 2, 1, 1)
        # 12 Aug (Wed) to 19 Aug: 13, 14, 18, 19 (the 17th a holiday, 15-16 a weekend) = 4;
        # 14 Aug (Fri) to 28 Aug: 18-21 and 24-28 = 9; the median of 4 and 9
        assert found.median_days_to_answer == 6.5
        assert found.on_time_share == 0.5

    def test_an_answer_on_its_deadline_day_is_on_time(self) -> None:
        fact = _fact(date(2026, 9, 1), answered_on=date(2026, 9, 8),
                     answer_due_on=date(2026, 9, 8))
        assert figures([fact], date(2026, 9, 1), date(2026, 9, 30), set()).answered_on_time == 1

    def test_a_period_without_a_first_answer_has_no_median(self) -> None:
        found = figures([_fact(date(2026, 9, 1))], date(2026, 9, 1), date(2026, 9, 30), set())
        assert found.median_days_to_answer is None and found.on_time_share is None


class TestQuarters:
    def test_a_quarter_runs_from_its_first_to_its_last_day(self) -> None:
        assert quarter_of(date(2026, 11, 5)) == (date(2026, 10, 1), date(2026, 12, 31))
        assert quarter_of(date(2026, 2, 28)) == (date(2026, 1, 1), date(2026, 3, 31))

    def test_quarters_go_back_to_the_first_complaints_latest_first(self) -> None:
        found = quarters([_fact(date(2026, 5, 2))], date(2026, 11, 5))
        assert [first for first, _ in found] == [date(2026, 10, 1), date(2026, 7, 1),
                                                 date(2026, 4, 1)]
        assert quarters([], date(2026, 11, 5)) == []


class TestTheCategoryMix:
    def test_complaints_received_in_the_period_are_counted_by_category_every_one_shown(
            self) -> None:
        cost, time = ComplaintCategory.COST, ComplaintCategory.TIME
        facts = [_fact(date(2026, 7, 1), cost), _fact(date(2026, 9, 30), cost),
                 _fact(date(2026, 8, 5), time, verified_on=date(2026, 8, 6)),
                 _fact(date(2026, 6, 30), time), _fact(date(2026, 10, 1), cost)]
        found = category_counts(facts, date(2026, 7, 1), date(2026, 9, 30))
        assert found == {**dict.fromkeys(ComplaintCategory, 0), cost: 2, time: 1}

    def test_a_complaint_rejected_by_the_periods_last_day_is_left_out(self) -> None:
        conduct = ComplaintCategory.CONDUCT
        facts = [_fact(date(2026, 9, 1), conduct, rejected_on=date(2026, 9, 30)),
                 _fact(date(2026, 9, 2), conduct, rejected_on=date(2026, 10, 1))]
        # rejected after the quarter: still in the quarter's mix as first published
        assert category_counts(facts, date(2026, 7, 1), date(2026, 9, 30))[conduct] == 1
        assert category_counts(facts, date(2026, 7, 1), date(2026, 12, 31))[conduct] == 0

    def test_facts_without_a_category_are_not_counted(self) -> None:
        found = category_counts([_fact(date(2026, 8, 1))], date(2026, 8, 1), date(2026, 8, 31))
        assert set(found.values()) == {0}
