"""What unpaid leave (CLTN) does to the employee's record: the position is released from its
first day, service time stops until the employee reports back, and they return holding no
position until one is assigned again.

The two events are actions of the employee's record (they fold into `EmployeeState` like the
others), written by the leave service (domain/leave_service.py) in the unit of work that
begins the CLTN or records the return report. They live in this module because
domain/employee.py is at its size limit, but they are the record's own events: their stored
topics are `domain.employee:Employee.UnpaidLeaveBegan` and `...Employee.UnpaidLeaveEnded`,
so every reader of the record's topics (the roster, the timeline) takes them, and they are
registered on `Employee` when this module is imported, which domain/application.py does.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.utils import register_topic

from domain.employee import Employee
from domain.employee_rules import EmployeeState, release_position
from domain.errors import DomainError
from domain.values import Actor, EmploymentType, LegalBasis


class UnpaidLeaveBegan(Employee.Action):
    """Cuti di luar tanggungan negara begins: the position is released (it may be filled) and
    service time stops counting (PP 11/2017 jo Perban 24/2017; BKN Kanreg VII)."""

    __module__ = "domain.employee"
    __qualname__ = "Employee.UnpaidLeaveBegan"

    request_id: UUID  # the LeaveRequest granted by the decree (`legal_basis`)

    def check(self, state: EmployeeState) -> None:
        super().check(state)
        if state.employment_type is not EmploymentType.PNS or not state.is_active:
            raise DomainError("UNPAID_LEAVE_NOT_PNS", field="effective_on")
        if state.is_on_unpaid_leave:
            raise DomainError("UNPAID_LEAVE_ALREADY_RUNNING", field="effective_on")

    def fold(self, state: EmployeeState) -> None:
        release_position(state)
        state.unpaid_leaves.append((self.effective_on, None))


class UnpaidLeaveEnded(Employee.Action):
    """The return report after CLTN: service time counts again from its date; the employee
    holds no position until reactivation assigns one."""

    __module__ = "domain.employee"
    __qualname__ = "Employee.UnpaidLeaveEnded"

    request_id: UUID

    def check(self, state: EmployeeState) -> None:
        super().check(state)
        if not state.is_on_unpaid_leave:
            raise DomainError("UNPAID_LEAVE_NOT_RUNNING", field="effective_on")

    def fold(self, state: EmployeeState) -> None:
        if state.unpaid_leaves and state.unpaid_leaves[-1][1] is None:
            began_on = state.unpaid_leaves[-1][0]
            state.unpaid_leaves[-1] = (began_on, self.effective_on)


for _event in (UnpaidLeaveBegan, UnpaidLeaveEnded):
    setattr(Employee, _event.__name__, _event)
    register_topic(f"domain.employee:{_event.__qualname__}", _event)


def begin_unpaid_leave(employee: Employee, *, request_id: UUID, effective_on: date,
                       actor: Actor, legal_basis: LegalBasis | None) -> None:
    """Record the CLTN's first day on the record (checked like any other action)."""
    employee._act(UnpaidLeaveBegan, request_id=request_id, effective_on=effective_on,
                  actor=actor, legal_basis=legal_basis, reason=None)


def end_unpaid_leave(employee: Employee, *, request_id: UUID, effective_on: date,
                     actor: Actor) -> None:
    """Record the return report's date on the record."""
    employee._act(UnpaidLeaveEnded, request_id=request_id, effective_on=effective_on,
                  actor=actor, legal_basis=None, reason=None)


def has_unpaid_leave_of(employee: Employee, request_id: UUID,
                        kind: type[UnpaidLeaveBegan | UnpaidLeaveEnded] = UnpaidLeaveBegan
                        ) -> bool:
    """Whether the record already holds `kind` for the request (in force, not annulled)."""
    return any(isinstance(action, kind) and action.request_id == request_id
               for action in employee.in_force())
