"""Personal data sealed per subject: round trip, binding to subject and field, erasure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

import pytest

from domain.employee import PERSONAL_FIELDS
from domain.personnel_service import PersonnelService
from domain.privacy import (
    ERASED,
    LOOKUP_SECRET_ID,
    Erased,
    InMemoryKeyStore,
    InMemorySubjectRegistry,
    Sealed,
    Vault,
)
from domain.values import (
    Expectation,
    Grade,
    JpHours,
    PenaltyLevel,
    PenaltyType,
    PromotionKind,
    SeparationType,
    TrainingType,
)
from tests.builders.personnel import OFFICER, Organisation, decree, refused, stored_count

SUBJECT = UUID("00000000-0000-4000-8000-000000000001")
OTHER = UUID("00000000-0000-4000-8000-000000000002")
RECORD = UUID("00000000-0000-4000-8000-000000000003")


@pytest.fixture
def vault() -> Vault:
    return Vault(InMemoryKeyStore())


class TestSealing:
    def test_a_sealed_value_opens_to_the_same_text(self, vault: Vault) -> None:
        sealed = vault.seal(SUBJECT, "name", "Siti Rahmawati", is_new=True)

        assert vault.open(SUBJECT, "name", sealed) == "Siti Rahmawati"

    def test_the_sealed_bytes_do_not_contain_the_clear_text(self, vault: Vault) -> None:
        sealed = vault.seal(SUBJECT, "name", "Siti Rahmawati", is_new=True)

        assert b"Siti" not in sealed.blob
        assert "…" in repr(sealed) and sealed.as_text() not in repr(sealed)

    def test_sealing_twice_gives_different_bytes(self, vault: Vault) -> None:
        # A fresh nonce each time: equal values must not be recognisable in the store.
        assert vault.seal(SUBJECT, "sex", "2", is_new=True) != vault.seal(SUBJECT, "sex", "2")

    def test_the_stored_text_form_round_trips(self, vault: Vault) -> None:
        sealed = vault.seal(SUBJECT, "contact", "0812-3456", is_new=True)

        assert Sealed.from_text(sealed.as_text()) == sealed

    def test_nothing_sealed_opens_as_none(self, vault: Vault) -> None:
        assert vault.open(SUBJECT, "contact", None) is None

    def test_a_value_moved_to_another_subject_does_not_open(self, vault: Vault) -> None:
        sealed = vault.seal(SUBJECT, "name", "Siti Rahmawati", is_new=True)
        vault.seal(OTHER, "name", "Budi Santoso", is_new=True)  # OTHER has a key of their own

        with pytest.raises(ValueError, match="does not authenticate"):
            vault.open(OTHER, "name", sealed)

    def test_a_value_moved_to_another_field_does_not_open(self, vault: Vault) -> None:
        sealed = vault.seal(SUBJECT, "name", "Siti Rahmawati", is_new=True)

        with pytest.raises(ValueError, match="does not authenticate"):
            vault.open(SUBJECT, "contact", sealed)

    def test_a_value_of_an_unknown_layout_does_not_open(self, vault: Vault) -> None:
        sealed = vault.seal(SUBJECT, "name", "Siti Rahmawati", is_new=True)

        with pytest.raises(ValueError, match="unknown sealed-value format"):
            vault.open(SUBJECT, "name", Sealed(b"\x02" + sealed.blob[1:]))

    def test_several_fields_open_together_as_each_would_alone(self, vault: Vault) -> None:
        name = vault.seal(SUBJECT, "name", "Siti Rahmawati", is_new=True)
        nip = vault.seal(SUBJECT, "nip", "199001012015032001")

        assert vault.open_fields(SUBJECT, {"name": name, "nip": nip, "birth_on": None}) == {
            "name": "Siti Rahmawati", "nip": "199001012015032001", "birth_on": None}
        with pytest.raises(ValueError, match="does not authenticate"):
            vault.open_fields(SUBJECT, {"name": name, "contact": nip})
        vault.erase(SUBJECT)
        assert vault.open_fields(SUBJECT, {"name": name, "birth_on": None}) == {
            "name": ERASED, "birth_on": None}


class TestErasure:
    def test_only_a_new_subject_is_given_a_key(self, vault: Vault) -> None:
        vault.seal(SUBJECT, "name", "Siti Rahmawati", is_new=True)

        assert not vault.is_erased(SUBJECT)
        with refused() as excinfo:
            vault.seal(OTHER, "name", "Budi Santoso")
        assert excinfo.value.code == "SUBJECT_ERASED"
        assert vault.is_erased(OTHER)

    def test_nothing_more_is_sealed_for_an_erased_subject(self, vault: Vault) -> None:
        vault.seal(SUBJECT, "name", "Siti Rahmawati", is_new=True)
        vault.erase(SUBJECT)

        with refused() as excinfo:
            vault.seal(SUBJECT, "reason", "Alasan")
        assert excinfo.value.code == "SUBJECT_ERASED"
        assert vault.is_erased(SUBJECT)

    def test_an_erased_subject_reads_as_the_erased_marker(self, vault: Vault) -> None:
        sealed = vault.seal(SUBJECT, "name", "Siti Rahmawati", is_new=True)

        assert vault.erase(SUBJECT)

        assert vault.open(SUBJECT, "name", sealed) is ERASED
        assert vault.is_erased(SUBJECT)
        assert not vault.erase(SUBJECT)

    def test_the_erased_marker_prints_as_dihapus_and_is_falsy(self) -> None:
        assert str(ERASED) == "[dihapus]"
        assert repr(ERASED) == "ERASED"
        assert not ERASED
        assert Erased() is ERASED

    def test_erasing_one_subject_leaves_the_others_readable(self, vault: Vault) -> None:
        vault.seal(SUBJECT, "name", "Siti Rahmawati", is_new=True)
        other = vault.seal(OTHER, "name", "Budi Santoso", is_new=True)

        vault.erase(SUBJECT)

        assert vault.open(OTHER, "name", other) == "Budi Santoso"


class TestRegistry:
    def test_a_number_is_bound_to_one_subject(self) -> None:
        registry = InMemorySubjectRegistry()

        assert registry.claim("token", SUBJECT, RECORD)
        assert not registry.claim("token", SUBJECT, RECORD)  # already theirs: nothing new
        with refused() as excinfo:
            registry.claim("token", OTHER, RECORD)
        assert excinfo.value.code == "NIP_DUPLICATE"
        assert registry.find("token") == (SUBJECT, RECORD)

    def test_releasing_a_subject_forgets_all_their_numbers(self) -> None:
        registry = InMemorySubjectRegistry()
        registry.claim("nip", SUBJECT, RECORD)
        registry.claim("ni-pppk", SUBJECT, RECORD)
        registry.claim("other", OTHER, RECORD)

        registry.release(SUBJECT)

        assert (registry.find("nip"), registry.find("ni-pppk")) == (None, None)
        assert registry.find("other") == (OTHER, RECORD)


class TestLookupTokens:
    NIP = "199205172016042007"

    def test_a_token_is_stable_for_the_same_number(self, vault: Vault) -> None:
        assert vault.lookup_token("nip", self.NIP) == vault.lookup_token("nip", self.NIP)

    def test_a_token_does_not_reveal_the_number(self, vault: Vault) -> None:
        token = vault.lookup_token("nip", self.NIP)

        assert self.NIP not in token and "19920517" not in token
        assert len(token) == 64

    def test_tokens_differ_by_number_and_by_kind(self, vault: Vault) -> None:
        tokens = {vault.lookup_token("nip", self.NIP), vault.lookup_token("nip", "1" * 18),
                  vault.lookup_token("nik", self.NIP)}

        assert len(tokens) == 3

    def test_a_token_is_keyed_with_a_secret_of_the_key_store(self, vault: Vault) -> None:
        # An unkeyed hash of a NIP could be reversed by trying every birth date and sequence.
        other_vault = Vault(InMemoryKeyStore())

        assert vault.lookup_token("nip", self.NIP) != other_vault.lookup_token("nip", self.NIP)
        assert vault.keys.get(LOOKUP_SECRET_ID) is not None

    def test_erasing_a_subject_keeps_the_lookup_secret(self, vault: Vault) -> None:
        token = vault.lookup_token("nip", self.NIP)
        vault.seal(SUBJECT, "name", "Siti Rahmawati", is_new=True)

        vault.erase(SUBJECT)

        assert vault.lookup_token("nip", self.NIP) == token


# A new action of each kind, dated after the erasure of `promotable_pns` on 1 January 2024.
ACTIONS: dict[str, Callable[[PersonnelService, Organisation, UUID], None]] = {
    "training": lambda s, o, e: s.complete_training(
        e, training_type=TrainingType.SEMINAR, title="Seminar", hours_jp=JpHours(2),
        topics=(), effective_on=date(2024, 3, 1), actor=OFFICER),
    "promotion": lambda s, o, e: s.promote_rank(
        e, kind=PromotionKind.REGULAR, to_grade=Grade("III/b"), effective_on=date(2024, 4, 1),
        actor=OFFICER, legal_basis=decree()),
    "appraisal": lambda s, o, e: s.record_appraisal(
        e, year=2023, work_result=Expectation.AS_EXPECTED,
        behaviour=Expectation.AS_EXPECTED, rater_id=o.rater(), effective_on=date(2024, 3, 1),
        actor=OFFICER),
    "transfer": lambda s, o, e: s.transfer(
        e, to_agency_id=o.health_agency_id, to_unit_id=o.health_unit_id,
        effective_on=date(2024, 3, 1), actor=OFFICER, legal_basis=None),
    "release": lambda s, o, e: s.release_position(
        e, effective_on=date(2024, 3, 1), actor=OFFICER, legal_basis=None),
    "separation": lambda s, o, e: s.separate(
        e, separation_type=SeparationType.RESIGNATION, effective_on=date(2024, 3, 1),
        actor=OFFICER, legal_basis=decree()),
    "retirement": lambda s, o, e: s.separate(
        e, separation_type=SeparationType.RETIREMENT, effective_on=date(2050, 6, 1),
        actor=OFFICER, legal_basis=decree()),
    "penalty": lambda s, o, e: s.impose_penalty(
        e, level=PenaltyLevel.LIGHT, penalty_type=PenaltyType.ORAL_REPRIMAND,
        effective_on=date(2024, 3, 1), actor=OFFICER, legal_basis=decree(), reason="Terlambat"),
    "annulment": lambda s, o, e: s.annul(
        e, target_version=2, effective_on=date(2024, 3, 1), actor=OFFICER, reason="Salah"),
    "correction": lambda s, o, e: s.correct(
        e, target_version=2, changes={"effective_on": date(2016, 9, 1)},
        effective_on=date(2024, 3, 1), actor=OFFICER, reason=None),
}


class TestErasureThroughTheService:
    def test_every_personal_field_of_the_erased_person_reads_erased(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(contact="siti@contoh.go.id")

        service.erase_personal_data(
            service.get_employee(employee_id).subject_id,
            effective_on=date(2024, 1, 1), actor=OFFICER)

        assert service.personal_data(employee_id) == dict.fromkeys(PERSONAL_FIELDS, ERASED)
        assert service.get_employee(employee_id).is_erased

    def test_the_erased_person_is_no_longer_found_by_nip(self, org: Organisation,
                                                         service: PersonnelService) -> None:
        employee_id = org.appoint_cpns()
        nip = str(service.personal_data(employee_id)["nip"])

        service.erase_personal_data(
            service.get_employee(employee_id).subject_id,
            effective_on=date(2024, 1, 1), actor=OFFICER)

        assert service.find_by_nip(nip) is None

    def test_other_employees_are_untouched(self, org: Organisation,
                                           service: PersonnelService) -> None:
        erased_id = org.appoint_cpns()
        kept_id = org.appoint_cpns(name="Budi Santoso")
        kept = service.personal_data(kept_id)

        service.erase_personal_data(
            service.get_employee(erased_id).subject_id,
            effective_on=date(2024, 1, 1), actor=OFFICER)

        assert service.personal_data(kept_id) == kept
        assert service.find_by_nip(str(kept["nip"])) == kept_id

    def test_the_employment_record_survives_the_erasure(self, org: Organisation,
                                                        service: PersonnelService) -> None:
        employee_id = org.promotable_pns()
        before = service.get_employee(employee_id).state

        service.erase_personal_data(
            service.get_employee(employee_id).subject_id,
            effective_on=date(2024, 1, 1), actor=OFFICER)

        assert service.get_employee(employee_id).state == before

    def test_erasing_twice_records_the_erasure_once(self, org: Organisation,
                                                    service: PersonnelService) -> None:
        employee_id = org.appoint_cpns()
        service.erase_personal_data(
            service.get_employee(employee_id).subject_id,
            effective_on=date(2024, 1, 1), actor=OFFICER)
        count = stored_count(service)

        service.erase_personal_data(
            service.get_employee(employee_id).subject_id,
            effective_on=date(2024, 2, 1), actor=OFFICER)

        assert stored_count(service) == count

    @pytest.mark.parametrize("command", list(ACTIONS))
    def test_no_new_action_is_accepted_for_an_erased_person(
            self, org: Organisation, service: PersonnelService, command: str) -> None:
        employee_id = org.promotable_pns()
        service.erase_personal_data(
            service.get_employee(employee_id).subject_id,
            effective_on=date(2024, 1, 1), actor=OFFICER)

        with refused(service) as excinfo:
            ACTIONS[command](service, org, employee_id)
        assert excinfo.value.code == "SUBJECT_ERASED"
        assert service.vault.is_erased(service.get_employee(employee_id).subject_id)

    def test_before_the_erasure_the_same_action_is_accepted(self, org: Organisation,
                                                            service: PersonnelService) -> None:
        employee_id = org.promotable_pns()

        ACTIONS["training"](service, org, employee_id)

        assert service.get_employee(employee_id).state.training_jp[2024] == 2

    def test_a_refused_command_with_a_reason_leaves_the_person_erased(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns()
        service.erase_personal_data(
            service.get_employee(employee_id).subject_id,
            effective_on=date(2024, 1, 1), actor=OFFICER)

        with refused(service) as excinfo:
            service.transfer(employee_id, to_agency_id=org.health_agency_id,
                             to_unit_id=org.health_unit_id, effective_on=date(2024, 3, 1),
                             actor=OFFICER, legal_basis=None, reason="Kebutuhan organisasi")
        assert excinfo.value.code == "SUBJECT_ERASED"
        assert service.vault.is_erased(service.get_employee(employee_id).subject_id)
        assert service.personal_data(employee_id) == dict.fromkeys(PERSONAL_FIELDS, ERASED)

    def test_each_appointed_person_gets_a_subject_of_their_own(self, org: Organisation,
                                                               service: PersonnelService) -> None:
        first, second = org.appoint_cpns(), org.appoint_cpns()

        assert service.get_employee(first).subject_id != service.get_employee(second).subject_id


def test_personal_values_do_not_show_in_their_representations() -> None:
    from domain.checks import PersonInput
    from domain.values import Nip, Sex

    nip = "199001012015032001"
    person = PersonInput("Siti Aminah", nip, date(1990, 1, 1), Sex.FEMALE, "0812345")
    for text in (repr(person), repr(Nip.parse(nip)), repr([person])):
        assert "Siti" not in text and nip not in text and "0812345" not in text
