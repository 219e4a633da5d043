"""Who decides a leave request: the direct superior who considers it, and the authorised
official (PYBMC) who decides it, so the commands, queues and notifications share one rule.

The direct superior (atasan langsung) is read as the appraisal rule reads a rater: an active
employee of the requester's agency whose position type may rate the requester's position
(`rater_types`). The authorised official is the government's HR administrator (Role.HR_ADMIN),
acting in their scope (the web layer checks the scope, as for every staff action).
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta
from uuid import UUID

from domain.employee_rules import EmployeeState
from domain.errors import DomainError
from domain.regulations import rater_types
from domain.values import Actor, PositionType, Role
from domain.working_days import add_working_days, is_working_day

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


def ratee_types(superior_type: PositionType | None) -> tuple[frozenset[PositionType], bool]:
    """The position types whose holders `superior_type` may consider, and whether that
    includes employees holding no position (the inverse of `rater_types`)."""
    if superior_type is None:
        return frozenset(), False
    types = frozenset(t for t in PositionType if superior_type in rater_types(t))
    return types, superior_type in rater_types(None)


# verify: the reference gives no deadline for the pertimbangan or the decision (Perban 24/2017
# sets none in the sources read); these are the working days the queues show, and each is
# brought forward to the working day before the leave starts.
SUPERIOR_WORKING_DAYS = 3
OFFICIAL_WORKING_DAYS = 8


def due_dates(requested_on: date, start_on: date,
              days_off: Container[date]) -> tuple[date, date]:
    """When the superior's consideration and the official's decision are due: a few working
    days after the request, and never later than the last working day before the leave (but
    not before the request's own day)."""
    before_start = start_on - timedelta(days=1)
    while before_start > requested_on and not is_working_day(before_start, days_off):
        before_start -= timedelta(days=1)
    latest = max(requested_on, before_start)
    official = min(add_working_days(requested_on, OFFICIAL_WORKING_DAYS, days_off), latest)
    superior = min(add_working_days(requested_on, SUPERIOR_WORKING_DAYS, days_off), official)
    return superior, official
