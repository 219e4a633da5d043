"""HR alerts: retirements, PPPK contract ends, overdue appraisals, complaints past their
deadline and leave requests past a due date, computed by a daily job.

The worker recomputes every alert from the roster (and, for contract ends, the PPPK records)
and replaces the table in one transaction, so running it twice gives the same rows and a
reader never sees half a refresh. Rows hold ids and dates only; the dashboard joins the roster
for names (and the complaints for their ticket), within the reader's scope. A complaint's row
holds the complaint's id, and a leave request's row the request's id, where the others hold
the employee's (the column keeps its name so stores made before need no migration).

Leave: a request the direct superior did not consider by its due date goes on to the official
(who may decide without the consideration: "escalation and timeouts" are what users of e-Cuti
apps miss most), and one past the official's due date is raised for the government's HR.
CLTN (PP 11/2017 as BKN reads it): once it has ended, the written return report is due within
a month, and a PNS who reported back must be placed within a year; either failing ends in an
honourable discharge, so HR is warned from the day each clock starts, with its last day.
"""

from __future__ import annotations

import calendar
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from domain.leave_regulations import LeaveType
from domain.leave_request import LeaveStatus
from projections.views.leave import WAITING as LEAVE_WAITING
from projections.views.runner import Projections
from projections.views.voice import OPEN_STATUSES

KINDS = ("retirement", "contract_end", "appraisal_overdue", "complaint_overdue",
         "leave_consideration_overdue", "leave_decision_overdue", "cltn_return_overdue",
         "cltn_return_unplaced")
ACTIVE = ("CPNS", "PNS", "PPPK")


@dataclass(frozen=True)
class AlertSettings:
    """How far ahead to warn (months)."""

    retirement_months: int = 6
    contract_months: int = 3


def months_after(on: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    year, month = divmod(on.month - 1 + months, 12)
    year, month = on.year + year, month + 1
    return date(year, month, min(on.day, calendar.monthrange(year, month)[1]))


def table(projections: Projections) -> str:
    store = projections.store
    return f'"{store.datastore.schema}".job_alerts' if store.is_postgres else "job_alerts"


_CREATED: weakref.WeakSet[Projections] = weakref.WeakSet()


def create_table(projections: Projections) -> None:
    """Create the alerts table once per opened view store (pages call this on every read)."""
    if projections in _CREATED:
        return
    with projections.store.write() as sql:
        sql.execute(f"CREATE TABLE IF NOT EXISTS {table(projections)} ("
                    "kind TEXT NOT NULL, employee_id TEXT NOT NULL, government_id TEXT NOT NULL, "
                    "agency_id TEXT NOT NULL, due_on TEXT NOT NULL, computed_on TEXT NOT NULL, "
                    "computed_at TEXT NOT NULL, PRIMARY KEY (kind, employee_id))")
    _CREATED.add(projections)


def compute(projections: Projections, today: date, settings: AlertSettings
            ) -> list[tuple[str, str, str, str, str]]:
    """Every alert due on `today`: (kind, employee, government, agency, due date)."""
    roster = projections.views["roster"].table("roster")
    retire_by = months_after(today, settings.retirement_months).isoformat()
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT employee_id, government_id, agency_id, employment_type, appointed_on, "
            f"rating_year, retirement_on FROM {roster} WHERE status IN (?, ?, ?)",
            ACTIVE).fetchall()
    alerts = []
    for row in rows:
        where = (row["employee_id"], row["government_id"], row["agency_id"])
        retirement = row["retirement_on"]
        if retirement is not None and today.isoformat() <= retirement <= retire_by:
            alerts.append(("retirement", *where, retirement))
        # Last year's appraisal is due from everyone employed in that year (as the dashboard).
        if (row["appointed_on"] < f"{today.year}-01-01"
                and (row["rating_year"] is None or row["rating_year"] < today.year - 1)):
            alerts.append(("appraisal_overdue", *where, f"{today.year - 1}-12-31"))
        if row["employment_type"] == "PPPK":
            ends = _contract_end(projections, row["employee_id"], today)
            if ends is not None and today <= ends <= months_after(today,
                                                                  settings.contract_months):
                alerts.append(("contract_end", *where, ends.isoformat()))
    return (alerts + _overdue_complaints(projections, today) + _overdue_leave(projections, today)
            + _cltn_returns(projections, today))


def _overdue_complaints(projections: Projections, today: date
                        ) -> list[tuple[str, str, str, str, str]]:
    """Open complaints past their step's deadline, each for the agency whose unit has it
    (the counts on the dashboards are these, live)."""
    complaints = projections.views["voice"].table("complaints")
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT id, government_id, agency_id, due_on FROM {complaints} "
            f"WHERE status IN ({', '.join('?' * len(OPEN_STATUSES))}) AND due_on < ?",
            (*OPEN_STATUSES, today.isoformat())).fetchall()
    return [("complaint_overdue", r["id"], r["government_id"], r["agency_id"], r["due_on"])
            for r in rows]


def _overdue_leave(projections: Projections, today: date
                   ) -> list[tuple[str, str, str, str, str]]:
    """Leave requests past the official's due date, or still waiting for the superior past
    theirs, each for the agency of the employee on the roster."""
    requests = projections.views["leave"].table("leave_requests")
    roster = projections.views["roster"].table("roster")
    day = today.isoformat()
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT l.id, l.status, l.superior_due_on, l.official_due_on, r.government_id, "
            f"r.agency_id FROM {requests} l JOIN {roster} r ON r.employee_id = l.employee_id "
            f"WHERE l.status IN (?, ?) AND (l.official_due_on < ? "
            f"OR (l.status = ? AND l.superior_due_on < ?))",
            (*LEAVE_WAITING, day, LeaveStatus.REQUESTED.value, day)).fetchall()
    return [("leave_decision_overdue", r["id"], r["government_id"], r["agency_id"],
             r["official_due_on"]) if r["official_due_on"] < day else
            ("leave_consideration_overdue", r["id"], r["government_id"], r["agency_id"],
             r["superior_due_on"]) for r in rows]


def _cltn_returns(projections: Projections, today: date
                  ) -> list[tuple[str, str, str, str, str]]:
    """Employees whose CLTN has ended without a return report (due a month after the end of
    its last extension), and those who reported back but hold no post (to be placed within a
    year of the report). Only the records of employees with a CLTN are read."""
    requests = projections.views["leave"].table("leave_requests")
    roster = projections.views["roster"].table("roster")
    granted = (LeaveStatus.APPROVED.value, LeaveStatus.TAKEN.value)
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT l.employee_id, l.status, l.end_on, r.government_id, r.agency_id, "
            f"r.position_id FROM {requests} l JOIN {roster} r ON r.employee_id = l.employee_id "
            f"WHERE l.leave_type = ? AND r.status IN (?, ?, ?) AND l.status IN (?, ?, ?)",
            (LeaveType.UNPAID.value, *ACTIVE, *granted,
             LeaveStatus.RETURN_REPORTED.value)).fetchall()
    by_employee: dict[str, list[Any]] = {}
    for row in rows:
        by_employee.setdefault(row["employee_id"], []).append(row)
    found = []
    for employee_id, own in sorted(by_employee.items()):
        where = (employee_id, own[0]["government_id"], own[0]["agency_id"])
        running = [r["end_on"] for r in own if r["status"] in granted]
        if running:  # the CLTN (or its extension) granted: overdue once the last has ended
            if max(running) < today.isoformat():
                due = months_after(date.fromisoformat(max(running)), 1)
                found.append(("cltn_return_overdue", *where, due.isoformat()))
            continue
        if own[0]["position_id"] is not None:
            continue
        state = projections.service.get_employee(UUID(hex=employee_id)).state_on(today)
        returns = [back for _, back in state.unpaid_leaves if back is not None]
        if returns and state.position_id is None and not state.is_on_unpaid_leave:
            found.append(("cltn_return_unplaced", *where,
                          months_after(max(returns), 12).isoformat()))
    return found


def _contract_end(projections: Projections, employee_id: str, today: date) -> date | None:
    # The roster has no contract column: PPPK records are read (a daily job, a few
    # thousand records at most per government).
    employee = projections.service.get_employee(UUID(hex=employee_id))
    return employee.state_on(today).contract_ends_on


def refresh(projections: Projections, today: date, settings: AlertSettings) -> int:
    """Replace the alerts with those due on `today`; returns how many there are."""
    create_table(projections)
    alerts = compute(projections, today, settings)
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    with projections.store.write() as sql:
        sql.execute(f"DELETE FROM {table(projections)}")
        sql.executemany(f"INSERT INTO {table(projections)} VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [(*alert, today.isoformat(), stamp) for alert in alerts])
    return len(alerts)


def forget_retirements(projections: Projections, employee_ids: Iterable[UUID]) -> None:
    """Drop the retirement alerts of employees whose personal data were erased: the date is
    worked out from the birth date (and the next refresh, from the roster, raises none)."""
    create_table(projections)
    ids = [employee_id.hex for employee_id in employee_ids]
    if not ids:
        return
    with projections.store.write() as sql:
        sql.execute(f"DELETE FROM {table(projections)} WHERE kind = 'retirement' "
                    f"AND employee_id IN ({', '.join('?' for _ in ids)})", ids)


def agency_alerts(projections: Projections, agency_id: str) -> list[dict[str, Any]]:
    """The agency's alerts with the employees' names (a complaint's with its ticket, a leave
    request's with the name of who asked), soonest first (empty before the first run of the
    job)."""
    create_table(projections)
    roster = projections.views["roster"].table("roster")
    complaints = projections.views["voice"].table("complaints")
    requests = projections.views["leave"].table("leave_requests")
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT a.kind, a.employee_id, a.due_on, a.computed_at, "
            f"COALESCE(r.name, asker.name) AS name, c.ticket "
            f"FROM {table(projections)} a "
            f"LEFT JOIN {roster} r ON r.employee_id = a.employee_id "
            f"LEFT JOIN {complaints} c ON c.id = a.employee_id "
            f"LEFT JOIN {requests} l ON l.id = a.employee_id "
            f"LEFT JOIN {roster} asker ON asker.employee_id = l.employee_id "
            "WHERE a.agency_id = ? AND (r.employee_id IS NOT NULL OR c.id IS NOT NULL "
            "OR asker.employee_id IS NOT NULL) "
            "ORDER BY a.due_on, a.kind, name, c.ticket", (agency_id,)).fetchall()
    return [dict(row) for row in rows]
