"""Logging in and out, CSRF, session expiry, the demo accounts and the `rekam users` command."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import UUID

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from domain.values import Role
from tests.support.staff import DEMO_PASSWORD, csrf_token, login, text
from web import get_service
from web.accounts.passwords import hash_password
from web.accounts.store import get_accounts
from web.accounts.throttle import LoginThrottle
from web.settings import SESSION_SECRET_FILE, get_settings


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


def _login_from(app: Flask, address: str, username: str, password: str = DEMO_PASSWORD
                ) -> tuple[int, float]:
    """Log in from `address` in a fresh browser: the status and the seconds the POST took."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    page = client.get("/login")
    started = time.perf_counter()
    response = client.post("/login", data={"username": username, "password": password,
                                           "csrf_token": csrf_token(text(page))})
    return response.status_code, time.perf_counter() - started


class TestThrottling:
    """web/accounts/throttle.py: the guesser is refused, the account's owner is not."""

    def test_a_guessing_address_is_refused_while_the_owner_logs_in_from_another(
            self, demo_app: Flask) -> None:
        for _attempt in range(5):
            assert _login_from(demo_app, "10.0.0.66", "hr.salatiga", "guess")[0] == 401
        assert _login_from(demo_app, "10.0.0.66", "hr.salatiga")[0] == 429  # even if right
        assert _login_from(demo_app, "10.0.0.66", "hr.kupang")[0] == 302  # another account
        assert _login_from(demo_app, "10.0.0.7", "hr.salatiga")[0] == 302  # the owner

    def test_behind_a_proxy_each_client_is_counted_apart(
            self, demo_env: dict[str, str], make_app: Callable[..., Flask]) -> None:
        app = make_app(**demo_env, REKAM_TRUSTED_PROXIES=1, REKAM_LOGIN_MAX_FAILURES_PER_ADDRESS=3)

        def through_proxy(client_address: str, username: str, password: str) -> int:
            client = app.test_client()
            client.environ_base.update(REMOTE_ADDR="127.0.0.1",
                                       HTTP_X_FORWARDED_FOR=client_address)
            page = client.get("/login")
            return client.post("/login", data={
                "username": username, "password": password,
                "csrf_token": csrf_token(text(page))}).status_code

        for name in ("hr.kupang", "hr.palu", "hr.plaju"):
            assert through_proxy("198.51.100.6", name, "guess") == 401
        assert through_proxy("198.51.100.6", "hr.salatiga", "demo") == 429
        assert through_proxy("203.0.113.7", "hr.salatiga", "demo") == 302

    def test_the_refusal_grows_with_each_failure_and_ends(self, demo_app: Flask) -> None:
        store = get_accounts(demo_app)
        settings = get_settings(demo_app).staff
        throttle = LoginThrottle(store, settings, "hr.salatiga", "10.0.0.66")
        now = time.time()
        store.record_failures(["pair:10.0.0.66 hr.salatiga"] * 4, now)
        assert throttle.refused_for(now) == 0
        waits = []
        for _failure in range(8):
            store.record_failures(["pair:10.0.0.66 hr.salatiga"], now)
            waits.append(throttle.refused_for(now))
        assert waits == [61, 121, 241, 481, 961, 1921, 3601, 3601]  # 1 min doubling, 1 h at most
        assert throttle.refused_for(now + 3601) == 0
        assert throttle.refused_for(now + settings.login_window_seconds + 1) == 0

    def test_the_owners_right_password_clears_the_pair_but_not_the_address(
            self, demo_app: Flask) -> None:
        for _attempt in range(4):
            _login_from(demo_app, "10.0.0.8", "hr.palu", "typo")
        assert _login_from(demo_app, "10.0.0.8", "hr.palu")[0] == 302
        store = get_accounts(demo_app)
        assert store.failure_count("pair:10.0.0.8 hr.palu", 0)[0] == 0
        assert store.failure_count("ip:10.0.0.8", 0)[0] == 4

    def test_an_address_guessing_many_usernames_is_refused(
            self, demo_env: dict[str, str], make_app: Callable[..., Flask]) -> None:
        app = make_app(**demo_env, REKAM_LOGIN_MAX_FAILURES_PER_ADDRESS=3)
        for name in ("hr.kupang", "hr.palu", "nobody.here"):
            assert _login_from(app, "10.0.0.99", name, "guess")[0] == 401
        assert _login_from(app, "10.0.0.99", "hr.salatiga")[0] == 429
        assert _login_from(app, "10.0.0.100", "hr.salatiga")[0] == 302

    def test_many_addresses_guessing_one_username_slow_it_without_locking_it(
            self, demo_env: dict[str, str], make_app: Callable[..., Flask]) -> None:
        app = make_app(**demo_env, REKAM_LOGIN_SLOW_AFTER_FAILURES=3)
        for number in range(3):
            assert _login_from(app, f"10.1.0.{number}", "hr.palu", "guess")[0] == 401
        status, seconds = _login_from(app, "10.0.0.7", "hr.palu")
        assert status == 302 and seconds >= 1.0

    def test_an_unknown_username_costs_as_long_as_a_wrong_password(
            self, store_env: dict[str, str], make_app: Callable[..., Flask]) -> None:
        app = make_app(**store_env, REKAM_FAST_HASHES="")  # real Argon2 parameters
        get_accounts(app).add(username="hr.real", password_hash=hash_password("x" * 16),
                              role=Role.AUDITOR)
        known = min(_login_from(app, f"10.2.0.{n}", "hr.real", "wrong")[1] for n in range(3))
        unknown = min(_login_from(app, f"10.3.0.{n}", "hr.nobody", "wrong")[1]
                      for n in range(3))
        assert unknown > 0.6 * known, (known, unknown)


class TestDemoAccounts:
    def test_the_demo_has_every_documented_account_with_its_scope(
            self, demo_app: Flask) -> None:
        accounts = {a.username: a for a in get_accounts(demo_app).all()}
        assert accounts["admin"].role is Role.SYSTEM_ADMIN
        assert accounts["auditor"].role is Role.AUDITOR
        superiors = 0
        for government in ("salatiga", "plaju", "tanjungbalai", "kupang", "palu"):
            admin, officer = accounts[f"hradmin.{government}"], accounts[f"hr.{government}"]
            assert admin.role is Role.HR_ADMIN and admin.government_id
            assert officer.role is Role.HR_OFFICER and officer.agency_id
            assert officer.government_id == admin.government_id
            employee = accounts[f"pegawai.{government}"]
            assert employee.role is Role.EMPLOYEE and employee.employee_id
            assert employee.agency_id == officer.agency_id
            # atasan.<code>: the demo employee's direct superior, except where the employee
            # holds a JPT post, whose superior (the regional head) is not on the ledger
            state = get_service(demo_app).get_employee(UUID(str(employee.employee_id))).state
            superior = accounts.get(f"atasan.{government}")
            if state.position_type is not None and state.position_type.name.startswith("JPT"):
                assert superior is None, government
                continue
            assert superior is not None, government
            assert superior.role is Role.EMPLOYEE
            assert superior.employee_id and superior.employee_id != employee.employee_id
            superiors += 1
        assert superiors >= 3 and len(accounts) == 17 + superiors

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
