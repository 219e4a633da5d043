"""Scans attached to timeline entries, from the HR employee page and the API: accepted when
real, refused at the file field when not, downloaded in scope with the SHA-256 of the log."""

from __future__ import annotations

import hashlib
import io
from typing import Any
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from domain.audit import AccessKind
from projections.stores.backend import count_events
from tests.builders.documents import a_pdf, an_image
from tests.support.disk import files_holding, stored_files
from tests.support.staff import csrf_token, demo_places, login, text
from tests.support.views import read_rows
from web import catch_up_views, get_service
from web.accounts.store import get_accounts


def _upload(client: FlaskClient, employee_id: str, data: bytes, filename: str,
            mimetype: str, version: int = 1) -> tuple[int, str]:
    url = f"/hr/employees/{employee_id}/timeline/{version}/dokumen"
    token = csrf_token(text(client.get(url)))
    response = client.post(url, data={
        "csrf_token": token, "kind": "decree",
        "file": (io.BytesIO(data), filename, mimetype)}, content_type="multipart/form-data")
    return response.status_code, text(response)


def _token(app: Flask, username: str) -> dict[str, str]:
    store = get_accounts(app)
    account = store.by_username(username)
    assert account is not None
    _, secret = store.create_token(account.id, "tests")
    return {"Authorization": f"Bearer {secret}"}


def _opened_records(app: Flask) -> list[Any]:
    service = get_service(app)
    events = [service.mapper.to_domain_event(n) for n in service.recorder.select_notifications(
        1, 1_000_000, topics=("domain.audit:AccessRecord.Recorded",))]
    return [e for e in events if getattr(e, "kind", None) is AccessKind.DOCUMENT_OPENED]


class TestFromTheEmployeePage:
    def test_an_officer_attaches_a_pdf_and_downloads_the_same_bytes(
            self, demo_app: Flask) -> None:
        employee_id = demo_places(demo_app)["employeeA"]
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        data = a_pdf()

        status, _ = _upload(client, employee_id, data, "sk.pdf", "application/pdf")

        assert status == 302
        page = text(client.get(f"/hr/employees/{employee_id}"))
        sha256 = hashlib.sha256(data).hexdigest()
        link = f"/hr/employees/{employee_id}/dokumen/{sha256}"
        assert link in page and 'data-testid="document"' in page
        download = client.get(link)
        assert download.status_code == 200 and download.mimetype == "application/pdf"
        assert hashlib.sha256(download.data).hexdigest() == sha256
        assert download.headers["Content-Disposition"].startswith("attachment;")
        assert download.headers["X-Content-Type-Options"] == "nosniff"
        attached = get_service(demo_app).documents.attached(UUID(employee_id))
        assert attached is not None
        [event] = attached.of_entry(1)
        assert (event.sha256, event.size, event.media_type) == (sha256, len(data),
                                                                "application/pdf")

    def test_a_renamed_text_file_is_refused_at_its_field_and_nothing_is_written(
            self, demo_app: Flask) -> None:
        employee_id = demo_places(demo_app)["employeeA"]
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        before = count_events(get_service(demo_app))

        status, page = _upload(client, employee_id, b"bukan pindaian\n", "sk.pdf",
                               "application/pdf")

        assert status == 422
        assert 'data-testid="file-error"' in page and "Jenis berkas tidak diterima" in page
        assert count_events(get_service(demo_app)) == before

    def test_an_officer_of_another_agency_gets_404_and_an_auditor_is_recorded(
            self, demo_app: Flask) -> None:
        places = demo_places(demo_app)
        owner = demo_app.test_client()
        login(owner, "hr.salatiga")
        data = an_image("image/png")
        assert _upload(owner, places["employeeA"], data, "s.png", "image/png")[0] == 302
        link = f"/hr/employees/{places['employeeA']}/dokumen/{hashlib.sha256(data).hexdigest()}"

        other = demo_app.test_client()
        login(other, "hr.kupang")
        assert other.get(link).status_code == 404
        assert _upload(other, places["employeeA"], data, "s.png", "image/png")[0] == 404

        auditor = demo_app.test_client()
        login(auditor, "auditor")
        before = len(_opened_records(demo_app))
        response = auditor.get(link)
        assert response.status_code == 200 and response.data == data
        opened = _opened_records(demo_app)
        assert len(opened) == before + 1
        assert opened[-1].employee_ids == [UUID(places["employeeA"])]


class TestThroughTheApi:
    def test_a_jpeg_is_attached_and_downloaded_by_its_sha256(self, demo_app: Flask) -> None:
        employee_id = demo_places(demo_app)["employeeA"]
        client, headers = demo_app.test_client(), _token(demo_app, "hr.salatiga")
        data = an_image("image/jpeg")
        url = f"/api/v1/employees/{employee_id}/timeline/1/documents"

        created = client.post(url, headers=headers, content_type="multipart/form-data",
                              data={"kind": "certificate",
                                    "file": (io.BytesIO(data), "s.jpg", "image/jpeg")})

        assert created.status_code == 201, created.json
        sha256 = hashlib.sha256(data).hexdigest()
        assert created.json is not None and created.json["sha256"] == sha256
        download = client.get(f"{url}/{sha256}", headers=headers)
        assert download.status_code == 200 and download.mimetype == "image/jpeg"
        assert hashlib.sha256(download.data).hexdigest() == sha256
        assert client.get(f"/api/v1/employees/{employee_id}/timeline/2/documents/{sha256}",
                          headers=headers).status_code == 404

    def test_a_truncated_pdf_is_422_and_a_too_large_body_413(self, demo_app: Flask) -> None:
        employee_id = demo_places(demo_app)["employeeA"]
        client, headers = demo_app.test_client(), _token(demo_app, "hr.salatiga")
        url = f"/api/v1/employees/{employee_id}/timeline/1/documents"
        before = count_events(get_service(demo_app))

        truncated = client.post(url, headers=headers, content_type="multipart/form-data",
                                data={"file": (io.BytesIO(a_pdf()[:-150]), "sk.pdf",
                                               "application/pdf")})
        # encoded here: the test client would spool a large form to a file it leaves open
        boundary, body = encode_multipart(MultiDict({"file": FileStorage(
            io.BytesIO(b"%PDF-1.4\n" + bytes(6_000_000)), "sk.pdf",
            content_type="application/pdf")}))
        large = client.post(url, headers=headers, data=body,
                            content_type=f"multipart/form-data; boundary={boundary}")

        assert truncated.status_code == 422 and truncated.json is not None
        assert truncated.json["problems"][0]["rule"] == "DOCUMENT_CONTENT_INVALID"
        assert truncated.json["problems"][0]["field"] == "file"
        assert large.status_code == 413
        assert count_events(get_service(demo_app)) == before

    def test_another_agencys_officer_gets_404(self, demo_app: Flask) -> None:
        employee_id = demo_places(demo_app)["employeeA"]
        client, headers = demo_app.test_client(), _token(demo_app, "hr.kupang")
        response = client.post(f"/api/v1/employees/{employee_id}/timeline/1/documents",
                               headers=headers, content_type="multipart/form-data",
                               data={"file": (io.BytesIO(a_pdf()), "sk.pdf",
                                              "application/pdf")})
        assert response.status_code == 404

    def test_the_operations_are_in_the_openapi_document(self, demo_app: Flask) -> None:
        spec = demo_app.test_client().get("/api/v1/openapi.json").json
        assert spec is not None
        path = "/api/v1/employees/{employee_id}/timeline/{version}/documents"
        assert "post" in spec["paths"][path]
        assert "multipart/form-data" in spec["paths"][path]["post"]["requestBody"]["content"]
        assert "get" in spec["paths"][path + "/{sha256}"]


class TestErasure:
    def test_after_erase_personal_data_no_copy_of_the_scan_is_left_or_served(
            self, demo_app: Flask) -> None:
        employee_id = demo_places(demo_app)["employeeA"]
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        data = a_pdf("LAMPIRAN-RAHASIA-5d1c")
        assert _upload(client, employee_id, data, "sk.pdf", "application/pdf")[0] == 302
        sha256 = hashlib.sha256(data).hexdigest()
        service = get_service(demo_app)
        subject_id = service.get_employee(UUID(employee_id)).subject_id
        sealed = service.documents.store.get(subject_id, sha256)
        assert sealed is not None
        needles = {"text": b"LAMPIRAN-RAHASIA-5d1c", "ciphertext": sealed[13:77]}
        backend = demo_app.extensions["rekam_backend"]
        assert set(files_holding(stored_files(backend), needles)) == {"ciphertext"}
        with demo_app.app_context():
            nip = next(r["nip"] for r in read_rows(catch_up_views(demo_app))["roster"]
                       if r["employee_id"] == UUID(employee_id).hex)

        result = demo_app.test_cli_runner().invoke(
            args=["erase-personal-data", "--nip", nip, "--operator", "admin"])

        assert result.exit_code == 0, result.output
        assert client.get(f"/hr/employees/{employee_id}/dokumen/{sha256}").status_code == 404
        assert files_holding(stored_files(backend), needles) == {}
