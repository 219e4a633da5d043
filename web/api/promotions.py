"""The API's operations of promotion periods (/api/v1/promotion-periods...): the periods of the
caller's government, a period's eligibility list and proposals in the caller's scope, proposing,
the administrator's verification, the batch recording and the close, with the rules of the
pages (web/hr/promotion_periods.py).

HR officers and administrators of the period's government reach it (404 for a period of
another government or none); opening, verifying, recording and closing are the administrator's
(403 for an officer). Every write takes `?dry_run=true`; a refused command answers 422 with
every rule it broke in `problems`, and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from flask import current_app, request
from flask_login import current_user
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from domain.errors import ConcurrencyConflictError, DomainError
from domain.personnel_service import PersonnelService
from domain.promotion_period import Eligibility
from domain.promotion_period_service import REJECTION_CODES
from domain.values import Role
from projections.views.promotion_periods import eligibility, period_entries, periods_of
from web import get_service
from web.access import WRITERS, roles_required
from web.api.routes import LANGUAGES, blp
from web.api.schemas import DryRunArgs, ProblemSchema
from web.hr.promotion_periods import PeriodDesk, period_desk
from web.ui import language


class PromotionPeriodSchema(Schema):
    id = fields.String()
    tmt_on = fields.String()
    proposals_open_on = fields.String()
    proposals_close_on = fields.String()
    calendar_basis = fields.String()
    window_basis = fields.String()
    is_closed = fields.Boolean()
    version = fields.Integer()
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={
        "description": "proposals per status"})


class ConditionSchema(Schema):
    rule = fields.String()
    message = fields.String()


class LineSchema(Schema):
    employee_id = fields.String()
    standing = fields.String(metadata={"description": "ELIGIBLE, TO_VERIFY or NOT_ELIGIBLE"})
    kind = fields.String()
    grade = fields.String(allow_none=True)
    to_grade = fields.String(allow_none=True)
    months_in_grade = fields.Integer(allow_none=True)
    ratings = fields.Dict(keys=fields.String(), values=fields.String(allow_none=True))
    education_cap = fields.String(allow_none=True)
    position_range = fields.String(allow_none=True)
    credit_points = fields.Float(allow_none=True)
    credit_points_needed = fields.Integer(allow_none=True)
    missing = fields.List(fields.Nested(ConditionSchema), metadata={
        "description": "each condition not met or not recorded, with its rule code"})


class EntrySchema(Schema):
    employee_id = fields.String()
    agency_id = fields.String()
    kind = fields.String()
    from_grade = fields.String()
    to_grade = fields.String()
    status = fields.String(metadata={"description": "proposed, accepted, returned, rejected, "
                                                    "withdrawn, recorded or recording_refused"})
    proposed_by = fields.String()
    proposed_on = fields.String()
    credit_points = fields.Float(allow_none=True)
    codes = fields.String(allow_none=True, metadata={"description": "rule codes, spaced"})
    decree_number = fields.String(allow_none=True)
    decree_signed_on = fields.String(allow_none=True)
    employee_version = fields.Integer(allow_none=True)


class OpenBody(Schema):
    tmt_on = fields.Date(required=True)


class ProposeBody(Schema):
    employee_ids = fields.List(fields.UUID(), required=True,
                               validate=validate.Length(min=1, max=500))


class DecisionBody(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(
        ("accept", "return", "reject")))
    reason = fields.String(load_default=None, validate=validate.Length(max=500))
    code = fields.String(load_default=None, validate=validate.OneOf(REJECTION_CODES))
    credit_points = fields.Float(load_default=None, validate=validate.Range(min=0, max=10_000))


class BatchBody(Schema):
    signed_on = fields.Date(required=True)
    decree_pattern = fields.String(load_default=None, validate=validate.Length(max=120),
                                   metadata={"description": "e.g. 800/{n}/BKPSDM/2027"})
    first_number = fields.Integer(load_default=1, validate=validate.Range(min=1, max=99_999))
    decrees = fields.Dict(keys=fields.UUID(), values=fields.String(validate=validate.Length(
        max=120)), load_default=None, metadata={"description": "employee id: decree number"})
    employee_ids = fields.List(fields.UUID(), load_default=None, metadata={
        "description": "record these accepted proposals only (default: all)"})


class BatchEntrySchema(Schema):
    employee_id = fields.String()
    decree_number = fields.String()
    recorded = fields.Boolean()
    employee_version = fields.Integer(allow_none=True)
    problems = fields.List(fields.Nested(ConditionSchema))


class WriteSchema(Schema):
    id = fields.String(allow_none=True)
    dry_run = fields.Boolean()
    results = fields.List(fields.Nested(BatchEntrySchema), load_default=None)


ADMIN_OPERATIONS = {"api.open_promotion_period", "api.decide_promotion",
                    "api.record_promotion_batch", "api.close_promotion_period"}
OPERATIONS = ADMIN_OPERATIONS | {"api.promotion_periods_list", "api.promotion_eligibility",
                                 "api.promotion_proposals", "api.propose_promotions"}


@blp.before_request
def promotion_period_access() -> None:
    """Before the body is read (as the other operations do): HR staff only (403), a period of
    another government or none answers 404, an administrator's operation refuses anyone
    else (403)."""
    if request.endpoint not in OPERATIONS:
        return
    if current_user.role not in WRITERS:
        abort(403)
    period_id = (request.view_args or {}).get("period_id")
    if period_id is not None:
        period_desk(period_id)
    if request.endpoint in ADMIN_OPERATIONS and current_user.role is not Role.HR_ADMIN:
        abort(403, message="HR administrators only")


def _refused(refused: DomainError) -> None:
    problems = [{"rule": p.code, "field": p.field, "message": p.message(language()),
                 "messages": {lang: p.message(lang) for lang in LANGUAGES}}
                for p in refused.problems]  # every rule the command broke
    abort(422, message=refused.message(language()), problems=problems)


def _period(period_id: str, admin: bool = False) -> PeriodDesk:
    desk = period_desk(period_id)
    if admin and current_user.role is not Role.HR_ADMIN:
        abort(403, message="HR administrators only")
    return desk


def _write(run: Callable[[PersonnelService], Any], dry_run: bool) -> Any:
    service = get_service(current_app)
    try:
        if dry_run:
            with service.dry_run():
                return run(service)
        return run(service)
    except ConcurrencyConflictError as conflict:
        abort(409, message=conflict.message(language()))
    except DomainError as refused:
        _refused(refused)


def _line(line: Eligibility) -> dict[str, Any]:
    rng = line.position_range
    return {"employee_id": line.employee_id.hex, "standing": line.standing.value,
            "kind": line.kind.value, "grade": str(line.grade) if line.grade else None,
            "to_grade": str(line.to_grade) if line.to_grade else None,
            "months_in_grade": line.months_in_grade,
            "ratings": {str(year): rating.value if rating else None
                        for year, rating in line.ratings},
            "education_cap": str(line.education_cap) if line.education_cap else None,
            "position_range": f"{rng.lowest}–{rng.highest}" if rng else None,
            "credit_points": line.credit_points,
            "credit_points_needed": line.credit_points_needed,
            "missing": [{"rule": p.code, "message": p.message(language())}
                        for p in line.problems + line.to_verify]}


@blp.route("/promotion-periods")
@blp.response(200, PromotionPeriodSchema(many=True))
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(*WRITERS)
def promotion_periods_list() -> list[dict[str, Any]]:
    """The promotion periods of the caller's government, the latest TMT first."""
    desk = period_desk(None)
    return [{**row, "is_closed": bool(row["is_closed"])}
            for row in periods_of(desk.projections, desk.government_id)]


@blp.route("/promotion-periods", methods=["POST"])
@blp.arguments(OpenBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, WriteSchema)
@blp.alt_response(422, schema=ProblemSchema)
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(Role.HR_ADMIN)
def open_promotion_period(body: dict[str, Any], query: dict[str, Any]) -> tuple[Any, int]:
    """Open the period of a TMT of the calendar for the caller's government."""
    desk = period_desk(None)
    government_id = UUID(desk.government_id)
    found = _write(lambda service: service.promotion_periods.open_period(
        government_id, tmt_on=body["tmt_on"], actor=current_user.actor), query["dry_run"])
    if query["dry_run"]:
        return {"id": None, "dry_run": True}, 200
    return {"id": found.hex, "dry_run": False}, 201


@blp.route("/promotion-periods/<period_id>/eligibility")
@blp.response(200, LineSchema(many=True))
@blp.alt_response(404, schema=ProblemSchema)
@roles_required(*WRITERS)
def promotion_eligibility(period_id: str) -> list[dict[str, Any]]:
    """The period's eligibility list in the caller's scope (an officer's agency, an
    administrator's government), each line with the conditions it misses."""
    desk = _period(period_id)
    assert desk.period is not None
    return [_line(line) for line in eligibility(desk.projections, desk.service,
                                                desk.period.tmt_on, desk.scope)]


@blp.route("/promotion-periods/<period_id>/proposals")
@blp.response(200, EntrySchema(many=True))
@blp.alt_response(404, schema=ProblemSchema)
@roles_required(*WRITERS)
def promotion_proposals(period_id: str) -> list[dict[str, Any]]:
    """The period's proposals in the caller's scope and where each stands."""
    desk = _period(period_id)
    assert desk.period is not None
    keep = set(EntrySchema().fields)
    return [{k: v for k, v in row.items() if k in keep}
            for row in period_entries(desk.projections, desk.period.id.hex, desk.scope)]


@blp.route("/promotion-periods/<period_id>/proposals", methods=["POST"])
@blp.arguments(ProposeBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, WriteSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*WRITERS)
def propose_promotions(body: dict[str, Any], query: dict[str, Any],
                       period_id: str) -> tuple[Any, int]:
    """Propose employees from the list, all together or none (each must be in the caller's
    scope, eligible or to verify, inside the proposal window)."""
    desk = _period(period_id)
    assert desk.period is not None
    in_scope = {line.employee_id for line in eligibility(desk.projections, desk.service,
                                                           desk.period.tmt_on, desk.scope)}
    if any(e not in in_scope for e in body["employee_ids"]):
        abort(404, message="employee not found in scope")
    period = desk.period.id
    _write(lambda service: service.promotion_periods.propose_all(
        period, body["employee_ids"], actor=current_user.actor), query["dry_run"])
    return {"id": period.hex, "dry_run": query["dry_run"]}, 200 if query["dry_run"] else 201


@blp.route("/promotion-periods/<period_id>/proposals/<employee_id>/decision",
           methods=["POST"])
@blp.arguments(DecisionBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(200, WriteSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*WRITERS)
def decide_promotion(body: dict[str, Any], query: dict[str, Any], period_id: str,
                     employee_id: str) -> dict[str, Any]:
    """The administrator's verification of one proposal: accept (with the PAK's credit points
    for a functional post), return with a reason, or reject with a rule code."""
    desk = _period(period_id, admin=True)
    assert desk.period is not None
    try:
        employee = UUID(hex=employee_id)
    except ValueError:
        abort(404, message="not found")
    period, actor = desk.period.id, current_user.actor

    def decide(service: PersonnelService) -> None:
        periods = service.promotion_periods
        if body["decision"] == "accept":
            periods.accept(period, employee, actor=actor, credit_points=body["credit_points"])
        elif body["decision"] == "return":
            periods.return_proposal(period, employee, reason=body["reason"], actor=actor)
        else:
            periods.reject(period, employee, code=body["code"] or "", actor=actor)

    _write(decide, query["dry_run"])
    return {"id": period.hex, "dry_run": query["dry_run"]}


@blp.route("/promotion-periods/<period_id>/batch", methods=["POST"])
@blp.arguments(BatchBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(200, WriteSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*WRITERS)
def record_promotion_batch(body: dict[str, Any], query: dict[str, Any],
                           period_id: str) -> dict[str, Any]:
    """Record the accepted proposals as promotions in one transaction, each with its own decree
    number (from `decree_pattern` or `decrees`); an entry refused on the day is listed with its
    rules and the others land."""
    desk = _period(period_id, admin=True)
    assert desk.period is not None
    period = desk.period.id
    results = _write(lambda service: service.promotion_periods.record_batch(
        period, signed_on=body["signed_on"], actor=current_user.actor,
        decrees=body["decrees"], decree_pattern=body["decree_pattern"],
        first_number=body["first_number"], employee_ids=body["employee_ids"]),
        query["dry_run"])
    return {"id": period.hex, "dry_run": query["dry_run"], "results": [
        {"employee_id": r.employee_id.hex, "decree_number": r.decree.number,
         "recorded": r.is_recorded, "employee_version": r.employee_version,
         "problems": [{"rule": p.code, "message": p.message(language())}
                      for p in r.problems]} for r in results]}


@blp.route("/promotion-periods/<period_id>/close", methods=["POST"])
@blp.arguments(DryRunArgs, location="query")
@blp.response(200, WriteSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*WRITERS)
def close_promotion_period(query: dict[str, Any], period_id: str) -> dict[str, Any]:
    """Close the period once no proposal waits for verification or recording."""
    desk = _period(period_id, admin=True)
    assert desk.period is not None
    period = desk.period.id
    _write(lambda service: service.promotion_periods.close_period(
        period, actor=current_user.actor), query["dry_run"])
    return {"id": period.hex, "dry_run": query["dry_run"]}

