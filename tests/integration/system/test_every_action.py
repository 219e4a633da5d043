"""Every kind of action can be recorded through the HR form and through the JSON API."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

import pytest
from flask import Flask

from domain.employee import Employee
from domain.values import PositionType, Role
from tests.builders.personnel import Organisation
from tests.support.staff import csrf_token, hidden, login, text
from web import get_service
from web.accounts.manage import add_account
from web.accounts.store import get_accounts

PASSWORD = "kalimat sandi uji panjang"


def _scenarios(org: Organisation) -> list[tuple[str, UUID, dict[str, Any], type[Any]]]:
    """(API action name, employee, input, event expected) for each kind of action."""
    sk = {"legal_number": "800/123/BKPSDM", "legal_signed_on": "2020-03-20"}
    promotable = org.promotable_pns()
    vacant = org.establish_position(PositionType.PELAKSANA)
    newcomer = org.make_pns(appointed_on=date(2018, 4, 1))
    holder = org.make_pns(appointed_on=date(2017, 4, 1))
    org.assign(holder, PositionType.PELAKSANA, date(2019, 1, 1))
    mover = org.make_pns(appointed_on=date(2015, 4, 1))
    appraised = org.make_pns(appointed_on=date(2016, 4, 1))
    org.assign(appraised, PositionType.PELAKSANA, date(2017, 4, 1))
    rater = org.rater()
    pppk = org.appoint_pppk()
    cpns = org.appoint_cpns(appointed_on=date(2023, 4, 1))
    org.complete_latsar(cpns, date(2023, 10, 1))
    leaver = org.make_pns(appointed_on=date(2014, 4, 1))
    penalised = org.make_pns(appointed_on=date(2013, 4, 1))
    return [
        ("promotion", promotable, {"kind": "REGULAR", "to_grade": "III/b",
                                   "effective_on": "2020-04-01", **sk}, Employee.RankPromoted),
        ("position-assignment", newcomer, {"position_id": vacant.hex,
                                           "effective_on": "2020-01-01", **sk},
         Employee.PositionAssigned),
        ("position-release", holder, {"effective_on": "2021-01-01", **sk},
         Employee.PositionReleased),
        ("transfer", mover, {"to_unit": f"{org.health_agency_id.hex}:{org.health_unit_id.hex}",
                             "effective_on": "2021-02-01", "reason": "Kebutuhan organisasi",
                             **sk}, Employee.Transferred),
        ("training", newcomer, {"training_type": "TECHNICAL", "title": "Pelayanan Prima",
                             "hours_jp": "12", "topics": ["PUBLIC_SERVICE_COMMUNICATION"],
                             "effective_on": "2020-06-30"}, Employee.TrainingCompleted),
        ("appraisal", appraised, {"year": "2019", "work_result": "ABOVE", "behaviour": "ABOVE",
                                  "rater_id": rater.hex, "effective_on": "2020-01-15"},
         Employee.AppraisalRecorded),
        ("penalty", penalised, {"penalty_type": "WRITTEN_REPRIMAND",
                                "reason": "Tidak masuk kerja tanpa keterangan",
                                "effective_on": "2021-05-03", **sk}, Employee.PenaltyImposed),
        ("contract-renewal", pppk, {"ends_on": "2032-02-29", "effective_on": "2027-01-15",
                                    **sk}, Employee.ContractRenewed),
        ("probation", cpns, {"effective_on": "2024-04-01", **sk}, Employee.ProbationPassed),
        ("separation", leaver, {"separation_type": "RESIGNATION", "effective_on": "2022-01-01",
                                **sk}, Employee.Separated),
    ]


SLUGS = {"promotion": "kenaikan-pangkat", "position-assignment": "pengangkatan-jabatan",
         "position-release": "pelepasan-jabatan", "transfer": "mutasi",
         "training": "pelatihan", "appraisal": "penilaian-kinerja",
         "penalty": "hukuman-disiplin", "contract-renewal": "perpanjangan-kontrak",
         "probation": "lulus-masa-percobaan", "separation": "pemberhentian"}


@pytest.fixture
def organisation_app(store_env: dict[str, str], make_app: Callable[..., Flask]
                     ) -> tuple[Flask, list[tuple[str, UUID, dict[str, Any], type[Any]]]]:
    app = make_app(**store_env, REKAM_DEMO="0")
    org = Organisation.build(get_service(app))
    scenarios = _scenarios(org)
    add_account(app, username="petugas", password=PASSWORD, role=Role.HR_OFFICER,
                agency_id=org.agency_id.hex)
    return app, scenarios


def _last_event(app: Flask, employee_id: UUID) -> Any:
    return list(get_service(app).events.get(employee_id))[-1]


def test_every_action_through_the_form(
        organisation_app: tuple[Flask, list[tuple[str, UUID, dict[str, Any], type[Any]]]]) -> None:
    app, scenarios = organisation_app
    client = app.test_client()
    assert login(client, "petugas", PASSWORD).status_code == 302
    officer = get_accounts(app).by_username("petugas")
    assert officer is not None
    for name, employee_id, data, event_class in scenarios:
        url = f"/hr/employees/{employee_id.hex}/actions/{SLUGS[name]}"
        page = text(client.get(url))
        base = {"csrf_token": csrf_token(page), "version": hidden(page, "version")}
        review = client.post(url, data={**base, **data, "step": "review"})
        assert review.status_code == 200, (name, text(review)[-1500:])
        assert 'data-testid="confirmation"' in text(review), name
        done = client.post(url, data={**base, **data, "step": "confirm"})
        assert done.status_code == 302, (name, text(done)[-1500:])
        event = _last_event(app, employee_id)
        assert isinstance(event, event_class), name
        assert event.actor.user_id == officer.id


def test_every_action_through_the_api(
        organisation_app: tuple[Flask, list[tuple[str, UUID, dict[str, Any], type[Any]]]]) -> None:
    app, scenarios = organisation_app
    store = get_accounts(app)
    officer = store.by_username("petugas")
    assert officer is not None
    _, secret = store.create_token(officer.id, "tests")
    client, headers = app.test_client(), {"Authorization": f"Bearer {secret}"}
    for name, employee_id, data, event_class in scenarios:
        version = get_service(app).get_employee(employee_id).version
        body: dict[str, Any] = {"version": version, **data}
        for number in ("hours_jp", "year"):
            if number in body:
                body[number] = int(body[number])
        response = client.post(f"/api/v1/employees/{employee_id.hex}/{name}",
                               headers=headers, json=body)
        assert response.status_code == 201, (name, response.json)
        event = _last_event(app, employee_id)
        assert isinstance(event, event_class), name
        assert event.actor.user_id == officer.id
