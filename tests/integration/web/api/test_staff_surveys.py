"""The employee survey operations of the API: open a survey, print codes (returned once),
read it with its results hidden until over and from 10 answers, close it; refusals as
problems and dry runs that write nothing, on each backend."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from flask import Flask

from projections.stores.backend import count_events
from web import get_service
from web.accounts.store import get_accounts


def _token(app: Flask, username: str) -> dict[str, str]:
    store = get_accounts(app)
    account = store.by_username(username)
    assert account is not None
    return {"Authorization": f"Bearer {store.create_token(account.id, 'tests')[1]}"}


class TestStaffSurveyOperations:
    def test_a_survey_is_opened_given_codes_answered_read_and_closed(
            self, demo_app: Flask) -> None:
        client, admin = demo_app.test_client(), _token(demo_app, "hradmin.salatiga")
        today = date.today()
        body = {"title": "Survei kepuasan kerja API", "items": ["Jam kerja wajar."],
                "opens_on": today.isoformat(),
                "closes_on": (today + timedelta(days=5)).isoformat()}
        before = count_events(get_service(demo_app))
        dry = client.post("/api/v1/staff-surveys?dry_run=true", json=body, headers=admin)
        assert dry.status_code == 200 and count_events(get_service(demo_app)) == before
        bad = client.post("/api/v1/staff-surveys", json={**body, "title": "TPP"},
                          headers=admin)
        assert bad.status_code == 422 and bad.json is not None
        assert bad.json["problems"][0]["rule"] == "STAFF_SURVEY_TEXT_INVALID"
        assert count_events(get_service(demo_app)) == before
        opened = client.post("/api/v1/staff-surveys", json=body, headers=admin)
        assert opened.status_code == 201 and opened.json is not None
        survey_id = opened.json["id"]

        listed = client.get("/api/v1/staff-surveys", headers=admin).json
        assert listed is not None and survey_id in {s["id"] for s in listed}
        agency = next(s for s in listed if s["id"] == survey_id)["agency_id"]
        assert agency is None  # every employee of the government
        no_agency = client.post(f"/api/v1/staff-surveys/{survey_id}/codes",
                                json={"count": 2}, headers=admin)
        assert no_agency.status_code == 422
        some_agency = get_service(demo_app).staff_survey  # any agency of the government
        account = get_accounts(demo_app).by_username("hr.salatiga")
        assert account is not None and account.agency_id
        issued = client.post(f"/api/v1/staff-surveys/{survey_id}/codes",
                             json={"count": 11, "agency_id": account.agency_id},
                             headers=admin)
        assert issued.status_code == 201 and issued.json is not None
        codes = issued.json["codes"]
        assert len(codes) == 11 and all(c in u for c, u in zip(codes, issued.json["urls"],
                                                                strict=True))
        for code in codes[:7]:
            some_agency.answer(UUID(survey_id), code=code, scores=[4])
        running = client.get(f"/api/v1/staff-surveys/{survey_id}", headers=admin).json
        assert running is not None and running["result"] is None  # not while it runs
        assert running["answers_waiting"] == 2  # five recorded together, two in the box
        for code in codes[7:]:
            some_agency.answer(UUID(survey_id), code=code, scores=[4])

        version = some_agency.get(UUID(survey_id)).version
        stale = client.post(f"/api/v1/staff-surveys/{survey_id}/close",
                            json={"version": 1}, headers=admin)
        assert stale.status_code == 409
        closed = client.post(f"/api/v1/staff-surveys/{survey_id}/close",
                             json={"version": version}, headers=admin)
        assert closed.status_code == 201
        read = client.get(f"/api/v1/staff-surveys/{survey_id}", headers=admin).json
        assert read is not None and read["result"] == {"answers": 11,
                                                       "counts": [[0, 0, 0, 11, 0]]}
        assert read["answers_waiting"] == 0  # the last one recorded at close

    def test_an_officer_may_not_survey_the_whole_government_nor_read_another(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        officer, other = _token(demo_app, "hr.salatiga"), _token(demo_app, "hradmin.kupang")
        today = date.today()
        body = {"title": "Survei seluruh pemda", "items": ["Jam kerja wajar."],
                "opens_on": today.isoformat(), "closes_on": today.isoformat()}
        assert client.post("/api/v1/staff-surveys", json=body,
                           headers=officer).status_code == 404
        listed = client.get("/api/v1/staff-surveys", headers=_token(
            demo_app, "hradmin.salatiga")).json
        assert listed
        assert client.get(f"/api/v1/staff-surveys/{listed[0]['id']}",
                          headers=other).status_code == 404
