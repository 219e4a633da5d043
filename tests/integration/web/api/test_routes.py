"""The JSON API: tokens, the same scopes as the pages, JSON errors, and a fuzz run."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.test import TestResponse

from domain.employee import Employee
from domain.values import Grade, Role
from projections.stores.backend import count_events
from tests.support.dates import REAL_TODAY
from tests.support.staff import csrf_token, demo_places, login, text
from web import get_service
from web.accounts.store import get_accounts
from web.hr.actions import ACTIONS
from web.hr.corrections import TIMELINE_ACTIONS


def _token(app: Flask, username: str) -> dict[str, str]:
    store = get_accounts(app)
    account = store.by_username(username)
    assert account is not None
    _, secret = store.create_token(account.id, "tests")
    return {"Authorization": f"Bearer {secret}"}


def _account_tables(app: Flask) -> str:
    """Every row of the account store's tables, as text, on either backend."""
    store = get_accounts(app)
    rows = []
    with store.db.transaction() as sql:
        for table in (store.accounts, store.tokens, store.settings, store.failures):
            sql.execute(f"SELECT * FROM {table}")
            rows += sql.fetchall()
    return repr(rows)


def _training(version: int, **changes: Any) -> dict[str, Any]:
    return {"version": version, "effective_on": REAL_TODAY.isoformat(),
            "training_type": "TECHNICAL", "title": "Pelatihan lewat API", "hours_jp": 4,
            "topics": ["DIGITAL"], **changes}


class TestTokens:
    def test_no_token_a_wrong_one_or_a_session_cookie_is_401(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        assert client.get("/api/v1/employees").status_code == 401
        wrong = client.get("/api/v1/employees", headers={"Authorization": "Bearer rkj_nope"})
        assert wrong.status_code == 401 and wrong.json and wrong.json["code"] == 401
        login(client, "hr.salatiga")  # a browser session is not an API credential
        assert client.get("/api/v1/employees").status_code == 401

    def test_a_revoked_token_or_disabled_account_stops_working(self, demo_app: Flask) -> None:
        store = get_accounts(demo_app)
        account = store.by_username("hr.kupang")
        assert account is not None
        token_id, secret = store.create_token(account.id, "x")
        headers = {"Authorization": f"Bearer {secret}"}
        client = demo_app.test_client()
        assert client.get("/api/v1/employees", headers=headers).status_code == 200
        store.revoke_token(token_id)
        assert client.get("/api/v1/employees", headers=headers).status_code == 401
        _, secret = store.create_token(account.id, "y")
        store.set_active(account.id, False)
        assert client.get("/api/v1/employees",
                          headers={"Authorization": f"Bearer {secret}"}).status_code == 401

    def test_tokens_are_stored_hashed(self, demo_app: Flask) -> None:
        headers = _token(demo_app, "auditor")
        secret = headers["Authorization"].split()[1]
        stored = _account_tables(demo_app)
        # The rows read hold the token (by its hash), so the secret would be seen if kept.
        assert hashlib.sha256(secret.encode()).hexdigest() in stored
        assert secret not in stored

    def test_the_cli_and_the_admin_page_create_and_revoke_tokens(
            self, demo_app: Flask) -> None:
        result = demo_app.test_cli_runner().invoke(args=["users", "token", "auditor"])
        assert result.exit_code == 0, result.output
        token_id, secret = result.output.split()[1], result.output.split()[4]
        client = demo_app.test_client()
        headers = {"Authorization": f"Bearer {secret}"}
        assert client.get("/api/v1/employees", headers=headers).status_code == 200
        login(client, "admin")
        page = text(client.get("/admin/users"))
        assert f'data-testid="token-{token_id}"' in page
        revoked = client.post(f"/admin/tokens/{token_id}/revoke",
                              data={"csrf_token": csrf_token(page)})
        assert revoked.status_code == 302
        assert client.get("/api/v1/employees", headers=headers).status_code == 401


# role -> expected status of: list, read A, read C, record in A, record in C
API_MATRIX = {
    "hr.salatiga": (200, 200, 404, 201, 404),
    "hradmin.salatiga": (200, 200, 404, 201, 404),
    "hr.kupang": (200, 404, 200, 404, 201),
    "auditor": (200, 200, 200, 403, 403),
    "admin": (403, 403, 403, 403, 403),
    "pegawai.salatiga": (403, 403, 403, 403, 403),  # their own record is /api/v1/me only
}


class TestApiAccess:
    @pytest.mark.parametrize("username", list(API_MATRIX))
    def test_every_operation_allows_or_denies_by_role_and_scope(
            self, demo_app: Flask, username: str) -> None:
        ids = demo_places(demo_app)
        client, headers = demo_app.test_client(), _token(demo_app, username)
        service = get_service(demo_app)

        def record(key: str) -> int:
            employee_id = ids["employee" + key]
            version = service.get_employee(__import__("uuid").UUID(employee_id)).version
            return client.post(f"/api/v1/employees/{employee_id}/training", headers=headers,
                               json=_training(version)).status_code

        observed = (client.get("/api/v1/employees", headers=headers).status_code,
                    client.get(f"/api/v1/employees/{ids['employeeA']}",
                               headers=headers).status_code,
                    client.get(f"/api/v1/employees/{ids['employeeC']}",
                               headers=headers).status_code,
                    record("A"), record("C"))
        assert observed == API_MATRIX[username]

    def test_the_roster_lists_only_the_officers_agency(self, demo_app: Flask) -> None:
        ids = demo_places(demo_app)
        client, headers = demo_app.test_client(), _token(demo_app, "hr.salatiga")
        body = client.get("/api/v1/employees?status=all&per_page=200", headers=headers).json
        assert body is not None and body["total"] == len(body["items"]) > 0
        assert {item["agency_id"] for item in body["items"]} == {ids["agencyA"]}
        assert client.get("/api/v1/employees?per_page=1000", headers=headers).status_code == 422


class TestRecording:
    def test_an_action_is_recorded_as_the_tokens_user_with_the_same_rules_as_the_form(
            self, demo_app: Flask) -> None:
        ids = demo_places(demo_app)
        client, headers = demo_app.test_client(), _token(demo_app, "hr.salatiga")
        employee = client.get(f"/api/v1/employees/{ids['employeeA']}", headers=headers).json
        assert employee is not None and "training" in employee["actions"]
        url = f"/api/v1/employees/{ids['employeeA']}/training"
        before = count_events(get_service(demo_app))

        dry = client.post(url + "?dry_run=true", headers=headers,
                          json=_training(employee["version"]))
        assert dry.status_code == 200 and dry.json and dry.json["dry_run"] is True
        assert count_events(get_service(demo_app)) == before

        refused = client.post(url, headers=headers,
                              json=_training(employee["version"], hours_jp=0.25))
        assert refused.status_code == 422 and refused.json
        assert "hours_jp" in refused.json["errors"]["json"]
        unknown = client.post(url, headers=headers,
                              json=_training(employee["version"], salary=1))
        assert unknown.status_code == 422

        done = client.post(url, headers=headers, json=_training(employee["version"]))
        assert done.status_code == 201 and done.json
        assert done.json["version"] == employee["version"] + 1
        assert count_events(get_service(demo_app)) == before + 1
        last = list(get_service(demo_app).events.get(
            __import__("uuid").UUID(ids["employeeA"])))[-1]
        officer = get_accounts(demo_app).by_username("hr.salatiga")
        assert isinstance(last, Employee.TrainingCompleted) and officer is not None
        assert (last.actor.user_id, last.actor.role) == (officer.id, Role.HR_OFFICER)

        stale = client.post(url, headers=headers, json=_training(employee["version"]))
        assert stale.status_code == 409 and stale.json
        assert [c["kind"] for c in stale.json["errors"]["changes"]] == ["TrainingCompleted"]
        assert count_events(get_service(demo_app)) == before + 1

    def test_domain_messages_come_at_their_field_in_the_chosen_language(
            self, demo_app: Flask) -> None:
        ids = demo_places(demo_app)
        client, headers = demo_app.test_client(), _token(demo_app, "hr.salatiga")
        employee = client.get(f"/api/v1/employees/{ids['employeeA']}", headers=headers).json
        assert employee is not None
        response = client.post(f"/api/v1/employees/{ids['employeeA']}/training?lang=en",
                               headers=headers, json=_training(employee["version"],
                                                               training_type="LATSAR"))
        assert response.status_code == 422 and response.json
        assert "training_type" in response.json["errors"]["json"]

    def test_the_openapi_document_lists_every_operation(self, demo_app: Flask) -> None:
        document = demo_app.test_client().get("/api/v1/openapi.json").json
        assert document is not None and document["openapi"].startswith("3.")
        paths = document["paths"]
        for name in ("promotion", "position-assignment", "position-release", "transfer",
                     "training", "appraisal", "penalty", "contract-renewal", "probation",
                     "separation"):
            assert f"/api/v1/employees/{{employee_id}}/{name}" in paths, name
        assert "/api/v1/employees/{employee_id}/entries/{version}/annulment" in paths
        assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=30) | st.dates().map(date.isoformat),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=5)


class TestFuzz:
    """Bodies built from the OpenAPI document's properties, with any JSON values."""

    def test_no_generated_request_gives_a_server_error(self, demo_app: Flask) -> None:
        ids = demo_places(demo_app)
        client: FlaskClient = demo_app.test_client()
        headers = _token(demo_app, "hradmin.salatiga")
        document = client.get("/api/v1/openapi.json").json
        assert document is not None
        operations: list[tuple[str, list[str]]] = []
        for path, item in document["paths"].items():
            post = item.get("post")
            # The employee actions; requests: web/self_service tests; complaints: test_fuzz.py;
            # a scan's upload is multipart (tests/integration/web/hr/test_documents.py)
            if (post and path.startswith("/api/v1/employees/{employee_id}")
                    and "application/json" in post["requestBody"]["content"]):
                ref = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                schema = document["components"]["schemas"][ref.rsplit("/", 1)[-1]]
                operations.append((path, sorted(schema["properties"])))
        assert len(operations) == len(ACTIONS) + len(TIMELINE_ACTIONS) == 13
        before = count_events(get_service(demo_app))
        statuses: list[int] = []

        @settings(max_examples=150, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(st.sampled_from(operations), st.data())
        def run(operation: tuple[str, list[str]], data: st.DataObject) -> None:
            path, names = operation
            body = data.draw(st.fixed_dictionaries(
                {}, optional=dict.fromkeys(names, JSON_VALUES)))
            url = (path.replace("{employee_id}", ids["employeeA"])
                   .replace("{version}", str(data.draw(st.integers(-2, 40)))))
            response = client.post(url, headers=headers, json=body)
            statuses.append(response.status_code)
            assert response.status_code < 500, (url, body, text(response)[:300])
            assert response.is_json

        run()
        assert len(statuses) >= 150
        # Random bodies rarely satisfy every rule; whatever got through was a valid action.
        written = count_events(get_service(demo_app)) - before
        assert (written > 0) == (201 in statuses)


def _pns_with_a_subordinate(client: FlaskClient, headers: dict[str, str]
                            ) -> tuple[dict[str, Any], dict[str, Any]]:
    """An active PNS holding a post, below the top grades, and a pelaksana of the same agency
    (who may not rate them)."""
    rows = client.get("/api/v1/employees?per_page=200", headers=headers).json
    assert rows is not None
    for employee in rows["items"]:
        grade = Grade(employee["grade"])
        following = None if grade.is_pppk else grade.next()
        if employee["status"] != "PNS" or following is None or following.next() is None:
            continue
        for other in rows["items"]:
            if (other["agency_id"] == employee["agency_id"] and other["id"] != employee["id"]
                    and other["position_type"] == "PELAKSANA" and employee["position_type"]):
                return employee, other
    raise AssertionError("the demo has no such pair")


def _post_training(app: Flask, **changes: Any) -> TestResponse:
    """A training for the first employee of hr.salatiga's agency, through the API."""
    ids = demo_places(app)
    client, headers = app.test_client(), _token(app, "hr.salatiga")
    employee = client.get(f"/api/v1/employees/{ids['employeeA']}", headers=headers).json
    assert employee is not None
    return client.post(f"/api/v1/employees/{ids['employeeA']}/training", headers=headers,
                       json=_training(employee["version"], **changes))


class TestRefusalsKeepTheirRule:
    def test_two_grades_up_is_refused_by_the_promotion_rule_with_its_code_and_both_messages(
            self, demo_app: Flask) -> None:
        client, headers = demo_app.test_client(), _token(demo_app, "hradmin.salatiga")
        employee, _other = _pns_with_a_subordinate(client, headers)
        following = Grade(employee["grade"]).next()
        assert following is not None and following.next() is not None
        before = count_events(get_service(demo_app))

        response = client.post(
            f"/api/v1/employees/{employee['id']}/promotion?lang=en", headers=headers,
            json={"version": employee["version"], "effective_on": REAL_TODAY.isoformat(),
                  "kind": "REGULAR", "to_grade": following.next().code,  # type: ignore[union-attr]
                  "legal_number": "823/1/KP", "legal_signed_on": REAL_TODAY.isoformat()})

        assert response.status_code == 422 and response.json is not None
        problem = next(p for p in response.json["problems"] if p["rule"] == "PROMOTION_ONE_STEP")
        assert problem["field"] == "to_grade"
        assert problem["message"] == problem["messages"]["en"]
        assert problem["messages"]["id"] != problem["messages"]["en"]
        assert "Pilihan tidak sah" not in problem["messages"]["id"]
        assert count_events(get_service(demo_app)) == before

    def test_every_refusal_of_a_promotion_is_listed_with_its_rule_field_and_both_messages(
            self, demo_app: Flask) -> None:
        client, headers = demo_app.test_client(), _token(demo_app, "hradmin.salatiga")
        employee, _other = _pns_with_a_subordinate(client, headers)
        following = Grade(employee["grade"]).next()
        assert following is not None and following.next() is not None
        before = count_events(get_service(demo_app))

        response = client.post(
            f"/api/v1/employees/{employee['id']}/promotion", headers=headers,
            json={"version": employee["version"], "effective_on": "2026-10-15",
                  "kind": "REGULAR", "to_grade": following.next().code})  # type: ignore[union-attr]

        assert response.status_code == 422 and response.json is not None
        problems = {p["rule"]: p for p in response.json["problems"]}
        assert {"PROMOTION_ONE_STEP", "PROMOTION_DATE", "LEGAL_BASIS_REQUIRED"} <= set(problems)
        assert problems["PROMOTION_ONE_STEP"]["field"] == "to_grade"
        assert problems["PROMOTION_DATE"]["field"] == "effective_on"
        assert problems["LEGAL_BASIS_REQUIRED"]["field"] == "legal_number"
        assert "1 November 2026" in problems["PROMOTION_DATE"]["messages"]["id"]
        assert "1 November 2026" in problems["PROMOTION_DATE"]["messages"]["en"]
        assert response.json["errors"]["json"]["effective_on"]
        assert count_events(get_service(demo_app)) == before

    def test_a_subordinate_as_rater_is_refused_by_the_rater_rule(self, demo_app: Flask) -> None:
        client, headers = demo_app.test_client(), _token(demo_app, "hradmin.salatiga")
        employee, subordinate = _pns_with_a_subordinate(client, headers)

        response = client.post(
            f"/api/v1/employees/{employee['id']}/appraisal", headers=headers,
            json={"version": employee["version"], "effective_on": REAL_TODAY.isoformat(),
                  "year": REAL_TODAY.year, "work_result": "AS_EXPECTED",
                  "behaviour": "AS_EXPECTED", "rater_id": subordinate["id"]})

        assert response.status_code == 422 and response.json is not None
        (problem,) = response.json["problems"]
        assert (problem["rule"], problem["field"]) == ("RATER_NOT_SUPERIOR", "rater_id")
        assert problem["message"] == problem["messages"]["id"]  # Bahasa Indonesia by default

    @pytest.mark.parametrize(("changes", "rule", "field"), [
        ({"effective_on": "9999-12-31"}, "ACTION_AFTER_TODAY", "effective_on"),
        ({"legal_number": "800/1", "legal_signed_on": "0001-01-01"}, "DATE_BEFORE_1945",
         "legal_signed_on"),
        ({"title": "Literasi\u202eData"}, "TEXT_CHARACTERS_INVALID", "title"),
        ({"legal_number": "800/\u0000/1", "legal_signed_on": "2020-01-02"},
         "TEXT_CHARACTERS_INVALID", "legal_number"),
    ], ids=["training in 9999", "decree in year 1", "bidi override", "NUL"])
    def test_implausible_dates_and_unsafe_text_are_refused_at_their_field(
            self, demo_app: Flask, changes: dict[str, str], rule: str, field: str) -> None:
        before = count_events(get_service(demo_app))

        response = _post_training(demo_app, **changes)

        assert response.status_code == 422 and response.json is not None
        assert [(p["rule"], p["field"]) for p in response.json["problems"]] == [(rule, field)]
        assert count_events(get_service(demo_app)) == before

    def test_a_malformed_value_is_an_input_problem_in_both_languages(
            self, demo_app: Flask) -> None:
        response = _post_training(demo_app, training_type="NOPE")

        assert response.status_code == 422 and response.json is not None
        (problem,) = response.json["problems"]
        assert (problem["rule"], problem["field"]) == ("INPUT_INVALID", "training_type")
        assert problem["messages"] == {"id": "Pilihan tidak sah.",
                                       "en": "Not a valid choice."}

    def test_a_body_of_the_wrong_shape_lists_its_problems_in_both_languages(
            self, demo_app: Flask) -> None:
        response = _post_training(demo_app, hours_jp="banyak", nope=1)

        assert response.status_code == 422 and response.json is not None
        assert sorted((p["rule"], p["field"], p["messages"]["id"], p["messages"]["en"])
                      for p in response.json["problems"]) == [
            ("INPUT_INVALID", "hours_jp", "Harus berupa angka.", "Not a valid number."),
            ("INPUT_INVALID", "nope", "Isian tidak dikenal.", "Unknown field.")]

    def test_the_openapi_document_describes_the_problems(self, demo_app: Flask) -> None:
        document = demo_app.test_client().get("/api/v1/openapi.json").json
        assert document is not None
        schemas = document["components"]["schemas"]
        assert set(schemas["RuleProblem"]["properties"]) == {"rule", "field", "message",
                                                             "messages"}
        assert "problems" in schemas["Problem"]["properties"]
