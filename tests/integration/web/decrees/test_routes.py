"""Decrees anyone can verify: the petikan PDF from the timeline, its QR code and short URL, and
the public page that checks the decree's inclusion in the log against a signed checkpoint."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
import segno
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image

from projections.erasure import erase_person
from projections.ledger import verify as verifier
from projections.views import hr_queries
from tests.builders.personnel import ADMIN
from tests.support.dates import REAL_TODAY
from tests.support.pdf import pdf_text
from tests.support.staff import login
from web import catch_up_views, get_ledger, get_service
from web.decrees.petikan import qr_png
from web.decrees.routes import FAILURES_PER_HOUR


def _decree_entry(app: Flask, kind: str = "RankPromoted", agency: str | None = None,
                  jpt: bool = False) -> dict[str, Any]:
    """A timeline row (employee, version, number) of an in-force decree of `kind` (a
    promotion first; in one agency, whichever action it holds with a decree)."""
    projections = catch_up_views(app)
    timeline = projections.views["timeline"].table("timeline")
    roster = projections.views["roster"].table("roster")
    where, params = " AND t.kind = ?", [kind]
    if agency is not None:
        where, params = " AND r.agency_id = ? AND t.kind <> 'ActionCorrected'", [agency]
    if jpt:
        where += " AND r.position_type IN (?, ?, ?)"
        params += ["JPT_UTAMA", "JPT_MADYA", "JPT_PRATAMA"]
    with projections.store.read() as sql:
        row = sql.execute(
            f"SELECT t.employee_id, t.version, t.legal_number, r.name, r.nip, r.agency_id "
            f"FROM {timeline} t JOIN {roster} r ON r.employee_id = t.employee_id "
            f"WHERE t.status = 'in_force' AND t.legal_number IS NOT NULL"
            f"{where} ORDER BY t.employee_id, t.version DESC LIMIT 1", params).fetchone()
    assert row is not None, f"the demo has no in-force {kind} with a decree"
    return dict(row)


def _petikan(client: FlaskClient, entry: dict[str, Any]) -> tuple[bytes, str]:
    response = client.get(f"/hr/employees/{entry['employee_id']}/timeline/{entry['version']}"
                          "/sk.pdf")
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/pdf"
    return response.data, pdf_text(response.data)


def _code(text: str) -> str:
    found = re.search(r"/sk/(\d+-[0-9A-Z]{12})", text)
    assert found is not None, "the petikan prints no verification URL"
    return found.group(1)


def _sign(app: Flask) -> None:
    ledger = get_ledger(app)
    ledger.catch_up()
    ledger.sign_checkpoint()


def _other_tag(code: str) -> str:
    position, tag = code.split("-")
    last = "0" if tag[-1] != "0" else "1"
    return f"{position}-{tag[:-1]}{last}"


class TestThePetikan:
    def test_staff_in_scope_download_a_real_pdf_naming_the_decree_person_and_page(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        agency = hr_queries.agency_by_code(catch_up_views(demo_app), "salatiga", "disdik")
        assert agency is not None
        entry = _decree_entry(demo_app, agency=agency["id"])
        body, text = _petikan(client, entry)
        assert body.startswith(b"%PDF-1.") and body.rstrip().endswith(b"%%EOF")
        assert entry["legal_number"] in text
        assert entry["name"] in text and entry["nip"] in text
        code = _code(text)
        assert f"http://localhost/sk/{code}" in text
        assert client.get(f"/sk/{code}").status_code == 200

    def test_the_qr_code_holds_the_printed_url(self) -> None:
        url = "http://localhost/sk/12-0123456789AB"
        image = Image.open(io.BytesIO(qr_png(url))).convert("1")
        expected = segno.make(url, error="m", micro=False).matrix
        scale, border = 6, 2
        read = [[image.getpixel(((border + x) * scale + 3, (border + y) * scale + 3)) == 0
                 for x in range(len(expected))] for y in range(len(expected))]
        assert read == [[bool(v) for v in row] for row in expected]
        other = segno.make(url.replace("12-", "13-"), error="m", micro=False).matrix
        assert read != [[bool(v) for v in row] for row in other]

    def test_an_officer_of_another_agency_gets_no_petikan(self, demo_app: Flask) -> None:
        kupang = hr_queries.agency_by_code(catch_up_views(demo_app), "kupang", "disdik")
        assert kupang is not None
        entry = _decree_entry(demo_app, agency=kupang["id"])
        client = demo_app.test_client()
        login(client, "hr.salatiga")
        response = client.get(f"/hr/employees/{entry['employee_id']}/timeline/"
                              f"{entry['version']}/sk.pdf")
        assert response.status_code in (403, 404)

    def test_the_employee_downloads_their_own_from_the_desk(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "pegawai.salatiga")
        desk = client.get("/saya").get_data(as_text=True)
        links = re.findall(r'href="(/saya/sk/\d+\.pdf)"', desk)
        assert links, "the desk offers no petikan"
        response = client.get(links[0])
        assert response.status_code == 200 and response.data.startswith(b"%PDF-")
        assert "/sk/" in pdf_text(response.data)


class TestTheVerificationPage:
    def test_a_real_decree_verifies_against_the_signed_checkpoint_also_offline(
            self, demo_app: Flask, tmp_path: Path) -> None:
        client = demo_app.test_client()
        login(client, "auditor")
        entry = _decree_entry(demo_app)
        code = _code(_petikan(client, entry)[1])
        public = demo_app.test_client()
        _sign(demo_app)
        page = public.get(f"/sk/{code}")
        body = page.get_data(as_text=True)
        assert page.status_code == 200
        assert entry["legal_number"] in body and 'class="ok"' in body
        assert entry["name"] not in body and entry["nip"] not in body
        proof = public.get(f"/sk/{code}/bukti.json")
        assert proof.status_code == 200
        (tmp_path / "bukti.json").write_bytes(proof.data)
        (tmp_path / "checkpoint.txt").write_bytes(public.get("/log/checkpoint").data)
        (tmp_path / "key.txt").write_bytes(public.get("/log/public-key").data)
        args = ["--inclusion-proof", str(tmp_path / "bukti.json"), "--checkpoint",
                str(tmp_path / "checkpoint.txt"), "--public-key", str(tmp_path / "key.txt")]
        assert verifier.main(args) == verifier.EXIT_OK
        forged = json.loads(proof.data)
        forged["position"] += 1
        (tmp_path / "bukti.json").write_text(json.dumps(forged))
        assert verifier.main(args) == verifier.EXIT_FAILED

    def test_before_a_checkpoint_covers_it_the_page_says_the_proof_is_pending(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "auditor")
        code = _code(_petikan(client, _decree_entry(demo_app))[1])
        body = demo_app.test_client().get(f"/sk/{code}").get_data(as_text=True)
        assert 'data-testid="proof-pending"' in body

    @pytest.mark.parametrize("alter", ["tag", "position", "number", "garbage"])
    def test_an_altered_code_or_decree_number_is_not_found(self, demo_app: Flask,
                                                           alter: str) -> None:
        client = demo_app.test_client()
        login(client, "auditor")
        entry = _decree_entry(demo_app)
        code = _code(_petikan(client, entry)[1])
        _sign(demo_app)
        position, tag = code.split("-")
        url = {"tag": f"/sk/{_other_tag(code)}",
               "position": f"/sk/{int(position) - 1}-{tag}",
               "number": f"/sk/{code}?nomor={entry['legal_number']}X",
               "garbage": "/sk/%3Cscript%3E-" + "9" * 200}[alter]
        response = demo_app.test_client().get(url)
        assert response.status_code == 404
        assert 'data-testid="refusal"' in response.get_data(as_text=True)
        right = demo_app.test_client().get(f"/sk/{code}?nomor={entry['legal_number']}")
        assert right.status_code == 200

    def test_the_form_leads_to_the_page_and_says_what_is_missing(self,
                                                                 demo_app: Flask) -> None:
        client = demo_app.test_client()
        assert client.get("/sk").status_code == 200
        empty = client.get("/sk?kode=")
        assert empty.status_code == 422 and 'id="kode-error"' in empty.get_data(as_text=True)
        typed = client.get("/sk?kode=12-abc&nomor=1")
        assert typed.status_code == 302 and "/sk/12-abc" in typed.headers["Location"]

    def test_an_address_that_keeps_failing_is_throttled(self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        for _ in range(FAILURES_PER_HOUR):
            assert client.get("/sk/1-0000000000AA").status_code == 404
        assert client.get("/sk/1-0000000000AA").status_code == 429


class TestPersonalData:
    def test_an_erased_persons_decree_verifies_without_personal_data_and_prints_no_more(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "auditor")
        entry = _decree_entry(demo_app)
        code = _code(_petikan(client, entry)[1])
        projections = catch_up_views(demo_app)
        record = get_service(demo_app).get_employee(UUID(entry["employee_id"]))
        erase_person(projections, record.subject_id, effective_on=REAL_TODAY, actor=ADMIN)
        pdf = client.get(f"/hr/employees/{entry['employee_id']}/timeline/{entry['version']}"
                         "/sk.pdf")
        assert pdf.status_code == 404
        page = demo_app.test_client().get(f"/sk/{code}")
        body = page.get_data(as_text=True)
        assert page.status_code == 200 and entry["legal_number"] in body
        assert entry["name"] not in body and entry["nip"] not in body

    def test_a_jpt_appointment_names_the_office_holder_until_erased(
            self, demo_app: Flask) -> None:
        client = demo_app.test_client()
        login(client, "auditor")
        entry = _decree_entry(demo_app, kind="PositionAssigned", jpt=True)
        code = _code(_petikan(client, entry)[1])
        body = demo_app.test_client().get(f"/sk/{code}").get_data(as_text=True)
        assert entry["name"] in body and entry["nip"] not in body
        record = get_service(demo_app).get_employee(UUID(entry["employee_id"]))
        erase_person(catch_up_views(demo_app), record.subject_id, effective_on=REAL_TODAY,
                     actor=ADMIN)
        body = demo_app.test_client().get(f"/sk/{code}").get_data(as_text=True)
        assert entry["name"] not in body
