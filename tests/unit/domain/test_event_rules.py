"""What every new event must hold: safe text (no control, bidi or zero-width character, names in
NFC) and plausible dates (not before 17 August 1945, not later than its kind allows)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from domain.clock import recording_clock
from domain.employee import Employee
from domain.errors import MONTHS
from domain.personnel_service import PersonnelService
from domain.values import (
    Expectation,
    Grade,
    JpHours,
    LegalBasis,
    PositionType,
    PromotionKind,
    SeparationType,
    TopicTag,
    TrainingType,
)
from tests.builders.personnel import OFFICER, Organisation, decree, refused, versions_of

UNSAFE = {"NUL": "\x00", "bell": "\x07", "C1 control": "\x85", "right-to-left override":
          "\u202e", "isolate": "\u2067", "zero-width space": "\u200b", "word joiner": "\u2060",
          "byte order mark": "\ufeff"}
TODAY = date.today()


def _train(service: PersonnelService, employee_id: object, *, title: str = "Literasi Data",
           on: date = date(2020, 5, 4), basis: LegalBasis | None = None) -> None:
    service.complete_training(employee_id, training_type=TrainingType.TECHNICAL,  # type: ignore[arg-type]
                              title=title, hours_jp=JpHours(8), topics=(TopicTag.DIGITAL,),
                              effective_on=on, actor=OFFICER, legal_basis=basis)


def _first_of_next_month() -> date:
    return date(TODAY.year + (TODAY.month == 12), TODAY.month % 12 + 1, 1)


def _indonesian(on: date) -> str:
    return f"{on.day} {MONTHS['id'][on.month - 1]} {on.year}"


class TestText:
    @pytest.mark.parametrize("character", UNSAFE.values(), ids=UNSAFE.keys())
    def test_a_name_with_an_unsafe_character_is_refused_at_the_name(
            self, org: Organisation, service: PersonnelService, character: str) -> None:
        with refused(service) as excinfo:
            org.appoint_cpns(name=f"Siti{character}Aminah")
        assert excinfo.value.code == "TEXT_CHARACTERS_INVALID"
        assert excinfo.value.field == "name"

    @pytest.mark.parametrize("character", UNSAFE.values(), ids=UNSAFE.keys())
    def test_a_decree_number_with_an_unsafe_character_is_refused_at_the_decree(
            self, org: Organisation, service: PersonnelService, character: str) -> None:
        employee_id = org.make_pns()

        with refused(service) as excinfo:
            _train(service, employee_id, basis=LegalBasis(f"800/{character}1", date(2020, 5, 1)))
        assert excinfo.value.code == "TEXT_CHARACTERS_INVALID"
        assert excinfo.value.field == "legal_basis"

    def test_a_training_title_a_contact_a_reason_and_a_unit_refuse_them_too(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns()
        attempts = {
            "title": lambda: _train(service, employee_id, title="Literasi\u202eData"),
            "contact": lambda: org.appoint_cpns(contact="0812\x00345"),
            "reason": lambda: service.correct_personal_data(
                employee_id, name="Siti Aminah", effective_on=date(2020, 5, 4), actor=OFFICER,
                reason="salah\x1bketik"),
            "code": lambda: service.add_unit(agency_id=org.agency_id, code="umum\u200b",
                                             name="Umum", effective_on=date(2020, 1, 1),
                                             actor=OFFICER),
        }
        for field, attempt in attempts.items():
            with refused(service) as excinfo:
                attempt()
            assert (excinfo.value.code, excinfo.value.field) == ("TEXT_CHARACTERS_INVALID",
                                                                 field)

    def test_tabs_and_line_breaks_in_a_name_become_spaces_and_accents_are_composed(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.appoint_cpns(name="Jose\u0301\tMari\u0301a\nNu\u00f1ez")

        assert service.personal_data(employee_id)["name"] == "Jos\u00e9 Mar\u00eda Nu\u00f1ez"


class TestDates:
    def test_a_training_completed_in_the_future_is_refused_and_today_is_accepted(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns()

        for on in (date(9999, 12, 31), TODAY + timedelta(days=1)):
            with refused(service) as excinfo:
                _train(service, employee_id, on=on)
            assert (excinfo.value.code, excinfo.value.field) == ("ACTION_AFTER_TODAY",
                                                                 "effective_on")
        _train(service, employee_id, on=TODAY)

    def test_a_decree_signed_before_1945_or_after_today_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns()
        for signed_on, code in ((date(1, 1, 1), "DATE_BEFORE_1945"),
                                (date(1945, 8, 16), "DATE_BEFORE_1945"),
                                (TODAY + timedelta(days=1), "DATE_TOO_LATE")):
            with refused(service) as excinfo:
                _train(service, employee_id, basis=decree("800/1", signed_on))
            assert (excinfo.value.code, excinfo.value.field) == (code, "legal_basis.signed_on")
        _train(service, employee_id, basis=decree("800/1", date(1945, 8, 17)))

    @pytest.mark.parametrize("on", [date(4, 1, 1), date(3825, 1, 1)], ids=["year 4", "3825"])
    def test_a_correction_dated_in_year_4_or_3825_is_refused(
            self, org: Organisation, service: PersonnelService, on: date) -> None:
        employee_id = org.make_pns()
        _train(service, employee_id)
        version = versions_of(service, employee_id, Employee.TrainingCompleted)[-1]

        with refused(service) as excinfo:
            service.correct(employee_id, target_version=version, changes={"hours_jp": JpHours(6)},
                            effective_on=on, actor=OFFICER, reason="JP salah diketik")
        assert excinfo.value.code == ("DATE_BEFORE_1945" if on.year < 1945
                                      else "ACTION_AFTER_TODAY")

    def test_a_training_corrected_to_a_future_date_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns()
        _train(service, employee_id)
        version = versions_of(service, employee_id, Employee.TrainingCompleted)[-1]

        with refused(service) as excinfo:
            service.correct(employee_id, target_version=version,
                            changes={"effective_on": TODAY + timedelta(days=30)},
                            effective_on=TODAY, actor=OFFICER, reason="tanggal salah")
        assert excinfo.value.code == "ACTION_AFTER_TODAY"
        assert excinfo.value.field == "changes.effective_on"

    def test_a_promotion_takes_effect_at_the_latest_on_the_coming_promotion_date(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.promotable_pns()  # due on 1 April 2020 (April and October then)

        def promote(on: date) -> None:
            service.promote_rank(employee_id, kind=PromotionKind.REGULAR,
                                 to_grade=Grade("III/b"), effective_on=on, actor=OFFICER,
                                 legal_basis=decree("823/001/KP", date(2020, 2, 3)))

        with recording_clock(lambda: datetime(2020, 2, 10, 9, tzinfo=UTC)):
            with refused(service) as excinfo:
                promote(date(2020, 10, 1))  # the period after the coming one
            assert excinfo.value.code == "DATE_TOO_LATE"
            promote(date(2020, 4, 1))

        assert service.get_employee(employee_id).state.grade == Grade("III/b")

    @pytest.mark.parametrize("action", ["assignment", "transfer", "appraisal", "probation",
                                        "resignation"])
    def test_a_personnel_action_dated_after_the_recording_day_is_refused(
            self, org: Organisation, service: PersonnelService, action: str) -> None:
        employee_id, cpns_id = org.make_pns(), org.appoint_cpns(appointed_on=date(2025, 3, 1))
        tomorrow, rater_id = TODAY + timedelta(days=1), org.rater()
        position_id = org.establish_position(PositionType.PELAKSANA)
        attempts = {
            "assignment": lambda: service.assign_position(
                employee_id, position_id=position_id, effective_on=tomorrow, actor=OFFICER,
                legal_basis=decree("821.2/001/JAB", TODAY)),
            "transfer": lambda: service.transfer(
                employee_id, to_agency_id=org.health_agency_id,
                to_unit_id=org.unit_of(org.health_agency_id), effective_on=tomorrow,
                actor=OFFICER, legal_basis=decree("800/2", TODAY)),
            "appraisal": lambda: service.record_appraisal(
                employee_id, year=TODAY.year - 1, work_result=Expectation.AS_EXPECTED,
                behaviour=Expectation.AS_EXPECTED, rater_id=rater_id, effective_on=tomorrow,
                actor=OFFICER),
            "probation": lambda: service.pass_probation(
                cpns_id, effective_on=tomorrow, actor=OFFICER,
                legal_basis=decree("800/3", TODAY)),
            "resignation": lambda: service.separate(
                employee_id, separation_type=SeparationType.RESIGNATION, effective_on=tomorrow,
                actor=OFFICER, legal_basis=decree("800/4", TODAY)),
        }
        with refused(service) as excinfo:
            attempts[action]()
        assert excinfo.value.code == "ACTION_AFTER_TODAY"
        assert excinfo.value.field == "effective_on"
        assert _indonesian(TODAY) in excinfo.value.message("id")

    def test_an_appointment_takes_effect_at_the_latest_on_the_first_of_the_coming_month(
            self, org: Organisation, service: PersonnelService) -> None:
        coming = _first_of_next_month()
        after = date(coming.year + (coming.month == 12), coming.month % 12 + 1, 1)

        with refused(service) as excinfo:
            org.appoint_cpns(appointed_on=after)
        assert excinfo.value.code == "DATE_TOO_LATE"
        assert _indonesian(coming) in excinfo.value.message("id")
        employee_id = org.appoint_cpns(appointed_on=coming)

        assert service.get_employee(employee_id).state.appointed_on == coming

    def test_a_contract_renewal_may_take_effect_up_to_a_year_ahead_but_not_further(
            self, org: Organisation, service: PersonnelService) -> None:
        pppk_id = org.appoint_pppk(appointed_on=date(2022, 3, 1),
                                   contract_ends_on=date(2027, 2, 28))

        def renew(on: date) -> None:
            service.renew_contract(pppk_id, ends_on=date(2032, 2, 29), effective_on=on,
                                   actor=OFFICER, legal_basis=decree("800.1/PPPK", TODAY))

        with refused(service) as excinfo:
            renew(TODAY + timedelta(days=400))
        assert excinfo.value.code == "DATE_TOO_LATE"
        renew(TODAY + timedelta(days=90))  # its new term begins months after the decision

        assert service.get_employee(pppk_id).state.contract_ends_on == date(2032, 2, 29)

    def test_a_retirement_may_be_recorded_up_to_a_year_ahead_but_not_further(
            self, org: Organisation, service: PersonnelService) -> None:
        # 58 in about ten months: the pension decree is signed before the retirement date
        born = (TODAY + timedelta(days=300)).replace(day=10)
        employee_id = org.make_pns(birth_on=born.replace(year=born.year - 58))
        due = date(born.year + (born.month == 12), born.month % 12 + 1, 1)

        def retire(on: date) -> None:
            service.separate(employee_id, separation_type=SeparationType.RETIREMENT,
                             effective_on=on, actor=OFFICER,
                             legal_basis=decree("882/001/PENS", TODAY))

        with refused(service) as excinfo:
            retire(TODAY + timedelta(days=400))
        assert excinfo.value.code == "DATE_TOO_LATE"
        retire(due)

        assert service.get_employee(employee_id).state.separated_on == due

    def test_an_organisation_event_takes_effect_at_most_a_year_after_it_is_recorded(
            self, org: Organisation, service: PersonnelService) -> None:
        with refused(service) as excinfo:
            service.add_unit(agency_id=org.agency_id, code="baru", name="Bidang Baru",
                             effective_on=TODAY + timedelta(days=400), actor=OFFICER)
        assert excinfo.value.code == "DATE_TOO_LATE"
        with refused(service) as excinfo:
            service.add_unit(agency_id=org.agency_id, code="lama", name="Bidang Lama",
                             effective_on=date(1900, 1, 1), actor=OFFICER)
        assert excinfo.value.code == "DATE_BEFORE_1945"


class TestStoredBeforeTheChecks:
    def test_a_correction_recorded_before_the_checks_still_replays(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns()
        _train(service, employee_id)
        version = versions_of(service, employee_id, Employee.TrainingCompleted)[-1]
        employee: Employee = service.repository.get(employee_id)
        # As an older store holds it: a correction to the year 3825, past today's checks.
        event: Any = object.__new__(Employee.ActionCorrected)
        object.__setattr__(event, "__dict__", {
            "originator_id": employee_id, "originator_version": employee.version + 1,
            "timestamp": datetime.now(UTC), "target_version": version,
            "changes": {"effective_on": date(3825, 1, 1)}, "effective_on": date(2020, 6, 1),
            "actor": OFFICER, "legal_basis": None,
            "reason": service.vault.seal(employee.subject_id, "reason", "lama")})
        event.mutate(employee)
        employee.pending_events.append(event)
        service.save(employee)

        replayed: Any = None
        stored: Any
        for stored in service.repository.event_store.get(employee_id):
            replayed = stored.mutate(replayed)
        assert replayed.actions[version].effective_on == date(3825, 1, 1)

    def test_a_refused_change_of_a_correction_is_named_as_the_change(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = org.make_pns()
        _train(service, employee_id)
        version = versions_of(service, employee_id, Employee.TrainingCompleted)[-1]

        with refused(service) as excinfo:
            service.correct(employee_id, target_version=version,
                            changes={"title": "Literasi\u200bData"}, effective_on=TODAY,
                            actor=OFFICER, reason="judul salah")
        assert (excinfo.value.code, excinfo.value.field) == ("TEXT_CHARACTERS_INVALID",
                                                             "changes.title")


class TestBirthDates:
    @pytest.mark.parametrize("born", [date(1899, 12, 31), TODAY + timedelta(days=1)],
                             ids=["before 1900", "tomorrow"])
    def test_a_birth_date_before_1900_or_after_today_is_refused(
            self, org: Organisation, service: PersonnelService, born: date) -> None:
        employee_id = org.make_pns()

        with refused(service) as excinfo:
            service.correct_personal_data(employee_id, birth_on=born, effective_on=TODAY,
                                          actor=OFFICER, reason="salah ketik")
        assert (excinfo.value.code, excinfo.value.field) == ("BIRTH_DATE_IMPLAUSIBLE",
                                                             "birth_on")

    def test_an_appointment_of_someone_born_in_1899_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        with refused(service) as excinfo:
            org.appoint_cpns(birth_on=date(1899, 12, 31), appointed_on=date(2016, 4, 1))
        assert excinfo.value.code == "BIRTH_DATE_IMPLAUSIBLE"
