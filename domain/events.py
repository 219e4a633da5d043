"""The base of every stored event: the legal date, who recorded it, the decree, and the time
the system learnt of it (the library's timestamp, from the recording clock)."""

from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate

from domain import clock
from domain.event_rules import check_new_event
from domain.values import Actor, LegalBasis


class RecordedEvent(Aggregate.Event):
    """Fields every aggregate's events carry before their own, in this order."""

    effective_on: date  # TMT: the date the action takes legal effect
    actor: Actor
    legal_basis: LegalBasis | None

    def __post_init__(self) -> None:
        """Runs when a command creates the event, never when a stored one is decoded."""
        super().__post_init__()
        check_new_event(self)

    @staticmethod
    def create_timestamp():  # type: ignore[no-untyped-def]
        return clock.now()
