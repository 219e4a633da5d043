"""Builders for the staff-side tests: logging in with the CSRF token, reading form values."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

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
