"""The API's leave (cuti) operations, with the same rules and field messages as the pages:
the employee's own requests and balances (/api/v1/me/leave-requests), the direct superior's
consideration, and the official's queue and decisions (/api/v1/leave-requests...).

An employee's token reaches only /me: their own requests, and as a superior the requests
waiting for them (/me/leave-considerations; 404 for any other); the decisions are the HR
administrator's, within their scope (checked before the body, web/api/routes.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from flask import current_app
from flask_login import current_user
from marshmallow import Schema, fields, validate

from domain.errors import DomainError
from domain.leave_regulations import LeaveType
from domain.leave_request import Recommendation, RejectionGround
from domain.leave_rules import SickCertificate
from domain.values import LegalBasis, Role
from projections.views.leave import waiting_for_official
from web import catch_up_views, get_service
from web.access import EMPLOYEES, WRITERS, own_employee_id, roles_required, scope
from web.api.corrections import DecisionSchema, answer_refused, checked_form
from web.api.routes import blp
from web.api.schemas import DryRunArgs, ProblemSchema
from web.hr.leave_queue import ApprovalForm, DeferralForm, LeaveRejectionForm
from web.hr.leave_queue import waiting as official_request
from web.self_service.desk import leave_summary
from web.self_service.forms import ConsiderationForm, LeaveRequestForm
from web.self_service.leave import waiting_for_me, waiting_list


class LeaveRequestSchema(Schema):
    id = fields.String()
    employee_id = fields.String()
    leave_type = fields.String(metadata={"description": "TAHUNAN, BESAR, SAKIT, MELAHIRKAN, "
                                                        "ALASAN_PENTING or CLTN"})
    status = fields.String(metadata={"description": "requested, considered, approved, "
                                                    "deferred, rejected, cancelled, taken, "
                                                    "returned_early or return_reported"})
    recommendation = fields.String(allow_none=True)
    requested_start_on = fields.String()
    start_on = fields.String()
    end_on = fields.String()
    working_days = fields.Integer()
    requested_on = fields.String()
    superior_due_on = fields.String()
    official_due_on = fields.String()
    decided_on = fields.String(allow_none=True)


class BalanceSchema(Schema):
    year = fields.Integer()
    entitled = fields.Integer()
    carried_in = fields.Integer()
    deferred_in = fields.Integer()
    available = fields.Integer()
    taken = fields.Integer()
    remaining = fields.Integer()


class MyLeaveSchema(Schema):
    balances = fields.List(fields.Nested(BalanceSchema))
    requests = fields.List(fields.Nested(LeaveRequestSchema))


class LeaveRequestBody(Schema):
    leave_type = fields.String(required=True, validate=validate.Length(max=20))
    start_on = fields.String(required=True, validate=validate.Length(max=10))
    end_on = fields.String(required=True, validate=validate.Length(max=10))
    ground = fields.String(load_default=None, validate=validate.Length(max=40))
    child_order = fields.Integer(load_default=None)
    certificate = fields.String(load_default=None, metadata={
        "description": "sick leave: NONE, DOCTOR or GOVERNMENT_DOCTOR (the file itself goes "
                       "to .../leave-requests/{request_id}/documents)"})
    address = fields.String(load_default=None, validate=validate.Length(max=200))
    reason = fields.String(load_default=None, validate=validate.Length(max=2000))


class ConsiderationBody(Schema):
    recommendation = fields.String(load_default=None,
                                   metadata={"description": "RECOMMEND or DEFER (required)"})
    reason = fields.String(load_default=None, validate=validate.Length(max=2000))


class ApprovalBody(Schema):
    legal_number = fields.String(load_default=None, validate=validate.Length(max=120))
    legal_signed_on = fields.String(load_default=None, validate=validate.Length(max=10))


class DeferralBody(Schema):
    start_on = fields.String(required=True, validate=validate.Length(max=10))
    end_on = fields.String(required=True, validate=validate.Length(max=10))
    reason = fields.String(required=True, validate=validate.Length(max=2000))


class RejectionBody(Schema):
    ground = fields.String(required=True, metadata={
        "description": "NOT_ELIGIBLE, DOCUMENT_MISSING, BKN_APPROVAL_DENIED or SERVICE_NEED"})
    reason = fields.String(load_default=None, validate=validate.Length(max=2000))


def _run(command: Any, is_dry_run: bool, found_id: str | None = None) -> tuple[Any, int]:
    """Run (or dry-run) one command; 422 with its problems when refused."""
    service = get_service(current_app)
    try:
        if is_dry_run:
            with service.dry_run():
                command()
            return {"id": found_id, "dry_run": True}, 200
        made = command()
    except DomainError as refused:
        answer_refused(refused)
    made_id = made.hex if isinstance(made, UUID) else found_id
    return {"id": made_id, "dry_run": False}, 201


@blp.route("/me/leave-requests")
@blp.response(200, MyLeaveSchema)
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(*EMPLOYEES)
def my_leave() -> dict[str, Any]:
    """The caller's annual leave balances and leave requests (employee tokens only)."""
    summary = leave_summary(own_employee_id(), date.today())
    return {"balances": summary["balances"], "requests": summary["requests"]}


@blp.route("/me/leave-requests", methods=["POST"])
@blp.arguments(LeaveRequestBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, DecisionSchema)
@blp.alt_response(422, schema=ProblemSchema)
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(*EMPLOYEES)
def ask_for_leave(body: dict[str, Any], query: dict[str, Any]) -> tuple[Any, int]:
    """Ask for leave; it goes to the caller's direct superior, then to the official."""
    form = checked_form(LeaveRequestForm, body)
    employee_id = UUID(own_employee_id())
    return _run(lambda: get_service(current_app).leave.request_leave(
        employee_id, leave_type=LeaveType(form.leave_type.data), start_on=form.start_on.data,
        end_on=form.end_on.data, ground=form.ground.data or None,
        child_order=form.child_order.data,
        certificate=SickCertificate[form.certificate.data or "NONE"],
        address=form.address.data or None, reason=form.reason.data or None,
        actor=current_user.actor), query["dry_run"])


@blp.route("/leave-requests")
@blp.response(200, LeaveRequestSchema(many=True))
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(*WRITERS)
def leave_requests() -> list[dict[str, Any]]:
    """Requests waiting for the official's decision in the caller's scope, by due date."""
    return waiting_for_official(catch_up_views(current_app), scope())


@blp.route("/me/leave-considerations")
@blp.response(200, LeaveRequestSchema(many=True))
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(*EMPLOYEES)
def leave_to_consider() -> list[dict[str, Any]]:
    """Requests waiting for the caller's consideration as direct superior, by due date."""
    return waiting_list(own_employee_id())


@blp.route("/me/leave-considerations/<request_id>", methods=["POST"])
@blp.arguments(ConsiderationBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, DecisionSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(*EMPLOYEES)
def consider_leave(body: dict[str, Any], query: dict[str, Any],
                   request_id: str) -> tuple[Any, int]:
    """The direct superior's consideration: recommend the leave, or its deferral."""
    employee_id = own_employee_id()
    row = waiting_for_me(employee_id, request_id)
    form = checked_form(ConsiderationForm, body)
    return _run(lambda: get_service(current_app).leave.consider_leave(
        UUID(row["id"]), recommendation=Recommendation(form.recommendation.data),
        superior_id=UUID(employee_id), reason=form.reason.data or None,
        actor=current_user.actor), query["dry_run"], row["id"])


@blp.route("/leave-requests/<request_id>/approval", methods=["POST"])
@blp.arguments(ApprovalBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, DecisionSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(Role.HR_ADMIN)
def approve_leave(body: dict[str, Any], query: dict[str, Any],
                  request_id: str) -> tuple[Any, int]:
    """Grant the leave as asked (long and unpaid leave with their decree)."""
    row = official_request(request_id)
    form = checked_form(ApprovalForm, body)
    number = (form.legal_number.data or "").strip()
    basis = LegalBasis(number, form.legal_signed_on.data) if number and \
        form.legal_signed_on.data else None
    return _run(lambda: get_service(current_app).leave.approve_leave(
        UUID(row["id"]), actor=current_user.actor, legal_basis=basis), query["dry_run"],
        row["id"])


@blp.route("/leave-requests/<request_id>/deferral", methods=["POST"])
@blp.arguments(DeferralBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, DecisionSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(Role.HR_ADMIN)
def defer_leave(body: dict[str, Any], query: dict[str, Any],
                request_id: str) -> tuple[Any, int]:
    """Grant the leave on later dates, for the service's need (at most a year later)."""
    row = official_request(request_id)
    form = checked_form(DeferralForm, body)
    return _run(lambda: get_service(current_app).leave.defer_leave(
        UUID(row["id"]), start_on=form.start_on.data, end_on=form.end_on.data,
        reason=form.reason.data, actor=current_user.actor), query["dry_run"], row["id"])


@blp.route("/leave-requests/<request_id>/rejection", methods=["POST"])
@blp.arguments(RejectionBody)
@blp.arguments(DryRunArgs, location="query")
@blp.response(201, DecisionSchema)
@blp.alt_response(404, schema=ProblemSchema)
@blp.alt_response(422, schema=ProblemSchema)
@roles_required(Role.HR_ADMIN)
def reject_leave(body: dict[str, Any], query: dict[str, Any],
                 request_id: str) -> tuple[Any, int]:
    """Refuse leave with its legal ground: only leave the rules let be refused (CLTN, PPPK)."""
    row = official_request(request_id)
    form = checked_form(LeaveRejectionForm, body)
    return _run(lambda: get_service(current_app).leave.reject_leave(
        UUID(row["id"]), ground=RejectionGround(form.ground.data),
        reason=form.reason.data or None, actor=current_user.actor), query["dry_run"],
        row["id"])
