"""E-mail notifications: who is told of a leave request's steps (notifier.py), the mails' text
(texts.py), their delivery through SMTP by the worker (delivery.py), the reminders of the
jobs (reminders.py)."""

from __future__ import annotations

from flask import Flask

from projections.stores.outbox import Outbox
from web import get_service, opened


def get_outbox(app: Flask) -> Outbox:
    """The outbox table of the app's event store."""
    service = get_service(app)
    return opened(app, "rekam_outbox", lambda: Outbox(service.recorder))
