"""The rules of the performance cycle as pure functions: each organisation predicate's
distribution pattern, judged one rating at a time and on a complete set, and the deadlines."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from domain.performance_rules import (
    HEAD_WORK_RESULT,
    OrganisationPredicate,
    allowed_counts,
    distribution_refusals,
    is_within_pattern,
    objection_due_on,
    plan_agreement_due_on,
)
from domain.values import Expectation, Rating

P = OrganisationPredicate
SB, B, BP, K, SK = (Rating.SANGAT_BAIK, Rating.BAIK, Rating.BUTUH_PERBAIKAN, Rating.KURANG,
                    Rating.SANGAT_KURANG)


def _codes(predicate: P, staff: int, given: dict[Rating, int], rating: Rating) -> list[str]:
    return [e.code for e in distribution_refusals(predicate, staff, Counter(given), rating)]


def _rate_all(predicate: P, ratings: list[Rating]) -> list[str]:
    """Give `ratings` one by one in a unit of that size: the codes of the first refusal."""
    given: Counter[Rating] = Counter()
    for rating in ratings:
        codes = [e.code for e in distribution_refusals(predicate, len(ratings), given, rating)]
        if codes:
            return codes
        given[rating] += 1
    return []


class TestIstimewa:
    def test_up_to_seventy_percent_may_be_very_good(self) -> None:
        assert _rate_all(P.ISTIMEWA, [SB] * 7 + [B] * 3) == []

    def test_the_eighth_very_good_of_ten_is_refused_by_the_maximum(self) -> None:
        assert _codes(P.ISTIMEWA, 10, {SB: 7}, SB) == ["PERFORMANCE_DISTRIBUTION_MAXIMUM"]

    def test_other_ratings_are_free(self) -> None:
        assert _rate_all(P.ISTIMEWA, [SK, K, BP, B]) == []


class TestBaik:
    def test_seventy_percent_good_and_one_needing_improvement_is_allowed(self) -> None:
        assert _rate_all(P.BAIK, [B] * 7 + [SB, SB, BP]) == []

    def test_good_beyond_seventy_percent_is_refused(self) -> None:
        assert _codes(P.BAIK, 10, {B: 7}, B) == ["PERFORMANCE_DISTRIBUTION_MAXIMUM"]

    def test_the_last_place_is_kept_for_one_needing_improvement_or_poor(self) -> None:
        # Nine rated without a BP or Kurang: the tenth must be one.
        assert _codes(P.BAIK, 10, {B: 7, SB: 2}, SB) == ["PERFORMANCE_DISTRIBUTION_MINIMUM"]
        assert _codes(P.BAIK, 10, {B: 7, SB: 2}, K) == []

    def test_a_unit_of_one_cannot_rate_its_member_good(self) -> None:
        # verify: the pattern read literally; small units are a known complaint [P2].
        assert "PERFORMANCE_DISTRIBUTION_MAXIMUM" in _codes(P.BAIK, 1, {}, B)


class TestButuhPerbaikan:
    def test_sixty_percent_needing_improvement_and_one_very_good_is_allowed(self) -> None:
        assert _rate_all(P.BUTUH_PERBAIKAN, [BP] * 6 + [SB, B, K, SK]) == []

    def test_a_second_very_good_of_ten_is_refused(self) -> None:
        assert _codes(P.BUTUH_PERBAIKAN, 10, {SB: 1}, SB) == \
            ["PERFORMANCE_DISTRIBUTION_MAXIMUM"]

    def test_a_rating_taking_a_place_needed_for_the_sixty_percent_is_refused(self) -> None:
        assert _codes(P.BUTUH_PERBAIKAN, 10, {B: 4}, B) == ["PERFORMANCE_DISTRIBUTION_MINIMUM"]
        assert _codes(P.BUTUH_PERBAIKAN, 10, {B: 4}, BP) == []


class TestKurang:
    def test_sixty_percent_poor_ten_percent_needing_improvement_is_allowed(self) -> None:
        assert _rate_all(P.KURANG, [K] * 6 + [BP, SB, B, SK]) == []

    def test_no_place_left_for_the_one_needing_improvement_is_refused(self) -> None:
        assert _codes(P.KURANG, 10, {K: 6, B: 3}, SK) == ["PERFORMANCE_DISTRIBUTION_MINIMUM"]

    def test_a_second_very_good_of_ten_is_refused(self) -> None:
        assert "PERFORMANCE_DISTRIBUTION_MAXIMUM" in _codes(P.KURANG, 10, {SB: 1}, SB)


class TestSangatKurang:
    def test_sixty_percent_very_poor_and_ten_percent_poor_or_worse_is_allowed(self) -> None:
        assert _rate_all(P.SANGAT_KURANG, [SK] * 6 + [K, BP, B, B]) == []

    def test_no_one_may_be_very_good(self) -> None:
        assert _codes(P.SANGAT_KURANG, 10, {}, SB) == ["PERFORMANCE_DISTRIBUTION_MAXIMUM"]

    def test_the_places_for_very_poor_are_kept(self) -> None:
        assert _codes(P.SANGAT_KURANG, 10, {B: 3}, B) == ["PERFORMANCE_DISTRIBUTION_MINIMUM"]


def test_no_one_is_rated_beyond_the_unit_staff_count() -> None:
    assert _codes(P.ISTIMEWA, 2, {B: 2}, B) == ["PERFORMANCE_UNIT_ALL_RATED"]


@pytest.mark.parametrize(("predicate", "ratings", "expected"), [
    (P.ISTIMEWA, [SB] * 7 + [B] * 3, True),
    (P.ISTIMEWA, [SB] * 8 + [B] * 2, False),
    (P.BAIK, [B] * 9 + [BP], False),
    (P.BAIK, [B] * 7 + [SB, SB, K], True),
    (P.BUTUH_PERBAIKAN, [BP] * 5 + [B] * 5, False),
    (P.KURANG, [K] * 7 + [B] * 3, False),
    (P.SANGAT_KURANG, [SK] * 9 + [K], True),
], ids=["istimewa-ok", "istimewa-too-many-sb", "baik-too-many-b", "baik-ok", "bp-too-few-bp",
        "kurang-no-bp", "sk-ok"])
def test_a_complete_set_is_judged_against_the_pattern(predicate: P, ratings: list[Rating],
                                                      expected: bool) -> None:
    assert is_within_pattern(predicate, Counter(ratings)) is expected


def test_the_table_a_rater_is_shown_rounds_maxima_down_and_minima_up() -> None:
    assert allowed_counts(P.ISTIMEWA, 9)[SB] == (0, 6)
    assert allowed_counts(P.BUTUH_PERBAIKAN, 9)[BP] == (6, None)
    assert allowed_counts(P.SANGAT_KURANG, 9)[SB] == (0, 0)


def test_the_unit_head_work_result_follows_the_predicate() -> None:
    assert HEAD_WORK_RESULT[P.ISTIMEWA] is Expectation.ABOVE
    assert HEAD_WORK_RESULT[P.BAIK] is Expectation.AS_EXPECTED
    assert HEAD_WORK_RESULT[P.KURANG] is Expectation.BELOW


def test_the_plan_is_agreed_by_the_end_of_january_and_objections_within_fourteen_days() -> None:
    assert plan_agreement_due_on(2026) == date(2026, 1, 31)
    assert objection_due_on(date(2026, 12, 20)) == date(2027, 1, 3)
