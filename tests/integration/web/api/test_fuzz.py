"""Schemathesis against the API's own OpenAPI document, with a real token on the demo: no
answer is a server error, and every answer's body is as the document says.

A few cases per operation here (REKAM_FUZZ_CASES, default 8, in each of valid and invalid
mode), then each body property set to each edge value; `scripts/fuzz` runs the same with tens
of thousands of cases and prints the counts.
"""

from __future__ import annotations

import os
from uuid import UUID

import pytest
from flask import Flask

from projections.views import hr_queries
from tests.support.dates import REAL_TODAY
from tests.support.fuzz import edge_cases, fuzz_api
from web import catch_up_views, get_service
from web.accounts.store import get_accounts

CASES = int(os.environ.get("REKAM_FUZZ_CASES", "8"))


def test_no_generated_request_is_a_server_error_or_unlike_the_document(
        demo_app: Flask, capsys: pytest.CaptureFixture[str]) -> None:
    demo_app.config["PROPAGATE_EXCEPTIONS"] = False  # a bug answers 500, as in production
    store = get_accounts(demo_app)
    account = store.by_username("hradmin.salatiga")
    assert account is not None and account.government_id is not None
    _token_id, token = store.create_token(account.id, "fuzz")
    roster = hr_queries.search_roster(
        catch_up_views(demo_app), hr_queries.Scope(government_id=account.government_id),
        hr_queries.RosterQuery(status="all", per_page=10), REAL_TODAY)
    employees = [row["employee_id"] for row in roster.rows]

    report = fuzz_api(demo_app, token, employees, CASES)
    edge_cases(demo_app, token, employees[0],
               get_service(demo_app).get_employee(UUID(employees[0])).version, report)

    with capsys.disabled():
        print(f"\nschemathesis: {report.summary()}")
    assert report.cases >= CASES * 2 * 15  # both modes of every operation ran
    assert report.server_errors == []
    assert report.nonconforming == []


def test_an_employees_own_operations_take_no_generated_request_as_a_server_error(
        demo_app: Flask, capsys: pytest.CaptureFixture[str]) -> None:
    """The /me operations with an employee's token: the run above holds an HR token, which
    /me refuses before reading the body, so these bodies reach the forms only here."""
    demo_app.config["PROPAGATE_EXCEPTIONS"] = False
    store = get_accounts(demo_app)
    account = store.by_username("pegawai.salatiga")
    assert account is not None and account.employee_id is not None
    _token_id, token = store.create_token(account.id, "fuzz")

    report = fuzz_api(demo_app, token, [account.employee_id], CASES, under="/api/v1/me")

    with capsys.disabled():
        print(f"\nschemathesis (/me): {report.summary()}")
    assert report.cases >= CASES * 2 * 8  # both modes of the desk's operations ran
    assert report.server_errors == []
    assert report.nonconforming == []
