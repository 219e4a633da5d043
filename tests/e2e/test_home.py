"""A citizen opens the home page in a real browser."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_the_home_page_lists_the_governments_and_switches_to_english(
        page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    expect(page.get_by_role("heading", name="Kota Salatiga")).to_be_visible()
    expect(page.get_by_text("Data demo")).to_be_visible()
    assert int(page.get_by_test_id("event-count").inner_text().replace(".", "")) > 0
    page.get_by_role("link", name="English").click()
    expect(page.get_by_text("Active employees").first).to_be_visible()
    page.goto(live_server + "/")  # the choice is remembered
    expect(page.get_by_role("link", name="Bahasa Indonesia")).to_be_visible()
