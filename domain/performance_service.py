"""Commands of the performance cycle (`service.performance`): the SKP plan and its agreement,
feedback, the unit's predicate, staff ratings under its distribution pattern, and objections.

Every command is one unit of work and refuses with every problem it finds at once, writing
nothing. The year's rating is recorded on the plan, on the unit's performance (where the
distribution is kept) and as the employee's existing `AppraisalRecorded`, so promotion
eligibility and TPP read it as before; an objection upheld corrects that appraisal. Years
before the cycle (before 2022) keep the appraisals recorded directly. Who may agree, rate and
decide is checked here against the rater rule; that the logged-in account is that person is
the web layer's access rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol
from uuid import UUID

from domain import clock
from domain.application import RekamApplication, command
from domain.checks import check_text, checked_reason
from domain.employee import Employee
from domain.errors import DomainError, Refusals, raise_all
from domain.masking import mask
from domain.organisation import Agency
from domain.performance_plan import (
    EMPLOYEE_KINDS,
    SUPERIOR_KINDS,
    TEXT_MAX,
    FeedbackKind,
    ObjectionOutcome,
    PerformancePlan,
    PlanStatus,
    Reader,
    WorkResult,
    may_read_feedback,
    performance_plan_id,
)
from domain.performance_rules import (
    CYCLE_FIRST_YEAR,
    OrganisationPredicate,
    objection_due_on,
    plan_agreement_due_on,
)
from domain.privacy import Erased, Sealed
from domain.regulations import rater_types
from domain.unit_performance import (
    ServiceRecipientView,
    UnitIndicator,
    UnitPerformance,
    unit_performance_id,
)
from domain.values import Actor, Expectation, LegalBasis, PositionType, Rating


class PersonnelCommands(Protocol):
    """The personnel commands the cycle runs (the personnel service has them)."""

    def check_rater(self, employee: Employee, ratee_type: PositionType | None,
                    rater_id: UUID | None, on: date) -> PositionType | None: ...

    def record_appraisal(self, employee_id: UUID, *, year: int, work_result: Expectation,
                         behaviour: Expectation, rater_id: UUID | None, effective_on: date,
                         actor: Actor, expected_version: int | None = None) -> None: ...

    def correct(self, employee_id: UUID, *, target_version: int, changes: dict[str, object],
                effective_on: date, actor: Actor, reason: str | None,
                legal_basis: LegalBasis | None = None, expected_version: int | None = None
                ) -> None: ...


class PerformanceService:
    """Plan, agree, give feedback, set the unit's predicate, rate, object and decide."""

    def __init__(self, app: RekamApplication, personnel: PersonnelCommands) -> None:
        self.app, self.personnel = app, personnel

    # -- reading ---------------------------------------------------------------------------

    def get_plan(self, plan_id: UUID) -> PerformancePlan:
        return self.app.load(plan_id, PerformancePlan, "SKP")

    def plan_of(self, employee_id: UUID, year: int) -> PerformancePlan | None:
        try:
            return self.get_plan(performance_plan_id(employee_id, year))
        except DomainError:
            return None

    def get_unit(self, unit_performance: UUID) -> UnitPerformance:
        return self.app.load(unit_performance, UnitPerformance, "Predikat kinerja unit")

    def unit_of(self, plan: PerformancePlan) -> UnitPerformance | None:
        """The performance the plan's rating falls under: its unit's, else its agency's."""
        for unit_id in ((plan.unit_id, None) if plan.unit_id else (None,)):
            try:
                return self.get_unit(unit_performance_id(plan.agency_id, unit_id, plan.year))
            except DomainError:
                continue
        return None

    def feedback_of(self, plan_id: UUID, reader: Reader) -> list[tuple[FeedbackKind, date, str]]:
        """The feedback texts, for the employee and the superior only (kind, date, text);
        an erased person's texts read as empty."""
        plan = self.get_plan(plan_id)
        if not may_read_feedback(reader, plan):
            raise DomainError("PERFORMANCE_FEEDBACK_NOT_VISIBLE", field="id")
        opened = []
        for entry in plan.feedback:
            text = self.app.vault.open(plan.subject_id, "feedback", entry.text)
            opened.append((entry.kind, entry.held_on, text if isinstance(text, str) else ""))
        return opened

    # -- the plan --------------------------------------------------------------------------

    @command
    def draft_plan(self, employee_id: UUID, *, year: int, superior_id: UUID | None,
                   results: Sequence[WorkResult], actor: Actor) -> UUID:
        """SKP: the employee's work results for `year`, with the superior who will agree and
        rate them (the rater rule); a superior on the ledger must have drafted theirs first."""
        employee = self.app.get_employee(employee_id)
        found = Refusals()
        if year < CYCLE_FIRST_YEAR:
            found.add(DomainError("PERFORMANCE_YEAR_BEFORE_CYCLE", field="year",
                                  first_year=CYCLE_FIRST_YEAR))
        if self.plan_of(employee_id, year) is not None:
            found.add(DomainError("PERFORMANCE_PLAN_EXISTS", field="year", year=year))
        on = min(clock.now().date(), date(year, 12, 31))
        state = employee.state_on(on)
        if not state.is_active or state.agency_id is None:
            found.add(DomainError("PERFORMANCE_EMPLOYEE_NOT_ACTIVE", field="employee_id"))
        with found.collecting():
            if not rater_types(state.position_type) and superior_id is not None:
                raise DomainError("PERFORMANCE_SUPERIOR_IS_REGIONAL_HEAD", field="superior_id")
            self.personnel.check_rater(employee, state.position_type, superior_id, on)
        superior_plan = None
        if superior_id is not None:
            superior_plan = self.plan_of(superior_id, year)
            if superior_plan is None:
                found.add(DomainError("PERFORMANCE_SUPERIOR_PLAN_MISSING", field="superior_id",
                                      year=year))
        found.found += _result_refusals(results, superior_plan)
        found.raise_any()
        assert state.agency_id is not None
        plan = PerformancePlan.draft(
            id=performance_plan_id(employee_id, year), employee_id=employee_id,
            subject_id=employee.subject_id, year=year, agency_id=state.agency_id,
            unit_id=state.unit_id, superior_id=superior_id, results=_tidy(results),
            actor=actor)
        self.app.record(plan)
        return plan.id

    @command
    def redraft_plan(self, plan_id: UUID, *, results: Sequence[WorkResult],
                     actor: Actor) -> None:
        """Change the draft (or a submitted plan the superior sent back)."""
        plan = self.get_plan(plan_id)
        plan.check_status(PlanStatus.DRAFTED, PlanStatus.SUBMITTED)
        raise_all(_result_refusals(results, self._superior_plan(plan)))
        plan.redraft(results=_tidy(results), actor=actor)
        self.app.record(plan)

    @command
    def submit_plan(self, plan_id: UUID, *, actor: Actor) -> None:
        plan = self.get_plan(plan_id)
        plan.submit(actor=actor)
        self.app.record(plan)

    @command
    def agree_plan(self, plan_id: UUID, *, actor: Actor) -> None:
        """The superior agrees the plan; after the deadline it is agreed and marked late."""
        plan = self.get_plan(plan_id)
        plan.agree(due_on=plan_agreement_due_on(plan.year), actor=actor)
        self.app.record(plan)

    @command
    def revise_plan(self, plan_id: UUID, *, results: Sequence[WorkResult],
                    actor: Actor) -> None:
        """A change of the agreed plan during its year (the superior agrees it with it)."""
        plan = self.get_plan(plan_id)
        plan.check_status(PlanStatus.AGREED)
        raise_all(_result_refusals(results, self._superior_plan(plan)))
        plan.revise(results=_tidy(results), actor=actor)
        self.app.record(plan)

    @command
    def record_feedback(self, plan_id: UUID, *, kind: FeedbackKind, author_id: UUID | None,
                        text: str, held_on: date, actor: Actor) -> None:
        """Umpan balik, a dialogue, coaching or counselling, or the employee's feedback on
        the coach: written by the employee or the superior, sealed, read by them alone."""
        plan = self.get_plan(plan_id)
        found = Refusals()
        if author_id is None or author_id not in (plan.employee_id, plan.superior_id):
            found.add(DomainError("PERFORMANCE_FEEDBACK_AUTHOR", field="author_id"))
        elif (kind in SUPERIOR_KINDS and author_id != plan.superior_id) or \
                (kind in EMPLOYEE_KINDS and author_id != plan.employee_id):
            found.add(DomainError("PERFORMANCE_FEEDBACK_KIND_NOT_FOR_AUTHOR", field="kind"))
        if held_on.year != plan.year or held_on > clock.now().date():
            found.add(DomainError("PERFORMANCE_FEEDBACK_DATE", field="held_on", year=plan.year))
        clean = _required_text(found, text, DomainError("PERFORMANCE_FEEDBACK_TEXT_REQUIRED",
                                                        field="text"))
        found.raise_any()
        assert clean is not None
        plan.record_feedback(kind=kind, author_id=author_id,
                             text=self._sealed(plan, "feedback", clean), held_on=held_on,
                             actor=actor)
        self.app.record(plan)

    # -- the unit first, then its staff ----------------------------------------------------

    @command
    def set_unit_predicate(self, *, agency_id: UUID, unit_id: UUID | None, year: int,
                           predicate: OrganisationPredicate,
                           indicators: Sequence[UnitIndicator], ikm: float | None,
                           complaints_on_time_percent: float | None, head_id: UUID | None,
                           staff_count: int, actor: Actor,
                           legal_basis: LegalBasis | None = None) -> UUID:
        """The unit's (or agency's) predicate from its indicators, set before staff ratings."""
        agency = self.app.load(agency_id, Agency, "Perangkat daerah")
        found: list[DomainError] = []
        if year < CYCLE_FIRST_YEAR:
            found.append(DomainError("PERFORMANCE_YEAR_BEFORE_CYCLE", field="year",
                                     first_year=CYCLE_FIRST_YEAR))
        if unit_id is not None and unit_id not in agency.units:
            found.append(DomainError("NOT_FOUND", field="unit_id", what="Unit kerja"))
        the_id = unit_performance_id(agency_id, unit_id, year)
        try:
            self.get_unit(the_id)
            found.append(DomainError("PERFORMANCE_UNIT_PREDICATE_EXISTS", field="year",
                                     year=year))
        except DomainError:
            pass
        if staff_count < 1:
            found.append(DomainError("PERFORMANCE_STAFF_COUNT_INVALID", field="staff_count"))
        if ikm is not None and not 25 <= ikm <= 100:
            found.append(DomainError("PERFORMANCE_IKM_INVALID", field="ikm"))
        if complaints_on_time_percent is not None and not 0 <= complaints_on_time_percent <= 100:
            found.append(DomainError("PERFORMANCE_PERCENT_INVALID",
                                     field="complaints_on_time_percent"))
        for number, indicator in enumerate(indicators):
            found += _text_refusals(indicator.name, f"indicators.{number}.name")
        if head_id is not None:
            head = self.app.get_employee(head_id).state_on(min(clock.now().date(),
                                                               date(year, 12, 31)))
            if not head.is_active or head.agency_id != agency_id:
                found.append(DomainError("PERFORMANCE_HEAD_NOT_IN_UNIT", field="head_id"))
        raise_all(found)
        unit = UnitPerformance.set_predicate(
            id=the_id, agency_id=agency_id, unit_id=unit_id, year=year, predicate=predicate,
            indicators=tuple(UnitIndicator(_clean(i.name), i.target, i.achieved)
                             for i in indicators),
            service_recipients=ServiceRecipientView(ikm, complaints_on_time_percent),
            head_id=head_id, staff_count=staff_count, actor=actor, legal_basis=legal_basis)
        self.app.record(unit)
        return unit.id

    @command
    def rate(self, plan_id: UUID, *, work_result: Expectation, behaviour: Expectation,
             rated_on: date, actor: Actor) -> None:
        """The year's rating of an agreed plan by its superior, under the unit's predicate:
        recorded on the plan, in the unit, and as the employee's annual appraisal."""
        plan = self.get_plan(plan_id)
        plan.check_status(PlanStatus.AGREED)
        unit = self.unit_of(plan)
        if unit is None:
            raise DomainError("PERFORMANCE_UNIT_PREDICATE_MISSING", field="id", year=plan.year)
        raise_all(unit.rating_refusals(plan.employee_id, work_result,
                                       Rating.from_matrix(work_result, behaviour)))
        plan.rate(work_result=work_result, behaviour=behaviour, rated_on=rated_on, actor=actor)
        assert plan.rating is not None
        unit.rate(employee_id=plan.employee_id, work_result=work_result, rating=plan.rating,
                  actor=actor)
        self.personnel.record_appraisal(plan.employee_id, year=plan.year,
                                        work_result=work_result, behaviour=behaviour,
                                        rater_id=plan.superior_id, effective_on=rated_on,
                                        actor=actor)
        self.app.record(plan, unit)

    # -- objections ------------------------------------------------------------------------

    @command
    def object_to_rating(self, plan_id: UUID, *, reason: str, actor: Actor) -> None:
        """Keberatan by the employee, within the window after the rating."""
        plan = self.get_plan(plan_id)
        found = Refusals()
        clean = _required_text(found, reason, DomainError(
            "PERFORMANCE_OBJECTION_REASON_REQUIRED", field="reason"))
        with found.collecting():
            plan.check_status(PlanStatus.RATED)
            assert plan.rated_on is not None
            if clock.now().date() > objection_due_on(plan.rated_on):
                raise DomainError("PERFORMANCE_OBJECTION_LATE", field="reason",
                                  due_on=objection_due_on(plan.rated_on))
        found.raise_any()
        assert clean is not None and plan.rated_on is not None
        plan.object(reason=self._sealed(plan, "reason", clean),
                    due_on=objection_due_on(plan.rated_on), actor=actor)
        self.app.record(plan)

    @command
    def decide_objection(self, plan_id: UUID, *, outcome: ObjectionOutcome,
                         decided_by: UUID | None, reason: str, actor: Actor,
                         work_result: Expectation | None = None,
                         behaviour: Expectation | None = None) -> None:
        """The rater's superior decides; upheld, the rating becomes theirs (still inside the
        unit's pattern) and the employee's appraisal is corrected to it."""
        plan = self.get_plan(plan_id)
        plan.check_status(PlanStatus.OBJECTED)
        assert plan.work_result is not None and plan.behaviour is not None
        found = Refusals()
        with found.collecting():
            self._check_higher_official(plan, decided_by)
        clean = _required_text(found, reason, DomainError(
            "PERFORMANCE_DECISION_REASON_REQUIRED", field="reason"))
        if outcome is ObjectionOutcome.DISMISSED:
            work_result, behaviour = plan.work_result, plan.behaviour
        elif work_result is None or behaviour is None or \
                (work_result, behaviour) == (plan.work_result, plan.behaviour):
            found.add(DomainError("PERFORMANCE_UPHELD_WITHOUT_CHANGE", field="work_result"))
        if outcome is ObjectionOutcome.UPHELD and work_result and behaviour:
            unit = self.unit_of(plan)
            assert unit is not None
            found.found += unit.rating_refusals(plan.employee_id, work_result,
                                                Rating.from_matrix(work_result, behaviour))
        found.raise_any()
        assert work_result is not None and behaviour is not None and clean is not None
        plan.decide_objection(outcome=outcome, work_result=work_result, behaviour=behaviour,
                              decided_by=decided_by, reason=self._sealed(plan, "reason", clean),
                              actor=actor)
        if outcome is ObjectionOutcome.UPHELD:
            assert plan.rating is not None
            unit = self.unit_of(plan)
            assert unit is not None
            unit.rate(employee_id=plan.employee_id, work_result=work_result,
                      rating=plan.rating, actor=actor)
            employee = self.app.get_employee(plan.employee_id)
            self.personnel.correct(
                plan.employee_id, target_version=_appraisal_version(employee, plan.year),
                changes={"work_result": work_result, "behaviour": behaviour},
                effective_on=clock.now().date(), actor=actor, reason=clean)
            self.app.record(unit)
        self.app.record(plan)

    # -- the rules -------------------------------------------------------------------------

    def may_decide_objection(self, plan: PerformancePlan, caller: UUID) -> bool:
        """Whether `caller` is the official who decides an objection to the plan's rating:
        the rater's own rater (the regional head, off the ledger, for a JPT rater)."""
        if plan.superior_id is None:
            return False
        try:
            self._check_higher_official(plan, caller)
        except DomainError:
            return False
        return True

    def objection_reason(self, plan: PerformancePlan, reader: UUID) -> str | Erased | None:
        """The employee's reason for objecting, for the employee, the rater and the official
        who decides (None for anyone else, or when there is none)."""
        if plan.objection_reason is None or not (
                reader in (plan.employee_id, plan.superior_id)
                or self.may_decide_objection(plan, reader)):
            return None
        opened = self.app.vault.open(plan.subject_id, "reason", plan.objection_reason)
        return opened if isinstance(opened, str | Erased) else None

    def _check_higher_official(self, plan: PerformancePlan, decided_by: UUID | None) -> None:
        """The rater's own rater decides; a rater whose rater is not on the ledger (JPT, or
        the regional head for JPT plans) leaves the decision to the regional head (None)."""
        if plan.superior_id is None:
            if decided_by is not None:
                raise DomainError("PERFORMANCE_OBJECTION_NOT_HIGHER_OFFICIAL",
                                  field="decided_by")
            return
        rater = self.app.get_employee(plan.superior_id)
        today = clock.now().date()
        rater_type = rater.state_on(today).position_type
        try:
            if decided_by == plan.superior_id or \
                    (not rater_types(rater_type) and decided_by is not None):
                raise DomainError("PERFORMANCE_OBJECTION_NOT_HIGHER_OFFICIAL")
            self.personnel.check_rater(rater, rater_type, decided_by, today)
        except DomainError:
            raise DomainError("PERFORMANCE_OBJECTION_NOT_HIGHER_OFFICIAL",
                              field="decided_by") from None

    def _superior_plan(self, plan: PerformancePlan) -> PerformancePlan | None:
        return None if plan.superior_id is None else self.plan_of(plan.superior_id, plan.year)

    def _sealed(self, plan: PerformancePlan, field: str, text: str) -> Sealed:
        return self.app.vault.seal(plan.subject_id, field, text)


def _result_refusals(results: Sequence[WorkResult],
                     superior_plan: PerformancePlan | None) -> list[DomainError]:
    """At least one work result, each with a text and an indicator; a cascade names a work
    result of the superior's plan of the same year."""
    if not results:
        return [DomainError("PERFORMANCE_RESULTS_REQUIRED", field="results")]
    found: list[DomainError] = []
    for number, result in enumerate(results):
        found += _text_refusals(result.text, f"results.{number}.text")
        indicators = [i for i in result.indicators if i.strip()]
        if not indicators:
            found.append(DomainError("PERFORMANCE_INDICATOR_REQUIRED",
                                     field=f"results.{number}.indicators"))
        for place, indicator in enumerate(indicators):
            found += _text_refusals(indicator, f"results.{number}.indicators.{place}")
        ref = result.cascaded_from
        if ref is not None and (superior_plan is None or ref.plan_id != superior_plan.id
                                or not 0 <= ref.index < len(superior_plan.results)):
            found.append(DomainError("PERFORMANCE_CASCADE_INVALID",
                                     field=f"results.{number}.cascaded_from"))
    return found


def _required_text(found: Refusals, text: str | None, missing: DomainError) -> str | None:
    """A required free text (a reason, a feedback entry) with its spaces collapsed; `missing`
    is the refusal when it is empty."""
    clean = None
    with found.collecting():
        clean = checked_reason(text)
        if clean is None:
            raise missing
    return clean


def _text_refusals(text: str, field: str) -> list[DomainError]:
    clean = " ".join(text.split())
    if not clean or len(clean) > TEXT_MAX:
        return [DomainError("PERFORMANCE_TEXT_INVALID", field=field, maximum=TEXT_MAX)]
    try:
        check_text(clean, field)
    except DomainError as error:
        return [error]
    return []


def _tidy(results: Sequence[WorkResult]) -> tuple[WorkResult, ...]:
    """The results as stored: spaces collapsed, and masked (domain/masking.py), since they
    enter the log in clear where no erasure reaches a number or address typed into them."""
    return tuple(WorkResult(_clean(r.text), tuple(_clean(i) for i in r.indicators if i.strip()),
                            r.cascaded_from) for r in results)


def _clean(text: str) -> str:
    return mask(" ".join(text.split()))


def _appraisal_version(employee: Employee, year: int) -> int:
    """The version of the appraisal of `year` in force on the record."""
    for version, action in employee.actions.items():
        if isinstance(action, Employee.AppraisalRecorded) and action.year == year:
            return version
    raise DomainError("NOT_FOUND", field="id", what="Penilaian kinerja")
