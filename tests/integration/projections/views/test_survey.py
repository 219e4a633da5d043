"""The survey view: tallies per period equal the periods they were built from, and catching up
step by step gives the same rows as a clean rebuild, on each backend."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

from domain import ikm
from domain.personnel_service import PersonnelService
from domain.survey import AgeBand, Sex
from domain.survey_service import Demographics
from projections.views import survey as queries
from projections.views.runner import Projections
from tests.builders.survey import survey_period
from tests.builders.voice import HR_ADMIN, on_day, service_unit
from tests.support.views import Rows, read_rows

SCORES = ([4, 3, 3, 4, 3, 4, 4, 3, 3], [3, 3, 2, 4, 3, 3, 4, 3, 2],
          [4, 4, 3, 4, 4, 3, 4, 3, 3], [3, 2, 3, 4, 3, 3, 3, 2, 3])


def _an_agency(service: PersonnelService) -> UUID:
    return next(UUID(str(n.originator_id))
                for n in service.recorder.select_notifications(1, 100_000)
                if n.topic == "domain.organisation:Agency.Established")


def test_tallies_equal_the_period_and_catch_up_equals_a_clean_rebuild(
        service: PersonnelService, projections: Projections,
        clean_rebuild: Callable[[], Rows]) -> None:
    projections.catch_up()
    with on_day(date(2026, 1, 5)):
        unit_id, _ = service_unit(service, _an_agency(service), code="survei-uji")
        period = survey_period(service, unit_id, starts_on=date(2026, 1, 1),
                               ends_on=date(2026, 12, 31), population=4)
        projections.catch_up()
        codes = service.survey.issue_codes(period, count=3, actor=HR_ADMIN)
    with on_day(date(2026, 2, 2)):
        for code, scores in zip(codes, SCORES, strict=False):
            service.survey.respond(period, scores=scores, code=code,
                                   demographics=Demographics(sex=Sex.FEMALE))
            projections.catch_up()
        service.survey.respond(period, scores=SCORES[3], code=None,
                               demographics=Demographics(age=AgeBand.FROM_55))
        service.survey.close_period(period, actor=HR_ADMIN)
    projections.catch_up()

    (row,) = queries.periods_of_unit(projections, unit_id.hex)
    found = service.survey.get_period(period)
    assert (row.coded_n, row.open_n, row.codes_issued) == (3, 1, 3)
    assert row.is_closed and row.version == found.version
    assert row.coded_totals == [sum(s[u] for s in SCORES[:3]) for u in range(9)]
    assert row.open_totals == SCORES[3]
    result = row.result()
    assert result is not None and result.index == ikm.index(
        ikm.element_means([14, 12, 11, 16, 13, 13, 15, 11, 11], 4))
    assert result.is_enough and result.grade is ikm.Grade.B
    assert row.demographics["sex"] == {"female": 3, "not_stated": 1}
    # Three women and one who did not say: below the threshold, so nothing is shown.
    assert row.demographics_shown()["sex"] is None
    assert queries.running_period(projections, unit_id.hex, date(2026, 3, 1)) is None

    assert read_rows(projections) == clean_rebuild()
