"""The read models on each backend: catch-up, rebuild, crashes, two runners, new actions, erasure.

Every scenario starts from the same small demo history. A view store that no crash or race has
touched, rebuilt from the first event ("a clean rebuild"), is the reference every other way of
reaching the same history must equal row for row.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg
import pytest
from psycopg import sql as pgsql

from domain.personnel_service import PersonnelService
from domain.values import JpHours, TopicTag, TrainingType
from projections.stores.backend import Backend, open_service
from projections.stores.view_store import TrackingConflictError, ViewsBusyError
from projections.views import runner as runner_module
from projections.views.roster import RosterView
from projections.views.runner import Projections, RebuildError
from projections.views.scan import read_ahead
from tests.builders.personnel import ADMIN, HR
from tests.support.dates import TODAY
from tests.support.processes import Crash
from tests.support.together import catch_up_together
from tests.support.views import views_write_locked
from web.loaders.demo import load_demo

ERASED_MARK = "[dihapus]"

# Every view table with its key; rows are compared in this order.
TABLE_KEYS = {"governments": "id", "agencies": "id", "units": "id", "positions": "id",
              "roster": "employee_id", "timeline": "employee_id, version",
              "timeline_actors": "actor_user, actor_role, kind",
              "rounds": "id", "formations": "id", "applicants": "id", "selections": "id",
              "candidates": "id"}
# The events that add one row to each table (the timeline takes every employee event).
ROW_TOPICS = {
    "governments": ("domain.organisation:Government.Established",),
    "agencies": ("domain.organisation:Agency.Established",),
    "units": ("domain.organisation:Agency.UnitAdded",),
    "positions": ("domain.organisation:Position.Established",),
    "roster": ("domain.employee:Employee.Appointed", "domain.employee:Employee.RecordOpened"),
    "rounds": ("domain.recruitment:RecruitmentRound.Opened",),
    "formations": ("domain.recruitment:RecruitmentRound.FormationAllocated",),
    "applicants": ("domain.recruitment:RecruitmentRound.ApplicantRegistered",),
    "selections": ("domain.selection:OpenSelection.Authorised",),
    "candidates": ("domain.selection:OpenSelection.CandidateApplied",),
}
EMPLOYEE_TOPIC = "domain.employee:"

Rows = dict[str, list[dict[str, Any]]]
Notes = list[tuple[int, str]]  # (notification id, topic) of every stored event


# -- fixtures --------------------------------------------------------------------------------


@pytest.fixture
def backend(store_env: dict[str, str]) -> Backend:
    """A store holding a small demo history (its views not built yet)."""
    demo = Backend.from_env(store_env)
    load_demo(backend=demo, employees=40, years=3, seed=4, today=TODAY)
    return demo


@pytest.fixture
def open_runner(backend: Backend, service: PersonnelService
                ) -> Iterator[Callable[..., Projections]]:
    """Opens views on the store's view tables; `own_service=True` also opens a service, as a
    separate process would. Everything opened is closed before the store is torn down."""
    opened: list[PersonnelService | Projections] = []

    def open_(own_service: bool = False) -> Projections:
        runner_service = service
        if own_service:
            runner_service = open_service(backend)
            opened.append(runner_service)
        projections = Projections.open(runner_service, backend)
        opened.append(projections)
        return projections

    yield open_
    for item in reversed(opened):
        item.close()


@pytest.fixture
def projections(open_runner: Callable[..., Projections]) -> Projections:
    return open_runner()


@pytest.fixture
def clean_rebuild(backend: Backend, service: PersonnelService, tmp_path: Path
                  ) -> Iterator[Callable[[], Rows]]:
    """Rebuilds the views in a view store of their own (another SQLite file, another
    PostgreSQL schema) and returns their rows."""
    elsewhere = dataclasses.replace(backend, data_dir=tmp_path / "clean")
    schema = None
    if backend.kind == "postgres":
        schema = f"{backend.postgres['POSTGRES_SCHEMA']}_clean"
        elsewhere = dataclasses.replace(
            backend, postgres={**backend.postgres, "POSTGRES_SCHEMA": schema})
        _execute(backend, pgsql.SQL("CREATE SCHEMA {}").format(pgsql.Identifier(schema)))

    def rebuild() -> Rows:
        clean = Projections.open(service, elsewhere)
        try:
            clean.rebuild(batch_size=500)
            return read_rows(clean)
        finally:
            clean.close()

    yield rebuild
    if schema is not None:
        _execute(backend, pgsql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
            pgsql.Identifier(schema)))


def _execute(backend: Backend, statement: pgsql.Composed) -> None:
    with psycopg.connect(backend.postgres_conninfo(), autocommit=True) as conn:
        conn.execute(statement)


# -- helpers -----------------------------------------------------------------------------------


def read_rows(projections: Projections) -> Rows:
    """Every row of every view table, ordered by the table's key."""
    rows: Rows = {}
    with projections.store.read() as sql:
        for view in projections.views.values():
            for table in view.tables:
                found = sql.execute(f"SELECT * FROM {view.table(table)} "
                                    f"ORDER BY {TABLE_KEYS[table]}").fetchall()
                rows[table] = [dict(row) for row in found]
    assert set(rows) == set(TABLE_KEYS)  # a new table must be added to these tests
    return rows


def stored_notes(service: PersonnelService) -> Notes:
    head = service.recorder.max_notification_id() or 0
    return [(n.id, n.topic) for n in service.recorder.select_notifications(1, max(head, 1))]


def expected_counts(notes: Notes) -> dict[str, int]:
    """How many rows each table must hold once exactly `notes` have been applied."""
    counts = {table: sum(topic in topics for _, topic in notes)
              for table, topics in ROW_TOPICS.items()}
    counts["timeline"] = sum(topic.startswith(EMPLOYEE_TOPIC) for _, topic in notes)
    return counts


def row_counts(rows: Rows) -> dict[str, int]:
    """Rows per table (but the per-user counts: see `counted_per_actor`)."""
    return {table: len(found) for table, found in rows.items() if table != "timeline_actors"}


def counted_per_actor(rows: Rows) -> list[dict[str, Any]]:
    """What `timeline_actors` must hold: the timeline's rows counted per user, role and kind,
    with their first and last recording times, in key order."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for row in rows["timeline"]:
        groups.setdefault((row["actor_user"], row["actor_role"], row["kind"]), []).append(
            row["recorded_at"])
    return [{"actor_user": user, "actor_role": role, "kind": kind, "n": len(times),
             "first_at": min(times), "last_at": max(times)}
            for (user, role, kind), times in sorted(groups.items())]


def cells_containing(rows: Rows, text: str) -> list[tuple[str, str]]:
    return [(table, column) for table, found in rows.items() for row in found
            for column, value in row.items() if text in str(value)]


def roster_row(projections: Projections, employee_id: UUID) -> dict[str, Any]:
    (row,) = [r for r in read_rows(projections)["roster"] if r["employee_id"] == employee_id.hex]
    return row


# -- scenarios -------------------------------------------------------------------------------


class TestCatchUp:
    def test_catch_up_applies_every_stored_event_once_and_then_finds_nothing_new(
            self, service: PersonnelService, projections: Projections) -> None:
        notes = stored_notes(service)

        assert projections.catch_up() == len(notes)

        assert projections.lag() == {"organisation": 0, "roster": 0, "timeline": 0,
                                     "recruitment": 0}
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


class TestRebuild:
    def test_many_small_batches_give_the_same_rows_as_a_rebuild(
            self, service: PersonnelService, projections: Projections,
            clean_rebuild: Callable[[], Rows]) -> None:
        projections.catch_up(batch_size=7)
        in_small_batches = read_rows(projections)

        assert row_counts(in_small_batches) == expected_counts(stored_notes(service))
        assert in_small_batches["timeline_actors"] == counted_per_actor(in_small_batches)
        assert clean_rebuild() == in_small_batches
        projections.rebuild()
        assert read_rows(projections) == in_small_batches


class TestRebuildBesideTheOldViews:
    """A rebuild fills tables of its own while the old ones serve, then swaps them in."""

    def test_a_rebuild_in_two_processes_gives_the_rows_of_catch_up(
            self, service: PersonnelService, projections: Projections) -> None:
        projections.catch_up(batch_size=7)
        caught_up = read_rows(projections)

        read = projections.rebuild(batch_size=50, workers=2)

        notes = stored_notes(service)
        assert read == len(notes)
        assert projections.positions() == dict.fromkeys(projections.views, notes[-1][0])
        assert read_rows(projections) == caught_up

    @pytest.mark.parametrize("store_env", ["sqlite"], indirect=True)  # SQLite settings
    def test_the_rebuild_leaves_the_store_s_connections_set_as_before(
            self, projections: Projections) -> None:
        projections.catch_up()
        with projections.store.write() as sql:
            setting = sql.execute("PRAGMA secure_delete").fetchone()[0]

        # The old timeline is dropped without zeroing its pages; the rows were written with
        # checkpoints every 64 MB.
        projections.rebuild()

        with projections.store.write() as sql:
            assert sql.execute("PRAGMA secure_delete").fetchone()[0] == setting
            assert sql.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000

    def test_a_rebuild_has_the_sqlite_event_file_read_through_first(
            self, backend: Backend, service: PersonnelService) -> None:
        thread = read_ahead(service)

        if backend.kind == "postgres":
            assert thread is None  # the server keeps its own cache
            return
        assert thread is not None
        thread.join(timeout=30)
        assert not thread.is_alive()

    def test_the_old_views_serve_and_catch_up_meanwhile_and_later_events_follow_the_rebuild(
            self, service: PersonnelService, projections: Projections,
            clean_rebuild: Callable[[], Rows]) -> None:
        projections.catch_up()
        employee_id = UUID(read_rows(projections)["roster"][0]["employee_id"])
        head = stored_notes(service)[-1][0]
        during: list[Rows] = []

        def record_and_read_midway(read: int, total: int) -> None:
            if 0 < read < total and not during:
                service.complete_training(employee_id, training_type=TrainingType.TECHNICAL,
                                          title="Literasi Data", hours_jp=JpHours(12),
                                          topics=(TopicTag.DIGITAL,), effective_on=TODAY,
                                          actor=HR)
                assert projections.catch_up() == 1  # the old tables still follow the log
                during.append(read_rows(projections))

        projections.rebuild(batch_size=100, progress=record_and_read_midway)

        assert during, "the rebuild took more than one batch"
        assert len(during[0]["timeline"]) == expected_counts(stored_notes(service))["timeline"]
        # The rebuilt views hold the events up to where the rebuild began; catch-up goes on.
        assert projections.positions() == dict.fromkeys(projections.views, head)
        assert projections.catch_up() == 1
        assert read_rows(projections) == during[0] == clean_rebuild()

    @pytest.mark.parametrize("workers", [1, 2])
    def test_a_rebuild_that_dies_leaves_the_old_views_and_the_next_one_finishes(
            self, workers: int, service: PersonnelService, projections: Projections,
            clean_rebuild: Callable[[], Rows], monkeypatch: pytest.MonkeyPatch) -> None:
        projections.catch_up()
        before, positions = read_rows(projections), projections.positions()
        finish, batches = RosterView.finish, 0

        def finish_then_crash(view: RosterView, sql: Any) -> None:
            nonlocal batches
            batches += 1
            if batches == 3:
                raise Crash
            finish(view, sql)

        monkeypatch.setattr(RosterView, "finish", finish_then_crash)
        # In processes of its own, a slice's failure reaches the caller as a RebuildError.
        with pytest.raises(Crash if workers == 1 else RebuildError):
            projections.rebuild(batch_size=100, workers=workers)

        assert read_rows(projections) == before
        assert projections.positions() == positions
        monkeypatch.undo()
        projections.rebuild(batch_size=100)
        assert read_rows(projections) == before == clean_rebuild()

    def test_a_second_rebuild_started_meanwhile_stops_the_first(
            self, service: PersonnelService, projections: Projections,
            open_runner: Callable[..., Projections],
            clean_rebuild: Callable[[], Rows]) -> None:
        projections.catch_up()
        other = open_runner(own_service=True)

        def rebuild_elsewhere_after_the_first_batch(read: int, total: int) -> None:
            if read:  # another view set and another number of slices: it still stops this one
                other.rebuild(["roster"], batch_size=100, workers=2)

        with pytest.raises(TrackingConflictError):
            projections.rebuild(batch_size=100, progress=rebuild_elsewhere_after_the_first_batch)

        notes = stored_notes(service)
        assert projections.positions() == dict.fromkeys(projections.views, notes[-1][0])
        assert read_rows(projections) == clean_rebuild()


    def test_empty_views_of_a_large_store_are_built_by_a_rebuild_when_catching_up(
            self, service: PersonnelService, projections: Projections,
            open_runner: Callable[..., Projections],
            monkeypatch: pytest.MonkeyPatch) -> None:
        assert projections.catch_up(batch_size=50) == len(stored_notes(service))
        in_notification_order = read_rows(projections)
        with projections.store.write() as sql:  # as after a new view or a lost views file
            for view in projections.views.values():
                view.drop(sql)
                projections.store.forget(sql, view.name)
                view.create(sql)
        restarted = open_runner()  # the next process to start on the store
        rebuilds: list[list[str]] = []
        rebuild = restarted.rebuild

        def counted_rebuild(names: list[str], **kwargs: Any) -> int:
            rebuilds.append(list(names))
            return rebuild(names, **kwargs)

        monkeypatch.setattr(restarted, "rebuild", counted_rebuild)
        monkeypatch.setattr(runner_module, "FROM_EMPTY", 100)

        assert restarted.catch_up() == len(stored_notes(service))
        assert rebuilds == [list(restarted.views)]
        assert read_rows(restarted) == in_notification_order
        assert restarted.catch_up() == 0 and len(rebuilds) == 1


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
        events = Backend.from_env(store_env)
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
                    _execute(events, pgsql.SQL("CREATE SCHEMA {}").format(
                        pgsql.Identifier(schemas[-1])))
                errors = _open_together(service, fresh)
                if errors:
                    break
        finally:
            service.close()
            for schema in schemas:
                _execute(events, pgsql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
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
