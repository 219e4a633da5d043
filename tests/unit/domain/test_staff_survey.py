"""Anonymous employee surveys through `service.staff_survey`: opening, printed and desk codes,
answers, closing, each accepted and refused; what the store keeps of a desk code; and the
ballot box, which records answers only in shuffled batches."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import pytest

from domain.personnel_service import PersonnelService
from domain.staff_survey import (
    BALLOT_BATCH,
    Ballot,
    code_hash,
    desk_code,
    desk_key_subject,
    normal_code,
)
from domain.staff_survey_service import RESPONDENT
from tests.builders.personnel import Organisation, refused
from tests.builders.staff_survey import AGREE, ITEMS, answered, staff_survey
from tests.builders.voice import HR_ADMIN, on_day

RUNNING = date(2026, 3, 10)


@pytest.fixture
def survey(org: Organisation) -> UUID:
    with on_day(date(2026, 2, 20)):
        return staff_survey(org.service, org.government_id)


def _stored(service: PersonnelService) -> bytes:
    return b"".join(n.state for n in service.recorder.select_notifications(1, 100_000))


class TestOpening:
    def test_a_survey_keeps_its_statements_dates_and_population(
            self, service: PersonnelService, survey: UUID, org: Organisation) -> None:
        found = service.staff_survey.get(survey)
        assert found.items == ITEMS and found.agency_id is None
        assert found.government_id == org.government_id and not found.is_closed
        assert (found.opens_on, found.closes_on) == (date(2026, 3, 1), date(2026, 3, 31))

    def test_refusals(self, org: Organisation) -> None:
        service = org.service

        def opened(**changes: object) -> None:
            fields: dict[str, object] = {
                "government_id": org.government_id, "agency_id": None,
                "title": "Survei TPP 2026", "topic": "", "items": list(ITEMS),
                "free_text_question": None, "opens_on": date(2026, 3, 1),
                "closes_on": date(2026, 3, 31), "actor": HR_ADMIN}
            fields.update(changes)
            service.staff_survey.open_survey(**fields)  # type: ignore[arg-type]

        with on_day(date(2026, 2, 20)):
            with refused(service) as excinfo:
                opened(title="TPP")
            assert excinfo.value.code == "STAFF_SURVEY_TEXT_INVALID"
            with refused(service) as excinfo:
                opened(items=["Baik"])
            assert excinfo.value.code == "STAFF_SURVEY_TEXT_INVALID"
            with refused(service) as excinfo:
                opened(items=[])
            assert excinfo.value.code == "STAFF_SURVEY_ITEMS_INVALID"
            for closes_on in (date(2026, 2, 1), date(2027, 3, 31)):
                with refused(service) as excinfo:
                    opened(closes_on=closes_on)
                assert excinfo.value.code == "STAFF_SURVEY_DATES_INVALID"
            with refused(service) as excinfo:
                opened(consultation_id=org.agency_id)
            assert excinfo.value.code == "STAFF_SURVEY_CONSULTATION_UNKNOWN"


class TestPrintedCodes:
    def test_only_hashes_are_stored_and_a_code_answers_once(
            self, service: PersonnelService, survey: UUID, org: Organisation) -> None:
        with on_day(RUNNING):
            (code,) = service.staff_survey.issue_codes(survey, agency_id=org.agency_id,
                                                       count=1, actor=HR_ADMIN)
            assert normal_code(code).encode() not in _stored(service)
            service.staff_survey.answer(survey, code=code.lower(), scores=AGREE)
            with refused(service) as excinfo:  # waiting in the box: already used
                service.staff_survey.answer(survey, code=code, scores=AGREE)
            assert excinfo.value.code == "STAFF_SURVEY_CODE_SPENT"
            service.staff_survey.close(survey, actor=HR_ADMIN)
        assert code_hash(code) in service.staff_survey.get(survey).spent
        assert normal_code(code).encode() not in _stored(service)

    def test_refusals(self, service: PersonnelService, org: Organisation) -> None:
        with on_day(date(2026, 2, 20)):
            survey = staff_survey(service, org.government_id, agency_id=org.agency_id,
                                  free_text=False)
        with on_day(RUNNING):
            with refused(service) as excinfo:
                service.staff_survey.issue_codes(survey, agency_id=org.health_agency_id,
                                                 count=5, actor=HR_ADMIN)
            assert excinfo.value.code == "STAFF_SURVEY_AGENCY_INVALID"
            with refused(service) as excinfo:
                service.staff_survey.issue_codes(survey, agency_id=org.agency_id, count=501,
                                                 actor=HR_ADMIN)
            assert excinfo.value.code == "STAFF_SURVEY_BATCH_SIZE_INVALID"
            (code,) = service.staff_survey.issue_codes(survey, agency_id=org.agency_id,
                                                       count=1, actor=HR_ADMIN)
            for scores in ([4, 4], [4, 4, 6]):
                with refused(service) as excinfo:
                    service.staff_survey.answer(survey, code=code, scores=scores)
                assert excinfo.value.code == "STAFF_SURVEY_SCORES_INVALID"
            with refused(service) as excinfo:
                service.staff_survey.answer(survey, code=code, scores=AGREE,
                                            free_text="Lebih banyak pelatihan.")
            assert excinfo.value.code == "STAFF_SURVEY_NO_FREE_TEXT"
            with refused(service) as excinfo:
                service.staff_survey.answer(survey, code="ABCDE-FGHJK", scores=AGREE)
            assert excinfo.value.code == "STAFF_SURVEY_CODE_UNKNOWN"
        with on_day(date(2026, 2, 25)), refused(service) as excinfo:
            service.staff_survey.answer(survey, code=code, scores=AGREE)
        assert excinfo.value.code == "STAFF_SURVEY_NOT_OPEN"

    def test_a_duplicate_hash_in_a_batch_is_refused(
            self, service: PersonnelService, survey: UUID, org: Organisation) -> None:
        found = service.staff_survey.get(survey)
        with on_day(RUNNING), refused() as excinfo:
            found.issue_codes(agency_id=org.agency_id, code_hashes=["a", "a"],
                              effective_on=RUNNING, actor=HR_ADMIN)
        assert excinfo.value.code == "STAFF_SURVEY_CODE_DUPLICATE"


class TestDeskCodes:
    def test_an_employee_takes_one_code_and_nothing_of_it_is_stored(
            self, service: PersonnelService, survey: UUID, org: Organisation) -> None:
        employee = org.appoint_cpns()
        with on_day(RUNNING, hour=10):
            code = service.staff_survey.take_code(survey, employee_id=employee)
            assert normal_code(code).encode() not in _stored(service)
            with refused(service) as excinfo:
                service.staff_survey.take_code(survey, employee_id=employee)
            assert excinfo.value.code == "STAFF_SURVEY_CODE_ALREADY_TAKEN"
        with on_day(RUNNING, hour=15):
            service.staff_survey.answer(survey, code=code, scores=AGREE,
                                        free_text="Jam kerja fleksibel.")
            service.staff_survey.close(survey, actor=HR_ADMIN)
        found = service.staff_survey.get(survey)
        assert found.desk_answers == 1 and len(found.takers) == 1
        assert employee.hex.encode() not in _stored(service)
        assert service.staff_survey.free_texts(found) == ["Jam kerja fleksibel."]

    def test_taking_and_answering_are_stamped_with_the_day_only_by_nobody(
            self, service: PersonnelService, survey: UUID, org: Organisation) -> None:
        employee = org.appoint_cpns()
        with on_day(RUNNING, hour=10):
            code = service.staff_survey.take_code(survey, employee_id=employee)
        with on_day(RUNNING, hour=15):
            service.staff_survey.answer(survey, code=code, scores=AGREE)
            service.staff_survey.close(survey, actor=HR_ADMIN)
        events: list[Any] = list(service.events.get(survey))
        taken, answer = events[-3:-1]
        for event in (taken, answer):
            assert (event.timestamp.hour, event.timestamp.minute) == (0, 0)
            assert event.actor.user_id in ("desk", "public")
        assert not hasattr(taken, "agency_id") and answer.agency_id is None

    def test_a_forged_or_extra_desk_code_is_refused(
            self, service: PersonnelService, survey: UUID, org: Organisation) -> None:
        with on_day(RUNNING):
            with refused(service) as excinfo:
                service.staff_survey.answer(survey, code="ABCD-EFGH-JKMN-PQRS", scores=AGREE)
            assert excinfo.value.code == "STAFF_SURVEY_CODE_UNKNOWN"

    def test_desk_answers_waiting_count_against_the_codes_taken(
            self, service: PersonnelService, survey: UUID, org: Organisation) -> None:
        with on_day(RUNNING):
            code = service.staff_survey.take_code(survey, employee_id=org.appoint_cpns())
            service.staff_survey.answer(survey, code=code, scores=AGREE)
            # A second valid desk code (made with the desk key, as only a key holder could):
            # one code taken, one desk answer already waiting, so it is refused.
            key = service.vault.keys.get(desk_key_subject(survey))
            assert key is not None
            forged = desk_code(key, survey, "ABCDEFGHJK")
            with refused(service) as excinfo:
                service.staff_survey.answer(survey, code=forged, scores=AGREE)
            assert excinfo.value.code == "STAFF_SURVEY_CODE_UNKNOWN"
            assert service.staff_survey.waiting(survey) == 1

    def test_only_the_population_takes_codes(self, service: PersonnelService,
                                             org: Organisation) -> None:
        with on_day(date(2026, 2, 20)):
            survey = staff_survey(service, org.government_id, agency_id=org.health_agency_id)
        outsider = org.appoint_cpns()  # of BKPSDM
        with on_day(RUNNING), refused(service) as excinfo:
            service.staff_survey.take_code(survey, employee_id=outsider)
        assert excinfo.value.code == "STAFF_SURVEY_NOT_IN_POPULATION"


class TestClosing:
    def test_closing_destroys_the_desk_key_and_refuses_more(
            self, service: PersonnelService, survey: UUID, org: Organisation) -> None:
        employee = org.appoint_cpns()
        with on_day(RUNNING):
            code = service.staff_survey.take_code(survey, employee_id=employee)
            answered(service, survey, org.agency_id, [AGREE])
            service.staff_survey.close(survey, actor=HR_ADMIN)
            assert service.vault.keys.get(desk_key_subject(survey)) is None
            for attempt in (lambda: service.staff_survey.close(survey, actor=HR_ADMIN),
                            lambda: service.staff_survey.answer(survey, code=code,
                                                                scores=AGREE),
                            lambda: service.staff_survey.take_code(survey,
                                                                   employee_id=employee)):
                with refused(service) as excinfo:
                    attempt()
                assert excinfo.value.code == "STAFF_SURVEY_CLOSED"


class TestBallotBox:
    def _codes(self, service: PersonnelService, survey: UUID, org: Organisation,
               count: int) -> list[str]:
        return service.staff_survey.issue_codes(survey, agency_id=org.agency_id, count=count,
                                                actor=HR_ADMIN)

    def test_answers_wait_until_a_batch_is_full_then_are_recorded_together(
            self, service: PersonnelService, survey: UUID, org: Organisation) -> None:
        with on_day(RUNNING):
            codes = self._codes(service, survey, org, BALLOT_BATCH + 1)
            for code in codes[:BALLOT_BATCH - 1]:
                service.staff_survey.answer(survey, code=code, scores=AGREE)
            found = service.staff_survey.get(survey)
            assert not found.spent and service.staff_survey.waiting(survey) == BALLOT_BATCH - 1
            service.staff_survey.answer(survey, code=codes[BALLOT_BATCH - 1], scores=AGREE)
        found = service.staff_survey.get(survey)
        assert found.spent == {code_hash(c) for c in codes[:BALLOT_BATCH]}
        assert service.staff_survey.waiting(survey) == 0

    def test_a_refused_answer_puts_nothing_in_the_box(
            self, service: PersonnelService, survey: UUID, org: Organisation) -> None:
        with on_day(RUNNING):
            (code,) = self._codes(service, survey, org, 1)
            with refused(service):
                service.staff_survey.answer(survey, code=code, scores=[4, 4])
            assert service.staff_survey.waiting(survey) == 0
            service.staff_survey.answer(survey, code=code, scores=AGREE)  # still unused

    def test_closing_records_what_waits_before_closed(
            self, service: PersonnelService, survey: UUID, org: Organisation) -> None:
        with on_day(RUNNING):
            codes = self._codes(service, survey, org, 2)
            for code in codes:
                service.staff_survey.answer(survey, code=code, scores=AGREE,
                                            free_text="Ruang kerja sempit.")
            service.staff_survey.close(survey, actor=HR_ADMIN)
        events: list[Any] = list(service.events.get(survey))
        assert [type(e).__name__ for e in events[-3:]] == [
            "AnswerRecorded", "AnswerRecorded", "Closed"]
        found = service.staff_survey.get(survey)
        assert service.staff_survey.waiting(survey) == 0
        assert service.staff_survey.free_texts(found) == ["Ruang kerja sempit."] * 2

    def test_a_batch_records_no_code_twice_nor_more_desk_answers_than_codes_taken(
            self, service: PersonnelService, survey: UUID, org: Organisation) -> None:
        with on_day(RUNNING):
            service.staff_survey.take_code(survey, employee_id=org.appoint_cpns())
        found = service.staff_survey.get(survey)
        first, second = (Ballot(c * 64, True, tuple(AGREE), None) for c in "ab")
        found.record_answers([first, second, first], effective_on=RUNNING, actor=RESPONDENT)
        assert found.spent == {first.code_hash} and found.desk_answers == 1
        assert len(found.pending_events) == 1
