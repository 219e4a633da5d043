"""The public figures of complaint handling, per service unit and period (pure).

What a period's figures count, each by the day its step took legal effect:

- *received*: complaints submitted in the period;
- *verified* / *rejected*: complaints verified / rejected in it;
- *answered*: complaints answered for the first time in it, and of those, *answered on time*:
  answered on or before the deadline in force then (verification's answer deadline, or the
  one set when it was assigned or reopened);
- *resolved*: complaints closed as resolved in it and not reopened since;
- *median working days to answer*: over the first answers of the period, the working days
  from receipt to that answer (domain/working_days.py, the holiday calendars).

The *category mix* of a period counts the complaints received in it by the category the
complainant chose (ComplaintCategory: an element of the service standard, not a finding),
leaving out those rejected by the period's last day: a complaint rejected as a duplicate,
abusive, out of scope or too incomplete to act on says nothing of what the unit's users meet.
Counting only rejections recorded by then keeps a past period's mix as first published.

A complaint is counted for the unit that holds it now (assignment moves it). These are counts
of cases, not of people: docs/DISCLOSURE.md says why they are published exactly.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median
from typing import Any
from uuid import UUID

from domain.voice_values import ComplaintCategory
from domain.working_days import working_days_between

COUNTS = ("received", "verified", "rejected", "answered", "answered_on_time", "resolved")


@dataclass(frozen=True)
class ComplaintFacts:
    """The dates of one complaint's handling that its public figures read."""

    government_id: UUID
    agency_id: UUID
    unit_id: UUID
    received_on: date
    verified_on: date | None = None
    rejected_on: date | None = None
    answered_on: date | None = None  # the first answer
    answer_due_on: date | None = None  # the answer deadline in force at the first answer
    resolved_on: date | None = None
    category: ComplaintCategory | None = None  # None: not read by whoever built the facts

    @property
    def is_answered_on_time(self) -> bool:
        return (self.answered_on is not None
                and (self.answer_due_on is None or self.answered_on <= self.answer_due_on))


def facts_of(complaint: Any) -> ComplaintFacts:
    """The facts of a Complaint aggregate as folded from its events."""
    return ComplaintFacts(
        complaint.government_id, complaint.agency_id, complaint.unit_id,
        complaint.received_on, complaint.verified_on, complaint.rejected_on,
        complaint.first_answered_on, complaint.first_answer_due_on, complaint.resolved_on,
        complaint.category)


@dataclass(frozen=True)
class Figures:
    """One period's figures of a unit (or of several units together)."""

    received: int = 0
    verified: int = 0
    rejected: int = 0
    answered: int = 0
    answered_on_time: int = 0
    resolved: int = 0
    median_days_to_answer: float | None = None

    @property
    def on_time_share(self) -> float | None:
        """Answered on time as a share of the answers (None without an answer)."""
        return self.answered_on_time / self.answered if self.answered else None

    def counts(self) -> list[int]:
        return [getattr(self, name) for name in COUNTS]

    @property
    def is_empty(self) -> bool:
        return not any(self.counts())


def figures(facts: Iterable[ComplaintFacts], first: date, last: date,
            days_off: Container[date]) -> Figures:
    """The figures of the period from `first` to `last` (both included)."""
    def within(on: date | None) -> bool:
        return on is not None and first <= on <= last

    counts = dict.fromkeys(COUNTS, 0)
    days: list[int] = []
    for fact in facts:
        counts["received"] += within(fact.received_on)
        counts["verified"] += within(fact.verified_on)
        counts["rejected"] += within(fact.rejected_on)
        counts["resolved"] += within(fact.resolved_on)
        if within(fact.answered_on):
            assert fact.answered_on is not None
            counts["answered"] += 1
            counts["answered_on_time"] += fact.is_answered_on_time
            days.append(working_days_between(fact.received_on, fact.answered_on, days_off))
    return Figures(**counts, median_days_to_answer=float(median(days)) if days else None)


def category_counts(facts: Iterable[ComplaintFacts], first: date, last: date
                    ) -> dict[ComplaintCategory, int]:
    """The category mix of the period from `first` to `last` (both included): complaints
    received in it and not rejected by `last`, per category, every category present."""
    counts = dict.fromkeys(ComplaintCategory, 0)
    for fact in facts:
        is_rejected = fact.rejected_on is not None and fact.rejected_on <= last
        if fact.category is not None and first <= fact.received_on <= last and not is_rejected:
            counts[fact.category] += 1
    return counts


def quarter_of(on: date) -> tuple[date, date]:
    """The first and last day of the calendar quarter holding `on`."""
    start_month = (on.month - 1) // 3 * 3 + 1
    first = date(on.year, start_month, 1)
    following = date(on.year + 1, 1, 1) if start_month == 10 else date(on.year, start_month + 3, 1)
    return first, following - timedelta(days=1)


def quarters(facts: list[ComplaintFacts], today: date, limit: int = 8
             ) -> list[tuple[date, date]]:
    """The quarters from the first complaint's to today's, latest first (at most `limit`)."""
    if not facts:
        return []
    earliest = min(f.received_on for f in facts)
    found: list[tuple[date, date]] = []
    on = today
    while len(found) < limit:
        first, last = quarter_of(on)
        found.append((first, last))
        if first <= earliest:
            break
        on = first - timedelta(days=1)
    return found
