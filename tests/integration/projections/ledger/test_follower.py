"""The verifiable log on each backend: following the store, proofs, checkpoints, tampering.

Every scenario starts from the same recorded workforce's history (tests/builders/workforce.py).
The log's root is always compared with a root computed here from the stored events themselves,
so a ledger that hashed the wrong bytes or lost an event cannot pass. Tampering is done the way
an insider would: with SQL on the event store's tables, after the auditor kept a checkpoint.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from uuid import UUID

import psycopg
import pytest

from domain.personnel_service import PersonnelService
from domain.values import JpHours, TopicTag, TrainingType
from projections.ledger.checkpoint import open_note
from projections.ledger.entry import canonical_bytes
from projections.ledger.follower import Ledger, LedgerConflictError, make_checkpoint
from projections.ledger.merkle import leaf_hash, root_of, verify_consistency, verify_inclusion
from projections.ledger.store import open_ledger_store
from projections.ledger.verify import Failure, verify
from projections.stores.backend import Backend
from tests.builders.personnel import ADMIN, HR
from tests.support.dates import TODAY
from tests.support.processes import Crash
from tests.support.tampering import EventTable
from tests.support.together import catch_up_together

# -- fixtures --------------------------------------------------------------------------------


# -- helpers -----------------------------------------------------------------------------------


def stored_leaves(service: PersonnelService) -> list[bytes]:
    """The leaf hash of every stored event, computed here from the store's rows."""
    head = service.recorder.max_notification_id() or 0
    return [leaf_hash(canonical_bytes(UUID(str(n.originator_id)), n.originator_version,
                                      n.topic, n.state))
            for n in service.recorder.select_notifications(1, max(head, 1))]


def notification_ids(service: PersonnelService) -> list[int]:
    head = service.recorder.max_notification_id() or 0
    return [n.id for n in service.recorder.select_notifications(1, max(head, 1))]


def export(ledger: Ledger) -> list[str]:
    return [entry.to_json() for entry in ledger.entries()]


def record_training(service: PersonnelService, count: int = 1) -> None:
    employee_ids = [UUID(str(n.originator_id)) for n in service.recorder.select_notifications(
        1, 100_000, topics=("domain.employee:Employee.Appointed",
                            "domain.employee:Employee.RecordOpened"))]
    active = [i for i in employee_ids if service.get_employee(i).state.is_active]
    for i in range(count):
        service.complete_training(active[i % len(active)], training_type=TrainingType.SEMINAR,
                                  title="Pelayanan Prima", hours_jp=JpHours(2),
                                  topics=(TopicTag.PUBLIC_SERVICE_COMMUNICATION,),
                                  effective_on=TODAY, actor=HR)


def failure_of(lines: list[str], *notes: str, ledger: Ledger) -> Failure:
    with pytest.raises(Failure) as caught:
        verify(lines, notes, ledger.verifier_key())
    return caught.value


# -- scenarios -------------------------------------------------------------------------------


class TestFollowing:
    def test_every_stored_event_gets_the_next_position_once_and_the_root_is_theirs(
            self, service: PersonnelService, ledger: Ledger) -> None:
        leaves = stored_leaves(service)

        assert ledger.catch_up(batch_size=100) == len(leaves)

        assert ledger.head() == (len(leaves), notification_ids(service)[-1])
        assert ledger.root() == root_of(leaves)
        assert [e.notification_id for e in ledger.entries()] == notification_ids(service)
        assert ledger.catch_up() == 0
        assert ledger.lag() == 0

    def test_new_events_extend_the_tree_and_old_roots_and_proofs_still_hold(
            self, service: PersonnelService, ledger: Ledger) -> None:
        ledger.catch_up()
        first = ledger.size()
        old_root = ledger.root()

        record_training(service, 3)
        assert ledger.catch_up() == 3

        leaves = stored_leaves(service)
        second = ledger.size()
        assert second == first + 3 == len(leaves)
        assert ledger.root(first) == old_root
        assert ledger.root() == root_of(leaves)
        verify_consistency(first, second, old_root, ledger.root(),
                           ledger.consistency_proof(first, second))
        for position in (0, 1, first - 1, first, second - 1, second // 2):
            verify_inclusion(position, second, leaves[position],
                             ledger.inclusion_proof(position, second), ledger.root())
            verify_inclusion(position % first, first, leaves[position % first],
                             ledger.inclusion_proof(position % first, first), old_root)

    def test_the_ledger_tables_refuse_updates_and_deletes(self, ledger: Ledger) -> None:
        ledger.catch_up()
        make_checkpoint(ledger)
        for table, column in (("leaves", "leaf_hash"), ("nodes", "hash"),
                              ("checkpoints", "root_hash")):
            for statement in (f"UPDATE {ledger.store.table(table)} SET {column} = {column}",
                              f"DELETE FROM {ledger.store.table(table)}"):
                with pytest.raises(Exception, match="append-only"):
                    with ledger.store.write() as sql:
                        sql.execute(statement)
        assert ledger.root() == root_of(stored_leaves(ledger.service))


class TestExactlyOnce:
    def test_a_crash_between_batches_keeps_the_committed_ones_and_a_new_follower_finishes(
            self, service: PersonnelService, ledger: Ledger,
            open_ledger: Callable[..., Ledger]) -> None:
        commits = 0

        def crash_after_three_batches(size: int) -> None:
            nonlocal commits
            commits += 1
            if commits > 3:
                raise Crash

        with pytest.raises(Crash):
            ledger.catch_up(batch_size=200, before_commit=crash_after_three_batches)

        leaves = stored_leaves(service)
        assert ledger.size() == 600
        assert ledger.root() == root_of(leaves[:600])
        resumed = open_ledger(own_service=True)
        assert resumed.catch_up(batch_size=200) == len(leaves) - 600
        assert resumed.root() == root_of(leaves)

    def test_a_batch_read_before_another_follower_appended_writes_nothing(
            self, ledger: Ledger, open_ledger: Callable[..., Ledger]) -> None:
        other = open_ledger(own_service=True)
        other.catch_up(batch_size=50)
        with pytest.raises(LedgerConflictError):  # read at size 0, the ledger is past it
            ledger._append(0, 0, [(0, 1, b"\x00" * 32)], [], None)
        assert ledger.root() == root_of(stored_leaves(ledger.service))

    def test_two_followers_at_once_append_every_event_exactly_once(
            self, service: PersonnelService, open_ledger: Callable[..., Ledger]) -> None:
        followers = [open_ledger(own_service=True), open_ledger(own_service=True)]
        appended = catch_up_together(followers, lambda f: f.catch_up(batch_size=20))

        leaves = stored_leaves(service)
        assert sum(appended) == len(leaves)  # no batch committed twice
        assert followers[0].root() == followers[1].root() == root_of(leaves)
        assert [e.position for e in followers[0].entries()] == list(range(len(leaves)))


class TestCheckpoints:
    def test_a_checkpoint_is_signed_once_per_size_with_a_key_kept_outside_the_store(
            self, service: PersonnelService, ledger: Ledger, log_env: dict[str, str]) -> None:
        note = make_checkpoint(ledger)

        key_file = Path(log_env["REKAM_LOG_KEY_FILE"])
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        checkpoint = open_note(note, ledger.verifier_key())
        assert (checkpoint.origin, checkpoint.size, checkpoint.root) == (
            "test.rekam-jejak.example/log", len(stored_leaves(service)),
            root_of(stored_leaves(service)))
        assert note.startswith(f"test.rekam-jejak.example/log\n{checkpoint.size}\n")
        assert "\n\n\u2014 test.rekam-jejak.example/log " in note
        assert make_checkpoint(ledger) == note  # nothing new: the same checkpoint, not a new one

        record_training(service)
        newer = make_checkpoint(ledger)
        assert open_note(newer, ledger.verifier_key()).size == checkpoint.size + 1
        assert ledger.latest_checkpoint() == newer
        with ledger.store.read() as sql:
            count = sql.execute(f"SELECT COUNT(*) FROM {ledger.store.table('checkpoints')}")
            assert count.fetchone()[0] == 2


class TestTampering:
    """The auditor kept a checkpoint; then someone with database access changed the store."""

    @pytest.fixture
    def kept(self, ledger: Ledger) -> str:
        return make_checkpoint(ledger)

    def test_an_untouched_store_verifies(self, ledger: Ledger, kept: str) -> None:
        report = verify(export(ledger), [kept], ledger.verifier_key())
        assert report.entries == ledger.size() and report.signatures_checked

    def test_one_changed_byte_in_any_stored_event_is_found_at_its_position(
            self, backend: Backend, service: PersonnelService, ledger: Ledger,
            kept: str) -> None:
        events = EventTable(backend)
        ids = notification_ids(service)
        for position in (0, 1, len(ids) // 3, len(ids) // 2, len(ids) - 1):
            original = events.state(ids[position])
            offset = (position * 7) % len(original)
            changed = bytearray(original)
            changed[offset] ^= 0x01
            events.set_state(ids[position], bytes(changed))

            failure = failure_of(export(ledger), kept, ledger=ledger)
            assert failure.position == position
            assert "changed" in failure.english and "diubah" in failure.indonesian

            events.set_state(ids[position], original)
        verify(export(ledger), [kept], ledger.verifier_key())

    def test_a_deleted_event_is_found_at_its_position(
            self, backend: Backend, service: PersonnelService, ledger: Ledger,
            kept: str) -> None:
        ids = notification_ids(service)
        EventTable(backend).delete(ids[100])

        failure = failure_of(export(ledger), kept, ledger=ledger)
        assert failure.position == 100
        assert "missing" in failure.english and "deleted" in failure.english

    def test_two_swapped_events_are_found_at_the_first_of_them(
            self, backend: Backend, service: PersonnelService, ledger: Ledger,
            kept: str) -> None:
        ids = notification_ids(service)
        EventTable(backend).swap(ids[40], ids[700])

        assert failure_of(export(ledger), kept, ledger=ledger).position == 40

    def test_a_truncated_store_or_export_is_found_where_it_ends(
            self, backend: Backend, service: PersonnelService, ledger: Ledger,
            kept: str) -> None:
        lines = export(ledger)
        failure = failure_of(lines[:-5], kept, ledger=ledger)
        assert failure.position == len(lines) - 5
        assert "truncated" in failure.english

        ids = notification_ids(service)
        EventTable(backend).run("DELETE FROM {events} WHERE {id} > ?", (ids[-4],))
        assert failure_of(export(ledger), kept, ledger=ledger).position == len(ids) - 3

    def test_a_rewritten_history_re_signed_with_the_real_key_fails_against_the_kept_checkpoint(
            self, backend: Backend, service: PersonnelService, ledger: Ledger,
            open_ledger: Callable[..., Ledger], kept: str) -> None:
        ids = notification_ids(service)
        events = EventTable(backend)
        # A recording time moved a thousand years back: still a valid event, another history.
        events.set_state(ids[10], events.state(ids[10]).replace(b'"timestamp":"2',
                                                                b'"timestamp":"1', 1))
        _drop_ledger(backend, ledger)
        record_training(service, 2)
        rewritten = open_ledger(own_service=True)
        resigned = make_checkpoint(rewritten)
        lines = export(rewritten)

        # The rewrite is self-consistent: on its own the new checkpoint verifies ...
        assert verify(lines, [resigned], rewritten.verifier_key()).entries == len(ids) + 2
        # ... but not against the checkpoint the auditor kept from before.
        failure = failure_of(lines, resigned, kept, ledger=rewritten)
        assert (failure.position, failure.before) == (None, len(ids))
        assert f"positions 0 to {len(ids) - 1}" in failure.english
        assert "rewritten" in failure.english and "not consistent" in failure.english

    def test_a_checkpoint_signed_by_another_key_or_edited_is_refused(
            self, ledger: Ledger, kept: str, tmp_path: Path) -> None:
        edited = kept.replace(f"\n{ledger.size()}\n", f"\n{ledger.size() - 1}\n")
        assert failure_of(export(ledger), edited, ledger=ledger).position is None
        stranger = Ledger(ledger.service, ledger.store, type(ledger.settings)(
            ledger.settings.origin, tmp_path / "stranger.key"))
        with pytest.raises(Failure, match="no signature"):
            verify(export(ledger), [kept], stranger.verifier_key())


def _drop_ledger(backend: Backend, ledger: Ledger) -> None:
    """What an insider would do to rewrite the log: throw its tables away."""
    ledger.close()
    if backend.kind == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{backend.data_dir / 'ledger.sqlite'}{suffix}").unlink(missing_ok=True)
        return
    schema = backend.postgres["POSTGRES_SCHEMA"]
    with psycopg.connect(backend.postgres_conninfo(), autocommit=True) as conn:
        for table in ("leaves", "nodes", "checkpoints"):
            conn.execute(f'DROP TABLE "{schema}".rekam_ledger_{table}')


class TestErasure:
    def test_erasing_a_persons_key_leaves_the_log_verifiable_and_the_export_holds_no_names(
            self, service: PersonnelService, ledger: Ledger) -> None:
        kept = make_checkpoint(ledger)
        opened = service.recorder.select_notifications(
            1, 100_000, topics=("domain.employee:Employee.RecordOpened",
                                "domain.employee:Employee.Appointed"))
        employee_id = UUID(str(opened[0].originator_id))
        personal = service.personal_data(employee_id)
        name, nip = str(personal["name"]), str(personal["nip"])

        service.erase_personal_data(service.get_employee(employee_id).subject_id,
                                    effective_on=TODAY, actor=ADMIN)
        newer = make_checkpoint(ledger)

        lines = export(ledger)
        report = verify(lines, [newer, kept], ledger.verifier_key())
        assert report.entries == len(stored_leaves(service))
        text = "\n".join(lines)
        assert name not in text and nip not in text
        assert service.personal_data(employee_id)["name"] != name  # the key is really gone


def test_opening_the_ledger_twice_on_one_store_keeps_one_set_of_tables(
        backend: Backend, ledger: Ledger) -> None:
    ledger.catch_up()
    again = open_ledger_store(backend)
    again.close()
    assert ledger.root() == root_of(stored_leaves(ledger.service))
    assert os.path.exists(ledger.settings.key_file) is False  # no key until one is needed
