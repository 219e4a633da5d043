"""The event-store application every service of the domain runs on: loading and saving
aggregates in units of work, batches, dry runs, and the stores outside the event store.

Every command runs in a unit of work (domain/unit_of_work.py): the aggregates it loads and
changes, the keys it makes or destroys and the numbers it claims are held until the command
returns, then saved in one transaction. `batch` makes one unit of many commands (the demo, an
import); `dry_run` runs commands for every check and saves nothing (a form's review step).
The unit belongs to the calling thread, so web threads sharing one application never fall into
each other's batch.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from copy import deepcopy
from typing import Any, ClassVar, ParamSpec, TypeVar, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import EventStore, IntegrityError, JSONTranscoder, Mapper
from eventsourcing.utils import Environment, EnvType

from domain import employee_leave  # noqa: F401  registers the record's CLTN events
from domain.codec import EventMapper
from domain.employee import Employee
from domain.errors import ConcurrencyConflictError, DomainError
from domain.notifications import Notifier
from domain.organisation import Agency, Government, Position
from domain.privacy import KeyStore, SubjectRegistry, Vault
from domain.snapshot_seal import SealedSnapshotStore, SnapshotSeal
from domain.transcodings import register_domain_transcodings
from domain.unit_of_work import CurrentUnit, Unit, UnitKeys, UnitRegistry, write_outside_store

A = TypeVar("A", bound=Aggregate)
P = ParamSpec("P")
R = TypeVar("R")



class RekamApplication(Application[UUID]):
    """The event store of Rekam Jejak with its subject keys and NIP registry."""

    name = "rekam"
    # A record read cold (not in the cache) replays at most this many events after its
    # latest snapshot; as-known reads of old versions use the latest snapshot before them.
    snapshotting_intervals: ClassVar[dict[type[Any], int]] = {Employee: 50}

    def __init__(self, env: Mapping[str, str], keys: KeyStore,
                 registry: SubjectRegistry, snapshot_key: bytes | None = None) -> None:
        self.snapshot_seal = SnapshotSeal(snapshot_key)  # the library builds its stores next
        super().__init__(env=dict(env))
        self._current = CurrentUnit()
        self.vault = Vault(UnitKeys(keys, self._current))
        self.registry: SubjectRegistry = UnitRegistry(registry, self._current)
        self._keys, self._registry = keys, registry
        # Maps saved changes to outbox rows written with them (domain/notifications.py).
        self.notifier: Notifier | None = None

    def construct_env(self, name: str, env: EnvType | None = None) -> Environment:
        """Only the settings the caller passed: the library would also read os.environ."""
        settings = dict(type(self).env)
        if type(self).snapshotting_intervals:
            settings["IS_SNAPSHOTTING_ENABLED"] = "y"
        settings.update(env or {})
        return Environment(name, settings)

    def close(self) -> None:
        """Close the event store and the vault stores' connections."""
        super().close()
        for store in {id(s): s for s in (self._keys, self._registry)}.values():
            close = getattr(store, "close", None)
            if close is not None:
                close()

    def construct_snapshot_store(self) -> EventStore[UUID]:
        """Snapshots sealed with a key outside the event store (domain/snapshot_seal.py)."""
        return SealedSnapshotStore(self.mapper, self.factory.aggregate_recorder(
            purpose="snapshots"), self.snapshot_seal)

    def construct_mapper(self) -> Mapper[UUID]:
        """Typed JSON for events (domain/codec.py); the library's transcoder for the rest."""
        return self.factory.mapper(transcoder=self.construct_transcoder(),
                                   mapper_class=EventMapper)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_domain_transcodings(transcoder)

    # -- units of work -----------------------------------------------------------------------

    @contextmanager
    def batch(self, keep: dict[UUID, Aggregate] | None = None) -> Iterator[None]:
        """Run the block's commands as one unit: saved together in one transaction when the
        block ends, or not at all if it raises.

        A sole writer (the demo generator, a bulk import) may pass `keep` to reuse the loaded
        aggregates in its next batch instead of reading them back from the store.
        """
        if self._current.unit is not None:
            raise RuntimeError("batches do not nest")
        unit = self._current.unit = Unit(keep if keep is not None else {})
        try:
            yield
        except BaseException:
            if keep is not None:
                keep.clear()  # loaded copies may hold unsaved changes: forget them all
            raise
        finally:
            self._current.unit = None
        write_outside_store(unit, self._keys, self._registry,
                            lambda: self._save(*unit.pending(), copy_to_cache=keep is not None))
        for callback in unit.after_save:
            callback()

    @contextmanager
    def dry_run(self) -> Iterator[None]:
        """Run the block's commands with every check, and write nothing anywhere: no event,
        no key, no claimed number. A refusal is raised as the real command would raise it."""
        if self._current.unit is not None:
            raise RuntimeError("a dry run cannot be part of a batch")
        self._current.unit = Unit({}, is_dry_run=True)
        try:
            yield
        finally:
            self._current.unit = None

    def record(self, *aggregates: Aggregate) -> None:
        """Add changed aggregates to the open unit (a command opens one: see `command`)."""
        unit = self._current.unit
        if unit is None:
            raise RuntimeError("record() outside a command: decorate the method with @command")
        for aggregate in aggregates:
            unit.aggregates[aggregate.id] = aggregate

    def load(self, aggregate_id: UUID, cls: type[A], what: str) -> A:
        """The aggregate (as changed so far by the open unit), or NOT_FOUND naming `what`."""
        unit = self._current.unit
        if unit is not None and aggregate_id in unit.aggregates:
            found: Any = unit.aggregates[aggregate_id]
        else:
            try:
                found = self.repository.get(aggregate_id, projector_func=_replay)
            except AggregateNotFoundError:
                raise DomainError("NOT_FOUND", field="id", what=what) from None
        if not isinstance(found, cls):
            raise DomainError("NOT_FOUND", field="id", what=what)
        if unit is not None:
            unit.aggregates[aggregate_id] = found
        return found

    # -- reading aggregates ----------------------------------------------------------------

    def get_employee(self, employee_id: UUID) -> Employee:
        return self.load(employee_id, Employee, "Pegawai")

    def employee_at(self, employee_id: UUID, version: int) -> Employee:
        """The record as it stood after its `version`-th event (what was known then)."""
        found = self.repository.get(employee_id, version=version, projector_func=_replay)
        if not isinstance(found, Employee):
            raise DomainError("NOT_FOUND", field="id", what="Pegawai")
        return found

    def get_position(self, position_id: UUID) -> Position:
        return self.load(position_id, Position, "Jabatan")

    def get_agency(self, agency_id: UUID) -> Agency:
        return self.load(agency_id, Agency, "Perangkat daerah")

    def get_government(self, government_id: UUID) -> Government:
        return self.load(government_id, Government, "Pemerintah daerah")

    # -- saving ------------------------------------------------------------------------------

    def _save(self, *aggregates: Aggregate, copy_to_cache: bool = False) -> None:
        """Store the aggregates' new events, and the notifications they cause, in one
        transaction, then snapshot and cache them.

        The library's `save` would find the events through runtime-protocol checks, take each
        snapshot by replaying the record from the store, and leave the cache holding the
        version before the command, so the next command read back the event just written.
        `copy_to_cache` when the caller goes on changing its aggregates (a batch's `keep`).
        """
        changes = [(aggregate, aggregate.collect_events()) for aggregate in aggregates]
        events = [event for _, new in changes for event in new]
        if not events:
            return
        notifications = self.notifier(changes) if self.notifier is not None else []
        try:
            # The outbox rows go into the events' transaction (projections/stores/outbox.py).
            self.events.put(events, **({"outbox": notifications} if notifications else {}))
        except IntegrityError:
            raise ConcurrencyConflictError() from None
        for aggregate, new in changes:  # each aggregate's own events (no scan of all)
            self._after_save(aggregate, [e.originator_version for e in new], copy_to_cache)

    def _after_save(self, aggregate: Aggregate, versions: list[int], copy: bool) -> None:
        """Snapshot a record whose new events reached an interval; keep the saved record in
        the cache."""
        if not isinstance(aggregate, Employee):
            return  # other aggregates are neither snapshotted nor cheap to copy
        interval = self.snapshotting_intervals[Employee]
        if self.snapshots is not None and any(v % interval == 0 for v in versions):
            # At the saved version, which may be past the multiple: any version will do.
            self.snapshots.put([Employee.Snapshot.take(aggregate)])
        cache = self.repository.cache
        if cache is not None:
            cache.put(aggregate.id, deepcopy(aggregate) if copy else aggregate)


def command(method: Callable[P, R]) -> Callable[P, R]:
    """Run a service method as one unit of work, or as part of the unit already open in this
    thread (a batch, a dry run, or the command that called it)."""

    @functools.wraps(method)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        service = args[0]
        app = cast(RekamApplication, getattr(service, "app", service))
        unit = app._current.unit
        if unit is None:
            with app.batch():
                return method(*args, **kwargs)
        savepoint = unit.savepoint()
        try:
            return method(*args, **kwargs)
        except BaseException:
            # Refused inside a batch: its claims and keys go, the batch's earlier work stays.
            unit.roll_back_to(savepoint)
            raise

    return run


def _replay(aggregate: Any, events: Iterable[Any]) -> Any:
    """Apply stored events in order (the library's default also re-checks each event's type
    against a runtime protocol, which costs a third of a load)."""
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate
