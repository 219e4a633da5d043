"""A government's public TPP page on the demo (twelve months run, one correction): the regulation
in force with its Mendagri approval, and every figure per agency and month recomputed from the
latest run's own sealed lines; a hidden figure is the mark, and only where the disclosure rules
hide it."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from datetime import date
from typing import Any
from uuid import UUID

from flask import Flask

from domain.tpp_rules import CutCategory
from domain.tpp_tables import example_regulation
from domain.values import Actor, LegalBasis, Role
from projections.transparency import tpp_figures
from projections.transparency.disclosure import THRESHOLD
from projections.transparency.tpp_figures import REASONS, derivable, differencing, risky_count
from projections.views import consultation as consultation_queries
from projections.views import hr_queries
from projections.views.tpp import latest_month_totals, regulations_of, runs_of
from tests.support.staff import login, text
from web import catch_up_views, get_service

HIDDEN = "×"
CATEGORY = {"sanction": CutCategory.SANCTION, "performance": CutCategory.PERFORMANCE,
            "leave": CutCategory.LEAVE, "discipline": CutCategory.DISCIPLINE}


def _figure(cell: str) -> int | None:
    value = re.sub(r"<[^>]+>", "", cell).strip()
    return None if value == HIDDEN else int(value.replace(".", "").replace(",", ""))


def _table(page: str) -> dict[str, dict[str, int | None]]:
    """The agency table's cells: agency id (or _total) -> key -> figure."""
    body = page.split('data-table="agencies"')[1].split("</table>")[0]
    found = {}
    for agency, row in re.findall(r'<tr[^>]*data-agency="([^"]+)">(.*?)</tr>', body, re.S):
        found[agency] = {key: _figure(cell) for key, cell in
                         re.findall(r'data-key="([a-z_]+)">(.*?)</td>', row, re.S)}
    return found


def _recomputed(app: Flask, government_id: str, year: int) -> dict[str, dict[str, Any]]:
    """Per month of `year`: per agency, staff, net and staff cut per reason, summed from the
    opened lines of the month's latest run."""
    service = get_service(app)
    months: dict[str, dict[str, Any]] = {}
    for month in range(1, 13):
        runs = service.tpp.runs_of(UUID(hex=government_id), date(year, month, 1))
        if not runs:
            continue
        run = runs[-1]
        agencies: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for employee_id, line in run.lines.items():
            opened = service.tpp.line(run, employee_id)
            assert opened is not None
            agency = agencies[line.agency_id.hex]
            agency["staff"] += 1
            agency["net"] += opened["net"]
            for reason, category in CATEGORY.items():
                agency[reason] += any(c["category"] == category.value and c["amount"] > 0
                                      for c in opened["cuts"])
        months[f"{year:04d}-{month:02d}"] = agencies
    return months


def test_every_figure_on_the_public_tpp_page_is_true_or_hidden_by_the_rules(
        demo_app: Flask) -> None:
    projections = catch_up_views(demo_app)
    government_id = hr_queries.government_by_code(projections, "salatiga")
    assert government_id is not None
    latest = runs_of(projections, government_id)[0]["month"]
    year = int(latest[:4])
    truth = _recomputed(demo_app, government_id, year)
    assert truth, "the demo runs months of this year"
    client = demo_app.test_client()
    page = text(client.get("/pemda/salatiga/tpp"))
    assert "Perkada TPP Kota Salatiga TA" in page
    assert re.search(r'data-table="classes".*?<td class="num">\d', page, re.S)
    small = {a for m in truth.values() for a, v in m.items() if v["staff"] < THRESHOLD}
    shown = hidden = 0
    for month, agencies in truth.items():
        cells = _table(text(client.get(f"/pemda/salatiga/tpp?bulan={month}")))
        assert set(cells) == {*agencies, "_total"}
        to_date = {a: sum(truth[m][a]["net"] for m in truth if m <= month and a in truth[m])
                   for a in agencies}
        for agency, true in agencies.items():
            row = cells[agency]
            for key, value in (("net", true["net"]), ("year_net", to_date[agency]),
                               *((r, true[r]) for r in REASONS)):
                if row[key] is None:
                    hidden += 1
                    if key in ("net", "year_net") and agency not in small:
                        # a partner: another small agency is hidden beside it
                        assert small, (month, agency)
                    continue
                shown += 1
                assert row[key] == value, (month, agency, key)
                if key in REASONS:
                    assert not risky_count(value, true["staff"]), (month, agency, key)
                    assert true["staff"] >= THRESHOLD, (month, agency, key)
                else:
                    assert agency not in small, (month, agency, key)
        total = cells["_total"]
        assert total["net"] == sum(v["net"] for v in agencies.values())
        assert total["year_net"] == sum(to_date.values())
        shown += 2
        for reason in REASONS:
            column = [cells[a][reason] for a in agencies]
            assert sum(v is None for v in column) != 1, (month, reason)
            true_total = sum(v[reason] for v in agencies.values())
            assert total[reason] in (true_total, None)
            shown += total[reason] is not None
    # The small demo's agencies are all under the threshold: their figures are hidden and the
    # government's are shown (tests/unit/projections/transparency shows agencies' figures).
    assert shown > 0 and hidden > 0


def test_the_page_is_in_english_too_and_an_unknown_government_is_404(
        demo_app: Flask) -> None:
    client = demo_app.test_client()
    english = text(client.get("/pemda/salatiga/tpp?lang=en"))
    assert "Does the allowance motivate?" in english
    assert client.get("/pemda/nowhere/tpp").status_code == 404
    assert client.get("/pemda/salatiga/tpp?bulan=1999-01").status_code == 200


def test_no_hidden_figure_of_any_government_follows_from_its_published_ones(
        demo_app: Flask) -> None:
    projections = catch_up_views(demo_app)
    checked = 0
    for government in hr_queries.government_rows(projections):
        every = latest_month_totals(projections, government["id"])
        for year in sorted({r["month"][:4] for r in every}):
            year_rows = [r for r in every if r["month"][:4] == year]
            figures = [tpp_figures.month_figures(year_rows, m)
                       for m in sorted({r["month"] for r in year_rows})]
            for earlier, later in itertools.pairwise(figures):
                assert earlier is not None and later is not None
                assert differencing(earlier, later) == []
            for one in figures:
                assert one is not None and derivable(one) == []
                checked += 1
    assert checked >= 5 * 12


def test_the_drafts_of_the_tpp_rules_put_to_consultation_are_listed_with_employees_comments(
        demo_app: Flask) -> None:
    projections = catch_up_views(demo_app)
    found_government = hr_queries.government_row(projections, "salatiga")
    assert found_government is not None
    government_id, service = found_government["id"], get_service(demo_app)
    drafts = [c for c in consultation_queries.consultations(projections, date.today(),
                                                             government_id)
              if c["subject"] == "tpp_rules"]
    assert drafts, "the demo puts a draft of the TPP rules to consultation"
    page = text(demo_app.test_client().get("/pemda/salatiga/tpp"))
    for draft in drafts:
        found = service.consultation.get(UUID(draft["id"]))
        published = sum(c.published_text is not None for c in found.comments.values())
        employees = sum(c.is_employee for c in found.comments.values())
        row = re.search(rf'href="/konsultasi/{draft["id"]}">[^<]*</a></th>\s*<td>[^<]*</td>'
                        r'<td>[^<]*</td>\s*<td class="num">(\d+)</td><td class="num">(\d+)</td>',
                        page)
        assert row is not None and (int(row[1]), int(row[2])) == (published, employees)

    # An employee of the government is invited from their desk while a draft is open.
    desk = demo_app.test_client()
    assert login(desk, "pegawai.salatiga").status_code == 302
    notice = text(desk.get("/saya/tpp"))
    open_drafts = [d for d in drafts if d["status"] == "open"]
    assert ('data-testid="tpp-consultations"' in notice) == bool(open_drafts)
    assert all(f'/konsultasi/{d["id"]}' in notice for d in open_drafts)


def _approval(page: str) -> str:
    found = re.search(r'<span data-testid="approval">(.*?)</span>', page, re.S)
    assert found is not None
    return found[1]


def test_the_regulation_in_force_shows_its_mendagri_approval_or_that_it_waits_for_it(
        demo_app: Flask) -> None:
    projections = catch_up_views(demo_app)
    government_id = hr_queries.government_by_code(projections, "salatiga")
    assert government_id is not None
    client = demo_app.test_client()
    (in_force, *_older) = regulations_of(projections, government_id)
    assert in_force["approval_ref"] in _approval(text(client.get("/pemda/salatiga/tpp")))

    service, today = get_service(demo_app), date.today()
    admin = Actor("hradmin.salatiga", Role.HR_ADMIN)
    service.tpp.adopt_regulation(example_regulation(
        UUID(hex=government_id), today.year, perkada="Perwali Salatiga 8/2026 tentang TPP",
        effective_from=today, approval_ref=None), actor=admin)
    assert "belum disetujui Mendagri" in _approval(text(client.get("/pemda/salatiga/tpp")))
    service.tpp.approve_version(UUID(hex=government_id), today, actor=admin,
                                letter=LegalBasis("900.1.10/901/Keuda", today))
    shown = _approval(text(client.get("/pemda/salatiga/tpp")))
    assert "900.1.10/901/Keuda" in shown and str(today.year) in shown
