"""The tables of the verifiable log on each backend: leaves, subtree hashes, checkpoints.

SQLite keeps them in `ledger.sqlite` in the data directory, PostgreSQL in the configured
schema. All three are append-only: triggers refuse UPDATE and DELETE (and TRUNCATE). Beside
them, two small mutable tables: the latest result of each reconciliation of the store with the
log (projections/ledger/reconcile.py) and the marker of an import that has not finished
(projections/ledger/portability.py).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from projections.stores.backend import Backend
from projections.stores.vault_tables import PostgresConnection
from projections.stores.view_store import Sql, creating_tables


class LedgerStore:
    """The ledger's tables on one backend."""

    is_postgres = False

    def table(self, name: str) -> str:
        raise NotImplementedError

    def write(self) -> Any:
        raise NotImplementedError

    def read(self) -> Any:
        raise NotImplementedError

    def create(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class SQLiteLedgerStore(LedgerStore):
    """The ledger in its own SQLite file, one connection shared by the process's threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None,
                                     timeout=30)
        self._lock = threading.Lock()
        self._conn.execute("PRAGMA journal_mode=WAL")

    def table(self, name: str) -> str:
        return f"ledger_{name}"

    @contextmanager
    def write(self) -> Iterator[Sql]:
        with self._lock:
            cursor = self._conn.cursor()
            cursor.execute("BEGIN IMMEDIATE")  # the write lock first: the head check holds
            try:
                yield Sql(cursor, False)
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            cursor.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[Sql]:
        with self._lock:
            cursor = self._conn.cursor()
            cursor.execute("BEGIN")  # one snapshot for every query of the read
            try:
                yield Sql(cursor, False)
            finally:
                cursor.execute("COMMIT")

    def create(self) -> None:
        blob = "BLOB NOT NULL"
        with self.write() as sql:
            for statement in _tables(self, blob, "INTEGER", " WITHOUT ROWID", "TEXT"):
                sql.execute(statement)
            for name in ("leaves", "nodes", "checkpoints"):
                for action in ("UPDATE", "DELETE"):
                    sql.execute(
                        f"CREATE TRIGGER IF NOT EXISTS ledger_{name}_no_{action.lower()} "
                        f"BEFORE {action} ON {self.table(name)} BEGIN "
                        "SELECT RAISE(ABORT, 'the ledger is append-only'); END")

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class PostgresLedgerStore(LedgerStore):
    """The ledger in tables of the configured PostgreSQL schema."""

    is_postgres = True

    def __init__(self, conninfo: str, schema: str) -> None:
        self.schema = schema
        self._pg = PostgresConnection(conninfo)

    def table(self, name: str) -> str:
        return f'"{self.schema}".rekam_ledger_{name}'

    @contextmanager
    def write(self) -> Iterator[Sql]:
        with self._pg.transaction() as cursor:
            yield Sql(cursor, True)

    read = write

    def create(self) -> None:
        function = f'"{self.schema}".rekam_ledger_append_only'
        with self.write() as sql:
            # One creator at a time: concurrent DDL on the same names fails in PostgreSQL.
            sql.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (function,))
            sql.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
            for statement in _tables(self, "bytea NOT NULL", "bigint", "", "timestamptz"):
                sql.execute(statement)
            sql.execute(f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger "
                        "LANGUAGE plpgsql AS $$ BEGIN "
                        "RAISE EXCEPTION 'the ledger is append-only'; END $$")
            for name in ("leaves", "nodes", "checkpoints"):
                sql.execute(f"CREATE OR REPLACE TRIGGER rekam_ledger_{name}_append_only "
                            f"BEFORE UPDATE OR DELETE ON {self.table(name)} "
                            f"FOR EACH ROW EXECUTE FUNCTION {function}()")
                sql.execute(f"CREATE OR REPLACE TRIGGER rekam_ledger_{name}_no_truncate "
                            f"BEFORE TRUNCATE ON {self.table(name)} "
                            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()")

    def close(self) -> None:
        self._pg.close()


def _tables(store: LedgerStore, blob: str, integer: str, without_rowid: str,
            timestamp: str) -> list[str]:
    big = "bigint" if store.is_postgres else "INTEGER"
    return [
        f"CREATE TABLE IF NOT EXISTS {store.table('leaves')} ("
        f"position {big} PRIMARY KEY, notification_id {big} NOT NULL UNIQUE, "
        f"leaf_hash {blob})",
        f"CREATE TABLE IF NOT EXISTS {store.table('nodes')} ("
        f"level {integer} NOT NULL, idx {big} NOT NULL, hash {blob}, "
        f"PRIMARY KEY (level, idx)){without_rowid}",
        f"CREATE TABLE IF NOT EXISTS {store.table('checkpoints')} ("
        f"tree_size {big} PRIMARY KEY, root_hash {blob}, note TEXT NOT NULL, "
        f"verifier_key TEXT NOT NULL, made_at {timestamp} NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS {store.table('reconciliations')} ("
        "checker TEXT PRIMARY KEY, result TEXT NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS {store.table('import_marker')} ("
        "marker TEXT PRIMARY KEY, started_at TEXT NOT NULL, source TEXT NOT NULL)",
    ]


def open_ledger_store(backend: Backend) -> LedgerStore:
    """The ledger tables of `backend` (created on first use)."""
    store: LedgerStore
    if backend.kind == "sqlite":
        store = SQLiteLedgerStore(backend.data_dir / "ledger.sqlite")
    else:
        schema = backend.postgres.get("POSTGRES_SCHEMA") or "public"
        store = PostgresLedgerStore(backend.postgres_conninfo(), schema)
    creating_tables(store.create)
    return store
