"""Documents of leave requests through the JSON API on each backend: the employee asks for sick
leave and hands in the doctor's certificate with their token (multipart); the official lists,
downloads (each opening recorded) and then approves; HR hands in a paper certificate on the
employee's behalf; a file that is not what it says, a request of someone else and a caller
outside the scope are refused with nothing written."""

from __future__ import annotations

import io
from datetime import timedelta
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.leave_request import LeaveStatus
from domain.values import Role
from projections.stores.backend import count_events
from tests.builders.documents import a_pdf, an_image
from tests.support.dates import REAL_TODAY
from web import get_service
from web.accounts.store import get_accounts

ACCESS_TOPIC = "domain.audit:AccessRecord.Recorded"


def _token(app: Flask, username: str) -> dict[str, str]:
    store = get_accounts(app)
    account = store.by_username(username)
    assert account is not None
    return {"Authorization": f"Bearer {store.create_token(account.id, 'tests')[1]}"}


def _monday_in(weeks: int, plus: int = 0) -> str:
    return (REAL_TODAY + timedelta(days=7 * weeks - REAL_TODAY.weekday() + plus)).isoformat()


def _ask_sick(client: FlaskClient, headers: dict[str, str], weeks: int) -> str:
    asked = client.post("/api/v1/me/leave-requests", headers=headers, json={
        "leave_type": "SAKIT", "start_on": _monday_in(weeks), "end_on": _monday_in(weeks, 1),
        "certificate": "DOCTOR"})
    assert asked.status_code == 201 and asked.json, asked.get_data(as_text=True)
    return str(asked.json["id"])


def _upload(client: FlaskClient, url: str, headers: dict[str, str], data: bytes, name: str,
            media_type: str, kind: str = "certificate") -> tuple[int, dict | None]:
    response = client.post(url, headers=headers, content_type="multipart/form-data", data={
        "kind": kind, "file": (io.BytesIO(data), name, media_type)})
    return response.status_code, response.json


def _last_topic(app: Flask) -> str:
    recorder = get_service(app).recorder
    top = recorder.max_notification_id() or 0
    return recorder.select_notifications(top, 1)[0].topic


class TestLeaveDocumentsApi:
    def test_the_employee_hands_in_a_certificate_and_the_official_opens_it(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        mine, official = _token(demo_app, "pegawai.salatiga"), _token(demo_app,
                                                                      "hradmin.salatiga")
        request_id = _ask_sick(client, mine, 46)
        # Without the certificate itself the official may not grant sick leave yet.
        refused = client.post(f"/api/v1/leave-requests/{request_id}/approval", json={},
                              headers=official)
        assert refused.status_code == 422

        scan = an_image("image/jpeg")
        mine_url = f"/api/v1/me/leave-requests/{request_id}/documents"
        status, attached = _upload(client, mine_url, mine, scan, "surat.jpg", "image/jpeg")

        assert status == 201 and attached is not None
        assert attached["kind"] == "certificate" and attached["media_type"] == "image/jpeg"
        assert attached["size"] == len(scan) and attached["url"].startswith(mine_url)
        listed = client.get(mine_url, headers=mine).json
        assert listed is not None and [d["sha256"] for d in listed] == [attached["sha256"]]

        hr_url = f"/api/v1/leave-requests/{request_id}/documents"
        (seen,) = client.get(hr_url, headers=official).json or []
        before = count_events(get_service(demo_app))
        download = client.get(seen["url"], headers=official)
        assert download.status_code == 200 and download.data == scan
        assert download.headers["Cache-Control"] == "no-store"
        assert count_events(get_service(demo_app)) == before + 1
        assert _last_topic(demo_app) == ACCESS_TOPIC
        assert client.get(attached["url"], headers=mine).data == scan

        approved = client.post(f"/api/v1/leave-requests/{request_id}/approval", json={},
                               headers=official)
        assert approved.status_code == 201
        assert get_service(demo_app).leave.get(UUID(request_id)).status is \
            LeaveStatus.APPROVED

    def test_hr_hands_in_a_paper_certificate_on_the_employees_behalf(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        request_id = _ask_sick(client, _token(demo_app, "pegawai.salatiga"), 48)
        officer = _token(demo_app, "hr.salatiga")

        status, attached = _upload(client, f"/api/v1/leave-requests/{request_id}/documents",
                                   officer, a_pdf("SURAT KETERANGAN SAKIT"), "sakit.pdf",
                                   "application/pdf")

        assert status == 201 and attached is not None
        (document,) = get_service(demo_app).leave.get(UUID(request_id)).documents
        assert document.sha256 == attached["sha256"] and document.actor.role is Role.HR_OFFICER
        again = client.get(f"/api/v1/me/leave-requests/{request_id}/documents",
                           headers=_token(demo_app, "pegawai.salatiga")).json
        assert again is not None and [d["sha256"] for d in again] == [document.sha256]

    def test_refused_files_and_callers_write_nothing(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        mine = _token(demo_app, "pegawai.salatiga")
        request_id = _ask_sick(client, mine, 50)
        mine_url = f"/api/v1/me/leave-requests/{request_id}/documents"
        hr_url = f"/api/v1/leave-requests/{request_id}/documents"
        before = count_events(get_service(demo_app))

        status, problem = _upload(client, mine_url, mine, b"%PDF-1.4 not really", "x.pdf",
                                  "application/pdf")
        assert status == 422 and problem is not None
        assert problem["problems"][0]["field"] == "file"
        assert problem["problems"][0]["messages"]["id"] != problem["problems"][0]["messages"][
            "en"]
        status, _ = _upload(client, mine_url, mine, an_image("image/png"), "x.png", "image/png",
                            kind="decree")  # not a kind of leave document
        assert status == 422
        pdf = a_pdf("SURAT")
        for who, url, expected in (
                ("atasan.salatiga", mine_url, 404),  # another employee's request
                ("hr.kupang", hr_url, 404),  # outside the scope
                ("auditor", hr_url, 403),  # auditors do not open health data
                ("pegawai.salatiga", hr_url, 403)):  # an employee's token reaches only /me
            status, _ = _upload(client, url, _token(demo_app, who), pdf, "s.pdf",
                                "application/pdf")
            assert status == expected, who
            assert client.get(url, headers=_token(demo_app, who)).status_code == expected, who
        assert count_events(get_service(demo_app)) == before

        document = client.get("/api/v1/openapi.json").json
        assert document is not None
        for path in ("/api/v1/me/leave-requests/{request_id}/documents",
                     "/api/v1/me/leave-requests/{request_id}/documents/{sha256}",
                     "/api/v1/leave-requests/{request_id}/documents",
                     "/api/v1/leave-requests/{request_id}/documents/{sha256}"):
            assert path in document["paths"], path
