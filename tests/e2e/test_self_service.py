"""An employee opens their account with HR's activation code and reads their own desk, on a
phone-sized screen and on a desktop one."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

PASSWORD = "sawah-hijau-di-salatiga"
DEMO_PASSWORD = "demo"


def _log_in(page: Page, base: str, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(base + "/login")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


def _code_for_an_employee_without_account(page: Page, base: str) -> str:
    """As the HR administrator: the first employee of the roster with no account gets a code."""
    _log_in(page, base, "hradmin.salatiga")
    page.goto(base + "/hr/employees")
    links = [a.get_attribute("href") for a in page.locator("table tbody a").all()]
    for href in links:
        page.goto(base + str(href))
        issue = page.get_by_role("button", name="Buat kode aktivasi")
        if issue.count():
            issue.click()
            code = page.get_by_test_id("activation-code").inner_text().strip()
            assert len(code) == 14
            return code
    raise AssertionError("every employee on the first page has an account")


def _fits(page: Page) -> bool:
    """Nothing wider than the screen: tables scroll inside their own box."""
    return bool(page.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_an_employee_activates_on_a_phone_and_reads_their_desk_on_both_screens(
        browser: Browser, live_server: str) -> None:
    officer = browser.new_context().new_page()
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    desktop = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        code = _code_for_an_employee_without_account(officer, live_server)

        phone.goto(live_server + "/login")
        phone.get_by_role("link", name="Aktifkan akun Anda").click()
        phone.get_by_label("Kode aktivasi").fill(code.lower())
        phone.get_by_label("Nama pengguna").fill("pegawai.baru")
        phone.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
        phone.get_by_label("Ulangi kata sandi").fill(PASSWORD)
        phone.get_by_role("button", name="Aktifkan").click()
        expect(phone.get_by_role("status")).to_contain_text("Akun Anda sudah aktif")

        for page in (phone, desktop):
            _log_in(page, live_server, "pegawai.baru", PASSWORD)
            expect(page).to_have_url(live_server + "/saya")
            expect(page.get_by_test_id("employee-state")).to_be_visible()
            expect(page.get_by_test_id("training")).to_contain_text("dari 20 JP")
            expect(page.get_by_test_id("timeline").locator("tbody tr").first).to_be_visible()
            expect(page.get_by_role("link", name="Catatan saya")).to_be_visible()
            expect(page.get_by_role("link", name="Daftar pegawai")).to_have_count(0)
            assert _fits(page)

        desktop.get_by_role("link", name="Catatan untuk dicetak").click()
        expect(desktop.get_by_role("heading", level=1)).to_contain_text("Catatan kepegawaian")
        desktop.emulate_media(media="print")
        expect(desktop.get_by_text("Ctrl+P")).to_be_hidden()
    finally:
        for page in (officer, phone, desktop):
            page.context.close()
