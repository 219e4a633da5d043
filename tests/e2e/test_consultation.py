"""A citizen reads an open consultation and comments on it, on a telephone and a desktop."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect


@pytest.mark.parametrize("width", [390, 1280])
def test_a_citizen_comments_on_an_open_consultation_and_reads_an_answered_one(
        page: Page, live_server: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server + "/")
    page.get_by_role("link", name="Konsultasi publik").first.click()
    expect(page.get_by_role("heading", name="Konsultasi publik")).to_be_visible()
    page.get_by_role("link", name="Rancangan perubahan kriteria Tambahan Penghasilan "
                                  "Pegawai").first.click()
    expect(page.get_by_test_id("status")).to_have_text("Dibuka untuk tanggapan")

    page.get_by_label("Tanggapan Anda").fill(
        "Mohon dijelaskan perhitungan bagi pegawai yang bertugas di luar kantor.")
    page.get_by_label("Nama Anda (tidak wajib)").fill("Rahmawati Sulistyaningsih")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.wait_for_timeout(3200)  # a person takes longer than the form's minimum fill time
    page.get_by_role("button", name="Kirim tanggapan").click()
    expect(page.get_by_test_id("sent")).to_be_visible()
    expect(page.get_by_text("Rahmawati Sulistyaningsih")).to_have_count(0)

    page.get_by_role("link", name="Konsultasi publik").first.click()
    page.get_by_role("link", name="Rancangan standar pelayanan penerbitan KTP-el").first.click()
    expect(page.get_by_test_id("status")).to_have_text("Dijawab")
    expect(page.get_by_test_id("theme")).to_have_count(2)
    expect(page.get_by_test_id("changes")).to_contain_text("pukul 15.00")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
