"""`/healthz` on each backend: the stored events, and how far the views and the log lag."""

from __future__ import annotations

import pytest
from flask import Flask

from projections.views.roster import RosterView


class TestHealth:
    def test_healthz_reports_the_backend_and_the_number_of_stored_events(
            self, app: Flask, store_env: dict[str, str]) -> None:
        response = app.test_client().get("/healthz")
        assert response.status_code == 200
        assert response.json == {"status": "ok", "problems": [],
                                 "backend": store_env["REKAM_BACKEND"], "events": 0,
                                 "projections": {
                                     "organisation": 0, "roster": 0, "timeline": 0,
                                     "recruitment": 0}, "ledger": {"lag": 0}}

    def test_healthz_reports_how_far_each_view_lags_behind_the_events(
            self, app: Flask) -> None:
        runner = app.test_cli_runner()
        assert runner.invoke(args=["demo", "--employees", "20", "--years", "1"]).exit_code == 0
        client = app.test_client()
        health = client.get("/healthz").json
        assert health is not None and health["events"] > 0
        assert set(health["projections"].values()) == {health["events"]}
        assert health["ledger"] == {"lag": health["events"]}  # nothing logged yet
        result = runner.invoke(args=["catch-up"])
        assert result.exit_code == 0, result.output
        health = client.get("/healthz").json
        assert health is not None
        assert health["projections"] == {"organisation": 0, "roster": 0, "timeline": 0,
                                          "recruitment": 0}
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
