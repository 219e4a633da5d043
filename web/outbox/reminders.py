"""Reminders no command causes, written by a monthly job: annual leave carried over from
earlier years that lapses at the end of the year (October to December only), once a month to
each employee with an account and such days left."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from flask import Flask

from domain.errors import DomainError
from domain.notifications import Notification, NotificationKind
from domain.values import Role
from web.accounts.store import get_accounts
from web.outbox import get_outbox
from web.outbox.notifier import OWN_DESK

LAST_QUARTER = (10, 11, 12)


def lapsing_days(app: Flask, employee_id: UUID, year: int) -> int:
    """Days carried into `year` (carried over, deferred in, cuti bersama top-up) not taken
    yet: they are used first and do not carry again (verify: the reference's reading that
    carried days lapse with the year)."""
    from web import get_service

    balance = get_service(app).leave.annual_balance(employee_id, year)
    earlier = balance.carried_in + balance.deferred_in + balance.top_up
    return max(0, earlier - balance.taken)


def remind_lapsing_balances(app: Flask, today: date) -> int:
    """Write this month's reminders (none outside the last quarter); how many were new."""
    if today.month not in LAST_QUARTER:
        return 0
    outbox, written = get_outbox(app), []
    for account in get_accounts(app).all():
        if account.role is not Role.EMPLOYEE or not account.is_active or not account.employee_id:
            continue
        try:
            days = lapsing_days(app, UUID(account.employee_id), today.year)
        except DomainError:  # an erased person, a record without leave rules
            continue
        if days <= 0:
            continue
        notification = Notification(NotificationKind.LEAVE_BALANCE_LAPSING, account.id, {
            "days": str(days), "year": str(today.year), "month": f"{today:%Y-%m}",
            "path": OWN_DESK})
        if not outbox.has(notification):
            written.append(notification)
    outbox.add(written)
    return len(written)
