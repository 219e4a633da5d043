"""Statistical disclosure control: the one place that decides which published count is hidden.

Every aggregate table of a public release passes through `protect` (docs/DISCLOSURE.md is the
written policy, version POLICY_VERSION):

- primary suppression: a count of 1 to THRESHOLD-1 is hidden; zeros are shown;
- a correction keeps hidden what its superseded release hid, and a month-end stock table hides
  a cell whose change since the previous month's published value is 1 to THRESHOLD-1 (the
  difference would otherwise reveal a small flow the flow tables hide);
- complementary suppression: hidden cells are added, smallest non-zero first, until no line
  (a row or a column with its total) holds exactly one hidden cell and an exact audit finds no
  hidden cell that is a linear combination of the published ones (`recoverable`);
- in a funnel (`nested`: each column a later stage of the same people) no two published
  stages of a row differ by 1 to THRESHOLD-1;
- the appraisal distribution is hidden for an agency whose one class holds
  DIVERSITY_LIMIT or more of its rated employees (`protect(..., diversity=True)`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

POLICY_VERSION = "2026.1"
THRESHOLD = 10  # published person counts are 0 or at least this
SMALL_AGENCY = 20  # agencies with fewer active staff on 1 January are merged into "lainnya"
OTHER_AGENCY = "lainnya"
DIVERSITY_LIMIT = Fraction(9, 10)
TOTAL = "_total"

Cell = tuple[int, int]


def is_small(value: int) -> bool:
    """A count that may not be published (1 to THRESHOLD-1)."""
    return 0 < value < THRESHOLD


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
    stock: bool = False  # a month-end snapshot (compared with the previous month)
    nested: bool = False  # columns are successive stages of one group (a funnel)
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

    def lines(self) -> list[list[Cell]]:
        """Each published additive relation: a row with its total, a column with its total."""
        grid = self.grid()
        height, width = len(grid), len(grid[0]) if grid else 0
        found = []
        if self.row_totals:
            found += [[(i, j) for j in range(width)] for i in range(height)]
        if self.column_totals:
            found += [[(i, j) for i in range(height)] for j in range(width)]
        return found

    def published(self) -> list[tuple[str, str, int | None]]:
        """(row, column, count or None when hidden) for every cell of the extended grid."""
        row_labels, column_labels = self.labels()
        return [(row_labels[i], column_labels[j], None if (i, j) in self.hidden else value)
                for i, row in enumerate(self.grid()) for j, value in enumerate(row)]


Published = Mapping[tuple[str, str], int | None]  # (row, column) -> count, None when hidden


def protect(table: Table, previous: Published | None = None, *,
            superseded: Published | None = None, diversity: bool = False) -> Table:
    """Decide `table.hidden`; `previous` is last month's release of the table (compared for
    stock tables), `superseded` the release this one corrects (its hidden cells stay hidden)."""
    grid = table.grid()
    row_labels, column_labels = table.labels()
    hidden = {(i, j) for i, row in enumerate(grid) for j, value in enumerate(row)
              if is_small(value)}
    if diversity:
        hidden |= _undiverse_rows(table)
    if table.nested:
        hidden |= _small_steps(grid, hidden)
    for before, is_correction in ((previous if table.stock else None, False),
                                  (superseded, True)):
        if before is None:
            continue
        for i, row in enumerate(grid):
            for j, value in enumerate(row):
                key = (row_labels[i], column_labels[j])
                if key not in before:
                    continue
                old = before[key]
                if (old is None and is_correction) or (
                        old is not None and is_small(abs(value - old))):
                    hidden.add((i, j))
    table.hidden = _complete(table, grid, hidden)
    return table


def _undiverse_rows(table: Table) -> set[Cell]:
    """Rows (not the total row) where one class holds DIVERSITY_LIMIT of the row or more."""
    found: set[Cell] = set()
    for i, row in enumerate(table.counts):
        total = sum(row)
        if total and max(row) >= DIVERSITY_LIMIT * total:
            found |= {(i, j) for j in range(len(table.columns))}
    return found


def _small_steps(grid: list[list[int]], hidden: set[Cell]) -> set[Cell]:
    """In a funnel row, the difference of two published stages counts the people who dropped
    out between them: hide the later stage until no two published stages differ by 1 to
    THRESHOLD-1 (hiding more can only remove differences, so this holds after completion)."""
    found = set(hidden)
    for i, row in enumerate(grid):
        while True:
            shown = [(j, v) for j, v in enumerate(row) if (i, j) not in found]
            pair = next(((a, b) for a in shown for b in shown
                         if a[0] < b[0] and is_small(abs(a[1] - b[1]))), None)
            if pair is None:
                break
            found.add((i, pair[1][0]))
    return found - hidden


def _complete(table: Table, grid: list[list[int]], hidden: set[Cell]) -> set[Cell]:
    """Add complementary cells until no line has a lone hidden cell and the audit passes."""
    lines = table.lines()
    while True:
        lone = next((line for line in lines if sum(c in hidden for c in line) == 1), None)
        if lone is None:
            exposed = recoverable(table, hidden)
            if not exposed:
                return hidden
            i, j = exposed[0]
            lone = next(line for line in lines if (i, j) in line
                        and any(c not in hidden for c in line))
        candidates = [c for c in lone if c not in hidden]
        if not candidates:  # every cell of the line is hidden already: nothing to add
            raise AssertionError(f"cannot protect table {table.key}")
        hidden.add(min(candidates, key=lambda c: (grid[c[0]][c[1]] == 0, grid[c[0]][c[1]])))


def recoverable(table: Table, hidden: Iterable[Cell]) -> list[Cell]:
    """Hidden cells whose value follows exactly from the published cells and the margins.

    Each line says that its cells add up to its total; with the published values moved to
    the right-hand side, a hidden cell is recoverable exactly when its unit vector lies in the
    row space of the hidden cells' coefficients: in the reduced row echelon form (exact
    rational arithmetic) that is a row equal to the unit vector.
    """
    unknowns = sorted(hidden)
    if not unknowns:
        return []
    position = {cell: k for k, cell in enumerate(unknowns)}
    total_row = len(table.rows) if table.column_totals else -1
    total_column = len(table.columns) if table.row_totals else -1
    equations = []
    for line in table.lines():
        coefficients = [Fraction(0)] * len(unknowns)
        for cell in line:
            if cell in position:
                is_line_total = _is_total_of(cell, line, total_row, total_column)
                coefficients[position[cell]] += -1 if is_line_total else 1
        if any(coefficients):
            equations.append(coefficients)
    return [unknowns[k] for k in _determined(equations)]


def _is_total_of(cell: Cell, line: Sequence[Cell], total_row: int, total_column: int) -> bool:
    """Whether `cell` is the total of `line` (the last cell of a row or of a column)."""
    is_row_line = all(c[0] == line[0][0] for c in line)
    return cell[1] == total_column if is_row_line else cell[0] == total_row


def _determined(rows: list[list[Fraction]]) -> list[int]:
    """Unknowns fixed by the equations: pivots of the reduced row echelon form whose row has
    no other non-zero entry."""
    matrix = [list(r) for r in rows]
    width = len(matrix[0]) if matrix else 0
    pivots: list[int] = []
    top = 0
    for column in range(width):
        pivot = next((r for r in range(top, len(matrix)) if matrix[r][column] != 0), None)
        if pivot is None:
            continue
        matrix[top], matrix[pivot] = matrix[pivot], matrix[top]
        lead = matrix[top][column]
        matrix[top] = [v / lead for v in matrix[top]]
        for r in range(len(matrix)):
            if r != top and matrix[r][column] != 0:
                factor = matrix[r][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[top], strict=True)]
        pivots.append(column)
        top += 1
    return [column for row, column in enumerate(pivots)
            if sum(1 for v in matrix[row] if v != 0) == 1]
