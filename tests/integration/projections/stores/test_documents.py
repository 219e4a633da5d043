"""Attached scans on both backends: checked, sealed under the person's key, found again by
their SHA-256, and gone from the disk when the person is erased."""

from __future__ import annotations

import hashlib
import os
from uuid import UUID

import pytest

from domain.document import DocumentKind
from domain.document_content import MAX_DOCUMENT_BYTES
from domain.personnel_service import PersonnelService
from projections.stores.backend import Backend
from tests.builders.documents import a_pdf, an_image
from tests.builders.personnel import ADMIN, OFFICER, Organisation, refused
from tests.support.dates import TODAY
from tests.support.disk import files_holding, stored_files

MARKER = "SK-DOKUMEN-7f3a91"


def _attach(service: PersonnelService, employee_id: UUID, data: bytes,
            media_type: str | None) -> str:
    return service.documents.attach(employee_id=employee_id, target_version=1, data=data,
                                    media_type=media_type, kind=DocumentKind.DECREE,
                                    actor=OFFICER)


class TestAttaching:
    @pytest.mark.parametrize("media_type", ["application/pdf", "image/png", "image/jpeg"])
    def test_a_real_scan_is_stored_and_opens_to_the_same_bytes(
            self, service: PersonnelService, media_type: str) -> None:
        employee_id = Organisation.build(service).appoint_cpns()
        data = a_pdf() if media_type == "application/pdf" else an_image(media_type)

        sha256 = _attach(service, employee_id, data, media_type)

        assert sha256 == hashlib.sha256(data).hexdigest()
        opened = service.documents.open(employee_id, sha256)
        assert opened is not None and opened.data == data
        assert opened.media_type == media_type and opened.target_version == 1
        attached = service.documents.attached(employee_id)
        assert attached is not None
        [event] = attached.of_entry(1)
        assert (event.sha256, event.size, event.kind) == (sha256, len(data), DocumentKind.DECREE)

    def test_the_stored_bytes_are_ciphertext(self, service: PersonnelService,
                                             backend: Backend) -> None:
        employee_id = Organisation.build(service).appoint_cpns()
        _attach(service, employee_id, a_pdf(MARKER), "application/pdf")
        assert files_holding(stored_files(backend), {"text": MARKER.encode()}) == {}

    @pytest.mark.parametrize(("data", "declared", "code"), [
        (b"Ini bukan PDF, hanya teks.\n", "application/pdf", "DOCUMENT_TYPE_NOT_ALLOWED"),
        (a_pdf()[:-200], "application/pdf", "DOCUMENT_CONTENT_INVALID"),
        (an_image("image/png")[:-30], "image/png", "DOCUMENT_CONTENT_INVALID"),
        (an_image("image/jpeg")[:-40], "image/jpeg", "DOCUMENT_CONTENT_INVALID"),
        (an_image("image/png"), "application/pdf", "DOCUMENT_TYPE_NOT_ALLOWED"),
        (b"", "application/pdf", "DOCUMENT_EMPTY"),
        (b"%PDF-1.4\n" + os.urandom(MAX_DOCUMENT_BYTES), "application/pdf",
         "DOCUMENT_TOO_LARGE"),
    ], ids=["renamed text", "truncated pdf", "truncated png", "truncated jpeg",
            "png named pdf", "empty", "too large"])
    def test_a_bad_file_is_refused_at_the_file_field_and_nothing_is_written(
            self, service: PersonnelService, backend: Backend, data: bytes,
            declared: str, code: str) -> None:
        employee_id = Organisation.build(service).appoint_cpns()
        with refused(service) as excinfo:
            _attach(service, employee_id, data, declared)
        assert (excinfo.value.code, excinfo.value.field) == (code, "file")
        assert service.documents.attached(employee_id) is None
        subject_id = service.get_employee(employee_id).subject_id
        assert service.documents.store.get(subject_id, hashlib.sha256(data).hexdigest()) is None
        assert not list((backend.data_dir / "documents").rglob("*"))

    def test_an_unknown_entry_is_refused(self, service: PersonnelService) -> None:
        employee_id = Organisation.build(service).appoint_cpns()
        with refused(service) as excinfo:
            service.documents.attach(employee_id=employee_id, target_version=99,
                                     data=a_pdf(), media_type="application/pdf",
                                     kind=DocumentKind.OTHER, actor=OFFICER)
        assert excinfo.value.code == "DOCUMENT_ENTRY_UNKNOWN"

    def test_a_dry_run_writes_no_document(self, service: PersonnelService) -> None:
        employee_id = Organisation.build(service).appoint_cpns()
        data = a_pdf()
        with service.dry_run():
            _attach(service, employee_id, data, "application/pdf")
        assert service.documents.attached(employee_id) is None
        subject_id = service.get_employee(employee_id).subject_id
        assert service.documents.store.get(subject_id, hashlib.sha256(data).hexdigest()) is None


class TestErasure:
    def test_erasing_the_person_leaves_no_readable_or_stored_copy_on_disk(
            self, service: PersonnelService, backend: Backend) -> None:
        employee_id = Organisation.build(service).appoint_cpns()
        data = a_pdf(MARKER)
        sha256 = _attach(service, employee_id, data, "application/pdf")
        subject_id = service.get_employee(employee_id).subject_id
        sealed = service.documents.store.get(subject_id, sha256)
        assert sealed is not None
        needles = {"ciphertext": sealed[13:77], "text": MARKER.encode()}
        assert set(files_holding(stored_files(backend), needles)) == {"ciphertext"}  # can fail

        with service.vault.keys.scrubbing_once(also=[subject_id]):
            service.erase_personal_data(subject_id, effective_on=TODAY, actor=ADMIN,
                                        records=(employee_id,))

        assert files_holding(stored_files(backend), needles) == {}
        assert service.documents.open(employee_id, sha256) is None
        assert service.documents.store.get(subject_id, sha256) is None
