"""Holding the views' write lock from outside, as another process would."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from projections.stores.backend import Backend
from projections.views.runner import Projections


@contextmanager
def views_write_locked(backend: Backend, projections: Projections) -> Iterator[None]:
    """Holds the views' write lock from another connection, as a rebuild's swap does: SQLite's
    file lock, PostgreSQL's lock on the tracking table (reads still pass)."""
    if backend.kind == "sqlite":
        holder = sqlite3.connect(backend.data_dir / "views.sqlite", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        return
    with psycopg.connect(backend.postgres_conninfo()) as conn, conn.transaction():
        conn.execute(f"LOCK TABLE {projections.store.tracking_table} IN EXCLUSIVE MODE")
        yield
