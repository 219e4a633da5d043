"""What everything public tells: cells hidden, the interval audit over every release, stock
differences, and the attacker who holds the private roster (docs/DISCLOSURE.md's figures).

Used by scripts/disclosure_audit.py on a store and by the tests on the demo. The attacker
knows who works where, who left when and who was rated; a person's sensitive attribute
(performance class, dismissal or death) is learned when a published row leaves only one
class that can hold anyone, given the audit's intervals.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from domain.employee import Employee
from domain.organisation import Agency, Government
from domain.personnel_service import PersonnelService
from domain.values import SeparationType
from projections.transparency.audit import Interval, Key, intervals
from projections.transparency.computed import INVARIANT_TABLE, Replay
from projections.transparency.disclosure import THRESHOLD, TOTAL, YEARLY_TABLES
from projections.transparency.releases import month_end
from projections.transparency.store import Release, ReleaseStore

# (table, class) -> what a person counted there has that is sensitive; "*" every class
SENSITIVE = {("appraisal", "*"), ("appraisal_year", "*"), ("separations", "other"),
             ("separations_year", "dismissal_or_death")}
STOCK = ("headcount_grade", "headcount_position", "headcount_status", "age_band",
         "training_20jp", "appraisal")


def is_sensitive(table: str, column: str) -> bool:
    return (table, "*") in SENSITIVE or (table, column) in SENSITIVE


def cell_figures(store: ReleaseStore) -> dict[str, Any]:
    """Cells of the current releases: published, hidden (overall and per table)."""
    per_table: dict[str, Counter[str]] = defaultdict(Counter)
    invariants_hidden = 0
    for release in store.current():
        for table, _, _, value in store.cells(release.id):
            name = table.partition(":")[0]
            per_table[name]["cells"] += 1
            per_table[name]["hidden"] += value is None
            invariants_hidden += name == INVARIANT_TABLE and value is None
    cells = sum(c["cells"] for c in per_table.values())
    hidden = sum(c["hidden"] for c in per_table.values())
    return {"releases_current": len(store.current()), "releases_all": len(store.releases()),
            "cells": cells, "hidden": hidden,
            "hidden_share": round(hidden / cells, 4) if cells else 0.0,
            "invariant_cells_hidden": invariants_hidden,
            "per_table": {k: {"cells": c["cells"], "hidden": c["hidden"],
                              "hidden_share": round(c["hidden"] / c["cells"], 3)}
                          for k, c in sorted(per_table.items())}}


def audit(store: ReleaseStore, *, as_published: bool = False
          ) -> tuple[dict[str, Any], dict[Key, Interval]]:
    """The interval audit over every release of each government, every version; with
    `as_published`, over the withdrawn tables too (what whoever copied them still holds)."""
    found: dict[Key, Interval] = {}
    for government in sorted({r.government for r in store.releases()}):
        releases = store.releases(government)
        published = {(r.id, *cell[:3]): cell[3] for r in releases
                     for cell in store.cells(r.id, withdrawn=as_published)}
        found |= intervals(published, {r.id: (r.month, r.position) for r in releases})
    sensitive = {k: v for k, v in found.items() if is_sensitive(k[1].partition(":")[0], k[3])}
    return {"hidden_all_releases": len(found),
            "recoverable_exactly": sum(v.is_exact for v in found.values()),
            "narrower_than_threshold": sum(v.width < THRESHOLD for v in found.values()),
            "sensitive_hidden": len(sensitive),
            "sensitive_recoverable_exactly": sum(v.is_exact for v in sensitive.values()),
            "sensitive_narrower_than_threshold": sum(v.width < THRESHOLD
                                                     for v in sensitive.values())}, found


def differences(store: ReleaseStore) -> dict[str, int]:
    """Stock cells published in two months (any two, current releases) differing by 1-9."""
    series: dict[tuple[str, str, str, str], dict[str, int]] = defaultdict(dict)
    for release in store.current():
        for table, row, column, value in store.cells(release.id):
            if table in STOCK and value is not None:
                series[(release.government, table, row, column)][release.month] = value
    small = sensitive = 0
    for (_, table, _, column), months in series.items():
        values = list(months.values())
        pairs = sum(0 < abs(a - b) < THRESHOLD for i, a in enumerate(values)
                    for b in values[i + 1:])
        small += pairs
        sensitive += pairs if is_sensitive(table, column) else 0
    return {"stock_pairs_differing_1_to_9": small, "sensitive_pairs_differing_1_to_9": sensitive}


def yearly_differences(store: ReleaseStore) -> dict[str, int]:
    """Yearly rows (a government's sensitive row of one year) published with different
    figures by two public releases, and how many releases show yearly rows at all."""
    shown: dict[tuple[str, str, str], set[tuple[tuple[str, int | None], ...]]] = (
        defaultdict(set))
    releases = 0
    for release in store.releases():
        rows: dict[tuple[str, str], list[tuple[str, int | None]]] = defaultdict(list)
        for table in YEARLY_TABLES:
            for _, row, column, value in store.cells(release.id, table):
                rows[(table, row)].append((column, value))
        releases += bool(rows)
        for (table, row), cells in rows.items():
            shown[(release.government, table, row)].add(tuple(sorted(cells, key=str)))
    return {"releases_with_yearly_rows": releases, "yearly_rows": len(shown),
            "yearly_rows_differing_across_releases": sum(len(v) > 1 for v in shown.values())}


def possible(store: ReleaseStore, found: dict[Key, Interval], release: Release, table: str,
             row: str, *, as_published: bool = False) -> set[str]:
    """The classes of a row that may hold someone, given the audit's intervals."""
    classes = set()
    for _, r, column, value in store.cells(release.id, table, withdrawn=as_published):
        if r != row or column == TOTAL:
            continue
        interval = found.get((release.id, table, r, column))
        if (value or 0) > 0 or (value is None and interval is not None and interval.high >= 1):
            classes.add(column)
    return classes


def attack(service: PersonnelService, store: ReleaseStore, found: dict[Key, Interval], *,
           as_published: bool = False) -> dict[str, Any]:
    """What the attacker holding the roster learns about each person from the rows (with
    `as_published`, from the withdrawn tables too)."""
    replay = Replay()
    for notification in service.recorder.select_notifications(1, 10**8):
        replay.apply(notification.id, service.mapper.to_domain_event(notification))
    codes = {a.id: str(a.code) for a in replay.of(Agency)}
    governments = {g.id: str(g.code) for g in replay.of(Government)}
    by_month: dict[tuple[str, str], list[Release]] = defaultdict(list)
    for release in store.releases():
        by_month[(release.government, release.month)].append(release)

    def row_of(release: Release, agency: str) -> str:
        return agency if agency in release.labels.get("agencies", {}) else "lainnya"

    def learned(releases: list[Release], table: str, rows: list[str]) -> set[str]:
        """The classes some row covering the person leaves as the only one possible."""
        found_classes: set[str] = set()
        for release in releases:
            for row in rows:
                classes = possible(store, found, release, table, row,
                                   as_published=as_published)
                if len(classes) == 1:
                    found_classes |= classes
        return found_classes

    every_release = defaultdict(list)
    for release in store.releases():
        every_release[release.government].append(release)
    leavers = types_learned = dismissal_death_learned = 0
    rated: set[tuple[Any, int]] = set()
    ratings_learned: set[tuple[Any, int]] = set()
    for employee in replay.of(Employee):
        government = governments.get(employee.state.government_id)
        for action in employee.in_force():
            if not isinstance(action, Employee.Separated):
                continue
            month = f"{action.effective_on:%Y-%m}"
            releases = by_month.get((str(government), month), [])
            if not releases:
                continue
            leavers += 1
            agency = codes.get(employee.state_on(action.effective_on).agency_id, "")
            rows = sorted({row_of(r, agency) for r in releases} | {TOTAL})
            kinds = learned(releases, "separations", rows)
            types_learned += bool(kinds)
            if action.separation_type in (SeparationType.RETIREMENT,
                                          SeparationType.RESIGNATION,
                                          SeparationType.CONTRACT_END):
                continue
            yearly = learned(every_release[str(government)], "separations_year",
                             [str(action.effective_on.year)])
            dismissal_death_learned += any(is_sensitive(t, k) for t, found_kinds in (
                ("separations", kinds), ("separations_year", yearly)) for k in found_kinds)
        for (gov, month), releases in by_month.items():
            if gov != government:
                continue
            end = month_end(month)
            state = employee.state_on(end)
            year = end.year - 1
            if not state.is_active or year not in state.appraisals:
                continue
            rated.add((employee.id, year))
            agency = codes.get(state.agency_id, "")
            rows = sorted({row_of(r, agency) for r in releases} | {TOTAL})
            if learned(releases, "appraisal", rows) or learned(releases, "appraisal_year",
                                                               [str(year)]):
                ratings_learned.add((employee.id, year))
    # leavers_class_learned: whose published class (merged or not) a row leaves alone
    return {"leavers_in_published_months": leavers, "leavers_class_learned": types_learned,
            "leavers_dismissal_or_death_learned": dismissal_death_learned,
            "people_rated": len(rated), "people_rating_class_learned": len(ratings_learned),
            "people_sensitive_attribute_learned": dismissal_death_learned
            + len(ratings_learned)}
