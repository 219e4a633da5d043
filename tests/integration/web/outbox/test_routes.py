"""The addresses notices go to: the employee sets their own at /saya/email, the system
administrator any account's on /admin/users; a malformed address is refused on its field and
nothing is stored."""

from __future__ import annotations

from flask import Flask

from tests.support.staff import csrf_token, login, text
from web.accounts.store import get_accounts


def _email_of(app: Flask, username: str) -> str | None:
    account = get_accounts(app).by_username(username)
    assert account is not None
    return account.email


class TestOwnAddress:
    def test_the_employee_saves_changes_and_removes_their_address(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "pegawai.salatiga")
        assert "/saya/email" in text(client.get("/saya"))
        for typed, stored in (("Siti.Aminah@Salatiga.GO.ID ", "Siti.Aminah@salatiga.go.id"),
                              ("", None)):
            page = text(client.get("/saya/email"))
            response = client.post("/saya/email", data={"csrf_token": csrf_token(page),
                                                        "email": typed})
            assert response.status_code == 302
            assert _email_of(demo_app, "pegawai.salatiga") == stored

    def test_a_malformed_address_is_refused_on_its_field_and_nothing_is_stored(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "pegawai.salatiga")
        for typed in ("siti", "siti@", "a@b@c.id", "siti aminah@salatiga.go.id",
                      "x" * 250 + "@a.id"):
            page = text(client.get("/saya/email"))
            response = client.post("/saya/email", data={"csrf_token": csrf_token(page),
                                                        "email": typed})
            assert response.status_code == 422, typed
            assert "Tulis satu alamat surel" in text(response) or len(typed) > 254
            assert _email_of(demo_app, "pegawai.salatiga") is None


class TestAdministratorSetsAddresses:
    def test_the_system_administrator_sets_an_hr_administrators_address(
            self, demo_app: Flask) -> None:
        account = get_accounts(demo_app).by_username("hradmin.salatiga")
        assert account is not None
        client = demo_app.test_client()
        login(client, "admin")
        page = text(client.get("/admin/users"))
        response = client.post(f"/admin/users/{account.id}/email",
                               data={"csrf_token": csrf_token(page),
                                     "email": "bkpsdm@salatiga.go.id"})
        assert response.status_code == 302
        assert _email_of(demo_app, "hradmin.salatiga") == "bkpsdm@salatiga.go.id"
        wrong = client.post(f"/admin/users/{account.id}/email",
                            data={"csrf_token": csrf_token(page), "email": "not an address"})
        assert wrong.status_code == 302
        assert "Tulis satu alamat surel" in text(client.get("/admin/users"))
        assert _email_of(demo_app, "hradmin.salatiga") == "bkpsdm@salatiga.go.id"
