"""The SQLite event store's connections: the library's recorders on a leaner datastore.

Recording one action costs two transactions on the event store (read the record's new events,
insert the action's), so their fixed cost is most of a command's time beside the disk sync.
The library's datastore spends ~60 µs per transaction in its connection pool (semaphores,
reader/writer interlocking), opens connections with a statement cache of one entry (so
BEGIN, SELECT, INSERT and COMMIT are parsed again every time) and SQLite's default 2 MB page
cache (so the primary-key index of a city's events is read back from the file on most
commands). This factory keeps the library's recorders and tables and gives them one
connection per thread, a real statement cache, a larger page cache and memory-mapped reads.

Durability is not touched: every commit still syncs the write-ahead log (`synchronous=FULL`,
set explicitly rather than left to the build's default), as the library's connections do.
Writes start with BEGIN IMMEDIATE, so a writer waits for the lock (up to the lock timeout)
instead of failing when another process committed between its read and its write.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from eventsourcing import persistence
from eventsourcing.sqlite import SQLiteCursor, SQLiteDatastore, SQLiteFactory
from eventsourcing.utils import Environment, EnvType

TOPIC = "projections.stores.sqlite_events:SQLiteEventStoreFactory"
STATEMENT_CACHE = 64  # distinct statements kept prepared per connection
PAGE_CACHE_KIB = 64 * 1024  # per connection: pages of the events table and its index
BULK_PAGE_CACHE_KIB = 1024 * 1024  # an import: ~80 bytes of index per event, 12M events
MMAP_BYTES = 1 << 30  # the database file is read through the OS page cache, without pread
PRAGMAS = ("PRAGMA synchronous=FULL", f"PRAGMA cache_size=-{PAGE_CACHE_KIB}",
           f"PRAGMA mmap_size={MMAP_BYTES}")
# The library's exception types, so callers catch the same errors as with its datastore.
_ERRORS: tuple[tuple[type[sqlite3.Error], type[Exception]], ...] = (
    (sqlite3.IntegrityError, persistence.IntegrityError),
    (sqlite3.OperationalError, persistence.OperationalError),
    (sqlite3.InterfaceError, persistence.InterfaceError),
    (sqlite3.DataError, persistence.DataError),
    (sqlite3.InternalError, persistence.InternalError),
    (sqlite3.ProgrammingError, persistence.ProgrammingError),
    (sqlite3.NotSupportedError, persistence.NotSupportedError),
    (sqlite3.DatabaseError, persistence.DatabaseError),
    (sqlite3.Error, persistence.PersistenceError),
)


class SQLiteEventStoreDatastore(SQLiteDatastore):
    """One connection per thread, opened with the settings above; transactions without
    the pool. A transaction begun while the thread's connection is already in one (nested
    use) goes through the library's pool, as before."""

    def __init__(self, library: SQLiteDatastore) -> None:
        super().__init__(library.pool.db_name, lock_timeout=library.pool.lock_timeout,
                         single_row_tracking=library.single_row_tracking,
                         originator_id_type=library.originator_id_type)
        library.close()  # it never opened a connection
        self._local = threading.local()
        self._opened: weakref.WeakSet[_ThreadConnection] = weakref.WeakSet()
        self._opened_lock = threading.Lock()

    @contextmanager
    def transaction(self, *, commit: bool) -> Iterator[SQLiteCursor]:
        conn = self._connection()
        if conn.in_transaction:
            with super().transaction(commit=commit) as nested:
                yield nested
            return
        cursor = conn.cursor()
        try:
            cursor.execute("BEGIN IMMEDIATE" if commit else "BEGIN")
            try:
                yield SQLiteCursor(cursor)
            except BaseException:
                if conn.in_transaction:
                    conn.rollback()
                raise
            if commit:
                conn.commit()
            else:
                conn.rollback()
        except sqlite3.Error as error:
            if conn.in_transaction:
                conn.rollback()
            raise _library_error(error) from error
        finally:
            cursor.close()

    @contextmanager
    def bulk_transaction(self, cache_kib: int = BULK_PAGE_CACHE_KIB) -> Iterator[SQLiteCursor]:
        """One transaction for a bulk load into this thread's connection, with a page cache
        big enough to keep the events' primary-key index in memory while it grows (random
        ids touch every page of it), and a rollback journal instead of the write-ahead log:
        into an empty file every page is new, so the journal holds next to nothing and each
        page is written once, where the log would write it twice (log, then checkpoint).
        The log and the usual cache size come back afterwards; when another connection has
        the file open, the log stays (switching needs the file to itself).
        """
        conn = self._connection()
        conn.execute(f"PRAGMA cache_size=-{cache_kib}")
        try:
            journal = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        except sqlite3.OperationalError:  # locked by another connection
            journal = "wal"
        try:
            with self.transaction(commit=True) as cursor:
                yield cursor
        finally:
            if journal.lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")

    def close(self) -> None:
        with self._opened_lock:
            opened = list(self._opened)
        for held in opened:
            held.conn.close()
        super().close()

    def _connection(self) -> sqlite3.Connection:
        held: _ThreadConnection | None = getattr(self._local, "held", None)
        if held is None:
            held = self._local.held = _ThreadConnection(
                _connect(self.pool.db_name, self.pool.lock_timeout))
            with self._opened_lock:
                self._opened.add(held)
        return held.conn


class _ThreadConnection:
    """A thread's connection; closed when the thread ends (its thread-local storage goes,
    as with the development server's thread per request) or when the store is closed."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __del__(self) -> None:
        self.conn.close()


class SQLiteEventStoreFactory(SQLiteFactory):
    """`eventsourcing.sqlite` on the datastore above (`PERSISTENCE_MODULE=TOPIC`)."""

    def __init__(self, env: Environment | EnvType | None):
        super().__init__(env)
        self.datastore = SQLiteEventStoreDatastore(self.datastore)


def _connect(db_name: str, lock_timeout: int | None) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(db_name, uri=True, check_same_thread=False,
                               isolation_level=None, cached_statements=STATEMENT_CACHE,
                               timeout=lock_timeout or 5)
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            conn.execute("PRAGMA journal_mode=WAL")
        for pragma in PRAGMAS:
            conn.execute(pragma)
    except sqlite3.Error as error:
        raise _library_error(error) from error
    conn.row_factory = sqlite3.Row
    return conn


def _library_error(error: sqlite3.Error) -> Exception:
    found: type[Exception] = next(library for raw, library in _ERRORS
                                  if isinstance(error, raw))
    return found(error)
