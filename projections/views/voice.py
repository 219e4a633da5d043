"""Citizens' voice view: service units and their standards, complaints and their steps.

Nothing personal is kept here: a complaint's row holds its ticket, unit, category, status,
deadlines and the unit's public answer; what the complainant wrote stays sealed in the event
and is opened only on the staff's complaint page. The steps table is the public timeline
(kind and time) and the staff's record of who did what.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.complaint import Complaint
from domain.service_unit import ServiceUnit
from projections.stores.view_store import Sql
from projections.views.base import View

OPEN_STATUSES = ("received", "verified", "assigned", "answered", "reopened")


class VoiceView(View):
    """Service units, their services, complaints and each complaint's steps."""

    name = "voice"
    tables = ("service_units", "services", "complaints", "complaint_steps")
    topic_prefixes = ("domain.service_unit:", "domain.complaint:")
    personal = False

    def create_tables(self, sql: Sql) -> None:
        t = self.table
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('service_units')} (id TEXT PRIMARY KEY, "
                    "government_id TEXT NOT NULL, agency_id TEXT NOT NULL, code TEXT NOT NULL, "
                    "name TEXT NOT NULL, address TEXT NOT NULL)")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('services')} (id TEXT PRIMARY KEY, "
                    "unit_id TEXT NOT NULL, name TEXT NOT NULL, requirements TEXT NOT NULL, "
                    "duration TEXT NOT NULL, cost TEXT NOT NULL)")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('complaints')} (id TEXT PRIMARY KEY, "
                    "ticket TEXT NOT NULL, government_id TEXT NOT NULL, "
                    "agency_id TEXT NOT NULL, unit_id TEXT NOT NULL, service_id TEXT, "
                    "category TEXT NOT NULL, status TEXT NOT NULL, received_on TEXT NOT NULL, "
                    "due_on TEXT, resolve_by TEXT NOT NULL, is_anonymous INTEGER NOT NULL, "
                    "reason TEXT, note TEXT, answer TEXT, answered_on TEXT, resolution TEXT, "
                    "version INTEGER NOT NULL)")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('complaint_steps')} ("
                    "complaint_id TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL, "
                    "actor_user TEXT NOT NULL, actor_role TEXT NOT NULL, "
                    "recorded_at TEXT NOT NULL, detail TEXT, "
                    f"PRIMARY KEY (complaint_id, version)){self.keyed}")

    def create_indexes(self, sql: Sql) -> None:
        t = self.table
        sql.execute("CREATE INDEX IF NOT EXISTS view_complaints_queue "
                    f"ON {t('complaints')} (government_id, status, due_on)")
        sql.execute("CREATE INDEX IF NOT EXISTS view_services_unit "
                    f"ON {t('services')} (unit_id)")

    def apply(self, sql: Sql, event: Any, notification_id: int) -> None:
        if isinstance(event, ServiceUnit.Event):
            self._unit(sql, event)
        elif isinstance(event, Complaint.Event):
            self._complaint(sql, event)

    def _unit(self, sql: Sql, event: Any) -> None:
        t, unit_id = self.table, event.originator_id.hex
        if isinstance(event, ServiceUnit.Opened):
            sql.execute(f"INSERT INTO {t('service_units')} VALUES (?, ?, ?, ?, ?, ?)",
                        (unit_id, event.government_id.hex, event.agency_id.hex, event.code,
                         event.name, event.address))
        elif isinstance(event, ServiceUnit.ServiceSet):
            s = event.service
            sql.execute(f"DELETE FROM {t('services')} WHERE id = ?", (s.id.hex,))
            sql.execute(f"INSERT INTO {t('services')} VALUES (?, ?, ?, ?, ?, ?)",
                        (s.id.hex, unit_id, s.name, s.requirements, s.duration, s.cost))
        elif isinstance(event, ServiceUnit.ServiceWithdrawn):
            sql.execute(f"DELETE FROM {t('services')} WHERE id = ?", (event.service_id.hex,))

    def _complaint(self, sql: Sql, event: Any) -> None:
        t, cid, C = self.table, event.originator_id.hex, Complaint
        on = event.effective_on.isoformat()
        detail = None
        if isinstance(event, C.Submitted):
            sql.execute(
                f"INSERT INTO {t('complaints')} (id, ticket, government_id, agency_id, unit_id,"
                " service_id, category, status, received_on, due_on, resolve_by, is_anonymous,"
                " version) VALUES (?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?)",
                (cid, event.ticket, event.government_id.hex, event.agency_id.hex,
                 event.unit_id.hex,
                 event.service_id.hex if event.service_id else None, event.category.value, on,
                 event.verify_by.isoformat(), event.resolve_by.isoformat(),
                 int(event.is_anonymous), event.originator_version))
        else:
            changes: dict[str, Any] = {}
            if isinstance(event, C.Verified):
                changes = {"status": "verified", "due_on": event.answer_by.isoformat()}
            elif isinstance(event, C.Rejected):
                changes = {"status": "rejected", "due_on": None, "reason": event.reason.value,
                           "note": event.note}
                detail = event.reason.value
            elif isinstance(event, C.Assigned):
                changes = {"status": "assigned", "due_on": event.answer_by.isoformat(),
                           "unit_id": event.unit_id.hex, "agency_id": event.agency_id.hex}
            elif isinstance(event, C.Answered):
                changes = {"status": "answered", "answer": event.answer, "answered_on": on}
                changes["due_on"] = _one(sql.execute(
                    f"SELECT resolve_by FROM {t('complaints')} WHERE id = ?", (cid,)).fetchone())
            elif isinstance(event, C.Closed):
                changes = {"status": "closed", "due_on": None,
                           "resolution": event.resolution.value}
                detail = event.resolution.value
            elif isinstance(event, C.Reopened):
                changes = {"status": "reopened", "due_on": event.answer_by.isoformat()}
            changes["version"] = event.originator_version
            columns = ", ".join(f"{k} = ?" for k in changes)
            sql.execute(f"UPDATE {t('complaints')} SET {columns} WHERE id = ?",
                        (*changes.values(), cid))
        sql.execute(f"INSERT INTO {t('complaint_steps')} VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (cid, event.originator_version, type(event).__name__.lower(),
                     event.actor.user_id, event.actor.role.value,
                     event.timestamp.isoformat(timespec="seconds"), detail))


def _one(row: Any) -> Any:
    if row is None:
        return None
    return next(iter(row.values())) if isinstance(row, dict) else row[0]


# -- queries -------------------------------------------------------------------------------------


@dataclass
class ComplaintRow:
    id: str
    ticket: str
    unit_id: str
    unit_name: str
    agency_id: str
    category: str
    status: str
    received_on: date
    due_on: date | None
    resolve_by: date
    is_anonymous: bool
    reason: str | None
    note: str | None
    answer: str | None
    answered_on: date | None
    resolution: str | None
    version: int

    def is_overdue(self, today: date) -> bool:
        return self.status in OPEN_STATUSES and self.due_on is not None and today > self.due_on


def _complaint_row(row: Any) -> ComplaintRow:
    r = dict(row)
    for name in ("received_on", "due_on", "resolve_by", "answered_on"):
        r[name] = date.fromisoformat(r[name]) if r[name] else None
    r["is_anonymous"] = bool(r["is_anonymous"])
    return ComplaintRow(**r)


_COMPLAINT_COLUMNS = ("c.id, c.ticket, c.unit_id, u.name AS unit_name, c.agency_id, c.category, "
                      "c.status, c.received_on, c.due_on, c.resolve_by, c.is_anonymous, "
                      "c.reason, c.note, c.answer, c.answered_on, c.resolution, c.version")


def service_units(projections: Any, government_id: str | None = None) -> list[dict[str, Any]]:
    """Service units (of one government, or all) in name order, with their government's name
    and their service counts."""
    t = projections.views["voice"].table
    governments = projections.views["organisation"].table("governments")
    where, params = ("WHERE u.government_id = ?", (government_id,)) if government_id else ("", ())
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT u.id, u.government_id, g.name AS government_name, "
            "g.code AS government_code, u.agency_id, u.code, "
            f"u.name, u.address, COUNT(s.id) AS services FROM {t('service_units')} u "
            f"JOIN {governments} g ON g.id = u.government_id "
            f"LEFT JOIN {t('services')} s ON s.unit_id = u.id {where} "
            "GROUP BY u.id, u.government_id, g.name, g.code, u.agency_id, u.code, u.name, "
            "u.address "
            "ORDER BY u.name", params).fetchall()
    return [dict(r) for r in rows]


def service_unit_by_code(projections: Any, code: str) -> dict[str, Any] | None:
    """A unit with its services (name order) and its government's code, or None."""
    t = projections.views["voice"].table
    governments = projections.views["organisation"].table("governments")
    with projections.store.read() as sql:
        unit = sql.execute(f"SELECT u.*, g.code AS government_code FROM {t('service_units')} u "
                           f"JOIN {governments} g ON g.id = u.government_id WHERE u.code = ?",
                           (code,)).fetchone()
        if unit is None:
            return None
        services = sql.execute(f"SELECT * FROM {t('services')} WHERE unit_id = ? "
                               "ORDER BY name", (dict(unit)["id"],)).fetchall()
    return {**dict(unit), "services": [dict(s) for s in services]}


def services_of(projections: Any) -> list[dict[str, Any]]:
    """Every current service with its unit's id, for the complaint form's choices."""
    t = projections.views["voice"].table
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT id, unit_id, name FROM {t('services')} "
                           "ORDER BY name").fetchall()
    return [dict(r) for r in rows]


def unit_figures(projections: Any, unit_id: str, today: date) -> dict[str, int]:
    """Complaints about a unit: received, answered, open and overdue (counts, no text)."""
    t = projections.views["voice"].table
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT status, due_on FROM {t('complaints')} WHERE unit_id = ?",
                           (unit_id,)).fetchall()
    figures = {"received": 0, "answered": 0, "open": 0, "overdue": 0}
    for row in map(dict, rows):
        figures["received"] += 1
        figures["answered"] += row["status"] in ("answered", "closed")
        if row["status"] in OPEN_STATUSES:
            figures["open"] += 1
            figures["overdue"] += bool(row["due_on"] and date.fromisoformat(row["due_on"]) < today)
    return figures


def complaint_queue(projections: Any, *, government_id: str | None,
                    agency_id: str | None = None, status: str | None = None,
                    today: date | None = None, limit: int = 200) -> list[ComplaintRow]:
    """Complaints of a government (all: None) or of one agency's units, earliest deadline
    first; `status` "open", "overdue" (open and past `today`'s deadline) or a status code."""
    t = projections.views["voice"].table
    where, params = ["1 = 1"], []
    if government_id:
        where.append("c.government_id = ?")
        params.append(government_id)
    if agency_id:
        where.append("c.agency_id = ?")
        params.append(agency_id)
    if status in ("open", "overdue"):
        where.append(f"c.status IN ({', '.join('?' * len(OPEN_STATUSES))})")
        params += OPEN_STATUSES
        if status == "overdue":
            where.append("c.due_on < ?")
            params.append((today or date.today()).isoformat())
    elif status:
        where.append("c.status = ?")
        params.append(status)
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT {_COMPLAINT_COLUMNS} FROM {t('complaints')} c JOIN {t('service_units')} u "
            f"ON u.id = c.unit_id WHERE {' AND '.join(where)} "
            "ORDER BY c.due_on IS NULL, c.due_on, c.received_on LIMIT ?",
            (*params, limit)).fetchall()
    return [_complaint_row(r) for r in rows]


def complaint_by_id(projections: Any, complaint_id: str) -> ComplaintRow | None:
    t = projections.views["voice"].table
    with projections.store.read() as sql:
        row = sql.execute(
            f"SELECT {_COMPLAINT_COLUMNS} FROM {t('complaints')} c JOIN {t('service_units')} u "
            "ON u.id = c.unit_id WHERE c.id = ?", (complaint_id,)).fetchone()
    return _complaint_row(row) if row else None


def complaint_steps(projections: Any, complaint_id: str) -> list[dict[str, Any]]:
    """The complaint's steps in order: kind, actor (staff pages only) and recording time."""
    t = projections.views["voice"].table
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT * FROM {t('complaint_steps')} WHERE complaint_id = ? "
                           "ORDER BY version", (complaint_id,)).fetchall()
    return [dict(r) for r in rows]


def overdue_count(projections: Any, government_id: str, today: date,
                  agency_id: str | None = None) -> int:
    """Open complaints past their deadline, for the dashboards' alerts."""
    t = projections.views["voice"].table
    where, params = "government_id = ?", [government_id]
    if agency_id:
        where += " AND agency_id = ?"
        params.append(agency_id)
    with projections.store.read() as sql:
        row = sql.execute(
            f"SELECT COUNT(*) AS n FROM {t('complaints')} WHERE {where} AND status IN "
            f"({', '.join('?' * len(OPEN_STATUSES))}) AND due_on < ?",
            (*params, *OPEN_STATUSES, today.isoformat())).fetchone()
    return int(_one(row) or 0)
