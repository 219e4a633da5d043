"""Builders for the staff-side tests: logging in with the CSRF token, reading form values,
finding places in the demo."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from projections.views import hr_queries
from tests.support.dates import REAL_TODAY
from web import catch_up_views

DEMO_PASSWORD = "demo"


def csrf_token(html: str) -> str:
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def hidden(html: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    assert found, f"no hidden field {name}"
    return found.group(1)


def login(client: FlaskClient, username: str, password: str = DEMO_PASSWORD,
          **extra: Any) -> TestResponse:
    page = client.get("/login")
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": csrf_token(page.get_data(as_text=True)),
                                       **extra})


def text(response: TestResponse) -> str:
    return response.get_data(as_text=True)


def demo_places(app: Flask) -> dict[str, Any]:
    """Agencies and one active employee of each, in two governments of the demo.

    A: salatiga/disdik (hr.salatiga's agency), B: another agency of Salatiga, C: kupang/disdik.
    """
    projections = catch_up_views(app)
    found: dict[str, Any] = {}
    for key, government, agency in (("A", "salatiga", "disdik"), ("B", "salatiga", "dinkes"),
                                    ("C", "kupang", "disdik")):
        row = hr_queries.agency_by_code(projections, government, agency)
        assert row is not None
        page = hr_queries.search_roster(projections, hr_queries.Scope(agency_id=row["id"]),
                                        hr_queries.RosterQuery(), REAL_TODAY)
        assert page.rows, f"no employee in {government}/{agency}"
        found[f"agency{key}"], found[f"employee{key}"] = row["id"], page.rows[0]["employee_id"]
    return found
