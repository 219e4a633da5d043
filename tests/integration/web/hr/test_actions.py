"""Recording actions through the HR forms: choices, field messages, confirmation, conflicts."""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.employee import Employee
from domain.employee_rules import promotable_grades
from domain.errors import DomainError
from domain.values import Grade, Role
from projections.stores.backend import count_events
from projections.views import hr_queries
from tests.support.dates import REAL_TODAY
from tests.support.forms import form_fields
from tests.support.staff import login, text
from web import catch_up_views, get_service
from web.accounts.store import get_accounts


def _employee(app: Flask, *, status: str = "PNS", government: str = "salatiga",
              agency: str | None = "disdik", where: Any = None) -> dict[str, Any]:
    projections = catch_up_views(app)
    if agency:
        found = hr_queries.agency_by_code(projections, government, agency)
        assert found is not None
        scope = hr_queries.Scope(agency_id=found["id"])
    else:
        scope = hr_queries.Scope(government_id=hr_queries.government_by_code(projections,
                                                                             government))
    rows = hr_queries.search_roster(projections, scope, hr_queries.RosterQuery(
        status=status, per_page=200), REAL_TODAY).rows
    rows = [r for r in rows if where is None or where(r)]
    if not rows:
        pytest.fail(f"the demo has no {status} employee matching in {government}/{agency}")
    return rows[0]


def _errors(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, body in re.findall(r'data-field="(\w+)">(.*?)</div>', html, re.S):
        messages = re.findall(r'class="field-error"[^>]*>([^<]+)<', body)
        if messages:
            found[name] = messages
    return found


def _promotable(app: Flask, row: dict[str, Any]) -> bool:
    """Whether the rules let the employee's record rise to the next grade (cap and post)."""
    state = get_service(app).get_employee(UUID(row["employee_id"])).state
    return bool(promotable_grades(state))


TRAINING = {"training_type": "TECHNICAL", "title": "Pelatihan tata naskah dinas elektronik",
            "hours_jp": "8", "topics": ["DIGITAL"], "effective_on": REAL_TODAY.isoformat(),
            "legal_number": "", "legal_signed_on": ""}


class TestTrainingForm:
    def test_review_then_confirm_records_the_action_as_the_logged_in_officer(
            self, demo_app: Flask) -> None:
        row = _employee(demo_app)
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        url = f"/hr/employees/{row['employee_id']}/actions/pelatihan"
        form = {**form_fields(client, url), **TRAINING}
        before = count_events(get_service(demo_app))

        review = client.post(url, data={**form, "step": "review"})
        assert review.status_code == 200
        assert 'data-testid="confirmation"' in text(review)
        assert "Pelatihan tata naskah dinas elektronik" in text(review)
        assert count_events(get_service(demo_app)) == before  # the review writes nothing

        done = client.post(url, data={**form, "step": "confirm"})
        assert done.status_code == 302
        assert count_events(get_service(demo_app)) == before + 1
        employee = get_service(demo_app).get_employee(UUID(row["employee_id"]))
        last = list(get_service(demo_app).events.get(employee.id))[-1]
        assert isinstance(last, Employee.TrainingCompleted)
        officer = get_accounts(demo_app).by_username("hr.salatiga")
        assert officer is not None
        assert (last.actor.user_id, last.actor.role) == (officer.id, Role.HR_OFFICER)
        page = text(client.get(done.headers["Location"]))
        assert "Pengembangan kompetensi (diklat) telah dicatat" in page
        assert f'data-version="{employee.version}"' in page  # the new entry is shown at once
        assert "hr.salatiga" in page

    def test_bad_input_shows_field_messages_and_writes_nothing(self, demo_app: Flask) -> None:
        row = _employee(demo_app)
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        url = f"/hr/employees/{row['employee_id']}/actions/pelatihan"
        form = {**form_fields(client, url), **TRAINING}
        before = count_events(get_service(demo_app))
        for changes, field in (({"hours_jp": "0.2"}, "hours_jp"),
                               ({"hours_jp": "abc"}, "hours_jp"),
                               ({"effective_on": "31-12-2025"}, "effective_on"),
                               ({"title": ""}, "title"),
                               ({"training_type": "NOT_A_TYPE"}, "training_type"),
                               ({"legal_number": "800/1/2026"}, "legal_signed_on")):
            for step in ("review", "confirm"):
                response = client.post(url, data={**form, **changes, "step": step})
                assert response.status_code == 422, (changes, step)
                assert field in _errors(text(response)), (changes, step, _errors(text(response)))
        assert count_events(get_service(demo_app)) == before

    def test_a_rule_of_the_domain_is_shown_at_its_field(self, demo_app: Flask) -> None:
        row = _employee(demo_app)
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        url = f"/hr/employees/{row['employee_id']}/actions/pelatihan"
        form = {**form_fields(client, url), **TRAINING, "hours_jp": "0.5"}
        # Latsar is for CPNS only: not offered to a PNS, and refused if sent anyway.
        assert 'value="LATSAR"' not in text(client.get(url))
        response = client.post(url, data={**form, "training_type": "LATSAR", "step": "review"})
        assert response.status_code == 422
        assert "training_type" in _errors(text(response))

    def test_the_form_speaks_english_on_request(self, demo_app: Flask) -> None:
        row = _employee(demo_app)
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        page = text(client.get(f"/hr/employees/{row['employee_id']}/actions/pelatihan?lang=en"))
        assert "Completion date" in page and "Hours are credited" in page


class TestPromotionForm:
    def test_only_the_next_grade_is_offered_and_the_rule_is_stated(self, demo_app: Flask
                                                                   ) -> None:
        row = _employee(demo_app, agency=None, where=lambda r: _promotable(demo_app, r))
        client = demo_app.test_client()
        login(client, "hradmin.salatiga")
        url = f"/hr/employees/{row['employee_id']}/actions/kenaikan-pangkat"
        html = text(client.get(url))
        grades = re.findall(r'<option[^>]*value="([IV]+/[a-e])"', html)
        following = Grade(row["grade"]).next()
        assert following is not None and grades == [following.code]
        assert "4 tahun dalam golongan" in html

    def test_another_grade_sent_anyway_is_refused(self, demo_app: Flask) -> None:
        row = _employee(demo_app, agency=None, where=lambda r: r["grade"] not in ("IV/d",
                                                                                  "IV/e"))
        client = demo_app.test_client()
        login(client, "hradmin.salatiga")
        url = f"/hr/employees/{row['employee_id']}/actions/kenaikan-pangkat"
        skipped = Grade(row["grade"]).next().next()  # type: ignore[union-attr]
        assert skipped is not None
        response = client.post(url, data={
            **form_fields(client, url), "kind": "REGULAR", "to_grade": skipped.code,
            "effective_on": "2026-10-01", "step": "review"})
        assert response.status_code == 422
        # The promotion rule says why, not the select's "Pilihan tidak sah."
        # (the grade on 1 October may be the one before today's: "one step" counts from it)
        messages = _errors(text(response))["to_grade"]
        assert any(m.startswith("Kenaikan pangkat satu tingkat") for m in messages), messages
        assert "Pilihan tidak sah." not in messages

    def test_at_the_top_of_the_position_range_no_grade_is_offered_and_the_form_says_why(
            self, demo_app: Flask) -> None:
        row = _employee(demo_app, agency=None, where=lambda r: (
            r["grade"] != "IV/e" and not _promotable(demo_app, r)))
        client = demo_app.test_client()
        login(client, "hradmin.salatiga")
        html = text(client.get(f"/hr/employees/{row['employee_id']}/actions/kenaikan-pangkat"))

        assert re.findall(r'<option[^>]*value="([IV]+/[a-e])"', html) == []
        assert ("di luar rentang golongan jabatan" in html
                or "Kenaikan pangkat untuk pendidikan" in html)

    def test_every_refusal_is_shown_at_once_each_at_its_field(self, demo_app: Flask) -> None:
        row = _employee(demo_app, agency=None, where=lambda r: r["grade"] not in ("IV/d",
                                                                                  "IV/e"))
        client = demo_app.test_client()
        login(client, "hradmin.salatiga")
        url = f"/hr/employees/{row['employee_id']}/actions/kenaikan-pangkat"
        before = count_events(get_service(demo_app))
        skipped = Grade(row["grade"]).next().next()  # type: ignore[union-attr]
        assert skipped is not None

        response = client.post(url, data={
            **form_fields(client, url), "kind": "REGULAR", "to_grade": skipped.code,
            "effective_on": "2026-10-15", "legal_number": "", "legal_signed_on": "",
            "step": "review"})

        assert response.status_code == 422
        errors = _errors(text(response))
        assert {"to_grade", "effective_on", "legal_number"} <= set(errors)
        assert any(m.startswith("Kenaikan pangkat satu tingkat") for m in errors["to_grade"])
        assert errors["legal_number"] == [DomainError("LEGAL_BASIS_REQUIRED").message("id")]
        assert any("tanggal 1 setiap bulan; yang terdekat 1 November 2026" in m
                   for m in errors["effective_on"])
        assert count_events(get_service(demo_app)) == before

    def test_a_date_outside_the_promotion_calendar_is_refused_at_the_date(
            self, demo_app: Flask) -> None:
        row = _employee(demo_app, agency=None, where=lambda r: r["grade"] != "IV/e")
        client = demo_app.test_client()
        login(client, "hradmin.salatiga")
        url = f"/hr/employees/{row['employee_id']}/actions/kenaikan-pangkat"
        before = count_events(get_service(demo_app))
        response = client.post(url, data={
            **form_fields(client, url), "kind": "REGULAR",
            "to_grade": Grade(row["grade"]).next().code,  # type: ignore[union-attr]
            "effective_on": "2026-10-15", "step": "review"})
        assert response.status_code == 422
        assert "TMT kenaikan pangkat pada periode yang berlaku jatuh pada tanggal 1 setiap " \
            "bulan" in _errors(text(response))["effective_on"][0]
        assert count_events(get_service(demo_app)) == before


class TestPositionForm:
    def test_only_vacant_positions_whose_range_admits_the_grade_are_offered(
            self, demo_app: Flask) -> None:
        row = _employee(demo_app, agency=None)
        client = demo_app.test_client()
        login(client, "hradmin.salatiga")
        html = text(client.get(f"/hr/employees/{row['employee_id']}/actions/"
                               "pengangkatan-jabatan"))
        offered = re.findall(r'<option[^>]*value="([0-9a-f]{32})"[^>]*>[^<]*; ([^;<]+)–([^)<]+)\)',
                             html)
        grade = Grade(row["grade"])
        assert offered, "the demo has no vacant position for this grade"
        for _, lowest, highest in offered:
            assert Grade(lowest) <= grade <= Grade(highest)


class TestConcurrency:
    def test_a_record_changed_since_the_form_was_opened_shows_the_change_and_writes_nothing(
            self, demo_app: Flask) -> None:
        row = _employee(demo_app)
        first, second = demo_app.test_client(), demo_app.test_client()
        login(first, "hr.salatiga")
        login(second, "hradmin.salatiga")
        url = f"/hr/employees/{row['employee_id']}/actions/pelatihan"
        mine = {**form_fields(first, url), **TRAINING}
        theirs = {**form_fields(second, url), **TRAINING, "title": "Pelatihan lain"}
        assert second.post(url, data={**theirs, "step": "confirm"}).status_code == 302
        before = count_events(get_service(demo_app))
        for step in ("review", "confirm"):
            conflict = first.post(url, data={**mine, "step": step})
            assert conflict.status_code == 409
            assert 'data-testid="conflict"' in text(conflict)
            assert "Pengembangan kompetensi" in text(conflict)
            assert "hradmin.salatiga" in text(conflict)
        assert count_events(get_service(demo_app)) == before


class TestCorrectionAndAnnulment:
    def _record_training(self, client: FlaskClient, employee_id: str) -> int:
        url = f"/hr/employees/{employee_id}/actions/pelatihan"
        assert client.post(url, data={**form_fields(client, url), **TRAINING,
                                      "step": "confirm"}).status_code == 302
        page = text(client.get(f"/hr/employees/{employee_id}"))
        return max(int(v) for v in re.findall(r'data-version="(\d+)"', page))

    def test_an_annulment_needs_a_reason_and_keeps_the_original(self, demo_app: Flask) -> None:
        row = _employee(demo_app)
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        version = self._record_training(client, row["employee_id"])
        url = f"/hr/employees/{row['employee_id']}/timeline/{version}/pembatalan"
        form = {**form_fields(client, url), "effective_on": REAL_TODAY.isoformat()}
        missing = client.post(url, data={**form, "reason": " ", "step": "review"})
        assert missing.status_code == 422 and "reason" in _errors(text(missing))
        review = client.post(url, data={**form, "reason": "Salah orang", "step": "review"})
        assert review.status_code == 200 and 'data-testid="confirmation"' in text(review)
        assert client.post(url, data={**form, "reason": "Salah orang",
                                      "step": "confirm"}).status_code == 302
        page = text(client.get(f"/hr/employees/{row['employee_id']}"))
        assert re.search(rf'class="status-annulled" data-version="{version}"', page)
        assert "Pembatalan" in page

    def test_a_correction_changes_the_date_of_an_entry(self, demo_app: Flask) -> None:
        row = _employee(demo_app)
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        version = self._record_training(client, row["employee_id"])
        url = f"/hr/employees/{row['employee_id']}/timeline/{version}/koreksi"
        form = {**form_fields(client, url), "effective_on": REAL_TODAY.isoformat(),
                "reason": "Tanggal selesai salah ketik"}
        nothing = client.post(url, data={**form, "step": "review"})
        assert nothing.status_code == 422  # no change asked for
        corrected_on = date(REAL_TODAY.year, 1, 2).isoformat()
        assert client.post(url, data={**form, "new_effective_on": corrected_on,
                                      "step": "confirm"}).status_code == 302
        page = text(client.get(f"/hr/employees/{row['employee_id']}"))
        assert re.search(rf'class="status-corrected" data-version="{version}"', page)

    def test_a_correction_of_the_training_hours_changes_the_hours_credited(
            self, demo_app: Flask) -> None:
        row = _employee(demo_app)
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        version = self._record_training(client, row["employee_id"])
        credited = hr_queries.employee_row(catch_up_views(demo_app), row["employee_id"])
        assert credited is not None
        url = f"/hr/employees/{row['employee_id']}/timeline/{version}/koreksi"
        page = text(client.get(url))
        assert 'name="hours_jp"' in page and 'name="training_type"' in page
        form = {**form_fields(client, url), "effective_on": REAL_TODAY.isoformat(),
                "reason": "JP pada sertifikat 12, bukan 8", "training_type": "", "title": ""}
        refused = client.post(url, data={**form, "hours_jp": "0.3", "step": "review"})
        assert refused.status_code == 422 and "hours_jp" in _errors(text(refused))
        review = client.post(url, data={**form, "hours_jp": "12", "step": "review"})
        assert review.status_code == 200 and "12" in text(review)
        assert client.post(url, data={**form, "hours_jp": "12",
                                      "step": "confirm"}).status_code == 302
        after = hr_queries.employee_row(catch_up_views(demo_app), row["employee_id"])
        assert after is not None
        assert after["training_jp"] == credited["training_jp"] + 4

    def test_an_appraisal_correction_offers_the_ratings_and_not_the_training_fields(
            self, demo_app: Flask) -> None:
        from projections.views.timeline import employee_timeline

        def appraisals(row: dict[str, Any]) -> list[Any]:
            return [e for e in employee_timeline(catch_up_views(demo_app), get_service(demo_app),
                                                 UUID(row["employee_id"]))
                    if e.kind == "AppraisalRecorded"]

        row = _employee(demo_app, agency=None, where=lambda r: bool(appraisals(r)))
        appraisal = appraisals(row)[0]
        client = demo_app.test_client()
        login(client, "hradmin.salatiga")
        url = f"/hr/employees/{row['employee_id']}/timeline/{appraisal.version}/koreksi"
        form_page = text(client.get(url))
        assert 'name="work_result"' in form_page and 'name="hours_jp"' not in form_page


    def test_an_appointment_offers_no_annulment(self, demo_app: Flask) -> None:
        row = _employee(demo_app)
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        page = text(client.get(f"/hr/employees/{row['employee_id']}"))
        first = min(int(v) for v in re.findall(r'data-version="(\d+)"', page))
        assert f"/timeline/{first}/pembatalan" not in page
        response = client.post(f"/hr/employees/{row['employee_id']}/timeline/{first}/pembatalan",
                               data={**form_fields(client, f"/hr/employees/{row['employee_id']}"
                                             f"/timeline/{first}/pembatalan"),
                                     "effective_on": REAL_TODAY.isoformat(), "reason": "x",
                                     "step": "review"})
        assert response.status_code == 422
        assert "Pengangkatan tidak dapat dibatalkan" in text(response)


class TestNoServerErrors:
    @pytest.mark.parametrize("slug", ["kenaikan-pangkat", "pengangkatan-jabatan", "mutasi",
                                      "pelatihan", "penilaian-kinerja", "hukuman-disiplin",
                                      "pemberhentian", "pelepasan-jabatan"])
    def test_garbage_in_any_field_never_gives_a_server_error(
            self, demo_app: Flask, slug: str) -> None:
        row = _employee(demo_app, agency=None,
                        where=lambda r: r["position_id"] and r["grade"] != "IV/e")
        client = demo_app.test_client()
        login(client, "hradmin.salatiga")
        url = f"/hr/employees/{row['employee_id']}/actions/{slug}"
        base = form_fields(client, url)
        html = text(client.get(url))
        names = set(re.findall(r'name="(\w+)"', html)) - {"csrf_token", "step"}
        before = count_events(get_service(demo_app))
        for garbage in ("", "x" * 5000, "-1", "2026-02-30", "0" * 32, "<script>", "9" * 40):
            data = {**base, **dict.fromkeys(names - {"version"}, garbage), "step": "review"}
            assert client.post(url, data=data).status_code in (200, 422), garbage
            data["version"] = garbage
            assert client.post(url, data=data).status_code in (200, 409, 422), garbage
        assert count_events(get_service(demo_app)) == before


class TestTransfer:
    def test_an_officer_who_transfers_someone_out_of_their_agency_returns_to_the_roster(
            self, demo_app: Flask) -> None:
        row = _employee(demo_app)
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        url = f"/hr/employees/{row['employee_id']}/actions/mutasi"
        html = text(client.get(url))
        other = re.search(r'<option[^>]*value="([0-9a-f]{32}:[0-9a-f]{32})"', html)
        assert other is not None
        choices = re.findall(r'<option[^>]*value="([0-9a-f]{32}):[0-9a-f]{32}"', html)
        assert len(set(choices)) > 1  # units of every agency of the government are offered
        target = next(c for c in re.findall(r'value="([0-9a-f]{32}:[0-9a-f]{32})"', html)
                      if not c.startswith(row["agency_id"]))
        done = client.post(url, data={**form_fields(client, url), "to_unit": target,
                                      "effective_on": REAL_TODAY.isoformat(),
                                      "reason": "Penataan pegawai", "step": "confirm"})
        assert done.status_code == 302 and done.headers["Location"] == "/hr/employees"
        assert client.get(f"/hr/employees/{row['employee_id']}").status_code == 404


class TestPersonalDataCorrection:
    def test_a_mistyped_name_is_corrected_through_the_form_without_a_decree(
            self, demo_app: Flask) -> None:
        row = _employee(demo_app)
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        url = f"/hr/employees/{row['employee_id']}/actions/koreksi-data-pribadi"
        page = text(client.get(url))
        assert 'name="legal_number"' not in page  # the service takes no decree here
        form = {**form_fields(client, url), "effective_on": REAL_TODAY.isoformat(), "nip": "",
                "birth_on": "", "sex": "", "contact": ""}
        missing = client.post(url, data={**form, "name": "Nama Baru", "reason": "",
                                         "step": "review"})
        assert missing.status_code == 422 and "reason" in _errors(text(missing))
        nothing = client.post(url, data={**form, "name": "", "reason": "Salah ketik",
                                         "step": "review"})
        assert nothing.status_code == 422  # nothing to correct
        review = client.post(url, data={**form, "name": "Nama  Yang Benar",
                                        "reason": "Salah ketik", "step": "review"})
        assert review.status_code == 200, _errors(text(review))
        unchanged = hr_queries.employee_row(catch_up_views(demo_app), row["employee_id"])
        assert unchanged is not None and unchanged["name"] == row["name"]  # review wrote nothing
        assert client.post(url, data={**form, "name": "Nama  Yang Benar",
                                      "reason": "Salah ketik", "step": "confirm"}
                           ).status_code == 302
        after = hr_queries.employee_row(catch_up_views(demo_app), row["employee_id"])
        assert after is not None and after["name"] == "Nama Yang Benar"

    def test_a_nip_that_contradicts_the_birth_date_is_refused_at_the_nip(
            self, demo_app: Flask) -> None:
        row = _employee(demo_app)
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        url = f"/hr/employees/{row['employee_id']}/actions/koreksi-data-pribadi"
        wrong = "19000101" + row["nip"][8:]
        refused = client.post(url, data={
            **form_fields(client, url), "effective_on": REAL_TODAY.isoformat(), "name": "",
            "nip": wrong, "birth_on": "", "sex": "", "contact": "", "reason": "Koreksi",
            "step": "review"})
        assert refused.status_code == 422
        assert "nip" in _errors(text(refused))
