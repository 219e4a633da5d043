"""Correcting a mistyped name, NIP, birth date or sex: sealed again, kept consistent."""

from __future__ import annotations

from datetime import date

import pytest

from domain.personnel_service import PersonnelService
from domain.privacy import ERASED
from domain.values import Sex
from tests.builders.personnel import OFFICER, Organisation, nip_for, refused

BORN, TMT = date(1992, 5, 17), date(2016, 4, 1)
TODAY = date(2024, 3, 1)


class TestCorrectingPersonalData:
    def test_a_mistyped_name_is_corrected_and_the_original_event_stays(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(name="Siti Aminnah")
        before = service.get_employee(employee_id).version

        service.correct_personal_data(employee_id, name="  Siti   Aminah ", effective_on=TODAY,
                                      actor=OFFICER, reason="Salah ketik pada formulir")

        assert service.personal_data(employee_id)["name"] == "Siti Aminah"
        assert service.get_employee(employee_id).version == before + 1

    def test_a_mistyped_nip_moves_the_registration_to_the_right_number(
            self, org: Organisation, service: PersonnelService) -> None:
        wrong, right = nip_for(BORN, TMT, Sex.FEMALE, 7), nip_for(BORN, TMT, Sex.FEMALE, 8)
        employee_id = org.appoint_cpns(birth_on=BORN, appointed_on=TMT, nip=wrong)

        service.correct_personal_data(employee_id, nip=right, effective_on=TODAY,
                                      actor=OFFICER, reason="Nomor urut NIP salah")

        assert service.personal_data(employee_id)["nip"] == right
        assert service.find_by_nip(right) == employee_id
        assert service.find_by_nip(wrong) is None

    def test_a_nip_correction_reviewed_in_an_abandoned_batch_changes_nothing(
            self, org: Organisation, service: PersonnelService) -> None:
        wrong, right = nip_for(BORN, TMT, Sex.FEMALE, 7), nip_for(BORN, TMT, Sex.FEMALE, 8)
        employee_id = org.appoint_cpns(birth_on=BORN, appointed_on=TMT, nip=wrong)
        before = service.get_employee(employee_id).version

        class Abandon(Exception):
            pass

        with pytest.raises(Abandon), service.batch():  # how a form's review step dry-runs
            service.correct_personal_data(employee_id, nip=right, effective_on=TODAY,
                                          actor=OFFICER, reason="Nomor urut NIP salah")
            raise Abandon

        assert service.get_employee(employee_id).version == before
        assert service.find_by_nip(wrong) == employee_id
        assert service.find_by_nip(right) is None

    def test_a_nip_correction_in_a_saved_batch_releases_the_old_number_after_the_save(
            self, org: Organisation, service: PersonnelService) -> None:
        wrong, right = nip_for(BORN, TMT, Sex.FEMALE, 7), nip_for(BORN, TMT, Sex.FEMALE, 8)
        employee_id = org.appoint_cpns(birth_on=BORN, appointed_on=TMT, nip=wrong)
        with service.batch():
            service.correct_personal_data(employee_id, nip=right, effective_on=TODAY,
                                          actor=OFFICER, reason="Nomor urut NIP salah")
            assert service.find_by_nip(wrong) == employee_id  # not yet saved
        assert service.find_by_nip(right) == employee_id
        assert service.find_by_nip(wrong) is None

    def test_a_nip_that_contradicts_the_birth_date_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(birth_on=BORN, appointed_on=TMT)

        with refused(service) as excinfo:
            service.correct_personal_data(
                employee_id, nip=nip_for(date(1993, 5, 17), TMT, Sex.FEMALE, 3),
                effective_on=TODAY, actor=OFFICER, reason="Koreksi")
        assert excinfo.value.code == "NIP_BIRTH_DATE_MISMATCH"

    def test_a_birth_date_that_contradicts_the_nip_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(birth_on=BORN, appointed_on=TMT)

        with refused(service) as excinfo:
            service.correct_personal_data(employee_id, birth_on=date(1992, 6, 17),
                                          effective_on=TODAY, actor=OFFICER, reason="Koreksi")
        assert excinfo.value.code == "NIP_BIRTH_DATE_MISMATCH"

    def test_a_birth_date_and_nip_corrected_together_are_accepted(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(birth_on=BORN, appointed_on=TMT)
        born = date(1992, 6, 17)

        service.correct_personal_data(employee_id, birth_on=born,
                                      nip=nip_for(born, TMT, Sex.FEMALE, 4),
                                      effective_on=TODAY, actor=OFFICER,
                                      reason="Akta kelahiran menunjukkan 17 Juni")

        assert service.personal_data(employee_id)["birth_on"] == "1992-06-17"

    def test_a_number_held_by_someone_else_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        taken = nip_for(BORN, TMT, Sex.FEMALE, 5)
        org.appoint_cpns(birth_on=BORN, appointed_on=TMT, nip=taken)
        employee_id = org.appoint_cpns(birth_on=BORN, appointed_on=TMT)

        with refused(service) as excinfo:
            service.correct_personal_data(employee_id, nip=taken, effective_on=TODAY,
                                          actor=OFFICER, reason="Koreksi")
        assert excinfo.value.code == "NIP_DUPLICATE"

    def test_a_correction_needs_a_reason(self, org: Organisation,
                                         service: PersonnelService) -> None:
        employee_id = org.appoint_cpns()

        with refused(service) as excinfo:
            service.correct_personal_data(employee_id, name="Nama Baru", effective_on=TODAY,
                                          actor=OFFICER, reason=" ")
        assert excinfo.value.code == "REASON_REQUIRED"

    def test_nothing_to_correct_is_refused(self, org: Organisation,
                                           service: PersonnelService) -> None:
        employee_id = org.appoint_cpns()

        with refused(service) as excinfo:
            service.correct_personal_data(employee_id, effective_on=TODAY, actor=OFFICER,
                                          reason="Koreksi")
        assert excinfo.value.code == "CORRECTION_FIELDS_INVALID"

    def test_an_erased_person_cannot_be_corrected(self, org: Organisation,
                                                  service: PersonnelService) -> None:
        employee_id = org.appoint_cpns()
        service.erase_personal_data(service.get_employee(employee_id).subject_id,
                                    effective_on=TODAY, actor=OFFICER)

        with refused(service) as excinfo:
            service.correct_personal_data(employee_id, name="Nama", effective_on=TODAY,
                                          actor=OFFICER, reason="Koreksi")
        assert excinfo.value.code == "SUBJECT_ERASED"
        assert service.personal_data(employee_id)["name"] is ERASED
