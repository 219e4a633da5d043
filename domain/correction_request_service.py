"""Commands of personal-data correction requests (`service.correction_requests`).

The employee asks (one field, the value they want, why); HR of their scope approves, which
records the personnel service's personal-data correction in the same unit of work as the
request's approval, or refuses with a reason. Who may decide is the web layer's access rule;
the value is checked here when asked and checked again in full (NIP consistency, a free
number) when approved.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Protocol
from uuid import UUID

from domain import clock
from domain.application import RekamApplication, command
from domain.checks import (
    check_birth_on,
    checked_contact,
    checked_name,
    checked_reason,
    parse_identity_number,
)
from domain.correction_request import CorrectionRequest
from domain.employee import PERSONAL_FIELDS
from domain.errors import DomainError
from domain.privacy import Erased
from domain.values import Actor, EmploymentType, Sex


class PersonalDataCorrections(Protocol):
    """The personnel command an approval runs (the personnel service has it)."""

    def correct_personal_data(self, employee_id: UUID, *, name: str | None = None,
                              nip: str | None = None, birth_on: date | None = None,
                              sex: Sex | None = None, contact: str | None = None,
                              effective_on: date, actor: Actor, reason: str | None,
                              expected_version: int | None = None) -> None: ...


class CorrectionRequestService:
    """Ask for, approve and refuse corrections of an employee's own personal data."""

    def __init__(self, app: RekamApplication, personnel: PersonalDataCorrections) -> None:
        self.app, self.personnel = app, personnel

    @command
    def request_correction(self, employee_id: UUID, *, field_name: str, value: str,
                           reason: str, actor: Actor, id: UUID | None = None,
                           waiting_fields: Collection[str] = ()) -> UUID:
        """Permintaan koreksi: refused when the field, the value or the reason is wrong, or
        when the field is among `waiting_fields` (those with a request still waiting for HR,
        as the caller's view of the requests knows them: a second would race the first)."""
        employee = self.app.get_employee(employee_id)
        if employee.is_erased:
            raise DomainError("SUBJECT_ERASED")
        if field_name in waiting_fields:
            raise DomainError("CORRECTION_ALREADY_ASKED", field="field_name")
        clear = _checked_value(field_name, value,
                               employee.state.employment_type or EmploymentType.PNS)
        reason_text = checked_reason(reason)
        if reason_text is None:
            raise DomainError("REASON_REQUIRED", field="reason")
        vault = self.app.vault
        request = CorrectionRequest.ask(
            employee_id=employee_id, subject_id=employee.subject_id, field_name=field_name,
            value=vault.seal(employee.subject_id, field_name, clear),
            reason=vault.seal(employee.subject_id, "reason", reason_text), actor=actor, id=id)
        self.app.record(request)
        return request.id

    @command
    def approve_correction(self, request_id: UUID, *, actor: Actor) -> None:
        """Record the asked-for value on the employee's record and close the request."""
        request = self.get(request_id)
        request.check_open()
        value, reason = self.opened(request)
        if isinstance(value, Erased) or value is None or not isinstance(reason, str):
            raise DomainError("SUBJECT_ERASED")
        changed: dict[str, object] = {request.field_name: value}
        if request.field_name == "birth_on":
            changed["birth_on"] = date.fromisoformat(value)
        elif request.field_name == "sex":
            changed["sex"] = Sex(value)
        self.personnel.correct_personal_data(
            request.employee_id, effective_on=clock.now().date(), actor=actor,
            reason=reason, **changed)  # type: ignore[arg-type]
        request.approve(actor=actor)
        self.app.record(request)

    @command
    def refuse_correction(self, request_id: UUID, *, reason: str, actor: Actor) -> None:
        """Close the request without a change; the employee reads the reason."""
        request = self.get(request_id)
        request.check_open()
        reason_text = checked_reason(reason)
        if reason_text is None:
            raise DomainError("REASON_REQUIRED", field="reason")
        request.refuse(reason=self.app.vault.seal(request.subject_id, "reason", reason_text),
                       actor=actor)
        self.app.record(request)

    def get(self, request_id: UUID) -> CorrectionRequest:
        return self.app.load(request_id, CorrectionRequest, "Permintaan koreksi")

    def opened(self, request: CorrectionRequest) -> tuple[str | Erased | None,
                                                         str | Erased | None]:
        """The asked-for value and the employee's reason, in clear (or erased)."""
        vault = self.app.vault
        return (vault.open(request.subject_id, request.field_name, request.value),
                vault.open(request.subject_id, "reason", request.reason))


def _checked_value(field_name: str, value: str, employment_type: EmploymentType) -> str:
    """The value in the form the record stores it, or the rule it breaks (at `value`)."""
    if field_name not in PERSONAL_FIELDS:
        raise DomainError("CORRECTION_FIELDS_INVALID", field="field_name",
                          allowed=list(PERSONAL_FIELDS))
    text = " ".join((value or "").split())
    try:
        if field_name == "name":
            return checked_name(text, "value")
        if field_name == "contact":
            contact = checked_contact(text)
            if contact is None:
                raise DomainError("PERSONAL_DATA_INVALID", field="value", detail="kontak")
            return contact
        if field_name == "birth_on":
            try:
                birth_on = date.fromisoformat(text)
            except ValueError:
                raise DomainError("BIRTH_DATE_IMPLAUSIBLE", field="value") from None
            check_birth_on(birth_on)
            return birth_on.isoformat()
        if field_name == "sex":
            return Sex(text).value
        return parse_identity_number(text, employment_type).digits
    except ValueError:
        raise DomainError("PERSONAL_DATA_INVALID", field="value", detail=field_name) from None
    except DomainError as refused:
        raise DomainError(refused.code, field="value", **refused.params) from None
