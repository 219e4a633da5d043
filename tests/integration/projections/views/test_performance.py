"""The performance view agrees with the plans and unit predicates it was built from, on each
backend, holds no feedback text, and a rebuild gives the rows catch-up gave."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest

from domain.performance_plan import FeedbackKind, ObjectionOutcome
from domain.performance_rules import OrganisationPredicate
from domain.personnel_service import PersonnelService
from domain.values import Expectation
from projections.stores.backend import Backend
from projections.views.hr_queries import Scope
from projections.views.performance import employee_plans, plans_to_agree, unit_predicates
from projections.views.runner import Projections
from tests.builders.performance import EMPLOYEE, SUPERIOR, Chain
from tests.builders.personnel import Organisation
from tests.builders.voice import on_day
from tests.support.stores import backend_of
from tests.support.views import Rows, cells_containing, read_rows

FEEDBACK = "Laporan bulanan perlu dilengkapi data absensi."


@pytest.fixture
def backend(store_env: dict[str, str]) -> Backend:
    """An empty store of each backend (this folder's default is the recorded workforce)."""
    return backend_of(store_env)


@pytest.fixture
def chain(service: PersonnelService) -> Iterator[Chain]:
    """A Baik division of two staff: one rated Baik, the other Butuh Perbaikan after an
    upheld objection against Kurang; the first has had feedback."""
    with on_day(date(2026, 1, 20)):
        chain = Chain.build(Organisation.build(service), staff=2)
        first, second = (chain.plan(s) for s in chain.staff)
        chain.set_division(OrganisationPredicate.BAIK, 2)
        performance = service.performance
        performance.record_feedback(first, kind=FeedbackKind.FEEDBACK,
                                    author_id=chain.supervisor, text=FEEDBACK,
                                    held_on=date(2026, 1, 20), actor=SUPERIOR)
    with on_day(date(2026, 12, 20)):
        for plan_id, behaviour in ((first, Expectation.AS_EXPECTED),
                                   (second, Expectation.BELOW)):
            performance.rate(plan_id, work_result=Expectation.AS_EXPECTED,
                             behaviour=behaviour, rated_on=date(2026, 12, 20), actor=SUPERIOR)
        performance.object_to_rating(second, reason="Keberatan", actor=EMPLOYEE)
        performance.decide_objection(second, outcome=ObjectionOutcome.UPHELD,
                                     decided_by=chain.division_head, reason="Dikabulkan",
                                     work_result=Expectation.BELOW,
                                     behaviour=Expectation.AS_EXPECTED, actor=SUPERIOR)
    yield chain


@pytest.fixture
def projections(service: PersonnelService, backend: Backend) -> Iterator[Projections]:
    opened = Projections.open(service, backend)
    yield opened
    opened.close()


def test_the_rows_follow_the_plans_and_the_unit(chain: Chain, projections: Projections,
                                                 service: PersonnelService) -> None:
    projections.catch_up()

    (plan,) = employee_plans(projections, chain.staff[0].hex)
    assert (plan["status"], plan["rating"], plan["feedback"], plan["cascaded"]) == \
        ("rated", "BAIK", 1, 1)
    assert plan["agreed_on"] == "2026-01-20" and plan["is_agreed_late"] == 0
    (second,) = employee_plans(projections, chain.staff[1].hex)
    assert (second["status"], second["rating"], second["objection_outcome"]) == \
        ("decided", "BUTUH_PERBAIKAN", "UPHELD")
    assert {p["employee_id"] for p in plans_to_agree(projections, chain.supervisor.hex)} == \
        {s.hex for s in chain.staff}
    (unit,) = unit_predicates(projections, Scope(agency_id=chain.org.agency_id.hex), 2026)
    assert unit["predicate"] == "BAIK" and unit["staff_count"] == 2
    assert unit["ratings"] == {"BAIK": 1, "BUTUH_PERBAIKAN": 1}
    assert unit_predicates(projections, Scope(agency_id=chain.org.health_agency_id.hex),
                           2026) == []


def test_no_feedback_or_objection_text_reaches_the_view(
        chain: Chain, projections: Projections) -> None:
    projections.catch_up()
    rows = read_rows(projections)
    assert cells_containing(rows, "absensi") == []
    assert cells_containing(rows, "Keberatan") == []
    assert len(rows["performance_plans"]) == 5  # three heads above, two staff


def test_a_rebuild_gives_the_rows_catch_up_gave(
        chain: Chain, projections: Projections, clean_rebuild: Callable[[], Rows]) -> None:
    projections.catch_up()
    caught_up = read_rows(projections)
    assert clean_rebuild() == caught_up
