"""The API's TPP figures: a staff token reads a government's public figures exactly as the public
page shows them, hidden ones as null; the motivation report answers the administrator for their
own government only, any auditor for any, and nobody else; both are in the OpenAPI document."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask

from tests.integration.web.api.test_tpp import _get, _token
from tests.integration.web.public.test_tpp import _table


def test_the_public_figures_through_the_api_are_the_pages(demo_app: Flask) -> None:
    client = demo_app.test_client()
    figures = _get(client, "/api/v1/tpp-figures/salatiga", _token(demo_app, "hr.kupang"))
    month = figures["month"]
    assert re.fullmatch(r"\d{4}-\d{2}", month)
    page = _table(client.get(f"/pemda/salatiga/tpp?bulan={month}").get_data(as_text=True))
    for agency in figures["agencies"]:
        row = page[agency["agency_id"]]
        assert (row["net"], row["year_net"]) == (agency["net"], agency["year_net"])
        assert {k: row[k] for k in agency["cut"]} == agency["cut"]
    assert page["_total"]["net"] == figures["net"]
    assert any(a["net"] is None or None in a["cut"].values() for a in figures["agencies"])
    nowhere = client.get("/api/v1/tpp-figures/nowhere", headers=_token(demo_app, "auditor"))
    assert nowhere.status_code == 404
    bad = client.get("/api/v1/tpp-figures/salatiga?month=2026-13",
                     headers=_token(demo_app, "auditor"))
    assert bad.status_code == 422
    assert client.get("/api/v1/tpp-figures/salatiga").status_code == 401


def test_the_motivation_report_is_the_administrators_and_the_auditors(
        demo_app: Flask) -> None:
    client = demo_app.test_client()
    own: dict[str, Any] = _get(client, "/api/v1/tpp-motivation",
                               _token(demo_app, "hradmin.kupang"))
    assert own["government"] == "kupang" and own["rows"]
    total = [r for r in own["rows"] if r["agency_id"] == "_total"]
    assert total and all(0 <= r["performance_share"] <= 1 for r in total)
    other = client.get("/api/v1/tpp-motivation?government=salatiga",
                       headers=_token(demo_app, "hradmin.kupang"))
    assert other.status_code == 404
    officer = client.get("/api/v1/tpp-motivation", headers=_token(demo_app, "hr.kupang"))
    assert officer.status_code == 403
    audited = _get(client, "/api/v1/tpp-motivation?government=salatiga",
                   _token(demo_app, "auditor"))
    assert audited["government"] == "salatiga"
    document = client.get("/api/v1/openapi.json").get_json()
    assert document is not None
    paths = document["paths"]
    assert {"/api/v1/tpp-figures/{government}", "/api/v1/tpp-motivation"} <= set(paths)
