"""Small tables beside the event store (staff accounts, the worker's lease and runs): one
connection per store, `?` placeholders on both backends, one transaction per call."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from projections.stores.vault_tables import PostgresConnection


class Cursor:
    """`?` placeholders on both backends."""

    def __init__(self, cursor: Any, is_postgres: bool) -> None:
        self.cursor, self.is_postgres = cursor, is_postgres

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        self.cursor.execute(sql.replace("?", "%s") if self.is_postgres else sql, params)

    def fetchone(self) -> Any:
        return self.cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self.cursor.fetchall())

    @property
    def rowcount(self) -> int:
        return int(self.cursor.rowcount)


class SmallDatabase:
    """A few small tables of the application (accounts, worker runs) on either backend."""

    def script(self, statements: list[str]) -> None:
        with self.transaction() as c:
            for statement in statements:
                c.execute(statement)

    def transaction(self) -> Any:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class SQLiteDatabase(SmallDatabase):
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None,
                                     timeout=30)
        self._lock = threading.Lock()
        self._conn.execute("PRAGMA journal_mode=WAL")

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield Cursor(self._conn.cursor(), False)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class PostgresDatabase(SmallDatabase):
    def __init__(self, pg: PostgresConnection, schema: str) -> None:
        self.pg = pg
        with pg.transaction() as c:
            c.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        with self.pg.transaction() as cursor:
            yield Cursor(cursor, True)

    def close(self) -> None:
        self.pg.close()
