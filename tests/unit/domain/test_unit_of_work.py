"""Units of work: a command, a batch or a dry run writes everything it changed, or nothing.

The review step of every staff form is a dry run on the application the whole web process
shares, so what it touches (the aggregate cache, the subject keys, the NIP registry) must come
out exactly as it went in, and must not catch another thread's command.
"""

from __future__ import annotations

import threading
from datetime import date
from uuid import uuid4

import pytest

from domain.errors import ConcurrencyConflictError, DomainError
from domain.personnel_service import PersonnelService
from domain.privacy import InMemoryKeyStore, InMemorySubjectRegistry
from domain.values import Education, PositionType, Sex, Track
from tests.builders.personnel import OFFICER, Organisation, decree, nip_for, stored_count
from tests.builders.recruitment import open_round

BORN, TMT = date(1992, 5, 17), date(2016, 4, 1)


def cached_service() -> PersonnelService:
    """In memory, with the aggregate cache the real stores are opened with."""
    return PersonnelService({"PERSISTENCE_MODULE": "eventsourcing.popo",
                             "AGGREGATE_CACHE_MAXSIZE": "100",
                             "AGGREGATE_CACHE_FASTFORWARD": "y",
                             "DEEPCOPY_FROM_AGGREGATE_CACHE": "y"},
                            InMemoryKeyStore(), InMemorySubjectRegistry())


class TestDryRun:
    def test_a_dry_run_appointment_stores_no_event_key_or_number(
            self, org: Organisation) -> None:
        nip, subject = nip_for(BORN, TMT, Sex.FEMALE, 40), uuid4()
        before = stored_count(org.service)
        with org.service.dry_run():
            org.appoint_cpns(nip=nip, subject_id=subject)
            assert org.service.find_by_nip(nip) is not None  # taken, as the run sees it
        assert stored_count(org.service) == before
        assert org.service.find_by_nip(nip) is None
        assert org.service.vault.keys.get(subject) is None
        employee_id = org.appoint_cpns(nip=nip)
        assert org.service.find_by_nip(nip) == employee_id

    def test_a_dry_run_raises_the_refusal_the_command_would_raise(
            self, org: Organisation) -> None:
        nip = nip_for(BORN, TMT, Sex.FEMALE, 41)
        with pytest.raises(DomainError) as excinfo, org.service.dry_run():
            org.appoint_cpns(nip=nip, birth_on=date(1993, 1, 1))  # the NIP says 1992-05-17
        assert excinfo.value.code == "NIP_BIRTH_DATE_MISMATCH"

    def test_a_dry_run_on_a_cached_round_leaves_the_next_command_untouched(self) -> None:
        org = Organisation.build(cached_service())
        round_id = open_round(org)
        recruitment = org.service.recruitment

        def allocate() -> None:
            recruitment.allocate_formation(
                round_id, agency_id=org.agency_id, unit_id=org.division_id,
                position_title="Analis SDM Ahli Pertama", position_type=PositionType.AHLI_PERTAMA,
                education=Education.S1, quota=2, track=Track.GENERAL,
                effective_on=date(2024, 8, 2),
                actor=OFFICER, legal_basis=decree())

        with org.service.dry_run():
            allocate()
        allocate()  # the dry run's event must not ride along (it would clash on version)
        assert len(recruitment.get_round(round_id).formations) == 1

    def test_a_dry_run_in_one_thread_does_not_catch_another_threads_command(
            self, org: Organisation) -> None:
        inside, done = threading.Event(), threading.Event()
        recorded: list[object] = []

        def other_officer() -> None:
            inside.wait(5)
            recorded.append(org.appoint_cpns(nip=nip_for(BORN, TMT, Sex.FEMALE, 42)))
            done.set()

        thread = threading.Thread(target=other_officer)
        thread.start()
        with org.service.dry_run():
            inside.set()
            assert done.wait(5)
        thread.join()
        assert org.service.find_by_nip(nip_for(BORN, TMT, Sex.FEMALE, 42)) == recorded[0]


class TestBatch:
    def test_a_command_refused_inside_a_batch_gives_back_only_its_own_claims(
            self, org: Organisation) -> None:
        kept, dropped = nip_for(BORN, TMT, Sex.FEMALE, 43), nip_for(BORN, TMT, Sex.FEMALE, 44)
        dropped_subject = uuid4()
        with org.service.batch():
            kept_id = org.appoint_cpns(nip=kept)
            with pytest.raises(DomainError):
                org.appoint_cpns(nip=dropped, subject_id=dropped_subject,
                                 birth_on=date(1993, 1, 1))  # refused after claiming
        assert org.service.find_by_nip(kept) == kept_id
        assert org.service.find_by_nip(dropped) is None
        assert org.service.vault.keys.get(dropped_subject) is None

    def test_a_batch_that_cannot_be_saved_takes_back_its_numbers_and_keys(
            self, org: Organisation) -> None:
        first = org.appoint_cpns(nip=nip_for(BORN, TMT, Sex.FEMALE, 45))
        nip, subject = nip_for(BORN, TMT, Sex.FEMALE, 46), uuid4()
        with pytest.raises(ConcurrencyConflictError):
            # The same record id again: the event store refuses the save.
            org.service.appoint(person=org.person(birth_on=BORN, sex=Sex.FEMALE, nip=nip),
                                employment_type=org.service.get_employee(first).state
                                .employment_type,  # type: ignore[arg-type]
                                agency_id=org.agency_id, unit_id=org.division_id,
                                education=Education.S1,
                                grade=org.service.get_employee(first).state
                                .grade,  # type: ignore[arg-type]
                                effective_on=TMT, actor=OFFICER, legal_basis=decree(),
                                subject_id=subject, id=first)
        assert org.service.find_by_nip(nip) is None
        assert org.service.vault.keys.get(subject) is None

    def test_batches_do_not_nest_and_a_dry_run_is_not_part_of_one(
            self, service: PersonnelService) -> None:
        with service.batch():
            with pytest.raises(RuntimeError):
                service.batch().__enter__()
            with pytest.raises(RuntimeError):
                service.dry_run().__enter__()


def test_the_application_keeps_the_name_its_tables_are_stored_under() -> None:
    # PostgreSQL keeps the events in rekam_events: a subclass named otherwise by the library
    # would open empty tables beside the real ones.
    assert PersonnelService.name == "rekam"
