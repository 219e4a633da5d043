"""The performance cycle through the pages, on each backend: the employee drafts and submits
the SKP on the desk, the superior agrees it and records feedback, HR sets the unit's predicate
through the form runner, the superior rates within the pattern and a rating outside it is
refused at its field in Indonesian; feedback stays between the two parties."""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.performance_plan import FeedbackKind, PlanStatus
from domain.values import Role
from projections.stores.backend import count_events
from tests.builders.performance import Chain
from tests.builders.personnel import Organisation
from tests.support.staff import csrf_token, login, text
from web import get_service
from web.accounts.passwords import hash_password
from web.accounts.store import get_accounts

TODAY = date.today()
FEEDBACK = "Laporan bulanan perlu dilengkapi data absensi."


def _account(app: Flask, username: str, role: Role, org: Organisation,
             employee_id: UUID | None = None) -> None:
    get_accounts(app).add(username=username, password_hash=hash_password("demo", fast=True),
                          role=role, government_id=org.government_id.hex,
                          agency_id=org.agency_id.hex if role is Role.EMPLOYEE else None,
                          employee_id=employee_id.hex if employee_id else None)


@pytest.fixture
def setting(app: Flask) -> dict[str, Any]:
    """A division with its chain of command (the supervisor's plan agreed), two staff, the
    supervisor with a desk account, and an HR administrator of the government."""
    org = Organisation.build(get_service(app))
    chain = Chain.build(org, staff=2)
    chain.plan(chain.supervisor, year=TODAY.year)
    for name, employee_id in (("staf", chain.staff[0]), ("staf2", chain.staff[1]),
                              ("atasan", chain.supervisor)):
        _account(app, f"pegawai.{name}", Role.EMPLOYEE, org, employee_id)
    _account(app, "hradmin.contoh", Role.HR_ADMIN, org)
    return {"org": org, "chain": chain}


def _client(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def _post(client: FlaskClient, url: str, data: dict[str, str]) -> Any:
    token = csrf_token(text(client.get("/saya/kinerja")))
    return client.post(url, data={"csrf_token": token, **data})


def test_a_plan_drafted_submitted_agreed_discussed_and_rated_on_the_pages(
        app: Flask, setting: dict[str, Any]) -> None:
    chain: Chain = setting["chain"]
    org: Organisation = setting["org"]
    service = get_service(app)
    staf, atasan = _client(app, "pegawai.staf"), _client(app, "pegawai.atasan")

    page = text(staf.get("/saya/kinerja"))
    assert 'data-testid="draft-form"' in page and chain.supervisor.hex in page
    drafted = _post(staf, "/saya/kinerja/rencana", {
        "superior_id": chain.supervisor.hex,
        "results": "Terlayaninya usul kenaikan pangkat | Usul diproses dalam 5 hari kerja | 1"})
    assert drafted.status_code == 302
    plan = service.performance.plan_of(chain.staff[0], TODAY.year)
    assert plan is not None and plan.results[0].cascaded_from is not None
    assert _post(staf, f"/saya/kinerja/{plan.id.hex}/ajukan", {}).status_code == 302

    # Only the superior named on the plan agrees it; to anyone else it does not exist.
    staf2 = _client(app, "pegawai.staf2")
    assert _post(staf2, f"/saya/kinerja/{plan.id.hex}/setujui", {}).status_code == 404
    assert "Terlayaninya usul" in text(atasan.get("/saya/kinerja"))
    assert _post(atasan, f"/saya/kinerja/{plan.id.hex}/setujui", {}).status_code == 302
    assert _post(atasan, f"/saya/kinerja/{plan.id.hex}/umpan-balik", {
        "kind": "COACHING", "held_on": TODAY.isoformat(), "text": FEEDBACK}).status_code == 302
    assert FEEDBACK in text(staf.get("/saya/kinerja"))
    assert FEEDBACK not in text(staf2.get("/saya/kinerja"))

    # The superior changes the agreed plan during the year: the whole list again.
    form = text(atasan.get("/saya/kinerja"))
    assert "Terlayaninya usul kenaikan pangkat | Usul diproses dalam 5 hari kerja | 1" in form
    bad = _post(atasan, f"/saya/kinerja/{plan.id.hex}/ubah", {"results": "tanpa pemisah"})
    assert bad.status_code == 422 and f'id="{plan.id.hex}-ubah-results-error"' in text(bad)
    revised = _post(atasan, f"/saya/kinerja/{plan.id.hex}/ubah", {"results": (
        "Terlayaninya usul kenaikan pangkat | Usul diproses dalam 4 hari kerja | 1\n"
        "Tersusunnya daftar nominatif | Daftar terbit sebelum batas usul")})
    assert revised.status_code == 302
    changed = service.performance.get_plan(plan.id)
    assert [r.indicators for r in changed.results] == [
        ("Usul diproses dalam 4 hari kerja",), ("Daftar terbit sebelum batas usul",)]
    assert changed.results[0].cascaded_from is not None and changed.revisions == 1
    assert _post(staf, f"/saya/kinerja/{plan.id.hex}/ubah",
                 {"results": "x | y"}).status_code == 404  # the employee does not revise

    # No predicate yet: the rating is refused at its field, in Indonesian, and nothing stored.
    rating = {"work_result": "AS_EXPECTED", "behaviour": "AS_EXPECTED"}
    before = count_events(service)
    refused = _post(atasan, f"/saya/kinerja/{plan.id.hex}/nilai", rating)
    assert refused.status_code == 422
    assert re.search(r'data-step="nilai" novalidate>\s*<div class="error-box" role="alert">'
                     r"<p>Predikat kinerja unit tahun \d{4} belum ditetapkan", text(refused))
    assert count_events(service) == before

    # HR sets the division's predicate through the form runner: review, then record.
    hr = _client(app, "hradmin.contoh")
    url = f"/hr/kinerja/{org.agency_id.hex}/predikat"
    form = text(hr.get(url))
    data = {"csrf_token": csrf_token(form), "version": re.search(
        r'name="version" type="hidden" value="(\d+)"', form).group(1),  # type: ignore[union-attr]
        "unit_id": org.division_id.hex, "year": str(TODAY.year), "predicate": "BAIK",
        "staff_count": "2", "indicators": "Layanan tepat waktu | 90 | 92,5", "ikm": "84.5",
        "complaints_on_time_percent": "90"}
    review = hr.post(url, data={**data, "step": "review"})
    assert review.status_code == 200 and "92,5" in text(review)
    assert hr.post(url, data={**data, "step": "confirm"}).status_code == 302

    assert _post(atasan, f"/saya/kinerja/{plan.id.hex}/nilai", rating).status_code == 302
    assert service.get_employee(chain.staff[0]).state.appraisals[TODAY.year].value == "BAIK"
    # A Baik division of two allows one Baik: the second Baik is refused with the pattern.
    second = chain.plan(chain.staff[1], year=TODAY.year)
    refused = _post(atasan, f"/saya/kinerja/{second.hex}/nilai", rating)
    assert refused.status_code == 422
    assert re.search(r'id="[0-9a-f]{32}-nilai-work_result-error" role="alert">Pada unit '
                     r"berpredikat Baik, predikat Baik paling banyak 1 dari 2 pegawai",
                     text(refused))
    below = {"work_result": "BELOW", "behaviour": "AS_EXPECTED"}
    assert _post(atasan, f"/saya/kinerja/{second.hex}/nilai", below).status_code == 302
    assert service.performance.get_plan(second).status is PlanStatus.RATED

    # HR sees the counts against the pattern, never the feedback.
    overview = text(hr.get(f"/hr/kinerja?year={TODAY.year}"))
    assert "1 / ≤ 1" in overview and FEEDBACK not in overview
    assert "Terlayaninya usul" not in overview


def test_bad_input_is_told_at_its_field_and_writes_nothing(
        app: Flask, setting: dict[str, Any]) -> None:
    chain: Chain = setting["chain"]
    service = get_service(app)
    staf = _client(app, "pegawai.staf")
    before = count_events(service)
    for results in ("no separator here", "Hasil | indikator | 7"):
        response = _post(staf, "/saya/kinerja/rencana",
                         {"superior_id": chain.supervisor.hex, "results": results})
        assert response.status_code == 422
        assert 'id="draft-results-error"' in text(response)
    empty = _post(staf, "/saya/kinerja/rencana", {"superior_id": chain.supervisor.hex,
                                                  "results": "Hasil | ;"})
    assert empty.status_code == 422 and 'id="draft-results-error"' in text(empty)
    wrong = _post(staf, "/saya/kinerja/rencana", {"superior_id": chain.staff[1].hex,
                                                  "results": "Hasil | Indikator"})
    assert wrong.status_code == 422
    assert count_events(service) == before
    assert staf.post("/saya/kinerja/not-an-id/ajukan",
                     data={"csrf_token": "x"}).status_code in (400, 404)


def test_the_service_recipients_view_is_the_agency_s_beside_the_unit_never_a_person(
        app: Flask, setting: dict[str, Any]) -> None:
    # Citizens' voice reaches appraisal through the unit (PermenPANRB 6/2022): the figures of
    # the agency's service units stand beside the unit's pattern, away from every name.
    from domain.performance_rules import OrganisationPredicate
    from domain.survey_service import Demographics
    from tests.builders.survey import survey_period
    from tests.builders.voice import HR_ADMIN, complaint, service_unit

    chain: Chain = setting["chain"]
    org: Organisation = setting["org"]
    service = get_service(app)
    unit_id, _ = service_unit(service, org.agency_id, code="layanan-uji")
    period = survey_period(service, unit_id, starts_on=date(TODAY.year, 1, 1),
                           ends_on=date(TODAY.year, 12, 31), population=10)
    for scores in ([4] * 9, [3] * 9):
        service.survey.respond(period, scores=scores, code=None, demographics=Demographics())
    complaint(service, unit_id)  # received today: its answer is not due yet
    chain.plan(chain.staff[0], year=TODAY.year)
    service.performance.set_unit_predicate(
        agency_id=org.agency_id, unit_id=org.division_id, year=TODAY.year,
        predicate=OrganisationPredicate.BAIK, indicators=[], ikm=None,
        complaints_on_time_percent=None, head_id=None, staff_count=2, actor=HR_ADMIN)

    page = text(_client(app, "pegawai.atasan").get("/saya/kinerja"))
    block = page.split('data-testid="service-recipients"')[1].split("</p>")[0]
    assert "87,50" in block and "2 jawaban survei" in block  # (4 + 3) / 2 / 4 × 100
    names = [service.personal_data(e)["name"] for e in (*chain.staff, chain.supervisor)]
    assert all(isinstance(n, str) and n not in block for n in names)
    for section in page.split('data-testid="staff-plan"')[1:]:
        assert "IKM" not in section and "pengaduan" not in section.lower()

    hr = _client(app, "hradmin.contoh")
    form = text(hr.get(f"/hr/kinerja/{org.agency_id.hex}/predikat?year={TODAY.year}"))
    assert re.search(r'id="ikm"[^>]*value="87.50?"', form)
    assert "Diisi dari Survei Kepuasan Masyarakat (SKM) unit layanan perangkat daerah" in form
    assert not any(isinstance(n, str) and n in form for n in names)


def test_the_official_above_the_rater_decides_an_objection_on_the_desk(
        app: Flask, setting: dict[str, Any]) -> None:
    from domain.performance_rules import OrganisationPredicate
    from domain.values import Actor, Expectation

    chain: Chain = setting["chain"]
    org: Organisation = setting["org"]
    service = get_service(app)
    _account(app, "pegawai.kabid", Role.EMPLOYEE, org, chain.division_head)
    chain.set_division(OrganisationPredicate.BAIK, 2, year=TODAY.year)
    plan_id = chain.plan(chain.staff[1], year=TODAY.year)
    service.performance.record_feedback(
        plan_id, kind=FeedbackKind.COACHING, author_id=chain.supervisor, text=FEEDBACK,
        held_on=TODAY, actor=Actor("atasan", Role.EMPLOYEE))
    service.performance.rate(plan_id, work_result=Expectation.BELOW,
                             behaviour=Expectation.AS_EXPECTED, rated_on=TODAY,
                             actor=Actor("atasan", Role.EMPLOYEE))
    staf2 = _client(app, "pegawai.staf2")
    reason = "Bukti capaian triwulan empat belum dipertimbangkan."
    assert _post(staf2, f"/saya/kinerja/{plan_id.hex}/keberatan",
                 {"reason": reason}).status_code == 302

    # The rater does not decide; the division head sees the reason, never the feedback.
    atasan, kabid = _client(app, "pegawai.atasan"), _client(app, "pegawai.kabid")
    assert 'data-testid="objection-to-decide"' not in text(atasan.get("/saya/kinerja"))
    url = f"/saya/kinerja/{plan_id.hex}/putus-keberatan"
    assert _post(atasan, url, {"outcome": "DISMISSED", "reason": "x"}).status_code == 404
    page = text(kabid.get("/saya/kinerja"))
    section = page.split('data-testid="objection-to-decide"')[1]
    assert reason in section and FEEDBACK not in page

    before = count_events(service)
    unchanged = _post(kabid, url, {"outcome": "UPHELD", "reason": "Diterima.",
                                   "work_result": "BELOW", "behaviour": "AS_EXPECTED"})
    assert unchanged.status_code == 422
    assert re.search(r'id="[0-9a-f]{32}-putus-work_result-error" role="alert">',
                     text(unchanged))
    no_reason = _post(kabid, url, {"outcome": "DISMISSED", "reason": ""})
    assert no_reason.status_code == 422 and "-putus-reason-error" in text(no_reason)
    assert count_events(service) == before

    done = _post(kabid, url, {"outcome": "DISMISSED",
                              "reason": "Penilaian sesuai bukti yang ada."})
    assert done.status_code == 302
    assert service.performance.get_plan(plan_id).status is PlanStatus.DECIDED
    assert 'data-testid="objection-to-decide"' not in text(kabid.get("/saya/kinerja"))
