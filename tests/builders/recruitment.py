"""Builders for recruitment tests: CPNS/PPPK rounds and JPT open selections at any stage.

Every step goes through `service.recruitment`, the way the application records it. Dates follow
one calendar (a 2024 round, appointments on 1 March 2025), so a test only names what it varies.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from domain.checks import ApplicantInput
from domain.recruitment import RecruitmentRound
from domain.recruitment_service import (
    CompetencyScore,
    RecruitmentService,
    Screening,
    SkbScore,
    SkdScore,
)
from domain.recruitment_values import Ranked
from domain.selection import CommitteeMember, OpenSelection, Shortlisted
from domain.values import (
    Education,
    EmploymentType,
    Grade,
    PositionType,
    ScreeningReason,
    SelectionStage,
    Sex,
    Track,
)
from tests.builders.personnel import OFFICER, Organisation, decree, ni_pppk_for, nip_for

# The calendar of a 2024 round.
OPENED_ON = date(2024, 8, 1)
ANNOUNCED_ON = date(2024, 8, 20)
REGISTERED_ON = date(2024, 9, 1)
CLOSES_ON = date(2024, 9, 6)  # last day of registration; ages are taken on it
SCREENED_ON = date(2024, 9, 10)
SCREENING_ANNOUNCED_ON = date(2024, 9, 11)
SKD_ON = date(2024, 10, 1)
SKB_CHOSEN_ON = date(2024, 10, 20)
SKB_ON = date(2024, 11, 1)
INTEGRATED_ON = date(2024, 11, 20)
RESULTS_ON = date(2024, 11, 21)
APPOINTED_ON = date(2025, 3, 1)

PASSING_SKD = (100, 120, 180)  # TWK, TIU, TKP: above every general bar, total 400
FAILING_SKD = (60, 120, 180)  # TWK below 65
SOME_SKB = (80, 70, 60)  # CAT, interview, extra


@dataclass
class RoundBuilder:
    """A round of the organisation's government, and its applicants' clear data."""

    org: Organisation
    round_id: UUID
    formation_ids: list[UUID]
    births: dict[UUID, date] = field(default_factory=dict)
    niks: dict[UUID, str] = field(default_factory=dict)
    _people: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def recruitment(self) -> RecruitmentService:
        return self.org.service.recruitment

    @property
    def round(self) -> RecruitmentRound:
        return self.recruitment.get_round(self.round_id)

    @property
    def formation_id(self) -> UUID:
        return self.formation_ids[0]

    # -- registration ------------------------------------------------------------------------

    def register(self, formation_id: UUID | None = None, *, born: date | None = None,
                 nik: str | None = None, gpa: int = 300, name: str | None = None,
                 education: Education = Education.S1, on: date = REGISTERED_ON) -> UUID:
        """An applicant with a NIK and birth date of their own (unless given)."""
        n = next(self._people)
        born = born or date(1995, 1, 1) + timedelta(days=n)
        nik = nik or f"3374{n:012d}"
        applicant_id, _ = self.recruitment.register_applicant(
            self.round_id, formation_id=formation_id or self.formation_id,
            person=ApplicantInput(name or f"Pelamar Nomor {n}", nik, born, Sex.FEMALE,
                                  f"pelamar{n}@contoh.id"),
            education=education, grade_average=gpa, effective_on=on, actor=OFFICER,
            id=self.org.new_id(), subject_id=self.org.new_id())
        self.births[applicant_id], self.niks[applicant_id] = born, nik
        return applicant_id

    def register_many(self, count: int, formation_id: UUID | None = None) -> list[UUID]:
        return [self.register(formation_id) for _ in range(count)]

    # -- screening ---------------------------------------------------------------------------

    def decide(self, meets: Iterable[UUID] = (), fails: Iterable[UUID] = (),
               on: date = SCREENED_ON) -> None:
        decisions = [Screening(a, True) for a in meets]
        decisions += [Screening(a, False, (ScreeningReason.DOCUMENT_MISSING,)) for a in fails]
        self.recruitment.decide_screening(self.round_id, decisions, effective_on=on,
                                          actor=OFFICER)

    def announce_screening(self, on: date = SCREENING_ANNOUNCED_ON) -> None:
        self.recruitment.announce_screening(self.round_id, effective_on=on, actor=OFFICER,
                                            legal_basis=None)

    def screen(self, meets: Iterable[UUID] = (), fails: Iterable[UUID] = ()) -> None:
        """Decide and announce the administrative screening."""
        self.decide(meets, fails)
        self.announce_screening()

    # -- scores ------------------------------------------------------------------------------

    def skd(self, scores: Mapping[UUID, tuple[int, int, int]], on: date = SKD_ON) -> None:
        self.recruitment.record_skd_scores(
            self.round_id, [SkdScore(a, *s) for a, s in scores.items()], effective_on=on,
            actor=OFFICER)

    def choose_skb(self, on: date = SKB_CHOSEN_ON) -> tuple[UUID, ...]:
        return self.recruitment.choose_skb_participants(self.round_id, effective_on=on,
                                                        actor=OFFICER, legal_basis=None)

    def skb(self, scores: Mapping[UUID, tuple[int, int, int]], on: date = SKB_ON) -> None:
        self.recruitment.record_skb_scores(
            self.round_id, [SkbScore(a, *s) for a, s in scores.items()], effective_on=on,
            actor=OFFICER)

    def competency(self, scores: Mapping[UUID, tuple[int, int, int, int]],
                   on: date = SKD_ON) -> None:
        self.recruitment.record_competency_scores(
            self.round_id, [CompetencyScore(a, *s) for a, s in scores.items()],
            effective_on=on, actor=OFFICER)

    def integrate(self, on: date = INTEGRATED_ON) -> tuple[Ranked, ...]:
        return self.recruitment.integrate_final_scores(self.round_id, effective_on=on,
                                                       actor=OFFICER, legal_basis=None)

    def announce_results(self, on: date = RESULTS_ON) -> None:
        self.recruitment.announce_results(self.round_id, effective_on=on, actor=OFFICER,
                                          legal_basis=None)

    # -- after the results -------------------------------------------------------------------

    def withdraw(self, applicant_id: UUID, on: date = date(2024, 12, 1)) -> None:
        self.recruitment.withdraw(self.round_id, applicant_id=applicant_id, effective_on=on,
                                  actor=OFFICER)

    def appoint(self, applicant_id: UUID, on: date = APPOINTED_ON) -> UUID:
        """Appoint with an identity number matching the applicant's birth date and sex."""
        sequence = self.org.next_sequence()
        born = self.births[applicant_id]
        if self.round.is_cpns:
            return self.recruitment.appoint_winner(
                self.round_id, applicant_id=applicant_id,
                nip=nip_for(born, on, Sex.FEMALE, sequence), effective_on=on, actor=OFFICER,
                legal_basis=decree("813/001/CPNS", on), id=self.org.new_id())
        return self.recruitment.appoint_winner(
            self.round_id, applicant_id=applicant_id,
            nip=ni_pppk_for(born, on, Sex.FEMALE, sequence), effective_on=on, actor=OFFICER,
            legal_basis=decree("813/001/PPPK", on),
            contract_ends_on=on.replace(year=on.year + 5) - timedelta(days=1),
            id=self.org.new_id())

    def close(self, on: date = date(2025, 4, 1)) -> None:
        self.recruitment.close_round(self.round_id, effective_on=on, actor=OFFICER,
                                     legal_basis=None)

    # -- the whole way -----------------------------------------------------------------------

    def to_results(self, skd: Mapping[UUID, tuple[int, int, int]],
                   skb: Mapping[UUID, tuple[int, int, int]]) -> tuple[Ranked, ...]:
        """Screen everyone in, record the SKD, choose the SKB participants, record the SKB
        of those of `skb` who were chosen, integrate and announce. Returns the ranking."""
        self.screen(meets=list(skd))
        self.skd(skd)
        chosen = set(self.choose_skb())
        self.skb({a: s for a, s in skb.items() if a in chosen})
        ranked = self.integrate()
        self.announce_results()
        return ranked


def open_round(org: Organisation, *, kind: EmploymentType = EmploymentType.PNS,
               code: str = "cpns-2024", year: int = 2024, on: date = OPENED_ON) -> UUID:
    return org.service.recruitment.open_round(
        government_id=org.government_id, code=code, title=f"Seleksi {kind.value} {year}",
        kind=kind, year=year, effective_on=on, actor=OFFICER,
        legal_basis=decree("800/100/BKPSDM", on), id=org.new_id())


def cpns_round(org: Organisation, *, quotas: Sequence[int] = (1,),
               track: Track = Track.GENERAL, code: str = "cpns-2024",
               announce: bool = True) -> RoundBuilder:
    """A CPNS round with one S1 formation (ahli pertama) per quota, announced unless not."""
    round_id = open_round(org, code=code)
    recruitment = org.service.recruitment
    formation_ids = [
        recruitment.allocate_formation(
            round_id, agency_id=org.agency_id, unit_id=org.division_id,
            position_title=f"Analis SDM Aparatur Ahli Pertama {i + 1}",
            position_type=PositionType.AHLI_PERTAMA, education=Education.S1, quota=quota,
            track=track, effective_on=OPENED_ON, actor=OFFICER, legal_basis=None,
            id=org.new_id())
        for i, quota in enumerate(quotas)]
    if announce:
        recruitment.announce_round(round_id, registration_closes_on=CLOSES_ON,
                                   effective_on=ANNOUNCED_ON, actor=OFFICER, legal_basis=None)
    return RoundBuilder(org, round_id, formation_ids)


def pppk_round(org: Organisation, *, quota: int = 1, technical_bar: int = 300,
               code: str = "pppk-2024") -> RoundBuilder:
    """An announced PPPK round with one S1 formation (ahli pertama, grade IX)."""
    round_id = open_round(org, kind=EmploymentType.PPPK, code=code)
    recruitment = org.service.recruitment
    formation_id = recruitment.allocate_formation(
        round_id, agency_id=org.agency_id, unit_id=org.division_id,
        position_title="Pranata Komputer Ahli Pertama", position_type=PositionType.AHLI_PERTAMA,
        education=Education.S1, quota=quota, grade=Grade("IX"),
        technical_passing_grade=technical_bar, effective_on=OPENED_ON, actor=OFFICER,
        legal_basis=None, id=org.new_id())
    recruitment.announce_round(round_id, registration_closes_on=CLOSES_ON,
                               effective_on=ANNOUNCED_ON, actor=OFFICER, legal_basis=None)
    return RoundBuilder(org, round_id, [formation_id])


# -- JPT open selection ----------------------------------------------------------------------

AUTHORISED_ON = date(2024, 1, 10)
COMMITTEE_ON = date(2024, 1, 15)
VACANCY_ON = date(2024, 1, 20)
APPLICATIONS_CLOSE_ON = date(2024, 2, 10)
APPLIED_ON = date(2024, 2, 1)
ASSESSED_ON = date(2024, 2, 20)
SHORTLISTED_ON = date(2024, 3, 1)
CHOSEN_ON = date(2024, 3, 5)
INAUGURATED_ON = date(2024, 3, 15)

SCORED = (SelectionStage.COMPETENCY, SelectionStage.PAPER, SelectionStage.INTERVIEW)


def committee(internal: int = 3, external: int = 2) -> list[CommitteeMember]:
    return ([CommitteeMember(f"Pejabat Internal {i}", "Pemerintah Kota Contoh", False)
             for i in range(internal)]
            + [CommitteeMember(f"Akademisi {i}", "Universitas Padjadjaran", True)
               for i in range(external)])


@dataclass
class SelectionBuilder:
    org: Organisation
    selection_id: UUID
    position_id: UUID

    @property
    def recruitment(self) -> RecruitmentService:
        return self.org.service.recruitment

    @property
    def selection(self) -> OpenSelection:
        return self.recruitment.get_selection(self.selection_id)

    def form_committee(self, members: Iterable[CommitteeMember] | None = None,
                       on: date = COMMITTEE_ON) -> None:
        self.recruitment.form_committee(self.selection_id, members=members or committee(),
                                        effective_on=on, actor=OFFICER, legal_basis=None)

    def announce(self, closes_on: date = APPLICATIONS_CLOSE_ON, on: date = VACANCY_ON) -> None:
        self.recruitment.announce_vacancy(self.selection_id, closes_on=closes_on,
                                          effective_on=on, actor=OFFICER, legal_basis=None)

    def candidate(self, grade: str = "IV/a", on: date = APPLIED_ON) -> UUID:
        """A PNS of the organisation at `grade` applies; returns the candidate id."""
        employee_id = self.org.open_record(grade=grade)
        return self.apply(employee_id, on)

    def apply(self, employee_id: UUID, on: date = APPLIED_ON) -> UUID:
        return self.recruitment.apply_candidate(self.selection_id, employee_id=employee_id,
                                                effective_on=on, actor=OFFICER,
                                                id=self.org.new_id())

    def stage(self, candidate_id: UUID, stage: SelectionStage, *, passed: bool = True,
              score: int | None = None, on: date = ASSESSED_ON) -> None:
        self.recruitment.record_stage(self.selection_id, candidate_id=candidate_id, stage=stage,
                                      passed=passed, score=score, effective_on=on,
                                      actor=OFFICER)

    def pass_all(self, candidate_id: UUID, competency: int, paper: int, interview: int,
                 *, until: SelectionStage | None = None) -> None:
        """Every stage passed in order (up to and including `until`), with these scores."""
        scores = {SelectionStage.COMPETENCY: competency, SelectionStage.PAPER: paper,
                  SelectionStage.INTERVIEW: interview}
        for stage in SelectionStage:
            self.stage(candidate_id, stage, score=scores.get(stage))
            if stage is until:
                return

    def shortlist(self, on: date = SHORTLISTED_ON) -> tuple[Shortlisted, ...]:
        return self.recruitment.submit_shortlist(self.selection_id, effective_on=on,
                                                 actor=OFFICER, legal_basis=None)

    def choose(self, candidate_id: UUID, reason: str | None = None,
               on: date = CHOSEN_ON) -> None:
        self.recruitment.choose_appointee(self.selection_id, candidate_id=candidate_id,
                                          reason=reason, effective_on=on, actor=OFFICER,
                                          legal_basis=None)

    def inaugurate(self, on: date = INAUGURATED_ON) -> UUID:
        return self.recruitment.inaugurate(self.selection_id, effective_on=on, actor=OFFICER,
                                           legal_basis=decree("821.2/010/JPT", on))


def authorised_selection(org: Organisation, *, position_id: UUID | None = None,
                         code: str = "jpt-2024-01") -> SelectionBuilder:
    position_id = position_id or org.establish_position(PositionType.JPT_PRATAMA)
    selection_id = org.service.recruitment.authorise_selection(
        position_id=position_id, code=code, effective_on=AUTHORISED_ON, actor=OFFICER,
        legal_basis=decree("B/123/KASN/2024", AUTHORISED_ON), id=org.new_id())
    return SelectionBuilder(org, selection_id, position_id)


def announced_selection(org: Organisation) -> SelectionBuilder:
    """Authorised, with a committee of 3 internal and 2 external members, announced."""
    builder = authorised_selection(org)
    builder.form_committee()
    builder.announce()
    return builder


def assessed_selection(org: Organisation, scores: Sequence[tuple[int, int, int]]
                       ) -> tuple[SelectionBuilder, list[UUID]]:
    """Announced, one candidate per (competency, paper, interview), each passing every stage."""
    builder = announced_selection(org)
    candidates = [builder.candidate() for _ in scores]
    for candidate_id, (competency, paper, interview) in zip(candidates, scores, strict=True):
        builder.pass_all(candidate_id, competency, paper, interview)
    return builder, candidates
