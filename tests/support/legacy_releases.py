"""Releases as policy 2026.1 published them, for the tests of what a later policy withdraws.

Policy 2026.1's code is gone; what matters of it here is the shape of its sensitive tables and
how they leaked: appraisal classes per agency, separations with dismissal and death ("other")
as a class of their own, counts of 1 to 9 hidden and zeros shown. The structure tables are
copied from the current policy's computation of the same month, so the releases stand on the
same log prefix as the corrections that follow them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

import pytest

from domain.employee import Employee
from domain.organisation import Agency, Government
from domain.personnel_service import PersonnelService
from domain.values import Rating, SeparationType
from projections.transparency import store as release_store
from projections.transparency.computed import ComputedRelease, Replay
from projections.transparency.disclosure import THRESHOLD, YEARLY_TABLES, Table
from projections.transparency.publication import due_months, publication_time
from projections.transparency.releases import build, month_end, month_start
from projections.transparency.store import Release, ReleaseStore

LEGACY_POLICY = "2026.1"
SEPARATION_COLUMNS = ("retirement", "resignation", "contract_end", "other")
_SEPARATION = {SeparationType.RETIREMENT: "retirement",
               SeparationType.RESIGNATION: "resignation",
               SeparationType.CONTRACT_END: "contract_end"}


def publish_legacy_year(service: PersonnelService, store: ReleaseStore, today: date,
                        day: int = 15) -> list[Release]:
    """The 12 months due by `today` published as policy 2026.1 did, each from its own log
    prefix; returns the stored releases."""
    months = [(m, publication_time(m, day)) for m in due_months(today, day)]
    replay = Replay()
    for notification in service.recorder.select_notifications(1, 10**8):
        replay.apply(notification.id, service.mapper.to_domain_event(notification))
    stored = []
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(release_store, "POLICY_VERSION", LEGACY_POLICY)
        for computed in build(service, months):
            legacy = _legacy(computed, replay)
            release = store.add(legacy, legacy.labels)
            assert release is not None
            stored.append(release)
    return stored


def _legacy(computed: ComputedRelease, replay: Replay) -> ComputedRelease:
    separations, appraisal = _sensitive_counts(replay, computed.government_code, computed.month)
    rows = sorted(computed.labels["agencies"])
    tables: list[Table] = [
        t for t in computed.tables
        if isinstance(t, Table) and t.key not in (*YEARLY_TABLES, "separations")]
    tables.append(_suppressed(Table("separations", rows, list(SEPARATION_COLUMNS),
                                    [[separations[r][c] for c in SEPARATION_COLUMNS]
                                     for r in rows])))
    classes = ["good", "below_good"]
    tables.append(_suppressed(Table("appraisal", rows, classes,
                                    [[appraisal[r][c] for c in classes] for r in rows])))
    return ComputedRelease(computed.government_code, computed.month, computed.position,
                           list(tables), dict(computed.hours), list(computed.items),
                           computed.labels)


def _suppressed(table: Table) -> Table:
    """2026.1's primary suppression: every count (totals included) of 1 to 9 hidden, zeros
    shown (its complementary suppression left the zeros just as visible)."""
    table.hidden = {(i, j) for i, row in enumerate(table.grid()) for j, value in enumerate(row)
                    if 0 < value < THRESHOLD}
    return table


def _sensitive_counts(replay: Replay, government: str, month: str
                      ) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]]]:
    """Per agency: how the month's leavers left, and last year's ratings of the staff."""
    first, end = month_start(month), month_end(month)
    government_id = next(g.id for g in replay.of(Government) if str(g.code) == government)
    codes = {a.id: str(a.code) for a in replay.of(Agency)}
    separations: dict[str, Counter[str]] = defaultdict(Counter)
    appraisal: dict[str, Counter[str]] = defaultdict(Counter)
    for employee in replay.of(Employee):
        for action in employee.in_force(end):
            if isinstance(action, Employee.Separated) and action.effective_on >= first:
                state = employee.state_on(action.effective_on)
                if state.government_id == government_id and state.agency_id in codes:
                    kind = _SEPARATION.get(action.separation_type, "other")
                    separations[codes[state.agency_id]][kind] += 1
        state = employee.state_on(end)
        rating = state.appraisals.get(end.year - 1) if state.is_active else None
        if rating is not None and state.government_id == government_id \
                and state.agency_id in codes:
            good = rating in (Rating.SANGAT_BAIK, Rating.BAIK)
            appraisal[codes[state.agency_id]]["good" if good else "below_good"] += 1
    return separations, appraisal
