"""The government's decree signer (/hr/penandatangan-sk), on the demo: its HR administrator
sets who signs from a date, every refusal at its field and nothing saved while one stands; a
petikan names the signer in office on its decree's date; other governments and the officers
do not see or set it."""

from __future__ import annotations

import json
import re
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from domain.promotion_round import EntryStatus
from projections.stores.backend import count_events
from projections.views import hr_queries
from tests.support.pdf import page_count, pdf_text
from tests.support.staff import csrf_token, login, text
from web import catch_up_views, get_service

URL = "/hr/penandatangan-sk"


def _form(client: FlaskClient, data: dict[str, str]) -> TestResponse:
    token = csrf_token(text(client.get(URL)))
    return client.post(URL, data={"csrf_token": token, **data})


def _recorded_with_two_dates(app: Flask) -> list[tuple[UUID, int, str]]:
    """Two promotions the demo's periods recorded in Salatiga, signed on different days:
    (employee, record version, signed on), the earlier first."""
    service, projections = get_service(app), catch_up_views(app)
    government_id = UUID(str(hr_queries.government_by_code(projections, "salatiga")))
    found: dict[str, tuple[UUID, int, str]] = {}
    for period_id in _period_ids(app, government_id):
        period = service.promotion_periods.get(period_id)
        for entry in period.entries_in(EntryStatus.RECORDED):
            assert entry.decree is not None and entry.employee_version is not None
            signed = entry.decree.signed_on.isoformat()
            found.setdefault(signed, (entry.employee_id, entry.employee_version, signed))
    assert len(found) >= 2, "the demo's periods record promotions"
    dates = sorted(found)
    return [found[dates[0]], found[dates[-1]]]


def _period_ids(app: Flask, government_id: UUID) -> list[UUID]:
    table = catch_up_views(app).views["promotion_periods"].table("promotion_periods")
    with catch_up_views(app).store.read() as sql:
        rows = sql.execute(f"SELECT id FROM {table} WHERE government_id = ?",
                           (government_id.hex,)).fetchall()
    return [UUID(hex=row["id"]) for row in rows]


def test_a_petikan_names_the_signer_in_office_on_its_decrees_date(demo_app: Flask) -> None:
    (first, first_version, first_on), (later, later_version, later_on) = \
        _recorded_with_two_dates(demo_app)
    admin = demo_app.test_client()
    login(admin, "hradmin.salatiga")

    for from_on, title, name in (("2015-01-01", "Wali Kota Salatiga", "Budi Prasetyo"),
                                 (later_on, "Pj. Wali Kota Salatiga", "Sri Lestari")):
        saved = _form(admin, {"from_on": from_on, "title": title, "name": name})
        assert saved.status_code == 302
    earlier_pdf = admin.get(f"/hr/employees/{first.hex}/timeline/{first_version}/sk.pdf")
    later_pdf = admin.get(f"/hr/employees/{later.hex}/timeline/{later_version}/sk.pdf")

    assert first_on < later_on
    assert "Budi Prasetyo" in pdf_text(earlier_pdf.data)
    assert "Sri Lestari" not in pdf_text(earlier_pdf.data)
    assert "Pj. Wali Kota Salatiga" in pdf_text(later_pdf.data)
    assert "Sri Lestari" in pdf_text(later_pdf.data)
    assert page_count(later_pdf.data) == 1  # the signature still fits the page
    page = text(admin.get(URL))
    assert page.index("Sri Lestari") < page.index("Budi Prasetyo")  # the latest first


def test_a_bad_signer_is_refused_at_its_fields_and_nothing_is_saved(demo_app: Flask) -> None:
    admin = demo_app.test_client()
    login(admin, "hradmin.salatiga")

    refused = _form(admin, {"from_on": "1990-01-01", "title": "Wali Kota", "name": "   "})

    assert refused.status_code == 422
    page = text(refused)
    for name in ("from_on", "name"):
        assert re.search(rf'data-field="{name}">.*?field-error', page, re.S), name
    assert "data-signer=" not in text(admin.get(URL))


def test_only_the_governments_administrator_sees_its_signer(demo_app: Flask) -> None:
    admin = demo_app.test_client()
    login(admin, "hradmin.salatiga")
    assert _form(admin, {"from_on": "2020-01-01", "title": "Wali Kota Salatiga",
                         "name": "Budi Prasetyo"}).status_code == 302
    officer, other = demo_app.test_client(), demo_app.test_client()
    login(officer, "hr.salatiga")
    login(other, "hradmin.kupang")

    assert officer.get(URL).status_code == 403
    assert "Budi Prasetyo" not in text(other.get(URL))


def _last_topic(app: Flask) -> str:
    recorder = get_service(app).recorder
    top = recorder.max_notification_id() or 0
    return recorder.select_notifications(top, 1)[0].topic


def test_a_signer_is_recorded_in_the_log_and_the_same_again_is_refused(
        demo_app: Flask) -> None:
    admin = demo_app.test_client()
    login(admin, "hradmin.salatiga")
    signer = {"from_on": "2021-03-01", "title": "Wali Kota Salatiga", "name": "Budi Prasetyo"}
    before = count_events(get_service(demo_app))

    assert _form(admin, signer).status_code == 302

    assert count_events(get_service(demo_app)) == before + 2  # the list begun, the signer
    assert _last_topic(demo_app) == "domain.decree_signer:DecreeSigners.SignerSet"
    again = _form(admin, signer)
    assert again.status_code == 422 and "sudah tercatat sebagai penanda tangan" in text(again)
    assert count_events(get_service(demo_app)) == before + 2


def test_a_signer_kept_in_the_old_setting_moves_into_the_log_at_the_next_save(
        demo_app: Flask) -> None:
    from web.accounts.store import get_accounts
    from web.decrees.signers import LEGACY_KEY

    government_id = str(hr_queries.government_by_code(catch_up_views(demo_app), "salatiga"))
    get_accounts(demo_app).set_setting(LEGACY_KEY.format(government_id), json.dumps(
        [{"from_on": "2016-02-17", "name": "Yuliyanto", "title": "Wali Kota Salatiga"}]))
    admin = demo_app.test_client()
    login(admin, "hradmin.salatiga")
    assert 'data-signer="2016-02-17"' in text(admin.get(URL))  # still read before the move

    assert _form(admin, {"from_on": "2022-05-22", "title": "Pj. Wali Kota Salatiga",
                         "name": "Sinoeng Noegroho"}).status_code == 302

    logged = get_service(demo_app).decree_signers.signers(UUID(hex=government_id))
    assert [(s.from_on.isoformat(), s.name) for s in logged] == [
        ("2016-02-17", "Yuliyanto"), ("2022-05-22", "Sinoeng Noegroho")]
    assert json.loads(get_accounts(demo_app).setting(LEGACY_KEY.format(government_id))
                      or "[]") == []


def test_the_public_verification_page_names_the_signer_in_office_on_the_decree_date(
        demo_app: Flask) -> None:
    from projections import decrees
    from web import get_ledger

    _first, (employee_id, version, signed_on) = _recorded_with_two_dates(demo_app)
    admin = demo_app.test_client()
    login(admin, "hradmin.salatiga")
    for from_on, title, name in (("2015-01-01", "Wali Kota Salatiga", "Budi Prasetyo"),
                                 (signed_on, "Pj. Wali Kota Salatiga", "Sri Lestari")):
        assert _form(admin, {"from_on": from_on, "title": title, "name": name}
                     ).status_code == 302
    ledger = get_ledger(demo_app)
    ledger.catch_up()
    found = decrees.issue(ledger, catch_up_views(demo_app), employee_id, version)
    assert found is not None

    page = text(demo_app.test_client().get(f"/sk/{found.code}"))

    assert re.search(r'data-testid="signer">Pj. Wali Kota Salatiga — Sri Lestari<', page)
    assert "Budi Prasetyo" not in page


def test_the_administrator_sets_and_reads_the_signer_through_the_api(demo_app: Flask) -> None:
    from web.accounts.store import get_accounts

    def token(username: str) -> dict[str, str]:
        store = get_accounts(demo_app)
        account = store.by_username(username)
        assert account is not None
        return {"Authorization": f"Bearer {store.create_token(account.id, 'tests')[1]}"}

    client, admin = demo_app.test_client(), token("hradmin.salatiga")
    body = {"from_on": "2021-03-01", "title": "Wali Kota Salatiga", "name": "Budi Prasetyo"}
    before = count_events(get_service(demo_app))
    dry = client.post("/api/v1/decree-signers?dry_run=true", json=body, headers=admin)
    assert dry.status_code == 200 and count_events(get_service(demo_app)) == before

    assert client.post("/api/v1/decree-signers", json=body, headers=admin).status_code == 201

    listed = client.get("/api/v1/decree-signers", headers=admin).json
    assert listed == [{"from_on": "2021-03-01", "name": "Budi Prasetyo",
                       "title": "Wali Kota Salatiga"}]
    again = client.post("/api/v1/decree-signers", json=body, headers=admin)
    assert again.status_code == 422 and again.json is not None
    assert again.json["problems"][0]["rule"] == "DECREE_SIGNER_UNCHANGED"
    short = client.post("/api/v1/decree-signers", headers=admin, json={
        "from_on": "1999-01-01", "title": "Wali Kota Salatiga", "name": "Al"})
    assert short.status_code == 422 and short.json is not None
    assert {p["field"] for p in short.json["problems"]} == {"from_on", "name"}
    assert client.get("/api/v1/decree-signers",
                      headers=token("hr.salatiga")).status_code == 403
    assert client.get("/api/v1/decree-signers",
                      headers=token("hradmin.kupang")).json == []  # its own government's
