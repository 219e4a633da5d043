"""The community satisfaction index of PermenPANRB 14/2017 against a result computed by hand,
its grades at their bounds, and the minimum sample table."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from domain import ikm
from domain.ikm import Grade

# Four respondents, nine elements (U1..U9), scores 1..4.
RESPONSES = [
    [4, 3, 3, 4, 3, 4, 4, 3, 3],
    [3, 3, 2, 4, 3, 3, 4, 3, 2],
    [4, 4, 3, 4, 4, 3, 4, 3, 3],
    [3, 2, 3, 4, 3, 3, 3, 2, 3],
]


def _totals(responses: list[list[int]]) -> list[int]:
    return [sum(r[u] for r in responses) for u in range(9)]


class TestTheWorkedExample:
    def test_the_index_is_the_mean_of_the_element_means_times_25(self) -> None:
        """By hand:

        element totals  U1 4+3+4+3 = 14   U2 3+3+4+2 = 12   U3 3+2+3+3 = 11
                        U4 4+4+4+4 = 16   U5 3+3+4+3 = 13   U6 4+3+3+3 = 13
                        U7 4+4+4+3 = 15   U8 3+3+3+2 = 11   U9 3+2+3+3 = 11
        NRR (÷ 4)       3.5, 3, 2.75, 4, 3.25, 3.25, 3.75, 2.75, 2.75   (sum 29)
        IKM             29 × 1/9 × 25 = 725/9 = 80.5555… → shown 80.56, grade B (76.61-88.30)
        With the printed weight 0.11 it would read 29 × 0.11 × 25 = 79.75: the exact 1/9 matters.
        """
        totals = _totals(RESPONSES)
        assert totals == [14, 12, 11, 16, 13, 13, 15, 11, 11]

        result = ikm.result(totals, 4, population=4)

        assert result is not None
        assert result.means == tuple(Fraction(x) for x in
                                     ("7/2", "3", "11/4", "4", "13/4", "13/4", "15/4", "11/4",
                                      "11/4"))
        assert result.index == Fraction(725, 9)
        assert result.index_shown == Decimal("80.56")
        assert result.grade is Grade.B
        assert result.means_shown[0] == Decimal("3.500")

    def test_the_adequacy_compares_the_responses_with_the_table(self) -> None:
        totals = _totals(RESPONSES)
        assert ikm.result(totals, 4, population=4).is_enough  # type: ignore[union-attr]
        assert not ikm.result(totals, 4, population=300).is_enough  # type: ignore[union-attr]

    def test_no_response_gives_no_result(self) -> None:
        assert ikm.result([0] * 9, 0, population=100) is None


class TestGrades:
    @pytest.mark.parametrize(("value", "expected"), [
        (Fraction(100), Grade.A), (Fraction("88.31"), Grade.A),
        (Fraction("88.305"), Grade.A),  # shown as 88.31, so graded as shown
        (Fraction("88.3049"), Grade.B), (Fraction("88.30"), Grade.B),
        (Fraction("76.61"), Grade.B), (Fraction("76.60"), Grade.C),
        (Fraction("65.00"), Grade.C), (Fraction("64.99"), Grade.D), (Fraction(25), Grade.D),
    ])
    def test_the_regulations_bounds(self, value: Fraction, expected: Grade) -> None:
        assert ikm.grade(value) is expected

    def test_all_fours_is_100_and_all_ones_is_25(self) -> None:
        assert ikm.index(ikm.element_means([40] * 9, 10)) == 100
        assert ikm.index(ikm.element_means([10] * 9, 10)) == 25


class TestMinimumSample:
    @pytest.mark.parametrize(("population", "needed"), [
        (0, 0), (5, 5), (10, 10), (100, 80), (300, 169), (301, 175), (1000, 278),
        (10_000, 370), (2_000_000, 384),
    ])
    def test_the_table_with_populations_between_rows_taking_the_larger(
            self, population: int, needed: int) -> None:
        assert ikm.minimum_sample(population) == needed

    def test_the_table_is_krejcie_and_morgans_formula(self) -> None:
        # Guards the transcription: s = χ²NP(1-P) / (d²(N-1) + χ²P(1-P)), χ² = 3.841,
        # P = 0.5, d = 0.05, which the published table rounds (to within one respondent).
        for population, needed in ikm.SAMPLE_TABLE:
            s = 3.841 * population * 0.25 / (0.0025 * (population - 1) + 3.841 * 0.25)
            assert abs(s - needed) <= 1, (population, needed, s)
        assert [s for _, s in ikm.SAMPLE_TABLE] == sorted(s for _, s in ikm.SAMPLE_TABLE)
