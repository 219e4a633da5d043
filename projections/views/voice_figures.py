"""Complaint figures view: the dates of each complaint's handling that its public figures read
(domain/complaint_figures.py counts them per unit and period).

A view of its own, beside `voice`, so that a store made before it builds it from the first
event like any new view. One row per complaint, nothing of what anyone wrote or who they are.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain.complaint import Complaint
from domain.complaint_figures import ComplaintFacts
from domain.voice_values import ComplaintCategory, Resolution
from projections.stores.view_store import Sql
from projections.views.base import View

_DATES = ("received_on", "verified_on", "rejected_on", "answered_on", "answer_due_on",
          "resolved_on")


class VoiceFiguresView(View):
    """One row per complaint: its unit and the dates of its handling's steps."""

    name = "voice_figures"
    tables = ("complaint_facts",)
    topic_prefixes = ("domain.complaint:",)
    personal = False

    def create_tables(self, sql: Sql) -> None:
        sql.execute(f"CREATE TABLE IF NOT EXISTS {self.table('complaint_facts')} ("
                    "id TEXT PRIMARY KEY, government_id TEXT NOT NULL, "
                    "agency_id TEXT NOT NULL, unit_id TEXT NOT NULL, "
                    "received_on TEXT NOT NULL, verified_on TEXT, rejected_on TEXT, "
                    "answered_on TEXT, answer_due_on TEXT, resolved_on TEXT, due_on TEXT)")

    def create_indexes(self, sql: Sql) -> None:
        table = self.table("complaint_facts")
        short = table.split(".")[-1]
        sql.execute(f"CREATE INDEX IF NOT EXISTS {short}_unit ON {table} (unit_id)")
        sql.execute(f"CREATE INDEX IF NOT EXISTS {short}_government ON {table} (government_id)")

    def apply(self, sql: Sql, event: Any, notification_id: int) -> None:
        if not isinstance(event, Complaint.Event):
            return
        table, cid, C = self.table("complaint_facts"), event.originator_id.hex, Complaint
        on = event.effective_on.isoformat()
        if isinstance(event, C.Submitted):
            sql.execute(f"INSERT INTO {table} (id, government_id, agency_id, unit_id, "
                        "received_on, due_on) VALUES (?, ?, ?, ?, ?, ?)",
                        (cid, event.government_id.hex, event.agency_id.hex,
                         event.unit_id.hex, on, event.verify_by.isoformat()))
            return
        changes: dict[str, Any] = {}
        if isinstance(event, C.Verified):
            changes = {"verified_on": on, "due_on": event.answer_by.isoformat()}
        elif isinstance(event, C.Rejected):
            changes = {"rejected_on": on, "due_on": None}
        elif isinstance(event, C.Assigned):
            changes = {"unit_id": event.unit_id.hex, "agency_id": event.agency_id.hex,
                       "due_on": event.answer_by.isoformat()}
        elif isinstance(event, C.Answered):
            row = sql.execute(f"SELECT answered_on, due_on FROM {table} WHERE id = ?",
                              (cid,)).fetchone()
            answered_on, due_on = (tuple(dict(row).values()) if row else (None, None))
            if answered_on is None:  # the first answer, and the deadline it met or missed
                changes = {"answered_on": on, "answer_due_on": due_on}
        elif isinstance(event, C.Closed):
            changes = {"resolved_on": on if event.resolution is Resolution.RESOLVED else None}
        elif isinstance(event, C.Reopened):
            changes = {"resolved_on": None, "due_on": event.answer_by.isoformat()}
        if changes:
            columns = ", ".join(f"{k} = ?" for k in changes)
            sql.execute(f"UPDATE {table} SET {columns} WHERE id = ?", (*changes.values(), cid))


# -- queries -------------------------------------------------------------------------------------


def complaint_facts(projections: Any, *, unit_id: str | None = None,
                    government_id: str | None = None) -> list[ComplaintFacts]:
    """The facts of every complaint held by one unit, or by a government's units, with the
    category from the `voice` view's row (this view's table, made before the category mix
    was published, has no column for it)."""
    table = projections.views["voice_figures"].table("complaint_facts")
    complaints = projections.views["voice"].table("complaints")
    where, params = (("f.unit_id = ?", unit_id) if unit_id
                     else ("f.government_id = ?", government_id))
    columns = ", ".join(f"f.{name}" for name in _DATES)
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT f.government_id, f.agency_id, f.unit_id, {columns}, "
                           f"c.category FROM {table} f LEFT JOIN {complaints} c "
                           f"ON c.id = f.id WHERE {where}", (params,)).fetchall()
    return [_facts(dict(r)) for r in rows]


def _facts(row: dict[str, Any]) -> ComplaintFacts:
    dates = {name: date.fromisoformat(row[name]) if row[name] else None for name in _DATES}
    category = ComplaintCategory(row["category"]) if row["category"] else None
    return ComplaintFacts(UUID(row["government_id"]), UUID(row["agency_id"]),
                          UUID(row["unit_id"]), **dates,  # type: ignore[arg-type]
                          category=category)


def government_by_code(projections: Any, code: str) -> dict[str, Any] | None:
    """A government's id, code, name and province, or None."""
    table = projections.views["organisation"].table("governments")
    with projections.store.read() as sql:
        row = sql.execute(f"SELECT id, code, name, province FROM {table} WHERE code = ?",
                          (code,)).fetchone()
    return dict(row) if row else None
