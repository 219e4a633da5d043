"""A citizen reads the published releases in a real browser: charts, tables, trackers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import serve

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A demo big enough for agencies of their own (~400 employees), its past year published."""
    from projections.transparency.publication import publish_past_year
    from web import create_app, get_releases, get_service
    from web.loaders.demo import load_demo

    data_dir = str(tmp_path_factory.mktemp("public-site"))
    load_demo(data_dir=data_dir, employees=400, years=2, seed=11, today=TODAY)
    app = create_app({"TESTING": True, "REKAM_DATA_DIR": data_dir})
    publish_past_year(get_service(app), get_releases(app), TODAY)
    with serve(app) as url:
        yield url


def test_a_citizen_reads_a_government_release_with_charts_tables_and_english(
        page: Page, public_site: str) -> None:
    page.goto(public_site + "/")
    page.get_by_role("link", name="Kota Salatiga").click()
    expect(page.get_by_role("heading", name="Kota Salatiga", level=1)).to_be_visible()
    expect(page.get_by_test_id("release-meta")).to_contain_text("salatiga-2026-10-v1")
    section = page.locator("section", has=page.get_by_role(
        "heading", name="Pegawai aktif per kelompok golongan"))
    expect(section.locator("svg.chart")).to_be_visible()
    table = section.get_by_role("table", name="Pegawai aktif per kelompok golongan")
    expect(table.get_by_role("columnheader", name="III")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("<10")
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", name="Active employees by grade group")).to_be_visible()
    page.get_by_role("link", name="Dinas Pendidikan").click()
    expect(page.get_by_role("heading", name="Dinas Pendidikan")).to_be_visible()
    expect(page.get_by_role("heading", name="Active employees per month")).to_be_visible()


@pytest.mark.parametrize("path", ["/", "/pemda/palu", "/pemda/palu/rekrutmen",
                                  "/pemda/palu/opd/setda", "/data", "/metodologi"])
def test_public_pages_read_on_a_390_pixel_phone(page: Page, public_site: str, path: str,
                                                tmp_path_factory: pytest.TempPathFactory
                                                ) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(public_site + path)
    # Tables and charts scroll in their own box: the page itself never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Charts are drawn at their own size, so a 13 px label stays 13 px (never under 12).
    sizes = page.evaluate("""[...document.querySelectorAll('svg.chart text')].map(
        t => t.getBoundingClientRect().height)""")
    assert all(size >= 12 for size in sizes), min(sizes)
    body = page.locator("main").inner_text()
    if path != "/data":  # the codebook is where the codes are explained
        assert "T1" not in body.split() and "e_learning" not in body
    shots = tmp_path_factory.mktemp("phone")
    page.screenshot(path=str(shots / f"{path.strip('/').replace('/', '-') or 'home'}.png"),
                    full_page=True)


def test_a_journalist_follows_recruitment_release_history_and_the_method(
        page: Page, public_site: str) -> None:
    page.goto(public_site + "/pemda/kupang?lang=id")
    page.get_by_role("link", name="Pemantau rekrutmen").click()
    expect(page.get_by_role("heading", name="Pemantau rekrutmen")).to_be_visible()
    expect(page.get_by_role("table", name="Corong rekrutmen per seleksi")).to_be_visible()
    page.get_by_role("link", name="Riwayat rilis").click()
    rows = page.get_by_role("table", name="Riwayat rilis").locator("tbody tr")
    expect(rows).to_have_count(60)
    page.get_by_role("link", name="Metodologi dan privasi").click()
    expect(page.get_by_test_id("policy-version")).to_contain_text("2027.1")
    page.get_by_role("link", name="datapackage.json").click()
    expect(page.locator("body")).to_contain_text("rekam-jejak-transparansi")
