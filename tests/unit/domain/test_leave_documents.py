"""Documents of a leave request (a sick-leave certificate is health data): checked, sealed under
the employee's subject key, recorded by their SHA-256 only, required before sick leave that
needs a certificate is approved, and unreadable once the person is erased."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from uuid import UUID

import pytest

from domain.document import DocumentKind
from domain.leave_regulations import LeaveType
from domain.leave_request import LeaveRequest, LeaveStatus
from domain.leave_rules import SickCertificate
from domain.personnel_service import PersonnelService
from domain.values import Actor, Role
from tests.builders.documents import a_pdf, an_image
from tests.builders.personnel import OFFICER, Organisation, refused
from tests.builders.voice import on_day

TODAY = date(2026, 10, 1)
EMPLOYEE = Actor("pegawai.salatiga", Role.EMPLOYEE)
OFFICIAL = Actor("hradmin.salatiga", Role.HR_ADMIN)


@pytest.fixture(autouse=True)
def today() -> Iterator[None]:
    with on_day(TODAY):
        yield


@pytest.fixture
def employee(org: Organisation) -> UUID:
    return org.appoint_cpns(appointed_on=date(2020, 6, 1))


def _sick(service: PersonnelService, employee_id: UUID) -> UUID:
    return service.leave.request_leave(
        employee_id, leave_type=LeaveType.SICK, start_on=date(2026, 9, 28),
        end_on=date(2026, 9, 30), certificate=SickCertificate.DOCTOR, actor=EMPLOYEE)


class TestAttaching:
    def test_a_certificate_is_sealed_and_only_its_digest_is_recorded(
            self, service: PersonnelService, employee: UUID) -> None:
        scan = a_pdf("SURAT KETERANGAN SAKIT")
        with service.batch():  # asked with its certificate, in one unit
            request_id = _sick(service, employee)
            sha256 = service.documents.attach_to_leave(
                request_id=request_id, data=scan, media_type="application/pdf",
                kind=DocumentKind.CERTIFICATE, actor=EMPLOYEE)

        assert sha256 == hashlib.sha256(scan).hexdigest()
        stored = service.recorder.select_events(request_id)
        assert stored[-1].topic == "domain.leave_request:LeaveRequest.DocumentAttached"
        assert b"SURAT KETERANGAN" not in b"".join(e.state for e in stored)
        request = service.leave.get(request_id)
        (attached,) = request.documents
        assert (attached.media_type, attached.size, attached.kind) == (
            "application/pdf", len(scan), DocumentKind.CERTIFICATE)
        opened = service.documents.open_leave_document(request, sha256)
        assert opened is not None and opened.data == scan
        assert service.documents.open_leave_document(request, "0" * 64) is None

    def test_a_file_that_is_not_a_real_image_is_refused_and_nothing_is_written(
            self, service: PersonnelService, employee: UUID) -> None:
        request_id = _sick(service, employee)
        with refused(service) as excinfo:
            service.documents.attach_to_leave(
                request_id=request_id, data=b"\x89PNG\r\n\x1a\n not really",
                media_type="image/png", kind=DocumentKind.CERTIFICATE, actor=EMPLOYEE)
        assert excinfo.value.code == "DOCUMENT_CONTENT_INVALID"
        assert service.documents.store.get(service.leave.get(request_id).subject_id,
                                           "0" * 64) is None

    def test_a_closed_request_takes_no_document(
            self, service: PersonnelService, employee: UUID) -> None:
        request_id = _sick(service, employee)
        service.leave.cancel_leave(request_id, actor=EMPLOYEE)
        with refused(service) as excinfo:
            service.documents.attach_to_leave(
                request_id=request_id, data=an_image("image/png"), media_type="image/png",
                kind=DocumentKind.OTHER, actor=EMPLOYEE)
        assert excinfo.value.code == "LEAVE_REQUEST_STATUS"


class TestSickLeaveNeedsTheCertificate:
    def test_sick_leave_is_not_approved_until_the_certificate_is_attached(
            self, service: PersonnelService, employee: UUID) -> None:
        request_id = _sick(service, employee)
        service.documents.attach_to_leave(
            request_id=request_id, data=an_image("image/jpeg"), media_type="image/jpeg",
            kind=DocumentKind.OTHER, actor=EMPLOYEE)  # not the certificate
        with refused(service) as excinfo:
            service.leave.approve_leave(request_id, actor=OFFICIAL)
        assert excinfo.value.code == "LEAVE_SICK_CERTIFICATE_NOT_ATTACHED"

        service.documents.attach_to_leave(  # handed in later
            request_id=request_id, data=an_image("image/png"), media_type="image/png",
            kind=DocumentKind.CERTIFICATE, actor=OFFICER)
        service.leave.approve_leave(request_id, actor=OFFICIAL)
        assert service.leave.get(request_id).status is LeaveStatus.APPROVED


class TestErasure:
    def test_the_certificate_is_unreadable_once_the_person_is_erased(
            self, service: PersonnelService, employee: UUID) -> None:
        request_id = _sick(service, employee)
        sha256 = service.documents.attach_to_leave(
            request_id=request_id, data=an_image("image/png"), media_type="image/png",
            kind=DocumentKind.CERTIFICATE, actor=EMPLOYEE)
        request = service.leave.get(request_id)

        service.erase_personal_data(request.subject_id, effective_on=TODAY, actor=OFFICER)

        assert service.documents.store.get(request.subject_id, sha256) is None
        after: LeaveRequest = service.leave.get(request_id)
        assert service.documents.open_leave_document(after, sha256) is None
        with refused(service) as excinfo:
            service.documents.attach_to_leave(
                request_id=request_id, data=an_image("image/jpeg"), media_type="image/jpeg",
                kind=DocumentKind.CERTIFICATE, actor=OFFICER)
        assert excinfo.value.code == "SUBJECT_ERASED"
