"""Service units (unit pelayanan) and their service standards (standar pelayanan).

A service unit is a place of an agency that serves the public (a Dukcapil office, a
puskesmas, a licensing desk); each of its services publishes what a citizen must bring, how
long it takes and what it costs (UU 25/2009 Ps 21). Complaints attach to a unit or a service,
never to a named employee (leave-pay-voice-rules §0). The unit's id follows from its code, so a
code is taken once in the whole store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.checks import check_text, checked_code, checked_name
from domain.errors import DomainError
from domain.events import RecordedEvent
from domain.values import Actor

STANDARD_TEXT_MAX = 2000


def service_unit_id(code: str) -> UUID:
    """The id of the service unit with `code` (codes are unique in the store)."""
    return uuid5(NAMESPACE_URL, f"rekam:service-unit:{code}")


def checked_standard_text(text: str, field: str) -> str:
    """A requirement, time or cost text: kept as typed (lines matter), at most 2,000 characters."""
    check_text(text.replace("\n", " ").replace("\r", " "), field)
    text = "\n".join(line.strip() for line in text.strip().splitlines())
    if not text or len(text) > STANDARD_TEXT_MAX:
        raise DomainError("STANDARD_TEXT_INVALID", field=field)
    return text


@dataclass(frozen=True)
class ServiceStandard:
    """Standar pelayanan of one service: its requirements, time to completion and cost."""

    id: UUID
    name: str
    requirements: str
    duration: str
    cost: str


class ServiceUnit(Aggregate):
    """Unit penyelenggara pelayanan publik of an agency, with its services."""

    class Event(RecordedEvent):
        pass

    class Opened(Event, Aggregate.Created):
        government_id: UUID
        agency_id: UUID
        code: str
        name: str
        address: str

        def apply(self, aggregate: ServiceUnit) -> None:
            aggregate.services = {}

    class ServiceSet(Event):
        service: ServiceStandard

        def apply(self, aggregate: ServiceUnit) -> None:
            aggregate.services[self.service.id] = self.service

    class ServiceWithdrawn(Event):
        service_id: UUID

        def apply(self, aggregate: ServiceUnit) -> None:
            aggregate.services.pop(self.service_id, None)

    def __init__(self, government_id: UUID, agency_id: UUID, code: str, name: str,
                 address: str) -> None:
        self.government_id, self.agency_id = government_id, agency_id
        self.code, self.name, self.address = code, name, address
        self.services: dict[UUID, ServiceStandard] = {}

    @classmethod
    def open(cls, *, government_id: UUID, agency_id: UUID, code: str, name: str,
             address: str, effective_on: date, actor: Actor) -> ServiceUnit:
        code = checked_code(code)
        return cls._create(cls.Opened, id=service_unit_id(code), government_id=government_id,
                           agency_id=agency_id, code=code, name=checked_name(name),
                           address=checked_name(address, "address"),
                           effective_on=effective_on, actor=actor, legal_basis=None)

    def set_service(self, *, service_id: UUID, name: str, requirements: str, duration: str,
                    cost: str, effective_on: date, actor: Actor) -> None:
        service = ServiceStandard(service_id, checked_name(name),
                                  checked_standard_text(requirements, "requirements"),
                                  checked_standard_text(duration, "duration"),
                                  checked_standard_text(cost, "cost"))
        if any(s.name.casefold() == service.name.casefold() and s.id != service_id
               for s in self.services.values()):
            raise DomainError("SERVICE_NAME_TAKEN", field="name")
        if self.services.get(service_id) == service:
            raise DomainError("SERVICE_UNCHANGED", field="name")
        self.trigger_event(self.ServiceSet, service=service, effective_on=effective_on,
                           actor=actor, legal_basis=None)

    def withdraw_service(self, *, service_id: UUID, effective_on: date, actor: Actor) -> None:
        self.check_service(service_id)
        self.trigger_event(self.ServiceWithdrawn, service_id=service_id,
                           effective_on=effective_on, actor=actor, legal_basis=None)

    def check_service(self, service_id: UUID) -> None:
        """Raise unless `service_id` is a current service of this unit."""
        if service_id not in self.services:
            raise DomainError("SERVICE_NOT_IN_UNIT", field="service_id")
