"""Employee surveys on the web, on each backend: HR opens a survey through review, prints a
sheet of codes and closes it; an employee takes their one code on the desk and answers on the
public page, which does not read the login; results only once over and from 10 answers; and
nothing stored ties an answer to the employee or their account."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.staff_survey import BALLOT_BATCH, normal_code
from domain.values import Actor, Role
from projections.stores.backend import count_events
from projections.views import staff_survey as queries
from projections.views.hr_queries import Scope, agencies
from tests.support.staff import csrf_token, login, text
from web import catch_up_views, get_service
from web.accounts.store import get_accounts
from web.public import voice_guard

ADMIN = Actor("hradmin.salatiga", Role.HR_ADMIN)
TODAY = date.today()


def _logged_in(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def _government(app: Flask) -> str:
    account = get_accounts(app).by_username("hradmin.salatiga")
    assert account is not None and account.government_id
    return account.government_id


def _surveys(app: Flask) -> list[queries.SurveyRow]:
    return queries.surveys(catch_up_views(app), government_id=_government(app))


def _token(app: Flask) -> str:
    with app.test_request_context():
        return voice_guard._serializer().dumps(int(time.time() - 60))


def _answer(client: FlaskClient, app: Flask, row: queries.SurveyRow, code: str,
            score: str = "4", **extra: str) -> Any:
    page = text(client.get(f"/survei-pegawai/{row.id}"))
    data = {"csrf_token": csrf_token(page), "token": _token(app), "website": "", "kode": code,
            **{f"item{i}": score for i in range(len(row.items))}, **extra}
    return client.post(f"/survei-pegawai/{row.id}", data=data)


def _new_survey(app: Flask, *, closes_in: int = 20) -> queries.SurveyRow:
    service = get_service(app).staff_survey
    survey = service.open_survey(
        government_id=UUID(_government(app)), agency_id=None, title="Survei uji coba pegawai",
        topic="", items=["Jam kerja wajar.", "Ruang kerja memadai."],
        free_text_question="Saran?", opens_on=TODAY, closes_on=TODAY + timedelta(closes_in),
        actor=ADMIN)
    row = queries.survey_by_id(catch_up_views(app), survey.hex)
    assert row is not None
    return row


class TestTheStaffSide:
    def test_the_demo_s_closed_survey_shows_its_results_and_masked_free_text(
            self, demo_app: Flask) -> None:
        admin = _logged_in(demo_app, "hradmin.salatiga")
        index = text(admin.get("/hr/survei-pegawai"))
        assert index.count('data-testid="staff-survey-row"') == 2
        closed = next(r for r in _surveys(demo_app) if r.is_closed)
        running = next(r for r in _surveys(demo_app) if not r.is_closed)
        page = text(admin.get(f"/hr/survei-pegawai/{closed.id}"))
        assert 'data-testid="distribution"' in page and 'data-testid="by-agency"' in page
        assert f'data-testid="answers-n">{closed.answers}<' in page
        assert 'data-testid="free-texts"' in page
        later = text(admin.get(f"/hr/survei-pegawai/{running.id}"))
        assert 'data-testid="results-later"' in later and 'data-testid="distribution"' not in later

    def test_an_administrator_opens_a_survey_through_review_prints_codes_and_closes_it(
            self, demo_app: Flask) -> None:
        admin = _logged_in(demo_app, "hradmin.salatiga")
        url = "/hr/survei-pegawai/baru"
        form = text(admin.get(url))
        version = get_service(demo_app).get_government(UUID(_government(demo_app))).version
        data = {"csrf_token": csrf_token(form), "version": str(version),
                "title": "Survei kepuasan kerja 2027", "population": "semua", "topic": "",
                "consultation": "", "items": "Jam kerja wajar.\nTPP memotivasi saya.",
                "free_text_question": "", "opens_on": TODAY.isoformat(),
                "closes_on": (TODAY + timedelta(days=10)).isoformat(),
                "effective_on": TODAY.isoformat()}
        before = count_events(get_service(demo_app))
        review = admin.post(url, data={**data, "step": "review"})
        assert review.status_code == 200 and 'data-testid="confirmation"' in text(review)
        assert count_events(get_service(demo_app)) == before  # a dry run writes nothing
        bad = admin.post(url, data={**data, "items": "", "step": "review"})
        assert bad.status_code == 422 and count_events(get_service(demo_app)) == before
        assert admin.post(url, data={**data, "step": "confirm"}).status_code == 302
        row = next(r for r in _surveys(demo_app) if r.title == "Survei kepuasan kerja 2027")

        page = text(admin.get(f"/hr/survei-pegawai/{row.id}"))
        agency = _offered_agencies(page)[0]
        sheet = admin.post(f"/hr/survei-pegawai/{row.id}/kode",
                           data={"csrf_token": csrf_token(page), "count": "3",
                                 "agency_id": agency})
        assert sheet.status_code == 200 and text(sheet).count('data-testid="qr-card"') == 3
        refused = admin.post(f"/hr/survei-pegawai/{row.id}/kode",
                             data={"csrf_token": csrf_token(page), "count": "501",
                                   "agency_id": agency})
        assert refused.status_code == 422 and "500" in text(refused)

        close = f"/hr/survei-pegawai/{row.id}/tutup"
        token = csrf_token(text(admin.get(close)))
        stale = admin.post(close, data={"csrf_token": token, "version": "1",
                                        "effective_on": TODAY.isoformat(), "step": "confirm"})
        assert stale.status_code == 409
        current = get_service(demo_app).staff_survey.get(UUID(row.id)).version
        done = admin.post(close, data={"csrf_token": token, "version": str(current),
                                       "effective_on": TODAY.isoformat(), "step": "confirm"})
        assert done.status_code == 302
        assert get_service(demo_app).staff_survey.get(UUID(row.id)).is_closed

    def test_staff_of_another_government_or_an_agency_cannot_reach_a_government_survey(
            self, demo_app: Flask) -> None:
        closed = next(r for r in _surveys(demo_app) if r.is_closed)
        for who in ("hr.salatiga", "hradmin.kupang"):
            client = _logged_in(demo_app, who)
            assert client.get(f"/hr/survei-pegawai/{closed.id}").status_code == 404


def _offered_agencies(page: str) -> list[str]:
    """The agency ids offered on the survey page's code form."""
    return re.findall(r'<option value="([0-9a-f]{32})"', page)


class TestAnswering:
    def test_a_printed_code_answers_once_and_a_spent_code_is_refused(
            self, demo_app: Flask) -> None:
        row = _new_survey(demo_app)
        agency = UUID(_agencies(demo_app)[0]["id"])
        (code,) = get_service(demo_app).staff_survey.issue_codes(
            UUID(row.id), agency_id=agency, count=1, actor=ADMIN)
        client = demo_app.test_client()
        assert f'value="{code}"' in text(client.get(f"/survei-pegawai/{row.id}?kode={code}"))
        done = _answer(client, demo_app, row, code, free_text="Ruang rapat kurang.")
        assert done.status_code == 200 and 'data-testid="staff-survey-thanks"' in text(done)
        again = _answer(client, demo_app, row, code)
        assert again.status_code == 422 and "sudah dipakai" in text(again)
        missing = _answer(client, demo_app, row, code, score="9")
        assert missing.status_code == 422

    def test_answers_waiting_to_be_recorded_are_shown_as_a_count_to_the_public_and_hr(
            self, demo_app: Flask) -> None:
        row = _new_survey(demo_app)
        agency = UUID(_agencies(demo_app)[0]["id"])
        codes = get_service(demo_app).staff_survey.issue_codes(
            UUID(row.id), agency_id=agency, count=3, actor=ADMIN)
        client = demo_app.test_client()
        for code in codes:
            done = text(_answer(client, demo_app, row, code))
            assert "sudah diterima" in done and "dicatat bersama jawaban lain" in done
        waiting = "3 jawaban menunggu dicatat: jawaban dicatat berkelompok, paling sedikit 5"
        assert waiting in text(client.get(f"/survei-pegawai/{row.id}"))
        staff = _logged_in(demo_app, "hradmin.salatiga")
        assert waiting in text(staff.get(f"/hr/survei-pegawai/{row.id}"))
        found = queries.survey_by_id(catch_up_views(demo_app), row.id)
        assert found is not None and found.answers == 0  # only recorded answers count

    def test_an_answer_to_a_survey_not_running_is_refused(self, demo_app: Flask) -> None:
        closed = next(r for r in _surveys(demo_app) if r.is_closed)
        client = demo_app.test_client()
        page = text(client.get(f"/survei-pegawai/{closed.id}"))
        assert 'data-testid="distribution"' in page
        running = next(r for r in _surveys(demo_app) if not r.is_closed)
        token = csrf_token(text(client.get(f"/survei-pegawai/{running.id}")))
        response = client.post(f"/survei-pegawai/{closed.id}",
                               data={"csrf_token": token, "token": _token(demo_app),
                                     "kode": "ABCDE-FGHJK"})
        assert response.status_code == 404


def _agencies(app: Flask) -> list[dict[str, Any]]:
    return agencies(catch_up_views(app), Scope(government_id=_government(app)))


class TestThreshold:
    def _closed_with(self, app: Flask, answers: int) -> queries.SurveyRow:
        row = _new_survey(app)
        service = get_service(app).staff_survey
        agency = UUID(_agencies(app)[0]["id"])
        for code in service.issue_codes(UUID(row.id), agency_id=agency, count=answers,
                                        actor=ADMIN):
            service.answer(UUID(row.id), code=code, scores=[3, 4])
        service.close(UUID(row.id), actor=ADMIN)
        found = queries.survey_by_id(catch_up_views(app), row.id)
        assert found is not None
        return found

    def test_nine_answers_are_hidden_and_ten_are_shown(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        nine = text(client.get(f"/survei-pegawai/{self._closed_with(demo_app, 9).id}"))
        assert 'data-testid="results-hidden"' in nine and "×" in nine
        assert 'data-testid="answers-n"' not in nine and "<10" not in nine
        ten = text(client.get(f"/survei-pegawai/{self._closed_with(demo_app, 10).id}"))
        assert 'data-testid="answers-n">10<' in ten and 'data-testid="results-hidden"' not in ten


class TestTheDesk:
    def test_an_employee_takes_one_code_and_answers_on_a_page_that_ignores_the_login(
            self, demo_app: Flask) -> None:
        running = next(r for r in _surveys(demo_app) if not r.is_closed)
        employee = _logged_in(demo_app, "pegawai.salatiga")
        desk = text(employee.get("/saya/survei"))
        assert running.title in desk and 'data-testid="desk-anonymity"' in desk
        taken = employee.post(f"/saya/survei/{running.id}/kode",
                              data={"csrf_token": csrf_token(desk)})
        assert taken.status_code == 200
        body = text(taken)
        code = body.split('data-testid="desk-code">')[1].split("<")[0]
        assert len(normal_code(code)) == 16 and f"kode={code}" not in body
        twice = employee.post(f"/saya/survei/{running.id}/kode",
                              data={"csrf_token": csrf_token(desk)})
        assert twice.status_code == 422 and "sudah mengambil kode" in text(twice)
        assert 'data-testid="code-taken"' in text(employee.get("/saya/survei"))

        posts_before = _public_posts(demo_app)
        done = _answer(employee, demo_app, running, code)  # sent while logged in
        assert done.status_code == 200
        assert _public_posts(demo_app) == posts_before  # a valid answer counts nothing
        events: list[Any] = list(get_service(demo_app).events.get(UUID(running.id)))
        names = [type(e).__name__ for e in events]
        taken_at = len(names) - 1 - names[::-1].index("CodeTaken")
        after = names[taken_at + 1:]  # nothing but a whole batch from the ballot box, if any
        assert set(after) <= {"AnswerRecorded"} and (not after or len(after) >= BALLOT_BATCH)
        surveys = get_service(demo_app).staff_survey
        surveys.close(UUID(running.id), actor=ADMIN)  # records whatever still waits
        assert surveys.get(UUID(running.id)).desk_answers == 1
        events = list(get_service(demo_app).events.get(UUID(running.id)))
        assert events[taken_at].actor.user_id == "desk"
        for answer in (e for e in events if type(e).__name__ == "AnswerRecorded"):
            assert answer.actor.user_id == "public"
            assert answer.timestamp.time().isoformat() == "00:00:00"

    def test_no_stored_byte_ties_the_answer_to_the_employee_or_their_account(
            self, demo_app: Flask, demo_env: dict[str, str]) -> None:
        running = next(r for r in _surveys(demo_app) if not r.is_closed)
        employee = _logged_in(demo_app, "pegawai.salatiga")
        account = get_accounts(demo_app).by_username("pegawai.salatiga")
        assert account is not None and account.employee_id
        desk = text(employee.get("/saya/survei"))
        body = text(employee.post(f"/saya/survei/{running.id}/kode",
                                  data={"csrf_token": csrf_token(desk)}))
        code = body.split('data-testid="desk-code">')[1].split("<")[0]
        assert _answer(employee, demo_app, running, code).status_code == 200
        catch_up_views(demo_app)
        stored = _every_stored_byte(demo_app, demo_env)  # the ballot box too, on SQLite
        assert normal_code(code).encode() not in stored and code.encode() not in stored
        get_service(demo_app).staff_survey.close(UUID(running.id), actor=ADMIN)
        events: list[Any] = list(get_service(demo_app).events.get(UUID(running.id)))
        answers = [e for e in events if type(e).__name__ == "AnswerRecorded"]
        (taken,) = [e for e in events if type(e).__name__ == "CodeTaken"]
        for event in (*answers, taken):
            state = repr(vars(event))
            for identity in (account.employee_id, UUID(account.employee_id).hex,
                             "pegawai.salatiga", str(account.id)):
                assert identity not in state


def _public_posts(app: Flask) -> int:
    """Every post counted against any address by the public forms."""
    accounts = get_accounts(app)
    with accounts.db.transaction() as c:
        c.execute(f"SELECT COUNT(*) FROM {accounts.posts}")
        row = c.fetchone()
    return int(row[0])


def _every_stored_byte(app: Flask, env: dict[str, str]) -> bytes:
    """Every file of a SQLite store's data directory, or every event of a PostgreSQL one."""
    data_dir = env.get("REKAM_DATA_DIR")
    if data_dir and Path(data_dir).exists():
        return b"".join(p.read_bytes() for p in Path(data_dir).rglob("*") if p.is_file())
    return b"".join(n.state for n in get_service(app).recorder.select_notifications(1, 10**7))


class TestTheConsultationPage:
    def test_a_survey_over_on_a_consultation_s_policy_is_linked_from_its_page(
            self, demo_app: Flask) -> None:
        from projections.views.consultation import consultations

        consultation = consultations(catch_up_views(demo_app), TODAY,
                                     _government(demo_app))[0]
        service = get_service(demo_app).staff_survey
        survey = service.open_survey(
            government_id=UUID(_government(demo_app)), agency_id=None,
            title="Survei pegawai atas rancangan kebijakan", topic="", items=["Setuju."],
            free_text_question=None, opens_on=TODAY, closes_on=TODAY, actor=ADMIN,
            consultation_id=UUID(consultation["id"]))
        page = f"/konsultasi/{consultation['id']}"
        assert "Survei pegawai atas rancangan" not in text(demo_app.test_client().get(page))
        service.close(survey, actor=ADMIN)
        body = text(demo_app.test_client().get(page))
        assert 'data-testid="consultation-staff-surveys"' in body
        assert f"/survei-pegawai/{survey.hex}" in body
