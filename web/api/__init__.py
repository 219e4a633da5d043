"""JSON API under /api/v1 (flask-smorest): the roster, employees and every action, by token.

Requests authenticate with `Authorization: Bearer <token>` (tokens per user, stored hashed,
revocable); session cookies are ignored here, which is why the API needs no CSRF token. The same
role and scope checks as the HR pages apply (web/access.py), and actions go through the same
forms and domain rules: 401/403/404 for access, 422 with field messages for invalid input, 409
when the record changed since the version the request is based on.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, request
from flask_smorest import Api
from werkzeug.exceptions import HTTPException

from web.api.routes import blp


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
    api = Api(app)
    api.register_blueprint(blp)
    app.extensions["csrf"].exempt(blp)
    json_errors = api.handle_http_exception

    def handle_http_exception(error: HTTPException) -> Any:
        """JSON errors for the API; the HTML pages keep Flask's own error pages."""
        if request.path.startswith("/api/"):
            return json_errors(error)
        return error

    app.register_error_handler(HTTPException, handle_http_exception)

    @app.errorhandler(500)
    def server_error(error: Exception) -> Any:  # pragma: no cover — a bug, logged by Flask
        if request.path.startswith("/api/"):
            return Response('{"code": 500, "status": "Internal Server Error"}', 500,
                            mimetype="application/json")
        return error
