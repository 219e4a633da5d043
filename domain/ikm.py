"""The community satisfaction index (Indeks Kepuasan Masyarakat, PermenPANRB 14/2017): the
nine elements, the index, its grade and the minimum sample, as pure functions.

Each element's mean (NRR, nilai rata-rata per unsur) is the sum of its scores over the
number of answers; the index is the sum of the nine means each weighted exactly 1/9, times 25
(the regulation prints the weight as 0.11, which moves a result by about a point: we use the
exact fraction, leave-pay-voice-rules §4.2). Everything is computed in `Fraction`s and rounded
only for display, half up to two decimals as the regulation's tables show; the grade is read
from that displayed value, so the number and the letter on a page always agree.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from fractions import Fraction

ELEMENT_SET = "14/2017"
# U1..U9 of PermenPANRB 14/2017 (16/2014 had "maklumat pelayanan" where U8 now has
# "sarana dan prasarana": a period keeps the set it was opened with).
ELEMENTS: dict[str, tuple[str, ...]] = {
    "14/2017": ("requirements", "procedure", "duration", "cost", "product", "competence",
                "conduct", "facilities", "complaint_handling"),
}
SCORES = (1, 2, 3, 4)  # tidak baik, kurang baik, baik, sangat baik
WEIGHT = Fraction(1, 9)
SCALE = 25


class Grade(Enum):
    """Mutu pelayanan: A sangat baik, B baik, C kurang baik, D tidak baik."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


# The lowest displayed (converted) index of each grade, PermenPANRB 14/2017 table of
# "nilai interval konversi": A 88.31-100, B 76.61-88.30, C 65.00-76.60, D 25.00-64.99.
GRADE_FLOORS = ((Decimal("88.31"), Grade.A), (Decimal("76.61"), Grade.B),
                (Decimal("65.00"), Grade.C), (Decimal("25.00"), Grade.D))

# The regulation's sample table (Krejcie & Morgan 1970): population → respondents needed.
# A population between two rows takes the larger row's sample (never fewer than required).
SAMPLE_TABLE: tuple[tuple[int, int], ...] = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44),
    (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76),
    (100, 80), (110, 86), (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118),
    (180, 123), (190, 127), (200, 132), (210, 136), (220, 140), (230, 144), (240, 148),
    (250, 152), (260, 155), (270, 159), (280, 162), (290, 165), (300, 169), (320, 175),
    (340, 181), (360, 186), (380, 191), (400, 196), (420, 201), (440, 205), (460, 210),
    (480, 214), (500, 217), (550, 226), (600, 234), (650, 242), (700, 248), (750, 254),
    (800, 260), (850, 265), (900, 269), (950, 274), (1000, 278), (1100, 285), (1200, 291),
    (1300, 297), (1400, 302), (1500, 306), (1600, 310), (1700, 313), (1800, 317), (1900, 320),
    (2000, 322), (2200, 327), (2400, 331), (2600, 335), (2800, 338), (3000, 341), (3500, 346),
    (4000, 351), (4500, 354), (5000, 357), (6000, 361), (7000, 364), (8000, 367), (9000, 368),
    (10000, 370), (15000, 375), (20000, 377), (30000, 379), (40000, 380), (50000, 381),
    (75000, 382), (1000000, 384),
)
_POPULATIONS = [p for p, _ in SAMPLE_TABLE]


def element_means(totals: Sequence[int], count: int) -> tuple[Fraction, ...]:
    """NRR per element: each element's total of scores over the number of responses."""
    if count <= 0:
        raise ValueError("no responses")
    return tuple(Fraction(total, count) for total in totals)


def index(means: Sequence[Fraction]) -> Fraction:
    """IKM: the sum of the element means each weighted exactly 1/9, times 25 (exact)."""
    return sum((m * WEIGHT for m in means), Fraction(0)) * SCALE


def shown(value: Fraction, places: int = 2) -> Decimal:
    """`value` rounded half up to `places` decimals, as the regulation's tables show it."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def grade(value: Fraction) -> Grade:
    """The grade of an index, read from its displayed value (two decimals)."""
    displayed = shown(value)
    for floor, letter in GRADE_FLOORS:
        if displayed >= floor:
            return letter
    return Grade.D


def minimum_sample(population: int) -> int:
    """Respondents the regulation's table requires for `population` service users: all of
    them below ten; a population between rows takes the next larger row."""
    if population <= 0:
        return 0
    if population < SAMPLE_TABLE[0][0]:
        return population
    at = bisect_left(_POPULATIONS, population)
    return SAMPLE_TABLE[min(at, len(SAMPLE_TABLE) - 1)][1]


@dataclass(frozen=True)
class Result:
    """A period's result as published: the element means and index (exact), the grade, the
    number of responses and whether they reach the regulation's minimum sample."""

    means: tuple[Fraction, ...]
    index: Fraction
    grade: Grade
    responses: int
    required: int

    @property
    def is_enough(self) -> bool:
        return self.responses >= self.required

    @property
    def index_shown(self) -> Decimal:
        return shown(self.index)

    @property
    def means_shown(self) -> tuple[Decimal, ...]:
        return tuple(shown(m, 3) for m in self.means)


def result(totals: Sequence[int], count: int, population: int) -> Result | None:
    """The result of `count` responses whose element scores sum to `totals`, or None when
    there is no response yet."""
    if count <= 0:
        return None
    means = element_means(totals, count)
    value = index(means)
    return Result(means, value, grade(value), count, minimum_sample(population))
