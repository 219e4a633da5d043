"""Bad input to the API is a 4xx JSON problem and writes nothing: bodies too large or too deep,
numbers beyond any column, choices of only spaces (web/api/limits.py, web/inputs.py)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from projections.stores.backend import count_events
from tests.support.dates import REAL_TODAY
from tests.support.staff import demo_places
from web import get_service
from web.accounts.store import get_accounts
from web.api.limits import MAX_BODY_BYTES, MAX_JSON_DEPTH, json_depth


class Api:
    """A client with a real token of hradmin.salatiga, and one of the officer's employees."""

    def __init__(self, app: Flask) -> None:
        store = get_accounts(app)
        account = store.by_username("hradmin.salatiga")
        assert account is not None
        self.headers = {"Authorization": f"Bearer {store.create_token(account.id, 't')[1]}"}
        self.client: FlaskClient = app.test_client()
        self.service = get_service(app)
        self.employee = demo_places(app)["employeeA"]

    @property
    def version(self) -> int:
        return self.service.get_employee(UUID(self.employee)).version

    def post(self, action: str, **kwargs: Any) -> Any:
        return self.client.post(f"/api/v1/employees/{self.employee}/{action}",
                                headers=self.headers, **kwargs)


@pytest.fixture
def api(demo_app: Flask) -> Api:
    return Api(demo_app)


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    body = response.json
    assert body is not None and body["code"] == status
    return dict(body)


class TestBodies:
    def test_a_body_over_the_limit_is_413_unread(self, api: Api) -> None:
        before = count_events(api.service)
        big = b'{"version": 1, "title": "' + b"x" * MAX_BODY_BYTES + b'"}'
        _problem(api.post("training", data=big, content_type="application/json"), 413)
        assert count_events(api.service) == before

    def test_json_nested_50000_deep_is_400(self, api: Api) -> None:
        deep = "[" * 50_000 + "]" * 50_000
        body = _problem(api.post("training", data=deep, content_type="application/json"), 400)
        assert str(MAX_JSON_DEPTH) in body["message"]

    def test_brackets_inside_strings_do_not_count(self) -> None:
        assert json_depth(b'{"a": "[[[[{{{{\\"]]]]", "b": [[1]]}') == 3
        assert json_depth(b"[" * 40 + b"]" * 40) == 40


class TestNumbersAndChoices:
    @pytest.mark.parametrize("version", [2**63, 2**63 + 1, 10**30])
    def test_a_version_beyond_any_column_is_422(self, api: Api, version: int) -> None:
        body = {"version": version, "effective_on": REAL_TODAY.isoformat(),
                "training_type": "TECHNICAL", "title": "x", "hours_jp": 2}
        problem = _problem(api.post("training", json=body), 422)
        assert "version" in problem["errors"]["json"]

    @pytest.mark.parametrize(("action", "body"), [
        ("training", {"training_type": "TECHNICAL", "title": "Kursus", "hours_jp": 2,
                      "topics": [" "]}),
        ("appraisal", {"year": REAL_TODAY.year - 1, "work_result": "AS_EXPECTED",
                       "behaviour": "AS_EXPECTED", "rater_id": "  "}),
        ("personal-data-correction", {"sex": " ", "contact": "0812", "reason": "Typo"}),
    ])
    def test_a_choice_of_only_spaces_is_no_choice(self, api: Api, action: str,
                                                  body: dict[str, Any]) -> None:
        response = api.post(f"{action}?dry_run=true", json={
            "version": api.version, "effective_on": REAL_TODAY.isoformat(), **body})
        assert response.status_code in (200, 422), response.get_data(as_text=True)[:300]
