"""Leave through the pages on each backend: the employee asks on /saya, the direct superior
considers on /saya/atasan, the HR administrator decides on /hr/cuti, HR asks on an employee's
behalf; refusals at their fields with nothing written; nobody reaches another's request."""

from __future__ import annotations

import re
from datetime import timedelta
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.leave_regulations import LeaveType
from domain.leave_request import LeaveStatus
from domain.values import Actor, Role
from projections.stores.backend import count_events
from projections.views.hr_queries import Scope
from projections.views.leave import employee_requests, waiting_for_official
from tests.support.dates import REAL_TODAY
from tests.support.staff import csrf_token, login, text
from web import catch_up_views, get_service
from web.accounts.store import get_accounts


def _employee_of(app: Flask, username: str) -> str:
    account = get_accounts(app).by_username(username)
    assert account is not None and account.employee_id
    return account.employee_id


def _monday_in(weeks: int) -> str:
    return (REAL_TODAY + timedelta(days=7 * weeks - REAL_TODAY.weekday())).isoformat()


def _ask(client: FlaskClient, **fields: str) -> tuple[int, str]:
    page = client.get("/saya/cuti")
    assert page.status_code == 200
    response = client.post("/saya/cuti", data={"csrf_token": csrf_token(text(page)),
                                               "leave_type": "TAHUNAN", **fields})
    return response.status_code, text(response)


def _logged_in(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def _token(client: FlaskClient, url: str) -> str:
    return csrf_token(text(client.get(url)))


class TestTheDoneWhenPath:
    def test_pegawai_asks_atasan_considers_hradmin_approves(self, demo_app: Flask) -> None:
        pegawai = _logged_in(demo_app, "pegawai.salatiga")
        desk = text(pegawai.get("/saya"))
        assert 'data-testid="leave-balances"' in desk and "Cuti saya" in desk
        start = _monday_in(6)
        end = (REAL_TODAY + timedelta(days=7 * 6 - REAL_TODAY.weekday() + 1)).isoformat()

        status, _page = _ask(pegawai, start_on=start, end_on=end)

        assert status == 302
        employee_id = _employee_of(demo_app, "pegawai.salatiga")
        mine = [r for r in employee_requests(catch_up_views(demo_app), employee_id)
                if r["start_on"] == start]
        assert len(mine) == 1 and mine[0]["working_days"] >= 1
        request_id = mine[0]["id"]
        assert "menunggu atasan" in text(pegawai.get("/saya"))

        atasan = _logged_in(demo_app, "atasan.salatiga")
        queue = text(atasan.get("/saya/atasan"))
        assert f'data-request="{request_id}"' in queue
        response = atasan.post(f"/saya/atasan/{request_id}/pertimbangan", data={
            "csrf_token": csrf_token(queue), "recommendation": "RECOMMEND"})
        assert response.status_code == 302
        assert f'data-request="{request_id}"' not in text(atasan.get("/saya/atasan"))

        official = _logged_in(demo_app, "hradmin.salatiga")
        queue = text(official.get("/hr/cuti"))
        assert f'data-request="{request_id}"' in queue
        response = official.post(f"/hr/cuti/{request_id}/approve",
                                 data={"csrf_token": csrf_token(queue)})
        assert response.status_code == 302
        assert get_service(demo_app).leave.get(UUID(request_id)).status is \
            LeaveStatus.APPROVED
        assert "disetujui" in text(pegawai.get("/saya"))

    def test_the_roster_and_the_employee_page_show_leave_running_today(
            self, demo_app: Flask) -> None:
        employee_id = _employee_of(demo_app, "pegawai.salatiga")
        leave = get_service(demo_app).leave
        this_monday = REAL_TODAY - timedelta(days=REAL_TODAY.weekday())
        request_id = leave.request_leave(UUID(employee_id), leave_type=LeaveType.ANNUAL,
                                         start_on=this_monday,
                                         end_on=this_monday + timedelta(days=6),
                                         actor=Actor("pegawai.salatiga", Role.EMPLOYEE))
        leave.approve_leave(request_id, actor=Actor("hradmin.salatiga", Role.HR_ADMIN))
        leave.record_leave_taken(request_id, actor=Actor("pegawai.salatiga", Role.EMPLOYEE))

        hr = _logged_in(demo_app, "hr.salatiga")
        page = text(hr.get(f"/hr/employees/{employee_id}"))
        assert re.search(r'data-testid="on-leave">cuti tahunan<', page)
        roster = text(hr.get("/hr/employees?status=all"))
        assert re.search(rf'{employee_id}">[^<]+</a>.*?data-testid="on-leave">cuti tahunan<',
                         roster, re.S)
        assert 'data-testid="on-leave">cuti tahunan<' in text(
            _logged_in(demo_app, "pegawai.salatiga").get("/saya"))


class TestRefusals:
    def test_an_end_before_the_start_is_told_at_its_field_and_nothing_is_written(
            self, demo_app: Flask) -> None:
        pegawai = _logged_in(demo_app, "pegawai.salatiga")
        before = count_events(get_service(demo_app))

        status, page = _ask(pegawai, start_on=_monday_in(8), end_on=_monday_in(7))

        assert status == 422
        assert re.search(r'data-field="end_on".*?class="field-error"', page, re.S)
        assert "tidak boleh sebelum tanggal mulai" in page
        assert count_events(get_service(demo_app)) == before

    def test_more_annual_leave_than_the_balance_is_refused(self, demo_app: Flask) -> None:
        pegawai = _logged_in(demo_app, "pegawai.salatiga")
        start = _monday_in(10)
        end = (REAL_TODAY + timedelta(days=7 * 16 - REAL_TODAY.weekday())).isoformat()
        status, page = _ask(pegawai, start_on=start, end_on=end)
        assert status == 422 and 'class="field-error"' in page

    def test_hr_officers_see_the_official_queue_but_cannot_decide(
            self, demo_app: Flask) -> None:
        rows = waiting_for_official(catch_up_views(demo_app), Scope(
            agency_id=get_accounts(demo_app).by_username("hr.salatiga").agency_id))  # type: ignore[union-attr]
        assert rows, "the demo has requests waiting for the official"
        hr = _logged_in(demo_app, "hr.salatiga")
        token = _token(hr, "/hr/cuti")
        assert hr.post(f"/hr/cuti/{rows[0]['id']}/approve",
                       data={"csrf_token": token}).status_code == 403
        assert get_service(demo_app).leave.get(UUID(rows[0]["id"])).is_open

    def test_annual_leave_cannot_be_refused_only_deferred(self, demo_app: Flask) -> None:
        rows = [r for r in waiting_for_official(catch_up_views(demo_app), Scope(
            government_id=get_accounts(demo_app).by_username(
                "hradmin.salatiga").government_id))  # type: ignore[union-attr]
            if r["leave_type"] == "TAHUNAN"]
        official = _logged_in(demo_app, "hradmin.salatiga")
        token = _token(official, "/hr/cuti")
        response = official.post(f"/hr/cuti/{rows[0]['id']}/reject", data={
            "csrf_token": token, "ground": "SERVICE_NEED"})
        assert response.status_code == 422
        assert "hanya ditangguhkan" in text(response)
        assert get_service(demo_app).leave.get(UUID(rows[0]["id"])).is_open


class TestNobodyElses:
    def test_an_employee_cannot_cancel_or_consider_anothers_request(
            self, demo_app: Flask) -> None:
        projections = catch_up_views(demo_app)
        atasan_id = _employee_of(demo_app, "atasan.salatiga")
        pegawai_id = _employee_of(demo_app, "pegawai.salatiga")
        theirs = employee_requests(projections, pegawai_id)[0]["id"]
        atasan = _logged_in(demo_app, "atasan.salatiga")
        token = _token(atasan, "/saya")
        assert atasan.post(f"/saya/cuti/{theirs}/batal",
                           data={"csrf_token": token}).status_code == 404
        pegawai = _logged_in(demo_app, "pegawai.salatiga")
        token = _token(pegawai, "/saya")
        waiting = [r for r in waiting_for_official(projections, Scope()) if r["status"]
                   == "requested" and r["employee_id"] not in (pegawai_id, atasan_id)]
        assert waiting
        assert pegawai.post(f"/saya/atasan/{waiting[0]['id']}/pertimbangan", data={
            "csrf_token": token, "recommendation": "RECOMMEND"}).status_code == 404
        assert "Jabatan Anda tidak mempertimbangkan" in text(pegawai.get("/saya/atasan")) \
            or f'data-request="{waiting[0]["id"]}"' not in text(pegawai.get("/saya/atasan"))

    def test_the_employee_cancels_their_own_request(self, demo_app: Flask) -> None:
        pegawai_id = _employee_of(demo_app, "pegawai.salatiga")
        own = employee_requests(catch_up_views(demo_app), pegawai_id)[0]["id"]
        pegawai = _logged_in(demo_app, "pegawai.salatiga")
        response = pegawai.post(f"/saya/cuti/{own}/batal",
                                data={"csrf_token": _token(pegawai, "/saya")})
        assert response.status_code == 302
        assert get_service(demo_app).leave.get(UUID(own)).status is LeaveStatus.CANCELLED


class TestOnBehalf:
    def test_hr_asks_for_an_employee_through_review_and_confirmation(
            self, demo_app: Flask) -> None:
        employee_id = _employee_of(demo_app, "pegawai.salatiga")
        hr = _logged_in(demo_app, "hr.salatiga")
        url = f"/hr/employees/{employee_id}/cuti"
        form = text(hr.get(url))
        version = re.search(r'name="version"[^>]*value="(\d+)"', form) or re.search(
            r'value="(\d+)"[^>]*name="version"', form)
        assert version
        data = {"csrf_token": csrf_token(form), "version": version.group(1),
                "effective_on": _monday_in(12), "end_on": _monday_in(12),
                "leave_type": "TAHUNAN"}
        before = count_events(get_service(demo_app))
        review = hr.post(url, data={**data, "step": "review"})
        assert review.status_code == 200 and count_events(get_service(demo_app)) == before
        done = hr.post(url, data={**data, "step": "confirm"})
        assert done.status_code == 302
        starts = [r["start_on"] for r in employee_requests(catch_up_views(demo_app),
                                                          employee_id)]
        assert _monday_in(12) in starts


class TestDueDates:
    def test_a_request_the_superior_left_past_its_date_goes_to_the_official_marked(
            self, demo_app: Flask) -> None:
        from datetime import UTC, datetime

        from domain.clock import recording_clock

        employee_id = UUID(_employee_of(demo_app, "pegawai.salatiga"))
        asked_at = datetime.now(UTC) - timedelta(days=14)
        with recording_clock(lambda: asked_at):
            request_id = get_service(demo_app).leave.request_leave(
                employee_id, leave_type=LeaveType.ANNUAL, start_on=REAL_TODAY + timedelta(
                    days=35 - REAL_TODAY.weekday()), end_on=REAL_TODAY + timedelta(
                    days=35 - REAL_TODAY.weekday()), actor=Actor("pegawai", Role.EMPLOYEE))
        official = _logged_in(demo_app, "hradmin.salatiga")
        queue = text(official.get("/hr/cuti"))
        section = queue.split(f'data-request="{request_id.hex}"', 1)[1].split("</section>")[0]
        assert 'data-testid="superior-overdue"' in section
        assert "tidak memberikan pertimbangan" in section

        response = official.post(f"/hr/cuti/{request_id.hex}/approve",
                                 data={"csrf_token": csrf_token(queue)})

        assert response.status_code == 302  # decided without the superior's consideration
        assert get_service(demo_app).leave.get(request_id).status is LeaveStatus.APPROVED


class TestHrEmployeePage:
    def test_hr_sees_the_employees_leave_and_its_documents_and_auditors_do_not(
            self, demo_app: Flask) -> None:
        employee_id = _employee_of(demo_app, "pegawai.salatiga")
        requests = employee_requests(catch_up_views(demo_app), employee_id)
        assert requests
        url = f"/hr/employees/{employee_id}"
        for staff in ("hr.salatiga", "hradmin.salatiga"):
            page = text(_logged_in(demo_app, staff).get(url))
            section = page.split('id="cuti"', 1)[1]
            assert 'data-testid="leave-balances"' in section
            for request in requests:
                assert f'/hr/cuti/{request["id"]}/dokumen' in section
            assert "/batal" not in section  # HR does not cancel for the employee here
        auditor = text(_logged_in(demo_app, "auditor").get(url))
        assert 'id="cuti"' not in auditor and "/dokumen" not in auditor
