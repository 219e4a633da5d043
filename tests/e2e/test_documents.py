"""An HR officer attaches a scanned decree to a timeline entry, is told at the file field when
the file is not a real PDF, and downloads the attached scan with the SHA-256 of the log."""

from __future__ import annotations

import hashlib
from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.builders.documents import a_pdf
from tests.e2e.test_decrees import _log_in


def test_an_officer_attaches_a_scan_and_downloads_the_same_bytes(
        browser: Browser, live_server: str, tmp_path: Path) -> None:
    page = browser.new_context().new_page()
    try:
        _log_in(page, live_server, "hr.salatiga")
        page.goto(live_server + "/hr/employees")
        page.locator("table tbody a").first.click()
        employee_page = page.url
        page.get_by_test_id("attach-document").first.click()

        fake = tmp_path / "sk.pdf"
        fake.write_bytes(b"Ini hanya teks yang diberi nama PDF.\n")
        page.get_by_label("Pindaian (PDF, JPEG atau PNG, paling besar 5 MB)").set_input_files(
            fake)
        page.get_by_role("button", name="Lampirkan").click()
        expect(page.get_by_test_id("file-error")).to_contain_text("Jenis berkas tidak diterima")

        real = tmp_path / "sk-asli.pdf"
        real.write_bytes(a_pdf("SK e2e"))
        page.get_by_label("Pindaian (PDF, JPEG atau PNG, paling besar 5 MB)").set_input_files(
            real)
        page.get_by_label("Jenis dokumen").select_option("decree")
        page.get_by_role("button", name="Lampirkan").click()
        page.wait_for_url(employee_page)
        link = page.get_by_test_id("document").first
        expect(link).to_be_visible()
        with page.expect_download() as download:
            link.click()
        saved = tmp_path / "unduhan.pdf"
        download.value.save_as(saved)
        sha256 = hashlib.sha256(real.read_bytes()).hexdigest()
        assert hashlib.sha256(saved.read_bytes()).hexdigest() == sha256
        assert sha256 in str(link.get_attribute("title"))
    finally:
        page.context.close()
