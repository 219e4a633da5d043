"""The TPP motivation report as Kupang's BKPSDM reads it: the administrator sees their own
government's agencies per year with shares and last year's ratings recomputed from the runs' own
lines and a reading that claims no cause; another government's is a 404; an auditor picks any
government."""

from __future__ import annotations

import re
from datetime import date
from uuid import UUID

from flask import Flask

from projections.views import hr_queries
from projections.views.tpp import runs_of
from tests.support.staff import login, text
from web import catch_up_views, get_service

BELOW_GOOD = {"BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"}


def _cell(page: str, year: int, agency: str, key: str) -> str:
    row = re.search(rf'data-year="{year}" data-agency="{agency}"[^>]*>(.*?)</tr>', page, re.S)
    assert row is not None, (year, agency)
    cell = re.search(rf'data-key="{key}">(.*?)</td>', row.group(1), re.S)
    assert cell is not None
    return cell.group(1).strip().replace(",", ".").replace(" %", "")


def test_the_administrator_reads_figures_true_to_the_runs_and_no_claim_of_cause(
        demo_app: Flask) -> None:
    projections = catch_up_views(demo_app)
    government_id = hr_queries.government_by_code(projections, "kupang")
    assert government_id is not None
    year = int(runs_of(projections, government_id)[0]["month"][:4])
    service = get_service(demo_app)
    staff_months = performance = sanction = gross = net = 0
    rated_before: list[str] = []
    for month in range(1, 13):
        runs = service.tpp.runs_of(UUID(hex=government_id), date(year, month, 1))
        if not runs:
            continue
        rated_before = []  # from the latest month's run
        for employee_id in runs[-1].lines:
            line = service.tpp.line(runs[-1], employee_id)
            assert line is not None
            staff_months += 1
            gross, net = gross + line["gross"], net + line["net"]
            cuts = {c["category"] for c in line["cuts"] if c["amount"] > 0}
            performance += "PERFORMANCE" in cuts
            sanction += "SANCTION" in cuts
            if line["rating_year"] == year - 1:
                rated_before.append(line["rating"])
    assert staff_months > 0 and rated_before

    client = demo_app.test_client()
    login(client, "hradmin.kupang")
    page = text(client.get("/hr/tpp/motivasi"))
    below = sum(r in BELOW_GOOD for r in rated_before) / len(rated_before)
    for key, value in (("performance", performance / staff_months),
                       ("sanction", sanction / staff_months),
                       ("cut_rate", (gross - net) / gross), ("below_good_before", below)):
        assert _cell(page, year, "_total", key) == f"{value * 100:.1f}", key
    assert "tidak dapat menunjukkan" in page
    assert client.get("/hr/tpp/motivasi?pemda=salatiga").status_code == 404

    auditor = demo_app.test_client()
    login(auditor, "auditor")
    assert "Salatiga" in text(auditor.get("/hr/tpp/motivasi?pemda=salatiga"))
    assert auditor.get("/hr/tpp/motivasi?pemda=nowhere").status_code == 404
