"""The read models on each backend: catch-up, crashes, locks, two runners, new actions, erasure.

Every scenario starts from the same recorded workforce's history (tests/builders/workforce.py).
A view store that no crash or race has touched, rebuilt from the first event ("a clean
rebuild"), is the reference every other way of reaching the same history must equal row for
row. Rebuilding itself is tested in test_rebuild.py.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from psycopg import sql as pgsql

from domain.personnel_service import PersonnelService
from domain.values import JpHours, TopicTag, TrainingType
from projections.stores.backend import Backend, open_service
from projections.stores.view_store import NUL_SHOWN_AS, TrackingConflictError, ViewsBusyError
from projections.views.runner import Projections
from tests.builders.personnel import ADMIN, HR
from tests.builders.poisoned import (
    POISON,
    POISONED_DECREE,
    POISONED_NAME,
    record_poisoned_events,
)
from tests.support.dates import TODAY
from tests.support.processes import Crash
from tests.support.stores import backend_of
from tests.support.together import catch_up_together
from tests.support.views import (
    Rows,
    cells_containing,
    counted_per_actor,
    execute,
    expected_counts,
    read_rows,
    roster_row,
    row_counts,
    stored_notes,
    unable_to_apply,
    views_write_locked,
)

ERASED_MARK = "[dihapus]"


class TestCatchUp:
    def test_catch_up_applies_every_stored_event_once_and_then_finds_nothing_new(
            self, service: PersonnelService, projections: Projections) -> None:
        notes = stored_notes(service)

        assert projections.catch_up() == len(notes)

        assert projections.lag() == {"organisation": 0, "roster": 0, "timeline": 0,
                                     "recruitment": 0, "correction_requests": 0,
                                     "voice": 0, "performance": 0,
                                     "promotion_periods": 0, "survey": 0,
                                     "consultation": 0, "leave": 0, "staff_survey": 0,
                                     "tpp": 0, "voice_figures": 0, "indicators": 0}
        assert projections.positions() == dict.fromkeys(projections.views, notes[-1][0])
        rows = read_rows(projections)
        counts = row_counts(rows)
        assert counts == expected_counts(notes)
        assert counts["roster"] > 0 and counts["timeline"] > counts["roster"]
        assert rows["timeline_actors"] == counted_per_actor(rows)
        assert len(rows["timeline_actors"]) > 3
        assert projections.catch_up() == 0


class TestViewsStoredBeforeTheActorCounts:
    def test_opening_them_counts_the_timeline_once_and_drops_the_old_index(
            self, projections: Projections, open_runner: Callable[..., Projections]) -> None:
        projections.catch_up()
        current = read_rows(projections)
        view = projections.views["timeline"]
        schema = (f'"{projections.store.datastore.schema}".' if projections.store.is_postgres
                  else "")
        with projections.store.write() as sql:  # as an older release left them
            sql.execute(f"DROP INDEX {schema}view_timeline_by_actor")
            sql.execute(f"DROP TABLE {view.table('timeline_actors')}")
            sql.execute(f"CREATE INDEX view_timeline_actor ON {view.table('timeline')} "
                        "(actor_user, actor_role, kind, recorded_at)")

        reopened = open_runner()
        assert read_rows(reopened) == current
        assert _indexes(reopened, "view_timeline%actor") == ["view_timeline_by_actor"]
        open_runner()  # a second opening finds the counts there and adds nothing
        assert read_rows(reopened) == current


def _indexes(projections: Projections, pattern: str) -> list[str]:
    with projections.store.read() as sql:
        if projections.store.is_postgres:
            rows = sql.execute("SELECT indexname AS name FROM pg_indexes WHERE schemaname = ? "
                               "AND indexname LIKE ?",
                               (projections.store.datastore.schema, pattern)).fetchall()
        else:
            rows = sql.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                               "AND name LIKE ?", (pattern,)).fetchall()
    return sorted(row["name"] for row in rows)


class TestCrashes:
    BATCH = 250
    COMMITTED = 6  # batches that commit before the crash; they reach into the employee events

    def test_a_crash_between_batches_keeps_the_committed_ones_and_a_new_runner_finishes(
            self, service: PersonnelService, projections: Projections,
            open_runner: Callable[..., Projections],
            clean_rebuild: Callable[[], Rows]) -> None:
        commits = 0

        def crash_after_committed_batches(last_id: int) -> None:
            nonlocal commits
            commits += 1
            if commits > self.COMMITTED:
                raise Crash

        with pytest.raises(Crash):
            projections.catch_up(batch_size=self.BATCH,
                                 before_commit=crash_after_committed_batches)

        notes = stored_notes(service)
        committed = notes[:self.BATCH * self.COMMITTED]
        assert projections.positions() == dict.fromkeys(projections.views, committed[-1][0])
        rows = read_rows(projections)
        counts = row_counts(rows)
        assert counts == expected_counts(committed)
        assert 0 < counts["timeline"] < expected_counts(notes)["timeline"]
        assert rows["timeline_actors"] == counted_per_actor(rows)

        resumed = open_runner()
        assert resumed.catch_up(batch_size=self.BATCH) == len(notes) - len(committed)
        assert resumed.positions() == dict.fromkeys(resumed.views, notes[-1][0])
        assert read_rows(resumed) == clean_rebuild()

    @pytest.mark.parametrize("crashing_view", ["organisation", "roster", "timeline",
                                              "recruitment"])
    def test_a_crash_inside_a_batch_writes_nothing_of_it_and_the_runner_resumes(
            self, crashing_view: str, service: PersonnelService, projections: Projections,
            clean_rebuild: Callable[[], Rows], monkeypatch: pytest.MonkeyPatch) -> None:
        notes = stored_notes(service)
        committed = notes[:self.BATCH * self.COMMITTED]
        batch_start = committed[-1][0]
        crash_at = len(committed) + 100  # the 100th event of the next batch
        view = projections.views[crashing_view]
        apply, seen = view.apply, 0

        def apply_then_crash(sql: Any, event: Any, notification_id: int) -> None:
            nonlocal seen
            seen += 1
            if seen == crash_at:
                raise Crash
            apply(sql, event, notification_id)

        before_batch: Rows = {}

        def remember_rows_before_each_batch(start: int, head: int) -> None:
            if start == batch_start:
                before_batch.update(read_rows(projections))

        monkeypatch.setattr(view, "apply", apply_then_crash)
        with pytest.raises(Crash):
            projections.catch_up(batch_size=self.BATCH, progress=remember_rows_before_each_batch)

        assert projections.positions() == dict.fromkeys(projections.views, batch_start)
        after_crash = read_rows(projections)
        assert after_crash == before_batch
        assert row_counts(after_crash) == expected_counts(committed)

        monkeypatch.undo()  # the same runner carries on, as a daemon that logs and retries
        assert projections.catch_up(batch_size=self.BATCH) == len(notes) - len(committed)
        assert projections.positions() == dict.fromkeys(projections.views, notes[-1][0])
        assert read_rows(projections) == clean_rebuild()


class TestWhileTheViewsAreLocked:
    def test_a_catch_up_that_cannot_take_the_lock_in_time_writes_nothing_and_says_so(
            self, backend: Backend, service: PersonnelService,
            projections: Projections) -> None:
        with views_write_locked(backend, projections):
            started = time.monotonic()
            with pytest.raises(ViewsBusyError):
                projections.catch_up(wait=0.3)
            waited = time.monotonic() - started
            assert projections.positions() == dict.fromkeys(projections.views, 0)
        assert 0.25 < waited < 10  # it gave up after about the wait, not the default 30 s
        assert projections.catch_up(wait=0.3) == len(stored_notes(service))


class TestTwoRunners:
    def test_two_runners_catching_up_at_once_apply_every_event_exactly_once(
            self, service: PersonnelService, open_runner: Callable[..., Projections],
            clean_rebuild: Callable[[], Rows]) -> None:
        runners = [open_runner(own_service=True), open_runner(own_service=True)]
        applied = catch_up_together(runners, lambda r: r.catch_up(batch_size=20))

        notes = stored_notes(service)
        assert sum(applied) == len(notes)  # no batch committed twice
        for runner in runners:
            assert runner.positions() == dict.fromkeys(runner.views, notes[-1][0])
        assert read_rows(runners[0]) == clean_rebuild()


class TestStartingTogether:
    ATTEMPTS = 20  # the race is lost most of the time, not every time: try fresh stores

    def test_two_runners_started_at_once_on_a_fresh_store_both_open(
            self, store_env: dict[str, str], tmp_path: Path) -> None:
        events = backend_of(store_env)
        service = open_service(events)
        schemas: list[str] = []
        errors: list[BaseException] = []
        try:
            for attempt in range(self.ATTEMPTS):
                fresh = dataclasses.replace(events, data_dir=tmp_path / f"fresh{attempt}")
                if events.kind == "postgres":
                    schemas.append(f"{events.postgres['POSTGRES_SCHEMA']}_fresh{attempt}")
                    fresh = dataclasses.replace(
                        events, postgres={**events.postgres, "POSTGRES_SCHEMA": schemas[-1]})
                    execute(events, pgsql.SQL("CREATE SCHEMA {}").format(
                        pgsql.Identifier(schemas[-1])))
                errors = _open_together(service, fresh)
                if errors:
                    break
        finally:
            service.close()
            for schema in schemas:
                execute(events, pgsql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
                    pgsql.Identifier(schema)))
        assert errors == []


def _open_together(service: PersonnelService, backend: Backend) -> list[BaseException]:
    """Open the views of `backend` from two threads at once; the errors either one raised."""
    start_together = threading.Barrier(2)
    opened: list[Projections] = []
    errors: list[BaseException] = []

    def open_() -> None:
        try:
            start_together.wait(timeout=30)
            opened.append(Projections.open(service, backend))
        except BaseException as error:  # handed to the test thread
            errors.append(error)

    threads = [threading.Thread(target=open_) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for projections in opened:
        projections.close()
    return errors


class TestNewActions:
    def test_a_new_training_its_correction_and_an_annulment_show_after_the_next_catch_up(
            self, service: PersonnelService, projections: Projections,
            clean_rebuild: Callable[[], Rows]) -> None:
        projections.catch_up()
        active = [r for r in read_rows(projections)["roster"]
                  if r["status"] in ("PNS", "PPPK") and r["separated_on"] is None]
        employee_id = UUID(active[0]["employee_id"])
        this_year = active[0]["training_jp"] if active[0]["training_year"] == TODAY.year else 0.0

        versions = []
        for title, hours in (("Literasi Data", 12), ("Pelayanan Publik", 8)):
            service.complete_training(employee_id, training_type=TrainingType.TECHNICAL,
                                      title=title, hours_jp=JpHours(hours),
                                      topics=(TopicTag.DIGITAL,), effective_on=TODAY, actor=HR)
            versions.append(service.get_employee(employee_id).version)
        assert projections.catch_up() == 2
        row = roster_row(projections, employee_id)
        assert (row["training_year"], row["version"]) == (TODAY.year, versions[1])
        assert row["training_jp"] == pytest.approx(this_year + 20)

        first, second = versions
        service.correct(employee_id, target_version=first, changes={"hours_jp": JpHours(30)},
                        effective_on=TODAY, actor=HR, reason="JP salah diketik")
        service.annul(employee_id, target_version=second, effective_on=TODAY, actor=HR,
                      reason="Pelatihan tidak jadi diikuti")
        assert projections.catch_up() == 2
        row = roster_row(projections, employee_id)
        assert row["version"] == second + 2
        assert row["training_jp"] == pytest.approx(this_year + 30)
        timeline = {r["version"]: (r["kind"], r["status"], r["changed_by_version"])
                    for r in read_rows(projections)["timeline"]
                    if r["employee_id"] == employee_id.hex and r["version"] >= first}
        assert timeline == {
            first: ("TrainingCompleted", "corrected", second + 1),
            second: ("TrainingCompleted", "annulled", second + 2),
            second + 1: ("ActionCorrected", "in_force", None),
            second + 2: ("ActionAnnulled", "in_force", None),
        }

        incremental = read_rows(projections)
        projections.rebuild()
        assert read_rows(projections) == incremental
        assert clean_rebuild() == incremental


class TestErasure:
    def test_an_erased_employee_shows_only_the_erasure_marker_in_every_view(
            self, service: PersonnelService, projections: Projections,
            clean_rebuild: Callable[[], Rows]) -> None:
        projections.catch_up()
        before = read_rows(projections)
        names = Counter(r["name"] for r in before["roster"])
        chosen = next(r for r in before["roster"]
                      if names[r["name"]] == 1 and r["birth_on"] is not None)
        employee_id = UUID(chosen["employee_id"])
        personal = service.personal_data(employee_id)
        name, nip = personal["name"], personal["nip"]
        assert isinstance(name, str) and isinstance(nip, str)
        assert cells_containing(before, name) == [("roster", "name")]  # so the check can fail

        service.erase_personal_data(
            service.get_employee(employee_id).subject_id, effective_on=TODAY, actor=ADMIN)
        assert projections.catch_up() == 1

        row = roster_row(projections, employee_id)
        assert (row["name"], row["nip"], row["birth_on"], row["retirement_on"]) == (
            ERASED_MARK, ERASED_MARK, None, None)
        after = read_rows(projections)
        assert cells_containing(after, name) == []
        assert cells_containing(after, nip) == []
        others = [r for r in after["roster"] if r["employee_id"] != employee_id.hex]
        assert all(r["name"] != ERASED_MARK for r in others)

        projections.rebuild()
        assert read_rows(projections) == after
        assert clean_rebuild() == after


class TestOneEventAtATime:
    def test_the_librarys_single_event_path_applies_and_tracks_each_event_once(
            self, service: PersonnelService, projections: Projections,
            clean_rebuild: Callable[[], Rows]) -> None:
        """`process_event` is what the library's ProjectionRunner calls when it follows a
        PostgreSQL store live; applying the log through it gives the same views."""
        from eventsourcing.persistence import Tracking

        for note in service.recorder.select_notifications(1, 100_000):
            event = service.mapper.to_domain_event(note)
            for view in projections.views.values():
                view.process_event(event, Tracking(service.name, note.id))
        notes = stored_notes(service)
        assert projections.positions() == dict.fromkeys(projections.views, notes[-1][0])
        assert read_rows(projections) == clean_rebuild()
        first = service.recorder.select_notifications(1, 1)[0]
        with pytest.raises(TrackingConflictError):  # a replayed event is refused, not re-applied
            projections.views["timeline"].process_event(
                service.mapper.to_domain_event(first), Tracking(service.name, first.id))
        assert projections.positions() == dict.fromkeys(projections.views, notes[-1][0])


class TestPoisonedEvents:
    """Events a store written before the domain's text checks may hold (a NUL in a name, a
    title and a decree number: tests/builders/poisoned.py)."""

    def test_every_view_applies_them_and_reads_them_back_on_both_backends(
            self, service: PersonnelService, projections: Projections) -> None:
        projections.catch_up()
        employee_id = UUID(next(r["employee_id"] for r in read_rows(projections)["roster"]
                                if r["status"] in ("PNS", "PPPK")))
        head = record_poisoned_events(service, employee_id, TODAY)

        assert projections.catch_up() == 2
        assert projections.positions() == dict.fromkeys(projections.views, head)
        assert projections.stopped() == {}
        # PostgreSQL's text cannot hold a NUL: its views show U+FFFD instead.
        shown = NUL_SHOWN_AS if projections.store.is_postgres else POISON
        assert roster_row(projections, employee_id)["name"] == POISONED_NAME.replace(POISON,
                                                                                     shown)
        decrees = {r["legal_number"] for r in read_rows(projections)["timeline"]
                   if r["employee_id"] == employee_id.hex}
        assert POISONED_DECREE.replace(POISON, shown) in decrees

        incremental = read_rows(projections)
        projections.rebuild()
        assert read_rows(projections) == incremental

    def test_a_view_that_cannot_apply_one_stops_before_it_and_the_others_go_on(
            self, service: PersonnelService, projections: Projections,
            monkeypatch: pytest.MonkeyPatch) -> None:
        projections.catch_up()
        before = projections.positions()["timeline"]
        employee_id = UUID(next(r["employee_id"] for r in read_rows(projections)["roster"]
                                if r["status"] in ("PNS", "PPPK")))
        poisoned = record_poisoned_events(service, employee_id, TODAY)
        service.complete_training(employee_id, training_type=TrainingType.TECHNICAL,
                                  title="Pelayanan Publik", hours_jp=JpHours(4),
                                  topics=(TopicTag.DIGITAL,), effective_on=TODAY, actor=HR)
        head = poisoned + 1
        unable_to_apply(monkeypatch, projections.views["timeline"], poisoned)
        projections.catch_up()

        assert projections.positions() == {"organisation": head, "roster": head,
                                           "timeline": poisoned - 1, "recruitment": head,
                                           "correction_requests": head,
                                           "voice": head, "performance": head,
                                           "promotion_periods": head, "survey": head,
                                           "consultation": head, "leave": head,
                                           "staff_survey": head, "tpp": head,
                                           "voice_figures": head,
                                           "indicators": head}
        assert before < poisoned - 1  # the event before the poisoned one was applied
        stopped = projections.stopped()
        assert set(stopped) == {"timeline"}
        assert (stopped["timeline"]["position"], stopped["timeline"]["error"]) == (
            poisoned, "ValueError")
        assert projections.catch_up() == 0  # stays stopped: no retry on every page
        assert roster_row(projections, employee_id)["version"] == service.get_employee(
            employee_id).version

        monkeypatch.undo()  # the cause fixed, a rebuild puts the view back
        projections.rebuild(["timeline"])
        assert projections.stopped() == {}
        assert projections.positions()["timeline"] == head
