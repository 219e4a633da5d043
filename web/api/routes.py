"""The API's operations: read the roster and an employee, record each action."""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from uuid import UUID

from flask import current_app, g, request
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_smorest import Blueprint, abort
from werkzeug.datastructures import MultiDict

from domain.errors import ConcurrencyConflictError, DomainError
from domain.values import Role
from projections.views import hr_queries
from projections.views.timeline import employee_timeline
from web import catch_up_views, get_service
from web.access import READERS, WRITERS, check_readable, check_writable, roles_required, scope
from web.accounts.auth import User
from web.accounts.store import get_accounts
from web.api.limits import check_body
from web.api.schemas import (
    DryRunArgs,
    EmployeeSchema,
    ProblemSchema,
    RecordedSchema,
    RosterArgs,
    RosterPageSchema,
    body_schema,
)
from web.hr.actions import ACTIONS, Context
from web.hr.correction_queue import waiting_request
from web.hr.corrections import TIMELINE_ACTIONS
from web.hr.leave_queue import waiting as leave_request_in_scope
from web.hr.routes import load_employee
from web.hr.step import Action
from web.ui import language

LANGUAGES = ("id", "en")
blp = Blueprint("api", __name__, url_prefix="/api/v1",
                description="Roster, employees and personnel actions")

API_NAMES = {"kenaikan-pangkat": "promotion", "pengangkatan-jabatan": "position-assignment",
             "pelepasan-jabatan": "position-release", "mutasi": "transfer",
             "pelatihan": "training", "penilaian-kinerja": "appraisal",
             "hukuman-disiplin": "penalty", "perpanjangan-kontrak": "contract-renewal",
             "lulus-masa-percobaan": "probation", "pemberhentian": "separation",
             "koreksi-data-pribadi": "personal-data-correction",
             "koreksi": "correction", "pembatalan": "annulment"}


@blp.before_request
def authenticate() -> None:
    """Bearer token only: a browser's session cookie never authenticates an API call."""
    scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
    account = (get_accounts(current_app).account_for_token(secret.strip())
               if scheme.lower() == "bearer" and secret.strip() else None)
    if account is None:
        abort(401, message=_("The API token is missing, invalid or revoked."))
        return  # abort raised
    g._login_user = User(account)  # Flask-Login's current user for this request only
    _check_access()


blp.before_request(check_body)  # after `authenticate`: without a token, no body is read


# The official's leave decisions (web/api/leave.py): the HR administrator's only.
LEAVE_DECISIONS = ("api.approve_leave", "api.defer_leave", "api.reject_leave")
# A leave request's documents (web/api/leave_documents.py): HR writers of its scope.
LEAVE_DOCUMENTS = ("api.leave_documents", "api.leave_document", "api.attach_leave_document")


def _check_access() -> None:
    """Role and scope before the body is read: a caller who may not act gets 403 or 404, never
    a validation message (as on the HTML pages); the views check again."""
    writes = request.method == "POST"
    if request.path == "/api/v1/me" or request.path.startswith("/api/v1/me/"):
        if current_user.role is not Role.EMPLOYEE:  # their own record, and only theirs
            abort(403)
        return
    if current_user.role not in (WRITERS if writes else READERS):
        abort(403)
    request_id = (request.view_args or {}).get("request_id")
    if request_id is not None and request.endpoint in LEAVE_DECISIONS:
        if current_user.role is not Role.HR_ADMIN:  # the authorised official only
            abort(403)
        leave_request_in_scope(request_id)  # a leave request of the caller's scope, else 404
    elif request_id is not None and request.endpoint in LEAVE_DOCUMENTS:
        leave_request_in_scope(request_id)
    elif request_id is not None:  # a correction request of the caller's scope, else 404
        waiting_request(request_id)
    employee_id = (request.view_args or {}).get("employee_id")
    if employee_id is not None:
        g.api_employee = load_employee(employee_id)  # the view reads it from here
        row = g.api_employee[1]
        (check_writable if writes else check_readable)(row["government_id"], row["agency_id"])


@blp.route("/employees")
@blp.arguments(RosterArgs, location="query")
@blp.response(200, RosterPageSchema)
@blp.alt_response(401, schema=ProblemSchema)
@blp.alt_response(403, schema=ProblemSchema)
@roles_required(*READERS)
def roster(args: dict[str, Any]) -> dict[str, Any]:
    """The roster within the caller's scope, filtered, sorted and paginated."""
    query = hr_queries.RosterQuery(
        text=args["q"], agency_id=args["agency"], status=args["status"],
        grade_group=args["grade_group"], employment_type=args["type"], flag=args["flag"],
        sort=args["sort"], descending=args["dir"] == "desc", page=args["page"],
        per_page=args["per_page"])
    page = hr_queries.search_roster(catch_up_views(current_app), scope(), query, date.today())
    return {"total": page.total, "page": page.page, "pages": page.pages, "items": page.rows}


@blp.route("/employees/<employee_id>")
@blp.response(200, EmployeeSchema)
@blp.alt_response(404, schema=ProblemSchema)
@roles_required(*READERS)
def employee(employee_id: str) -> dict[str, Any]:
    """An employee's current state, timeline and the actions that apply now."""
    projections, row = g.api_employee  # loaded and scope-checked by _check_access
    check_readable(row["government_id"], row["agency_id"])
    timeline = employee_timeline(projections, get_service(current_app), UUID(row["employee_id"]))
    ctx = Context(UUID(row["employee_id"]), row, projections, date.today())
    return {**row, "timeline": timeline,
            "actions": [API_NAMES[a.slug] for a in ACTIONS.values() if a.available(ctx)]}


def _record(action: Action, employee_id: str, target_version: int | None,
            body: dict[str, Any], is_dry_run: bool) -> tuple[dict[str, Any], int]:
    projections, row = g.api_employee  # loaded and scope-checked by _check_access
    check_writable(row["government_id"], row["agency_id"])
    ctx = Context(UUID(row["employee_id"]), row, projections, date.today(), target_version)
    if target_version is not None:
        known = hr_queries.timeline_rows_after(projections, row["employee_id"], 0)
        if target_version not in {entry["version"] for entry in known}:
            abort(404)
    elif not action.available(ctx):
        abort(422, message=_("This action does not apply to the employee's current status."))
    form = action.form_class(formdata=_formdata(body), meta={"csrf": False})
    action.prepare(form, ctx)
    if not form.validate():
        abort(422, errors={"json": {k: [str(m) for m in v] for k, v in form.errors.items()}},
              message=_("Invalid input."), problems=_input_problems(action, body, ctx))
    command, expected = action.command(form, ctx), form.expected_version()
    service = get_service(current_app)
    try:
        if is_dry_run:
            with service.dry_run():
                command(service, current_user.actor, expected)
        else:
            command(service, current_user.actor, expected)
    except ConcurrencyConflictError as conflict:
        changes = hr_queries.timeline_rows_after(projections, row["employee_id"], expected)
        abort(409, message=conflict.message(language()),
              errors={"changes": [{k: c[k] for k in ("version", "kind", "effective_on",
                                                       "recorded_at")} for c in changes]})
    except DomainError as refused:
        problems: list[dict[str, Any]] = [
            {"rule": problem.code, "field": action.map_field(problem.field),
             "message": problem.message(language()),
             "messages": {lang: problem.message(lang) for lang in LANGUAGES}}
            for problem in refused.problems]  # every rule the action broke, not the first only
        errors: dict[str, list[str]] = {}
        for listed in problems:
            errors.setdefault(listed["field"] or "_schema", []).append(listed["message"])
        abort(422, errors={"json": errors}, message=refused.message(language()),
              problems=problems)
    summary = dict(action.summary(form, ctx))
    if is_dry_run:
        return {"version": expected, "dry_run": True, "summary": summary}, 200
    catch_up_views(current_app)
    version = service.get_employee(ctx.employee_id).version
    return {"version": version, "dry_run": False, "summary": summary}, 201


def _input_problems(action: Action, body: dict[str, Any], ctx: Context) -> list[dict[str, Any]]:
    """The form's messages as problems (rule INPUT_INVALID), each in both languages: the form
    is validated once more in each (its messages are translated as it validates)."""
    found: dict[str, dict[str, list[str]]] = {}
    for lang in LANGUAGES:
        with force_locale(lang):
            form = action.form_class(formdata=_formdata(body), meta={"csrf": False})
            action.prepare(form, ctx)
            form.validate()
            found[lang] = {k: [str(m) for m in v] for k, v in form.errors.items()}
    problems = []
    for field, messages in found[language()].items():
        for i, message in enumerate(messages):
            both = {lang: found[lang].get(field, messages)[i] for lang in LANGUAGES}
            problems.append({"rule": "INPUT_INVALID", "field": field, "message": message,
                             "messages": both})
    return problems


def _formdata(body: dict[str, Any]) -> MultiDict[str, str]:
    """The loaded JSON body as the form data the action's form validates."""
    data: MultiDict[str, str] = MultiDict()
    for key, value in body.items():
        if value is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            data.add(key, item.isoformat() if isinstance(item, date) else str(item))
    return data


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[-_]", name))


def _register(action: Action, api_name: str, on_entry: bool) -> None:
    schema = body_schema(action, f"{_camel(api_name)}Body")
    path = (f"/employees/<employee_id>/entries/<int:version>/{api_name}" if on_entry
            else f"/employees/<employee_id>/{api_name}")

    def record(query: dict[str, Any], body: dict[str, Any], employee_id: str,
               version: int | None = None) -> tuple[dict[str, Any], int]:
        return _record(action, employee_id, version, body, query["dry_run"])

    record.__doc__ = f"{action.title}. {action.rule}"  # built at import: the English text
    record.__name__ = f"record_{api_name.replace('-', '_')}"
    view = roles_required(*WRITERS)(record)
    for decorator in (blp.alt_response(409, schema=ProblemSchema),
                      blp.alt_response(422, schema=ProblemSchema),
                      blp.alt_response(404, schema=ProblemSchema),
                      blp.alt_response(403, schema=ProblemSchema),
                      blp.response(201, RecordedSchema),
                      blp.arguments(schema), blp.arguments(DryRunArgs, location="query")):
        view = decorator(view)
    blp.route(path, methods=["POST"], endpoint=record.__name__)(view)


for _action in ACTIONS.values():
    _register(_action, API_NAMES[_action.slug], on_entry=False)
for _action in TIMELINE_ACTIONS.values():
    _register(_action, API_NAMES[_action.slug], on_entry=True)
