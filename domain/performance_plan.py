"""One employee's SKP plan for one year (PermenPANRB 6/2022), from drafting to the year's
rating and any objection to it.

The plan is its own aggregate (topic `domain.performance_plan:PerformancePlan.*`), with an id
derived from (employee, year), so a second plan for the same year meets a concurrency
conflict. It holds the work results (hasil kerja) with their indicators, each optionally
cascaded from a result of the superior's plan; the superior's agreement (late when after the
deadline); revisions; feedback and performance dialogues, whose texts are sealed under the
employee's subject key and readable only by the employee and the superior
(`may_read_feedback`); the rating; and an objection with its decision. The commands are in
domain/performance_service.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain import clock
from domain.errors import DomainError, Words
from domain.events import RecordedEvent
from domain.privacy import Sealed
from domain.values import Actor, Expectation, Rating

TEXT_MAX = 500  # one work result or indicator


def performance_plan_id(employee_id: UUID, year: int) -> UUID:
    """The id of the employee's SKP plan of `year`."""
    return uuid5(employee_id, f"rekam:performance-plan:{year}")


@dataclass(frozen=True)
class ResultRef:
    """A work result of another plan: its plan id and its place (from 0) in that plan."""

    plan_id: UUID
    index: int


@dataclass(frozen=True)
class WorkResult:
    """Hasil kerja: what the employee will deliver, its indicators (quantitative or
    qualitative), and the superior's result it serves (intervensi/cascading), if any."""

    text: str
    indicators: tuple[str, ...]
    cascaded_from: ResultRef | None = None


class PlanStatus(Enum):
    DRAFTED = "drafted"
    SUBMITTED = "submitted"
    AGREED = "agreed"
    RATED = "rated"
    OBJECTED = "objected"  # an objection waits for the higher official
    DECIDED = "decided"  # the objection was decided; the rating is final


STATUS_WORDS: dict[PlanStatus, Words] = {
    PlanStatus.DRAFTED: Words(id="konsep", en="drafted"),
    PlanStatus.SUBMITTED: Words(id="diajukan", en="submitted"),
    PlanStatus.AGREED: Words(id="disetujui atasan", en="agreed"),
    PlanStatus.RATED: Words(id="sudah dinilai", en="rated"),
    PlanStatus.OBJECTED: Words(id="dalam keberatan", en="under objection"),
    PlanStatus.DECIDED: Words(id="keberatan sudah diputus", en="objection decided"),
}


class FeedbackKind(Enum):
    """What a feedback entry records (PermenPANRB 6/2022 annex, Format B.1.8)."""

    FEEDBACK = "FEEDBACK"  # umpan balik berkelanjutan, by the superior
    DIALOGUE = "DIALOGUE"  # dialog kinerja between the two
    COACHING = "COACHING"  # bimbingan kinerja
    COUNSELLING = "COUNSELLING"  # konseling kinerja
    ON_THE_COACH = "ON_THE_COACH"  # the employee's feedback about the coach (B.1.8)


# Who writes each kind: the superior, the employee, or either of them.
SUPERIOR_KINDS = frozenset({FeedbackKind.FEEDBACK, FeedbackKind.COACHING,
                            FeedbackKind.COUNSELLING})
EMPLOYEE_KINDS = frozenset({FeedbackKind.ON_THE_COACH})


class ObjectionOutcome(Enum):
    UPHELD = "UPHELD"  # the rating is changed to the official's
    DISMISSED = "DISMISSED"  # the rating stands


@dataclass(frozen=True)
class Feedback:
    """One feedback entry as the plan holds it (the text stays sealed)."""

    kind: FeedbackKind
    author_id: UUID | None
    held_on: date
    text: Sealed


@dataclass(frozen=True)
class Reader:
    """Who wants to read a plan's feedback: the employee record they are (None for staff
    accounts, which are no party to the plan)."""

    employee_id: UUID | None


def may_read_feedback(actor: Reader, plan: PerformancePlan) -> bool:
    """Feedback is between the employee and the superior who agrees the plan: no one else,
    not HR, reads its text."""
    if actor.employee_id is None:
        return False
    return actor.employee_id in (plan.employee_id, plan.superior_id)


class PerformancePlan(Aggregate):
    """SKP: the year's work results and indicators, and where the year's cycle stands."""

    class Event(RecordedEvent):
        pass

    class Drafted(Event, Aggregate.Created):
        employee_id: UUID
        subject_id: UUID
        year: int
        agency_id: UUID
        unit_id: UUID | None
        superior_id: UUID | None  # the rater; None for JPT, agreed by the regional head
        results: tuple[WorkResult, ...]

    def __init__(self, employee_id: UUID, subject_id: UUID, year: int, agency_id: UUID,
                 unit_id: UUID | None, superior_id: UUID | None,
                 results: tuple[WorkResult, ...]) -> None:
        self.employee_id, self.subject_id, self.year = employee_id, subject_id, year
        self.agency_id, self.unit_id, self.superior_id = agency_id, unit_id, superior_id
        self.results = results
        self.status = PlanStatus.DRAFTED
        self.agreed_on: date | None = None
        self.is_agreed_late = False
        self.revisions = 0
        self.feedback: list[Feedback] = []
        self.work_result: Expectation | None = None
        self.behaviour: Expectation | None = None
        self.rating: Rating | None = None
        self.rated_on: date | None = None
        self.objection_outcome: ObjectionOutcome | None = None
        self.objection_reason: Sealed | None = None  # the employee's, while it waits

    @classmethod
    def draft(cls, *, id: UUID, employee_id: UUID, subject_id: UUID, year: int,
              agency_id: UUID, unit_id: UUID | None, superior_id: UUID | None,
              results: tuple[WorkResult, ...], actor: Actor) -> PerformancePlan:
        return cls._create(cls.Drafted, id=id, employee_id=employee_id, subject_id=subject_id,
                           year=year, agency_id=agency_id, unit_id=unit_id,
                           superior_id=superior_id, results=results,
                           effective_on=clock.now().date(), actor=actor, legal_basis=None)

    # -- reading ---------------------------------------------------------------------------

    def check_status(self, *allowed: PlanStatus) -> None:
        """Raised when the plan is not at a step that allows the command."""
        if self.status not in allowed:
            raise DomainError("PERFORMANCE_PLAN_STATUS", field="id",
                              status=STATUS_WORDS[self.status])

    # -- the plan --------------------------------------------------------------------------

    def redraft(self, *, results: tuple[WorkResult, ...], actor: Actor) -> None:
        self.check_status(PlanStatus.DRAFTED, PlanStatus.SUBMITTED)
        self.trigger_event(self.Redrafted, results=results, effective_on=clock.now().date(),
                           actor=actor, legal_basis=None)

    def submit(self, *, actor: Actor) -> None:
        self.check_status(PlanStatus.DRAFTED)
        self.trigger_event(self.Submitted, effective_on=clock.now().date(), actor=actor,
                           legal_basis=None)

    def agree(self, *, due_on: date, actor: Actor) -> None:
        self.check_status(PlanStatus.SUBMITTED)
        today = clock.now().date()
        self.trigger_event(self.Agreed, due_on=due_on, is_late=today > due_on,
                           effective_on=today, actor=actor, legal_basis=None)

    def revise(self, *, results: tuple[WorkResult, ...], actor: Actor) -> None:
        """A change of the agreed plan during the year, agreed by the superior."""
        self.check_status(PlanStatus.AGREED)
        today = clock.now().date()
        if today.year != self.year:
            raise DomainError("PERFORMANCE_REVISION_OUTSIDE_YEAR", field="results",
                              year=self.year)
        self.trigger_event(self.Revised, results=results, effective_on=today, actor=actor,
                           legal_basis=None)

    def record_feedback(self, *, kind: FeedbackKind, author_id: UUID | None, text: Sealed,
                        held_on: date, actor: Actor) -> None:
        self.check_status(PlanStatus.AGREED, PlanStatus.RATED, PlanStatus.OBJECTED)
        self.trigger_event(self.FeedbackRecorded, kind=kind, author_id=author_id, text=text,
                           effective_on=held_on, actor=actor, legal_basis=None)

    # -- the rating and the objection ------------------------------------------------------

    def rate(self, *, work_result: Expectation, behaviour: Expectation, rated_on: date,
             actor: Actor) -> None:
        self.check_status(PlanStatus.AGREED)
        self.trigger_event(self.Rated, work_result=work_result, behaviour=behaviour,
                           rating=Rating.from_matrix(work_result, behaviour),
                           effective_on=rated_on, actor=actor, legal_basis=None)

    def object(self, *, reason: Sealed, due_on: date, actor: Actor) -> None:
        self.check_status(PlanStatus.RATED)
        today = clock.now().date()
        if today > due_on:
            raise DomainError("PERFORMANCE_OBJECTION_LATE", field="reason", due_on=due_on)
        self.trigger_event(self.Objected, reason=reason, effective_on=today, actor=actor,
                           legal_basis=None)

    def decide_objection(self, *, outcome: ObjectionOutcome, work_result: Expectation,
                         behaviour: Expectation, decided_by: UUID | None, reason: Sealed | None,
                         actor: Actor) -> None:
        self.check_status(PlanStatus.OBJECTED)
        self.trigger_event(self.ObjectionDecided, outcome=outcome, work_result=work_result,
                           behaviour=behaviour,
                           rating=Rating.from_matrix(work_result, behaviour),
                           decided_by=decided_by, reason=reason,
                           effective_on=clock.now().date(), actor=actor, legal_basis=None)

    # -- events ----------------------------------------------------------------------------

    class Redrafted(Event):
        results: tuple[WorkResult, ...]

        def apply(self, aggregate: PerformancePlan) -> None:
            aggregate.results = self.results
            aggregate.status = PlanStatus.DRAFTED

    class Submitted(Event):
        def apply(self, aggregate: PerformancePlan) -> None:
            aggregate.status = PlanStatus.SUBMITTED

    class Agreed(Event):
        due_on: date  # the deadline in force when agreed
        is_late: bool

        def apply(self, aggregate: PerformancePlan) -> None:
            aggregate.status, aggregate.agreed_on = PlanStatus.AGREED, self.effective_on
            aggregate.is_agreed_late = self.is_late

    class Revised(Event):
        results: tuple[WorkResult, ...]

        def apply(self, aggregate: PerformancePlan) -> None:
            aggregate.results = self.results
            aggregate.revisions += 1

    class FeedbackRecorded(Event):
        kind: FeedbackKind
        author_id: UUID | None  # the employee or the superior; None: the regional head
        text: Sealed  # under the employee's subject key, field "feedback"

        def apply(self, aggregate: PerformancePlan) -> None:
            aggregate.feedback.append(Feedback(self.kind, self.author_id, self.effective_on,
                                               self.text))

    class Rated(Event):
        work_result: Expectation
        behaviour: Expectation
        rating: Rating

        def apply(self, aggregate: PerformancePlan) -> None:
            aggregate.status, aggregate.rated_on = PlanStatus.RATED, self.effective_on
            aggregate.work_result, aggregate.behaviour = self.work_result, self.behaviour
            aggregate.rating = self.rating

    class Objected(Event):
        reason: Sealed  # under the employee's subject key, field "reason"

        def apply(self, aggregate: PerformancePlan) -> None:
            aggregate.status = PlanStatus.OBJECTED
            aggregate.objection_reason = self.reason

    class ObjectionDecided(Event):
        outcome: ObjectionOutcome
        work_result: Expectation  # the rating after the decision (unchanged when dismissed)
        behaviour: Expectation
        rating: Rating
        decided_by: UUID | None  # the rater's superior; None: the regional head
        reason: Sealed | None

        def apply(self, aggregate: PerformancePlan) -> None:
            aggregate.status, aggregate.objection_outcome = PlanStatus.DECIDED, self.outcome
            aggregate.work_result, aggregate.behaviour = self.work_result, self.behaviour
            aggregate.rating = self.rating
