"""Who decides a leave request: the direct superior who considers it, and the authorised
official (PYBMC) who decides it, so the commands, queues and notifications share one rule.

The direct superior (atasan langsung) is read as the appraisal rule reads a rater: an active
employee of the requester's agency whose position type may rate the requester's position
(`rater_types`). The authorised official is the government's HR administrator (Role.HR_ADMIN),
acting in their scope (the web layer checks the scope, as for every staff action).
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.employee_rules import EmployeeState
from domain.errors import DomainError
from domain.regulations import rater_types
from domain.values import Actor, Role

OFFICIAL_ROLES = frozenset({Role.HR_ADMIN})


def is_direct_superior(superior: EmployeeState, superior_id: UUID, requester: EmployeeState,
                       requester_id: UUID) -> bool:
    """Whether `superior` may consider the leave of `requester` (both states on one day)."""
    return (superior_id != requester_id and superior.is_active
            and superior.agency_id is not None and superior.agency_id == requester.agency_id
            and superior.position_type in rater_types(requester.position_type))


def consideration_refusals(superior: EmployeeState | None, superior_id: UUID | None,
                           requester: EmployeeState, requester_id: UUID,
                           on: date) -> list[DomainError]:
    """LEAVE_CONSIDERER_NOT_SUPERIOR unless the actor's own record is the requester's direct
    superior on `on`."""
    if superior is None or superior_id is None or not is_direct_superior(
            superior, superior_id, requester, requester_id):
        return [DomainError("LEAVE_CONSIDERER_NOT_SUPERIOR", field="id", on=on)]
    return []


def decision_refusals(actor: Actor) -> list[DomainError]:
    """LEAVE_DECIDER_NOT_OFFICIAL unless the actor acts as the authorised official."""
    if actor.role not in OFFICIAL_ROLES:
        return [DomainError("LEAVE_DECIDER_NOT_OFFICIAL", field="id")]
    return []
