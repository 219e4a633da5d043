"""The demo's ten years of leave (web/loaders/demo_leave_history.py): asked, granted and taken
through the leave service by the rules of each year, with carry-over, sick leave with its
certificate, and a CLTN on the record, and the histories still replay without a violation."""

from __future__ import annotations

from collections import Counter
from uuid import UUID

from domain.employee_leave import UnpaidLeaveBegan, UnpaidLeaveEnded
from domain.leave_regulations import LeaveType
from domain.leave_request import LeaveRequest, LeaveStatus
from projections.rules_audit import audit_rules
from projections.stores.backend import open_service
from tests.support.dates import TODAY
from tests.support.stores import backend_of
from web.loaders.demo import load_demo


def test_the_demo_leave_history_follows_the_rules(store_env: dict[str, str]) -> None:
    backend = backend_of(store_env)
    load_demo(backend=backend, employees=300, years=10, seed=1, today=TODAY)
    service = open_service(backend)
    try:
        requests = [service.leave.get(UUID(str(n.originator_id))) for n in
                    service.recorder.select_notifications(
                        1, 10**6, topics=["domain.leave_request:LeaveRequest.Requested"])]
        kinds = Counter(r.leave_type for r in requests)
        years = {r.start_on.year for r in requests}
        employees = {r.employee_id for r in requests}
        cltn = [r for r in requests if r.leave_type is LeaveType.UNPAID]
        records = {e: service.get_employee(e) for e in employees}
        balances = {e: service.leave.annual_balances(e) for e in employees}
        figures = audit_rules(service)
    finally:
        service.close()

    # Granted and taken, none left waiting in the history (today's queues come later).
    assert {r.status for r in requests} <= {LeaveStatus.TAKEN, LeaveStatus.RETURN_REPORTED}
    assert len(years) >= 8 and max(years) < TODAY.year
    assert kinds[LeaveType.ANNUAL] > 100 and kinds[LeaveType.SICK] >= 1
    assert kinds[LeaveType.MATERNITY] >= 1 and kinds[LeaveType.BIG] >= 1 and cltn
    assert all(_has_certificate(r) for r in requests if r.leave_type is LeaveType.SICK)
    # Years without annual leave carry days over into the next.
    assert any(b.carried_in > 0 for per_year in balances.values() for b in per_year.values())
    for request in cltn:
        actions = records[request.employee_id].in_force()
        began = [a for a in actions if isinstance(a, UnpaidLeaveBegan)]
        ended = [a for a in actions if isinstance(a, UnpaidLeaveEnded)]
        assert [a.effective_on for a in began] == [request.start_on]
        assert request.status is LeaveStatus.RETURN_REPORTED and len(ended) == 1
        assert records[request.employee_id].state_on(request.start_on).position_id is None
    assert figures["violations_by_rule"] == {}


def _has_certificate(request: LeaveRequest) -> bool:
    return any(d.kind.value == "certificate" for d in request.documents)
