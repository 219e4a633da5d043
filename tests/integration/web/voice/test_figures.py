"""The complaint figures of the public service pages, each recomputed from the stored events
without the code that shows them, on the demo of each backend."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from flask import Flask

from projections.views import voice as queries
from tests.support.complaint_figures import complaint_events, expected
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

    def test_an_unknown_government_is_not_found(self, demo_app: Flask) -> None:
        assert demo_app.test_client().get("/layanan/pemerintah/nowhere").status_code == 404
