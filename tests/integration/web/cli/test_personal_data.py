"""`rekam erase-personal-data` on a copy of the demo: afterwards no file of the data directory
(events, keys, registry, views, ledger, accounts, releases, page cache) and, on PostgreSQL, no
table and no file of the database holds the person's name, NIP, birth date or key."""

from __future__ import annotations

from collections import Counter
from uuid import UUID

from flask import Flask

from domain.privacy import ERASED
from domain.values import Role
from projections.views.roster import ERASED_MARK
from tests.support.disk import files_holding, rows_holding, stored_files
from tests.support.views import read_rows
from web import catch_up_views, get_service
from web.accounts.store import get_accounts


def test_after_the_command_nothing_stored_holds_the_person(
        demo_app: Flask, demo_env: dict[str, str]) -> None:
    with demo_app.app_context():
        roster = read_rows(catch_up_views(demo_app))["roster"]
        service = get_service(demo_app)
    names = Counter(r["name"] for r in roster)
    births = Counter(r["birth_on"] for r in roster)
    row = next(r for r in roster if names[r["name"]] == 1 and births[r["birth_on"]] == 1
               and r["birth_on"] and not str(r["position_type"] or "").startswith("JPT"))
    employee_id = UUID(row["employee_id"])
    subject_id = service.get_employee(employee_id).subject_id
    key = service.vault.keys.get(subject_id)
    assert key is not None
    needles = {"name": row["name"].encode(), "nip": row["nip"].encode(),
               "birth date": row["birth_on"].encode(), "key": key}
    backend = demo_app.extensions["rekam_backend"]
    assert set(files_holding(stored_files(backend), needles)) == set(needles)  # it can fail

    result = demo_app.test_cli_runner().invoke(
        args=["erase-personal-data", "--nip", row["nip"], "--operator", "admin"])

    assert result.exit_code == 0, result.output
    assert row["nip"] not in result.output and row["name"] not in result.output
    assert service.personal_data(employee_id)["name"] is ERASED
    with demo_app.app_context():
        erased = [r for r in read_rows(catch_up_views(demo_app))["roster"]
                  if r["employee_id"] == employee_id.hex]
    assert [r["name"] for r in erased] == [ERASED_MARK]
    assert files_holding(stored_files(backend), needles) == {}
    assert rows_holding(backend, needles) == {}


def test_the_persons_own_account_is_disabled_with_the_erasure(demo_app: Flask) -> None:
    with demo_app.app_context():
        row = next(r for r in read_rows(catch_up_views(demo_app))["roster"]
                   if r["status"] == "PNS")
        accounts = get_accounts(demo_app)
        account = accounts.add(username="pegawai.dihapus", password_hash="x",
                               role=Role.EMPLOYEE, government_id=row["government_id"],
                               agency_id=row["agency_id"], employee_id=row["employee_id"])
        accounts.set_email(account.id, "dihapus@example.go.id")
        other = next(a for a in accounts.all() if a.username == "hradmin.salatiga")
        accounts.set_email(other.id, "hradmin@example.go.id")
    assert account.is_active

    result = demo_app.test_cli_runner().invoke(
        args=["erase-personal-data", "--nip", row["nip"], "--operator", "admin"])

    assert result.exit_code == 0, result.output
    assert f"Account {account.id} of that record disabled." in result.output
    assert f"E-mail address of account {account.id} cleared." in result.output
    assert row["nip"] not in result.output and "pegawai.dihapus" not in result.output
    assert "dihapus@example.go.id" not in result.output
    with demo_app.app_context():
        after = get_accounts(demo_app)
        assert not after.get(account.id).is_active  # type: ignore[union-attr]
        assert after.get(account.id).email is None  # type: ignore[union-attr]
        assert after.get(other.id).is_active  # type: ignore[union-attr]
        assert after.get(other.id).email == "hradmin@example.go.id"  # type: ignore[union-attr]


def test_retiring_the_lookup_secret_keeps_every_number_findable(demo_app: Flask) -> None:
    with demo_app.app_context():
        roster = read_rows(catch_up_views(demo_app))["roster"]
        service = get_service(demo_app)
    numbers = {r["nip"]: UUID(r["employee_id"]) for r in roster[:20]}
    old_token = service.vault.lookup_token("nip", next(iter(numbers)))

    result = demo_app.test_cli_runner().invoke(args=["retire-lookup-secret"])

    assert result.exit_code == 0, result.output
    assert "re-keyed under a new secret; the old one is destroyed" in result.output
    assert all(service.find_by_nip(nip) == record for nip, record in numbers.items())
    assert service.vault.lookup_token("nip", next(iter(numbers))) != old_token
