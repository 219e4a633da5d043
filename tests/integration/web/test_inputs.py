"""Numbers and dates in URLs and forms never make a 500: the public log's consistency proof,
the auditors' pages, the roster's pages, an action form's version (web/inputs.py)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projections.stores.backend import count_events
from tests.support.forms import form_fields
from tests.support.staff import demo_places, login, text
from web import get_service
from web.accounts.store import get_accounts

# Texts that look like numbers to `str.isdigit` or `int` but are not 0-9, or overflow a column.
TRICKY = ("²", "٣", "１", "9" * 25, str(2**63), "-1", " ", "1e3", "\x00")
QUERY_VALUES = st.sampled_from(TRICKY) | st.text(max_size=30) | st.integers().map(str)


def _status(client: FlaskClient, url: str) -> int:
    response = client.get(url)
    assert response.status_code < 500, (url, text(response)[:300])
    return response.status_code


class TestExamples:
    def test_the_public_consistency_proof_refuses_a_superscript_size_with_400(
            self, demo_app: Flask) -> None:
        response = demo_app.test_client().get("/log/consistency?first=²&second=1")
        assert response.status_code == 400 and response.json is not None
        assert response.json["field"] == "first,second"

    def test_a_nul_in_a_path_or_query_is_400_on_every_page(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "auditor")
        user_id = get_accounts(demo_app).by_username("hr.salatiga").id  # type: ignore[union-attr]
        for url in ("/pemda/salatiga%00", "/?lang=%00", f"/audit/users/{user_id}?role=%00",
                    "/hr/employees?q=a%00b", "/audit/?q=%00", "/api/v1/employees?q=%00"):
            assert client.get(url).status_code == 400, url
        assert client.get("/api/v1/employees?q=%00").is_json

    def test_auditor_pages_refuse_a_strange_position_or_page(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "auditor")
        user_id = get_accounts(demo_app).by_username("hr.salatiga").id  # type: ignore[union-attr]
        employee = demo_places(demo_app)["employeeA"]
        assert _status(client, "/audit/log/proof?position=²") == 422
        assert _status(client, f"/audit/log/proof?employee={employee}&version=²") == 422
        assert _status(client, f"/audit/log/proof?employee={employee}&version={2**63}") == 422
        for huge in (str(2**63), "9" * 30):
            assert _status(client, f"/audit/users/{user_id}?page={huge}") == 200
            assert _status(client, f"/hr/employees?page={huge}") == 200

    @pytest.mark.parametrize("version", ["²", str(2**63), "٣"])
    def test_a_form_with_a_strange_version_asks_to_open_it_again(
            self, demo_app: Flask, version: str) -> None:
        employee = demo_places(demo_app)["employeeA"]
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        url = f"/hr/employees/{employee}/actions/pelatihan"
        before = count_events(get_service(demo_app))
        response = client.post(url, data={
            **form_fields(client, url), "version": version, "step": "review",
            "training_type": "TECHNICAL", "title": "Kursus", "hours_jp": "2",
            "effective_on": "2020-01-01"})
        assert response.status_code == 422
        assert "buka lagi" in text(response).lower() or "open it again" in text(response)
        assert count_events(get_service(demo_app)) == before


class TestAnyQuery:
    """Generated query values on every page that reads a number or a date from its URL."""

    def test_public_and_auditor_pages_answer_below_500(self, demo_app: Flask) -> None:
        public = demo_app.test_client()
        auditor = demo_app.test_client()
        login(auditor, "auditor")
        user_id = get_accounts(demo_app).by_username("hr.salatiga").id  # type: ignore[union-attr]
        places = demo_places(demo_app)
        pages = [
            (public, "/log/consistency", ("first", "second")),
            (auditor, "/audit/log/proof", ("position",)),
            (auditor, "/audit/log/proof", ("employee", "version")),
            (auditor, f"/audit/users/{user_id}", ("page", "kind", "role")),
            (auditor, f"/audit/employees/{places['employeeA']}", ("on", "known_at")),
            (auditor, f"/audit/agencies/{places['agencyA']}/diff", ("from", "to")),
            (auditor, "/audit/", ("q",)),
            (auditor, "/hr/employees", ("page", "sort", "status", "q")),
        ]

        @settings(max_examples=60, deadline=None, database=None, derandomize=True,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(st.sampled_from(pages), st.data())
        def run(page: tuple[FlaskClient, str, tuple[str, ...]], data: st.DataObject) -> None:
            client, path, names = page
            query = {name: data.draw(QUERY_VALUES) for name in names}
            if "employee" in query and data.draw(st.booleans()):
                query["employee"] = places["employeeA"]
            _status(client, f"{path}?{urlencode(query)}")

        run()
