"""Delivery of the outbox by the worker (`deliver_mail` job, `rekam outbox send`): each due
row is sent through SMTP to its account's address, read from the account store now; a failure
is kept with its error type and SMTP code only (never an address) and tried again later
(projections/stores/outbox.py holds the backoff). Without REKAM_SMTP_HOST nothing is sent."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from flask import Flask

from domain.errors import DomainError
from domain.leave_request import LeaveStatus
from domain.notifications import NotificationKind
from projections.stores.outbox import OutboxRow, now
from web.accounts.store import get_accounts
from web.outbox import get_outbox
from web.outbox.texts import compose
from web.settings import MailSettings, get_settings

SMTP_TIMEOUT = 20.0  # seconds per connection and command
# A CLTN's return report is no longer due once the request reached one of these.
NO_RETURN_DUE = frozenset({LeaveStatus.CANCELLED, LeaveStatus.REJECTED,
                           LeaveStatus.RETURN_REPORTED})


@dataclass(frozen=True)
class Delivered:
    """What one delivery run did (counts only)."""

    sent: int = 0
    failed: int = 0
    skipped: int = 0  # no address, an account disabled, or a reminder no longer due
    is_configured: bool = True

    def describe(self) -> str | None:
        if not self.is_configured:
            return "REKAM_SMTP_HOST not set: nothing sent"
        if not (self.sent or self.failed or self.skipped):
            return None
        return f"{self.sent} mails sent, {self.failed} failed, {self.skipped} skipped"


def deliver_due(app: Flask, at: datetime | None = None, limit: int = 200,
                progress: Callable[[int], None] | None = None) -> Delivered:
    """Send the rows due at `at` (now), at most `limit`, through one SMTP connection."""
    settings = get_settings(app).mail
    if not settings.is_configured:
        return Delivered(is_configured=False)
    at = at or now()
    outbox = get_outbox(app)
    rows = outbox.due(at, limit)
    addresses = get_accounts(app).emails(sorted({row.recipient for row in rows}))
    sent = failed = skipped = 0
    smtp: smtplib.SMTP | None = None
    try:
        for done, row in enumerate(rows, 1):
            address = addresses.get(row.recipient)
            if address is None or not _still_due(app, row):
                outbox.drop(row.id)
                skipped += 1
                continue
            is_connecting = smtp is None
            try:
                smtp = smtp or _connect(settings)
                smtp.send_message(compose(row, address, settings), to_addrs=[address])
            except (smtplib.SMTPException, OSError) as error:
                if is_connecting:  # the server is away: every row waits its next attempt
                    for waiting in rows[done - 1:]:
                        outbox.mark_failed(waiting, error_text(error), at)
                    failed += len(rows) - done + 1
                    break
                outbox.mark_failed(row, error_text(error), at)
                failed += 1
                if isinstance(error, (smtplib.SMTPServerDisconnected, OSError)):
                    _close(smtp)
                    smtp = None
            else:
                outbox.mark_delivered(row.id, at)
                sent += 1
            if progress is not None:
                progress(done)
    finally:
        _close(smtp)
    return Delivered(sent, failed, skipped)


def error_text(error: BaseException) -> str:
    """What is kept of a failure: its type and SMTP code, never its text (a refused
    recipient's error names the address)."""
    code = getattr(error, "smtp_code", None) or getattr(error, "errno", None)
    return f"{type(error).__name__}" + (f" {code}" if code else "")


def _connect(settings: MailSettings) -> smtplib.SMTP:
    assert settings.host is not None
    smtp = smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT)
    try:
        if settings.is_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.user:
            smtp.login(settings.user, settings.password or "")
    except BaseException:
        _close(smtp)
        raise
    return smtp


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


def _still_due(app: Flask, row: OutboxRow) -> bool:
    """A CLTN return reminder whose request was cancelled or whose return was reported
    meanwhile is not sent; every other row is."""
    if row.kind != NotificationKind.LEAVE_RETURN_DUE.value:
        return True
    from web import get_service

    try:
        request = get_service(app).leave.get(UUID(row.params["request_id"]))
    except (DomainError, KeyError, ValueError):
        return False
    return request.status not in NO_RETURN_DUE
