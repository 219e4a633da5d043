"""JSON API under /api/v1 (flask-smorest): the roster, employees and every action, by token.

Requests authenticate with `Authorization: Bearer <token>` (tokens per user, stored hashed,
revocable); session cookies are ignored here, which is why the API needs no CSRF token. The same
role and scope checks as the HR pages apply (web/access.py), and actions go through the same
forms and domain rules: 401/403/404 for access, 422 with field messages for invalid input, 409
when the record changed since the version the request is based on. A refused action's 422
lists `problems`: each the rule's stable code (`rule`), the body field (`field`, null when the
rule is about the whole request), and the message in the request's language and in both.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_smorest import Api
from werkzeug.exceptions import HTTPException

from web.api import (
    complaints,  # noqa: F401  (its operations join blp before registration)
    consultations,  # noqa: F401 — its operations join the blueprint
    corrections,  # noqa: F401 — its operations join the blueprint
    decree_signers,  # noqa: F401 — its operations join the blueprint
    documents,  # noqa: F401 — its operations join the blueprint
    indicators,  # noqa: F401 — its operations join the blueprint
    leave,  # noqa: F401 — its operations join the blueprint
    leave_documents,  # noqa: F401 — its operations join the blueprint
    performance,  # noqa: F401 — its operations join the blueprint
    promotions,  # noqa: F401 — its operations join the blueprint
    staff_surveys,  # noqa: F401 — its operations join the blueprint
    surveys,  # noqa: F401 — its operations join the blueprint
    tpp,  # noqa: F401 — its operations join the blueprint
    tpp_reports,  # noqa: F401 — its operations join the blueprint
)
from web.api.routes import blp
from web.api.schemas import ProblemSchema, input_problems
from web.errors import init_errors


class _Api(Api):
    # The default error responses (flask-smorest's 422 for a query or body of the wrong form,
    # and the DEFAULT_ERROR) are documented with our problem body, which `with_problems` adds
    # `problems` to; flask-smorest's own schema forbids that key.
    ERROR_SCHEMA = ProblemSchema


def init_api(app: Flask) -> None:
    app.config.update(
        API_TITLE="Rekam Jejak API", API_VERSION="v1", OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api/v1", OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={
            "info": {"description": "Personnel actions of regional governments. "
                                    "Messages are in Bahasa Indonesia; add ?lang=en for English."},
            "components": {"securitySchemes": {"bearerAuth": {"type": "http",
                                                              "scheme": "bearer"}}},
            "security": [{"bearerAuth": []}]})
    api = _Api(app)
    api.register_blueprint(blp)
    app.extensions["csrf"].exempt(blp)
    # JSON errors for the API (500 included); the HTML pages get the site's error pages.
    init_errors(app, api_errors=lambda error: with_problems(api, error))


def with_problems(api: Api, error: HTTPException) -> Any:
    """flask-smorest's problem body, plus the `problems` a refusal was aborted with (each with
    its rule code, field and message in both languages: see ProblemSchema)."""
    body, code, headers = api.handle_http_exception(error)
    data = getattr(error, "data", None) or {}
    problems = data.get("problems")
    if problems is None and error.code == 422 and isinstance(data.get("messages"), dict):
        problems = input_problems(data["messages"])  # the body or query of the wrong form
    if problems is not None:
        body = {**(body if isinstance(body, dict) else body.get_json()), "problems": problems}
    return body, code, headers
