"""TPP public figures: a small agency's amounts are hidden all year with a partner beside them,
counts of 1 to 9 staff cut (or all but a few) are hidden with a partner in their column, zeros
are shown, nothing hidden follows from a published total, and the motivation shares appear only
where every monthly count behind them does."""

from __future__ import annotations

from typing import Any

from projections.transparency import tpp_figures, tpp_motivation
from projections.transparency.tpp_figures import MonthFigures, derivable, differencing


def _row(month: str, agency: str, staff: int, net: int, **cut: int) -> dict[str, Any]:
    counts = {f"{r}_staff": cut.get(r, 0) for r in tpp_figures.REASONS}
    return {"month": month, "agency_id": agency, "agency_name": agency.upper(), "staff": staff,
            "gross": net + 1000 * sum(counts.values()), "net": net, **counts}


YEAR = [
    _row("2026-01-01", "big", 40, 400_000, performance=12, sanction=0, leave=1),
    _row("2026-01-01", "mid", 25, 250_000, performance=3, sanction=10),
    _row("2026-01-01", "tiny", 4, 40_000, performance=1),
    _row("2026-01-01", "other", 30, 300_000, performance=20),
    _row("2026-02-01", "big", 41, 410_000, performance=12, leave=2),
    _row("2026-02-01", "mid", 25, 251_000, performance=11, sanction=10),
    _row("2026-02-01", "tiny", 12, 120_000),  # grown: still hidden all year (4 in January)
    _row("2026-02-01", "other", 30, 300_000, performance=20),
]


def _cells(figures: MonthFigures, key: str) -> dict[str, int | None]:
    return {a.agency_id: (a.cut[key] if key in tpp_figures.REASONS else getattr(a, key))
            for a in figures.agencies}


class TestAmounts:
    def test_a_small_agency_is_hidden_all_year_with_the_smallest_other_beside_it(self) -> None:
        february = tpp_figures.month_figures(YEAR, "2026-02-01")
        assert february is not None
        assert _cells(february, "net") == {"big": 410_000, "mid": None, "tiny": None,
                                           "other": 300_000}
        assert _cells(february, "year_net") == {"big": 810_000, "mid": None, "tiny": None,
                                                "other": 600_000}
        assert (february.net, february.year_net) == (1_081_000, 2_071_000)
        assert february.series == (("2026-01-01", 990_000), ("2026-02-01", 1_081_000))

    def test_nothing_hidden_follows_from_a_total_or_from_the_month_before(self) -> None:
        january = tpp_figures.month_figures(YEAR, "2026-01-01")
        february = tpp_figures.month_figures(YEAR, "2026-02-01")
        assert january is not None and february is not None
        assert derivable(january) == derivable(february) == []
        assert differencing(january, february) == []

    def test_the_checks_can_fail(self) -> None:
        february = tpp_figures.month_figures(YEAR, "2026-02-01")
        assert february is not None
        leaky = MonthFigures(**{**february.__dict__, "agencies": tuple(
            a if a.agency_id != "mid" else type(a)(**{**a.__dict__, "net": 251_000})
            for a in february.agencies)})
        assert derivable(leaky) == ["2026-02-01:net"]
        later = MonthFigures(**{**february.__dict__, "agencies": tuple(
            type(a)(**{**a.__dict__, "year_net": 1}) for a in february.agencies)})
        assert differencing(february, later) == ["mid", "tiny"]

    def test_a_government_of_one_small_agency_hides_its_totals(self) -> None:
        figures = tpp_figures.month_figures([_row("2026-01-01", "only", 5, 50_000)],
                                            "2026-01-01")
        assert figures is not None
        assert (figures.net, figures.year_net, figures.series) == (
            None, None, (("2026-01-01", None),))


class TestCounts:
    def test_few_staff_cut_are_hidden_with_a_partner_and_zeros_are_shown(self) -> None:
        january = tpp_figures.month_figures(YEAR, "2026-01-01")
        assert january is not None
        # mid's 3 is risky and tiny (4 staff) shows no count: two hidden, total published.
        assert _cells(january, "performance") == {"big": 12, "mid": None, "tiny": None,
                                                  "other": 20}
        assert january.cut["performance"] == 36
        # leave: big's 1 is risky beside tiny's hidden row; the government's 1 is hidden.
        assert _cells(january, "leave") == {"big": None, "mid": 0, "tiny": None, "other": 0}
        assert january.cut["leave"] is None

    def test_a_small_agency_shows_no_count_not_even_a_zero(self) -> None:
        january = tpp_figures.month_figures(YEAR, "2026-01-01")
        assert january is not None
        # sanction: tiny's zero is hidden, with the smallest other (big's zero) beside it;
        # every hidden count being zero, the total would tell them: it is hidden too.
        assert _cells(january, "sanction") == {"big": None, "mid": 10, "tiny": None, "other": 0}
        assert january.cut["sanction"] is None
        february = tpp_figures.month_figures(YEAR, "2026-02-01")
        assert february is not None
        # tiny has 12 staff in February: its zeros are published then.
        assert _cells(february, "discipline") == {"big": 0, "mid": 0, "tiny": 0, "other": 0}
        assert february.cut["discipline"] == 0

    def test_all_but_a_few_cut_is_hidden(self) -> None:
        rows = [_row("2026-01-01", "a", 20, 1, performance=15),
                _row("2026-01-01", "b", 50, 1, performance=10)]
        figures = tpp_figures.month_figures(rows, "2026-01-01")
        assert figures is not None
        assert _cells(figures, "performance") == {"a": None, "b": None}  # 5 left uncut in a
        assert figures.cut["performance"] == 25


class TestMotivation:
    def test_shares_are_staff_months_and_shown_only_where_every_month_is(self) -> None:
        ratings = [{"agency_id": "big", "year": 2025, "rating": "BAIK", "n": 30},
                   {"agency_id": "big", "year": 2025, "rating": "KURANG", "n": 10},
                   {"agency_id": "big", "year": 2026, "rating": "BAIK", "n": 36},
                   {"agency_id": "big", "year": 2026, "rating": "KURANG", "n": 4}]
        rows = tpp_motivation.agency_years(YEAR, ratings)
        big = next(r for r in rows if r.agency_id == "big")
        assert big.performance_share == 24 / 81 and big.staff_months == 81
        assert (big.below_good_before, big.below_good) == (0.25, 0.1)
        assert tpp_motivation.reading(rows) == {"pairs": 1, "fell": 1, "rose": 0, "same": 0}
        public = {r.agency_id: r for r in tpp_motivation.public_rows(rows, YEAR)}
        assert "tiny" not in public  # 4 staff in January
        assert public["big"].performance_share == 24 / 81 and public["big"].ratings == {}
        assert public["mid"].performance_share is None  # January's 3 was hidden
        # no cut rate in public: beside the net it would give the rupiah cut
        assert big.cut_rate is not None and public["big"].cut_rate is None
