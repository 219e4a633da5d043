"""How well stored histories keep today's personnel rules: each employee's history replayed
through the checks (domain/employee_rules.py), and the PNS outside their position's range."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any
from uuid import UUID

from domain.employee import Employee
from domain.employee_rules import is_outside_position_range, replay_violations
from domain.personnel_service import PersonnelService

FIRST_EVENTS = ("domain.employee:Employee.Appointed", "domain.employee:Employee.RecordOpened")
BATCH = 5000


def employee_ids(service: PersonnelService) -> list[UUID]:
    """Every employee record in the store, in the order they were begun."""
    ids, start = [], 1
    while True:
        batch = service.recorder.select_notifications(start, BATCH, topics=FIRST_EVENTS)
        ids += [UUID(str(n.originator_id)) for n in batch]
        if len(batch) < BATCH:
            return ids
        start = batch[-1].id + 1


def audit_rules(service: PersonnelService) -> dict[str, Any]:
    """The figures of a store: active PNS, those outside their position's range, and the rules
    the histories break on replay (by rule code, with one English example each)."""
    started = time.perf_counter()
    pns = outside = broken = 0
    codes: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for employee_id in employee_ids(service):
        employee: Employee = service.repository.get(employee_id)
        if employee.state.status is not None and employee.state.status.value == "PNS":
            pns += 1
            outside += is_outside_position_range(employee.state)
        violations = replay_violations(employee.in_force())
        broken += bool(violations)
        for violation in violations:
            codes[violation.code] += 1
            examples.setdefault(violation.code, violation.message("en"))
    return {"active_pns": pns, "pns_outside_position_range": outside,
            "employees_with_violations": broken, "violations": sum(codes.values()),
            "violations_by_rule": dict(codes.most_common()), "examples": examples,
            "seconds": round(time.perf_counter() - started, 1)}
