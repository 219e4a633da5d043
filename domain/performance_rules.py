"""The rules of the performance cycle (PP 30/2019, PermenPANRB 6/2022, SE MenPANRB 3/2023):
its deadlines, the organisation's predicate, and the distribution of staff ratings that each
predicate allows.

Pure functions over values: the aggregates (domain/performance_plan.py,
domain/unit_performance.py) and the service (domain/performance_service.py) call them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from math import ceil, floor

from domain.errors import DomainError, OneOf, Words
from domain.values import Expectation, Rating

# PermenPANRB 6/2022 (in force from 2022) brought the cycle of plan, feedback and rating;
# years before it keep the ratings recorded as they were (PP 46/2011 appraisals).
CYCLE_FIRST_YEAR = 2022


class OrganisationPredicate(Enum):
    """Predikat kinerja organisasi / unit kerja (PermenPANRB 6/2022), best first."""

    ISTIMEWA = "ISTIMEWA"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"


PREDICATE_WORDS: dict[OrganisationPredicate, Words] = {
    OrganisationPredicate.ISTIMEWA: Words(id="Istimewa", en="Outstanding"),
    OrganisationPredicate.BAIK: Words(id="Baik", en="Good"),
    OrganisationPredicate.BUTUH_PERBAIKAN: Words(id="Butuh Perbaikan", en="Needs Improvement"),
    OrganisationPredicate.KURANG: Words(id="Kurang", en="Poor"),
    OrganisationPredicate.SANGAT_KURANG: Words(id="Sangat Kurang", en="Very Poor"),
}
RATING_WORDS: dict[Rating, Words] = {
    Rating.SANGAT_BAIK: Words(id="Sangat Baik", en="Very Good"),
    Rating.BAIK: Words(id="Baik", en="Good"),
    Rating.BUTUH_PERBAIKAN: Words(id="Butuh Perbaikan", en="Needs Improvement"),
    Rating.KURANG: Words(id="Kurang", en="Poor"),
    Rating.SANGAT_KURANG: Words(id="Sangat Kurang", en="Very Poor"),
}

# "A unit leader's hasil kerja rating = the unit's achievement" [P3][P10]: the organisation's
# predicate read as the head's work-result expectation.
# verify: Istimewa → above, Baik → as expected, the three lower predicates → below.
HEAD_WORK_RESULT: dict[OrganisationPredicate, Expectation] = {
    OrganisationPredicate.ISTIMEWA: Expectation.ABOVE,
    OrganisationPredicate.BAIK: Expectation.AS_EXPECTED,
    OrganisationPredicate.BUTUH_PERBAIKAN: Expectation.BELOW,
    OrganisationPredicate.KURANG: Expectation.BELOW,
    OrganisationPredicate.SANGAT_KURANG: Expectation.BELOW,
}


# -- deadlines --------------------------------------------------------------------------------

def plan_agreement_due_on(year: int) -> date:
    """The last day the superior agrees the year's SKP plan on time.

    verify: end of January (PermenPANRB 8/2021 annex); 6/2022 leaves the date to agencies.
    An agreement after it is recorded, marked late (the SKP still counts; TPP rules may cut).
    """
    return date(year, 1, 31)


# verify: keberatan within 14 days of the rating reaching the employee (PermenPANRB 6/2022
# Ps 29 and annex name the rater's superior as the body; the window is the PP 46/2011 reading).
OBJECTION_WINDOW = timedelta(days=14)


def objection_due_on(rated_on: date) -> date:
    """The last day an employee may object to the rating given on `rated_on`."""
    return rated_on + OBJECTION_WINDOW


# -- the distribution of staff ratings (SE MenPANRB 3/2023) -----------------------------------

@dataclass(frozen=True)
class ShareRule:
    """A bound on the share of the unit's rated staff whose rating is one of `ratings`:
    at most `maximum` or at least `minimum` (a fraction of the staff count), or at least
    `minimum_count` people."""

    ratings: frozenset[Rating]
    maximum: float | None = None
    minimum: float | None = None
    minimum_count: int = 0

    def ceiling(self, staff_count: int) -> int | None:
        """The most people the rule allows (None: no maximum)."""
        # verify: a maximum share rounds down (70 % of 9 staff is 6 people).
        return None if self.maximum is None else floor(self.maximum * staff_count + 1e-9)

    def floor(self, staff_count: int) -> int:
        """The fewest people the rule needs."""
        # verify: a minimum share rounds up (60 % of 9 staff is 6 people).
        share = 0 if self.minimum is None else ceil(self.minimum * staff_count - 1e-9)
        return max(share, self.minimum_count)

    @property
    def words(self) -> OneOf:
        return OneOf(RATING_WORDS[r] for r in sorted(self.ratings, key=_rank))


def _rank(rating: Rating) -> int:
    return list(Rating).index(rating)


_SB, _B, _BP, _K, _SK = (Rating.SANGAT_BAIK, Rating.BAIK, Rating.BUTUH_PERBAIKAN,
                         Rating.KURANG, Rating.SANGAT_KURANG)

# The five patterns [P2]. Within a pattern the sets of the minimum rules are disjoint from
# each other and from those of the maximum rules, which `distribution_refusals` relies on.
DISTRIBUTION_PATTERNS: Mapping[OrganisationPredicate, tuple[ShareRule, ...]] = {
    OrganisationPredicate.ISTIMEWA: (ShareRule(frozenset({_SB}), maximum=0.70),),
    OrganisationPredicate.BAIK: (
        ShareRule(frozenset({_B}), maximum=0.70),
        ShareRule(frozenset({_BP, _K}), minimum_count=1),
    ),
    OrganisationPredicate.BUTUH_PERBAIKAN: (
        ShareRule(frozenset({_BP}), minimum=0.60),
        ShareRule(frozenset({_SB}), maximum=0.10),
    ),
    OrganisationPredicate.KURANG: (
        ShareRule(frozenset({_K}), minimum=0.60),
        ShareRule(frozenset({_BP}), minimum=0.10),
        ShareRule(frozenset({_SB}), maximum=0.10),
    ),
    OrganisationPredicate.SANGAT_KURANG: (
        ShareRule(frozenset({_SK}), minimum=0.60),
        ShareRule(frozenset({_K, _BP}), minimum=0.10),
        ShareRule(frozenset({_SB}), maximum=0.0),
    ),
}


def distribution_pattern(predicate: OrganisationPredicate) -> tuple[ShareRule, ...]:
    """The bounds on staff ratings a unit with `predicate` must keep."""
    return DISTRIBUTION_PATTERNS[predicate]


def allowed_counts(predicate: OrganisationPredicate, staff_count: int
                   ) -> dict[Rating, tuple[int, int | None]]:
    """For each rating, the fewest and most people of `staff_count` the pattern allows when
    the rating stands alone in a rule (the table a rater is shown; sets of two are shared)."""
    counts: dict[Rating, tuple[int, int | None]] = dict.fromkeys(Rating, (0, None))
    for rule in distribution_pattern(predicate):
        if len(rule.ratings) == 1:
            (rating,) = rule.ratings
            counts[rating] = (rule.floor(staff_count), rule.ceiling(staff_count))
    return counts


def distribution_refusals(predicate: OrganisationPredicate, staff_count: int,
                          given: Counter[Rating], rating: Rating) -> list[DomainError]:
    """Whether one more staff rating `rating`, after the ratings `given` in the unit this
    year, still lets the unit's `staff_count` ratings end inside the pattern.

    Ratings arrive one by one, so a minimum is judged by whether the people still to be rated
    can reach it: a rating that would leave too few places for a required share is refused as
    the place it takes is needed. A maximum is judged by the ratings so far.
    """
    after = Counter(given)
    after[rating] += 1
    rated = sum(after.values())
    if rated > staff_count:
        return [DomainError("PERFORMANCE_UNIT_ALL_RATED", field="employee_id",
                            staff_count=staff_count)]
    found: list[DomainError] = []
    needed = 0
    for rule in distribution_pattern(predicate):
        held = sum(after[r] for r in rule.ratings)
        ceiling = rule.ceiling(staff_count)
        if ceiling is not None and rating in rule.ratings and held > ceiling:
            found.append(DomainError("PERFORMANCE_DISTRIBUTION_MAXIMUM", field="rating",
                                     ratings=rule.words, most=ceiling, staff_count=staff_count,
                                     predicate=PREDICATE_WORDS[predicate]))
        needed += max(0, rule.floor(staff_count) - held)
    if needed > staff_count - rated:
        short = [rule for rule in distribution_pattern(predicate)
                 if rule.floor(staff_count) > sum(after[r] for r in rule.ratings)]
        found.append(DomainError(
            "PERFORMANCE_DISTRIBUTION_MINIMUM", field="rating",
            ratings=OneOf(words for rule in short for words in rule.words),
            predicate=PREDICATE_WORDS[predicate], staff_count=staff_count))
    return found


def is_within_pattern(predicate: OrganisationPredicate, ratings: Counter[Rating]) -> bool:
    """Whether a unit's complete set of staff ratings keeps its pattern."""
    staff_count = sum(ratings.values())
    for rule in distribution_pattern(predicate):
        held = sum(ratings[r] for r in rule.ratings)
        ceiling = rule.ceiling(staff_count)
        if held < rule.floor(staff_count) or (ceiling is not None and held > ceiling):
            return False
    return True
