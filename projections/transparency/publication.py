"""When releases are published: month M on day REKAM_PUBLISH_DAY of month M+1, once.

`publish_due` is what the scheduler's monthly job calls (idempotent: a month already published
with the same content is left alone); `publish_months` is `rekam publish --month`, and
`publish_past_year` what the demo does after loading, each month computed from the log as it
stood on its publication day.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from domain.personnel_service import PersonnelService
from projections.transparency.computed import ComputedRelease
from projections.transparency.disclosure import MONTHLY_TABLES, POLICY_VERSION, YEARLY_TABLES
from projections.transparency.releases import Progress, build, month_end
from projections.transparency.store import Release, ReleaseStore

DEFAULT_PUBLISH_DAY = 15  # REKAM_PUBLISH_DAY: 1-28, so that every month has the day


def month_of(on: date) -> str:
    return f"{on.year}-{on.month:02d}"


def publication_time(month: str, day: int) -> datetime:
    """When the release of `month` is due: 00:00 UTC on `day` of the following month."""
    following = month_end(month).toordinal() + 1
    start = date.fromordinal(following)
    return datetime(start.year, start.month, day, tzinfo=UTC)


def due_months(today: date, day: int, count: int = 12) -> list[str]:
    """The `count` latest months whose publication day has come by `today`, oldest first."""
    month = month_of(today.replace(day=1) if today.day >= day
                     else date.fromordinal(today.replace(day=1).toordinal() - 1))
    found = []
    year, number = (int(p) for p in month.split("-"))
    for _ in range(count):
        number -= 1
        if number == 0:
            year, number = year - 1, 12
        found.append(f"{year}-{number:02d}")
    return sorted(found)


def publish_months(service: PersonnelService, store: ReleaseStore,
                   months: Sequence[tuple[str, datetime | None]],
                   progress: Progress | None = None) -> list[Release]:
    """Compute and store the releases of `months`; returns those that are new (a month whose
    current release says the same is skipped; one that differs gets a correction)."""
    stored = []
    for computed in build(service, months, progress):
        repeat_yearly_rows(store, computed)
        repeat_monthly_tables(store, computed)
        release = store.add(computed, computed.labels)
        if release is not None:
            stored.append(release)
    return stored


def publish_due(service: PersonnelService, store: ReleaseStore, today: date,
                day: int = DEFAULT_PUBLISH_DAY) -> list[Release]:
    """The monthly job: publish the last month whose `day` has come, if it is not out yet."""
    month = due_months(today, day, count=1)[0]
    if store.month_exists(month):
        return []  # published already; a correction is `rekam publish --month`
    return publish_months(service, store, [(month, None)])


def publish_past_year(service: PersonnelService, store: ReleaseStore, today: date,
                      day: int = DEFAULT_PUBLISH_DAY,
                      progress: Progress | None = None) -> list[Release]:
    """The demo's backfill: the 12 months due by `today`, each from the log of its `day`;
    and, after a new disclosure policy, each of those months published under an older one
    again, from the same log prefix (the same people, counted the same way), as a correction
    that names the new policy; the releases it corrects stay public, unchanged."""
    missing = [(m, publication_time(m, day)) for m in due_months(today, day)
               if not store.month_exists(m)]
    outdated = [(m, publication_time(m, day)) for m in due_months(today, day)
                if store.month_exists(m) and any(
                    r.policy_version != POLICY_VERSION for r in store.current()
                    if r.month == m)]
    pending = missing + outdated
    return publish_months(service, store, pending, progress) if pending else []


def repeat_yearly_rows(store: ReleaseStore, computed: ComputedRelease) -> None:
    """Give `computed` the yearly rows of the first release of its year under this policy
    (present or absent), so that a year's figure is the same in every release that shows it:
    a late entry that moved a class across the threshold between two months would otherwise
    tell that one class changed by a few people."""
    year = computed.month[:4]
    earlier = [r for r in store.releases(computed.government_code)
               if r.month[:4] == year and r.policy_version == POLICY_VERSION]
    if not earlier:
        return  # the year's first release: its rows are the year's
    first = min(earlier, key=lambda r: (r.published_at, r.month, r.version))
    for key in YEARLY_TABLES:
        computed.repeat(key, [(row, column, count)
                              for _, row, column, count in store.cells(first.id, key)])


def repeat_monthly_tables(store: ReleaseStore, computed: ComputedRelease) -> None:
    """Give `computed` the monthly tables (leave days) of the first release of its month
    under this policy that has them, so that a correction or a later version of the month
    never publishes a figure that differs from the first by one late-recorded person's leave."""
    earlier = sorted((r for r in store.releases(computed.government_code)
                      if r.month == computed.month and r.policy_version == POLICY_VERSION),
                     key=lambda r: (r.published_at, r.version))
    for key in MONTHLY_TABLES:
        for release in earlier:
            cells = [(row, column, count)
                     for _, row, column, count in store.cells(release.id, key)]
            if cells:  # a release before the table existed has none: computed afresh
                computed.repeat(key, cells)
                break
