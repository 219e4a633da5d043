"""Pages, form messages and labels in Bahasa Indonesia by default, English with ?lang=en.

The staff pages remember the choice in a cookie; everything comes from the same gettext
catalogues.
"""

from __future__ import annotations

import re
from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from projections.views import hr_queries
from tests.support.staff import csrf_token, hidden, login, text
from web import catch_up_views


def an_employee_of_salatiga(app: Flask) -> str:
    """A PNS of hr.salatiga's agency (Dinas Pendidikan dan Kebudayaan)."""
    projections = catch_up_views(app)
    agency = hr_queries.agency_by_code(projections, "salatiga", "disdik")
    assert agency is not None
    rows = hr_queries.search_roster(projections, hr_queries.Scope(agency_id=agency["id"]),
                                    hr_queries.RosterQuery(status="PNS"), date.today()).rows
    return str(rows[0]["employee_id"])


def field_errors(html: str) -> list[str]:
    return re.findall(r'class="field-error"[^>]*>([^<]+)<', html)


class TestPublicPage:
    def test_the_methodology_is_indonesian_unless_english_is_asked_for(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        indonesian = text(client.get("/metodologi"))
        assert '<html lang="id">' in indonesian
        assert "<h1>Metodologi dan kebijakan privasi</h1>" in indonesian
        assert "ditandai “×” di mana pun" in indonesian  # the one neutral mark for hidden
        assert "&lt;10" not in indonesian
        english = text(client.get("/metodologi?lang=en"))
        assert '<html lang="en">' in english
        assert "<h1>Methodology and privacy policy</h1>" in english
        assert "only for a group of at least 20 people" in english
        assert 'href="/metodologi?lang=id"' in english


    def test_the_privacy_policy_says_what_an_erasure_leaves_in_published_releases(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        indonesian = text(client.get("/metodologi"))
        assert "<h2 id=\"erasure\">Penghapusan data pribadi</h2>" in indonesian
        assert ("jabatan publik menurut UU Keterbukaan Informasi Publik (UU 14/2008)"
                in indonesian)
        assert "tetap ada dalam rilis yang terbit sebelum penghapusan" in indonesian
        english = text(client.get("/metodologi?lang=en"))
        assert ("such a name stays in the releases published before an erasure"
                in english)


class TestStaffPage:
    def test_the_employee_page_switches_language_and_the_choice_is_remembered(
            self, demo_app: Flask) -> None:
        employee = an_employee_of_salatiga(demo_app)
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        page = text(client.get(f"/hr/employees/{employee}"))
        assert "<h2>Riwayat</h2>" in page and "Catat tindakan" in page
        first = "<td>Saldo awal</td>" if "<td>Saldo awal</td>" in page else "<td>Pengangkatan</td>"
        assert first in page  # the first entry's kind, through its label
        page = text(client.get(f"/hr/employees/{employee}?lang=en"))
        assert "<h2>Timeline</h2>" in page and "Record an action" in page
        assert {"<td>Saldo awal</td>": "<td>Opening record</td>",
                "<td>Pengangkatan</td>": "<td>Appointment</td>"}[first] in page
        assert "<h2>Timeline</h2>" in text(client.get(f"/hr/employees/{employee}"))  # cookie
        assert "<h2>Riwayat</h2>" in text(client.get(f"/hr/employees/{employee}?lang=id"))


class TestFormMessages:
    def post_training(self, client: FlaskClient, url: str, language: str, **changes: str
                      ) -> str:
        page = text(client.get(f"{url}?lang={language}"))
        form = {"csrf_token": csrf_token(page), "version": hidden(page, "version"),
                "training_type": "TECHNICAL", "title": "Pelatihan tata naskah dinas",
                "hours_jp": "8", "effective_on": date.today().isoformat(), "step": "review"}
        return text(client.post(f"{url}?lang={language}", data={**form, **changes}))

    def test_wtforms_messages_come_from_the_catalogues_with_their_plural(
            self, demo_app: Flask) -> None:
        url = f"/hr/employees/{an_employee_of_salatiga(demo_app)}/actions/pelatihan"
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        bad = {"effective_on": "", "title": "x" * 201}
        assert sorted(field_errors(self.post_training(client, url, "id", **bad))) == [
            "Isian ini wajib diisi.", "Isian terlalu panjang (paling banyak 200 karakter)."]
        assert sorted(field_errors(self.post_training(client, url, "en", **bad))) == [
            "Field cannot be longer than 200 characters.", "This field is required."]

    def test_the_recorded_message_names_the_action_in_the_readers_language(
            self, demo_app: Flask) -> None:
        url = f"/hr/employees/{an_employee_of_salatiga(demo_app)}/actions/pelatihan"
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        for language, recorded in (("id", "Pengembangan kompetensi (diklat) telah dicatat."),
                                   ("en", "Training completed recorded.")):
            self.post_training(client, url, language)  # the review step
            page = text(client.get(f"{url}?lang={language}"))
            form = {"csrf_token": csrf_token(page), "version": hidden(page, "version"),
                    "training_type": "TECHNICAL", "title": "Pelatihan tata naskah dinas",
                    "hours_jp": "8", "effective_on": date.today().isoformat(),
                    "step": "confirm"}
            done = client.post(f"{url}?lang={language}", data=form, follow_redirects=True)
            assert recorded in text(done)
