"""A citizen files a complaint and follows it, on a telephone and on a desktop screen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect


@pytest.mark.parametrize("width", [390, 1280])
def test_a_citizen_files_a_complaint_and_follows_it_with_the_ticket_and_code(
        page: Page, live_server: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server + "/layanan")
    page.get_by_role("link", name="Layanan Administrasi Kependudukan Kota Salatiga").click()
    expect(page.get_by_role("heading", name="Standar pelayanan")).to_be_visible()
    page.get_by_role("link", name="Sampaikan pengaduan tentang unit ini").click()

    page.get_by_label("Tentang apa?").select_option(label="Waktu penyelesaian")
    page.get_by_label("Kapan terjadi?").fill((date.today() - timedelta(days=3)).isoformat())
    page.get_by_label("Apa yang terjadi?").fill(
        "Akta kelahiran anak saya belum selesai setelah dua minggu, padahal dijanjikan tiga "
        "hari kerja.")
    page.get_by_label("Telepon atau surel (tidak wajib)").fill("0812 1111 2222")
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, "the form is wider than the screen"
    page.wait_for_timeout(3200)  # a person takes longer than the form's minimum fill time
    page.get_by_role("button", name="Kirim pengaduan").click()

    expect(page.get_by_role("heading", name="Pengaduan diterima")).to_be_visible()
    ticket = page.get_by_test_id("ticket").inner_text().strip()
    code = page.get_by_test_id("code").inner_text().strip()
    assert ticket.startswith("ADU-") and len(code) == 14

    page.get_by_role("link", name="Lacak pengaduan").first.click()
    page.get_by_label("Nomor tiket").fill(ticket)
    page.get_by_label("Kode pelacakan").fill(code)
    page.get_by_role("button", name="Tampilkan status").click()
    expect(page.get_by_test_id("status")).to_have_text("Diterima")
    expect(page.get_by_test_id("timeline")).to_contain_text("Pengaduan diterima")
    expect(page.get_by_text("0812 1111 2222")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
