"""The security headers every response carries, set in one place (OWASP ASVS 14.4).

The pages load scripts and styles from /static only (the templates have no inline script,
handler or style), so the policy allows nothing inline; the SVG charts use presentation
attributes, which a policy does not govern. Staff pages, the login page and the API are
never stored by a browser or a proxy: they show personal data and act in a user's name.
"""

from __future__ import annotations

from flask import Flask, Response, request

from web.settings import get_settings

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"))
STAFF_PATHS = ("/hr", "/audit", "/admin", "/login", "/logout", "/api/")
HSTS = "max-age=31536000; includeSubDomains"  # a year, as browsers' preload lists ask


def init_headers(app: Flask) -> None:
    """Add the headers to every response of `app`, error pages and cached pages included."""
    is_https = get_settings(app).staff.is_https_only

    @app.after_request
    def security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers["X-Frame-Options"] = "DENY"
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "same-origin"
        if is_https:
            headers["Strict-Transport-Security"] = HSTS
        if request.path.startswith(STAFF_PATHS):
            headers["Cache-Control"] = "no-store"
        return response
