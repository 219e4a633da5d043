"""Monitoring indicators on the web: the public page of a government's indicators (chart and
table, hidden figures marked, never a range), the links to it, the HR administrator's forms
through review and confirmation, the readers' pages and the API, on each backend."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask import Flask

from domain.indicator import IndicatorKind
from projections.stores.backend import count_events
from projections.views import consultation as consultation_queries
from projections.views.indicators import IndicatorRow, indicators_of
from tests.support.staff import csrf_token, login, text
from web import catch_up_views, get_service
from web.public.indicators import last_months


def _salatiga(app: Flask) -> list[IndicatorRow]:
    projections = catch_up_views(app)
    rows = [r for r in indicators_of(projections)
            if r.government_id == _government_id(app)]
    assert len(rows) == 6
    return rows


def _government_id(app: Flask) -> str:
    from projections.views import hr_queries

    found = hr_queries.government_by_code(catch_up_views(app), "salatiga")
    assert found is not None
    return found


class TestPublicPage:
    def test_every_indicator_has_a_chart_and_a_table_of_its_last_twelve_months(
            self, demo_app: Flask) -> None:
        response = demo_app.test_client().get("/pemda/salatiga/indikator")
        body = text(response)
        assert response.status_code == 200
        assert body.count('data-testid="indicator"') == 6
        assert body.count('<svg class="chart"') == 6
        assert body.count('data-table="indicator"') == 6
        for month in last_months(date.today()):
            assert body.count(f">{month:%Y-%m}</th>") == 6
        assert body.count('class="target"') >= 6 * 12  # each month's target, dashed

    def test_an_actual_over_fewer_than_ten_people_is_hidden_by_the_mark_never_a_range(
            self, demo_app: Flask) -> None:
        rows = _salatiga(demo_app)
        small = [(r, m) for r in rows for m, a in r.actuals.items()
                 if a["base"] is not None and a["base"] < 10 and r.kind != "jpt_fill_days"]
        assert small, "the demo's complaints give small bases"
        body = text(demo_app.test_client().get("/pemda/salatiga/indikator"))
        assert 'class="num hidden-cell">×</td>' in body
        assert "&lt;10" not in body and "<10" not in body
        row, month = small[-1]
        section = body.split(f'id="{row.id}"')[1].split("</section>")[0]
        line = section.split(f">{month:%Y-%m}</th>")[1].split("</tr>")[0]
        assert "×" in line and re.search(r"\d", line.split("</td>")[1]) is None

    def test_an_unknown_government_is_404(self, demo_app: Flask) -> None:
        assert demo_app.test_client().get("/pemda/atlantis/indikator").status_code == 404

    def test_the_consultation_of_a_policy_links_to_its_indicators(self, demo_app: Flask) -> None:
        rows = _salatiga(demo_app)
        linked = {r.consultation_id for r in rows if r.consultation_id}
        assert linked
        for consultation_id in linked:
            body = text(demo_app.test_client().get(f"/konsultasi/{consultation_id}"))
            names = [r.name for r in rows if r.consultation_id == consultation_id]
            assert 'data-testid="indicators"' in body
            assert all(name in body for name in names)
            assert "/pemda/salatiga/indikator#" in body

    def test_the_page_reads_in_english_too(self, demo_app: Flask) -> None:
        body = text(demo_app.test_client().get("/pemda/salatiga/indikator?lang=en"))
        assert "Monitoring and evaluation" in body and "Target" in body


def _form(client: Any, url: str, data: dict[str, str]) -> tuple[Any, Any]:
    page = text(client.get(url))
    version = re.search(r'name="version"[^>]*value="(\d+)"', page)
    assert version is not None, page
    fields = {"csrf_token": csrf_token(page), "version": version[1], **data}
    review = client.post(url, data={**fields, "step": "review"})
    if review.status_code != 200:
        return review, None
    return review, client.post(url, data={**fields, "step": "confirm"})


class TestStaffForms:
    def test_the_administrator_defines_targets_records_and_corrects_through_review(
            self, demo_app: Flask) -> None:
        admin = demo_app.test_client()
        assert login(admin, "hradmin.salatiga").status_code == 302
        assert admin.get("/hr/indikator").status_code == 200
        consultation = next(c for c in consultation_queries.consultations(
            catch_up_views(demo_app), date.today(), _government_id(demo_app),
            published_only=False))
        before = count_events(get_service(demo_app))
        review, done = _form(admin, "/hr/indikator/baru", {
            "kind": "manual", "name": "Persentase perizinan selesai tepat waktu",
            "measure": "percent", "direction": "up", "consultation_id": consultation["id"],
            "policy_title": ""})
        assert review.status_code == 200 and 'data-testid="confirmation"' in text(review)
        assert done.status_code == 302
        assert count_events(get_service(demo_app)) == before + 1  # the review wrote nothing
        row = next(r for r in indicators_of(catch_up_views(demo_app))
                   if r.name == "Persentase perizinan selesai tepat waktu")
        base = f"/hr/indikator/{row.id}"
        month = date.today().replace(day=1)
        for step, data in (("target", {"year": str(month.year), "value": "85"}),
                           ("realisasi", {"month": month.isoformat(), "value": "70,5",
                                          "base": "40"}),
                           ("koreksi", {"month": month.isoformat(), "value": "72",
                                        "base": "41", "reason": "Data susulan dari OPD"})):
            review, done = _form(admin, f"{base}/{step}", data)
            assert review.status_code == 200, (step, text(review))
            assert done is not None and done.status_code == 302, step
        found = next(r for r in indicators_of(catch_up_views(demo_app)) if r.id == row.id)
        assert found.targets == {month.year: 85.0}
        assert found.actuals[month] == {"value": 72.0, "base": 41, "is_computed": False,
                                        "corrections": 1}
        assert "72" in text(admin.get(base))

    def test_a_refusal_is_told_at_its_field_and_nothing_is_written(
            self, demo_app: Flask) -> None:
        admin = demo_app.test_client()
        assert login(admin, "hradmin.salatiga").status_code == 302
        before = count_events(get_service(demo_app))
        review, _ = _form(admin, "/hr/indikator/baru", {
            "kind": IndicatorKind.IKM.value, "name": "IKM", "measure": "days",
            "direction": "down", "consultation_id": "", "policy_title": ""})
        body = text(review)
        assert review.status_code == 422
        assert 'data-field="policy_title"' in body and "Sebutkan kebijakan" in body
        assert count_events(get_service(demo_app)) == before

    def test_officers_and_auditors_read_and_cannot_write(self, demo_app: Flask) -> None:
        rows = _salatiga(demo_app)
        row = rows[0]
        projections = catch_up_views(demo_app)
        with projections.store.read() as sql:
            names = [r["name"] for r in sql.execute(
                f"SELECT name FROM {projections.views['roster'].table('roster')}").fetchall()]
        assert len(names) > 100
        for role in ("hr.salatiga", "auditor"):
            client = demo_app.test_client()
            assert login(client, role).status_code == 302
            pages = [text(client.get("/hr/indikator"))] + [
                text(client.get(f"/hr/indikator/{r.id}")) for r in rows]
            assert all('data-testid="actuals"' in page for page in pages[1:])
            # complaint and survey figures of the government, and no employee's name
            assert not [n for n in names for page in pages if n in page]
            assert client.get("/hr/indikator/baru").status_code == 403
            assert client.get(f"/hr/indikator/{row.id}/target").status_code == 403
        other = demo_app.test_client()
        assert login(other, "hr.kupang").status_code == 302
        assert other.get(f"/hr/indikator/{row.id}").status_code == 404


def _json(response: Any) -> Any:
    body = response.get_json()
    assert body is not None
    return body


class TestApi:
    def _headers(self, app: Flask, username: str) -> dict[str, str]:
        from web.accounts.store import get_accounts

        account = get_accounts(app).by_username(username)
        assert account is not None
        return {"Authorization": "Bearer " + get_accounts(app).create_token(account.id,
                                                                            "test")[1]}

    def test_the_api_lists_defines_and_records_with_every_refusal(
            self, demo_app: Flask) -> None:
        client, headers = demo_app.test_client(), self._headers(demo_app, "hradmin.salatiga")
        listed = client.get("/api/v1/indicators", headers=headers).json
        assert isinstance(listed, list) and len(listed) == 6
        dry = client.post("/api/v1/indicators?dry_run=true", headers=headers, json={
            "kind": "manual", "name": "Uji", "measure": "percent", "direction": "up"})
        assert dry.status_code == 422
        assert {p["rule"] for p in _json(dry)["problems"]} == {"INDICATOR_POLICY_REQUIRED"}
        made = client.post("/api/v1/indicators", headers=headers, json={
            "kind": "manual", "name": "Uji API", "measure": "count", "direction": "up",
            "policy_title": "Rencana aksi reformasi birokrasi"})
        assert made.status_code == 201
        url = f"/api/v1/indicators/{_json(made)['id']}"
        version = _json(client.get(url, headers=headers))["version"]
        month = date.today().replace(day=1).isoformat()
        step = client.post(f"{url}/actual", headers=headers,
                           json={"version": version, "month": month, "value": 12, "base": 3})
        assert step.status_code == 201
        again = client.post(f"{url}/actual", headers=headers,
                            json={"version": version + 1, "month": month, "value": 13})
        assert again.status_code == 422
        assert _json(again)["problems"][0]["rule"] == "INDICATOR_ACTUAL_EXISTS"
        stale = client.post(f"{url}/target", headers=headers,
                            json={"version": version, "year": 2026, "value": 10})
        assert stale.status_code == 409
        officer = self._headers(demo_app, "hr.salatiga")
        assert client.post(f"{url}/target", headers=officer,
                           json={"version": 1, "year": 2026, "value": 1}).status_code == 403
