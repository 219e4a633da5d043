"""The promotion periods view agrees with the period it was built from, on both backends: a
period run on the recorded workforce (proposed from the eligibility list in scope, verified,
recorded in a batch), then read through the view's queries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from uuid import UUID

import pytest

from domain import clock
from domain.personnel_service import PersonnelService
from domain.promotion_period import Standing
from domain.promotion_round import EntryStatus
from domain.values import Actor, Role
from projections.stores.backend import Backend
from projections.views.hr_queries import Scope
from projections.views.promotion_periods import (
    eligibility,
    period_entries,
    period_row,
    periods_of,
)
from projections.views.runner import Projections

TMT = date(2026, 12, 1)  # proposals from 16 October to 15 November 2026
OFFICER = Actor("hr.contoh", Role.HR_OFFICER)
ADMIN = Actor("hradmin.contoh", Role.HR_ADMIN)


def _on(day: date) -> AbstractContextManager[None]:
    return clock.recording_clock(lambda: datetime(day.year, day.month, day.day, 10, tzinfo=UTC))


@pytest.fixture
def stores(backend: Backend, service: PersonnelService
           ) -> Iterator[tuple[PersonnelService, Projections]]:
    projections = Projections.open(service, backend)
    projections.catch_up()
    yield service, projections
    projections.close()


def _government(projections: Projections) -> str:
    table = projections.views["organisation"].table("governments")
    with projections.store.read() as sql:
        return str(sql.execute(f"SELECT id FROM {table} ORDER BY id").fetchone()["id"])


def test_a_period_run_from_its_list_reads_back_from_the_view(
        stores: tuple[PersonnelService, Projections]) -> None:
    service, projections = stores
    government_id = _government(projections)
    periods = service.promotion_periods
    with _on(date(2026, 11, 10)):
        period_id = periods.open_period(UUID(government_id), tmt_on=TMT, actor=ADMIN)
        lines = eligibility(projections, service, TMT, Scope(government_id=government_id))
        eligible = [line.employee_id for line in lines if line.standing is Standing.ELIGIBLE]
        assert len(eligible) >= 2, [line.codes for line in lines]
        for employee_id in eligible[:2]:
            periods.propose(period_id, employee_id, actor=OFFICER)
    first, second = eligible[:2]
    with _on(date(2026, 11, 12)):
        periods.accept(period_id, first, actor=ADMIN)
        periods.return_proposal(period_id, second, reason="SKP belum lengkap", actor=ADMIN)
    with _on(date(2026, 11, 20)):
        results = periods.record_batch(period_id, signed_on=date(2026, 11, 20), actor=ADMIN,
                                       decree_pattern="823/{n}/BKPSDM/2026")
    assert [r.is_recorded for r in results] == [True]
    projections.catch_up()

    period = periods.get(period_id)
    (row,) = periods_of(projections, government_id)
    assert {**row, "counts": None} == {**(period_row(projections, period_id.hex) or {}),
                                       "counts": None}
    assert (row["tmt_on"], row["proposals_open_on"], row["is_closed"]) == (
        "2026-12-01", "2026-10-16", 0)
    assert row["counts"] == {"recorded": 1, "returned": 1}
    entries = {UUID(e["employee_id"]): e
               for e in period_entries(projections, period_id.hex,
                                       Scope(government_id=government_id))}
    assert set(entries) == {first, second}
    for employee_id, entry in period.entries.items():
        found = entries[employee_id]
        assert found["status"] == entry.status.value
        assert (found["from_grade"], found["to_grade"]) == (entry.from_grade.code,
                                                          entry.to_grade.code)
        assert found["employee_version"] == entry.employee_version
        assert found["decree_number"] == (entry.decree.number if entry.decree else None)
        assert found["name"]  # the staff's page names them, from the roster
    assert entries[first]["decree_number"] == "823/001/BKPSDM/2026"
    assert entries[second]["status"] == EntryStatus.RETURNED.value
    assert "SKP" not in str(entries[second])  # the reason stays sealed in the event
    recorded = period_entries(projections, period_id.hex, Scope(government_id=government_id),
                              status="recorded")
    assert {UUID(e["employee_id"]) for e in recorded} == {first}


def test_an_officer_sees_only_the_entries_of_their_agency(
        stores: tuple[PersonnelService, Projections]) -> None:
    service, projections = stores
    government_id = _government(projections)
    with _on(date(2026, 11, 10)):
        period_id = service.promotion_periods.open_period(UUID(government_id), tmt_on=TMT,
                                                          actor=ADMIN)
        lines = eligibility(projections, service, TMT, Scope(government_id=government_id))
        eligible = [line.employee_id for line in lines if line.standing is Standing.ELIGIBLE]
        agencies = {e: service.get_employee(e).state.agency_id for e in eligible}
        for employee_id in eligible:
            service.promotion_periods.propose(period_id, employee_id, actor=OFFICER)
    projections.catch_up()
    agency_id = next(iter(agencies.values()))
    assert agency_id is not None

    seen = period_entries(projections, period_id.hex, Scope(agency_id=agency_id.hex))
    in_agency_list = eligibility(projections, service, TMT, Scope(agency_id=agency_id.hex))

    assert {UUID(e["employee_id"]) for e in seen} == {
        e for e, a in agencies.items() if a == agency_id}
    assert {line.employee_id for line in in_agency_list
            if line.standing is Standing.ELIGIBLE} == {e for e, a in agencies.items()
                                                         if a == agency_id}
    assert period_entries(projections, period_id.hex, Scope(government_id="0" * 32)) == []
    assert period_entries(projections, period_id.hex, Scope(agency_id="0" * 32)) == []
    assert all(service.get_employee(line.employee_id).state.agency_id == agency_id
               for line in in_agency_list)
