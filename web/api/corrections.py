"""The API's operations of the employee's own desk (/api/v1/me...) and of HR's queue of
correction requests (/api/v1/correction-requests...), with the same rules as the pages.

An employee's token reaches only /me (their own record and requests); HR officers and
administrators decide requests of their scope (404 outside it); auditors and system
administrators get 403. Bodies are checked by the pages' forms, so both channels give the
same field messages; a refused command answers 422 with `problems` and writes nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_login import current_user
from flask_smorest import abort
from marshmallow import Schema, fields, validate
from werkzeug.datastructures import MultiDict

from domain.errors import DomainError
from projections.views.correction_requests import waiting_requests
from web import catch_up_views
from web.access import EMPLOYEES, WRITERS, own_employee_id, roles_required, scope
from web.api.commands import answer_refused, run_command
from web.api.routes import LANGUAGES, blp
from web.api.schemas import DryRunArgs, EmployeeSchema, ProblemSchema
from web.hr.correction_queue import decide, waiting_request
from web.self_service.desk import ask_correction, load_desk, opened_request
from web.self_service.forms import CorrectionRequestForm, RefusalForm
from web.ui import language


class CorrectionRequestSchema(Schema):
    id = fields.String()
    employee_id = fields.String()
    field_name = fields.String(metadata={"description": "name, nip, birth_on, sex or contact"})
    value = fields.String(allow_none=True, metadata={"description": "the asked-for value"})
    reason = fields.String(allow_none=True)
    status = fields.String(metadata={"description": "requested, approved or refused"})
    requested_at = fields.String()
    decided_at = fields.String(allow_none=True)
    refusal = fields.String(allow_none=True, metadata={"description": "HR's reason"})


class MeSchema(EmployeeSchema):
    retirement_on = fields.String(allow_none=True)
    training_target_jp = fields.Integer()
    training_jp_this_year = fields.Float()
    requests = fields.List(fields.Nested(CorrectionRequestSchema))


class CorrectionRequestBody(Schema):
    field_name = fields.String(required=True, validate=validate.Length(max=20))
    value = fields.String(required=True, validate=validate.Length(max=200))
    reason = fields.String(required=True, validate=validate.Length(max=2000))


class RefusalBody(Schema):
    reason = fields.String(required=True, validate=validate.Length(max=2000))


class DecisionSchema(Schema):
    id = fields.String(allow_none=True)
    dry_run = fields.Boolean()


def checked_form(form_class: type[Any], body: dict[str, Any]) -> Any:
    """The page's form over the body, validated; 422 with its messages in both languages."""
    data = MultiDict({k: str(v) for k, v in body.items() if v is not None})
    form = form_class(formdata=data, meta={"csrf": False})
    if form.validate():
        return form
    both = {}
    for lang in LANGUAGES:
        with force_locale(lang):
            again = form_class(formdata=data, meta={"csrf": False})
            again.validate()
            both[lang] = {k: [str(m) for m in v] for k, v in again.errors.items()}
    problems = [{"rule": "INPUT_INVALID", "field": name, "message": message,
                 "messages": {lang: both[lang].get(name, messages)[i] for lang in LANGUAGES}}
                for name, messages in both[language()].items()
                for i, message in enumerate(messages)]
    abort(422, message=problems[0]["message"], problems=problems,
          errors={"json": both[language()]})


@blp.route("/me")
@blp.response(200, MeSchema)
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(*EMPLOYEES)
def me() -> dict[str, Any]:
    """The caller's own record (employee tokens only): state, timeline, training of this
    year against the 20-JP target, retirement date and correction requests."""
    desk = load_desk(own_employee_id(), date.today())
    return {**desk.row, "timeline": list(reversed(desk.timeline)), "actions": [],
            "training_target_jp": desk.target_jp, "training_jp_this_year": desk.training_jp,
            "requests": desk.requests}


@blp.route("/me/correction-requests", methods=["POST"])
@blp.arguments(CorrectionRequestBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, DecisionSchema)
@blp.alt_response(422, schema=ProblemSchema)
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(*EMPLOYEES)
def ask_for_correction(body: dict[str, Any], query: dict[str, Any]) -> tuple[Any, int]:
    """Ask HR to correct one field of the caller's personal data."""
    form = checked_form(CorrectionRequestForm, body)
    try:
        found = ask_correction(own_employee_id(), field_name=form.field_name.data,
                               value=form.value.data, reason=form.reason.data,
                               actor=current_user.actor, is_dry_run=query["dry_run"])
    except DomainError as refused:
        answer_refused(refused)
    if query["dry_run"]:
        return {"id": None, "dry_run": True}, 200
    return {"id": found.hex if found else None, "dry_run": False}, 201


@blp.route("/correction-requests")
@blp.response(200, CorrectionRequestSchema(many=True))
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(*WRITERS)
def correction_requests() -> list[dict[str, Any]]:
    """Requests waiting for a decision by the caller (HR of their scope), oldest first."""
    return [opened_request(r) for r in waiting_requests(catch_up_views(current_app), scope())]


def _decide(request_id: str, is_dry_run: bool, *, approve: bool,
            reason: str = "") -> tuple[Any, int]:
    row = waiting_request(request_id)
    run_command(lambda: decide(row["id"], approve=approve, reason=reason), is_dry_run)
    return {"id": row["id"], "dry_run": is_dry_run}, 200 if is_dry_run else 201


@blp.route("/correction-requests/<request_id>/approval", methods=["POST"])
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, DecisionSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*WRITERS)
def approve_correction(query: dict[str, Any], request_id: str) -> tuple[Any, int]:
    """Approve a request: the personal-data correction is recorded on the employee's record."""
    return _decide(request_id, query["dry_run"], approve=True)


@blp.route("/correction-requests/<request_id>/refusal", methods=["POST"])
@blp.arguments(RefusalBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, DecisionSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*WRITERS)
def refuse_correction(body: dict[str, Any], query: dict[str, Any],
                      request_id: str) -> tuple[Any, int]:
    """Refuse a request with a reason the employee reads; nothing changes on the record."""
    form = checked_form(RefusalForm, body)
    return _decide(request_id, query["dry_run"], approve=False, reason=form.reason.data)

