"""Events written past the domain's checks, as a store written before the checks may hold them:
a NUL in a name, a training title and a decree number."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain import clock
from domain.employee import Employee
from domain.personnel_service import PersonnelService
from domain.values import JpHours, LegalBasis, TrainingType
from tests.builders.personnel import HR

POISON = "\x00"
POISONED_NAME = f"Siti{POISON}Aminah"
POISONED_TITLE = f"Literasi{POISON}Data"
POISONED_DECREE = f"800/{POISON}/BKPSDM"


def record_poisoned_events(service: PersonnelService, employee_id: UUID, on: date) -> int:
    """Correct the employee's name and record a training, each with a NUL, as an old store
    holds them: created as the decoder creates a stored event, past the checks a command runs
    (domain/event_rules.py); returns the last event's position."""
    employee: Employee = service.repository.get(employee_id)
    subject = employee.subject_id
    for event_class, fields in (
            (Employee.PersonalDataCorrected, {
                "field_name": "name", "value": service.vault.seal(subject, "name", POISONED_NAME),
                "legal_basis": None, "reason": service.vault.seal(subject, "reason", "salah")}),
            (Employee.TrainingCompleted, {
                "training_type": TrainingType.TECHNICAL, "title": POISONED_TITLE,
                "hours_jp": JpHours(8), "topics": (),
                "legal_basis": LegalBasis(POISONED_DECREE, on), "reason": None})):
        event: Any = object.__new__(event_class)
        object.__setattr__(event, "__dict__", {
            "originator_id": employee.id, "originator_version": employee.version + 1,
            "timestamp": clock.now(), "effective_on": on, "actor": HR, **fields})
        event.mutate(employee)
        employee.pending_events.append(event)
    service.save(employee)
    return service.recorder.max_notification_id() or 0
