"""Disclosure control: structure is published exactly; a sensitive row shows its classes only
when each holds enough people, and is built only for a group large enough to protect."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from projections.transparency.disclosure import (
    MIN_SENSITIVE_GROUP,
    THRESHOLD,
    TOTAL,
    Table,
    protect,
    sensitive_table,
)


def shown(t: Table) -> dict[tuple[str, str], int | None]:
    return {(r, c): v for r, c, v in t.published()}


class TestStructure:
    def test_every_count_of_a_structure_table_is_published_small_ones_included(self) -> None:
        t = protect(Table("headcount_status", ["a", "b"], ["PNS", "PPPK"], [[3, 0], [40, 1]]))
        assert shown(t) == {("a", "PNS"): 3, ("a", "PPPK"): 0, ("a", TOTAL): 3,
                            ("b", "PNS"): 40, ("b", "PPPK"): 1, ("b", TOTAL): 41,
                            (TOTAL, "PNS"): 43, (TOTAL, "PPPK"): 1, (TOTAL, TOTAL): 44}


class TestSensitiveRows:
    def test_a_row_whose_classes_all_hold_enough_people_is_published_exactly(self) -> None:
        t = sensitive_table("appraisal_year", ["2025"], ["good", "below_good"], [[380, 12]])
        assert t is not None and shown(t) == {("2025", "good"): 380,
                                              ("2025", "below_good"): 12,
                                              ("2025", TOTAL): 392}

    def test_a_small_class_hides_every_class_of_its_row_but_not_the_total(self) -> None:
        t = sensitive_table("appraisal_year", ["2025"], ["good", "below_good"], [[390, 4]])
        assert t is not None and shown(t) == {("2025", "good"): None,
                                              ("2025", "below_good"): None,
                                              ("2025", TOTAL): 394}

    def test_a_zero_is_never_published_in_a_sensitive_row(self) -> None:
        t = sensitive_table("separations_year", ["2025"], ["resignation", "dismissal_or_death"],
                            [[25, 0]])
        assert t is not None and shown(t)[("2025", "resignation")] is None

    def test_a_group_too_small_to_protect_is_not_built_at_all(self) -> None:
        rows = sensitive_table("separations_year", ["2024", "2025"],
                               ["resignation", "dismissal_or_death"], [[12, 7], [30, 11]])
        assert rows is not None and rows.rows == ["2025"]
        assert sensitive_table("separations_year", ["2025"],
                               ["resignation", "dismissal_or_death"],
                               [[MIN_SENSITIVE_GROUP - 2, 1]]) is None

    def test_a_sensitive_table_with_a_total_row_is_refused(self) -> None:
        with pytest.raises(ValueError, match="no total row"):
            protect(Table("appraisal_year", ["a", "b"], ["good", "below_good"],
                          [[30, 20], [40, 25]], sensitive=True))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(0, 60), min_size=2, max_size=4))
def test_a_sensitive_row_publishes_no_class_below_the_threshold_and_no_zero(
        counts: list[int]) -> None:
    t = sensitive_table("t", ["y"], [f"c{i}" for i in range(len(counts))], [counts])
    if sum(counts) < MIN_SENSITIVE_GROUP:
        assert t is None
        return
    assert t is not None
    published = [v for r, c, v in t.published() if c != TOTAL]
    assert all(v is None or v >= THRESHOLD for v in published)
    assert all(v is None for v in published) or all(v is not None for v in published)
    assert shown(t)[("y", TOTAL)] == sum(counts)
