"""Survey responses on a real SQLite file and PostgreSQL server: two citizens answering one
period at once both count, and a code raced by two answers counts once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any
from uuid import UUID

import pytest

from domain.personnel_service import PersonnelService
from domain.survey import SurveyPeriod
from projections.stores.backend import Backend, open_service
from tests.builders.personnel import Organisation
from tests.builders.survey import ALL_GOOD, survey_period
from tests.builders.voice import HR_ADMIN, on_day, service_unit

DAY = date(2026, 2, 2)


@pytest.fixture
def two_services(backend: Backend) -> Iterator[tuple[PersonnelService, PersonnelService]]:
    """Two services on one store, as two web processes."""
    first, second = open_service(backend), open_service(backend)
    yield first, second
    first.close()
    second.close()


def _period(service: PersonnelService) -> UUID:
    org = Organisation.build(service)
    with on_day(date(2026, 1, 5)):
        unit_id, _ = service_unit(service, org.health_agency_id)
        return survey_period(service, unit_id, starts_on=date(2026, 1, 1),
                             ends_on=date(2026, 12, 31))


def _racing(monkeypatch: pytest.MonkeyPatch, other: PersonnelService, period_id: UUID,
            code: str | None) -> None:
    """The first time `respond` runs on the aggregate, the other process records its answer
    first (its own transaction), so this one saves on a version already taken."""
    original = SurveyPeriod.respond
    raced: list[bool] = []

    def respond(self: SurveyPeriod, **kwargs: Any) -> None:
        if not raced:
            raced.append(True)
            other.survey.respond(period_id, scores=ALL_GOOD, code=code)
        original(self, **kwargs)

    monkeypatch.setattr(SurveyPeriod, "respond", respond)


def test_two_open_answers_at_once_both_count(
        two_services: tuple[PersonnelService, PersonnelService],
        monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = two_services
    period_id = _period(first)
    with on_day(DAY):
        _racing(monkeypatch, second, period_id, None)
        first.survey.respond(period_id, scores=[4] * 9, code=None)
    found = second.survey.get_period(period_id)
    assert (found.open_responses, found.version) == (2, 3)


def test_a_code_raced_by_two_answers_counts_once(
        two_services: tuple[PersonnelService, PersonnelService],
        monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = two_services
    period_id = _period(first)
    with on_day(DAY):
        (code,) = first.survey.issue_codes(period_id, count=1, actor=HR_ADMIN)
        _racing(monkeypatch, second, period_id, code)
        with pytest.raises(Exception) as excinfo:
            first.survey.respond(period_id, scores=[4] * 9, code=code)
    assert getattr(excinfo.value, "code", None) == "SURVEY_CODE_SPENT"
    assert second.survey.get_period(period_id).coded_responses == 1
