"""The leave part of a release: working days of granted leave taken in the month per agency, in
three broad classes (docs/DISCLOSURE.md, "Leave").

- *annual or big leave* (cuti tahunan, cuti besar): an entitlement everyone takes, published
  exactly, like the other structure tables;
- *health or family* (cuti sakit, melahirkan, karena alasan penting) and *unpaid leave* (CLTN):
  health and family data, the sensitive tier. A cell is published only when at least
  THRESHOLD people took such leave in the agency that month (otherwise hidden, zeros too), and
  the government's total under `disclosure.protect_by_people`'s rule.

No table adds the classes together, and a month's table is the same in every release of the
month (`publication.repeat_monthly_tables`), so no difference between types or between
versions of a month tells the leave of fewer people. Leave counts where the employee works at
the end of the month; cuti bersama is a day off for everyone and not counted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from uuid import UUID

from domain.leave_regulations import LeaveType
from domain.leave_request import LeaveRequest
from domain.working_days import is_working_day
from projections.transparency import disclosure
from projections.transparency.computed import ComputedRelease, Replay
from projections.transparency.disclosure import Table
from projections.transparency.voice_items import days_off

LEAVE_TABLE = "leave_days"
CLASSES = ("annual_or_big", "health_or_family", "unpaid")
SENSITIVE = frozenset({"health_or_family", "unpaid"})
_CLASS_OF = {LeaveType.ANNUAL: "annual_or_big", LeaveType.BIG: "annual_or_big",
             LeaveType.SICK: "health_or_family", LeaveType.MATERNITY: "health_or_family",
             LeaveType.IMPORTANT_REASON: "health_or_family", LeaveType.UNPAID: "unpaid"}


def leave_class(leave_type: LeaveType) -> str | None:
    """The published class of a leave type (None: cuti bersama, not counted)."""
    return _CLASS_OF.get(leave_type)


def add(release: ComputedRelease, replay: Replay, rows: list[str],
        agency_of: Callable[[UUID], str | None], first: date, end: date) -> None:
    """Add the month's leave table, one row per agency in `rows`."""
    off = days_off(replay, first.year, end.year)
    days: dict[tuple[str, str], int] = defaultdict(int)
    people: dict[tuple[str, str], set[UUID]] = defaultdict(set)
    for request in replay.of(LeaveRequest):
        kind = leave_class(request.leave_type)
        if kind is None or not request.is_granted:
            continue
        taken = working_days_in(max(request.start_on, first), min(request.last_day_on, end), off)
        agency = agency_of(request.employee_id) if taken else None
        if agency:
            days[(agency, kind)] += taken
            people[(agency, kind)].add(request.employee_id)
    table = Table(LEAVE_TABLE, list(rows), list(CLASSES),
                  [[days[(r, c)] for c in CLASSES] for r in rows], row_totals=False)
    release.tables.append(disclosure.protect_by_people(
        table, [[len(people[(r, c)]) for c in CLASSES] for r in rows], SENSITIVE))


def working_days_in(first: date, last: date, off: frozenset[date]) -> int:
    """Working days from `first` to `last`, both included (0 when `last` is before)."""
    count, day = 0, first
    while day <= last:
        count += is_working_day(day, off)
        day += timedelta(days=1)
    return count
