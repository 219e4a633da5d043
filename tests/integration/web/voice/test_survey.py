"""The satisfaction survey on the web: a unit's page shows its results per period, a citizen
answers with a one-time code (once) or in the open mode (throttled per address, counted in the
database), on each backend."""

from __future__ import annotations

import re
import time
from datetime import date
from typing import Any
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.values import Actor, Role
from projections.stores.backend import count_events
from projections.views import survey as survey_queries
from projections.views import voice as queries
from tests.support.staff import csrf_token, login, text
from web import catch_up_views, get_service
from web.accounts.store import get_accounts
from web.public import voice_guard

UNIT = "salatiga-adminduk"
ADMIN = Actor("hradmin.salatiga", Role.HR_ADMIN)
ELEMENTS = ("requirements", "procedure", "duration", "cost", "product", "competence",
            "conduct", "facilities", "complaint_handling")


def _token(app: Flask, age: float = 60) -> str:
    with app.test_request_context():
        return voice_guard._serializer().dumps(int(time.time() - age))


def _periods(app: Flask) -> list[survey_queries.PeriodRow]:
    projections = catch_up_views(app)
    unit = queries.service_unit_by_code(projections, UNIT)
    assert unit is not None
    return survey_queries.periods_of_unit(projections, unit["id"])


def _running(app: Flask) -> survey_queries.PeriodRow:
    (period,) = [p for p in _periods(app) if not p.is_closed]
    return period


def _answers(client: FlaskClient, app: Flask, **fields: Any) -> dict[str, Any]:
    page = text(client.get(f"/layanan/{UNIT}/survei"))
    data = {"csrf_token": csrf_token(page), "token": _token(app), "website": "", "kode": "",
            **dict.fromkeys(ELEMENTS, "3"), "sex": "female", "age": "", "education": "",
            "occupation": "student"}
    data.update(fields)
    return data


def _post(client: FlaskClient, app: Flask, **fields: Any) -> Any:
    return client.post(f"/layanan/{UNIT}/survei", data=_answers(client, app, **fields))


class TestTheUnitPage:
    def test_it_shows_each_periods_index_grade_counts_and_adequacy(self, demo_app: Flask
                                                                    ) -> None:
        body = text(demo_app.test_client().get(f"/layanan/{UNIT}"))
        closed = next(p for p in _periods(demo_app) if p.is_closed)
        result = closed.result()
        assert result is not None and result.is_enough
        shown = f"{result.index_shown}".replace(".", ",")  # Indonesian decimals
        assert f'data-testid="ikm">{shown}<' in body
        assert 'data-testid="grade">' in body and 'data-testid="survey-link"' in body
        assert f'data-testid="coded-n">{closed.coded_n}<' in body
        assert f'data-testid="open-n">{closed.open_n}<' in body
        assert body.count('data-testid="survey-period"') == 2 and "cukup" in body

    def test_small_groups_of_respondents_are_not_shown(self, demo_app: Flask) -> None:
        for period in _periods(demo_app):
            for dimension, counts in period.demographics_shown().items():
                assert counts is None or min(counts.values()) >= 10, dimension


class TestAnswering:
    def test_a_citizen_answers_with_a_code_once_and_the_second_use_is_refused(
            self, demo_app: Flask) -> None:
        period = _running(demo_app)
        (code,) = get_service(demo_app).survey.issue_codes(UUID(period.id), count=1,
                                                           actor=ADMIN)
        client = demo_app.test_client()
        form = client.get(f"/layanan/{UNIT}/survei?kode={code}")
        assert form.status_code == 200 and f'value="{code}"' in text(form)
        assert "kesesuaian persyaratan pelayanan" in text(form)

        thanks = _post(client, demo_app, kode=code)

        assert thanks.status_code == 200 and 'data-testid="survey-thanks"' in text(thanks)
        assert _running(demo_app).coded_n == period.coded_n + 1
        before = count_events(get_service(demo_app))
        again = _post(client, demo_app, kode=code)
        assert again.status_code == 422
        assert "sudah dipakai" in text(again)
        assert count_events(get_service(demo_app)) == before

    def test_a_missing_answer_is_refused_at_its_question_and_nothing_is_written(
            self, demo_app: Flask) -> None:
        before = count_events(get_service(demo_app))
        response = _post(demo_app.test_client(), demo_app, cost="", sex="robot")
        assert response.status_code == 422
        assert "Pilih salah satu dari empat jawaban." in text(response)
        assert count_events(get_service(demo_app)) == before

    def test_no_running_period_says_so(self, demo_app: Flask) -> None:
        get_service(demo_app).survey.close_period(UUID(_running(demo_app).id), actor=ADMIN)
        response = demo_app.test_client().get(f"/layanan/{UNIT}/survei")
        assert response.status_code == 404 and 'data-testid="no-survey"' in text(response)
        assert demo_app.test_client().get("/layanan/nowhere/survei").status_code == 404

    def test_a_honeypot_a_hurried_form_or_a_large_body_write_nothing(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        before = count_events(get_service(demo_app))
        assert _post(client, demo_app, website="http://spam").status_code == 400
        assert _post(client, demo_app, token=_token(demo_app, age=0)).status_code == 400
        assert _post(client, demo_app, occupation="x" * 20_000).status_code == 413
        assert count_events(get_service(demo_app)) == before


class TestTheOpenMode:
    def test_an_address_gets_429_after_its_limit_counted_in_the_database(
            self, demo_app: Flask) -> None:
        client, before = demo_app.test_client(), _running(demo_app).open_n
        for _ in range(voice_guard.SURVEYS_PER_HOUR):
            assert _post(client, demo_app).status_code == 200
        refused = _post(client, demo_app)
        assert refused.status_code == 429 and "satu jam" in text(refused)
        assert _running(demo_app).open_n == before + voice_guard.SURVEYS_PER_HOUR
        with demo_app.test_request_context(environ_base={"REMOTE_ADDR": "127.0.0.1"}):
            subject = voice_guard.Guard.of_request("survey").subject
        assert get_accounts(demo_app).post_count(subject, 0) == voice_guard.SURVEYS_PER_HOUR
        other = demo_app.test_client()
        response = other.post(f"/layanan/{UNIT}/survei", data=_answers(other, demo_app),
                              environ_base={"REMOTE_ADDR": "10.9.8.7"})
        assert response.status_code == 200

    def test_guessing_codes_is_limited_too(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        for _ in range(voice_guard.SURVEY_CODE_FAILURES_PER_HOUR):
            assert _post(client, demo_app, kode="ABCDE-FGHJK").status_code == 422
        assert _post(client, demo_app, kode="ABCDE-FGHJK").status_code == 429


class TestTheStaffSide:
    def test_an_officer_opens_a_period_through_review_issues_a_sheet_and_closes_it(
            self, demo_app: Flask) -> None:
        unit = queries.service_unit_by_code(catch_up_views(demo_app), "salatiga-mutasi-siswa")
        assert unit is not None  # a unit of hr.salatiga's agency
        officer = demo_app.test_client()
        assert login(officer, "hr.salatiga").status_code == 302
        assert "Layanan Mutasi Siswa" in text(officer.get("/hr/survei"))
        url = f"/hr/survei/unit/{unit['id']}/periode-baru"
        form = text(officer.get(url))
        next_year = date.today().year + 1
        data = {"csrf_token": csrf_token(form), "version": "2",
                "starts_on": f"{next_year}-01-01", "ends_on": f"{next_year}-12-31",
                "population": "500", "effective_on": date.today().isoformat()}
        before = count_events(get_service(demo_app))
        review = officer.post(url, data={**data, "step": "review"})
        assert review.status_code == 200 and 'data-testid="confirmation"' in text(review)
        assert count_events(get_service(demo_app)) == before  # a dry run writes nothing
        assert officer.post(url, data={**data, "step": "confirm"}).status_code == 302
        again = officer.post(url, data={**data, "step": "review"})
        assert again.status_code == 422 and "sudah mempunyai periode survei" in text(again)
        overlapping = officer.post(url, data={**data, "starts_on": f"{next_year}-06-01",
                                              "ends_on": f"{next_year + 1}-03-31",
                                              "step": "confirm"})
        shown = text(overlapping)
        assert overlapping.status_code == 422
        assert re.search(r'id="starts_on-error"[^>]*>[^<]*beririsan dengan periode survei '
                         rf'unit dari[^<]*{next_year}', shown)
        assert count_events(get_service(demo_app)) == before + 1  # only the first period

        period = next(p for p in survey_queries.periods_of_unit(catch_up_views(demo_app),
                                                                 unit["id"])
                      if p.starts_on.year == next_year)
        page = text(officer.get(f"/hr/survei/{period.id}"))
        sheet = officer.post(f"/hr/survei/{period.id}/kode",
                             data={"csrf_token": csrf_token(page), "count": "3"})
        body = text(sheet)
        assert sheet.status_code == 200 and body.count('data-testid="qr-card"') == 3
        assert body.count("<svg") >= 3
        refused = officer.post(f"/hr/survei/{period.id}/kode",
                               data={"csrf_token": csrf_token(page), "count": "501"})
        assert refused.status_code == 422 and "500" in text(refused)

        close = f"/hr/survei/{period.id}/tutup"
        token = csrf_token(text(officer.get(close)))
        stale = officer.post(close, data={"csrf_token": token, "version": "1",
                                          "effective_on": date.today().isoformat(),
                                          "step": "confirm"})
        assert stale.status_code == 409
        done = officer.post(close, data={"csrf_token": token, "version": "2",
                                         "effective_on": date.today().isoformat(),
                                         "step": "confirm"})
        assert done.status_code == 302
        assert get_service(demo_app).survey.get_period(UUID(period.id)).is_closed

    def test_staff_of_another_agency_or_government_cannot_reach_the_period(
            self, demo_app: Flask) -> None:
        period = _running(demo_app)  # Dukcapil of Salatiga
        for who in ("hr.salatiga", "hradmin.kupang", "hr.kupang"):
            client = demo_app.test_client()
            assert login(client, who).status_code == 302
            assert client.get(f"/hr/survei/{period.id}").status_code in (403, 404), who
        admin = demo_app.test_client()
        assert login(admin, "hradmin.salatiga").status_code == 302
        assert admin.get(f"/hr/survei/{period.id}").status_code == 200
