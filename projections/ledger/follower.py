"""The verifiable log: every stored event at a contiguous position of an RFC 9162 Merkle tree.

The follower reads the event store's notifications (whose ids can have gaps), gives each the
next position, hashes its canonical bytes as stored (projections/ledger/entry.py) and extends the
tree. Besides each leaf it stores every complete subtree the new leaves close, by (level,
index), so the root of any size and any inclusion or consistency proof are read from at most a
few dozen stored hashes, never by hashing the leaves again.

Exactly once: a batch is written in one transaction that first checks the ledger still ends
where the batch was read; positions and notification ids are unique, so a second follower
that raced it fails on insert, rolls back and re-reads. The tables are append-only (triggers
refuse UPDATE and DELETE; projections/ledger/store.py). The signing key is a file outside
both stores.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg

from domain.personnel_service import PersonnelService
from projections.ledger import reconcile
from projections.ledger.checkpoint import Checkpoint, VerifierKey, load_or_create_key, sign
from projections.ledger.entry import LogEntry, canonical_bytes
from projections.ledger.merkle import (
    EMPTY_ROOT,
    Frontier,
    RangeHash,
    consistency_proof,
    edge_nodes,
    inclusion_proof,
    leaf_hash,
    range_hash_from_nodes,
)
from projections.ledger.store import LedgerStore, open_ledger_store
from projections.ledger.verify import Report, verify
from projections.stores.backend import Backend
from projections.stores.view_store import Sql

DEFAULT_ORIGIN = "rekam-jejak.example/log"
KEY_FILE_NAME = "log-signing.key"  # in the data directory, unless REKAM_LOG_KEY_FILE
_INTEGRITY_ERRORS = (sqlite3.IntegrityError, psycopg.IntegrityError)


class LedgerConflictError(Exception):
    """Raised when another follower appended the same events first (nothing was written)."""


class LedgerSizeError(ValueError):
    """Raised when a proof or entry is asked for beyond the ledger's size."""


@dataclass(frozen=True)
class LogSettings:
    """Where the signing key lives and the name the log signs with (web/settings.py reads
    both from the environment and checks the name)."""

    origin: str
    key_file: Path


# -- the ledger -----------------------------------------------------------------------------


class Ledger:
    """The log of one event store: follow it, prove things about it, sign checkpoints."""

    def __init__(self, service: PersonnelService, store: LedgerStore,
                 settings: LogSettings) -> None:
        self.service, self.store, self.settings = service, store, settings
        self._signing = threading.Lock()

    @classmethod
    def open(cls, service: PersonnelService, backend: Backend,
             settings: LogSettings | None = None) -> Ledger:
        """The log of `backend`'s store; by default named and keyed as when nothing is set."""
        settings = settings or LogSettings(DEFAULT_ORIGIN, backend.data_dir / KEY_FILE_NAME)
        return cls(service, open_ledger_store(backend), settings)

    def close(self) -> None:
        self.store.close()

    # -- following the event store --

    def head(self) -> tuple[int, int]:
        """(tree size, notification id of the last leaf); (0, 0) before the first."""
        with self.store.read() as sql:
            return self._head(sql)

    def size(self) -> int:
        return self.head()[0]

    def _head(self, sql: Sql) -> tuple[int, int]:
        row = sql.execute(f"SELECT position, notification_id FROM {self.store.table('leaves')} "
                          "ORDER BY position DESC LIMIT 1").fetchone()
        return (int(row[0]) + 1, int(row[1])) if row else (0, 0)

    def lag(self) -> int:
        """How many notification ids the ledger is behind the event store."""
        return max(0, (self.service.recorder.max_notification_id() or 0) - self.head()[1])

    def catch_up(self, batch_size: int = 5000,
                 progress: Callable[[int, int], None] | None = None,
                 before_commit: Callable[[int], None] | None = None) -> int:
        """Append every new stored event; returns how many were appended.

        Batches are large because a leaf costs little next to a commit (about 100 ms of
        write lock per 5,000 events on SQLite).

        `before_commit(size)` runs inside each batch's transaction just before it commits
        (tests crash there); `progress(last notification id, head)` reports each batch.

        Then the cheap reconciliation (projections/ledger/reconcile.py): the stored events
        at or below the new head must be exactly the logged ones, by count and id sum; an
        event inserted behind the head is reported there, never logged as if it were new.
        """
        appended = self._follow(batch_size, progress, before_commit)
        reconcile.save(self, reconcile.check_counts(self))
        return appended

    def _follow(self, batch_size: int, progress: Callable[[int, int], None] | None,
                before_commit: Callable[[int], None] | None) -> int:
        recorder = self.service.recorder
        total = (recorder.max_notification_id() or 0) if progress else 0
        appended = 0
        while True:
            size, last_id = self.head()
            if progress:
                progress(last_id, total)
            notifications = recorder.select_notifications(last_id + 1, batch_size)
            if not notifications:
                return appended
            frontier = Frontier(size, self._edge(size))
            leaves, nodes = [], []
            for offset, n in enumerate(notifications):
                leaf = leaf_hash(canonical_bytes(_uuid(n.originator_id), n.originator_version,
                                                 n.topic, n.state))
                leaves.append((size + offset, n.id, leaf))
                nodes.extend(frontier.append(leaf))
            try:
                self._append(size, last_id, leaves, nodes, before_commit)
            except LedgerConflictError:
                continue  # another follower appended first: read where it ended
            appended += len(leaves)
            total = max(total, notifications[-1].id)
            if len(notifications) < batch_size:
                return appended

    def _append(self, size: int, last_id: int, leaves: list[tuple[int, int, bytes]],
                nodes: list[tuple[int, int, bytes]],
                before_commit: Callable[[int], None] | None) -> None:
        try:
            with self.store.write() as sql:
                if self._head(sql) != (size, last_id):
                    raise LedgerConflictError(size)
                sql.executemany(f"INSERT INTO {self.store.table('leaves')} "
                                "(position, notification_id, leaf_hash) VALUES (?, ?, ?)",
                                leaves)
                sql.executemany(f"INSERT INTO {self.store.table('nodes')} (level, idx, hash) "
                                "VALUES (?, ?, ?)", nodes)
                if before_commit is not None:
                    before_commit(size + len(leaves))
        except _INTEGRITY_ERRORS:
            raise LedgerConflictError(size) from None

    # -- hashes and proofs --

    def _edge(self, size: int) -> dict[int, bytes]:
        found = self._nodes(edge_nodes(size))
        return {level: found[(level, index)] for level, index in edge_nodes(size)}

    def _nodes(self, keys: Iterable[tuple[int, int]]) -> dict[tuple[int, int], bytes]:
        """The stored hashes of complete subtrees (level 0: the leaves), in two queries."""
        wanted = sorted(set(keys))
        leaves = [index for level, index in wanted if level == 0]
        inner = [key for key in wanted if key[0] > 0]
        found: dict[tuple[int, int], bytes] = {}
        with self.store.read() as sql:
            if leaves:
                rows = sql.execute(f"SELECT position, leaf_hash FROM "
                                   f"{self.store.table('leaves')} WHERE position IN "
                                   f"({', '.join('?' for _ in leaves)})", leaves).fetchall()
                found.update({(0, int(r[0])): bytes(r[1]) for r in rows})
            if inner:
                # OR of key lookups: SQLite scans the table for a row-value IN (VALUES ...).
                rows = sql.execute(f"SELECT level, idx, hash FROM {self.store.table('nodes')} "
                                   "WHERE " + " OR ".join("(level = ? AND idx = ?)"
                                                          for _ in inner),
                                   [v for key in inner for v in key]).fetchall()
                found.update({(int(r[0]), int(r[1])): bytes(r[2]) for r in rows})
        if len(found) != len(wanted):
            missing = sorted(set(wanted) - set(found))[:3]
            raise LedgerSizeError(f"the ledger lacks the subtree hashes {missing}")
        return found

    def _from_nodes(self, compute: Callable[[RangeHash], Any]) -> Any:
        """Run `compute` on stored hashes: once to learn which it needs, once to use them."""
        wanted: set[tuple[int, int]] = set()

        def note(level: int, index: int) -> bytes:
            wanted.add((level, index))
            return EMPTY_ROOT

        compute(range_hash_from_nodes(note))
        found = self._nodes(wanted)
        return compute(range_hash_from_nodes(lambda level, index: found[(level, index)]))

    def _check_size(self, size: int) -> None:
        current = self.size()
        if not 0 <= size <= current:
            raise LedgerSizeError(f"the log has {current} entries, not {size}")

    def root(self, size: int | None = None) -> bytes:
        """MTH of the first `size` entries (default: all)."""
        size = self.size() if size is None else size
        self._check_size(size)
        if size == 0:
            return EMPTY_ROOT
        result: bytes = self._from_nodes(lambda range_hash: range_hash(0, size))
        return result

    def inclusion_proof(self, position: int, size: int) -> list[bytes]:
        """The audit path of one entry: for auditors, and for one decree on its public page
        (web/decrees/), whose code the visitor holds."""
        self._check_size(size)
        proof: list[bytes] = self._from_nodes(
            lambda range_hash: inclusion_proof(position, size, range_hash))
        return proof

    def consistency_proof(self, first: int, second: int) -> list[bytes]:
        """Public: shows that the tree of `second` entries extends the tree of `first`."""
        self._check_size(second)
        proof: list[bytes] = self._from_nodes(
            lambda range_hash: consistency_proof(first, second, range_hash))
        return proof

    def leaf(self, position: int) -> bytes:
        self._check_size(position + 1)
        return self._nodes([(0, position)])[(0, position)]

    def position_of(self, notification_id: int) -> int | None:
        """The log position of a stored event (None: not logged yet)."""
        with self.store.read() as sql:
            row = sql.execute(f"SELECT position FROM {self.store.table('leaves')} "
                              "WHERE notification_id = ?", (notification_id,)).fetchone()
        return None if row is None else int(row[0])

    def notification_id_at(self, position: int) -> int | None:
        """The notification id of the event logged at `position` (None: beyond the log)."""
        with self.store.read() as sql:
            row = sql.execute(f"SELECT notification_id FROM {self.store.table('leaves')} "
                              "WHERE position = ?", (position,)).fetchone()
        return None if row is None else int(row[0])

    # -- entries (auditors only) --

    def entries(self, start: int = 0, end: int | None = None,
                batch_size: int = 2000) -> Iterator[LogEntry]:
        """The logged events in position order, read from the event store as stored now.

        A logged event that is gone from the store is skipped, so its position is missing
        from the output: that is what the verifier reports.
        """
        end = self.size() if end is None else min(end, self.size())
        recorder = self.service.recorder
        while start < end:
            with self.store.read() as sql:
                rows = sql.execute(f"SELECT position, notification_id, leaf_hash FROM "
                                   f"{self.store.table('leaves')} WHERE position >= ? AND "
                                   "position < ? ORDER BY position",
                                   (start, min(end, start + batch_size))).fetchall()
            if not rows:
                return
            first, last = int(rows[0][1]), int(rows[-1][1])
            stored = {n.id: n for n in recorder.select_notifications(
                first, last - first + 1, stop=last)}
            for position, notification_id, leaf in rows:
                n = stored.get(int(notification_id))
                if n is not None:
                    yield LogEntry(int(position), n.id, _uuid(n.originator_id),
                                   n.originator_version, n.topic, n.state, bytes(leaf))
            start = int(rows[-1][0]) + 1

    # -- checkpoints --

    def verifier_key(self) -> VerifierKey:
        key = load_or_create_key(self.settings.key_file)
        return VerifierKey(self.settings.origin, key.public_key())

    def latest_checkpoint(self) -> str | None:
        return self._latest("note")

    def published_verifier_key(self) -> str | None:
        """The verifier key of the latest checkpoint, read from the table, not the key file.

        The web processes serve this: they need not (and in production should not) hold the
        signing key, and must never create one.
        """
        return self._latest("verifier_key")

    def checkpoints(self) -> list[tuple[int, str]]:
        """Every signed checkpoint as (tree size, note), smallest first."""
        with self.store.read() as sql:
            rows = sql.execute(f"SELECT tree_size, note FROM {self.store.table('checkpoints')} "
                               "ORDER BY tree_size").fetchall()
        return [(int(row[0]), str(row[1])) for row in rows]

    def _latest(self, column: str) -> str | None:
        with self.store.read() as sql:
            row = sql.execute(f"SELECT {column} FROM {self.store.table('checkpoints')} "
                              "ORDER BY tree_size DESC LIMIT 1").fetchone()
        return str(row[0]) if row else None

    def sign_checkpoint(self) -> str:
        """Sign the ledger's current size and root, unless that size is already signed."""
        with self._signing:
            size = self.size()
            with self.store.read() as sql:
                row = sql.execute(f"SELECT note FROM {self.store.table('checkpoints')} "
                                  "WHERE tree_size = ?", (size,)).fetchone()
            if row:
                return str(row[0])
            checkpoint = Checkpoint(self.settings.origin, size, self.root(size))
            key = load_or_create_key(self.settings.key_file)
            note = sign(checkpoint, self.settings.origin, key)
            verifier = VerifierKey(self.settings.origin, key.public_key()).encode()
            with self.store.write() as sql:
                sql.execute(f"INSERT INTO {self.store.table('checkpoints')} "
                            "(tree_size, root_hash, note, verifier_key, made_at) "
                            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (tree_size) DO NOTHING",
                            (size, checkpoint.root, note, verifier, _now(self.store)))
                stored = sql.execute(f"SELECT note FROM {self.store.table('checkpoints')} "
                                     "WHERE tree_size = ?", (size,)).fetchone()
            return str(stored[0])


def make_checkpoint(ledger: Ledger,
                    progress: Callable[[int, int], None] | None = None) -> str:
    """Catch the ledger up with the event store and sign a checkpoint of it.

    The scheduler's job (issue 8) and `rekam log checkpoint` call this; when nothing was
    stored since the last checkpoint it returns that checkpoint and signs nothing.
    """
    ledger.catch_up(progress=progress)
    return ledger.sign_checkpoint()


def verify_stored(ledger: Ledger, progress: Callable[[int], None] | None = None) -> Report:
    """Run the offline verifier over the events as stored now, against every checkpoint.

    Each logged event is read from the event store and hashed again, so a changed byte, a
    deleted or swapped event or a truncated store fails at its position, as with an export.
    Raises `projections.ledger.verify.Failure`.
    """
    published = ledger.published_verifier_key()
    key = VerifierKey.parse(published) if published else None
    notes = [note for _, note in ledger.checkpoints()]
    fields = ((e.position, e.notification_id, e.originator_id.bytes, e.originator_version,
               e.topic, e.state, e.leaf_hash) for e in ledger.entries())
    return verify(fields, notes, key, progress, parse=lambda line: line)


def _uuid(value: UUID | str) -> UUID:
    return value if isinstance(value, UUID) else UUID(value)


def _now(store: LedgerStore) -> Any:
    now = datetime.now(UTC)
    return now if store.is_postgres else now.isoformat(timespec="seconds")
