"""Store equals log, on each backend: events the log never saw, and edited snapshots, are
found and named.

The verifiers check what the log holds; these tamperings leave the log itself intact, so only
a comparison from the store's side finds them. Each is done as an insider would, with SQL on
the event store's table after the log caught up.
"""

from __future__ import annotations

import os
import re
import stat
from uuid import UUID

import pytest

from domain.personnel_service import PersonnelService
from domain.snapshot_seal import MAGIC
from domain.values import JpHours, TopicTag, TrainingType
from projections.ledger import reconcile
from projections.ledger.follower import Ledger
from projections.ledger.reconcile import EDITED, MISSING, SNAPSHOT, UNLOGGED, Problem
from projections.stores.backend import SNAPSHOT_KEY_FILE, Backend, open_service
from tests.builders.personnel import HR
from tests.support.dates import TODAY
from tests.support.tampering import EventTable


@pytest.fixture
def followed(ledger: Ledger) -> Ledger:
    """The log, caught up with the recorded workforce."""
    ledger.catch_up()
    return ledger


def a_training(events: EventTable) -> int:
    """The notification id of a stored training: copied, it adds hours to a record."""
    (row,) = events.run("SELECT max({id}) FROM {events} WHERE topic LIKE ?",
                        ("%TrainingCompleted",))
    return int(row[0])


def kinds(result: reconcile.Reconciliation) -> list[tuple[str, int | None, int | None]]:
    return [(p.kind, p.notification_id, p.position) for p in result.problems]


class TestAnUntouchedStore:
    def test_every_stored_event_is_accounted_for_by_count_range_and_content(
            self, service: PersonnelService, followed: Ledger) -> None:
        full = reconcile.reconcile(followed)
        cheap = reconcile.check_counts(followed)

        assert full.ok and cheap.ok
        assert full.stored == full.logged == cheap.stored == followed.size() > 1000
        assert full.pending == cheap.pending == 0
        assert full.head_id == followed.head()[1]

    def test_events_stored_after_the_head_are_pending_not_problems(
            self, backend: Backend, followed: Ledger) -> None:
        events = EventTable(backend)
        appended = events.copy_as_next_version(a_training(events))

        result = reconcile.reconcile(followed)
        assert result.ok and result.pending == 1

        followed.catch_up()  # the rule: an event above the head is new, and is logged
        assert followed.position_of(appended) == followed.size() - 1
        assert reconcile.reconcile(followed).ok


class TestEventsTheLogNeverSaw:
    def test_an_event_inserted_behind_the_head_at_id_zero_is_reported_and_never_logged(
            self, backend: Backend, followed: Ledger) -> None:
        events = EventTable(backend)
        size = followed.size()
        events.copy_as_next_version(a_training(events), new_id=0)

        followed.catch_up()  # the follower's own check runs here

        assert followed.size() == size  # not logged as if it were new
        assert reconcile.check_counts(followed).problems == [Problem(UNLOGGED, 0)]
        assert kinds(reconcile.reconcile(followed)) == [(UNLOGGED, 0, None)]
        (kept,) = [r for r in reconcile.latest(followed) if r.checker == reconcile.FOLLOWER]
        assert kinds(kept) == [(UNLOGGED, 0, None)]
        assert "notification id 0" in reconcile.health_problems(followed)[0]

    @pytest.mark.parametrize("store_env", ["postgres"], indirect=True)
    def test_an_event_inserted_into_a_gap_of_postgresqls_ids_is_reported(
            self, backend: Backend, service: PersonnelService, followed: Ledger) -> None:
        events = EventTable(backend)
        events.burn_ids(1)  # as a rolled-back insert leaves a gap
        events.copy_as_next_version(a_training(events))
        followed.catch_up()
        gap = followed.head()[1] - 1
        assert followed.position_of(gap) is None

        events.copy_as_next_version(a_training(events), new_id=gap)
        followed.catch_up()

        assert followed.position_of(gap) is None
        assert kinds(reconcile.check_counts(followed)) == [(UNLOGGED, gap, None)]
        assert kinds(reconcile.reconcile(followed)) == [(UNLOGGED, gap, None)]

    def test_a_deleted_event_is_reported_with_its_position_by_every_catch_up(
            self, backend: Backend, service: PersonnelService, followed: Ledger) -> None:
        events = EventTable(backend)
        victim = a_training(events)
        position = followed.position_of(victim)
        events.delete(victim)

        followed.catch_up()

        assert kinds(reconcile.latest(followed)[0]) == [(MISSING, victim, position)]
        assert kinds(reconcile.reconcile(followed)) == [(MISSING, victim, position)]

    def test_a_deletion_hidden_by_an_insertion_behind_the_head_still_shows_in_the_id_sum(
            self, backend: Backend, followed: Ledger) -> None:
        events = EventTable(backend)
        victim = a_training(events)
        position = followed.position_of(victim)
        events.copy_as_next_version(victim, new_id=0)
        events.delete(victim)

        result = reconcile.check_counts(followed)

        assert result.stored == result.logged  # the count alone would not see it
        assert kinds(result) == [(UNLOGGED, 0, None), (MISSING, victim, position)]

    def test_an_edited_event_is_found_by_content_at_its_position(
            self, backend: Backend, followed: Ledger) -> None:
        events = EventTable(backend)
        victim = a_training(events)
        state = bytearray(events.state(victim))
        state[len(state) // 2] ^= 0x01
        events.set_state(victim, bytes(state))

        assert reconcile.check_counts(followed).ok  # counts cannot see an edit
        result = reconcile.reconcile(followed)
        assert kinds(result) == [(EDITED, victim, followed.position_of(victim))]
        assert not result.ok and "differs" in result.summary()


def test_a_repaired_store_clears_the_kept_result(backend: Backend, followed: Ledger) -> None:
    events = EventTable(backend)
    events.copy_as_next_version(a_training(events), new_id=0)
    followed.catch_up()
    assert reconcile.health_problems(followed)

    events.delete(0)  # the operator removes the forged event
    followed.catch_up()

    assert reconcile.health_problems(followed) == []


class TestSnapshots:
    """Snapshots are outside the log: a record with 50 events has one, sealed under a key in
    the data directory, and a snapshot is used only while its seal holds."""

    @pytest.fixture
    def snapshotted(self, service: PersonnelService, followed: Ledger) -> UUID:
        """An employee whose record reached a snapshot (its 50th event is a training)."""
        opened = [UUID(str(n.originator_id)) for n in service.recorder.select_notifications(
            1, 10_000, topics=("domain.employee:Employee.RecordOpened",))]
        # a record still short of its first snapshot, so the trainings below reach it
        record = next(r for r in map(service.get_employee, opened) if r.version < 45)
        employee = record.id
        for _ in range(50 - record.version):
            service.complete_training(employee, training_type=TrainingType.SEMINAR,
                                      title="Pelayanan Prima", hours_jp=JpHours(2),
                                      topics=(TopicTag.PUBLIC_SERVICE_COMMUNICATION,),
                                      effective_on=TODAY, actor=HR)
        followed.catch_up()
        return employee

    def stored_snapshot(self, events: EventTable, employee: UUID) -> tuple[int, bytes]:
        (row,) = events.run("SELECT originator_version, state FROM {snapshots} "
                            "WHERE originator_id = ?", (_stored_id(events, employee),))
        return int(row[0]), bytes(row[1])

    def reread(self, backend: Backend, employee: UUID) -> dict[int, float]:
        """The record's training hours as another process, without the cache, reads them."""
        other = open_service(backend)
        try:
            return dict(other.get_employee(employee).state.training_jp)
        finally:
            other.close()

    def test_a_snapshot_carries_a_seal_under_a_key_outside_the_event_store(
            self, backend: Backend, snapshotted: UUID, followed: Ledger) -> None:
        version, state = self.stored_snapshot(EventTable(backend), snapshotted)
        assert version == 50 and state.startswith(MAGIC)
        key = backend.data_dir / SNAPSHOT_KEY_FILE
        assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
        result = reconcile.reconcile(followed)
        assert result.ok and result.snapshots == 1

    def test_an_edited_snapshot_is_ignored_and_reported(
            self, backend: Backend, snapshotted: UUID, followed: Ledger) -> None:
        events = EventTable(backend)
        hours = self.reread(backend, snapshotted)
        version, state = self.stored_snapshot(events, snapshotted)
        # the trainings' hours, however the number is written ("2" or "2.0")
        edited = re.sub(rb'("hours_jp":\{"_type_":"jp","_data_":)2(\.0)?\}', rb"\g<1>92.0}",
                        state)
        assert edited != state
        events.run("UPDATE {snapshots} SET state = ? WHERE originator_id = ?",
                   (edited, _stored_id(events, snapshotted)))

        assert self.reread(backend, snapshotted) == hours  # replayed from its events
        result = reconcile.reconcile(followed)
        assert [(p.kind, p.originator_id, p.version) for p in result.problems] == [
            (SNAPSHOT, str(snapshotted), version)]
        reconcile.save(followed, result)
        assert f"record {snapshotted} version {version}" in reconcile.health_problems(
            followed)[0]

    def test_a_deleted_or_unsealed_snapshot_is_harmless_the_record_replays(
            self, backend: Backend, snapshotted: UUID, followed: Ledger) -> None:
        events = EventTable(backend)
        hours = self.reread(backend, snapshotted)
        _, state = self.stored_snapshot(events, snapshotted)
        unsealed = state[len(MAGIC) + 32:]  # as stored before seals existed
        events.run("UPDATE {snapshots} SET state = ? WHERE originator_id = ?",
                   (unsealed, _stored_id(events, snapshotted)))
        assert self.reread(backend, snapshotted) == hours
        assert reconcile.reconcile(followed).ok  # ignored when loading, not a problem

        events.run("DELETE FROM {snapshots}")
        assert self.reread(backend, snapshotted) == hours
        assert reconcile.reconcile(followed).ok


def _stored_id(events: EventTable, record: UUID) -> str | UUID:
    """The originator id as the backend's table holds it (SQLite: hexadecimal text)."""
    return record.hex if events.backend.kind == "sqlite" else record
