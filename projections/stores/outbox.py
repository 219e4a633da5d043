"""The outbox: notifications stored in the event store's database, in the transaction of the
events that caused them, and the delivery worker's reads and updates of them.

The event store's recorders are the library's with one change: `insert_events(...,
outbox=[...])` also inserts the notifications (domain/notifications.py) before the
transaction commits. The table is made when the store is opened, beside the events
(`rekam_outbox` in the SQLite file, in the events' schema on PostgreSQL). A row holds an
account id, a template key and non-personal parameters; the address is read from the account
store when the row is delivered, and `last_error` holds an error's type and SMTP code only.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

from domain.notifications import Notification

SQLITE_RECORDER = "projections.stores.outbox:SQLiteOutboxRecorder"
POSTGRES_RECORDER = "projections.stores.outbox:PostgresOutboxRecorder"
TABLE = "rekam_outbox"
COLUMNS = ("id, created_at, kind, recipient, params, attempts, next_attempt_at, last_error, "
           "delivered_at")
_CREATE = ("CREATE TABLE IF NOT EXISTS {table} (id TEXT PRIMARY KEY, "
           "created_at TEXT NOT NULL, kind TEXT NOT NULL, recipient TEXT NOT NULL, "
           "params TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, "
           "next_attempt_at TEXT, last_error TEXT, delivered_at TEXT)")
_INDEX = "CREATE INDEX IF NOT EXISTS rekam_outbox_due ON {table} (next_attempt_at)"
# After the n-th failed attempt the next waits RETRY_DELAYS[n-1]; after the last, none.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
                timedelta(hours=2))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def stamp(at: datetime) -> str:
    """A UTC time as stored (fixed width, so text order is time order on both backends)."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def now() -> datetime:
    return datetime.now(UTC)


def _rows(notifications: Sequence[Notification], at: datetime) -> list[tuple[Any, ...]]:
    created = stamp(at)
    return [(uuid.uuid4().hex, created, n.kind.value, n.recipient,
             json.dumps(dict(n.params), sort_keys=True), 0,
             stamp(n.not_before) if n.not_before else created, None, None)
            for n in notifications]


_INSERT = f"INSERT INTO {{table}} ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"


class SQLiteOutboxRecorder(SQLiteApplicationRecorder):
    """The library's SQLite recorder, with the outbox written in the events' transaction."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.create_table_statements += [_CREATE.format(table=TABLE),
                                          _INDEX.format(table=TABLE)]

    def _insert_events(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent],
                       **kwargs: Any) -> Sequence[int] | None:
        ids = super()._insert_events(c, stored_events, **kwargs)
        notifications = kwargs.get("outbox") or ()
        if notifications:
            c.executemany(_INSERT.format(table=TABLE), _rows(notifications, now()))
        return ids


class PostgresOutboxRecorder(PostgresApplicationRecorder):
    """The library's PostgreSQL recorder, with the outbox written in the events' transaction.

    Without notifications it inserts as the library does (its insert function, one round
    trip in autocommit); with them, the library's table lock, insert and the outbox rows run
    in one explicit transaction.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outbox_table = f'"{self.datastore.schema}".{TABLE}'
        self.sql_create_statements += [
            _sql(_CREATE.format(table=self.outbox_table)),
            _sql(_INDEX.format(table=self.outbox_table))]

    def insert_events(self, stored_events: Sequence[StoredEvent],
                      **kwargs: Any) -> Sequence[int] | None:
        notifications = kwargs.pop("outbox", None) or ()
        if not notifications:
            ids: Sequence[int] | None = super().insert_events(stored_events, **kwargs)
            return ids
        insert = _INSERT.format(table=self.outbox_table).replace("?", "%s")
        with self.datastore.transaction(commit=True) as curs:
            self._insert_stored_events(curs, stored_events)
            curs.executemany(insert, _rows(notifications, now()))
        return None


def _sql(text: str) -> Any:
    from psycopg.sql import SQL

    return SQL(text)  # built from constants and the schema name


# -- the worker's side --------------------------------------------------------------------------


@dataclass(frozen=True)
class OutboxRow:
    """A notification as the delivery worker and the admin page read it."""

    id: str
    created_at: str
    kind: str
    recipient: str
    params: dict[str, str]
    attempts: int
    next_attempt_at: str | None
    last_error: str | None
    delivered_at: str | None


@dataclass(frozen=True)
class OutboxSummary:
    """What the system administrator's page shows (counts, and errors without addresses)."""

    waiting: int
    failed: int  # gave up after MAX_ATTEMPTS
    delivered: int
    last_errors: list[tuple[str, str, int]]  # (when, error, attempts), newest first


class Outbox:
    """The outbox table of an event store (`service.recorder`), on either backend."""

    def __init__(self, recorder: Any) -> None:
        self.datastore = recorder.datastore
        self.is_postgres = isinstance(recorder, PostgresApplicationRecorder)
        self.table = getattr(recorder, "outbox_table", TABLE)

    @contextmanager
    def _cursor(self, commit: bool) -> Iterator[Any]:
        with self.datastore.transaction(commit=commit) as cursor:
            yield _Placeholders(cursor, self.is_postgres)

    def add(self, notifications: Sequence[Notification], at: datetime | None = None) -> None:
        """Notifications not caused by a command (the jobs' reminders), in one transaction."""
        if notifications:
            with self._cursor(commit=True) as c:
                c.executemany(_INSERT.format(table=self.table), _rows(notifications,
                                                                       at or now()))

    def due(self, at: datetime, limit: int = 100) -> list[OutboxRow]:
        """Undelivered rows whose next attempt has come, oldest first."""
        with self._cursor(commit=False) as c:
            c.execute(f"SELECT {COLUMNS} FROM {self.table} WHERE delivered_at IS NULL "
                      "AND next_attempt_at IS NOT NULL AND next_attempt_at <= ? "
                      "ORDER BY next_attempt_at, created_at LIMIT ?", (stamp(at), limit))
            return [_row(r) for r in c.fetchall()]

    def has(self, notification: Notification) -> bool:
        """Whether the same notification (kind, recipient, parameters) is already held: the
        jobs' reminders are written once however often they run."""
        with self._cursor(commit=False) as c:
            c.execute(f"SELECT 1 FROM {self.table} WHERE kind = ? AND recipient = ? "
                      "AND params = ?", (notification.kind.value, notification.recipient,
                                         json.dumps(dict(notification.params), sort_keys=True)))
            return c.fetchone() is not None

    def drop(self, row_id: str) -> None:
        """Forget a row that no longer needs sending (its reminder came too late to matter)."""
        with self._cursor(commit=True) as c:
            c.execute(f"DELETE FROM {self.table} WHERE id = ? AND delivered_at IS NULL",
                      (row_id,))

    def all(self) -> list[OutboxRow]:
        with self._cursor(commit=False) as c:
            c.execute(f"SELECT {COLUMNS} FROM {self.table} ORDER BY created_at, id")
            return [_row(r) for r in c.fetchall()]

    def mark_delivered(self, row_id: str, at: datetime) -> None:
        with self._cursor(commit=True) as c:
            c.execute(f"UPDATE {self.table} SET delivered_at = ?, next_attempt_at = NULL, "
                      "attempts = attempts + 1, last_error = NULL WHERE id = ?",
                      (stamp(at), row_id))

    def mark_failed(self, row: OutboxRow, error: str, at: datetime) -> None:
        """Count a failed attempt; the next waits by RETRY_DELAYS, none after the last."""
        attempts = row.attempts + 1
        retry_at = (stamp(at + RETRY_DELAYS[attempts - 1]) if attempts < MAX_ATTEMPTS
                    else None)
        with self._cursor(commit=True) as c:
            c.execute(f"UPDATE {self.table} SET attempts = ?, next_attempt_at = ?, "
                      "last_error = ? WHERE id = ? AND delivered_at IS NULL",
                      (attempts, retry_at, error[:200], row.id))

    def retry_now(self, at: datetime) -> int:
        """Every undelivered row is due now, also those given up on (the admin's action);
        a row given up on gets one more attempt before it is given up again."""
        with self._cursor(commit=True) as c:
            c.execute(f"UPDATE {self.table} SET next_attempt_at = ?, attempts = CASE WHEN "
                      f"attempts >= ? THEN ? ELSE attempts END WHERE delivered_at IS NULL",
                      (stamp(at), MAX_ATTEMPTS, MAX_ATTEMPTS - 1))
            return int(c.rowcount)

    def forget_recipient(self, account_id: str) -> int:
        """Drop the undelivered rows of an account (its person was erased)."""
        with self._cursor(commit=True) as c:
            c.execute(f"DELETE FROM {self.table} WHERE recipient = ? AND delivered_at IS NULL",
                      (account_id,))
            return int(c.rowcount)

    def summary(self, errors: int = 5) -> OutboxSummary:
        with self._cursor(commit=False) as c:
            c.execute(f"SELECT SUM(CASE WHEN delivered_at IS NULL AND next_attempt_at IS NOT "
                      "NULL THEN 1 ELSE 0 END) AS waiting, SUM(CASE WHEN delivered_at IS NULL "
                      "AND next_attempt_at IS NULL THEN 1 ELSE 0 END) AS failed, SUM(CASE WHEN "
                      f"delivered_at IS NOT NULL THEN 1 ELSE 0 END) AS delivered FROM {self.table}")
            counts = c.fetchone()
            c.execute(f"SELECT created_at, last_error, attempts FROM {self.table} WHERE "
                      "delivered_at IS NULL AND last_error IS NOT NULL "
                      "ORDER BY created_at DESC LIMIT ?", (errors,))
            last = [(_at(r, 0), _at(r, 1), int(_at(r, 2))) for r in c.fetchall()]
        waiting, failed, delivered = (int(_at(counts, i) or 0) for i in range(3))
        return OutboxSummary(waiting, failed, delivered, last)


class _Placeholders:
    """`?` placeholders on both backends (psycopg wants `%s`)."""

    def __init__(self, cursor: Any, is_postgres: bool) -> None:
        self.cursor, self.is_postgres = cursor, is_postgres

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.is_postgres else sql

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        self.cursor.execute(self._sql(sql), params)

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self.cursor.executemany(self._sql(sql), rows)

    def fetchone(self) -> Any:
        return self.cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self.cursor.fetchall())

    @property
    def rowcount(self) -> int:
        raw = getattr(self.cursor, "sqlite_cursor", self.cursor)  # the library's wrapper
        return int(raw.rowcount)


def _at(row: Any, index: int) -> Any:
    """A column by position from a tuple, sqlite3.Row or psycopg's dict row."""
    if isinstance(row, dict):
        return list(row.values())[index]
    return row[index]


def _row(row: Any) -> OutboxRow:
    values = [_at(row, i) for i in range(9)]
    return OutboxRow(values[0], values[1], values[2], values[3], json.loads(values[4]),
                     int(values[5]), values[6], values[7], values[8])
