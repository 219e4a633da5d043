"""Scans attached to timeline entries: what is accepted, what is refused at the file field."""

from __future__ import annotations

import hashlib
from uuid import UUID

import pytest

from domain.document import DocumentKind
from domain.document_content import MAX_DOCUMENT_BYTES, check_document
from domain.personnel_service import PersonnelService
from tests.builders.documents import a_pdf, an_image
from tests.builders.personnel import OFFICER, Organisation, refused


def _attach(service: PersonnelService, employee_id: UUID, data: bytes,
            media_type: str | None = None, version: int = 1) -> str:
    return service.documents.attach(employee_id=employee_id, target_version=version,
                                    data=data, media_type=media_type,
                                    kind=DocumentKind.CERTIFICATE, actor=OFFICER)


class TestAcceptedScans:
    @pytest.mark.parametrize("media_type", ["application/pdf", "image/png", "image/jpeg"])
    def test_a_real_scan_is_recognised_by_its_content(self, media_type: str) -> None:
        data = a_pdf() if media_type == "application/pdf" else an_image(media_type)
        assert check_document(data) == media_type
        assert check_document(data, media_type) == media_type

    def test_the_event_records_the_sha256_of_the_clear_bytes(
            self, org: Organisation, service: PersonnelService) -> None:
        data, employee_id = an_image("image/png"), org.appoint_cpns()
        assert _attach(service, employee_id, data, "image/png") == hashlib.sha256(data).hexdigest()


class TestRefusedScans:
    def test_a_renamed_text_file_is_refused(self, org: Organisation,
                                            service: PersonnelService) -> None:
        employee_id = org.appoint_cpns()
        with refused(service) as excinfo:
            _attach(service, employee_id, b"Surat biasa, bukan pindaian.\n", "application/pdf")
        assert excinfo.value.code == "DOCUMENT_TYPE_NOT_ALLOWED"
        assert excinfo.value.field == "file"

    def test_a_truncated_pdf_is_refused(self, org: Organisation,
                                        service: PersonnelService) -> None:
        employee_id = org.appoint_cpns()
        with refused(service) as excinfo:
            _attach(service, employee_id, a_pdf()[:-100], "application/pdf")
        assert excinfo.value.code == "DOCUMENT_CONTENT_INVALID"

    def test_an_empty_file_is_refused(self, org: Organisation,
                                      service: PersonnelService) -> None:
        employee_id = org.appoint_cpns()
        with refused(service) as excinfo:
            _attach(service, employee_id, b"")
        assert excinfo.value.code == "DOCUMENT_EMPTY"

    def test_a_file_over_the_limit_is_refused(self, org: Organisation,
                                              service: PersonnelService) -> None:
        employee_id = org.appoint_cpns()
        with refused(service) as excinfo:
            _attach(service, employee_id, b"\x89PNG\r\n\x1a\n" + bytes(MAX_DOCUMENT_BYTES))
        assert excinfo.value.code == "DOCUMENT_TOO_LARGE"
        assert "5 MB" in excinfo.value.message("id")

    def test_an_entry_the_record_does_not_have_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns()
        with refused(service) as excinfo:
            _attach(service, employee_id, a_pdf(), version=42)
        assert excinfo.value.code == "DOCUMENT_ENTRY_UNKNOWN"
