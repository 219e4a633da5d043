"""A citizen reads a government's TPP in a real browser, on a phone (390 px) and a desktop
(1280 px): the regulation, the chart of each month's payments with its table right after it, the
agencies' figures with hidden ones as the mark alone, and the motivation shares."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import serve

TODAY = date(2026, 11, 20)
HIDDEN = "×"


@pytest.fixture(scope="module")
def tpp_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A demo with agencies of ten and more people (~400 employees), its TPP runs and its
    past year published."""
    from projections.transparency.publication import publish_past_year
    from web import create_app, get_releases, get_service
    from web.loaders.demo import load_demo

    data_dir = str(tmp_path_factory.mktemp("tpp-site"))
    load_demo(data_dir=data_dir, employees=400, years=2, seed=11, today=TODAY)
    app = create_app({"TESTING": True, "REKAM_DATA_DIR": data_dir})
    publish_past_year(get_service(app), get_releases(app), TODAY)  # the government's page
    with serve(app) as url:
        yield url


def _number(text: str) -> int | None:
    text = text.strip()
    return None if text == HIDDEN else int(text.replace(".", "").replace("Rp", ""))


@pytest.mark.parametrize("width", [390, 1280])
def test_the_public_tpp_page_reads_on_a_phone_and_a_desktop(
        page: Page, tpp_site: str, width: int, tmp_path_factory: pytest.TempPathFactory
        ) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(tpp_site + "/pemda/palu")
    page.get_by_role("link", name="TPP", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tambahan Penghasilan Pegawai")
    expect(page.get_by_test_id("perkada")).to_contain_text("Perkada TPP")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    sizes = page.evaluate("""[...document.querySelectorAll('svg.chart text')].map(
        t => t.getBoundingClientRect().height)""")
    assert sizes and min(sizes) >= 12

    # The chart and its table say the same: a bar per shown month, the mark alone otherwise.
    months = page.locator('table[data-table="months"] tbody tr')
    values = [_number(months.nth(i).locator("td").inner_text()) for i in range(months.count())]
    assert values and all(v is not None for v in values)
    bars = page.locator("svg.chart rect")
    assert bars.count() == sum(1 for v in values if v is not None)
    texts = page.evaluate("[...document.querySelectorAll('svg.chart text')]"
                          ".map(t => t.textContent)")
    labels = [t for t in texts if not re.fullmatch(r"\d{4}-\d{2}", t)]
    assert labels == [str(round(v / 1_000_000)) for v in values if v is not None]
    paid_so_far = _number(page.get_by_test_id("year-net").inner_text())
    assert paid_so_far == sum(v for v in values if v is not None)

    # The agencies' table: a hidden figure is the mark alone; the shown counts are 0 or >= 10.
    cells = page.locator('table[data-table="agencies"] td.num')
    texts = [cells.nth(i).inner_text().strip() for i in range(cells.count())]
    assert HIDDEN in texts and any(t not in (HIDDEN, "0") for t in texts)
    counts = page.locator(", ".join(f'table[data-table="agencies"] td[data-key="{reason}"]'
                                    for reason in ("sanction", "performance", "leave",
                                                   "discipline")))
    for i in range(counts.count()):
        value = _number(counts.nth(i).inner_text())
        assert value is None or value == 0 or value >= 10
    total = page.locator('tr[data-agency="_total"] td[data-key="net"]').inner_text()
    assert _number(total) == values[-1]
    expect(page.locator("#motivation")).to_contain_text("tidak dapat menunjukkan")

    shots = Path(os.environ.get("REKAM_SHOTS", str(tmp_path_factory.mktemp("tpp"))))
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"tpp-{width}.png"), full_page=True)
