"""The API's operations of public consultation: the list and one consultation (moderation
states and published text only, never a commenter), drafting one, and each step of the HR
administrator (publish, close, moderate, theme, conclude). The same commands and rules as the
staff pages (web/hr/consultations.py); each POST takes `?dry_run=true`, and a refusal lists
every problem the command met."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from flask import current_app, request
from flask_login import current_user
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from domain.consultation import Consultation, ConsultationSubject, WithholdReason
from domain.errors import DomainError
from domain.values import Role
from projections.views import consultation as queries
from web import catch_up_views, get_service
from web.access import READERS, roles_required, scope
from web.api.commands import run_command
from web.api.routes import blp
from web.api.schemas import DryRunArgs, ProblemSchema

STEPS = ("publish", "close", "moderate", "theme", "conclude")
ADMIN_OPERATIONS = ("api.draft_consultation", "api.consultation_step")


class ConsultationCommentSchema(Schema):
    id = fields.String()
    number = fields.Integer()
    received_on = fields.Date()
    is_employee = fields.Boolean()
    state = fields.String(metadata={"description": "pending, published or withheld"})
    text = fields.String(allow_none=True, metadata={"description": "as published, masked"})
    reason = fields.String(allow_none=True)
    theme_id = fields.String(allow_none=True)


class ConsultationThemeSchema(Schema):
    id = fields.String()
    title = fields.String()
    answer = fields.String()
    answered_on = fields.String()


class ConsultationSchema(Schema):
    id = fields.String()
    government_id = fields.String()
    subject = fields.String()
    title = fields.String()
    summary = fields.String()
    draft_text = fields.String()
    opens_on = fields.Date()
    closes_on = fields.Date()
    is_published = fields.Boolean()
    status = fields.String(metadata={"description": "draft, open, closed or answered"})
    minutes = fields.String(allow_none=True)
    changes = fields.List(fields.String())
    comments = fields.List(fields.Nested(ConsultationCommentSchema))
    themes = fields.List(fields.Nested(ConsultationThemeSchema))
    version = fields.Integer()


class ConsultationListSchema(Schema):
    id = fields.String()
    subject = fields.String()
    title = fields.String()
    opens_on = fields.Date()
    closes_on = fields.Date()
    status = fields.String()
    is_published = fields.Boolean()
    comments = fields.Integer()
    pending = fields.Integer()
    published = fields.Integer()
    version = fields.Integer()


class ConsultationDraftBody(Schema):
    subject = fields.String(required=True, validate=validate.OneOf(
        [s.value for s in ConsultationSubject]))
    title = fields.String(required=True, validate=validate.Length(max=400))
    summary = fields.String(required=True, validate=validate.Length(max=4000))
    draft_text = fields.String(required=True, validate=validate.Length(max=60_000))
    opens_on = fields.Date(required=True)
    closes_on = fields.Date(required=True)
    unit_id = fields.UUID(load_default=None, allow_none=True)


class ConsultationStepBody(Schema):
    version = fields.Integer(required=True, validate=validate.Range(min=1, max=10**6),
                             metadata={"description": "the consultation's version as read"})
    comment_id = fields.UUID(metadata={"description": "moderate: the comment"})
    publish_text = fields.String(validate=validate.Length(max=5000), metadata={
        "description": "moderate: the text to publish (masked when recorded)"})
    reason = fields.String(validate=validate.OneOf([r.value for r in WithholdReason]),
                           metadata={"description": "moderate: why it is withheld"})
    title = fields.String(validate=validate.Length(max=400))
    comment_ids = fields.List(fields.UUID(), load_default=list,
                              validate=validate.Length(max=1000))
    answer = fields.String(validate=validate.Length(max=10_000))
    minutes = fields.String(validate=validate.Length(max=10_000))
    changes = fields.List(fields.String(validate=validate.Length(max=4000)),
                          load_default=list, validate=validate.Length(max=100))


class ConsultationDoneSchema(Schema):
    id = fields.String(allow_none=True)
    dry_run = fields.Boolean()


@blp.before_request
def consultation_administrators_only() -> None:
    """The HR administrator's operations refuse anyone else before the body is read."""
    if request.endpoint in ADMIN_OPERATIONS and current_user.role is not Role.HR_ADMIN:
        abort(403)


def _loaded(consultation_id: str) -> Consultation:
    try:
        found = get_service(current_app).consultation.get(UUID(consultation_id))
    except (ValueError, DomainError):
        abort(404)
    # A consultation is the government's: every reader of that government reads it.
    if scope().government_id not in (None, found.government_id.hex):
        abort(404)
    return found


@blp.route("/consultations")
@blp.response(200, ConsultationListSchema(many=True))
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(*READERS)
def consultations() -> list[dict[str, Any]]:
    """The consultations of the caller's government (all, for an auditor), drafts included."""
    return queries.consultations(catch_up_views(current_app), date.today(),
                                 scope().government_id, published_only=False)


@blp.route("/consultations/<consultation_id>")
@blp.response(200, ConsultationSchema)
@blp.alt_response(404, schema=ProblemSchema)
@roles_required(*READERS)
def consultation(consultation_id: str) -> dict[str, Any]:
    """One consultation: its draft, every comment's moderation (published text only), the
    themes, the minutes and the changes."""
    found = _loaded(consultation_id)
    row = queries.consultation(catch_up_views(current_app), found.id.hex, date.today(),
                               with_comments="all")
    if row is None:
        abort(404)
    return {**(row or {}), "version": found.version}


@blp.route("/consultations", methods=["POST"])
@blp.arguments(ConsultationDraftBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, ConsultationDoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(Role.HR_ADMIN)
def draft_consultation(body: dict[str, Any], query: dict[str, Any]
                       ) -> tuple[dict[str, Any], int]:
    """Draft a consultation of the administrator's government (publish it as a step)."""
    government_id = scope().government_id
    if government_id is None:
        abort(403)
    new_id = run_command(lambda: get_service(current_app).consultation.draft_consultation(
        government_id=UUID(government_id), agency_id=None, unit_id=body["unit_id"],
        subject=ConsultationSubject(body["subject"]), title=body["title"],
        summary=body["summary"], draft_text=body["draft_text"], opens_on=body["opens_on"],
        closes_on=body["closes_on"], actor=current_user.actor), query["dry_run"])
    return ({"id": new_id.hex if new_id else None, "dry_run": query["dry_run"]},
            200 if query["dry_run"] else 201)


@blp.route("/consultations/<consultation_id>/<step>", methods=["POST"])
@blp.arguments(ConsultationStepBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, ConsultationDoneSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(409, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(Role.HR_ADMIN)
def consultation_step(body: dict[str, Any], query: dict[str, Any], consultation_id: str,
                      step: str) -> tuple[dict[str, Any], int]:
    """publish; close (before the closing date); moderate (comment_id with publish_text, or
    reason); theme (title, comment_ids, answer); conclude (minutes, changes)."""
    if step not in STEPS:
        abort(404)
    key = _loaded(consultation_id).id
    consult, actor, version = get_service(current_app).consultation, current_user.actor, \
        body["version"]
    needs = {"moderate": "comment_id", "theme": "answer", "conclude": "minutes"}.get(step)
    if needs and body.get(needs) is None:
        abort(422, message=f"{needs}: required", errors={"json": {needs: ["required"]}})
    commands: dict[str, Callable[[], Any]] = {
        "publish": lambda: consult.publish_consultation(key, actor=actor, version=version),
        "close": lambda: consult.close_consultation(key, actor=actor, version=version),
        "moderate": lambda: consult.moderate_comment(
            key, comment_id=body["comment_id"], publish_text=body.get("publish_text"),
            reason=WithholdReason(body["reason"]) if body.get("reason") else None,
            actor=actor, version=version),
        "theme": lambda: consult.answer_theme(
            key, title=body.get("title", ""), comment_ids=body["comment_ids"],
            answer=body["answer"], actor=actor, version=version),
        "conclude": lambda: consult.conclude_consultation(
            key, minutes=body["minutes"], changes=body["changes"], actor=actor,
            version=version)}
    run_command(commands[step], query["dry_run"])
    return {"id": consultation_id, "dry_run": query["dry_run"]}, 200 if query["dry_run"] else 201
