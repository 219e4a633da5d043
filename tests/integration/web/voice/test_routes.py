"""Citizens' voice on the web: the public service pages, the complaint form with its guard,
tracking with ticket and code, and the staff's workspace, on each backend."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.audit import AccessKind
from domain.holiday_seed import is_complete
from projections.stores.backend import count_events
from projections.views import voice as queries
from tests.support.staff import csrf_token, login, text
from web import catch_up_views, get_service
from web.public import voice_guard

DESCRIPTION = ("Petugas loket meminta uang Rp 50.000 agar KTP-el cepat jadi. "
               "NIK saya 3374010101900001, hubungi 0812-3456-7890 atau warga@contoh.id.")


def _token(app: Flask, age: float = 60) -> str:
    with app.test_request_context():
        return voice_guard._serializer().dumps(int(time.time() - age))


def _unit(app: Flask, code: str = "salatiga-adminduk") -> dict[str, Any]:
    found = queries.service_unit_by_code(catch_up_views(app), code)
    assert found is not None and found["services"]
    return found


def _form(client: FlaskClient, app: Flask, **fields: Any) -> dict[str, Any]:
    unit = _unit(app)
    page = text(client.get("/pengaduan"))
    data = {"csrf_token": csrf_token(page), "token": _token(app), "unit_id": unit["id"],
            "service_id": unit["services"][0]["id"], "category": "cost",
            "happened_on": (date.today() - timedelta(days=2)).isoformat(),
            "description": DESCRIPTION, "contact": "0812-3456-7890", "website": ""}
    data.update(fields)
    return data


def _submit(client: FlaskClient, app: Flask, **fields: Any) -> tuple[str, str]:
    response = client.post("/pengaduan", data=_form(client, app, **fields))
    assert response.status_code == 200, text(response)
    body = text(response)
    ticket = re.search(r'data-testid="ticket"><code>([^<]+)', body)
    code = re.search(r'data-testid="code"><code>([^<]+)', body)
    assert ticket and code
    return ticket[1], code[1]


def _track(client: FlaskClient, app: Flask, ticket: str, code: str, **extra: str) -> Any:
    token = csrf_token(text(client.get("/pengaduan/lacak")))
    return client.post("/pengaduan/lacak", data={"csrf_token": token, "token": _token(app),
                                                 "ticket": ticket, "code": code, **extra})


class TestPublicPages:
    def test_the_index_lists_every_units_and_a_unit_shows_its_standards_and_figures(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        index = text(client.get("/layanan"))
        assert "Layanan Administrasi Kependudukan Kota Salatiga" in index
        page = client.get("/layanan/salatiga-adminduk")
        assert page.status_code == 200
        body = text(page)
        assert "Penerbitan KTP-el" in body and "Tidak dipungut biaya" in body
        assert 'data-testid="complaint-figures"' in body
        assert client.get("/layanan/nowhere").status_code == 404


class TestComplaintForm:
    def test_a_citizen_files_a_complaint_and_gets_a_ticket_and_a_code(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        ticket, code = _submit(client, demo_app)
        assert re.fullmatch(r"ADU-\d{4}-[2-9A-Z]{6}", ticket)
        assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}", code)
        complaint = get_service(demo_app).voice.track(ticket, code)
        assert complaint.contact is not None and complaint.is_anonymous is False

    @pytest.mark.parametrize(("fields", "field", "message"), [
        ({"unit_id": "x"}, "unit_id", "Pilih unit pelayanan."),
        ({"category": "bribe"}, "category", "Pilih hal yang diadukan."),
        ({"happened_on": "kemarin"}, "happened_on", "Isi tanggal kejadian"),
        ({"happened_on": "2999-01-01"}, "happened_on", "tidak boleh setelah hari ini"),
        ({"description": "pendek"}, "description", "antara 20 dan 4000 karakter"),
        ({"is_anonymous": "1"}, "contact", "Pengaduan anonim tidak memuat kontak"),
        ({"description": "Antrean lama \u202e sekali di loket hari ini."}, "description",
         "karakter"),
    ])
    def test_bad_input_is_refused_at_its_field_in_indonesian_and_nothing_is_written(
            self, demo_app: Flask, fields: dict[str, str], field: str, message: str) -> None:
        client = demo_app.test_client()
        data = _form(client, demo_app, **fields)
        before = count_events(get_service(demo_app))
        response = client.post("/pengaduan", data=data)
        assert response.status_code == 422
        body = text(response)
        error = re.search(rf'id="{field}-error" role="alert">([^<]+)', body)
        assert error and message in error[1], body[-3000:]
        assert count_events(get_service(demo_app)) == before

    def test_a_filled_honeypot_a_hurried_form_a_forged_token_or_no_csrf_write_nothing(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        before = count_events(get_service(demo_app))
        for change, status in (({"website": "http://spam"}, 400),
                               ({"token": _token(demo_app, age=0)}, 400),
                               ({"token": "forged"}, 400), ({"csrf_token": ""}, 400)):
            response = client.post("/pengaduan", data=_form(client, demo_app, **change))
            assert response.status_code == status, change
        assert count_events(get_service(demo_app)) == before

    def test_a_body_larger_than_any_complaint_is_refused_unread(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        before = count_events(get_service(demo_app))
        data = _form(client, demo_app, description="x" * 40_000)
        assert client.post("/pengaduan", data=data).status_code == 413
        assert count_events(get_service(demo_app)) == before

    def test_an_address_gets_429_after_its_hourly_limit_and_what_was_accepted_stays(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        tickets = [_submit(client, demo_app)[0] for _ in range(voice_guard.COMPLAINTS_PER_HOUR)]
        refused = client.post("/pengaduan", data=_form(client, demo_app))
        assert refused.status_code == 429 and "satu jam" in text(refused)
        # A failed login prunes login failures past its window: the posts are counted apart.
        assert login(demo_app.test_client(), "hr.salatiga", "wrong").status_code != 302
        assert client.post("/pengaduan", data=_form(client, demo_app)).status_code == 429
        other = demo_app.test_client()
        response = other.post("/pengaduan", data=_form(other, demo_app),
                              environ_base={"REMOTE_ADDR": "10.9.8.7"})
        assert response.status_code == 200
        for ticket in tickets:
            assert get_service(demo_app).voice.get_complaint(ticket).ticket == ticket


class TestTracking:
    def test_the_tracker_sees_status_timeline_and_masked_answer_but_never_the_complainant(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        ticket, code = _submit(client, demo_app)
        body = text(_track(client, demo_app, ticket.lower(), code.replace("-", "")))
        assert ticket in body and "Diterima" in body
        assert "3374010101900001" not in body and "0812-3456-7890" not in body
        assert "Petugas loket" not in body  # the complaint's own text is never shown
        voice = get_service(demo_app).voice
        key = voice.get_complaint(ticket).id
        staff = get_service(demo_app)
        from domain.values import Actor, Role

        admin = Actor("hradmin", Role.HR_ADMIN)
        staff.voice.verify_complaint(key, actor=admin)
        staff.voice.assign_complaint(key, unit_id=voice.get_complaint(ticket).unit_id,
                                     actor=admin)
        staff.voice.answer_complaint(key, actor=admin,
                                     answer="Sudah ditindak. Info: 081298765432 / a@b.id")
        body = text(_track(client, demo_app, ticket, code))
        answer = re.search(r'data-testid="answer">([^<]+)', body)
        assert answer and "[disamarkan]" in answer[1] and "081298765432" not in body
        assert body.count("<li>") >= 4  # received, verified, assigned, answered

    def test_a_wrong_code_finds_nothing_and_the_complainant_reopens_an_answered_one(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        ticket, code = _submit(client, demo_app)
        wrong = _track(client, demo_app, ticket, "AAAA-BBBB-CCCC")
        assert wrong.status_code == 404 and "tidak cocok" in text(wrong)
        from domain.values import Actor, Role

        voice, admin = get_service(demo_app).voice, Actor("hradmin", Role.HR_ADMIN)
        key = voice.get_complaint(ticket).id
        voice.verify_complaint(key, actor=admin)
        voice.assign_complaint(key, unit_id=voice.get_complaint(key).unit_id, actor=admin)
        voice.answer_complaint(key, answer="Sudah selesai.", actor=admin)
        response = _track(client, demo_app, ticket, code, reopen="1",
                          reason="Belum selesai, biaya masih diminta di loket.")
        assert response.status_code == 200 and "Dibuka kembali" in text(response)
        assert voice.get_complaint(key).status.value == "reopened"


class TestStaffWorkspace:
    def test_the_administrator_verifies_assigns_and_the_agencys_officer_answers(
            self, demo_app: Flask) -> None:
        citizen = demo_app.test_client()
        unit = _unit(demo_app, "salatiga-mutasi-siswa")  # a unit of hr.salatiga's agency
        ticket, _code = _submit(citizen, demo_app, unit_id=unit["id"],
                                service_id=unit["services"][0]["id"])
        key = get_service(demo_app).voice.get_complaint(ticket).id.hex
        admin = demo_app.test_client()
        assert login(admin, "hradmin.salatiga").status_code == 302
        queue = text(admin.get("/hr/pengaduan"))
        assert ticket in queue
        page = text(admin.get(f"/hr/pengaduan/{key}"))
        assert "3374010101900001" in page  # staff read the complaint as written
        token = csrf_token(page)
        assert admin.post(f"/hr/pengaduan/{key}/verify",
                          data={"csrf_token": token, "version": "1"}).status_code == 302
        stale = admin.post(f"/hr/pengaduan/{key}/assign",
                           data={"csrf_token": token, "version": "1", "unit_id": unit["id"]})
        assert stale.status_code == 409
        assert admin.post(f"/hr/pengaduan/{key}/assign", data={
            "csrf_token": token, "version": "2", "unit_id": unit["id"]}).status_code == 302
        officer = demo_app.test_client()
        assert login(officer, "hr.salatiga").status_code == 302
        token = csrf_token(text(officer.get(f"/hr/pengaduan/{key}")))
        assert officer.post(f"/hr/pengaduan/{key}/verify",
                            data={"csrf_token": token, "version": "3"}).status_code == 403
        answered = officer.post(f"/hr/pengaduan/{key}/answer", data={
            "csrf_token": token, "version": "3", "answer": "Legalisir selesai hari ini."})
        assert answered.status_code == 302
        steps = text(admin.get(f"/hr/pengaduan/{key}"))
        assert "hr.salatiga" in steps and "hradmin.salatiga" in steps

        # Every reading of the complainant's text is an access record in the log.
        service = get_service(demo_app)
        records: list[Any] = [service.mapper.to_domain_event(n) for n in service.recorder.
                   select_notifications(1, 10_000_000,
                                        topics=("domain.audit:AccessRecord.Recorded",))]
        opened = [(r.actor.user_id, r.employee_ids) for r in records
                  if r.kind is AccessKind.COMPLAINT_OPENED]
        # admin, admin again on the conflict page (it shows the complaint), officer, admin
        assert [ids for _, ids in opened] == [[UUID(key)]] * 4
        users = [user for user, _ in opened]
        assert users[0] == users[1] == users[3] != users[2]

    def test_an_officer_of_another_agency_or_government_cannot_see_the_complaint(
            self, demo_app: Flask) -> None:
        ticket, _code = _submit(demo_app.test_client(), demo_app)  # a Dukcapil unit
        key = get_service(demo_app).voice.get_complaint(ticket).id.hex
        for who in ("hr.salatiga", "hradmin.kupang", "hr.kupang"):
            client = demo_app.test_client()
            assert login(client, who).status_code == 302
            assert client.get(f"/hr/pengaduan/{key}").status_code == 404, who
            assert ticket not in text(client.get("/hr/pengaduan?status=all"))

    def test_overdue_complaints_reach_the_administrators_home_and_queue(
            self, demo_app: Flask) -> None:
        admin = demo_app.test_client()
        assert login(admin, "hradmin.salatiga").status_code == 302
        home = text(admin.get("/hr/"))
        overdue = text(admin.get("/hr/pengaduan?status=overdue"))
        count = overdue.count('data-overdue="1"')
        assert count > 0 and 'data-testid="overdue-complaints"' in home

    def test_the_administrator_keeps_units_services_and_the_holiday_calendar(
            self, demo_app: Flask) -> None:
        admin = demo_app.test_client()
        assert login(admin, "hradmin.salatiga").status_code == 302
        page = text(admin.get("/hr/layanan"))
        agency = re.search(r'<option value="([0-9a-f]{32})">', page)
        assert agency
        created = admin.post("/hr/layanan", data={
            "csrf_token": csrf_token(page), "agency_id": agency[1], "code": "salatiga-baru",
            "name": "Loket Baru", "address": "Jl. Baru 1"})
        assert created.status_code == 302
        unit_url = created.headers["Location"]
        added = admin.post(unit_url, data={
            "csrf_token": csrf_token(page), "name": "Surat pindah", "requirements": "KK",
            "duration": "1 hari kerja", "cost": "Gratis"})
        assert added.status_code == 302
        assert "Surat pindah" in text(demo_app.test_client().get("/layanan/salatiga-baru"))
        refused = admin.post(unit_url, data={"csrf_token": csrf_token(page),
                                             "name": "Surat pindah", "requirements": "x",
                                             "duration": "x", "cost": "x"})
        assert refused.status_code == 422 and "sudah mempunyai layanan" in text(refused)
        year = date.today().year
        calendar = text(admin.get(f"/hr/libur?tahun={year}"))
        saved = admin.post("/hr/libur", data={"csrf_token": csrf_token(calendar),
                                              "on": f"{year}-11-20", "kind": "national",
                                              "name": "Libur daerah"})
        assert saved.status_code == 302
        assert "Libur daerah" in text(admin.get(f"/hr/libur?tahun={year}"))
        officer = demo_app.test_client()
        assert login(officer, "hr.salatiga").status_code == 302
        token = csrf_token(text(officer.get("/hr/libur")))
        assert officer.post("/hr/libur", data={"csrf_token": token,
                                               "on": f"{year}-11-21"}).status_code == 403

    def test_a_year_without_its_skb_is_flagged_to_the_administrator_until_it_is_entered(
            self, demo_app: Flask) -> None:
        today = date.today()
        years = [today.year] + ([today.year + 1] if today.month >= 11 else [])
        expected = [y for y in years
                    if not is_complete(y) and get_service(demo_app).voice.calendar(y) is None]
        admin, officer = demo_app.test_client(), demo_app.test_client()
        assert login(admin, "hradmin.salatiga").status_code == 302
        assert login(officer, "hradmin.kupang").status_code == 302
        flagged = re.findall(r'href="/hr/libur\?tahun=(\d{4})"[^>]*>[^<]*belum dimasukkan',
                             text(admin.get("/hr/")))
        assert [int(y) for y in flagged] == expected
        if not expected:
            return
        year = expected[0]
        page = text(admin.get(f"/hr/libur?tahun={year}"))
        assert "hanya hari libur yang ditetapkan" in page and "Hari Lahir Pancasila" in page
        saturday = next(date(year, 11, d) for d in range(1, 8) if date(year, 11, d).weekday() == 5)
        assert admin.post("/hr/libur", data={
            "csrf_token": csrf_token(page), "on": saturday.isoformat(), "kind": "national",
            "name": "Libur daerah"}).status_code == 302
        assert f"tahun={year}" not in text(admin.get("/hr/"))
        assert f"tahun={year}" not in text(officer.get("/hr/"))  # the calendar is national
