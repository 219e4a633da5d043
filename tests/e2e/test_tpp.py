"""TPP through the browser on the demo: the employee opens their own TPP from the desk and
reads each month's breakdown; the HR administrator opens the latest run from the TPP page and
reads its totals per agency and its lines."""

from __future__ import annotations

from playwright.sync_api import Page, expect

PASSWORD = "demo"


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def test_the_employee_reads_their_tpp_and_hr_reads_the_run(page: Page,
                                                           live_server: str) -> None:
    _log_in(page, live_server, "pegawai.salatiga")
    expect(page).to_have_url(live_server + "/saya")
    page.get_by_role("link", name="TPP saya").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("TPP saya")
    months = page.locator("section.tpp-month")
    expect(months.first).to_be_visible()
    assert 1 <= months.count() <= 12
    expect(months.first.get_by_text("Dibayar (Rp)")).to_be_visible()
    expect(months.first.get_by_text("Beban kerja")).to_be_visible()
    page.get_by_role("button", name="Keluar").click()

    _log_in(page, live_server, "hradmin.salatiga")
    page.goto(live_server + "/hr/tpp")
    expect(page.get_by_role("heading", name="Versi peraturan")).to_be_visible()
    page.locator("tr[data-run] a").first.click()
    expect(page.get_by_role("heading", name="Jumlah per perangkat daerah")).to_be_visible()
    assert page.locator("tr[data-employee]").count() > 0
    expect(page.get_by_role("link", name="Unduh untuk bagian keuangan (XLSX)")).to_be_visible()
