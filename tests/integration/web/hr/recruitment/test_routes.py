"""Running recruitment rounds and open selections through the HR forms (`/hr/recruitment`)."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from projections.stores.backend import count_events
from projections.views import hr_queries
from tests.support.dates import REAL_TODAY
from tests.support.forms import form_errors, form_fields, record
from tests.support.staff import login, text
from web import catch_up_views, get_service


def day(offset: int) -> str:
    return (REAL_TODAY + timedelta(days=offset)).isoformat()


def _round_id(location: str) -> str:
    found = re.search(r"/rounds/([0-9a-f]{32})", location)
    assert found, location
    return found.group(1)


@pytest.fixture
def admin(demo_app: Flask) -> FlaskClient:
    client = demo_app.test_client()
    login(client, "hradmin.salatiga")
    return client


def _new_round(app: Flask, client: FlaskClient, code: str = "CPNS-UJI") -> str:
    """Open a CPNS round with one formation and announce it, through the forms."""
    record(client, "/hr/recruitment/rounds/new", {
        "code": code, "title": "Seleksi CPNS uji", "kind": "PNS",
        "year": str(REAL_TODAY.year), "effective_on": day(-40)})
    rounds = [r for r in _rounds(app) if r["code"] == code.lower()]
    assert len(rounds) == 1, [r["code"] for r in _rounds(app)]
    round_id = rounds[0]["id"]
    url = f"/hr/recruitment/rounds/{round_id}/formasi"
    page = text(client.get(url))
    unit = re.search(r'<option value="([0-9a-f]{32}:[0-9a-f]{32})"', page)
    assert unit, "no unit offered"
    record(client, url, {"unit_id": unit.group(1), "position_title": "Guru Ahli Pertama",
                         "position_type": "AHLI_PERTAMA", "education": "S1", "quota": "1",
                         "track": "UMUM", "grade": "", "technical_passing_grade": "",
                         "effective_on": day(-39)})
    record(client, f"/hr/recruitment/rounds/{round_id}/umumkan",
           {"closes_on": day(-30), "effective_on": day(-38)})
    return str(round_id)


def _rounds(app: Flask) -> list[dict[str, Any]]:
    from projections.views.recruitment import rounds

    return rounds(catch_up_views(app))


def _register(client: FlaskClient, round_id: str, nik: str, born: str) -> None:
    url = f"/hr/recruitment/rounds/{round_id}/pendaftaran"
    page = text(client.get(url))
    formation = re.search(r'name="formation_id"[^>]*>\s*<option[^>]*value="([0-9a-f]{32})"', page)
    assert formation, page[:500]
    record(client, url, {"formation_id": formation.group(1), "name": f"Pelamar {nik[-4:]}",
                         "nik": nik, "birth_on": born, "sex": "2", "contact": "",
                         "education": "S1", "grade_average": "3,40".replace(",", "."),
                         "effective_on": day(-35)})


class TestAccess:
    def test_officers_and_auditors_read_but_only_hr_administrators_run_rounds(
            self, demo_app: Flask) -> None:
        for username, read, write in (("hr.salatiga", 200, 403), ("auditor", 200, 403),
                                      ("hradmin.salatiga", 200, 200), ("admin", 403, 403)):
            client = demo_app.test_client()
            login(client, username)
            assert client.get("/hr/recruitment/").status_code == read, username
            assert client.get("/hr/recruitment/rounds/new").status_code == write, username

    def test_a_round_of_another_government_is_not_found(self, demo_app: Flask,
                                                        admin: FlaskClient) -> None:
        round_id = _new_round(demo_app, admin)
        other = demo_app.test_client()
        login(other, "hradmin.kupang")
        assert other.get(f"/hr/recruitment/rounds/{round_id}").status_code == 404
        assert other.get(f"/hr/recruitment/rounds/{round_id}/tutup").status_code == 404
        assert demo_app.test_client().get("/hr/recruitment/").status_code == 302  # to login


class TestRound:
    def test_a_round_from_opening_to_skd_results_through_the_forms(
            self, demo_app: Flask, admin: FlaskClient) -> None:
        round_id = _new_round(demo_app, admin)
        _register(admin, round_id, "3373010101900001", "1998-05-01")
        _register(admin, round_id, "3373010101900002", "1997-02-11")
        round_ = get_service(demo_app).recruitment.get_round(UUID(hex=round_id))
        exams = sorted(a.exam_number for a in round_.applicants.values())
        assert len(exams) == 2

        base = f"/hr/recruitment/rounds/{round_id}"
        record(admin, f"{base}/hasil-administrasi", {
            "rows": f"nomor_peserta,ms_tms,alasan\n{exams[0]},MS,\n{exams[1]},TMS,IPK_KURANG",
            "effective_on": day(-28)})
        record(admin, f"{base}/umumkan-administrasi", {"effective_on": day(-27)})
        upload = (io.BytesIO(f"{exams[0]};100;120;180\n".encode()), "skd.csv")
        fields = {**form_fields(admin, f"{base}/hasil-skd"), "rows": "", "upload": upload,
                  "effective_on": day(-20), "legal_number": "", "legal_signed_on": "",
                  "step": "review"}
        review = admin.post(f"{base}/hasil-skd", data=fields,
                            content_type="multipart/form-data")
        assert review.status_code == 200, form_errors(text(review))
        assert exams[0] in text(review)
        confirm = {k: v for k, v in fields.items() if k != "upload"}
        confirm.update(rows=f"{exams[0]};100;120;180\n", step="confirm")
        assert admin.post(f"{base}/hasil-skd", data=confirm).status_code == 302
        page = text(admin.get(base))
        assert "Nilai SKD" in page
        funnel = re.search(r'data-testid="funnel">(.*?)</table>', page, re.S)
        assert funnel and re.search(r'<td class="num">2</td>\s*<td class="num">1</td>\s*'
                                    r'<td class="num">1</td>', funnel.group(1))

        # On to the appointment: the computed steps only take a date and a decree.
        record(admin, f"{base}/peserta-skb", {"effective_on": day(-15)})
        record(admin, f"{base}/hasil-skb", {"rows": f"{exams[0]},80,70,60",
                                            "effective_on": day(-12)})
        record(admin, f"{base}/integrasi", {"effective_on": day(-8)})
        record(admin, f"{base}/umumkan-hasil", {"effective_on": day(-6)})
        appointed_on = (REAL_TODAY.replace(day=1) + timedelta(days=32)).replace(day=1)
        nip = f"19980501{appointed_on:%Y%m}2001"
        before = len(hr_queries.search_roster(
            catch_up_views(demo_app), hr_queries.Scope(), hr_queries.RosterQuery(
                status="CPNS", per_page=200), REAL_TODAY).rows)
        record(admin, f"{base}/pengangkatan", {
            "exam_number": exams[0].lower(), "nip": nip, "contract_ends_on": "",
            "effective_on": appointed_on.isoformat(), "legal_number": "800/1/2026",
            "legal_signed_on": day(0)})
        cpns = hr_queries.search_roster(catch_up_views(demo_app), hr_queries.Scope(),
                                        hr_queries.RosterQuery(status="CPNS", per_page=200),
                                        REAL_TODAY).rows
        assert len(cpns) == before + 1
        assert any(r["nip"] == nip for r in cpns)

    def test_a_results_file_with_a_bad_row_names_the_row_and_records_nothing(
            self, demo_app: Flask, admin: FlaskClient) -> None:
        round_id = _new_round(demo_app, admin)
        _register(admin, round_id, "3373010101900003", "1998-05-01")
        url = f"/hr/recruitment/rounds/{round_id}/hasil-administrasi"
        before = count_events(get_service(demo_app))
        fields = {**form_fields(admin, url), "effective_on": day(-28), "legal_number": "",
                  "legal_signed_on": "", "step": "review",
                  "rows": "XYZ-00009,MS,\nnonsense,maybe,"}
        refused = admin.post(url, data=fields)
        assert refused.status_code == 422
        html = text(refused)
        assert "Baris 1" in html and "XYZ-00009" in html and "Baris 2" in html
        assert count_events(get_service(demo_app)) == before

    def test_a_score_in_other_digits_than_0_to_9_names_its_row(self, demo_app: Flask) -> None:
        from web.hr.recruitment.results import SkdResults

        with demo_app.test_request_context("/?lang=en"):
            for score in ("²", "٣", "1" * 25):
                problem = SkdResults().check(["80", score, "100"], 7)
                assert problem is not None and problem.startswith("Row 7: "), problem

    def test_a_results_file_over_the_size_limit_is_refused_not_cut(
            self, demo_app: Flask, admin: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
        from web.hr.recruitment import results

        monkeypatch.setattr(results, "MAX_FILE_BYTES", 2_000)  # 5 MB in production
        round_id = _new_round(demo_app, admin)
        url = f"/hr/recruitment/rounds/{round_id}/hasil-administrasi"
        before = count_events(get_service(demo_app))
        big = io.BytesIO(b"# padding\n" * 201)  # 2,010 bytes: one line too many
        refused = admin.post(url, data={
            **form_fields(admin, url), "rows": "", "upload": (big, "hasil.csv"),
            "effective_on": day(-28), "step": "review"}, content_type="multipart/form-data")
        assert refused.status_code == 422
        assert "Berkas lebih dari 0.002 MB" in text(refused)
        assert count_events(get_service(demo_app)) == before

    def test_a_domain_rule_is_shown_at_its_field(self, demo_app: Flask,
                                                 admin: FlaskClient) -> None:
        round_id = _new_round(demo_app, admin)
        url = f"/hr/recruitment/rounds/{round_id}/pendaftaran"
        page = text(admin.get(url))
        formation = re.search(r'<option[^>]*value="([0-9a-f]{32})"', page)
        assert formation
        fields = {**form_fields(admin, url), "formation_id": formation.group(1), "name": "Uji Coba",
                  "nik": "12345", "birth_on": "1999-01-01", "sex": "1", "contact": "",
                  "education": "S1", "grade_average": "3.1", "effective_on": day(-35),
                  "step": "review"}
        refused = admin.post(url, data=fields)
        assert refused.status_code == 422
        assert re.search(r'data-field="nik">.*?field-error', text(refused), re.S)

    def test_a_step_on_a_round_changed_meanwhile_shows_the_change_and_writes_nothing(
            self, demo_app: Flask, admin: FlaskClient) -> None:
        round_id = _new_round(demo_app, admin)
        url = f"/hr/recruitment/rounds/{round_id}/umumkan-administrasi"
        stale = {**form_fields(admin, url), "effective_on": day(-27), "legal_number": "",
                 "legal_signed_on": "", "step": "confirm"}
        _register(admin, round_id, "3373010101900004", "1998-05-01")
        before = count_events(get_service(demo_app))
        conflict = admin.post(url, data=stale)
        assert conflict.status_code == 409
        assert "Pelamar terdaftar" in text(conflict)
        assert count_events(get_service(demo_app)) == before

    def test_garbage_in_every_field_never_gives_a_server_error(
            self, demo_app: Flask, admin: FlaskClient) -> None:
        round_id = _new_round(demo_app, admin)
        _register(admin, round_id, "3373010101900005", "1998-05-01")
        junk = ["", "x" * 3000, "-1", "９９", "2024-02-30", "<script>", "0" * 40, "\x00"]
        fields = ("formation_id", "name", "nik", "birth_on", "sex", "education",
                  "grade_average", "rows", "exam_number", "effective_on", "legal_number",
                  "legal_signed_on")
        for slug in ("pendaftaran", "hasil-administrasi", "umumkan-administrasi",
                     "mengundurkan-diri", "tutup"):
            url = f"/hr/recruitment/rounds/{round_id}/{slug}"
            base = form_fields(admin, url)
            for value in junk:
                data = {**base, "step": "review", **dict.fromkeys(fields, value)}
                response = admin.post(url, data=data)
                assert response.status_code in (200, 409, 422), (slug, value)


class TestSelection:
    def test_a_selection_is_authorised_staffed_announced_and_applied_to(
            self, demo_app: Flask, admin: FlaskClient) -> None:
        page = text(admin.get("/hr/recruitment/selections/new"))
        post = re.search(r'name="position_id"[^>]*>\s*<option[^>]*value="([0-9a-f]{32})"',
                         page)
        if post is None:
            pytest.fail("the demo has no vacant JPT post in salatiga")
        record(admin, "/hr/recruitment/selections/new", {
            "position_id": post.group(1), "code": "JPT-UJI", "effective_on": day(-20),
            "legal_number": "800/123/2026", "legal_signed_on": day(-21)})
        from projections.views.recruitment import selections

        chosen = [s for s in selections(catch_up_views(demo_app)) if s["code"] == "jpt-uji"]
        assert len(chosen) == 1
        base = f"/hr/recruitment/selections/{chosen[0]['id']}"
        members = "\n".join(f"Anggota {i}; {'Universitas' if i > 3 else 'Pemda'}; "
                            f"{'eksternal' if i > 3 else 'internal'}" for i in range(1, 6))
        record(admin, f"{base}/panitia", {"members": members, "effective_on": day(-19)})
        record(admin, f"{base}/umumkan-lowongan", {"closes_on": day(5),
                                                   "effective_on": day(-18)})
        projections = catch_up_views(demo_app)
        government = hr_queries.government_by_code(projections, "salatiga")
        rows = hr_queries.search_roster(projections, hr_queries.Scope(government_id=government),
                                        hr_queries.RosterQuery(status="PNS", per_page=200),
                                        REAL_TODAY).rows
        refused = {**form_fields(admin, f"{base}/pelamar-jpt"), "nip": "199001012020011999",
                   "effective_on": day(-1), "step": "review"}
        response = admin.post(f"{base}/pelamar-jpt", data=refused)
        assert response.status_code == 422
        assert re.search(r'data-field="nip">.*?field-error', text(response), re.S)
        high = [r for r in rows if r["grade"] >= "IV/a"]
        if not high:
            pytest.fail("the demo has no PNS of grade IV in salatiga")
        record(admin, f"{base}/pelamar-jpt", {"nip": high[0]["nip"], "effective_on": day(-1)})
        page = text(admin.get(base))
        assert high[0]["name"] in page
