"""The guard of the public forms: honeypot, minimum fill time, per-address limits.

No third-party captcha. A form carries a token signed with the app's secret holding the time
it was served; a post sooner than `VOICE_MIN_FILL_SECONDS` after it (3 s: no person reads and
writes a complaint faster) or with the hidden `website` field filled is refused. Each address
may submit `COMPLAINTS_PER_HOUR` complaints and make `TRACKING_FAILURES_PER_HOUR` wrong
tracking attempts an hour (and send `SURVEYS_PER_HOUR` open survey responses and
`SURVEY_CODE_FAILURES_PER_HOUR` wrong survey codes), counted in a table of the account store,
so the limit holds across web processes. The address itself is never stored: only a keyed
hash of it.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

from flask import current_app, request
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer

from domain.errors import DomainError
from web.accounts.store import get_accounts
from web.ui import language

COMPLAINTS_PER_HOUR = 5
COMMENTS_PER_HOUR = 10  # comments on public consultations (web/public/consultation.py)
TRACKING_FAILURES_PER_HOUR = 30
SURVEYS_PER_HOUR = 5  # open-mode survey responses (a coded response is not limited)
SURVEY_CODE_FAILURES_PER_HOUR = 30
WINDOW_SECONDS = 3600
MIN_FILL_SECONDS = 3
LONGEST_FILL_SECONDS = 4 * 3600
LIMITS = {"complaint": COMPLAINTS_PER_HOUR, "track": TRACKING_FAILURES_PER_HOUR,
          "survey": SURVEYS_PER_HOUR, "survey_code": SURVEY_CODE_FAILURES_PER_HOUR,
          "comment": COMMENTS_PER_HOUR}


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(str(current_app.secret_key), salt="rekam-voice-form")


def form_token() -> str:
    """The token a public form carries: when it was served, signed."""
    return _serializer().dumps(int(time.time()))


def field_errors(error: DomainError) -> dict[str, str]:
    """A refusal of the domain as a message at its field, in the reader's language."""
    return {error.field or "description": error.message(language())}


@dataclass(frozen=True)
class Guard:
    """The checks of one post of a public form, from one address."""

    kind: str
    subject: str

    @classmethod
    def of_request(cls, kind: str) -> Guard:
        secret = str(current_app.secret_key).encode("utf-8")
        address = (request.remote_addr or "-").encode("utf-8")
        keyed = hmac.new(secret, b"voice-address:" + address, hashlib.sha256).hexdigest()
        return cls(kind, f"voice:{kind}:{keyed[:32]}")

    def refusal(self, min_fill: bool = True) -> tuple[int, str] | None:
        """(status, message) when the post must be refused, else None."""
        form = request.form
        if form.get("website"):
            return 400, _("The form was not filled in by a person. Please try again.")
        try:
            served = _serializer().loads(form.get("token", ""), max_age=LONGEST_FILL_SECONDS)
        except BadSignature:
            return 400, _("The form has expired. Open it again and resend.")
        shortest = current_app.config.get("VOICE_MIN_FILL_SECONDS", MIN_FILL_SECONDS)
        if min_fill and time.time() - float(served) < shortest:
            return 400, _("The form was sent too quickly. Please check it and send again.")
        count = get_accounts(current_app).post_count(self.subject, time.time() - WINDOW_SECONDS)
        if count >= LIMITS[self.kind]:
            return 429, _("Too many submissions from this address. Please try again in an "
                          "hour.")
        return None

    def count(self) -> None:
        """Count one accepted complaint (or one wrong tracking attempt) for this address."""
        get_accounts(current_app).record_post(self.subject, keep_seconds=WINDOW_SECONDS)
