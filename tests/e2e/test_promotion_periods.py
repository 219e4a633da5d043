"""Issue 21's done-when, tried in Chromium as new users would on a city-sized demo: hr.salatiga
proposes three eligible employees from the current period's list; hradmin.salatiga verifies
two, returns one with a reason and records the batch; the batch's decrees download as one PDF,
a petikan's QR address opens /sk/<code>, whose proof matches /log/checkpoint; the roster
exports to XLSX. Screenshots of the period pages at 390 and 1280 px go to
$REKAM_SHOTS (default /tmp/rekam-shots) for a person to look at.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import serve
from tests.support.pdf import page_count

SHOTS = Path(os.environ.get("REKAM_SHOTS", "/tmp/rekam-shots"))
PATTERN = "800/{n}/BKPSDM/" + str(date.today().year)


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    """A server on a demo as large as the city's (2,000 employees, three years up to today),
    so that the officer's agency has employees due on the current list. Yields the base URL
    and the app (to sign a checkpoint, as the worker does every few minutes)."""
    from projections.ledger.follower import make_checkpoint
    from web import create_app, get_ledger
    from web.accounts.demo import ensure_demo_accounts
    from web.loaders.demo import load_demo

    data_dir = str(tmp_path_factory.mktemp("city-data"))
    load_demo(data_dir=data_dir, employees=2000, years=3, seed=1)
    app = create_app({"TESTING": True, "REKAM_DATA_DIR": data_dir, "REKAM_FAST_HASHES": "1"})
    ensure_demo_accounts(app)
    make_checkpoint(get_ledger(app))
    with serve(app) as url:
        yield url, app


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill("demo")
    page.get_by_role("button", name="Masuk").click()


def _open_current_period(page: Page) -> str:
    """From the menu to the open period's page; returns its URL."""
    page.get_by_role("link", name="Periode kenaikan pangkat").first.click()
    page.locator("tr", has_text="Terbuka").get_by_role("link").first.click()
    # The list's heading says the same: wait for the period's own page before reading it.
    page.wait_for_url(re.compile(r".*/kenaikan-pangkat/[0-9a-f]{32}$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Periode kenaikan pangkat")
    return page.url


def _shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        # Nothing wider than the screen: wide tables and commands scroll in their own box.
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    page.set_viewport_size({"width": 1280, "height": 900})


def _review_and_save(page: Page) -> None:
    page.get_by_role("button", name="Periksa").click()
    expect(page.get_by_test_id("confirmation")).to_be_visible()
    page.get_by_role("button", name="Simpan").click()


def _streams(body: bytes) -> list[str]:
    """The text of each content stream of a PDF (fpdf2: one per page)."""
    found = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S):
        try:
            found.append(zlib.decompress(stream).decode("latin-1"))
        except zlib.error:
            continue
    return found


def test_a_period_from_the_officers_proposals_to_a_verified_decree(
        browser: Browser, city: tuple[str, Any], tmp_path: Path) -> None:
    base, app = city
    officer = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    admin = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    visitor = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    try:
        # 1. The officer proposes three eligible employees from the current list.
        _log_in(officer, base, "hr.salatiga")
        period_url = _open_current_period(officer)
        eligible = [str(row.get_attribute("data-line")) for row in officer.locator(
            'tr[data-standing="ELIGIBLE"]').all()]
        officer.get_by_role("link", name="Usulkan dari daftar").click()
        # `.all()` does not wait: read the options only once the form's page has loaded (CI
        # read the period page's empty DOM under load and found none).
        officer.wait_for_url(re.compile(r".*/usul(\?.*)?$"))
        expect(officer.get_by_label("Pegawai yang diusulkan")).to_be_visible()
        offered = [str(o.get_attribute("value")) for o in officer.get_by_label(
            "Pegawai yang diusulkan").locator("option").all()]
        chosen = [e for e in offered if e in eligible][:3]
        assert len(chosen) == 3, (len(eligible), len(offered))
        officer.get_by_label("Pegawai yang diusulkan").select_option(chosen)
        _review_and_save(officer)
        for employee in chosen:
            expect(officer.locator(f'tr[data-entry="{employee}"]')).to_contain_text(
                "diusulkan", ignore_case=True)
        _shoot(officer, "period-officer")

        # 2. The administrator accepts two, returns one with a reason, records the batch.
        _log_in(admin, base, "hradmin.salatiga")
        assert _open_current_period(admin) == period_url
        for employee, decision in zip(chosen, ("accept", "accept", "return"), strict=True):
            admin.get_by_role("link", name="Verifikasi usulan").click()
            admin.get_by_label("Usulan", exact=True).select_option(employee)
            admin.get_by_label("Keputusan", exact=True).select_option(decision)
            if decision == "return":
                admin.get_by_label("Alasan pengembalian").fill(
                    "SKP tahun lalu belum dilampirkan")
            _review_and_save(admin)
            expect(admin.get_by_role("heading", level=1)).to_contain_text(
                "Periode kenaikan pangkat")
        admin.get_by_role("link", name="Tetapkan satu angkatan").click()
        admin.get_by_label("Tanggal SK").fill(date.today().isoformat())
        admin.get_by_label("Pola nomor SK").fill(PATTERN)
        admin.get_by_label("Nomor urut pertama").fill("501")
        _review_and_save(admin)
        expect(admin.get_by_role("heading", level=1)).to_have_text("Angkatan sudah ditetapkan")
        for employee in chosen[:2]:
            expect(admin.locator(f'tr[data-result="{employee}"]')).to_have_attribute(
                "data-recorded", "1")
        expect(admin.locator(f'tr[data-result="{chosen[2]}"]')).to_have_count(0)
        numbers = {e: admin.locator(f'tr[data-result="{e}"] td').nth(1).inner_text().split()[0]
                   for e in chosen[:2]}
        recorded = admin.locator('tr[data-recorded="1"]').count()
        _shoot(admin, "batch-result")

        # 3. The batch's decrees in one PDF; a petikan's QR address verifies publicly.
        with admin.expect_download() as download:
            admin.locator("a[data-batch-pdf]").click()
        batch = tmp_path / "angkatan.pdf"
        download.value.save_as(batch)
        body = batch.read_bytes()
        assert body.startswith(b"%PDF-") and page_count(body) == recorded
        ours = next(text for text in _streams(body) if numbers[chosen[0]] in text)
        found = re.search(r"(http://127\.0\.0\.1:\d+/sk/(\d+-[0-9A-Z]{12}))", ours)
        assert found is not None, "the petikan prints its verification address"
        url, code = found.groups()

        from projections.ledger.follower import make_checkpoint
        from web import get_ledger
        make_checkpoint(get_ledger(app))  # as the worker signs one every few minutes
        visitor.goto(url)
        expect(visitor.get_by_role("heading", level=1)).to_have_text(
            "Keputusan ini tercatat di log")
        expect(visitor.get_by_test_id("number")).to_contain_text(numbers[chosen[0]])
        expect(visitor.get_by_test_id("proof-result")).to_contain_text("Diperiksa di sini")
        _shoot(visitor, "decree-page")
        checkpoint = visitor.request.get(base + "/log/checkpoint").text()
        size, root = checkpoint.splitlines()[1:3]
        page_text = visitor.locator("main").inner_text()
        assert size in page_text and root in page_text  # the proof's checkpoint is the latest
        proof = visitor.request.get(f"{base}/sk/{code}/bukti.json").body()
        key = visitor.request.get(base + "/log/public-key").text()
        for name, content in (("bukti.json", proof), ("checkpoint.txt", checkpoint.encode()),
                              ("log-key.txt", key.encode())):
            (tmp_path / name).write_bytes(content)
        assert json.loads(proof)
        checked = subprocess.run(  # the offline verifier of docs/AUDIT.md
            [sys.executable, "-m", "projections.ledger.verify", "--inclusion-proof",
             str(tmp_path / "bukti.json"), "--checkpoint", str(tmp_path / "checkpoint.txt"),
             "--public-key", str(tmp_path / "log-key.txt")],
            capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stdout + checked.stderr

        # The officer reads the outcome; the pages as a person would see them.
        officer.goto(period_url)
        expect(officer.locator(f'tr[data-entry="{chosen[2]}"]')).to_contain_text(
            "SKP tahun lalu belum dilampirkan")
        for employee in chosen[:2]:
            expect(officer.locator(f'tr[data-entry="{employee}"]')).to_contain_text(
                numbers[employee])
        _shoot(officer, "period-after")
        officer.get_by_role("link", name="Periode kenaikan pangkat").first.click()
        _shoot(officer, "periods")

        # 4. The roster exports to XLSX.
        officer.goto(base + "/hr/employees")
        with officer.expect_download() as download:
            officer.get_by_test_id("roster-xlsx").click()
        sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
        assert sheet is not None
        header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
        assert header[:2] == ["NIP", "Nama"] and sheet.max_row > 10
    finally:
        for page in (officer, admin, visitor):
            page.context.close()
