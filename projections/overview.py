"""A small organisation overview (governments, agencies, active employees) read from events.

It reads only the events that change these numbers, and loads an employee's whole record
only when a correction or annulment touched it. Until the roster projection exists it is
recomputed when the event store has grown, and cached per service otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID
from weakref import WeakKeyDictionary

from eventsourcing.utils import get_topic

from domain.employee import Employee
from domain.organisation import Agency, Government
from domain.service import PersonnelService


@dataclass
class AgencyCount:
    id: UUID
    name: str
    active: int = 0


@dataclass
class GovernmentOverview:
    id: UUID
    code: str
    name: str
    province: str
    agencies: list[AgencyCount] = field(default_factory=list)

    @property
    def active(self) -> int:
        return sum(a.active for a in self.agencies)


_TOPICS = tuple(get_topic(cls) for cls in (
    Government.Established, Agency.Established, Employee.Appointed, Employee.RecordOpened,
    Employee.Transferred, Employee.Separated, Employee.ActionCorrected, Employee.ActionAnnulled,
))
_cache: WeakKeyDictionary[PersonnelService, tuple[int, list[GovernmentOverview]]] = (
    WeakKeyDictionary())


def organisation_overview(service: PersonnelService) -> list[GovernmentOverview]:
    """Governments in name order, each with its agencies and active-employee counts."""
    last = service.recorder.max_notification_id() or 0
    cached = _cache.get(service)
    if cached is not None and cached[0] == last:
        return cached[1]
    result = _compute(service, last)
    _cache[service] = (last, result)
    return result


def _compute(service: PersonnelService, last: int) -> list[GovernmentOverview]:
    governments: dict[UUID, GovernmentOverview] = {}
    agencies: dict[UUID, tuple[UUID, AgencyCount]] = {}
    placed: dict[UUID, UUID | None] = {}  # employee -> agency while active, None once separated
    revisited: set[UUID] = set()
    start = 1
    while start <= last:
        batch = service.recorder.select_notifications(start, 1000, stop=last, topics=_TOPICS)
        if not batch:
            break
        for notification in batch:
            event: Any = service.mapper.to_domain_event(notification)
            _apply(event, governments, agencies, placed, revisited)
        start = batch[-1].id + 1
    for employee_id in revisited:
        state = service.get_employee(employee_id).state
        placed[employee_id] = state.agency_id if state.is_active else None
    for agency_id in placed.values():
        if agency_id is not None and agency_id in agencies:
            agencies[agency_id][1].active += 1
    for government_id, agency in agencies.values():
        governments[government_id].agencies.append(agency)
    for government in governments.values():
        government.agencies.sort(key=lambda a: a.name)
    return sorted(governments.values(), key=lambda g: g.name)


def _apply(event: Any, governments: dict[UUID, GovernmentOverview],
           agencies: dict[UUID, tuple[UUID, AgencyCount]], placed: dict[UUID, UUID | None],
           revisited: set[UUID]) -> None:
    if isinstance(event, Government.Established):
        governments[event.originator_id] = GovernmentOverview(
            event.originator_id, event.code, event.name, event.province)
    elif isinstance(event, Agency.Established):
        agencies[event.originator_id] = (event.government_id,
                                         AgencyCount(event.originator_id, event.name))
    elif isinstance(event, Employee.Enrolment):
        placed[event.originator_id] = event.agency_id
    elif isinstance(event, Employee.Transferred):
        placed[event.originator_id] = event.to_agency_id
    elif isinstance(event, Employee.Separated):
        placed[event.originator_id] = None
    else:  # a correction or annulment: the record itself says what holds now
        revisited.add(event.originator_id)
