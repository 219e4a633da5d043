"""A CPNS round and a JPT open selection recorded on a real SQLite file and PostgreSQL server,
then read back by a fresh service: the computed results survive the store unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from uuid import UUID

import pytest

from domain.checks import ApplicantInput, PersonInput
from domain.personnel_service import PersonnelService
from domain.recruitment_service import Screening, SkbScore, SkdScore
from domain.selection import CommitteeMember
from domain.values import (
    Education,
    EmployeeStatus,
    EmploymentType,
    Grade,
    LegalBasis,
    PositionType,
    ScreeningReason,
    SelectionStage,
    Sex,
)
from projections.stores.backend import Backend, open_service
from tests.builders.personnel import HR

SK = LegalBasis("800/1/2024", date(2024, 1, 5))


@pytest.fixture
def reopen(backend: Backend) -> Iterator[list[PersonnelService]]:
    """Fresh services on the same store, closed before the store is dropped."""
    opened: list[PersonnelService] = []
    yield opened
    for fresh in opened:
        fresh.close()


@dataclass
class Office:
    government: UUID
    agency: UUID
    unit: UUID
    head_post: UUID


def build_office(service: PersonnelService) -> Office:
    on = date(2001, 1, 1)
    government = service.establish_government(code="salatiga", name="Kota Salatiga",
                                              province="Jawa Tengah", effective_on=on, actor=HR)
    agency = service.establish_agency(government_id=government, code="bkpsdm", name="BKPSDM",
                                      effective_on=on, actor=HR)
    unit = service.add_unit(agency_id=agency, code="mutasi", name="Bidang Mutasi",
                            effective_on=on, actor=HR)
    head_post = service.establish_position(
        agency_id=agency, unit_id=unit, title="Kepala BKPSDM",
        position_type=PositionType.JPT_PRATAMA, lowest=Grade("IV/a"), highest=Grade("IV/d"),
        effective_on=on, actor=HR)
    return Office(government, agency, unit, head_post)


def run_cpns_round(service: PersonnelService, office: Office) -> tuple[UUID, dict[str, UUID],
                                                                       UUID]:
    """Four applicants for one place: one screened out, three ranked; the best appointed."""
    recruitment = service.recruitment
    round_id = recruitment.open_round(government_id=office.government, code="cpns-2024",
                                      title="Seleksi CPNS 2024", kind=EmploymentType.PNS,
                                      year=2024, effective_on=date(2024, 8, 1), actor=HR,
                                      legal_basis=SK)
    formation = recruitment.allocate_formation(
        round_id, agency_id=office.agency, unit_id=office.unit,
        position_title="Analis SDM Aparatur Ahli Pertama",
        position_type=PositionType.AHLI_PERTAMA, education=Education.S1, quota=1,
        effective_on=date(2024, 8, 1), actor=HR, legal_basis=None)
    recruitment.announce_round(round_id, registration_closes_on=date(2024, 9, 6),
                               effective_on=date(2024, 8, 20), actor=HR, legal_basis=None)
    ids = {}
    for n, name in enumerate(("Ani Wijaya", "Bayu Pratama", "Citra Lestari", "Dodi Saputra")):
        ids[name.split()[0]], _ = recruitment.register_applicant(
            round_id, formation_id=formation,
            person=ApplicantInput(name, f"33730{n:011d}", date(1996, 2, 1 + n), Sex.FEMALE),
            education=Education.S1, grade_average=320, effective_on=date(2024, 9, 1),
            actor=HR)
    recruitment.decide_screening(
        round_id, [Screening(ids["Ani"], True), Screening(ids["Bayu"], True),
                   Screening(ids["Citra"], True),
                   Screening(ids["Dodi"], False, (ScreeningReason.DOCUMENT_INVALID,))],
        effective_on=date(2024, 9, 10), actor=HR)
    recruitment.announce_screening(round_id, effective_on=date(2024, 9, 11), actor=HR,
                                   legal_basis=None)
    recruitment.record_skd_scores(
        round_id, [SkdScore(ids["Ani"], 100, 120, 180), SkdScore(ids["Bayu"], 110, 130, 190),
                   SkdScore(ids["Citra"], 90, 100, 170)],
        effective_on=date(2024, 10, 1), actor=HR)
    recruitment.choose_skb_participants(round_id, effective_on=date(2024, 10, 20), actor=HR,
                                        legal_basis=None)
    recruitment.record_skb_scores(
        round_id, [SkbScore(ids["Ani"], 90, 85, 80), SkbScore(ids["Bayu"], 70, 70, 70),
                   SkbScore(ids["Citra"], 80, 80, 80)],
        effective_on=date(2024, 11, 1), actor=HR)
    recruitment.integrate_final_scores(round_id, effective_on=date(2024, 11, 20), actor=HR,
                                       legal_basis=None)
    recruitment.announce_results(round_id, effective_on=date(2024, 11, 21), actor=HR,
                                 legal_basis=None)
    employee = recruitment.appoint_winner(round_id, applicant_id=ids["Ani"],
                                          nip="199602012025032001",
                                          effective_on=date(2025, 3, 1), actor=HR,
                                          legal_basis=SK)
    recruitment.close_round(round_id, effective_on=date(2025, 4, 1), actor=HR, legal_basis=None)
    return round_id, ids, employee


def run_selection(service: PersonnelService, office: Office) -> tuple[UUID, list[UUID]]:
    """Three senior PNS compete for the head's post; the second-ranked is chosen, with a
    reason, and inaugurated."""
    recruitment = service.recruitment
    employees = [
        service.open_record(
            person=PersonInput(name, f"19750{n + 1}012000031001", date(1975, n + 1, 1),
                               Sex.MALE),
            employment_type=EmploymentType.PNS, status=EmployeeStatus.PNS,
            agency_id=office.agency, unit_id=office.unit, education=Education.S2,
            grade=Grade("IV/b"), grade_since=date(2020, 4, 1), appointed_on=date(2000, 3, 1),
            probation_passed_on=date(2001, 3, 1), prior_ratings=(),
            effective_on=date(2024, 1, 2), actor=HR, legal_basis=None)
        for n, name in enumerate(("Eko Nugroho", "Fajar Hidayat", "Gilang Ramadhan"))]
    selection = recruitment.authorise_selection(position_id=office.head_post, code="jpt-2024",
                                                effective_on=date(2024, 1, 10), actor=HR,
                                                legal_basis=SK)
    recruitment.form_committee(
        selection, members=[CommitteeMember("Sekretaris Daerah", "Pemkot Salatiga", False),
                            CommitteeMember("Asisten Administrasi", "Pemkot Salatiga", False),
                            CommitteeMember("Inspektur", "Pemkot Salatiga", False),
                            CommitteeMember("Guru Besar", "UKSW", True),
                            CommitteeMember("Praktisi SDM", "Asosiasi", True)],
        effective_on=date(2024, 1, 15), actor=HR, legal_basis=None)
    recruitment.announce_vacancy(selection, closes_on=date(2024, 2, 10),
                                 effective_on=date(2024, 1, 20), actor=HR, legal_basis=None)
    candidates = [recruitment.apply_candidate(selection, employee_id=e,
                                              effective_on=date(2024, 2, 1), actor=HR)
                  for e in employees]
    scores = {SelectionStage.COMPETENCY: (70, 90, 80), SelectionStage.PAPER: (70, 60, 80),
              SelectionStage.INTERVIEW: (70, 85, 80)}
    for stage in SelectionStage:
        for i, candidate in enumerate(candidates):
            score = scores[stage][i] if stage in scores else None
            recruitment.record_stage(selection, candidate_id=candidate, stage=stage,
                                     passed=True, score=score, effective_on=date(2024, 2, 20),
                                     actor=HR)
    recruitment.submit_shortlist(selection, effective_on=date(2024, 3, 1), actor=HR,
                                 legal_basis=None)
    recruitment.choose_appointee(selection, candidate_id=candidates[2],
                                 reason="Rekam jejak pengelolaan ASN",
                                 effective_on=date(2024, 3, 5), actor=HR, legal_basis=None)
    recruitment.inaugurate(selection, effective_on=date(2024, 3, 15), actor=HR, legal_basis=SK)
    return selection, candidates


def test_a_recruitment_round_reads_back_the_same_from_a_fresh_service(
        backend: Backend, service: PersonnelService, reopen: list[PersonnelService]) -> None:
    office = build_office(service)
    round_id, ids, employee_id = run_cpns_round(service, office)
    original = service.recruitment.get_round(round_id)
    assert [original.applicants[ids[n]].rank for n in ("Ani", "Citra", "Bayu", "Dodi")] == [
        1, 2, 3, None]

    fresh = open_service(backend)
    reopen.append(fresh)
    reloaded = fresh.recruitment.get_round(round_id)

    assert reloaded.version == original.version
    assert reloaded.formations == original.formations
    assert reloaded.applicants == original.applicants
    assert [(a.id, a.final_score, a.rank) for a in reloaded.winners(
        next(iter(reloaded.formations)))] == [(ids["Ani"], "80.991", 1)]
    assert reloaded.closed_on == original.closed_on == date(2025, 4, 1)
    assert reloaded.applicants[ids["Ani"]].employee_id == employee_id
    state = fresh.get_employee(employee_id).state
    assert state == service.get_employee(employee_id).state
    assert (state.status, state.grade) == (EmployeeStatus.CPNS, Grade("III/a"))
    assert fresh.personal_data(employee_id)["name"] == "Ani Wijaya"
    applicant = reloaded.applicants[ids["Dodi"]]
    assert fresh.vault.open(applicant.subject_id, "nik",
                            applicant.personal["nik"]) == "3373000000000003"
    stored = b"".join(n.state for n in fresh.recorder.select_notifications(1, 10000))
    assert b"3373000000000003" not in stored and b"Ani Wijaya" not in stored


def test_an_open_selection_reads_back_the_same_from_a_fresh_service(
        backend: Backend, service: PersonnelService, reopen: list[PersonnelService]) -> None:
    office = build_office(service)
    selection_id, candidates = run_selection(service, office)
    original = service.recruitment.get_selection(selection_id)
    assert [(s.candidate_id, s.score) for s in original.shortlist] == [
        (candidates[1], "82.500"), (candidates[2], "80.000"), (candidates[0], "70.000")]

    fresh = open_service(backend)
    reopen.append(fresh)
    reloaded = fresh.recruitment.get_selection(selection_id)

    assert reloaded.version == original.version
    assert reloaded.committee == original.committee
    assert reloaded.candidates == original.candidates
    assert reloaded.results == original.results
    assert reloaded.shortlist == original.shortlist
    assert reloaded.appointee == original.appointee == candidates[2]
    assert reloaded.closed_on == date(2024, 3, 15)
    appointee = reloaded.candidates[candidates[2]]
    state = fresh.get_employee(appointee).state
    assert state == service.get_employee(appointee).state
    assert state.position_id == office.head_post
    assert fresh.get_position(office.head_post).holder_id == appointee
