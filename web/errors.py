"""Error pages in the site's layout and the reader's language; errors under /api/ stay JSON.

403, 404, 405, 500 and the other HTTP errors keep their status codes. A staff URL seen by a
logged-in user gets the staff layout and its navigation; everything else gets the public layout.
Rendering an error page must not fail in turn (the store may be what broke), so a failure there
falls back to plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, Response, render_template, request, url_for
from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

STAFF_PATHS = ("/hr", "/audit", "/admin", "/login", "/logout")

# (title, what to do) per status; other codes get the general one.
MESSAGES: dict[int, tuple[LazyString, LazyString]] = {
    400: (_l("Request not understood"),
          _l("The request could not be read. Reload the page and try again.")),
    403: (_l("Access denied"),
          _l("Your account may not open this page. Ask your administrator if you need it.")),
    404: (_l("Page not found"),
          _l("The address may be mistyped, or the page no longer exists or is outside your "
             "work area.")),
    405: (_l("Request not allowed"),
          _l("This page cannot be used this way. Open it from its link or its form.")),
    500: (_l("Something went wrong on the server"),
          _l("The error has been logged. Try again in a moment; if it happens again, tell the "
             "administrator.")),
}
GENERAL = (_l("The request could not be completed"),
           _l("Go back and try again, or start from the home page."))


def init_errors(app: Flask, api_errors: Callable[[HTTPException], Any]) -> None:
    """Answer every HTTP error with a page; `api_errors` answers those under /api/ (JSON)."""

    def handle_http_exception(error: HTTPException) -> Any:
        """Also called for an unhandled exception, as a 500 (after Flask has logged it)."""
        if request.path.startswith("/api/"):
            return api_errors(error)
        return error_page(error)

    app.register_error_handler(HTTPException, handle_http_exception)


def error_page(error: HTTPException) -> Response:
    """The error's page, with its status code (and, for 405, the methods allowed)."""
    code = error.code or 500
    title, advice = MESSAGES.get(code, GENERAL)
    if isinstance(error, CSRFError):  # its description is one of WTForms' catalogued messages
        advice = _(error.description)
    allowed = getattr(error, "valid_methods", None)  # a 405 says which methods are
    headers = {"Allow": ", ".join(allowed)} if allowed else {}
    try:
        staff = _is_staff()
        body = render_template(
            "error.html", layout="layout.html" if staff else "public/layout.html", code=code,
            title=str(title), advice=str(advice), home=_home(staff))
        return Response(body, code, headers, mimetype="text/html")
    except Exception:  # the page itself failed (the store may be down): say it plainly
        return Response(f"{code} {title}\n{advice}\n", code, headers, mimetype="text/plain")


def _is_staff() -> bool:
    from flask_login import current_user

    return request.path.startswith(STAFF_PATHS) and current_user.is_authenticated


def _home(staff: bool) -> tuple[str, str]:
    """Where the page sends the reader on: the staff home of their role, or the public home."""
    if not staff:
        return url_for("public.home"), _("Home")
    from flask_login import current_user

    from domain.values import Role

    if current_user.role is Role.SYSTEM_ADMIN:
        return url_for("admin.users"), _("Users")
    return url_for("hr.home"), _("HR home")
