"""The complaint operations of the API: the queue and each handling step, a complaint taken
by telephone, service units, services and holidays; refusals as problems, dry runs that write
nothing, on each backend."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import Flask

from projections.stores.backend import count_events
from projections.views import voice as queries
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


BODY = {"category": "time", "description": "Legalisir ijazah belum selesai setelah dua minggu.",
        "contact": "warga@contoh.id"}


class TestComplaintOperations:
    def test_a_complaint_by_telephone_goes_from_receipt_to_closing_through_the_api(
            self, demo_app: Flask) -> None:
        client, admin = demo_app.test_client(), _token(demo_app, "hradmin.salatiga")
        unit = _unit(demo_app)
        body = {**BODY, "unit_id": unit["id"],
                "happened_on": (date.today() - timedelta(days=1)).isoformat()}
        before = count_events(get_service(demo_app))
        dry = client.post("/api/v1/complaints?dry_run=true", json=body, headers=admin)
        assert dry.status_code == 200 and count_events(get_service(demo_app)) == before
        filed = client.post("/api/v1/complaints", json=body, headers=admin)
        assert filed.status_code == 201 and filed.json is not None
        ticket = filed.json["id"]
        assert get_service(demo_app).voice.track(ticket, filed.json["code"]).ticket == ticket
        key = get_service(demo_app).voice.get_complaint(ticket).id.hex
        officer = _token(demo_app, "hr.salatiga")
        steps = [(admin, "verify", {}), (admin, "assign", {"unit_id": unit["id"]}),
                 (officer, "answer", {"answer": "Selesai, silakan ambil di loket 2."}),
                 (officer, "close", {"resolution": "resolved"})]
        for version, (who, step, extra) in enumerate(steps, start=1):
            response = client.post(f"/api/v1/complaints/{key}/{step}",
                                   json={"version": version, **extra}, headers=who)
            assert response.status_code == 201, (step, response.json)
        found = client.get(f"/api/v1/complaints/{key}", headers=officer).json
        assert found is not None and found["status"] == "closed"
        assert [s["kind"] for s in found["steps"]] == [
            "submitted", "verified", "assigned", "answered", "closed"]
        assert "description" not in found and "contact" not in found
        queue = client.get("/api/v1/complaints?status=all", headers=officer).json
        assert queue is not None and key in {c["id"] for c in queue}

    def test_refusals_come_back_as_problems_and_write_nothing(self, demo_app: Flask) -> None:
        client, admin = demo_app.test_client(), _token(demo_app, "hradmin.salatiga")
        unit = _unit(demo_app)
        before = count_events(get_service(demo_app))
        future = client.post("/api/v1/complaints", headers=admin, json={
            **BODY, "unit_id": unit["id"], "happened_on": "2999-01-01"})
        assert future.status_code == 422 and future.json is not None
        assert future.json["problems"][0]["rule"] == "COMPLAINT_IN_FUTURE"
        assert client.post("/api/v1/complaints", headers=admin,
                           json={"unit_id": unit["id"]}).status_code == 422
        rows = queries.complaint_queue(catch_up_views(demo_app),
                                       government_id=str(unit["government_id"]),
                                       status="closed")
        assert rows
        again = client.post(f"/api/v1/complaints/{rows[0].id}/verify",
                            json={"version": rows[0].version}, headers=admin)
        assert again.status_code == 422
        assert again.json is not None
        assert again.json["problems"][0]["rule"] == "COMPLAINT_STEP_NOT_ALLOWED"
        stale = client.post(f"/api/v1/complaints/{rows[0].id}/verify", json={"version": 1},
                            headers=admin)
        assert stale.status_code == 409
        assert count_events(get_service(demo_app)) == before

    def test_roles_and_scope(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        unit = _unit(demo_app, "salatiga-adminduk")
        rows = queries.complaint_queue(catch_up_views(demo_app),
                                       government_id=str(unit["government_id"]))
        key = rows[0].id
        assert client.get(f"/api/v1/complaints/{key}",
                          headers=_token(demo_app, "hradmin.kupang")).status_code == 404
        assert client.post(f"/api/v1/complaints/{key}/verify", json={"version": 1},
                           headers=_token(demo_app, "auditor")).status_code == 403
        assert client.post("/api/v1/holidays", json={"on": "2026-11-20", "name": "X"},
                           headers=_token(demo_app, "hr.salatiga")).status_code == 403
        assert client.get("/api/v1/complaints").status_code == 401


class TestUnitsAndHolidays:
    def test_the_administrator_opens_a_unit_adds_a_service_and_a_holiday(
            self, demo_app: Flask) -> None:
        client, admin = demo_app.test_client(), _token(demo_app, "hradmin.salatiga")
        agency = _unit(demo_app)["agency_id"]
        opened = client.post("/api/v1/service-units", headers=admin, json={
            "agency_id": agency, "code": "salatiga-api", "name": "Loket API",
            "address": "Jl. API 1"})
        assert opened.status_code == 201 and opened.json is not None
        unit_id = opened.json["id"]
        added = client.post(f"/api/v1/service-units/{unit_id}/services", headers=admin, json={
            "name": "Surat keterangan", "requirements": "KTP-el", "duration": "1 hari",
            "cost": "Gratis"})
        assert added.status_code == 201
        taken = client.post("/api/v1/service-units", headers=admin, json={
            "agency_id": agency, "code": "salatiga-api", "name": "Lagi", "address": "Jl."})
        assert taken.status_code == 422 and taken.json is not None
        assert taken.json["problems"][0]["rule"] == "SERVICE_UNIT_CODE_TAKEN"
        year = date.today().year
        holiday = client.post("/api/v1/holidays", headers=admin, json={
            "on": f"{year}-11-19", "kind": "cuti_bersama", "name": "Cuti bersama daerah"})
        assert holiday.status_code == 201
        assert date(year, 11, 19) in get_service(demo_app).voice.days_off(year, year)

    def test_the_document_lists_every_complaint_operation(self, demo_app: Flask) -> None:
        document = demo_app.test_client().get("/api/v1/openapi.json").json
        assert document is not None
        paths = document["paths"]
        for path in ("/api/v1/complaints", "/api/v1/complaints/{complaint_id}",
                     "/api/v1/complaints/{complaint_id}/{step}", "/api/v1/service-units",
                     "/api/v1/service-units/{unit_id}/services", "/api/v1/holidays"):
            assert path in paths, path
