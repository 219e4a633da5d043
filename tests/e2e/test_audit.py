"""An auditor replays an employee's history as of a past date and downloads the bundle."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from playwright.sync_api import Page, expect


def test_an_auditor_views_a_past_state_and_verifies_the_downloaded_bundle(
        page: Page, live_server: str, tmp_path: Path) -> None:
    page.goto(live_server + "/login")
    page.get_by_label("Nama pengguna").fill("auditor")
    page.get_by_label("Kata sandi").fill("demo")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_test_id("demo-banner")).to_be_visible()

    # A name to look for, from the roster every auditor can read.
    page.goto(live_server + "/hr/employees")
    name = page.locator("table tbody a").first.inner_text()
    page.get_by_role("link", name="Audit", exact=True).click()
    page.get_by_label("NIP (18 angka) atau nama").fill(name.split()[-1])
    page.get_by_role("button", name="Cari").click()
    page.get_by_test_id("search-results").get_by_role("link", name=name).first.click()
    expect(page.get_by_test_id("history").locator("tbody tr").first).to_be_visible()

    page.get_by_label("Berlaku pada (TMT)").fill("2025-01-01")
    page.get_by_label("Seperti diketahui pada (UTC, boleh kosong)").fill("2025-06-01T00:00")
    page.get_by_role("button", name="Tampilkan").click()
    header = page.get_by_test_id("states").locator("thead th")
    expect(header).to_have_count(4)  # the row labels, today, in force on, as known at
    expect(header.nth(2)).to_contain_text("Berlaku pada 1 Jan 2025")
    expect(header.nth(3)).to_contain_text("seperti diketahui pada 1 Jun 2025")

    page.get_by_role("link", name="Log dan verifikasi").first.click()
    page.get_by_role("button", name="Periksa sekarang").click()
    expect(page.get_by_test_id("verify-result")).to_contain_text("BERHASIL")
    with page.expect_download() as download_info:
        page.get_by_test_id("bundle-link").click()
    bundle = tmp_path / "bundle.zip"
    download_info.value.save_as(bundle)
    folder = tmp_path / "bundle"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(folder)
    command = re.search(r"python -m projections.ledger.verify (.+)",
                        (folder / "README.txt").read_text())
    assert command
    result = subprocess.run(
        [sys.executable, "-m", "projections.ledger.verify", *command.group(1).split()], cwd=folder,
        capture_output=True, text=True, check=False,
        env={k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSAFEPATH")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK:")
