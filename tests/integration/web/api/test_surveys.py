"""The survey operations of the API: open a period, issue codes (returned once), answer with
them, read the result, close; refusals as problems and dry runs that write nothing, on each
backend."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from flask import Flask

from domain.survey_service import Demographics
from projections.stores.backend import count_events
from projections.views import voice as queries
from tests.builders.voice import on_day
from web import catch_up_views, get_service
from web.accounts.store import get_accounts


def _token(app: Flask, username: str) -> dict[str, str]:
    store = get_accounts(app)
    account = store.by_username(username)
    assert account is not None
    return {"Authorization": f"Bearer {store.create_token(account.id, 'tests')[1]}"}


def _unit(app: Flask, code: str = "salatiga-mutasi-siswa") -> dict[str, Any]:
    found = queries.service_unit_by_code(catch_up_views(app), code)
    assert found is not None
    return found


class TestSurveyOperations:
    def test_a_period_is_opened_given_codes_answered_read_and_closed(
            self, demo_app: Flask) -> None:
        client, officer = demo_app.test_client(), _token(demo_app, "hr.salatiga")
        unit, year = _unit(demo_app), date.today().year + 1
        body = {"starts_on": f"{year}-01-01", "ends_on": f"{year}-06-30", "population": 9}
        url = f"/api/v1/service-units/{unit['id']}/survey-periods"
        before = count_events(get_service(demo_app))
        dry = client.post(url + "?dry_run=true", json=body, headers=officer)
        assert dry.status_code == 200 and count_events(get_service(demo_app)) == before
        opened = client.post(url, json=body, headers=officer)
        assert opened.status_code == 201 and opened.json is not None
        period_id = opened.json["id"]
        again = client.post(url, json=body, headers=officer)
        assert again.status_code == 422 and again.json is not None
        assert again.json["problems"][0]["rule"] == "SURVEY_PERIOD_TAKEN"
        written = count_events(get_service(demo_app))
        overlapping = client.post(url, json={**body, "starts_on": f"{year}-06-30",
                                             "ends_on": f"{year}-09-30"}, headers=officer)
        assert overlapping.status_code == 422 and overlapping.json is not None
        problem = overlapping.json["problems"][0]
        assert (problem["rule"], problem["field"]) == ("SURVEY_PERIOD_OVERLAPS", "starts_on")
        assert count_events(get_service(demo_app)) == written

        issued = client.post(f"/api/v1/survey-periods/{period_id}/codes",
                             json={"count": 2}, headers=officer)
        assert issued.status_code == 201 and issued.json is not None
        codes = issued.json["codes"]
        assert len(codes) == 2 and all(c in u for c, u in zip(codes, issued.json["urls"],
                                                                strict=True))
        assert len(get_service(demo_app).survey.get_period(UUID(period_id)).unspent) == 2

        survey = get_service(demo_app).survey
        with on_day(date(year, 1, 2)):
            survey.respond(UUID(period_id), scores=[4] * 9, code=codes[0],
                             demographics=Demographics())
            survey.respond(UUID(period_id), scores=[3] * 9, code=None)
        found = client.get(f"/api/v1/survey-periods/{period_id}", headers=officer).json
        assert found is not None
        assert (found["coded_responses"], found["open_responses"]) == (1, 1)
        assert found["result"]["ikm"] == "87.50" and found["result"]["grade"] == "B"
        assert found["result"]["minimum_sample"] == 9 and not found["result"]["is_enough"]
        assert found["coded_result"]["ikm"] == "100.00"
        listed = client.get("/api/v1/survey-periods", headers=officer).json
        assert listed is not None and period_id in {p["id"] for p in listed}

        stale = client.post(f"/api/v1/survey-periods/{period_id}/close",
                            json={"version": 1}, headers=officer)
        assert stale.status_code == 409
        closed = client.post(f"/api/v1/survey-periods/{period_id}/close",
                             json={"version": found["version"]}, headers=officer)
        assert closed.status_code == 201

    def test_staff_of_another_government_cannot_reach_a_period(self, demo_app: Flask) -> None:
        client, kupang = demo_app.test_client(), _token(demo_app, "hradmin.kupang")
        salatiga = client.get("/api/v1/survey-periods",
                              headers=_token(demo_app, "hradmin.salatiga")).json
        assert salatiga
        period_id = salatiga[0]["id"]
        assert client.get(f"/api/v1/survey-periods/{period_id}",
                          headers=kupang).status_code in (403, 404)
        assert client.post(f"/api/v1/survey-periods/{period_id}/codes", json={"count": 1},
                           headers=kupang).status_code in (403, 404)
        mine = client.get("/api/v1/survey-periods", headers=kupang).json
        assert mine and period_id not in {p["id"] for p in mine}
