"""`/healthz` on each backend: the stored events, and how far the views and the log lag."""

from __future__ import annotations

import re
from uuid import UUID

import pytest
from flask import Flask

from projections.views.roster import RosterView
from tests.builders.poisoned import record_poisoned_events
from tests.support.dates import REAL_TODAY
from tests.support.staff import demo_places, login, text
from tests.support.views import unable_to_apply
from web import get_projections, get_service


class TestHealth:
    def test_healthz_reports_the_backend_and_the_number_of_stored_events(
            self, app: Flask, store_env: dict[str, str]) -> None:
        response = app.test_client().get("/healthz")
        assert response.status_code == 200
        assert response.json == {"status": "ok", "problems": [],
                                 "backend": store_env["REKAM_BACKEND"], "events": 0,
                                 "projections": {
                                     "organisation": 0, "roster": 0, "timeline": 0,
                                     "recruitment": 0, "correction_requests": 0, "voice": 0,
                                     "performance": 0, "promotion_periods": 0, "survey": 0,
                                     "consultation": 0, "leave": 0, "staff_survey": 0,
                                     "tpp": 0, "voice_figures": 0, "indicators": 0},
                                 "ledger": {"lag": 0}}

    def test_healthz_reports_how_far_each_view_lags_behind_the_events(
            self, app: Flask) -> None:
        runner = app.test_cli_runner()
        assert runner.invoke(args=["demo", "--employees", "20", "--years", "1"]).exit_code == 0
        client = app.test_client()
        health = client.get("/healthz").json
        assert health is not None and health["events"] > 0
        lags = dict(health["projections"])
        # The demo computes its monitoring indicators from five views as its history goes:
        # those stop behind the last events; every other view has applied nothing yet.
        for name in ("organisation", "roster", "consultation", "indicators", "recruitment"):
            assert 0 < lags.pop(name) < health["events"], name
        assert set(lags.values()) == {health["events"]}
        assert health["ledger"] == {"lag": health["events"]}  # nothing logged yet
        result = runner.invoke(args=["catch-up"])
        assert result.exit_code == 0, result.output
        health = client.get("/healthz").json
        assert health is not None
        assert health["projections"] == {"organisation": 0, "roster": 0, "timeline": 0,
                                          "recruitment": 0, "correction_requests": 0,
                                          "voice": 0, "performance": 0,
                                          "promotion_periods": 0, "survey": 0,
                                          "consultation": 0, "leave": 0, "staff_survey": 0,
                                          "tpp": 0, "voice_figures": 0, "indicators": 0}
        assert runner.invoke(args=["rebuild", "roster"]).exit_code == 0
        assert runner.invoke(args=["rebuild", "nope"]).exit_code != 0

    def test_a_failed_rebuild_says_the_views_are_as_they_were(
            self, app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
        runner = app.test_cli_runner()
        assert runner.invoke(args=["demo", "--employees", "20", "--years", "1"]).exit_code == 0
        assert runner.invoke(args=["catch-up"]).exit_code == 0

        def broken(view: RosterView, sql: object) -> None:
            raise RuntimeError("disk full")

        monkeypatch.setattr(RosterView, "finish", broken)  # forked slices inherit it
        result = runner.invoke(args=["rebuild", "--workers", "2"])
        assert result.exit_code == 1
        assert "RuntimeError: disk full" in result.output
        assert "the views are as they were" in result.output
        monkeypatch.undo()
        health = app.test_client().get("/healthz").json
        assert health is not None and set(health["projections"].values()) == {0}


class TestPoisonedStore:
    """A store written before the domain refused NUL holds one in a name, a title and a decree
    number (tests/builders/poisoned.py); on PostgreSQL it used to break every staff page."""

    def test_the_staff_pages_keep_working_and_health_stays_ok(self, demo_app: Flask) -> None:
        places = demo_places(demo_app)
        record_poisoned_events(get_service(demo_app), UUID(str(places["employeeA"])),
                               REAL_TODAY)
        client = demo_app.test_client()
        login(client, "hr.salatiga")

        assert client.get("/hr/employees").status_code == 200
        page = client.get(f"/hr/employees/{places['employeeA']}")
        assert page.status_code == 200
        assert "Literasi" in text(page)
        response = client.get("/healthz")
        health = response.json
        assert health is not None
        assert (response.status_code, health["status"], health["problems"]) == (200, "ok", [])
        assert set(health["projections"].values()) == {0}

    def test_a_view_that_cannot_apply_it_stops_alone_and_health_names_it(
            self, demo_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
        places = demo_places(demo_app)
        position = record_poisoned_events(get_service(demo_app),
                                          UUID(str(places["employeeA"])), REAL_TODAY)
        unable_to_apply(monkeypatch, get_projections(demo_app).views["timeline"], position)
        client = demo_app.test_client()
        login(client, "hr.salatiga")

        assert client.get("/hr/employees").status_code == 200
        assert client.get(f"/hr/employees/{places['employeeA']}").status_code == 200
        response = client.get("/healthz")
        health = response.json
        assert response.status_code == 503 and health is not None
        assert health["status"] == "not ok"
        assert health["problems"] == [{
            "kind": "view_stopped", "view": "timeline", "position": position,
            "error": "ValueError",
            "detail": f"view timeline stopped at event {position} (ValueError)"}]
        assert health["projections"]["roster"] == 0
        assert health["projections"]["timeline"] == 1

        admin = demo_app.test_client()
        login(admin, "admin")
        alert = re.search(r'data-testid="view-stopped-timeline">([^<]*)<',
                          text(admin.get("/admin/jobs?lang=en")))
        assert alert is not None and f"event {position}" in alert.group(1)
