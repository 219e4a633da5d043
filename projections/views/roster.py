"""Roster view: one row per employee with today's state, for HR lists and dashboards.

Rows are folded with the domain's own `fold`, in effective-date order. For each employee the
runner keeps in memory the state as of some recent action plus the few actions after it, so
a new action folds onto the current state and a backdated one (entered late, as happens every
week in a personnel office) re-folds only that short tail. Anything older — a correction, an
annulment, a long-backdated action, or an employee this runner has not seen at the previous
version (after a restart, or when another runner applied events) — is recomputed from the
record at that version. Only the employees changed most recently are kept (`KEEP`). Personal
fields are opened through the vault and show the erasure marker once the key is gone.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from domain.employee import Employee
from domain.employee_rules import EmployeeState
from domain.privacy import ERASED
from domain.regulations import retirement_on
from projections.stores.view_store import Sql
from projections.views.base import View

ERASED_MARK = str(ERASED)
TAIL = 3  # actions kept unfolded per employee: enough for the backdating seen in practice
# Employees kept in memory between batches; one not kept is read from the event store (with
# its snapshot) when its next event comes. Bounds the memory of a province-sized runner.
KEEP = 5000


def _key(action: Employee.Action) -> tuple[date, int]:
    return (action.effective_on, action.originator_version)


@dataclass
class Entry:
    """What the view holds of one employee between batches."""

    version: int
    base: EmployeeState  # the state before the tail
    tail: list[Employee.Action]  # the latest actions in effective-date order
    state: EmployeeState  # base folded with the tail: the row's state
    personal: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, version: int, actions: list[Employee.Action],
           personal: dict[str, Any]) -> Entry:
        base = EmployeeState()
        for action in actions[:-TAIL]:
            action.fold(base)
        entry = cls(version, base, list(actions[-TAIL:]), base, personal)
        entry.refold()
        return entry

    def refold(self) -> None:
        state = self.base.copy()
        for action in self.tail:
            action.fold(state)
        self.state = state

    def add(self, action: Employee.Action) -> bool:
        """Fold in a new action; False when it falls before the tail (recompute instead)."""
        tail = self.tail
        if tail:  # most actions come after every one before them: no keys to build
            last, on = tail[-1], action.effective_on
            if on > last.effective_on or (on == last.effective_on
                                          and action.originator_version > last.originator_version):
                tail.append(action)
                action.fold(self.state)
                if len(tail) > TAIL:
                    tail.pop(0).fold(self.base)
                return True
        if not tail or _key(action) < _key(tail[0]):
            return False
        insort(tail, action, key=_key)
        self.refold()
        if len(tail) > TAIL:
            tail.pop(0).fold(self.base)
        return True


class RosterView(View):
    """One row per employee, as the actions in force say today."""

    name = "roster"
    tables = ("roster",)
    topic_prefixes = ("domain.employee:",)
    stages = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._entries: dict[UUID, Entry] = {}
        self._dirty: set[UUID] = set()
        self._last: tuple[UUID | None, Entry | None] = (None, None)  # the latest applied

    def create_tables(self, sql: Sql) -> None:
        sql.execute(
            f"CREATE TABLE IF NOT EXISTS {self.table('roster')} ("
            "employee_id TEXT PRIMARY KEY, version INTEGER NOT NULL, "
            "name TEXT NOT NULL, nip TEXT NOT NULL, birth_on TEXT, "
            "government_id TEXT NOT NULL, agency_id TEXT NOT NULL, unit_id TEXT NOT NULL, "
            "position_id TEXT, position_type TEXT, grade TEXT NOT NULL, "
            "grade_group TEXT NOT NULL, grade_since TEXT NOT NULL, "
            "employment_type TEXT NOT NULL, status TEXT NOT NULL, appointed_on TEXT NOT NULL, "
            "training_year INTEGER, training_jp REAL NOT NULL, rating TEXT, rating_year INTEGER, "
            f"retirement_on TEXT, separated_on TEXT){self.keyed}")
        if self.store.is_postgres:  # before any row: a rebuild's table too
            self._no_statistics_of_personal_columns(sql)

    def create_indexes(self, sql: Sql) -> None:
        sql.execute(f"CREATE INDEX IF NOT EXISTS view_roster_agency "
                    f"ON {self.table('roster')} (agency_id, status)")

    def _no_statistics_of_personal_columns(self, sql: Sql) -> None:
        """ANALYZE (autovacuum's too) copies sample values of each column into pg_statistic,
        a histogram of names and NIPs that no erasure reaches; the planner does without them."""
        table = self.table("roster")
        found = sql.execute("SELECT COUNT(*) AS n FROM pg_attribute WHERE attrelid = "
                            "?::regclass AND attname IN ('name', 'nip', 'birth_on') "
                            "AND attstattarget <> 0", (table,)).fetchone()
        if found["n"]:  # checked first: the ALTER waits for an autovacuum of the table
            sql.execute(f"ALTER TABLE {table} " + ", ".join(
                f"ALTER COLUMN {column} SET STATISTICS 0"
                for column in ("name", "nip", "birth_on")))

    def apply(self, sql: Any, event: Any, notification_id: int) -> None:
        if not isinstance(event, Employee.Event):
            return
        fields = event.__dict__
        employee_id, version = fields["originator_id"], fields["originator_version"]
        # A rebuild's scan hands one employee's events in a row with the same id object:
        # while it does, the entry is already the most recent one and marked changed.
        last_id, entry = self._last
        same = employee_id is last_id
        if not same:
            entry = self._entries.pop(employee_id, None)  # put back last: most recently used
        if isinstance(event, Employee.Enrolment):
            sealed = {name: fields[name] for name in ("name", "nip", "birth_on")}
            entry = Entry.of(version, [event], self._personal(event.subject_id, sealed))
        elif (entry is not None and entry.version == version - 1
              and isinstance(event, Employee.Action) and entry.add(event)):
            entry.version = version
            if same:
                return
        else:
            employee = self.service.employee_at(employee_id, version)
            entry = Entry.of(version, employee.in_force(),
                             self._personal(employee.subject_id, employee.personal))
        self._entries[employee_id] = entry
        self._dirty.add(employee_id)
        self._last = (employee_id, entry)

    def finish(self, sql: Sql) -> None:
        rows = [self._row(employee_id, self._entries[employee_id])
                for employee_id in self._dirty]
        self._dirty.clear()
        self._last = (None, None)
        while len(self._entries) > KEEP:  # forget the employees least recently changed
            del self._entries[next(iter(self._entries))]
        columns = self.COLUMNS
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "employee_id")
        sql.executemany(
            f"INSERT INTO {self.table('roster')} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)}) "
            f"ON CONFLICT (employee_id) DO UPDATE SET {updates}", rows)

    def discard(self) -> None:
        self._entries.clear()  # they may hold events of the rolled-back batch
        self._dirty.clear()
        self._last = (None, None)

    def _personal(self, subject_id: UUID, sealed: dict[str, Any]) -> dict[str, Any]:
        """The personal fields the roster shows, opened once per employee (or erased)."""
        opened = self.service.vault.open_fields(
            subject_id, {name: sealed.get(name) for name in ("name", "nip", "birth_on")})
        birth = opened["birth_on"]
        return {"name_text": _display(opened["name"]), "nip_text": _display(opened["nip"]),
                "birth_on_date": date.fromisoformat(birth) if isinstance(birth, str) else None}

    COLUMNS = ("employee_id", "version", "name", "nip", "birth_on", "government_id",
               "agency_id", "unit_id", "position_id", "position_type", "grade", "grade_group",
               "grade_since", "employment_type", "status", "appointed_on", "training_year",
               "training_jp", "rating", "rating_year", "retirement_on", "separated_on")

    @staticmethod
    def _row(employee_id: UUID, entry: Entry) -> tuple[Any, ...]:
        """The roster row, in COLUMNS order (a hot path of every rebuild)."""
        state, personal = entry.state, entry.personal
        grade = state.grade
        assert grade is not None and state.appointed_on is not None
        assert state.grade_since is not None and state.status is not None
        assert state.employment_type is not None and state.government_id is not None
        assert state.agency_id is not None and state.unit_id is not None
        birth_on = personal["birth_on_date"]
        training, appraisals = state.training_jp, state.appraisals
        training_year = max(training) if training else None
        rating_year = max(appraisals) if appraisals else None
        position_type = state.position_type
        return (
            employee_id.hex, entry.version, personal["name_text"],
            personal["nip_text"], birth_on.isoformat() if birth_on else None,
            state.government_id.hex, state.agency_id.hex, state.unit_id.hex,
            state.position_id.hex if state.position_id else None,
            position_type.value if position_type else None, grade.code, grade.group,
            state.grade_since.isoformat(), state.employment_type.value, state.status.value,
            state.appointed_on.isoformat(), training_year,
            training[training_year] if training_year else 0.0,
            appraisals[rating_year].value if rating_year else None, rating_year,
            retirement_on(birth_on, state.retirement_age).isoformat() if birth_on else None,
            state.separated_on.isoformat() if state.separated_on else None)


def _display(value: Any) -> str:
    return ERASED_MARK if value is ERASED or value is None else str(value)
