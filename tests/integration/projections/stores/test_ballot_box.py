"""The ballot box of employee surveys on both backends: answers wait, sealed, in the document
store and reach the event log only in shuffled batches of BALLOT_BATCH (or all at close), the
box then gone from the disk; a waiting code cannot answer twice, and a batch recorded again
after a stop before the box was emptied records nothing twice."""

from __future__ import annotations

import random
from collections.abc import MutableSequence
from datetime import date
from typing import Any
from uuid import UUID

import pytest

from domain.personnel_service import PersonnelService
from domain.staff_survey import BALLOT_BATCH, ballot_box_subject, code_hash
from projections.stores.backend import Backend, count_events
from tests.builders.personnel import Organisation, refused
from tests.builders.staff_survey import AGREE, staff_survey
from tests.builders.voice import HR_ADMIN, on_day
from tests.support.disk import files_holding, stored_files

OPENED, RUNNING = date(2026, 2, 20), date(2026, 3, 10)
MARKER = "Kantin-kantor-3b9e71"
ANSWER_TOPIC = "domain.staff_survey:StaffSurvey.AnswerRecorded"


def _survey_and_codes(service: PersonnelService, count: int) -> tuple[UUID, list[str]]:
    org = Organisation.build(service)
    with on_day(OPENED):
        survey = staff_survey(service, org.government_id)
    with on_day(RUNNING):
        codes = service.staff_survey.issue_codes(survey, agency_id=org.agency_id,
                                                 count=count, actor=HR_ADMIN)
    return survey, codes


def _answers_in_log(service: PersonnelService, survey: UUID) -> list[tuple[int, str]]:
    """(position in the whole log, code hash) of the survey's recorded answers, in order."""
    found = []
    for position, n in enumerate(service.recorder.select_notifications(1, 100_000)):
        if n.topic == ANSWER_TOPIC and n.originator_id == survey:
            found.append(position)
    events: list[Any] = [e for e in service.events.get(survey)
                         if type(e).__name__ == "AnswerRecorded"]
    return list(zip(found, [e.code_hash for e in events], strict=True))


def _box_on_disk(service: PersonnelService, backend: Backend, survey: UUID) -> int:
    """How many ballots the store holds for the survey; on SQLite, files in its folder."""
    subject = ballot_box_subject(survey)
    if backend.kind == "sqlite":
        folder = backend.data_dir / "documents" / subject.hex
        return len(list(folder.iterdir())) if folder.exists() else 0
    return len(service.staff_survey.box.entries(subject))


class TestBatches:
    def test_four_answers_wait_and_the_fifth_records_all_five_together(
            self, service: PersonnelService, backend: Backend) -> None:
        survey, codes = _survey_and_codes(service, BALLOT_BATCH)
        with on_day(RUNNING):
            for code in codes[:-1]:
                service.staff_survey.answer(survey, code=code, scores=AGREE,
                                            free_text=MARKER)
            assert _answers_in_log(service, survey) == []
            assert service.staff_survey.waiting(survey) == 4
            assert _box_on_disk(service, backend, survey) == 4
            assert files_holding(stored_files(backend), {"text": MARKER.encode()}) == {}

            service.staff_survey.answer(survey, code=codes[-1], scores=AGREE)

        recorded = _answers_in_log(service, survey)
        positions = [p for p, _ in recorded]
        assert positions == list(range(positions[0], positions[0] + BALLOT_BATCH))
        assert {h for _, h in recorded} == {code_hash(c) for c in codes}
        assert _box_on_disk(service, backend, survey) == 0
        if backend.kind == "sqlite":
            assert not (backend.data_dir / "documents" / ballot_box_subject(survey).hex).exists()
        assert service.staff_survey.waiting(survey) == 0

    def test_a_code_waiting_in_the_box_cannot_answer_again(
            self, service: PersonnelService, backend: Backend) -> None:
        survey, (code,) = _survey_and_codes(service, 1)
        with on_day(RUNNING):
            service.staff_survey.answer(survey, code=code, scores=AGREE)
            with refused(service) as excinfo:
                service.staff_survey.answer(survey, code=code.lower(), scores=[1, 1, 1])
        assert (excinfo.value.code, excinfo.value.field) == ("STAFF_SURVEY_CODE_SPENT", "code")
        assert _box_on_disk(service, backend, survey) == 1

    def test_closing_records_every_waiting_answer_before_closed_and_empties_the_box(
            self, service: PersonnelService, backend: Backend) -> None:
        survey, codes = _survey_and_codes(service, 3)
        with on_day(RUNNING):
            for code in codes:
                service.staff_survey.answer(survey, code=code, scores=AGREE)
            service.staff_survey.close(survey, actor=HR_ADMIN)
        names = [type(e).__name__ for e in service.events.get(survey)]
        assert names[-4:] == ["AnswerRecorded"] * 3 + ["Closed"]
        assert _box_on_disk(service, backend, survey) == 0

    def test_a_batch_left_in_the_box_after_a_stop_is_not_recorded_twice(
            self, service: PersonnelService, backend: Backend) -> None:
        survey, codes = _survey_and_codes(service, BALLOT_BATCH + 1)
        subject = ballot_box_subject(survey)
        with on_day(RUNNING):
            for code in codes[:BALLOT_BATCH - 1]:
                service.staff_survey.answer(survey, code=code, scores=AGREE)
            left = service.staff_survey.box.entries(subject)
            service.staff_survey.answer(survey, code=codes[BALLOT_BATCH - 1], scores=AGREE)
            for hashed, sealed in left.items():  # as if the process stopped before forgetting
                service.staff_survey.box.put(subject, hashed, sealed)
            assert service.staff_survey.waiting(survey) == 0
            service.staff_survey.answer(survey, code=codes[-1], scores=AGREE)
            service.staff_survey.close(survey, actor=HR_ADMIN)
        hashes = [h for _, h in _answers_in_log(service, survey)]
        assert sorted(hashes) == sorted(code_hash(c) for c in codes)
        assert _box_on_disk(service, backend, survey) == 0


    def test_dry_runs_of_answering_and_closing_write_nothing_anywhere(
            self, service: PersonnelService, backend: Backend) -> None:
        survey, codes = _survey_and_codes(service, 2)
        with on_day(RUNNING):
            service.staff_survey.answer(survey, code=codes[0], scores=AGREE)
            before = count_events(service)
            with service.dry_run():
                service.staff_survey.answer(survey, code=codes[1], scores=AGREE)
                service.staff_survey.close(survey, actor=HR_ADMIN)
            assert count_events(service) == before
            assert _box_on_disk(service, backend, survey) == 1
            service.staff_survey.answer(survey, code=codes[1], scores=AGREE)  # not used
        assert _box_on_disk(service, backend, survey) == 2


class TestShuffle:
    @pytest.mark.parametrize("reverse", [True, False])
    def test_a_batch_is_recorded_in_the_order_the_shuffle_gives(
            self, service: PersonnelService, monkeypatch: pytest.MonkeyPatch,
            reverse: bool) -> None:
        """The box is read in the order of the codes' hashes: the recorded order is that
        order, reversed or not, only as the (here rigged) system shuffle leaves it."""
        def rigged(self: random.SystemRandom, items: MutableSequence[Any]) -> None:
            if reverse:
                items.reverse()

        monkeypatch.setattr(random.SystemRandom, "shuffle", rigged)
        survey, codes = _survey_and_codes(service, BALLOT_BATCH)
        with on_day(RUNNING):
            for code in codes:
                service.staff_survey.answer(survey, code=code, scores=AGREE)
        hashes = [h for _, h in _answers_in_log(service, survey)]
        assert hashes == sorted((code_hash(c) for c in codes), reverse=reverse)
