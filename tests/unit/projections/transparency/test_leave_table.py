"""The leave table of a release: working days per agency and class, the sensitive classes
published only for groups of ten or more people, and never recoverable from the totals."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from domain.leave_regulations import LeavePlace, LeaveType
from domain.leave_request import LeaveRequest
from domain.values import Actor, Role
from projections.transparency import leave_table
from projections.transparency.computed import ComputedRelease, Replay
from projections.transparency.disclosure import TOTAL, Table, protect_by_people

OFFICIAL = Actor("hradmin", Role.HR_ADMIN)
MARCH = (date(2026, 3, 1), date(2026, 3, 31))  # Nyepi 19 March, Idul Fitri 20-21 (seed)


def _granted(replay: Replay, employee: UUID, kind: LeaveType, start: date, end: date) -> None:
    request = LeaveRequest.ask(
        id=uuid4(), employee_id=employee, subject_id=uuid4(), leave_type=kind, start_on=start,
        end_on=end, working_days=1, place=LeavePlace.DOMESTIC, ground=None, child_order=None,
        certificate=None, bkn_approval_ref=None, address=None, reason=None,
        rule_version="PP11-2017", actor=Actor("pegawai", Role.EMPLOYEE))
    request.approve(legal_basis=None, actor=OFFICIAL)
    replay.aggregates[request.id] = request


def _release(replay: Replay, agency_of: dict[UUID, str]) -> dict[tuple[str, str], int | None]:
    release = ComputedRelease("kota", "2026-03", 1)
    leave_table.add(release, replay, ["a", "b"], agency_of.get, *MARCH)
    return {(r, c): v for k, r, c, v in release.cells() if k == leave_table.LEAVE_TABLE}


class TestLeaveDays:
    def test_days_are_the_working_days_in_the_month_and_small_groups_are_hidden(self) -> None:
        replay, agency_of = Replay(), {}
        for _ in range(12):  # twelve people of agency a sick on 2-3 March: 2 days each
            agency_of[employee := uuid4()] = "a"
            _granted(replay, employee, LeaveType.SICK, date(2026, 3, 2), date(2026, 3, 3))
        agency_of[employee := uuid4()] = "b"  # annual leave from 27 Feb over a weekend
        _granted(replay, employee, LeaveType.ANNUAL, date(2026, 2, 27), date(2026, 3, 4))
        agency_of[employee := uuid4()] = "b"  # three people of b: maternity, CLTN, sick
        _granted(replay, employee, LeaveType.MATERNITY, date(2026, 3, 16), date(2026, 6, 30))
        agency_of[employee := uuid4()] = "b"
        _granted(replay, employee, LeaveType.UNPAID, date(2026, 3, 30), date(2027, 3, 29))
        agency_of[employee := uuid4()] = "b"
        _granted(replay, employee, LeaveType.SICK, date(2026, 3, 31), date(2026, 4, 2))

        cells = _release(replay, agency_of)

        assert cells[("a", "health_or_family")] == 24  # 12 people, exact
        assert cells[("b", "annual_or_big")] == 3  # 2, 3 and 4 March; 27 Feb not this month
        assert cells[("a", "annual_or_big")] == 0 and cells[(TOTAL, "annual_or_big")] == 3
        # three people of b took sensitive leave: hidden, and the total with it (what the
        # total would tell beyond agency a is three people's leave)
        assert cells[("b", "health_or_family")] is None
        assert cells[(TOTAL, "health_or_family")] is None
        assert cells[("a", "unpaid")] is None and cells[("b", "unpaid")] is None
        assert cells[(TOTAL, "unpaid")] is None
        assert (TOTAL, TOTAL) not in cells and ("a", TOTAL) not in cells  # classes never added

    def test_leave_that_is_not_granted_or_is_collective_is_not_counted(self) -> None:
        replay, agency_of = Replay(), {}
        agency_of[employee := uuid4()] = "a"
        waiting = LeaveRequest.ask(
            id=uuid4(), employee_id=employee, subject_id=uuid4(), leave_type=LeaveType.ANNUAL,
            start_on=date(2026, 3, 2), end_on=date(2026, 3, 6), working_days=5,
            place=LeavePlace.DOMESTIC, ground=None, child_order=None, certificate=None,
            bkn_approval_ref=None, address=None, reason=None, rule_version="PP11-2017",
            actor=Actor("pegawai", Role.EMPLOYEE))
        replay.aggregates[waiting.id] = waiting
        _granted(replay, employee, LeaveType.COLLECTIVE, date(2026, 3, 23), date(2026, 3, 24))
        assert _release(replay, agency_of)[("a", "annual_or_big")] == 0


class TestProtectionByPeople:
    def _table(self, people: list[int]) -> Table:
        table = Table("leave_days", [f"r{n}" for n in range(len(people))], ["sick"],
                      [[5 * n] for n in people], row_totals=False)
        return protect_by_people(table, [[n] for n in people], frozenset({"sick"}))

    def test_a_total_is_published_only_when_the_hidden_cells_count_ten_or_more_people(
            self) -> None:
        total = (3, 0)  # the total row of three agencies
        assert total not in self._table([12, 15, 10]).hidden  # nothing hidden
        assert total in self._table([12, 15, 3]).hidden  # would tell the three's leave
        assert total not in self._table([12, 6, 4]).hidden  # the hidden ones: 10 together
        assert self._table([12, 6, 4]).hidden == {(1, 0), (2, 0)}
        assert total in self._table([0, 0, 9]).hidden  # nine people in all

    def test_a_zero_is_hidden_like_any_small_group(self) -> None:
        assert (0, 0) in self._table([0, 20, 20]).hidden
