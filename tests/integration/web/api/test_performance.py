"""The performance operations of the API, on each backend: a plan drafted, agreed, discussed
and rated by its two parties through /me, the unit predicate set by HR first, a rating outside
the pattern refused with its rule, an objection decided by the rater's superior; feedback read
by the two parties only; dry runs and refusals that write nothing."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.values import Role
from projections.stores.backend import count_events
from tests.builders.performance import Chain
from tests.builders.personnel import Organisation
from web import get_service
from web.accounts.store import get_accounts

TODAY = date.today()
FEEDBACK = "Laporan bulanan perlu dilengkapi data absensi."


def _token(app: Flask, username: str, role: Role, org: Organisation,
           employee_id: UUID | None = None) -> dict[str, str]:
    store = get_accounts(app)
    account = store.add(username=username, password_hash="x", role=role,
                        government_id=org.government_id.hex,
                        agency_id=org.agency_id.hex if role is not Role.HR_ADMIN else None,
                        employee_id=employee_id.hex if employee_id else None)
    return {"Authorization": f"Bearer {store.create_token(account.id, 'tests')[1]}"}


@pytest.fixture
def setting(app: Flask) -> dict[str, Any]:
    """A division whose three heads have agreed plans, two staff with accounts, their
    supervisor and the division's head with accounts, and an HR administrator."""
    org = Organisation.build(get_service(app))
    chain = Chain.build(org, staff=2)
    chain.plan(chain.supervisor)
    tokens = {name: _token(app, f"pegawai.{name}", Role.EMPLOYEE, org, employee_id)
              for name, employee_id in (("staf", chain.staff[0]), ("staf2", chain.staff[1]),
                                        ("atasan", chain.supervisor),
                                        ("kabid", chain.division_head))}
    tokens["hr"] = _token(app, "hradmin.contoh", Role.HR_ADMIN, org)
    return {"org": org, "chain": chain, "tokens": tokens}


def _post(client: FlaskClient, url: str, who: dict[str, str], body: dict[str, Any],
          status: int = 201) -> Any:
    response = client.post(f"/api/v1{url}", json=body, headers=who)
    assert response.status_code == status, response.json
    return response.json


def test_a_year_of_the_cycle_through_the_api(app: Flask, setting: dict[str, Any]) -> None:
    client, tokens, chain = app.test_client(), setting["tokens"], setting["chain"]
    org: Organisation = setting["org"]
    service = get_service(app)
    above = service.performance.plan_of(chain.supervisor, TODAY.year)
    assert above is not None
    draft = {"year": TODAY.year, "superior_id": chain.supervisor.hex,
             "results": [{"text": "Terlayaninya usul kenaikan pangkat",
                          "indicators": ["Usul diproses dalam 5 hari kerja"],
                          "cascaded_from": {"plan_id": above.id.hex, "index": 0}}]}
    before = count_events(service)
    assert _post(client, "/me/performance-plans?dry_run=true", tokens["staf"], draft,
                 200)["dry_run"] is True
    assert count_events(service) == before
    plan_id = _post(client, "/me/performance-plans", tokens["staf"], draft)["id"]
    _post(client, f"/me/performance-plans/{plan_id}/submission", tokens["staf"], {})
    # Only the superior named on the plan agrees it; to anyone else it does not exist.
    _post(client, f"/me/performance-plans/{plan_id}/agreement", tokens["staf2"], {}, 404)
    _post(client, f"/me/performance-plans/{plan_id}/agreement", tokens["atasan"], {})
    _post(client, f"/me/performance-plans/{plan_id}/feedback", tokens["atasan"],
          {"kind": "COACHING", "text": FEEDBACK, "held_on": TODAY.isoformat()})

    read = client.get(f"/api/v1/me/performance-plans/{plan_id}/feedback",
                      headers=tokens["staf"])
    assert read.status_code == 200 and read.json == [
        {"kind": "COACHING", "held_on": TODAY.isoformat(), "text": FEEDBACK}]
    for other in ("kabid", "staf2"):
        assert client.get(f"/api/v1/me/performance-plans/{plan_id}/feedback",
                          headers=tokens[other]).status_code == 404
    assert client.get(f"/api/v1/me/performance-plans/{plan_id}/feedback",
                      headers=tokens["hr"]).status_code == 403
    mine = client.get("/api/v1/me/performance-plans", headers=tokens["staf"]).json
    assert mine is not None and [p["feedback"] for p in mine["own"]] == [1]
    assert FEEDBACK not in str(mine)

    # The unit first: a Baik division of two staff allows one Baik and one BP or Kurang.
    rating = {"work_result": "AS_EXPECTED", "behaviour": "AS_EXPECTED"}
    refused = _post(client, f"/me/performance-plans/{plan_id}/rating", tokens["atasan"],
                    rating, 422)
    assert refused["problems"][0]["rule"] == "PERFORMANCE_UNIT_PREDICATE_MISSING"
    _post(client, "/unit-performance", tokens["hr"],
          {"agency_id": org.agency_id.hex, "unit_id": org.division_id.hex,
           "year": TODAY.year, "predicate": "BAIK", "ikm": 84.5,
           "complaints_on_time_percent": 90, "head_id": chain.division_head.hex,
           "staff_count": 2, "indicators": [{"name": "Layanan tepat waktu", "target": 90,
                                             "achieved": 92}]})
    _post(client, f"/me/performance-plans/{plan_id}/rating", tokens["atasan"], rating)
    second = chain.plan(chain.staff[1])
    refused = _post(client, f"/me/performance-plans/{second.hex}/rating", tokens["atasan"],
                    rating, 422)
    assert {p["rule"] for p in refused["problems"]} == {"PERFORMANCE_DISTRIBUTION_MAXIMUM",
                                                        "PERFORMANCE_DISTRIBUTION_MINIMUM"}
    assert refused["problems"][0]["field"] == "rating"
    _post(client, f"/me/performance-plans/{second.hex}/rating", tokens["atasan"],
          {"work_result": "BELOW", "behaviour": "AS_EXPECTED"})
    units = client.get(f"/api/v1/unit-performance?year={TODAY.year}", headers=tokens["hr"]).json
    assert units is not None and units[0]["ratings"] == {"BAIK": 1, "BUTUH_PERBAIKAN": 1}

    # The objection goes to the rater's superior, who may only keep the pattern.
    _post(client, f"/me/performance-plans/{second.hex}/objection", tokens["staf2"],
          {"reason": "Bukti capaian belum dipertimbangkan."})
    _post(client, f"/me/performance-plans/{second.hex}/objection-decision", tokens["atasan"],
          {"outcome": "DISMISSED", "reason": "x"}, 404)
    waiting = client.get("/api/v1/me/performance-objections", headers=tokens["kabid"]).json
    assert waiting is not None and [(p["id"], p["reason"]) for p in waiting] == [
        (second.hex, "Bukti capaian belum dipertimbangkan.")]
    for other in ("atasan", "staf2"):  # the rater and the employee do not decide it
        assert client.get("/api/v1/me/performance-objections",
                          headers=tokens[other]).json == []
    _post(client, f"/me/performance-plans/{second.hex}/objection-decision", tokens["kabid"],
          {"outcome": "DISMISSED", "reason": "Penilaian sesuai bukti."})
    assert service.get_employee(chain.staff[1]).state.appraisals[TODAY.year].value == \
        "BUTUH_PERBAIKAN"


def test_the_openapi_document_lists_the_performance_operations(app: Flask) -> None:
    document = app.test_client().get("/api/v1/openapi.json").json
    assert document is not None
    paths = document["paths"]
    assert set(paths["/api/v1/me/performance-plans"]) == {"get", "post"}
    assert {"get", "post"} <= set(paths["/api/v1/me/performance-plans/{plan_id}/feedback"])
    assert "post" in paths["/api/v1/me/performance-plans/{plan_id}/{step}"]
    assert set(paths["/api/v1/unit-performance"]) == {"get", "post"}
    assert "text" not in document["components"]["schemas"]["Plan"]["properties"]


def test_bad_bodies_are_told_by_field_and_write_nothing(
        app: Flask, setting: dict[str, Any]) -> None:
    client, tokens = app.test_client(), setting["tokens"]
    before = count_events(get_service(app))
    bad = _post(client, "/me/performance-plans", tokens["staf"],
                {"year": "x", "results": [{"text": 1}]}, 422)
    assert {"year", "results"} <= set(bad["errors"]["json"])
    refused = _post(client, "/me/performance-plans", tokens["staf"],
                    {"year": 2020, "superior_id": None, "results": []}, 422)
    assert {p["rule"] for p in refused["problems"]} >= {"PERFORMANCE_YEAR_BEFORE_CYCLE",
                                                        "PERFORMANCE_RESULTS_REQUIRED"}
    refused = _post(client, "/unit-performance", tokens["hr"],
                    {"agency_id": setting["org"].agency_id.hex, "year": TODAY.year,
                     "predicate": "BAIK", "staff_count": 0, "ikm": 5}, 422)
    assert {p["field"] for p in refused["problems"]} == {"staff_count", "ikm"}
    assert count_events(get_service(app)) == before


def test_hr_sets_and_reads_predicates_only_in_its_scope(
        app: Flask, setting: dict[str, Any]) -> None:
    client, org = app.test_client(), setting["org"]
    foreign_agency, _unit = org.foreign_agency()
    body = {"agency_id": foreign_agency.hex, "year": TODAY.year, "predicate": "BAIK",
            "staff_count": 3}
    _post(client, "/unit-performance", setting["tokens"]["hr"], body, 404)
    _post(client, "/unit-performance", setting["tokens"]["hr"],
          {**body, "agency_id": org.agency_id.hex})
    store = get_accounts(app)
    auditor = store.add(username="auditor.contoh", password_hash="x", role=Role.AUDITOR)
    headers = {"Authorization": f"Bearer {store.create_token(auditor.id, 'tests')[1]}"}
    _post(client, "/unit-performance", headers, {**body, "agency_id": org.agency_id.hex},
          403)
    assert [u["predicate"] for u in client.get("/api/v1/unit-performance",
                                               headers=headers).json or []] == ["BAIK"]
    assert client.get("/api/v1/unit-performance",
                      headers=setting["tokens"]["staf"]).status_code == 403
