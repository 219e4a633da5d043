"""Where the read models live: one tracking recorder per backend holding every view's tables.

Each view keeps its own tracking row (its name, the last notification id it applied). A batch of
events is applied to one or more views in one transaction that first moves each view's tracking
row from the position the batch was read at to the batch's last id (compare-and-set). If another
runner moved it first, the compare fails, the whole transaction rolls back and the runner
re-reads where to start: no event is ever applied twice or skipped, whatever crashes or races.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar, cast

import psycopg
from eventsourcing.persistence import InfrastructureFactory
from eventsourcing.postgres import PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteTrackingRecorder
from eventsourcing.utils import Environment

from projections.stores.backend import Backend
from projections.stores.vault_tables import outlive_older_snapshots, truncate_wal, vacuum_full


class TrackingConflictError(Exception):
    """Raised when another runner applied the same events first (nothing was written)."""


class ViewsBusyError(Exception):
    """Raised when the views' write lock stayed taken for longer than a writer would wait
    (a rebuild putting its tables in place holds it for a while; nothing was written)."""


LOCK_WAIT = 30.0  # seconds a writer waits for the views' write lock unless told otherwise


def _is_lock_timeout(error: BaseException) -> bool:
    """Whether `error` (or what it wraps) is SQLite's "database is locked" or PostgreSQL's
    lock_timeout."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, psycopg.errors.LockNotAvailable):
            return True
        if isinstance(seen, sqlite3.OperationalError) and "locked" in str(seen):
            return True
        seen = seen.__cause__
    return False


@contextmanager
def _busy_after(wait: float | None) -> Iterator[None]:
    """Turn a lock timeout into ViewsBusyError when the writer asked for a `wait`."""
    try:
        yield
    except Exception as error:
        if wait is not None and _is_lock_timeout(error):
            raise ViewsBusyError(str(error)) from error
        raise


NUL = "\x00"
NUL_SHOWN_AS = "\ufffd"  # the replacement character: what a reader of the view sees instead


def storable(row: Sequence[Any]) -> tuple[Any, ...]:
    """`row` as PostgreSQL can store it in text columns, which cannot hold a NUL character.

    The domain refuses NUL in every text it accepts, but a store written before it did may
    hold one in a decree number or a (decrypted) name: the view shows U+FFFD in its place
    rather than failing on every write (the event store keeps the event as it was).
    """
    if not any(type(value) is str and NUL in value for value in row):
        return tuple(row)
    return tuple(value.replace(NUL, NUL_SHOWN_AS) if type(value) is str else value
                 for value in row)


class Sql:
    """A cursor that takes `?` placeholders on both backends (and any text: see `storable`)."""

    def __init__(self, cursor: Any, is_postgres: bool) -> None:
        self.cursor, self.is_postgres = cursor, is_postgres

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if self.is_postgres:
            sql = sql.replace("?", "%s")
            self.cursor.execute(sql, storable(params))
        else:
            self.cursor.execute(sql, tuple(params))
        return self

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        if self.is_postgres:
            self.cursor.executemany(sql.replace("?", "%s"), [storable(r) for r in rows])
        else:
            self.cursor.executemany(sql, [tuple(r) for r in rows])

    def insert_rows(self, head: str, values: str, rows: Sequence[Sequence[Any]],
                    per_statement: int = 200) -> None:
        """`head` ("INSERT INTO t (...) VALUES") with one `values` group ("(?, ?)") per row.

        SQLite takes up to `per_statement` rows per statement (binding them costs the same,
        but one statement step per row, as executemany does, costs about a quarter more);
        PostgreSQL's driver pipelines executemany already.
        """
        if self.is_postgres or len(rows) < per_statement:
            self.executemany(f"{head} {values}", rows)
            return
        full = len(rows) - len(rows) % per_statement
        statement = f"{head} {', '.join([values] * per_statement)}"
        for start in range(0, full, per_statement):
            self.cursor.execute(statement, [v for row in rows[start:start + per_statement]
                                            for v in row])
        self.executemany(f"{head} {values}", rows[full:])

    def fetchall(self) -> list[Any]:
        return list(self.cursor.fetchall())

    def fetchone(self) -> Any:
        return self.cursor.fetchone()

    @property
    def rowcount(self) -> int:
        return int(getattr(self.cursor, "sqlite_cursor", self.cursor).rowcount)


class ViewStoreMixin:
    """Shared by both backends' recorders."""

    is_postgres = False
    datastore: Any

    @property
    def tracking_table(self) -> str:
        raise NotImplementedError

    @contextmanager
    def write(self, wait: float | None = None) -> Iterator[Sql]:
        """A write transaction; `wait`: seconds to wait for a lock before ViewsBusyError."""
        with _busy_after(wait), self.datastore.transaction(commit=True) as cursor:
            if wait is not None:
                cursor.execute(f"SET LOCAL lock_timeout = {max(1, int(wait * 1000))}")
            yield Sql(cursor, self.is_postgres)

    @contextmanager
    def read(self) -> Iterator[Sql]:
        with self.datastore.transaction(commit=False) as cursor:
            yield Sql(cursor, self.is_postgres)

    def position(self, view: str) -> int:
        """The last notification id `view` has applied (0 before the first)."""
        with self.read() as sql:
            row = sql.execute(f"SELECT notification_id FROM {self.tracking_table} "
                              "WHERE application_name = ?", (view,)).fetchone()
        return int(row["notification_id"]) if row else 0

    def positions(self, views: Sequence[str]) -> dict[str, int]:
        """The positions of several views, read in one query."""
        found = dict.fromkeys(views, 0)
        with self.read() as sql:
            rows = sql.execute(f"SELECT application_name, notification_id "
                               f"FROM {self.tracking_table} WHERE application_name IN "
                               f"({', '.join('?' for _ in views)})", tuple(views)).fetchall()
        for row in rows:
            found[row["application_name"]] = int(row["notification_id"])
        return found

    def advance(self, sql: Sql, view: str, expected: int, new: int) -> None:
        """Move `view` from `expected` to `new` or raise TrackingConflictError.

        Issued first in the batch's transaction so that it takes the write lock (SQLite) or
        the row lock (PostgreSQL) before anything else is written. A position never moves
        back: that would be an event applied twice.
        """
        if new <= expected:
            raise TrackingConflictError(view)
        if expected == 0:
            sql.execute(f"INSERT INTO {self.tracking_table} (application_name, notification_id) "
                        "VALUES (?, ?) ON CONFLICT (application_name) DO NOTHING", (view, new))
        else:
            sql.execute(f"UPDATE {self.tracking_table} SET notification_id = ? "
                        "WHERE application_name = ? AND notification_id = ?",
                        (new, view, expected))
        if sql.rowcount != 1:
            raise TrackingConflictError(view)

    def advance_together(self, sql: Sql, views: Sequence[str], expected: int, new: int) -> None:
        """`advance` for several views at the same position, in one statement (a round trip
        saved per view on PostgreSQL)."""
        if new <= expected:
            raise TrackingConflictError(*views)
        marks = ", ".join("?" for _ in views)
        if expected == 0:
            sql.execute(f"INSERT INTO {self.tracking_table} (application_name, notification_id) "
                        f"VALUES {', '.join('(?, ?)' for _ in views)} "
                        "ON CONFLICT (application_name) DO NOTHING",
                        [value for view in views for value in (view, new)])
        else:
            sql.execute(f"UPDATE {self.tracking_table} SET notification_id = ? "
                        f"WHERE application_name IN ({marks}) AND notification_id = ?",
                        (new, *views, expected))
        if sql.rowcount != len(views):
            raise TrackingConflictError(*views)

    def scrub(self, tables: Sequence[str]) -> None:
        """Make the rows just rewritten or deleted in `tables` unreadable on disk (an erasure):
        SQLite empties its WAL of the old page images; PostgreSQL VACUUMs the tables."""
        raise NotImplementedError

    def forget(self, sql: Sql, view: str) -> None:
        sql.execute(f"DELETE FROM {self.tracking_table} WHERE application_name = ?", (view,))

    @property
    def stopped_table(self) -> str:
        """Views stopped at an event they could not apply (see Projections.catch_up)."""
        return (f'"{self.datastore.schema}".views_stopped' if self.is_postgres
                else "views_stopped")

    def create_stopped(self, sql: Sql) -> None:
        sql.execute(f"CREATE TABLE IF NOT EXISTS {self.stopped_table} (view TEXT PRIMARY KEY, "
                    "notification_id BIGINT NOT NULL, error TEXT NOT NULL, "
                    "stopped_at TEXT NOT NULL)")

    def stop(self, view: str, notification_id: int, error: str, at: str) -> None:
        """Record that `view` stopped before the event `notification_id` (`error`: its kind,
        never its text, which may quote the data)."""
        with self.write() as sql:
            sql.execute(f"DELETE FROM {self.stopped_table} WHERE view = ?", (view,))
            sql.execute(f"INSERT INTO {self.stopped_table} VALUES (?, ?, ?, ?)",
                        (view, notification_id, error, at))

    def stopped(self) -> dict[str, dict[str, Any]]:
        """The stopped views: their name → the event they stopped at, the error's kind, when."""
        with self.read() as sql:
            rows = sql.execute(f"SELECT * FROM {self.stopped_table} ORDER BY view").fetchall()
        return {row["view"]: {"position": int(row["notification_id"]), "error": row["error"],
                              "stopped_at": row["stopped_at"]} for row in rows}

    def restart(self, sql: Sql, view: str) -> None:
        """Forget that `view` stopped (a rebuild has just replaced its rows)."""
        sql.execute(f"DELETE FROM {self.stopped_table} WHERE view = ?", (view,))

    def forget_suffixed(self, sql: Sql, suffix: str) -> None:
        """Forget every tracking row whose name contains `suffix` (letters and "_" only)."""
        pattern = "%" + suffix.replace("_", "!_") + "%"
        sql.execute(f"DELETE FROM {self.tracking_table} WHERE application_name LIKE ? "
                    "ESCAPE '!'", (pattern,))


class SQLiteViewStore(ViewStoreMixin, SQLiteTrackingRecorder):
    """The views in their own SQLite file (`views.sqlite`)."""

    CHECKPOINT_PAGES = 1000  # SQLite's default: copy the WAL back at about 4 MB
    BULK_CHECKPOINT_PAGES = 16384  # while a rebuild writes: at about 64 MB

    checkpoint_pages = CHECKPOINT_PAGES

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Writes of a rebuild: the WAL is copied back to the file (and the disk waited for)
        every 64 MB instead of every 4 MB; a rebuild of a province writes gigabytes, and the
        process filling another slice waits for each copy while it holds the lock."""
        self.checkpoint_pages = self.BULK_CHECKPOINT_PAGES
        try:
            yield
        finally:
            self.checkpoint_pages = self.CHECKPOINT_PAGES

    @contextmanager
    def write(self, wait: float | None = None) -> Iterator[Sql]:
        """A write transaction that does not wait for the disk at commit.

        Views can always be rebuilt from the events, and a batch's rows and its tracking
        position commit together, so a power cut can only lose the last batches, which the
        next catch-up applies again: exactly once still holds, and commits are much cheaper.
        With `wait`, the write lock is waited for that many seconds (else `LOCK_WAIT`), then
        ViewsBusyError.
        """
        with _busy_after(wait), self.datastore.get_connection(commit=True) as connection:
            sqlite = connection._sqlite_conn
            sqlite.execute("PRAGMA synchronous=NORMAL")
            sqlite.execute("PRAGMA secure_delete=ON")  # whatever the build's default
            sqlite.execute(f"PRAGMA wal_autocheckpoint={self.checkpoint_pages}")
            waited = LOCK_WAIT if wait is None else wait
            sqlite.execute(f"PRAGMA busy_timeout={max(1, int(waited * 1000))}")
            with connection.transaction(commit=True) as cursor:
                yield Sql(cursor, False)

    def scrub(self, tables: Sequence[str]) -> None:
        """The rows were overwritten with `secure_delete` on (`write`): the old bytes are gone
        from the database file once the WAL, which still holds the old pages, is emptied."""
        with self.datastore.get_connection(commit=True) as connection:
            truncate_wal(connection._sqlite_conn)

    @property
    def tracking_table(self) -> str:
        return "tracking"


class PostgresViewStore(ViewStoreMixin, PostgresTrackingRecorder):
    """The views in tables of the configured PostgreSQL schema."""

    is_postgres = True

    # Up to this size a table is rewritten (`VACUUM FULL`, a regional roster: well under a
    # second); a larger one is only VACUUMed, as its rewrite would lock HR out for minutes.
    REWRITE_LIMIT = 256 * 1024 * 1024
    # How long a rewrite is repeated while it keeps dead rows that some snapshot still sees:
    # shorter than the vault's, as HR's own writes to the roster make such rows all day.
    REWRITE_WAIT = 15.0

    def scrub(self, tables: Sequence[str]) -> None:
        """A plain VACUUM drops the dead row versions, so no query and no index reaches them,
        but leaves their bytes in the pages' free space; `VACUUM FULL` copies the live rows
        into new files and removes the old ones. Larger tables: docs/DEPLOY.md."""
        with self.datastore.get_connection() as connection:  # in autocommit, as VACUUM needs
            outlive_older_snapshots(connection)
            for table in tables:
                size = connection.execute("SELECT pg_total_relation_size(%s::regclass) AS n",
                                          (table,)).fetchone()
                if size is not None and size["n"] <= self.REWRITE_LIMIT:
                    vacuum_full(connection, table, seconds=self.REWRITE_WAIT)
                else:
                    connection.execute(f"VACUUM {table}")

    @property
    def tracking_table(self) -> str:
        return f'"{self.datastore.schema}"."{self.tracking_table_name}"'


ViewStore = SQLiteViewStore | PostgresViewStore


def open_view_store(backend: Backend) -> ViewStore:
    """The view store of `backend` (tables are created on first use)."""
    if backend.kind == "sqlite":
        backend.data_dir.mkdir(parents=True, exist_ok=True)
        env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite",
               "SQLITE_DBNAME": str(backend.data_dir / "views.sqlite"),
               "SQLITE_LOCK_TIMEOUT": str(int(LOCK_WAIT))}
        factory: Any = InfrastructureFactory.construct(Environment("views", env))
        return creating_tables(lambda: cast(SQLiteViewStore,
                                            factory.tracking_recorder(SQLiteViewStore)))
    env = {**backend.event_store_env()}
    factory = InfrastructureFactory.construct(Environment("rekam_views", env))
    return creating_tables(lambda: cast(PostgresViewStore,
                                        factory.tracking_recorder(PostgresViewStore)))


T = TypeVar("T")


def creating_tables(create: Callable[[], T], attempts: int = 5) -> T:
    """Run a step that creates tables, again if another process was creating them too.

    Two processes starting on a fresh store race on CREATE TABLE IF NOT EXISTS (PostgreSQL
    can raise a duplicate catalogue entry) and on the tracking table's first row; the loser
    simply tries again and then finds everything in place.
    """
    for attempt in range(attempts):
        try:
            return create()
        except Exception as error:  # the drivers' and the library's errors differ
            if attempt == attempts - 1 or not _is_creation_race(error):
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _is_creation_race(error: Exception) -> bool:
    text = f"{type(error).__name__}: {error}".lower()
    return any(sign in text for sign in ("integrity", "unique", "duplicate", "already exists",
                                         "locked", "failed to record tracking",
                                         "concurrently updated"))
