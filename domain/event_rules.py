"""What every new event must hold, whatever its aggregate: plausible dates and safe text.

Checked when an event is created (a command), never when a stored one is decoded, so events
recorded before these rules still replay. The dates:

- no date of a personnel action, decree or organisation is before the Republic was proclaimed
  (17 August 1945);
- a decree is not signed after the day it is recorded;
- an action takes effect at most a year after it is recorded (a decree may set a TMT ahead,
  e.g. a retirement decided months before), but a completed training, a correction, an
  annulment and a change of personal data are dated on or before the day they are recorded,
  and a rank promotion at the latest on the coming promotion date (regulations.py);
- any other date an event carries (a contract's end, a closing date) lies within ten years
  after the day it is recorded.

"Today" is the recording clock's date (domain/clock.py): the demo generator and imports that
replay years of past recording are held to the day they replay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Any

from domain import clock
from domain.checks import check_text
from domain.errors import DomainError
from domain.regulations import next_promotion_date
from domain.values import LegalBasis

PROCLAIMED_ON = date(1945, 8, 17)
AHEAD = timedelta(days=366)  # the furthest a TMT may lie after the day it is recorded
OTHER_DATES_AHEAD = timedelta(days=3653)


def _same_day(today: date) -> date:
    return today


def _year_ahead(today: date) -> date:
    return today + AHEAD


# The latest effective date of an event of each kind (by class name), given the recording day.
LATEST_EFFECTIVE_ON: dict[str, Callable[[date], date]] = {
    "TrainingCompleted": _same_day,
    "ActionCorrected": _same_day,
    "ActionAnnulled": _same_day,
    "PersonalDataCorrected": _same_day,
    "PersonalDataErased": _same_day,
    "RankPromoted": next_promotion_date,
}


def check_new_event(event: Any) -> None:
    """Refuse a new event with an implausible date or an unsafe character in a text."""
    today = clock.now().date()
    fields = {k: v for k, v in vars(event).items()
              if k not in ("originator_id", "originator_version", "timestamp")}
    latest = LATEST_EFFECTIVE_ON.get(type(event).__name__, _year_ahead)(today)
    check_date(fields.pop("effective_on"), "effective_on", latest)
    for name, value in fields.items():
        check_value(name, value, today)


def check_value(field: str, value: Any, today: date) -> None:
    """Check the texts and dates inside one field of an event (tuples, mappings, a decree)."""
    if isinstance(value, str):
        check_text(value, field)
    elif isinstance(value, LegalBasis):
        check_text(value.number, "legal_basis")
        check_date(value.signed_on, "legal_basis.signed_on", today)
    elif isinstance(value, date) and not isinstance(value, datetime):
        # A correction's new TMT: the corrected action itself is checked by its own kind's
        # bound when the aggregate builds the replacement (employee_rules.replaced).
        check_date(value, field, today + (AHEAD if field.endswith("effective_on")
                                          else OTHER_DATES_AHEAD))
    elif isinstance(value, dict):  # a correction's changes: "changes.effective_on"
        for key, item in value.items():
            check_value(f"{field}.{key}", item, today)
    elif isinstance(value, (tuple, list, frozenset, set)):
        _check_all(field, value, today)


def _check_all(field: str, values: Iterable[Any], today: date) -> None:
    for value in values:
        check_value(field, value, today)


def check_date(on: date, field: str, latest: date) -> None:
    """Refuse a date before 17 August 1945 or after `latest`."""
    if on < PROCLAIMED_ON:
        raise DomainError("DATE_BEFORE_1945", field=field)
    if on > latest:
        raise DomainError("DATE_TOO_LATE", field=field, latest=latest)
