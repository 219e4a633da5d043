"""The roster's CSV and XLSX: the rows the page lists for the same filters, in the reader's
scope, with Indonesian headers, NIPs kept whole, and each download in the access log."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook

from domain.audit import AccessKind
from tests.support.staff import demo_places, login, text
from web import get_service
from web.hr.roster_export import HEADER


def _client(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def _csv(client: FlaskClient, query: str = "") -> list[list[str]]:
    response = client.get(f"/hr/employees.csv{query}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def _page_total(client: FlaskClient, query: str = "") -> int:
    shown = re.search(r'data-testid="roster-total">([\d.]+)',
                      text(client.get(f"/hr/employees{query}")))
    assert shown
    return int(shown.group(1).replace(".", ""))


def _exports(app: Flask) -> list[Any]:
    service = get_service(app)
    events = [service.mapper.to_domain_event(n) for n in service.recorder.select_notifications(
        1, 10_000_000, topics=("domain.audit:AccessRecord.Recorded",))]
    return [e for e in events if getattr(e, "kind", None) is AccessKind.ROSTER_EXPORTED]


class TestRosterExport:
    def test_the_csv_holds_every_row_the_page_counts_in_scope(self, demo_app: Flask) -> None:
        ids = demo_places(demo_app)
        admin = _client(demo_app, "hradmin.salatiga")
        rows = _csv(admin, "?status=all")
        assert rows[0] == list(HEADER) and rows[0][:2] == ["NIP", "Nama"]
        government = rows[1:]
        assert len(government) == _page_total(admin, "?status=all") > 1
        assert all(re.fullmatch(r"\d{18}", r[0]) for r in government)
        officer = _client(demo_app, "hr.salatiga")
        agency = _csv(officer, "?status=all")[1:]
        assert len(agency) == _page_total(officer, "?status=all") >= 1
        assert len({r[2] for r in agency}) == 1 < len({r[2] for r in government})
        page = text(officer.get(f"/hr/employees/{ids['employeeA']}"))
        assert any(r[0] in page and r[1] in page for r in agency)
        exported = _exports(demo_app)
        assert [len(e.employee_ids) for e in exported] == [len(government), len(agency)]

    def test_filters_apply_and_a_filter_outside_the_scope_is_ignored(
            self, demo_app: Flask) -> None:
        ids = demo_places(demo_app)
        client = _client(demo_app, "hradmin.salatiga")
        everyone = _csv(client, "?status=all")[1:]
        grade_iv = _csv(client, "?status=all&grade_group=IV")[1:]
        assert 0 < len(grade_iv) < len(everyone)
        assert all(r[5].startswith("IV/") for r in grade_iv)
        assert len(grade_iv) == _page_total(client, "?status=all&grade_group=IV")
        outside = _csv(client, f"?status=all&agency={ids['agencyC']}")[1:]
        assert len(outside) == len(everyone)  # ignored, never widened to kupang
        kupang = {r[0] for r in _csv(_client(demo_app, "hr.kupang"), "?status=all")[1:]}
        assert kupang and not kupang & {r[0] for r in everyone}

    def test_the_workbook_has_the_same_rows_with_nips_as_text(self, demo_app: Flask) -> None:
        client = _client(demo_app, "auditor")
        rows = _csv(client, "?q=a")
        response = client.get("/hr/employees.xlsx?q=a")
        assert response.status_code == 200 and (response.mimetype or "").endswith(".sheet")
        sheet = load_workbook(io.BytesIO(response.get_data())).active
        assert sheet is not None and sheet.title == "Pegawai"
        cells = [["" if v is None else str(v) for v in row] for row in
                 sheet.iter_rows(values_only=True)]
        assert cells == rows and len(cells) > 1
        assert all(isinstance(c.value, str) for (c,) in sheet.iter_rows(min_row=2, max_col=1))
        assert len(_exports(demo_app)) == 2  # the auditor's two downloads
