"""The employee's own desk: activation with HR's code, /saya, the printable record, correction
requests through the pages and the API, and everything else refused to the employee role."""

from __future__ import annotations

import re
from collections.abc import Callable
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.values import Role
from projections.stores.backend import count_events
from projections.views import hr_queries
from tests.support.dates import REAL_TODAY
from tests.support.staff import csrf_token, demo_places, login, text
from web import catch_up_views, get_service
from web.accounts.store import get_accounts

STRONG = "kuda-lari-di-sawah-2026"


def _employee_of(app: Flask, username: str = "pegawai.salatiga") -> str:
    account = get_accounts(app).by_username(username)
    assert account is not None and account.employee_id
    return account.employee_id


def _without_account(app: Flask, government: str = "salatiga") -> str:
    """An active employee of the demo government who has no account yet."""
    projections = catch_up_views(app)
    government_id = hr_queries.government_by_code(projections, government)
    page = hr_queries.search_roster(projections, hr_queries.Scope(government_id=government_id),
                                    hr_queries.RosterQuery(), REAL_TODAY)
    store = get_accounts(app)
    return next(r["employee_id"] for r in page.rows
                if store.for_employee(r["employee_id"]) is None)


def _issue_code(app: Flask, employee_id: str, officer: str = "hradmin.salatiga") -> str:
    client = app.test_client()
    login(client, officer)
    page = client.get(f"/hr/employees/{employee_id}")
    response = client.post(f"/hr/employees/{employee_id}/aktivasi",
                           data={"csrf_token": csrf_token(text(page))})
    assert response.status_code == 200, response.status_code
    found = re.search(r'data-testid="activation-code"><strong>([A-Z0-9-]+)<', text(response))
    assert found
    return found.group(1)


def _activate(client: FlaskClient, code: str, username: str, password: str = STRONG,
              confirm: str | None = None) -> tuple[int, str]:
    page = client.get("/aktivasi")
    response = client.post("/aktivasi", data={
        "csrf_token": csrf_token(text(page)), "code": code, "username": username,
        "password": password, "confirm": password if confirm is None else confirm})
    return response.status_code, text(response)


def _ask(client: FlaskClient, field_name: str, value: str, reason: str) -> tuple[int, str]:
    page = client.get("/saya/koreksi")
    response = client.post("/saya/koreksi", data={
        "csrf_token": csrf_token(text(page)), "field_name": field_name, "value": value,
        "reason": reason})
    return response.status_code, text(response)


class TestActivation:
    def test_an_employee_activates_with_the_code_hr_issued_and_reaches_their_desk(
            self, demo_app: Flask) -> None:
        employee_id = _without_account(demo_app)
        code = _issue_code(demo_app, employee_id)
        client = demo_app.test_client()

        status, _page = _activate(client, code.lower().replace("-", " "), "siti.aktif")

        assert status == 302
        account = get_accounts(demo_app).by_username("siti.aktif")
        assert account is not None and account.role is Role.EMPLOYEE
        assert account.employee_id == employee_id
        response = login(client, "siti.aktif", STRONG)
        assert response.status_code == 302 and response.headers["Location"].endswith("/saya")
        row_name = get_service(demo_app).personal_data(UUID(employee_id))["name"]
        assert str(row_name) in text(client.get("/saya"))

    def test_a_used_code_does_not_open_a_second_account(self, demo_app: Flask) -> None:
        code = _issue_code(demo_app, _without_account(demo_app))
        client = demo_app.test_client()
        assert _activate(client, code, "pertama.kali")[0] == 302
        status, page = _activate(client, code, "kedua.kali")
        assert status == 422 and "sudah dipakai" in page
        assert get_accounts(demo_app).by_username("kedua.kali") is None

    def test_an_expired_code_is_refused(self, demo_app: Flask) -> None:
        employee_id = _without_account(demo_app)
        code = get_accounts(demo_app).issue_activation(
            employee_id=employee_id, government_id="g", agency_id="a", issued_by="test",
            valid_seconds=-1)
        status, page = _activate(demo_app.test_client(), code, "terlambat")
        assert status == 422 and "kedaluwarsa" in page
        assert get_accounts(demo_app).by_username("terlambat") is None

    def test_a_wrong_code_a_weak_password_or_differing_passwords_are_told_at_their_field(
            self, demo_app: Flask, make_app: Callable[..., Flask]) -> None:
        store = {k: v for k, v in demo_app.config.items()
                 if k.startswith(("REKAM_", "POSTGRES_"))}
        app = make_app(**{**store, "REKAM_DEMO": "0"})  # the password policy of real use
        client = app.test_client()
        status, page = _activate(client, "AAAA-BBBB-CCCC", "salah.kode")
        assert status == 422 and 'id="code-error"' in page
        code = _issue_code(app, _without_account(app))
        status, page = _activate(client, code, "lemah", password="demo")
        assert status == 422 and 'id="password-error"' in page
        status, page = _activate(client, code, "beda", confirm=STRONG + "x")
        assert status == 422 and 'id="confirm-error"' in page
        assert _activate(client, code, "akhirnya.benar")[0] == 302  # the code still worked

    def test_guessing_codes_is_throttled_like_guessing_passwords(
            self, demo_app: Flask, make_app: Callable[..., Flask]) -> None:
        store = {k: v for k, v in demo_app.config.items()
                 if k.startswith(("REKAM_", "POSTGRES_"))}
        app = make_app(**{**store, "REKAM_LOGIN_MAX_FAILURES": "3"})
        client = app.test_client()
        for guess in ("AAAA-AAAA-AAAA", "BBBB-BBBB-BBBB", "CCCC-CCCC-CCCC"):
            assert _activate(client, guess, "penebak")[0] == 422
        code = _issue_code(app, _without_account(app))
        status, page = _activate(client, code, "penebak")
        assert status == 429 and "Terlalu banyak kode yang salah" in page
        assert get_accounts(app).by_username("penebak") is None

    def test_an_officer_cannot_issue_a_code_for_another_agency_and_a_second_account_is_refused(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        token = csrf_token(text(client.get("/hr/", follow_redirects=True)))
        assert client.post(f"/hr/employees/{_without_account(demo_app, 'kupang')}/aktivasi",
                           data={"csrf_token": token}).status_code == 404
        own = client.post(f"/hr/employees/{_employee_of(demo_app)}/aktivasi",
                          data={"csrf_token": token})
        assert own.status_code == 409  # pegawai.salatiga has an account already


class TestDesk:
    def test_the_desk_shows_the_record_training_target_retirement_and_timeline(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "pegawai.salatiga")
        page = text(client.get("/saya"))
        assert 'data-testid="employee-state"' in page and 'data-testid="timeline"' in page
        assert "dari 20 JP" in page and "Batas usia pensiun" in page
        assert "Permintaan saya" in page
        printable = client.get("/saya/cetak")
        assert printable.status_code == 200 and "print.css" in text(printable)
        assert 'data-testid="timeline"' in text(printable)

    def test_an_employee_is_refused_every_staff_page_and_never_sees_another_employee(
            self, demo_app: Flask) -> None:
        places = demo_places(demo_app)
        client = demo_app.test_client()
        login(client, "pegawai.salatiga")
        for url in ("/hr/", "/hr/employees", f"/hr/employees/{places['employeeA']}",
                    f"/hr/employees/{_employee_of(demo_app)}", "/hr/permintaan-koreksi",
                    "/audit/", "/admin/users", "/hr/recruitment/"):
            assert client.get(url).status_code in (403, 404), url
        other = get_service(demo_app).personal_data(UUID(places["employeeC"]))["name"]
        assert str(other) not in text(client.get("/saya"))


class TestCorrectionRequests:
    def test_a_request_refused_by_hr_shows_its_reason_to_the_employee(
            self, demo_app: Flask) -> None:
        employee = demo_app.test_client()
        login(employee, "pegawai.salatiga")
        assert _ask(employee, "contact", "0812 1111 2222", "Nomor lama")[0] == 302
        officer = demo_app.test_client()
        login(officer, "hr.salatiga")
        queue = text(officer.get("/hr/permintaan-koreksi"))
        request_id = re.search(r'data-request="([0-9a-f]{32})"', queue)
        assert request_id and "0812 1111 2222" in queue
        url = f"/hr/permintaan-koreksi/{request_id.group(1)}/tolak"
        before = count_events(get_service(demo_app))
        empty = officer.post(url, data={"csrf_token": csrf_token(queue), "reason": " "})
        assert empty.status_code == 422 and count_events(get_service(demo_app)) == before
        done = officer.post(url, data={"csrf_token": csrf_token(queue),
                                       "reason": "Tidak ada bukti"})
        assert done.status_code == 302
        desk = text(employee.get("/saya"))
        assert "ditolak" in desk and "Tidak ada bukti" in desk

    def test_a_request_approved_by_hr_corrects_the_record(self, demo_app: Flask) -> None:
        employee_id = _employee_of(demo_app)
        employee = demo_app.test_client()
        login(employee, "pegawai.salatiga")
        assert _ask(employee, "name", "Nama Yang Benar", "Salah ketik di SK")[0] == 302
        officer = demo_app.test_client()
        login(officer, "hradmin.salatiga")
        queue = text(officer.get("/hr/permintaan-koreksi"))
        request_id = re.search(r'data-request="([0-9a-f]{32})"', queue)
        assert request_id
        outsider = demo_app.test_client()
        login(outsider, "hr.kupang")
        outsider_token = csrf_token(text(outsider.get("/hr/", follow_redirects=True)))
        assert outsider.post(f"/hr/permintaan-koreksi/{request_id.group(1)}/setujui",
                             data={"csrf_token": outsider_token}).status_code == 404
        done = officer.post(f"/hr/permintaan-koreksi/{request_id.group(1)}/setujui",
                            data={"csrf_token": csrf_token(queue)})
        assert done.status_code == 302
        assert get_service(demo_app).personal_data(UUID(employee_id))["name"] == \
            "Nama Yang Benar"
        assert "disetujui" in text(employee.get("/saya"))

    def test_a_field_still_waiting_for_hr_is_not_asked_twice(self, demo_app: Flask) -> None:
        employee = demo_app.test_client()
        login(employee, "pegawai.salatiga")
        assert _ask(employee, "contact", "0812 3333 4444", "Nomor baru")[0] == 302
        before = count_events(get_service(demo_app))

        status, page = _ask(employee, "contact", "0812 3333 5555", "Salah ketik")

        assert status == 422 and 'id="field_name-error"' in page
        assert "masih menunggu keputusan" in page
        assert count_events(get_service(demo_app)) == before
        assert _ask(employee, "name", "Nama Lain", "Salah ketik di SK")[0] == 302
        # Once HR answered, the field may be asked again.
        officer = demo_app.test_client()
        login(officer, "hr.salatiga")
        queue = text(officer.get("/hr/permintaan-koreksi"))
        waiting = re.search(r'data-request="([0-9a-f]{32})"[^>]*>(?:(?!data-request).)*'
                            r'0812 3333 4444', queue, re.S)
        assert waiting
        assert officer.post(f"/hr/permintaan-koreksi/{waiting.group(1)}/tolak", data={
            "csrf_token": csrf_token(queue), "reason": "Tidak ada bukti"}).status_code == 302
        assert _ask(employee, "contact", "0812 3333 5555", "Bukti terlampir")[0] == 302

    def test_bad_input_is_told_at_its_field_and_writes_nothing(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "pegawai.salatiga")
        before = count_events(get_service(demo_app))
        for field_name, value, reason, field in (
                ("grade", "IV/e", "x", "field_name"), ("nip", "123", "Salah", "value"),
                ("birth_on", "kemarin", "Salah", "value"), ("name", "Nama", "", "reason"),
                ("name", "\u202eNama", "Salah", "value")):
            status, page = _ask(client, field_name, value, reason)
            assert status == 422, (field_name, value)
            assert f'id="{field}-error"' in page, (field_name, value)
        assert count_events(get_service(demo_app)) == before


def _token(app: Flask, username: str) -> dict[str, str]:
    store = get_accounts(app)
    account = store.by_username(username)
    assert account is not None
    return {"Authorization": "Bearer " + store.create_token(account.id, "tests")[1]}


class TestApi:
    def test_an_employee_asks_through_the_api_and_hr_approves_through_it(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        mine, hr = _token(demo_app, "pegawai.salatiga"), _token(demo_app, "hr.salatiga")
        body = {"field_name": "contact", "value": "0813 0000 1111", "reason": "Nomor baru"}
        before = count_events(get_service(demo_app))
        dry = client.post("/api/v1/me/correction-requests?dry_run=true", json=body,
                          headers=mine)
        assert dry.status_code == 200 and count_events(get_service(demo_app)) == before
        asked = client.post("/api/v1/me/correction-requests", json=body, headers=mine)
        assert asked.status_code == 201 and asked.json
        request_id = asked.json["id"]
        me = client.get("/api/v1/me", headers=mine)
        assert me.status_code == 200 and me.json
        assert me.json["training_target_jp"] == 20
        assert [r["status"] for r in me.json["requests"]] == ["requested"]
        queue = client.get("/api/v1/correction-requests", headers=hr)
        assert queue.status_code == 200 and queue.json
        assert request_id in [r["id"] for r in queue.json]
        kupang = _token(demo_app, "hr.kupang")
        assert client.post(f"/api/v1/correction-requests/{request_id}/approval",
                           headers=kupang).status_code == 404
        approved = client.post(f"/api/v1/correction-requests/{request_id}/approval",
                               headers=hr)
        assert approved.status_code == 201
        again = client.post(f"/api/v1/correction-requests/{request_id}/refusal",
                            json={"reason": "Terlambat"}, headers=hr)
        assert again.status_code == 422 and again.json
        assert again.json["problems"][0]["rule"] == "CORRECTION_REQUEST_DECIDED"
        employee_id = UUID(_employee_of(demo_app))
        assert get_service(demo_app).personal_data(employee_id)["contact"] == "0813 0000 1111"

    def test_bad_input_through_the_api_is_a_422_with_problems_at_the_field(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        mine = _token(demo_app, "pegawai.salatiga")
        bad = client.post("/api/v1/me/correction-requests", headers=mine,
                          json={"field_name": "nip", "value": "12", "reason": "Salah"})
        assert bad.status_code == 422 and bad.json
        assert bad.json["problems"][0]["field"] == "value"
        missing = client.post("/api/v1/me/correction-requests", headers=mine, json={})
        assert missing.status_code == 422

    def test_the_employee_token_reaches_only_me_and_staff_tokens_never_me(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        mine = _token(demo_app, "pegawai.salatiga")
        places = demo_places(demo_app)
        for url in ("/api/v1/employees", f"/api/v1/employees/{places['employeeA']}",
                    f"/api/v1/employees/{_employee_of(demo_app)}",
                    "/api/v1/correction-requests"):
            assert client.get(url, headers=mine).status_code == 403, url
        for staff in ("hr.salatiga", "auditor", "admin"):
            assert client.get("/api/v1/me", headers=_token(demo_app, staff)).status_code == 403


class TestCommandLine:
    def test_users_add_employee_links_the_account_to_the_record_of_that_nip(
            self, demo_app: Flask) -> None:
        employee_id = _without_account(demo_app, "kupang")
        nip = str(get_service(demo_app).personal_data(UUID(employee_id))["nip"])
        runner = demo_app.test_cli_runner()
        result = runner.invoke(args=["users", "add", "budi.cli", "--employee", nip,
                                     "--password", "demo"])
        assert result.exit_code == 0, result.output
        assert nip not in result.output
        account = get_accounts(demo_app).by_username("budi.cli")
        assert account is not None and account.role is Role.EMPLOYEE
        assert account.employee_id == employee_id
        twice = runner.invoke(args=["users", "add", "budi.dua", "--employee", nip,
                                    "--password", "demo"])
        assert twice.exit_code != 0 and "already has an account" in twice.output
        unknown = runner.invoke(args=["users", "add", "siapa", "--employee",
                                      "199001012015011001", "--password", "demo"])
        assert unknown.exit_code != 0
