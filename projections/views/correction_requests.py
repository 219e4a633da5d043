"""Correction requests view: each personal-data correction request, its status and decision.

The rows hold no personal data (the asked-for value and the reasons stay sealed in the events
and are opened at display), so the employee's desk and HR's queue read them without a key. The
queue joins the roster for the employee's agency and government, so a transfer moves a waiting
request to the new agency's HR.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from domain.correction_request import CorrectionRequest, RequestStatus
from projections.stores.view_store import Sql
from projections.views.base import View
from projections.views.hr_queries import Scope


class CorrectionRequestsView(View):
    """One row per request: who asked for which field, when, and how it was decided."""

    name = "correction_requests"
    tables = ("correction_requests",)
    topic_prefixes = ("domain.correction_request:",)
    personal = False

    def create_tables(self, sql: Sql) -> None:
        sql.execute(f"CREATE TABLE IF NOT EXISTS {self.table('correction_requests')} ("
                    "id TEXT PRIMARY KEY, employee_id TEXT NOT NULL, field_name TEXT NOT NULL, "
                    "status TEXT NOT NULL, requested_at TEXT NOT NULL, decided_at TEXT, "
                    "decided_by TEXT, version INTEGER NOT NULL)")

    def create_indexes(self, sql: Sql) -> None:
        table = self.table("correction_requests")
        sql.execute(f"CREATE INDEX IF NOT EXISTS {table.split('.')[-1]}_employee "
                    f"ON {table} (employee_id, requested_at)")
        sql.execute(f"CREATE INDEX IF NOT EXISTS {table.split('.')[-1]}_status "
                    f"ON {table} (status, requested_at)")

    def apply(self, sql: Sql, event: Any, notification_id: int) -> None:
        table = self.table("correction_requests")
        request_id = event.originator_id.hex
        if isinstance(event, CorrectionRequest.Requested):
            sql.execute(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)",
                        (request_id, event.employee_id.hex, event.field_name,
                         RequestStatus.REQUESTED.value, _utc(event.timestamp),
                         event.originator_version))
        elif isinstance(event, (CorrectionRequest.Approved, CorrectionRequest.Refused)):
            status = (RequestStatus.APPROVED if isinstance(event, CorrectionRequest.Approved)
                      else RequestStatus.REFUSED)
            sql.execute(f"UPDATE {table} SET status = ?, decided_at = ?, decided_by = ?, "
                        "version = ? WHERE id = ?",
                        (status.value, _utc(event.timestamp), event.actor.user_id,
                         event.originator_version, request_id))


def employee_requests(projections: Any, employee_id: str) -> list[dict[str, Any]]:
    """The employee's requests, newest first."""
    table = projections.views["correction_requests"].table("correction_requests")
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT * FROM {table} WHERE employee_id = ? "
                           "ORDER BY requested_at DESC, id", (employee_id,)).fetchall()
    return [dict(r) for r in rows]


def waiting_requests(projections: Any, scope: Scope, limit: int = 200) -> list[dict[str, Any]]:
    """Requests waiting for a decision by HR of `scope`, oldest first, with the employee's
    agency (the roster's, so a transferred employee's request follows them)."""
    table = projections.views["correction_requests"].table("correction_requests")
    roster = projections.views["roster"].table("roster")
    agencies = projections.views["organisation"].table("agencies")
    where, params = scope.where("r")
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT c.*, r.agency_id, r.government_id, r.name, a.name AS agency_name "
            f"FROM {table} c JOIN {roster} r ON r.employee_id = c.employee_id "
            f"LEFT JOIN {agencies} a ON a.id = r.agency_id "
            f"WHERE c.status = ? AND {where} ORDER BY c.requested_at, c.id LIMIT ?",
            (RequestStatus.REQUESTED.value, *params, limit)).fetchall()
    return [dict(r) for r in rows]


def request_row(projections: Any, request_id: str) -> dict[str, Any] | None:
    """One request with its employee's agency and government (None when unknown)."""
    table = projections.views["correction_requests"].table("correction_requests")
    roster = projections.views["roster"].table("roster")
    with projections.store.read() as sql:
        row = sql.execute(f"SELECT c.*, r.agency_id, r.government_id FROM {table} c "
                          f"JOIN {roster} r ON r.employee_id = c.employee_id WHERE c.id = ?",
                          (request_id,)).fetchone()
    return dict(row) if row else None


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()
