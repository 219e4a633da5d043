"""Public consultation through the API: the administrator drafts, publishes, moderates,
answers and concludes; refusals come back as problems (all at once) and write nothing; readers
read without any commenter; the document lists the operations."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from flask import Flask

from domain import clock
from domain.consultation import ConsultationStatus
from projections.stores.backend import count_events
from projections.views import consultation as queries
from web import catch_up_views, get_service
from web.accounts.store import get_accounts
from web.loaders.demo_consultation import OPEN


def _token(app: Flask, username: str) -> dict[str, str]:
    store = get_accounts(app)
    account = store.by_username(username)
    assert account is not None
    return {"Authorization": f"Bearer {store.create_token(account.id, 'tests')[1]}"}


def _open_salatiga(app: Flask) -> dict[str, Any]:
    (found,) = [c for c in queries.consultations(catch_up_views(app), date.today())
                if c["status"] == "open" and c["government_name"].startswith("Kota Salatiga")
                and c["title"] == OPEN[1]]
    return found


def _body(response: Any) -> Any:
    return response.get_json()


BODY = {"subject": "promotion_criteria", "title": "Rancangan kriteria kenaikan pangkat",
        "summary": "Kriteria kenaikan pangkat pilihan tahun depan.",
        "draft_text": "Pasal 1\nKenaikan pangkat pilihan bagi pegawai berprestasi."}


class TestConsultationOperations:
    def test_the_administrator_drafts_and_publishes_and_moderates(self, demo_app: Flask) -> None:
        client, admin = demo_app.test_client(), _token(demo_app, "hradmin.salatiga")
        today = clock.now().date()
        created = client.post("/api/v1/consultations", headers=admin, json={
            **BODY, "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=20)).isoformat()})
        assert created.status_code == 201, _body(created)
        new_id = _body(created)["id"]
        read = _body(client.get(f"/api/v1/consultations/{new_id}", headers=admin))
        assert read["status"] == "draft" and read["version"] == 1
        published = client.post(f"/api/v1/consultations/{new_id}/publish", headers=admin,
                                json={"version": 1})
        assert published.status_code == 201
        consult = get_service(demo_app).consultation
        assert consult.get(UUID(new_id)).status_on(today) is \
            ConsultationStatus.OPEN
        open_one = _open_salatiga(demo_app)
        detail = _body(client.get(f"/api/v1/consultations/{open_one['id']}", headers=admin))
        pending = [c for c in detail["comments"] if c["state"] == "pending"]
        assert pending and all(c["text"] is None for c in pending)
        moderated = client.post(f"/api/v1/consultations/{open_one['id']}/moderate",
                                headers=admin, json={"version": detail["version"],
                                                     "comment_id": pending[0]["id"],
                                                     "reason": "off_topic"})
        assert moderated.status_code == 201, _body(moderated)

    def test_refusals_come_back_as_problems_all_at_once_and_write_nothing(
            self, demo_app: Flask) -> None:
        client, admin = demo_app.test_client(), _token(demo_app, "hradmin.salatiga")
        before = count_events(get_service(demo_app))
        today = clock.now().date()
        refused = client.post("/api/v1/consultations", headers=admin, json={
            **BODY, "title": "", "opens_on": (today - timedelta(days=1)).isoformat(),
            "closes_on": today.isoformat()})
        assert refused.status_code == 422
        assert {(p["rule"], p["field"]) for p in _body(refused)["problems"]} == {
            ("CONSULTATION_TEXT_INVALID", "title"), ("CONSULTATION_OPENS_IN_PAST", "opens_on"),
            ("CONSULTATION_PERIOD_TOO_SHORT", "closes_on")}
        open_one = _open_salatiga(demo_app)
        early = client.post(f"/api/v1/consultations/{open_one['id']}/conclude", headers=admin,
                            json={"version": open_one["version"], "minutes": "Berita acara."})
        assert early.status_code == 422
        assert {p["rule"] for p in _body(early)["problems"]} == {
            "CONSULTATION_STEP_NOT_ALLOWED", "CONSULTATION_COMMENTS_PENDING"}
        assert count_events(get_service(demo_app)) == before

    def test_officers_read_and_cannot_write(self, demo_app: Flask) -> None:
        client, officer = demo_app.test_client(), _token(demo_app, "hr.salatiga")
        listed = client.get("/api/v1/consultations", headers=officer)
        assert listed.status_code == 200 and len(_body(listed)) == 2
        open_one = _open_salatiga(demo_app)
        assert client.post(f"/api/v1/consultations/{open_one['id']}/close", headers=officer,
                           json={"version": 1}).status_code == 403
        kupang = client.get(f"/api/v1/consultations/{open_one['id']}",
                            headers=_token(demo_app, "hr.kupang"))
        assert kupang.status_code == 404

    def test_the_document_lists_every_consultation_operation(self, demo_app: Flask) -> None:
        document = demo_app.test_client().get("/api/v1/openapi.json").json
        assert document is not None
        for path in ("/api/v1/consultations", "/api/v1/consultations/{consultation_id}",
                     "/api/v1/consultations/{consultation_id}/{step}"):
            assert path in document["paths"], path
