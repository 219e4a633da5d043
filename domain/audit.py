"""Access records: every auditor's look-up of personal data, kept as an event in the store.

A look-up is stored in the event store (not in a side table) so that the Merkle ledger covers
it: nobody can later delete or change who looked at whom without the offline verifier noticing.
Each look-up is its own small aggregate, so two look-ups never contend for one record.

A look-up keeps the ids of the employees it found, never the typed search term or anything
made from it: the ids name nobody once a person's key is destroyed, while a keyed hash of a
NIP or name would outlive the erasure (the hash's secret stays, and a NIP is found again by
trying every plausible one). A search that found nobody keeps only its kind, user and time.
Records stored before this kept such a hash in `lookup_token`; new ones hold None there.
Opening an employee's history records that employee's id. Opening a complaint, whose text and
contact are the complainant's personal data, records the complaint's id in `employee_ids`
(kind `complaint_opened`; the field keeps its name, as stored events fix it).
"""

from __future__ import annotations

from enum import Enum
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate

from domain import clock
from domain.events import RecordedEvent
from domain.values import Actor


class AccessKind(Enum):
    """What the auditor did: searched by NIP or name, opened a history, compared a roster."""

    NIP_SEARCH = "nip_search"
    NAME_SEARCH = "name_search"
    HISTORY_VIEWED = "history_viewed"
    ROSTER_COMPARED = "roster_compared"
    COMPLAINT_OPENED = "complaint_opened"  # a staff member read a complainant's text/contact
    ROSTER_EXPORTED = "roster_exported"  # a roster file (CSV/XLSX) with names and NIPs
    DOCUMENT_OPENED = "document_opened"  # a scan attached to an employee's entry was opened
    COMMENTS_OPENED = "comments_opened"  # a moderator read consultation comments as written
    TPP_EXPORTED = "tpp_exported"  # a TPP run's file (XLSX) with names, NIPs and amounts


class AccessRecord(Aggregate):
    """One look-up of personal data by a user (topic `domain.audit:AccessRecord.Recorded`)."""

    class Event(RecordedEvent):
        pass

    class Recorded(Event, Aggregate.Created):
        kind: AccessKind
        lookup_token: str | None
        employee_ids: list[UUID]

        def apply(self, aggregate: AccessRecord) -> None:
            aggregate.kind, aggregate.lookup_token = self.kind, self.lookup_token
            aggregate.employee_ids = list(self.employee_ids)

    def __init__(self, kind: AccessKind, lookup_token: str | None,
                 employee_ids: list[UUID]) -> None:
        self.kind, self.lookup_token, self.employee_ids = kind, lookup_token, employee_ids

    @classmethod
    def record(cls, *, kind: AccessKind, actor: Actor, employee_ids: list[UUID]
               ) -> AccessRecord:
        return cls._create(cls.Recorded, kind=kind, lookup_token=None,
                           employee_ids=sorted(employee_ids, key=lambda i: i.hex),
                           effective_on=clock.now().date(), actor=actor, legal_basis=None)


def record_access(app: Application[UUID], *, kind: AccessKind, actor: Actor,
                  employee_ids: list[UUID]) -> UUID:
    """Store one access record in the application's event store; returns its id."""
    record = AccessRecord.record(kind=kind, actor=actor, employee_ids=employee_ids)
    app.save(record)
    return record.id
