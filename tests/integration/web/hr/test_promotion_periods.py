"""A promotion period tried as BKPSDM runs it, on the demo: the administrator opens the period
whose proposal window is open today, the officer of Salatiga's education agency proposes three
employees from the list, the administrator verifies two and returns one with a reason, then
records the batch; refusals show at their fields, and other governments do not see it."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date
from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from openpyxl import load_workbook

from domain.promotion_period import promotion_dates
from domain.promotion_round import EntryStatus
from domain.values import (
    Actor,
    Role,
)
from projections.views import hr_queries
from tests.support.dates import REAL_TODAY
from tests.support.forms import form_errors, form_fields, record
from tests.support.pdf import page_count, pdf_text
from tests.support.promotions import (
    agency_scope,
    current_period,
    due_employees,
    tmt_after,
    tmt_open_today,
)
from tests.support.staff import login, text
from web import catch_up_views, get_service
from web.accounts.passwords import hash_password
from web.accounts.store import get_accounts

HR = Actor("hr.salatiga", Role.HR_OFFICER)


def _open(app: Flask, tmt_on: date) -> str:
    client = app.test_client()
    login(client, "hradmin.salatiga")
    record(client, "/hr/kenaikan-pangkat/baru", {"tmt_on": tmt_on.isoformat(),
                                                 "effective_on": REAL_TODAY.isoformat()})
    page = text(client.get("/hr/kenaikan-pangkat"))
    found = re.search(r'data-period="([0-9a-f]{32})"', page)
    assert found, page
    return found.group(1)


def _post(client: Any, url: str, data: dict[str, Any], step: str = "review") -> Any:
    fields = {**form_fields(client, url), "effective_on": REAL_TODAY.isoformat(), **data}
    return client.post(url, data={**fields, "step": step})


def _decree_numbers(result: str) -> dict[str, str]:
    """The decree number of each recorded row of a batch's result page, by employee id."""
    return dict(re.findall(r'data-result="([0-9a-f]{32})" data-recorded="1">\s*<td>[^<]*</td>'
                           r'\s*<td>(\S+) ', result))


def test_the_administrator_opens_a_period_of_the_calendar(demo_app: Flask) -> None:
    tmt_on = tmt_after(tmt_open_today())  # the current one is open in the demo already

    period_id = _open(demo_app, tmt_on)

    period = get_service(demo_app).promotion_periods.get(UUID(hex=period_id))
    assert period.tmt_on == tmt_on and not period.entries


def test_a_period_from_proposal_to_the_batch_of_decrees(demo_app: Flask) -> None:
    tmt_on = tmt_open_today()
    period_id = current_period(demo_app)
    chosen = due_employees(demo_app, tmt_on, 3)
    base = f"/hr/kenaikan-pangkat/{period_id}"

    officer = demo_app.test_client()
    login(officer, "hr.salatiga")
    listing = text(officer.get(base))
    assert "Daftar nominatif" in listing or "Eligibility list" in listing
    assert 'data-standing="NOT_ELIGIBLE"' in listing  # with the condition each one misses
    assert "Peraturan BKN 4/2025: tanggal 1 setiap bulan" in listing  # not the stored English
    assert all(f'data-line="{e.hex}"' in listing for e in chosen)
    listed = officer.get(f"{base}/daftar-nominatif.csv")
    assert listed.status_code == 200 and listed.mimetype == "text/csv"
    header, *rows = list(csv.reader(io.StringIO(text(listed))))
    assert header[:4] == ["NIP", "Nama", "Golongan", "Golongan usulan"]
    assert header[-2:] == ["Kedudukan", "Syarat yang belum dipenuhi"]
    assert {row[1] for row in rows if row[-2] == "Memenuhi syarat"} >= {
        "Pegawai Usulan A", "Pegawai Usulan B", "Pegawai Usulan C"}
    assert all(row[-1] for row in rows if row[-2] == "Belum memenuhi syarat")
    record(officer, f"{base}/usul", {"employee_ids": [e.hex for e in chosen],
                                     "effective_on": REAL_TODAY.isoformat()})
    assert officer.get(f"{base}/verifikasi").status_code == 403  # the administrator's step

    admin = demo_app.test_client()
    login(admin, "hradmin.salatiga")
    no_reason = _post(admin, f"{base}/verifikasi", {"employee_id": chosen[2].hex,
                                                    "decision": "return", "reason": ""})
    assert no_reason.status_code == 422
    assert re.search(r'data-field="reason">.*?field-error', text(no_reason), re.S)
    for employee_id in chosen[:2]:
        record(admin, f"{base}/verifikasi", {"employee_id": employee_id.hex,
                                             "decision": "accept", "credit_points": "",
                                             "effective_on": REAL_TODAY.isoformat()})
    record(admin, f"{base}/verifikasi", {"employee_id": chosen[2].hex, "decision": "return",
                                         "reason": "SKP tahun lalu belum dilampirkan",
                                         "effective_on": REAL_TODAY.isoformat()})
    fields = {**form_fields(admin, f"{base}/tetapkan"), "effective_on": REAL_TODAY.isoformat(),
              "decree_pattern": "800/{n}/BKPSDM/2026", "first_number": "41"}
    assert admin.post(f"{base}/tetapkan", data={**fields, "step": "review"}).status_code == 200
    done = admin.post(f"{base}/tetapkan", data={**fields, "step": "confirm"})
    assert done.status_code == 200, form_errors(text(done))
    result = text(done)
    assert "Angkatan telah ditetapkan." in result  # not "Tetapkan satu angkatan telah dicatat."
    # The demo's accepted proposals are in the batch too, numbered first (proposed first).
    numbers = _decree_numbers(result)
    first = int(numbers[chosen[0].hex].split("/")[1])
    assert numbers[chosen[1].hex] == f"800/{first + 1:03d}/BKPSDM/2026"
    assert chosen[2].hex not in numbers and "800/041/BKPSDM/2026" in numbers.values()
    link = re.search(r'href="([^"]+)" data-batch-pdf', result)
    assert link is not None  # the batch's decrees, one page each
    decrees = admin.get(html.unescape(link.group(1)))
    assert decrees.status_code == 200 and decrees.mimetype == "application/pdf"
    assert page_count(decrees.data) == len(numbers)
    assert all(number in pdf_text(decrees.data) for number in numbers.values())
    service = get_service(demo_app)
    for employee_id in chosen[:2]:
        assert service.get_employee(employee_id).state_on(tmt_on).grade is not None
    page = text(officer.get(base))
    assert all(numbers[e.hex] in page for e in chosen[:2])
    assert "SKP tahun lalu belum dilampirkan" in page  # the officer reads why it came back
    employee = demo_app.test_client()
    agency = agency_scope(demo_app)
    get_accounts(demo_app).add(
        username="pegawai.usulan", password_hash=hash_password("kata-sandi-usulan-1", fast=True),
        role=Role.EMPLOYEE, government_id=agency.government_id, agency_id=agency.agency_id,
        employee_id=chosen[0].hex)
    assert login(employee, "pegawai.usulan", "kata-sandi-usulan-1").status_code == 302
    desk = text(employee.get("/saya"))
    assert f'data-promotion="{period_id}"' in desk and numbers[chosen[0].hex] in desk
    results = officer.get(f"{base}/hasil.xlsx")
    assert results.status_code == 200
    sheet = load_workbook(io.BytesIO(results.get_data())).active
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert table[0][:6] == ["NIP", "Nama", "Golongan", "Golongan usulan",
                            "Jenis kenaikan pangkat", "Status"]
    assert sorted((row[1], row[5], row[6]) for row in table[1:]
                  if str(row[1]).startswith("Pegawai Usulan")) == [
        ("Pegawai Usulan A", "Dicatat", numbers[chosen[0].hex]),
        ("Pegawai Usulan B", "Dicatat", numbers[chosen[1].hex]),
        ("Pegawai Usulan C", "Dikembalikan", None)]


def test_a_bad_pattern_is_refused_at_its_field_and_records_nothing(demo_app: Flask) -> None:
    period_id = current_period(demo_app)
    admin = demo_app.test_client()
    login(admin, "hradmin.salatiga")

    refused = _post(admin, f"/hr/kenaikan-pangkat/{period_id}/tetapkan",
                    {"decree_pattern": "800/BKPSDM/2026", "first_number": "1"})

    assert refused.status_code == 422
    assert re.search(r'data-field="decree_pattern">.*?field-error', text(refused), re.S)


@pytest.mark.parametrize("who", ["hr.kupang", "hradmin.kupang"])
def test_another_governments_staff_do_not_see_the_period(demo_app: Flask, who: str) -> None:
    period_id = current_period(demo_app)
    client = demo_app.test_client()
    login(client, who)

    assert client.get(f"/hr/kenaikan-pangkat/{period_id}").status_code == 404
    assert client.get(f"/hr/kenaikan-pangkat/{period_id}/usul").status_code == 404
    assert period_id not in text(client.get("/hr/kenaikan-pangkat"))
    for export in ("daftar-nominatif.csv", "hasil.xlsx"):
        assert client.get(f"/hr/kenaikan-pangkat/{period_id}/{export}").status_code == 404


def test_a_past_periods_decrees_print_in_one_pdf_for_each_reader_in_scope(
        demo_app: Flask) -> None:
    service, projections = get_service(demo_app), catch_up_views(demo_app)
    government_id = hr_queries.government_by_code(projections, "salatiga")
    agency = agency_scope(demo_app)
    periods = [service.promotion_periods.find(UUID(str(government_id)), row_tmt)
               for row_tmt in _past_tmts()]
    period = max((p for p in periods if p is not None and p.is_closed),
                 key=lambda p: len(p.entries_in(EntryStatus.RECORDED)))
    recorded = period.entries_in(EntryStatus.RECORDED)
    assert recorded, "the demo's past periods record promotions"
    officers = sum(  # proposed from the officer's agency and still in it
        e.agency_id.hex == agency.agency_id == _agency_now(demo_app, e) for e in recorded)
    url = f"/hr/kenaikan-pangkat/{period.id.hex}/sk.pdf"
    pages = {}
    for who in ("hradmin.salatiga", "hr.salatiga", "auditor", "hr.kupang", "hradmin.kupang"):
        client = demo_app.test_client()
        login(client, who)
        response = client.get(url)
        pages[who] = page_count(response.data) if response.status_code == 200 else 404
    one = demo_app.test_client()
    login(one, "hradmin.salatiga")
    first = one.get(f"{url}?pegawai={recorded[0].employee_id.hex}")

    assert pages == {"hradmin.salatiga": len(recorded), "auditor": len(recorded),
                     "hr.salatiga": officers or 404,
                     "hr.kupang": 404, "hradmin.kupang": 404}
    assert page_count(first.data) == 1
    assert recorded[0].decree is not None and recorded[0].decree.number in pdf_text(first.data)


def _agency_now(app: Flask, entry: Any) -> str | None:
    row = hr_queries.employee_row(catch_up_views(app), entry.employee_id.hex)
    return None if row is None else str(row["agency_id"])


def _past_tmts() -> list[date]:
    """The TMTs of the demo's past periods, the latest first."""
    return [p.tmt_on for p in reversed(promotion_dates(
        date(REAL_TODAY.year - 2, REAL_TODAY.month, 1), REAL_TODAY))]
