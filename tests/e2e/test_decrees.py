"""An HR officer prints a petikan SK from an employee's timeline; anyone follows its short URL
to the public page, sees the decree in the log with its proof checked, and a forged number
fail."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.support.pdf import pdf_text


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill("demo")
    page.get_by_role("button", name="Masuk").click()


def _print_a_petikan(page: Page, base: str, into: Path) -> bytes:
    """The first petikan offered on the employee pages of the officer's roster."""
    page.goto(base + "/hr/employees")
    links = [str(a.get_attribute("href")) for a in page.locator("table tbody a").all()]
    for href in links:
        page.goto(base + href)
        offered = page.get_by_test_id("petikan")
        if offered.count():
            with page.expect_download() as download:
                offered.first.click()
            path = into / "petikan.pdf"
            download.value.save_as(path)
            return path.read_bytes()
    raise AssertionError("no employee on the first roster page has a decree to print")


def test_a_printed_decree_verifies_on_its_public_page_and_a_forged_number_fails(
        browser: Browser, live_server: str, tmp_path: Path) -> None:
    officer = browser.new_context().new_page()
    visitor = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    try:
        _log_in(officer, live_server, "hr.salatiga")
        pdf = _print_a_petikan(officer, live_server, tmp_path)
        assert pdf.startswith(b"%PDF-")
        found = re.search(r"(http://127\.0\.0\.1:\d+/sk/(\d+-[0-9A-Z]{12}))", pdf_text(pdf))
        assert found is not None
        url, code = found.groups()

        visitor.goto(url)
        expect(visitor.get_by_role("heading", level=1)).to_have_text(
            "Keputusan ini tercatat di log")
        expect(visitor.get_by_test_id("proof-result")).to_contain_text("Diperiksa di sini")
        number = visitor.get_by_test_id("number").inner_text().strip()

        visitor.goto(live_server + "/sk")
        visitor.get_by_label("Kode pada keputusan").fill(code.lower())
        visitor.get_by_label("Nomor keputusan (tidak wajib)").fill(number + "1")
        visitor.get_by_role("button", name="Periksa keputusan").click()
        expect(visitor.get_by_test_id("refusal")).to_contain_text("tidak cocok")
    finally:
        officer.context.close()
        visitor.context.close()
