"""The employee survey view: tallies per statement and agency, what may be shown under the
threshold of 10 (9 answers hidden, 10 shown; agencies all or none), nothing of a respondent
in any view row, and catching up step by step gives the rows of a clean rebuild, on each
backend."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

import pytest

from domain.personnel_service import PersonnelService
from projections.views import staff_survey as queries
from projections.views.runner import Projections
from tests.builders.staff_survey import answered, staff_survey
from tests.builders.voice import HR_ADMIN, on_day
from tests.support.views import Rows, read_rows

OPENED, RUNNING, AFTER = date(2026, 2, 20), date(2026, 3, 10), date(2026, 4, 1)


def _agencies(service: PersonnelService) -> tuple[UUID, UUID, UUID]:
    """A government and two of its agencies from the recorded history."""
    events = [n for n in service.recorder.select_notifications(1, 100_000)
              if n.topic == "domain.organisation:Agency.Established"]
    by_government: dict[UUID, list[UUID]] = {}
    for n in events:
        agency = service.get_agency(UUID(str(n.originator_id)))
        by_government.setdefault(agency.government_id, []).append(agency.id)
    government, agencies = next((g, a) for g, a in by_government.items() if len(a) >= 2)
    return government, agencies[0], agencies[1]


def _survey_with(service: PersonnelService, answers: dict[UUID, int]) -> UUID:
    government, _, _ = _agencies(service)
    with on_day(OPENED):
        survey = staff_survey(service, government)
    with on_day(RUNNING):
        for agency, n in answers.items():
            answered(service, survey, agency, [[1 + i % 5, 4, 5] for i in range(n)])
    return survey


def test_tallies_count_each_score_per_statement_and_group(
        service: PersonnelService, projections: Projections) -> None:
    _, first, second = _agencies(service)
    survey = _survey_with(service, {first: 10, second: 10})
    projections.catch_up()
    row = queries.survey_by_id(projections, survey.hex)
    assert row is not None and (row.answers, row.codes_printed, row.codes_taken) == (20, 20, 0)
    assert row.groups[first.hex].counts[0] == [2, 2, 2, 2, 2]
    assert row.groups[second.hex].counts[2] == [0, 0, 0, 0, 10]
    results = row.results(AFTER)
    assert results.total is not None and results.total.counts[1] == [0, 0, 0, 20, 0]
    assert results.by_agency is not None and set(results.by_agency) == {first.hex, second.hex}
    assert results.total.means()[2] == 5.0 and results.total.agreeing()[0] == 8


@pytest.mark.parametrize(("answers", "shown"), [(9, False), (10, True)])
def test_results_are_shown_from_ten_answers_and_only_once_the_survey_is_over(
        service: PersonnelService, projections: Projections, answers: int,
        shown: bool) -> None:
    _, first, _ = _agencies(service)
    survey = _survey_with(service, {first: answers})
    projections.catch_up()
    row = queries.survey_by_id(projections, survey.hex)
    assert row is not None
    assert row.results(RUNNING).total is None  # while it runs: never
    assert (row.results(AFTER).total is not None) is shown
    assert row.results(AFTER).by_agency is None  # one group: nothing to break down


def test_agencies_are_shown_all_or_none_so_no_group_is_the_total_less_the_others(
        service: PersonnelService, projections: Projections) -> None:
    _, first, second = _agencies(service)
    survey = _survey_with(service, {first: 12, second: 9})
    with on_day(RUNNING):
        service.staff_survey.close(survey, actor=HR_ADMIN)
    projections.catch_up()
    row = queries.survey_by_id(projections, survey.hex)
    assert row is not None and row.is_closed
    results = row.results(RUNNING)
    assert results.total is not None and results.total.n == 21
    assert results.by_agency is None  # 12 shown beside the total would give the 9 away


def test_no_view_row_holds_anything_of_a_respondent_or_a_code(
        service: PersonnelService, projections: Projections) -> None:
    government, _, _ = _agencies(service)
    with on_day(OPENED):
        survey = staff_survey(service, government)
    employee = next(UUID(str(n.originator_id))
                    for n in service.recorder.select_notifications(1, 100_000)
                    if n.topic == "domain.employee:Employee.Appointed")
    with on_day(RUNNING):
        code = service.staff_survey.take_code(survey, employee_id=employee)
        service.staff_survey.answer(survey, code=code, scores=[2, 2, 2],
                                    free_text="Ruang kerja sempit sekali.")
        service.staff_survey.close(survey, actor=HR_ADMIN)  # records the answer waiting
    projections.catch_up()
    (row,) = read_rows(projections)["staff_surveys"]
    assert (row["codes_taken"], row["answers"], row["free_texts"]) == (1, 1, 1)
    found = service.staff_survey.get(survey)
    text = str(row)
    for secret in (employee.hex, *found.takers, *found.spent, code, "Ruang kerja"):
        assert secret not in text


def test_a_rebuild_gives_the_rows_catch_up_gave(
        service: PersonnelService, projections: Projections,
        clean_rebuild: Callable[[], Rows]) -> None:
    projections.catch_up()
    _, first, second = _agencies(service)
    survey = _survey_with(service, {first: 3})
    projections.catch_up()
    with on_day(RUNNING):
        answered(service, survey, second, [[5, 5, 5], [1, 1, 1]])
        service.staff_survey.close(survey, actor=HR_ADMIN)
    projections.catch_up()
    caught_up = read_rows(projections)
    assert len(caught_up["staff_surveys"]) == 1
    assert clean_rebuild() == caught_up
