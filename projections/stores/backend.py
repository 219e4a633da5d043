"""Choosing and opening the stores: the event store, the subject-key store and the NIP registry.

SQLite (the embedded default) keeps each store in its own file under the data directory, so the
key file can be kept out of the event store's backups. PostgreSQL keeps the event store in the
library's tables and the vault in tables of its own, in `REKAM_VAULT_SCHEMA` when that is set.

The vault's tables, and how their deletes are made final on disk, are in
`projections/stores/vault_tables.py`.
"""

from __future__ import annotations

import logging
import os
import secrets
import sqlite3
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventsourcing.sqlite import SQLiteDatastore

from domain.personnel_service import PersonnelService
from domain.snapshot_seal import KEY_BYTES
from projections.stores import outbox
from projections.stores.documents import FileDocumentStore, PostgresDocumentStore
from projections.stores.sqlite_events import TOPIC as SQLITE_EVENT_STORE
from projections.stores.vault_tables import (
    PARTITIONS,
    PostgresConnection,
    PostgresKeyStore,
    PostgresSubjectRegistry,
    SQLiteKeyStore,
    SQLiteSubjectRegistry,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backend:
    """Where Rekam Jejak keeps its data (web/settings.py reads it from the environment and
    checks it): `postgres` holds the library's POSTGRES_* settings that were set."""

    kind: str = "sqlite"
    data_dir: Path = Path("var")
    postgres: Mapping[str, str] = field(default_factory=dict)
    vault_schema: str | None = None

    def event_store_env(self) -> dict[str, str]:
        """The `eventsourcing` settings of the event store (its recorders also write the
        outbox: projections/stores/outbox.py).

        Recently used aggregates stay in memory and are fast-forwarded from the store on every
        read, so other processes' writes are seen; reads get a deep copy, so a refused
        command never leaves a half-changed aggregate in the cache.
        """
        cache = {"AGGREGATE_CACHE_MAXSIZE": "5000", "AGGREGATE_CACHE_FASTFORWARD": "y",
                 "DEEPCOPY_FROM_AGGREGATE_CACHE": "y"}
        if self.kind == "sqlite":
            return {"PERSISTENCE_MODULE": SQLITE_EVENT_STORE,
                    "APPLICATION_RECORDER_TOPIC": outbox.SQLITE_RECORDER,
                    "SQLITE_DBNAME": str(self.data_dir / "events.sqlite"),
                    "SQLITE_LOCK_TIMEOUT": "30", **cache}
        return {"PERSISTENCE_MODULE": "eventsourcing.postgres", **cache,
                "APPLICATION_RECORDER_TOPIC": outbox.POSTGRES_RECORDER,
                "POSTGRES_ENABLE_DB_FUNCTIONS": "y", "POSTGRES_PORT": "5432",
                "POSTGRES_HOST": "127.0.0.1", "POSTGRES_USER": "postgres",
                "POSTGRES_PASSWORD": "", **self.postgres}

    def postgres_conninfo(self) -> str:
        env = self.event_store_env()
        from psycopg.conninfo import make_conninfo

        return make_conninfo(dbname=env["POSTGRES_DBNAME"], host=env["POSTGRES_HOST"],
                             port=env["POSTGRES_PORT"], user=env["POSTGRES_USER"],
                             password=env["POSTGRES_PASSWORD"])


SNAPSHOT_KEY_FILE = "snapshot-seal.key"  # in the data directory, beside the log signing key


def open_service(backend: Backend) -> PersonnelService:
    """The application service on `backend`, with its vault stores and the key that seals
    its snapshots (domain/snapshot_seal.py)."""
    if backend.kind == "sqlite":
        backend.data_dir.mkdir(parents=True, exist_ok=True)
        keys: Any = SQLiteKeyStore(backend.data_dir / "keys.sqlite")
        registry: Any = SQLiteSubjectRegistry(backend.data_dir / "registry.sqlite")
        documents: Any = FileDocumentStore(backend.data_dir / "documents")
    else:
        pg = PostgresConnection(backend.postgres_conninfo())
        schema = backend.vault_schema or backend.postgres.get("POSTGRES_SCHEMA") or "public"
        keys, registry = PostgresKeyStore(pg, schema), PostgresSubjectRegistry(pg, schema)
        documents = PostgresDocumentStore(pg, schema, PARTITIONS)
    service = PersonnelService(backend.event_store_env(), keys, registry,
                               snapshot_key(backend.data_dir / SNAPSHOT_KEY_FILE))
    # Sealed scans, and employee-survey answers waiting to be recorded (documents.py).
    service.documents.store = service.staff_survey.box = documents
    return service


def snapshot_key(path: Path) -> bytes:
    """The secret at `path`, created (mode 0600) when there is none: outside the event store
    and its backups, so whoever can edit a snapshot cannot seal it again.

    Two processes creating it at once: each writes a temporary file of its own and links it
    into place, which fails for the second, who then reads the first one's key.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(secrets.token_bytes(KEY_BYTES))
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink(missing_ok=True)
    return path.read_bytes()


def count_events(service: PersonnelService) -> int:
    """How many events the event store holds (notification ids may have gaps)."""
    recorder: Any = service.recorder
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(f"SELECT COUNT(*) AS n FROM {events_table(service)}")
        row = cursor.fetchone()
    return int(row["n"])  # both backends' cursors return rows addressable by column name


def events_table(service: PersonnelService) -> str:
    """The event store's table, schema-qualified on PostgreSQL."""
    recorder: Any = service.recorder
    table = str(recorder.events_table_name)
    if hasattr(recorder.datastore, "schema"):
        table = f'"{recorder.datastore.schema}"."{table}"'
    return table


class ScalarReader:
    """One value read again and again (the public page cache's markers, on every request).

    On a SQLite file through a read-only autocommit connection per thread: the library's pool
    and the BEGIN/ROLLBACK it wraps around a read cost several times such a query. Otherwise
    (PostgreSQL, in-memory SQLite) through the library's datastore as usual. `statement`
    reads one row of one column.
    """

    def __init__(self, datastore: Any, statement: Any) -> None:
        self.datastore, self.statement = datastore, statement
        pool = getattr(datastore, "pool", None)
        path = getattr(pool, "db_name", None) if isinstance(datastore, SQLiteDatastore) else None
        is_file = bool(path) and not getattr(pool, "is_sqlite_memory_mode", True)
        self._uri = Path(str(path)).resolve().as_uri() + "?mode=ro" if is_file else None
        self._local = threading.local()

    def __call__(self) -> Any:
        if self._uri is None:
            with self.datastore.transaction(commit=False) as cursor:
                cursor.execute(self.statement)
                row = cursor.fetchone()
            return next(iter(row.values() if isinstance(row, dict) else row))
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self._uri, uri=True, isolation_level=None,
                                         check_same_thread=True)
            self._local.connection = connection
        return connection.execute(self.statement).fetchone()[0]


def newest_event_reader(service: PersonnelService) -> ScalarReader:
    """Reads the newest notification id: it moves with every event stored (the library
    inserts in commit order on both backends), unlike `count_events` it is an index lookup."""
    recorder: Any = service.recorder
    statement = getattr(recorder, "select_max_notification_id_statement", None) \
        or recorder.max_notification_id_statement
    return ScalarReader(recorder.datastore, statement)
