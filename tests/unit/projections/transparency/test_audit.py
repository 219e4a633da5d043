"""The interval audit: how far an attacker narrows each hidden cell from everything public."""

from __future__ import annotations

import math

from projections.transparency.audit import Interval, intervals
from projections.transparency.disclosure import TOTAL

R = "r1"
BASES = {"r1": ("2026-01", 100), "r2": ("2026-01", 100), "r3": ("2026-01", 120)}


def grid(release: str, table: str, cells: dict[tuple[str, str], int | None]
         ) -> dict[tuple[str, str, str, str], int | None]:
    return {(release, table, r, c): v for (r, c), v in cells.items()}


class TestWithinATable:
    def test_a_lone_hidden_cell_is_given_away_by_its_margins(self) -> None:
        found = intervals(grid(R, "t", {("a", "x"): None, ("a", "y"): 20, ("a", TOTAL): 25}),
                          BASES)
        assert found == {(R, "t", "a", "x"): Interval(5, 5)}
        assert found[(R, "t", "a", "x")].is_exact

    def test_two_hidden_classes_of_a_row_lie_anywhere_up_to_its_total(self) -> None:
        found = intervals(grid(R, "appraisal_year", {
            ("2025", "good"): None, ("2025", "below_good"): None, ("2025", TOTAL): 394}), BASES)
        assert set(found.values()) == {Interval(0, 394)}

    def test_a_cell_in_no_relation_is_unbounded(self) -> None:
        found = intervals(grid(R, "t", {("a", "x"): None, ("a", "y"): 3}), BASES)
        assert found[(R, "t", "a", "x")] == Interval(0, math.inf)

    def test_a_funnel_stage_is_bounded_by_the_stage_before_it(self) -> None:
        found = intervals(grid(R, "formations:cpns", {
            ("01", "applicants"): 40, ("01", "screened_in"): None, ("01", "tested"): 38}),
            BASES)
        assert found[(R, "formations:cpns", "01", "screened_in")] == Interval(38, 40)


class TestAcrossTablesAndReleases:
    def test_pppk_in_the_grade_table_gives_away_pppk_hidden_in_the_status_table(self) -> None:
        published = {**grid(R, "headcount_grade", {("a", "PPPK"): 4, ("a", TOTAL): 30}),
                     **grid(R, "headcount_status", {("a", "PPPK"): None, ("a", "PNS"): None,
                                                    ("a", TOTAL): 30})}
        found = intervals(published, BASES)
        assert found[(R, "headcount_status", "a", "PPPK")] == Interval(4, 4)
        assert found[(R, "headcount_status", "a", "PNS")] == Interval(26, 26)

    def test_a_correction_from_the_same_log_gives_away_what_the_first_release_hid(
            self) -> None:
        published = {**grid("r1", "separations", {("a", "other"): None,
                                                  ("a", "retirement"): None, ("a", TOTAL): 3}),
                     **grid("r2", "separations", {("a", "other"): 2, ("a", TOTAL): 3})}
        found = intervals(published, BASES)
        assert found[("r1", "separations", "a", "other")] == Interval(2, 2)

    def test_releases_from_different_log_prefixes_are_not_taken_to_count_the_same(
            self) -> None:
        published = {**grid("r1", "separations", {("a", "other"): None, ("a", "x"): None,
                                                  ("a", TOTAL): 3}),
                     **grid("r3", "separations", {("a", "other"): 2, ("a", TOTAL): 3})}
        found = intervals(published, BASES)
        assert found[("r1", "separations", "a", "other")] == Interval(0, 3)
