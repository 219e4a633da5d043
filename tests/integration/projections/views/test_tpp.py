"""The TPP view agrees with the runs it was built from, on both backends: the recorded
workforce's government has its regulation, September and October run and October corrected
after a late version (tests/builders/workforce.py); a back-dated penalty corrects September;
the view's queries read it back in scope, and a rebuild equals the catch-up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

from domain.personnel_service import PersonnelService
from domain.tpp_tables import example_regulation
from domain.values import Actor, PenaltyLevel, PenaltyType, Role
from projections.views.hr_queries import Scope
from projections.views.runner import Projections
from projections.views.tpp import (
    agency_totals,
    lines_in_scope,
    months_of_employee,
    regulations_of,
    run_row,
    runs_of,
)
from tests.builders.personnel import decree
from tests.support.views import Rows, read_rows

ADMIN = Actor("hradmin.contoh", Role.HR_ADMIN)
OFFICER = Actor("hr.contoh", Role.HR_OFFICER)
SEPTEMBER, OCTOBER = date(2026, 9, 1), date(2026, 10, 1)


def _active(projections: Projections) -> list[dict[str, str]]:
    return [r for r in read_rows(projections)["roster"]
            if r["status"] in ("PNS", "PPPK") and r["separated_on"] is None]


def test_runs_and_a_correction_read_back_in_scope_and_rebuild_to_the_same_rows(
        service: PersonnelService, projections: Projections,
        clean_rebuild: Callable[[], Rows]) -> None:
    projections.catch_up()
    active = _active(projections)
    government_id = UUID(active[0]["government_id"])
    (september,) = service.tpp.runs_of(government_id, SEPTEMBER)
    october = service.tpp.runs_of(government_id, OCTOBER)[-1]
    penalised = UUID(active[0]["employee_id"])
    service.impose_penalty(penalised, level=PenaltyLevel.MEDIUM,
                           penalty_type=PenaltyType.ALLOWANCE_CUT_12_MONTHS,
                           effective_on=SEPTEMBER, actor=OFFICER,
                           legal_basis=decree("862/090/HD", date(2026, 8, 28)),
                           reason="Ketidakhadiran tanpa keterangan yang sah")
    correction = service.tpp.run_month(government_id, SEPTEMBER, actor=ADMIN)
    projections.catch_up()

    assert [(v["effective_from"], v["perkada"]) for v in regulations_of(
        projections, government_id.hex)] == [("2026-10-01", "Perkada TPP Perubahan TA 2026"),
                                             ("2026-01-01", "Contoh Perkada TPP TA 2026")]
    assert [(r["month"], r["number"]) for r in runs_of(projections, government_id.hex)] == [
        ("2026-10-01", 2), ("2026-10-01", 1), ("2026-09-01", 2), ("2026-09-01", 1)]
    assert run_row(projections, october.id.hex)["changed"] == len(october.lines)  # type: ignore[index]
    row = run_row(projections, correction.hex)
    assert row is not None and row["corrects"] == september.id.hex and row["changed"] == 1
    run = service.tpp.get_run(correction)
    assert (row["staff"], row["gross"], row["net"], row["is_complete"]) == (
        len(run.lines), sum(t.gross for t in run.totals.values()),
        sum(t.net for t in run.totals.values()), 1)
    totals = agency_totals(projections, correction.hex, Scope(government_id=government_id.hex))
    assert sum(t["staff"] for t in totals) == row["staff"] and all(t["agency_name"]
                                                                   for t in totals)

    # An officer of one agency sees that agency's lines only.
    agency_id = active[0]["agency_id"]
    own = lines_in_scope(projections, correction.hex, Scope(agency_id=agency_id))
    everyone = lines_in_scope(projections, correction.hex,
                              Scope(government_id=government_id.hex))
    assert own and {line["agency_id"] for line in own} == {agency_id}
    assert len(everyone) == row["staff"] > len(own)
    (changed,) = lines_in_scope(projections, correction.hex, Scope(agency_id=agency_id),
                                changed_only=True)
    assert changed["employee_id"] == penalised.hex and changed["name"]
    # The desk reads the latest run of each month.
    months = months_of_employee(projections, penalised.hex)
    assert [(m["id"], m["number"]) for m in months] == [(october.id.hex, 2),
                                                        (correction.hex, 2)]
    # No amount of anyone is in a line's row.
    assert set(read_rows(projections)["tpp_lines"][0]) == {
        "run_id", "employee_id", "agency_id", "record_version", "is_changed"}

    incremental = read_rows(projections)
    assert clean_rebuild() == incremental
    projections.rebuild(["tpp"])
    assert read_rows(projections) == incremental


def _approvals(projections: Projections, government_id: UUID) -> dict[str, tuple[str, str]]:
    return {v["effective_from"]: (v["approval_ref"], v["approval_signed_on"])
            for v in regulations_of(projections, government_id.hex)}


def test_a_versions_approval_shows_from_its_table_or_the_letter_recorded_after_it(
        service: PersonnelService, projections: Projections,
        clean_rebuild: Callable[[], Rows]) -> None:
    projections.catch_up()
    government_id = UUID(_active(projections)[0]["government_id"])
    november = date(2026, 11, 1)
    service.tpp.adopt_regulation(example_regulation(
        government_id, 2026, perkada="Perkada TPP November", effective_from=november,
        approval_ref=None), actor=ADMIN)
    projections.catch_up()
    assert _approvals(projections, government_id)["2026-11-01"] == (None, None)

    service.tpp.approve_version(government_id, november,
                                letter=decree("900.1.10/812/Keuda", date(2026, 11, 20)),
                                actor=ADMIN)
    projections.catch_up()

    assert _approvals(projections, government_id) == {
        "2026-11-01": ("900.1.10/812/Keuda", "2026-11-20"),
        "2026-10-01": ("900.1.10/contoh-2026/Keuda", None),
        "2026-01-01": ("900.1.10/contoh-2026/Keuda", None)}
    incremental = read_rows(projections)
    assert clean_rebuild() == incremental

    # The table adopted again from November needs its own letter.
    service.tpp.adopt_regulation(example_regulation(
        government_id, 2026, perkada="Perkada TPP November", effective_from=november,
        approval_ref=None, scale_percent=105), actor=ADMIN)
    projections.catch_up()
    assert _approvals(projections, government_id)["2026-11-01"] == (None, None)
    assert clean_rebuild() == read_rows(projections)
