"""Every route of the app, walked from its URL map: staff routes refuse whoever may not use them.

The hand-written access matrix (test_hr_pages.py) checks chosen pages by role and scope; this
walks every rule the app has, so a route added later cannot go out unprotected by accident. A
route is either on the public list below (reviewed for personal data by the transparency tests)
or behind a staff prefix, where an anonymous caller is sent to the login (or gets 401 from the
API) and a system administrator — who manages accounts, not personnel — is refused.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from werkzeug.routing import Rule

from tests.integration.staff import csrf_token, login, text

# Public blueprints and endpoints: no login by design.
PUBLIC_BLUEPRINTS = {"public", "log", "api-docs", "transparency", "data", "feeds"}
PUBLIC_ENDPOINTS = {"static", "auth.login"}
# Staff prefixes: login required; no personnel data for the system administrator.
PERSONNEL_PREFIXES = ("/hr/", "/audit/")
ACCOUNT_PREFIXES = ("/admin/",)
API_PREFIX = "/api/v1/"


def _url(rule: Rule) -> str:
    """The rule with a placeholder for each argument (an id that exists nowhere)."""
    values: dict[str, Any] = {}
    for name in rule.arguments:
        converter = type(rule._converters[name]).__name__
        values[name] = 1 if converter == "IntegerConverter" else "0" * 32
    url = rule.build(values, append_unknown=False)
    assert url is not None
    return url[1]


def _rules(app: Flask) -> list[tuple[str, str, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, method, _url(rule)))
    # Logging out ends the session the other requests' CSRF token belongs to: last.
    return sorted(found, key=lambda row: (row[0] == "auth.logout", row))


def _is_public(endpoint: str) -> bool:
    return endpoint in PUBLIC_ENDPOINTS or endpoint.split(".")[0] in PUBLIC_BLUEPRINTS


def test_every_route_is_either_public_by_name_or_under_a_staff_prefix(
        demo_app: Flask) -> None:
    unclassified = [(endpoint, url) for endpoint, _, url in _rules(demo_app)
                    if not _is_public(endpoint) and not url.startswith(
                        (*PERSONNEL_PREFIXES, *ACCOUNT_PREFIXES, API_PREFIX, "/logout"))]
    assert unclassified == []


@pytest.mark.parametrize("who", [None, "admin"])
def test_staff_routes_refuse_the_anonymous_and_the_system_administrator(
        demo_app: Flask, who: str | None) -> None:
    client = demo_app.test_client()
    if who is not None:
        assert login(client, who).status_code == 302
    token = csrf_token(text(client.get("/login", follow_redirects=True)))
    wrong = []
    for endpoint, method, url in _rules(demo_app):
        if _is_public(endpoint):
            continue
        personnel = url.startswith((*PERSONNEL_PREFIXES, API_PREFIX))
        if who is not None and not personnel:
            continue  # the accounts pages are the system administrator's own
        response = client.open(url, method=method, data={"csrf_token": token})
        if url.startswith(API_PREFIX):
            allowed = {401}  # session cookies never authenticate the API
        elif who is None:
            allowed = {302}
            if response.status_code == 302 and "/login" not in response.headers["Location"]:
                allowed = set()
        else:
            allowed = {403}
        if response.status_code not in allowed:
            wrong.append((method, url, response.status_code))
    assert wrong == []


def test_an_auditor_can_write_nothing_through_any_staff_form(demo_app: Flask) -> None:
    client = demo_app.test_client()
    assert login(client, "auditor").status_code == 302
    token = csrf_token(text(client.get("/login", follow_redirects=True)))
    wrong = []
    for endpoint, method, url in _rules(demo_app):
        if method != "POST" or not url.startswith("/hr/"):
            continue
        response = client.post(url, data={"csrf_token": token, "step": "confirm"})
        if response.status_code != 403:
            wrong.append((endpoint, url, response.status_code))
    assert wrong == []
