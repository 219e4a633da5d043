"""Commands of citizens' voice (`service.voice`): the holiday calendar, service units and
their standards, and complaints with their SP4N-LAPOR! deadlines in working days."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID, uuid4

from domain import clock
from domain.application import RekamApplication, command
from domain.checks import check_text, checked_code, checked_contact
from domain.complaint import Complaint, complaint_id, tracking_hash
from domain.errors import ConcurrencyConflictError, DomainError
from domain.holidays import HolidayCalendar, calendar_id, seed_holidays
from domain.organisation import Agency
from domain.privacy import Sealed
from domain.regulations import (
    COMPLAINT_ANSWER_WORKING_DAYS,
    COMPLAINT_OLDEST_YEARS,
    COMPLAINT_RESOLVE_DAYS,
    COMPLAINT_VERIFY_WORKING_DAYS,
)
from domain.service_unit import ServiceUnit, service_unit_id
from domain.values import Actor, Role
from domain.voice_values import ComplaintCategory, HolidayKind, RejectionReason, Resolution
from domain.working_days import add_working_days

CITIZEN = Actor("public", Role.CITIZEN)
DESCRIPTION_MIN, DESCRIPTION_MAX = 20, 4000
# Without 0/O, 1/I/L: a code read over the telephone or copied by hand survives.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


@dataclass(frozen=True)
class Receipt:
    """What the citizen takes away: the ticket number and the secret tracking code, shown
    once (only the code's hash is stored)."""

    ticket: str
    code: str


def _random(length: int) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


class VoiceService:
    """Holiday calendar, service units and complaints, recorded in the application's store."""

    def __init__(self, app: RekamApplication) -> None:
        self.app = app

    # -- holiday calendar ----------------------------------------------------------------

    def calendar(self, year: int) -> HolidayCalendar | None:
        """The year's calendar as edited, or None when nobody has opened it (seed in force)."""
        try:
            return self.app.load(calendar_id(year), HolidayCalendar, "Kalender libur")
        except DomainError:
            return None

    def days_off(self, first_year: int, last_year: int) -> frozenset[date]:
        """Every national holiday and cuti bersama from `first_year` to `last_year`."""
        days: set[date] = set()
        for year in range(first_year, last_year + 1):
            found = self.calendar(year)
            days |= set(found.days) if found is not None else {d.on for d in seed_holidays(year)}
        return frozenset(days)

    def working_days_after(self, start: date, count: int) -> date:
        """The `count`-th working day after `start`, by the holiday calendars."""
        days_off = self.days_off(start.year, start.year + 1 + count // 200)
        return add_working_days(start, count, days_off)

    def _opened(self, year: int, actor: Actor) -> HolidayCalendar:
        found = self.calendar(year)
        if found is None:
            found = HolidayCalendar.open(year=year, effective_on=clock.now().date(), actor=actor)
        return found

    @command
    def set_holiday(self, *, on: date, kind: HolidayKind, name: str, actor: Actor) -> None:
        calendar = self._opened(on.year, actor)
        calendar.set_day(on=on, kind=kind, name=name, effective_on=clock.now().date(),
                         actor=actor)
        self.app.record(calendar)

    @command
    def remove_holiday(self, *, on: date, actor: Actor) -> None:
        calendar = self._opened(on.year, actor)
        calendar.remove_day(on=on, effective_on=clock.now().date(), actor=actor)
        self.app.record(calendar)

    # -- service units -------------------------------------------------------------------

    def get_unit(self, unit_id: UUID) -> ServiceUnit:
        return self.app.load(unit_id, ServiceUnit, "Unit pelayanan")

    @command
    def open_service_unit(self, *, agency_id: UUID, code: str, name: str, address: str,
                          actor: Actor) -> UUID:
        agency = self.app.load(agency_id, Agency, "Perangkat daerah")
        if service_unit_id(checked_code(code)) in self.app.repository:
            raise DomainError("SERVICE_UNIT_CODE_TAKEN", field="code")
        unit = ServiceUnit.open(government_id=agency.government_id, agency_id=agency_id,
                                code=code, name=name, address=address,
                                effective_on=clock.now().date(), actor=actor)
        self.app.record(unit)
        return unit.id

    @command
    def set_service(self, unit_id: UUID, *, name: str, requirements: str, duration: str,
                    cost: str, actor: Actor, service_id: UUID | None = None) -> UUID:
        unit = self.get_unit(unit_id)
        if service_id is not None:
            unit.check_service(service_id)
        service_id = service_id or uuid4()
        unit.set_service(service_id=service_id, name=name, requirements=requirements,
                         duration=duration, cost=cost, effective_on=clock.now().date(),
                         actor=actor)
        self.app.record(unit)
        return service_id

    @command
    def withdraw_service(self, unit_id: UUID, *, service_id: UUID, actor: Actor) -> None:
        unit = self.get_unit(unit_id)
        unit.withdraw_service(service_id=service_id, effective_on=clock.now().date(),
                              actor=actor)
        self.app.record(unit)

    # -- complaints ----------------------------------------------------------------------

    def get_complaint(self, ticket_or_id: str | UUID) -> Complaint:
        cid = ticket_or_id if isinstance(ticket_or_id, UUID) else complaint_id(ticket_or_id)
        return self.app.load(cid, Complaint, "Pengaduan")

    def track(self, ticket: str, code: str) -> Complaint:
        """The complaint whose ticket and tracking code both match (one refusal for either)."""
        ticket = "".join(ticket.split()).upper()
        try:
            complaint = self.get_complaint(ticket)
        except DomainError:
            raise DomainError("COMPLAINT_NOT_FOUND", field="code") from None
        complaint.check_code(code)
        return complaint

    @command
    def submit_complaint(self, *, unit_id: UUID, service_id: UUID | None,
                         category: ComplaintCategory, happened_on: date, description: str,
                         contact: str | None, is_anonymous: bool) -> Receipt:
        """Pengaduan from the public form: sealed under a new subject of its own."""
        unit = self.get_unit(unit_id)
        if service_id is not None:
            unit.check_service(service_id)
        today = clock.now().date()
        if happened_on < today.replace(year=today.year - COMPLAINT_OLDEST_YEARS, day=1):
            raise DomainError("COMPLAINT_TOO_OLD", field="happened_on",
                              years=COMPLAINT_OLDEST_YEARS)
        description = _checked_description(description)
        contact = checked_contact(contact)
        if is_anonymous and contact is not None:
            raise DomainError("COMPLAINT_ANONYMOUS_WITH_CONTACT", field="contact")
        ticket = f"ADU-{today.year}-{_random(6)}"
        code = _random(12)
        subject = uuid4()
        vault = self.app.vault
        complaint = Complaint.submit(
            ticket=ticket, government_id=unit.government_id, agency_id=unit.agency_id,
            unit_id=unit_id,
            service_id=service_id, category=category, happened_on=happened_on,
            subject_id=subject, description=vault.seal(subject, "description", description,
                                                      is_new=True),
            contact=vault.seal(subject, "contact", contact) if contact else None,
            is_anonymous=is_anonymous, tracking_hash=tracking_hash(code),
            received_on=today,
            verify_by=self.working_days_after(today, COMPLAINT_VERIFY_WORKING_DAYS),
            resolve_by=today + timedelta(days=COMPLAINT_RESOLVE_DAYS), actor=CITIZEN)
        self.app.record(complaint)
        return Receipt(ticket, f"{code[:4]}-{code[4:8]}-{code[8:]}")

    def _staff(self, complaint_key: UUID, version: int | None) -> Complaint:
        complaint = self.get_complaint(complaint_key)
        if version is not None and complaint.version != version:
            raise ConcurrencyConflictError(current=complaint.version, expected=version)
        return complaint

    @command
    def verify_complaint(self, complaint_key: UUID, *, actor: Actor,
                         version: int | None = None) -> None:
        complaint, today = self._staff(complaint_key, version), clock.now().date()
        complaint.verify(answer_by=self.working_days_after(today, COMPLAINT_ANSWER_WORKING_DAYS),
                         effective_on=today, actor=actor)
        self.app.record(complaint)

    @command
    def reject_complaint(self, complaint_key: UUID, *, reason: RejectionReason, note: str,
                         actor: Actor, version: int | None = None) -> None:
        complaint = self._staff(complaint_key, version)
        complaint.reject(reason=reason, note=note, effective_on=clock.now().date(), actor=actor)
        self.app.record(complaint)

    @command
    def assign_complaint(self, complaint_key: UUID, *, unit_id: UUID, actor: Actor,
                         version: int | None = None) -> None:
        complaint, today = self._staff(complaint_key, version), clock.now().date()
        unit = self.get_unit(unit_id)
        if unit.government_id != complaint.government_id:
            raise DomainError("SERVICE_UNIT_OUTSIDE_GOVERNMENT", field="unit_id")
        complaint.assign(agency_id=unit.agency_id, unit_id=unit_id,
                         answer_by=self.working_days_after(today, COMPLAINT_ANSWER_WORKING_DAYS),
                         effective_on=today, actor=actor)
        self.app.record(complaint)

    @command
    def answer_complaint(self, complaint_key: UUID, *, answer: str, actor: Actor,
                         version: int | None = None) -> None:
        complaint = self._staff(complaint_key, version)
        complaint.answer(answer=answer, effective_on=clock.now().date(), actor=actor)
        self.app.record(complaint)

    @command
    def close_complaint(self, complaint_key: UUID, *, resolution: Resolution, actor: Actor,
                        version: int | None = None) -> None:
        complaint = self._staff(complaint_key, version)
        complaint.close(resolution=resolution, effective_on=clock.now().date(), actor=actor)
        self.app.record(complaint)

    @command
    def erase_complainant(self, complaint_key: UUID, *, actor: Actor) -> None:
        """Hapus data pengadu after retention (UU PDP Pasal 43): destroy the complaint's key,
        then record it. The ticket, unit, category, steps and the unit's answer stay."""
        complaint = self.get_complaint(complaint_key)
        complaint.record_erasure(effective_on=clock.now().date(), actor=actor)
        self.app.vault.erase(complaint.subject_id)
        self.app.record(complaint)

    @command
    def reopen_complaint(self, *, ticket: str, code: str, reason: str) -> None:
        """The complainant, with the tracking code, says the answer did not settle it."""
        complaint, today = self.track(ticket, code), clock.now().date()
        if complaint.is_erased:  # before sealing: a destroyed key is never made again
            raise DomainError("COMPLAINT_ERASED_NOT_REOPENED", field="reason")
        reason = _checked_description(reason)
        sealed: Sealed = self.app.vault.seal(complaint.subject_id,
                                             f"reopen_reason_{complaint.reopen_count + 1}",
                                             reason)
        complaint.reopen(code=code, reason=sealed,
                         answer_by=self.working_days_after(today, COMPLAINT_ANSWER_WORKING_DAYS),
                         effective_on=today, actor=CITIZEN)
        self.app.record(complaint)


def _checked_description(text: str) -> str:
    check_text(text.replace("\n", " ").replace("\r", " ").replace("\t", " "), "description")
    text = "\n".join(" ".join(line.split()) for line in text.strip().splitlines())
    if not DESCRIPTION_MIN <= len(text) <= DESCRIPTION_MAX:
        raise DomainError("COMPLAINT_DESCRIPTION_INVALID", field="description",
                          shortest=DESCRIPTION_MIN, longest=DESCRIPTION_MAX)
    return text
