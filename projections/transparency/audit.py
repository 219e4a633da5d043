"""The attacker's audit of what is public: how far each hidden cell can be narrowed down.

An auditor (or an attacker) holds every release still public for a government, under any
policy version, corrections included. Each hidden cell is an unknown; what is published ties
the unknowns together:

- each table's margins (a row adds up to its total, a column to its total row);
- the tables of one release that split the same people (the active staff of an agency) have
  the same row totals, and PPPK is a column of both the grade and the status table;
- two releases of the same month computed from the same log prefix (a correction that only
  applies a new policy, and what it supersedes) count the same people wherever a (table, row,
  column) key repeats;
- a funnel's later stage never exceeds an earlier one, and no count is negative;
- `known`: facts the attacker holds from elsewhere (e.g. how many people left an agency).

A linear programme gives each hidden cell's smallest and largest feasible value (the interval
audit; scipy's HiGHS). A cell is *recoverable* when the integers in its interval are one
value. The unknowns split into independent groups (connected by a shared equation), so each
programme is small.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from projections.transparency.disclosure import TOTAL

# (release id, table, row, column)
Key = tuple[str, str, str, str]
# Tables that split the same people: an agency's active staff on the last day of the month.
PARTITIONS = ("headcount_grade", "headcount_position", "headcount_status", "age_band",
              "training_20jp", "headcount_sex")
FUNNELS = ("formations", "recruitment", "selections")


@dataclass(frozen=True)
class Interval:
    """Where a hidden cell's value can lie, given everything public (integers)."""

    low: int
    high: float  # math.inf when nothing bounds it from above

    @property
    def is_exact(self) -> bool:
        return self.high == self.low

    @property
    def width(self) -> float:
        return self.high - self.low


@dataclass
class _System:
    """Linear relations between unknowns: sum(coefficient * unknown) (= or <=) constant."""

    unknowns: dict[Key, int] = field(default_factory=dict)
    equalities: list[tuple[dict[int, float], float]] = field(default_factory=list)
    inequalities: list[tuple[dict[int, float], float]] = field(default_factory=list)

    def relation(self, terms: Iterable[tuple[float, Key]], values: Mapping[Key, int | None],
                 *, at_most: bool = False) -> None:
        """Add sum(coefficient * cell) (= or <=) 0, published cells moved to the right."""
        coefficients: dict[int, float] = defaultdict(float)
        constant = 0.0
        for coefficient, key in terms:
            if key not in values:
                return  # a cell not published in this release: no relation
            value = values[key]
            if value is None:
                index = self.unknowns.setdefault(key, len(self.unknowns))
                coefficients[index] += coefficient
            else:
                constant -= coefficient * value
        coefficients = defaultdict(float, {k: v for k, v in coefficients.items() if v})
        if coefficients:
            (self.inequalities if at_most else self.equalities).append(
                (dict(coefficients), constant))


def intervals(published: Mapping[Key, int | None], bases: Mapping[str, tuple[str, int]],
              known: Mapping[Key, int] | None = None) -> dict[Key, Interval]:
    """The feasible interval of every hidden cell of `published` (all releases of one
    government; `bases` maps a release id to its month and log position)."""
    values: dict[Key, int | None] = {**published, **(known or {})}
    system = _System()
    for key, value in published.items():
        if value is None:
            system.unknowns.setdefault(key, len(system.unknowns))
    by_table: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for release, table, row, column in values:
        by_table[(release, table)].add((row, column))
    for (release, table), cells in by_table.items():
        _margins(system, values, release, table, cells)
    _shared(system, values, by_table, bases)
    return _solve(system)


def _margins(system: _System, values: Mapping[Key, int | None], release: str, table: str,
             cells: set[tuple[str, str]]) -> None:
    rows = sorted({r for r, _ in cells})
    columns = _ordered({c for _, c in cells}, [c for _, c in sorted(cells)])
    inner_columns = [c for c in columns if c != TOTAL]
    inner_rows = [r for r in rows if r != TOTAL]
    if TOTAL in columns:
        for row in rows:
            system.relation([(1.0, (release, table, row, c)) for c in inner_columns]
                            + [(-1.0, (release, table, row, TOTAL))], values)
    if TOTAL in rows:
        for column in columns:
            system.relation([(1.0, (release, table, r, column)) for r in inner_rows]
                            + [(-1.0, (release, table, TOTAL, column))], values)
    if table.partition(":")[0] in FUNNELS:
        stages = _funnel_order(inner_columns)
        for row in rows:
            for earlier, later in itertools.pairwise(stages):
                system.relation([(1.0, (release, table, row, later)),
                                 (-1.0, (release, table, row, earlier))], values, at_most=True)


def _funnel_order(columns: list[str]) -> list[str]:
    from projections.transparency.release_items import FUNNEL_STAGES, SELECTION_STAGES

    for stages in (FUNNEL_STAGES, SELECTION_STAGES):
        if set(columns) <= set(stages):
            return [s for s in stages if s in columns]
    return columns


def _ordered(found: set[str], order: list[str]) -> list[str]:
    return sorted(found, key=order.index)


def _shared(system: _System, values: Mapping[Key, int | None],
            by_table: Mapping[tuple[str, str], set[tuple[str, str]]],
            bases: Mapping[str, tuple[str, int]]) -> None:
    """Relations between tables of one release and between releases of one month."""
    releases = {release for release, _ in by_table}
    for release in releases:
        present = [t for t in PARTITIONS if (release, t) in by_table]
        for first, other in itertools.pairwise(present):
            for row in {r for r, _ in by_table[(release, first)]}:
                system.relation([(1.0, (release, first, row, TOTAL)),
                                 (-1.0, (release, other, row, TOTAL))], values)
        if (release, "headcount_grade") in by_table and (release, "headcount_status") in by_table:
            for row in {r for r, _ in by_table[(release, "headcount_grade")]}:
                system.relation([(1.0, (release, "headcount_grade", row, "PPPK")),
                                 (-1.0, (release, "headcount_status", row, "PPPK"))], values)
    same_month: dict[tuple[str, int], list[str]] = defaultdict(list)
    for release in sorted(releases):
        same_month[bases.get(release, (release, 0))].append(release)
    for versions in same_month.values():
        for first, other in itertools.pairwise(versions):
            for (release, table), cells in by_table.items():
                if release != first or (other, table) not in by_table:
                    continue
                for row, column in cells & by_table[(other, table)]:
                    system.relation([(1.0, (first, table, row, column)),
                                     (-1.0, (other, table, row, column))], values)


def _solve(system: _System) -> dict[Key, Interval]:
    """Min and max of each unknown over the feasible set, one small programme per group."""
    parent = list(range(len(system.unknowns)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for terms, _ in [*system.equalities, *system.inequalities]:
        first, *rest = terms
        for other in rest:
            parent[root(other)] = root(first)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(system.unknowns)):
        groups[root(index)].append(index)
    relations: dict[int, list[tuple[bool, dict[int, float], float]]] = defaultdict(list)
    for is_equality, found in ((True, system.equalities), (False, system.inequalities)):
        for terms, constant in found:
            relations[root(next(iter(terms)))].append((is_equality, terms, constant))
    keys = {index: key for key, index in system.unknowns.items()}
    result: dict[Key, Interval] = {}
    for group, members in groups.items():
        bounds = _group_bounds(members, relations.get(group, []))
        for index, interval in bounds.items():
            result[keys[index]] = interval
    return result


def _group_bounds(members: list[int], relations: list[tuple[bool, dict[int, float], float]]
                  ) -> dict[int, Interval]:
    if not relations:
        return {index: Interval(0, math.inf) for index in members}
    from scipy.optimize import linprog

    position = {index: k for k, index in enumerate(members)}
    equal_rows: list[list[float]] = []
    upper_rows: list[list[float]] = []
    equal_rhs: list[float] = []
    upper_rhs: list[float] = []
    for is_equality, terms, constant in relations:
        row = [0.0] * len(members)
        for index, coefficient in terms.items():
            row[position[index]] = coefficient
        (equal_rows if is_equality else upper_rows).append(row)
        (equal_rhs if is_equality else upper_rhs).append(constant)
    found = {}
    for index in members:
        objective = [0.0] * len(members)
        ends = []
        for sign in (1.0, -1.0):
            objective[position[index]] = sign
            solved = linprog(objective, A_ub=upper_rows or None, b_ub=upper_rhs or None,
                             A_eq=equal_rows or None, b_eq=equal_rhs or None,
                             bounds=(0, None), method="highs")
            if solved.status == 3:  # unbounded
                ends.append(math.inf)
            elif solved.status != 0:
                raise AssertionError(f"the published figures contradict each other: "
                                     f"{solved.message}")
            else:
                ends.append(sign * solved.fun)
        low, high = math.ceil(ends[0] - 1e-6), ends[1]
        found[index] = Interval(low, high if high == math.inf else math.floor(high + 1e-6))
    return found
