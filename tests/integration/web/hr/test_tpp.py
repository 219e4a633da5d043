"""TPP tried as BKPSDM and the finance office use it, on the demo (twelve months run): a
back-dated medium sanction makes the administrator's run of last month a correction whose line
shows the cut with PP 94/2021; running it again is refused; the run downloads for finance with
an access record; an officer sees their agency's lines only, another government none; a new
regulation version goes through the form with its refusals at their fields; a version without
the Mendagri approval holds its months until the administrator records the letter."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from uuid import UUID

from flask import Flask
from openpyxl import load_workbook

from domain.consultation import WithholdReason
from domain.tpp_tables import example_regulation
from domain.values import Actor, PenaltyLevel, PenaltyType, Rating, Role
from projections.views import hr_queries
from projections.views.consultation import tpp_consultations
from tests.builders.personnel import decree
from tests.support.dates import REAL_TODAY
from tests.support.forms import form_errors, form_fields, record
from tests.support.staff import demo_places, login, text
from web import catch_up_views, get_service

HR = Actor("hr.salatiga", Role.HR_OFFICER)
LAST_MONTH = date(REAL_TODAY.year - (REAL_TODAY.month == 1), (REAL_TODAY.month - 2) % 12 + 1, 1)


def _runs(page: str) -> list[str]:
    return re.findall(r'data-run="([0-9a-f]{32})"', page)


def _access_records(app: Flask) -> int:
    service = get_service(app)
    return sum(1 for n in service.recorder.select_notifications(1, 10**7)
               if n.topic == "domain.audit:AccessRecord.Recorded")


def test_a_back_dated_sanction_makes_a_correction_run_that_finance_downloads(
        demo_app: Flask) -> None:
    places = demo_places(demo_app)
    employee_a, employee_b = places["employeeA"], places["employeeB"]
    admin = demo_app.test_client()
    login(admin, "hradmin.salatiga")
    listing = text(admin.get("/hr/tpp"))
    assert "Perkada TPP Kota Salatiga TA" in listing
    assert len(_runs(listing)) >= 12
    service = get_service(demo_app)
    service.impose_penalty(UUID(employee_a), level=PenaltyLevel.MEDIUM,
                           penalty_type=PenaltyType.ALLOWANCE_CUT_9_MONTHS,
                           effective_on=LAST_MONTH, actor=HR,
                           legal_basis=decree("862/077/HD", LAST_MONTH),
                           reason="Ketidakhadiran tanpa keterangan yang sah")

    record(admin, "/hr/tpp/hitung", {"month": LAST_MONTH.isoformat()})
    again = admin.post("/hr/tpp/hitung", data={**form_fields(admin, "/hr/tpp/hitung"),
                                               "month": LAST_MONTH.isoformat(),
                                               "step": "review"})
    assert again.status_code == 422
    assert any("perhitungan koreksi" in e or "correction run" in e
               for e in form_errors(text(again)))

    correction = _runs(text(admin.get("/hr/tpp")))[0]
    page = text(admin.get(f"/hr/tpp/{correction}?berubah=1"))
    line = re.search(rf'data-employee="{employee_a}">(.*?)</tr>', page, re.S)
    assert line is not None, page[-2000:]
    assert 'data-code="SANCTION_ALLOWANCE_CUT_9_MONTHS"' in line.group(1)
    assert "PP 94/2021" in line.group(1)
    every_line = text(admin.get(f"/hr/tpp/{correction}"))
    assert 0 < page.count("data-employee=") < every_line.count("data-employee=")

    before = _access_records(demo_app)
    download = admin.get(f"/hr/tpp/{correction}/unduh.xlsx")
    assert download.status_code == 200 and download.headers["Cache-Control"] == "no-store"
    sheet = load_workbook(io.BytesIO(download.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:2] == ("NIP", "Nama") and rows[1][-1].startswith("Selisih")
    assert all(sheet.cell(row=r, column=1).number_format == "@"
               for r in range(3, sheet.max_row + 1))
    assert all(isinstance(row[0], str) and len(row[0]) == 18 for row in rows[2:])
    assert _access_records(demo_app) == before + 1

    officer = demo_app.test_client()
    login(officer, "hr.salatiga")
    own = text(officer.get(f"/hr/tpp/{correction}"))
    assert f'data-employee="{employee_a}"' in own
    assert f'data-employee="{employee_b}"' not in own  # another agency of the government
    assert officer.get("/hr/tpp/hitung").status_code == 403
    stranger = demo_app.test_client()
    login(stranger, "hr.kupang")
    assert stranger.get(f"/hr/tpp/{correction}").status_code == 404
    assert stranger.get(f"/hr/tpp/{correction}/unduh.xlsx").status_code == 404


def test_a_regulation_version_goes_through_the_form(demo_app: Flask) -> None:
    admin = demo_app.test_client()
    login(admin, "hradmin.salatiga")
    url = "/hr/tpp/perkada-baru"
    form = text(admin.get(url))
    assert "beban kerja | 60" in form  # prefilled from the version in force
    shares = "beban kerja | 50\nprestasi kerja | 40"
    fields = {**form_fields(admin, url), "effective_on": f"{REAL_TODAY.year + 1}-01-01",
              "perkada": "Perwali Salatiga 4/2027 tentang TPP",
              "base_by_class": "6 | 3.100.000\n9 | 4800000", "criteria_shares": shares,
              "predicate_cuts": "kurang | 25\nSangat Kurang | 50", "performance_cap": "60",
              "approval_ref": ""}
    refused = admin.post(url, data={**fields, "step": "review"})
    assert refused.status_code == 422
    assert re.search(r'data-field="criteria_shares">.*?field-error', text(refused), re.S)
    bad_line = admin.post(url, data={**fields, "base_by_class": "enam | 1", "step": "review"})
    assert bad_line.status_code == 422
    assert any("Baris 1" in e or "Line 1" in e for e in form_errors(text(bad_line)))

    record(admin, url, {**fields, "criteria_shares": "Beban kerja | 60\nPERFORMANCE | 40"})
    assert "Perwali Salatiga 4/2027 tentang TPP" in text(admin.get("/hr/tpp"))
    service = get_service(demo_app)
    run = service.tpp.get_run(UUID(hex=_runs(text(admin.get("/hr/tpp")))[0]))
    policy = service.tpp.policy(run.government_id)
    assert policy is not None
    version = policy.in_force(date(REAL_TODAY.year + 1, 1, 1))
    assert dict(version.base_by_class) == {6: 3_100_000, 9: 4_800_000}
    assert version.approval_ref is None
    assert dict(version.predicate_cuts) == {Rating.KURANG: 2500, Rating.SANGAT_KURANG: 5000}


def test_a_version_names_the_answered_consultation_of_its_draft(demo_app: Flask) -> None:
    service, projections = get_service(demo_app), catch_up_views(demo_app)
    government = hr_queries.government_row(projections, "salatiga")
    assert government is not None
    draft = next(c for c in tpp_consultations(projections, government["id"])
                 if c["status"] == "open")  # the demo's draft of the TPP rules
    consult, admin_actor = service.consultation, Actor("hradmin.salatiga", Role.HR_ADMIN)
    draft_id = UUID(hex=draft["id"])
    admin = demo_app.test_client()
    login(admin, "hradmin.salatiga")
    url = "/hr/tpp/perkada-baru"
    assert draft["id"] not in text(admin.get(url))  # not answered yet: not offered
    consult.close_consultation(draft_id, actor=admin_actor)
    for comment in consult.get(draft_id).comments.values():
        if comment.is_pending:
            consult.moderate_comment(draft_id, comment_id=comment.id, publish_text=None,
                                     reason=WithholdReason.DUPLICATE, actor=admin_actor)
    consult.conclude_consultation(draft_id, minutes="Berita acara forum konsultasi TPP ...",
                                  changes=["Pasal 2: potongan keterlambatan dibatasi"],
                                  actor=admin_actor)
    assert f'value="{draft["id"]}"' in text(admin.get(url))
    adopted_on = (REAL_TODAY + timedelta(days=200)).replace(day=1)  # within the year ahead
    fields = {**form_fields(admin, url), "effective_on": adopted_on.isoformat(),
              "perkada": "Perwali Salatiga 9/2027 tentang TPP", "approval_ref": "",
              "base_by_class": "6 | 3.200.000\n9 | 4900000",
              "criteria_shares": "beban kerja | 60\nprestasi kerja | 40",
              "predicate_cuts": "kurang | 25", "performance_cap": "60",
              "consultation_id": draft["id"]}
    record(admin, url, fields)
    versions = text(admin.get("/hr/tpp"))
    assert f'/konsultasi/{draft["id"]}' in versions
    policy = service.tpp.policy(UUID(hex=government["id"]))
    assert policy is not None
    assert policy.consulted[adopted_on] == draft_id
    # In public: the draft is listed with the consultations on the TPP rules, and the version
    # in force today (the demo's, adopted without one) names no consultation; the new version
    # will from its date.
    public = text(demo_app.test_client().get("/pemda/salatiga/tpp"))
    consulted = re.search(r'<p data-testid="consulted">(.*?)</p>', public, re.S)
    assert consulted is not None and "href" not in consulted[1]
    assert f'/konsultasi/{draft["id"]}"' in public


def test_the_administrator_records_the_mendagri_letter_before_the_month_is_run(
        demo_app: Flask) -> None:
    service, projections = get_service(demo_app), catch_up_views(demo_app)
    government = hr_queries.government_row(projections, "salatiga")
    assert government is not None
    government_id = UUID(hex=government["id"])
    service.tpp.adopt_regulation(example_regulation(
        government_id, LAST_MONTH.year, perkada="Perwali Salatiga 7/2026 tentang TPP",
        effective_from=LAST_MONTH, scale_percent=150, approval_ref=None),
        actor=Actor("hradmin.salatiga", Role.HR_ADMIN))
    admin = demo_app.test_client()
    login(admin, "hradmin.salatiga")
    listing = text(admin.get("/hr/tpp"))
    waiting = re.search(rf'data-approval="{LAST_MONTH.isoformat()}">(.*?)</td>', listing, re.S)
    assert waiting is not None and "belum disetujui Mendagri" in waiting[1]
    assert "/hr/tpp/persetujuan" in listing

    refused_run = admin.post("/hr/tpp/hitung", data={
        **form_fields(admin, "/hr/tpp/hitung"), "month": LAST_MONTH.isoformat(),
        "step": "review"})
    assert refused_run.status_code == 422
    assert any("Perwali Salatiga 7/2026" in e and "persetujuan" in e
               for e in form_errors(text(refused_run)))

    officer = demo_app.test_client()
    login(officer, "hr.salatiga")
    assert officer.get("/hr/tpp/persetujuan").status_code == 403
    assert "/hr/tpp/persetujuan" not in text(officer.get("/hr/tpp"))

    url = "/hr/tpp/persetujuan"
    form = text(admin.get(url))
    assert f'value="{LAST_MONTH.isoformat()}"' in form
    before = service.recorder.max_notification_id()
    fields = {**form_fields(admin, url), "version_from": LAST_MONTH.isoformat(),
              "legal_number": "900.1.10/812/Keuda", "legal_signed_on": LAST_MONTH.isoformat()}
    for bad, field in (({"legal_number": ""}, "legal_number"),
                       ({"legal_number": "   "}, "legal_number"),
                       ({"legal_signed_on": "2099-01-01"}, "legal_signed_on"),
                       ({"legal_signed_on": "2020-01-01"}, "legal_signed_on"),
                       ({"version_from": "2020-01-01"}, "version_from"),
                       ({"version_from": "bukan tanggal"}, "version_from")):
        page = admin.post(url, data={**fields, **bad, "step": "review"})
        assert page.status_code == 422, bad
        assert re.search(rf'data-field="{field}">.*?field-error', text(page), re.S), bad
    assert service.recorder.max_notification_id() == before

    record(admin, url, fields)
    approved = re.search(rf'data-approval="{LAST_MONTH.isoformat()}">(.*?)</td>',
                         text(admin.get("/hr/tpp")), re.S)
    assert approved is not None and "900.1.10/812/Keuda" in approved[1]
    already = admin.post(url, data={**fields, **form_fields(admin, url), "step": "review"})
    assert already.status_code == 422
    record(admin, "/hr/tpp/hitung", {"month": LAST_MONTH.isoformat()})
    assert service.tpp.runs_of(government_id, LAST_MONTH)[-1].perkada \
        == "Perwali Salatiga 7/2026 tentang TPP"
