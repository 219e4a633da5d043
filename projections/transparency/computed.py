"""A release as computed, before it is stored, and the replay of every aggregate it reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from projections.transparency.disclosure import Table


@dataclass
class ComputedRelease:
    """One government's release for one month, before it is stored."""

    government_code: str
    month: str  # YYYY-MM
    position: int  # the last notification id it was computed from
    tables: list[Table] = field(default_factory=list)
    hours: dict[str, float | None] = field(default_factory=dict)  # agency -> JP, None hidden
    items: list[dict[str, Any]] = field(default_factory=list)  # T0 and T1 items
    labels: dict[str, Any] = field(default_factory=dict)  # public names of the row keys

    def cells(self) -> list[tuple[str, str, str, int | None]]:
        return [(t.key, r, c, v) for t in self.tables for r, c, v in t.published()]


@dataclass
class Replay:
    """Every aggregate as folded from the events read so far."""

    aggregates: dict[UUID, Any] = field(default_factory=dict)
    position: int = 0
    births: dict[UUID, date | None] = field(default_factory=dict)  # opened once per employee

    def apply(self, notification_id: int, event: Any) -> None:
        self.aggregates[event.originator_id] = event.mutate(
            self.aggregates.get(event.originator_id))
        self.position = notification_id

    def of(self, kind: type) -> list[Any]:
        return [a for a in self.aggregates.values() if isinstance(a, kind)]
