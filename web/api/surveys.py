"""The API's operations of satisfaction surveys: a unit's survey periods with their results,
opening one, issuing a batch of one-time codes (returned once) and closing it. The same
commands and rules as the staff pages (web/hr/surveys.py); each POST takes `?dry_run=true`."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from flask import current_app, url_for
from flask_login import current_user
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from domain.errors import DomainError
from domain.survey import CODES_PER_BATCH, POPULATION_MAX
from projections.views import survey as survey_queries
from web import catch_up_views, get_service
from web.access import READERS, WRITERS, check_readable, check_writable, roles_required, scope
from web.api.commands import run_command
from web.api.routes import blp
from web.api.schemas import DryRunArgs, ProblemSchema


class ResultSchema(Schema):
    ikm = fields.String(metadata={"description": "the index rounded half up to two decimals "
                                                 "(exact weights of 1/9)"})
    ikm_exact = fields.String(metadata={"description": "the exact index as a fraction"})
    grade = fields.String(metadata={"description": "A, B, C or D (PermenPANRB 14/2017)"})
    element_means = fields.List(fields.String(), metadata={"description": "NRR of U1..U9"})
    responses = fields.Integer()
    minimum_sample = fields.Integer()
    is_enough = fields.Boolean()


class SurveyPeriodSchema(Schema):
    id = fields.String()
    unit_id = fields.String()
    agency_id = fields.String()
    starts_on = fields.Date()
    ends_on = fields.Date()
    population = fields.Integer()
    element_set = fields.String()
    is_closed = fields.Boolean()
    is_running = fields.Boolean()
    codes_issued = fields.Integer()
    coded_responses = fields.Integer()
    open_responses = fields.Integer()
    version = fields.Integer()
    result = fields.Nested(ResultSchema, allow_none=True)
    coded_result = fields.Nested(ResultSchema, allow_none=True,
                                 metadata={"description": "the coded responses alone"})


class PeriodBody(Schema):
    starts_on = fields.Date(required=True)
    ends_on = fields.Date(required=True)
    population = fields.Integer(required=True,
                                validate=validate.Range(min=1, max=POPULATION_MAX))


class CodesBody(Schema):
    count = fields.Integer(required=True, validate=validate.Range(min=1, max=CODES_PER_BATCH))
    version = fields.Integer(load_default=None, validate=validate.Range(min=1, max=10**7),
                             metadata={"description": "the period's version as read"})


class CloseBody(Schema):
    version = fields.Integer(required=True, validate=validate.Range(min=1, max=10**7),
                             metadata={"description": "the period's version as read"})


class PeriodDoneSchema(Schema):
    id = fields.String(allow_none=True)
    dry_run = fields.Boolean()
    codes = fields.List(fields.String(), metadata={
        "description": "the new one-time codes, returned this once (only hashes are kept)"})
    urls = fields.List(fields.String(), metadata={"description": "the survey form of each code"})


def _result(result: Any) -> dict[str, Any] | None:
    if result is None:
        return None
    return {"ikm": str(result.index_shown), "ikm_exact": str(result.index),
            "grade": result.grade.value, "element_means": [str(m) for m in result.means],
            "responses": result.responses, "minimum_sample": result.required,
            "is_enough": result.is_enough}


def _body(row: survey_queries.PeriodRow) -> dict[str, Any]:
    return {"id": row.id, "unit_id": row.unit_id, "agency_id": row.agency_id,
            "starts_on": row.starts_on, "ends_on": row.ends_on, "population": row.population,
            "element_set": row.element_set, "is_closed": row.is_closed,
            "is_running": row.is_running(date.today()), "codes_issued": row.codes_issued,
            "coded_responses": row.coded_n, "open_responses": row.open_n,
            "version": row.version, "result": _result(row.result()),
            "coded_result": _result(row.coded_result())}


def _period(period_id: str) -> Any:
    try:
        period = get_service(current_app).survey.get_period(UUID(period_id))
    except (ValueError, DomainError):
        abort(404)
    check_readable(period.government_id.hex, period.agency_id.hex)
    return period


@blp.route("/survey-periods")
@blp.response(200, SurveyPeriodSchema(many=True))
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(*READERS)
def survey_periods() -> list[dict[str, Any]]:
    """Survey periods of the units in the caller's scope, latest first, with their results."""
    where = scope()
    rows = survey_queries.periods(catch_up_views(current_app),
                                  government_id=where.government_id, agency_id=where.agency_id)
    return [_body(r) for r in rows]


@blp.route("/survey-periods/<period_id>")
@blp.response(200, SurveyPeriodSchema)
@blp.alt_response(404, schema=ProblemSchema)
@roles_required(*READERS)
def survey_period(period_id: str) -> dict[str, Any]:
    """One period: its tallies and its result (IKM, grade, sample adequacy)."""
    period = _period(period_id)
    row = survey_queries.period_by_id(catch_up_views(current_app), period.id.hex)
    if row is None:
        abort(404)
    assert row is not None  # abort raised
    return _body(row)


@blp.route("/service-units/<unit_id>/survey-periods", methods=["POST"])
@blp.arguments(PeriodBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, PeriodDoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*WRITERS)
def open_survey_period(body: dict[str, Any], query: dict[str, Any], unit_id: str
                       ) -> tuple[dict[str, Any], int]:
    """Open a survey period of the unit (at most a year; the population sets the sample)."""
    try:
        unit = get_service(current_app).voice.get_unit(UUID(unit_id))
    except (ValueError, DomainError):
        abort(404)
    check_writable(unit.government_id.hex, unit.agency_id.hex)
    others = survey_queries.period_dates_of_unit(catch_up_views(current_app), unit.id.hex)
    period_id = run_command(lambda: get_service(current_app).survey.open_period(
        unit_id=unit.id, starts_on=body["starts_on"], ends_on=body["ends_on"],
        population=body["population"], actor=current_user.actor, other_periods=others),
        query["dry_run"])
    return ({"id": period_id.hex if period_id else None, "dry_run": query["dry_run"]},
            200 if query["dry_run"] else 201)


@blp.route("/survey-periods/<period_id>/codes", methods=["POST"])
@blp.arguments(CodesBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, PeriodDoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(409, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*WRITERS)
def issue_survey_codes(body: dict[str, Any], query: dict[str, Any], period_id: str
                       ) -> tuple[dict[str, Any], int]:
    """Issue a batch of one-time codes, returned this once with each code's survey URL (for
    printing QR codes); a dry run returns none."""
    period = _period(period_id)
    check_writable(period.government_id.hex, period.agency_id.hex)
    codes = run_command(lambda: get_service(current_app).survey.issue_codes(
        period.id, count=body["count"], actor=current_user.actor, version=body["version"]),
        query["dry_run"])
    if query["dry_run"]:
        return {"id": period_id, "dry_run": True, "codes": [], "urls": []}, 200
    code = get_service(current_app).voice.get_unit(period.unit_id).code
    urls = [url_for("survey.survey_form", code=code, kode=c, _external=True) for c in codes]
    return {"id": period_id, "dry_run": False, "codes": codes, "urls": urls}, 201


@blp.route("/survey-periods/<period_id>/close", methods=["POST"])
@blp.arguments(CloseBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, PeriodDoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(409, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*WRITERS)
def close_survey_period(body: dict[str, Any], query: dict[str, Any], period_id: str
                        ) -> tuple[dict[str, Any], int]:
    """Close a period: no response is taken after it; the result stays published."""
    period = _period(period_id)
    check_writable(period.government_id.hex, period.agency_id.hex)
    run_command(lambda: get_service(current_app).survey.close_period(
        period.id, actor=current_user.actor, version=body["version"]), query["dry_run"])
    return {"id": period_id, "dry_run": query["dry_run"]}, 200 if query["dry_run"] else 201
