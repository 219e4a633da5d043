"""The API's operations on a government's decree signers (domain/decree_signer.py): the list
and a new signer from a date, for the government's HR administrator, as on
/hr/penandatangan-sk."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import current_app, request
from flask_login import current_user
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from domain.decree_signer import NAME_LENGTH, TITLE_LENGTH, checked_signer
from domain.values import Role
from web import get_service
from web.access import roles_required
from web.api.commands import run_command
from web.api.routes import blp
from web.api.schemas import DryRunArgs, ProblemSchema
from web.decrees.signers import set_signer, signers


@blp.before_request
def signer_admin_access() -> None:
    """Before the body is read (as the TPP writes do): anyone but the government's HR
    administrator gets 403, whatever they sent."""
    if request.endpoint in ("api.decree_signers", "api.set_decree_signer") \
            and current_user.is_authenticated and current_user.role is not Role.HR_ADMIN:
        abort(403, message="HR administrators only")


class SignerSchema(Schema):
    from_on = fields.Date(metadata={"description": "the first day the official signs"})
    name = fields.String()
    title = fields.String(metadata={"description": "the title of office printed above the "
                                                   "signature"})


class SignerBody(Schema):
    from_on = fields.Date(required=True)
    name = fields.String(required=True, validate=validate.Length(max=NAME_LENGTH[1] * 2))
    title = fields.String(required=True, validate=validate.Length(max=TITLE_LENGTH[1] * 2))


class SignerSetSchema(Schema):
    dry_run = fields.Boolean()


def _government_id() -> str:
    government_id = current_user.account.government_id
    if government_id is None:
        abort(404, message="no government")
    return str(government_id)


@blp.route("/decree-signers")
@blp.response(200, SignerSchema(many=True))
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(Role.HR_ADMIN)
def decree_signers() -> list[dict[str, Any]]:
    """Who signs the government's decrees, each from a date, the earliest first."""
    return [{"from_on": s.from_on, "name": s.name, "title": s.title}
            for s in signers(current_app, _government_id())]


@blp.route("/decree-signers", methods=["POST"])
@blp.arguments(SignerBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, SignerSetSchema)
@blp.alt_response(403, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(Role.HR_ADMIN)
def set_decree_signer(body: dict[str, Any], query: dict[str, Any]) -> tuple[Any, int]:
    """Record who signs the government's decrees from `from_on` (a petikan of a decree signed
    that day or later prints them); the same signer again from the same date is refused."""
    government_id = _government_id()

    def record() -> None:
        signer = checked_signer(body["from_on"], body["name"], body["title"])
        if query["dry_run"]:  # the domain's checks only: an old setting moves on a real save
            get_service(current_app).decree_signers.set_signer(
                UUID(hex=government_id), signer, actor=current_user.actor)
        else:
            set_signer(current_app, government_id, signer, current_user.actor)

    run_command(record, query["dry_run"])
    return {"dry_run": query["dry_run"]}, 200 if query["dry_run"] else 201
