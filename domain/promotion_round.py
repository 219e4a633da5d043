"""One promotion period of one government as BKPSDM runs it: opened for a TMT, the officers'
proposals from the eligibility list, the administrator's verification of each file, the batch
recording of the accepted ones as promotions, and the close.

The aggregate (topic `domain.promotion_round:PromotionPeriod.*`) lives beside the calendar of
domain/promotion_period.py, which stays free of state. Its id is derived from the government
and the TMT (`promotion_period_id`), so two openings of one period claim the same id and the
second meets a conflict. Each proposal is an entry keyed by the employee; a returned reason is
sealed under the employee's subject key, a rejection or a refused recording names rule codes
only. The commands are in domain/promotion_period_service.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain import clock
from domain.errors import DomainError, Words
from domain.events import RecordedEvent
from domain.privacy import Sealed
from domain.values import Actor, Grade, LegalBasis, PromotionKind


def promotion_period_id(government_id: UUID, tmt_on: date) -> UUID:
    """The id of the government's period whose promotions take effect on `tmt_on`."""
    return uuid5(government_id, f"rekam:promotion-period:{tmt_on.isoformat()}")


class EntryStatus(Enum):
    """Where a proposal stands in the period."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    RETURNED = "returned"  # to the proposing officer, with a reason: may be proposed again
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    RECORDED = "recorded"
    RECORDING_REFUSED = "recording_refused"


STATUS_WORDS: dict[EntryStatus, Words] = {
    EntryStatus.PROPOSED: Words(id="diusulkan", en="proposed"),
    EntryStatus.ACCEPTED: Words(id="diterima", en="accepted"),
    EntryStatus.RETURNED: Words(id="dikembalikan", en="returned"),
    EntryStatus.REJECTED: Words(id="ditolak", en="rejected"),
    EntryStatus.WITHDRAWN: Words(id="ditarik", en="withdrawn"),
    EntryStatus.RECORDED: Words(id="sudah ditetapkan", en="recorded"),
    EntryStatus.RECORDING_REFUSED: Words(id="gagal ditetapkan", en="recording refused"),
}
# A returned or withdrawn proposal may be made again; any other entry stands.
PROPOSABLE_AGAIN = frozenset({EntryStatus.RETURNED, EntryStatus.WITHDRAWN})
PENDING = frozenset({EntryStatus.PROPOSED, EntryStatus.ACCEPTED})


@dataclass
class Entry:
    """One employee's proposal in the period and what became of it."""

    employee_id: UUID
    agency_id: UUID
    kind: PromotionKind
    from_grade: Grade
    to_grade: Grade
    proposed_by: str
    status: EntryStatus = EntryStatus.PROPOSED
    credit_points: float | None = None
    returned_reason: Sealed | None = None
    rejection_code: str | None = None
    decree: LegalBasis | None = None
    employee_version: int | None = None
    refusal_codes: tuple[str, ...] = ()


class PromotionPeriod(Aggregate):
    """Periode kenaikan pangkat of one government: its TMT, proposal window and entries."""

    class Event(RecordedEvent):
        pass

    class Opened(Event, Aggregate.Created):
        government_id: UUID
        tmt_on: date
        proposals_open_on: date
        proposals_close_on: date
        calendar_basis: str  # the regulation of the calendar in force on the TMT
        window_basis: str  # the regulation of the proposal window

    def __init__(self, government_id: UUID, tmt_on: date, proposals_open_on: date,
                 proposals_close_on: date, calendar_basis: str, window_basis: str) -> None:
        self.government_id, self.tmt_on = government_id, tmt_on
        self.proposals_open_on, self.proposals_close_on = proposals_open_on, proposals_close_on
        self.calendar_basis, self.window_basis = calendar_basis, window_basis
        self.entries: dict[UUID, Entry] = {}
        self.is_closed = False

    @classmethod
    def open(cls, *, government_id: UUID, tmt_on: date, proposals_open_on: date,
             proposals_close_on: date, calendar_basis: str, window_basis: str,
             actor: Actor) -> PromotionPeriod:
        return cls._create(cls.Opened, id=promotion_period_id(government_id, tmt_on),
                           government_id=government_id, tmt_on=tmt_on,
                           proposals_open_on=proposals_open_on,
                           proposals_close_on=proposals_close_on,
                           calendar_basis=calendar_basis, window_basis=window_basis,
                           effective_on=clock.now().date(), actor=actor, legal_basis=None)

    # -- reading ---------------------------------------------------------------------------

    def entry(self, employee_id: UUID) -> Entry:
        """The employee's proposal; refused when they were never proposed in this period."""
        found = self.entries.get(employee_id)
        if found is None:
            raise DomainError("PROMOTION_PROPOSAL_NOT_FOUND", field="employee_id")
        return found

    def entries_in(self, *statuses: EntryStatus) -> list[Entry]:
        return [e for e in self.entries.values() if e.status in statuses]

    def is_open_for_proposals(self, on: date) -> bool:
        return self.proposals_open_on <= on <= self.proposals_close_on

    def check_open(self) -> None:
        """Raised when the period is closed: nothing changes in it any more."""
        if self.is_closed:
            raise DomainError("PROMOTION_PERIOD_CLOSED", field="id", tmt_on=self.tmt_on)

    def check_entry(self, employee_id: UUID, *allowed: EntryStatus) -> Entry:
        """The entry, raised when it has moved past the step asked for."""
        self.check_open()
        found = self.entry(employee_id)
        if found.status not in allowed:
            raise DomainError("PROMOTION_PROPOSAL_STATUS", field="employee_id",
                              status=STATUS_WORDS[found.status])
        return found

    # -- the officers and the administrator -------------------------------------------------

    def propose(self, *, employee_id: UUID, agency_id: UUID, kind: PromotionKind,
                from_grade: Grade, to_grade: Grade, actor: Actor) -> None:
        self.trigger_event(self.Proposed, employee_id=employee_id, agency_id=agency_id,
                           kind=kind, from_grade=from_grade, to_grade=to_grade,
                           effective_on=clock.now().date(), actor=actor, legal_basis=None)

    def withdraw(self, *, employee_id: UUID, actor: Actor) -> None:
        self.check_entry(employee_id, EntryStatus.PROPOSED, EntryStatus.RETURNED)
        self.trigger_event(self.Withdrawn, employee_id=employee_id,
                           effective_on=clock.now().date(), actor=actor, legal_basis=None)

    def accept(self, *, employee_id: UUID, credit_points: float | None, actor: Actor) -> None:
        self.check_entry(employee_id, EntryStatus.PROPOSED)
        self.trigger_event(self.Accepted, employee_id=employee_id, credit_points=credit_points,
                           effective_on=clock.now().date(), actor=actor, legal_basis=None)

    def return_proposal(self, *, employee_id: UUID, reason: Sealed, actor: Actor) -> None:
        self.check_entry(employee_id, EntryStatus.PROPOSED)
        self.trigger_event(self.Returned, employee_id=employee_id, reason=reason,
                           effective_on=clock.now().date(), actor=actor, legal_basis=None)

    def reject(self, *, employee_id: UUID, code: str, actor: Actor) -> None:
        self.check_entry(employee_id, EntryStatus.PROPOSED)
        self.trigger_event(self.Rejected, employee_id=employee_id, code=code,
                           effective_on=clock.now().date(), actor=actor, legal_basis=None)

    # -- the batch recording ---------------------------------------------------------------

    def record_entry(self, *, employee_id: UUID, decree: LegalBasis, employee_version: int,
                     actor: Actor) -> None:
        self.check_entry(employee_id, EntryStatus.ACCEPTED)
        self.trigger_event(self.Recorded, employee_id=employee_id,
                           employee_version=employee_version, effective_on=self.tmt_on,
                           actor=actor, legal_basis=decree)

    def refuse_recording(self, *, employee_id: UUID, codes: tuple[str, ...],
                         actor: Actor) -> None:
        self.check_entry(employee_id, EntryStatus.ACCEPTED)
        self.trigger_event(self.RecordingRefused, employee_id=employee_id, codes=codes,
                           effective_on=clock.now().date(), actor=actor, legal_basis=None)

    def close(self, *, actor: Actor) -> None:
        self.check_open()
        self.trigger_event(self.Closed, effective_on=clock.now().date(), actor=actor,
                           legal_basis=None)

    # -- events ----------------------------------------------------------------------------

    class Proposed(Event):
        employee_id: UUID
        agency_id: UUID
        kind: PromotionKind
        from_grade: Grade
        to_grade: Grade

        def apply(self, aggregate: PromotionPeriod) -> None:
            aggregate.entries[self.employee_id] = Entry(
                employee_id=self.employee_id, agency_id=self.agency_id, kind=self.kind,
                from_grade=self.from_grade, to_grade=self.to_grade,
                proposed_by=self.actor.user_id)

    class Withdrawn(Event):
        employee_id: UUID

        def apply(self, aggregate: PromotionPeriod) -> None:
            aggregate.entries[self.employee_id].status = EntryStatus.WITHDRAWN

    class Accepted(Event):
        employee_id: UUID
        credit_points: float | None  # from the PAK in the file, when the post needs them

        def apply(self, aggregate: PromotionPeriod) -> None:
            entry = aggregate.entries[self.employee_id]
            entry.status, entry.credit_points = EntryStatus.ACCEPTED, self.credit_points

    class Returned(Event):
        employee_id: UUID
        reason: Sealed  # under the employee's subject key: erased with them

        def apply(self, aggregate: PromotionPeriod) -> None:
            entry = aggregate.entries[self.employee_id]
            entry.status, entry.returned_reason = EntryStatus.RETURNED, self.reason

    class Rejected(Event):
        employee_id: UUID
        code: str  # the rule code the file fails

        def apply(self, aggregate: PromotionPeriod) -> None:
            entry = aggregate.entries[self.employee_id]
            entry.status, entry.rejection_code = EntryStatus.REJECTED, self.code

    class Recorded(Event):
        """The promotion is on the employee's record: the decree is the event's legal basis."""

        employee_id: UUID
        employee_version: int  # the version of the record the RankPromoted event holds

        def apply(self, aggregate: PromotionPeriod) -> None:
            entry = aggregate.entries[self.employee_id]
            entry.status, entry.decree = EntryStatus.RECORDED, self.legal_basis
            entry.employee_version = self.employee_version

    class RecordingRefused(Event):
        employee_id: UUID
        codes: tuple[str, ...]  # the rules the promotion broke on the day of recording

        def apply(self, aggregate: PromotionPeriod) -> None:
            entry = aggregate.entries[self.employee_id]
            entry.status, entry.refusal_codes = EntryStatus.RECORDING_REFUSED, self.codes

    class Closed(Event):
        def apply(self, aggregate: PromotionPeriod) -> None:
            aggregate.is_closed = True
