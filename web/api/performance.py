"""The API's operations of the performance cycle: an employee's SKP plans and their steps, the
feedback between the employee and the superior, and HR's unit predicates.

Plans are reached through /me by the parties to them (employee tokens only): the employee
drafts, submits and objects; the superior named on the plan agrees, revises and rates; the
rater's own superior decides an objection; both parties write and read feedback. Anyone else
gets 404, as for a plan that does not exist. The unit predicates are HR's, within its scope.
The same commands and rules as everywhere (domain/performance_service.py); each POST takes
`?dry_run=true`; feedback texts never reach a list or a view.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from flask import current_app
from flask_login import current_user
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from domain.errors import DomainError
from domain.performance_plan import (
    FeedbackKind,
    ObjectionOutcome,
    PerformancePlan,
    Reader,
    ResultRef,
    WorkResult,
)
from domain.performance_rules import OrganisationPredicate
from domain.unit_performance import UnitIndicator
from domain.values import Expectation
from projections.views import hr_queries
from projections.views.performance import (
    employee_plans,
    objected_plans,
    plans_to_agree,
    unit_predicates,
)
from web import catch_up_views, get_service
from web.access import (
    EMPLOYEES,
    READERS,
    WRITERS,
    check_writable,
    own_employee_id,
    roles_required,
    scope,
)
from web.api.commands import run_command
from web.api.routes import blp
from web.api.schemas import DryRunArgs, ProblemSchema

MAX_TEXT = 2000
EMPLOYEE_STEPS = ("submission", "objection")
SUPERIOR_STEPS = ("agreement", "revision", "rating")
STEPS = (*EMPLOYEE_STEPS, *SUPERIOR_STEPS, "objection-decision")
_EXPECTATIONS = [e.value for e in Expectation]


class PlanSchema(Schema):
    id = fields.String()
    employee_id = fields.String()
    year = fields.Integer()
    agency_id = fields.String()
    unit_id = fields.String(allow_none=True)
    superior_id = fields.String(allow_none=True)
    status = fields.String(metadata={"description": "drafted, submitted, agreed, rated, "
                                                    "objected or decided"})
    results = fields.Integer(metadata={"description": "how many work results"})
    cascaded = fields.Integer(metadata={"description": "of them, cascaded from the superior"})
    revisions = fields.Integer()
    agreed_on = fields.String(allow_none=True)
    is_agreed_late = fields.Boolean()
    feedback = fields.Integer(metadata={"description": "how many feedback entries"})
    last_feedback_on = fields.String(allow_none=True)
    work_result = fields.String(allow_none=True)
    behaviour = fields.String(allow_none=True)
    rating = fields.String(allow_none=True)
    rated_on = fields.String(allow_none=True)
    objection_outcome = fields.String(allow_none=True)
    version = fields.Integer()


class ObjectionToDecideSchema(PlanSchema):
    reason = fields.String(allow_none=True, metadata={
        "description": "the employee's reason for objecting"})


class MyPlansSchema(Schema):
    own = fields.List(fields.Nested(PlanSchema))
    to_agree = fields.List(fields.Nested(PlanSchema),
                           metadata={"description": "plans naming the caller as superior"})


class PlanCascadeBody(Schema):
    plan_id = fields.UUID(required=True)
    index = fields.Integer(required=True, validate=validate.Range(min=0, max=100))


class PlanResultBody(Schema):
    text = fields.String(required=True, validate=validate.Length(max=500))
    indicators = fields.List(fields.String(validate=validate.Length(max=500)), required=True,
                             validate=validate.Length(max=20))
    cascaded_from = fields.Nested(PlanCascadeBody, load_default=None, allow_none=True)


class PlanDraftBody(Schema):
    year = fields.Integer(required=True, validate=validate.Range(min=1945, max=2100))
    superior_id = fields.UUID(load_default=None, allow_none=True,
                              metadata={"description": "the rater; null for JPT"})
    results = fields.List(fields.Nested(PlanResultBody), required=True,
                          validate=validate.Length(max=50))


class PlanStepBody(Schema):
    results = fields.List(fields.Nested(PlanResultBody), validate=validate.Length(max=50),
                          metadata={"description": "revision"})
    work_result = fields.String(validate=validate.OneOf(_EXPECTATIONS),
                                metadata={"description": "rating; an upheld decision"})
    behaviour = fields.String(validate=validate.OneOf(_EXPECTATIONS))
    reason = fields.String(validate=validate.Length(max=MAX_TEXT),
                           metadata={"description": "objection; decision"})
    outcome = fields.String(validate=validate.OneOf([o.value for o in ObjectionOutcome]),
                            metadata={"description": "objection-decision"})


class PlanFeedbackBody(Schema):
    kind = fields.String(required=True,
                         validate=validate.OneOf([k.value for k in FeedbackKind]))
    text = fields.String(required=True, validate=validate.Length(max=MAX_TEXT))
    held_on = fields.Date(required=True)


class PlanFeedbackSchema(Schema):
    kind = fields.String()
    held_on = fields.Date()
    text = fields.String()


class UnitIndicatorBody(Schema):
    name = fields.String(required=True, validate=validate.Length(max=500))
    target = fields.Float(required=True, allow_nan=False)
    achieved = fields.Float(required=True, allow_nan=False)


class UnitPredicateBody(Schema):
    agency_id = fields.UUID(required=True)
    unit_id = fields.UUID(load_default=None, allow_none=True,
                          metadata={"description": "null: the whole agency"})
    year = fields.Integer(required=True, validate=validate.Range(min=1945, max=2100))
    predicate = fields.String(required=True, validate=validate.OneOf(
        [p.value for p in OrganisationPredicate]))
    indicators = fields.List(fields.Nested(UnitIndicatorBody), load_default=list,
                             validate=validate.Length(max=50))
    ikm = fields.Float(load_default=None, allow_none=True, allow_nan=False)
    complaints_on_time_percent = fields.Float(load_default=None, allow_none=True,
                                              allow_nan=False)
    head_id = fields.UUID(load_default=None, allow_none=True)
    staff_count = fields.Integer(required=True, validate=validate.Range(min=-1, max=100_000))


class UnitPredicateSchema(Schema):
    id = fields.String()
    agency_id = fields.String()
    unit_id = fields.String(allow_none=True)
    year = fields.Integer()
    predicate = fields.String()
    indicators = fields.Integer()
    ikm = fields.Float(allow_none=True)
    complaints_on_time_percent = fields.Float(allow_none=True)
    head_id = fields.String(allow_none=True)
    staff_count = fields.Integer()
    set_on = fields.String()
    ratings = fields.Dict(keys=fields.String(), values=fields.Integer(),
                          metadata={"description": "staff per rating, the head apart"})
    version = fields.Integer()


class PerformanceYearArgs(Schema):
    year = fields.Integer(load_default=lambda: date.today().year,
                          validate=validate.Range(min=1945, max=2100))


class PlanDoneSchema(Schema):
    id = fields.String(allow_none=True)
    dry_run = fields.Boolean()


def _done(found: Any, is_dry_run: bool) -> tuple[dict[str, Any], int]:
    the_id = found.hex if isinstance(found, UUID) else found
    return {"id": the_id, "dry_run": is_dry_run}, 200 if is_dry_run else 201


def _results(bodies: list[dict[str, Any]]) -> list[WorkResult]:
    return [WorkResult(b["text"], tuple(b["indicators"]),
                       ResultRef(b["cascaded_from"]["plan_id"], b["cascaded_from"]["index"])
                       if b["cascaded_from"] else None) for b in bodies]


def _plan(plan_id: str) -> PerformancePlan:
    """The plan, or 404 (also for a malformed id)."""
    try:
        return get_service(current_app).performance.get_plan(UUID(plan_id))
    except (ValueError, DomainError):
        abort(404)
    raise AssertionError  # abort raised


def _is_higher_official(plan: PerformancePlan, caller: UUID) -> bool:
    """Whether the caller may rate the plan's rater: the one who decides its objection."""
    return bool(get_service(current_app).performance.may_decide_objection(plan, caller))


@blp.route("/me/performance-plans")
@blp.response(200, MyPlansSchema)
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(*EMPLOYEES)
def my_performance_plans() -> dict[str, Any]:
    """The caller's own SKP plans and those naming them as superior (no feedback text)."""
    projections, caller = catch_up_views(current_app), own_employee_id()
    return {"own": employee_plans(projections, caller),
            "to_agree": plans_to_agree(projections, caller)}


@blp.route("/me/performance-objections")
@blp.response(200, ObjectionToDecideSchema(many=True))
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(*EMPLOYEES)
def performance_objections() -> list[dict[str, Any]]:
    """Objections to ratings of the caller's agency that the caller decides as the official
    above the rater, with the employee's reason (decide through .../objection-decision)."""
    projections, caller = catch_up_views(current_app), UUID(own_employee_id())
    performance = get_service(current_app).performance
    found = []
    state = get_service(current_app).get_employee(caller).state
    for row in objected_plans(projections, state.agency_id.hex) if state.agency_id else []:
        plan = performance.get_plan(UUID(row["id"]))
        if performance.may_decide_objection(plan, caller):
            reason = performance.objection_reason(plan, caller)
            found.append({**row, "reason": reason if isinstance(reason, str) else None})
    return found


@blp.route("/me/performance-plans", methods=["POST"])
@blp.arguments(PlanDraftBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, PlanDoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*EMPLOYEES)
def draft_performance_plan(body: dict[str, Any], query: dict[str, Any]
                           ) -> tuple[dict[str, Any], int]:
    """Draft the caller's SKP of `year`, naming the superior who agrees and rates it."""
    caller = UUID(own_employee_id())
    found = run_command(lambda: get_service(current_app).performance.draft_plan(
        caller, year=body["year"], superior_id=body["superior_id"],
        results=_results(body["results"]), actor=current_user.actor), query["dry_run"])
    return _done(found, query["dry_run"])


@blp.route("/me/performance-plans/<plan_id>/<step>", methods=["POST"])
@blp.arguments(PlanStepBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, PlanDoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*EMPLOYEES)
def performance_plan_step(body: dict[str, Any], query: dict[str, Any], plan_id: str,
                          step: str) -> tuple[dict[str, Any], int]:
    """One step of a plan: the employee's submission or objection (reason); the superior's
    agreement, revision (results) or rating (work_result, behaviour); the rater's superior's
    objection-decision (outcome, reason; work_result and behaviour when upheld)."""
    if step not in STEPS:
        abort(404)
    plan, caller = _plan(plan_id), UUID(own_employee_id())
    if (step in EMPLOYEE_STEPS and caller != plan.employee_id) or \
            (step in SUPERIOR_STEPS and caller != plan.superior_id) or \
            (step == "objection-decision" and not _is_higher_official(plan, caller)):
        abort(404)
    needs = {"revision": ("results",), "rating": ("work_result", "behaviour"),
             "objection": ("reason",), "objection-decision": ("outcome", "reason")}
    missing = [name for name in needs.get(step, ()) if body.get(name) is None]
    if missing:
        abort(422, message=f"{missing[0]}: required",
              errors={"json": {name: ["required"] for name in missing}})
    performance, actor = get_service(current_app).performance, current_user.actor
    work_result = Expectation(body["work_result"]) if body.get("work_result") else None
    behaviour = Expectation(body["behaviour"]) if body.get("behaviour") else None
    commands: dict[str, Callable[[], Any]] = {
        "submission": lambda: performance.submit_plan(plan.id, actor=actor),
        "objection": lambda: performance.object_to_rating(plan.id, reason=body["reason"],
                                                           actor=actor),
        "agreement": lambda: performance.agree_plan(plan.id, actor=actor),
        "revision": lambda: performance.revise_plan(plan.id,
                                                    results=_results(body["results"]),
                                                    actor=actor),
        "rating": lambda: performance.rate(plan.id, work_result=Expectation(body["work_result"]),
                                           behaviour=Expectation(body["behaviour"]),
                                           rated_on=date.today(), actor=actor),
        "objection-decision": lambda: performance.decide_objection(
            plan.id, outcome=ObjectionOutcome(body["outcome"]), decided_by=caller,
            reason=body["reason"], work_result=work_result, behaviour=behaviour, actor=actor)}
    run_command(commands[step], query["dry_run"])
    return _done(plan.id, query["dry_run"])


@blp.route("/me/performance-plans/<plan_id>/feedback")
@blp.response(200, PlanFeedbackSchema(many=True))
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@roles_required(*EMPLOYEES)
def performance_feedback(plan_id: str) -> list[dict[str, Any]]:
    """The plan's feedback, dialogues, coaching and counselling, for its two parties only."""
    plan, caller = _plan(plan_id), UUID(own_employee_id())
    try:
        entries = get_service(current_app).performance.feedback_of(plan.id, Reader(caller))
    except DomainError:
        abort(404)
    return [{"kind": kind.value, "held_on": held_on, "text": text}
            for kind, held_on, text in entries]


@blp.route("/me/performance-plans/<plan_id>/feedback", methods=["POST"])
@blp.arguments(PlanFeedbackBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, PlanDoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*EMPLOYEES)
def record_performance_feedback(body: dict[str, Any], query: dict[str, Any],
                                plan_id: str) -> tuple[dict[str, Any], int]:
    """Feedback written by one of the plan's two parties (sealed; only they read it)."""
    plan, caller = _plan(plan_id), UUID(own_employee_id())
    if caller not in (plan.employee_id, plan.superior_id):
        abort(404)
    run_command(lambda: get_service(current_app).performance.record_feedback(
        plan.id, kind=FeedbackKind(body["kind"]), author_id=caller, text=body["text"],
        held_on=body["held_on"], actor=current_user.actor), query["dry_run"])
    return _done(plan.id, query["dry_run"])


@blp.route("/unit-performance")
@blp.arguments(PerformanceYearArgs, location="query")
@blp.response(200, UnitPredicateSchema(many=True))
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(*READERS)
def unit_performance(args: dict[str, Any]) -> list[dict[str, Any]]:
    """The unit and agency predicates of `year` in the caller's scope, with the count of
    staff per rating given under each."""
    return unit_predicates(catch_up_views(current_app), scope(), args["year"])


@blp.route("/unit-performance", methods=["POST"])
@blp.arguments(UnitPredicateBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, PlanDoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*WRITERS)
def set_unit_performance(body: dict[str, Any], query: dict[str, Any]
                         ) -> tuple[dict[str, Any], int]:
    """Set a unit's (or the agency's) predicate of a year from its indicators, before its
    staff are rated: the distribution of their ratings follows from it."""
    agency = hr_queries.agency(catch_up_views(current_app), body["agency_id"].hex)
    if agency is None:
        abort(404)
    assert agency is not None  # abort raised
    check_writable(agency["government_id"], agency["id"])
    found = run_command(lambda: get_service(current_app).performance.set_unit_predicate(
        agency_id=body["agency_id"], unit_id=body["unit_id"], year=body["year"],
        predicate=OrganisationPredicate(body["predicate"]),
        indicators=[UnitIndicator(i["name"], i["target"], i["achieved"])
                    for i in body["indicators"]],
        ikm=body["ikm"], complaints_on_time_percent=body["complaints_on_time_percent"],
        head_id=body["head_id"], staff_count=body["staff_count"], actor=current_user.actor),
        query["dry_run"])
    return _done(found, query["dry_run"])
