"""The employee's record, driven through the service: each use case accepted and refused."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest

from domain.clock import recording_clock
from domain.employee import Employee
from domain.errors import ConcurrencyConflictError, DomainError
from domain.personnel_service import PersonnelService
from domain.values import (
    Education,
    EmployeeStatus,
    EmploymentType,
    Expectation,
    Grade,
    JpHours,
    Nip,
    PenaltyLevel,
    PenaltyType,
    PositionType,
    PromotionKind,
    Rating,
    SeparationType,
    Sex,
    TopicTag,
    TrainingType,
)
from tests.builders.personnel import (
    OFFICER,
    Organisation,
    decree,
    ni_pppk_for,
    nip_for,
    refused,
    stored_count,
    versions_of,
)

BORN = date(1992, 5, 17)
TMT = date(2016, 4, 1)
READY_ON = date(2020, 4, 1)  # when `promotable_pns` is first due a promotion


def _train(service: PersonnelService, employee_id: UUID, on: date, hours: float = 8,
           training_type: TrainingType = TrainingType.TECHNICAL) -> None:
    service.complete_training(employee_id, training_type=training_type,
                              title="Bimtek Aplikasi SIASN", hours_jp=JpHours(hours),
                              topics=(TopicTag.DIGITAL,), effective_on=on, actor=OFFICER)


def _penalise(service: PersonnelService, employee_id: UUID, on: date,
              penalty: PenaltyType = PenaltyType.ALLOWANCE_CUT_6_MONTHS) -> None:
    service.impose_penalty(employee_id, level=penalty.level, penalty_type=penalty,
                           effective_on=on, actor=OFFICER, legal_basis=decree("862/001/HD", on),
                           reason="Tidak masuk kerja 12 hari tanpa keterangan")


class TestAppointment:
    def test_a_cpns_starts_at_the_grade_of_their_education(self, org: Organisation,
                                                          service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(education=Education.D3, appointed_on=date(2019, 3, 1))

        state = service.get_employee(employee_id).state
        assert state.employment_type is EmploymentType.PNS
        assert state.status is EmployeeStatus.CPNS
        assert (state.grade, state.grade_since) == (Grade("II/c"), date(2019, 3, 1))
        assert (state.government_id, state.agency_id, state.unit_id) == (
            org.government_id, org.agency_id, org.division_id)
        assert state.education is Education.D3 and state.is_active

    def test_the_appointed_person_is_found_by_nip_and_reads_back_in_clear(
            self, org: Organisation, service: PersonnelService) -> None:
        nip = nip_for(BORN, TMT, Sex.FEMALE, 12)
        employee_id = org.appoint_cpns(birth_on=BORN, sex=Sex.FEMALE, nip=nip,
                                       name="  Siti   Rahmawati ", contact="siti@contoh.go.id")

        assert service.find_by_nip(nip) == employee_id
        assert service.find_by_nip("19920517 201604 2 012") == employee_id
        assert service.personal_data(employee_id) == {
            "name": "Siti Rahmawati", "nip": nip, "birth_on": "1992-05-17", "sex": "2",
            "contact": "siti@contoh.go.id"}

    def test_no_personal_data_reaches_the_event_store_in_clear(
            self, org: Organisation, service: PersonnelService) -> None:
        nip = nip_for(BORN, TMT, Sex.FEMALE, 12)
        org.appoint_cpns(birth_on=BORN, nip=nip, name="Siti Rahmawati", contact="0812-3456")

        stored = b"".join(n.state for n in service.recorder.select_notifications(1, 1000))
        for clear in (nip, "Siti", "1992-05-17", "0812-3456"):
            assert clear.encode() not in stored

    def test_a_pppk_is_appointed_at_a_pppk_grade_until_the_contract_ends(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_pppk(appointed_on=date(2022, 3, 15),
                                       contract_ends_on=date(2023, 3, 15))

        state = service.get_employee(employee_id).state
        assert state.status is EmployeeStatus.PPPK
        assert state.grade == Grade("IX")
        assert state.contract_ends_on == date(2023, 3, 15)

    def test_a_nip_that_does_not_parse_is_refused(self, org: Organisation,
                                                  service: PersonnelService) -> None:
        with refused(service) as excinfo:
            org.appoint_cpns(nip="1992051720160420")
        assert excinfo.value.code == "NIP_FORMAT"

    def test_a_nip_with_another_birth_date_is_refused(self, org: Organisation,
                                                      service: PersonnelService) -> None:
        with refused(service) as excinfo:
            org.appoint_cpns(birth_on=BORN, nip=nip_for(date(1992, 5, 18), TMT, Sex.FEMALE))
        assert excinfo.value.code == "NIP_BIRTH_DATE_MISMATCH"

    def test_a_nip_with_the_other_sex_is_refused(self, org: Organisation,
                                                 service: PersonnelService) -> None:
        with refused(service) as excinfo:
            org.appoint_cpns(sex=Sex.FEMALE, nip=nip_for(BORN, TMT, Sex.MALE))
        assert excinfo.value.code == "NIP_SEX_MISMATCH"

    def test_a_nip_with_another_tmt_month_is_refused(self, org: Organisation,
                                                     service: PersonnelService) -> None:
        with refused(service) as excinfo:
            org.appoint_cpns(appointed_on=TMT, nip=nip_for(BORN, date(2016, 5, 1), Sex.FEMALE))
        assert excinfo.value.code == "NIP_TMT_MISMATCH"

    def test_the_aggregate_refuses_a_number_of_the_other_kind(self, org: Organisation) -> None:
        nip = Nip.parse(ni_pppk_for(BORN, TMT, Sex.FEMALE), is_pppk=True)
        with refused() as excinfo:
            Employee.appoint(
                subject_id=uuid4(), employment_type=EmploymentType.PNS,
                government_id=org.government_id, agency_id=org.agency_id,
                unit_id=org.division_id, education=Education.S1, grade=Grade("III/a"),
                nip=nip, birth_on=BORN, sex=Sex.FEMALE, sealed={}, effective_on=TMT,
                actor=OFFICER, legal_basis=None)
        assert excinfo.value.code == "NIP_KIND_MISMATCH"

    def test_a_pns_given_an_ni_pppk_is_told_the_number_is_of_the_other_kind(
            self, org: Organisation, service: PersonnelService) -> None:
        with refused(service) as excinfo:
            org.appoint_cpns(nip=ni_pppk_for(BORN, TMT, Sex.FEMALE))
        assert excinfo.value.code == "NIP_KIND_MISMATCH"

    def test_a_person_who_turns_eighteen_on_the_tmt_may_be_appointed(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(birth_on=date(1998, 4, 1), appointed_on=TMT,
                                       education=Education.SLTA)

        assert service.get_employee(employee_id).state.grade == Grade("II/a")

    def test_a_person_under_eighteen_on_the_tmt_is_refused(self, org: Organisation,
                                                           service: PersonnelService) -> None:
        with refused(service) as excinfo:
            org.appoint_cpns(birth_on=date(1998, 4, 2), appointed_on=TMT,
                             education=Education.SLTA)
        assert excinfo.value.code == "APPOINTMENT_UNDER_AGE"

    def test_a_cpns_at_a_grade_other_than_the_starting_grade_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        with refused(service) as excinfo:
            org.appoint_cpns(education=Education.S1, grade=Grade("II/a"))
        assert excinfo.value.code == "APPOINTMENT_GRADE_EDUCATION"
        assert excinfo.value.message("id") == "CPNS berpendidikan S1 diangkat dalam golongan III/a."

    def test_a_cpns_tmt_other_than_the_first_of_a_month_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        with refused(service) as excinfo:
            org.appoint_cpns(appointed_on=date(2016, 4, 2))
        assert excinfo.value.code == "APPOINTMENT_TMT_FIRST_OF_MONTH"

    def test_a_cpns_at_a_pppk_grade_is_refused(self, org: Organisation,
                                               service: PersonnelService) -> None:
        with refused(service) as excinfo:
            org.appoint_cpns(education=Education.S1, grade=Grade("IX"))
        assert excinfo.value.code == "GRADE_UNKNOWN"

    def test_a_pppk_at_a_pns_grade_is_refused(self, org: Organisation,
                                              service: PersonnelService) -> None:
        with refused(service) as excinfo:
            org.appoint_pppk(grade="III/a")
        assert excinfo.value.code == "PPPK_GRADE_REQUIRED"

    @pytest.mark.parametrize("ends_on", [date(2023, 3, 13), None], ids=["short", "missing"])
    def test_a_pppk_contract_shorter_than_a_year_is_refused(
            self, org: Organisation, service: PersonnelService, ends_on: date | None) -> None:
        with refused(service) as excinfo:
            org.appoint_pppk(appointed_on=date(2022, 3, 15), contract_ends_on=ends_on)
        assert excinfo.value.code == "PPPK_CONTRACT_TOO_SHORT"

    def test_a_pppk_contract_from_january_to_december_is_accepted(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_pppk(appointed_on=date(2025, 1, 1),
                                       contract_ends_on=date(2025, 12, 31))

        assert service.get_employee(employee_id).state.contract_ends_on == date(2025, 12, 31)

    def test_a_blank_name_is_refused(self, org: Organisation, service: PersonnelService) -> None:
        with refused(service) as excinfo:
            org.appoint_cpns(name="   ")
        assert excinfo.value.code == "NAME_INVALID"

    def test_an_overlong_contact_is_refused(self, org: Organisation,
                                            service: PersonnelService) -> None:
        with refused(service) as excinfo:
            org.appoint_cpns(contact="x" * 201)
        assert excinfo.value.code == "PERSONAL_DATA_INVALID"

    def test_a_unit_of_another_agency_is_refused(self, org: Organisation,
                                                 service: PersonnelService) -> None:
        with refused(service) as excinfo:
            org.appoint_cpns(agency_id=org.agency_id, unit_id=org.health_unit_id)
        assert excinfo.value.code == "UNIT_NOT_IN_AGENCY"

    def test_an_unknown_agency_is_refused(self, org: Organisation,
                                          service: PersonnelService) -> None:
        with refused(service) as excinfo:
            org.appoint_cpns(agency_id=uuid4())
        assert excinfo.value.code == "NOT_FOUND"
        assert excinfo.value.message("id") == "Perangkat daerah tidak ditemukan."

    def test_a_nip_already_registered_to_another_person_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        nip = nip_for(BORN, TMT, Sex.FEMALE)
        first = org.appoint_cpns(nip=nip)

        with refused(service) as excinfo:
            org.appoint_cpns(nip=nip)
        assert excinfo.value.code == "NIP_DUPLICATE"
        assert service.find_by_nip(nip) == first

    def test_a_second_record_under_a_nip_the_person_already_holds_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        subject_id = uuid4()
        nip = nip_for(BORN, TMT, Sex.FEMALE)
        org.appoint_cpns(subject_id=subject_id, nip=nip)

        with refused(service) as excinfo:
            org.appoint_cpns(subject_id=subject_id, nip=nip)
        assert excinfo.value.code == "NIP_DUPLICATE"

    def test_a_refused_appointment_leaves_the_nip_free(self, org: Organisation,
                                                       service: PersonnelService) -> None:
        nip = nip_for(BORN, TMT, Sex.FEMALE)
        with refused(service):
            org.appoint_cpns(nip=nip, grade=Grade("II/a"))

        assert service.find_by_nip(nip) is None
        assert org.appoint_cpns(nip=nip) == service.find_by_nip(nip)

    def test_a_refused_appointment_of_a_known_person_keeps_their_existing_number(
            self, org: Organisation, service: PersonnelService) -> None:
        pppk_id = org.appoint_pppk(birth_on=BORN, sex=Sex.FEMALE)
        ni_pppk = str(service.personal_data(pppk_id)["nip"])
        subject_id = service.get_employee(pppk_id).subject_id

        with refused(service):
            org.appoint_cpns(subject_id=subject_id, birth_on=BORN, sex=Sex.FEMALE,
                             appointed_on=date(2024, 3, 1), grade=Grade("II/a"))
        assert service.find_by_nip(ni_pppk) == pppk_id


class TestAbandonedBatch:
    """A batch that is not saved gives back the numbers its appointments claimed."""

    class Abandon(Exception):
        pass

    def test_a_nip_claimed_in_an_abandoned_batch_can_be_used_afterwards(
            self, org: Organisation) -> None:
        nip = nip_for(date(1992, 5, 17), date(2016, 4, 1), Sex.FEMALE, 900)
        subject = uuid4()
        with pytest.raises(self.Abandon), org.service.batch():
            org.appoint_cpns(nip=nip, subject_id=subject)
            raise self.Abandon  # the review step of a form dry-runs this way
        assert org.service.find_by_nip(nip) is None
        assert org.service.vault.keys.get(subject) is None  # no key of nobody either
        employee_id = org.appoint_cpns(nip=nip)
        assert org.service.find_by_nip(nip) == employee_id

    def test_a_refused_appointment_inside_a_saved_batch_keeps_nothing_claimed(
            self, org: Organisation) -> None:
        nip = nip_for(date(1992, 5, 17), date(2016, 4, 1), Sex.FEMALE, 901)
        with org.service.batch():
            with pytest.raises(DomainError) as excinfo:
                org.appoint_cpns(nip=nip, birth_on=date(1993, 1, 1))  # NIP says 1992-05-17
            assert excinfo.value.code == "NIP_BIRTH_DATE_MISMATCH"
        assert org.service.find_by_nip(nip) is None


class TestRecordOpening:
    """Saldo awal: people employed before the ledger began, their career summarised."""

    def test_an_opened_record_carries_the_summarised_career(self, org: Organisation,
                                                            service: PersonnelService) -> None:
        employee_id = org.open_record()

        employee = service.get_employee(employee_id)
        state = employee.state
        assert state.status is EmployeeStatus.PNS
        assert (state.appointed_on, state.probation_passed_on) == (date(2010, 3, 1),
                                                                   date(2011, 3, 1))
        assert (state.grade, state.grade_since) == (Grade("III/c"), date(2020, 4, 1))
        assert state.appraisals == {2022: Rating.BAIK, 2023: Rating.SANGAT_BAIK}
        assert isinstance(employee.actions[1], Employee.RecordOpened)
        assert service.find_by_nip(str(service.personal_data(employee_id)["nip"])) == (
            employee_id)

    def test_an_opened_record_is_promoted_on_the_strength_of_its_prior_ratings(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.open_record()

        org.promote(employee_id, "III/d", date(2024, 4, 1))

        assert service.get_employee(employee_id).state.grade == Grade("III/d")

    @pytest.mark.parametrize(
        ("grade_since", "probation_passed_on"),
        [(date(2009, 4, 1), date(2011, 3, 1)), (date(2024, 2, 1), date(2011, 3, 1)),
         (date(2020, 4, 1), date(2010, 3, 1)), (date(2020, 4, 1), date(2024, 6, 1))],
        ids=["grade before the first TMT", "grade after the opening",
             "probation on the first TMT", "probation after the opening"],
    )
    def test_opening_dates_out_of_order_are_refused(
            self, org: Organisation, service: PersonnelService, grade_since: date,
            probation_passed_on: date) -> None:
        with refused(service) as excinfo:
            org.open_record(grade_since=grade_since, probation_passed_on=probation_passed_on)
        assert excinfo.value.code == "OPENING_DATES_INVALID"

    @pytest.mark.parametrize(
        ("status", "probation_passed_on"),
        [(EmployeeStatus.PNS, None), (EmployeeStatus.CPNS, date(2011, 3, 1)),
         (EmployeeStatus.PPPK, date(2011, 3, 1))],
        ids=["PNS without probation", "CPNS after probation", "PPPK for a NIP"],
    )
    def test_a_status_that_contradicts_the_probation_is_refused(
            self, org: Organisation, service: PersonnelService, status: EmployeeStatus,
            probation_passed_on: date | None) -> None:
        with refused(service) as excinfo:
            org.open_record(status=status, probation_passed_on=probation_passed_on)
        assert excinfo.value.code == "OPENING_STATUS_INVALID"

    def test_a_cpns_record_may_be_opened_before_probation(self, org: Organisation,
                                                          service: PersonnelService) -> None:
        employee_id = org.open_record(status=EmployeeStatus.CPNS, appointed_on=date(2023, 7, 1),
                                      grade="III/a", grade_since=date(2023, 7, 1),
                                      probation_passed_on=None, prior_ratings=())

        assert service.get_employee(employee_id).state.status is EmployeeStatus.CPNS

    def test_an_opening_cannot_be_annulled(self, org: Organisation,
                                           service: PersonnelService) -> None:
        employee_id = org.open_record()

        with refused(service) as excinfo:
            service.annul(employee_id, target_version=1, effective_on=date(2024, 2, 1),
                          actor=OFFICER, reason="Salah orang")
        assert excinfo.value.code == "ANNUL_APPOINTMENT"


class TestContractRenewal:
    def test_a_renewed_contract_runs_to_the_new_end(self, org: Organisation,
                                                    service: PersonnelService) -> None:
        employee_id = org.appoint_pppk(appointed_on=date(2022, 3, 1),
                                       contract_ends_on=date(2027, 2, 28))

        service.renew_contract(employee_id, ends_on=date(2032, 2, 29),
                               effective_on=date(2026, 11, 16), actor=OFFICER,
                               legal_basis=decree("800.1/PPPK/2026"))

        employee = service.get_employee(employee_id)
        assert employee.state.contract_ends_on == date(2032, 2, 29)
        assert employee.state_on(date(2026, 11, 15)).contract_ends_on == date(2027, 2, 28)

    @pytest.mark.parametrize("ends_on", [date(2027, 2, 28), date(2026, 12, 31)],
                             ids=["same end", "earlier end"])
    def test_a_renewal_that_does_not_extend_the_contract_is_refused(
            self, org: Organisation, service: PersonnelService, ends_on: date) -> None:
        employee_id = org.appoint_pppk(appointed_on=date(2022, 3, 1),
                                       contract_ends_on=date(2027, 2, 28))

        with refused(service) as excinfo:
            service.renew_contract(employee_id, ends_on=ends_on, effective_on=date(2026, 6, 1),
                                   actor=OFFICER, legal_basis=None)
        assert excinfo.value.code == "CONTRACT_RENEWAL_INVALID"
        assert "28 Februari 2027" in excinfo.value.message("id")
        assert "28 February 2027" in excinfo.value.message("en")

    def test_a_pns_has_no_contract_to_renew(self, org: Organisation,
                                            service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        with refused(service) as excinfo:
            service.renew_contract(employee_id, ends_on=date(2030, 1, 1),
                                   effective_on=date(2020, 1, 1), actor=OFFICER,
                                   legal_basis=None)
        assert excinfo.value.code == "CONTRACT_END_ONLY_PPPK"


class TestProbation:
    def test_after_latsar_and_a_year_a_cpns_becomes_pns(self, org: Organisation,
                                                        service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        state = service.get_employee(employee_id).state
        assert state.status is EmployeeStatus.PNS
        assert state.probation_passed_on == date(2017, 4, 1)
        assert state.latsar_completed_on == date(2016, 10, 1)

    def test_probation_without_latsar_is_refused(self, org: Organisation,
                                                 service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(appointed_on=TMT)

        with refused(service) as excinfo:
            service.pass_probation(employee_id, effective_on=date(2017, 4, 1), actor=OFFICER,
                                   legal_basis=None)
        assert excinfo.value.code == "PROBATION_REQUIRES_LATSAR"

    def test_probation_dated_before_latsar_ended_is_refused(self, org: Organisation,
                                                            service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(appointed_on=TMT)
        org.complete_latsar(employee_id, date(2017, 5, 20))

        with refused(service) as excinfo:
            service.pass_probation(employee_id, effective_on=date(2017, 4, 1), actor=OFFICER,
                                   legal_basis=None)
        assert excinfo.value.code == "PROBATION_REQUIRES_LATSAR"

    def test_probation_shorter_than_a_year_is_refused(self, org: Organisation,
                                                      service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(appointed_on=TMT)
        org.complete_latsar(employee_id, date(2016, 10, 1))

        with refused(service) as excinfo:
            service.pass_probation(employee_id, effective_on=date(2017, 3, 31), actor=OFFICER,
                                   legal_basis=None)
        assert excinfo.value.code == "PROBATION_TOO_EARLY"
        assert "1 April 2017" in excinfo.value.message("id")

    def test_a_pns_cannot_pass_probation_twice(self, org: Organisation,
                                               service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        with refused(service) as excinfo:
            service.pass_probation(employee_id, effective_on=date(2018, 4, 1), actor=OFFICER,
                                   legal_basis=None)
        assert excinfo.value.code == "PROBATION_NOT_CPNS"

    def test_a_pppk_has_no_probation(self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_pppk(appointed_on=date(2022, 3, 1))

        with refused(service) as excinfo:
            service.pass_probation(employee_id, effective_on=date(2023, 3, 1), actor=OFFICER,
                                   legal_basis=None)
        assert excinfo.value.code == "PROBATION_NOT_CPNS"


class TestRankPromotion:
    def test_a_regular_promotion_after_four_good_years_raises_the_grade_one_step(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns()

        org.promote(employee_id, "III/b", READY_ON)

        employee = service.get_employee(employee_id)
        assert (employee.state.grade, employee.state.grade_since) == (Grade("III/b"), READY_ON)
        assert employee.state_on(date(2020, 3, 31)).grade == Grade("III/a")

    def test_a_cpns_is_not_promoted(self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(appointed_on=TMT)

        with refused(service) as excinfo:
            org.promote(employee_id, "III/b", READY_ON)
        assert excinfo.value.code == "PROMOTION_NOT_PNS"

    def test_a_pppk_is_not_promoted(self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_pppk(appointed_on=date(2018, 3, 1),
                                       contract_ends_on=date(2028, 2, 29))

        with refused(service) as excinfo:
            org.promote(employee_id, "X", date(2022, 4, 1))
        assert excinfo.value.code == "PROMOTION_PPPK"

    def test_a_promotion_skipping_a_grade_is_refused(self, org: Organisation,
                                                     service: PersonnelService) -> None:
        employee_id = org.promotable_pns()

        with refused(service) as excinfo:
            org.promote(employee_id, "III/c", READY_ON)
        assert excinfo.value.code == "PROMOTION_ONE_STEP"
        assert "III/b" in excinfo.value.message("en")

    @pytest.mark.parametrize(
        ("on", "is_promotion_date"),
        [
            (date(2020, 6, 1), False),  # even months only count from 2024
            (date(2020, 10, 1), True),
            (date(2020, 10, 2), False),
            (date(2024, 6, 1), True),
            (date(2024, 7, 1), False),
            (date(2025, 11, 1), True),  # every month from October 2025
        ],
    )
    def test_a_promotion_takes_effect_only_on_a_date_of_the_calendar_in_force(
            self, org: Organisation, service: PersonnelService, on: date,
            is_promotion_date: bool) -> None:
        employee_id = org.promotable_pns()
        org.appraise(employee_id, range(2020, on.year))

        if is_promotion_date:
            org.promote(employee_id, "III/b", on)
            assert service.get_employee(employee_id).state.grade_since == on
        else:
            with refused(service) as excinfo:
                org.promote(employee_id, "III/b", on)
            assert excinfo.value.code == "PROMOTION_DATE"

    def test_a_promotion_without_a_decree_is_refused(self, org: Organisation,
                                                     service: PersonnelService) -> None:
        employee_id = org.promotable_pns()

        with refused(service) as excinfo:
            service.promote_rank(employee_id, kind=PromotionKind.REGULAR, to_grade=Grade("III/b"),
                                 effective_on=READY_ON, actor=OFFICER, legal_basis=None)
        assert excinfo.value.code == "LEGAL_BASIS_REQUIRED"

    def test_a_regular_promotion_before_four_years_in_grade_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns()

        with refused(service) as excinfo:
            org.promote(employee_id, "III/b", date(2019, 10, 1))
        assert excinfo.value.code == "PROMOTION_TIME_IN_GRADE"

    def test_a_choice_promotion_needs_only_two_years_in_grade(self, org: Organisation,
                                                              service: PersonnelService) -> None:
        employee_id = org.promotable_pns()

        org.promote(employee_id, "III/b", date(2018, 4, 1), kind=PromotionKind.CHOICE)

        assert service.get_employee(employee_id).state.grade == Grade("III/b")

    def test_a_promotion_after_a_year_rated_below_baik_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)
        org.appraise(employee_id, range(2016, 2019))
        org.appraise(employee_id, [2019], work_result=Expectation.BELOW)

        with refused(service) as excinfo:
            org.promote(employee_id, "III/b", READY_ON)
        assert excinfo.value.code == "PROMOTION_RATING"
        assert "2019" in excinfo.value.message("id")

    def test_a_promotion_with_a_year_not_appraised_is_refused(self, org: Organisation,
                                                              service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)
        org.appraise(employee_id, [2016, 2017, 2019])

        with refused(service) as excinfo:
            org.promote(employee_id, "III/b", READY_ON)
        assert excinfo.value.code == "PROMOTION_RATING"
        assert excinfo.value.params["year"] == 2018

    def test_a_regular_promotion_beyond_the_education_cap_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = self._s1_at_iii_d_since_2022(org)

        with refused(service) as excinfo:
            org.promote(employee_id, "IV/a", date(2026, 4, 1))
        assert excinfo.value.code == "PROMOTION_EDUCATION_CAP"
        assert excinfo.value.message("en") == "Promotion for education S1 stops at III/d."

    def test_a_choice_promotion_beyond_the_education_cap_is_refused_too(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = self._s1_at_iii_d_since_2022(org)
        org.assign(employee_id, PositionType.ADMINISTRATOR, date(2025, 1, 2))  # III/c–IV/b

        with refused(service) as excinfo:
            org.promote(employee_id, "IV/a", date(2026, 4, 1), kind=PromotionKind.CHOICE)
        assert excinfo.value.code == "PROMOTION_EDUCATION_CAP"
        assert [p.code for p in excinfo.value.problems] == ["PROMOTION_EDUCATION_CAP"]

    @staticmethod
    def _s1_at_iii_d_since_2022(org: Organisation) -> UUID:
        employee_id = org.promotable_pns(education=Education.S1)
        org.appraise(employee_id, range(2020, 2026))
        for grade, on in (("III/b", date(2018, 4, 1)), ("III/c", date(2020, 4, 1)),
                          ("III/d", date(2022, 4, 1))):
            org.promote(employee_id, grade, on, kind=PromotionKind.CHOICE)
        return employee_id

    def test_a_functional_promotion_outside_a_functional_position_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns(position_type=PositionType.PELAKSANA)

        with refused(service) as excinfo:
            org.promote(employee_id, "III/b", date(2018, 4, 1), kind=PromotionKind.FUNCTIONAL,
                        credit_points=60)
        assert excinfo.value.code == "PROMOTION_FUNCTIONAL_POSITION"

    def test_a_functional_promotion_with_the_credit_points_needed_is_accepted(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns(position_type=PositionType.AHLI_PERTAMA)

        org.promote(employee_id, "III/b", date(2018, 4, 1), kind=PromotionKind.FUNCTIONAL,
                    credit_points=50)

        assert service.get_employee(employee_id).state.grade == Grade("III/b")

    @pytest.mark.parametrize("credit_points", [49.5, None])
    def test_a_functional_promotion_short_of_credit_points_is_refused(
            self, org: Organisation, service: PersonnelService,
            credit_points: float | None) -> None:
        employee_id = org.promotable_pns(position_type=PositionType.AHLI_PERTAMA)

        with refused(service) as excinfo:
            org.promote(employee_id, "III/b", date(2018, 4, 1), kind=PromotionKind.FUNCTIONAL,
                        credit_points=credit_points)
        assert excinfo.value.code == "PROMOTION_CREDIT_POINTS"
        assert "50" in excinfo.value.message("id")

    def test_a_promotion_within_a_year_of_a_medium_penalty_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns()
        _penalise(service, employee_id, date(2019, 10, 1), PenaltyType.ALLOWANCE_CUT_6_MONTHS)

        with refused(service) as excinfo:
            org.promote(employee_id, "III/b", READY_ON)
        assert excinfo.value.code == "PROMOTION_UNDER_PENALTY"

    @pytest.mark.parametrize(
        ("penalty", "imposed_on"),
        [(PenaltyType.WRITTEN_REPRIMAND, date(2019, 10, 1)),
         (PenaltyType.DEMOTION_12_MONTHS, date(2019, 4, 1))],
        ids=["light", "heavy but a year before"],
    )
    def test_a_light_or_expired_penalty_does_not_hold_a_promotion_back(
            self, org: Organisation, service: PersonnelService, penalty: PenaltyType,
            imposed_on: date) -> None:
        employee_id = org.promotable_pns()
        _penalise(service, employee_id, imposed_on, penalty)

        org.promote(employee_id, "III/b", READY_ON)

        assert service.get_employee(employee_id).state.grade == Grade("III/b")

    def test_a_promotion_dated_before_the_appointment_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns()

        with refused(service) as excinfo:
            org.promote(employee_id, "III/b", date(2015, 4, 1))
        assert excinfo.value.code == "BEFORE_APPOINTMENT"
        assert "1 April 2016" in excinfo.value.message("id")


class TestPositions:
    def test_an_assigned_employee_holds_the_position_and_the_position_records_its_holder(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        position_id = org.assign(employee_id, PositionType.PELAKSANA, date(2017, 4, 1))

        state = service.get_employee(employee_id).state
        assert (state.position_id, state.position_type) == (position_id, PositionType.PELAKSANA)
        assert state.unit_id == org.division_id
        position = service.get_position(position_id)
        assert (position.holder_id, position.holder_since) == (employee_id, date(2017, 4, 1))

    def test_moving_to_another_position_vacates_the_first(self, org: Organisation,
                                                          service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)
        first = org.assign(employee_id, PositionType.PELAKSANA, date(2017, 4, 1))

        second = org.assign(employee_id, PositionType.AHLI_PERTAMA, date(2018, 1, 1))

        assert service.get_employee(employee_id).state.position_id == second
        assert service.get_position(first).holder_id is None
        assert service.get_position(second).holder_id == employee_id

    def test_the_retirement_age_follows_the_position_held(self, org: Organisation,
                                                          service: PersonnelService) -> None:
        head_id = org.rater(PositionType.JPT_PRATAMA)
        assert service.get_employee(head_id).state.retirement_age == 60

        service.release_position(head_id, effective_on=date(2020, 1, 1), actor=OFFICER,
                                 legal_basis=decree())

        assert service.get_employee(head_id).state.retirement_age == 58
        assert service.get_employee(head_id).state_on(date(2019, 1, 1)).retirement_age == 60

    def test_a_position_whose_grade_range_excludes_the_employee_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)
        position_id = org.establish_position(PositionType.PENGAWAS)

        with refused(service) as excinfo:
            service.assign_position(employee_id, position_id=position_id,
                                    effective_on=date(2017, 4, 1), actor=OFFICER,
                                    legal_basis=decree())
        assert excinfo.value.code == "POSITION_GRADE_OUT_OF_RANGE"
        assert excinfo.value.message("en") == (
            "Grade III/a is outside this position's range (III/b–III/d).")

    def test_a_position_in_another_agency_is_refused(self, org: Organisation,
                                                     service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)
        position_id = org.establish_position(PositionType.PELAKSANA,
                                             agency_id=org.health_agency_id)

        with refused(service) as excinfo:
            service.assign_position(employee_id, position_id=position_id,
                                    effective_on=date(2017, 4, 1), actor=OFFICER,
                                    legal_basis=decree())
        assert excinfo.value.code == "POSITION_OTHER_AGENCY"

    def test_a_position_held_by_someone_else_is_refused(self, org: Organisation,
                                                        service: PersonnelService) -> None:
        holder = org.make_pns(appointed_on=TMT)
        position_id = org.assign(holder, PositionType.PELAKSANA, date(2017, 4, 1))
        newcomer = org.make_pns(appointed_on=TMT)
        newcomer_version = service.get_employee(newcomer).version

        with refused(service) as excinfo:
            service.assign_position(newcomer, position_id=position_id,
                                    effective_on=date(2018, 1, 1), actor=OFFICER,
                                    legal_basis=decree())
        assert excinfo.value.code == "POSITION_OCCUPIED"
        assert service.get_employee(newcomer).version == newcomer_version
        assert service.get_position(position_id).holder_id == holder

    def test_assigning_the_position_already_held_is_refused(self, org: Organisation,
                                                            service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)
        position_id = org.assign(employee_id, PositionType.PELAKSANA, date(2017, 4, 1))

        with refused(service) as excinfo:
            service.assign_position(employee_id, position_id=position_id,
                                    effective_on=date(2018, 1, 1), actor=OFFICER,
                                    legal_basis=decree())
        assert excinfo.value.code == "POSITION_ALREADY_HELD"

    def test_releasing_the_position_held_vacates_it(self, org: Organisation,
                                                    service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)
        position_id = org.assign(employee_id, PositionType.PELAKSANA, date(2017, 4, 1))

        service.release_position(employee_id, effective_on=date(2019, 1, 1), actor=OFFICER,
                                 legal_basis=decree())

        assert service.get_employee(employee_id).state.position_id is None
        assert service.get_position(position_id).holder_id is None

    def test_releasing_when_no_position_is_held_is_refused(self, org: Organisation,
                                                           service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        with refused(service) as excinfo:
            service.release_position(employee_id, effective_on=date(2019, 1, 1), actor=OFFICER,
                                     legal_basis=decree())
        assert excinfo.value.code == "POSITION_NOT_HELD"

    def test_an_unknown_position_is_refused(self, org: Organisation,
                                            service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        with refused(service) as excinfo:
            service.assign_position(employee_id, position_id=uuid4(),
                                    effective_on=date(2018, 1, 1), actor=OFFICER,
                                    legal_basis=decree())
        assert excinfo.value.code == "NOT_FOUND"


class TestTransfer:
    def test_a_transfer_to_another_agency_moves_the_employee_and_leaves_the_position(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns()
        position_id = service.get_employee(employee_id).state.position_id
        assert position_id is not None

        service.transfer(employee_id, to_agency_id=org.health_agency_id,
                         to_unit_id=org.health_unit_id, effective_on=date(2021, 1, 1),
                         actor=OFFICER, legal_basis=decree(), reason="Kebutuhan organisasi")

        employee = service.get_employee(employee_id)
        assert (employee.state.agency_id, employee.state.unit_id) == (
            org.health_agency_id, org.health_unit_id)
        assert employee.state.position_id is None
        assert service.get_position(position_id).holder_id is None
        assert service.read_reason(employee, employee.actions[employee.version]) == (
            "Kebutuhan organisasi")

    def test_a_transfer_to_another_unit_of_the_same_agency_is_accepted(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        service.transfer(employee_id, to_agency_id=org.agency_id, to_unit_id=org.secretariat_id,
                         effective_on=date(2018, 1, 1), actor=OFFICER, legal_basis=None)

        assert service.get_employee(employee_id).state.unit_id == org.secretariat_id

    def test_a_transfer_to_the_current_unit_is_refused(self, org: Organisation,
                                                       service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        with refused(service) as excinfo:
            service.transfer(employee_id, to_agency_id=org.agency_id,
                             to_unit_id=org.division_id, effective_on=date(2018, 1, 1),
                             actor=OFFICER, legal_basis=None)
        assert excinfo.value.code == "TRANSFER_SAME_PLACE"

    def test_a_transfer_to_another_regional_government_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)
        agency_id, unit_id = org.foreign_agency()

        with refused(service) as excinfo:
            service.transfer(employee_id, to_agency_id=agency_id, to_unit_id=unit_id,
                             effective_on=date(2018, 1, 1), actor=OFFICER, legal_basis=None)
        assert excinfo.value.code == "AGENCY_OTHER_GOVERNMENT"

    def test_a_transfer_to_a_unit_outside_the_destination_agency_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        with refused(service) as excinfo:
            service.transfer(employee_id, to_agency_id=org.health_agency_id,
                             to_unit_id=org.division_id, effective_on=date(2018, 1, 1),
                             actor=OFFICER, legal_basis=None)
        assert excinfo.value.code == "UNIT_NOT_IN_AGENCY"


class TestTraining:
    def test_completed_training_is_credited_to_the_year_it_ended(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        _train(service, employee_id, date(2018, 3, 1), hours=12)
        _train(service, employee_id, date(2018, 11, 1), hours=8.5)
        _train(service, employee_id, date(2019, 2, 1), hours=4)

        assert service.get_employee(employee_id).state.training_jp == {
            2016: 300, 2018: 20.5, 2019: 4}

    def test_a_title_is_tidied_and_topics_are_listed_once(self, org: Organisation,
                                                          service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        service.complete_training(
            employee_id, training_type=TrainingType.E_LEARNING, title="  Literasi   Digital ",
            hours_jp=JpHours(4),
            topics=(TopicTag.PUBLIC_MANAGEMENT, TopicTag.DIGITAL, TopicTag.DIGITAL),
            effective_on=date(2018, 1, 1), actor=OFFICER)

        training = service.get_employee(employee_id).in_force()[-1]
        assert isinstance(training, Employee.TrainingCompleted)
        assert training.title == "Literasi Digital"
        assert list(training.topics) == [TopicTag.DIGITAL, TopicTag.PUBLIC_MANAGEMENT]

    def test_a_training_without_a_title_is_refused(self, org: Organisation,
                                                   service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        with refused(service) as excinfo:
            service.complete_training(employee_id, training_type=TrainingType.SEMINAR,
                                      title=" ", hours_jp=JpHours(2), topics=(),
                                      effective_on=date(2018, 1, 1), actor=OFFICER)
        assert excinfo.value.code == "NAME_INVALID"
        assert excinfo.value.field == "title"

    def test_latsar_after_probation_is_refused(self, org: Organisation,
                                               service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        with refused(service) as excinfo:
            _train(service, employee_id, date(2018, 1, 1), training_type=TrainingType.LATSAR)
        assert excinfo.value.code == "LATSAR_ONLY_CPNS"

    def test_latsar_of_a_cpns_marks_latsar_completed(self, org: Organisation,
                                                     service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(appointed_on=TMT)

        _train(service, employee_id, date(2016, 9, 1), training_type=TrainingType.LATSAR)

        assert service.get_employee(employee_id).state.latsar_completed_on == date(2016, 9, 1)


class TestAppraisal:
    def test_the_rating_is_derived_from_the_matrix_and_the_raters_position_recorded(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns()

        org.appraise(employee_id, [2020], work_result=Expectation.ABOVE,
                     behaviour=Expectation.ABOVE)

        employee = service.get_employee(employee_id)
        assert employee.state.appraisals[2020] is Rating.SANGAT_BAIK
        appraisal = employee.actions[employee.version]
        assert isinstance(appraisal, Employee.AppraisalRecorded)
        assert (appraisal.rater_id, appraisal.rater_position_type) == (
            org.rater(), PositionType.PENGAWAS)

    def test_a_second_appraisal_of_the_same_year_is_refused(self, org: Organisation,
                                                            service: PersonnelService) -> None:
        employee_id = org.promotable_pns()

        with refused(service) as excinfo:
            org.appraise(employee_id, [2019])
        assert excinfo.value.code == "APPRAISAL_DUPLICATE_YEAR"

    @pytest.mark.parametrize(("year", "on"),
                             [(2015, date(2017, 1, 15)), (2021, date(2020, 12, 31))],
                             ids=["before the appointment", "after the appraisal date"])
    def test_an_appraisal_of_a_year_outside_the_service_is_refused(
            self, org: Organisation, service: PersonnelService, year: int, on: date) -> None:
        employee_id = org.promotable_pns()

        with refused(service) as excinfo:
            service.record_appraisal(employee_id, year=year, work_result=Expectation.ABOVE,
                                     behaviour=Expectation.ABOVE, rater_id=org.rater(),
                                     effective_on=on, actor=OFFICER)
        assert excinfo.value.code == "APPRAISAL_YEAR_INVALID"

    def test_an_appraisal_whose_rating_does_not_follow_the_matrix_fails_its_check(
            self, org: Organisation, service: PersonnelService) -> None:
        # Commands always derive the rating, so this guards events built by other means.
        employee = service.get_employee(org.promotable_pns())

        last_year = employee.actions[versions_of(service, employee.id,
                                                 Employee.AppraisalRecorded)[-1]]
        assert isinstance(last_year, Employee.AppraisalRecorded)  # 2019, as expected: Baik

        def appraisal(rating: Rating) -> Employee.AppraisalRecorded:
            fields: dict[str, Any] = {"originator_version": employee.version + 1, "year": 2020,
                                      "effective_on": date(2021, 1, 15), "rating": rating}
            return dataclasses.replace(last_year, **fields)

        appraisal(Rating.BAIK).check(employee.state)
        with refused() as excinfo:
            appraisal(Rating.SANGAT_BAIK).check(employee.state)
        assert excinfo.value.code == "APPRAISAL_RATING_NOT_DERIVED"

    def test_an_employee_rating_themselves_is_refused(self, org: Organisation,
                                                      service: PersonnelService) -> None:
        employee_id = org.promotable_pns()

        with refused(service) as excinfo:
            service.record_appraisal(employee_id, year=2020, work_result=Expectation.ABOVE,
                                     behaviour=Expectation.ABOVE, rater_id=employee_id,
                                     effective_on=date(2021, 1, 15), actor=OFFICER)
        assert excinfo.value.code == "APPRAISAL_SELF_RATING"

    def test_a_jpt_is_appraised_without_a_rater_on_the_ledger(self, org: Organisation,
                                                              service: PersonnelService) -> None:
        head_id = org.rater(PositionType.JPT_PRATAMA)

        service.record_appraisal(head_id, year=2020, work_result=Expectation.AS_EXPECTED,
                                 behaviour=Expectation.AS_EXPECTED, rater_id=None,
                                 effective_on=date(2021, 1, 15), actor=OFFICER)

        assert service.get_employee(head_id).state.appraisals == {2020: Rating.BAIK}

    def test_a_pelaksana_appraisal_without_a_rater_is_refused(self, org: Organisation,
                                                              service: PersonnelService) -> None:
        employee_id = org.promotable_pns()

        with refused(service) as excinfo:
            service.record_appraisal(employee_id, year=2020, work_result=Expectation.ABOVE,
                                     behaviour=Expectation.ABOVE, rater_id=None,
                                     effective_on=date(2021, 1, 15), actor=OFFICER)
        assert excinfo.value.code == "RATER_REQUIRED"

    @pytest.mark.parametrize(
        ("ratee", "rater"),
        [(PositionType.PENGAWAS, PositionType.ADMINISTRATOR),
         (PositionType.ADMINISTRATOR, PositionType.JPT_PRATAMA),
         (PositionType.AHLI_PERTAMA, PositionType.ADMINISTRATOR)],
    )
    def test_each_position_is_appraised_by_its_direct_superior(
            self, org: Organisation, service: PersonnelService, ratee: PositionType,
            rater: PositionType) -> None:
        ratee_id = org.rater(ratee) if ratee is not PositionType.AHLI_PERTAMA else (
            org.promotable_pns(position_type=ratee))

        org.appraise(ratee_id, [2020], rater_id=org.rater(rater))

        assert service.get_employee(ratee_id).state.appraisals[2020] is Rating.BAIK

    def test_a_peer_is_not_a_rater(self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns()
        peer_id = org.promotable_pns()

        with refused(service) as excinfo:
            org.appraise(employee_id, [2020], rater_id=peer_id)
        assert excinfo.value.code == "RATER_NOT_SUPERIOR"
        assert "pemangku jabatan pengawas di perangkat daerah" in excinfo.value.message("id")

    def test_a_superior_two_levels_up_is_not_the_direct_rater(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns()
        head_of_division = org.rater(PositionType.ADMINISTRATOR)

        with refused(service) as excinfo:
            org.appraise(employee_id, [2020], rater_id=head_of_division)
        assert excinfo.value.code == "RATER_NOT_SUPERIOR"

    def test_a_pengawas_of_another_agency_is_not_the_rater(self, org: Organisation,
                                                           service: PersonnelService) -> None:
        employee_id = org.promotable_pns()
        other_pengawas = org.rater(agency_id=org.health_agency_id)

        with refused(service) as excinfo:
            org.appraise(employee_id, [2020], rater_id=other_pengawas)
        assert excinfo.value.code == "RATER_NOT_SUPERIOR"

    def test_a_separated_pengawas_is_no_longer_a_rater(self, org: Organisation,
                                                       service: PersonnelService) -> None:
        employee_id = org.promotable_pns()
        service.separate(org.rater(), separation_type=SeparationType.RESIGNATION,
                         effective_on=date(2020, 6, 1), actor=OFFICER, legal_basis=decree())

        with refused(service) as excinfo:
            org.appraise(employee_id, [2020])
        assert excinfo.value.code == "RATER_NOT_SUPERIOR"

    def test_an_unknown_rater_is_refused(self, org: Organisation,
                                         service: PersonnelService) -> None:
        employee_id = org.promotable_pns()

        with refused(service) as excinfo:
            org.appraise(employee_id, [2020], rater_id=uuid4())
        assert excinfo.value.code == "NOT_FOUND"
        assert excinfo.value.message("en") == "Pegawai was not found."


class TestDiscipline:
    def test_an_imposed_penalty_is_recorded_with_its_reason(self, org: Organisation,
                                                            service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        _penalise(service, employee_id, date(2019, 5, 1), PenaltyType.ALLOWANCE_CUT_9_MONTHS)

        employee = service.get_employee(employee_id)
        assert employee.state.penalties == [(date(2019, 5, 1), PenaltyType.ALLOWANCE_CUT_9_MONTHS)]
        assert service.read_reason(employee, employee.actions[employee.version]) == (
            "Tidak masuk kerja 12 hari tanpa keterangan")

    def test_a_penalty_type_of_another_level_is_refused(self, org: Organisation,
                                                        service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        with refused(service) as excinfo:
            service.impose_penalty(employee_id, level=PenaltyLevel.LIGHT,
                                   penalty_type=PenaltyType.DEMOTION_12_MONTHS,
                                   effective_on=date(2019, 5, 1), actor=OFFICER,
                                   legal_basis=decree(), reason="Alasan")
        assert excinfo.value.code == "PENALTY_TYPE_LEVEL_MISMATCH"
        assert excinfo.value.message("en") == "The penalty type does not belong to level light."
        assert excinfo.value.message("id") == "Jenis hukuman tidak termasuk tingkat ringan."

    def test_a_penalty_without_a_decree_is_refused(self, org: Organisation,
                                                   service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        with refused(service) as excinfo:
            service.impose_penalty(employee_id, level=PenaltyLevel.LIGHT,
                                   penalty_type=PenaltyType.ORAL_REPRIMAND,
                                   effective_on=date(2019, 5, 1), actor=OFFICER,
                                   legal_basis=None, reason="Alasan")
        assert excinfo.value.code == "LEGAL_BASIS_REQUIRED"

    @pytest.mark.parametrize("reason", [None, "   "], ids=["none", "blank"])
    def test_a_penalty_without_a_reason_is_refused(self, org: Organisation,
                                                   service: PersonnelService,
                                                   reason: str | None) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        with refused(service) as excinfo:
            service.impose_penalty(employee_id, level=PenaltyLevel.LIGHT,
                                   penalty_type=PenaltyType.ORAL_REPRIMAND,
                                   effective_on=date(2019, 5, 1), actor=OFFICER,
                                   legal_basis=decree(), reason=reason)
        assert excinfo.value.code == "REASON_REQUIRED"


class TestSeparation:
    def test_a_resignation_separates_the_employee_and_vacates_the_position(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns()
        position_id = service.get_employee(employee_id).state.position_id

        service.separate(employee_id, separation_type=SeparationType.RESIGNATION,
                         effective_on=date(2021, 1, 1), actor=OFFICER, legal_basis=decree())

        state = service.get_employee(employee_id).state
        assert state.status is EmployeeStatus.SEPARATED and not state.is_active
        assert (state.separated_on, state.separation_type) == (
            date(2021, 1, 1), SeparationType.RESIGNATION)
        assert state.position_id is None
        assert position_id is not None and service.get_position(position_id).holder_id is None

    def test_an_action_dated_after_the_separation_is_refused(self, org: Organisation,
                                                             service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)
        service.separate(employee_id, separation_type=SeparationType.RESIGNATION,
                         effective_on=date(2021, 1, 1), actor=OFFICER, legal_basis=decree())

        with refused(service) as excinfo:
            _train(service, employee_id, date(2021, 1, 2))
        assert excinfo.value.code == "EMPLOYEE_SEPARATED"
        assert "1 Januari 2021" in excinfo.value.message("id")

    def test_an_action_dated_before_the_separation_may_still_be_recorded(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)
        service.separate(employee_id, separation_type=SeparationType.RESIGNATION,
                         effective_on=date(2021, 1, 1), actor=OFFICER, legal_basis=decree())

        _train(service, employee_id, date(2020, 12, 1))

        assert service.get_employee(employee_id).state.training_jp[2020] == 8

    def test_the_end_of_a_pppk_contract_separates_the_pppk(self, org: Organisation,
                                                           service: PersonnelService) -> None:
        employee_id = org.appoint_pppk(appointed_on=date(2021, 3, 1),
                                       contract_ends_on=date(2026, 2, 28))

        service.separate(employee_id, separation_type=SeparationType.CONTRACT_END,
                         effective_on=date(2026, 3, 1), actor=OFFICER, legal_basis=decree())

        assert service.get_employee(employee_id).state.separation_type is (
            SeparationType.CONTRACT_END)

    def test_the_end_of_a_contract_before_its_last_day_has_passed_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_pppk(appointed_on=date(2021, 3, 1),
                                       contract_ends_on=date(2026, 2, 28))

        with refused(service) as excinfo:
            service.separate(employee_id, separation_type=SeparationType.CONTRACT_END,
                             effective_on=date(2026, 2, 28), actor=OFFICER,
                             legal_basis=decree())
        assert excinfo.value.code == "CONTRACT_NOT_ENDED"

    def test_the_end_of_a_contract_does_not_apply_to_a_pns(self, org: Organisation,
                                                           service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        with refused(service) as excinfo:
            service.separate(employee_id, separation_type=SeparationType.CONTRACT_END,
                             effective_on=date(2021, 1, 1), actor=OFFICER, legal_basis=decree())
        assert excinfo.value.code == "CONTRACT_END_ONLY_PPPK"

    def test_a_pengawas_retires_on_the_first_of_the_month_after_turning_58(
            self, org: Organisation, service: PersonnelService) -> None:
        rater_id = org.rater(PositionType.PENGAWAS)  # born 20 January 1976

        # Recorded when the retirement is near: a TMT more than a year ahead is refused.
        with recording_clock(lambda: datetime(2034, 1, 10, 9, tzinfo=UTC)):
            service.separate(rater_id, separation_type=SeparationType.RETIREMENT,
                             effective_on=date(2034, 2, 1), actor=OFFICER, legal_basis=decree())

        assert service.get_employee(rater_id).state.separation_type is SeparationType.RETIREMENT

    @pytest.mark.parametrize(
        ("position_type", "on", "due_on"),
        [(PositionType.PENGAWAS, date(2026, 1, 1), "1 Februari 2034"),
         (PositionType.JPT_PRATAMA, date(2026, 2, 1), "1 Februari 2036")],
        ids=["a month early", "at 58 while a JPT retires at 60"],
    )
    def test_a_retirement_before_the_retirement_age_of_the_position_is_refused(
            self, org: Organisation, service: PersonnelService, position_type: PositionType,
            on: date, due_on: str) -> None:
        rater_id = org.rater(position_type)

        with refused(service) as excinfo:
            service.separate(rater_id, separation_type=SeparationType.RETIREMENT,
                             effective_on=on, actor=OFFICER, legal_basis=decree())
        assert excinfo.value.code == "RETIREMENT_AGE_NOT_REACHED"
        assert due_on in excinfo.value.message("id")

    def test_a_dishonourable_dismissal_without_a_reason_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        with refused(service) as excinfo:
            service.separate(employee_id, separation_type=SeparationType.DISHONOURABLE_DISMISSAL,
                             effective_on=date(2021, 1, 1), actor=OFFICER, legal_basis=decree())
        assert excinfo.value.code == "REASON_REQUIRED"

    def test_a_dishonourable_dismissal_with_a_reason_is_accepted(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        service.separate(employee_id, separation_type=SeparationType.DISHONOURABLE_DISMISSAL,
                         effective_on=date(2021, 1, 1), actor=OFFICER, legal_basis=decree(),
                         reason="Putusan pengadilan berkekuatan hukum tetap")

        assert service.get_employee(employee_id).state.status is EmployeeStatus.SEPARATED


class TestCorrectionAndAnnulment:
    def test_correcting_a_training_date_moves_its_hours_to_the_corrected_year(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)
        _train(service, employee_id, date(2018, 12, 20), hours=10)
        version = service.get_employee(employee_id).version

        service.correct(employee_id, target_version=version,
                        changes={"effective_on": date(2019, 1, 10)},
                        effective_on=date(2019, 2, 1), actor=OFFICER, reason="Salah tanggal")

        employee = service.get_employee(employee_id)
        assert employee.state.training_jp == {2016: 300, 2019: 10}
        assert employee.state_on(date(2018, 12, 31)).training_jp == {2016: 300}

    def test_correcting_an_appraisal_derives_the_rating_again(self, org: Organisation,
                                                              service: PersonnelService) -> None:
        employee_id = org.promotable_pns()
        first = versions_of(service, employee_id, Employee.AppraisalRecorded)[0]

        service.correct(employee_id, target_version=first,
                        changes={"work_result": Expectation.BELOW},
                        effective_on=date(2021, 1, 1), actor=OFFICER, reason="Keberatan")

        assert service.get_employee(employee_id).state.appraisals[2016] is (
            Rating.BUTUH_PERBAIKAN)

    def test_correcting_a_promotion_date_moves_the_grade_change(self, org: Organisation,
                                                                service: PersonnelService) -> None:
        employee_id = org.promotable_pns()
        org.promote(employee_id, "III/b", READY_ON)
        promotion = versions_of(service, employee_id, Employee.RankPromoted)[0]

        service.correct(employee_id, target_version=promotion,
                        changes={"effective_on": date(2020, 10, 1)},
                        effective_on=date(2020, 11, 1), actor=OFFICER, reason="TMT pada SK")

        employee = service.get_employee(employee_id)
        assert employee.state.grade_since == date(2020, 10, 1)
        assert employee.state_on(date(2020, 6, 1)).grade == Grade("III/a")
        assert employee.state_on(date(2020, 10, 1)).grade == Grade("III/b")

    def test_correcting_the_appointment_education_and_grade_together_is_accepted(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(education=Education.S1, appointed_on=TMT)

        service.correct(employee_id, target_version=1,
                        changes={"education": Education.S2, "grade": Grade("III/b")},
                        effective_on=date(2016, 5, 1), actor=OFFICER, reason="Ijazah S2")

        state = service.get_employee(employee_id).state
        assert (state.education, state.grade) == (Education.S2, Grade("III/b"))

    def test_correcting_the_appointment_grade_away_from_the_education_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(education=Education.S1, appointed_on=TMT)

        with refused(service) as excinfo:
            service.correct(employee_id, target_version=1, changes={"grade": Grade("III/b")},
                            effective_on=date(2016, 5, 1), actor=OFFICER, reason="Salah")
        assert excinfo.value.code == "APPOINTMENT_GRADE_EDUCATION"

    @pytest.mark.parametrize("changes", [{"to_grade": Grade("III/c")}, {}],
                             ids=["a field not correctable", "no change"])
    def test_a_correction_of_fields_that_cannot_be_corrected_is_refused(
            self, org: Organisation, service: PersonnelService, changes: dict[str, object]
    ) -> None:
        employee_id = org.promotable_pns()
        org.promote(employee_id, "III/b", READY_ON)
        promotion = versions_of(service, employee_id, Employee.RankPromoted)[0]

        with refused(service) as excinfo:
            service.correct(employee_id, target_version=promotion, changes=changes,
                            effective_on=date(2020, 11, 1), actor=OFFICER, reason="Salah")
        assert excinfo.value.code == "CORRECTION_FIELDS_INVALID"
        assert "credit_points" in excinfo.value.message("en")

    def test_a_correction_of_an_entry_that_does_not_exist_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        with refused(service) as excinfo:
            service.correct(employee_id, target_version=99,
                            changes={"effective_on": date(2018, 1, 1)},
                            effective_on=date(2018, 2, 1), actor=OFFICER, reason="Salah")
        assert excinfo.value.code == "CORRECTION_TARGET_INVALID"
        assert "99" in excinfo.value.message("id")

    def test_a_correction_of_an_annulled_entry_is_refused(self, org: Organisation,
                                                          service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)
        _train(service, employee_id, date(2018, 3, 1))
        version = service.get_employee(employee_id).version
        service.annul(employee_id, target_version=version, effective_on=date(2018, 4, 1),
                      actor=OFFICER, reason="Tercatat ganda")

        with refused(service) as excinfo:
            service.correct(employee_id, target_version=version,
                            changes={"effective_on": date(2018, 1, 1)},
                            effective_on=date(2018, 5, 1), actor=OFFICER, reason="Salah")
        assert excinfo.value.code == "CORRECTION_TARGET_INVALID"

    def test_a_correction_without_a_reason_is_refused(self, org: Organisation,
                                                      service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        with refused(service) as excinfo:
            service.correct(employee_id, target_version=2,
                            changes={"effective_on": date(2016, 9, 1)},
                            effective_on=date(2018, 2, 1), actor=OFFICER, reason=None)
        assert excinfo.value.code == "REASON_REQUIRED"

    def test_a_correction_that_breaks_a_later_promotion_is_refused_with_its_rule(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = self._promoted_twice(org)
        first = versions_of(service, employee_id, Employee.RankPromoted)[0]

        with refused(service) as excinfo:
            service.correct(employee_id, target_version=first,
                            changes={"effective_on": date(2020, 10, 1)},
                            effective_on=date(2024, 5, 1), actor=OFFICER, reason="TMT pada SK")
        assert excinfo.value.code == "PROMOTION_TIME_IN_GRADE"

    def test_annulling_a_promotion_puts_the_grade_back(self, org: Organisation,
                                                       service: PersonnelService) -> None:
        employee_id = org.promotable_pns()
        org.promote(employee_id, "III/b", READY_ON)
        promotion = versions_of(service, employee_id, Employee.RankPromoted)[0]

        service.annul(employee_id, target_version=promotion, effective_on=date(2020, 6, 1),
                      actor=OFFICER, reason="SK dicabut")

        employee = service.get_employee(employee_id)
        assert (employee.state.grade, employee.state.grade_since) == (Grade("III/a"), TMT)
        assert employee.state_on(date(2020, 5, 1)).grade == Grade("III/a")

    def test_annulling_a_promotion_that_a_later_one_builds_on_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = self._promoted_twice(org)
        first = versions_of(service, employee_id, Employee.RankPromoted)[0]

        with refused(service) as excinfo:
            service.annul(employee_id, target_version=first, effective_on=date(2024, 5, 1),
                          actor=OFFICER, reason="SK dicabut")
        assert excinfo.value.code == "PROMOTION_ONE_STEP"
        assert service.get_employee(employee_id).state.grade == Grade("III/c")

    def test_annulling_the_latsar_a_probation_rested_on_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)
        latsar = versions_of(service, employee_id, Employee.TrainingCompleted)[0]

        with refused(service) as excinfo:
            service.annul(employee_id, target_version=latsar, effective_on=date(2018, 1, 1),
                          actor=OFFICER, reason="Sertifikat tidak sah")
        assert excinfo.value.code == "PROBATION_REQUIRES_LATSAR"

    def test_an_appointment_cannot_be_annulled(self, org: Organisation,
                                               service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        with refused(service) as excinfo:
            service.annul(employee_id, target_version=1, effective_on=date(2018, 1, 1),
                          actor=OFFICER, reason="Salah orang")
        assert excinfo.value.code == "ANNUL_APPOINTMENT"

    def test_corrections_and_annulments_keep_the_original_events(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns()
        org.promote(employee_id, "III/b", READY_ON)
        promotion = versions_of(service, employee_id, Employee.RankPromoted)[0]
        before = stored_count(service)

        service.correct(employee_id, target_version=promotion,
                        changes={"legal_basis": decree("823/777/KP")},
                        effective_on=date(2020, 5, 1), actor=OFFICER, reason="Nomor SK")
        service.annul(employee_id, target_version=promotion, effective_on=date(2020, 6, 1),
                      actor=OFFICER, reason="SK dicabut")

        assert stored_count(service) == before + 2
        history = list(service.events.get(employee_id))
        kinds = [type(e).__name__ for e in history[promotion - 1:]]
        assert kinds == ["RankPromoted", "ActionCorrected", "ActionAnnulled"]
        original = history[promotion - 1]
        assert isinstance(original, Employee.RankPromoted)
        assert original.legal_basis == decree("823/001/KP", READY_ON)

    def test_personal_data_is_corrected_by_a_new_sealed_value(self, org: Organisation,
                                                              service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(name="Siti Rahmawati")
        employee = service.get_employee(employee_id)

        employee.correct_personal_data(
            field_name="name", value=service.vault.seal(employee.subject_id, "name", "Siti Rahma"),
            effective_on=date(2017, 1, 1), actor=OFFICER,
            reason=service.vault.seal(employee.subject_id, "reason", "Salah ketik"))
        service._save(employee)

        assert service.personal_data(employee_id)["name"] == "Siti Rahma"

    def test_a_field_that_is_not_personal_data_is_not_corrected_as_such(
            self, org: Organisation, service: PersonnelService) -> None:
        employee = service.get_employee(org.appoint_cpns())

        with refused() as excinfo:
            employee.correct_personal_data(field_name="grade", value=None,
                                           effective_on=date(2017, 1, 1), actor=OFFICER,
                                           reason=None)
        assert excinfo.value.code == "CORRECTION_FIELDS_INVALID"
        assert not employee.pending_events

    def test_moving_the_appointment_after_a_recorded_action_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_pppk(appointed_on=date(2022, 3, 1))
        _train(service, employee_id, date(2022, 4, 1))

        with refused(service) as excinfo:
            service.correct(employee_id, target_version=1,
                            changes={"effective_on": date(2022, 5, 1)},
                            effective_on=date(2022, 6, 1), actor=OFFICER, reason="TMT pada SK")
        assert excinfo.value.code == "BEFORE_APPOINTMENT"

    def test_moving_the_cpns_tmt_to_a_month_the_nip_does_not_encode_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(appointed_on=date(2018, 1, 1))

        with refused(service) as excinfo:
            service.correct(employee_id, target_version=1,
                            changes={"effective_on": date(2018, 3, 1)},
                            effective_on=date(2018, 4, 1), actor=OFFICER, reason="TMT pada SK")
        assert excinfo.value.code == "NIP_TMT_MISMATCH"

    def test_moving_a_pppk_tmt_within_the_year_of_the_ni_pppk_is_accepted(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_pppk(appointed_on=date(2022, 3, 1))

        service.correct(employee_id, target_version=1, changes={"effective_on": date(2022, 4, 1)},
                        effective_on=date(2022, 4, 15), actor=OFFICER, reason="TMT pada SK")

        assert service.get_employee(employee_id).state.appointed_on == date(2022, 4, 1)

    @staticmethod
    def _promoted_twice(org: Organisation) -> UUID:
        """III/a → III/b on 1 April 2020, then III/b → III/c on 1 April 2024."""
        employee_id = org.promotable_pns()
        org.promote(employee_id, "III/b", READY_ON)
        org.appraise(employee_id, range(2020, 2024))
        org.promote(employee_id, "III/c", date(2024, 4, 1))
        return employee_id


class TestBackdatedEntries:
    def test_a_training_recorded_late_counts_in_its_own_year_behind_a_later_promotion(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns()
        org.promote(employee_id, "III/b", READY_ON)

        _train(service, employee_id, date(2019, 6, 1), hours=12)

        state = service.get_employee(employee_id).state
        assert state.training_jp[2019] == 12
        assert (state.grade, state.grade_since) == (Grade("III/b"), READY_ON)

    def test_a_backdated_promotion_under_a_later_one_is_refused(self, org: Organisation,
                                                                service: PersonnelService) -> None:
        employee_id = org.promotable_pns()
        org.promote(employee_id, "III/b", date(2020, 10, 1))

        with refused(service) as excinfo:
            org.promote(employee_id, "III/b", READY_ON)
        assert excinfo.value.code == "PROMOTION_ONE_STEP"

    def test_a_backdated_penalty_that_would_bar_a_recorded_promotion_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns()
        org.promote(employee_id, "III/b", READY_ON)

        with refused(service) as excinfo:
            _penalise(service, employee_id, date(2019, 12, 1), PenaltyType.DEMOTION_12_MONTHS)
        assert excinfo.value.code == "PROMOTION_UNDER_PENALTY"

    def test_a_backdated_separation_before_recorded_actions_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns()

        with refused(service) as excinfo:
            service.separate(employee_id, separation_type=SeparationType.RESIGNATION,
                             effective_on=date(2019, 6, 1), actor=OFFICER, legal_basis=decree())
        assert excinfo.value.code == "EMPLOYEE_SEPARATED"

    def test_a_backdated_transfer_before_a_recorded_assignment_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns()  # holds a BKPSDM post since 1 April 2017

        with refused(service) as excinfo:
            service.transfer(employee_id, to_agency_id=org.health_agency_id,
                             to_unit_id=org.health_unit_id, effective_on=date(2017, 1, 1),
                             actor=OFFICER, legal_basis=None)
        assert excinfo.value.code == "POSITION_OTHER_AGENCY"

    def test_a_backdated_appraisal_of_a_year_already_appraised_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns()  # 2019 was appraised on 15 January 2020

        with refused(service) as excinfo:
            service.record_appraisal(employee_id, year=2019, work_result=Expectation.ABOVE,
                                     behaviour=Expectation.ABOVE, rater_id=org.rater(),
                                     effective_on=date(2019, 12, 31), actor=OFFICER)
        assert excinfo.value.code == "APPRAISAL_DUPLICATE_YEAR"

    def test_a_training_dated_before_the_appointment_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)

        with refused(service) as excinfo:
            _train(service, employee_id, date(2015, 6, 1))
        assert excinfo.value.code == "BEFORE_APPOINTMENT"


class TestConcurrentChange:
    def test_a_command_on_the_version_the_officer_saw_is_accepted(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)
        seen = service.get_employee(employee_id).version

        service.complete_training(employee_id, training_type=TrainingType.SEMINAR,
                                  title="Seminar", hours_jp=JpHours(2), topics=(),
                                  effective_on=date(2018, 1, 1), actor=OFFICER,
                                  expected_version=seen)

        assert service.get_employee(employee_id).version == seen + 1

    def test_a_command_on_a_stale_version_is_refused(self, org: Organisation,
                                                     service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)
        seen = service.get_employee(employee_id).version
        _train(service, employee_id, date(2018, 1, 1))

        with refused(service) as excinfo:
            service.complete_training(employee_id, training_type=TrainingType.SEMINAR,
                                      title="Seminar", hours_jp=JpHours(2), topics=(),
                                      effective_on=date(2018, 2, 1), actor=OFFICER,
                                      expected_version=seen)
        assert excinfo.value.code == "CONCURRENT_CHANGE"
        assert isinstance(excinfo.value, ConcurrencyConflictError)

    def test_of_two_officers_saving_the_same_version_the_second_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns(appointed_on=TMT)
        mine, theirs = service.get_employee(employee_id), service.get_employee(employee_id)
        for copy, on in ((mine, date(2018, 1, 1)), (theirs, date(2018, 2, 1))):
            copy.complete_training(training_type=TrainingType.SEMINAR, title="Seminar",
                                   hours_jp=JpHours(2), topics=(), effective_on=on,
                                   actor=OFFICER, legal_basis=None)
        service._save(mine)

        with refused(service) as excinfo:
            service._save(theirs)
        assert excinfo.value.code == "CONCURRENT_CHANGE"
        assert service.get_employee(employee_id).state.training_jp[2018] == 2
