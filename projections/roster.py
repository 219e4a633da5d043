"""Roster view: one row per employee with today's state, for HR lists and dashboards.

The runner keeps each employee's aggregate in memory and applies every event to it with the
domain's own code, so corrections, annulments and backdated actions fold exactly as in the
record itself. An employee this runner has not seen at the previous version (after a restart,
or when another runner applied events) is loaded from the event store at that version.
Personal fields are opened through the vault and show the erasure marker once the key is gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from domain.employee import Employee
from domain.privacy import ERASED
from domain.regulations import retirement_on
from projections.store import Sql
from projections.views import View

ERASED_MARK = str(ERASED)


@dataclass
class Entry:
    """What the view holds of one employee between batches."""

    employee: Employee
    personal: dict[str, Any]


class RosterView(View):
    """One row per employee, as the actions in force say today."""

    name = "roster"
    tables = ("roster",)
    MAX_ENTRIES = 50_000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._entries: dict[UUID, Entry] = {}
        self._dirty: set[UUID] = set()

    def create(self, sql: Sql) -> None:
        sql.execute(
            f"CREATE TABLE IF NOT EXISTS {self.table('roster')} ("
            "employee_id TEXT PRIMARY KEY, version INTEGER NOT NULL, "
            "name TEXT NOT NULL, nip TEXT NOT NULL, birth_on TEXT, "
            "government_id TEXT NOT NULL, agency_id TEXT NOT NULL, unit_id TEXT NOT NULL, "
            "position_id TEXT, position_type TEXT, grade TEXT NOT NULL, "
            "grade_group TEXT NOT NULL, grade_since TEXT NOT NULL, "
            "employment_type TEXT NOT NULL, status TEXT NOT NULL, appointed_on TEXT NOT NULL, "
            "training_year INTEGER, training_jp REAL NOT NULL, rating TEXT, rating_year INTEGER, "
            "retirement_on TEXT, separated_on TEXT)")
        sql.execute(f"CREATE INDEX IF NOT EXISTS view_roster_agency "
                    f"ON {self.table('roster')} (agency_id, status)")

    def apply(self, sql: Sql, event: Any, notification_id: int) -> None:
        if not isinstance(event, Employee.Event):
            return
        employee_id, version = event.originator_id, event.originator_version
        entry = self._entries.get(employee_id)
        if isinstance(event, Employee.Enrolment):
            employee = event.mutate(None)
            assert isinstance(employee, Employee)
            entry = Entry(employee, self._personal(employee))
        elif entry is not None and entry.employee.version == version - 1:
            event.mutate(entry.employee)
            if isinstance(event, (Employee.PersonalDataCorrected,
                                  Employee.PersonalDataErased)):
                entry.personal = self._personal(entry.employee)
        else:
            employee = self.service.employee_at(employee_id, version)
            entry = Entry(employee, self._personal(employee))
        if len(self._entries) >= self.MAX_ENTRIES and not self._dirty:
            self._entries.clear()  # bound memory on province-scale rebuilds
        self._entries[employee_id] = entry
        self._dirty.add(employee_id)

    def finish(self, sql: Sql) -> None:
        rows = [self._row(employee_id, self._entries[employee_id])
                for employee_id in self._dirty]
        self._dirty.clear()
        if not rows:
            return
        columns = list(rows[0])
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "employee_id")
        sql.executemany(
            f"INSERT INTO {self.table('roster')} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)}) "
            f"ON CONFLICT (employee_id) DO UPDATE SET {updates}",
            [list(row.values()) for row in rows])

    def discard(self) -> None:
        self._entries.clear()  # they may hold events of the rolled-back batch
        self._dirty.clear()

    def _personal(self, employee: Employee) -> dict[str, Any]:
        return {name: self.service.vault.open(employee.subject_id, name,
                                              employee.personal.get(name))
                for name in ("name", "nip", "birth_on")}

    @staticmethod
    def _row(employee_id: UUID, entry: Entry) -> dict[str, Any]:
        state, personal = entry.employee.state, entry.personal
        assert state.grade is not None and state.appointed_on is not None
        assert state.grade_since is not None and state.status is not None
        assert state.employment_type is not None
        birth = personal.get("birth_on")
        birth_on = date.fromisoformat(birth) if isinstance(birth, str) else None
        training_year = max(state.training_jp) if state.training_jp else None
        rating_year = max(state.appraisals) if state.appraisals else None
        return {
            "employee_id": employee_id.hex, "version": entry.employee.version,
            "name": _display(personal.get("name")), "nip": _display(personal.get("nip")),
            "birth_on": birth_on.isoformat() if birth_on else None,
            "government_id": _hex(state.government_id),
            "agency_id": _hex(state.agency_id), "unit_id": _hex(state.unit_id),
            "position_id": _hex(state.position_id),
            "position_type": state.position_type.value if state.position_type else None,
            "grade": state.grade.code, "grade_group": state.grade.group,
            "grade_since": state.grade_since.isoformat(),
            "employment_type": state.employment_type.value, "status": state.status.value,
            "appointed_on": state.appointed_on.isoformat(), "training_year": training_year,
            "training_jp": state.training_jp.get(training_year, 0.0) if training_year else 0.0,
            "rating": state.appraisals[rating_year].value if rating_year else None,
            "rating_year": rating_year,
            "retirement_on": (retirement_on(birth_on, state.retirement_age).isoformat()
                              if birth_on else None),
            "separated_on": state.separated_on.isoformat() if state.separated_on else None,
        }


def _display(value: Any) -> str:
    return ERASED_MARK if value is ERASED or value is None else str(value)


def _hex(value: UUID | None) -> str | None:
    return value.hex if value is not None else None
