"""Rebuilding the read models on each backend: beside the old views, in several processes,
after a crash, and when another rebuild starts meanwhile.

Every scenario starts from the same recorded workforce's history (tests/builders/workforce.py);
a clean rebuild in a view store of its own is the reference the rows must equal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

import pytest

from domain.personnel_service import PersonnelService
from domain.values import JpHours, TopicTag, TrainingType
from projections.stores.backend import Backend
from projections.stores.view_store import TrackingConflictError
from projections.views import runner as runner_module
from projections.views.roster import RosterView
from projections.views.runner import Projections, RebuildError
from projections.views.scan import read_ahead
from tests.builders.personnel import HR
from tests.support.dates import TODAY
from tests.support.processes import Crash
from tests.support.views import (
    Rows,
    counted_per_actor,
    expected_counts,
    read_rows,
    row_counts,
    stored_notes,
)


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
