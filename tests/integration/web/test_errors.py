"""Error pages: their status code, the site's layout and navigation, the reader's language.

403, 404, 405 and 500 come in the staff layout for a logged-in user on a staff URL and in the
public one otherwise, in Bahasa Indonesia or, with ?lang=en, English; the JSON API keeps
answering JSON.
"""

from __future__ import annotations

from flask import Flask

from tests.support.staff import login, text

PUBLIC_NAV = {"id": "Riwayat rilis", "en": "Release history"}
STAFF_NAV = {"id": "Daftar pegawai", "en": "Roster"}


def boom() -> str:
    raise RuntimeError("a bug")


def with_bugs(app: Flask) -> Flask:
    """The app with a staff and a public URL that fail, answered as production would."""
    app.config["PROPAGATE_EXCEPTIONS"] = False  # TESTING would re-raise instead of a 500
    app.add_url_rule("/hr/boom", "staff_boom", boom)
    app.add_url_rule("/boom", "public_boom", boom)
    app.add_url_rule("/api/boom", "api_boom", boom)
    return app


class TestPublicErrorPages:
    def test_an_unknown_page_is_a_404_in_indonesian_with_the_public_navigation(
            self, demo_app: Flask) -> None:
        response = demo_app.test_client().get("/pemda/nowhere")
        page = text(response)
        assert response.status_code == 404
        assert "<title>Halaman tidak ditemukan — Rekam Jejak</title>" in page
        assert PUBLIC_NAV["id"] in page and 'lang="en">English</a>' in page
        assert "Not Found" not in page

    def test_the_same_page_in_english_with_the_switch(self, demo_app: Flask) -> None:
        response = demo_app.test_client().get("/pemda/nowhere?lang=en")
        page = text(response)
        assert response.status_code == 404
        assert "<h1>Page not found</h1>" in page and "Error 404" in page
        assert PUBLIC_NAV["en"] in page and 'lang="id">Bahasa Indonesia</a>' in page

    def test_a_staff_url_without_a_session_gets_the_public_layout(
            self, demo_app: Flask) -> None:
        response = demo_app.test_client().get("/hr/nowhere")
        assert response.status_code == 404
        assert PUBLIC_NAV["id"] in text(response)

    def test_a_bug_is_a_500_page_that_says_so_in_the_readers_language(
            self, demo_app: Flask) -> None:
        client = with_bugs(demo_app).test_client()
        response = client.get("/boom")
        assert response.status_code == 500
        assert "Terjadi kesalahan pada server" in text(response)
        assert PUBLIC_NAV["id"] in text(response)
        english = client.get("/boom?lang=en")
        assert english.status_code == 500
        assert "Something went wrong on the server" in text(english)


class TestStaffErrorPages:
    def test_a_form_sent_without_its_security_token_says_so_in_the_readers_language(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        for language, advice in (("id", "Token keamanan formulir hilang; muat ulang halaman."),
                                 ("en", "The CSRF token is missing.")):
            response = client.post(f"/logout?lang={language}")
            assert response.status_code == 400
            assert advice in text(response) and STAFF_NAV[language] in text(response)

    def test_a_forbidden_page_is_a_403_with_the_staff_navigation(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        for language, heading in (("id", "Akses ditolak"), ("en", "Access denied")):
            response = client.get(f"/admin/users?lang={language}")
            page = text(response)
            assert response.status_code == 403
            assert f"<h1>{heading}</h1>" in page
            assert STAFF_NAV[language] in page and "hr.salatiga" in page

    def test_an_unknown_staff_page_is_a_404_with_the_staff_navigation(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "hradmin.salatiga")
        response = client.get("/hr/employees/" + "0" * 32)
        assert response.status_code == 404
        assert "Halaman tidak ditemukan" in text(response)
        assert STAFF_NAV["id"] in text(response)

    def test_a_wrong_method_is_a_405_that_names_the_allowed_ones(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        response = client.get("/logout?lang=en")
        assert response.status_code == 405
        assert "POST" in response.headers["Allow"]
        assert "Request not allowed" in text(response) and STAFF_NAV["en"] in text(response)

    def test_a_bug_on_a_staff_page_is_a_500_with_the_staff_navigation(
            self, demo_app: Flask) -> None:
        client = with_bugs(demo_app).test_client()
        login(client, "hr.salatiga")
        response = client.get("/hr/boom")
        assert response.status_code == 500
        assert "Terjadi kesalahan pada server" in text(response)
        assert STAFF_NAV["id"] in text(response)


class TestApiErrors:
    def test_the_api_still_answers_its_errors_as_json(self, demo_app: Flask) -> None:
        client = with_bugs(demo_app).test_client()
        unauthorised = client.get("/api/v1/employees")
        assert unauthorised.status_code == 401 and unauthorised.is_json
        missing = client.get("/api/v1/nowhere")
        assert missing.status_code == 404 and missing.is_json
        assert missing.json is not None and missing.json["code"] == 404
        failed = client.get("/api/boom")
        assert failed.status_code == 500 and failed.json == {
            "code": 500, "status": "Internal Server Error"}
