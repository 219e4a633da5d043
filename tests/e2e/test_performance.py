"""The SKP through the browser: an employee drafts and submits the year's plan on the desk,
the superior agrees it and rates it within the unit's predicate; the employee sees the
rating."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from domain.performance_rules import OrganisationPredicate
from domain.values import Role
from tests.builders.performance import Chain
from tests.builders.personnel import Organisation
from tests.e2e.conftest import serve

PASSWORD = "demo"
YEAR = date.today().year


@pytest.fixture(scope="module")
def chain_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A division whose supervisor's plan is agreed and whose predicate is set (Baik, two
    staff), with desk accounts for one staff member and the supervisor."""
    from web import create_app, get_service
    from web.accounts.passwords import hash_password
    from web.accounts.store import get_accounts

    data_dir = Path(tmp_path_factory.mktemp("performance-data"))
    app = create_app({"TESTING": True, "REKAM_DATA_DIR": str(data_dir),
                      "REKAM_FAST_HASHES": "1"})
    org = Organisation.build(get_service(app))
    chain = Chain.build(org, staff=2)
    chain.plan(chain.supervisor, year=YEAR)
    chain.set_division(OrganisationPredicate.BAIK, 2, year=YEAR)
    for username, employee_id in (("pegawai.staf", chain.staff[0]),
                                  ("pegawai.atasan", chain.supervisor)):
        get_accounts(app).add(username=username, role=Role.EMPLOYEE,
                              password_hash=hash_password(PASSWORD, fast=True),
                              government_id=org.government_id.hex,
                              agency_id=org.agency_id.hex, employee_id=employee_id.hex)
    with serve(app) as url:
        yield {"url": url, "chain": chain}


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(base + "/saya")


def test_the_employee_drafts_and_submits_and_the_superior_agrees_and_rates(
        browser: Browser, chain_server: dict[str, Any]) -> None:
    base = chain_server["url"]
    employee = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    superior = browser.new_context().new_page()
    try:
        _log_in(employee, base, "pegawai.staf")
        employee.get_by_role("link", name="Kinerja saya").click()
        form = employee.get_by_test_id("draft-form")
        form.get_by_label("Atasan yang menyetujui dan menilai rencana").select_option(
            chain_server["chain"].supervisor.hex)
        form.get_by_label("Hasil kerja").fill(
            "Terlayaninya usul kenaikan pangkat | Usul diproses dalam 5 hari kerja | 1")
        form.get_by_role("button", name="Susun rencana").click()
        expect(employee.get_by_test_id("plan-status")).to_have_text("Konsep")
        employee.get_by_role("button", name="Ajukan kepada atasan").click()
        expect(employee.get_by_test_id("plan-status")).to_have_text("Diajukan")

        _log_in(superior, base, "pegawai.atasan")
        superior.goto(base + "/saya/kinerja")
        staff_plan = superior.get_by_test_id("staff-plan")
        expect(staff_plan).to_contain_text("Terlayaninya usul kenaikan pangkat")
        staff_plan.get_by_role("button", name="Setujui rencana").click()
        staff_plan = superior.get_by_test_id("staff-plan")
        expect(staff_plan.get_by_test_id("plan-status")).to_have_text("Disetujui atasan")
        staff_plan.get_by_label("Hasil kerja", exact=True).select_option("AS_EXPECTED")
        staff_plan.get_by_label("Perilaku kerja", exact=True).select_option("AS_EXPECTED")
        staff_plan.get_by_role("button", name="Catat penilaian").click()
        expect(superior.get_by_test_id("staff-plan").get_by_test_id("plan-rating")
               ).to_contain_text("Baik")

        employee.reload()
        expect(employee.get_by_test_id("plan-rating")).to_contain_text("Baik")
        expect(employee.get_by_role("heading", name="Ajukan keberatan atas penilaian")
               ).to_be_visible()
    finally:
        employee.context.close()
        superior.context.close()
