"""The mails' text, written when a row is delivered from its template key and parameters:
what happened and a link to the page, in Bahasa Indonesia (the catalogue's `id`), with no
name, number or reason in it."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask_babel import force_locale
from flask_babel import gettext as _

from domain.notifications import NotificationKind
from projections.stores.outbox import OutboxRow
from web.settings import MailSettings

LANGUAGE = "id"


def subject_and_body(row: OutboxRow, link: str) -> tuple[str, str]:
    """The subject and body of `row` (an app context must be open, for the catalogue)."""
    with force_locale(LANGUAGE):
        kind, params = NotificationKind(row.kind), row.params
        if kind is NotificationKind.LEAVE_WAITING and params.get("stage") == "official":
            subject = _("A leave request is waiting for your decision")
            lead = _("A leave request considered by the direct superior is waiting for the "
                     "authorised official's decision.")
        elif kind is NotificationKind.LEAVE_WAITING:
            subject = _("A leave request is waiting for your consideration")
            lead = _("A leave request of an employee you supervise directly is waiting for "
                     "your consideration.")
        elif kind is NotificationKind.LEAVE_DECIDED:
            subject = {"approved": _("Your leave request was approved"),
                       "deferred": _("Your leave request was deferred to other dates"),
                       }.get(params.get("outcome", ""), _("Your leave request was rejected"))
            lead = _("A decision was made on your leave request.")
        elif kind is NotificationKind.LEAVE_RETURN_DUE:
            subject = _("Your report of return from unpaid leave is due")
            lead = _("Your unpaid leave (CLTN) has ended. Report your return in writing to "
                     "your HR office within one month.")
        else:
            subject = _("Annual leave days will lapse at the end of the year")
            lead = _("%(days)s days of annual leave carried over from earlier years lapse on "
                     "31 December %(year)s unless they are taken.",
                     days=params.get("days", "?"), year=params.get("year", "?"))
        body = "\n\n".join([lead, _("See the details: %(link)s", link=link),
                            _("This message was sent automatically by Rekam Jejak. Please do "
                              "not reply to it.")])
    return subject, body


def compose(row: OutboxRow, address: str, settings: MailSettings) -> EmailMessage:
    """The mail of `row` to `address`."""
    subject, body = subject_and_body(row, settings.base_url + row.params.get("path", "/"))
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = address
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(idstring=row.id[:12])
    message.set_content(body)
    return message
