"""A unit of work: what one command (or a batch of them) changes, held until it is saved.

A command changes aggregates and, outside the event store, the subject keys (a new person's
key, an erasure) and the NIP registry (a number claimed or given back). All of it is held here
and written only when the unit is saved, so a command that fails, a batch that is abandoned and
a dry run (a form's review step) leave nothing behind anywhere: no number claimed, no key made.

`UnitKeys` and `UnitRegistry` stand in front of the real stores: with a unit open in the
calling thread they read through it (a key made in the unit opens what the unit sealed, a
number claimed in it is taken); with none open they are the real stores.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.errors import DomainError
from domain.privacy import LOOKUP_SECRET_ID, KeyStore, SubjectRegistry


@dataclass
class Unit:
    """The changes of the commands run in one `batch`, `dry_run` or single command."""

    aggregates: dict[UUID, Aggregate]
    is_dry_run: bool = False
    keys_made: dict[UUID, bytes] = field(default_factory=dict)
    keys_destroyed: set[UUID] = field(default_factory=set)
    claims: dict[str, tuple[UUID, UUID]] = field(default_factory=dict)
    unclaims: set[str] = field(default_factory=set)
    releases: set[UUID] = field(default_factory=set)
    # Writes outside every store that must wait until the unit is saved (a ballot box emptied
    # once its answers are recorded: domain/staff_survey_service.py).
    after_save: list[Callable[[], object]] = field(default_factory=list)
    # How to take back each change above, newest last: a command that fails inside a batch
    # takes back its own changes and leaves those of the commands before it.
    journal: list[Callable[[], None]] = field(default_factory=list)

    def pending(self) -> list[Aggregate]:
        return [a for a in self.aggregates.values() if a.pending_events]

    def on_saved(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the unit is saved (never for a dry run or a failed save)."""
        self.after_save.append(callback)
        self.journal.append(lambda: self.after_save.remove(callback))

    def savepoint(self) -> int:
        return len(self.journal)

    def roll_back_to(self, savepoint: int) -> None:
        while len(self.journal) > savepoint:
            self.journal.pop()()

    def put(self, mapping: dict[Any, Any], key: Any, value: Any) -> None:
        self._remember(mapping, key)
        mapping[key] = value

    def add(self, members: set[Any], key: Any) -> None:
        self._remember(members, key)
        members.add(key)

    def drop(self, container: dict[Any, Any] | set[Any], key: Any) -> None:
        if key in container:
            self._remember(container, key)
            container.pop(key) if isinstance(container, dict) else container.discard(key)

    def _remember(self, container: dict[Any, Any] | set[Any], key: Any) -> None:
        """Journal how to put `key` back as it is now in `container`."""
        if key not in container:
            self.journal.append(lambda: container.pop(key, None) if isinstance(container, dict)
                                else container.discard(key))
        elif isinstance(container, dict):
            value = container[key]
            self.journal.append(lambda: container.__setitem__(key, value))
        else:
            self.journal.append(lambda: container.add(key))


class CurrentUnit(threading.local):
    """The unit open in this thread, if any (web threads share one application)."""

    unit: Unit | None = None


class UnitKeys:
    """The subject-key store as the open unit sees it; the real store when none is open."""

    def __init__(self, real: KeyStore, current: CurrentUnit) -> None:
        self.real, self._current = real, current

    def get(self, subject_id: UUID) -> bytes | None:
        unit = self._current.unit
        if unit is not None:
            if subject_id in unit.keys_destroyed:
                return None
            if subject_id in unit.keys_made:
                return unit.keys_made[subject_id]
        return self.real.get(subject_id)

    def create(self, subject_id: UUID, key: bytes) -> bytes:
        unit = self._current.unit
        if unit is None or (subject_id == LOOKUP_SECRET_ID and not unit.is_dry_run):
            # The lookup secret is the store's, not the command's: made once, kept. A dry run
            # on a store without one uses a secret of its own (no number can be registered).
            return self.real.create(subject_id, key)
        existing = self.get(subject_id)
        if existing is not None:
            return existing
        unit.drop(unit.keys_destroyed, subject_id)
        unit.put(unit.keys_made, subject_id, key)
        return key

    def delete(self, subject_id: UUID) -> bool:
        unit = self._current.unit
        if unit is None:
            return self.real.delete(subject_id)
        existed = self.get(subject_id) is not None
        unit.drop(unit.keys_made, subject_id)
        if self.real.get(subject_id) is not None:
            unit.add(unit.keys_destroyed, subject_id)
        return existed

    def __getattr__(self, name: str) -> Any:  # rows(), close(), ... of the real store
        return getattr(self.real, name)


class UnitRegistry:
    """The NIP registry as the open unit sees it; the real registry when none is open."""

    def __init__(self, real: SubjectRegistry, current: CurrentUnit) -> None:
        self.real, self._current = real, current

    def claim(self, token: str, subject_id: UUID, record_id: UUID) -> bool:
        unit = self._current.unit
        if unit is None:
            return self.real.claim(token, subject_id, record_id)
        holder = self.find(token)
        if holder is None:
            unit.put(unit.claims, token, (subject_id, record_id))
            return True
        if holder != (subject_id, record_id):
            raise DomainError("NIP_DUPLICATE", field="nip")
        if token in unit.unclaims:  # given back earlier in the unit, and kept after all
            unit.drop(unit.unclaims, token)
        return False

    def unclaim(self, token: str) -> None:
        unit = self._current.unit
        if unit is None:
            self.real.unclaim(token)
        elif token in unit.claims:
            unit.drop(unit.claims, token)
        else:
            unit.add(unit.unclaims, token)

    def find(self, token: str) -> tuple[UUID, UUID] | None:
        unit = self._current.unit
        if unit is None:
            return self.real.find(token)
        # A number given back in the unit stays taken until the unit is saved, so that no
        # other command of the unit can claim it before the registry lets it go.
        return unit.claims[token] if token in unit.claims else self.real.find(token)

    def records_of(self, subject_id: UUID) -> list[UUID]:
        unit = self._current.unit
        if unit is None:
            return self.real.records_of(subject_id)
        pending = [record for subject, record in unit.claims.values() if subject == subject_id]
        return sorted({*self.real.records_of(subject_id), *pending}, key=lambda r: r.hex)

    def release(self, subject_id: UUID) -> None:
        unit = self._current.unit
        if unit is None:
            self.real.release(subject_id)
            return
        for token in [t for t, (s, _) in unit.claims.items() if s == subject_id]:
            unit.drop(unit.claims, token)
        unit.add(unit.releases, subject_id)

    def __getattr__(self, name: str) -> Any:  # rows(), close(), ... of the real registry
        return getattr(self.real, name)


def write_outside_store(unit: Unit, keys: KeyStore, registry: SubjectRegistry,
                        save: Callable[[], None]) -> None:
    """Save a unit: keys destroyed first (an erasure holds even if the rest fails), numbers
    claimed and keys made, then `save` the events; claims and keys go back if that fails.
    Numbers given back and subjects released follow once the events are saved."""
    for subject_id in unit.keys_destroyed:
        keys.delete(subject_id)
    claimed: list[str] = []
    made: list[UUID] = []
    try:
        for token, (subject_id, record_id) in unit.claims.items():
            if registry.claim(token, subject_id, record_id):
                claimed.append(token)
        for subject_id, key in unit.keys_made.items():
            if keys.get(subject_id) is None:
                keys.create(subject_id, key)
                made.append(subject_id)
        save()
    except BaseException:
        for token in claimed:
            registry.unclaim(token)
        for subject_id in made:
            keys.delete(subject_id)
        raise
    for token in unit.unclaims:
        registry.unclaim(token)
    for subject_id in unit.releases:
        registry.release(subject_id)
