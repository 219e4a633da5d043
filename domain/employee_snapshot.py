"""How an employee's record is snapshotted: its actions as stored, annulments, personal fields.

The folded state is not stored: it is recomputed on load, so a snapshot never fixes a folding
rule in place. The record's class is read from the snapshot's topic, so this module does not
import the aggregate it snapshots (`Employee.Snapshot` derives from `RecordSnapshot`).
"""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import Snapshot as AggregateSnapshot
from eventsourcing.utils import get_topic, resolve_topic

from domain import clock
from domain.employee_rules import fold


class RecordSnapshot(AggregateSnapshot):
    """A snapshot of an employee's record (the nested `Employee.Snapshot` keeps its topic)."""

    @classmethod
    def take(cls, aggregate: Any) -> Any:
        actions = [[version, get_topic(type(action)),
                    {k: v for k, v in vars(action).items()
                     if k not in ("originator_id", "originator_version")}]
                   for version, action in sorted(aggregate.actions.items())]
        state = {"subject_id": aggregate.subject_id, "actions": actions,
                 "annulled": sorted(aggregate.annulled), "personal": aggregate.personal,
                 "is_erased": aggregate.is_erased, "created_on": aggregate.created_on,
                 "modified_on": aggregate.modified_on}
        return cls(originator_id=aggregate.id, originator_version=aggregate.version,
                   timestamp=clock.now(), topic=get_topic(type(aggregate)), state=state)

    def mutate(self, _: Any) -> Any:
        state = self.state
        employee = object.__new__(resolve_topic(self.topic))
        employee.__base_init__(self.originator_id, self.originator_version, state["created_on"])
        employee.modified_on = state["modified_on"]
        employee.subject_id = state["subject_id"]
        employee.actions = {}
        for version, topic, fields in state["actions"]:
            action = object.__new__(resolve_topic(topic))
            object.__setattr__(action, "__dict__", {
                **fields, "originator_id": self.originator_id, "originator_version": version})
            employee.actions[version] = action
        employee.annulled = set(state["annulled"])
        employee.personal = dict(state["personal"])
        employee.is_erased = state["is_erased"]
        employee.state, employee.last_key = fold(employee.in_force())
        return employee
