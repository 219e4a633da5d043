"""Bitemporal history on both backends: as in force on a date, and as known at a time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from uuid import UUID

import pytest

from domain.personnel_service import PersonnelService
from domain.values import Grade
from projections.stores.backend import open_service
from projections.views.history import agency_roster, employee_state, version_known_at
from projections.views.runner import Projections
from tests.builders.history import Story, at
from tests.support.stores import backend_of


@pytest.fixture
def opened(store_env: dict[str, str]) -> Iterator[tuple[PersonnelService, Projections]]:
    backend = backend_of(store_env)
    service = open_service(backend)
    projections = Projections.open(service, backend)
    yield service, projections
    projections.close()
    service.close()


def grade(service: PersonnelService, projections: Projections, employee: UUID, *,
          on: date, known: datetime | None = None) -> Grade | None:
    found = employee_state(service, projections, employee, in_force_on=on, known_at=known)
    return None if found is None else found.state.grade


class TestAsInForceAndAsKnown:
    def test_a_later_correction_changes_the_past_as_in_force_but_not_as_known_before_it(
            self, opened: tuple[PersonnelService, Projections]) -> None:
        service, projections = opened
        story = Story(service)
        projections.catch_up()
        june_2019 = date(2019, 6, 1)

        # Today's knowledge: the promotion took effect in October, so not yet in June.
        assert grade(service, projections, story.employee, on=june_2019) == Grade("III/a")
        # What the system knew in mid-2020, before the correction: promoted in April.
        assert grade(service, projections, story.employee, on=june_2019,
                     known=at(2020, 6, 1)) == Grade("III/b")
        # Known before the promotion was recorded: not promoted at all.
        assert grade(service, projections, story.employee, on=june_2019,
                     known=at(2019, 4, 1)) == Grade("III/a")
        # Both agree once October 2019 is in force.
        assert grade(service, projections, story.employee, on=date(2019, 11, 1)) == (
            Grade("III/b"))
        assert grade(service, projections, story.employee, on=date(2019, 11, 1),
                     known=at(2020, 6, 1)) == Grade("III/b")

    def test_the_transfer_is_in_force_from_its_tmt_and_known_from_its_recording(
            self, opened: tuple[PersonnelService, Projections]) -> None:
        service, projections = opened
        story = Story(service)
        projections.catch_up()

        now = employee_state(service, projections, story.employee,
                             in_force_on=date(2020, 6, 1))
        before = employee_state(service, projections, story.employee,
                                in_force_on=date(2020, 6, 1), known_at=at(2020, 1, 15))
        assert now is not None and now.state.agency_id == story.education
        assert before is not None and before.state.agency_id == story.health
        assert version_known_at(projections, story.employee, at(2018, 1, 1)) is None

    def test_an_agency_roster_as_of_a_date(
            self, opened: tuple[PersonnelService, Projections]) -> None:
        service, projections = opened
        story = Story(service)
        projections.catch_up()

        def members(agency: UUID, on: date, known: datetime | None = None) -> list[UUID]:
            return [h.employee_id for h in agency_roster(service, projections, agency,
                                                         in_force_on=on, known_at=known)]

        assert members(story.health, date(2019, 6, 1)) == [story.employee]
        assert members(story.education, date(2019, 6, 1)) == []
        assert members(story.education, date(2020, 6, 1)) == [story.employee]
        assert members(story.health, date(2020, 6, 1), known=at(2020, 1, 15)) == [
            story.employee]
        assert members(story.health, date(2018, 6, 1)) == []  # before the ledger opened
