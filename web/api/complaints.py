"""The API's operations of citizens' voice: the complaint queue and each handling step, a
complaint received by letter or telephone, service units and their standards, the holiday
calendar. The same commands and rules as the staff pages (web/hr/complaints.py); each POST
takes `?dry_run=true`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from flask import current_app, request
from flask_login import current_user
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from domain.errors import DomainError
from domain.values import Role
from domain.voice_values import ComplaintCategory, HolidayKind, RejectionReason, Resolution
from projections.views import hr_queries
from projections.views import voice as queries
from web import catch_up_views, get_service
from web.access import READERS, WRITERS, check_readable, check_writable, roles_required, scope
from web.api.commands import run_command
from web.api.routes import blp
from web.api.schemas import DryRunArgs, ProblemSchema

MAX_TEXT = 4000
STEPS = ("verify", "reject", "assign", "answer", "close")
ADMIN_STEPS = ("verify", "reject", "assign")


class ComplaintSchema(Schema):
    id = fields.String()
    ticket = fields.String()
    unit_id = fields.String()
    unit_name = fields.String()
    agency_id = fields.String()
    category = fields.String()
    status = fields.String()
    received_on = fields.Date()
    due_on = fields.Date(allow_none=True)
    resolve_by = fields.Date()
    is_anonymous = fields.Boolean()
    is_overdue = fields.Boolean()
    reason = fields.String(allow_none=True)
    answer = fields.String(allow_none=True)
    resolution = fields.String(allow_none=True)
    version = fields.Integer()
    steps = fields.List(fields.Dict())


class QueueArgs(Schema):
    status = fields.String(load_default="open", validate=validate.OneOf(
        ("open", "overdue", "all", *(s for s in ("received", "verified", "assigned",
                                                 "answered", "reopened", "rejected",
                                                 "closed")))))


class StepBody(Schema):
    version = fields.Integer(required=True, validate=validate.Range(min=1, max=10**6),
                             metadata={"description": "the complaint's version as read"})
    reason = fields.String(validate=validate.OneOf([r.value for r in RejectionReason]))
    note = fields.String(load_default="", validate=validate.Length(max=MAX_TEXT))
    unit_id = fields.UUID()
    answer = fields.String(validate=validate.Length(max=MAX_TEXT))
    resolution = fields.String(validate=validate.OneOf([r.value for r in Resolution]))


class ComplaintBody(Schema):
    unit_id = fields.UUID(required=True)
    service_id = fields.UUID(load_default=None, allow_none=True)
    category = fields.String(required=True,
                             validate=validate.OneOf([c.value for c in ComplaintCategory]))
    happened_on = fields.Date(required=True)
    description = fields.String(required=True, validate=validate.Length(max=MAX_TEXT))
    contact = fields.String(load_default=None, allow_none=True,
                            validate=validate.Length(max=200))
    is_anonymous = fields.Boolean(load_default=False)


class UnitBody(Schema):
    agency_id = fields.UUID(required=True)
    code = fields.String(required=True, validate=validate.Length(max=40))
    name = fields.String(required=True, validate=validate.Length(max=200))
    address = fields.String(required=True, validate=validate.Length(max=200))


class ServiceBody(Schema):
    service_id = fields.UUID(load_default=None, allow_none=True)
    name = fields.String(required=True, validate=validate.Length(max=200))
    requirements = fields.String(required=True, validate=validate.Length(max=2000))
    duration = fields.String(required=True, validate=validate.Length(max=2000))
    cost = fields.String(required=True, validate=validate.Length(max=2000))
    withdraw = fields.Boolean(load_default=False)


class HolidayBody(Schema):
    on = fields.Date(required=True)
    kind = fields.String(load_default="national",
                         validate=validate.OneOf([k.value for k in HolidayKind]))
    name = fields.String(load_default="", validate=validate.Length(max=200))
    remove = fields.Boolean(load_default=False)


class DoneSchema(Schema):
    id = fields.String(allow_none=True)
    dry_run = fields.Boolean()
    code = fields.String(metadata={"description": "a new complaint's tracking code, once"})


ADMIN_OPERATIONS = ("api.open_service_unit", "api.set_service", "api.set_holiday")


@blp.before_request
def administrators_only() -> None:
    """The HR administrator's operations refuse anyone else before the body is read (as the
    other operations do), so a caller who may not act never gets a validation message."""
    if request.endpoint in ADMIN_OPERATIONS and current_user.role is not Role.HR_ADMIN:
        abort(403)


def _complaint(complaint_id: str) -> tuple[Any, queries.ComplaintRow]:
    try:
        UUID(complaint_id)
    except ValueError:
        abort(404)
    projections = catch_up_views(current_app)
    row = queries.complaint_by_id(projections, complaint_id)
    if row is None:
        abort(404)
    assert row is not None  # abort raised
    government = get_service(current_app).voice.get_complaint(UUID(complaint_id)).government_id
    check_readable(government.hex, row.agency_id)
    return projections, row


def _body(row: queries.ComplaintRow, steps: list[dict[str, Any]] | None = None
          ) -> dict[str, Any]:
    return {**vars(row), "is_overdue": row.is_overdue(date.today()), "steps": steps or []}


@blp.route("/complaints")
@blp.arguments(QueueArgs, location="query")
@blp.response(200, ComplaintSchema(many=True))
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(*READERS)
def complaint_queue(args: dict[str, Any]) -> list[dict[str, Any]]:
    """Complaints in the caller's scope, earliest deadline first (no complainant's text)."""
    where = scope()
    status = None if args["status"] == "all" else args["status"]
    rows = queries.complaint_queue(catch_up_views(current_app), government_id=where.government_id,
                                   agency_id=where.agency_id, status=status, today=date.today())
    return [_body(r) for r in rows]


@blp.route("/complaints/<complaint_id>")
@blp.response(200, ComplaintSchema)
@blp.alt_response(404, schema=ProblemSchema)
@roles_required(*READERS)
def complaint(complaint_id: str) -> dict[str, Any]:
    """A complaint's handling: status, deadlines, answer and every step with its actor."""
    projections, row = _complaint(complaint_id)
    return _body(row, queries.complaint_steps(projections, complaint_id))


@blp.route("/complaints/<complaint_id>/<step>", methods=["POST"])
@blp.arguments(StepBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, DoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(409, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*WRITERS)
def complaint_step(body: dict[str, Any], query: dict[str, Any], complaint_id: str,
                   step: str) -> tuple[dict[str, Any], int]:
    """One handling step: verify, reject (reason, note), assign (unit_id), answer (answer) or
    close (resolution). Verifying, rejecting and assigning are the HR administrator's."""
    if step not in STEPS:
        abort(404)
    _projections, row = _complaint(complaint_id)
    voice = get_service(current_app).voice
    check_writable(voice.get_complaint(UUID(complaint_id)).government_id.hex, row.agency_id)
    if step in ADMIN_STEPS and current_user.role is not Role.HR_ADMIN:
        abort(403)
    key, actor, version = UUID(complaint_id), current_user.actor, body["version"]
    needs = {"reject": "reason", "assign": "unit_id", "answer": "answer",
             "close": "resolution"}.get(step)
    if needs and body.get(needs) is None:
        abort(422, message=f"{needs}: required", errors={"json": {needs: ["required"]}})
    commands: dict[str, Callable[[], Any]] = {
        "verify": lambda: voice.verify_complaint(key, actor=actor, version=version),
        "reject": lambda: voice.reject_complaint(
            key, reason=RejectionReason(body.get("reason")), note=body["note"], actor=actor,
            version=version),
        "assign": lambda: voice.assign_complaint(key, unit_id=body["unit_id"],
                                                 actor=actor, version=version),
        "answer": lambda: voice.answer_complaint(key, answer=body.get("answer", ""),
                                                 actor=actor, version=version),
        "close": lambda: voice.close_complaint(
            key, resolution=Resolution(body.get("resolution")), actor=actor, version=version)}
    run_command(commands[step], query["dry_run"])
    return {"id": complaint_id, "dry_run": query["dry_run"]}, 200 if query["dry_run"] else 201


@blp.route("/complaints", methods=["POST"])
@blp.arguments(ComplaintBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, DoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*WRITERS)
def file_complaint(body: dict[str, Any], query: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """A complaint received by letter, telephone or at the desk, recorded by staff of the
    unit's government. The answer carries its ticket; the tracking code goes to the citizen
    as the desk hands it over (`code`, shown once)."""
    voice = get_service(current_app).voice
    try:
        unit = voice.get_unit(body["unit_id"])
    except DomainError:
        abort(404)
    check_writable(unit.government_id.hex, unit.agency_id.hex)
    receipt = run_command(lambda: voice.submit_complaint(
        unit_id=body["unit_id"], service_id=body["service_id"],
        category=ComplaintCategory(body["category"]), happened_on=body["happened_on"],
        description=body["description"], contact=body["contact"],
        is_anonymous=body["is_anonymous"]), query["dry_run"])
    if query["dry_run"]:
        return {"id": None, "dry_run": True}, 200
    return {"id": receipt.ticket, "dry_run": False, "code": receipt.code}, 201


@blp.route("/service-units", methods=["POST"])
@blp.arguments(UnitBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, DoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(Role.HR_ADMIN)
def open_service_unit(body: dict[str, Any], query: dict[str, Any]
                      ) -> tuple[dict[str, Any], int]:
    """Open a service unit of an agency of the administrator's government."""
    agency = hr_queries.agency(catch_up_views(current_app), body["agency_id"].hex)
    if agency is None:
        abort(404)
    assert agency is not None  # abort raised
    check_writable(agency["government_id"], agency["id"])
    unit_id = run_command(lambda: get_service(current_app).voice.open_service_unit(
        agency_id=body["agency_id"], code=body["code"], name=body["name"],
        address=body["address"], actor=current_user.actor), query["dry_run"])
    return ({"id": unit_id.hex if unit_id else None, "dry_run": query["dry_run"]},
            200 if query["dry_run"] else 201)


@blp.route("/service-units/<unit_id>/services", methods=["POST"])
@blp.arguments(ServiceBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, DoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(Role.HR_ADMIN)
def set_service(body: dict[str, Any], query: dict[str, Any], unit_id: str
                ) -> tuple[dict[str, Any], int]:
    """Add a service (or change one: `service_id`; withdraw it: `withdraw`)."""
    voice = get_service(current_app).voice
    try:
        unit = voice.get_unit(UUID(unit_id))
    except (ValueError, DomainError):
        abort(404)
    check_writable(unit.government_id.hex, unit.agency_id.hex)
    actor = current_user.actor
    if body["withdraw"] and body["service_id"] is not None:
        run_command(lambda: voice.withdraw_service(unit.id, service_id=body["service_id"],
                                            actor=actor), query["dry_run"])
        service_id = body["service_id"]
    else:
        service_id = run_command(lambda: voice.set_service(
            unit.id, service_id=body["service_id"], name=body["name"],
            requirements=body["requirements"], duration=body["duration"], cost=body["cost"],
            actor=actor), query["dry_run"])
    return ({"id": service_id.hex if service_id else None, "dry_run": query["dry_run"]},
            200 if query["dry_run"] else 201)


@blp.route("/holidays", methods=["POST"])
@blp.arguments(HolidayBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, DoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(Role.HR_ADMIN)
def set_holiday(body: dict[str, Any], query: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Add or change a national holiday or cuti bersama (or remove one: `remove`)."""
    voice, actor = get_service(current_app).voice, current_user.actor
    if body["remove"]:
        run_command(lambda: voice.remove_holiday(on=body["on"], actor=actor), query["dry_run"])
    else:
        run_command(lambda: voice.set_holiday(on=body["on"], kind=HolidayKind(body["kind"]),
                                       name=body["name"], actor=actor), query["dry_run"])
    return ({"id": body["on"].isoformat(), "dry_run": query["dry_run"]},
            200 if query["dry_run"] else 201)
