"""Complaint figures recomputed from the stored events, without the code that publishes them
(domain/complaint_figures.py): what the tests of the pages and the data compare with."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from statistics import median
from typing import Any
from uuid import UUID

from flask import Flask

from domain.complaint import Complaint
from domain.voice_values import ComplaintCategory, Resolution
from web import get_service


def complaint_events(app: Flask) -> dict[UUID, list[Any]]:
    """Every stored complaint event, per complaint, in order."""
    service = get_service(app)
    found: dict[UUID, list[Any]] = defaultdict(list)
    for note in service.recorder.select_notifications(1, 10**7):
        if note.topic.startswith("domain.complaint:"):
            event = service.mapper.to_domain_event(note)
            found[event.originator_id].append(event)
    return found


def expected(events: dict[UUID, list[Any]], unit_ids: set[str], first: date, last: date,
              days_off: frozenset[date]) -> dict[str, Any]:
    """The figures of the units in `unit_ids` between `first` and `last`, by a second
    reading of the events: each complaint's unit is the one it was last assigned to."""
    counts: dict[str, Any] = dict.fromkeys(("received", "verified", "rejected", "answered",
                            "answered_on_time", "resolved"), 0)
    days: list[int] = []
    for history in events.values():
        unit, due, answered, answer_due, resolved = None, None, None, None, None
        received = verified = rejected = None
        for event in sorted(history, key=lambda e: e.originator_version):
            on = event.effective_on
            if isinstance(event, Complaint.Submitted):
                unit, received, due = event.unit_id.hex, on, event.verify_by
            elif isinstance(event, Complaint.Verified):
                verified, due = on, event.answer_by
            elif isinstance(event, Complaint.Rejected):
                rejected = on
            elif isinstance(event, Complaint.Assigned):
                unit, due = event.unit_id.hex, event.answer_by
            elif isinstance(event, Complaint.Answered) and answered is None:
                answered, answer_due = on, due
            elif isinstance(event, Complaint.Closed):
                resolved = on if event.resolution == Resolution.RESOLVED else None
            elif isinstance(event, Complaint.Reopened):
                resolved, due = None, event.answer_by
        if unit not in unit_ids:
            continue
        for name, on in (("received", received), ("verified", verified),
                         ("rejected", rejected), ("resolved", resolved)):
            counts[name] += on is not None and first <= on <= last
        if answered is not None and first <= answered <= last:
            counts["answered"] += 1
            counts["answered_on_time"] += answered <= answer_due
            assert received is not None
            days.append(sum(1 for n in range(1, (answered - received).days + 1)
                            if (received + timedelta(days=n)).weekday() < 5
                            and received + timedelta(days=n) not in days_off))
    counts["median"] = float(median(days)) if days else None
    return counts


def expected_categories(events: dict[UUID, list[Any]], unit_ids: set[str], first: date,
                        last: date) -> dict[str, int]:
    """The category mix of the units in `unit_ids` between `first` and `last`, read again
    from the events: complaints submitted in the period, held by one of the units now, and
    not rejected on or before `last`."""
    counts = dict.fromkeys((c.value for c in ComplaintCategory), 0)
    for history in events.values():
        ordered = sorted(history, key=lambda e: e.originator_version)
        submitted = ordered[0]
        unit = submitted.unit_id.hex
        for event in ordered:
            if isinstance(event, Complaint.Assigned):
                unit = event.unit_id.hex
        is_rejected = any(isinstance(e, Complaint.Rejected) and e.effective_on <= last
                          for e in ordered)
        if unit in unit_ids and first <= submitted.effective_on <= last and not is_rejected:
            counts[submitted.category.value] += 1
    return counts
