"""The done-when path of leave in Chromium, as a new user would try it: `pegawai.salatiga`
asks for annual leave on their desk, `atasan.salatiga` considers it in their queue,
`hradmin.salatiga` approves it, and the roster shows "cuti tahunan" while it runs; each step's
e-mail (to the superior, the official, then the employee) reaches a local SMTP server."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from babel.dates import format_date
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from tests.support.mail import MailServer
from web.accounts.store import get_accounts
from web.outbox.delivery import deliver_due

DEMO_PASSWORD = "demo"


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def _addresses(app: Flask) -> dict[str, str]:
    """Give the three accounts an address (as each would on /saya/email or the admin page)."""
    accounts, found = get_accounts(app), {}
    for username in ("pegawai.salatiga", "atasan.salatiga", "hradmin.salatiga"):
        account = accounts.by_username(username)
        assert account is not None
        found[username] = f"{username.replace('.', '-')}@test.example"
        accounts.set_email(account.id, found[username])
    return found


def _delivered(app: Flask, mail: MailServer, address: str) -> list[Any]:
    """Run the delivery job once (no worker runs beside the live server); the mail `address`
    has received so far."""
    with app.app_context():
        deliver_due(app)
    return mail.inbox.to(address)


def test_pegawai_asks_atasan_considers_the_official_approves_and_the_roster_shows_cuti(
        browser: Browser, live_server: str, live_app: Flask, live_mail: MailServer) -> None:
    mail = _addresses(live_app)
    today = date.today()
    start = today - timedelta(days=today.weekday())  # this week, so it runs today
    end = start + timedelta(days=6)
    shown = f"{format_date(start, 'd MMM y', locale='id')} – " \
            f"{format_date(end, 'd MMM y', locale='id')}"
    pegawai, atasan, official = (browser.new_context().new_page() for _ in range(3))

    _log_in(pegawai, live_server, "pegawai.salatiga")
    expect(pegawai).to_have_url(live_server + "/saya")
    expect(pegawai.get_by_test_id("leave-balances")).to_be_visible()
    name = pegawai.locator("h1").inner_text().strip()
    pegawai.get_by_role("link", name="Ajukan cuti").click()
    pegawai.get_by_label("Jenis cuti").select_option("TAHUNAN")
    pegawai.get_by_label("Hari pertama").fill(start.isoformat())
    pegawai.get_by_label("Hari terakhir").fill(end.isoformat())
    pegawai.get_by_role("button", name="Kirim permintaan").click()
    expect(pegawai.get_by_role("status")).to_contain_text("telah dikirim ke atasan")
    expect(pegawai.get_by_test_id("leave-requests")).to_contain_text("menunggu atasan")
    (waiting,) = _delivered(live_app, live_mail, mail["atasan.salatiga"])
    assert "/saya/atasan" in waiting.get_payload(decode=True).decode()

    _log_in(atasan, live_server, "atasan.salatiga")
    atasan.goto(live_server + "/saya/atasan")
    request = atasan.locator("section.request").filter(has_text=name).filter(has_text=shown)
    expect(request).to_have_count(1)
    request.get_by_label("Pertimbangan Anda").select_option("RECOMMEND")
    request.get_by_role("button", name="Catat pertimbangan saya").click()
    expect(atasan.get_by_role("status")).to_contain_text("Pertimbangan Anda dicatat")
    (to_decide,) = _delivered(live_app, live_mail, mail["hradmin.salatiga"])
    assert "/hr/cuti" in to_decide.get_payload(decode=True).decode()

    _log_in(official, live_server, "hradmin.salatiga")
    official.goto(live_server + "/hr/cuti")
    request = official.locator("section.request").filter(has_text=name).filter(
        has_text=shown)
    expect(request).to_contain_text("Disarankan disetujui")
    request.get_by_role("button", name="Setujui", exact=True).click()
    expect(official.get_by_role("status")).to_contain_text("Cuti disetujui")
    (decided,) = _delivered(live_app, live_mail, mail["pegawai.salatiga"])
    assert decided["Subject"] and name not in decided.get_payload(decode=True).decode()

    official.goto(live_server + "/hr/employees?status=all")
    row = official.locator("table tbody tr").filter(has_text=name)
    expect(row.get_by_test_id("on-leave")).to_have_text("cuti tahunan")
    pegawai.reload()
    expect(pegawai.get_by_test_id("leave-requests")).to_contain_text("disetujui")
