"""Who is told of a leave request's steps: the hook the application calls with each unit's
changes before it stores them (domain/notifications.py), so the rows commit with the events.

- requested: the direct superiors, the active holders in the requester's agency of a position
  type that may rate theirs (`rater_types`, as `_check_rater` checks an appraisal's rater),
  through their own employee accounts, linking to /saya/atasan;
- considered: the HR administrators of the government (the authorised official's desk,
  /hr/cuti);
- approved, deferred, rejected: the employee's own account, linking to /saya; an approved or
  deferred CLTN also leaves a "return due" row that waits until the day after the leave.

Only ids, the outcome and a path go into a row; the type of leave is left out (sick leave,
maternity and important reasons tell of health and family).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Any
from uuid import UUID

from flask import Flask

from domain.leave_regulations import LeaveType
from domain.leave_request import LeaveRequest
from domain.notifications import Change, Notification, NotificationKind
from domain.regulations import rater_types
from domain.values import Role
from projections.views import hr_queries

log = logging.getLogger(__name__)
SUPERIOR_QUEUE = "/saya/atasan"
OFFICIAL_QUEUE = "/hr/cuti"
OWN_DESK = "/saya"
OUTCOMES = {LeaveRequest.Approved: "approved", LeaveRequest.Deferred: "deferred",
            LeaveRequest.Rejected: "rejected"}


class LeaveNotifier:
    """Maps a unit's leave events to notifications (reads the roster view and the accounts;
    writes nothing itself)."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def __call__(self, changes: Sequence[Change]) -> list[Notification]:
        found: list[Notification] = []
        for aggregate, events in changes:
            if isinstance(aggregate, LeaveRequest):
                for event in events:
                    try:
                        found += self._of(aggregate, event)
                    except Exception as error:
                        # A mail is not worth refusing the leave step: the queues show it.
                        log.warning("no notification of %s: %s", type(event).__name__,
                                    type(error).__name__)
        return found

    def _of(self, request: LeaveRequest, event: Any) -> list[Notification]:
        params = {"request_id": request.id.hex}
        if isinstance(event, LeaveRequest.Requested):
            return [Notification(NotificationKind.LEAVE_WAITING, account,
                                 {**params, "stage": "superior", "path": SUPERIOR_QUEUE})
                    for account in self._superiors(request.employee_id)]
        if isinstance(event, LeaveRequest.Considered):
            return [Notification(NotificationKind.LEAVE_WAITING, account,
                                 {**params, "stage": "official", "path": OFFICIAL_QUEUE})
                    for account in self._officials(request.employee_id)]
        outcome = OUTCOMES.get(type(event))
        own = self._own_account(request.employee_id)
        if outcome is None or own is None:
            return []
        found = [Notification(NotificationKind.LEAVE_DECIDED, own,
                              {**params, "outcome": outcome, "path": OWN_DESK})]
        if outcome != "rejected" and request.leave_type is LeaveType.UNPAID:
            found.append(Notification(NotificationKind.LEAVE_RETURN_DUE, own,
                                      {**params, "path": OWN_DESK},
                                      not_before=_morning_after(request.last_day_on)))
        return found

    def _superiors(self, employee_id: UUID) -> list[str]:
        from web import get_projections, get_service
        from web.accounts.store import get_accounts

        state = get_service(self.app).get_employee(employee_id).state
        if state.agency_id is None:
            return []
        types = sorted(t.value for t in rater_types(state.position_type))
        raters = hr_queries.raters(get_projections(self.app), state.agency_id.hex, types,
                                   exclude=employee_id.hex)
        accounts = get_accounts(self.app)
        found = [accounts.for_employee(row["employee_id"]) for row in raters]
        return [a.id for a in found if a is not None and a.is_active]

    def _officials(self, employee_id: UUID) -> list[str]:
        from web import get_service
        from web.accounts.store import get_accounts

        state = get_service(self.app).get_employee(employee_id).state
        if state.government_id is None:
            return []
        return [a.id for a in get_accounts(self.app).with_role(Role.HR_ADMIN,
                                                               state.government_id.hex)]

    def _own_account(self, employee_id: UUID) -> str | None:
        from web.accounts.store import get_accounts

        account = get_accounts(self.app).for_employee(employee_id.hex)
        return account.id if account is not None and account.is_active else None


def _morning_after(last_day: Any) -> datetime:
    """01:00 UTC (08:00 WIB) of the day after the leave's last day."""
    return datetime.combine(last_day + timedelta(days=1), time(1), tzinfo=UTC)
