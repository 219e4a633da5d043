"""Documents of leave requests through the pages on each backend: the employee hands in a
sick-leave certificate with the request (multipart) or later; they, HR of their agency and the
government's HR administrator open it, each opening recorded; their superior, auditors, other
employees and HR of another government do not; a file that is not what it claims is refused
at its field with nothing written."""

from __future__ import annotations

import io
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient

from domain.leave_request import LeaveStatus
from projections.stores.backend import count_events
from projections.views.leave import employee_requests
from tests.builders.documents import a_pdf, an_image
from tests.support.dates import REAL_TODAY
from tests.support.staff import csrf_token, login, text
from web import catch_up_views, get_service
from web.accounts.store import get_accounts

ACCESS_TOPIC = "domain.audit:AccessRecord.Recorded"


def _logged_in(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def _employee_of(app: Flask, username: str) -> str:
    account = get_accounts(app).by_username(username)
    assert account is not None and account.employee_id
    return account.employee_id


def _day_in(weeks: int, weekday: int = 0) -> str:
    return (REAL_TODAY + timedelta(days=7 * weeks - REAL_TODAY.weekday() + weekday)).isoformat()


def _ask_sick(client: FlaskClient, weeks: int, upload: tuple[bytes, str, str] | None
              ) -> tuple[int, str]:
    page = client.get("/saya/cuti")
    data: dict[str, object] = {
        "csrf_token": csrf_token(text(page)), "leave_type": "SAKIT", "ground": "",
        "start_on": _day_in(weeks), "end_on": _day_in(weeks, 1), "certificate": "DOCTOR"}
    if upload is not None:
        content, name, media_type = upload
        data["file"] = (io.BytesIO(content), name, media_type)
    response = client.post("/saya/cuti", data=data, content_type="multipart/form-data")
    return response.status_code, text(response)


def _last_topics(app: Flask, n: int) -> list[str]:
    recorder = get_service(app).recorder
    top = recorder.max_notification_id() or 0
    return [e.topic for e in recorder.select_notifications(max(top - n + 1, 1), n)][-n:]


def test_a_certificate_handed_in_with_the_request_opens_only_for_its_readers(
        demo_app: Flask) -> None:
    pegawai = _logged_in(demo_app, "pegawai.salatiga")
    scan = an_image("image/png")

    status, _page = _ask_sick(pegawai, 40, (scan, "surat-dokter.png", "image/png"))

    assert status == 302
    employee_id = _employee_of(demo_app, "pegawai.salatiga")
    (row,) = [r for r in employee_requests(catch_up_views(demo_app), employee_id)
              if r["start_on"] == _day_in(40)]
    request = get_service(demo_app).leave.get(__import__("uuid").UUID(row["id"]))
    (document,) = request.documents
    own_page = text(pegawai.get(f"/saya/cuti/{row['id']}/dokumen"))
    own_url = f"/saya/cuti/{row['id']}/dokumen/{document.sha256}"
    assert own_url in own_page

    before = count_events(get_service(demo_app))
    download = pegawai.get(own_url)
    assert download.status_code == 200 and download.data == scan
    assert download.headers["Cache-Control"] == "no-store"
    assert count_events(get_service(demo_app)) == before + 1
    assert _last_topics(demo_app, 1) == [ACCESS_TOPIC]

    hr_url = f"/hr/cuti/{row['id']}/dokumen/{document.sha256}"
    official = _logged_in(demo_app, "hradmin.salatiga")
    assert hr_url in text(official.get(f"/hr/cuti/{row['id']}/dokumen"))
    assert official.get(hr_url).data == scan
    assert _last_topics(demo_app, 1) == [ACCESS_TOPIC]

    # The superior considers the request without its content; others reach nothing.
    atasan = _logged_in(demo_app, "atasan.salatiga")
    assert atasan.get(own_url).status_code == 404  # not their request
    assert atasan.get(hr_url).status_code == 403
    assert _logged_in(demo_app, "auditor").get(hr_url).status_code == 403
    assert _logged_in(demo_app, "hr.kupang").get(hr_url).status_code == 404
    after = count_events(get_service(demo_app))
    assert after == before + 2  # the two openings, nothing for the refused ones


def test_a_certificate_handed_in_later_lets_the_official_approve(demo_app: Flask) -> None:
    pegawai = _logged_in(demo_app, "pegawai.salatiga")
    status, _page = _ask_sick(pegawai, 42, None)
    assert status == 302
    employee_id = _employee_of(demo_app, "pegawai.salatiga")
    (row,) = [r for r in employee_requests(catch_up_views(demo_app), employee_id)
              if r["start_on"] == _day_in(42)]
    official = _logged_in(demo_app, "hradmin.salatiga")
    queue = text(official.get("/hr/cuti"))
    refused = official.post(f"/hr/cuti/{row['id']}/approve",
                            data={"csrf_token": csrf_token(queue)})
    assert refused.status_code == 422
    assert "surat keterangan dokter dilampirkan" in text(refused)

    page = pegawai.get(f"/saya/cuti/{row['id']}/dokumen")
    response = pegawai.post(f"/saya/cuti/{row['id']}/dokumen", data={
        "csrf_token": csrf_token(text(page)), "kind": "certificate",
        "file": (io.BytesIO(a_pdf("SURAT SAKIT")), "surat.pdf", "application/pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 302

    approved = official.post(f"/hr/cuti/{row['id']}/approve",
                             data={"csrf_token": csrf_token(text(official.get("/hr/cuti")))})
    assert approved.status_code == 302
    request = get_service(demo_app).leave.get(__import__("uuid").UUID(row["id"]))
    assert request.status is LeaveStatus.APPROVED


def test_a_file_that_is_not_an_image_is_told_at_its_field_and_nothing_is_written(
        demo_app: Flask) -> None:
    pegawai = _logged_in(demo_app, "pegawai.salatiga")
    before = count_events(get_service(demo_app))

    status, page = _ask_sick(pegawai, 44, (b"\x89PNG\r\n\x1a\nnot an image", "x.png",
                                           "image/png"))

    assert status == 422
    assert 'data-field="file"' in page and 'class="field-error"' in page
    assert count_events(get_service(demo_app)) == before


def test_hr_hands_in_a_paper_certificate_on_the_page_and_the_official_then_approves(
        demo_app: Flask) -> None:
    pegawai = _logged_in(demo_app, "pegawai.salatiga")
    status, _page = _ask_sick(pegawai, 52, None)
    assert status == 302
    employee_id = _employee_of(demo_app, "pegawai.salatiga")
    (row,) = [r for r in employee_requests(catch_up_views(demo_app), employee_id)
              if r["start_on"] == _day_in(52)]
    officer = _logged_in(demo_app, "hr.salatiga")
    url = f"/hr/cuti/{row['id']}/dokumen"
    page = officer.get(url)
    assert 'data-testid="leave-document-form"' in text(page)

    before = count_events(get_service(demo_app))
    bad = officer.post(url, data={"csrf_token": csrf_token(text(page)), "kind": "certificate",
                                  "file": (io.BytesIO(b"GIF89a"), "s.png", "image/png")},
                       content_type="multipart/form-data")
    assert bad.status_code == 422 and 'data-testid="file-error"' in text(bad)
    assert count_events(get_service(demo_app)) == before

    scan = a_pdf("SURAT KETERANGAN DOKTER")
    done = officer.post(url, data={"csrf_token": csrf_token(text(page)), "kind": "certificate",
                                   "file": (io.BytesIO(scan), "surat.pdf", "application/pdf")},
                        content_type="multipart/form-data")
    assert done.status_code == 302
    request = get_service(demo_app).leave.get(__import__("uuid").UUID(row["id"]))
    (document,) = request.documents
    assert pegawai.get(f"/saya/cuti/{row['id']}/dokumen/{document.sha256}").data == scan

    official = _logged_in(demo_app, "hradmin.salatiga")
    approved = official.post(f"/hr/cuti/{row['id']}/approve",
                             data={"csrf_token": csrf_token(text(official.get("/hr/cuti")))})
    assert approved.status_code == 302
    # Decided and taken requests still take a late document; a cancelled one shows no form.
    assert 'data-testid="leave-document-form"' in text(officer.get(url))
