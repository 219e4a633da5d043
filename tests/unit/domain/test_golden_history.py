"""Stored history stays readable: a committed event log replays to the same facts.

tests/golden/history.jsonl was written once by tests/golden/make_golden.py. Renaming an event
class, renaming or retyping a field, or changing a transcoding breaks this test, as it would
break reading a production store; such a change needs an upcaster (or a registered old topic),
not a regenerated golden file.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar
from uuid import UUID

import pytest
from eventsourcing.persistence import StoredEvent

from domain.employee import PERSONAL_FIELDS, Employee
from domain.organisation import Agency, Government, Position
from domain.personnel_service import PersonnelService
from domain.privacy import ERASED, InMemoryKeyStore, InMemorySubjectRegistry
from domain.values import (
    EmployeeStatus,
    Grade,
    PenaltyType,
    PositionType,
    PromotionKind,
    Rating,
    SeparationType,
)

GOLDEN = Path(__file__).resolve().parents[2] / "golden"
A = TypeVar("A")


def _id(n: int) -> UUID:
    return UUID(f"00000000-0000-4000-8000-{n:012d}")


# The ids make_golden.py gave the scenario's aggregates.
GOVERNMENT, BKPSDM, DINKES = _id(1), _id(11), _id(12)
SECRETARIAT, DIVISION, DINKES_GENERAL = _id(21), _id(22), _id(23)
PENGAWAS_POST, PELAKSANA_POST = _id(31), _id(32)
BUDI, SITI, AGUS, DEWI, HENDRA = _id(101), _id(102), _id(103), _id(104), _id(105)


def _lines() -> list[dict[str, object]]:
    with (GOLDEN / "history.jsonl").open(encoding="utf-8") as history:
        return [json.loads(line) for line in history]


@pytest.fixture(scope="module")
def replayed() -> PersonnelService:
    """A fresh service whose store holds exactly the golden events, with the golden keys."""
    keys = InMemoryKeyStore()
    for subject_id, key in json.loads((GOLDEN / "keys.json").read_text("utf-8")).items():
        keys.create(UUID(subject_id), bytes.fromhex(key))
    service = PersonnelService({"PERSISTENCE_MODULE": "eventsourcing.popo"}, keys,
                               InMemorySubjectRegistry())
    service.recorder.insert_events([
        StoredEvent(originator_id=UUID(str(line["originator_id"])),
                    originator_version=int(str(line["originator_version"])),
                    topic=str(line["topic"]), state=str(line["state"]).encode("utf-8"))
        for line in _lines()])
    return service


def _get(service: PersonnelService, aggregate_id: UUID, cls: type[A]) -> A:
    found: object = service.repository.get(aggregate_id)
    assert isinstance(found, cls)
    return found


def _employee(service: PersonnelService, employee_id: UUID) -> Employee:
    return _get(service, employee_id, Employee)


class TestTheStoredHistory:
    def test_the_events_are_stored_again_in_the_same_order(self,
                                                           replayed: PersonnelService) -> None:
        lines = _lines()
        stored = replayed.recorder.select_notifications(1, len(lines) + 10)

        assert [n.id for n in stored] == [line["id"] for line in lines]
        assert [(str(n.originator_id), n.topic) for n in stored] == [
            (line["originator_id"], line["topic"]) for line in lines]

    def test_every_stored_event_decodes(self, replayed: PersonnelService) -> None:
        for notification in replayed.recorder.select_notifications(1, 1000):
            event = replayed.mapper.to_domain_event(notification)
            assert event.originator_version == notification.originator_version

    def test_every_kind_of_event_is_in_the_history(self) -> None:
        kinds = {str(line["topic"]) for line in _lines()}

        assert kinds == {
            "domain.organisation:Government.Established",
            "domain.organisation:Agency.Established", "domain.organisation:Agency.UnitAdded",
            "domain.organisation:Position.Established", "domain.organisation:Position.Filled",
            "domain.organisation:Position.Vacated",
            *(f"domain.employee:Employee.{name}" for name in (
                "Appointed", "RecordOpened", "ContractRenewed", "ProbationPassed",
                "RankPromoted", "PositionAssigned", "Transferred", "TrainingCompleted",
                "AppraisalRecorded", "PenaltyImposed", "Separated", "ActionCorrected",
                "ActionAnnulled", "PersonalDataCorrected", "PersonalDataErased")),
        }

    def test_recording_times_are_the_fixed_ones(self, replayed: PersonnelService) -> None:
        first = _employee(replayed, SITI)

        assert first.created_on == datetime(2016, 4, 4, 9, 0, tzinfo=UTC)


class TestTheOrganisation:
    def test_the_government_and_its_agencies_with_their_units(
            self, replayed: PersonnelService) -> None:
        government = _get(replayed, GOVERNMENT, Government)
        bkpsdm, dinkes = _get(replayed, BKPSDM, Agency), _get(replayed, DINKES, Agency)

        assert (government.code, government.province) == ("kota-contoh", "Jawa Barat")
        assert {u.code for u in bkpsdm.units.values()} == {"sekretariat", "mutasi"}
        assert set(dinkes.units) == {DINKES_GENERAL}
        assert dinkes.government_id == GOVERNMENT

    def test_the_posts_and_who_holds_them(self, replayed: PersonnelService) -> None:
        pengawas = _get(replayed, PENGAWAS_POST, Position)
        pelaksana = _get(replayed, PELAKSANA_POST, Position)

        assert (pengawas.holder_id, pengawas.holder_since) == (BUDI, date(2006, 1, 1))
        assert pengawas.grade_range.admits(Grade("III/c"))
        assert pelaksana.holder_id is None  # Siti left it on her transfer
        assert pelaksana.position_type is PositionType.PELAKSANA


class TestSiti:
    def test_her_grade_and_when_it_changed(self, replayed: PersonnelService) -> None:
        siti = _employee(replayed, SITI)

        assert (siti.state.grade, siti.state.grade_since) == (Grade("III/b"), date(2020, 4, 1))
        assert siti.state_on(date(2020, 3, 31)).grade == Grade("III/a")
        promotion = siti.actions[9]
        assert isinstance(promotion, Employee.RankPromoted)
        assert (promotion.kind, promotion.from_grade) == (PromotionKind.REGULAR, Grade("III/a"))

    def test_her_appraisals_by_year(self, replayed: PersonnelService) -> None:
        siti = _employee(replayed, SITI)

        assert siti.state.appraisals == {2016: Rating.BAIK, 2017: Rating.BAIK,
                                         2018: Rating.BAIK, 2019: Rating.SANGAT_BAIK,
                                         2020: Rating.BAIK}
        appraisal = siti.actions[8]
        assert isinstance(appraisal, Employee.AppraisalRecorded)
        assert (appraisal.rater_id, appraisal.rater_position_type) == (BUDI,
                                                                       PositionType.PENGAWAS)

    def test_her_training_with_the_correction_and_without_the_annulled_duplicate(
            self, replayed: PersonnelService) -> None:
        siti = _employee(replayed, SITI)

        assert siti.state.training_jp == {2016: 300, 2020: 32, 2021: 4}
        assert siti.state.latsar_completed_on == date(2016, 10, 3)
        assert siti.annulled == {15}
        assert siti.actions[10].effective_on == date(2020, 8, 14)

    def test_her_transfer_left_the_post_and_moved_her_to_dinkes(
            self, replayed: PersonnelService) -> None:
        siti = _employee(replayed, SITI)

        assert (siti.state.agency_id, siti.state.unit_id) == (DINKES, DINKES_GENERAL)
        assert siti.state.position_id is None
        assert siti.state_on(date(2020, 12, 31)).position_id == PELAKSANA_POST
        assert replayed.read_reason(siti, siti.actions[13]) == (
            "Pemenuhan kebutuhan pegawai Dinas Kesehatan")

    def test_her_status_and_penalty(self, replayed: PersonnelService) -> None:
        state = _employee(replayed, SITI).state

        assert state.status is EmployeeStatus.PNS
        assert state.probation_passed_on == date(2017, 4, 1)
        assert state.penalties == [(date(2022, 5, 2), PenaltyType.WRITTEN_REPRIMAND)]

    def test_her_personal_data_opens_with_the_committed_key(self,
                                                            replayed: PersonnelService) -> None:
        assert replayed.personal_data(SITI) == {
            "name": "Siti Rahmawati", "nip": "199205172016042001", "birth_on": "1992-05-17",
            "sex": "2", "contact": "0812-1111-2222"}


class TestTheOthers:
    def test_budi_holds_the_pengawas_post(self, replayed: PersonnelService) -> None:
        budi = _employee(replayed, BUDI)

        assert (budi.state.position_id, budi.state.position_type) == (PENGAWAS_POST,
                                                                      PositionType.PENGAWAS)
        assert replayed.personal_data(BUDI)["name"] == "Budi Santoso"

    def test_agus_served_a_renewed_contract_to_its_end(self, replayed: PersonnelService) -> None:
        state = _employee(replayed, AGUS).state

        assert state.grade == Grade("VII")
        assert state.contract_ends_on == date(2025, 2, 28)
        assert (state.status, state.separation_type, state.separated_on) == (
            EmployeeStatus.SEPARATED, SeparationType.CONTRACT_END, date(2025, 3, 1))
        assert replayed.personal_data(AGUS)["contact"] is None

    def test_dewi_resigned_and_her_personal_data_reads_erased(
            self, replayed: PersonnelService) -> None:
        dewi = _employee(replayed, DEWI)

        assert dewi.is_erased
        assert dewi.state.separation_type is SeparationType.RESIGNATION
        assert replayed.personal_data(DEWI) == dict.fromkeys(PERSONAL_FIELDS, ERASED)
        assert replayed.read_reason(dewi, dewi.actions[2]) is ERASED

    def test_hendra_was_opened_with_his_earlier_career(self, replayed: PersonnelService) -> None:
        state = _employee(replayed, HENDRA).state

        assert (state.status, state.grade, state.grade_since) == (
            EmployeeStatus.PNS, Grade("III/c"), date(2020, 4, 1))
        assert (state.appointed_on, state.probation_passed_on) == (date(2010, 3, 1),
                                                                   date(2011, 3, 1))
        assert state.appraisals == {2022: Rating.BAIK, 2023: Rating.SANGAT_BAIK}
        assert replayed.personal_data(HENDRA)["nip"] == "198409022010031002"
