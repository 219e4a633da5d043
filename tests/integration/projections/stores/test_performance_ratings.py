"""Two raters of one unit rating at once, on each backend: the unit's performance holds every
rating, so the second save meets a conflict instead of both passing the distribution check,
and a retry is judged with the first rating counted."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import ConcurrencyConflictError, DomainError
from domain.performance_rules import OrganisationPredicate
from domain.personnel_service import PersonnelService
from domain.values import Expectation, Rating
from projections.stores.backend import Backend, open_service
from tests.builders.performance import SUPERIOR, Chain
from tests.builders.personnel import Organisation
from tests.builders.voice import on_day

GOOD = (Expectation.AS_EXPECTED, Expectation.AS_EXPECTED)


def test_two_raters_at_once_cannot_both_take_the_last_good_place(
        backend: Backend, service: PersonnelService) -> None:
    with on_day(date(2026, 1, 20)):
        chain = Chain.build(Organisation.build(service), staff=2)
        first_id, second_id = (chain.plan(s) for s in chain.staff)
        # A Baik division of two: one Baik at most, and one BP or Kurang.
        chain.set_division(OrganisationPredicate.BAIK, 2)
    other = open_service(backend)
    try:
        with on_day(date(2026, 12, 20)):
            mine, theirs = service.performance, other.performance
            first, second = mine.get_plan(first_id), theirs.get_plan(second_id)
            my_unit, their_unit = mine.unit_of(first), theirs.unit_of(second)
            assert my_unit is not None and their_unit is not None
            for plan, unit in ((first, my_unit), (second, their_unit)):
                assert unit.rating_refusals(plan.employee_id, GOOD[0], Rating.BAIK) == []
                plan.rate(work_result=GOOD[0], behaviour=GOOD[1], rated_on=date(2026, 12, 20),
                          actor=SUPERIOR)
                unit.rate(employee_id=plan.employee_id, work_result=GOOD[0],
                          rating=Rating.BAIK, actor=SUPERIOR)
            service._save(first, my_unit)
            with pytest.raises(ConcurrencyConflictError):
                other._save(second, their_unit)

            # Nothing of the second rating was stored, and a retry counts the first.
            assert other.performance.get_plan(second_id).rating is None
            with pytest.raises(DomainError) as excinfo:
                other.performance.rate(second_id, work_result=GOOD[0], behaviour=GOOD[1],
                                       rated_on=date(2026, 12, 20), actor=SUPERIOR)
            assert excinfo.value.code == "PERFORMANCE_DISTRIBUTION_MAXIMUM"
            other.performance.rate(second_id, work_result=Expectation.BELOW,
                                   behaviour=Expectation.AS_EXPECTED,
                                   rated_on=date(2026, 12, 20), actor=SUPERIOR)
        stored = service.performance.unit_of(service.performance.get_plan(second_id))
        assert stored is not None
        assert stored.given == {Rating.BAIK: 1, Rating.BUTUH_PERBAIKAN: 1}
    finally:
        other.close()
