"""Read the stored events for a rebuild: one aggregate after another, up to a fixed head.

A rebuild does not need the events in notification order: every view's rows depend only on
the events of one aggregate (an employee, a round, an agency), in version order. Reading in
the order of the event table's primary key (originator id, version) hands the views each
aggregate's events together, so a view folds one employee at a time and writes its row once
instead of once per event, and holds one employee in memory instead of all of them.

A rebuild reads the highest notification id first (`stored_head`) and every scan stops there:
the rebuilt views are exactly "every event up to `head`", and catch-up goes on from there.
Notification ids are handed out in commit order on both backends (SQLite has one writer; the
library's PostgreSQL recorder locks the table while it inserts), so no event at or below
`head` can commit later, and scans started at different times read the same events. The id
space can be cut into slices (`bounds`) scanned by separate processes.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from typing import Any
from uuid import UUID

from psycopg.rows import tuple_row

from domain.personnel_service import PersonnelService
from projections.stores.backend import events_table

# (notification id, originator id, version, topic, state); the originator id is None when no
# view being rebuilt applies the event
Row = tuple[int, UUID | None, int, str, bytes]


def stored_head(service: PersonnelService) -> int:
    """The highest notification id now stored (0 for an empty store).

    It also stands for how many events there are (progress bars): counting them would read a
    whole index, 15 seconds at 12 million events. Ids start at 1 and SQLite's have no gaps
    (nothing is ever deleted); PostgreSQL's may, where an insert was rolled back.
    """
    recorder: Any = service.recorder
    if not hasattr(recorder.datastore, "schema"):
        # Through a plain connection: the event store's own connections map the file into
        # memory, which would count as this process's memory.
        with closing(_read_only(recorder)) as connection:
            (head,) = connection.execute(
                f"SELECT coalesce(max(rowid), 0) FROM {recorder.events_table_name}").fetchone()
        return int(head)
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(f"SELECT coalesce(max(notification_id), 0) AS head "
                       f"FROM {events_table(service)}")
        return int(cursor.fetchone()["head"])


def read_ahead(service: PersonnelService) -> threading.Thread | None:
    """Read the SQLite event file once from start to end in a thread, so that the kernel
    caches it; returns the thread (a daemon: it never holds up the process's exit).

    A rebuild reads the events in aggregate order: one random read per event. When the file
    is not cached (after a restart, or once the kernel has reclaimed the memory) each waits
    on the disk: 4,000 events/s on a province store on this machine, against 45,000 with
    the file cached, while the whole file reads in order in 14 seconds. The thread runs at
    the lowest priority (Linux: the rebuild's processes come first; waiting on the disk they
    leave it the cores). Nothing is done on PostgreSQL (its own cache) or when the file is
    bigger than half of the memory available.
    """
    recorder: Any = service.recorder
    if hasattr(recorder.datastore, "schema"):
        return None
    path = recorder.datastore.pool.db_name
    try:
        if os.path.getsize(path) > _available_memory() // 2:
            return None
    except OSError:
        return None
    thread = threading.Thread(target=_read_through, args=(path,), daemon=True,
                              name="rekam-read-ahead")
    thread.start()
    return thread


def _read_through(path: str) -> None:
    # It gets only the time the rebuild's processes leave: with the file cached, it is waste.
    with suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    buffer = bytearray(8 << 20)
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return  # only a hint: the rebuild reads the file anyway
    try:
        offset = 0
        while read := os.preadv(descriptor, [buffer], offset):
            offset += read
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _available_memory() -> int:
    """MemAvailable in bytes (Linux; 0 elsewhere, so nothing is read ahead)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            return next(int(line.split()[1]) * 1024 for line in meminfo
                        if line.startswith("MemAvailable:"))
    except (OSError, StopIteration):
        return 0


def _read_only(recorder: Any) -> sqlite3.Connection:
    """A connection of its own to the SQLite event store: read-only, no memory mapping."""
    return sqlite3.connect(f"file:{recorder.datastore.pool.db_name}?mode=ro", uri=True,
                           isolation_level=None, check_same_thread=False)


def bounds(part: int, parts: int) -> tuple[UUID, UUID | None]:
    """The originator ids of part `part` of `parts` equal slices of the id space: [low, high)."""
    low = UUID(int=(part << 128) // parts)
    return low, None if part == parts - 1 else UUID(int=((part + 1) << 128) // parts)


@contextmanager
def scan_by_aggregate(service: PersonnelService, head: int, batch_size: int,
                      topics: tuple[str, ...], part: int = 0, parts: int = 1
                      ) -> Iterator[Iterator[list[Row]]]:
    """Batches of the events up to `head` whose topic starts with one of `topics`, aggregate
    by aggregate; with `parts` > 1, only the aggregates of slice `part` of the id space."""
    recorder: Any = service.recorder
    low, high = bounds(part, parts)
    if hasattr(recorder.datastore, "schema"):
        with _postgres(recorder, events_table(service), head, low, high, batch_size,
                       topics) as batches:
            yield batches
    else:
        with _sqlite(recorder, head, low, high, batch_size, topics) as batches:
            yield batches


@contextmanager
def _sqlite(recorder: Any, head: int, low: UUID, high: UUID | None, batch_size: int,
            topics: tuple[str, ...]) -> Iterator[Iterator[list[Row]]]:
    connection = _read_only(recorder)  # the store's own connections are left to the writers
    try:
        # Ids are stored as canonical text, whose order is the order of the ids.
        cursor = connection.execute(
            f"SELECT rowid, originator_id, originator_version, topic, state "
            f"FROM {recorder.events_table_name} WHERE rowid <= ? AND originator_id >= ? "
            f"{'AND originator_id < ?' if high else ''} "
            "ORDER BY originator_id, originator_version",
            (head, str(low), *([str(high)] if high else [])))
        yield _batches(cursor, batch_size, topics, uuid_text=True)
    finally:
        connection.close()


@contextmanager
def _postgres(recorder: Any, table: str, head: int, low: UUID, high: UUID | None,
              batch_size: int, topics: tuple[str, ...]) -> Iterator[Iterator[list[Row]]]:
    datastore = recorder.datastore
    with datastore.get_connection() as connection, connection.transaction():
        # A named cursor streams from the server instead of fetching every row at once.
        with connection.cursor(name="rekam_rebuild_scan", row_factory=tuple_row) as cursor:
            cursor.execute(
                f"SELECT notification_id, originator_id, originator_version, topic, state "
                f"FROM {table} WHERE notification_id <= %s AND originator_id >= %s "
                f"{'AND originator_id < %s' if high else ''} "
                "ORDER BY originator_id, originator_version",
                (head, low, *([high] if high else [])))
            yield _batches(cursor, batch_size, topics, uuid_text=False)


def _batches(cursor: Any, batch_size: int, topics: tuple[str, ...],
             uuid_text: bool) -> Iterator[list[Row]]:
    """Batches of `batch_size` events (fewer at the end); an event whose topic no view wants
    comes without its originator id, so it is counted but never decoded."""
    while True:
        fetched = cursor.fetchmany(batch_size)
        if not fetched:
            return
        batch: list[Row] = []
        last_text: Any = None
        last_id: Any = None
        for notification_id, originator_id, version, topic, state in fetched:
            if not topic.startswith(topics):
                batch.append((notification_id, None, version, topic, state))
                continue
            if originator_id != last_text:  # the rows of one aggregate follow each other
                last_text = originator_id
                last_id = UUID(originator_id) if uuid_text else originator_id
            batch.append((notification_id, last_id, version, topic,
                          state if uuid_text else bytes(state)))
        yield batch

