"""Security headers: every response forbids inline script and framing, staff pages are never
stored, and HSTS is sent only behind HTTPS (REKAM_SECURE_COOKIES=1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from tests.support.staff import login

PUBLIC_URLS = ("/", "/log/checkpoint", "/pemda/nowhere", "/static/rekam.css", "/sk")
STAFF_URLS = ("/login", "/hr/", "/audit/", "/admin/users", "/api/v1/employees",
              "/api/v1/openapi.json")


def _headers(app: Flask, url: str) -> dict[str, str]:
    response = app.test_client().get(url)
    response.close()  # a static file stays open until then
    return dict(response.headers)


def _policy(header: str) -> dict[str, str]:
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return dict(parts)


class TestEveryResponse:
    @pytest.mark.parametrize("url", PUBLIC_URLS + STAFF_URLS)
    def test_forbids_inline_script_framing_and_sniffing(self, app: Flask, url: str) -> None:
        headers = _headers(app, url)
        policy = _policy(headers["Content-Security-Policy"])
        assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
        assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "Strict-Transport-Security" not in headers  # plain HTTP: HSTS would be ignored

    def test_hsts_behind_https(self, store_env: dict[str, str],
                               make_app: Callable[..., Flask]) -> None:
        app = make_app(**store_env, REKAM_SECURE_COOKIES="1")
        hsts = _headers(app, "/")["Strict-Transport-Security"]
        assert hsts.startswith("max-age=31536000")


class TestStaffPagesAreNeverStored:
    @pytest.mark.parametrize("url", STAFF_URLS)
    def test_without_a_session(self, app: Flask, url: str) -> None:
        assert _headers(app, url)["Cache-Control"] == "no-store"
        for public in ("/", "/static/rekam.css"):  # public pages may be cached
            assert "no-store" not in _headers(app, public).get("Cache-Control", "")

    def test_a_logged_in_roster_and_audit_page(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "auditor")
        for url in ("/hr/employees", "/audit/"):
            response = client.get(url)
            assert response.status_code == 200
            assert response.headers["Cache-Control"] == "no-store"
