"""Public consultation on the web: the index and a consultation's page, the comment form with
its guard, and the moderators' workspace, on each backend."""

from __future__ import annotations

import time
from datetime import date
from typing import Any
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.audit import AccessKind
from projections.views import consultation as queries
from tests.support.staff import csrf_token, login, text
from web import catch_up_views, get_service
from web.public import voice_guard

COMMENT = ("Jam layanan sebaiknya sampai sore. NIK saya 3374010101900001, hubungi "
           "0812-3456-7890 atau warga@contoh.id.")
NAME = "Wulandari Kusumaningrum"


def _token(app: Flask, age: float = 60) -> str:
    with app.test_request_context():
        return voice_guard._serializer().dumps(int(time.time() - age))


def _of(app: Flask, status: str) -> dict[str, Any]:
    found = [c for c in queries.consultations(catch_up_views(app), date.today())
             if c["status"] == status and c["government_name"].startswith("Kota Salatiga")]
    assert found, status
    return found[0]


def _post(client: FlaskClient, app: Flask, consultation_id: str, form_of: str | None = None,
          **fields: Any) -> Any:
    """Post a comment, with the CSRF token of the page of `form_of` (default: the same)."""
    page = text(client.get(f"/konsultasi/{form_of or consultation_id}"))
    data = {"csrf_token": csrf_token(page), "token": _token(app), "text": COMMENT,
            "name": NAME, "contact": "0812-3456-7890", "website": ""}
    data.update(fields)
    return client.post(f"/konsultasi/{consultation_id}", data=data)


class TestPublicPages:
    def test_the_index_shows_open_and_answered_consultations_per_government(
            self, demo_app: Flask) -> None:
        body = text(demo_app.test_client().get("/konsultasi"))
        assert "Kota Salatiga" in body and "Dibuka untuk tanggapan" in body
        assert "Dijawab" in body

    def test_an_answered_consultation_shows_themes_minutes_and_changes(
            self, demo_app: Flask) -> None:
        answered = _of(demo_app, "answered")
        body = text(demo_app.test_client().get(f"/konsultasi/{answered['id']}"))
        assert body.count('data-testid="theme"') == 2
        assert "Berita acara" in body and "jam layanan sampai pukul 15.00" in body
        assert 'name="text"' not in body  # no comment form once closed
        assert "Iklan" not in body  # the withheld comment

    def test_an_unknown_or_malformed_id_is_404(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        assert client.get("/konsultasi/nope").status_code == 404
        assert client.get(f"/konsultasi/{'0' * 32}").status_code == 404


class TestCommentForm:
    def test_a_comment_waits_for_moderation_and_is_published_masked_without_its_sender(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        open_one = _of(demo_app, "open")
        response = _post(client, demo_app, open_one["id"])
        assert response.status_code == 200 and 'data-testid="sent"' in text(response)
        assert "3374010101900001" not in text(client.get(f"/konsultasi/{open_one['id']}"))
        staff = demo_app.test_client()
        login(staff, "hradmin.salatiga")
        page = text(staff.get(f"/hr/konsultasi/{open_one['id']}"))
        assert NAME in page  # the moderator reads who wrote it
        service = get_service(demo_app)
        consultation = service.consultation.get(UUID(open_one["id"]))
        (comment_id,) = [c.id for c in consultation.comments.values()
                         if c.is_pending and c.name is not None
                         and service.consultation.comment_text(consultation, c.id)["name"]
                         == NAME]
        moderated = staff.post(f"/hr/konsultasi/{open_one['id']}/moderate", data={
            "csrf_token": csrf_token(page), "version": consultation.version,
            "comment_id": comment_id.hex, "decision": "publish", "text": COMMENT})
        assert moderated.status_code == 302, text(moderated)
        public = text(client.get(f"/konsultasi/{open_one['id']}"))
        assert "Jam layanan sebaiknya sampai sore" in public and "[disamarkan]" in public
        for secret in (NAME, "3374010101900001", "0812-3456-7890", "warga@contoh.id"):
            assert secret not in public

    def test_bad_input_is_told_at_its_field_and_nothing_is_written(
            self, demo_app: Flask) -> None:
        client, open_one = demo_app.test_client(), _of(demo_app, "open")
        before = get_service(demo_app).recorder.max_notification_id()
        response = _post(client, demo_app, open_one["id"], text="ok", name="\u202ex")
        assert response.status_code == 422
        body = text(response)
        assert 'id="text-error"' in body and 'id="name-error"' in body
        assert get_service(demo_app).recorder.max_notification_id() == before

    def test_a_comment_on_a_closed_consultation_is_refused(self, demo_app: Flask) -> None:
        client, answered = demo_app.test_client(), _of(demo_app, "answered")
        response = _post(client, demo_app, answered["id"], form_of=_of(demo_app, "open")["id"])
        assert response.status_code == 422 and "tidak sedang dibuka" in text(response)

    def test_a_filled_honeypot_or_a_hurried_form_writes_nothing(self, demo_app: Flask) -> None:
        client, open_one = demo_app.test_client(), _of(demo_app, "open")
        before = get_service(demo_app).recorder.max_notification_id()
        assert _post(client, demo_app, open_one["id"], website="x").status_code == 400
        assert _post(client, demo_app, open_one["id"],
                     token=_token(demo_app, age=0)).status_code == 400
        assert get_service(demo_app).recorder.max_notification_id() == before

    def test_an_address_gets_429_after_its_hourly_limit_and_what_was_accepted_stays(
            self, demo_app: Flask) -> None:
        client, open_one = demo_app.test_client(), _of(demo_app, "open")
        for _ in range(voice_guard.COMMENTS_PER_HOUR):
            assert _post(client, demo_app, open_one["id"]).status_code == 200
        refused = _post(client, demo_app, open_one["id"])
        assert refused.status_code == 429 and "satu jam" in text(refused)
        found = queries.consultation(catch_up_views(demo_app), open_one["id"], date.today(),
                                     with_comments="all")
        assert found is not None
        assert len(found["comments"]) == open_one["comments"] + voice_guard.COMMENTS_PER_HOUR

    def test_a_body_larger_than_any_comment_is_refused_unread(self, demo_app: Flask) -> None:
        client, open_one = demo_app.test_client(), _of(demo_app, "open")
        response = client.post(f"/konsultasi/{open_one['id']}", data={"text": "x" * 40_000})
        assert response.status_code == 413


class TestStaffWorkspace:
    def test_officers_and_auditors_read_without_the_senders_and_cannot_moderate(
            self, demo_app: Flask) -> None:
        open_one = _of(demo_app, "open")
        for role in ("hr.salatiga", "auditor"):
            client = demo_app.test_client()
            login(client, role)
            page = client.get(f"/hr/konsultasi/{open_one['id']}")
            assert page.status_code == 200
            assert 'class="sealed"' not in text(page) and 'name="decision"' not in text(page)
            refused = client.post(f"/hr/konsultasi/{open_one['id']}/close",
                                  data={"csrf_token": csrf_token(text(page)), "version": 1})
            assert refused.status_code == 403

    def test_each_time_the_administrator_reads_the_comments_as_written_it_is_recorded(
            self, demo_app: Flask) -> None:
        open_one = _of(demo_app, "open")
        service = get_service(demo_app)
        ids = sorted(service.consultation.get(UUID(open_one["id"])).comments)
        assert ids

        def opened() -> list[Any]:
            records: list[Any] = [service.mapper.to_domain_event(n) for n in service.recorder.
                       select_notifications(1, 10_000_000,
                                            topics=("domain.audit:AccessRecord.Recorded",))]
            return [r for r in records if r.kind is AccessKind.COMMENTS_OPENED
                    and set(r.employee_ids) <= set(ids)]

        before = len(opened())
        officer, admin = demo_app.test_client(), demo_app.test_client()
        login(officer, "hr.salatiga")
        assert officer.get(f"/hr/konsultasi/{open_one['id']}").status_code == 200
        assert len(opened()) == before  # an officer sees no sender: nothing was opened
        login(admin, "hradmin.salatiga")
        assert 'class="sealed"' in text(admin.get(f"/hr/konsultasi/{open_one['id']}"))
        after = opened()
        assert len(after) == before + 1 and sorted(after[-1].employee_ids) == ids

    def test_the_administrator_drafts_with_every_refusal_at_its_field(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "hradmin.salatiga")
        page = text(client.get("/hr/konsultasi"))
        response = client.post("/hr/konsultasi", data={
            "csrf_token": csrf_token(page), "title": "", "subject": "tpp_rules",
            "summary": "Ringkasan rancangan ini.", "draft_text": "Naskah rancangan kebijakan.",
            "opens_on": "2000-01-01", "closes_on": "2000-01-05"})
        assert response.status_code == 422
        body = text(response)
        for field in ("title", "opens_on", "closes_on"):
            assert f'id="{field}-error"' in body, field
