"""Promotion periods through the API: open, the list, proposals, verification and the batch,
with dry runs that write nothing, every refusal in `problems`, and the same scopes as the
pages."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.test import TestResponse

from projections.stores.backend import count_events
from tests.support.dates import REAL_TODAY
from tests.support.promotions import current_period, due_employees, tmt_after, tmt_open_today
from web import get_service
from web.accounts.store import get_accounts

API = "/api/v1/promotion-periods"


def _json(response: TestResponse) -> Any:
    found = response.get_json()
    assert found is not None, response.status_code
    return found


def _token(app: Flask, username: str) -> dict[str, str]:
    store = get_accounts(app)
    account = store.by_username(username)
    assert account is not None
    return {"Authorization": f"Bearer {store.create_token(account.id, 'tests')[1]}"}


def test_a_period_runs_from_opening_to_the_batch_through_the_api(demo_app: Flask) -> None:
    client = demo_app.test_client()
    admin, officer = _token(demo_app, "hradmin.salatiga"), _token(demo_app, "hr.salatiga")
    tmt_on, next_tmt = tmt_open_today(), tmt_after(tmt_open_today())
    service = get_service(demo_app)

    before = count_events(service)  # the demo opened the current period; open the next
    dry = client.post(f"{API}?dry_run=true", headers=admin,
                      json={"tmt_on": next_tmt.isoformat()})
    assert dry.status_code == 200 and count_events(service) == before
    assert client.post(API, headers=officer,
                       json={"tmt_on": next_tmt.isoformat()}).status_code == 403
    opened = client.post(API, headers=admin, json={"tmt_on": next_tmt.isoformat()})
    assert opened.status_code == 201, opened.get_json()
    next_id = _json(opened)["id"]
    again = client.post(API, headers=admin, json={"tmt_on": tmt_on.isoformat()})
    assert again.status_code == 422
    assert _json(again)["problems"][0]["rule"] == "PROMOTION_PERIOD_ALREADY_OPENED"
    listed = {p["id"]: p["tmt_on"] for p in _json(client.get(API, headers=officer))}
    period_id = current_period(demo_app)
    assert (listed[next_id], listed[period_id]) == (next_tmt.isoformat(), tmt_on.isoformat())

    chosen = due_employees(demo_app, tmt_on, 2)
    lines = {line["employee_id"]: line
             for line in _json(client.get(f"{API}/{period_id}/eligibility", headers=officer))}
    assert all(lines[e.hex]["standing"] == "ELIGIBLE" for e in chosen)
    not_eligible = next(k for k, line in lines.items() if line["standing"] == "NOT_ELIGIBLE")
    assert lines[not_eligible]["missing"][0]["rule"].startswith("PROMOTION_")
    refused = client.post(f"{API}/{period_id}/proposals", headers=officer,
                          json={"employee_ids": [chosen[0].hex, not_eligible]})
    assert refused.status_code == 422
    assert {p["rule"] for p in _json(refused)["problems"]} == {
        m["rule"] for m in lines[not_eligible]["missing"]}
    proposed = client.post(f"{API}/{period_id}/proposals", headers=officer,
                           json={"employee_ids": [e.hex for e in chosen]})
    assert proposed.status_code == 201, proposed.get_json()

    decide = f"{API}/{period_id}/proposals/{{}}/decision"
    assert client.post(decide.format(chosen[0].hex), headers=officer,
                       json={"decision": "accept"}).status_code == 403
    assert client.post(decide.format(chosen[0].hex), headers=admin,
                       json={"decision": "accept"}).status_code == 200
    no_reason = client.post(decide.format(chosen[1].hex), headers=admin,
                            json={"decision": "return"})
    assert no_reason.status_code == 422
    assert _json(no_reason)["problems"][0]["rule"] == "PROMOTION_RETURN_REASON_REQUIRED"
    assert client.post(decide.format(chosen[1].hex), headers=admin,
                       json={"decision": "return", "reason": "PAK belum ada"}
                       ).status_code == 200

    batch = client.post(f"{API}/{period_id}/batch", headers=admin,
                        json={"signed_on": REAL_TODAY.isoformat(),
                              "decree_pattern": "800/{n}/BKPSDM/2026",
                              "employee_ids": [chosen[0].hex]})  # not the demo's accepted
    assert batch.status_code == 200, batch.get_json()
    assert [(r["employee_id"], r["recorded"], r["decree_number"])
            for r in _json(batch)["results"]] == [(chosen[0].hex, True, "800/001/BKPSDM/2026")]
    entries = {e["employee_id"]: e["status"]
               for e in _json(client.get(f"{API}/{period_id}/proposals", headers=officer))}
    assert (entries[chosen[0].hex], entries[chosen[1].hex]) == ("recorded", "returned")
    pending = client.post(f"{API}/{period_id}/close", headers=admin)  # the demo's wait
    assert pending.status_code == 422
    assert _json(pending)["problems"][0]["rule"] == "PROMOTION_PERIOD_PENDING"
    assert client.post(f"{API}/{next_id}/close", headers=admin).status_code == 200


def test_another_government_does_not_reach_the_period(demo_app: Flask) -> None:
    client = demo_app.test_client()
    period_id = current_period(demo_app)
    other = _token(demo_app, "hradmin.kupang")

    assert client.get(f"{API}/{period_id}/eligibility", headers=other).status_code == 404
    assert client.post(f"{API}/{period_id}/close", headers=other).status_code == 404
    assert period_id not in str(_json(client.get(API, headers=other)))


def test_the_openapi_document_lists_the_promotion_operations(demo_app: Flask) -> None:
    paths = _json(demo_app.test_client().get("/api/v1/openapi.json"))["paths"]

    for path in (API, f"{API}/{{period_id}}/eligibility", f"{API}/{{period_id}}/proposals",
                 f"{API}/{{period_id}}/proposals/{{employee_id}}/decision",
                 f"{API}/{{period_id}}/batch", f"{API}/{{period_id}}/close"):
        assert path in paths, path
