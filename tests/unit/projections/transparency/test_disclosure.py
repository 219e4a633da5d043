"""Disclosure control: what a published table hides, and that nothing hidden can be worked out."""

from __future__ import annotations

from typing import ClassVar

from hypothesis import given, settings
from hypothesis import strategies as st

from projections.transparency.disclosure import (
    TOTAL,
    Table,
    protect,
    recoverable,
)


def table(counts: list[list[int]], *, row_totals: bool = True, stock: bool = False) -> Table:
    return Table("t", [f"r{i}" for i in range(len(counts))],
                 [f"c{j}" for j in range(len(counts[0]))], counts, row_totals=row_totals,
                 stock=stock)


def shown(t: Table) -> dict[tuple[str, str], int | None]:
    return {(r, c): v for r, c, v in t.published()}


class TestPrimarySuppression:
    def test_counts_of_one_to_nine_are_hidden_and_zeros_are_shown(self) -> None:
        t = protect(table([[0, 12, 30], [25, 40, 11]]))
        assert shown(t) == {("r0", "c0"): 0, ("r0", "c1"): 12, ("r0", "c2"): 30,
                            ("r0", TOTAL): 42, ("r1", "c0"): 25, ("r1", "c1"): 40,
                            ("r1", "c2"): 11, ("r1", TOTAL): 76, (TOTAL, "c0"): 25,
                            (TOTAL, "c1"): 52, (TOTAL, "c2"): 41, (TOTAL, TOTAL): 118}

    def test_a_small_margin_is_hidden_like_any_count(self) -> None:
        t = protect(table([[3, 4], [30, 40]]))
        assert shown(t)[("r0", TOTAL)] is None


# The reference's 4x4 case: primary suppression alone leaves every hidden cell recoverable.
FOUR_BY_FOUR = ((20, 3, 15, 40), (12, 30, 25, 5), (50, 18, 2, 22), (14, 27, 33, 19))


class TestComplementarySuppression:
    COUNTS: ClassVar[list[list[int]]] = [list(row) for row in FOUR_BY_FOUR]

    def test_primary_suppression_alone_is_recoverable_from_the_margins(self) -> None:
        t = table(self.COUNTS)
        primary = {(0, 1), (1, 3), (2, 2)}
        assert sorted(recoverable(t, primary)) == sorted(primary)

    def test_protected_table_has_no_recoverable_cell(self) -> None:
        t = protect(table(self.COUNTS))
        assert {(0, 1), (1, 3), (2, 2)} <= t.hidden
        assert recoverable(t, t.hidden) == []
        lines = t.lines()
        assert all(sum(c in t.hidden for c in line) != 1 for line in lines)

    def test_a_rectangle_of_hidden_cells_is_safe_but_a_lone_one_is_not(self) -> None:
        t = table(self.COUNTS)
        assert recoverable(t, {(0, 0), (0, 1), (1, 0), (1, 1)}) == []
        # Row 1 and column 1 each hold one of them, which then gives away the third.
        assert sorted(recoverable(t, {(0, 0), (0, 1), (1, 0)})) == [(0, 0), (0, 1), (1, 0)]

    def test_tables_with_column_totals_only_are_protected_per_column(self) -> None:
        t = protect(table([[25, 3], [40, 30], [12, 11]], row_totals=False))
        published = shown(t)
        assert published[("r0", "c1")] is None
        assert sum(v is None for (r, c), v in published.items() if c == "c1") >= 2
        assert recoverable(t, t.hidden) == []


class TestDifferencing:
    def test_a_stock_cell_that_moved_by_less_than_ten_since_last_month_is_hidden(self) -> None:
        before = table([[30, 40, 50], [25, 60, 20], [33, 44, 55]])
        last = shown(protect(before))
        t = protect(table([[31, 40, 50], [25, 72, 20], [33, 44, 55]], stock=True), last)
        published = shown(t)
        assert published[("r0", "c0")] is None  # 30 -> 31 would tell one person moved in
        assert published[("r2", "c2")] == 55
        for key, value in published.items():
            old = last[key]
            assert value is None or old is None or value == old or abs(value - old) >= 10
        assert recoverable(t, t.hidden) == []

    def test_flow_tables_are_not_compared_with_last_month(self) -> None:
        t = protect(table([[31, 40], [25, 72]]), {("r0", "c0"): 30})
        assert shown(t)[("r0", "c0")] == 31

    def test_a_correction_keeps_hidden_what_the_superseded_release_hid(self) -> None:
        first = protect(table([[5, 40], [25, 72]]))
        corrected = protect(table([[15, 40], [25, 72]]), superseded=shown(first))
        assert first.hidden <= corrected.hidden
        assert recoverable(corrected, corrected.hidden) == []


class TestDiversity:
    def test_an_agency_whose_ratings_are_nine_tenths_one_class_is_hidden(self) -> None:
        t = protect(table([[95, 0, 10], [60, 30, 20]]), diversity=True)
        published = shown(t)
        assert [published[("r0", c)] for c in ("c0", "c1", "c2")] == [None, None, None]
        assert published[("r1", "c0")] is None or published[("r1", "c1")] is None
        assert recoverable(t, t.hidden) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 40), min_size=2, max_size=5), min_size=2, max_size=6)
       .filter(lambda rows: len({len(r) for r in rows}) == 1))
def test_any_protected_table_publishes_only_zero_or_ten_and_more_and_leaks_nothing(
        counts: list[list[int]]) -> None:
    t = protect(table(counts))
    assert all(v is None or v == 0 or v >= 10 for _, _, v in t.published())
    assert recoverable(t, t.hidden) == []


class TestFunnels:
    def test_two_published_stages_of_a_funnel_never_differ_by_one_to_nine(self) -> None:
        t = protect(Table("f", ["a", "b", "c"], ["applied", "screened", "passed", "hired"],
                          [[40, 38, 20, 10], [25, 25, 12, 0], [60, 45, 30, 20]],
                          row_totals=False, nested=True))
        for row, values in _rows(t).items():
            shown_values = [v for v in values if v is not None]
            assert all(a == b or abs(a - b) >= 10 for a in shown_values for b in shown_values), row
        assert _rows(t)["a"][1] is None  # 40 -> 38: two people failed screening
        assert recoverable(t, t.hidden) == []


def _rows(t: Table) -> dict[str, list[int | None]]:
    rows: dict[str, list[int | None]] = {}
    for r, _, v in t.published():
        rows.setdefault(r, []).append(v)
    return rows
