"""Statistical disclosure control: the one place that decides which published count is hidden.

Policy POLICY_VERSION (docs/DISCLOSURE.md is the written policy and its reasoning):

- *public structure* (headcounts by agency, grade group, position type, employment status and
  age band; promotions, training, separations by retirement, contract end and the merged
  "resignation, dismissal or death"; recruitment and selection funnels) is published exactly:
  it is what BKN's own statistics publish, and the headcount per agency by employment status
  is an invariant, never hidden;
- a *sensitive* table (performance classes, dismissals and deaths) has one row per government
  and year, merged classes, and is only built for a row of at least MIN_SENSITIVE_GROUP
  people, a number that is itself public; in such a row every class is published when every
  class holds at least THRESHOLD people, and otherwise every class is hidden (the row total
  stays). A zero is never published in a sensitive row, so no row tells the others' class.

A hidden class cell is then tied to the published figures only by its row's total: each lies
anywhere in [0, total], an interval of at least MIN_SENSITIVE_GROUP (`audit.py` checks this
over every table and release that is public).

An older policy's release stays public once a release under a later policy corrects it, but its
tables named in WITHDRAWN_ONCE_CORRECTED leave the public side then (`store.ReleaseStore`
reads them only for auditors): their zeros and margins, beside the exact correction, tell
sensitive attributes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

POLICY_VERSION = "2027.1"
THRESHOLD = 10  # a published sensitive class holds at least this many people
MIN_SENSITIVE_GROUP = 2 * THRESHOLD  # a sensitive row is built only for this many people
OTHER_AGENCY = "lainnya"  # small agencies merged, in releases of policy 2026.1 only
TOTAL = "_total"
# policy version -> its tables withdrawn from the public side once a release of the same month
# under a later policy corrects the release: the ones that carry a sensitive attribute. Under
# 2026.1 those are the appraisal classes per agency and the separations with "other"
# (dismissal or death) as a class of its own; its structure tables stay public.
WITHDRAWN_ONCE_CORRECTED: dict[str, frozenset[str]] = {
    "2026.1": frozenset({"appraisal", "separations"})}
# Sensitive tables with one row per year: the row of a year is published once, by the first
# release of the year that follows it, and repeated as it was by every later release of it.
YEARLY_TABLES = ("appraisal_year", "separations_year")
# Tables whose sensitive cells count the days of a month: a month's table is published once, by
# the first release of the month under the policy, and repeated by every later version of it,
# so that two versions never differ by the leave of one late-recorded person.
MONTHLY_TABLES = ("leave_days",)

Cell = tuple[int, int]


@dataclass
class Table:
    """A two-way count table: rows × columns, with the margins it is published with.

    Cells are addressed in the extended grid: index len(rows) is the column-total row and
    index len(columns) the row-total column, when the table has them.
    """

    key: str
    rows: list[str]
    columns: list[str]
    counts: list[list[int]]
    row_totals: bool = True
    column_totals: bool = True
    sensitive: bool = False  # classes of a sensitive attribute (one row per government-year)
    hidden: set[Cell] = field(default_factory=set)

    def grid(self) -> list[list[int]]:
        """Counts with their totals appended (the extended grid)."""
        grid = [list(row) + ([sum(row)] if self.row_totals else []) for row in self.counts]
        if self.column_totals:
            width = len(self.columns) + (1 if self.row_totals else 0)
            grid.append([sum(r[j] for r in grid) for j in range(width)])
        return grid

    def labels(self) -> tuple[list[str], list[str]]:
        return (self.rows + ([TOTAL] if self.column_totals else []),
                self.columns + ([TOTAL] if self.row_totals else []))

    def published(self) -> list[tuple[str, str, int | None]]:
        """(row, column, count or None when hidden) for every cell of the extended grid."""
        row_labels, column_labels = self.labels()
        return [(row_labels[i], column_labels[j], None if (i, j) in self.hidden else value)
                for i, row in enumerate(self.grid()) for j, value in enumerate(row)]


def sensitive_table(key: str, rows: list[str], columns: list[str],
                    counts: list[list[int]]) -> Table | None:
    """A sensitive table with its rows of fewer than MIN_SENSITIVE_GROUP people left out
    (decided on the row total, which is public), protected; None when no row is left."""
    kept = [(row, values) for row, values in zip(rows, counts, strict=True)
            if sum(values) >= MIN_SENSITIVE_GROUP]
    if not kept:
        return None
    return protect(Table(key, [r for r, _ in kept], list(columns), [v for _, v in kept],
                         column_totals=False, sensitive=True))


def protect(table: Table) -> Table:
    """Decide `table.hidden`: nothing in a structure table; in a sensitive table, every class
    of a row where some class holds fewer than THRESHOLD people (zeros included)."""
    if not table.sensitive:
        table.hidden = set()
        return table
    if table.column_totals:
        raise ValueError(f"a sensitive table has no total row: {table.key}")
    table.hidden = {(i, j) for i, row in enumerate(table.counts) if min(row) < THRESHOLD
                    for j in range(len(table.columns))}
    return table


def protect_by_people(table: Table, people: list[list[int]],
                      sensitive_columns: frozenset[str]) -> Table:
    """Decide `table.hidden` for a table of amounts (days) per agency whose sensitive columns
    are published per cell only when at least THRESHOLD people make it up (`people`, row by
    row, column by column). The table has a total row and no row totals (nothing adds a
    sensitive column to another). A sensitive column's total is published only when it counts
    at least THRESHOLD people and its hidden cells together either are none or count at least
    THRESHOLD people: what the total tells beyond the published cells is then the amount of a
    group that large, never of fewer people."""
    if table.row_totals or not table.column_totals:
        raise ValueError(f"a table protected by people has a total row only: {table.key}")
    hidden: set[Cell] = set()
    total_row = len(table.rows)
    for j, column in enumerate(table.columns):
        if column not in sensitive_columns:
            continue
        small = [i for i in range(len(table.rows)) if people[i][j] < THRESHOLD]
        hidden |= {(i, j) for i in small}
        everyone = sum(people[i][j] for i in range(len(table.rows)))
        left_over = sum(people[i][j] for i in small)
        if everyone < THRESHOLD or (small and left_over < THRESHOLD):
            hidden.add((total_row, j))
    table.hidden = hidden
    return table
