"""Bitemporal history: any employee, agency or government as in force on a date (by TMT) and
as known to the system at a time (by recording time).

"As in force on D" folds the actions in force today up to D. "As known at T" first finds,
through the timeline view's (employee, version, recorded_at) index, the last version recorded
at or before T, loads the record at that version and folds it up to D. Only one employee's
events are read per employee; current records come from the service's aggregate cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from domain.employee_rules import EmployeeState
from domain.personnel_service import PersonnelService
from projections.views.runner import Projections


@dataclass(frozen=True)
class HistoricalState:
    """An employee's state, and which version of the record it was read from."""

    employee_id: UUID
    version: int
    state: EmployeeState


def version_known_at(projections: Projections, employee_id: UUID, at: datetime) -> int | None:
    """The last version of the record that had been recorded at `at` (None: not yet known)."""
    timeline = projections.views["timeline"].table("timeline")
    with projections.store.read() as sql:
        row = sql.execute(f"SELECT MAX(version) AS v FROM {timeline} "
                          "WHERE employee_id = ? AND recorded_at <= ?",
                          (employee_id.hex, at.isoformat())).fetchone()
    return None if row is None or row["v"] is None else int(row["v"])


def employee_state(service: PersonnelService, projections: Projections, employee_id: UUID, *,
                   in_force_on: date, known_at: datetime | None = None
                   ) -> HistoricalState | None:
    """The employee as in force on `in_force_on`, as known now or at `known_at`."""
    if known_at is None:
        employee = service.get_employee(employee_id)
    else:
        version = version_known_at(projections, employee_id, known_at)
        if version is None:
            return None
        employee = service.employee_at(employee_id, version)
    if employee.state.appointed_on is None:
        return None
    return HistoricalState(employee_id, employee.version, employee.state_on(in_force_on))


def agency_roster(service: PersonnelService, projections: Projections, agency_id: UUID, *,
                  in_force_on: date, known_at: datetime | None = None
                  ) -> list[HistoricalState]:
    """Everyone employed by the agency on `in_force_on` (as known then or now)."""
    return [h for h in government_roster(service, projections,
                                         _government_of(projections, agency_id),
                                         in_force_on=in_force_on, known_at=known_at)
            if h.state.agency_id == agency_id]


def government_roster(service: PersonnelService, projections: Projections,
                      government_id: UUID, *, in_force_on: date,
                      known_at: datetime | None = None) -> list[HistoricalState]:
    """Everyone employed by the government on `in_force_on` (as known then or now).

    An employee never changes government, so the roster view names every candidate.
    """
    roster = projections.views["roster"].table("roster")
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT employee_id FROM {roster} WHERE government_id = ? "
                           "AND appointed_on <= ? ORDER BY employee_id",
                           (government_id.hex, in_force_on.isoformat())).fetchall()
    found = []
    for row in rows:
        historical = employee_state(service, projections, UUID(row["employee_id"]),
                                    in_force_on=in_force_on, known_at=known_at)
        if historical is not None and historical.state.is_active:
            found.append(historical)
    return found


def _government_of(projections: Projections, agency_id: UUID) -> UUID:
    agencies = projections.views["organisation"].table("agencies")
    with projections.store.read() as sql:
        row = sql.execute(f"SELECT government_id FROM {agencies} WHERE id = ?",
                          (agency_id.hex,)).fetchone()
    if row is None:
        raise LookupError(f"unknown agency {agency_id}")
    return UUID(row["government_id"])
