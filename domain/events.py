"""The base of every stored event: the legal date, who recorded it, the decree, and the time
the system learnt of it (the library's timestamp, from the recording clock)."""

from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate

from domain import clock
from domain.values import Actor, LegalBasis


class RecordedEvent(Aggregate.Event):
    """Fields every aggregate's events carry before their own, in this order."""

    effective_on: date  # TMT: the date the action takes legal effect
    actor: Actor
    legal_basis: LegalBasis | None

    @staticmethod
    def create_timestamp():  # type: ignore[no-untyped-def]
        return clock.now()
