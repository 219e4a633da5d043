"""An employee takes their one survey code on the desk and answers later on a telephone, in
another browser with no login; the closed survey's results are public."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect


def test_an_employee_takes_a_code_on_the_desk_and_answers_without_a_login(
        page: Page, browser: Browser, live_server: str) -> None:
    page.goto(live_server + "/login")
    page.get_by_label("Nama pengguna").fill("pegawai.salatiga")
    page.get_by_label("Kata sandi").fill("demo")
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("link", name="Survei pegawai", exact=True).click()
    expect(page.get_by_test_id("desk-anonymity")).to_be_visible()
    survey = page.get_by_test_id("desk-staff-survey").first
    survey.get_by_role("button", name="Ambil kode saya").click()
    code = page.get_by_test_id("desk-code").inner_text().strip()
    address = page.locator("strong").filter(has_text="/survei-pegawai/").inner_text().strip()

    # Another device: a fresh browser context, nobody logged in.
    telephone = browser.new_context(viewport={"width": 390, "height": 844})
    answer = telephone.new_page()
    answer.goto(address)
    expect(answer.get_by_test_id("anonymity-note")).to_be_visible()
    answer.get_by_label("Kode survei").fill(code)
    for question in answer.locator("fieldset").all():
        question.get_by_role("radio").nth(3).check()
    fits = answer.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, "the survey is wider than the screen"
    answer.wait_for_timeout(3200)  # a person takes longer than the minimum fill time
    answer.get_by_role("button", name="Kirim jawaban").click()
    expect(answer.get_by_test_id("staff-survey-thanks")).to_be_visible()
    answer.goto(address)  # the same code again is refused
    answer.get_by_label("Kode survei").fill(code)
    for question in answer.locator("fieldset").all():
        question.get_by_role("radio").nth(1).check()
    answer.wait_for_timeout(3200)
    answer.get_by_role("button", name="Kirim jawaban").click()
    expect(answer.get_by_text("sudah dipakai")).to_be_visible()
    telephone.close()

    page.get_by_role("link", name="Survei pegawai", exact=True).click()
    expect(page.get_by_test_id("code-taken").first).to_be_visible()
