"""An HR officer records an action in a real browser; two officers race on one record."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Browser, Page, expect


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill("demo")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_test_id("demo-banner")).to_be_visible()


def _first_employee(page: Page, base: str) -> str:
    page.goto(base + "/hr/employees")
    page.locator("table tbody a").first.click()
    expect(page.get_by_test_id("timeline")).to_be_visible()
    return page.url


def _fill_training(page: Page, title: str) -> None:
    page.get_by_label("Jenis pelatihan").select_option("TECHNICAL")
    page.get_by_label("Nama pelatihan").fill(title)
    page.get_by_label("Jumlah JP").fill("6")
    page.get_by_label("Tanggal selesai").fill(date.today().isoformat())


def test_an_officer_records_a_training_through_the_confirmation_step(
        page: Page, live_server: str) -> None:
    _log_in(page, live_server, "hr.salatiga")
    expect(page.get_by_test_id("headcount")).to_be_visible()  # the agency dashboard
    page.get_by_role("link", name="Daftar pegawai").click()
    expect(page.get_by_test_id("roster-total")).to_contain_text("pegawai")
    page.locator("table tbody a").first.click()
    expect(page.get_by_test_id("timeline")).to_be_visible()  # `.count()` does not wait
    rows_before = page.get_by_test_id("timeline").locator("tbody tr").count()
    page.get_by_role("link", name="Pengembangan kompetensi (diklat)").click()
    _fill_training(page, "Literasi data untuk pelayanan publik")
    page.get_by_role("button", name="Periksa").click()
    confirmation = page.get_by_test_id("confirmation")
    expect(confirmation).to_contain_text("Literasi data untuk pelayanan publik")
    expect(confirmation).to_contain_text("hr.salatiga")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("telah dicatat")
    timeline = page.get_by_test_id("timeline")
    expect(timeline.locator("tbody tr")).to_have_count(rows_before + 1)
    expect(timeline.locator("tbody tr").first).to_contain_text("Pengembangan kompetensi")
    expect(timeline.locator("tbody tr").first).to_contain_text("hr.salatiga")


def test_two_officers_on_one_record_one_succeeds_the_other_sees_the_change(
        browser: Browser, live_server: str) -> None:
    first = browser.new_context().new_page()
    second = browser.new_context().new_page()
    try:
        _log_in(first, live_server, "hr.salatiga")
        _log_in(second, live_server, "hradmin.salatiga")
        employee_url = _first_employee(first, live_server)
        for page in (first, second):
            page.goto(employee_url)
            page.get_by_role("link", name="Pengembangan kompetensi (diklat)").click()
        _fill_training(first, "Pelatihan A")
        _fill_training(second, "Pelatihan B")
        first.get_by_role("button", name="Periksa").click()
        second.get_by_role("button", name="Periksa").click()
        first.get_by_role("button", name="Simpan").click()
        expect(first.get_by_role("status")).to_contain_text("telah dicatat")
        second.get_by_role("button", name="Simpan").click()
        conflict = second.get_by_test_id("conflict")
        expect(conflict).to_contain_text("Tidak ada yang disimpan")
        expect(conflict).to_contain_text("hr.salatiga")
        second.goto(employee_url)
        expect(second.get_by_test_id("timeline")).to_contain_text("Pelatihan A")
        expect(second.get_by_test_id("timeline")).not_to_contain_text("Pelatihan B")
    finally:
        first.context.close()
        second.context.close()


def test_an_hr_administrator_records_a_promotion_and_sees_it_on_the_timeline(
        page: Page, live_server: str) -> None:
    """The first employee the rules allow to be promoted today (the review step says which):
    a regular promotion, or one by choice (2 years in grade and a decree)."""
    _log_in(page, live_server, "hradmin.salatiga")
    page.goto(live_server + "/hr/employees?status=PNS")
    links = page.locator("table tbody a")
    urls = [links.nth(i).get_attribute("href") for i in range(links.count())]
    tmt = date.today().replace(day=1).isoformat()  # every month's 1st since BKN 4/2025
    for url, kind in ((u, k) for u in urls for k in ("REGULAR", "CHOICE")):
        page.goto(live_server + str(url))
        promotion = page.get_by_role("link", name="Kenaikan pangkat", exact=True)
        if promotion.count() == 0:
            continue
        promotion.click()
        page.get_by_label("Jenis kenaikan pangkat").select_option(kind)
        grades = page.get_by_label("Golongan baru").locator("option")
        if grades.count() == 0:
            continue  # no grade within the cap and the post's range: the form says why
        new_grade = grades.first.inner_text()
        page.get_by_label("TMT (tanggal berlaku)").fill(tmt)
        page.get_by_label("Nomor SK").fill("800/KP/2026")
        page.get_by_label("Tanggal SK").fill(tmt)
        page.get_by_role("button", name="Periksa").click()
        # `.count()` does not wait: first the answer's page, a confirmation or a refusal.
        page.locator('[data-testid="confirmation"], .error-box, .field-error').first.wait_for()
        if page.get_by_test_id("confirmation").count() == 0:
            continue  # not eligible (years in grade, ratings, cap): the form said why
        expect(page.get_by_test_id("confirmation")).to_contain_text(new_grade)
        page.get_by_role("button", name="Simpan").click()
        expect(page.get_by_role("status")).to_contain_text("telah dicatat")
        latest = page.get_by_test_id("timeline").locator("tbody tr").first
        expect(latest).to_contain_text("Kenaikan pangkat")
        expect(latest).to_contain_text("hradmin.salatiga")
        return
    raise AssertionError(f"none of {len(urls)} PNS of the demo government may be promoted")
