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
    tables: list[Table | RepeatedTable] = field(default_factory=list)
    hours: dict[str, float | None] = field(default_factory=dict)  # agency -> JP, None hidden
    items: list[dict[str, Any]] = field(default_factory=list)  # T0 and T1 items
    labels: dict[str, Any] = field(default_factory=dict)  # public names of the row keys

    def cells(self) -> list[tuple[str, str, str, int | None]]:
        return [(t.key, r, c, v) for t in self.tables for r, c, v in t.published()]

    def figures(self) -> dict[str, Any]:
        """Utility and risk, stored with the release (`figures_of` the published cells)."""
        return figures_of(self.cells())

    def repeat(self, key: str, cells: list[tuple[str, str, int | None]]) -> None:
        """Publish table `key` exactly as an earlier release did (`cells`: row, column,
        count), in place of what this release computed; no cells: leave the table out."""
        found = [i for i, t in enumerate(self.tables) if t.key == key]
        repeated = RepeatedTable(key, list(cells))
        if found:
            self.tables[found[0]:found[0] + 1] = [repeated] if cells else []
        elif cells:
            self.tables.append(repeated)


@dataclass
class RepeatedTable:
    """A table published as an earlier release published it (a yearly row, repeated)."""

    key: str
    cells: list[tuple[str, str, int | None]]

    def published(self) -> list[tuple[str, str, int | None]]:
        return list(self.cells)


INVARIANT_TABLE = "headcount_status"  # headcount per agency by employment status: never hidden


def figures_of(cells: list[tuple[str, str, str, int | None]]) -> dict[str, Any]:
    """Cells published exactly and hidden, overall and per table (`formations:<round>`
    tables counted together), and whether every invariant cell is published."""
    per_table: dict[str, dict[str, int]] = {}
    for table, _, _, value in cells:
        counts = per_table.setdefault(table.partition(":")[0], {"cells": 0, "hidden": 0})
        counts["cells"] += 1
        counts["hidden"] += value is None
    total = sum(c["cells"] for c in per_table.values())
    hidden = sum(c["hidden"] for c in per_table.values())
    invariants = per_table.get(INVARIANT_TABLE, {"cells": 0, "hidden": 0})
    return {"cells": total, "hidden": hidden, "exact": total - hidden,
            "hidden_share": round(hidden / total, 4) if total else 0.0,
            "invariant_cells": invariants["cells"], "invariants_hidden": invariants["hidden"],
            "invariants_complete": invariants["cells"] > 0 and invariants["hidden"] == 0,
            "tables": dict(sorted(per_table.items()))}


@dataclass
class Replay:
    """Every aggregate as folded from the events read so far."""

    aggregates: dict[UUID, Any] = field(default_factory=dict)
    position: int = 0
    # birth date and sex ("male"/"female"), opened once per employee; None once erased
    personal: dict[UUID, tuple[date | None, str | None]] = field(default_factory=dict)

    def apply(self, notification_id: int, event: Any) -> None:
        self.aggregates[event.originator_id] = event.mutate(
            self.aggregates.get(event.originator_id))
        self.position = notification_id

    def of(self, kind: type) -> list[Any]:
        return [a for a in self.aggregates.values() if isinstance(a, kind)]
