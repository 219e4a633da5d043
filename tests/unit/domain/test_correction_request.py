"""An employee asks for a correction of their personal data; HR approves or refuses it."""

from __future__ import annotations

from datetime import date

from domain.correction_request import RequestStatus
from domain.personnel_service import PersonnelService
from domain.privacy import Sealed
from domain.values import Actor, Role, Sex
from tests.builders.personnel import OFFICER, Organisation, nip_for, refused

BORN, TMT = date(1992, 5, 17), date(2016, 4, 1)


def _employee_actor(employee_id: object) -> Actor:
    return Actor("akun-pegawai", Role.EMPLOYEE)


class TestAskingForACorrection:
    def test_the_value_and_the_reason_are_stored_sealed_under_the_employee_key(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(name="Siti Aminnah")
        requests = service.correction_requests

        request_id = requests.request_correction(
            employee_id, field_name="name", value="Siti  Aminah", reason="Salah ketik",
            actor=_employee_actor(employee_id))

        request = requests.get(request_id)
        assert request.status is RequestStatus.REQUESTED
        assert isinstance(request.value, Sealed) and isinstance(request.reason, Sealed)
        assert requests.opened(request) == ("Siti Aminah", "Salah ketik")
        assert service.personal_data(employee_id)["name"] == "Siti Aminnah"  # not yet changed

    def test_an_unknown_field_is_refused_and_nothing_is_stored(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns()
        with refused(service) as excinfo:
            service.correction_requests.request_correction(
                employee_id, field_name="grade", value="IV/e", reason="Ingin naik",
                actor=_employee_actor(employee_id))
        assert excinfo.value.code == "CORRECTION_FIELDS_INVALID"

    def test_a_field_still_waiting_for_hr_is_refused_and_nothing_is_stored(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns()
        with refused(service) as excinfo:
            service.correction_requests.request_correction(
                employee_id, field_name="contact", value="0812 1111 2222", reason="Nomor baru",
                actor=_employee_actor(employee_id), waiting_fields={"contact"})
        assert excinfo.value.code == "CORRECTION_ALREADY_ASKED"
        assert excinfo.value.field == "field_name"
        assert service.correction_requests.request_correction(
            employee_id, field_name="name", value="Nama Baru", reason="Salah ketik",
            actor=_employee_actor(employee_id), waiting_fields={"contact"}) is not None

    def test_a_malformed_value_is_refused_at_the_value_field(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns()
        with refused(service) as excinfo:
            service.correction_requests.request_correction(
                employee_id, field_name="nip", value="12345", reason="Nomor salah",
                actor=_employee_actor(employee_id))
        assert excinfo.value.field == "value"

    def test_a_request_without_a_reason_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns()
        with refused(service) as excinfo:
            service.correction_requests.request_correction(
                employee_id, field_name="contact", value="0812 3456 7890", reason="  ",
                actor=_employee_actor(employee_id))
        assert excinfo.value.code == "REASON_REQUIRED"


class TestDecidingARequest:
    def test_approval_records_the_personal_data_correction_on_the_record(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(birth_on=BORN, appointed_on=TMT, sex=Sex.FEMALE,
                                       nip=nip_for(BORN, TMT, Sex.FEMALE, 7))
        requests = service.correction_requests
        right = nip_for(BORN, TMT, Sex.FEMALE, 8)
        request_id = requests.request_correction(
            employee_id, field_name="nip", value=right, reason="Nomor urut salah",
            actor=_employee_actor(employee_id))
        before = service.get_employee(employee_id).version

        requests.approve_correction(request_id, actor=OFFICER)

        assert requests.get(request_id).status is RequestStatus.APPROVED
        assert service.personal_data(employee_id)["nip"] == right
        assert service.find_by_nip(right) == employee_id
        assert service.get_employee(employee_id).version == before + 1

    def test_refusal_keeps_the_record_and_seals_the_reason(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(name="Budi")
        requests = service.correction_requests
        request_id = requests.request_correction(
            employee_id, field_name="name", value="Budi Santoso", reason="Nama lengkap",
            actor=_employee_actor(employee_id))

        requests.refuse_correction(request_id, reason="Tidak sesuai SK", actor=OFFICER)

        request = requests.get(request_id)
        assert request.status is RequestStatus.REFUSED
        assert service.vault.open(request.subject_id, "reason", request.refusal) == \
            "Tidak sesuai SK"
        assert service.personal_data(employee_id)["name"] == "Budi"

    def test_a_decided_request_cannot_be_decided_again(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(name="Budi")
        requests = service.correction_requests
        request_id = requests.request_correction(
            employee_id, field_name="name", value="Budi Santoso", reason="Nama lengkap",
            actor=_employee_actor(employee_id))
        requests.refuse_correction(request_id, reason="Tidak sesuai SK", actor=OFFICER)
        with refused(service) as excinfo:
            requests.approve_correction(request_id, actor=OFFICER)
        assert excinfo.value.code == "CORRECTION_REQUEST_DECIDED"

    def test_an_approval_the_record_refuses_writes_nothing(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(birth_on=BORN, appointed_on=TMT, sex=Sex.FEMALE,
                                       nip=nip_for(BORN, TMT, Sex.FEMALE, 7))
        requests = service.correction_requests
        request_id = requests.request_correction(  # a birth date the NIP contradicts
            employee_id, field_name="birth_on", value="1990-01-01", reason="Tanggal salah",
            actor=_employee_actor(employee_id))
        with refused(service):
            requests.approve_correction(request_id, actor=OFFICER)
        assert requests.get(request_id).status is RequestStatus.REQUESTED
