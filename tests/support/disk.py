"""What a store leaves on disk: byte-wise scans of its files for values that must be gone."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import psycopg

from projections.stores.backend import Backend


def files_holding(paths: Iterable[Path], needles: Mapping[str, bytes]) -> dict[str, list[str]]:
    """For each needle (by label), the files whose bytes contain it."""
    found: dict[str, list[str]] = {label: [] for label in needles}
    for path in sorted(paths):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for label, needle in needles.items():
            if needle in data:
                found[label].append(path.name)
    return {label: files for label, files in found.items() if files}


def stored_files(backend: Backend) -> list[Path]:
    """Every file of the SQLite data directory; on PostgreSQL the files of the store's own
    database (the server's WAL is shared by the cluster: docs/DEPLOY.md, section 7)."""
    if backend.kind == "sqlite":
        return sqlite_files(backend)
    files = postgres_files(backend)
    assert files is not None, "the test server's data directory must be readable"
    return files


def sqlite_files(backend: Backend) -> list[Path]:
    """Every file of the SQLite data directory (databases, their -wal and -shm, the rest)."""
    return [path for path in backend.data_dir.rglob("*") if path.is_file()]


def postgres_files(backend: Backend) -> list[Path] | None:
    """The files of the store's PostgreSQL database (after a CHECKPOINT wrote its pages), or
    None when the server's data directory is not readable from here."""
    with psycopg.connect(backend.postgres_conninfo(), autocommit=True) as conn:
        conn.execute("CHECKPOINT")
        data_dir = conn.execute("SHOW data_directory").fetchone()
        oid = conn.execute("SELECT oid FROM pg_database WHERE datname = current_database()"
                           ).fetchone()
    assert data_dir is not None and oid is not None
    folder = Path(data_dir[0]) / "base" / str(oid[0])
    try:
        return [path for path in folder.iterdir() if path.is_file()]
    except PermissionError:
        return None


def postgres_wal_files(backend: Backend) -> list[Path]:
    """The server's WAL segments (shared by every database of the cluster)."""
    with psycopg.connect(backend.postgres_conninfo(), autocommit=True) as conn:
        data_dir = conn.execute("SHOW data_directory").fetchone()
    assert data_dir is not None
    return [path for path in (Path(data_dir[0]) / "pg_wal").iterdir() if path.is_file()]


def rows_holding(backend: Backend, needles: dict[str, bytes]) -> dict[str, list[str]]:
    """For each needle, the tables of the store whose rows contain it (PostgreSQL: the store's
    schema; SQLite's tables are in the files scanned byte-wise)."""
    if backend.kind == "sqlite":
        return {}
    found: dict[str, list[str]] = {}
    with psycopg.connect(backend.postgres_conninfo(), autocommit=True) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT format('%%I.%%I', table_schema, table_name) "
            "FROM information_schema.tables WHERE table_schema = ANY(%s)", (schemas(backend),)
        ).fetchall()]
        for table in tables:
            row: Any = conn.execute(f"SELECT string_agg(t::text, ' ') FROM {table} t").fetchone()
            text = row[0] or ""
            for label, needle in needles.items():
                as_text = needle.hex() if label == "key" else needle.decode()
                if as_text in text:
                    found.setdefault(label, []).append(table)
    return found


def statistics_holding(backend: Backend, needles: dict[str, bytes]) -> list[str]:
    """The needles found in the planner statistics of the store's tables (PostgreSQL's
    pg_stats, which ANALYZE fills with sample values of each column)."""
    if backend.kind == "sqlite":
        return []
    with psycopg.connect(backend.postgres_conninfo(), autocommit=True) as conn:
        row: Any = conn.execute("SELECT string_agg(s::text, ' ') FROM pg_stats s "
                                "WHERE schemaname = ANY(%s)", (schemas(backend),)).fetchone()
    text = row[0] or ""
    return [label for label, needle in needles.items()
            if (needle.hex() if label == "key" else needle.decode()) in text]


def analyze(backend: Backend) -> None:
    """Gather the planner statistics of the store's tables, as autovacuum does on its own."""
    if backend.kind == "postgres":
        with psycopg.connect(backend.postgres_conninfo(), autocommit=True) as conn:
            tables = conn.execute("SELECT format('%%I.%%I', schemaname, tablename) "
                                  "FROM pg_tables WHERE schemaname = ANY(%s)",
                                  (schemas(backend),)).fetchall()
            for (table,) in tables:
                conn.execute(f"ANALYZE {table}")


def schemas(backend: Backend) -> list[str]:
    """The PostgreSQL schemas of the store: its own and the vault's."""
    own = backend.postgres["POSTGRES_SCHEMA"]
    return sorted({own, backend.vault_schema or own})
