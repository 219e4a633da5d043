"""A citizen follows an answered consultation to the monitoring of its policy and reads each
indicator's chart and table, on a telephone and a desktop."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect


@pytest.mark.parametrize("width", [390, 1280])
def test_a_citizen_reads_the_monitoring_of_a_consulted_policy(
        page: Page, live_server: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server + "/konsultasi")
    page.get_by_role("link", name="Rancangan standar pelayanan penerbitan KTP-el").first.click()
    indicators = page.get_by_test_id("indicators")
    expect(indicators).to_contain_text("Indeks Kepuasan Masyarakat unit layanan")
    indicators.get_by_role("link", name="Indeks Kepuasan Masyarakat unit layanan").click()

    expect(page.get_by_role("heading", name="Monitoring dan evaluasi")).to_be_visible()
    expect(page.get_by_test_id("indicator")).to_have_count(6)
    section = page.locator("section:target")
    expect(section.get_by_role("heading")).to_have_text("Indeks Kepuasan Masyarakat unit layanan")
    expect(section.locator("svg.chart")).to_have_count(1)
    expect(section.locator("tbody tr")).to_have_count(12)
    expect(page.get_by_test_id("hidden-note")).to_contain_text("kurang dari 10 orang")
    # The page never widens past the screen: a wide chart scrolls in its own box.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
