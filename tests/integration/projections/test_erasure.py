"""An erasure is final on disk: after `erase_person` nothing readable of the person is left in
any file of the SQLite data directory, nor in the tables (and table files) of PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from datetime import date
from typing import Any
from uuid import UUID

import psycopg
import pytest

from domain.personnel_service import PersonnelService
from projections.erasure import erase_person
from projections.stores.backend import Backend
from projections.views import alerts
from projections.views.roster import ERASED_MARK
from projections.views.runner import Projections
from tests.builders.personnel import ADMIN
from tests.support.dates import TODAY
from tests.support.disk import (
    analyze,
    files_holding,
    rows_holding,
    statistics_holding,
    stored_files,
)
from tests.support.processes import Crash
from tests.support.views import read_rows, roster_row


def a_person(service: PersonnelService, projections: Projections
             ) -> tuple[UUID, UUID, dict[str, bytes]]:
    """An employee whose name and birth date no one else has, and what of them must go:
    name, NIP and birth date as the views write them, the key and the registry's token."""
    roster = read_rows(projections)["roster"]
    names = Counter(r["name"] for r in roster)
    births = Counter(r["birth_on"] for r in roster)
    row = next(r for r in roster if names[r["name"]] == 1 and r["birth_on"] is not None
               and births[r["birth_on"]] == 1)
    employee_id = UUID(row["employee_id"])
    subject_id = service.get_employee(employee_id).subject_id
    key = service.vault.keys.get(subject_id)
    assert key is not None
    needles = {"name": row["name"].encode(), "nip": row["nip"].encode(),
               "birth date": row["birth_on"].encode(), "key": key,
               "NIP token": service.vault.lookup_token("nip", row["nip"]).encode()}
    return employee_id, subject_id, needles


def erase(projections: Projections, subject_id: UUID) -> None:
    erase_person(projections, subject_id, effective_on=TODAY, actor=ADMIN)


class TestErasureIsFinalOnDisk:
    def test_no_stored_file_holds_the_persons_name_nip_birth_date_or_key(
            self, recorded_views: Projections, recorded_store: Backend) -> None:
        projections, service, backend = recorded_views, recorded_views.service, recorded_store
        employee_id, subject_id, needles = a_person(service, projections)
        assert set(files_holding(stored_files(backend), needles)) == set(needles)  # can fail

        erase(projections, subject_id)

        assert roster_row(projections, employee_id)["name"] == ERASED_MARK
        assert files_holding(stored_files(backend), needles) == {}

    def test_no_table_holds_them_either(
            self, recorded_views: Projections, recorded_store: Backend) -> None:
        projections, service, backend = recorded_views, recorded_views.service, recorded_store
        _, subject_id, needles = a_person(service, projections)
        analyze(backend)  # PostgreSQL's planner statistics hold sample values of columns
        if backend.kind == "postgres":
            assert set(rows_holding(backend, needles)) == set(needles)  # so that it can fail

        erase(projections, subject_id)

        assert rows_holding(backend, needles) == {}
        assert statistics_holding(backend, needles) == []
        assert service.vault.is_erased(subject_id)
        assert service.find_by_nip(needles["nip"].decode()) is None


class TestDerivedFromTheBirthDate:
    def test_the_persons_retirement_alert_goes_with_the_erasure(
            self, recorded_views: Projections) -> None:
        projections, service = recorded_views, recorded_views.service
        employee_id, subject_id, _ = a_person(service, projections)
        retirement = roster_row(projections, employee_id)["retirement_on"]
        assert retirement is not None
        # Warn far enough ahead for this person's retirement to be due now.
        months = (date.fromisoformat(retirement).year - TODAY.year + 1) * 12
        alerts.refresh(projections, TODAY, alerts.AlertSettings(retirement_months=months))
        assert ("retirement", employee_id.hex) in alert_keys(projections)

        erase(projections, subject_id)

        assert ("retirement", employee_id.hex) not in alert_keys(projections)
        assert roster_row(projections, employee_id)["retirement_on"] is None


def alert_keys(projections: Projections) -> set[tuple[str, str]]:
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT kind, employee_id FROM {alerts.table(projections)}"
                           ).fetchall()
    return {(row["kind"], row["employee_id"]) for row in rows}


class TestAnErasureThatStopped:
    def test_running_it_again_finishes_the_job_on_disk(
            self, recorded_views: Projections, recorded_store: Backend,
            monkeypatch: pytest.MonkeyPatch) -> None:
        """The process dies after the key's delete committed, before the disk was scrubbed
        (SQLite: the WAL emptied; PostgreSQL: the partition rewritten). Run again, the
        command finds no key left to delete and must still scrub it."""
        projections, service, backend = recorded_views, recorded_views.service, recorded_store
        _, subject_id, needles = a_person(service, projections)
        real_store: Any = service.vault.keys.real  # type: ignore[attr-defined]
        target = (type(real_store), "scrub")  # the key store's own scrub of its files
        scrub = getattr(*target)
        stopped: list[bool] = []

        def dies_once(*args: Any, **kwargs: Any) -> Any:
            if not stopped:
                stopped.append(True)
                raise Crash("the process died before the disk was scrubbed")
            return scrub(*args, **kwargs)

        monkeypatch.setattr(*target, dies_once)
        with pytest.raises(Crash):
            erase(projections, subject_id)
        assert service.vault.is_erased(subject_id)
        assert "key" in files_holding(stored_files(backend), needles)  # so that it can fail

        erase(projections, subject_id)

        assert files_holding(stored_files(backend), needles) == {}


class TestAReaderThatBeganBefore:
    def test_the_erasure_waits_for_it_so_no_deleted_row_stays_on_disk(
            self, recorded_views: Projections, recorded_store: Backend) -> None:
        """PostgreSQL's `VACUUM FULL` copies a deleted row that an older snapshot could still
        see (an autovacuum ANALYZE, a long report); SQLite cannot empty a WAL that a reader
        still uses. Either way the erasure waits for such a reader to end."""
        projections, service, backend = recorded_views, recorded_views.service, recorded_store
        _, subject_id, needles = a_person(service, projections)
        reader: Any
        if backend.kind == "postgres":
            reader = psycopg.connect(backend.postgres_conninfo(), autocommit=True)
            reader.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
            reader.execute("SELECT count(*) FROM pg_class").fetchone()  # its snapshot, now
        else:
            reader = sqlite3.connect(backend.data_dir / "keys.sqlite", isolation_level=None,
                                     check_same_thread=False)
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM subject_keys").fetchone()  # reads the WAL
        ended = threading.Timer(1.5, reader.close)  # ends its transaction while we wait
        ended.start()
        try:
            erase(projections, subject_id)
        finally:
            ended.join()

        assert files_holding(stored_files(backend), needles) == {}
