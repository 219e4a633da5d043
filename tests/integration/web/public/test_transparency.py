"""Public transparency on a published demo: a year of releases, nothing personal leaks, the
structure is exact and hidden figures are few and honestly marked, no hidden cell can be worked
out or narrowed, the attacker with the roster learns nobody's sensitive attribute, and linkage
finds nobody."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.complaint import Complaint
from domain.employee import Employee
from domain.organisation import Agency, Government
from domain.recruitment import RecruitmentRound
from domain.values import Actor, Role, SeparationType
from projections import decrees
from projections.stores.backend import open_service
from projections.transparency import store as release_store
from projections.transparency.attack import attack, audit, cell_figures
from projections.transparency.computed import ComputedRelease, Replay
from projections.transparency.disclosure import (
    MIN_SENSITIVE_GROUP,
    POLICY_VERSION,
    THRESHOLD,
    TOTAL,
    Table,
)
from projections.transparency.publication import (
    due_months,
    publish_months,
    publish_past_year,
    repeat_monthly_tables,
    repeat_yearly_rows,
)
from projections.transparency.releases import age_band, build, month_end
from projections.transparency.store import ReleaseStore
from projections.views import consultation as consultation_queries
from projections.views import staff_survey as staff_survey_queries
from projections.views import voice as voice_queries
from projections.views.runner import Projections
from tests.integration.web.conftest import close_app
from tests.support.dates import TODAY
from tests.support.stores import BACKENDS, backend_of, fresh_store
from web import catch_up_views, create_app, get_ledger, get_releases, get_service
from web.loaders.demo import load_demo
from web.public.open_data import RESOURCES
from web.settings import Settings

SENSITIVE_TABLES = ("appraisal_year", "separations_year")


@dataclass
class Published:
    app: Flask
    client: FlaskClient
    store: ReleaseStore
    replay: Replay  # the private side, folded from every event


@pytest.fixture(scope="module", params=BACKENDS)
def published(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
              ) -> Iterator[Published]:
    """A demo of ~400 employees over two years with its past year published, on each backend
    (built once per module: the tests only read it)."""
    pg = request.getfixturevalue("pg_settings") if request.param == "postgres" else None
    with fresh_store(request.param, tmp_path_factory.mktemp("transparency"), pg) as settings:
        load_demo(backend=backend_of(settings), employees=400, years=2, seed=11,
                  today=TODAY)
        app = create_app({"TESTING": True, "REKAM_FAST_HASHES": "1", **settings})
        service, store = get_service(app), get_releases(app)
        publish_past_year(service, store, TODAY)
        replay = Replay()
        for notification in service.recorder.select_notifications(1, 10**7):
            replay.apply(notification.id, service.mapper.to_domain_event(notification))
        yield Published(app, app.test_client(), store, replay)
        close_app(app)


def _public_urls(p: Published) -> list[str]:
    urls = ["/", "/?lang=en", "/rilis", "/metodologi", "/metodologi?lang=en", "/data",
            "/data?lang=en", "/data/datapackage.json", "/feed.atom", "/feed.json",
            *(f"/data/{name}.csv" for name in ("releases", "cells", "training_hours",
                                               "appointments", "headcount",
                                               "complaints", "complaint_categories",
                                               "survey_results",
                                               "leave_days")),
            "/layanan", "/layanan?lang=en", "/pengaduan", "/pengaduan/lacak"]
    for unit in voice_queries.service_units(catch_up_views(p.app)):
        # citizens' voice: counts, standards and survey aggregates only
        urls += [f"/layanan/{unit['code']}", f"/layanan/{unit['code']}/survei",
                 f"/layanan/{unit['code']}?lang=en"]
    for government in {unit["government_code"] for unit in voice_queries.service_units(
            catch_up_views(p.app))}:  # a government's services rolled up: counts only
        urls += [f"/layanan/pemerintah/{government}", f"/layanan/pemerintah/{government}?lang=en"]
    urls += ["/konsultasi", "/konsultasi?lang=en"]  # consultations: moderated, masked text
    urls += [f"/konsultasi/{row['id']}" for row in consultation_queries.consultations(
        catch_up_views(p.app), date.today())]
    # employee surveys: the answer form while running, results of 10 or more once over
    urls += [f"/survei-pegawai/{row.id}" for row in staff_survey_queries.surveys(
        catch_up_views(p.app), government_id=None)]
    for government in sorted({r.government for r in p.store.releases()}):
        # monitoring indicators: aggregates, the small ones hidden
        urls += [f"/pemda/{government}/indikator", f"/pemda/{government}/indikator?lang=en"]
    urls += _decree_pages(p)
    for release in p.store.releases():
        urls += [f"/pemda/{release.government}?rilis={release.id}",
                 f"/pemda/{release.government}/rekrutmen?rilis={release.id}",
                 f"/data/{release.government}/{release.month}.csv"]
    # TPP: the regulation, amounts per agency and counts of staff cut, under the policy
    urls += [f"/pemda/{government}/tpp{suffix}" for government in
             sorted({r.government for r in p.store.releases()}) for suffix in ("", "?lang=en")]
    for release in {r.government: r for r in p.store.current()[::-1]}.values():
        rows = {r for _, r, _, _ in p.store.cells(release.id, "headcount_status")}
        urls += [f"/pemda/{release.government}/opd/{row}?rilis={release.id}&lang=en"
                 for row in sorted(rows - {TOTAL})]
    return urls


def _decree_pages(p: Published, people: int = 40) -> list[str]:
    """The public pages (/sk/<code>) of every decree of the first `people` employees who never
    held a JPT post (an appointment to one names its holder, as public office: tested in
    tests/integration/web/decrees/), with a signed checkpoint so each shows its proof."""
    ledger, projections = get_ledger(p.app), catch_up_views(p.app)
    ledger.catch_up()
    ledger.sign_checkpoint()
    urls: list[str] = []
    chosen = [e for e in p.replay.of(Employee)
              if not any(isinstance(a, Employee.PositionAssigned) and a.position_type.is_jpt
                         for a in e.actions.values())][:people]
    for employee in chosen:
        for version, action in sorted(employee.actions.items()):
            if action.legal_basis is not None:
                found = decrees.issue(ledger, projections, employee.id, version)
                assert found is not None
                urls.append(f"/sk/{found.code}")
    assert len(urls) > people
    return urls


class TestReleases:
    def test_every_government_has_a_release_for_each_month_of_the_past_year(
            self, published: Published) -> None:
        months = due_months(TODAY, 15)
        by_government = defaultdict(set)
        for release in published.store.releases():
            by_government[release.government].add(release.month)
            assert release.policy_version and release.position > 0
        assert set(by_government) == {"salatiga", "plaju", "tanjungbalai", "kupang", "palu"}
        assert all(found == set(months) for found in by_government.values())

    def test_each_month_is_computed_from_the_log_as_it_stood_on_its_publication_day(
            self, published: Published) -> None:
        releases = sorted(published.store.current("salatiga"), key=lambda r: r.month)
        positions = [r.position for r in releases]
        assert positions == sorted(positions) and positions[0] < positions[-1]

    def test_publishing_again_adds_nothing_when_nothing_changed(
            self, published: Published) -> None:
        before = len(published.store.releases())
        service = get_service(published.app)
        assert publish_past_year(service, published.store, TODAY) == []
        assert len(published.store.releases()) == before
        # The whole log counts the same people the same way as the publication day's prefix.
        # Citizens' voice is left out of the comparison: the demo records complaint handling,
        # survey periods and consultations out of time order with the employees' history (each
        # under its own clock), so the whole log holds some of their steps of the month that
        # the prefix did not (tests/integration/web/public/test_voice_data.py checks them).
        month = due_months(TODAY, 15)[-1]
        late = {"survey_result", "consultation_answered", "complaint_answer_time"}
        for computed in build(service, [(month, None)]):
            repeat_yearly_rows(published.store, computed)
            repeat_monthly_tables(published.store, computed)
            stored = published.store.latest(computed.government_code, month)
            assert stored is not None
            voice = {"complaints", "complaint_categories"}
            assert sorted(c for c in computed.cells() if c[0] not in voice) == sorted(
                c for c in published.store.cells(stored.id) if c[0] not in voice)
            assert [i for i in computed.items if i["kind"] not in late] == [
                i for i in published.store.items(stored.id) if i["kind"] not in late]

    def test_every_public_page_and_file_answers(self, published: Published) -> None:
        for url in _public_urls(published):
            response = published.client.get(url)
            assert response.status_code == 200, url
        assert published.client.get("/pemda/nowhere").status_code == 404
        assert published.client.get("/pemda/salatiga?rilis=palu-2026-01-v1").status_code == 404
        assert published.client.get("/data/secret.csv").status_code == 404
        assert published.client.get("/data/salatiga/1999-01.csv").status_code == 404
        assert published.client.get("/data/salatiga/latest.xlsx").status_code == 404


def _private_values(p: Published) -> dict[str, set[str]]:
    """Every name, NIP, NIK, birth date and individual score of the demo, decrypted."""
    vault = get_service(p.app).vault
    office_holders = {i["name"] for r in p.store.releases() for i in p.store.items(r.id)
                      if i["kind"] == "jpt_appointment"}
    found: dict[str, set[str]] = defaultdict(set)

    def add(subject: Any, personal: Any, fields: tuple[str, ...]) -> None:
        for name in fields:
            value = vault.open(subject, name, personal.get(name))
            if isinstance(value, str):
                found[name].add(value)

    for employee in p.replay.of(Employee):
        add(employee.subject_id, employee.personal, ("name", "nip", "birth_on"))
    for round_ in p.replay.of(RecruitmentRound):
        for applicant in round_.applicants.values():
            add(applicant.subject_id, applicant.personal, ("name", "nik", "birth_on"))
            if applicant.final_score:
                found["score"].add(applicant.final_score)
    for complaint in p.replay.of(Complaint):  # a complainant's contact is never public
        add(complaint.subject_id, {"contact": complaint.contact}, ("contact",))
    found["name"] -= office_holders  # public office holders are named by law (T0)
    births = found.pop("birth_on")
    found["birth date"] = set()
    for iso in births:
        born = date.fromisoformat(iso)
        found["birth date"] |= {iso, born.strftime("%Y%m%d"), born.strftime("%d-%m-%Y"),
                                born.strftime("%d/%m/%Y")}
    found["rating"] = {"SANGAT_BAIK", "BUTUH_PERBAIKAN", "SANGAT_KURANG"}
    return found


class TestNothingPersonalIsPublished:
    def test_no_page_feed_or_download_holds_personal_data(self, published: Published) -> None:
        private = _private_values(published)
        assert len(private["name"]) > 300 and len(private["nip"]) > 300
        assert private["nik"] and private["score"] and private["contact"]
        leaks = []
        for url in _public_urls(published):
            body = published.client.get(url).get_data(as_text=True)
            lowered = body.lower()
            words = set(re.findall(r"[\w./-]+", body))
            for kind, values in private.items():
                for value in values:
                    hit = value.lower() in lowered if kind == "name" else value in words
                    if hit:
                        leaks.append((url, kind))
        assert leaks == []

    def test_named_appointments_carry_only_the_name_the_post_and_the_month(
            self, published: Published) -> None:
        items = [i for r in published.store.releases() for i in published.store.items(r.id)
                 if i["kind"] == "jpt_appointment"]
        assert len(items) >= 5  # each government filled its senior posts that July
        assert all(set(i) == {"tier", "kind", "name", "position", "agency", "month"}
                   for i in items)
        release = next(r for r in published.store.current("salatiga")
                       if any(i["kind"] == "jpt_appointment"
                              for i in published.store.items(r.id)))
        page = published.client.get(f"/pemda/salatiga/rekrutmen?rilis={release.id}")
        assert any(i["name"] in page.get_data(as_text=True) for i in items)
        appointments = _csv(published, "appointments")
        assert {a["name"] for a in appointments} == {i["name"] for i in items}


def _csv(p: Published, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(p.client.get(f"/data/{name}.csv")
                                           .get_data(as_text=True))))


class TestHonestFigures:
    def test_structure_is_exact_and_at_most_a_tenth_of_the_figures_is_hidden(
            self, published: Published) -> None:
        figures = cell_figures(published.store)
        assert figures["cells"] > 10_000
        assert figures["hidden_share"] <= 0.10
        assert figures["invariant_cells_hidden"] == 0
        hidden_tables = {k for k, c in figures["per_table"].items() if c["hidden"]}
        # leave days: the sensitive classes per agency and month, hidden for fewer than ten
        # people (tests/unit/projections/transparency/test_leave_table.py)
        assert hidden_tables <= {*SENSITIVE_TABLES, "leave_days"}
        for release in published.store.current():
            stored = published.store.figures(release.id)
            assert stored["invariants_complete"] and release.policy_version == POLICY_VERSION

    def test_every_split_of_the_active_staff_adds_up_to_the_exact_headcount(
            self, published: Published) -> None:
        for release in published.store.current():
            totals = {(k, r): v for k, r, c, v in published.store.cells(release.id)
                      if c == TOTAL}
            for row in {r for k, r in totals if k == "headcount_status"}:
                expected = totals[("headcount_status", row)]
                for table in ("headcount_grade", "headcount_position", "age_band",
                              "headcount_education", "headcount_sex", "training_20jp"):
                    assert totals[(table, row)] == expected, (release.id, table, row)

    def test_a_sensitive_row_shows_classes_of_ten_or_more_or_none_and_never_a_zero(
            self, published: Published) -> None:
        rows: dict[tuple[str, str, str], dict[str, int | None]] = defaultdict(dict)
        for cell in _csv(published, "cells"):
            if cell["table"] in SENSITIVE_TABLES:
                rows[(cell["release_id"], cell["table"], cell["row"])][cell["column"]] = (
                    None if cell["count"] == "" else int(cell["count"]))
        assert any("appraisal_year" in key for key in rows)
        for key, row in rows.items():
            total = row.pop(TOTAL)
            assert total is not None and total >= MIN_SENSITIVE_GROUP, key
            values = list(row.values())
            assert all(v is None for v in values) or all(
                v is not None and v >= THRESHOLD for v in values), key

    def test_no_public_page_file_or_feed_shows_a_range(self, published: Published) -> None:
        shown = []
        for url in _public_urls(published):
            body = published.client.get(url).get_data(as_text=True)
            if f"<{THRESHOLD}" in body or f"&lt;{THRESHOLD}" in body:
                shown.append(url)
        assert shown == []

    def test_a_page_with_a_hidden_figure_marks_it_and_says_once_what_the_mark_means(
            self, published: Published) -> None:
        release = next(r for r in published.store.current()
                       if any(v is None for *_, v in published.store.cells(r.id)))
        body = published.client.get(
            f"/pemda/{release.government}?rilis={release.id}").get_data(as_text=True)
        assert 'hidden-cell">×<' in body
        assert body.count('data-testid="hidden-note"') == 1

    def test_home_and_government_pages_show_the_exact_headcount_of_every_month(
            self, published: Published) -> None:
        totals = {(r["government"], r["month"]): int(r["count"])
                  for r in _csv(published, "headcount")
                  if r["agency"] == TOTAL and r["employment_type"] == TOTAL}
        home = published.client.get("/").get_data(as_text=True)
        for government in {g for g, _ in totals}:
            newest = max(m for g, m in totals if g == government)
            assert (f'data-testid="total-{government}">'
                    f'{totals[(government, newest)]:,}'.replace(",", ".")) in home
            page = published.client.get(f"/pemda/{government}").get_data(as_text=True)
            trend = page[page.index('data-table="trend"'):]
            trend = trend[:trend.index("</table>")]
            assert "×" not in trend
            for (g, month), count in totals.items():
                if g == government:
                    assert f"{count:,}".replace(",", ".") in trend, (government, month)


def _tables(p: Published) -> dict[tuple[str, str], dict[tuple[str, str], int | None]]:
    """(release, table) -> published grid, read back from the public CSV."""
    tables: dict[tuple[str, str], dict[tuple[str, str], int | None]] = defaultdict(dict)
    for cell in _csv(p, "cells"):
        tables[(cell["release_id"], cell["table"])][(cell["row"], cell["column"])] = (
            None if cell["count"] == "" else int(cell["count"]))
    return tables


def _exposed(grid: dict[tuple[str, str], int | None]) -> list[tuple[str, str]]:
    """An auditor's own check: hidden cells fixed by the published row and column sums.

    Written independently of projections/transparency/disclosure.py: a hidden cell is exposed
    when adding "this cell = v" to the sum equations does not raise the rank of the hidden
    cells' system.
    """
    hidden = sorted(k for k, v in grid.items() if v is None)
    if not hidden:
        return []
    index = {k: i for i, k in enumerate(hidden)}
    rows = {r for r, _ in grid} - {TOTAL}
    columns = {c for _, c in grid} - {TOTAL}
    equations = []
    lines = ([[(r, c) for c in columns] + [(r, TOTAL)] for r in rows | {TOTAL}]
             if any(c == TOTAL for _, c in grid) else [])
    lines += ([[(r, c) for r in rows] + [(TOTAL, c)] for c in columns | {TOTAL}]
              if any(r == TOTAL for r, _ in grid) else [])
    for line in lines:
        if any(cell not in grid for cell in line):
            continue
        vector = [0] * len(hidden)
        for cell in line:
            if cell in index:
                vector[index[cell]] += -1 if cell == line[-1] else 1
        if any(vector):
            equations.append(vector)
    base = _rank(equations)
    exposed = []
    for cell, i in index.items():
        unit = [int(j == i) for j in range(len(hidden))]
        if _rank([*equations, unit]) == base:
            exposed.append(cell)
    return exposed


def _rank(vectors: list[list[int]]) -> int:
    """Rank by fraction-free elimination over the integers (exact, and quicker than
    Fraction for these small 0/±1 systems)."""
    rows, rank = [list(v) for v in vectors], 0
    for column in range(len(rows[0]) if rows else 0):
        pivot = next((r for r in rows[rank:] if r[column]), None)
        if pivot is None:
            continue
        rows.remove(pivot)
        rows.insert(rank, pivot)
        for k in range(rank + 1, len(rows)):
            r = rows[k]
            if r[column]:
                reduced = [pivot[column] * a - r[column] * b for a, b in zip(r, pivot,
                                                                             strict=True)]
                divisor = math.gcd(*reduced) or 1
                rows[k] = [v // divisor for v in reduced]
        rank += 1
    return rank


class TestSuppressionAudit:
    def test_the_auditor_finds_a_cell_given_away_by_its_margins(self) -> None:
        grid: dict[tuple[str, str], int | None] = {
            ("a", "x"): None, ("a", "y"): 20, ("a", TOTAL): 25, ("b", "x"): 30, ("b", "y"): 40,
            ("b", TOTAL): 70, (TOTAL, "x"): 35, (TOTAL, "y"): 60, (TOTAL, TOTAL): 95}
        assert _exposed(grid) == [("a", "x")]
        grid[("a", "y")] = grid[("b", "x")] = grid[("b", "y")] = None
        assert _exposed(grid) == []

    def test_no_hidden_cell_follows_from_its_release_margins(
            self, published: Published) -> None:
        tables = _tables(published)
        hidden = sum(v is None for grid in tables.values() for v in grid.values())
        assert hidden > 100
        exposed = {key: cells for key, grid in tables.items() if (cells := _exposed(grid))}
        assert exposed == {}

    def test_the_interval_audit_over_every_release_narrows_no_sensitive_cell(
            self, published: Published) -> None:
        figures, found = audit(published.store)
        assert figures["sensitive_hidden"] > 0  # there is something for the audit to attack
        assert figures["sensitive_recoverable_exactly"] == 0
        assert figures["sensitive_narrower_than_threshold"] == 0
        assert figures["recoverable_exactly"] == 0
        assert all(i.width >= MIN_SENSITIVE_GROUP for i in found.values())

    def test_the_attacker_with_the_roster_learns_nobodys_sensitive_attribute(
            self, published: Published) -> None:
        _, found = audit(published.store)
        learned = attack(get_service(published.app), published.store, found)
        assert learned["leavers_in_published_months"] > 0 and learned["people_rated"] > 0
        assert learned["people_sensitive_attribute_learned"] == 0


class TestCorrections:
    def test_a_late_entry_publishes_a_correction_and_the_first_release_stays(
            self, published: Published) -> None:
        service = get_service(published.app)
        month = due_months(TODAY, 15)[-1]
        end = month_end(month)
        on = end - timedelta(days=3)
        leaver = next(e for e in published.replay.of(Employee)
                      if service.get_employee(e.id).state.is_active
                      and max(a.effective_on for a in e.in_force()) < on)
        service.separate(leaver.id, separation_type=SeparationType.RESIGNATION,
                         effective_on=on, actor=Actor("tester", Role.HR_ADMIN),
                         legal_basis=None)
        stored = publish_months(service, published.store, [(month, None)])
        corrected = [r for r in stored if r.is_correction]
        assert corrected, "the changed month gets a new release"
        for release in corrected:
            first = published.store.get(str(release.supersedes))
            assert first is not None and first.version == release.version - 1
            assert published.store.published(first.id)  # still there, unchanged
        history = published.client.get("/rilis").get_data(as_text=True)
        assert corrected[0].id in history
        with pytest.raises(Exception, match="never changes"), \
                published.store.store.write() as sql:
            sql.execute(f"UPDATE {published.store.table('release')} SET month = '1999-01'")


@dataclass(frozen=True)
class Known:
    """What the attacker holds about one employee: NIP (so birth date, sex, TMT), agency,
    grade."""

    birth_on: date
    agency: str
    grade_group: str


# Public structure whose every dimension is a quasi-identifier the attacker holds (agency,
# grade group, PPPK, age and sex from the NIP), published exactly since policy 2027.1: a cell
# with one person in it names someone the attacker had already placed there from the roster,
# and tells nothing more. (Before sex was published they were 1,345 of the 1,346 one-person
# cells on the test demo.)
ROSTER_ONLY = ("headcount_grade", "headcount_status", "age_band", "headcount_sex")


class TestLinkageAttack:
    def test_at_most_one_in_a_thousand_published_rows_links_to_exactly_one_person(
            self, published: Published, record_property: Any) -> None:
        vault = get_service(published.app).vault
        agencies = {a.id: str(a.code) for a in published.replay.of(Agency)}
        governments = {str(g.code): g.id for g in published.replay.of(Government)}
        rows = linked = 0
        for release in published.store.current():
            end = month_end(release.month)
            roster = []
            for employee in published.replay.of(Employee):
                state = employee.state_on(end)
                if not state.is_active or state.grade is None or state.agency_id is None \
                        or state.government_id != governments[release.government]:
                    continue  # agency codes repeat across governments: only this one's staff
                if agencies.get(state.agency_id) is None:
                    continue
                born = vault.open(employee.subject_id, "birth_on",
                                  employee.personal.get("birth_on"))
                if not isinstance(born, str):
                    continue
                agency = agencies[state.agency_id]
                roster.append(Known(date.fromisoformat(born), agency, state.grade.group))
            for key, row, column, count in published.store.cells(release.id):
                if not count or key.split(":")[0] in ("formations", "recruitment",
                                                      "selections"):
                    continue  # applicants are not on the attacker's roster
                if key in ROSTER_ONLY:
                    continue
                rows += 1
                candidates = [k for k in roster if (row == TOTAL or k.agency == row)
                              and _consistent(key, column, k, end)]
                linked += len(candidates) == 1
        share = linked / rows
        record_property("linkage_share", share)
        print(f"linkage attack: {linked} of {rows} published rows link to one person "
              f"({share:.4%})")
        assert rows > 1000
        assert share <= 0.001


def _consistent(key: str, column: str, known: Known, end: date) -> bool:
    """Whether a person the attacker knows could be counted in this column."""
    if column == TOTAL:
        return True
    if key == "headcount_grade":
        return known.grade_group == column
    if key == "promotions":
        return known.grade_group == column.split("-")[1]
    if key == "age_band":
        return age_band(known.birth_on, end) == column
    if key == "headcount_status" and column == "PPPK":
        return known.grade_group == "PPPK"
    return True


class TestBackends:
    def test_releases_are_published_and_immutable_on_each_backend(
            self, store_env: dict[str, str]) -> None:
        with _small_demo(store_env) as (service, store):
            stored = publish_past_year(service, store, TODAY)
            assert len(stored) == 12 * 5
            assert publish_past_year(service, store, TODAY) == []
            assert all(store.figures(r.id)["invariants_complete"] for r in stored)
            with pytest.raises(Exception, match="never changes"), \
                    store.store.write() as sql:
                sql.execute(f"DELETE FROM {store.table('release_cell')}")
            with pytest.raises(Exception, match="never changes"), \
                    store.store.write() as sql:
                sql.execute(f"DELETE FROM {store.table('release_figures')}")
            assert store.cells(stored[0].id)

    def test_a_new_policy_publishes_the_past_year_again_as_corrections_that_name_it(
            self, store_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
        with _small_demo(store_env) as (service, store):
            with monkeypatch.context() as patched:
                patched.setattr(release_store, "POLICY_VERSION", "2026.1")
                old = publish_past_year(service, store, TODAY)
            before = {r.id: store.published(r.id) for r in old}
            corrections = publish_past_year(service, store, TODAY)
            assert len(corrections) == len(old)
            assert all(r.is_correction and r.policy_version == POLICY_VERSION
                       for r in corrections)
            assert {r.supersedes for r in corrections} == set(before)
            # Stored unchanged; on the public side without the tables 2026.1 withdraws.
            assert all(store.published(key, withdrawn=True) == cells
                       for key, cells in before.items())
            assert all({k for k, _, _ in store.published(key)} == {k for k, _, _ in cells}
                       - {"appraisal", "separations"} for key, cells in before.items())
            assert {r.position for r in corrections} == {r.position for r in old}
            assert publish_past_year(service, store, TODAY) == []


class TestTheAttackerCanSucceed:
    def test_a_row_that_leaves_dismissal_or_death_alone_gives_a_leaver_away(
            self, store_env: dict[str, str]) -> None:
        """The attacker is no straw man: a 2026.1-style row 'retirement 0, resignation 0,
        contract end 0, other 1' tells whoever knows who left that this leaver died or was
        dismissed; the 2027.1 release of the same month does not."""
        with _small_demo(store_env) as (service, store):
            month = due_months(TODAY, 15)[-1]
            on = month_end(month) - timedelta(days=3)
            replay = Replay()
            for notification in service.recorder.select_notifications(1, 10**7):
                replay.apply(notification.id, service.mapper.to_domain_event(notification))
            dead = next(e for e in replay.of(Employee) if e.state.is_active
                        and max(a.effective_on for a in e.in_force()) < on)
            service.separate(dead.id, separation_type=SeparationType.DEATH, effective_on=on,
                             actor=Actor("tester", Role.HR_ADMIN), legal_basis=None)
            assert publish_months(service, store, [(month, None)])
            honest = attack(service, store, audit(store)[1])
            assert honest["leavers_dismissal_or_death_learned"] == 0

            agency = next(str(a.code) for a in replay.of(Agency)
                          if a.id == dead.state.agency_id)
            code = next(str(g.code) for g in replay.of(Government)
                        if g.id == dead.state.government_id)
            government = store.latest(code, month)
            assert government is not None
            leaky = ComputedRelease(government.government, month, government.position, [Table(
                "separations", [agency], ["retirement", "resignation", "contract_end", "other"],
                [[0, 0, 0, 1]])], labels=government.labels)
            assert store.add(leaky, government.labels) is not None
            learned = attack(service, store, audit(store)[1])
            assert learned["leavers_dismissal_or_death_learned"] >= 1


@contextmanager
def _small_demo(store_env: dict[str, str]) -> Iterator[tuple[Any, ReleaseStore]]:
    """A 60-employee demo over two years, nothing published yet: its service and releases."""
    backend = Settings.from_env(store_env).backend
    load_demo(backend=backend, employees=60, years=2, seed=4, today=TODAY)
    service = open_service(backend)
    projections = Projections.open(service, backend)
    try:
        yield service, ReleaseStore(projections.store)
    finally:
        projections.close()
        service.close()


class TestOpenData:
    def _download(self, published: Published, into: Path) -> Path:
        (into / "datapackage.json").write_bytes(
            published.client.get("/data/datapackage.json").data)
        for name in RESOURCES:
            (into / f"{name}.csv").write_bytes(published.client.get(f"/data/{name}.csv").data)
        return into / "datapackage.json"

    def test_the_data_package_validates(self, published: Published, tmp_path: Path) -> None:
        from frictionless import Package

        package = Package(str(self._download(published, tmp_path)))
        report = package.validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
        assert package.licenses[0]["name"] == "CC-BY-4.0"

    def test_the_headcount_resource_is_complete_for_every_agency_status_and_month(
            self, published: Published) -> None:
        rows = _csv(published, "headcount")
        assert rows and all(r["count"] != "" for r in rows)
        keys = {(r["government"], r["agency"], r["employment_type"], r["month"])
                for r in rows}
        for release in published.store.current():
            agencies = {*release.labels["agencies"], TOTAL}
            for agency in agencies:
                for kind in ("CPNS", "PNS", "PPPK", TOTAL):
                    assert (release.government, agency, kind, release.month) in keys

    def test_an_empty_count_slipped_into_the_headcount_download_is_caught(
            self, published: Published, tmp_path: Path) -> None:
        from frictionless import Package

        path = self._download(published, tmp_path)
        lines = (tmp_path / "headcount.csv").read_text().splitlines()
        lines.append(lines[1].rsplit(",", 1)[0] + ",")
        (tmp_path / "headcount.csv").write_text("\n".join(lines) + "\n")
        assert not Package(str(path)).get_resource("headcount").validate().valid

    def test_the_desk_offers_each_month_as_csv_and_xlsx_with_a_codebook(
            self, published: Published) -> None:
        from openpyxl import load_workbook

        desk = published.client.get("/data?lang=id").get_data(as_text=True)
        assert "<strong>×</strong> = disembunyikan" in desk and "ditulis “×”" in desk
        release = published.store.latest("salatiga")
        assert release is not None
        assert f"/data/salatiga/{release.month}.xlsx" in desk
        assert 'data-table="codebook-tables"' in desk and "headcount_status" in desk
        for code, name in release.labels["agencies"].items():
            assert f"<code>{code}</code>" in desk and name in desk
        rows = list(csv.DictReader(io.StringIO(published.client.get(
            f"/data/salatiga/{release.month}.csv").get_data(as_text=True))))
        assert {r["table"] for r in rows} >= {"headcount_status", "appraisal_year"}
        assert all(r["column_name"] for r in rows)
        book = load_workbook(io.BytesIO(published.client.get(
            f"/data/salatiga/{release.month}.xlsx").data))
        assert "headcount_status" in book.sheetnames
        values = [c.value for sheet in book.worksheets for row in sheet.iter_rows()
                  for c in row]
        assert release.id in " ".join(str(v) for v in values)
        assert f"<{THRESHOLD}" not in " ".join(str(v) for v in values)

    def test_the_feeds_carry_each_releases_headline_figures_in_indonesian(
            self, published: Published) -> None:
        from xml.etree import ElementTree as ET

        feed = published.client.get("/feed.json")
        assert feed.mimetype == "application/feed+json"
        body = feed.json
        assert body is not None and body["version"] == "https://jsonfeed.org/version/1.1"
        ids = [item["id"] for item in body["items"]]
        assert len(ids) == len(set(ids))
        titles = " ".join(item["title"] for item in body["items"])
        assert "Rilis bulanan" in titles and "Seleksi" in titles and "Pengangkatan JPT" in titles
        releases = [i for i in body["items"] if i["title"].startswith("Rilis bulanan")]
        assert releases and all(
            re.search(r"Pegawai aktif [\d.]+; pengangkatan baru [\d.]+; kenaikan pangkat "
                      r"[\d.]+; pemberhentian [\d.]+; pelatihan diikuti [\d.]+; "
                      r"mencapai 20 JP tahun ini [\d,]+%", i["content_text"])
            for i in releases)
        assert "T1 ·" not in json.dumps(body)
        atom = ET.fromstring(published.client.get("/feed.atom").data)  # noqa: S314 - our own
        entries = atom.findall("{http://www.w3.org/2005/Atom}entry")
        assert len(entries) == len(ids)
