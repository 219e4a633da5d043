"""Scans attached to an employee's timeline entries (a decree, a training certificate).

The attachments are their own small aggregate per employee (topic
`domain.document:EmployeeDocuments.DocumentAttached`), not events of the Employee: a scan
changes nothing in the employee's folded state, so the record's fold, snapshots and golden
history stay as they are, and attaching never contends with a personnel action on the record.
The event keeps the SHA-256 of the plaintext, its type and size, so the verifiable log covers
every scan; the bytes themselves are sealed under the person's subject key in a document store
(projections/stores/documents.py) and become unreadable when the person is erased.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import Enum
from typing import Protocol
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain import clock
from domain.events import RecordedEvent
from domain.values import Actor


class DocumentKind(Enum):
    """What the scan is: the decree (SK) of the action, a certificate (sertifikat), other."""

    DECREE = "decree"
    CERTIFICATE = "certificate"
    OTHER = "other"


def documents_id(employee_id: UUID) -> UUID:
    """The id of an employee's attachments aggregate."""
    return uuid5(NAMESPACE_URL, f"rekam:documents:{employee_id}")


class EmployeeDocuments(Aggregate):
    """Dokumen pegawai: every scan attached to one employee's timeline entries."""

    class Event(RecordedEvent):
        pass

    class Opened(Event, Aggregate.Created):
        employee_id: UUID

        def apply(self, aggregate: EmployeeDocuments) -> None:
            aggregate.employee_id, aggregate.attached = self.employee_id, []

    class DocumentAttached(Event):
        target_version: int
        sha256: str
        media_type: str
        size: int
        kind: DocumentKind

        def apply(self, aggregate: EmployeeDocuments) -> None:
            aggregate.attached.append(self)

    def __init__(self, employee_id: UUID) -> None:
        self.employee_id = employee_id
        self.attached: list[EmployeeDocuments.DocumentAttached] = []

    @classmethod
    def open(cls, *, employee_id: UUID, actor: Actor) -> EmployeeDocuments:
        return cls._create(cls.Opened, id=documents_id(employee_id), employee_id=employee_id,
                           effective_on=clock.now().date(), actor=actor, legal_basis=None)

    def attach(self, *, target_version: int, sha256: str, media_type: str, size: int,
               kind: DocumentKind, actor: Actor) -> None:
        """Record a checked scan; attaching the same bytes to the same entry again is a no-op."""
        if self.find(sha256, target_version) is not None:
            return
        self.trigger_event(self.DocumentAttached, target_version=target_version, sha256=sha256,
                           media_type=media_type, size=size, kind=kind,
                           effective_on=clock.now().date(), actor=actor, legal_basis=None)

    def find(self, sha256: str, target_version: int | None = None
             ) -> EmployeeDocuments.DocumentAttached | None:
        for event in self.attached:
            if event.sha256 == sha256 and target_version in (None, event.target_version):
                return event
        return None

    def of_entry(self, target_version: int) -> list[EmployeeDocuments.DocumentAttached]:
        return [e for e in self.attached if e.target_version == target_version]


class DocumentStore(Protocol):
    """Where the sealed bytes live: content-addressed per subject, erasable with the subject.

    Also the ballot box of employee surveys (domain/staff_survey_service.py): answers held,
    sealed, under a subject of the survey until they are recorded together."""

    def put(self, subject_id: UUID, sha256: str, sealed: bytes) -> bool:
        """Keep `sealed` under (subject, sha256) unless already there; True when newly kept
        (of two writers of one address, only one is told True)."""

    def get(self, subject_id: UUID, sha256: str) -> bytes | None:
        """The sealed bytes, or None when they are not (or no longer) stored."""

    def entries(self, subject_id: UUID) -> dict[str, bytes]:
        """Every stored document of the subject, sealed, by address in sorted order."""

    def forget(self, subject_id: UUID, addresses: Collection[str] | None = None) -> int:
        """Remove the subject's stored documents (only `addresses` when given) from the disk;
        returns how many."""


class InMemoryDocumentStore:
    """A document store in a dict, for unit tests of the domain."""

    def __init__(self) -> None:
        self.blobs: dict[tuple[UUID, str], bytes] = {}

    def put(self, subject_id: UUID, sha256: str, sealed: bytes) -> bool:
        if (subject_id, sha256) in self.blobs:
            return False
        self.blobs[subject_id, sha256] = sealed
        return True

    def get(self, subject_id: UUID, sha256: str) -> bytes | None:
        return self.blobs.get((subject_id, sha256))

    def entries(self, subject_id: UUID) -> dict[str, bytes]:
        return {k[1]: v for k, v in sorted(self.blobs.items(), key=lambda kv: kv[0][1])
                if k[0] == subject_id}

    def forget(self, subject_id: UUID, addresses: Collection[str] | None = None) -> int:
        gone = [k for k in self.blobs
                if k[0] == subject_id and (addresses is None or k[1] in addresses)]
        for key in gone:
            del self.blobs[key]
        return len(gone)
