"""Timeline view: every event of an employee, in effective-date order, with who recorded it.

Rows index each event (employee, version, notification id, effective date, recording time,
kind, actor, decree) and its status: a correction or annulment marks the row it targets, so the
timeline shows both the original and what replaced it. The event's own fields are read from the
event store when a timeline is shown (`details`), so nothing personal is copied here; sealed
fields (personal data, reasons) are only ever opened through the vault.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

import msgspec

from domain.employee import PERSONAL_FIELDS, Employee
from domain.personnel_service import PersonnelService
from domain.privacy import Sealed
from domain.values import Grade, GradeRange, JpHours
from projections.stores.view_store import Sql
from projections.views.base import View

_ENVELOPE = {"originator_id", "originator_version", "timestamp", "effective_on", "actor",
             "legal_basis", "reason", "originator_topic", *PERSONAL_FIELDS}


# What a correction or an annulment makes of the row it targets.
_MARKS = {Employee.ActionCorrected: "corrected", Employee.ActionAnnulled: "annulled"}


class TimelineView(View):
    """One row per employee event."""

    name = "timeline"
    # `timeline_actors` counts the rows per recording user, role and kind (with the first and
    # last recording time): the auditors' "who recorded what" without reading every row.
    tables = ("timeline", "timeline_actors")
    topic_prefixes = ("domain.employee:",)
    personal = False
    stages = True

    def create_tables(self, sql: Sql) -> None:
        sql.execute(
            f"CREATE TABLE IF NOT EXISTS {self.table('timeline')} ("
            "employee_id TEXT NOT NULL, version INTEGER NOT NULL, "
            "notification_id INTEGER NOT NULL, effective_on TEXT NOT NULL, "
            "recorded_at TEXT NOT NULL, kind TEXT NOT NULL, actor_user TEXT NOT NULL, "
            "actor_role TEXT NOT NULL, legal_number TEXT, legal_signed_on TEXT, "
            "has_reason INTEGER NOT NULL, status TEXT NOT NULL, changed_by_version INTEGER, "
            f"PRIMARY KEY (employee_id, version)){self.keyed}")
        sql.execute(
            f"CREATE TABLE IF NOT EXISTS {self.table('timeline_actors')} ("
            "actor_user TEXT NOT NULL, actor_role TEXT NOT NULL, kind TEXT NOT NULL, "
            "n INTEGER NOT NULL, first_at TEXT NOT NULL, last_at TEXT NOT NULL, "
            f"PRIMARY KEY (actor_user, actor_role, kind)){self.keyed}")

    def create_indexes(self, sql: Sql) -> None:
        # What one user recorded, newest first (the log's order), filtered by role and kind
        # within the index. Keyed on the notification id rather than the recording time: a
        # rebuild builds it in about two thirds of the time.
        sql.execute(f"CREATE INDEX IF NOT EXISTS view_timeline_by_actor ON "
                    f"{self.table('timeline')} (actor_user, notification_id, actor_role, kind)")

    def create(self, sql: Sql) -> None:
        super().create(sql)
        self._migrate(sql)

    def _migrate(self, sql: Sql) -> None:
        """Views stored before `timeline_actors` existed: count their rows into it once, and
        drop the index it replaces."""
        schema = f'"{self.store.datastore.schema}".' if self.store.is_postgres else ""
        sql.execute(f"DROP INDEX IF EXISTS {schema}view_timeline_actor")
        timeline, actors = self.table("timeline"), self.table("timeline_actors")

        def needed() -> bool:
            return bool(sql.execute(f"SELECT EXISTS (SELECT 1 FROM {timeline}) AND NOT EXISTS "
                                    f"(SELECT 1 FROM {actors}) AS needed").fetchone()["needed"])

        if not needed():
            return
        if self.store.is_postgres:  # hold off catch-up in other processes while counting
            sql.execute(f"LOCK TABLE {timeline} IN SHARE ROW EXCLUSIVE MODE")
            if not needed():
                return
        sql.execute(f"INSERT INTO {actors} (actor_user, actor_role, kind, n, first_at, last_at) "
                    f"SELECT actor_user, actor_role, kind, COUNT(*), MIN(recorded_at), "
                    f"MAX(recorded_at) FROM {timeline} GROUP BY actor_user, actor_role, kind")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rows: list[tuple[Any, ...]] = []
        self._marks: list[tuple[Any, ...]] = []
        # (user, role, kind) -> [rows, first recorded, last recorded] of the batch
        self._actors: dict[tuple[str, str, str], list[Any]] = {}
        self._last: tuple[UUID | None, str] = (None, "")  # an employee's id and its hex

    def apply(self, sql: Any, event: Any, notification_id: int) -> None:
        # A rebuild runs this for every employee event: it reads each field once and works
        # out the hex id once per employee (a rebuild's scan hands the events of one
        # employee the same id object).
        if not isinstance(event, Employee.Event):
            return
        fields, cls = event.__dict__, type(event)
        originator_id = fields["originator_id"]
        employee = self._last[1]
        if originator_id is not self._last[0]:
            employee = originator_id.hex
            self._last = (originator_id, employee)
        basis, actor = fields["legal_basis"], fields["actor"]
        # `_value_`: Enum's `value` is a descriptor call, five times slower per event.
        recorded, kind, user, role = (_utc_text(fields["timestamp"]), cls.__name__,
                                      actor.user_id, actor.role._value_)
        self._rows.append(
            (employee, fields["originator_version"], notification_id,
             fields["effective_on"].isoformat(), recorded, kind, user, role,
             basis.number if basis else None, basis.signed_on.isoformat() if basis else None,
             0 if fields["reason"] is None else 1))
        counted = self._actors.get((user, role, kind))
        if counted is None:
            self._actors[(user, role, kind)] = [1, recorded, recorded]
        else:  # recording times in one text format: their order is the times' order
            counted[0] += 1
            if recorded < counted[1]:
                counted[1] = recorded
            elif recorded > counted[2]:
                counted[2] = recorded
        status = _MARKS.get(cls)
        if status is not None:
            self._marks.append((status, fields["originator_version"], employee,
                                fields["target_version"]))

    def finish(self, sql: Sql) -> None:
        sql.insert_rows(f"INSERT INTO {self.table('timeline')} VALUES",
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'in_force', NULL)", self._rows)
        sql.executemany(f"UPDATE {self.table('timeline')} SET status = ?, "
                        "changed_by_version = ? WHERE employee_id = ? AND version = ?",
                        self._marks)
        # In key order: a rebuild's processes add to the same rows on PostgreSQL, and rows
        # locked in one order cannot deadlock.
        sql.executemany(
            f"INSERT INTO {self.table('timeline_actors')} AS a (actor_user, actor_role, kind, "
            "n, first_at, last_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (actor_user, actor_role, kind) DO UPDATE SET n = a.n + excluded.n, "
            "first_at = CASE WHEN excluded.first_at < a.first_at THEN excluded.first_at "
            "ELSE a.first_at END, last_at = CASE WHEN excluded.last_at > a.last_at "
            "THEN excluded.last_at ELSE a.last_at END",
            [(*key, *counted) for key, counted in sorted(self._actors.items())])
        self.discard()

    def discard(self) -> None:
        self._rows, self._marks, self._actors = [], [], {}


_encode = msgspec.json.Encoder().encode


def _utc_text(moment: datetime) -> str:
    """`moment.isoformat()`, through msgspec's encoder for a UTC time (every recorded time
    is one): a rebuild formats millions, and this takes a sixth of the time."""
    if moment.tzinfo is not UTC:
        return moment.isoformat()
    return _encode(moment)[1:-2].decode() + "+00:00"  # '"2026-01-02T03:04:05.6Z"'


def details(event: Employee.Event) -> dict[str, Any]:
    """The event's own fields that carry no personal data, as JSON values."""
    names = _DETAIL_FIELDS.get(type(event))
    if names is None:
        names = _DETAIL_FIELDS[type(event)] = tuple(
            f.name for f in dataclasses.fields(event) if f.name not in _ENVELOPE)
    return {name: _plain(getattr(event, name)) for name in names
            if not isinstance(getattr(event, name), Sealed)}


_DETAIL_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, UUID):
        return value.hex
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (Grade, GradeRange)):
        return str(value)
    if isinstance(value, JpHours):
        return value.value
    if isinstance(value, Sealed):
        return None
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class TimelineEntry:
    """One line of an employee's timeline, ready to show to HR staff or an auditor."""

    version: int
    effective_on: date
    recorded_at: datetime
    kind: str
    actor_user: str
    actor_role: str
    legal_number: str | None
    has_reason: bool
    status: str
    changed_by_version: int | None
    details: dict[str, Any]


def employee_timeline(projections: Any, service: PersonnelService, employee_id: UUID
                      ) -> list[TimelineEntry]:
    """Every event of the employee in effective-date order, with its non-personal fields."""
    table = projections.views["timeline"].table("timeline")
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT * FROM {table} WHERE employee_id = ? "
                           "ORDER BY effective_on, version", (employee_id.hex,)).fetchall()
    events: dict[int, Any] = {e.originator_version: e
                              for e in service.events.get(employee_id)}
    return [TimelineEntry(
        version=row["version"], effective_on=date.fromisoformat(row["effective_on"]),
        recorded_at=datetime.fromisoformat(row["recorded_at"]), kind=row["kind"],
        actor_user=row["actor_user"], actor_role=row["actor_role"],
        legal_number=row["legal_number"], has_reason=bool(row["has_reason"]),
        status=row["status"], changed_by_version=row["changed_by_version"],
        details=details(events[row["version"]]))
        for row in rows if row["version"] in events]
