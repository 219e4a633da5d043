"""The unit prints survey codes; a citizen scans one and answers on a telephone, and the
unit's page counts the answer."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

UNIT = "Layanan Administrasi Kependudukan Kota Salatiga"


def test_a_printed_code_answers_the_survey_once_on_a_telephone(
        page: Page, browser: Browser, live_server: str) -> None:
    page.goto(live_server + "/login")
    page.get_by_label("Nama pengguna").fill("hradmin.salatiga")
    page.get_by_label("Kata sandi").fill("demo")
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("link", name="Survei", exact=True).click()
    unit = page.get_by_test_id("survey-unit").filter(has_text=UNIT)
    unit.get_by_role("link").first.click()  # the latest period: this year's, running
    page.get_by_label("Jumlah kode (paling banyak 500)").fill("2")
    page.get_by_role("button", name="Terbitkan dan cetak").click()
    expect(page.get_by_test_id("qr-card")).to_have_count(2)
    expect(page.locator("[data-testid=qr-card] svg")).to_have_count(2)
    code = page.get_by_test_id("survey-code").first.inner_text().strip()

    citizen = browser.new_page(viewport={"width": 390, "height": 844})
    citizen.goto(f"{live_server}/layanan/salatiga-adminduk")
    coded = int(citizen.get_by_test_id("coded-n").first.inner_text())
    citizen.goto(f"{live_server}/layanan/salatiga-adminduk/survei?kode={code}")  # the QR code
    expect(citizen.get_by_label("Kode survei (tidak wajib)")).to_have_value(code)
    for question in citizen.locator("fieldset").all():
        question.get_by_role("radio").nth(3).check()
    citizen.get_by_label("Pekerjaan").select_option(label="Wiraswasta")
    fits = citizen.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, "the survey is wider than the screen"
    citizen.wait_for_timeout(3200)  # a person takes longer than the minimum fill time
    citizen.get_by_role("button", name="Kirim jawaban").click()
    expect(citizen.get_by_test_id("survey-thanks")).to_be_visible()

    citizen.get_by_role("link", name=UNIT).click()
    expect(citizen.get_by_test_id("coded-n").first).to_have_text(str(coded + 1))
    expect(citizen.get_by_test_id("ikm").first).not_to_have_text("–")
    citizen.close()
