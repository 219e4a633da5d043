"""HR administrators keep their government's agencies, units and positions through forms."""

from __future__ import annotations

import re
from datetime import date

from flask import Flask

from projections.views import hr_queries
from tests.support.dates import REAL_TODAY
from tests.support.forms import form_errors, form_fields, record
from tests.support.staff import login, text
from web import catch_up_views


def _agency(app: Flask, government: str = "salatiga", code: str = "disdik") -> str:
    found = hr_queries.agency_by_code(catch_up_views(app), government, code)
    assert found is not None
    return str(found["id"])


def test_an_administrator_adds_a_unit_and_a_position_that_assignments_then_offer(
        demo_app: Flask) -> None:
    agency_id = _agency(demo_app)
    client = demo_app.test_client()
    login(client, "hradmin.salatiga")
    base = f"/hr/agencies/{agency_id}/organisation"
    record(client, f"{base}/unit-baru", {"code": "upt-data", "name": "UPT Data Pendidikan",
                                         "effective_on": REAL_TODAY.isoformat()})
    page = text(client.get(base))
    assert "UPT Data Pendidikan" in page

    taken = client.post(f"{base}/unit-baru", data={
        **form_fields(client, f"{base}/unit-baru"), "code": "upt-data", "name": "Lagi",
        "effective_on": REAL_TODAY.isoformat(), "step": "review"})
    assert taken.status_code == 422
    assert re.search(r'data-field="code">.*?field-error', text(taken), re.S)

    form_page = text(client.get(f"{base}/jabatan-baru"))
    unit = re.search(r'<option value="([0-9a-f]{32})">UPT Data Pendidikan<', form_page)
    assert unit, "the new unit is not offered"
    rows = hr_queries.search_roster(
        catch_up_views(demo_app), hr_queries.Scope(agency_id=agency_id),
        hr_queries.RosterQuery(status="PNS", per_page=200), date.today()).rows
    assert rows, "the demo agency has no PNS"
    grade = rows[0]["grade"]
    record(client, f"{base}/jabatan-baru", {
        "unit_id": unit.group(1), "title": "Analis Data Pendidikan", "position_type":
        "AHLI_PERTAMA", "lowest": grade, "highest": grade, "effective_on": REAL_TODAY.isoformat()})
    positions = hr_queries.agency_positions(catch_up_views(demo_app), agency_id)
    made = [p for p in positions if p["title"] == "Analis Data Pendidikan"]
    assert len(made) == 1 and made[0]["holder_id"] is None
    assert "Analis Data Pendidikan" in text(client.get(base))

    # An employee of that grade in the agency is now offered the new position.
    assignment = text(client.get(
        f"/hr/employees/{rows[0]['employee_id']}/actions/pengangkatan-jabatan"))
    assert made[0]["id"] in assignment


def test_a_range_from_high_to_low_is_refused_at_its_field(
        demo_app: Flask) -> None:
    agency_id = _agency(demo_app)
    client = demo_app.test_client()
    login(client, "hradmin.salatiga")
    url = f"/hr/agencies/{agency_id}/organisation/jabatan-baru"
    page = text(client.get(url))
    unit = re.search(r'name="unit_id"[^>]*>\s*<option value="([0-9a-f]{32})"', page)
    assert unit
    refused = client.post(url, data={
        **form_fields(client, url), "unit_id": unit.group(1), "title": "Jabatan Terbalik",
        "position_type": "AHLI_PERTAMA", "lowest": "IV/a", "highest": "III/a",
        "effective_on": REAL_TODAY.isoformat(), "step": "review"})
    assert refused.status_code == 422, text(refused)[:300]
    assert form_errors(text(refused))


def test_officers_read_the_structure_and_other_governments_do_not_see_it(
        demo_app: Flask) -> None:
    agency_id = _agency(demo_app)
    officer = demo_app.test_client()
    login(officer, "hr.salatiga")
    assert officer.get(f"/hr/agencies/{agency_id}/organisation").status_code == 200
    assert officer.get(f"/hr/agencies/{agency_id}/organisation/unit-baru").status_code == 403
    stranger = demo_app.test_client()
    login(stranger, "hradmin.kupang")
    assert stranger.get(f"/hr/agencies/{agency_id}/organisation").status_code == 404
    assert stranger.get(f"/hr/agencies/{agency_id}/organisation/unit-baru").status_code == 404


def test_an_administrator_establishes_an_agency_of_their_own_government(
        demo_app: Flask) -> None:
    client = demo_app.test_client()
    login(client, "hradmin.salatiga")
    record(client, "/hr/organisation/agencies/new", {
        "code": "dinas-baru", "name": "Dinas Komunikasi Baru",
        "effective_on": REAL_TODAY.isoformat()})
    found = hr_queries.agency_by_code(catch_up_views(demo_app), "salatiga", "dinas-baru")
    assert found is not None
    assert "Dinas Komunikasi Baru" in text(client.get("/hr/"))
