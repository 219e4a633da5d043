"""Citizens' voice in the releases: the complaint table of each unit and month, the survey
results of the periods closed in the month and the answered consultations, in the data package
and the feeds, each recomputed from the stored events; on the demo of each backend."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pytest
from flask import Flask

from domain.complaint_figures import COUNTS
from domain.consultation import Consultation
from domain.survey import SurveyPeriod
from domain.voice_values import ComplaintCategory
from projections.transparency.computed import ComputedRelease
from projections.transparency.disclosure import Table, protect_by_people
from projections.transparency.leave_table import CLASSES, LEAVE_TABLE, SENSITIVE
from projections.transparency.publication import publish_months, repeat_monthly_tables
from projections.transparency.releases import month_end
from projections.views import survey as survey_queries
from projections.views import voice as voice_queries
from tests.support.complaint_figures import complaint_events, expected, expected_categories
from web import catch_up_views, get_releases, get_service


def _events(app: Flask, prefix: str) -> list[Any]:
    service = get_service(app)
    return [service.mapper.to_domain_event(n)
            for n in service.recorder.select_notifications(1, 10**7)
            if n.topic.startswith(prefix)]


def _month(on: date) -> str:
    return f"{on.year}-{on.month:02d}"


@pytest.fixture
def published(demo_app: Flask) -> Flask:
    """The demo with the months of its complaints, closed survey periods and answered
    consultations published from the whole log (the demo writes surveys and consultations after
    the employees' history, so a release cut at its publication day would not hold them)."""
    months = {_month(e.effective_on) for e in _events(demo_app, "domain.complaint:")}
    months |= {_month(e.effective_on) for e in _events(demo_app, "domain.survey:")
               if isinstance(e, SurveyPeriod.Closed)}
    months |= {_month(e.effective_on) for e in _events(demo_app, "domain.consultation:")
               if isinstance(e, Consultation.Answered)}
    months = {m for m in months if month_end(m) < date.today()}  # complete months only
    publish_months(get_service(demo_app), get_releases(demo_app),
                   [(m, None) for m in sorted(months)])
    return demo_app


def _csv(app: Flask, name: str) -> list[dict[str, str]]:
    response = app.test_client().get(f"/data/{name}.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


class TestComplaintsInTheData:
    def test_each_unit_and_month_is_what_the_stored_events_say(self, published: Flask) -> None:
        events = complaint_events(published)
        days_off = get_service(published).voice.days_off(date.today().year - 3,
                                                         date.today().year)
        units = {u["code"]: u["id"] for u in voice_queries.service_units(
            catch_up_views(published))}
        rows = _csv(published, "complaints")
        assert rows and {r["unit"] for r in rows} == set(units)
        for row in rows:
            first = date.fromisoformat(row["month"] + "-01")
            want = expected(events, {units[row["unit"]]}, first, month_end(row["month"]),
                            days_off)
            got: dict[str, Any] = {k: int(row[k]) for k in COUNTS}
            median = row["median_working_days"]
            got["median"] = float(median) if median else None
            assert got == want, (row["unit"], row["month"])
        assert sum(int(r["received"]) for r in rows) == sum(
            1 for history in events.values()
            if _month(history[0].effective_on) in {r["month"] for r in rows})

    def test_each_units_category_mix_in_a_month_is_what_the_stored_events_say(
            self, published: Flask) -> None:
        events = complaint_events(published)
        units = {u["code"]: u["id"] for u in voice_queries.service_units(
            catch_up_views(published))}
        rows = _csv(published, "complaint_categories")
        assert rows and {r["unit"] for r in rows} == set(units)
        for row in rows:
            want = expected_categories(events, {units[row["unit"]]},
                                       date.fromisoformat(row["month"] + "-01"),
                                       month_end(row["month"]))
            assert {c.value: int(row[c.value]) for c in ComplaintCategory} == want, (
                row["unit"], row["month"])
        assert sum(int(r[c.value]) for r in rows for c in ComplaintCategory) > 0

    def test_the_package_describes_the_new_resources(self, published: Flask) -> None:
        package = json.loads(published.test_client().get("/data/datapackage.json").data)
        names = {r["name"]: r for r in package["resources"]}
        assert {"complaints", "complaint_categories", "survey_results"} <= set(names)
        for name in ("complaints", "complaint_categories", "survey_results"):
            header = next(csv.reader(io.StringIO(published.test_client().get(
                f"/data/{name}.csv").get_data(as_text=True))))
            assert header == [f["name"] for f in names[name]["schema"]["fields"]]


class TestSurveyResultsInTheData:
    def test_every_period_closed_in_a_published_month_has_its_result(
            self, published: Flask) -> None:
        responses: dict[Any, list[list[int]]] = {}
        closed: dict[Any, date] = {}
        for event in _events(published, "domain.survey:"):
            if isinstance(event, SurveyPeriod.ResponseRecorded):
                responses.setdefault(event.originator_id, []).append(event.scores)
            elif isinstance(event, SurveyPeriod.Closed):
                closed[event.originator_id] = event.effective_on
        rows = {(r["unit"], r["starts_on"]): r for r in _csv(published, "survey_results")}
        projections = catch_up_views(published)
        units = {u["id"]: u["code"] for u in voice_queries.service_units(projections)}
        checked = 0
        for period in survey_queries.periods(projections, government_id=None):
            if period.id not in {p.hex for p in closed}:
                continue
            row = rows[(units[period.unit_id], period.starts_on.isoformat())]
            scores = next(v for k, v in responses.items() if k.hex == period.id)
            # IKM = the mean of the nine element means x 25, shown half up to two decimals
            means = [Fraction(sum(s[e] for s in scores), len(scores)) for e in range(9)]
            index = sum(means, Fraction(0)) / 9 * 25
            shown = (Decimal(index.numerator) / Decimal(index.denominator)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP)
            assert (row["ikm"], int(row["responses"])) == (str(shown), len(scores))
            checked += 1
        assert checked >= 10


class TestFeeds:
    def test_survey_results_and_answered_consultations_are_news(self, published: Flask) -> None:
        items = json.loads(published.test_client().get("/feed.json").data)["items"]
        surveys = [i for i in items if i["title"].startswith("Hasil survei kepuasan")]
        answered = [i for i in items if i["title"].startswith("Konsultasi publik dijawab")]
        assert len(surveys) == len(_csv(published, "survey_results")) > 0
        assert len(answered) == len({e.originator_id for e in _events(
            published, "domain.consultation:") if isinstance(e, Consultation.Answered)
            and month_end(_month(e.effective_on)) < date.today()}) > 0
        assert all("/layanan/" in i["url"] for i in surveys)
        assert all("/konsultasi/" in i["url"] for i in answered)
        assert published.test_client().get("/feed.atom").status_code == 200


class TestALaterVersionOfAMonth:
    def test_repeats_the_leave_table_of_the_months_first_release(self, demo_app: Flask) -> None:
        store = get_releases(demo_app)

        def computed(sick_days: int, headcount: int) -> ComputedRelease:
            release = ComputedRelease("salatiga", "2026-03", 1, labels={"agencies": {}})
            release.tables.append(Table("headcount_status", ["a"], ["PNS"], [[headcount]]))
            release.tables.append(protect_by_people(
                Table(LEAVE_TABLE, ["a"], list(CLASSES), [[4, sick_days, 0]],
                      row_totals=False),
                [[2, 12, 0]], SENSITIVE))
            return release

        first = store.add(computed(30, 50), {"agencies": {}})
        # a late-recorded sick leave of one person and a correction of the headcount
        later = computed(33, 51)
        repeat_monthly_tables(store, later)
        second = store.add(later, {"agencies": {}})
        assert first is not None and second is not None and second.version == 2
        assert store.cells(second.id, LEAVE_TABLE) == [
            (LEAVE_TABLE, *cell) for cell in [("a", "annual_or_big", 4),
                                             ("a", "health_or_family", 30), ("a", "unpaid", None),
                                             ("_total", "annual_or_big", 4),
                                             ("_total", "health_or_family", 30),
                                             ("_total", "unpaid", None)]]
        assert ("headcount_status", "a", "PNS", 51) in store.cells(second.id)
