"""The API's TPP operations (/api/v1/tpp-regulations, /tpp-runs, /me/tpp), with the rules of the
pages (web/hr/tpp.py, web/self_service/tpp.py).

HR officers and administrators of the government read its regulation versions and runs; a
run of another government or none answers 404; an officer reads the totals and lines of their
own agency only. The HR administrator adopts versions, records the Mendagri approval letter of a
version that arrived after it, and runs months (403 for an officer); the writes take
`?dry_run=true` and answer a refusal with 422 and every rule in `problems`.
An employee's token reaches /me/tpp: their own months only.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any
from uuid import UUID

from flask import request
from flask_login import current_user
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from domain.tpp_rules import FULL, Criterion
from domain.tpp_tables import example_regulation
from domain.values import LegalBasis, Rating, Role
from projections.views.tpp import agency_totals, regulations_of, runs_of
from web.access import EMPLOYEES, WRITERS, own_employee_id, roles_required
from web.api.commands import run_command
from web.api.routes import blp
from web.api.schemas import DryRunArgs, ProblemSchema
from web.hr.tpp import opened_lines, run_in_government, tpp_desk
from web.self_service.tpp import own_months

BASIS_POINTS = validate.Range(min=0, max=FULL)
ADMIN_OPERATIONS = {"api.adopt_tpp_regulation", "api.approve_tpp_regulation",
                    "api.run_tpp_month"}


@blp.before_request
def tpp_admin_access() -> None:
    """Before the body is read (as the other operations do): the administrator's writes
    refuse anyone else with 403, whatever they sent."""
    if request.endpoint in ADMIN_OPERATIONS and current_user.is_authenticated \
            and current_user.role is not Role.HR_ADMIN:
        abort(403, message="HR administrators only")


class TppRegulationSchema(Schema):
    effective_from = fields.String()
    year = fields.Integer()
    perkada = fields.String()
    approval_ref = fields.String(allow_none=True, metadata={
        "description": "the Mendagri approval letter: named in the table or recorded after it; "
                       "null while not approved (no month under the version is run)"})
    approval_signed_on = fields.String(allow_none=True, metadata={
        "description": "the letter's date when it was recorded after the version"})
    adopted_by = fields.String()
    consultation_id = fields.String(
        allow_none=True, metadata={"description": "the public consultation of its draft"})
    table = fields.Dict(metadata={"description": "the version's whole table as stored"})


class TppRegulationBody(Schema):
    effective_from = fields.Date(required=True)
    perkada = fields.String(required=True, validate=validate.Length(min=1, max=200))
    approval_ref = fields.String(load_default=None, validate=validate.Length(max=120))
    consultation_id = fields.UUID(
        load_default=None, allow_none=True,
        metadata={"description": "the answered consultation on the draft TPP rules that "
                                 "preceded this version, if one was held"})
    base_by_class = fields.Dict(
        keys=fields.Integer(validate=validate.Range(min=1, max=99)),
        values=fields.Integer(validate=validate.Range(min=0, max=10**12)), required=True,
        metadata={"description": "rupiah a month per job class"})
    criteria_shares = fields.Dict(
        keys=fields.String(validate=validate.OneOf([c.value for c in Criterion])),
        values=fields.Integer(validate=BASIS_POINTS), required=True,
        metadata={"description": "basis points per criterion, together 10000"})
    predicate_cuts = fields.Dict(
        keys=fields.String(validate=validate.OneOf([r.value for r in Rating])),
        values=fields.Integer(validate=BASIS_POINTS), load_default=dict,
        metadata={"description": "basis points cut per last year's predicate"})
    performance_cap = fields.Integer(validate=BASIS_POINTS, load_default=FULL)


class TppApprovalBody(Schema):
    legal_number = fields.String(required=True, validate=validate.Length(min=1, max=120),
                                 metadata={"description": "the Mendagri letter's number"})
    legal_signed_on = fields.Date(required=True, metadata={"description": "its date"})


class TppRunBody(Schema):
    month = fields.Date(required=True, metadata={"description": "any day of the month"})


class TppWriteSchema(Schema):
    id = fields.String(allow_none=True)
    dry_run = fields.Boolean()


class TppTotalsSchema(Schema):
    agency_id = fields.String()
    agency_name = fields.String(allow_none=True)
    staff = fields.Integer()
    gross = fields.Integer()
    net = fields.Integer()
    leave_cut = fields.Integer()
    sanction_cut = fields.Integer()
    performance_cut = fields.Integer()
    discipline_cut = fields.Integer()
    leave_staff = fields.Integer()
    sanction_staff = fields.Integer()
    performance_staff = fields.Integer()
    discipline_staff = fields.Integer()


class TppRunSchema(Schema):
    id = fields.String()
    month = fields.String()
    number = fields.Integer()
    corrects = fields.String(allow_none=True)
    position = fields.Integer(metadata={"description": "the log position the run read up to"})
    perkada = fields.String()
    perkada_effective_from = fields.String()
    staff = fields.Integer()
    gross = fields.Integer()
    net = fields.Integer()
    changed = fields.Integer()


class TppCutSchema(Schema):
    code = fields.String()
    category = fields.String()
    basis_points = fields.Integer()
    amount = fields.Integer()
    legal_basis = fields.String()
    detail = fields.String()
    is_capped = fields.Boolean()


class TppBreakdownSchema(Schema):
    job_class = fields.Integer()
    rating = fields.String(allow_none=True)
    rating_year = fields.Integer(allow_none=True)
    cltn_days = fields.Integer()
    gross = fields.Integer()
    parts = fields.List(fields.List(fields.Raw()))
    cuts = fields.List(fields.Nested(TppCutSchema))
    net = fields.Integer()
    difference = fields.Integer(load_default=None)


class TppLineSchema(Schema):
    employee_id = fields.String()
    agency_id = fields.String()
    is_changed = fields.Boolean()
    breakdown = fields.Nested(TppBreakdownSchema, allow_none=True, metadata={
        "description": "null once the person's data were erased"})


class TppRunDetailSchema(TppRunSchema):
    totals = fields.List(fields.Nested(TppTotalsSchema))
    lines = fields.List(fields.Nested(TppLineSchema))


class TppMonthSchema(Schema):
    id = fields.String(metadata={"description": "the month's latest run"})
    month = fields.String()
    number = fields.Integer()
    perkada = fields.String()
    breakdown = fields.Nested(TppBreakdownSchema, allow_none=True)


@blp.route("/tpp-regulations")
@blp.response(200, TppRegulationSchema(many=True))
@roles_required(*WRITERS)
def tpp_regulations() -> list[dict[str, Any]]:
    """The versions of the caller's government's TPP regulation, the latest first."""
    import json

    desk = tpp_desk()
    return [{**row, "table": json.loads(row["table_json"])}
            for row in regulations_of(desk.projections, desk.government_id)]


@blp.route("/tpp-regulations", methods=["POST"])
@blp.arguments(TppRegulationBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, TppWriteSchema)
@blp.alt_response(422, schema=ProblemSchema)
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(Role.HR_ADMIN)
def adopt_tpp_regulation(body: dict[str, Any], query: dict[str, Any]) -> tuple[Any, int]:
    """Adopt a version of the regulation from its date; job classes by type of post, regional
    sanction cuts and attendance bands are taken over from the version in force then."""
    desk = tpp_desk()
    government_id = UUID(hex=desk.government_id)
    on = body["effective_from"]

    def adopt() -> int:
        base = desk.regulation_in_force(on) or example_regulation(government_id, on.year)
        regulation = dataclasses.replace(
            base, year=on.year, effective_from=on, perkada=body["perkada"].strip(),
            approval_ref=body["approval_ref"], base_by_class=body["base_by_class"],
            criteria_shares={Criterion(k): v for k, v in body["criteria_shares"].items()},
            predicate_cuts={Rating(k): v for k, v in body["predicate_cuts"].items()},
            performance_cap=body["performance_cap"])
        return int(desk.service.tpp.adopt_regulation(
            regulation, actor=current_user.actor, consultation_id=body["consultation_id"]))

    run_command(adopt, query["dry_run"])
    return {"id": None, "dry_run": query["dry_run"]}, 200 if query["dry_run"] else 201


@blp.route("/tpp-regulations/<effective_from>/approval", methods=["POST"])
@blp.arguments(TppApprovalBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, TppWriteSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(Role.HR_ADMIN)
def approve_tpp_regulation(body: dict[str, Any], query: dict[str, Any],
                           effective_from: str) -> tuple[Any, int]:
    """Record the Minister of Home Affairs' approval letter of the version from
    `effective_from` (YYYY-MM-DD), which arrived after the version was adopted; until a
    version is approved, by this letter or one its table names, no month under it is run."""
    desk = tpp_desk()
    try:
        on = date.fromisoformat(effective_from)
    except ValueError:
        abort(404, message="No such version")
    run_command(lambda: desk.service.tpp.approve_version(
        UUID(hex=desk.government_id), on, actor=current_user.actor,
        letter=LegalBasis(body["legal_number"].strip(), body["legal_signed_on"])),
        query["dry_run"])
    return {"id": None, "dry_run": query["dry_run"]}, 200 if query["dry_run"] else 201


@blp.route("/tpp-runs")
@blp.response(200, TppRunSchema(many=True))
@roles_required(*WRITERS)
def tpp_runs() -> list[dict[str, Any]]:
    """The government's runs, the latest month first; an officer's totals are their
    agency's."""
    desk = tpp_desk()
    rows = runs_of(desk.projections, desk.government_id)
    if desk.scope.agency_id is None:
        return rows
    return [{**row, **{key: sum(t[key] for t in agency_totals(desk.projections, row["id"],
                                                              desk.scope))
                       for key in ("staff", "gross", "net")}} for row in rows]


@blp.route("/tpp-runs", methods=["POST"])
@blp.arguments(TppRunBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, TppWriteSchema)
@blp.alt_response(422, schema=ProblemSchema)
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(Role.HR_ADMIN)
def run_tpp_month(body: dict[str, Any], query: dict[str, Any]) -> tuple[Any, int]:
    """Run a month, or its correction when something the last run read has changed
    (TPP_RUN_UNCHANGED otherwise)."""
    desk = tpp_desk()
    government_id = UUID(hex=desk.government_id)
    found = run_command(lambda: desk.service.tpp.run_month(
        government_id, body["month"], actor=current_user.actor), query["dry_run"])
    if query["dry_run"]:
        return {"id": None, "dry_run": True}, 200
    return {"id": found.hex, "dry_run": False}, 201


@blp.route("/tpp-runs/<run_id>")
@blp.response(200, TppRunDetailSchema)
@blp.alt_response(404, schema=ProblemSchema)
@roles_required(*WRITERS)
def tpp_run(run_id: str) -> dict[str, Any]:
    """A run with its totals per agency and its lines (amounts and cuts) in the caller's
    scope."""
    desk = tpp_desk()
    run = run_in_government(desk, run_id)
    lines = opened_lines(desk, run)
    totals = agency_totals(desk.projections, run_id, desk.scope)
    return {"id": run.id.hex, "month": run.month.isoformat(), "number": run.number,
            "corrects": run.corrects.hex if run.corrects else None, "position": run.position,
            "perkada": run.perkada,
            "perkada_effective_from": run.perkada_effective_from.isoformat(),
            "staff": sum(t["staff"] for t in totals), "gross": sum(t["gross"] for t in totals),
            "net": sum(t["net"] for t in totals),
            "changed": sum(1 for line in lines if line["is_changed"]), "totals": totals,
            "lines": [{"employee_id": line["employee_id"], "agency_id": line["agency_id"],
                       "is_changed": bool(line["is_changed"]),
                       "breakdown": line["breakdown"]} for line in lines]}


@blp.route("/me/tpp")
@blp.response(200, TppMonthSchema(many=True))
@roles_required(*EMPLOYEES)
def my_tpp() -> list[dict[str, Any]]:
    """My TPP of the last twelve months run, each month's latest run with its breakdown."""
    return own_months(own_employee_id())
