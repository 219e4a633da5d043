"""The API's operations of anonymous employee surveys: the surveys of the caller's scope with
their results (only once over and from 10 answers, as on the pages) and how many answers wait
in the ballot box, opening one, printing a batch of codes for an agency (returned once) and
closing it (which records what waits). The same commands and rules as the staff pages
(web/hr/staff_surveys.py); each POST takes `?dry_run=true`. An employee's desk code and the
answer are not API operations: the answer page is public on purpose."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from flask import current_app, url_for
from flask_login import current_user
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from domain.errors import DomainError
from domain.staff_survey import BALLOT_BATCH, CODES_PER_BATCH, ITEMS_MAX
from projections.views import staff_survey as queries
from web import catch_up_views, get_service
from web.access import READERS, WRITERS, check_readable, check_writable, roles_required, scope
from web.api.commands import run_command
from web.api.routes import blp
from web.api.schemas import DryRunArgs, ProblemSchema


class StaffSurveyTallySchema(Schema):
    answers = fields.Integer()
    counts = fields.List(fields.List(fields.Integer()), metadata={
        "description": "per statement, the answers of each score 1..5"})


class StaffSurveySchema(Schema):
    id = fields.String()
    agency_id = fields.String(allow_none=True, metadata={"description": "None: every "
                                                         "employee of the government"})
    title = fields.String()
    topic = fields.String()
    consultation_id = fields.String(allow_none=True)
    items = fields.List(fields.String())
    has_free_text = fields.Boolean()
    opens_on = fields.Date()
    closes_on = fields.Date()
    is_closed = fields.Boolean()
    is_running = fields.Boolean()
    codes_printed = fields.Integer()
    codes_taken = fields.Integer()
    answers_waiting = fields.Integer(metadata={
        "description": "answers received but not yet recorded: they are recorded in groups "
                       f"of at least {BALLOT_BATCH} (all at close), so that none can be "
                       "matched with its respondent; not counted in the result"})
    version = fields.Integer()
    result = fields.Nested(StaffSurveyTallySchema, allow_none=True, metadata={
        "description": "None while the survey runs and under 10 answers (hidden)"})
    by_agency = fields.Dict(keys=fields.String(), values=fields.Nested(StaffSurveyTallySchema),
                            allow_none=True, metadata={
                                "description": "only when every group holds 10 or more"})


class StaffSurveyBody(Schema):
    title = fields.String(required=True, validate=validate.Length(max=200))
    agency_id = fields.UUID(load_default=None)
    topic = fields.String(load_default="", validate=validate.Length(max=300))
    consultation_id = fields.UUID(load_default=None)
    items = fields.List(fields.String(validate=validate.Length(max=300)), required=True,
                        validate=validate.Length(min=1, max=ITEMS_MAX))
    free_text_question = fields.String(load_default=None, validate=validate.Length(max=300))
    opens_on = fields.Date(required=True)
    closes_on = fields.Date(required=True)


class StaffSurveyCodesBody(Schema):
    agency_id = fields.UUID(load_default=None, metadata={
        "description": "the agency the codes are for (an agency survey: its own)"})
    count = fields.Integer(required=True, validate=validate.Range(min=1, max=CODES_PER_BATCH))
    version = fields.Integer(load_default=None, validate=validate.Range(min=1, max=10**7))


class StaffSurveyCloseBody(Schema):
    version = fields.Integer(required=True, validate=validate.Range(min=1, max=10**7))


class StaffSurveyDoneSchema(Schema):
    id = fields.String(allow_none=True)
    dry_run = fields.Boolean()
    codes = fields.List(fields.String(), metadata={
        "description": "the new codes, returned this once (only hashes are kept)"})
    urls = fields.List(fields.String(), metadata={"description": "the answer page of each"})


def _tally(tally: queries.Tally | None) -> dict[str, Any] | None:
    return None if tally is None else {"answers": tally.n, "counts": tally.counts}


def _body(row: queries.SurveyRow) -> dict[str, Any]:
    results = row.results(date.today())
    waiting = get_service(current_app).staff_survey.waiting(UUID(row.id))
    return {"id": row.id, "agency_id": row.agency_id, "title": row.title, "topic": row.topic,
            "consultation_id": row.consultation_id, "items": row.items,
            "has_free_text": row.has_free_text, "opens_on": row.opens_on,
            "closes_on": row.closes_on, "is_closed": row.is_closed,
            "is_running": row.is_running(date.today()), "codes_printed": row.codes_printed,
            "codes_taken": row.codes_taken, "answers_waiting": waiting,
            "version": row.version,
            "result": _tally(results.total),
            "by_agency": None if results.by_agency is None else {
                k: _tally(v) for k, v in results.by_agency.items()}}


def _survey(survey_id: str) -> Any:
    try:
        survey = get_service(current_app).staff_survey.get(UUID(survey_id))
    except (ValueError, DomainError):
        abort(404)
    check_readable(survey.government_id.hex,
                   survey.agency_id.hex if survey.agency_id else None)
    return survey


@blp.route("/staff-surveys")
@blp.response(200, StaffSurveySchema(many=True))
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(*READERS)
def staff_surveys() -> list[dict[str, Any]]:
    """Employee surveys in the caller's scope, latest first."""
    where = scope()
    rows = queries.surveys(catch_up_views(current_app), government_id=where.government_id)
    return [_body(r) for r in rows if where.admits(r.government_id, r.agency_id)]


@blp.route("/staff-surveys/<survey_id>")
@blp.response(200, StaffSurveySchema)
@blp.alt_response(404, schema=ProblemSchema)
@roles_required(*READERS)
def staff_survey(survey_id: str) -> dict[str, Any]:
    """One survey with its results, if they may be shown."""
    survey = _survey(survey_id)
    row = queries.survey_by_id(catch_up_views(current_app), survey.id.hex)
    if row is None:
        abort(404)
    assert row is not None  # abort raised
    return _body(row)


@blp.route("/staff-surveys", methods=["POST"])
@blp.arguments(StaffSurveyBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, StaffSurveyDoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*WRITERS)
def open_staff_survey(body: dict[str, Any], query: dict[str, Any]
                      ) -> tuple[dict[str, Any], int]:
    """Open a survey of the caller's government (an HR officer: of their agency only)."""
    where = scope()
    if where.government_id is None:
        abort(404)
    agency = body["agency_id"]
    check_writable(where.government_id, agency.hex if agency else None)
    survey_id = run_command(lambda: get_service(current_app).staff_survey.open_survey(
        government_id=UUID(where.government_id), agency_id=agency, title=body["title"],
        topic=body["topic"], items=body["items"],
        free_text_question=body["free_text_question"] or None, opens_on=body["opens_on"],
        closes_on=body["closes_on"], consultation_id=body["consultation_id"],
        actor=current_user.actor), query["dry_run"])
    return ({"id": survey_id.hex if survey_id else None, "dry_run": query["dry_run"]},
            200 if query["dry_run"] else 201)


@blp.route("/staff-surveys/<survey_id>/codes", methods=["POST"])
@blp.arguments(StaffSurveyCodesBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, StaffSurveyDoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(409, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*WRITERS)
def issue_staff_survey_codes(body: dict[str, Any], query: dict[str, Any], survey_id: str
                             ) -> tuple[dict[str, Any], int]:
    """Print a batch of codes for an agency, returned this once with each answer URL (for
    QR codes); a dry run returns none."""
    survey = _survey(survey_id)
    check_writable(survey.government_id.hex,
                   survey.agency_id.hex if survey.agency_id else None)
    agency = body["agency_id"] or survey.agency_id
    if agency is None:
        abort(422, message="agency_id", errors={"json": {"agency_id": ["required"]}})
    codes = run_command(lambda: get_service(current_app).staff_survey.issue_codes(
        survey.id, agency_id=agency, count=body["count"], actor=current_user.actor,
        version=body["version"]), query["dry_run"])
    if query["dry_run"]:
        return {"id": survey_id, "dry_run": True, "codes": [], "urls": []}, 200
    urls = [url_for("staff_survey.answer_form", survey_id=survey.id.hex, kode=c,
                    _external=True) for c in codes]
    return {"id": survey_id, "dry_run": False, "codes": codes, "urls": urls}, 201


@blp.route("/staff-surveys/<survey_id>/close", methods=["POST"])
@blp.arguments(StaffSurveyCloseBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, StaffSurveyDoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(409, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*WRITERS)
def close_staff_survey(body: dict[str, Any], query: dict[str, Any], survey_id: str
                       ) -> tuple[dict[str, Any], int]:
    """Close a survey: no answer after it, and its desk key is destroyed."""
    survey = _survey(survey_id)
    check_writable(survey.government_id.hex,
                   survey.agency_id.hex if survey.agency_id else None)
    run_command(lambda: get_service(current_app).staff_survey.close(
        survey.id, actor=current_user.actor, version=body["version"]), query["dry_run"])
    return {"id": survey_id, "dry_run": query["dry_run"]}, 200 if query["dry_run"] else 201
