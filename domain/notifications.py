"""Notifications that saved events cause, written to the outbox in the events' transaction.

A unit of work hands each changed aggregate and its new events to the application's
`notifier` (installed by the web layer, which knows the accounts) just before they are
stored; the notifications it returns go into the event store's outbox table in the same
transaction (projections/stores/outbox.py), so a refused command, an abandoned batch and a dry
run write none, and a stored event never lacks its notification. A notification names its
recipient by account id and holds a template key with non-personal parameters only: the
address is looked up when it is delivered, and the text is written then.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any, Protocol

from eventsourcing.domain import Aggregate


class NotificationKind(Enum):
    """What a notification tells its reader (the mail's template)."""

    LEAVE_WAITING = "leave_waiting"  # a leave request waits for the reader's consideration
    LEAVE_DECIDED = "leave_decided"  # the reader's own request was approved/deferred/rejected
    LEAVE_RETURN_DUE = "leave_return_due"  # CLTN ended: the return report is due
    LEAVE_BALANCE_LAPSING = "leave_balance_lapsing"  # carried-over days lapse at year end


@dataclass(frozen=True)
class Notification:
    """One mail to one account: a template and its non-personal parameters (ids, codes,
    dates, a path to link to), never a name, number, address or reason."""

    kind: NotificationKind
    recipient: str  # the account id
    params: Mapping[str, str] = field(default_factory=dict)
    not_before: datetime | None = None  # a reminder waits until then; None: at once


Change = tuple[Aggregate, Sequence[Any]]  # an aggregate and the events a unit gave it


class Notifier(Protocol):
    """Maps a unit's changes to the notifications they cause (reads only; writes nothing)."""

    def __call__(self, changes: Sequence[Change]) -> list[Notification]: ...
