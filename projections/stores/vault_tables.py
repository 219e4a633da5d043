"""The vault's tables: subject keys and the NIP registry, on SQLite and on PostgreSQL.

A destroyed key or released number must be gone from the disk when the erasure returns, not
at the next restart: SQLite deletes with `secure_delete` (freed bytes zeroed) and then empties
its WAL, which still holds the old page images; PostgreSQL rewrites the one hash partition
that held the row (`VACUUM FULL`), since a plain VACUUM leaves the row's bytes in the page's
free space. What the PostgreSQL WAL and any backup still hold is in docs/DEPLOY.md.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
import time
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from uuid import UUID

from domain.errors import DomainError

log = logging.getLogger(__name__)

# -- SQLite -------------------------------------------------------------------------------------


class WalBusyError(Exception):
    """Raised when other connections' reads kept a SQLite WAL from being emptied (whatever was
    deleted is deleted; run the erasure again to make it final on disk)."""


def truncate_wal(connection: sqlite3.Connection, attempts: int = 5) -> None:
    """Copy the WAL back into the database file and empty it.

    Deleted rows live on in the WAL's older page images until a checkpoint (otherwise at the
    last connection's close). TRUNCATE waits for readers through the busy handler; a reader
    that stays may still make it report busy, so it is tried a few times.
    """
    for attempt in range(attempts):
        busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if not busy:
            return
        time.sleep(0.1 * (attempt + 1))
    raise WalBusyError("the WAL could not be emptied: other connections kept reading")



class _SQLiteFile:
    """One connection to a small SQLite file, shared by the threads of a process."""

    def __init__(self, path: Path, schema: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None,
                                     timeout=30)
        self._lock = threading.Lock()
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA secure_delete=ON")  # a deleted row's bytes are zeroed
        self._conn.executescript(schema)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def truncate_wal(self) -> None:
        """Make the last deletions final on disk (see `truncate_wal`)."""
        with self._lock:
            truncate_wal(self._conn)

    def query(self, sql: str, params: tuple[Any, ...]) -> Any:
        """One read in autocommit mode (no write lock is taken for a read)."""
        with self._lock:
            return self._conn.execute(sql, params).fetchone()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")


class _ScrubsAfterDelete:
    """A key store whose deletes are made final on disk right away, or, inside
    `scrubbing_once`, once for the whole block."""

    def scrub(self, subject_ids: Collection[UUID]) -> None:
        raise NotImplementedError

    @contextmanager
    def scrubbing_once(self, also: Iterable[UUID] = ()) -> Iterator[None]:
        """Deletes in this thread (and the subjects `also` named: an erasure run again finds
        no key left to delete) are scrubbed when the block ends, also when it fails. The
        retention job erases many applicants, and PostgreSQL would rewrite a partition for
        each; a process killed inside leaves them to the next scrub of their partition."""
        pending: set[UUID] = set(also)
        self._local().pending = pending
        try:
            yield
        finally:
            self._local().pending = None
            if pending:
                self.scrub(pending)

    def _scrub_deleted(self, subject_id: UUID) -> None:
        pending = getattr(self._local(), "pending", None)
        if pending is None:
            self.scrub([subject_id])
        else:
            pending.add(subject_id)

    def _local(self) -> threading.local:
        """This store's per-thread state (web threads share one store)."""
        local: threading.local = self.__dict__.setdefault("_scrub_local", threading.local())
        return local


class SQLiteKeyStore(_ScrubsAfterDelete):
    """Subject keys in their own SQLite file (keep it out of the event store's backups)."""

    def close(self) -> None:
        self._db.close()

    def __init__(self, path: Path) -> None:
        self._db = _SQLiteFile(path, "CREATE TABLE IF NOT EXISTS subject_keys ("
                                     "subject_id BLOB PRIMARY KEY, key BLOB NOT NULL)")

    def get(self, subject_id: UUID) -> bytes | None:
        row = self._db.query("SELECT key FROM subject_keys WHERE subject_id=?",
                             (subject_id.bytes,))
        return bytes(row[0]) if row else None

    def create(self, subject_id: UUID, key: bytes) -> bytes:
        with self._db.transaction() as c:
            c.execute("INSERT OR IGNORE INTO subject_keys VALUES (?, ?)", (subject_id.bytes, key))
            row = c.execute("SELECT key FROM subject_keys WHERE subject_id=?",
                            (subject_id.bytes,)).fetchone()
        return bytes(row[0])

    def delete(self, subject_id: UUID) -> bool:
        with self._db.transaction() as c:
            deleted = c.execute("DELETE FROM subject_keys WHERE subject_id=?",
                                (subject_id.bytes,)).rowcount
        self._scrub_deleted(subject_id)
        return deleted > 0

    def scrub(self, subject_ids: Collection[UUID]) -> None:
        """Make deleted keys unreadable on disk (they were zeroed as they were deleted; the
        WAL still holds the pages before); an erasure run again calls this, since the run
        before may have stopped between the delete and the WAL's truncation."""
        self._db.truncate_wal()

    def rows(self) -> list[tuple[UUID, bytes]]:
        """Every (subject, key): for moving the vault with `rekam export --vault`."""
        with self._db.transaction() as c:
            found = c.execute("SELECT subject_id, key FROM subject_keys").fetchall()
        return [(UUID(bytes=bytes(r[0])), bytes(r[1])) for r in found]

    def load(self, rows: list[tuple[UUID, bytes]]) -> None:
        """Store many keys in one transaction (an import into an empty vault)."""
        with self._db.transaction() as c:
            c.executemany("INSERT INTO subject_keys VALUES (?, ?)",
                          [(subject.bytes, key) for subject, key in rows])


class SQLiteSubjectRegistry:
    """The NIP → subject lookup (keyed hashes only) in its own SQLite file."""

    def close(self) -> None:
        self._db.close()

    def __init__(self, path: Path) -> None:
        self._db = _SQLiteFile(path, "CREATE TABLE IF NOT EXISTS nip_registry ("
                                     "token TEXT PRIMARY KEY, subject_id BLOB NOT NULL, "
                                     "record_id BLOB NOT NULL);"
                                     "CREATE INDEX IF NOT EXISTS nip_registry_subject "
                                     "ON nip_registry (subject_id)")

    def claim(self, token: str, subject_id: UUID, record_id: UUID) -> bool:
        with self._db.transaction() as c:
            inserted = c.execute("INSERT OR IGNORE INTO nip_registry VALUES (?, ?, ?)",
                                 (token, subject_id.bytes, record_id.bytes)).rowcount
            row = c.execute("SELECT subject_id, record_id FROM nip_registry WHERE token=?",
                            (token,)).fetchone()
        if (bytes(row[0]), bytes(row[1])) != (subject_id.bytes, record_id.bytes):
            raise DomainError("NIP_DUPLICATE", field="nip")  # one number, one record
        return bool(inserted > 0)

    def unclaim(self, token: str) -> None:
        with self._db.transaction() as c:
            c.execute("DELETE FROM nip_registry WHERE token=?", (token,))

    def find(self, token: str) -> tuple[UUID, UUID] | None:
        row = self._db.query("SELECT subject_id, record_id FROM nip_registry WHERE token=?",
                             (token,))
        return (UUID(bytes=bytes(row[0])), UUID(bytes=bytes(row[1]))) if row else None

    def records_of(self, subject_id: UUID) -> list[UUID]:
        with self._db.transaction() as c:
            rows = c.execute("SELECT DISTINCT record_id FROM nip_registry WHERE subject_id=? "
                             "ORDER BY record_id", (subject_id.bytes,)).fetchall()
        return [UUID(bytes=bytes(row[0])) for row in rows]

    def release(self, subject_id: UUID) -> None:
        with self._db.transaction() as c:
            c.execute("DELETE FROM nip_registry WHERE subject_id=?", (subject_id.bytes,))
        self._db.truncate_wal()

    def rows(self) -> list[tuple[str, UUID, UUID]]:
        """Every (token, subject, record): for moving the vault with `rekam export --vault`."""
        with self._db.transaction() as c:
            found = c.execute("SELECT token, subject_id, record_id FROM nip_registry").fetchall()
        return [(str(r[0]), UUID(bytes=bytes(r[1])), UUID(bytes=bytes(r[2]))) for r in found]

    def replace(self, rows: list[tuple[str, UUID, UUID]]) -> None:
        """Put `rows` in place of every number, in one transaction, the old tokens zeroed
        (the registry re-keyed under a new secret)."""
        with self._db.transaction() as c:
            c.execute("DELETE FROM nip_registry")
            c.executemany("INSERT INTO nip_registry VALUES (?, ?, ?)",
                          [(token, subject.bytes, record.bytes)
                           for token, subject, record in rows])
        self._db.truncate_wal()

    def load(self, rows: list[tuple[str, UUID, UUID]]) -> None:
        """Register many numbers in one transaction (an import into an empty vault)."""
        with self._db.transaction() as c:
            c.executemany("INSERT INTO nip_registry VALUES (?, ?, ?)",
                          [(token, subject.bytes, record.bytes)
                           for token, subject, record in rows])


# -- PostgreSQL ---------------------------------------------------------------------------------


class PostgresConnection:
    """A small connection pool for the vault tables."""

    def __init__(self, conninfo: str) -> None:
        from psycopg_pool import ConnectionPool

        self.pool = ConnectionPool(conninfo, min_size=1, max_size=4, open=True,
                                   kwargs={"autocommit": False})

    def close(self) -> None:
        self.pool.close()

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        with self.pool.connection() as conn, conn.transaction(), conn.cursor() as cursor:
            yield cursor

    def rewrite(self, tables: set[str]) -> None:
        """`VACUUM FULL` each table (a partition: a short lock on a small file): the table is
        copied into a new file without its dead rows and the old file is removed."""
        with self.pool.connection() as conn:
            conn.autocommit = True  # VACUUM cannot run inside a transaction
            try:
                outlive_older_snapshots(conn)
                for table in sorted(tables):
                    vacuum_full(conn, table)
            finally:
                conn.autocommit = False

    def create_partitioned(self, schema: str, table: str, columns: str, key: str) -> None:
        """Create `table` hash-partitioned on `key` unless it exists (a store made before
        partitioning keeps its single table, and an erasure rewrites all of it)."""
        with self.transaction() as c:
            c.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            c.execute("SELECT to_regclass(%s) IS NOT NULL", (f'"{schema}".{table}',))
            if c.fetchone()[0]:
                return
            c.execute(f'CREATE TABLE IF NOT EXISTS "{schema}".{table} ({columns}) '
                      f"PARTITION BY HASH ({key})")
            for n in range(PARTITIONS):
                c.execute(f'CREATE TABLE IF NOT EXISTS "{schema}".{table}_p{n:02} PARTITION OF '
                          f'"{schema}".{table} FOR VALUES WITH (MODULUS {PARTITIONS}, '
                          f"REMAINDER {n})")

    def no_statistics(self, table: str, columns: tuple[str, ...]) -> None:
        """Keep ANALYZE (autovacuum's too) from copying sample values of `columns` into
        pg_statistic, where no erasure reaches them (a histogram of keys or tokens)."""
        with self.transaction() as c:
            c.execute("SELECT COUNT(*) FROM pg_attribute WHERE attrelid = %s::regclass "
                      "AND attname = ANY(%s) AND attstattarget <> 0", (table, list(columns)))
            if c.fetchone()[0]:  # checked first: the ALTER waits for an autovacuum
                c.execute(f"ALTER TABLE {table} " + ", ".join(
                    f"ALTER COLUMN {column} SET STATISTICS 0" for column in columns))


# How long an erasure waits for the transactions that could still see the deleted rows.
SNAPSHOT_WAIT = 60.0


def outlive_older_snapshots(conn: Any, seconds: float = SNAPSHOT_WAIT) -> bool:
    """Wait until no other session of this database holds a snapshot taken before now, so
    that a `VACUUM FULL` next drops the rows deleted so far: it copies a dead row that some
    snapshot could still see ("recently dead"), and an ANALYZE of autovacuum or a long report
    holds such a snapshot for seconds. False when one still did after `seconds` (the rewrite
    then keeps those rows until the table's next rewrite). Sessions of other roles show no
    snapshot unless the role may read all statistics (pg_read_all_stats): docs/DEPLOY.md."""
    row = conn.execute("SELECT (pg_snapshot_xmax(pg_current_snapshot())::text::bigint "
                       "% 4294967296)::text AS now").fetchone()
    now = row["now"] if isinstance(row, Mapping) else row[0]
    deadline = time.monotonic() + seconds
    while True:
        row = conn.execute(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND (age(backend_xmin) > age(%s::xid) "
            "OR age(backend_xid) > age(%s::xid))", (now, now)).fetchone()
        if not (row["n"] if isinstance(row, Mapping) else row[0]):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


# VACUUM VERBOSE's detail of a rewrite (PostgreSQL's own words; a server whose lc_messages is
# not English is not understood: the rewrite is then not repeated, and the log says so).
_KEPT = re.compile(r"(\d+) dead row versions cannot be removed yet")


def vacuum_full(conn: Any, table: str, seconds: float = SNAPSHOT_WAIT) -> bool:
    """`VACUUM FULL` `table` again until its rewrite keeps no dead row: one that a snapshot
    of any session could still see is copied ("recently dead"), whoever holds it, and the
    snapshots `outlive_older_snapshots` waits for are only those it can see. False when the
    last rewrite after `seconds` still kept one (logged, without naming any row)."""
    kept: list[int] = []

    def heard(diagnostic: Any) -> None:
        found = _KEPT.search(diagnostic.message_detail or "")
        if found:
            kept.append(int(found.group(1)))

    conn.add_notice_handler(heard)
    try:
        deadline, pause = time.monotonic() + seconds, 0.1
        while True:
            kept.clear()
            conn.execute(f"VACUUM (FULL, VERBOSE) {table}")
            if not kept:
                log.warning("%s: VACUUM VERBOSE's report was not understood (lc_messages not "
                            "English?); rows other snapshots still saw may stay on disk", table)
                return True
            if not any(kept):
                return True
            if time.monotonic() > deadline:
                log.warning("%s: a rewrite still kept %d dead rows after %.0f s; an erased "
                            "value may stay on disk until the next rewrite", table, sum(kept),
                            seconds)
                return False
            time.sleep(pause)
            pause = min(pause * 2, 2.0)
    finally:
        conn.remove_notice_handler(heard)


# Partitions of the vault tables: at 10 million subjects about 312,500 keys (39 MB with the
# index) each, which `VACUUM FULL` rewrote in 0.3-0.46 s on the development machine. Fixed
# when a store's tables are made (the scrub finds a key's partition by it): change it only
# with a migration of the tables.
PARTITIONS = 32


class PostgresKeyStore(_ScrubsAfterDelete):
    """Subject keys in their own table (`subject_keys`), optionally in a schema of their own."""

    def close(self) -> None:
        self.pg.close()

    def __init__(self, pg: PostgresConnection, schema: str) -> None:
        self.pg, self.table = pg, f'"{schema}".rekam_subject_keys'
        pg.create_partitioned(schema, "rekam_subject_keys",
                              "subject_id uuid PRIMARY KEY, key bytea NOT NULL", "subject_id")
        pg.no_statistics(self.table, ("key",))

    def get(self, subject_id: UUID) -> bytes | None:
        with self.pg.transaction() as c:
            c.execute(f"SELECT key FROM {self.table} WHERE subject_id=%s", (subject_id,))
            row = c.fetchone()
        return bytes(row[0]) if row else None

    def create(self, subject_id: UUID, key: bytes) -> bytes:
        with self.pg.transaction() as c:
            c.execute(f"INSERT INTO {self.table} VALUES (%s, %s) ON CONFLICT DO NOTHING",
                      (subject_id, key))
            c.execute(f"SELECT key FROM {self.table} WHERE subject_id=%s", (subject_id,))
            row = c.fetchone()
        return bytes(row[0])

    def delete(self, subject_id: UUID) -> bool:
        with self.pg.transaction() as c:
            c.execute(f"DELETE FROM {self.table} WHERE subject_id=%s", (subject_id,))
            deleted = bool(c.rowcount)
        self._scrub_deleted(subject_id)
        return deleted

    def scrub(self, subject_ids: Collection[UUID]) -> None:
        """Rewrite each partition that holds (or held) one of the subjects' keys, once; an
        erasure run again calls this, since the run before may have stopped between the
        delete and the rewrite. A vault made before partitioning is one table, rewritten whole."""
        with self.pg.transaction() as c:
            c.execute("SELECT relkind = 'p' FROM pg_class WHERE oid = %s::regclass",
                      (self.table,))
            if not c.fetchone()[0]:
                held = {self.table}
            else:
                c.execute("SELECT DISTINCT n FROM unnest(%s::uuid[]) AS s (id), "
                          "generate_series(0, %s) AS n WHERE "
                          "satisfies_hash_partition(%s::regclass::oid, %s, n, s.id)",
                          (list(subject_ids), PARTITIONS - 1, self.table, PARTITIONS))
                held = {f"{self.table}_p{row[0]:02}" for row in c.fetchall()}
        self.pg.rewrite(held)

    def rows(self) -> list[tuple[UUID, bytes]]:
        """Every (subject, key): for moving the vault with `rekam export --vault`."""
        with self.pg.transaction() as c:
            c.execute(f"SELECT subject_id, key FROM {self.table}")
            return [(row[0], bytes(row[1])) for row in c.fetchall()]

    def load(self, rows: list[tuple[UUID, bytes]]) -> None:
        """Store many keys in one transaction (an import into an empty vault)."""
        with self.pg.transaction() as c:
            c.executemany(f"INSERT INTO {self.table} VALUES (%s, %s)", rows)


class PostgresSubjectRegistry:
    """The NIP → subject lookup (keyed hashes only) in its own table."""

    def close(self) -> None:
        self.pg.close()

    def __init__(self, pg: PostgresConnection, schema: str) -> None:
        self.pg, self.table = pg, f'"{schema}".rekam_nip_registry'
        pg.create_partitioned(schema, "rekam_nip_registry", "token text PRIMARY KEY, "
                              "subject_id uuid NOT NULL, record_id uuid NOT NULL", "token")
        pg.no_statistics(self.table, ("token",))
        with pg.transaction() as c:
            c.execute(f"CREATE INDEX IF NOT EXISTS rekam_nip_registry_subject "
                      f"ON {self.table} (subject_id)")

    def claim(self, token: str, subject_id: UUID, record_id: UUID) -> bool:
        with self.pg.transaction() as c:
            c.execute(f"INSERT INTO {self.table} VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                      (token, subject_id, record_id))
            inserted = c.rowcount
            c.execute(f"SELECT subject_id, record_id FROM {self.table} WHERE token=%s",
                      (token,))
            row = c.fetchone()
        if (row[0], row[1]) != (subject_id, record_id):
            raise DomainError("NIP_DUPLICATE", field="nip")  # one number, one record
        return bool(inserted > 0)

    def unclaim(self, token: str) -> None:
        with self.pg.transaction() as c:
            c.execute(f"DELETE FROM {self.table} WHERE token=%s", (token,))

    def find(self, token: str) -> tuple[UUID, UUID] | None:
        with self.pg.transaction() as c:
            c.execute(f"SELECT subject_id, record_id FROM {self.table} WHERE token=%s", (token,))
            row = c.fetchone()
        return (row[0], row[1]) if row else None

    def records_of(self, subject_id: UUID) -> list[UUID]:
        with self.pg.transaction() as c:
            c.execute(f"SELECT DISTINCT record_id FROM {self.table} WHERE subject_id=%s "
                      "ORDER BY record_id", (subject_id,))
            return [row[0] for row in c.fetchall()]

    def release(self, subject_id: UUID) -> None:
        with self.pg.transaction() as c:
            c.execute(f"DELETE FROM {self.table} WHERE subject_id=%s "
                      "RETURNING tableoid::regclass::text", (subject_id,))
            held = {row[0] for row in c.fetchall()}
        self.pg.rewrite(held)

    def rows(self) -> list[tuple[str, UUID, UUID]]:
        """Every (token, subject, record): for moving the vault with `rekam export --vault`."""
        with self.pg.transaction() as c:
            c.execute(f"SELECT token, subject_id, record_id FROM {self.table}")
            return [(row[0], row[1], row[2]) for row in c.fetchall()]

    def replace(self, rows: list[tuple[str, UUID, UUID]]) -> None:
        """Put `rows` in place of every number, in one transaction, then rewrite the table so
        that the old tokens leave its files (the registry re-keyed under a new secret)."""
        with self.pg.transaction() as c:
            c.execute(f"DELETE FROM {self.table}")
            c.executemany(f"INSERT INTO {self.table} VALUES (%s, %s, %s)", rows)
        self.pg.rewrite({self.table})

    def load(self, rows: list[tuple[str, UUID, UUID]]) -> None:
        """Register many numbers in one transaction (an import into an empty vault)."""
        with self.pg.transaction() as c:
            c.executemany(f"INSERT INTO {self.table} VALUES (%s, %s, %s)", rows)
