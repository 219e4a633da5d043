"""A 2026.1 release corrected under 2027.1 stays public, but its sensitive tables leave every
public page, file and feed, with a notice naming the correction; the audit and the attacker
with the roster then find nothing; a year's sensitive row is the same in every release."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from projections.transparency.attack import attack, audit, yearly_differences
from projections.transparency.computed import ComputedRelease, Replay
from projections.transparency.disclosure import (
    TOTAL,
    WITHDRAWN_ONCE_CORRECTED,
    sensitive_table,
)
from projections.transparency.publication import publish_past_year, repeat_yearly_rows
from projections.transparency.store import Release
from tests.integration.web.conftest import close_app
from tests.integration.web.public.test_transparency import Published, _private_values
from tests.support.dates import TODAY
from tests.support.legacy_releases import LEGACY_POLICY, publish_legacy_year
from tests.support.stores import BACKENDS, backend_of, fresh_store
from web import create_app, get_releases, get_service
from web.loaders.demo import load_demo
from web.public.open_data import RESOURCES

WITHDRAWN = WITHDRAWN_ONCE_CORRECTED[LEGACY_POLICY]


@pytest.fixture(scope="module", params=BACKENDS)
def corrected(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
              ) -> Iterator[Published]:
    """The test demo's past year published under 2026.1, then corrected under 2027.1."""
    pg = request.getfixturevalue("pg_settings") if request.param == "postgres" else None
    with fresh_store(request.param, tmp_path_factory.mktemp("withdrawal"), pg) as settings:
        load_demo(backend=backend_of(settings), employees=400, years=2, seed=11,
                  today=TODAY)
        app = create_app({"TESTING": True, "REKAM_FAST_HASHES": "1", **settings})
        service, store = get_service(app), get_releases(app)
        assert len(publish_legacy_year(service, store, TODAY)) == 60
        assert len(publish_past_year(service, store, TODAY)) == 60
        replay = Replay()
        for notification in service.recorder.select_notifications(1, 10**7):
            replay.apply(notification.id, service.mapper.to_domain_event(notification))
        yield Published(app, app.test_client(), store, replay)
        close_app(app)


def _legacy(p: Published) -> list[Release]:
    return [r for r in p.store.releases() if r.policy_version == LEGACY_POLICY]


def _urls(p: Published) -> list[str]:
    urls = ["/", "/rilis", "/rilis?lang=en", "/metodologi", "/data", "/data?lang=en",
            "/feed.atom", "/feed.json",
            *(f"/data/{n}.csv" for n in ("releases", "cells", "training_hours", "headcount"))]
    for release in p.store.releases():
        urls += [f"/pemda/{release.government}?rilis={release.id}",
                 f"/pemda/{release.government}/rekrutmen?rilis={release.id}",
                 f"/data/{release.government}/{release.month}.csv"]
    for release in _legacy(p)[:10]:
        rows = sorted(release.labels["agencies"])
        urls += [f"/pemda/{release.government}/opd/{row}?rilis={release.id}" for row in rows]
    return urls


class TestWithdrawnTables:
    def test_every_corrected_2026_1_release_withdraws_its_sensitive_tables_only(
            self, corrected: Published) -> None:
        legacy = _legacy(corrected)
        assert len(legacy) == 60
        for release in legacy:
            withdrawal = corrected.store.withdrawal(release.id)
            assert withdrawal is not None and set(withdrawal.tables) == WITHDRAWN
            by = corrected.store.get(withdrawal.by)
            assert by is not None and by.supersedes == release.id
            public = {k for k, *_ in corrected.store.cells(release.id)}
            stored = {k for k, *_ in corrected.store.cells(release.id, withdrawn=True)}
            assert stored - public == WITHDRAWN  # still stored, for auditors
            assert "headcount_status" in public
        assert all(corrected.store.withdrawal(r.id) is None for r in corrected.store.current())

    def test_a_withdrawn_table_is_on_no_public_page_file_or_feed(
            self, corrected: Published) -> None:
        legacy = {r.id for r in _legacy(corrected)}
        for url in _urls(corrected):
            response = corrected.client.get(url)
            assert response.status_code == 200, url
            body = response.get_data(as_text=True)
            if "?rilis=" in url and url.split("rilis=")[1].split("&")[0] in legacy:
                for key in WITHDRAWN:
                    assert f'data-table="{key}"' not in body, (url, key)
        cells = csv.DictReader(io.StringIO(
            corrected.client.get("/data/cells.csv").get_data(as_text=True)))
        assert not [c for c in cells if c["release_id"] in legacy and c["table"] in WITHDRAWN]
        for government in {r.government for r in _legacy(corrected)}:  # what charts read
            assert corrected.store.series(government, "appraisal", TOTAL, TOTAL) == {}
        feed = corrected.client.get("/feed.json").get_json()
        for item in feed["items"]:
            rilis = item["url"].split("rilis=")[-1]
            if rilis in legacy and "Rilis bulanan" in item["title"]:
                assert "pemberhentian –" in item["content_text"], item

    def test_the_page_of_a_withdrawn_release_names_and_links_the_correcting_release(
            self, corrected: Published) -> None:
        release = _legacy(corrected)[0]
        withdrawal = corrected.store.withdrawal(release.id)
        assert withdrawal is not None
        link = f'href="/pemda/{release.government}?rilis={withdrawal.by}"'
        for lang, words in (("id", "Ditarik"), ("en", "Withdrawn")):
            body = corrected.client.get(
                f"/pemda/{release.government}?rilis={release.id}&lang={lang}"
            ).get_data(as_text=True)
            note = body[body.index('data-testid="withdrawn-note"'):]
            note = note[:note.index("</p>")]
            assert words in note and link in note and withdrawal.by in note
            agency = sorted(release.labels["agencies"])[0]
            page = corrected.client.get(
                f"/pemda/{release.government}/opd/{agency}?rilis={release.id}&lang={lang}")
            assert link in page.get_data(as_text=True)
        current = corrected.client.get(f"/pemda/{release.government}?rilis={withdrawal.by}")
        assert 'data-testid="withdrawn-note"' not in current.get_data(as_text=True)

    def test_the_release_list_releases_csv_and_feeds_say_what_was_withdrawn_and_why(
            self, corrected: Published) -> None:
        history = corrected.client.get("/rilis?lang=id").get_data(as_text=True)
        for release in _legacy(corrected):
            withdrawal = corrected.store.withdrawal(release.id)
            assert withdrawal is not None
            assert f'data-testid="withdrawn-{release.id}"' in history
            assert f"ditarik ketika rilis {withdrawal.by} mengoreksinya" in history
        rows = {r["release_id"]: r for r in csv.DictReader(io.StringIO(
            corrected.client.get("/data/releases.csv").get_data(as_text=True)))}
        for release in corrected.store.releases():
            row, withdrawal = rows[release.id], corrected.store.withdrawal(release.id)
            if withdrawal is None:
                assert row["withdrawn_tables"] == row["withdrawn_by"] == ""
                continue
            assert set(row["withdrawn_tables"].split(";")) == WITHDRAWN
            assert row["withdrawn_by"] == withdrawal.by
            assert f"ditarik ketika rilis {withdrawal.by} mengoreksinya" in (
                row["withdrawn_reason"])
        atom = corrected.client.get("/feed.atom").get_data(as_text=True)
        assert len(re.findall(r"ditarik ketika rilis \S+ mengoreksinya", atom)) == 60

    def test_the_data_package_with_its_withdrawal_columns_validates(
            self, corrected: Published, tmp_path: Path) -> None:
        from frictionless import Package

        (tmp_path / "datapackage.json").write_bytes(
            corrected.client.get("/data/datapackage.json").data)
        for name in RESOURCES:
            (tmp_path / f"{name}.csv").write_bytes(
                corrected.client.get(f"/data/{name}.csv").data)
        report = Package(str(tmp_path / "datapackage.json")).validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]

    def test_public_pages_pass_the_privacy_scan(self, corrected: Published) -> None:
        private = _private_values(corrected)
        leaks = []
        for url in _urls(corrected):
            body = corrected.client.get(url).get_data(as_text=True)
            lowered, words = body.lower(), set(re.findall(r"[\w./-]+", body))
            leaks += [(url, kind) for kind, values in private.items() for value in values
                      if (value.lower() in lowered if kind == "name" else value in words)]
        assert leaks == []


class TestAuditAfterWithdrawal:
    def test_the_withdrawn_tables_gave_people_away_and_what_is_public_now_gives_none(
            self, corrected: Published) -> None:
        service = get_service(corrected.app)
        copied, found_copied = audit(corrected.store, as_published=True)
        assert copied["sensitive_recoverable_exactly"] > 0  # the audit can fail
        learned_copied = attack(service, corrected.store, found_copied, as_published=True)
        assert learned_copied["people_sensitive_attribute_learned"] > 0

        public, found = audit(corrected.store)
        assert public["sensitive_recoverable_exactly"] == 0
        assert public["sensitive_narrower_than_threshold"] == 0
        learned = attack(service, corrected.store, found)
        assert learned["people_sensitive_attribute_learned"] == 0


class TestYearlyRows:
    def test_a_years_row_is_the_same_in_every_release_that_shows_it(
            self, corrected: Published) -> None:
        figures = yearly_differences(corrected.store)
        assert figures["yearly_rows"] > 0
        assert figures["yearly_rows_differing_across_releases"] == 0

    def test_a_later_month_repeats_the_row_of_its_years_first_release(
            self, corrected: Published) -> None:
        store = corrected.store
        release = max(store.current(), key=lambda r: (r.month, r.government))
        first = min((r for r in store.current(release.government)
                     if r.month[:4] == release.month[:4]), key=lambda r: r.month)
        row = store.cells(first.id, "appraisal_year")
        assert row, "the test demo publishes a yearly appraisal row"
        year = row[0][1]
        late = ComputedRelease(release.government, release.month, release.position)
        changed = sensitive_table("appraisal_year", [year], ["good", "below_good"],
                                  [[500, 37]])
        assert changed is not None
        late.tables.append(changed)
        repeat_yearly_rows(store, late)
        assert [(t, r, c, v) for t, r, c, v in late.cells() if t == "appraisal_year"] == row

    def test_the_audit_figure_counts_a_row_published_two_ways(
            self, corrected: Published) -> None:
        """Last in the module: it publishes a correction into the shared store."""
        store = corrected.store
        release = max(store.current(), key=lambda r: (r.month, r.government))
        before = yearly_differences(store)["yearly_rows_differing_across_releases"]
        year = store.cells(release.id, "appraisal_year")[0][1]
        other = sensitive_table("appraisal_year", [year], ["good", "below_good"], [[500, 37]])
        assert other is not None
        leaky = ComputedRelease(release.government, release.month, release.position, [other],
                                labels=release.labels)
        assert store.add(leaky, release.labels) is not None
        assert yearly_differences(store)["yearly_rows_differing_across_releases"] == before + 1
