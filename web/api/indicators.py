"""The API's operations of monitoring and evaluation indicators: the list and one indicator
(targets and every month's actual), defining one, and the HR administrator's steps (target,
actual, correction). The same commands and rules as the staff pages (web/hr/indicators.py);
each POST takes `?dry_run=true`, and a refusal lists every problem the command met."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from flask import current_app, request
from flask_login import current_user
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from domain.errors import DomainError
from domain.indicator import Direction, Indicator, IndicatorKind, MeasureUnit
from domain.values import Role
from projections.views.indicators import IndicatorRow, indicator_by_id, indicators_of
from web import catch_up_views, get_service
from web.access import READERS, roles_required, scope
from web.api.commands import run_command
from web.api.routes import blp
from web.api.schemas import DryRunArgs, ProblemSchema

STEPS = ("target", "actual", "correction")
ADMIN_OPERATIONS = ("api.define_indicator", "api.indicator_step")


class IndicatorActualSchema(Schema):
    month = fields.Date()
    value = fields.Float()
    base = fields.Integer(allow_none=True, metadata={
        "description": "the people (or items) the figure counts, when known"})
    is_computed = fields.Boolean()
    corrections = fields.Integer()


class IndicatorTargetSchema(Schema):
    year = fields.Integer()
    value = fields.Float()


class IndicatorSchema(Schema):
    id = fields.String()
    government_id = fields.String()
    kind = fields.String(metadata={"description": ", ".join(k.value for k in IndicatorKind)})
    name = fields.String()
    measure = fields.String()
    direction = fields.String()
    consultation_id = fields.String(allow_none=True)
    policy_title = fields.String(allow_none=True)
    targets = fields.List(fields.Nested(IndicatorTargetSchema))
    actuals = fields.List(fields.Nested(IndicatorActualSchema))
    version = fields.Integer()


class IndicatorDefineBody(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(
        [k.value for k in IndicatorKind]))
    name = fields.String(required=True, validate=validate.Length(max=400))
    measure = fields.String(required=True, validate=validate.OneOf(
        [m.value for m in MeasureUnit]))
    direction = fields.String(required=True, validate=validate.OneOf(
        [d.value for d in Direction]))
    consultation_id = fields.UUID(load_default=None, allow_none=True)
    policy_title = fields.String(load_default=None, allow_none=True,
                                 validate=validate.Length(max=400))


class IndicatorStepBody(Schema):
    version = fields.Integer(required=True, validate=validate.Range(min=1, max=10**6),
                             metadata={"description": "the indicator's version as read"})
    year = fields.Integer(validate=validate.Range(min=1900, max=2200),
                          metadata={"description": "target: the year"})
    month = fields.Date(metadata={"description": "actual, correction: the month's 1st"})
    value = fields.Float(allow_nan=False, validate=validate.Range(min=-1e12, max=1e12))
    base = fields.Integer(load_default=None, allow_none=True,
                          validate=validate.Range(min=-1, max=10**9))
    reason = fields.String(validate=validate.Length(max=1000),
                           metadata={"description": "correction: why"})


class IndicatorDoneSchema(Schema):
    id = fields.String(allow_none=True)
    dry_run = fields.Boolean()


@blp.before_request
def indicator_administrators_only() -> None:
    """The HR administrator's operations refuse anyone else before the body is read."""
    if request.endpoint in ADMIN_OPERATIONS and current_user.role is not Role.HR_ADMIN:
        abort(403)


def _shown(row: IndicatorRow) -> dict[str, Any]:
    return {**vars(row), "targets": [{"year": y, "value": v} for y, v in sorted(
        row.targets.items())], "actuals": [{"month": m, **a} for m, a in row.actuals.items()]}


def _loaded(indicator_id: str) -> Indicator:
    try:
        found = get_service(current_app).indicators.get(UUID(indicator_id))
    except (ValueError, DomainError):
        abort(404)
    # An indicator is the government's: every reader of that government reads it.
    if scope().government_id not in (None, found.government_id.hex):
        abort(404)
    return found


@blp.route("/indicators")
@blp.response(200, IndicatorSchema(many=True))
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(*READERS)
def indicators() -> list[dict[str, Any]]:
    """The indicators of the caller's government (all, for an auditor)."""
    return [_shown(row) for row in indicators_of(catch_up_views(current_app),
                                                 government_id=scope().government_id)]


@blp.route("/indicators/<indicator_id>")
@blp.response(200, IndicatorSchema)
@blp.alt_response(404, schema=ProblemSchema)
@roles_required(*READERS)
def indicator(indicator_id: str) -> dict[str, Any]:
    """One indicator with its targets and every month's actual."""
    found = _loaded(indicator_id)
    row = indicator_by_id(catch_up_views(current_app), found.id.hex)
    if row is None:  # defined a moment ago, not yet in the view
        abort(404)
        raise AssertionError  # abort raises; this tells the type checker
    return {**_shown(row), "version": found.version}


@blp.route("/indicators", methods=["POST"])
@blp.arguments(IndicatorDefineBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, IndicatorDoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(Role.HR_ADMIN)
def define_indicator(body: dict[str, Any], query: dict[str, Any]
                     ) -> tuple[dict[str, Any], int]:
    """Define an indicator of the administrator's government for a policy (a consultation
    or a title)."""
    government_id = scope().government_id
    if government_id is None:
        abort(403)
    new_id = run_command(lambda: get_service(current_app).indicators.define_indicator(
        government_id=UUID(government_id), kind=IndicatorKind(body["kind"]), name=body["name"],
        measure=MeasureUnit(body["measure"]), direction=Direction(body["direction"]),
        consultation_id=body["consultation_id"], policy_title=body["policy_title"],
        actor=current_user.actor), query["dry_run"])
    return ({"id": new_id.hex if new_id else None, "dry_run": query["dry_run"]},
            200 if query["dry_run"] else 201)


@blp.route("/indicators/<indicator_id>/<step>", methods=["POST"])
@blp.arguments(IndicatorStepBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, IndicatorDoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(409, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(Role.HR_ADMIN)
def indicator_step(body: dict[str, Any], query: dict[str, Any], indicator_id: str,
                   step: str) -> tuple[dict[str, Any], int]:
    """target (year, value); actual (month, value, base); correction (month, value, base,
    reason)."""
    if step not in STEPS:
        abort(404)
    key = _loaded(indicator_id).id
    needs = {"target": ("year", "value"), "actual": ("month", "value"),
             "correction": ("month", "value", "reason")}[step]
    missing = [name for name in needs if body.get(name) is None]
    if missing:
        abort(422, message=f"{missing[0]}: required",
              errors={"json": {name: ["required"] for name in missing}})
    service, actor, version = get_service(current_app).indicators, current_user.actor, \
        body["version"]
    commands: dict[str, Callable[[], Any]] = {
        "target": lambda: service.set_target(key, year=body["year"], value=body["value"],
                                             actor=actor, version=version),
        "actual": lambda: service.record_actual(key, month=body["month"], value=body["value"],
                                                base=body["base"], actor=actor,
                                                version=version),
        "correction": lambda: service.correct_actual(
            key, month=body["month"], value=body["value"], base=body["base"],
            reason=body["reason"], actor=actor, version=version)}
    run_command(commands[step], query["dry_run"])
    return {"id": indicator_id, "dry_run": query["dry_run"]}, 200 if query["dry_run"] else 201
