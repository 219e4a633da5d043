"""The SQLite event store's datastore (projections/stores/sqlite_events.py) on a real file."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from eventsourcing.persistence import IntegrityError, StoredEvent

from domain.personnel_service import PersonnelService
from projections.stores.backend import Backend, count_events, open_service


@pytest.fixture
def sqlite_service(tmp_path: Path) -> Iterator[PersonnelService]:
    opened = open_service(Backend(kind="sqlite", data_dir=tmp_path / "data"))
    yield opened
    opened.close()


def pragma(service: PersonnelService, name: str) -> Any:
    with service.recorder.datastore.transaction(commit=False) as cursor:  # type: ignore[attr-defined]
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


class TestTheSQLiteEventStore:
    def test_every_commit_syncs_the_write_ahead_log_in_every_thread(
            self, sqlite_service: PersonnelService) -> None:
        found: list[tuple[Any, Any]] = []
        worker = threading.Thread(target=lambda: found.append(
            (pragma(sqlite_service, "synchronous"), pragma(sqlite_service, "journal_mode"))))
        worker.start()
        worker.join()
        assert (pragma(sqlite_service, "synchronous"), pragma(sqlite_service, "journal_mode")
                ) == (2, "wal")  # 2 = FULL: the log is synced at every commit
        assert found == [(2, "wal")]

    def test_a_batch_with_a_taken_version_stores_nothing_and_says_integrity(
            self, sqlite_service: PersonnelService) -> None:
        recorder = sqlite_service.recorder
        one, other = uuid4(), uuid4()
        recorder.insert_events([StoredEvent(one, 1, "t", b"{}")])
        with pytest.raises(IntegrityError):
            recorder.insert_events([StoredEvent(other, 1, "t", b"{}"),
                                    StoredEvent(one, 1, "t", b"{}")])
        assert count_events(sqlite_service) == 1
        assert recorder.select_events(other) == []

    def test_a_read_inside_an_open_transaction_still_works(
            self, sqlite_service: PersonnelService) -> None:
        recorder = sqlite_service.recorder
        one = uuid4()
        recorder.insert_events([StoredEvent(one, 1, "t", b"{}")])
        with recorder.datastore.transaction(commit=False):  # type: ignore[attr-defined]
            assert [e.originator_version for e in recorder.select_events(one)] == [1]


class TestBulkLoading:
    def test_a_bulk_load_is_all_or_nothing_and_leaves_the_log_mode_as_it_was(
            self, sqlite_service: PersonnelService) -> None:
        datastore: Any = sqlite_service.recorder.datastore  # type: ignore[attr-defined]
        insert = sqlite_service.recorder.insert_events_statement  # type: ignore[attr-defined]
        with pytest.raises(RuntimeError), datastore.bulk_transaction() as cursor:
            cursor.executemany(insert, [(uuid4().hex, 1, "t", b"{}") for _ in range(50)])
            raise RuntimeError("the file ends in the middle")
        assert count_events(sqlite_service) == 0
        with datastore.bulk_transaction() as cursor:
            cursor.executemany(insert, [(uuid4().hex, 1, "t", b"{}") for _ in range(50)])
        assert count_events(sqlite_service) == 50
        assert (pragma(sqlite_service, "journal_mode"), pragma(sqlite_service, "synchronous")
                ) == ("wal", 2)

    def test_a_bulk_load_beside_another_open_connection_still_loads(
            self, sqlite_service: PersonnelService) -> None:
        datastore: Any = sqlite_service.recorder.datastore  # type: ignore[attr-defined]
        insert = sqlite_service.recorder.insert_events_statement  # type: ignore[attr-defined]
        reader = threading.Thread(target=lambda: count_events(sqlite_service))
        reader.start()
        reader.join()  # that thread's connection stays open
        with datastore.bulk_transaction() as cursor:
            cursor.executemany(insert, [(uuid4().hex, 1, "t", b"{}") for _ in range(5)])
        assert count_events(sqlite_service) == 5
        assert pragma(sqlite_service, "journal_mode") == "wal"


class TestThreadConnections:
    def test_a_finished_thread_leaves_no_connection_open(
            self, sqlite_service: PersonnelService) -> None:
        datastore: Any = sqlite_service.recorder.datastore  # type: ignore[attr-defined]
        count_events(sqlite_service)  # this thread's connection
        for _ in range(20):  # as the development server does: a new thread per request
            worker = threading.Thread(target=lambda: count_events(sqlite_service))
            worker.start()
            worker.join()
        gc.collect()
        assert len(datastore._opened) == 1
