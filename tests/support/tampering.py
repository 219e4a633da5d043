"""Tampering with the stores as an insider with database access would: SQL on the tables."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from typing import Any

import psycopg

from projections.stores.backend import Backend


class EventTable:
    """SQL on the event store's own table, as an insider with database access would run it."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        if backend.kind == "sqlite":
            self.table, self.id = "stored_events", "rowid"
            self.snapshots = "stored_snapshots"
        else:
            self.table = f'"{backend.postgres["POSTGRES_SCHEMA"]}".rekam_events'
            self.id = "notification_id"
            self.snapshots = f'"{backend.postgres["POSTGRES_SCHEMA"]}".rekam_snapshots'

    def run(self, statement: str, params: tuple[Any, ...] = ()) -> list[Any]:
        statement = statement.format(events=self.table, id=self.id, snapshots=self.snapshots)
        if self.backend.kind == "sqlite":
            with closing(sqlite3.connect(self.backend.data_dir / "events.sqlite")) as conn:
                rows = conn.execute(statement, params).fetchall()
                conn.commit()
                return rows
        with psycopg.connect(self.backend.postgres_conninfo(), autocommit=True) as conn:
            cursor = conn.execute(statement.replace("?", "%s"), params)
            return cursor.fetchall() if cursor.description else []

    def state(self, notification_id: int) -> bytes:
        (row,) = self.run("SELECT state FROM {events} WHERE {id} = ?", (notification_id,))
        return bytes(row[0])

    def set_state(self, notification_id: int, state: bytes) -> None:
        self.run("UPDATE {events} SET state = ? WHERE {id} = ?", (state, notification_id))

    def swap(self, first: int, second: int) -> None:
        columns = "originator_id, originator_version, topic, state"
        (a,) = self.run(f"SELECT {columns} FROM {{events}} WHERE {{id}} = ?", (first,))
        (b,) = self.run(f"SELECT {columns} FROM {{events}} WHERE {{id}} = ?", (second,))
        assignment = "originator_id = ?, originator_version = ?, topic = ?, state = ?"
        self.run("UPDATE {events} SET originator_version = -1 WHERE {id} = ?", (first,))
        self.run(f"UPDATE {{events}} SET {assignment} WHERE {{id}} = ?", (*a, second))
        self.run(f"UPDATE {{events}} SET {assignment} WHERE {{id}} = ?", (*b, first))

    def delete(self, notification_id: int) -> None:
        self.run("DELETE FROM {events} WHERE {id} = ?", (notification_id,))

    def max_id(self) -> int:
        (row,) = self.run("SELECT max({id}) FROM {events}")
        return int(row[0])

    def copy_as_next_version(self, notification_id: int, new_id: int | None = None) -> int:
        """Store a copy of an event as its record's next version, at `new_id` (None: the
        next id, as an append). Returns the new event's notification id."""
        (row,) = self.run("SELECT originator_id, topic, state FROM {events} WHERE {id} = ?",
                          (notification_id,))
        (top,) = self.run("SELECT max(originator_version) FROM {events} "
                          "WHERE originator_id = ?", (row[0],))
        values = (row[0], int(top[0]) + 1, row[1], row[2])
        if new_id is None:
            self.run("INSERT INTO {events} (originator_id, originator_version, topic, state) "
                     "VALUES (?, ?, ?, ?)", values)
            return self.max_id()
        self.run("INSERT INTO {events} ({id}, originator_id, originator_version, topic, state) "
                 "VALUES (?, ?, ?, ?, ?)", (new_id, *values))
        return new_id

    def burn_ids(self, count: int) -> None:
        """PostgreSQL: take ids from the sequence without storing, as rolled-back inserts do."""
        for _ in range(count):
            self.run("SELECT nextval(pg_get_serial_sequence('{events}', '{id}'))")
