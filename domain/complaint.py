"""Complaints (pengaduan) about a public service, handled under SP4N-LAPOR! deadlines.

Lifecycle: received → verified (or rejected with a reason) → assigned to a service unit →
answered → closed (resolved, or closed without that) → reopened by the complainant with the
tracking code, and answered again. Each step is an event with its actor and time; the due
date of the next step is computed by the service (domain/voice_service.py) in working days and
stored in the event, so it stays as it was promised when the calendar is edited later.

What the complainant wrote (and any contact) is sealed under the complaint's own subject, like
an applicant's data: erasing that subject's key leaves the handling history and nothing
personal. The tracking code is never stored, only its SHA-256 (a 60-bit random code).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.checks import check_text
from domain.errors import DomainError
from domain.events import RecordedEvent
from domain.masking import mask
from domain.privacy import Sealed
from domain.values import Actor
from domain.voice_values import ComplaintCategory, ComplaintStatus, RejectionReason, Resolution

OPEN = (ComplaintStatus.RECEIVED, ComplaintStatus.VERIFIED, ComplaintStatus.ASSIGNED,
        ComplaintStatus.ANSWERED, ComplaintStatus.REOPENED)
ANSWER_MAX = 4000


def complaint_id(ticket: str) -> UUID:
    """The id of the complaint with `ticket` (a ticket number is issued once)."""
    return uuid5(NAMESPACE_URL, f"rekam:complaint:{ticket.upper()}")


def tracking_hash(code: str) -> str:
    """What is stored of a tracking code: its SHA-256, of the code as the citizen types it
    without spaces or dashes, in upper case."""
    normal = "".join(c for c in code.upper() if c.isalnum())
    return hashlib.sha256(normal.encode("ascii", "ignore")).hexdigest()


class Complaint(Aggregate):
    """Pengaduan: one citizen's complaint about a service unit (or one of its services)."""

    class Event(RecordedEvent):
        pass

    class Submitted(Event, Aggregate.Created):
        ticket: str
        government_id: UUID
        agency_id: UUID
        unit_id: UUID
        service_id: UUID | None
        category: ComplaintCategory
        happened_on: date
        subject_id: UUID
        description: Sealed
        contact: Sealed | None
        is_anonymous: bool
        tracking_hash: str
        verify_by: date
        resolve_by: date

        def apply(self, aggregate: Complaint) -> None:
            aggregate.status = ComplaintStatus.RECEIVED
            aggregate.due_on = self.verify_by
            aggregate.received_on = self.effective_on

    class Verified(Event):
        answer_by: date

        def apply(self, aggregate: Complaint) -> None:
            aggregate.status, aggregate.due_on = ComplaintStatus.VERIFIED, self.answer_by
            aggregate.verified_on = self.effective_on

    class Rejected(Event):
        reason: RejectionReason
        note: str

        def apply(self, aggregate: Complaint) -> None:
            aggregate.status, aggregate.due_on = ComplaintStatus.REJECTED, None
            aggregate.rejected_on = self.effective_on

    class Assigned(Event):
        agency_id: UUID
        unit_id: UUID
        answer_by: date

        def apply(self, aggregate: Complaint) -> None:
            aggregate.status, aggregate.unit_id = ComplaintStatus.ASSIGNED, self.unit_id
            aggregate.agency_id = self.agency_id
            aggregate.due_on = self.answer_by

    class Answered(Event):
        answer: str

        def apply(self, aggregate: Complaint) -> None:
            if aggregate.first_answered_on is None:  # the deadline it met or missed
                aggregate.first_answered_on = self.effective_on
                aggregate.first_answer_due_on = aggregate.due_on
            aggregate.status, aggregate.due_on = ComplaintStatus.ANSWERED, aggregate.resolve_by

    class Closed(Event):
        resolution: Resolution

        def apply(self, aggregate: Complaint) -> None:
            aggregate.status, aggregate.due_on = ComplaintStatus.CLOSED, None
            is_resolved = self.resolution is Resolution.RESOLVED
            aggregate.resolved_on = self.effective_on if is_resolved else None

    class Reopened(Event):
        reason: Sealed
        answer_by: date

        def apply(self, aggregate: Complaint) -> None:
            aggregate.status, aggregate.due_on = ComplaintStatus.REOPENED, self.answer_by
            aggregate.reopen_count += 1
            aggregate.resolved_on = None

    class DataErased(Event):
        """The complainant's key was destroyed after retention: what they wrote, their contact
        and their reasons for reopening can no longer be read; the handling history stays."""

        def apply(self, aggregate: Complaint) -> None:
            aggregate.is_erased = True

    def __init__(self, ticket: str, government_id: UUID, agency_id: UUID, unit_id: UUID,
                 service_id: UUID | None, category: ComplaintCategory, happened_on: date,
                 subject_id: UUID, description: Sealed, contact: Sealed | None,
                 is_anonymous: bool, tracking_hash: str, verify_by: date,
                 resolve_by: date) -> None:
        self.ticket, self.government_id, self.unit_id = ticket, government_id, unit_id
        self.agency_id = agency_id
        self.service_id, self.category, self.happened_on = service_id, category, happened_on
        self.subject_id, self.description, self.contact = subject_id, description, contact
        self.is_anonymous, self.tracking_hash = is_anonymous, tracking_hash
        self.verify_by, self.resolve_by = verify_by, resolve_by
        self.status = ComplaintStatus.RECEIVED
        self.due_on: date | None = verify_by
        self.reopen_count = 0
        self.is_erased = False
        # the handling's dates, for the public figures (domain/complaint_figures.py)
        self.received_on: date | None = None
        self.verified_on: date | None = None
        self.rejected_on: date | None = None
        self.first_answered_on: date | None = None
        self.first_answer_due_on: date | None = None
        self.resolved_on: date | None = None  # closed as resolved, and not reopened since

    @classmethod
    def submit(cls, *, ticket: str, government_id: UUID, agency_id: UUID, unit_id: UUID,
               service_id: UUID | None, category: ComplaintCategory, happened_on: date,
               subject_id: UUID, description: Sealed, contact: Sealed | None,
               is_anonymous: bool, tracking_hash: str, received_on: date, verify_by: date,
               resolve_by: date, actor: Actor) -> Complaint:
        if happened_on > received_on:
            raise DomainError("COMPLAINT_IN_FUTURE", field="happened_on")
        if is_anonymous and contact is not None:
            raise DomainError("COMPLAINT_ANONYMOUS_WITH_CONTACT", field="contact")
        return cls._create(cls.Submitted, id=complaint_id(ticket), ticket=ticket,
                           government_id=government_id, agency_id=agency_id,
                           unit_id=unit_id, service_id=service_id, category=category,
                           happened_on=happened_on,
                           subject_id=subject_id, description=description, contact=contact,
                           is_anonymous=is_anonymous, tracking_hash=tracking_hash,
                           verify_by=verify_by, resolve_by=resolve_by,
                           effective_on=received_on, actor=actor, legal_basis=None)

    # -- the staff's steps -------------------------------------------------------------------

    def verify(self, *, answer_by: date, effective_on: date, actor: Actor) -> None:
        self._check_status("verify", ComplaintStatus.RECEIVED)
        self.trigger_event(self.Verified, answer_by=answer_by, effective_on=effective_on,
                           actor=actor, legal_basis=None)

    def reject(self, *, reason: RejectionReason, note: str, effective_on: date,
               actor: Actor) -> None:
        self._check_status("reject", ComplaintStatus.RECEIVED)
        self.trigger_event(self.Rejected, reason=reason, note=_checked_answer(note, "note"),
                           effective_on=effective_on, actor=actor, legal_basis=None)

    def assign(self, *, agency_id: UUID, unit_id: UUID, answer_by: date, effective_on: date,
               actor: Actor) -> None:
        self._check_status("assign", ComplaintStatus.VERIFIED, ComplaintStatus.ASSIGNED,
                           ComplaintStatus.REOPENED)
        self.trigger_event(self.Assigned, agency_id=agency_id, unit_id=unit_id,
                           answer_by=answer_by,
                           effective_on=effective_on, actor=actor, legal_basis=None)

    def answer(self, *, answer: str, effective_on: date, actor: Actor) -> None:
        self._check_status("answer", ComplaintStatus.ASSIGNED)
        self.trigger_event(self.Answered, answer=_checked_answer(answer, "answer", True),
                           effective_on=effective_on, actor=actor, legal_basis=None)

    def close(self, *, resolution: Resolution, effective_on: date, actor: Actor) -> None:
        self._check_status("close", ComplaintStatus.ANSWERED)
        self.trigger_event(self.Closed, resolution=resolution, effective_on=effective_on,
                           actor=actor, legal_basis=None)

    def record_erasure(self, *, effective_on: date, actor: Actor) -> None:
        """Record that the subject's key was destroyed (once; only when handling is over)."""
        if self.is_erased:
            raise DomainError("COMPLAINT_ALREADY_ERASED", field="step")
        self._check_status("erase", ComplaintStatus.CLOSED, ComplaintStatus.REJECTED)
        self.trigger_event(self.DataErased, effective_on=effective_on, actor=actor,
                           legal_basis=None)

    # -- the complainant's step --------------------------------------------------------------

    def check_code(self, code: str) -> None:
        """Raise unless `code` is this complaint's tracking code (compared in constant time)."""
        if not hmac.compare_digest(tracking_hash(code), self.tracking_hash):
            raise DomainError("COMPLAINT_NOT_FOUND", field="code")

    def reopen(self, *, code: str, reason: Sealed, answer_by: date, effective_on: date,
               actor: Actor) -> None:
        self.check_code(code)
        if self.is_erased:
            raise DomainError("COMPLAINT_ERASED_NOT_REOPENED", field="reason")
        self._check_status("reopen", ComplaintStatus.ANSWERED, ComplaintStatus.CLOSED)
        self.trigger_event(self.Reopened, reason=reason, answer_by=answer_by,
                           effective_on=effective_on, actor=actor, legal_basis=None)

    def is_overdue(self, today: date) -> bool:
        return self.status in OPEN and self.due_on is not None and today > self.due_on

    def _check_status(self, step: str, *allowed: ComplaintStatus) -> None:
        if self.status not in allowed:
            raise DomainError("COMPLAINT_STEP_NOT_ALLOWED", field="step", step=step,
                              status=self.status.value)


def _checked_answer(text: str, field: str, required: bool = False) -> str:
    """Staff text as stored: checked, and masked (domain/masking.py) before it enters the log,
    where no erasure could reach a NIK, telephone number or e-mail address typed into it."""
    check_text(text.replace("\n", " ").replace("\r", " "), field)
    text = "\n".join(line.rstrip() for line in text.strip().splitlines())
    if (required and not text) or len(text) > ANSWER_MAX:
        raise DomainError("COMPLAINT_TEXT_INVALID", field=field)
    return mask(text)
