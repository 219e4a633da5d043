"""Leave view: one row per leave (cuti) request with its status, dates and deadlines, and each
employee's annual leave balance per year.

The rows hold nothing personal (no reason, no address, no name): the employee's desk, the
superior's and the official's queues and the roster's "cuti" mark read them without a key.
The balances are computed by the leave service's one balance function (`annual_balances`,
domain/leave_balance.py) from the employee's stored requests whenever one of their requests
changes, so a rebuild, whatever order its slices run in, ends with the rows catch-up wrote.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from domain.employee import Employee
from domain.errors import DomainError
from domain.leave_authority import due_dates
from domain.leave_regulations import LeaveType
from domain.leave_request import LeaveRequest, LeaveStatus
from projections.stores.view_store import Sql
from projections.views.base import View
from projections.views.hr_queries import Scope

# Statuses of a granted leave that has not ended early or been cancelled: the roster shows
# "cuti" on its days.
RUNNING = (LeaveStatus.APPROVED.value, LeaveStatus.DEFERRED.value, LeaveStatus.TAKEN.value,
           LeaveStatus.RETURNED_EARLY.value, LeaveStatus.RETURN_REPORTED.value)
WAITING = (LeaveStatus.REQUESTED.value, LeaveStatus.CONSIDERED.value)
CORRECTIONS = (Employee.ActionCorrected, Employee.ActionAnnulled)
BALANCE_COLUMNS = ("entitled", "carried_in", "deferred_in", "top_up", "available", "taken",
                   "remaining")


class LeaveView(View):
    """Leave requests and annual leave balances."""

    name = "leave"
    tables = ("leave_requests", "leave_balances")
    # A correction of the record (a TMT, say) may change the balances its rules give.
    topic_prefixes = ("domain.leave_request:", "domain.employee:Employee.ActionCorrected",
                      "domain.employee:Employee.ActionAnnulled")
    personal = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._changed: set[UUID] = set()  # employees whose balances the batch must redo
        self._days_off: dict[int, frozenset[date]] = {}

    def create_tables(self, sql: Sql) -> None:
        sql.execute(f"CREATE TABLE IF NOT EXISTS {self.table('leave_requests')} ("
                    "id TEXT PRIMARY KEY, employee_id TEXT NOT NULL, agency_id TEXT, "
                    "leave_type TEXT NOT NULL, status TEXT NOT NULL, recommendation TEXT, "
                    "requested_start_on TEXT NOT NULL, start_on TEXT NOT NULL, "
                    "end_on TEXT NOT NULL, last_day_on TEXT NOT NULL, "
                    "working_days INTEGER NOT NULL, requested_on TEXT NOT NULL, "
                    "superior_due_on TEXT NOT NULL, official_due_on TEXT NOT NULL, "
                    "considered_on TEXT, decided_on TEXT, rule_version TEXT NOT NULL, "
                    "version INTEGER NOT NULL)")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {self.table('leave_balances')} ("
                    "employee_id TEXT NOT NULL, year INTEGER NOT NULL, "
                    "entitled INTEGER NOT NULL, carried_in INTEGER NOT NULL, "
                    "deferred_in INTEGER NOT NULL, top_up INTEGER NOT NULL, "
                    "available INTEGER NOT NULL, taken INTEGER NOT NULL, "
                    "remaining INTEGER NOT NULL, PRIMARY KEY (employee_id, year))"
                    + self.keyed)

    def create_indexes(self, sql: Sql) -> None:
        table = self.table("leave_requests")
        short = table.split(".")[-1]
        sql.execute(f"CREATE INDEX IF NOT EXISTS {short}_employee "
                    f"ON {table} (employee_id, start_on)")
        sql.execute(f"CREATE INDEX IF NOT EXISTS {short}_status ON {table} (status, start_on)")

    def apply(self, sql: Sql, event: Any, notification_id: int) -> None:
        table = self.table("leave_requests")
        if isinstance(event, Employee.Event):  # a batch hands every view all its events
            if isinstance(event, CORRECTIONS) and sql.execute(
                    f"SELECT 1 FROM {table} WHERE employee_id = ? LIMIT 1",
                    (event.originator_id.hex,)).fetchone() is not None:
                self._changed.add(event.originator_id)  # corrected: redo its balances
            return
        request_id = event.originator_id.hex
        day = event.effective_on.isoformat()
        if isinstance(event, LeaveRequest.Requested):
            superior_due, official_due = due_dates(event.effective_on, event.start_on,
                                                   self._days_off_around(event.effective_on))
            agency_id = self._agency_of(event.employee_id, event.effective_on)
            sql.execute(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, "
                        "?, NULL, NULL, ?, ?)",
                        (request_id, event.employee_id.hex, agency_id, event.leave_type.value,
                         LeaveStatus.REQUESTED.value, event.start_on.isoformat(),
                         event.start_on.isoformat(), event.end_on.isoformat(),
                         event.end_on.isoformat(), event.working_days, day,
                         superior_due.isoformat(), official_due.isoformat(),
                         event.rule_version, event.originator_version))
            self._changed.add(event.employee_id)
            return
        row = sql.execute(f"SELECT employee_id FROM {table} WHERE id = ?",
                          (request_id,)).fetchone()
        if row is None:  # its Requested was lost: nothing to update (never in a whole log)
            return
        self._changed.add(UUID(row["employee_id"]))
        version = event.originator_version
        if isinstance(event, LeaveRequest.Considered):
            sql.execute(f"UPDATE {table} SET status = ?, recommendation = ?, considered_on = ?, "
                        "version = ? WHERE id = ?",
                        (LeaveStatus.CONSIDERED.value, event.recommendation.value, day, version,
                         request_id))
        elif isinstance(event, LeaveRequest.Deferred):
            sql.execute(f"UPDATE {table} SET status = ?, start_on = ?, end_on = ?, "
                        "last_day_on = ?, working_days = ?, decided_on = ?, version = ? "
                        "WHERE id = ?",
                        (LeaveStatus.DEFERRED.value, event.start_on.isoformat(),
                         event.end_on.isoformat(), event.end_on.isoformat(),
                         event.working_days, day, version, request_id))
        elif isinstance(event, (LeaveRequest.Approved, LeaveRequest.Rejected)):
            status = (LeaveStatus.APPROVED if isinstance(event, LeaveRequest.Approved)
                      else LeaveStatus.REJECTED)
            sql.execute(f"UPDATE {table} SET status = ?, decided_on = ?, version = ? "
                        "WHERE id = ?", (status.value, day, version, request_id))
        elif isinstance(event, LeaveRequest.ReturnedEarly):
            last_day = date.fromordinal(event.effective_on.toordinal() - 1).isoformat()
            sql.execute(f"UPDATE {table} SET status = ?, last_day_on = ?, working_days = ?, "
                        "version = ? WHERE id = ?",
                        (LeaveStatus.RETURNED_EARLY.value, last_day, event.working_days,
                         version, request_id))
        elif isinstance(event, LeaveRequest.DocumentAttached):  # nothing shown: the version
            sql.execute(f"UPDATE {table} SET version = ? WHERE id = ?", (version, request_id))
        else:
            status = {LeaveRequest.Cancelled: LeaveStatus.CANCELLED,
                      LeaveRequest.Taken: LeaveStatus.TAKEN,
                      LeaveRequest.ReturnReported: LeaveStatus.RETURN_REPORTED}[type(event)]
            sql.execute(f"UPDATE {table} SET status = ?, version = ? WHERE id = ?",
                        (status.value, version, request_id))

    def finish(self, sql: Sql) -> None:
        """Redo the balances of the employees whose requests changed in the batch."""
        table = self.table("leave_balances")
        # Upserts: the processes of a rebuild may redo one employee at the same time.
        updates = ", ".join(f"{c} = excluded.{c}" for c in BALANCE_COLUMNS)
        for employee_id in sorted(self._changed):
            try:
                balances = self.service.leave.annual_balances(employee_id)
            except DomainError:  # the person was erased: no balance is shown any more
                balances = {}
            years = sorted(balances)
            kept = f" AND year NOT IN ({', '.join('?' for _ in years)})" if years else ""
            sql.execute(f"DELETE FROM {table} WHERE employee_id = ?{kept}",
                        (employee_id.hex, *years))
            for year in years:
                balance = balances[year]
                sql.execute(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                            f"ON CONFLICT (employee_id, year) DO UPDATE SET {updates}",
                            (employee_id.hex, year, balance.entitled, balance.carried_in,
                             balance.deferred_in, balance.top_up, balance.available,
                             balance.taken, balance.remaining))
        self.discard()

    def discard(self) -> None:
        self._changed.clear()
        self._days_off.clear()

    def _days_off_around(self, on: date) -> frozenset[date]:
        if on.year not in self._days_off:
            self._days_off[on.year] = self.service.leave.holidays.days_off(on.year,
                                                                           on.year + 1)
        return self._days_off[on.year]

    def _agency_of(self, employee_id: UUID, on: date) -> str | None:
        try:
            agency_id = self.service.get_employee(employee_id).state_on(on).agency_id
        except DomainError:
            return None
        return agency_id.hex if agency_id else None


# -- queries -------------------------------------------------------------------------------

def _tables(projections: Any) -> tuple[str, str, str, str]:
    view = projections.views["leave"]
    return (view.table("leave_requests"), view.table("leave_balances"),
            projections.views["roster"].table("roster"),
            projections.views["organisation"].table("agencies"))


def employee_requests(projections: Any, employee_id: str) -> list[dict[str, Any]]:
    """The employee's leave requests, latest leave first."""
    requests = _tables(projections)[0]
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT * FROM {requests} WHERE employee_id = ? "
                           "ORDER BY start_on DESC, id", (employee_id,)).fetchall()
    return [dict(r) for r in rows]


def employee_balances(projections: Any, employee_id: str) -> dict[int, dict[str, Any]]:
    """The employee's annual leave balance per year (years with leave and the one after)."""
    balances = _tables(projections)[1]
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT * FROM {balances} WHERE employee_id = ? ORDER BY year",
                           (employee_id,)).fetchall()
    return {r["year"]: dict(r) for r in rows}


def waiting_for_superior(projections: Any, agency_id: str, types: Iterable[str],
                         includes_no_position: bool, superior_id: str,
                         limit: int = 200) -> list[dict[str, Any]]:
    """Requests waiting for the consideration of a superior in `agency_id` who may rate the
    position types `types` (and employees without a position when `includes_no_position`),
    by due date; the superior's own requests are never among them."""
    requests, _, roster, _ = _tables(projections)
    types = sorted(types)
    marks = ", ".join("?" for _ in types) or "NULL"
    no_position = " OR r.position_type IS NULL" if includes_no_position else ""
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT l.*, r.name, r.position_type FROM {requests} l "
            f"JOIN {roster} r ON r.employee_id = l.employee_id "
            f"WHERE l.status = ? AND r.agency_id = ? AND r.employee_id <> ? "
            f"AND (r.position_type IN ({marks}){no_position}) "
            f"ORDER BY l.superior_due_on, l.requested_on, l.id LIMIT ?",
            (LeaveStatus.REQUESTED.value, agency_id, superior_id, *types, limit)).fetchall()
    return [dict(r) for r in rows]


def waiting_for_official(projections: Any, scope: Scope,
                         limit: int = 200) -> list[dict[str, Any]]:
    """Requests waiting for the official's decision in `scope` (the employee's agency on the
    roster, so a transfer moves a waiting request), by due date."""
    requests, _, roster, agencies = _tables(projections)
    where, params = scope.where("r")
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT l.*, r.name, r.government_id, r.agency_id AS roster_agency_id, "
            f"a.name AS agency_name FROM {requests} l "
            f"JOIN {roster} r ON r.employee_id = l.employee_id "
            f"LEFT JOIN {agencies} a ON a.id = r.agency_id "
            f"WHERE l.status IN (?, ?) AND {where} "
            f"ORDER BY l.official_due_on, l.requested_on, l.id LIMIT ?",
            (*WAITING, *params, limit)).fetchall()
    return [dict(r) for r in rows]


def request_row(projections: Any, request_id: str) -> dict[str, Any] | None:
    """One request with its employee's agency, government and position type on the roster
    (None when unknown)."""
    requests, _, roster, _ = _tables(projections)
    with projections.store.read() as sql:
        row = sql.execute(f"SELECT l.*, r.agency_id AS roster_agency_id, r.government_id, "
                          f"r.position_type FROM {requests} l "
                          f"JOIN {roster} r ON r.employee_id = l.employee_id WHERE l.id = ?",
                          (request_id,)).fetchone()
    return dict(row) if row else None


def on_leave(projections: Any, employee_ids: Sequence[str], on: date) -> dict[str, str]:
    """The leave type of each of `employee_ids` whose granted leave runs on `on`."""
    if not employee_ids:
        return {}
    requests = _tables(projections)[0]
    marks = ", ".join("?" for _ in employee_ids)
    statuses = ", ".join("?" for _ in RUNNING)
    day = on.isoformat()
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT employee_id, leave_type FROM {requests} "
                           f"WHERE employee_id IN ({marks}) AND status IN ({statuses}) "
                           f"AND start_on <= ? AND last_day_on >= ?",
                           (*employee_ids, *RUNNING, day, day)).fetchall()
    return {r["employee_id"]: r["leave_type"] for r in rows}


def unpaid_leave_due_to_begin(projections: Any, on: date) -> list[str]:
    """Granted CLTN whose first day has come and which is not yet marked begun (the worker
    begins them, so the record shows the released position from that day)."""
    requests = _tables(projections)[0]
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT id FROM {requests} WHERE leave_type = ? AND status IN (?, ?) "
                           "AND start_on <= ? ORDER BY start_on, id",
                           (LeaveType.UNPAID.value, LeaveStatus.APPROVED.value,
                            LeaveStatus.DEFERRED.value, on.isoformat())).fetchall()
    return [r["id"] for r in rows]
