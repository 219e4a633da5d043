"""Leave through the JSON API on each backend: the employee asks with their token, the direct
superior considers with theirs, the HR administrator decides; the same rules and field
messages as the pages, and nobody reaches another's request."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from flask import Flask

from domain.leave_request import LeaveStatus
from projections.stores.backend import count_events
from tests.support.dates import REAL_TODAY
from web import get_service
from web.accounts.store import get_accounts


def _token(app: Flask, username: str) -> dict[str, str]:
    store = get_accounts(app)
    account = store.by_username(username)
    assert account is not None
    return {"Authorization": f"Bearer {store.create_token(account.id, 'tests')[1]}"}


def _monday_in(weeks: int) -> str:
    return (REAL_TODAY + timedelta(days=7 * weeks - REAL_TODAY.weekday())).isoformat()


class TestLeaveApi:
    def test_asked_considered_and_approved_through_the_api(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        mine, superior = _token(demo_app, "pegawai.salatiga"), _token(demo_app, "atasan.salatiga")
        official = _token(demo_app, "hradmin.salatiga")
        body = {"leave_type": "TAHUNAN", "start_on": _monday_in(9), "end_on": _monday_in(9)}
        before = count_events(get_service(demo_app))
        dry = client.post("/api/v1/me/leave-requests?dry_run=true", json=body, headers=mine)
        assert dry.status_code == 200 and count_events(get_service(demo_app)) == before

        asked = client.post("/api/v1/me/leave-requests", json=body, headers=mine)

        assert asked.status_code == 201 and asked.json
        request_id = asked.json["id"]
        listed = client.get("/api/v1/me/leave-requests", headers=mine).json
        assert listed and request_id in [r["id"] for r in listed["requests"]]
        assert listed["balances"] and "remaining" in listed["balances"][0]
        assert client.post(f"/api/v1/leave-requests/{request_id}/approval", json={},
                           headers=_token(demo_app, "hr.salatiga")).status_code == 403
        waiting = client.get("/api/v1/me/leave-considerations", headers=superior).json
        assert waiting is not None and request_id in [r["id"] for r in waiting]
        assert client.post(f"/api/v1/me/leave-considerations/{request_id}", json={
            "recommendation": "RECOMMEND"}, headers=mine).status_code == 404  # not theirs
        considered = client.post(f"/api/v1/me/leave-considerations/{request_id}",
                                 json={"recommendation": "RECOMMEND"}, headers=superior)
        assert considered.status_code == 201
        queue = client.get("/api/v1/leave-requests", headers=official).json
        assert queue is not None and request_id in [r["id"] for r in queue]
        approved = client.post(f"/api/v1/leave-requests/{request_id}/approval", json={},
                               headers=official)
        assert approved.status_code == 201
        assert get_service(demo_app).leave.get(UUID(request_id)).status is \
            LeaveStatus.APPROVED

    def test_a_refusal_names_its_field_and_writes_nothing(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        mine = _token(demo_app, "pegawai.salatiga")
        before = count_events(get_service(demo_app))
        bad = client.post("/api/v1/me/leave-requests", headers=mine, json={
            "leave_type": "TAHUNAN", "start_on": _monday_in(9), "end_on": _monday_in(8)})
        assert bad.status_code == 422 and bad.json
        assert bad.json["problems"][0]["field"] == "end_on"
        assert bad.json["problems"][0]["rule"] == "LEAVE_RANGE_INVALID"
        assert client.post("/api/v1/me/leave-requests", headers=mine,
                           json={}).status_code == 422
        assert count_events(get_service(demo_app)) == before

    def test_tokens_reach_only_their_own_leave(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        official = _token(demo_app, "hradmin.salatiga")
        kupang = _token(demo_app, "hradmin.kupang")
        mine = _token(demo_app, "pegawai.salatiga")
        waiting = client.get("/api/v1/leave-requests", headers=official).json
        assert waiting
        other = waiting[0]["id"]
        assert client.post(f"/api/v1/leave-requests/{other}/approval", json={},
                           headers=kupang).status_code == 404
        assert client.get("/api/v1/leave-requests", headers=mine).status_code == 403
        for staff in ("hr.salatiga", "auditor"):
            assert client.get("/api/v1/me/leave-requests",
                              headers=_token(demo_app, staff)).status_code == 403
        document = client.get("/api/v1/openapi.json").json
        assert document is not None
        for path in ("/api/v1/me/leave-requests", "/api/v1/leave-requests",
                     "/api/v1/me/leave-considerations/{request_id}",
                     "/api/v1/leave-requests/{request_id}/approval",
                     "/api/v1/leave-requests/{request_id}/deferral",
                     "/api/v1/leave-requests/{request_id}/rejection"):
            assert path in document["paths"], path
