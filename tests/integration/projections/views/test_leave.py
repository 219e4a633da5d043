"""The leave view on each backend: a row per request without personal data, the queues and
the roster's mark read from it, and annual balances carried over across three years, equal
after incremental catch-up and after a rebuild."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from uuid import UUID

from domain.clock import recording_clock
from domain.leave_authority import ratee_types
from domain.leave_regulations import LeaveType, UnpaidLeaveReason
from domain.leave_request import LeaveStatus
from domain.personnel_service import PersonnelService
from domain.values import Actor, EmploymentType, LegalBasis, PositionType, Role
from projections.views.hr_queries import Scope
from projections.views.leave import (
    employee_balances,
    employee_requests,
    on_leave,
    waiting_for_official,
    waiting_for_superior,
)
from projections.views.runner import Projections
from tests.builders.personnel import Organisation
from tests.support.views import Rows, cells_containing, read_rows

OFFICIAL = Actor("hradmin", Role.HR_ADMIN)
EMPLOYEE = Actor("pegawai", Role.EMPLOYEE)


def _at(day: date) -> Callable[[], datetime]:
    return lambda: datetime(day.year, day.month, day.day, 9, tzinfo=UTC)


def _long_serving_pns(service: PersonnelService, projections: Projections) -> dict[str, str]:
    """A serving PNS of the recorded history, appointed before 2020, without leave so far."""
    rows = read_rows(projections)
    with_leave = {r["employee_id"] for r in rows["leave_requests"]}
    return next(r for r in rows["roster"] if r["status"] != "SEPARATED"
                and r["employment_type"] == EmploymentType.PNS.value
                and r["appointed_on"] < "2020-01-01" and r["employee_id"] not in with_leave
                and not (r["position_type"] or "").startswith("JPT"))


def _annual(service: PersonnelService, employee_id: UUID, asked_on: date, start_on: date,
            end_on: date) -> UUID:
    with recording_clock(_at(asked_on)):
        request_id = service.leave.request_leave(employee_id, leave_type=LeaveType.ANNUAL,
                                                 start_on=start_on, end_on=end_on,
                                                 actor=EMPLOYEE)
        service.leave.approve_leave(request_id, actor=OFFICIAL)
    return request_id


class TestBalances:
    def test_carry_over_across_three_years_is_projected_as_the_service_computes_it(
            self, service: PersonnelService, projections: Projections) -> None:
        projections.catch_up()
        employee = _long_serving_pns(service, projections)
        employee_id = UUID(employee["employee_id"])
        # Five days in 2023, none in 2024 or 2025, two in 2026.
        _annual(service, employee_id, date(2023, 3, 1), date(2023, 4, 3), date(2023, 4, 7))
        _annual(service, employee_id, date(2026, 3, 2), date(2026, 4, 6), date(2026, 4, 7))
        projections.catch_up()

        balances = employee_balances(projections, employee["employee_id"])
        assert balances[2023]["taken"] == 5
        # 2024: 12 of its own and 6 carried (the 18 cap), none taken.
        assert (balances[2024]["entitled"], balances[2024]["carried_in"],
                balances[2024]["available"]) == (12, 6, 18)
        # 2025: 2023 was used, so the cap stays 18.
        assert (balances[2025]["carried_in"], balances[2025]["available"]) == (6, 18)
        # 2026: two whole years unused, so up to 24; two days taken.
        assert (balances[2026]["available"], balances[2026]["taken"],
                balances[2026]["remaining"]) == (24, 2, 22)
        computed = service.leave.annual_balances(employee_id)
        assert {y: b.remaining for y, b in computed.items() if y in balances} == \
            {y: row["remaining"] for y, row in balances.items()}

    def test_incremental_catch_up_equals_a_rebuild(
            self, service: PersonnelService, projections: Projections,
            clean_rebuild: Callable[[], Rows]) -> None:
        projections.catch_up(batch_size=5)
        employee = _long_serving_pns(service, projections)
        employee_id = UUID(employee["employee_id"])
        for year in (2023, 2024, 2025):
            _annual(service, employee_id, date(year, 2, 1), date(year, 3, 6),
                    date(year, 3, 10))
            projections.catch_up(batch_size=3)  # one year at a time, in small batches
        caught_up = read_rows(projections)

        assert len([r for r in caught_up["leave_balances"]
                    if r["employee_id"] == employee["employee_id"]]) >= 4
        assert clean_rebuild() == caught_up
        projections.rebuild(batch_size=7, workers=2)
        assert read_rows(projections) == caught_up


    def test_a_corrected_contract_redoes_the_balances_shown(
            self, service: PersonnelService, projections: Projections,
            clean_rebuild: Callable[[], Rows]) -> None:
        org = Organisation.build(service)
        employee_id = org.appoint_pppk(appointed_on=date(2019, 3, 1),
                                       contract_ends_on=date(2027, 2, 28))
        _annual(service, employee_id, date(2020, 3, 2), date(2020, 4, 6), date(2020, 4, 10))
        projections.catch_up()
        before = employee_balances(projections, employee_id.hex)

        # The contract was two years, not eight: a PPPK's carry-over follows its length.
        service.correct(employee_id, target_version=1,
                        changes={"contract_ends_on": date(2021, 2, 28)},
                        effective_on=date.today(), actor=OFFICIAL, reason="Salah ketik kontrak")
        projections.catch_up()

        shown = employee_balances(projections, employee_id.hex)
        assert shown[2021]["carried_in"] < before[2021]["carried_in"]
        computed = service.leave.annual_balances(employee_id)
        assert {y: (row["carried_in"], row["available"]) for y, row in shown.items()} == \
            {y: (b.carried_in, b.available) for y, b in computed.items()}
        assert clean_rebuild() == read_rows(projections)


class TestRequests:
    def test_a_request_moves_through_the_queues_and_marks_the_roster_while_it_runs(
            self, service: PersonnelService, projections: Projections) -> None:
        projections.catch_up()
        employee = _long_serving_pns(service, projections)
        employee_id = UUID(employee["employee_id"])
        superior = _superior_of(projections, employee)
        with recording_clock(_at(date(2026, 11, 2))):
            request_id = service.leave.request_leave(
                employee_id, leave_type=LeaveType.ANNUAL, start_on=date(2026, 11, 16),
                end_on=date(2026, 11, 20), actor=EMPLOYEE, address="Jl. Rahasia 9",
                reason="Urusan keluarga yang pribadi")
        projections.catch_up()

        (row,) = employee_requests(projections, employee["employee_id"])
        assert (row["status"], row["working_days"], row["requested_on"]) == (
            "requested", 5, "2026-11-02")
        # verify-deadlines: 3 and 8 working days, and before the leave's first day.
        assert (row["superior_due_on"], row["official_due_on"]) == ("2026-11-05", "2026-11-12")
        assert row["agency_id"] == employee["agency_id"]
        assert not cells_containing(read_rows(projections), "Rahasia")
        assert not cells_containing(read_rows(projections), "pribadi")
        scope = Scope(agency_id=employee["agency_id"])
        assert request_id.hex in [r["id"] for r in waiting_for_official(projections, scope)]
        assert superior is not None
        types, none = superior
        assert request_id.hex in [r["id"] for r in waiting_for_superior(
            projections, employee["agency_id"], types, none, "x")]
        assert not waiting_for_superior(projections, employee["agency_id"], types, none,
                                        employee["employee_id"])  # never their own
        assert not waiting_for_superior(projections, employee["agency_id"], [], False, "x")

        with recording_clock(_at(date(2026, 11, 3))):
            service.leave.approve_leave(request_id, actor=OFFICIAL)
        projections.catch_up()
        assert request_id.hex not in [r["id"] for r in waiting_for_official(projections, scope)]
        ids = [employee["employee_id"]]
        assert on_leave(projections, ids, date(2026, 11, 16)) == {
            employee["employee_id"]: LeaveType.ANNUAL.value}
        assert on_leave(projections, ids, date(2026, 11, 21)) == {}
        assert on_leave(projections, ids, date(2026, 11, 13)) == {}

    def test_a_consideration_and_a_cancellation_are_seen(
            self, service: PersonnelService, projections: Projections) -> None:
        projections.catch_up()
        employee = _long_serving_pns(service, projections)
        employee_id = UUID(employee["employee_id"])
        with recording_clock(_at(date(2026, 11, 2))):
            request_id = service.leave.request_leave(
                employee_id, leave_type=LeaveType.ANNUAL, start_on=date(2026, 11, 16),
                end_on=date(2026, 11, 17), actor=EMPLOYEE)
            service.leave.approve_leave(request_id, actor=OFFICIAL)
            service.leave.cancel_leave(request_id, actor=EMPLOYEE)
        projections.catch_up()

        (row,) = employee_requests(projections, employee["employee_id"])
        assert (row["status"], row["decided_on"]) == (LeaveStatus.CANCELLED.value,
                                                      "2026-11-02")
        assert on_leave(projections, [employee["employee_id"]], date(2026, 11, 16)) == {}


class TestUnpaidLeaveOnTheRoster:
    def test_cltn_releases_the_position_from_its_first_day_and_equals_a_rebuild(
            self, service: PersonnelService, projections: Projections,
            clean_rebuild: Callable[[], Rows]) -> None:
        projections.catch_up()
        employee = next(r for r in read_rows(projections)["roster"]
                        if r["position_id"] and r == _long_serving_pns_row(
                            read_rows(projections), r))
        employee_id = UUID(employee["employee_id"])
        with recording_clock(_at(date(2026, 10, 1))):
            request_id = service.leave.request_leave(
                employee_id, leave_type=LeaveType.UNPAID, start_on=date(2026, 11, 2),
                end_on=date(2027, 10, 29), ground=UnpaidLeaveReason.CARE_FOR_PARENT.value,
                bkn_approval_ref="PERTEK-BKN/9/2026", actor=EMPLOYEE)
            service.leave.approve_leave(
                request_id, legal_basis=LegalBasis("800/CLTN/2026", date(2026, 10, 1)),
                actor=OFFICIAL)
        projections.catch_up()
        row = _roster_row(projections, employee["employee_id"])
        assert row["position_id"] == employee["position_id"]  # granted, not begun

        with recording_clock(_at(date(2026, 11, 2))):
            service.leave.record_leave_taken(request_id, actor=OFFICIAL)
        projections.catch_up()

        row = _roster_row(projections, employee["employee_id"])
        assert (row["position_id"], row["position_type"]) == (None, None)
        assert row["status"] == employee["status"]  # still employed, without a post
        assert on_leave(projections, [employee["employee_id"]], date(2026, 11, 2)) == {
            employee["employee_id"]: LeaveType.UNPAID.value}
        assert clean_rebuild() == read_rows(projections)


def _long_serving_pns_row(rows: Rows, row: dict[str, str]) -> dict[str, str] | None:
    """`row` if it is a serving PNS appointed before 2020 without leave, outside JPT."""
    with_leave = {r["employee_id"] for r in rows["leave_requests"]}
    if (row["status"] != "SEPARATED" and row["employment_type"] == EmploymentType.PNS.value
            and row["appointed_on"] < "2020-01-01" and row["employee_id"] not in with_leave
            and not (row["position_type"] or "").startswith("JPT")):
        return row
    return None


def _roster_row(projections: Projections, employee_id: str) -> dict[str, str]:
    return next(r for r in read_rows(projections)["roster"] if r["employee_id"] == employee_id)


def _superior_of(projections: Projections, employee: dict[str, str]
                 ) -> tuple[list[str], bool] | None:
    """The ratee types of a managerial post that may rate `employee`, if any."""
    for candidate in PositionType:
        types, none = ratee_types(candidate)
        if (employee["position_type"] in {t.value for t in types}
                or (employee["position_type"] is None and none)):
            return [t.value for t in types], none
    return None
