"""The complaint figures of the public service pages, each recomputed from the stored events
without the code that shows them, on the demo of each backend."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from flask import Flask

from domain.complaint import complaint_id
from domain.voice_values import ComplaintCategory, RejectionReason
from projections.views import voice as queries
from tests.builders.voice import HR_ADMIN
from tests.support.complaint_figures import complaint_events, expected, expected_categories
from tests.support.staff import text
from web import catch_up_views, get_service

GOVERNMENT = "salatiga"


def _shown(page: str, testid: str) -> dict[str, dict[str, Any]]:
    """The figures of each row of a table of the page, by its period (or unit) key."""
    table = re.search(rf'data-testid="{testid}">(.*?)</table>', page, re.S)
    assert table is not None, testid
    rows: dict[str, dict[str, Any]] = {}
    for key, body in re.findall(r'data-period="([^"]+)">(.*?)</tr>', table[1], re.S):
        cells = dict(re.findall(r'data-figure="(\w+)">([^<(]*)', body))
        row: dict[str, Any] = {k: int(v.strip().replace(".", "")) for k, v in cells.items()
                               if k != "median"}
        median_text = cells["median"].strip()
        row["median"] = None if median_text == "–" else float(median_text.replace(",", "."))
        rows[key] = row
    return rows


def _categories(page: str, testid: str) -> dict[str, dict[str, int]]:
    """The counts of each row of a category table of the page: row key → column key → count."""
    table = re.search(rf'data-testid="{testid}">(.*?)</table>', page, re.S)
    assert table is not None, testid
    return {key: {column: int(count.strip().replace(".", ""))
                  for column, count in re.findall(r'data-column="([^"]+)">([^<]*)', body)}
            for key, body in re.findall(r'data-row="([^"]+)">(.*?)</tr>', table[1], re.S)}


def _last_four_quarters(today: date) -> list[date]:
    """The first days of today's quarter and the three before, latest first (by hand)."""
    quarter = today.year * 4 + (today.month - 1) // 3
    return [date((quarter - n) // 4, (quarter - n) % 4 * 3 + 1, 1) for n in range(4)]


def _quarter_end(first: date) -> date:
    return date(first.year + (first.month == 10), (first.month + 2) % 12 + 1, 1) - timedelta(
        days=1)


def _days_off(app: Flask) -> frozenset[date]:
    return get_service(app).voice.days_off(date.today().year - 3, date.today().year)


class TestAUnitsPage:
    def test_every_quarters_figures_are_those_of_the_stored_events(
            self, demo_app: Flask) -> None:
        events, days_off = complaint_events(demo_app), _days_off(demo_app)
        client, checked = demo_app.test_client(), 0
        for unit in queries.service_units(catch_up_views(demo_app)):
            rows = _shown(text(client.get(f"/layanan/{unit['code']}")), "complaint-quarters")
            for key, shown in rows.items():
                first = date.fromisoformat(key)
                last = date(first.year + (first.month == 10), (first.month + 2) % 12 + 1,
                            1) - timedelta(days=1)
                assert shown == expected(events, {unit["id"]}, first, last, days_off), (
                    unit["code"], key)
                checked += shown["received"] + shown["answered"]
        assert checked > 20  # the demo has complaints in every state

    def test_the_category_mix_counts_the_complaints_filed_and_leaves_the_rejected_out(
            self, demo_app: Flask) -> None:
        service = get_service(demo_app)
        agency_id = queries.service_units(catch_up_views(demo_app))[0]["agency_id"]
        unit_id = service.voice.open_service_unit(
            agency_id=UUID(agency_id), code="uji-kategori", name="Unit Uji Kategori",
            address="Jl. Uji 1", actor=HR_ADMIN)
        filed = [ComplaintCategory.COST] * 3 + [ComplaintCategory.CONDUCT] + [
            ComplaintCategory.TIME] * 2 + [ComplaintCategory.FACILITIES]
        receipts = [service.voice.submit_complaint(
            unit_id=unit_id, service_id=None, category=category, happened_on=date.today(),
            description="Antrean terlalu lama.", contact=None, is_anonymous=True)
            for category in filed]
        for receipt in (receipts[4], receipts[6]):  # one about time, the one about facilities
            service.voice.reject_complaint(complaint_id(receipt.ticket),
                                           reason=RejectionReason.DUPLICATE, note="",
                                           actor=HR_ADMIN)
        rows = _categories(text(demo_app.test_client().get("/layanan/uji-kategori")),
                           "complaint-categories")
        now = _last_four_quarters(date.today())[0].isoformat()
        shown = {category: (row[now], row["four_quarters"]) for category, row in rows.items()}
        assert shown == {"requirements": (0, 0), "procedure": (0, 0), "time": (1, 1),
                         "cost": (3, 3), "conduct": (1, 1), "facilities": (0, 0),
                         "other": (0, 0)}
        assert all(count == 0 for row in rows.values() for column, count in row.items()
                   if column not in (now, "four_quarters"))

    def test_every_units_category_mix_is_that_of_the_stored_events(
            self, demo_app: Flask) -> None:
        events, today = complaint_events(demo_app), date.today()
        firsts = _last_four_quarters(today)
        client, counted = demo_app.test_client(), 0
        for unit in queries.service_units(catch_up_views(demo_app)):
            rows = _categories(text(client.get(f"/layanan/{unit['code']}")),
                               "complaint-categories")
            columns = {first.isoformat(): expected_categories(
                events, {unit["id"]}, first, _quarter_end(first)) for first in firsts}
            columns["four_quarters"] = expected_categories(events, {unit["id"]}, firsts[-1],
                                                           today)
            assert rows == {c.value: {key: found[c.value] for key, found in columns.items()}
                            for c in ComplaintCategory}, unit["code"]
            counted += sum(columns["four_quarters"].values())
        assert counted > 10  # the demo's complaints of the last year are counted

    def test_the_page_lists_the_consultations_tied_to_the_unit(self, demo_app: Flask) -> None:
        projections = catch_up_views(demo_app)
        table = projections.views["consultation"].table("consultations")
        with projections.store.read() as sql:
            tied = [dict(r) for r in sql.execute(
                f"SELECT title, unit_id FROM {table} WHERE unit_id IS NOT NULL "
                "AND is_published = 1").fetchall()]
        units = {u["id"]: u["code"] for u in queries.service_units(projections)}
        client = demo_app.test_client()
        for row in tied:
            assert row["title"] in text(client.get(f"/layanan/{units[row['unit_id']]}"))
        other = next(code for uid, code in units.items()
                     if uid not in {r["unit_id"] for r in tied})
        assert 'data-testid="consultation-row"' not in text(client.get(f"/layanan/{other}"))


class TestAGovernmentsPage:
    def test_each_unit_and_the_total_are_the_figures_of_the_stored_events(
            self, demo_app: Flask) -> None:
        events, days_off = complaint_events(demo_app), _days_off(demo_app)
        units = [u for u in queries.service_units(catch_up_views(demo_app))
                 if u["government_code"] == GOVERNMENT]
        page = text(demo_app.test_client().get(f"/layanan/pemerintah/{GOVERNMENT}"))
        today = date.today()
        quarter = today.year * 4 + (today.month - 1) // 3 - 3  # three quarters before today's
        first = date(quarter // 4, quarter % 4 * 3 + 1, 1)
        rows = _shown(page, "government-units")
        assert set(rows) == {u["code"] for u in units} | {"_total"}
        for unit in units:
            assert rows[unit["code"]] == expected(events, {unit["id"]}, first, today,
                                                   days_off), unit["code"]
        assert rows["_total"] == expected(events, {u["id"] for u in units}, first, today,
                                           days_off)
        assert rows["_total"]["received"] > 0

    def test_each_units_category_mix_and_the_total_are_those_of_the_stored_events(
            self, demo_app: Flask) -> None:
        events, today = complaint_events(demo_app), date.today()
        first = _last_four_quarters(today)[-1]
        units = [u for u in queries.service_units(catch_up_views(demo_app))
                 if u["government_code"] == GOVERNMENT]
        page = text(demo_app.test_client().get(f"/layanan/pemerintah/{GOVERNMENT}"))
        rows = _categories(page, "government-categories")
        assert set(rows) == {u["code"] for u in units} | {"_total"}
        for unit in units:
            assert rows[unit["code"]] == expected_categories(events, {unit["id"]}, first,
                                                             today), unit["code"]
        assert rows["_total"] == expected_categories(events, {u["id"] for u in units}, first,
                                                     today)
        assert sum(rows["_total"].values()) > 0

    def test_an_unknown_government_is_not_found(self, demo_app: Flask) -> None:
        assert demo_app.test_client().get("/layanan/pemerintah/nowhere").status_code == 404
