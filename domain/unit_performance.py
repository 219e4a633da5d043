"""The performance of one agency or unit in one year: its predicate, set first, and the staff
ratings given under it (PermenPANRB 6/2022; SE MenPANRB 3/2023).

The aggregate (topic `domain.unit_performance:UnitPerformance.*`, id derived from agency, unit
and year) holds the predicate with the indicators it was set from, including the
service-recipient perspective (IKM and the share of complaints answered on time) as inputs,
and every staff rating given in the unit that year. Each rating is recorded here as well as on
the employee's plan, so two raters rating at once meet a concurrency conflict instead of both
passing the distribution check.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain import clock
from domain.errors import DomainError, raise_all
from domain.events import RecordedEvent
from domain.performance_rules import (
    HEAD_WORK_RESULT,
    PREDICATE_WORDS,
    OrganisationPredicate,
    distribution_refusals,
)
from domain.values import Actor, Expectation, LegalBasis, Rating


def unit_performance_id(agency_id: UUID, unit_id: UUID | None, year: int) -> UUID:
    """The id of the performance of an agency (unit None) or one of its units in `year`."""
    return uuid5(agency_id, f"rekam:unit-performance:{unit_id or 'agency'}:{year}")


@dataclass(frozen=True)
class UnitIndicator:
    """An indicator of the unit's performance agreement (IKU): its name, target and what was
    achieved, in the indicator's own unit (percent, count, index)."""

    name: str
    target: float
    achieved: float


@dataclass(frozen=True)
class ServiceRecipientView:
    """The service-recipient perspective: the unit's satisfaction index (IKM, 25–100) and the
    share of complaints answered on time (0–100 %). Inputs only for now: entered by hand
    until the citizens' voice feeds them."""

    ikm: float | None
    complaints_on_time_percent: float | None


class UnitPerformance(Aggregate):
    """Predikat kinerja organisasi/unit kerja and the staff ratings under it."""

    class Event(RecordedEvent):
        pass

    class PredicateSet(Event, Aggregate.Created):
        agency_id: UUID
        unit_id: UUID | None
        year: int
        predicate: OrganisationPredicate
        indicators: tuple[UnitIndicator, ...]
        service_recipients: ServiceRecipientView
        head_id: UUID | None  # the unit's head on the ledger (None: the regional head's unit)
        staff_count: int  # the staff whose ratings follow the pattern (the head excluded)

    def __init__(self, agency_id: UUID, unit_id: UUID | None, year: int,
                 predicate: OrganisationPredicate, indicators: tuple[UnitIndicator, ...],
                 service_recipients: ServiceRecipientView, head_id: UUID | None,
                 staff_count: int) -> None:
        self.agency_id, self.unit_id, self.year = agency_id, unit_id, year
        self.predicate, self.indicators = predicate, indicators
        self.service_recipients, self.head_id = service_recipients, head_id
        self.staff_count = staff_count
        self.ratings: dict[UUID, Rating] = {}  # staff employee id → rating (head excluded)
        self.head_rating: Rating | None = None

    @classmethod
    def set_predicate(cls, *, id: UUID, agency_id: UUID, unit_id: UUID | None, year: int,
                      predicate: OrganisationPredicate, indicators: tuple[UnitIndicator, ...],
                      service_recipients: ServiceRecipientView, head_id: UUID | None,
                      staff_count: int, actor: Actor,
                      legal_basis: LegalBasis | None) -> UnitPerformance:
        return cls._create(cls.PredicateSet, id=id, agency_id=agency_id, unit_id=unit_id,
                           year=year, predicate=predicate, indicators=indicators,
                           service_recipients=service_recipients, head_id=head_id,
                           staff_count=staff_count, effective_on=clock.now().date(),
                           actor=actor, legal_basis=legal_basis)

    # -- reading ---------------------------------------------------------------------------

    @property
    def given(self) -> Counter[Rating]:
        """How many staff have each rating so far."""
        return Counter(self.ratings.values())

    def rating_refusals(self, employee_id: UUID, work_result: Expectation,
                        rating: Rating) -> list[DomainError]:
        """What stops `employee_id` being rated `rating` here: the head's work result must be
        the unit's result; a staff rating must keep the distribution pattern. A staff member
        rated before (an objection's new rating) is judged without their old rating."""
        if employee_id == self.head_id:
            expected = HEAD_WORK_RESULT[self.predicate]
            if work_result is not expected:
                return [DomainError("PERFORMANCE_HEAD_RESULT_NOT_UNIT", field="work_result",
                                    predicate=PREDICATE_WORDS[self.predicate])]
            return []
        given = self.given
        if employee_id in self.ratings:
            given[self.ratings[employee_id]] -= 1
        return distribution_refusals(self.predicate, self.staff_count, given, rating)

    # -- commands --------------------------------------------------------------------------

    def rate(self, *, employee_id: UUID, work_result: Expectation, rating: Rating,
             actor: Actor) -> None:
        raise_all(self.rating_refusals(employee_id, work_result, rating))
        self.trigger_event(self.StaffRated, employee_id=employee_id, rating=rating,
                           effective_on=clock.now().date(), actor=actor, legal_basis=None)

    # -- events ----------------------------------------------------------------------------

    class StaffRated(Event):
        """A rating given (or changed by an objection's decision) in the unit."""

        employee_id: UUID
        rating: Rating

        def apply(self, aggregate: UnitPerformance) -> None:
            if self.employee_id == aggregate.head_id:
                aggregate.head_rating = self.rating
            else:
                aggregate.ratings[self.employee_id] = self.rating
