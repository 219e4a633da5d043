"""Checks shared by the aggregates and services, and the inputs that carry personal data.

Each rule lives here once: a name is 1-200 characters after collapsing spaces, in Unicode's
composed form (NFC), a code is short and plain, a contact is at most 200 characters, a reason
at most 2,000; no text holds a control, bidi or zero-width character; ages and month arithmetic
are computed one way for every rule that needs them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from domain import clock
from domain.errors import DomainError
from domain.values import EmploymentType, Nip, Sex

NAME_MAX = 200
CODE_MAX = 40
CONTACT_MAX = 200
REASON_MAX = 2000


@dataclass(frozen=True)
class PersonInput:
    """Personal data of a person being appointed; sealed before anything is stored."""

    name: str
    nip: str
    birth_on: date
    sex: Sex
    contact: str | None = None

    def checked_name(self) -> str:
        return checked_name(self.name)

    def __repr__(self) -> str:  # personal data must not reach a log line or a traceback
        return "PersonInput(…)"


@dataclass(frozen=True)
class ApplicantInput:
    """Personal data of an applicant; sealed before anything is stored."""

    name: str
    nik: str
    birth_on: date
    sex: Sex
    contact: str | None = None

    def __repr__(self) -> str:  # personal data must not reach a log line or a traceback
        return "ApplicantInput(…)"


# Characters no stored text may hold: C0 controls (but tab and line breaks, which the checks
# below collapse into spaces), DEL and the C1 controls; the bidi embeddings, overrides and
# isolates, which make a text read otherwise than it is stored; the zero-width characters,
# which make two names that look the same differ (and NUL, which PostgreSQL's text refuses).
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
                     "\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


def check_text(text: str, field: str) -> None:
    """Refuse a text holding a control, bidi or zero-width character (TEXT_CHARACTERS_INVALID
    at `field`)."""
    if _UNSAFE.search(text):
        raise DomainError("TEXT_CHARACTERS_INVALID", field=field)


def checked_name(text: str, field: str = "name") -> str:
    """A person's, post's or body's name with its spaces collapsed, in composed form (NFC, so
    that the same name typed two ways is one name); NAME_INVALID at `field`."""
    check_text(text, field)
    name = unicodedata.normalize("NFC", " ".join(text.split()))
    if not name or len(name) > NAME_MAX:
        raise DomainError("NAME_INVALID", field=field)
    return name


def checked_code(code: str) -> str:
    """A short code (letters, digits, hyphens, dots), stored in lower case."""
    check_text(code, "code")
    if not code or len(code) > CODE_MAX or not code.replace("-", "").replace(".", "").isalnum():
        raise DomainError("CODE_INVALID", field="code")
    return code.lower()


def checked_contact(text: str | None) -> str | None:
    """A telephone number or e-mail address with its spaces collapsed; None when empty."""
    check_text(text or "", "contact")
    contact = " ".join((text or "").split()) or None
    if contact is not None and len(contact) > CONTACT_MAX:
        raise DomainError("PERSONAL_DATA_INVALID", field="contact", detail="kontak")
    return contact


def checked_reason(text: str | None) -> str | None:
    """A written reason with its spaces collapsed; None when empty."""
    check_text(text or "", "reason")
    reason = " ".join((text or "").split()) or None
    if reason is not None and len(reason) > REASON_MAX:
        raise DomainError("PERSONAL_DATA_INVALID", field="reason", detail="alasan")
    return reason


EARLIEST_BIRTH_ON = date(1900, 1, 1)


def check_birth_on(birth_on: date) -> None:
    """A birth date between 1 January 1900 and the recording day (BIRTH_DATE_IMPLAUSIBLE)."""
    if not EARLIEST_BIRTH_ON <= birth_on <= clock.now().date():
        raise DomainError("BIRTH_DATE_IMPLAUSIBLE", field="birth_on")


def parse_identity_number(text: str, employment_type: EmploymentType) -> Nip:
    """Parse a NIP (PNS) or NI PPPK, telling apart a valid number of the other kind."""
    is_pppk = employment_type is EmploymentType.PPPK
    try:
        return Nip.parse(text, is_pppk=is_pppk)
    except DomainError:
        try:
            Nip.parse(text, is_pppk=not is_pppk)
        except DomainError:
            pass
        else:
            raise DomainError("NIP_KIND_MISMATCH", field="nip") from None
        raise


def age_on(birth_on: date, on: date) -> int:
    """Whole years of age on a date."""
    return on.year - birth_on.year - ((on.month, on.day) < (birth_on.month, birth_on.day))


def add_months(on: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month0 = on.month - 1 + months
    year, month = on.year + month0 // 12, month0 % 12 + 1
    day = min(on.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    if month == 2 and day == 28 and on.day >= 29 and _is_leap(year):
        day = 29
    return date(year, month, day)


def unpaid_days(spans: Iterable[tuple[date, date | None]], since: date, until: date) -> int:
    """Days of CLTN (spans of first day and day of return, None while it runs) from `since` up
    to the day before `until`: service time that does not count."""
    days = 0
    for began_on, returned_on in spans:
        first, end = max(began_on, since), min(returned_on or until, until)
        days += max((end - first).days, 0)
    return days


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
