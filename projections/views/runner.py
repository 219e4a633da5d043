"""Catch-up and rebuild: apply new events to the views in batches, exactly once.

SQLite cannot push notifications, so runners pull: read the views' positions, select the next
notifications, decode them once, and apply them to every view that is at that position in one
transaction per batch (see projections/stores/view_store.py for the compare-and-set that makes
two runners safe). A crash anywhere leaves each view at its last committed batch.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from queue import Empty
from typing import Any, cast

from eventsourcing.persistence import InterfaceError, OperationalError

from domain.codec import EventMapper
from domain.personnel_service import PersonnelService
from projections.stores.backend import Backend, open_service
from projections.stores.view_store import (
    SQLiteViewStore,
    TrackingConflictError,
    ViewsBusyError,
    ViewStore,
    creating_tables,
    open_view_store,
)
from projections.views.base import View
from projections.views.consultation import ConsultationView
from projections.views.correction_requests import CorrectionRequestsView
from projections.views.indicators import IndicatorsView
from projections.views.leave import LeaveView
from projections.views.organisation import OrganisationView
from projections.views.performance import PerformanceView
from projections.views.promotion_periods import PromotionPeriodsView
from projections.views.recruitment import RecruitmentView
from projections.views.roster import RosterView
from projections.views.scan import read_ahead, scan_by_aggregate, stored_head
from projections.views.staff_survey import StaffSurveyView
from projections.views.survey import SurveyView
from projections.views.timeline import TimelineView
from projections.views.tpp import TppView
from projections.views.voice import VoiceView
from projections.views.voice_figures import VoiceFiguresView

VIEW_CLASSES: tuple[type[View], ...] = (OrganisationView, RosterView, TimelineView,
                                          RecruitmentView, CorrectionRequestsView,
                                          VoiceView, PerformanceView,
                                          PromotionPeriodsView, SurveyView,
                                          ConsultationView, LeaveView, StaffSurveyView,
                                          TppView, VoiceFiguresView, IndicatorsView)
Progress = Callable[[int, int], None]
REBUILD_SUFFIX = "__rebuild"
FROM_EMPTY = 20_000  # events above which empty views are built by a rebuild (see catch_up)
# Slices of the aggregates handed out to a rebuild's processes as they ask: with eight each,
# the last ones finish within seconds of each other (with four, 8 s apart at 12.6M events).
SLICES_PER_PROCESS = 8
# Events per transaction of a rebuild: each costs a few milliseconds however small (taking the
# lock, moving the slice's tracking row, writing and syncing the WAL); 10,000 decoded events
# and their staged rows take about 30 MB.
REBUILD_BATCH = 10_000
# Errors that say nothing about the event being applied (the database went away, a lock or
# a race): they stop the catch-up, never a view.
NOT_THE_EVENT: tuple[type[BaseException], ...] = (TrackingConflictError, ViewsBusyError,
                                                   OperationalError, InterfaceError)
log = logging.getLogger(__name__)


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status
                        if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return 0.0


def default_workers() -> int:
    """Processes a rebuild uses unless told otherwise: one per core, at most four."""
    return max(1, min(4, os.cpu_count() or 1))


class RebuildError(Exception):
    """A process filling one slice of a rebuild failed (the old views are untouched)."""


class Routes:
    """Which of some views apply the events of a topic, split into the `apply` methods of the
    views that only stage rows and the views that write while applying (worked out once per
    topic)."""

    def __init__(self, views: Sequence[View]) -> None:
        self.views = list(views)
        self.known: dict[str, tuple[list[Callable[[Any, Any, int], None]], list[View]]] = {}

    def for_topic(self, topic: str) -> tuple[list[Callable[[Any, Any, int], None]], list[View]]:
        found = [v for v in self.views if topic.startswith(v.topic_prefixes)]
        self.known[topic] = ([v.apply for v in found if v.stages],
                             [v for v in found if not v.stages])
        return self.known[topic]


class Projections:
    """The view store with its views, ready to catch up."""

    def __init__(self, service: PersonnelService, store: ViewStore,
                 backend: Backend | None = None) -> None:
        self.service, self.store, self.backend = service, store, backend
        self.views: dict[str, View] = {cls.name: cls(store, service) for cls in VIEW_CLASSES}
        # The views stage rows in memory during a batch: one batch at a time per object
        # (threads of one web process share it); other processes are kept apart by tracking.
        self._lock = threading.Lock()
        self._building = threading.Lock()
        self._built: set[str] = set()  # views seen past position 0 (see _build_empty)
        self.worker_peaks_mb: list[float] = []  # of the last rebuild's processes (benchmarks)
        creating_tables(self._create_tables)

    def _create_tables(self) -> None:
        with self.store.write() as sql:
            for view in self.views.values():
                view.create(sql)
            self.store.create_stopped(sql)

    def stopped(self) -> dict[str, dict[str, Any]]:
        """Views stopped at an event they could not apply, with its position: they stay where
        they are (the others go on) until `rebuild` replaces their rows."""
        return self.store.stopped()

    @classmethod
    def open(cls, service: PersonnelService, backend: Backend) -> Projections:
        return cls(service, open_view_store(backend), backend)

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
                 before_commit: Callable[[int], None] | None = None,
                 wait: float | None = None) -> int:
        """Apply every new event to the views; returns how many events were applied.

        `wait`: seconds a batch waits for the views' write lock before ViewsBusyError (the
        batches committed before it stay); by default the store's `LOCK_WAIT`.

        `before_commit(last_id)` runs inside each batch's transaction just before it commits
        (tests use it to crash there). Views that have applied nothing yet, in a store of
        more than `FROM_EMPTY` events, are built by a rebuild first: the same rows, read
        aggregate by aggregate instead of in notification order (much faster, and the roster
        need not keep every employee in memory).
        """
        rebuilt = 0
        if before_commit is None:
            rebuilt = self._build_empty(list(names or self.views), progress)
        with self._lock:
            return rebuilt + self._catch_up(names, batch_size, progress, before_commit, wait)

    def _build_empty(self, names: list[str], progress: Progress | None) -> int:
        if self._built.issuperset(names):  # a view once past position 0 never goes back
            return 0
        with self._building:  # the threads of a web process wait for the first one's build
            positions = self.store.positions(names)
            self._built.update(name for name, position in positions.items() if position)
            empty = [name for name, position in positions.items() if not position]
            if not empty or stored_head(self.service) <= FROM_EMPTY:
                return 0
            try:
                return self.rebuild(empty, progress=progress)
            except TrackingConflictError:
                return 0  # another process is building them: catch up with what it left

    def _catch_up(self, names: Sequence[str] | None, batch_size: int,
                  progress: Progress | None,
                  before_commit: Callable[[int], None] | None, wait: float | None) -> int:
        head = (self.service.recorder.max_notification_id() or 0) if progress else 0
        applied = 0
        stopped = self.stopped()  # read again only when this runner stops one
        while True:
            views = [self.views[n] for n in (names or list(self.views)) if n not in stopped]
            if not views:
                return applied
            positions = self.store.positions([v.name for v in views])
            start = min(positions.values())
            if progress:
                progress(start, head)
            notifications = self.service.recorder.select_notifications(
                start + 1, batch_size, inclusive_of_start=True)
            if not notifications:
                return applied
            last = notifications[-1].id
            behind = [v for v in views if positions[v.name] == start]
            wanted = tuple(topic for view in behind for topic in view.topic_prefixes)
            events = [(n.id, self.service.mapper.to_domain_event(n)) for n in notifications
                      if n.topic.startswith(wanted)]
            try:
                self._apply(behind, positions, events, last, before_commit, wait)
            except TrackingConflictError:
                continue  # another runner got there first: start again from where it is
            except NOT_THE_EVENT:
                raise
            except Exception:
                if before_commit is not None:  # a test crashing the batch on purpose
                    raise
                self._isolate(behind, positions, events, last, wait)
                stopped = self.stopped()
                continue
            applied += len(events)
            head = max(head, last)
            if len(notifications) < batch_size and len(behind) == len(views):
                return applied  # that was the end of the log when it was read

    def _apply(self, views: list[View], positions: dict[str, int],
               events: list[tuple[int, Any]], last: int,
               before_commit: Callable[[int], None] | None, wait: float | None) -> None:
        try:
            with self.store.write(wait) as sql:
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

    def _isolate(self, views: list[View], positions: dict[str, int],
                 events: list[tuple[int, Any]], last: int, wait: float | None) -> None:
        """A batch failed: apply it to each view alone, and a view that fails again one event
        at a time, so that only a view that cannot apply an event stops, at that event."""
        for view in views:
            try:
                self._apply([view], positions, events, last, None, wait)
            except NOT_THE_EVENT:
                raise
            except Exception:
                self._stop_at_failing_event(view, positions[view.name], events, last, wait)

    def _stop_at_failing_event(self, view: View, position: int,
                               events: list[tuple[int, Any]], last: int,
                               wait: float | None) -> None:
        for notification_id, event in events:
            try:
                self._apply([view], {view.name: position}, [(notification_id, event)],
                            notification_id, None, wait)
            except NOT_THE_EVENT:
                raise
            except Exception as error:
                # The kind of error only: its text may quote the data (a name, a NIP).
                log.error("view %s stopped at event %d: %s", view.name, notification_id,
                          type(error).__name__)
                self.store.stop(view.name, notification_id, type(error).__name__,
                                datetime.now(UTC).isoformat(timespec="seconds"))
                return
            position = notification_id
        if position < last:  # every event applied alone: the batch's other topics remain
            self._apply([view], {view.name: position}, [], last, None, wait)

    def rebuild(self, names: Sequence[str] | None = None,
                batch_size: int = REBUILD_BATCH,
                progress: Progress | None = None, workers: int = 1) -> int:
        """Rebuild the views from the first event; returns how many events were read.

        The rows are built in tables of their own (`view_<table>__rebuild`), aggregate by
        aggregate (projections/views/scan.py), one transaction per batch, while the old tables go
        on serving and catching up. One last transaction puts the new tables in place, indexes
        them and sets each view's position to the head the rebuild read up to; catch-up goes
        on from there. A rebuild that dies leaves the old tables as they were; the next one
        starts afresh. With `workers` > 1 (and a store opened by `open`), that many processes
        build the rows side by side, each taking the next of `SLICES_PER_PROCESS` x `workers`
        slices of the aggregates until none is left (so one that draws the slice of a big
        recruitment round does not hold the others up).
        """
        views = [self.views[n] for n in (names or list(self.views))]
        processes = workers if workers > 1 and self.backend is not None else 1
        parts = processes * SLICES_PER_PROCESS if processes > 1 else 1
        self.worker_peaks_mb = []
        # Each slice's batches move a tracking row of their own by compare-and-set, as
        # catch-up does. Starting forgets every rebuild's rows, so a rebuild already running
        # (whichever views, however many slices) stops at its next batch: two rebuilds never
        # write into the same new tables.
        markers = [f"{'+'.join(v.name for v in views)}{REBUILD_SUFFIX}.{part + 1}of{parts}"
                   for part in range(parts)]
        shadows = [type(view)(self.store, self.service, suffix=REBUILD_SUFFIX)
                   for view in views]
        with self.store.write() as sql:
            self.store.forget_suffixed(sql, REBUILD_SUFFIX)
            for view in shadows:
                view.drop(sql)
                view.create_tables(sql)
        head = stored_head(self.service)
        read_ahead(self.service)
        if progress:
            progress(0, head)
        if parts == 1:
            counts = [fill(self.service, self.store, shadows, markers[0], head, batch_size,
                           (lambda read: progress(read, head)) if progress else None)]
        else:
            assert self.backend is not None
            counts = _fill_in_processes(self.backend, [v.name for v in views], markers, head,
                                        batch_size, head, progress, self.worker_peaks_mb,
                                        processes)
        if progress:  # what was read, exactly (the head only bounds it)
            progress(sum(counts), sum(counts))
        with self._lock, self.store.write() as sql:
            if not self.store.is_postgres:  # let SQLite sort for the new indexes in threads
                sql.execute(f"PRAGMA threads = {max(processes, default_workers())}")
            for marker, read in zip(markers, counts, strict=True):
                self.store.advance(sql, marker, read, read + 1)  # still ours: nobody took over
                self.store.forget(sql, marker)
            for view, rebuilt in zip(views, shadows, strict=True):
                view.replace(sql, rebuilt)
                view.discard()
                self.store.forget(sql, view.name)
                self.store.restart(sql, view.name)
                if head:
                    self.store.advance(sql, view.name, 0, head)
        return sum(counts)


def fill(service: PersonnelService, store: ViewStore, views: Sequence[View], marker: str,
         head: int, batch_size: int, report: Callable[[int], None] | None,
         part: int = 0, parts: int = 1, turn: Any = None) -> int:
    """Apply the events up to `head` of one slice of the aggregates to `views` (a rebuild's
    fresh tables), one transaction per batch; returns how many events were read.

    `turn`, a lock shared by the processes filling the slices of a SQLite store, is held
    around each write transaction: waiting on it wakes a process as soon as the other one
    commits, where SQLite's busy handler would poll with growing sleeps."""
    routes = Routes(views)
    topics = tuple(topic for view in views for topic in view.topic_prefixes)
    decode, known = cast(EventMapper, service.mapper).decode, routes.known
    read = 0
    bulk = store.bulk() if isinstance(store, SQLiteViewStore) else nullcontext()
    with _without_cycle_collection(), bulk, scan_by_aggregate(
            service, head, batch_size, topics, part, parts) as batches:
        for batch in batches:
            writes: list[tuple[int, Any, list[View]]] = []
            try:
                # Views that only stage rows do their work before the write lock is taken,
                # so processes filling other slices can write meanwhile.
                for notification_id, originator_id, version, topic, state in batch:
                    if originator_id is None:
                        continue
                    event = decode(originator_id, version, topic, state)
                    staging, writing = known.get(topic) or routes.for_topic(topic)
                    for apply in staging:
                        apply(None, event, notification_id)
                    if writing:
                        writes.append((notification_id, event, writing))
                with turn or nullcontext(), store.write() as sql:
                    store.advance(sql, marker, read, read + len(batch))
                    for notification_id, event, views_writing in writes:
                        for view in views_writing:
                            view.apply(sql, event, notification_id)
                    for view in views:
                        view.finish(sql)
            except BaseException:
                for view in views:
                    view.discard()
                raise
            read += len(batch)
            if report:
                report(read)
    return read


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """A rebuild allocates millions of short-lived objects without reference cycles: the
    cyclic collector would walk the heap again and again for nothing. Reference counting
    still frees everything; the collector runs again afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _fill_in_processes(backend: Backend, names: list[str], markers: list[str], head: int,
                       batch_size: int, total: int, progress: Progress | None,
                       peaks: list[float], count: int) -> list[int]:
    """`fill` the slices (one per marker) in `count` processes, each taking the next slice
    left; the counts read, in slice order. Each process's peak memory (MB) goes to `peaks`."""
    context = multiprocessing.get_context("fork")  # the modules are loaded already
    queue = context.Queue()
    # PostgreSQL lets the slices write at once; SQLite has one writer per file.
    turn = context.Lock() if backend.kind == "sqlite" else None
    next_slice = context.Value("i", 0)
    processes = [context.Process(target=_fill_slices, daemon=True, args=(
        backend, names, markers, head, batch_size, queue, turn, next_slice))
        for _ in range(count)]
    read = [0] * len(markers)
    done: dict[int, int] = {}
    exited: set[int] = set()
    opened = 0
    # The children share the parent's objects until they write to them; a collection in a
    # child would touch (and so copy) every one of them: freeze them out of its reach.
    gc.freeze()
    try:
        # One at a time until each has opened its stores: opening runs CREATE TABLE IF NOT
        # EXISTS, which PostgreSQL can refuse ("tuple concurrently updated") when raced.
        processes[0].start()
        while len(exited) < count:
            try:
                kind, key, value = queue.get(timeout=1)
            except Empty:  # a process killed outright (out of memory) sends nothing
                for number, process in enumerate(processes):
                    if process.exitcode not in (None, 0):
                        raise RebuildError(f"process {number + 1} of {count} ended with "
                                           f"exit code {process.exitcode}") from None
                continue
            if kind == "error":
                raise RebuildError(f"a process filling the rows failed: {value}")
            if kind == "opened":
                opened += 1
                if opened < count:
                    processes[opened].start()
                continue
            if kind == "exit":
                exited.add(key)
                peaks.append(value)
                continue
            read[key] = value
            if kind == "done":
                done[key] = value
            if progress:
                progress(sum(read), total)
    finally:
        gc.unfreeze()
        for process in processes[:opened + 1]:
            if process.is_alive() and len(exited) < count:
                process.terminate()
            process.join()
    return [done[part] for part in range(len(markers))]


def _fill_slices(backend: Backend, names: list[str], markers: list[str], head: int,
                 batch_size: int, queue: Any, turn: Any, next_slice: Any) -> None:
    """A child process: its own connections and view objects; fills slices until none is
    left. Sends ("opened", pid, 0), ("progress" | "done", slice, events read), ("exit", pid,
    peak MB), or ("error", pid, what went wrong)."""
    pid = os.getpid()
    try:
        service = open_service(backend)
        store = open_view_store(backend)
        queue.put(("opened", pid, 0))
        try:
            views = [cls(store, service, suffix=REBUILD_SUFFIX) for cls in VIEW_CLASSES
                     if cls.name in names]
            last = [0.0]  # when progress was last sent
            while True:
                with next_slice.get_lock():
                    part = next_slice.value
                    next_slice.value += 1
                if part >= len(markers):
                    break

                def report(read: int, part: int = part) -> None:
                    if time.monotonic() - last[0] > 0.2:
                        last[0] = time.monotonic()
                        queue.put(("progress", part, read))

                read = fill(service, store, views, markers[part], head, batch_size, report,
                            part, len(markers), turn)
                queue.put(("done", part, read))
            queue.put(("exit", pid, peak_rss_mb()))
        finally:
            store.datastore.close()
            service.close()
    except BaseException as error:  # the parent reports it; a traceback goes to stderr
        traceback.print_exc()
        queue.put(("error", pid, f"{type(error).__name__}: {error}"))
