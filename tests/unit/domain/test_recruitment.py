"""CPNS and PPPK recruitment rounds, driven through `service.recruitment`: each rule accepted and
refused, and a round from formation to appointment ranked by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from uuid import UUID, uuid4

import pytest

from domain.checks import ApplicantInput
from domain.employee import Employee
from domain.personnel_service import PersonnelService
from domain.privacy import ERASED
from domain.recruitment_service import Screening
from domain.values import (
    Education,
    EmployeeStatus,
    EmploymentType,
    Grade,
    PositionType,
    ScreeningReason,
    Sex,
    Track,
)
from tests.builders.personnel import OFFICER, Organisation, decree, nip_for, refused
from tests.builders.recruitment import (
    ANNOUNCED_ON,
    APPOINTED_ON,
    CLOSES_ON,
    FAILING_SKD,
    INTEGRATED_ON,
    OPENED_ON,
    PASSING_SKD,
    REGISTERED_ON,
    RESULTS_ON,
    SCREENED_ON,
    SCREENING_ANNOUNCED_ON,
    SKB_CHOSEN_ON,
    SKB_ON,
    SKD_ON,
    SOME_SKB,
    RoundBuilder,
    cpns_round,
    open_round,
    pppk_round,
)

# -- helpers -----------------------------------------------------------------------------------


def _ranks(builder: RoundBuilder, applicants: list[UUID]) -> list[int | None]:
    round_ = builder.round
    return [round_.applicants[a].rank for a in applicants]


def _order(builder: RoundBuilder, formation_id: UUID) -> list[UUID]:
    """The formation's ranked applicants, best first."""
    ranked = [a for a in builder.round.of_formation(formation_id) if a.rank is not None]
    return [a.id for a in sorted(ranked, key=lambda a: a.rank or 0)]


def _announced_with_winner(org: Organisation, count: int = 3, quota: int = 1
                           ) -> tuple[RoundBuilder, list[UUID]]:
    """A CPNS round whose results are announced; applicants best first (distinct SKB)."""
    builder = cpns_round(org, quotas=(quota,))
    applicants = builder.register_many(count)
    builder.to_results(dict.fromkeys(applicants, PASSING_SKD),
                       {a: (90 - 5 * i, 80, 70) for i, a in enumerate(applicants)})
    return builder, applicants


def _appointment(service: PersonnelService, employee_id: UUID) -> Employee.Appointed:
    actions = service.get_employee(employee_id).actions.values()
    return next(a for a in actions if isinstance(a, Employee.Appointed))


# -- the round and its formations --------------------------------------------------------------


class TestOpeningAndFormations:
    def test_a_round_is_opened_for_its_government_and_year(self, org: Organisation) -> None:
        builder = cpns_round(org, quotas=(2, 1), announce=False)

        round_ = builder.round
        assert (round_.government_id, round_.kind, round_.year) == (
            org.government_id, EmploymentType.PNS, 2024)
        assert [round_.formations[f].quota for f in builder.formation_ids] == [2, 1]
        formation = round_.formations[builder.formation_id]
        assert formation.grade == Grade("III/a") and formation.track is Track.GENERAL

    def test_a_round_may_be_opened_the_year_before_its_year(self, org: Organisation,
                                                            service: PersonnelService) -> None:
        round_id = open_round(org, year=2025, on=date(2024, 12, 1))

        assert service.recruitment.get_round(round_id).year == 2025

    def test_a_round_two_years_away_from_its_opening_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        with refused(service) as excinfo:
            open_round(org, year=2026, on=date(2024, 12, 1))
        assert excinfo.value.code == "ROUND_YEAR_INVALID"

    def _allocate(self, org: Organisation, round_id: UUID, **changes: object) -> UUID:
        arguments: dict[str, object] = {
            "agency_id": org.agency_id, "unit_id": org.division_id,
            "position_title": "Analis Kebijakan Ahli Pertama",
            "position_type": PositionType.AHLI_PERTAMA, "education": Education.S1, "quota": 3,
            "effective_on": OPENED_ON, "actor": OFFICER, "legal_basis": None}
        arguments.update(changes)
        return org.service.recruitment.allocate_formation(round_id, **arguments)  # type: ignore[arg-type]

    def test_a_formation_for_a_pelaksana_post_is_accepted(self, org: Organisation,
                                                          service: PersonnelService) -> None:
        round_id = open_round(org)
        formation_id = self._allocate(org, round_id, position_type=PositionType.PELAKSANA,
                                      education=Education.SLTA, position_title="Pengemudi")

        assert service.recruitment.get_round(round_id).formations[formation_id].grade == Grade(
            "II/a")

    @pytest.mark.parametrize("quota", [0, 10_001])
    def test_a_quota_outside_1_to_10000_is_refused(self, org: Organisation,
                                                   service: PersonnelService, quota: int) -> None:
        round_id = open_round(org)
        with refused(service) as excinfo:
            self._allocate(org, round_id, quota=quota)
        assert excinfo.value.code == "FORMATION_QUOTA_INVALID"

    @pytest.mark.parametrize("position_type", [PositionType.JPT_PRATAMA,
                                               PositionType.ADMINISTRATOR,
                                               PositionType.PENGAWAS])
    def test_a_formation_for_a_managerial_post_is_refused(
            self, org: Organisation, service: PersonnelService,
            position_type: PositionType) -> None:
        round_id = open_round(org)
        with refused(service) as excinfo:
            self._allocate(org, round_id, position_type=position_type)
        assert excinfo.value.code == "FORMATION_POSITION_TYPE"

    def test_a_cpns_formation_at_another_grade_than_the_education_gives_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        round_id = open_round(org)
        with refused(service) as excinfo:
            self._allocate(org, round_id, grade=Grade("III/b"))
        assert excinfo.value.code == "FORMATION_GRADE_MISMATCH"

    def test_a_cpns_formation_with_a_technical_bar_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        round_id = open_round(org)
        with refused(service) as excinfo:
            self._allocate(org, round_id, technical_passing_grade=300)
        assert excinfo.value.code == "FORMATION_TECHNICAL_BAR"

    @pytest.mark.parametrize("bar", [None, 0, 451])
    def test_a_pppk_formation_without_a_technical_bar_within_the_maximum_is_refused(
            self, org: Organisation, service: PersonnelService, bar: int | None) -> None:
        round_id = open_round(org, kind=EmploymentType.PPPK, code="pppk-2024")
        with refused(service) as excinfo:
            self._allocate(org, round_id, grade=Grade("IX"), technical_passing_grade=bar)
        assert excinfo.value.code == "FORMATION_TECHNICAL_BAR"

    def test_a_pppk_formation_with_a_bar_at_the_maximum_is_accepted(
            self, org: Organisation, service: PersonnelService) -> None:
        round_id = open_round(org, kind=EmploymentType.PPPK, code="pppk-2024")
        formation_id = self._allocate(org, round_id, grade=Grade("IX"),
                                      technical_passing_grade=450)

        formation = service.recruitment.get_round(round_id).formations[formation_id]
        assert (formation.grade, formation.technical_passing_grade) == (Grade("IX"), 450)

    def test_a_pppk_formation_at_a_pns_grade_is_refused(self, org: Organisation,
                                                        service: PersonnelService) -> None:
        round_id = open_round(org, kind=EmploymentType.PPPK, code="pppk-2024")
        with refused(service) as excinfo:
            self._allocate(org, round_id, technical_passing_grade=300)
        assert excinfo.value.code == "PPPK_GRADE_REQUIRED"

    def test_a_formation_in_an_agency_of_another_government_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        round_id = open_round(org)
        agency_id, unit_id = org.foreign_agency()
        with refused(service) as excinfo:
            self._allocate(org, round_id, agency_id=agency_id, unit_id=unit_id)
        assert excinfo.value.code == "AGENCY_OTHER_GOVERNMENT"

    def test_a_formation_without_a_position_title_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        round_id = open_round(org)
        with refused(service) as excinfo:
            self._allocate(org, round_id, position_title="   ")
        assert excinfo.value.code == "NAME_INVALID"

    def test_a_formation_after_the_announcement_is_refused(self, org: Organisation,
                                                           service: PersonnelService) -> None:
        builder = cpns_round(org)
        with refused(service) as excinfo:
            self._allocate(org, builder.round_id, effective_on=ANNOUNCED_ON)
        assert excinfo.value.code == "ROUND_ALREADY_ANNOUNCED"


class TestAnnouncement:
    def test_an_announced_round_knows_when_registration_closes(self, org: Organisation) -> None:
        round_ = cpns_round(org).round

        assert (round_.announced_on, round_.registration_closes_on) == (ANNOUNCED_ON, CLOSES_ON)

    def test_a_round_without_formations_cannot_be_announced(
            self, org: Organisation, service: PersonnelService) -> None:
        round_id = open_round(org)
        with refused(service) as excinfo:
            service.recruitment.announce_round(round_id, registration_closes_on=CLOSES_ON,
                                               effective_on=ANNOUNCED_ON, actor=OFFICER,
                                               legal_basis=None)
        assert excinfo.value.code == "ROUND_NO_FORMATIONS"

    def test_registration_closing_on_the_announcement_day_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org, announce=False)
        with refused(service) as excinfo:
            service.recruitment.announce_round(builder.round_id,
                                               registration_closes_on=ANNOUNCED_ON,
                                               effective_on=ANNOUNCED_ON, actor=OFFICER,
                                               legal_basis=None)
        assert excinfo.value.code == "REGISTRATION_CLOSE_INVALID"

    def test_a_second_announcement_is_refused(self, org: Organisation,
                                              service: PersonnelService) -> None:
        builder = cpns_round(org)
        with refused(service) as excinfo:
            service.recruitment.announce_round(builder.round_id,
                                               registration_closes_on=date(2024, 9, 30),
                                               effective_on=date(2024, 8, 25), actor=OFFICER,
                                               legal_basis=None)
        assert excinfo.value.code == "ROUND_ALREADY_ANNOUNCED"


class TestExpectedVersion:
    """A form based on an older version of the round writes nothing (HR concurrency)."""

    def test_a_round_changed_since_the_form_was_opened_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org, announce=False)
        seen = builder.round.version
        service.recruitment.announce_round(builder.round_id, registration_closes_on=CLOSES_ON,
                                           effective_on=ANNOUNCED_ON, actor=OFFICER,
                                           legal_basis=None)
        with refused(service) as excinfo, service.recruitment.expecting(builder.round_id, seen):
            service.recruitment.close_round(builder.round_id, effective_on=date(2025, 4, 1),
                                            actor=OFFICER, legal_basis=None)
        assert excinfo.value.code == "CONCURRENT_CHANGE"

    def test_the_version_the_form_saw_lets_the_command_through(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org, announce=False)
        with service.recruitment.expecting(builder.round_id, builder.round.version):
            service.recruitment.announce_round(builder.round_id,
                                               registration_closes_on=CLOSES_ON,
                                               effective_on=ANNOUNCED_ON, actor=OFFICER,
                                               legal_basis=None)
        assert builder.round.announced_on == ANNOUNCED_ON
        # Outside the block nothing is expected any more.
        builder.register()


# -- registration --------------------------------------------------------------------------------


class TestRegistration:
    def test_an_applicant_gets_an_exam_number_and_sealed_personal_data(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        first = builder.register(name="Rina Marlina")
        second = builder.register()

        round_ = builder.round
        applicant = round_.applicants[first]
        assert applicant.exam_number == "CPNS-2024-00001"
        assert round_.applicants[second].exam_number == "CPNS-2024-00002"
        assert service.vault.open(applicant.subject_id, "name",
                                  applicant.personal["name"]) == "Rina Marlina"
        assert service.vault.open(applicant.subject_id, "nik",
                                  applicant.personal["nik"]) == builder.niks[first]

    def test_the_nik_and_other_personal_data_are_never_stored_in_clear(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        builder.register(nik="3374 0102 0304 0506", name="Wulan Kusumawardani",
                         born=date(1996, 7, 14))

        stored = b"".join(n.state for n in service.recorder.select_notifications(1, 10000))
        assert b"Pelamar" not in stored  # guards the scan: the builder's names are absent too
        for clear in ("3374010203040506", "3374 0102", "Wulan", "1996-07-14"):
            assert clear.encode() not in stored

    def test_registration_before_the_announcement_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org, announce=False)
        with refused(service) as excinfo:
            builder.register(on=OPENED_ON)
        assert excinfo.value.code == "ROUND_NOT_ANNOUNCED"

    @pytest.mark.parametrize("on", [ANNOUNCED_ON, CLOSES_ON])
    def test_registration_from_the_announcement_to_the_closing_day_is_accepted(
            self, org: Organisation, on: date) -> None:
        builder = cpns_round(org)
        applicant_id = builder.register(on=on)

        assert builder.round.applicants[applicant_id].registered_on == on

    @pytest.mark.parametrize("on", [date(2024, 8, 19), date(2024, 9, 7)])
    def test_registration_outside_the_registration_period_is_refused(
            self, org: Organisation, service: PersonnelService, on: date) -> None:
        builder = cpns_round(org)
        with refused(service) as excinfo:
            builder.register(on=on)
        assert excinfo.value.code == "REGISTRATION_CLOSED"

    def test_a_nik_registered_twice_in_a_round_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org, quotas=(1, 1))
        builder.register(nik="3374010203040506")
        with refused(service) as excinfo:  # even for the other formation
            builder.register(builder.formation_ids[1], nik="3374 0102 0304 0506")
        assert excinfo.value.code == "APPLICANT_DUPLICATE"

    def test_a_refused_registration_leaves_no_key_behind(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        builder.register(nik="3374010203040507")
        subject = uuid4()
        with refused(service) as excinfo:
            service.recruitment.register_applicant(
                builder.round_id, formation_id=builder.formation_id,
                person=ApplicantInput("Pelamar Ganda", "3374010203040507", date(1996, 1, 1),
                                      Sex.MALE), education=Education.S1, grade_average=300,
                effective_on=REGISTERED_ON, actor=OFFICER, subject_id=subject)
        assert excinfo.value.code == "APPLICANT_DUPLICATE"
        assert service.vault.keys.get(subject) is None

    def test_the_same_nik_may_apply_in_another_round(self, org: Organisation) -> None:
        first = cpns_round(org)
        first.register(nik="3374010203040506")
        second = cpns_round(org, code="cpns-2024-ii")
        applicant_id = second.register(nik="3374010203040506")

        assert applicant_id in second.round.applicants

    @pytest.mark.parametrize("nik", ["337401020304050", "33740102030405067", "3374O10203040506"])
    def test_a_nik_that_is_not_16_digits_is_refused(self, org: Organisation,
                                                    service: PersonnelService, nik: str) -> None:
        builder = cpns_round(org)
        with refused(service) as excinfo:
            builder.register(nik=nik)
        assert excinfo.value.code == "NIK_INVALID"

    def test_an_applicant_of_another_education_is_refused(self, org: Organisation,
                                                          service: PersonnelService) -> None:
        builder = cpns_round(org)
        with refused(service) as excinfo:
            builder.register(education=Education.D3)
        assert excinfo.value.code == "APPLICANT_EDUCATION_MISMATCH"

    @pytest.mark.parametrize("gpa", [0, 10_000])
    def test_a_grade_average_from_0_to_10000_is_accepted(self, org: Organisation,
                                                         gpa: int) -> None:
        builder = cpns_round(org)
        applicant_id = builder.register(gpa=gpa)

        assert builder.round.applicants[applicant_id].grade_average == gpa

    @pytest.mark.parametrize("gpa", [-1, 10_001])
    def test_a_grade_average_outside_0_to_10000_is_refused(
            self, org: Organisation, service: PersonnelService, gpa: int) -> None:
        builder = cpns_round(org)
        with refused(service) as excinfo:
            builder.register(gpa=gpa)
        assert excinfo.value.code == "GRADE_AVERAGE_INVALID"

    @pytest.mark.parametrize("born", [date(1988, 9, 7), date(2006, 9, 6)],
                             ids=["35 on the closing day", "18 on the closing day"])
    def test_a_cpns_applicant_aged_18_to_35_on_the_closing_day_is_accepted(
            self, org: Organisation, born: date) -> None:
        builder = cpns_round(org)
        applicant_id = builder.register(born=born)

        assert applicant_id in builder.round.applicants

    @pytest.mark.parametrize("born", [date(1988, 9, 6), date(2006, 9, 7)],
                             ids=["36 on the closing day", "17 on the closing day"])
    def test_a_cpns_applicant_outside_18_to_35_on_the_closing_day_is_refused(
            self, org: Organisation, service: PersonnelService, born: date) -> None:
        builder = cpns_round(org)
        with refused(service) as excinfo:
            builder.register(born=born)
        assert excinfo.value.code == "APPLICANT_AGE"

    def test_a_pppk_applicant_may_be_up_to_a_year_below_the_post_s_retirement_age(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = pppk_round(org)  # ahli pertama: retirement at 58
        builder.register(born=date(1966, 9, 7))  # 57 on the closing day
        with refused(service) as excinfo:
            builder.register(born=date(1966, 9, 6))  # 58
        assert excinfo.value.code == "APPLICANT_AGE"

    def test_an_unknown_formation_is_refused(self, org: Organisation,
                                             service: PersonnelService) -> None:
        builder = cpns_round(org)
        other = cpns_round(org, code="cpns-2024-ii")
        with refused(service) as excinfo:
            builder.register(other.formation_id)
        assert excinfo.value.code == "NOT_FOUND"

    def test_a_contact_longer_than_200_characters_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        with refused(service) as excinfo:
            service.recruitment.register_applicant(
                builder.round_id, formation_id=builder.formation_id,
                person=ApplicantInput("Budi Santoso", "3374000000000099", date(1995, 1, 1),
                                      Sex.MALE, "x" * 201),
                education=Education.S1, grade_average=300, effective_on=REGISTERED_ON,
                actor=OFFICER)
        assert excinfo.value.code == "PERSONAL_DATA_INVALID"

    def test_the_applicant_input_never_shows_personal_data(self) -> None:
        person = ApplicantInput("Budi Santoso", "3374000000000099", date(1995, 1, 1), Sex.MALE)

        assert "Budi" not in repr(person) and "3374" not in repr(person)


# -- administrative screening and objections ----------------------------------------------------


class TestScreening:
    def test_screening_records_meets_and_does_not_meet_with_reasons(
            self, org: Organisation) -> None:
        builder = cpns_round(org)
        meets, fails = builder.register_many(2)
        builder.screen(meets=[meets], fails=[fails])

        round_ = builder.round
        assert round_.applicants[meets].meets is True
        assert round_.applicants[fails].meets is False
        assert round_.applicants[fails].reasons == (ScreeningReason.DOCUMENT_MISSING,)
        assert round_.screening_announced_on == SCREENING_ANNOUNCED_ON

    def test_screening_before_registration_closes_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        applicant_id = builder.register()
        with refused(service) as excinfo:
            builder.decide(meets=[applicant_id], on=CLOSES_ON)
        assert excinfo.value.code == "SCREENING_BEFORE_CLOSE"

    @pytest.mark.parametrize(("meets", "reasons"), [
        (False, ()), (True, (ScreeningReason.OTHER,))], ids=["TMS without", "MS with"])
    def test_tms_needs_a_reason_and_ms_takes_none(
            self, org: Organisation, service: PersonnelService, meets: bool,
            reasons: tuple[ScreeningReason, ...]) -> None:
        builder = cpns_round(org)
        applicant_id = builder.register()
        with refused(service) as excinfo:
            service.recruitment.decide_screening(
                builder.round_id, [Screening(applicant_id, meets, reasons)],
                effective_on=SCREENED_ON, actor=OFFICER)
        assert excinfo.value.code == "SCREENING_REASON_REQUIRED"

    def test_a_file_with_one_bad_decision_is_refused_whole(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        good, bad = builder.register_many(2)
        with refused(service) as excinfo:
            service.recruitment.decide_screening(
                builder.round_id, [Screening(good, True), Screening(bad, False)],
                effective_on=SCREENED_ON, actor=OFFICER)
        assert excinfo.value.code == "SCREENING_REASON_REQUIRED"
        assert builder.round.applicants[good].meets is None

    def test_announcing_with_applicants_not_yet_screened_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        screened, _ = builder.register_many(2)
        builder.decide(meets=[screened])
        with refused(service) as excinfo:
            builder.announce_screening()
        assert excinfo.value.code == "SCREENING_INCOMPLETE"

    def test_announcing_a_screening_without_applicants_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        with refused(service) as excinfo:
            builder.announce_screening()
        assert excinfo.value.code == "SCREENING_INCOMPLETE"

    def test_a_decision_after_the_announcement_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        applicant_id = builder.register()
        builder.screen(fails=[applicant_id])
        with refused(service) as excinfo:
            builder.decide(meets=[applicant_id], on=SCREENING_ANNOUNCED_ON)
        assert excinfo.value.code == "SCREENING_ALREADY_ANNOUNCED"

    def test_a_second_announcement_of_the_screening_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        builder.screen(meets=[builder.register()])
        with refused(service) as excinfo:
            builder.announce_screening()
        assert excinfo.value.code == "SCREENING_ALREADY_ANNOUNCED"


class TestObjections:
    def _rejected(self, org: Organisation) -> tuple[RoundBuilder, UUID, UUID]:
        builder = cpns_round(org)
        meets, fails = builder.register_many(2)
        builder.screen(meets=[meets], fails=[fails])
        return builder, meets, fails

    def _file(self, builder: RoundBuilder, applicant_id: UUID, on: date) -> None:
        builder.recruitment.file_objection(builder.round_id, applicant_id=applicant_id,
                                           effective_on=on, actor=OFFICER)

    def _resolve(self, builder: RoundBuilder, applicant_id: UUID, granted: bool,
                 on: date) -> None:
        builder.recruitment.resolve_objection(builder.round_id, applicant_id=applicant_id,
                                              granted=granted, effective_on=on, actor=OFFICER,
                                              legal_basis=None)

    def test_an_objection_on_the_third_day_after_the_announcement_is_accepted(
            self, org: Organisation) -> None:
        builder, _, fails = self._rejected(org)
        self._file(builder, fails, date(2024, 9, 14))

        assert builder.round.applicants[fails].objection == "filed"

    def test_an_objection_on_the_fourth_day_is_refused(self, org: Organisation,
                                                       service: PersonnelService) -> None:
        builder, _, fails = self._rejected(org)
        with refused(service) as excinfo:
            self._file(builder, fails, date(2024, 9, 15))
        assert excinfo.value.code == "OBJECTION_WINDOW_CLOSED"

    def test_an_objection_before_the_announcement_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        applicant_id = builder.register()
        builder.decide(fails=[applicant_id])
        with refused(service) as excinfo:
            self._file(builder, applicant_id, SCREENED_ON)
        assert excinfo.value.code == "SCREENING_NOT_ANNOUNCED"

    def test_an_objection_by_an_applicant_who_met_the_requirements_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, meets, _ = self._rejected(org)
        with refused(service) as excinfo:
            self._file(builder, meets, date(2024, 9, 12))
        assert excinfo.value.code == "OBJECTION_NOT_REJECTED"

    def test_a_second_objection_is_refused(self, org: Organisation,
                                           service: PersonnelService) -> None:
        builder, _, fails = self._rejected(org)
        self._file(builder, fails, date(2024, 9, 12))
        with refused(service) as excinfo:
            self._file(builder, fails, date(2024, 9, 13))
        assert excinfo.value.code == "OBJECTION_DUPLICATE"

    def test_a_granted_objection_turns_tms_into_ms_and_the_applicant_may_sit_the_skd(
            self, org: Organisation) -> None:
        builder, _, fails = self._rejected(org)
        self._file(builder, fails, date(2024, 9, 12))
        self._resolve(builder, fails, True, date(2024, 9, 18))  # the seventh day
        builder.skd({fails: PASSING_SKD})

        applicant = builder.round.applicants[fails]
        assert (applicant.meets, applicant.reasons, applicant.objection) == (True, (), "granted")
        assert applicant.skd == PASSING_SKD and applicant.skd_passed

    def test_a_refused_objection_leaves_the_applicant_out(self, org: Organisation,
                                                          service: PersonnelService) -> None:
        builder, _, fails = self._rejected(org)
        self._file(builder, fails, date(2024, 9, 12))
        self._resolve(builder, fails, False, date(2024, 9, 16))

        applicant = builder.round.applicants[fails]
        assert (applicant.meets, applicant.objection) == (False, "refused")
        with refused(service) as excinfo:
            builder.skd({fails: PASSING_SKD})
        assert excinfo.value.code == "SCORE_NOT_SCREENED_IN"

    def test_a_resolution_after_the_seventh_day_is_refused(self, org: Organisation,
                                                           service: PersonnelService) -> None:
        builder, _, fails = self._rejected(org)
        self._file(builder, fails, date(2024, 9, 12))
        with refused(service) as excinfo:
            self._resolve(builder, fails, True, date(2024, 9, 19))
        assert excinfo.value.code == "OBJECTION_RESOLUTION_LATE"

    def test_resolving_without_an_objection_is_refused(self, org: Organisation,
                                                       service: PersonnelService) -> None:
        builder, _, fails = self._rejected(org)
        with refused(service) as excinfo:
            self._resolve(builder, fails, True, date(2024, 9, 13))
        assert excinfo.value.code == "OBJECTION_NOT_FILED"

    def test_no_scores_while_an_objection_is_pending(self, org: Organisation,
                                                     service: PersonnelService) -> None:
        # otherwise a later-dated score would leave the objection unresolvable (date order)
        # and the round stuck behind it
        builder, meets, fails = self._rejected(org)
        self._file(builder, fails, date(2024, 9, 12))
        with refused(service) as excinfo:
            builder.skd({meets: PASSING_SKD}, on=date(2024, 9, 15))
        assert excinfo.value.code == "OBJECTION_PENDING"

        self._resolve(builder, fails, False, date(2024, 9, 18))
        builder.skd({meets: PASSING_SKD}, on=date(2024, 9, 18))
        assert builder.choose_skb() == (meets,)

    def test_an_objection_unanswered_past_the_deadline_stands_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        # announced 11 September: answers are due by the 18th; the round must not stay stuck
        builder, meets, fails = self._rejected(org)
        self._file(builder, fails, date(2024, 9, 12))
        builder.skd({meets: PASSING_SKD}, on=date(2024, 9, 19))
        with refused(service) as excinfo:
            builder.skd({fails: PASSING_SKD}, on=date(2024, 9, 19))
        assert excinfo.value.code == "SCORE_NOT_SCREENED_IN"
        assert builder.choose_skb() == (meets,)

    def test_the_skb_participants_wait_for_pending_objections(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, _meets, fails = self._rejected(org)
        self._file(builder, fails, date(2024, 9, 12))
        with refused(service) as excinfo:
            builder.choose_skb(on=date(2024, 9, 13))
        assert excinfo.value.code == "OBJECTION_PENDING"

    def test_pppk_ranking_waits_for_pending_objections(self, org: Organisation,
                                                       service: PersonnelService) -> None:
        builder = pppk_round(org)
        fails = builder.register()
        builder.screen(fails=[fails])
        self._file(builder, fails, date(2024, 9, 12))
        with refused(service) as excinfo:
            builder.integrate(on=date(2024, 9, 13))
        assert excinfo.value.code == "OBJECTION_PENDING"

    def test_a_step_dated_before_a_resolution_is_refused(self, org: Organisation,
                                                         service: PersonnelService) -> None:
        builder, _, fails = self._rejected(org)
        self._file(builder, fails, date(2024, 9, 13))
        with refused(service) as excinfo:
            self._resolve(builder, fails, True, date(2024, 9, 12))
        assert excinfo.value.code == "ROUND_DATE_ORDER"


# -- SKD -----------------------------------------------------------------------------------------


class TestSkd:
    @pytest.mark.parametrize(("track", "scores", "passed"), [
        # general: every part at its bar (65/80/166), and each part one step below
        (Track.GENERAL, (65, 80, 166), True),
        (Track.GENERAL, (60, 175, 225), False),
        (Track.GENERAL, (150, 75, 225), False),
        (Track.GENERAL, (150, 175, 165), False),
        # cum laude and diaspora: total 311 and TIU 85, whatever the other parts
        (Track.CUM_LAUDE, (60, 85, 166), True),
        (Track.CUM_LAUDE, (60, 85, 165), False),
        (Track.CUM_LAUDE, (150, 80, 225), False),
        (Track.DIASPORA, (60, 85, 166), True),
        (Track.DIASPORA, (65, 80, 166), False),
        # disability, Papua, disadvantaged regions: total 286 and TIU 60
        (Track.DISABILITY, (60, 60, 166), True),
        (Track.DISABILITY, (60, 60, 165), False),
        (Track.DISABILITY, (150, 55, 225), False),
        (Track.PAPUA, (55, 65, 166), True),
        (Track.PAPUA, (55, 65, 165), False),
        (Track.DISADVANTAGED, (60, 60, 166), True),
        (Track.DISADVANTAGED, (65, 55, 166), False),
    ])
    def test_the_passing_grade_of_the_round_s_year_and_track_decides(
            self, org: Organisation, track: Track, scores: tuple[int, int, int],
            passed: bool) -> None:
        builder = cpns_round(org, track=track)
        applicant_id = builder.register()
        builder.screen(meets=[applicant_id])
        builder.skd({applicant_id: scores})

        applicant = builder.round.applicants[applicant_id]
        assert applicant.skd == scores
        assert applicant.skd_passed is passed

    @pytest.mark.parametrize("scores", [(150, 175, 225), (0, 0, 0)], ids=["maximum", "zero"])
    def test_scores_from_zero_to_the_maximum_are_accepted(
            self, org: Organisation, scores: tuple[int, int, int]) -> None:
        builder = cpns_round(org)
        applicant_id = builder.register()
        builder.screen(meets=[applicant_id])
        builder.skd({applicant_id: scores})

        assert builder.round.applicants[applicant_id].skd == scores

    @pytest.mark.parametrize("scores", [(155, 120, 180), (100, 180, 180), (100, 120, 226),
                                        (-5, 120, 180), (102, 120, 180), (100, 121, 180)],
                             ids=["twk over", "tiu over", "tkp over", "negative",
                                  "twk not a multiple of 5", "tiu not a multiple of 5"])
    def test_scores_outside_the_scale_are_refused(
            self, org: Organisation, service: PersonnelService,
            scores: tuple[int, int, int]) -> None:
        builder = cpns_round(org)
        applicant_id = builder.register()
        builder.screen(meets=[applicant_id])
        with refused(service) as excinfo:
            builder.skd({applicant_id: scores})
        assert excinfo.value.code == "SCORE_INVALID"

    def test_no_score_for_an_applicant_who_failed_screening(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        meets, fails = builder.register_many(2)
        builder.screen(meets=[meets], fails=[fails])
        with refused(service) as excinfo:
            builder.skd({meets: PASSING_SKD, fails: PASSING_SKD})
        assert excinfo.value.code == "SCORE_NOT_SCREENED_IN"
        assert builder.round.applicants[meets].skd is None  # the file is refused whole

    def test_no_score_before_the_screening_is_announced(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        applicant_id = builder.register()
        builder.decide(meets=[applicant_id])
        with refused(service) as excinfo:
            builder.skd({applicant_id: PASSING_SKD})
        assert excinfo.value.code == "SCREENING_NOT_ANNOUNCED"

    def test_a_second_skd_score_is_refused(self, org: Organisation,
                                           service: PersonnelService) -> None:
        builder = cpns_round(org)
        applicant_id = builder.register()
        builder.screen(meets=[applicant_id])
        builder.skd({applicant_id: PASSING_SKD})
        with refused(service) as excinfo:
            builder.skd({applicant_id: (150, 175, 225)})
        assert excinfo.value.code == "SCORE_ALREADY_RECORDED"

    def test_no_skd_score_once_the_skb_participants_are_chosen(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        scored, late = builder.register_many(2)
        builder.screen(meets=[scored, late])
        builder.skd({scored: PASSING_SKD})
        builder.choose_skb()
        with refused(service) as excinfo:
            builder.skd({late: PASSING_SKD}, on=SKB_CHOSEN_ON)
        assert excinfo.value.code == "STAGE_CLOSED"

    def test_an_skd_score_in_a_pppk_round_is_refused(self, org: Organisation,
                                                     service: PersonnelService) -> None:
        builder = pppk_round(org)
        applicant_id = builder.register()
        builder.screen(meets=[applicant_id])
        with refused(service) as excinfo:
            builder.skd({applicant_id: PASSING_SKD})
        assert excinfo.value.code == "STAGE_NOT_IN_ROUND"


# -- SKB participants ----------------------------------------------------------------------------


class TestSkbParticipants:
    def _passers(self, org: Organisation, totals_tkp: list[int], quota: int = 1
                 ) -> tuple[RoundBuilder, list[UUID]]:
        """One passing applicant per TKP (TWK 100, TIU 120), so totals differ by the TKP."""
        builder = cpns_round(org, quotas=(quota,))
        applicants = builder.register_many(len(totals_tkp))
        builder.screen(meets=applicants)
        builder.skd({a: (100, 120, tkp) for a, tkp in zip(applicants, totals_tkp, strict=True)})
        return builder, applicants

    def test_three_times_the_quota_best_passers_go_on(self, org: Organisation) -> None:
        builder, (a, b, c, d, e) = self._passers(org, [200, 190, 180, 175, 170])

        assert set(builder.choose_skb()) == {a, b, c}
        round_ = builder.round
        assert [round_.applicants[x].skb_participant for x in (a, b, c, d, e)] == [
            True, True, True, False, False]

    def test_exact_ties_at_the_cutoff_all_go_on(self, org: Organisation) -> None:
        # quota 1, five passers, the 3rd and 4th tied on identical scores: four go on
        builder, (a, b, c, d, _e) = self._passers(org, [200, 190, 180, 180, 170])

        assert set(builder.choose_skb()) == {a, b, c, d}

    def test_equal_totals_at_the_cutoff_are_ordered_by_tkp_then_tiu(
            self, org: Organisation) -> None:
        # quota 1 (three places): the 3rd and 4th both total 385, but the 3rd has the
        # better TKP; the 5th ties the 4th on total and TKP and loses on TIU
        builder = cpns_round(org)
        a, b, c, d, e = builder.register_many(5)
        builder.screen(meets=[a, b, c, d, e])
        builder.skd({a: (100, 120, 200), b: (100, 120, 190), c: (100, 100, 185),
                     d: (110, 100, 175), e: (115, 95, 175)})

        assert set(builder.choose_skb()) == {a, b, c}

    def test_places_are_counted_per_formation(self, org: Organisation) -> None:
        builder = cpns_round(org, quotas=(2, 1))
        big = builder.register_many(7)
        small = builder.register_many(4, builder.formation_ids[1])
        builder.screen(meets=big + small)
        builder.skd({a: (100, 120, 170 + i) for i, a in enumerate(big + small)})

        chosen = set(builder.choose_skb())
        assert chosen == set(big[1:]) | set(small[1:])  # six of seven, three of four

    def test_a_failer_is_never_chosen_even_with_places_to_spare(
            self, org: Organisation) -> None:
        builder = cpns_round(org)
        passer, failer = builder.register_many(2)
        builder.screen(meets=[passer, failer])
        builder.skd({passer: (65, 80, 166), failer: (60, 175, 225)})  # failer's total: 460

        assert builder.choose_skb() == (passer,)

    def test_choosing_twice_is_refused(self, org: Organisation,
                                       service: PersonnelService) -> None:
        builder, _ = self._passers(org, [200])
        builder.choose_skb()
        with refused(service) as excinfo:
            builder.choose_skb()
        assert excinfo.value.code == "STAGE_CLOSED"

    def test_choosing_before_the_screening_is_announced_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        builder.decide(meets=[builder.register()])
        with refused(service) as excinfo:
            builder.choose_skb()
        assert excinfo.value.code == "SCREENING_NOT_ANNOUNCED"

    def test_choosing_in_a_pppk_round_is_refused(self, org: Organisation,
                                                 service: PersonnelService) -> None:
        builder = pppk_round(org)
        builder.screen(meets=[builder.register()])
        with refused(service) as excinfo:
            builder.choose_skb()
        assert excinfo.value.code == "STAGE_NOT_IN_ROUND"


# -- SKB and the final score ---------------------------------------------------------------------


class TestSkbAndFinalScore:
    def _chosen(self, org: Organisation, count: int = 2) -> tuple[RoundBuilder, list[UUID]]:
        builder = cpns_round(org)
        applicants = builder.register_many(count)
        builder.screen(meets=applicants)
        builder.skd(dict.fromkeys(applicants, PASSING_SKD))
        builder.choose_skb()
        return builder, applicants

    def test_an_skb_score_for_a_participant_is_accepted(self, org: Organisation) -> None:
        builder, (a, _) = self._chosen(org)
        builder.skb({a: (100, 0, 100)})

        assert builder.round.applicants[a].skb == (100, 0, 100)

    def test_no_skb_score_for_someone_not_chosen(self, org: Organisation,
                                                 service: PersonnelService) -> None:
        builder, applicants = self._passers_with_one_left_out(org)
        with refused(service) as excinfo:
            builder.skb({applicants[-1]: SOME_SKB})
        assert excinfo.value.code == "SKB_NOT_PARTICIPANT"

    def _passers_with_one_left_out(self, org: Organisation) -> tuple[RoundBuilder, list[UUID]]:
        builder = cpns_round(org)
        applicants = builder.register_many(4)
        builder.screen(meets=applicants)
        builder.skd({a: (100, 120, 200 - i) for i, a in enumerate(applicants)})
        assert applicants[-1] not in builder.choose_skb()
        return builder, applicants

    @pytest.mark.parametrize("scores", [(101, 50, 50), (50, -1, 50), (50, 50, 101)])
    def test_skb_parts_outside_0_to_100_are_refused(
            self, org: Organisation, service: PersonnelService,
            scores: tuple[int, int, int]) -> None:
        builder, (a, _) = self._chosen(org)
        with refused(service) as excinfo:
            builder.skb({a: scores})
        assert excinfo.value.code == "SCORE_INVALID"

    def test_a_second_skb_score_is_refused(self, org: Organisation,
                                           service: PersonnelService) -> None:
        builder, (a, _) = self._chosen(org)
        builder.skb({a: SOME_SKB})
        with refused(service) as excinfo:
            builder.skb({a: (100, 100, 100)})
        assert excinfo.value.code == "SCORE_ALREADY_RECORDED"

    def test_no_skb_score_after_the_integration(self, org: Organisation,
                                                service: PersonnelService) -> None:
        builder, (a, b) = self._chosen(org)
        builder.skb({a: SOME_SKB})
        builder.integrate()
        with refused(service) as excinfo:
            builder.skb({b: SOME_SKB}, on=INTEGRATED_ON)
        assert excinfo.value.code == "STAGE_CLOSED"

    def test_the_final_score_is_40_percent_skd_over_550_and_60_percent_weighted_skb(
            self, org: Organisation) -> None:
        builder, (a, _) = self._chosen(org)
        builder.skb({a: (80, 70, 60)})
        ranked = builder.integrate()

        # SKD 100 + 120 + 180 = 400 of 550; SKB 80×0.5 + 70×0.3 + 60×0.2 = 73
        by_hand = Fraction(400, 550) * 100 * Fraction(4, 10) + 73 * Fraction(6, 10)
        assert by_hand == Fraction(4009, 55)  # 72.8909…
        assert [(r.applicant_id, r.final_score, r.rank) for r in ranked] == [(a, "72.891", 1)]
        assert builder.round.applicants[a].final_score == "72.891"

    def test_a_participant_without_an_skb_score_is_not_ranked(self, org: Organisation) -> None:
        builder, (a, b) = self._chosen(org)
        builder.skb({a: SOME_SKB})
        builder.integrate()

        assert _ranks(builder, [a, b]) == [1, None]

    def test_integrating_before_the_skb_participants_are_chosen_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        applicant_id = builder.register()
        builder.screen(meets=[applicant_id])
        builder.skd({applicant_id: PASSING_SKD})
        with refused(service) as excinfo:
            builder.integrate()
        assert excinfo.value.code == "STAGE_ORDER"

    def test_integrating_twice_is_refused(self, org: Organisation,
                                          service: PersonnelService) -> None:
        builder, (a, _) = self._chosen(org)
        builder.skb({a: SOME_SKB})
        builder.integrate()
        with refused(service) as excinfo:
            builder.integrate()
        assert excinfo.value.code == "STAGE_CLOSED"

    def test_announcing_results_before_the_integration_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, (a, _) = self._chosen(org)
        builder.skb({a: SOME_SKB})
        with refused(service) as excinfo:
            builder.announce_results()
        assert excinfo.value.code == "STAGE_ORDER"

    def test_announcing_results_twice_is_refused(self, org: Organisation,
                                                 service: PersonnelService) -> None:
        builder, _ = _announced_with_winner(org)
        with refused(service) as excinfo:
            builder.announce_results()
        assert excinfo.value.code == "STAGE_CLOSED"


@dataclass(frozen=True)
class Entry:
    """One applicant's raw results for a tie-break case."""

    skd: tuple[int, int, int] = PASSING_SKD
    skb: tuple[int, int, int] = SOME_SKB
    gpa: int = 300
    born: date | None = None


class TestTieBreaks:
    """Equal final scores: SKD total, then TKP, TIU (TWK is then equal too), GPA, older first.

    In each case the applicant who should win registers second, so the last resort (the exam
    number) would put the other first.
    """

    def _rank(self, org: Organisation, other: Entry, winner: Entry
              ) -> tuple[RoundBuilder, UUID, UUID]:
        builder = cpns_round(org)
        loser_id = builder.register(gpa=other.gpa, born=other.born)
        winner_id = builder.register(gpa=winner.gpa, born=winner.born)
        builder.to_results({loser_id: other.skd, winner_id: winner.skd},
                           {loser_id: other.skb, winner_id: winner.skb})
        return builder, loser_id, winner_id

    def _assert_tie_won(self, builder: RoundBuilder, loser_id: UUID, winner_id: UUID) -> None:
        round_ = builder.round
        loser, winner = round_.applicants[loser_id], round_.applicants[winner_id]
        assert winner.final_score == loser.final_score
        assert (winner.rank, loser.rank) == (1, 2)

    def test_a_higher_skd_total_wins_an_equal_final_score(self, org: Organisation) -> None:
        # 433 with SKB 70 and 400 with SKB 74 both give 73.4909… (33 SKD points = 4 SKB points)
        builder, loser, winner = self._rank(
            org, Entry((100, 120, 180), (74, 74, 74)), Entry((100, 120, 213), (70, 70, 70)))

        assert Fraction(433 * 100, 550) * Fraction(2, 5) + 42 == Fraction(
            400 * 100, 550) * Fraction(2, 5) + Fraction(222, 5)
        self._assert_tie_won(builder, loser, winner)
        assert builder.round.applicants[winner].final_score == "73.491"

    def test_then_the_higher_tkp(self, org: Organisation) -> None:
        builder, loser, winner = self._rank(
            org, Entry((100, 120, 180)), Entry((100, 115, 185)))

        self._assert_tie_won(builder, loser, winner)

    def test_then_the_higher_tiu(self, org: Organisation) -> None:
        builder, loser, winner = self._rank(
            org, Entry((100, 120, 180)), Entry((95, 125, 180)))

        self._assert_tie_won(builder, loser, winner)

    def test_then_the_higher_grade_average(self, org: Organisation) -> None:
        builder, loser, winner = self._rank(
            org, Entry(gpa=349), Entry(gpa=350))

        self._assert_tie_won(builder, loser, winner)

    def test_then_the_older_applicant(self, org: Organisation) -> None:
        builder, loser, winner = self._rank(
            org, Entry(born=date(1995, 3, 2)), Entry(born=date(1995, 3, 1)))

        self._assert_tie_won(builder, loser, winner)

    def test_a_higher_final_score_beats_every_tie_break(self, org: Organisation) -> None:
        builder, loser, winner = self._rank(
            org, Entry((150, 175, 225), (70, 70, 70), gpa=400),
            Entry((65, 80, 166), (100, 100, 100), gpa=200))

        assert _ranks(builder, [winner, loser]) == [1, 2]


# -- PPPK ----------------------------------------------------------------------------------------


class TestPppkRound:
    def _screened(self, org: Organisation, count: int) -> tuple[RoundBuilder, list[UUID]]:
        builder = pppk_round(org, quota=1, technical_bar=300)
        applicants = builder.register_many(count)
        builder.screen(meets=applicants)
        return builder, applicants

    @pytest.mark.parametrize(("scores", "passed"), [
        ((300, 60, 57, 30), True),  # technical at the formation's bar, 117 at the bar
        ((299, 100, 80, 40), False),  # technical one below
        ((450, 60, 56, 40), False),  # managerial + socio-cultural 116
    ])
    def test_competency_passes_on_the_technical_bar_and_117(
            self, org: Organisation, scores: tuple[int, int, int, int], passed: bool) -> None:
        builder, (a,) = self._screened(org, 1)
        builder.competency({a: scores})

        applicant = builder.round.applicants[a]
        assert applicant.competency == scores
        assert applicant.competency_passed is passed

    @pytest.mark.parametrize("scores", [(451, 50, 50, 20), (300, 101, 50, 20),
                                        (300, 50, 81, 20), (300, 50, 50, 41),
                                        (300, -1, 50, 20)])
    def test_competency_scores_outside_their_maximum_are_refused(
            self, org: Organisation, service: PersonnelService,
            scores: tuple[int, int, int, int]) -> None:
        builder, (a,) = self._screened(org, 1)
        with refused(service) as excinfo:
            builder.competency({a: scores})
        assert excinfo.value.code == "SCORE_INVALID"

    def test_only_those_who_passed_are_ranked_by_their_summed_scores(
            self, org: Organisation) -> None:
        builder, (low, high, failed) = self._screened(org, 3)
        builder.competency({low: (350, 70, 50, 30), high: (400, 80, 60, 35),
                            failed: (450, 100, 10, 40)})
        builder.integrate()

        round_ = builder.round
        assert _ranks(builder, [high, low, failed]) == [1, 2, None]
        # the sum of the four parts, normalised to 100 over 450 + 100 + 80 + 40 = 670
        assert round_.applicants[high].final_score == f"{575 * 100 / 670:.3f}" == "85.821"
        assert round_.applicants[low].final_score == f"{500 * 100 / 670:.3f}"

    def test_an_equal_pppk_total_goes_to_the_higher_technical_score(
            self, org: Organisation) -> None:
        builder, (other, winner) = self._screened(org, 2)
        builder.competency({other: (350, 80, 60, 40), winner: (360, 75, 55, 40)})
        builder.integrate()

        assert _ranks(builder, [winner, other]) == [1, 2]

    def test_a_second_competency_score_is_refused(self, org: Organisation,
                                                  service: PersonnelService) -> None:
        builder, (a,) = self._screened(org, 1)
        builder.competency({a: (300, 60, 57, 30)})
        with refused(service) as excinfo:
            builder.competency({a: (400, 60, 57, 30)})
        assert excinfo.value.code == "SCORE_ALREADY_RECORDED"

    def test_no_competency_score_after_the_integration(self, org: Organisation,
                                                       service: PersonnelService) -> None:
        builder, (a, b) = self._screened(org, 2)
        builder.competency({a: (300, 60, 57, 30)})
        builder.integrate()
        with refused(service) as excinfo:
            builder.competency({b: (300, 60, 57, 30)}, on=INTEGRATED_ON)
        assert excinfo.value.code == "STAGE_CLOSED"

    def test_a_competency_score_in_a_cpns_round_is_refused(self, org: Organisation,
                                                           service: PersonnelService) -> None:
        builder = cpns_round(org)
        applicant_id = builder.register()
        builder.screen(meets=[applicant_id])
        with refused(service) as excinfo:
            builder.competency({applicant_id: (300, 60, 57, 30)})
        assert excinfo.value.code == "STAGE_NOT_IN_ROUND"

    def test_an_skb_score_in_a_pppk_round_is_refused(self, org: Organisation,
                                                     service: PersonnelService) -> None:
        builder, (a,) = self._screened(org, 1)
        with refused(service) as excinfo:
            builder.skb({a: SOME_SKB})
        assert excinfo.value.code == "STAGE_NOT_IN_ROUND"

    def test_a_pppk_winner_is_appointed_on_a_contract_at_the_formation_s_grade(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, (a, b) = self._screened(org, 2)
        builder.competency({a: (400, 80, 60, 35), b: (350, 70, 50, 30)})
        builder.integrate()
        builder.announce_results()
        employee_id = builder.appoint(a)

        state = service.get_employee(employee_id).state
        assert (state.status, state.grade) == (EmployeeStatus.PPPK, Grade("IX"))
        assert state.contract_ends_on == date(2030, 2, 28)
        assert _appointment(service, employee_id).recruitment_ref == "pppk-2024/PPPK-2024-00001"


# -- results, withdrawal and appointment ---------------------------------------------------------


class TestAppointment:
    def test_appointing_creates_the_record_from_the_applicant_s_sealed_data(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        winner = builder.register(name="Dewi Anggraini", born=date(1997, 2, 3))
        builder.to_results({winner: PASSING_SKD}, {winner: SOME_SKB})
        employee_id = builder.appoint(winner)

        employee = service.get_employee(employee_id)
        state = employee.state
        assert (state.status, state.grade, state.education) == (
            EmployeeStatus.CPNS, Grade("III/a"), Education.S1)
        assert (state.agency_id, state.unit_id, state.appointed_on) == (
            org.agency_id, org.division_id, APPOINTED_ON)
        personal = service.personal_data(employee_id)
        assert personal["name"] == "Dewi Anggraini" and personal["birth_on"] == "1997-02-03"
        assert employee.subject_id == builder.round.applicants[winner].subject_id
        assert _appointment(service, employee_id).recruitment_ref == "cpns-2024/CPNS-2024-00001"
        assert builder.round.applicants[winner].employee_id == employee_id

    def test_appointing_before_the_results_are_announced_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        winner = builder.register()
        builder.screen(meets=[winner])
        builder.skd({winner: PASSING_SKD})
        builder.choose_skb()
        builder.skb({winner: SOME_SKB})
        builder.integrate()
        with refused(service) as excinfo:
            builder.appoint(winner)
        assert excinfo.value.code == "STAGE_ORDER"

    def test_appointing_out_of_rank_is_refused(self, org: Organisation,
                                               service: PersonnelService) -> None:
        builder, (_, second, _) = _announced_with_winner(org)
        with refused(service) as excinfo:
            builder.appoint(second)
        assert excinfo.value.code == "APPOINTMENT_OUT_OF_RANK"

    def test_appointing_above_the_quota_is_refused(self, org: Organisation,
                                                   service: PersonnelService) -> None:
        builder, (first, second, _) = _announced_with_winner(org)
        builder.appoint(first)
        with refused(service) as excinfo:
            builder.appoint(second)
        assert excinfo.value.code == "APPOINTMENT_QUOTA_FULL"

    def test_appointing_twice_is_refused(self, org: Organisation,
                                         service: PersonnelService) -> None:
        builder, (first, _, _) = _announced_with_winner(org, quota=2)
        builder.appoint(first)
        with refused(service) as excinfo:
            builder.appoint(first)
        assert excinfo.value.code == "APPLICANT_ALREADY_APPOINTED"

    def test_the_next_ranked_replaces_a_winner_who_withdrew(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, (first, second, third) = _announced_with_winner(org)
        builder.withdraw(first)
        employee_id = builder.appoint(second)

        round_ = builder.round
        assert round_.applicants[first].withdrawn
        assert [a.id for a in round_.winners(builder.formation_id)] == [second]
        assert service.get_employee(employee_id).state.status is EmployeeStatus.CPNS
        with refused(service) as excinfo:
            builder.appoint(third)
        assert excinfo.value.code == "APPOINTMENT_QUOTA_FULL"

    def test_withdrawing_before_the_results_are_announced_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        applicant_id = builder.register()
        builder.screen(meets=[applicant_id])
        with refused(service) as excinfo:
            builder.withdraw(applicant_id)
        assert excinfo.value.code == "WITHDRAW_NOT_RANKED"

    def test_withdrawing_an_unranked_applicant_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        ranked, unranked = builder.register_many(2)
        builder.to_results({ranked: PASSING_SKD, unranked: FAILING_SKD}, {ranked: SOME_SKB})
        with refused(service) as excinfo:
            builder.withdraw(unranked)
        assert excinfo.value.code == "WITHDRAW_NOT_RANKED"

    @pytest.mark.parametrize("appointed", [True, False], ids=["appointed", "withdrawn"])
    def test_withdrawing_an_appointed_or_withdrawn_applicant_is_refused(
            self, org: Organisation, service: PersonnelService, appointed: bool) -> None:
        builder, (first, _, _) = _announced_with_winner(org)
        if appointed:
            builder.appoint(first)
        else:
            builder.withdraw(first)
        with refused(service) as excinfo:
            builder.withdraw(first, on=APPOINTED_ON)
        assert excinfo.value.code == "WITHDRAW_NOT_POSSIBLE"

    def test_a_refused_employee_record_leaves_the_round_unchanged(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, (first, _, _) = _announced_with_winner(org)
        born = builder.births[first]
        with refused(service) as excinfo:  # a NIP for another birth date
            service.recruitment.appoint_winner(
                builder.round_id, applicant_id=first,
                nip=nip_for(born + timedelta(days=1), APPOINTED_ON, Sex.FEMALE),
                effective_on=APPOINTED_ON, actor=OFFICER, legal_basis=decree())
        assert excinfo.value.code == "NIP_BIRTH_DATE_MISMATCH"
        assert builder.round.applicants[first].employee_id is None


# -- dates, closing, erasure ---------------------------------------------------------------------


class TestDatesAndClosing:
    def test_a_step_dated_before_the_latest_step_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org)
        applicant_id = builder.register()
        builder.screen(meets=[applicant_id])
        builder.skd({applicant_id: PASSING_SKD})
        with refused(service) as excinfo:
            builder.choose_skb(on=date(2024, 9, 30))
        assert excinfo.value.code == "ROUND_DATE_ORDER"

    def test_a_step_on_the_same_day_as_the_latest_is_accepted(self, org: Organisation) -> None:
        builder = cpns_round(org)
        applicant_id = builder.register()
        builder.screen(meets=[applicant_id])
        builder.skd({applicant_id: PASSING_SKD})

        assert builder.choose_skb(on=SKD_ON) == (applicant_id,)

    def test_nothing_is_recorded_after_the_round_closed(self, org: Organisation,
                                                        service: PersonnelService) -> None:
        builder, (first, second, _) = _announced_with_winner(org)
        builder.appoint(first)
        builder.close()

        assert builder.round.closed_on == date(2025, 4, 1)
        for late in (lambda: builder.withdraw(second, on=date(2025, 5, 1)),
                     lambda: builder.close(on=date(2025, 5, 1)),
                     lambda: builder.register(on=date(2025, 5, 1))):
            with refused(service) as excinfo:
                late()
            assert excinfo.value.code == "ROUND_CLOSED"

    def test_an_applicant_s_data_is_erased_while_the_scores_and_rank_remain(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, (first, second, _) = _announced_with_winner(org)
        builder.close()
        before = builder.round.applicants[second]
        service.recruitment.erase_applicant(builder.round_id, applicant_id=second,
                                            effective_on=date(2026, 1, 1), actor=OFFICER)

        after = builder.round.applicants[second]
        assert after.erased and not before.erased
        for name in ("name", "nik", "birth_on", "sex"):
            assert service.vault.open(after.subject_id, name, after.personal[name]) is ERASED
        assert (after.skd, after.skb, after.final_score, after.rank) == (
            before.skd, before.skb, before.final_score, 2)
        opened = builder.round.applicants[first]
        assert service.vault.open(opened.subject_id, "name", opened.personal["name"]) != ERASED

    def test_erasing_an_appointed_applicant_erases_the_employee_s_record_too(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, (first, _, _) = _announced_with_winner(org)
        employee_id = builder.appoint(first)
        service.recruitment.erase_applicant(builder.round_id, applicant_id=first,
                                            effective_on=date(2025, 6, 1), actor=OFFICER)

        assert service.personal_data(employee_id)["name"] is ERASED
        assert builder.round.applicants[first].rank == 1

    def test_an_erased_winner_cannot_be_appointed(self, org: Organisation,
                                                  service: PersonnelService) -> None:
        builder, (first, _, _) = _announced_with_winner(org)
        service.recruitment.erase_applicant(builder.round_id, applicant_id=first,
                                            effective_on=date(2024, 12, 1), actor=OFFICER)
        with refused(service) as excinfo:
            builder.appoint(first)
        assert excinfo.value.code == "SUBJECT_ERASED"
        assert builder.round.applicants[first].employee_id is None


    def test_applicants_not_appointed_are_due_for_erasure_only_after_retention(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, (first, second, third) = _announced_with_winner(org)
        builder.appoint(first)
        results_on = builder.round.results_announced_on
        assert results_on is not None
        day_before = date.fromordinal(results_on.toordinal() + 364)
        assert builder.round.past_retention(day_before, 365) == []
        due = builder.round.past_retention(date.fromordinal(results_on.toordinal() + 365), 365)
        assert {a.id for a in due} == {second, third}  # the appointed winner keeps their data
        service.recruitment.erase_applicant(builder.round_id, applicant_id=second,
                                            effective_on=date(2026, 1, 1), actor=OFFICER)
        assert [a.id for a in builder.round.past_retention(date(2026, 1, 1), 365)] == [third]


# -- end to end ----------------------------------------------------------------------------------

# A CPNS round of 2024 with two formations, every score raw as the CAT system and the SKB
# committee report it. Formation A needs two, formation B one.
#
#        TWK TIU TKP  total  SKD   SKB cat/int/extra  note
# a1     120 140 190   450   pass    70  80  75
# a2     110 130 200   440   pass    85  80  90
# a3     100 120 180   400   pass    74  74  74        same final as a6
# a4      60 150 210   420   FAIL                      TWK under 65
# a5      95 110 185   390   pass    95  90  95
# a6     100 120 213   433   pass    70  70  70
# a7      85  95 175   355   pass    80  80  80        6th of 6 places (quota 2 × 3)
# a8       -   -   -     -   TMS                       screened out
# b1     100 100 170   370   pass    80  80  80        same as b5, born later
# b2     105 115 180   400   pass    70  75  80
# b3      65  80 166   311   pass                      at the bar, but 5th for 3 places
# b4      65  80 165   310   FAIL                      TKP one under 166
# b5     100 100 170   370   pass    80  80  80        tied with b1 at the cutoff: both go on
# b6     110 120 190   420   pass    60  60  60
TABLE: dict[str, tuple[tuple[int, int, int] | None, tuple[int, int, int] | None]] = {
    "a1": ((120, 140, 190), (70, 80, 75)),
    "a2": ((110, 130, 200), (85, 80, 90)),
    "a3": ((100, 120, 180), (74, 74, 74)),
    "a4": ((60, 150, 210), None),
    "a5": ((95, 110, 185), (95, 90, 95)),
    "a6": ((100, 120, 213), (70, 70, 70)),
    "a7": ((85, 95, 175), (80, 80, 80)),
    "a8": (None, None),
    "b1": ((100, 100, 170), (80, 80, 80)),
    "b2": ((105, 115, 180), (70, 75, 80)),
    "b3": ((65, 80, 166), None),
    "b4": ((65, 80, 165), None),
    "b5": ((100, 100, 170), (80, 80, 80)),
    "b6": ((110, 120, 190), (60, 60, 60)),
}
BORN = {"b5": date(1990, 1, 1)}  # everyone else is born in 1995, later


def _by_hand(skd: tuple[int, int, int], skb: tuple[int, int, int]) -> Fraction:
    """Nilai akhir by the regulation's words: 40% of the SKD on a 0–100 scale (550 points
    possible) plus 60% of the SKB, itself 50% CAT, 30% interview and 20% extra tests."""
    twk, tiu, tkp = skd
    cat, interview, extra = skb
    skd_on_100 = Fraction(twk + tiu + tkp, 550) * 100
    skb_on_100 = Fraction(cat) / 2 + Fraction(interview * 3, 10) + Fraction(extra, 5)
    return Fraction(2, 5) * skd_on_100 + Fraction(3, 5) * skb_on_100


class TestEndToEnd:
    def test_a_round_from_formation_to_appointment_ranks_as_computed_by_hand(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = cpns_round(org, quotas=(2, 1))
        formation_a, formation_b = builder.formation_ids
        ids = {name: builder.register(formation_a if name[0] == "a" else formation_b,
                                      born=BORN.get(name))
               for name in TABLE}
        names = {applicant_id: name for name, applicant_id in ids.items()}

        builder.screen(meets=[ids[n] for n in TABLE if n != "a8"], fails=[ids["a8"]])
        builder.skd({ids[n]: skd for n, (skd, _) in TABLE.items() if skd is not None})
        chosen = {names[a] for a in builder.choose_skb()}
        assert chosen == {"a1", "a2", "a3", "a5", "a6", "a7", "b1", "b2", "b5", "b6"}
        builder.skb({ids[n]: skb for n, (_, skb) in TABLE.items() if skb is not None})
        builder.integrate()
        builder.announce_results()

        # The expected order, computed here from the raw table: final score, then SKD total,
        # TKP, TIU, TWK, then the older applicant (all grade averages are equal).
        def key(name: str) -> tuple[object, ...]:
            skd, skb = TABLE[name]
            assert skd is not None and skb is not None
            return (-_by_hand(skd, skb), -sum(skd), -skd[2], -skd[1], -skd[0],
                    BORN.get(name, date(1995, 1, 1)))

        for formation_id, prefix in ((formation_a, "a"), (formation_b, "b")):
            expected = sorted((n for n in chosen if n[0] == prefix), key=key)
            assert [names[a] for a in _order(builder, formation_id)] == expected
            round_ = builder.round
            for name in expected:
                skd, skb = TABLE[name]
                assert skd is not None and skb is not None
                assert round_.applicants[ids[name]].final_score == (
                    f"{float(_by_hand(skd, skb)):.3f}")
        # ... and written out, so a wrong key above cannot hide a wrong ranking
        assert [names[a] for a in _order(builder, formation_a)] == [
            "a5", "a2", "a1", "a7", "a6", "a3"]
        assert [names[a] for a in _order(builder, formation_b)] == ["b5", "b1", "b2", "b6"]
        assert [builder.round.applicants[ids[n]].final_score
                for n in ("a5", "a2", "a1", "a7", "a6", "a3")] == [
            "84.464", "82.700", "77.127", "73.818", "73.491", "73.491"]

        # the winners are appointed; b5 withdraws and b1 takes the place
        builder.withdraw(ids["b5"])
        employees = {n: builder.appoint(ids[n]) for n in ("a5", "a2", "b1")}
        with refused(service) as excinfo:
            builder.appoint(ids["a1"])
        assert excinfo.value.code == "APPOINTMENT_QUOTA_FULL"
        builder.close()

        round_ = builder.round
        assert {names[a.id] for a in round_.applicants.values() if a.employee_id} == {
            "a5", "a2", "b1"}
        for name, employee_id in employees.items():
            applicant = round_.applicants[ids[name]]
            number = list(TABLE).index(name) + 1  # the builder names applicants in order
            assert service.personal_data(employee_id)["name"] == f"Pelamar Nomor {number}"
            assert applicant.employee_id == employee_id
            assert service.get_employee(employee_id).state.status is EmployeeStatus.CPNS
        assert service.get_employee(employees["b1"]).state.grade == Grade("III/a")

    def test_the_round_s_lifecycle_is_its_list_of_events(self, org: Organisation) -> None:
        builder, _ = _announced_with_winner(org, count=2)
        events = builder.recruitment.app.repository.event_store.get(builder.round_id)

        assert [type(e).__name__ for e in events] == [
            "Opened", "FormationAllocated", "Announced", "ApplicantRegistered",
            "ApplicantRegistered", "ScreeningDecided", "ScreeningDecided",
            "ScreeningAnnounced", "SkdScored", "SkdScored", "SkbParticipantsChosen",
            "SkbScored", "SkbScored", "FinalScoresIntegrated", "ResultsAnnounced"]

    def test_the_dates_of_the_calendar_are_in_order(self) -> None:
        # guards the builders: every stage after the one before
        calendar = [OPENED_ON, ANNOUNCED_ON, REGISTERED_ON, CLOSES_ON, SCREENED_ON,
                    SCREENING_ANNOUNCED_ON, SKD_ON, SKB_CHOSEN_ON, SKB_ON, INTEGRATED_ON,
                    RESULTS_ON, APPOINTED_ON]
        assert calendar == sorted(calendar) and len(set(calendar)) == len(calendar)
