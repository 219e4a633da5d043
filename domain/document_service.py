"""Commands of attached scans (`service.documents`): check a scan, seal it under the person's
key, keep it in the document store and record its SHA-256, type and size as an event."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from domain.application import RekamApplication, command
from domain.document import (
    DocumentKind,
    DocumentStore,
    EmployeeDocuments,
    InMemoryDocumentStore,
    documents_id,
)
from domain.document_content import check_document
from domain.errors import DomainError
from domain.leave_request import LeaveRequest
from domain.privacy import Erased
from domain.values import Actor


def document_field(sha256: str) -> str:
    """The sealed field of a document: binds the ciphertext to its content address."""
    return f"document:{sha256}"


@dataclass(frozen=True)
class OpenedDocument:
    """A document's clear bytes and what its event recorded about them."""

    data: bytes
    sha256: str
    media_type: str
    kind: DocumentKind
    target_version: int


class DocumentService:
    """Attaching scans to timeline entries and opening them again."""

    def __init__(self, app: RekamApplication, store: DocumentStore | None = None) -> None:
        self.app = app
        self.store: DocumentStore = store if store is not None else InMemoryDocumentStore()

    @command
    def attach(self, *, employee_id: UUID, target_version: int, data: bytes,
               media_type: str | None, kind: DocumentKind, actor: Actor) -> str:
        """Attach a checked scan to entry `target_version`; returns its SHA-256.

        The sealed bytes are written before the event (a dry run writes neither): a save that
        then fails leaves only ciphertext nobody's event points to, never an event whose
        document is missing."""
        employee = self.app.get_employee(employee_id)
        if employee.is_erased:
            raise DomainError("SUBJECT_ERASED")
        if target_version not in employee.actions:
            raise DomainError("DOCUMENT_ENTRY_UNKNOWN", field="version",
                              version=str(target_version))
        checked_type = check_document(data, media_type)
        sha256 = hashlib.sha256(data).hexdigest()
        sealed = self.app.vault.seal_bytes(employee.subject_id, document_field(sha256), data)
        documents = self.attached(employee_id, loading=True)
        if documents is None:
            documents = EmployeeDocuments.open(employee_id=employee_id, actor=actor)
        documents.attach(target_version=target_version, sha256=sha256,
                         media_type=checked_type, size=len(data), kind=kind, actor=actor)
        unit = self.app._current.unit
        if unit is not None and not unit.is_dry_run:
            self.store.put(employee.subject_id, sha256, sealed)
        self.app.record(documents)
        return sha256

    def attached(self, employee_id: UUID, *, loading: bool = False
                 ) -> EmployeeDocuments | None:
        """The employee's attachments, or None when nothing was ever attached."""
        try:
            if loading:
                return self.app.load(documents_id(employee_id), EmployeeDocuments, "Dokumen")
            found: object = self.app.repository.get(documents_id(employee_id))
        except (DomainError, AggregateNotFoundError):
            return None
        return found if isinstance(found, EmployeeDocuments) else None

    def open(self, employee_id: UUID, sha256: str) -> OpenedDocument | None:
        """The clear document, or None when it is not attached or no longer readable."""
        documents = self.attached(employee_id)
        event = documents.find(sha256) if documents is not None else None
        if event is None:
            return None
        data = self._clear(self.app.get_employee(employee_id).subject_id, sha256)
        if data is None:
            return None
        return OpenedDocument(data, sha256, event.media_type, event.kind, event.target_version)

    # -- documents of a leave request (sick-leave certificates: health data) -------------------

    @command
    def attach_to_leave(self, *, request_id: UUID, data: bytes, media_type: str | None,
                        kind: DocumentKind, actor: Actor) -> str:
        """Attach a checked document to a leave request; returns its SHA-256. Sealed and
        kept as `attach` keeps a scan (the bytes before the event, none in a dry run)."""
        request = self.app.load(request_id, LeaveRequest, "Permintaan cuti")
        if self.app.get_employee(request.employee_id).is_erased:
            raise DomainError("SUBJECT_ERASED")
        checked_type = check_document(data, media_type)
        sha256 = hashlib.sha256(data).hexdigest()
        sealed = self.app.vault.seal_bytes(request.subject_id, document_field(sha256), data)
        request.attach_document(sha256=sha256, media_type=checked_type, size=len(data),
                                kind=kind, actor=actor)
        unit = self.app._current.unit
        if unit is not None and not unit.is_dry_run:
            self.store.put(request.subject_id, sha256, sealed)
        self.app.record(request)
        return sha256

    def open_leave_document(self, request: LeaveRequest, sha256: str
                            ) -> OpenedDocument | None:
        """A leave request's clear document (`target_version` 0: no timeline entry), or None
        when it is not the request's or no longer readable. The caller checks who asks and
        records the opening."""
        event = next((d for d in request.documents if d.sha256 == sha256), None)
        data = self._clear(request.subject_id, sha256) if event is not None else None
        if event is None or data is None:
            return None
        return OpenedDocument(data, sha256, event.media_type, event.kind, 0)

    def _clear(self, subject_id: UUID, sha256: str) -> bytes | None:
        blob = self.store.get(subject_id, sha256)
        if blob is None:
            return None
        data = self.app.vault.open_bytes(subject_id, document_field(sha256), blob)
        if isinstance(data, Erased) or hashlib.sha256(data).hexdigest() != sha256:
            return None
        return data

    def forget(self, subject_id: UUID) -> int:
        """Remove the subject's stored documents (their key is already destroyed)."""
        return self.store.forget(subject_id)
