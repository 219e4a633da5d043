"""Does the allowance motivate? (Kupang's question): per agency and year, how often TPP was cut
for the performance predicate or a disciplinary sanction, the mean cut rate, and the ratings of
the year before (which set this year's predicate cuts) and of the year itself.

Shares are of staff-months: the staff with such a cut in each month's latest run, summed over
the year's months, over the staff paid, summed likewise (one person cut all year counts twelve
times, as they were cut twelve times). The mean cut rate is the rupiah cut for every reason over
the gross. The staff report shows every figure; the public one (`public_rows`) shows a share only
when every monthly count it is computed from is published on the month's public page, so it
adds nothing the monthly figures do not already say, and no cut rate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from projections.transparency import tpp_figures
from projections.transparency.disclosure import THRESHOLD

GOVERNMENT = "_total"
RATINGS = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")
BELOW_GOOD = frozenset(RATINGS[2:])


@dataclass(frozen=True)
class AgencyYear:
    """One agency's (or the government's, `GOVERNMENT`) year of TPP beside its ratings."""

    agency_id: str
    name: str
    year: int
    months: int
    staff_months: int
    smallest_staff: int
    performance_share: float | None  # staff-months cut for the predicate / staff-months
    sanction_share: float | None  # staff-months cut for a sanction / staff-months
    cut_rate: float | None  # rupiah cut for every reason / gross
    ratings_before: Mapping[str, int]  # ratings of the year before (this year's predicates)
    ratings: Mapping[str, int]  # ratings given for this year

    @property
    def below_good_before(self) -> float | None:
        return _below_good(self.ratings_before)

    @property
    def below_good(self) -> float | None:
        return _below_good(self.ratings)


def _below_good(ratings: Mapping[str, int]) -> float | None:
    rated = sum(ratings.values())
    return sum(n for r, n in ratings.items() if r in BELOW_GOOD) / rated if rated else None


def agency_years(totals: Iterable[Mapping[str, Any]],
                 ratings: Iterable[Mapping[str, Any]]) -> list[AgencyYear]:
    """Every agency-year with a run, then the government's year, by year and agency name.
    `totals` are the latest runs' rows of every month (`tpp.latest_month_totals`), `ratings`
    the counts of `performance.rating_counts`."""
    sums: dict[tuple[int, str], dict[str, Any]] = {}
    for row in totals:
        year = int(row["month"][:4])
        for agency, name in ((row["agency_id"], row["agency_name"] or ""), (GOVERNMENT, "")):
            entry = sums.setdefault((year, agency), {"name": name, "months": set(),
                                                     "smallest": {}, **dict.fromkeys(
                ("staff", "gross", "cut", "performance", "sanction"), 0)})
            entry["months"].add(row["month"])
            entry["smallest"][row["month"]] = entry["smallest"].get(row["month"], 0) + \
                row["staff"]
            entry["staff"] += row["staff"]
            entry["gross"] += row["gross"]
            entry["cut"] += row["gross"] - row["net"]
            entry["performance"] += row["performance_staff"]
            entry["sanction"] += row["sanction_staff"]
    given: dict[tuple[int, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in ratings:
        for agency in (row["agency_id"], GOVERNMENT):
            given[(int(row["year"]), agency)][row["rating"]] += int(row["n"])
    found = [AgencyYear(
        agency_id=agency, name=entry["name"], year=year, months=len(entry["months"]),
        staff_months=entry["staff"], smallest_staff=min(entry["smallest"].values()),
        performance_share=entry["performance"] / entry["staff"] if entry["staff"] else None,
        sanction_share=entry["sanction"] / entry["staff"] if entry["staff"] else None,
        cut_rate=entry["cut"] / entry["gross"] if entry["gross"] else None,
        ratings_before=dict(given.get((year - 1, agency), {})),
        ratings=dict(given.get((year, agency), {})))
        for (year, agency), entry in sums.items()]
    return sorted(found, key=lambda a: (a.year, a.agency_id == GOVERNMENT, a.name, a.agency_id))


def public_rows(rows: list[AgencyYear], totals: Sequence[Mapping[str, Any]]) -> list[AgencyYear]:
    """The public version: no ratings (a sensitive attribute, published per government and
    year in the releases only), a share only when every monthly count of its reason was
    published, nothing for an agency that paid fewer than THRESHOLD staff in some month, and
    no cut rate: beside the published net it would give the gross and so the rupiah cut, which
    tells how many were cut where the counts are hidden."""
    published: dict[tuple[int, str, str], bool] = defaultdict(lambda: True)
    by_year: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    for total in totals:
        by_year[int(total["month"][:4])].append(total)
    for year, year_rows in by_year.items():
        for month in sorted({r["month"] for r in year_rows}):
            figures = tpp_figures.month_figures(year_rows, month)
            assert figures is not None
            cells = [(a.agency_id, a.cut) for a in figures.agencies]
            cells.append((GOVERNMENT, figures.cut))
            for agency, cut in cells:
                for reason in ("performance", "sanction"):
                    if cut[reason] is None:
                        published[(year, agency, reason)] = False
    shown = []
    for row in rows:
        if row.smallest_staff < THRESHOLD:
            continue
        shown.append(replace(
            row, ratings_before={}, ratings={},
            performance_share=row.performance_share
            if published[(row.year, row.agency_id, "performance")] else None,
            sanction_share=row.sanction_share
            if published[(row.year, row.agency_id, "sanction")] else None,
            cut_rate=None))
    return shown


def reading(rows: list[AgencyYear]) -> dict[str, int]:
    """The counts behind the report's plain reading: of the agencies' consecutive years, in how
    many the share rated below "Baik" fell, rose or stayed, after a year in which some staff
    were cut for their predicate. A tally, not an effect: see the report's text."""
    tally = {"pairs": 0, "fell": 0, "rose": 0, "same": 0}
    for row in rows:
        before, after = row.below_good_before, row.below_good
        if row.agency_id == GOVERNMENT or not row.performance_share \
                or before is None or after is None:
            continue
        tally["pairs"] += 1
        tally["fell" if after < before else "rose" if after > before else "same"] += 1
    return tally
