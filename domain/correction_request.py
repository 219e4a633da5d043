"""An employee's request to correct their own personal data, and HR's decision on it.

The request is its own small aggregate (topic `domain.correction_request:CorrectionRequest.*`),
so asking never contends with HR recording actions on the employee's record. The new value and
every reason are sealed under the employee's subject key, like the record's personal fields:
erasing the person leaves a request that names nothing. Approving records the existing
personal-data correction on the record (domain/correction_request_service.py).
"""

from __future__ import annotations

from enum import Enum
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain import clock
from domain.errors import DomainError
from domain.events import RecordedEvent
from domain.privacy import Sealed
from domain.values import Actor


class RequestStatus(Enum):
    """Where a request stands: waiting for HR, approved (recorded), or refused."""

    REQUESTED = "requested"
    APPROVED = "approved"
    REFUSED = "refused"


class CorrectionRequest(Aggregate):
    """Permintaan koreksi data pribadi: one field, its asked-for value, the employee's reason."""

    class Event(RecordedEvent):
        pass

    class Requested(Event, Aggregate.Created):
        employee_id: UUID
        subject_id: UUID
        field_name: str
        value: Sealed
        reason: Sealed

        def apply(self, aggregate: CorrectionRequest) -> None:
            aggregate.employee_id, aggregate.subject_id = self.employee_id, self.subject_id
            aggregate.field_name, aggregate.value = self.field_name, self.value
            aggregate.reason, aggregate.status = self.reason, RequestStatus.REQUESTED
            aggregate.refusal = None

    def __init__(self, employee_id: UUID, subject_id: UUID, field_name: str, value: Sealed,
                 reason: Sealed) -> None:
        self.employee_id, self.subject_id, self.field_name = employee_id, subject_id, field_name
        self.value, self.reason = value, reason
        self.status = RequestStatus.REQUESTED
        self.refusal: Sealed | None = None

    @classmethod
    def ask(cls, *, employee_id: UUID, subject_id: UUID, field_name: str, value: Sealed,
            reason: Sealed, actor: Actor, id: UUID | None = None) -> CorrectionRequest:
        return cls._create(cls.Requested, id=id, employee_id=employee_id, subject_id=subject_id,
                           field_name=field_name, value=value, reason=reason,
                           effective_on=clock.now().date(), actor=actor, legal_basis=None)

    def check_open(self) -> None:
        """Raised when the request was already approved or refused."""
        if self.status is not RequestStatus.REQUESTED:
            raise DomainError("CORRECTION_REQUEST_DECIDED", field="id")

    def approve(self, *, actor: Actor) -> None:
        self.check_open()
        self.trigger_event(self.Approved, effective_on=clock.now().date(), actor=actor,
                           legal_basis=None)

    def refuse(self, *, reason: Sealed, actor: Actor) -> None:
        self.check_open()
        self.trigger_event(self.Refused, effective_on=clock.now().date(), actor=actor,
                           legal_basis=None, reason=reason)

    class Approved(Event):
        def apply(self, aggregate: CorrectionRequest) -> None:
            aggregate.status = RequestStatus.APPROVED

    class Refused(Event):
        reason: Sealed

        def apply(self, aggregate: CorrectionRequest) -> None:
            aggregate.status, aggregate.refusal = RequestStatus.REFUSED, self.reason
