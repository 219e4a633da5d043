"""What every new event must hold, whatever its aggregate: plausible dates and safe text.

Checked when an event is created (a command), never when a stored one is decoded, so events
recorded before these rules still replay. The dates:

- no date of a personnel action, decree or organisation is before the Republic was proclaimed
  (17 August 1945);
- a decree is not signed after the day it is recorded;
- a personnel action takes effect at the latest on the day it is recorded: a record tells what
  happened, not what is planned. Two rules allow a coming date: a rank promotion takes effect
  at the latest on the coming promotion date (regulations.py; its decree is signed before its
  TMT), a retirement up to a year ahead (the pension decree precedes the retirement age), an
  appointment at the latest on the 1st of the coming month (the TMT its decree sets), and a
  PPPK contract's renewal up to a year ahead (it is decided before the contract ends).
  Any other event (an organisation's, a recruitment's) takes effect at most a year ahead;
- any other date an event carries (a contract's end, a closing date) lies within ten years
  after the day it is recorded.

"Today" is the recording clock's date (domain/clock.py): the demo generator and imports that
replay years of past recording are held to the day they replay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta
from typing import Any

from domain import clock
from domain.checks import check_text
from domain.errors import DomainError, Refusals
from domain.regulations import next_promotion_date
from domain.values import LegalBasis

PROCLAIMED_ON = date(1945, 8, 17)
AHEAD = timedelta(days=366)  # the furthest a TMT may lie after the day it is recorded
OTHER_DATES_AHEAD = timedelta(days=3653)


def _retirement(event: Any, today: date) -> date:
    return today + AHEAD if event.separation_type.value == "RETIREMENT" else today


def _coming_promotion(event: Any, today: date) -> date:
    return next_promotion_date(today)


def _coming_first_of_month(event: Any, today: date) -> date:
    return date(today.year + (today.month == 12), today.month % 12 + 1, 1)


def _same_day(event: Any, today: date) -> date:
    return today


def _year_ahead(event: Any, today: date) -> date:
    return today + AHEAD


# The latest effective date of an employee's event of each kind (by class name), given the
# recording day; the rule code tells the reader which bound they met.
LATEST_EFFECTIVE_ON: dict[str, Callable[[Any, date], date]] = {
    "RankPromoted": _coming_promotion,
    "Separated": _retirement,
    "Appointed": _coming_first_of_month,  # the TMT CPNS/PPPK its decree sets, a 1st
    "ContractRenewed": _year_ahead,  # decided before the contract it extends has ended
}
_collecting: ContextVar[Refusals | None] = ContextVar("collecting", default=None)


@contextmanager
def collected() -> Iterator[Refusals]:
    """Keep the refusals of the events created in the block instead of raising them, so that a
    command can tell them together with its own rules' (the caller raises them)."""
    found = Refusals()
    token = _collecting.set(found)
    try:
        yield found
    finally:
        _collecting.reset(token)


def check_new_event(event: Any) -> None:
    """Refuse a new event with an implausible date or an unsafe character in a text (all of
    its problems at once)."""
    today = clock.now().date()
    fields = {k: v for k, v in vars(event).items()
              if k not in ("originator_id", "originator_version", "timestamp")}
    found = Refusals()
    with found.collecting():
        _check_effective_on(event, fields.pop("effective_on"), today)
    for name, value in fields.items():
        with found.collecting():
            check_value(name, value, today)
    collecting = _collecting.get()
    if collecting is not None:
        collecting.found.extend(found.found)
    else:
        found.raise_any()


def _check_effective_on(event: Any, on: date, today: date) -> None:
    name = type(event).__name__
    is_employee = type(event).__module__ == "domain.employee"
    bound = LATEST_EFFECTIVE_ON.get(name, _same_day if is_employee else _year_ahead)
    latest = bound(event, today)
    if is_employee and on > today and latest == today:
        check_date(on, "effective_on", on)  # still refuse a date before 1945
        raise DomainError("ACTION_AFTER_TODAY", field="effective_on", today=today)
    check_date(on, "effective_on", latest)


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
