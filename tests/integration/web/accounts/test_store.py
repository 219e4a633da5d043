"""The account store and login throttling on each backend (SQLite file, PostgreSQL tables)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask

from domain.values import Role
from tests.support.staff import login, text
from web.accounts.passwords import hash_password, verify_password
from web.accounts.store import AccountError, AccountStore
from web.settings import Settings


@pytest.fixture
def store(store_env: dict[str, str]) -> Iterator[AccountStore]:
    opened = AccountStore.open(Settings.from_env(store_env).backend)
    yield opened
    opened.close()


def _hash(password: str = "a long passphrase") -> str:  # noqa: S107
    return hash_password(password, fast=True)


class TestAccountStore:
    def test_an_account_is_found_by_id_and_username_with_its_scope(
            self, store: AccountStore) -> None:
        added = store.add(username="Hr.Kupang", password_hash=_hash(), role=Role.HR_OFFICER,
                          government_id="g1", agency_id="a1")
        assert added.username == "hr.kupang"
        found = store.by_username("HR.KUPANG")
        assert found == store.get(added.id) == added
        assert (found.role, found.government_id, found.agency_id) == (Role.HR_OFFICER, "g1",
                                                                      "a1")
        assert verify_password(found.password_hash, "a long passphrase")
        assert not verify_password(found.password_hash, "wrong")

    def test_usernames_are_unique_and_well_formed(self, store: AccountStore) -> None:
        store.add(username="auditor", password_hash=_hash(), role=Role.AUDITOR)
        with pytest.raises(AccountError) as taken:
            store.add(username="auditor", password_hash=_hash(), role=Role.AUDITOR)
        assert taken.value.key == "username_taken"
        with pytest.raises(AccountError) as invalid:
            store.add(username="a b", password_hash=_hash(), role=Role.AUDITOR)
        assert invalid.value.key == "username_invalid"

    def test_officers_need_an_agency_and_administrators_a_government(
            self, store: AccountStore) -> None:
        with pytest.raises(AccountError, match="agency_required"):
            store.add(username="officer", password_hash=_hash(), role=Role.HR_OFFICER,
                      government_id="g1")
        with pytest.raises(AccountError, match="government_required"):
            store.add(username="hradmin", password_hash=_hash(), role=Role.HR_ADMIN)
        with pytest.raises(AccountError, match="role_invalid"):
            store.add(username="robot", password_hash=_hash(), role=Role.SYSTEM)

    def test_a_new_password_or_disabling_ends_the_sessions_opened_before(
            self, store: AccountStore) -> None:
        account = store.add(username="admin", password_hash=_hash(), role=Role.SYSTEM_ADMIN)
        store.set_password(account.id, _hash("another passphrase"))
        changed = store.get(account.id)
        assert changed is not None and changed.session_version == account.session_version + 1
        store.set_active(account.id, False)
        disabled = store.get(account.id)
        assert disabled is not None and not disabled.is_active
        assert disabled.session_version == account.session_version + 2

    def test_failed_logins_are_seen_by_every_process(
            self, store: AccountStore, store_env: dict[str, str]) -> None:
        other = AccountStore.open(Settings.from_env(store_env).backend)  # a second web process
        try:
            store.record_failures(["user:x", "ip:1"], 100.0)
            other.record_failures(["user:x"], 200.0)
            assert store.failure_count("user:x", 50.0) == other.failure_count("user:x", 50.0) == (
                2, 200.0)
            assert other.failure_count("user:x", 150.0) == (1, 200.0)
            assert other.failure_count("ip:1", 150.0) == (0, 0.0)
            store.clear_failures("user:x")
            assert other.failure_count("user:x", 0.0) == (0, 0.0)
            assert other.failure_count("ip:1", 0.0) == (1, 100.0)
        finally:
            other.close()

    def test_settings_are_kept(self, store: AccountStore) -> None:
        assert store.setting("demo_mode") is None
        store.set_setting("demo_mode", "1")
        store.set_setting("demo_mode", "0")
        assert store.setting("demo_mode") == "0"


class TestEmployeeAccounts:
    def test_an_employee_account_is_linked_to_one_record_and_only_one(
            self, store: AccountStore) -> None:
        added = store.add(username="pegawai.satu", password_hash=_hash(), role=Role.EMPLOYEE,
                          government_id="g1", agency_id="a1", employee_id="e1")
        assert store.for_employee("e1") == added and added.employee_id == "e1"
        with pytest.raises(AccountError) as refused:
            store.add(username="pegawai.dua", password_hash=_hash(), role=Role.EMPLOYEE,
                      government_id="g1", agency_id="a1", employee_id="e1")
        assert refused.value.key == "employee_has_account"
        with pytest.raises(AccountError) as unlinked:
            store.add(username="pegawai.tiga", password_hash=_hash(), role=Role.EMPLOYEE)
        assert unlinked.value.key == "employee_required"

    def test_an_activation_code_opens_one_account_once_and_only_before_it_expires(
            self, store: AccountStore) -> None:
        code = store.issue_activation(employee_id="e2", government_id="g1", agency_id="a1",
                                      issued_by="hr", valid_seconds=3600)
        account = store.activate(code.lower().replace("-", " "), username="pegawai.e2",
                                 password_hash=_hash())
        assert account.role is Role.EMPLOYEE and account.employee_id == "e2"
        with pytest.raises(AccountError) as spent:
            store.activate(code, username="pegawai.lagi", password_hash=_hash())
        assert spent.value.key == "code_invalid" and store.by_username("pegawai.lagi") is None
        old = store.issue_activation(employee_id="e3", government_id="g1", agency_id="a1",
                                     issued_by="hr", valid_seconds=-1)
        with pytest.raises(AccountError):
            store.activate(old, username="pegawai.e3", password_hash=_hash())
        first = store.issue_activation(employee_id="e4", government_id="g1", agency_id="a1",
                                       issued_by="hr", valid_seconds=3600)
        second = store.issue_activation(employee_id="e4", government_id="g1", agency_id="a1",
                                        issued_by="hr", valid_seconds=3600)
        assert not store.check_activation(first) and store.check_activation(second)

    def test_a_taken_username_keeps_the_code_for_another_try(
            self, store: AccountStore) -> None:
        store.add(username="sudah.ada", password_hash=_hash(), role=Role.AUDITOR)
        code = store.issue_activation(employee_id="e5", government_id="g1", agency_id="a1",
                                      issued_by="hr", valid_seconds=3600)
        with pytest.raises(AccountError):
            store.activate(code, username="sudah.ada", password_hash=_hash())
        assert store.activate(code, username="belum.ada", password_hash=_hash()).employee_id \
            == "e5"

    def test_a_store_made_before_employee_accounts_gains_the_column_and_keeps_its_rows(
            self, store: AccountStore, store_env: dict[str, str]) -> None:
        added = store.add(username="lama", password_hash=_hash(), role=Role.AUDITOR)
        with store.db.transaction() as c:  # as the table was before this column
            c.execute(f"ALTER TABLE {store.accounts} DROP COLUMN employee_id")
        reopened = AccountStore.open(Settings.from_env(store_env).backend)
        try:
            assert reopened.get(added.id) == added
            assert reopened.add(username="baru", password_hash=_hash(), role=Role.EMPLOYEE,
                                government_id="g", agency_id="a", employee_id="e").employee_id
        finally:
            reopened.close()


class TestThrottling:
    def test_failures_in_one_web_process_lock_the_login_in_another(
            self, store_env: dict[str, str], make_app: Callable[..., Flask]) -> None:
        first, second = make_app(**store_env), make_app(**store_env)
        from web.accounts.manage import add_account

        with first.app_context():
            add_account(first, username="officer", password="correct horse battery",
                        role=Role.AUDITOR)
        for app in (first, second, first, second, first):
            assert login(app.test_client(), "officer", "wrong").status_code == 401
        refused = login(second.test_client(), "officer", "correct horse battery")
        assert refused.status_code == 429
        assert "Terlalu banyak percobaan" in text(refused)
        assert login(first.test_client(), "someone.else", "x").status_code == 401

    def test_a_successful_login_clears_the_count(
            self, store_env: dict[str, str], make_app: Callable[..., Flask]) -> None:
        app = make_app(**store_env, REKAM_LOGIN_MAX_FAILURES=3)
        from web.accounts.manage import add_account

        add_account(app, username="officer", password="correct horse battery",
                    role=Role.AUDITOR)
        client = app.test_client()
        for _ in range(2):
            assert login(client, "officer", "wrong").status_code == 401
        assert login(client, "officer", "correct horse battery").status_code == 302
        for _ in range(2):
            assert login(app.test_client(), "officer", "wrong").status_code == 401
        assert login(app.test_client(), "officer", "correct horse battery").status_code == 302
