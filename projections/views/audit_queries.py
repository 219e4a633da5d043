"""Queries of the audit workspace: roster differences between two dates, and who recorded what.

The roster difference folds each candidate's record as in force on each date (as known now),
through projections/views/history.py; the per-user figures count the timeline view's rows (one per
employee event, with the recording user and role).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from domain.employee_rules import EmployeeState
from domain.personnel_service import PersonnelService
from projections.views.history import agency_roster
from projections.views.runner import Projections

COMPARED = ("grade", "position_id", "unit_id")


@dataclass(frozen=True)
class Change:
    """How one employee's grade, position or unit differs between the two dates."""

    employee_id: UUID
    before: EmployeeState
    after: EmployeeState

    @property
    def fields(self) -> list[str]:
        return [name for name in COMPARED
                if getattr(self.before, name) != getattr(self.after, name)]


@dataclass
class RosterDiff:
    """Who joined the agency, who left it and who changed, between `from_on` and `to_on`."""

    from_on: date
    to_on: date
    joined: list[tuple[UUID, EmployeeState]] = field(default_factory=list)
    left: list[tuple[UUID, EmployeeState]] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0

    def employee_ids(self) -> list[UUID]:
        return ([i for i, _ in self.joined] + [i for i, _ in self.left]
                + [c.employee_id for c in self.changed])


def roster_diff(service: PersonnelService, projections: Projections, agency_id: UUID,
                from_on: date, to_on: date) -> RosterDiff:
    """Compare the agency's active roster as in force on two dates (both as known now)."""
    before = {h.employee_id: h.state for h in agency_roster(service, projections, agency_id,
                                                             in_force_on=from_on)}
    after = {h.employee_id: h.state for h in agency_roster(service, projections, agency_id,
                                                            in_force_on=to_on)}
    diff = RosterDiff(from_on, to_on)
    diff.joined = [(i, after[i]) for i in sorted(after.keys() - before.keys(), key=str)]
    diff.left = [(i, before[i]) for i in sorted(before.keys() - after.keys(), key=str)]
    for employee_id in sorted(before.keys() & after.keys(), key=str):
        change = Change(employee_id, before[employee_id], after[employee_id])
        if change.fields:
            diff.changed.append(change)
        else:
            diff.unchanged += 1
    return diff


def recorded_per_user(projections: Projections) -> list[dict[str, Any]]:
    """Per recording user and role: how many employee events of each kind, most first."""
    actors = projections.views["timeline"].table("timeline_actors")
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT actor_user, actor_role, kind, n, first_at, last_at "
                           f"FROM {actors} ORDER BY actor_user, actor_role, n DESC, kind"
                           ).fetchall()
    return [dict(row) for row in rows]


def recorded_by(projections: Projections, user_id: str, kind: str = "", role: str = "",
                page: int = 1, per_page: int = 100) -> tuple[list[dict[str, Any]], int]:
    """The employee events one user recorded (in one role and of one kind, if given), newest
    first (in the log's order); and how many there are in all."""
    timeline = projections.views["timeline"].table("timeline")
    actors = projections.views["timeline"].table("timeline_actors")
    roster = projections.views["roster"].table("roster")
    filters = [("actor_user", user_id), *((column, value) for column, value in (
        ("actor_role", role), ("kind", kind)) if value)]
    params = [value for _, value in filters]

    def where(prefix: str = "") -> str:
        return " AND ".join(f"{prefix}{column} = ?" for column, _ in filters)

    with projections.store.read() as sql:
        total = int(sql.execute(f"SELECT COALESCE(SUM(n), 0) AS n FROM {actors} WHERE {where()}",
                                params).fetchone()["n"])
        rows = sql.execute(
            f"SELECT t.employee_id, t.version, t.kind, t.effective_on, t.recorded_at, "
            f"t.actor_role, t.legal_number, t.status, r.name FROM {timeline} t "
            f"LEFT JOIN {roster} r ON r.employee_id = t.employee_id "
            f"WHERE {where('t.')} "
            "ORDER BY t.notification_id DESC LIMIT ? OFFSET ?",
            [*params, per_page, (max(1, page) - 1) * per_page]).fetchall()
    return [dict(row) for row in rows], total


def notification_id_of(projections: Projections, employee_id: UUID, version: int
                       ) -> int | None:
    """The notification id of one employee event (the ledger maps it to a log position)."""
    timeline = projections.views["timeline"].table("timeline")
    with projections.store.read() as sql:
        row = sql.execute(f"SELECT notification_id FROM {timeline} "
                          "WHERE employee_id = ? AND version = ?",
                          (employee_id.hex, version)).fetchone()
    return None if row is None else int(row["notification_id"])


def organisation_names(projections: Projections, ids: Iterable[UUID]) -> dict[UUID, str]:
    """The names of agencies and units and the titles of positions, by id."""
    wanted = sorted({i.hex for i in ids})
    if not wanted:
        return {}
    organisation = projections.views["organisation"]
    marks = ", ".join("?" for _ in wanted)
    found: dict[UUID, str] = {}
    with projections.store.read() as sql:
        for table, column in (("agencies", "name"), ("units", "name"), ("positions", "title")):
            rows = sql.execute(f"SELECT id, {column} AS label FROM {organisation.table(table)} "
                               f"WHERE id IN ({marks})", wanted).fetchall()
            found.update({UUID(hex=row["id"]): row["label"] for row in rows})
    return found


def people(projections: Projections, employee_ids: Iterable[UUID]) -> dict[UUID, dict[str, Any]]:
    """Name and NIP of each employee (auditors only: these are personal data in clear)."""
    wanted = sorted({i.hex for i in employee_ids})
    if not wanted:
        return {}
    roster = projections.views["roster"].table("roster")
    found: dict[UUID, dict[str, Any]] = {}
    with projections.store.read() as sql:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            rows = sql.execute(f"SELECT employee_id, name, nip FROM {roster} WHERE employee_id "
                               f"IN ({', '.join('?' for _ in chunk)})", chunk).fetchall()
            found.update({UUID(hex=row["employee_id"]): dict(row) for row in rows})
    return found
