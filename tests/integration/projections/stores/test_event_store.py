"""The same scenarios against a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg
import pytest

from domain.checks import PersonInput
from domain.errors import ConcurrencyConflictError, DomainError
from domain.personnel_service import PersonnelService
from domain.privacy import ERASED
from domain.values import (
    Actor,
    Education,
    EmployeeStatus,
    EmploymentType,
    Expectation,
    Grade,
    JpHours,
    LegalBasis,
    PositionType,
    PromotionKind,
    Role,
    Sex,
    TopicTag,
    TrainingType,
)
from projections.stores.backend import Backend, count_events, open_service
from tests.builders.personnel import HR

SK = LegalBasis("800/1/2016", date(2016, 2, 20))


@dataclass
class Office:
    agency_id: UUID
    unit_id: UUID
    analyst: UUID
    head: UUID


def build_office(service: PersonnelService) -> Office:
    government = service.establish_government(code="salatiga", name="Kota Salatiga",
                                              province="Jawa Tengah",
                                              effective_on=date(2001, 1, 1), actor=HR)
    agency = service.establish_agency(government_id=government, code="bkpsdm", name="BKPSDM",
                                      effective_on=date(2001, 1, 1), actor=HR)
    unit = service.add_unit(agency_id=agency, code="mutasi", name="Bidang Mutasi",
                            effective_on=date(2001, 1, 1), actor=HR)
    analyst = service.establish_position(
        agency_id=agency, unit_id=unit, title="Analis SDM Aparatur Ahli Pertama",
        position_type=PositionType.AHLI_PERTAMA, lowest=Grade("III/a"), highest=Grade("III/b"),
        effective_on=date(2001, 1, 1), actor=HR)
    head = service.establish_position(
        agency_id=agency, unit_id=unit, title="Kepala Bidang Mutasi",
        position_type=PositionType.ADMINISTRATOR, lowest=Grade("III/d"), highest=Grade("IV/b"),
        effective_on=date(2001, 1, 1), actor=HR)
    return Office(agency, unit, analyst, head)


def appoint_siti(service: PersonnelService, office: Office) -> UUID:
    return service.appoint(
        person=PersonInput("Siti Aminah Lubis", "199001012015032001", date(1990, 1, 1),
                           Sex.FEMALE, "081234567890"),
        employment_type=EmploymentType.PNS, agency_id=office.agency_id, unit_id=office.unit_id,
        education=Education.S1, grade=Grade("III/a"), effective_on=date(2015, 3, 1), actor=HR,
        legal_basis=SK)


def appoint_head(service: PersonnelService, office: Office) -> UUID:
    head = service.open_record(
        person=PersonInput("Yohanes Manafe", "197005051995031001", date(1970, 5, 5), Sex.MALE),
        employment_type=EmploymentType.PNS, status=EmployeeStatus.PNS,
        agency_id=office.agency_id, unit_id=office.unit_id, education=Education.S2,
        grade=Grade("IV/a"), grade_since=date(2012, 4, 1), appointed_on=date(1995, 3, 1),
        probation_passed_on=date(1996, 3, 1), prior_ratings=(), effective_on=date(2015, 1, 1),
        actor=HR, legal_basis=None)
    service.assign_position(head, position_id=office.head, effective_on=date(2015, 1, 1),
                            actor=HR, legal_basis=SK)
    return head


def record_career(service: PersonnelService, office: Office, siti: UUID, head: UUID) -> None:
    service.assign_position(siti, position_id=office.analyst, effective_on=date(2015, 3, 1),
                            actor=HR, legal_basis=SK)
    service.complete_training(siti, training_type=TrainingType.LATSAR, title="Latsar CPNS",
                              hours_jp=JpHours(300), topics=(TopicTag.INTEGRITY,),
                              effective_on=date(2015, 9, 1), actor=HR)
    service.pass_probation(siti, effective_on=date(2016, 3, 1), actor=HR, legal_basis=SK)
    for year in range(2015, 2019):
        service.record_appraisal(siti, year=year, work_result=Expectation.AS_EXPECTED,
                                 behaviour=Expectation.ABOVE, rater_id=head,
                                 effective_on=date(year + 1, 1, 20), actor=HR)
    service.promote_rank(siti, kind=PromotionKind.FUNCTIONAL, to_grade=Grade("III/b"),
                         effective_on=date(2019, 4, 1), actor=HR, legal_basis=SK,
                         credit_points=55)


class TestRecordingAndReading:
    def test_a_recorded_career_reads_back_the_same_from_a_fresh_service(
            self, backend: Backend, service: PersonnelService) -> None:
        office = build_office(service)
        head = appoint_head(service, office)
        siti = appoint_siti(service, office)
        record_career(service, office, siti, head)

        reopened = open_service(backend)
        try:
            state = reopened.get_employee(siti).state
            assert state.grade == Grade("III/b")
            assert state.status is EmployeeStatus.PNS
            assert state.position_id == office.analyst
            assert sorted(state.appraisals) == [2015, 2016, 2017, 2018]
            assert reopened.get_position(office.analyst).holder_id == siti
            assert reopened.personal_data(siti)["name"] == "Siti Aminah Lubis"
            assert reopened.find_by_nip("1990 0101 201503 2 001") == siti
            assert count_events(reopened) == reopened.recorder.max_notification_id()
        finally:
            reopened.close()

    def test_a_rejected_command_writes_nothing(self, service: PersonnelService) -> None:
        office = build_office(service)
        siti = appoint_siti(service, office)
        before = count_events(service)
        with pytest.raises(DomainError) as excinfo:
            service.promote_rank(siti, kind=PromotionKind.REGULAR, to_grade=Grade("III/b"),
                                 effective_on=date(2016, 4, 1), actor=HR, legal_basis=SK)
        assert excinfo.value.code == "PROMOTION_NOT_PNS"
        assert count_events(service) == before

    def test_the_same_nip_cannot_be_registered_twice(self, service: PersonnelService) -> None:
        office = build_office(service)
        appoint_siti(service, office)
        before = count_events(service)
        with pytest.raises(DomainError) as excinfo:
            appoint_siti(service, office)
        assert excinfo.value.code == "NIP_DUPLICATE"
        assert count_events(service) == before

    def test_one_holder_per_position_holds_across_service_instances(
            self, backend: Backend, service: PersonnelService) -> None:
        office = build_office(service)
        siti = appoint_siti(service, office)
        service.assign_position(siti, position_id=office.analyst, effective_on=date(2015, 3, 1),
                                actor=HR, legal_basis=SK)
        dewi = service.appoint(
            person=PersonInput("Dewi Lestari", "199202022016032002", date(1992, 2, 2),
                               Sex.FEMALE),
            employment_type=EmploymentType.PNS, agency_id=office.agency_id,
            unit_id=office.unit_id, education=Education.S1, grade=Grade("III/a"),
            effective_on=date(2016, 3, 1), actor=HR, legal_basis=SK)
        other = open_service(backend)
        try:
            with pytest.raises(DomainError) as excinfo:
                other.assign_position(dewi, position_id=office.analyst,
                                      effective_on=date(2016, 3, 1), actor=HR, legal_basis=SK)
            assert excinfo.value.code == "POSITION_OCCUPIED"
            assert other.get_position(office.analyst).holder_id == siti
            assert other.get_employee(dewi).state.position_id is None
        finally:
            other.close()


class TestConcurrency:
    def test_two_officers_saving_the_same_version_one_wins_and_one_is_told(
            self, backend: Backend, service: PersonnelService) -> None:
        office = build_office(service)
        siti = appoint_siti(service, office)
        other = open_service(backend)
        try:
            first = service.get_employee(siti)
            second = other.get_employee(siti)
            first.complete_training(training_type=TrainingType.TECHNICAL, title="Literasi Data",
                                    hours_jp=JpHours(8), topics=(TopicTag.DIGITAL,),
                                    effective_on=date(2015, 5, 1), actor=HR, legal_basis=None)
            second.complete_training(training_type=TrainingType.SEMINAR, title="Pelayanan",
                                     hours_jp=JpHours(4), topics=(),
                                     effective_on=date(2015, 5, 2), actor=HR, legal_basis=None)
            service._save(first)
            with pytest.raises(ConcurrencyConflictError) as excinfo:
                other._save(second)
            assert excinfo.value.code == "CONCURRENT_CHANGE"
            assert other.get_employee(siti).state.training_jp == {2015: 8.0}
        finally:
            other.close()

    def test_a_form_based_on_an_old_version_is_refused(self, service: PersonnelService) -> None:
        office = build_office(service)
        siti = appoint_siti(service, office)
        seen = service.get_employee(siti).version
        service.complete_training(siti, training_type=TrainingType.TECHNICAL, title="Data",
                                  hours_jp=JpHours(8), topics=(), effective_on=date(2015, 5, 1),
                                  actor=HR)
        with pytest.raises(ConcurrencyConflictError):
            service.complete_training(siti, training_type=TrainingType.TECHNICAL, title="Data",
                                      hours_jp=JpHours(8), topics=(),
                                      effective_on=date(2015, 6, 1), actor=HR,
                                      expected_version=seen)


class TestErasure:
    def test_after_erasure_nothing_of_the_person_is_readable_and_others_are_untouched(
            self, backend: Backend, service: PersonnelService, tmp_path: Path) -> None:
        office = build_office(service)
        head = appoint_head(service, office)
        siti = appoint_siti(service, office)
        record_career(service, office, siti, head)
        service.erase_personal_data(
            service.get_employee(siti).subject_id, effective_on=date(2024, 1, 1),
                                    actor=Actor("admin", Role.SYSTEM_ADMIN))

        data = service.personal_data(siti)
        assert all(value is ERASED for key, value in data.items())
        assert service.find_by_nip("199001012015032001") is None
        assert service.personal_data(head)["name"] == "Yohanes Manafe"
        assert service.get_employee(siti).state.grade == Grade("III/b")  # the career remains
        with pytest.raises(DomainError) as excinfo:
            service.complete_training(siti, training_type=TrainingType.SEMINAR, title="X",
                                      hours_jp=JpHours(2), topics=(),
                                      effective_on=date(2024, 2, 1), actor=HR)
        assert excinfo.value.code == "SUBJECT_ERASED"
        # No store holds the person's data in clear, and the key is gone.
        stored = _everything_stored(backend, service)
        for secret in (b"Siti Aminah", b"199001012015032001", b"1990-01-01", b"081234567890",
                       b"Yohanes Manafe", b"197005051995031001"):
            assert secret not in stored
        subject = service.get_employee(siti).subject_id
        assert service.vault.keys.get(subject) is None

    def test_erasing_a_person_covers_every_record_they_have(
            self, service: PersonnelService) -> None:
        office = build_office(service)
        person = PersonInput("Yosefina Ndun", "199104042015022001", date(1991, 4, 4), Sex.FEMALE)
        first = service.appoint(
            person=PersonInput(person.name, "199104042015212001", person.birth_on, person.sex),
            employment_type=EmploymentType.PPPK, agency_id=office.agency_id,
            unit_id=office.unit_id, education=Education.S1, grade=Grade("IX"),
            effective_on=date(2015, 2, 1), actor=HR, legal_basis=SK,
            contract_ends_on=date(2016, 1, 31))
        subject = service.get_employee(first).subject_id
        second = service.appoint(person=person, employment_type=EmploymentType.PNS,
                                 agency_id=office.agency_id, unit_id=office.unit_id,
                                 education=Education.S1, grade=Grade("III/a"),
                                 effective_on=date(2015, 2, 1), actor=HR, legal_basis=SK,
                                 subject_id=subject)
        other = appoint_siti(service, office)

        erased = service.erase_personal_data(subject, effective_on=date(2024, 1, 1),
                                             actor=Actor("admin", Role.SYSTEM_ADMIN))

        assert sorted(erased) == sorted([first, second])
        for record in (first, second):
            assert service.get_employee(record).is_erased
            assert service.personal_data(record)["name"] is ERASED
        assert service.personal_data(other)["name"] == "Siti Aminah Lubis"
        assert service.find_by_nip("199104042015022001") is None

    def test_erasing_twice_is_harmless(self, service: PersonnelService) -> None:
        office = build_office(service)
        siti = appoint_siti(service, office)
        admin = Actor("admin", Role.SYSTEM_ADMIN)
        service.erase_personal_data(
            service.get_employee(siti).subject_id, effective_on=date(2024, 1, 1), actor=admin)
        version = service.get_employee(siti).version
        service.erase_personal_data(
            service.get_employee(siti).subject_id, effective_on=date(2024, 1, 2), actor=admin)
        assert service.get_employee(siti).version == version


def _everything_stored(backend: Backend, service: PersonnelService) -> bytes:
    """Every byte of every store: the SQLite files, or every table of the test schemas."""
    if backend.kind == "sqlite":
        return b"".join(p.read_bytes() for p in sorted(backend.data_dir.glob("*.sqlite*")))
    schema = backend.postgres["POSTGRES_SCHEMA"]
    chunks: list[bytes] = []
    with psycopg.connect(backend.postgres_conninfo()) as conn:
        tables = conn.execute("SELECT table_name FROM information_schema.tables "
                              "WHERE table_schema = %s", (schema,)).fetchall()
        for (table,) in tables:
            for row in conn.execute(f'SELECT * FROM "{schema}"."{table}"'):
                chunks.extend(v if isinstance(v, bytes) else str(v).encode() for v in row)
    return b"\n".join(chunks)


class TestSnapshots:
    def test_a_long_record_read_cold_equals_its_full_replay_at_every_version(
            self, backend: Backend, service: PersonnelService) -> None:
        office = build_office(service)
        siti = appoint_siti(service, office)
        for day in range(1, 121):
            service.complete_training(siti, training_type=TrainingType.E_LEARNING,
                                      title=f"Modul {day}", hours_jp=JpHours(2), topics=(),
                                      effective_on=date(2015, 3, 1).replace(year=2015 + day // 40,
                                                                             month=3 + day % 9),
                                      actor=HR)
        first: Any = service.get_employee(siti).actions[2]
        service.correct(siti, target_version=2, changes={"hours_jp": JpHours(6)},
                        effective_on=date(2020, 1, 2), actor=HR, reason="Sertifikat 6 JP")
        service.annul(siti, target_version=3, effective_on=date(2020, 1, 3), actor=HR,
                      reason="Pelatihan tidak diikuti")
        head = service.get_employee(siti).version
        assert service.snapshots is not None
        assert [s.originator_version for s in service.snapshots.get(siti)] == [50, 100]

        cold = open_service(backend)  # an empty cache: reads start from a snapshot
        try:
            events: list[Any] = list(cold.events.get(siti))
            for version in (49, 50, 51, 99, 100, 101, head):
                replayed: Any = None
                for event in events[:version]:
                    replayed = event.mutate(replayed)
                loaded = cold.employee_at(siti, version)
                assert loaded.state == replayed.state, version
                assert loaded.actions.keys() == replayed.actions.keys()
                assert loaded.annulled == replayed.annulled
            latest: Any = cold.get_employee(siti)
            assert latest.version == head
            assert latest.actions[2].hours_jp == JpHours(6) != first.hours_jp
            assert 3 in latest.annulled
            assert cold.personal_data(siti)["name"] == "Siti Aminah Lubis"
        finally:
            cold.close()


def train(service: PersonnelService, employee: UUID, day: int,
          expected_version: int | None = None) -> None:
    service.complete_training(employee, training_type=TrainingType.E_LEARNING,
                              title=f"Modul {day}", hours_jp=JpHours(2), topics=(),
                              effective_on=date(2016, 1, 1).replace(day=day), actor=HR,
                              expected_version=expected_version)


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
