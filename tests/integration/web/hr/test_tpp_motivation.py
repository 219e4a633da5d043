"""The TPP motivation report as Kupang's BKPSDM reads it: the administrator sees their own
government's agencies per year with shares recomputed from the runs' own lines and a reading
that claims no cause; another government's is a 404; an auditor picks any government."""

from __future__ import annotations

import re
from datetime import date
from uuid import UUID

from flask import Flask

from projections.views import hr_queries
from projections.views.tpp import runs_of
from tests.support.staff import login, text
from web import catch_up_views, get_service


def _share(page: str, year: int, agency: str, key: str) -> str:
    row = re.search(rf'data-year="{year}" data-agency="{agency}"[^>]*>(.*?)</tr>', page, re.S)
    assert row is not None, (year, agency)
    cell = re.search(rf'data-key="{key}">(.*?)</td>', row.group(1), re.S)
    assert cell is not None
    return cell.group(1).strip()


def test_the_administrator_reads_shares_true_to_the_runs_and_no_claim_of_cause(
        demo_app: Flask) -> None:
    projections = catch_up_views(demo_app)
    government_id = hr_queries.government_by_code(projections, "kupang")
    assert government_id is not None
    year = int(runs_of(projections, government_id)[0]["month"][:4])
    service = get_service(demo_app)
    staff_months = performance = sanction = gross = net = 0
    for month in range(1, 13):
        runs = service.tpp.runs_of(UUID(hex=government_id), date(year, month, 1))
        if not runs:
            continue
        for employee_id in runs[-1].lines:
            line = service.tpp.line(runs[-1], employee_id)
            assert line is not None
            staff_months += 1
            gross, net = gross + line["gross"], net + line["net"]
            cuts = {c["category"] for c in line["cuts"] if c["amount"] > 0}
            performance += "PERFORMANCE" in cuts
            sanction += "SANCTION" in cuts
    assert staff_months > 0

    client = demo_app.test_client()
    login(client, "hradmin.kupang")
    page = text(client.get("/hr/tpp/motivasi"))
    for key, value in (("performance", performance / staff_months),
                       ("sanction", sanction / staff_months),
                       ("cut_rate", (gross - net) / gross)):
        shown = _share(page, year, "_total", key)
        assert shown.replace(",", ".").replace(" %", "") == f"{value * 100:.1f}", (key, shown)
    assert "tidak dapat menunjukkan" in page or "cannot show" in page
    assert client.get("/hr/tpp/motivasi?pemda=salatiga").status_code == 404

    auditor = demo_app.test_client()
    login(auditor, "auditor")
    assert "Salatiga" in text(auditor.get("/hr/tpp/motivasi?pemda=salatiga"))
    assert auditor.get("/hr/tpp/motivasi?pemda=nowhere").status_code == 404
