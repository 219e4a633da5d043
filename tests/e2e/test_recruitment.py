"""An HR administrator opens a recruitment round and allocates a formation in a browser."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import Page, expect

from tests.e2e.test_hr import _log_in


def test_an_administrator_opens_a_round_and_allocates_its_first_formation(
        page: Page, live_server: str) -> None:
    _log_in(page, live_server, "hradmin.salatiga")
    page.get_by_role("link", name="Rekrutmen").first.click()
    page.get_by_role("link", name="Buka seleksi baru").click()
    expect(page.locator("#rule")).to_contain_text("formasi")
    page.get_by_label("Kode seleksi").fill("CPNS-E2E")
    page.get_by_label("Nama seleksi").fill("Seleksi CPNS uji peramban")
    page.get_by_label("Jenis").select_option("PNS")
    page.get_by_label("Tahun anggaran").fill(str(date.today().year))
    page.get_by_label("TMT (tanggal berlaku)").fill(
        (date.today() - timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Periksa").click()
    expect(page.get_by_test_id("confirmation")).to_contain_text("CPNS-E2E")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("telah dicatat")

    page.get_by_role("link", name="cpns-e2e").click()
    page.get_by_role("link", name="Tetapkan formasi").click()
    page.get_by_label("Perangkat daerah / unit").select_option(index=0)
    page.get_by_label("Nama jabatan").fill("Pranata Komputer Ahli Pertama")
    page.get_by_label("Jenis jabatan").select_option("AHLI_PERTAMA")
    page.get_by_label("Pendidikan").select_option("S1")
    page.get_by_label("Kebutuhan (orang)").fill("0")  # refused at its field
    page.get_by_label("TMT (tanggal berlaku)").fill(
        (date.today() - timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Periksa").click()
    expect(page.locator('[data-field="quota"] .field-error')).to_be_visible()
    page.get_by_label("Kebutuhan (orang)").fill("2")
    page.get_by_role("button", name="Periksa").click()
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_test_id("funnel")).to_contain_text("Pranata Komputer Ahli Pertama")
