"""One leave (cuti) request from asking to return: the superior's consideration, the official's
decision, and what the employee then does.

The request is its own small aggregate (topic `domain.leave_request:LeaveRequest.*`), so an
employee asking never contends with HR recording actions on their record. Its id is the
employee's n-th request (`leave_request_id`): the service finds an employee's earlier requests
by counting, and two requests made at once for one employee claim the same id, so one of them
meets a concurrency conflict instead of both passing the balance check. Every event carries the
code of the leave rule version that judged it; the address during leave and every reason are
sealed under the employee's subject key. The commands are in domain/leave_service.py.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain import clock
from domain.document import DocumentKind
from domain.errors import DomainError, Words
from domain.events import RecordedEvent
from domain.leave_regulations import LeavePlace, LeaveType
from domain.leave_rules import SickCertificate
from domain.privacy import Sealed
from domain.values import Actor, LegalBasis


def leave_request_id(employee_id: UUID, number: int) -> UUID:
    """The id of the employee's `number`-th leave request (from 1)."""
    return uuid5(employee_id, f"rekam:leave-request:{number}")


class LeaveStatus(Enum):
    """Where a request stands. Approved and deferred requests are granted (for the deferred
    dates); rejected and cancelled ones are closed without leave."""

    REQUESTED = "requested"
    CONSIDERED = "considered"
    APPROVED = "approved"
    DEFERRED = "deferred"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    TAKEN = "taken"
    RETURNED_EARLY = "returned_early"
    RETURN_REPORTED = "return_reported"


STATUS_WORDS: dict[LeaveStatus, Words] = {
    LeaveStatus.REQUESTED: Words(id="diajukan", en="requested"),
    LeaveStatus.CONSIDERED: Words(id="sudah dipertimbangkan atasan", en="considered"),
    LeaveStatus.APPROVED: Words(id="disetujui", en="approved"),
    LeaveStatus.DEFERRED: Words(id="ditangguhkan", en="deferred"),
    LeaveStatus.REJECTED: Words(id="tidak disetujui", en="rejected"),
    LeaveStatus.CANCELLED: Words(id="dibatalkan", en="cancelled"),
    LeaveStatus.TAKEN: Words(id="sedang dijalani", en="taken"),
    LeaveStatus.RETURNED_EARLY: Words(id="kembali lebih awal", en="returned early"),
    LeaveStatus.RETURN_REPORTED: Words(id="sudah lapor kembali", en="return reported"),
}
OPEN = frozenset({LeaveStatus.REQUESTED, LeaveStatus.CONSIDERED})
GRANTED = frozenset({LeaveStatus.APPROVED, LeaveStatus.DEFERRED, LeaveStatus.TAKEN,
                     LeaveStatus.RETURNED_EARLY, LeaveStatus.RETURN_REPORTED})


class Recommendation(Enum):
    """The direct superior's pertimbangan: recommend the leave, or recommend deferring it."""

    RECOMMEND = "RECOMMEND"
    DEFER = "DEFER"


class RejectionGround(Enum):
    """The legal reason a leave that may be refused (CLTN) is refused (`LeaveRejected`)."""

    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    DOCUMENT_MISSING = "DOCUMENT_MISSING"
    BKN_APPROVAL_DENIED = "BKN_APPROVAL_DENIED"  # no pertek from the Kepala BKN
    SERVICE_NEED = "SERVICE_NEED"  # CLTN is "a facility, not a right" [L10]


class LeaveRequest(Aggregate):
    """Permintaan cuti: the type, the dates and their working days, and where it stands."""

    class Event(RecordedEvent):
        rule_version: str  # the code of the LeaveRuleVersion in force on the leave's first day
        reason: Sealed | None  # why, in the words of whoever recorded it

    class Requested(Event, Aggregate.Created):
        employee_id: UUID
        subject_id: UUID
        leave_type: LeaveType
        start_on: date
        end_on: date
        working_days: int
        place: LeavePlace
        ground: str | None  # the value of the type's ground (CLTN, important reason, ...)
        child_order: int | None  # maternity: the child's order among those born in service
        certificate: SickCertificate | None  # sick leave: the certificate handed in
        bkn_approval_ref: str | None  # CLTN: the pertek of the Kepala BKN
        address: Sealed | None

    def __init__(self, employee_id: UUID, subject_id: UUID, leave_type: LeaveType,
                 start_on: date, end_on: date, working_days: int, place: LeavePlace,
                 ground: str | None, child_order: int | None,
                 certificate: SickCertificate | None, bkn_approval_ref: str | None,
                 address: Sealed | None, rule_version: str) -> None:
        self.employee_id, self.subject_id, self.leave_type = employee_id, subject_id, leave_type
        self.start_on, self.end_on, self.working_days = start_on, end_on, working_days
        self.requested_start_on = start_on
        self.place, self.ground, self.bkn_approval_ref = place, ground, bkn_approval_ref
        self.child_order, self.certificate = child_order, certificate
        self.address, self.rule_version = address, rule_version
        self.status = LeaveStatus.REQUESTED
        self.recommendation: Recommendation | None = None
        self.rejection: RejectionGround | None = None
        self.returned_on: date | None = None
        self.decree: LegalBasis | None = None  # of the grant (CLTN and big leave need one)
        self.documents: list[LeaveRequest.DocumentAttached] = []

    @classmethod
    def ask(cls, *, id: UUID, employee_id: UUID, subject_id: UUID, leave_type: LeaveType,
            start_on: date, end_on: date, working_days: int, place: LeavePlace,
            ground: str | None, child_order: int | None, certificate: SickCertificate | None,
            bkn_approval_ref: str | None, address: Sealed | None, reason: Sealed | None,
            rule_version: str, actor: Actor) -> LeaveRequest:
        """By the employee (role employee) or by HR on their behalf."""
        return cls._create(cls.Requested, id=id, employee_id=employee_id,
                           subject_id=subject_id, leave_type=leave_type, start_on=start_on,
                           end_on=end_on, working_days=working_days, place=place,
                           ground=ground, child_order=child_order, certificate=certificate,
                           bkn_approval_ref=bkn_approval_ref, address=address,
                           reason=reason, rule_version=rule_version,
                           effective_on=clock.now().date(), actor=actor, legal_basis=None)

    # -- reading ---------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        """Waiting for the superior or the official."""
        return self.status in OPEN

    @property
    def is_granted(self) -> bool:
        """Approved or deferred (to `start_on`), whatever the employee has done since."""
        return self.status in GRANTED

    @property
    def last_day_on(self) -> date:
        """The last day of leave: the day before an early return, or the planned end."""
        if self.returned_on is not None:
            return min(self.end_on, date.fromordinal(self.returned_on.toordinal() - 1))
        return self.end_on

    def check_status(self, *allowed: LeaveStatus) -> None:
        """Raised when the request has moved past the step asked for (decided, cancelled...)."""
        if self.status not in allowed:
            raise DomainError("LEAVE_REQUEST_STATUS", field="id",
                              status=STATUS_WORDS[self.status])

    # -- the superior and the official -----------------------------------------------------

    def consider(self, *, recommendation: Recommendation, reason: Sealed | None,
                 actor: Actor) -> None:
        self.check_status(LeaveStatus.REQUESTED)
        self.trigger_event(self.Considered, recommendation=recommendation, reason=reason,
                           rule_version=self.rule_version, effective_on=clock.now().date(),
                           actor=actor, legal_basis=None)

    def approve(self, *, legal_basis: LegalBasis | None, actor: Actor) -> None:
        self.check_status(*OPEN)
        self.trigger_event(self.Approved, reason=None, rule_version=self.rule_version,
                           effective_on=clock.now().date(), actor=actor,
                           legal_basis=legal_basis)

    def defer(self, *, start_on: date, end_on: date, working_days: int, reason: Sealed | None,
              legal_basis: LegalBasis | None, actor: Actor) -> None:
        self.check_status(*OPEN)
        self.trigger_event(self.Deferred, start_on=start_on, end_on=end_on,
                           working_days=working_days, reason=reason,
                           rule_version=self.rule_version, effective_on=clock.now().date(),
                           actor=actor, legal_basis=legal_basis)

    def reject(self, *, ground: RejectionGround, reason: Sealed | None,
               legal_basis: LegalBasis | None, actor: Actor) -> None:
        self.check_status(*OPEN)
        self.trigger_event(self.Rejected, ground=ground, reason=reason,
                           rule_version=self.rule_version, effective_on=clock.now().date(),
                           actor=actor, legal_basis=legal_basis)

    # -- the employee ----------------------------------------------------------------------

    def cancel(self, *, reason: Sealed | None, actor: Actor) -> None:
        self.check_status(*OPEN, LeaveStatus.APPROVED, LeaveStatus.DEFERRED)
        self.trigger_event(self.Cancelled, reason=reason, rule_version=self.rule_version,
                           effective_on=clock.now().date(), actor=actor, legal_basis=None)

    def take(self, *, actor: Actor) -> None:
        self.check_status(LeaveStatus.APPROVED, LeaveStatus.DEFERRED)
        if clock.now().date() < self.start_on:
            raise DomainError("LEAVE_NOT_STARTED", field="id",
                              start_on=self.start_on.isoformat())
        self.trigger_event(self.Taken, reason=None, rule_version=self.rule_version,
                           effective_on=self.start_on, actor=actor, legal_basis=None)

    def return_early(self, *, returned_on: date, working_days: int, actor: Actor) -> None:
        self.check_status(LeaveStatus.TAKEN)
        if not self.start_on < returned_on <= self.end_on:
            raise DomainError("LEAVE_RETURN_OUTSIDE_LEAVE", field="returned_on",
                              start_on=self.start_on.isoformat(),
                              end_on=self.end_on.isoformat())
        self.trigger_event(self.ReturnedEarly, working_days=working_days, reason=None,
                           rule_version=self.rule_version, effective_on=returned_on,
                           actor=actor, legal_basis=None)

    def report_return(self, *, reported_on: date, actor: Actor) -> None:
        self.check_status(LeaveStatus.TAKEN, LeaveStatus.RETURNED_EARLY)
        self.trigger_event(self.ReturnReported, reason=None, rule_version=self.rule_version,
                           effective_on=reported_on, actor=actor, legal_basis=None)

    # -- documents -------------------------------------------------------------------------

    def attach_document(self, *, sha256: str, media_type: str, size: int, kind: DocumentKind,
                        actor: Actor) -> None:
        """A certificate or other document handed in, at the request or later, while the
        request is not closed; the same bytes again are a no-op."""
        self.check_status(*OPEN, *GRANTED)
        if any(d.sha256 == sha256 for d in self.documents):
            return
        self.trigger_event(self.DocumentAttached, sha256=sha256, media_type=media_type,
                           size=size, kind=kind, reason=None, rule_version=self.rule_version,
                           effective_on=clock.now().date(), actor=actor, legal_basis=None)

    def has_document(self, kind: DocumentKind) -> bool:
        return any(d.kind is kind for d in self.documents)

    # -- events ----------------------------------------------------------------------------

    class Considered(Event):
        recommendation: Recommendation

        def apply(self, aggregate: LeaveRequest) -> None:
            aggregate.status, aggregate.recommendation = (LeaveStatus.CONSIDERED,
                                                          self.recommendation)

    class Approved(Event):
        def apply(self, aggregate: LeaveRequest) -> None:
            aggregate.status, aggregate.decree = LeaveStatus.APPROVED, self.legal_basis

    class Deferred(Event):
        start_on: date
        end_on: date
        working_days: int

        def apply(self, aggregate: LeaveRequest) -> None:
            aggregate.status, aggregate.decree = LeaveStatus.DEFERRED, self.legal_basis
            aggregate.start_on, aggregate.end_on = self.start_on, self.end_on
            aggregate.working_days = self.working_days

    class Rejected(Event):
        ground: RejectionGround

        def apply(self, aggregate: LeaveRequest) -> None:
            aggregate.status, aggregate.rejection = LeaveStatus.REJECTED, self.ground

    class Cancelled(Event):
        def apply(self, aggregate: LeaveRequest) -> None:
            aggregate.status = LeaveStatus.CANCELLED

    class Taken(Event):
        def apply(self, aggregate: LeaveRequest) -> None:
            aggregate.status = LeaveStatus.TAKEN

    class ReturnedEarly(Event):
        working_days: int  # of the leave actually taken, up to the day before the return

        def apply(self, aggregate: LeaveRequest) -> None:
            aggregate.status, aggregate.returned_on = (LeaveStatus.RETURNED_EARLY,
                                                       self.effective_on)
            aggregate.working_days = self.working_days

    class DocumentAttached(Event):
        """A document of the request (health data for a sick-leave certificate): its SHA-256,
        type and size; the bytes are sealed under the subject key in the document store."""

        sha256: str
        media_type: str
        size: int
        kind: DocumentKind

        def apply(self, aggregate: LeaveRequest) -> None:
            aggregate.documents.append(self)

    class ReturnReported(Event):
        """CLTN: the written report of return (its date is the event's effective date)."""

        def apply(self, aggregate: LeaveRequest) -> None:
            aggregate.status = LeaveStatus.RETURN_REPORTED
