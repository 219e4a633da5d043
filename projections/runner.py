"""Catch-up and rebuild: apply new events to the views in batches, exactly once.

SQLite cannot push notifications, so runners pull: read the views' positions, select the next
notifications, decode them once, and apply them to every view that is at that position in one
transaction per batch (see projections/store.py for the compare-and-set that makes two runners
safe). A crash anywhere leaves each view at its last committed batch.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from domain.service import PersonnelService
from projections.backend import Backend
from projections.organisation import OrganisationView
from projections.recruitment import RecruitmentView
from projections.roster import RosterView
from projections.store import (
    TrackingConflictError,
    ViewStore,
    creating_tables,
    open_view_store,
)
from projections.timeline import TimelineView
from projections.views import View

VIEW_CLASSES: tuple[type[View], ...] = (OrganisationView, RosterView, TimelineView,
                                          RecruitmentView)
Progress = Callable[[int, int], None]


class Projections:
    """The view store with its views, ready to catch up."""

    def __init__(self, service: PersonnelService, store: ViewStore) -> None:
        self.service, self.store = service, store
        self.views: dict[str, View] = {cls.name: cls(store, service) for cls in VIEW_CLASSES}
        # The views stage rows in memory during a batch: one batch at a time per object
        # (threads of one web process share it); other processes are kept apart by tracking.
        self._lock = threading.Lock()
        creating_tables(self._create_tables)

    def _create_tables(self) -> None:
        with self.store.write() as sql:
            for view in self.views.values():
                view.create(sql)

    @classmethod
    def open(cls, service: PersonnelService, backend: Backend) -> Projections:
        return cls(service, open_view_store(backend))

    def close(self) -> None:
        self.store.datastore.close()

    def positions(self) -> dict[str, int]:
        return self.store.positions(list(self.views))

    def lag(self) -> dict[str, int]:
        """How many notification ids each view is behind the event store."""
        head = self.service.recorder.max_notification_id() or 0
        return {name: max(0, head - position) for name, position in self.positions().items()}

    def catch_up(self, names: Sequence[str] | None = None, batch_size: int = 500,
                 progress: Progress | None = None,
                 before_commit: Callable[[int], None] | None = None) -> int:
        """Apply every new event to the views; returns how many events were applied.

        `before_commit(last_id)` runs inside each batch's transaction just before it commits
        (tests use it to crash there).
        """
        with self._lock:
            return self._catch_up(names, batch_size, progress, before_commit)

    def _catch_up(self, names: Sequence[str] | None, batch_size: int,
                  progress: Progress | None,
                  before_commit: Callable[[int], None] | None) -> int:
        views = [self.views[n] for n in (names or list(self.views))]
        head = (self.service.recorder.max_notification_id() or 0) if progress else 0
        applied = 0
        while True:
            positions = self.store.positions([v.name for v in views])
            start = min(positions.values())
            if progress:
                progress(start, head)
            notifications = self.service.recorder.select_notifications(
                start + 1, batch_size, inclusive_of_start=True)
            if not notifications:
                return applied
            last = notifications[-1].id
            events = [(n.id, self.service.mapper.to_domain_event(n)) for n in notifications]
            behind = [v for v in views if positions[v.name] == start]
            try:
                self._apply(behind, positions, events, last, before_commit)
            except TrackingConflictError:
                continue  # another runner got there first: start again from where it is
            applied += len(events)
            head = max(head, last)
            if len(notifications) < batch_size and len(behind) == len(views):
                return applied  # that was the end of the log when it was read

    def _apply(self, views: list[View], positions: dict[str, int],
               events: list[tuple[int, Any]], last: int,
               before_commit: Callable[[int], None] | None) -> None:
        try:
            with self.store.write() as sql:
                # All the views run here were read at the same position (see _catch_up).
                self.store.advance_together(sql, [v.name for v in views],
                                            positions[views[0].name], last)
                for notification_id, event in events:
                    for view in views:
                        view.apply(sql, event, notification_id)
                for view in views:
                    view.finish(sql)
                if before_commit is not None:
                    before_commit(last)
        except BaseException:
            for view in views:
                view.discard()
            raise

    def rebuild(self, names: Sequence[str] | None = None, batch_size: int = 500,
                progress: Progress | None = None) -> int:
        """Drop the views' tables and apply the whole history again from the first event."""
        views = [self.views[n] for n in (names or list(self.views))]
        with self._lock, self.store.write() as sql:
            for view in views:
                view.drop(sql)
                view.discard()
                self.store.forget(sql, view.name)
                view.create(sql)
        return self.catch_up([v.name for v in views], batch_size=batch_size, progress=progress)
