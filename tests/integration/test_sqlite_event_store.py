"""The recording path: the SQLite event store's datastore, and the service's save and cache."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import IntegrityError, StoredEvent

from domain.errors import ConcurrencyConflictError
from domain.service import PersonnelService
from domain.values import JpHours, TrainingType
from projections.backend import Backend, count_events, open_service
from tests.integration.test_event_store import HR, appoint_siti, build_office


@pytest.fixture
def sqlite_service(tmp_path: Path) -> Iterator[PersonnelService]:
    opened = open_service(Backend(kind="sqlite", data_dir=tmp_path / "data"))
    yield opened
    opened.close()


@pytest.fixture
def backend(store_env: dict[str, str]) -> Backend:
    return Backend.from_env(store_env)


@pytest.fixture
def service(backend: Backend) -> Iterator[PersonnelService]:
    opened = open_service(backend)
    yield opened
    opened.close()


def train(service: PersonnelService, employee: UUID, day: int,
          expected_version: int | None = None) -> None:
    service.complete_training(employee, training_type=TrainingType.E_LEARNING,
                              title=f"Modul {day}", hours_jp=JpHours(2), topics=(),
                              effective_on=date(2016, 1, 1).replace(day=day), actor=HR,
                              expected_version=expected_version)


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


class TestSavingAndTheCache:
    def test_the_cache_holds_the_saved_record_and_still_sees_another_process(
            self, backend: Backend, service: PersonnelService) -> None:
        siti = appoint_siti(service, build_office(service))
        train(service, siti, 1)
        cached: Any = service.repository.cache.get(siti)  # type: ignore[union-attr]
        assert cached.version == 2
        other = open_service(backend)
        try:
            train(other, siti, 2)
        finally:
            other.close()
        assert service.get_employee(siti).state.training_jp == {2016: 4.0}
        train(service, siti, 3, expected_version=3)
        assert service.get_employee(siti).version == 4

    def test_threads_racing_on_one_version_record_it_once(
            self, service: PersonnelService) -> None:
        office = build_office(service)
        siti = appoint_siti(service, office)
        version = service.get_employee(siti).version
        outcomes: list[str] = []
        start = threading.Barrier(4)

        def officer(day: int) -> None:
            start.wait()
            try:
                train(service, siti, day, expected_version=version)
            except ConcurrencyConflictError:
                outcomes.append("conflict")
            else:
                outcomes.append("recorded")

        threads = [threading.Thread(target=officer, args=(day,)) for day in range(1, 5)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["conflict"] * 3 + ["recorded"]
        record = service.get_employee(siti)
        assert record.version == version + 1
        assert sum(record.state.training_jp.values()) == 2.0

    def test_a_save_crossing_the_snapshot_interval_snapshots_what_a_replay_gives(
            self, backend: Backend, service: PersonnelService) -> None:
        office = build_office(service)
        siti = appoint_siti(service, office)
        with service.batch():  # versions 2..60 in one save: one snapshot, at 60
            for day in range(1, 60):
                train(service, siti, 1 + day % 28)
        assert service.snapshots is not None
        assert [s.originator_version for s in service.snapshots.get(siti)] == [60]
        cold = open_service(backend)
        try:
            replayed: Any = None
            events: list[Any] = list(cold.events.get(siti))
            for event in events:
                replayed = event.mutate(replayed)
            loaded = cold.get_employee(siti)
            assert (loaded.version, loaded.state) == (60, replayed.state)
            assert loaded.actions.keys() == replayed.actions.keys()
        finally:
            cold.close()
