"""TPP through the API on the demo: regulation versions and runs for the government's HR, a
run's lines in the caller's scope, the administrator's writes (dry run, refusals with their
rule) including a version's Mendagri approval letter, and the employee's own months under /me."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.support.dates import REAL_TODAY
from tests.support.staff import demo_places
from web import get_service
from web.accounts.store import get_accounts

LAST_MONTH = f"{REAL_TODAY.year - (REAL_TODAY.month == 1)}-{(REAL_TODAY.month - 2) % 12 + 1:02d}-01"


def _json(response: TestResponse) -> Any:
    found = response.get_json()
    assert found is not None, response.status_code
    return found


def _token(app: Flask, username: str) -> dict[str, str]:
    store = get_accounts(app)
    account = store.by_username(username)
    assert account is not None
    return {"Authorization": f"Bearer {store.create_token(account.id, 'tests')[1]}"}


def _get(client: FlaskClient, url: str, headers: dict[str, str]) -> Any:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)[:400]
    return _json(response)


def test_hr_reads_runs_in_scope_and_the_administrator_writes(demo_app: Flask) -> None:
    client = demo_app.test_client()
    admin, officer = _token(demo_app, "hradmin.salatiga"), _token(demo_app, "hr.salatiga")
    places = demo_places(demo_app)

    (latest, *_older) = _get(client, "/api/v1/tpp-regulations", admin)
    assert latest["perkada"].startswith("Perkada TPP Kota Salatiga TA")
    assert latest["table"]["criteria_shares"] == {"PERFORMANCE": 4000, "WORKLOAD": 6000}
    runs = _get(client, "/api/v1/tpp-runs", admin)
    assert len({run["month"] for run in runs}) == 12 and runs[0]["month"] == LAST_MONTH
    detail = _get(client, f"/api/v1/tpp-runs/{runs[0]['id']}", admin)
    assert detail["staff"] == len(detail["lines"]) == runs[0]["staff"]
    assert {line["agency_id"] for line in detail["lines"]} >= {places["agencyA"],
                                                               places["agencyB"]}
    line = detail["lines"][0]["breakdown"]
    assert line["net"] == line["gross"] - sum(cut["amount"] for cut in line["cuts"])

    own = _get(client, f"/api/v1/tpp-runs/{runs[0]['id']}", officer)
    assert {line["agency_id"] for line in own["lines"]} == {places["agencyA"]}
    assert [t["agency_id"] for t in own["totals"]] == [places["agencyA"]]
    assert _get(client, "/api/v1/tpp-runs", officer)[0]["staff"] == own["staff"]
    assert client.get(f"/api/v1/tpp-runs/{runs[0]['id']}",
                      headers=_token(demo_app, "hr.kupang")).status_code == 404

    assert client.post("/api/v1/tpp-runs?dry_run=true", json={"month": LAST_MONTH},
                       headers=officer).status_code == 403
    # The demo's late sanction also changed last month: the first run corrects it, the
    # second finds nothing new.
    corrected = client.post("/api/v1/tpp-runs", json={"month": LAST_MONTH}, headers=admin)
    assert corrected.status_code == 201
    assert _get(client, f"/api/v1/tpp-runs/{_json(corrected)['id']}", admin)["corrects"] \
        == runs[0]["id"]
    unchanged = client.post("/api/v1/tpp-runs", json={"month": LAST_MONTH}, headers=admin)
    assert unchanged.status_code == 422
    assert [p["rule"] for p in _json(unchanged)["problems"]] == ["TPP_RUN_UNCHANGED"]
    body = {"effective_from": f"{REAL_TODAY.year + 1}-01-01", "perkada": "Perwali 9/2027",
            "base_by_class": {"6": 3_200_000}, "criteria_shares": {"WORKLOAD": 9000},
            "predicate_cuts": {"KURANG": 2500}, "performance_cap": 6000}
    refused = client.post("/api/v1/tpp-regulations?dry_run=true", json=body, headers=admin)
    assert refused.status_code == 422
    assert [(p["rule"], p["field"]) for p in _json(refused)["problems"]] == [
        ("TPP_REGULATION_INVALID", "criteria_shares")]
    unconsulted = client.post("/api/v1/tpp-regulations?dry_run=true", headers=admin, json={
        **body, "criteria_shares": {"WORKLOAD": 10000}, "consultation_id": str(uuid4())})
    assert [(p["rule"], p["field"]) for p in _json(unconsulted)["problems"]] == [
        ("TPP_CONSULTATION_INVALID", "consultation_id")]
    before = get_service(demo_app).recorder.max_notification_id()
    checked = client.post("/api/v1/tpp-regulations?dry_run=true", headers=admin,
                          json={**body, "criteria_shares": {"WORKLOAD": 10000}})
    assert checked.status_code == 200 and _json(checked)["dry_run"] is True
    assert get_service(demo_app).recorder.max_notification_id() == before
    adopted = client.post("/api/v1/tpp-regulations", headers=admin,
                          json={**body, "criteria_shares": {"WORKLOAD": 10000}})
    assert adopted.status_code == 201
    assert _get(client, "/api/v1/tpp-regulations", admin)[0]["perkada"] == "Perwali 9/2027"


def test_an_employee_reads_only_their_own_months(demo_app: Flask) -> None:
    client = demo_app.test_client()
    employee = _token(demo_app, "pegawai.salatiga")
    months = _get(client, "/api/v1/me/tpp", employee)
    assert 1 <= len(months) <= 12 and months[0]["month"] == LAST_MONTH
    assert all(m["breakdown"]["gross"] > 0 for m in months)
    assert client.get("/api/v1/tpp-runs", headers=employee).status_code == 403
    page = client.get("/saya/tpp")
    assert page.status_code == 302  # the desk needs the employee's login, not a token


def test_the_openapi_document_lists_the_tpp_operations(app: Flask) -> None:
    document = app.test_client().get("/api/v1/openapi.json").json
    assert document is not None
    paths = document["paths"]
    assert set(paths["/api/v1/tpp-regulations"]) == {"get", "post"}
    assert set(paths["/api/v1/tpp-runs"]) == {"get", "post"}
    assert "post" in paths["/api/v1/tpp-regulations/{effective_from}/approval"]
    assert "get" in paths["/api/v1/tpp-runs/{run_id}"]
    assert set(paths["/api/v1/me/tpp"]) == {"get"}


def test_a_bad_regulation_is_told_by_field_and_writes_nothing(demo_app: Flask) -> None:
    client, admin = demo_app.test_client(), _token(demo_app, "hradmin.salatiga")
    before = get_service(demo_app).recorder.max_notification_id()
    bad = client.post("/api/v1/tpp-regulations", headers=admin, json={
        "effective_from": "2027-01-01", "perkada": "", "base_by_class": {"x": -1},
        "criteria_shares": {"NOPE": 10000}})
    assert bad.status_code == 422
    assert {"perkada", "base_by_class", "criteria_shares"} <= set(_json(bad)["errors"]["json"])
    far = client.post("/api/v1/tpp-runs", headers=admin, json={"month": "1990-01-01"})
    assert far.status_code == 422
    assert [p["rule"] for p in _json(far)["problems"]] == ["TPP_REGULATION_NOT_IN_FORCE"]
    assert get_service(demo_app).recorder.max_notification_id() == before


def test_the_administrator_records_a_versions_mendagri_letter(demo_app: Flask) -> None:
    client = demo_app.test_client()
    admin, officer = _token(demo_app, "hradmin.salatiga"), _token(demo_app, "hr.salatiga")
    service = get_service(demo_app)
    demo_versions = _get(client, "/api/v1/tpp-regulations", admin)
    # The demo's versions are approved: by their table's letter, or one recorded after them.
    assert all(v["approval_ref"].startswith("900.1.10/") for v in demo_versions)
    assert all(v["approval_signed_on"] in (None, f"{v['effective_from'][:4]}-01-29")
               for v in demo_versions)
    next_year = f"{REAL_TODAY.year + 1}-01-01"
    adopted = client.post("/api/v1/tpp-regulations", headers=admin, json={
        "effective_from": next_year, "perkada": "Perwali 9/2027",
        "base_by_class": {"6": 3_200_000}, "criteria_shares": {"WORKLOAD": 10000}})
    assert adopted.status_code == 201
    assert _get(client, "/api/v1/tpp-regulations", admin)[0]["approval_ref"] is None
    url = f"/api/v1/tpp-regulations/{next_year}/approval"
    letter = {"legal_number": "900.1.10/77/Keuda", "legal_signed_on": REAL_TODAY.isoformat()}
    before = service.recorder.max_notification_id()

    assert client.post(url + "?dry_run=true", json=letter, headers=officer).status_code == 403
    missing = client.post(url, json={"legal_number": ""}, headers=admin)
    assert missing.status_code == 422
    assert {"legal_number", "legal_signed_on"} <= set(_json(missing)["errors"]["json"])
    for at, body, problem in (
            ("1990-01-01", letter, ("TPP_VERSION_NOT_FOUND", "effective_from")),
            (next_year, {**letter, "legal_signed_on": "2099-01-01"},
             ("TPP_APPROVAL_LETTER_DATE", "legal_basis.signed_on"))):
        refused = client.post(f"/api/v1/tpp-regulations/{at}/approval", json=body,
                              headers=admin)
        assert refused.status_code == 422
        assert [(p["rule"], p["field"]) for p in _json(refused)["problems"]] == [problem]
    assert client.post("/api/v1/tpp-regulations/tahun-depan/approval", json=letter,
                       headers=admin).status_code == 404
    checked = client.post(url + "?dry_run=true", json=letter, headers=admin)
    assert checked.status_code == 200 and _json(checked)["dry_run"] is True
    assert service.recorder.max_notification_id() == before

    assert client.post(url, json=letter, headers=admin).status_code == 201
    latest = _get(client, "/api/v1/tpp-regulations", admin)[0]
    assert (latest["approval_ref"], latest["approval_signed_on"]) == (
        "900.1.10/77/Keuda", REAL_TODAY.isoformat())
    again = client.post(url, json=letter, headers=admin)
    assert [p["rule"] for p in _json(again)["problems"]] == ["TPP_VERSION_ALREADY_APPROVED"]
