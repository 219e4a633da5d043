"""Logging in and out, CSRF, session expiry, the demo accounts and the `rekam users` command."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from domain.values import Role
from tests.support.staff import csrf_token, login, text
from web.accounts.store import get_accounts
from web.settings import SESSION_SECRET_FILE


def _outside_demo_mode(demo_app: Flask, make_app: Callable[..., Flask]) -> Flask:
    """An app on the demo's store with REKAM_DEMO=0 (settings are read once, at start)."""
    store = {k: v for k, v in demo_app.config.items() if k.startswith(("REKAM_", "POSTGRES_"))}
    return make_app(**{**store, "REKAM_DEMO": "0"})


class TestLogin:
    def test_the_login_form_has_exactly_the_documented_fields(self, demo_app: Flask) -> None:
        page = text(demo_app.test_client().get("/login"))
        for name in ("username", "password", "csrf_token"):
            assert f'name="{name}"' in page
        assert "Masuk" in page

    def test_a_demo_officer_logs_in_and_lands_on_their_agency_dashboard(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        response = login(client, "hr.salatiga")
        assert response.status_code == 302 and response.headers["Location"] == "/hr/"
        dashboard = client.get("/hr/", follow_redirects=True)
        assert dashboard.status_code == 200
        assert "Dinas Pendidikan dan Kebudayaan" in text(dashboard)
        assert 'data-testid="demo-banner"' in text(dashboard)

    def test_a_login_without_the_csrf_token_is_refused(self, demo_app: Flask) -> None:
        response = demo_app.test_client().post(
            "/login", data={"username": "hr.salatiga", "password": "demo"})
        assert response.status_code == 400

    def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(
            self, demo_app: Flask) -> None:
        response = login(demo_app.test_client(), "hr.salatiga", "nope")
        assert response.status_code == 401
        assert "Nama pengguna atau kata sandi salah" in text(response)

    def test_pages_need_a_login_and_send_back_after_it(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        response = client.get("/hr/employees")
        assert response.status_code == 302 and "/login?next=" in response.headers["Location"]
        page = client.get(response.headers["Location"])
        after = client.post(response.headers["Location"], data={
            "username": "hradmin.kupang", "password": "demo",
            "csrf_token": csrf_token(text(page))})
        assert after.headers["Location"] == "/hr/employees"

    def test_the_login_never_redirects_to_another_site(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        page = client.get("/login?next=https://evil.example/")
        response = client.post("/login?next=https://evil.example/", data={
            "username": "auditor", "password": "demo", "csrf_token": csrf_token(text(page))})
        assert response.headers["Location"] == "/hr/"

    def test_logout_ends_the_session(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "auditor")
        page = text(client.get("/hr/"))
        assert client.post("/logout", data={"csrf_token": csrf_token(page)}).status_code == 302
        assert client.get("/hr/").status_code == 302

    def test_logout_needs_the_csrf_token(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "auditor")
        assert client.post("/logout").status_code == 400
        assert client.get("/hr/").status_code == 200

    def test_an_idle_session_expires(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "auditor")
        assert client.get("/hr/").status_code == 200
        with client.session_transaction() as session:
            session["seen_at"] = time.time() - 31 * 60
        response = client.get("/hr/")
        assert response.status_code == 302
        assert "berakhir" in text(client.get(response.headers["Location"]))

    def test_the_session_cookie_is_http_only_and_same_site(self, demo_app: Flask) -> None:
        response = login(demo_app.test_client(), "auditor")
        cookie = response.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie

    def test_a_password_change_or_disabling_ends_open_sessions(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "hr.palu")
        store = get_accounts(demo_app)
        account = store.by_username("hr.palu")
        assert account is not None
        store.set_password(account.id, account.password_hash)
        assert client.get("/hr/").status_code == 302
        login(client, "hr.palu")
        store.set_active(account.id, False)
        assert client.get("/hr/").status_code == 302
        assert login(client, "hr.palu").status_code == 401


class TestSessionSecret:
    """No secret in the source signs a session: without REKAM_SECRET_KEY each store makes
    its own random one (web/settings.py `session_secret`)."""

    @staticmethod
    def _signed_with(secret: str, session: dict[str, Any]) -> str:
        """`session` as a cookie signed with `secret`, as Flask signs it."""
        forger = Flask("forger")
        forger.secret_key = secret
        signer = SecureCookieSessionInterface().get_signing_serializer(forger)
        assert signer is not None
        return str(signer.dumps(session))

    def test_a_cookie_signed_with_the_old_demo_secret_reaches_no_staff_page(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "hradmin.salatiga")
        with client.session_transaction() as opened:
            session = dict(opened)
        assert client.get("/hr/").status_code == 200
        for secret, status in ((demo_app.secret_key, 200), ("dev-only-not-secret", 302)):
            forger = demo_app.test_client()
            forger.set_cookie("session", self._signed_with(str(secret), session))
            assert forger.get("/hr/").status_code == status, secret

    def test_the_app_signs_with_the_random_secret_of_its_data_directory(
            self, tmp_path: Path, make_app: Callable[..., Flask]) -> None:
        first = make_app(REKAM_DATA_DIR=str(tmp_path / "a"), REKAM_DEMO="0")
        again = make_app(REKAM_DATA_DIR=str(tmp_path / "a"))
        other = make_app(REKAM_DATA_DIR=str(tmp_path / "b"), REKAM_DEMO="1")
        kept = (tmp_path / "a" / SESSION_SECRET_FILE).read_text().strip()
        assert first.secret_key == again.secret_key == kept and len(kept) >= 32
        assert other.secret_key not in (kept, "dev-only-not-secret")


class TestDemoAccounts:
    def test_the_demo_has_every_documented_account_with_its_scope(
            self, demo_app: Flask) -> None:
        accounts = {a.username: a for a in get_accounts(demo_app).all()}
        assert accounts["admin"].role is Role.SYSTEM_ADMIN
        assert accounts["auditor"].role is Role.AUDITOR
        for government in ("salatiga", "plaju", "tanjungbalai", "kupang", "palu"):
            admin, officer = accounts[f"hradmin.{government}"], accounts[f"hr.{government}"]
            assert admin.role is Role.HR_ADMIN and admin.government_id
            assert officer.role is Role.HR_OFFICER and officer.agency_id
            assert officer.government_id == admin.government_id
        assert len(accounts) == 12

    def test_outside_demo_mode_weak_passwords_are_refused(
            self, demo_app: Flask, make_app: Callable[..., Flask]) -> None:
        app = _outside_demo_mode(demo_app, make_app)
        runner = app.test_cli_runner()
        weak = runner.invoke(args=["users", "add", "newcomer", "--role", "auditor",
                                   "--password", "demo"])
        assert weak.exit_code != 0 and "at least 12 characters" in weak.output
        common = runner.invoke(args=["users", "add", "newcomer", "--role", "auditor",
                                     "--password", "indonesia1945"])
        assert common.exit_code != 0 and "too common" in common.output
        fine = runner.invoke(args=["users", "add", "newcomer", "--role", "auditor",
                                   "--password", "tiga kata acak panjang"])
        assert fine.exit_code == 0, fine.output
        client = app.test_client()
        assert 'data-testid="demo-banner"' not in text(client.get("/login"))


class TestUsersCommand:
    def test_add_list_set_password_and_disable(
            self, tmp_path: Path, make_app: Callable[..., Flask]) -> None:
        app = make_app(REKAM_DATA_DIR=str(tmp_path / "empty"))
        runner = app.test_cli_runner()
        added = runner.invoke(args=["users", "add", "root", "--role", "system_admin",
                                    "--password", "kopi tubruk pagi hari"])
        assert added.exit_code == 0, added.output
        officer = runner.invoke(args=["users", "add", "x", "--role", "hr_officer",
                                      "--agency", "salatiga/disdik", "--password", "p" * 20])
        assert officer.exit_code != 0 and "unknown GOVERNMENT/AGENCY" in officer.output
        listing = runner.invoke(args=["users", "list"])
        assert "root\tSystem administrator\tall\tactive" in listing.output
        changed = runner.invoke(args=["users", "set-password", "root",
                                      "--password", "teh manis sore hari"])
        assert changed.exit_code == 0, changed.output
        assert login(app.test_client(), "root", "teh manis sore hari").status_code == 302
        assert runner.invoke(args=["users", "disable", "root"]).exit_code == 0
        assert login(app.test_client(), "root", "teh manis sore hari").status_code == 401
        assert "disabled" in runner.invoke(args=["users", "list"]).output


class TestAdminPage:
    def test_the_system_administrator_adds_a_user_and_disables_it(
            self, demo_app: Flask, make_app: Callable[..., Flask]) -> None:
        app = _outside_demo_mode(demo_app, make_app)
        client = app.test_client()
        login(client, "admin")
        page = text(client.get("/admin/users"))
        assert 'data-testid="user-hr.salatiga"' in page
        weak = client.post("/admin/users", data={
            "csrf_token": csrf_token(page), "username": "baru", "password": "rahasia",
            "role": "auditor", "agency_id": "", "government_id": ""})
        assert weak.status_code == 422 and "minimal 12 karakter" in text(weak)
        added = client.post("/admin/users", data={
            "csrf_token": csrf_token(page), "username": "baru",
            "password": "kalimat sandi yang panjang", "role": "auditor", "agency_id": "",
            "government_id": ""})
        assert added.status_code == 302
        account = get_accounts(app).by_username("baru")
        assert account is not None and account.role is Role.AUDITOR
        disabled = client.post(f"/admin/users/{account.id}/active/0",
                               data={"csrf_token": csrf_token(page)})
        assert disabled.status_code == 302
        assert login(app.test_client(), "baru",
                     "kalimat sandi yang panjang").status_code == 401

    def test_a_token_secret_is_shown_once_and_never_put_in_the_session(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "admin")
        page = text(client.get("/admin/users"))
        account = get_accounts(demo_app).by_username("auditor")
        assert account is not None
        created = client.post(f"/admin/users/{account.id}/tokens",
                              data={"csrf_token": csrf_token(page)})
        assert created.status_code == 200
        secret = re.search(r'data-testid="token-secret">([^<]+)<', text(created))
        assert secret is not None
        assert secret.group(1) not in created.headers.get("Set-Cookie", "")
        assert demo_app.test_client().get("/api/v1/employees", headers={
            "Authorization": f"Bearer {secret.group(1)}"}).status_code == 200


def test_staff_settings_come_from_the_environment(
        monkeypatch: Any, tmp_path: Path, make_app: Callable[..., Flask]) -> None:
    monkeypatch.setenv("REKAM_SESSION_MINUTES", "5")
    monkeypatch.setenv("REKAM_SECURE_COOKIES", "1")
    app = make_app(REKAM_DATA_DIR=str(tmp_path / "env"))
    assert app.permanent_session_lifetime.total_seconds() == 300
    assert app.config["SESSION_COOKIE_SECURE"] is True
