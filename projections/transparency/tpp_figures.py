"""TPP public figures under the disclosure policy, pay as a sensitive tier: which agency's amounts
and which counts of staff cut are published for a month, and the check that no hidden figure
follows from the published ones.

Read from the totals per agency of the latest run of each month (`tpp.latest_month_totals`):
sums that name nobody, but an agency of a few people's total is those people's pay, and a
count of 1 to 9 staff cut for a sanction points at them. The rules (docs/DISCLOSURE.md, "TPP"):

- **amounts** (net paid per agency, in the month and in the year so far): an agency's amounts
  are hidden for the whole year when it paid fewer than THRESHOLD staff in any month of the
  year; when a month (or the year so far) would then hold exactly one hidden agency beside the
  published government total, the smallest other agency of that column is hidden with it
  (complementary suppression), the whole year too. Deciding per year keeps the hidden agencies
  the same in every month, so the year-to-date difference of two months never isolates one;
- **counts of staff cut** per broad reason: every count of an agency that paid fewer than
  THRESHOLD staff in the month (its colleagues know who they are: even a zero would tell each
  of them), and elsewhere a count of 1 to 9, or one that leaves fewer than THRESHOLD of the
  agency's staff uncut (the staff paid is the public headcount), is hidden;
  so is the government's count by the same rule; when a reason's column would then hold
  exactly one hidden agency, the smallest other count of it is hidden too (beside a published
  total it would be derived; beside a hidden one it would still say which agency it is).
  Zero is published for an agency of THRESHOLD or more: nobody in it was cut for that reason.
  When every hidden count of a reason is zero, the government's count is hidden too.
- no count of an agency is published summed over months, so hidden counts of different months
  are tied by no published figure.

Every published figure is a true sum of the runs; a hidden one is None (shown as "×").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from projections.transparency.disclosure import THRESHOLD

# The broad reasons of a cut, as the view's columns name them: a sanction under PP 94/2021
# or the Perkada (discipline), the performance predicate, leave (CLTN), attendance.
REASONS = ("sanction", "performance", "leave", "discipline")


@dataclass(frozen=True)
class AgencyFigures:
    """One agency's published figures of a month (None: hidden)."""

    agency_id: str
    name: str
    staff: int
    net: int | None
    year_net: int | None
    cut: Mapping[str, int | None]


@dataclass(frozen=True)
class MonthFigures:
    """A government's published TPP figures of one month, with the year's monthly totals."""

    month: str
    months: tuple[str, ...]  # every month of the year with a run, oldest first
    agencies: tuple[AgencyFigures, ...]
    staff: int
    net: int | None
    year_net: int | None
    cut: Mapping[str, int | None]
    series: tuple[tuple[str, int | None], ...]  # the government's net per month of the year
    hidden_agencies: frozenset[str]  # amounts hidden for the whole year


def risky_count(count: int, staff: int) -> bool:
    """Whether a count of staff cut tells too much: 1 to 9 people, or all but fewer than
    THRESHOLD of the staff."""
    return count > 0 and (count < THRESHOLD or staff - count < THRESHOLD)


def hidden_amount_agencies(year_rows: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    """The agencies whose amounts are hidden for the year (rows of one year's months)."""
    present: dict[str, set[str]] = defaultdict(set)  # month -> agencies
    smallest: dict[str, int] = {}
    year_net: dict[str, int] = defaultdict(int)
    for row in year_rows:
        agency = row["agency_id"]
        present[row["month"]].add(agency)
        smallest[agency] = min(smallest.get(agency, row["staff"]), row["staff"])
        year_net[agency] += row["net"]
    hidden = {a for a, staff in smallest.items() if staff < THRESHOLD}
    # Each month's column and the year-to-date column (every agency of the year).
    columns = [*present.values(), set(smallest)]
    changed = True
    while changed:
        changed = False
        for column in columns:
            alone = column & hidden
            others = sorted(column - hidden, key=lambda a: (year_net[a], a))
            if len(alone) == 1 and others:
                hidden.add(others[0])
                changed = True
    return frozenset(hidden)


def month_figures(year_rows: Sequence[Mapping[str, Any]], month: str) -> MonthFigures | None:
    """The published figures of `month` from the rows of its year; None without a run."""
    rows = [r for r in year_rows if r["month"] == month]
    if not rows:
        return None
    hidden = hidden_amount_agencies(year_rows)
    months = tuple(sorted({r["month"] for r in year_rows}))
    to_date: dict[str, int] = defaultdict(int)
    for row in year_rows:
        if row["month"] <= month:
            to_date[row["agency_id"]] += row["net"]

    def alone(in_column: Iterable[Mapping[str, Any]]) -> bool:
        """Whether the column's total is one hidden agency's (no other agency to hide)."""
        return len({r["agency_id"] for r in in_column} & hidden) == 1

    staff = sum(r["staff"] for r in rows)
    so_far = [r for r in year_rows if r["month"] <= month]
    counts = {reason: {r["agency_id"]: r[f"{reason}_staff"] for r in rows} for reason in REASONS}
    columns = {reason: _protected_column(counts[reason], {r["agency_id"]: r["staff"]
                                                          for r in rows})
               for reason in REASONS}
    shown_counts = {reason: column for reason, (column, _) in columns.items()}
    agencies = tuple(AgencyFigures(
        agency_id=r["agency_id"], name=r["agency_name"] or "", staff=r["staff"],
        net=None if r["agency_id"] in hidden else r["net"],
        year_net=None if r["agency_id"] in hidden else to_date[r["agency_id"]],
        cut={reason: shown_counts[reason][r["agency_id"]] for reason in REASONS})
        for r in rows)
    government_cut = {reason: None if columns[reason][1]
                      or risky_count(sum(counts[reason].values()), staff)
                      else sum(counts[reason].values()) for reason in REASONS}
    series = tuple((m, None if alone(of_month) else sum(r["net"] for r in of_month))
                   for m in months
                   for of_month in [[r for r in year_rows if r["month"] == m]])
    return MonthFigures(
        month=month, months=months, agencies=agencies, staff=staff,
        net=None if alone(rows) else sum(r["net"] for r in rows),
        year_net=None if alone(so_far) else sum(to_date.values()), cut=government_cut,
        series=series, hidden_agencies=hidden)


def _protected_column(counts: Mapping[str, int], staff: Mapping[str, int]
                      ) -> tuple[dict[str, int | None], bool]:
    """One reason's counts per agency with the hidden ones None, and whether the government's
    count must be hidden too (when every hidden count is zero, the total would tell it)."""
    hidden = {a for a, count in counts.items()
              if staff[a] < THRESHOLD or risky_count(count, staff[a])}
    # A partner even when the total is hidden: a lone hidden count would still say which
    # agency has the few people cut.
    if len(hidden) == 1:
        others = sorted((a for a in counts if a not in hidden), key=lambda a: (counts[a], a))
        if others:
            hidden.add(others[0])
    total_hidden = bool(hidden) and sum(counts[a] for a in hidden) == 0
    return {a: None if a in hidden else count for a, count in counts.items()}, total_hidden


def derivable(figures: MonthFigures) -> list[str]:
    """Hidden figures of the month that one published relation gives exactly: a column (the
    month's amounts, the year's, each reason's counts) whose total is published and that hides
    exactly one agency. Empty when the protection holds; the tests also feed it tables that
    break it."""
    found = []
    columns: list[tuple[str, object, list[object]]] = [
        ("net", figures.net, [a.net for a in figures.agencies]),
        ("year_net", figures.year_net, [a.year_net for a in figures.agencies])]
    columns += [(reason, figures.cut[reason], [a.cut[reason] for a in figures.agencies])
                for reason in REASONS]
    for key, total, cells in columns:
        if total is not None and sum(1 for c in cells if c is None) == 1:
            found.append(f"{figures.month}:{key}")
    return found


def differencing(earlier: MonthFigures, later: MonthFigures) -> list[str]:
    """Agencies whose amounts one month publishes and the next hides (or the other way): the
    year-to-date figures of the two months would then differ by a hidden month's amount."""
    shown = {a.agency_id for a in earlier.agencies if a.year_net is not None}
    shown_later = {a.agency_id for a in later.agencies if a.year_net is not None}
    both = {a.agency_id for a in earlier.agencies} & {a.agency_id for a in later.agencies}
    return sorted((shown ^ shown_later) & both)
