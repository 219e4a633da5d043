"""Seleksi CPNS/PPPK: a recruitment round from its formations to the appointment of its winners.

Every step is an event on the round, so the whole process is on the record, not only who was
appointed. What the rules compute — whether an SKD score passes, who goes on to the SKB, final
scores and ranks — is computed here from the recorded scores and stored as the computed result;
no command accepts a final score or a rank. Personal data of applicants (name, NIK, birth date,
sex, contact) arrives sealed by the vault; the NIK is also kept as a keyed hash, per round, so a
second registration of the same person is refused without the number ever being stored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from fractions import Fraction
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain import recruitment_rules as rules
from domain.checks import age_on, checked_code, checked_name
from domain.errors import DomainError
from domain.events import RecordedEvent
from domain.privacy import Sealed
from domain.recruitment_values import APPLICANT_FIELDS, Applicant, Formation, Ranked
from domain.regulations import (
    SKD_PASSING_GRADES,
    RecruitmentRule,
    in_force,
    recruitment_rule,
    starting_grade,
)
from domain.values import (
    Actor,
    Education,
    EmploymentType,
    LegalBasis,
    PositionType,
    ScreeningReason,
)


class RecruitmentRound(Aggregate):
    """One CPNS or PPPK recruitment round of a regional government."""

    class Event(RecordedEvent):
        def apply(self, aggregate: RecruitmentRound) -> None:
            aggregate.latest_on = max(aggregate.latest_on, self.effective_on)
            self.change(aggregate)

        def change(self, aggregate: RecruitmentRound) -> None:
            """How the event changes the round (each event class says)."""

    class Opened(Event, Aggregate.Created):
        government_id: UUID
        code: str
        title: str
        kind: EmploymentType
        year: int

    class FormationAllocated(Event):
        formation: Formation

        def change(self, aggregate: RecruitmentRound) -> None:
            aggregate.formations[self.formation.id] = self.formation

    class Announced(Event):
        registration_closes_on: date

        def change(self, aggregate: RecruitmentRound) -> None:
            aggregate.announced_on = self.effective_on
            aggregate.registration_closes_on = self.registration_closes_on

    class ApplicantRegistered(Event):
        applicant_id: UUID
        formation_id: UUID
        exam_number: str
        subject_id: UUID
        nik_token: str
        education: Education
        grade_average: int
        name: Sealed
        nik: Sealed
        birth_on: Sealed
        sex: Sealed
        contact: Sealed | None

        def change(self, aggregate: RecruitmentRound) -> None:
            aggregate.applicants[self.applicant_id] = Applicant(
                id=self.applicant_id, formation_id=self.formation_id,
                exam_number=self.exam_number, subject_id=self.subject_id,
                registered_on=self.effective_on, education=self.education,
                grade_average=self.grade_average,
                personal={name: getattr(self, name) for name in APPLICANT_FIELDS})
            aggregate.nik_tokens.add(self.nik_token)

    class ScreeningDecided(Event):
        applicant_id: UUID
        meets: bool
        reasons: tuple[ScreeningReason, ...]

        def change(self, aggregate: RecruitmentRound) -> None:
            aggregate.update(self.applicant_id, meets=self.meets, reasons=self.reasons)

    class ScreeningAnnounced(Event):
        def change(self, aggregate: RecruitmentRound) -> None:
            aggregate.screening_announced_on = self.effective_on

    class ObjectionFiled(Event):
        applicant_id: UUID

        def change(self, aggregate: RecruitmentRound) -> None:
            aggregate.update(self.applicant_id, objection="filed")

    class ObjectionResolved(Event):
        applicant_id: UUID
        granted: bool

        def change(self, aggregate: RecruitmentRound) -> None:
            if self.granted:
                aggregate.update(self.applicant_id, objection="granted", meets=True,
                                 reasons=())
            else:
                aggregate.update(self.applicant_id, objection="refused")

    class SkdScored(Event):
        applicant_id: UUID
        twk: int
        tiu: int
        tkp: int
        passed: bool  # computed from the passing grade of the round's year and track

        def change(self, aggregate: RecruitmentRound) -> None:
            aggregate.update(self.applicant_id, skd=(self.twk, self.tiu, self.tkp),
                             skd_passed=self.passed)

    class SkbParticipantsChosen(Event):
        applicant_ids: tuple[UUID, ...]  # computed: top 3 × quota per formation, with ties

        def change(self, aggregate: RecruitmentRound) -> None:
            aggregate.skb_chosen = True
            for applicant_id in self.applicant_ids:
                aggregate.update(applicant_id, skb_participant=True)

    class SkbScored(Event):
        applicant_id: UUID
        cat: int
        interview: int
        extra: int

        def change(self, aggregate: RecruitmentRound) -> None:
            aggregate.update(self.applicant_id, skb=(self.cat, self.interview, self.extra))

    class CompetencyScored(Event):
        applicant_id: UUID
        technical: int
        managerial: int
        sociocultural: int
        interview: int
        passed: bool  # computed

        def change(self, aggregate: RecruitmentRound) -> None:
            aggregate.update(self.applicant_id, competency=(
                self.technical, self.managerial, self.sociocultural, self.interview),
                competency_passed=self.passed)

    class FinalScoresIntegrated(Event):
        results: tuple[Ranked, ...]  # computed: never entered by hand

        def change(self, aggregate: RecruitmentRound) -> None:
            aggregate.integrated = True
            for result in self.results:
                aggregate.update(result.applicant_id, final_score=result.final_score,
                                 rank=result.rank)

    class ResultsAnnounced(Event):
        def change(self, aggregate: RecruitmentRound) -> None:
            aggregate.results_announced_on = self.effective_on

    class ApplicantWithdrew(Event):
        applicant_id: UUID

        def change(self, aggregate: RecruitmentRound) -> None:
            aggregate.update(self.applicant_id, withdrawn=True)

    class WinnerAppointed(Event):
        applicant_id: UUID
        employee_id: UUID

        def change(self, aggregate: RecruitmentRound) -> None:
            aggregate.update(self.applicant_id, employee_id=self.employee_id)

    class ApplicantDataErased(Event):
        applicant_id: UUID

        def change(self, aggregate: RecruitmentRound) -> None:
            aggregate.update(self.applicant_id, erased=True)

    class Closed(Event):
        def change(self, aggregate: RecruitmentRound) -> None:
            aggregate.closed_on = self.effective_on

    def __init__(self, government_id: UUID, code: str, title: str, kind: EmploymentType,
                 year: int) -> None:
        self.government_id, self.code, self.title = government_id, code, title
        self.kind, self.year = kind, year
        self.formations: dict[UUID, Formation] = {}
        self.applicants: dict[UUID, Applicant] = {}
        self.nik_tokens: set[str] = set()
        self.latest_on = date.min
        self.announced_on: date | None = None
        self.registration_closes_on: date | None = None
        self.screening_announced_on: date | None = None
        self.skb_chosen = False
        self.integrated = False
        self.results_announced_on: date | None = None
        self.closed_on: date | None = None

    def __deepcopy__(self, memo: dict[int, Any]) -> RecruitmentRound:
        # Formations and applicants are immutable values, replaced whole on every change, so
        # a copy of the containers is a full copy; the cache hands out one per command.
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy.formations = dict(self.formations)
        copy.applicants = dict(self.applicants)
        copy.nik_tokens = set(self.nik_tokens)
        # Never share the list of new events: a dry run's events must not reach the cache.
        copy._pending_events = list(self._pending_events)
        return copy

    def update(self, applicant_id: UUID, **changes: Any) -> None:
        self.applicants[applicant_id] = dataclasses.replace(
            self.applicants[applicant_id], **changes)

    # -- reading -----------------------------------------------------------------------------

    @property
    def rule(self) -> RecruitmentRule:
        """The rules of the year the round was opened in."""
        return recruitment_rule(date(self.year, 1, 1))

    @property
    def is_cpns(self) -> bool:
        return self.kind is EmploymentType.PNS

    def applicant(self, applicant_id: UUID) -> Applicant:
        found = self.applicants.get(applicant_id)
        if found is None:
            raise DomainError("NOT_FOUND", field="applicant_id", what="Pelamar")
        return found

    def of_formation(self, formation_id: UUID) -> list[Applicant]:
        return [a for a in self.applicants.values() if a.formation_id == formation_id]

    def winners(self, formation_id: UUID) -> list[Applicant]:
        """The applicants now entitled to the formation's places: the best-ranked `quota` who
        have not withdrawn (so a withdrawal lets the next ranked applicant in)."""
        quota = self.formations[formation_id].quota
        ranked = sorted((a for a in self.of_formation(formation_id)
                         if a.rank is not None and not a.withdrawn), key=lambda a: a.rank or 0)
        return ranked[:quota]

    # -- commands ----------------------------------------------------------------------------

    @classmethod
    def open(cls, *, government_id: UUID, code: str, title: str, kind: EmploymentType,
             year: int, effective_on: date, actor: Actor, legal_basis: LegalBasis | None,
             id: UUID | None = None) -> RecruitmentRound:
        if abs(year - effective_on.year) > 1:
            raise DomainError("ROUND_YEAR_INVALID", field="year", year=effective_on.year)
        return cls._create(cls.Opened, id=id, government_id=government_id,
                           code=checked_code(code), title=checked_name(title, "title"),
                           kind=kind, year=year, effective_on=effective_on, actor=actor,
                           legal_basis=legal_basis)

    def allocate_formation(self, *, formation: Formation, effective_on: date, actor: Actor,
                           legal_basis: LegalBasis | None) -> None:
        self._check_open(effective_on)
        if self.announced_on is not None:
            raise DomainError("ROUND_ALREADY_ANNOUNCED", field="formation")
        if not 1 <= formation.quota <= 10_000:
            raise DomainError("FORMATION_QUOTA_INVALID", field="quota")
        if formation.position_type.is_jpt or formation.position_type in (
                PositionType.ADMINISTRATOR, PositionType.PENGAWAS):
            raise DomainError("FORMATION_POSITION_TYPE", field="position_type")
        if self.is_cpns:
            if formation.grade != starting_grade(formation.education):
                raise DomainError("FORMATION_GRADE_MISMATCH", field="grade",
                                  grade=starting_grade(formation.education))
            if formation.technical_passing_grade is not None:
                raise DomainError("FORMATION_TECHNICAL_BAR", field="technical_passing_grade",
                                  maximum=self.rule.pppk_maxima[0])
        else:
            if not formation.grade.is_pppk:
                raise DomainError("PPPK_GRADE_REQUIRED", field="grade")
            bar = formation.technical_passing_grade
            if bar is None or not 0 < bar <= self.rule.pppk_maxima[0]:
                raise DomainError("FORMATION_TECHNICAL_BAR", field="technical_passing_grade",
                                  maximum=self.rule.pppk_maxima[0])
        self.trigger_event(self.FormationAllocated, formation=formation,
                           effective_on=effective_on, actor=actor, legal_basis=legal_basis)

    def announce(self, *, registration_closes_on: date, effective_on: date, actor: Actor,
                 legal_basis: LegalBasis | None) -> None:
        self._check_open(effective_on)
        if self.announced_on is not None:
            raise DomainError("ROUND_ALREADY_ANNOUNCED", field="effective_on")
        if not self.formations:
            raise DomainError("ROUND_NO_FORMATIONS", field="formation")
        if registration_closes_on <= effective_on:
            raise DomainError("REGISTRATION_CLOSE_INVALID", field="registration_closes_on")
        self.trigger_event(self.Announced, registration_closes_on=registration_closes_on,
                           effective_on=effective_on, actor=actor, legal_basis=legal_basis)

    def register_applicant(self, *, applicant_id: UUID, formation_id: UUID, subject_id: UUID,
                           nik_token: str, education: Education, grade_average: int,
                           birth_on: date, sealed: Mapping[str, Sealed | None],
                           effective_on: date, actor: Actor) -> str:
        """Pendaftaran; `birth_on` (in clear, never stored so) checks the age limit.
        Returns the exam number given to the applicant."""
        self._check_closed()
        if self.announced_on is None or self.registration_closes_on is None:
            raise DomainError("ROUND_NOT_ANNOUNCED", field="effective_on")
        if not self.announced_on <= effective_on <= self.registration_closes_on:
            raise DomainError("REGISTRATION_CLOSED", field="effective_on",
                              closes_on=self.registration_closes_on.isoformat())
        formation = self.formations.get(formation_id)
        if formation is None:
            raise DomainError("NOT_FOUND", field="formation_id", what="Formasi")
        if nik_token in self.nik_tokens:
            raise DomainError("APPLICANT_DUPLICATE", field="nik")
        if education is not formation.education:
            raise DomainError("APPLICANT_EDUCATION_MISMATCH", field="education",
                              education=formation.education.value)
        if not 0 <= grade_average <= 10_000:
            raise DomainError("GRADE_AVERAGE_INVALID", field="grade_average")
        lowest, highest = rules.age_limits(self.rule, self.is_cpns, formation)
        age = age_on(birth_on, self.registration_closes_on)
        if not lowest <= age <= highest:
            raise DomainError("APPLICANT_AGE", field="birth_on", lowest=lowest, highest=highest)
        exam_number = f"{self.code.upper()}-{len(self.applicants) + 1:05d}"
        self.trigger_event(self.ApplicantRegistered, applicant_id=applicant_id,
                           formation_id=formation_id, exam_number=exam_number,
                           subject_id=subject_id, nik_token=nik_token, education=education,
                           grade_average=grade_average,
                           **{name: sealed.get(name) for name in APPLICANT_FIELDS},
                           effective_on=effective_on, actor=actor, legal_basis=None)
        return exam_number

    def decide_screening(self, *, applicant_id: UUID, meets: bool,
                         reasons: Iterable[ScreeningReason], effective_on: date, actor: Actor
                         ) -> None:
        """Seleksi administrasi: MS, or TMS with at least one reason code."""
        self._check_open(effective_on)
        applicant = self.applicant(applicant_id)
        if self.registration_closes_on is None or effective_on <= self.registration_closes_on:
            raise DomainError("SCREENING_BEFORE_CLOSE", field="effective_on")
        if self.screening_announced_on is not None:
            raise DomainError("SCREENING_ALREADY_ANNOUNCED", field="applicant_id")
        reasons = tuple(dict.fromkeys(reasons))
        if meets == bool(reasons):
            raise DomainError("SCREENING_REASON_REQUIRED", field="reasons")
        self.trigger_event(self.ScreeningDecided, applicant_id=applicant.id, meets=meets,
                           reasons=reasons, effective_on=effective_on, actor=actor,
                           legal_basis=None)

    def announce_screening(self, *, effective_on: date, actor: Actor,
                           legal_basis: LegalBasis | None) -> None:
        self._check_open(effective_on)
        if self.screening_announced_on is not None:
            raise DomainError("SCREENING_ALREADY_ANNOUNCED", field="effective_on")
        undecided = sum(1 for a in self.applicants.values() if a.meets is None)
        if undecided or not self.applicants:
            raise DomainError("SCREENING_INCOMPLETE", field="effective_on", count=undecided)
        self.trigger_event(self.ScreeningAnnounced, effective_on=effective_on, actor=actor,
                           legal_basis=legal_basis)

    def file_objection(self, *, applicant_id: UUID, effective_on: date, actor: Actor) -> None:
        """Sanggah against a TMS result, within the days after the announcement."""
        self._check_open(effective_on)
        applicant = self.applicant(applicant_id)
        if self.screening_announced_on is None:
            raise DomainError("SCREENING_NOT_ANNOUNCED", field="effective_on")
        if applicant.meets is not False:
            raise DomainError("OBJECTION_NOT_REJECTED", field="applicant_id")
        if applicant.objection is not None:
            raise DomainError("OBJECTION_DUPLICATE", field="applicant_id")
        last_day = self.screening_announced_on + timedelta(days=self.rule.objection_days)
        if effective_on > last_day:
            raise DomainError("OBJECTION_WINDOW_CLOSED", field="effective_on",
                              days=self.rule.objection_days)
        self.trigger_event(self.ObjectionFiled, applicant_id=applicant_id,
                           effective_on=effective_on, actor=actor, legal_basis=None)

    def resolve_objection(self, *, applicant_id: UUID, granted: bool, effective_on: date,
                          actor: Actor, legal_basis: LegalBasis | None) -> None:
        self._check_open(effective_on)
        applicant = self.applicant(applicant_id)
        if applicant.objection != "filed":
            raise DomainError("OBJECTION_NOT_FILED", field="applicant_id")
        assert self.screening_announced_on is not None
        if effective_on > self.screening_announced_on + timedelta(
                days=self.rule.reannounce_days):
            raise DomainError("OBJECTION_RESOLUTION_LATE", field="effective_on",
                              days=self.rule.reannounce_days)
        self.trigger_event(self.ObjectionResolved, applicant_id=applicant_id, granted=granted,
                           effective_on=effective_on, actor=actor, legal_basis=legal_basis)

    def score_skd(self, *, applicant_id: UUID, twk: int, tiu: int, tkp: int,
                  effective_on: date, actor: Actor) -> None:
        """SKD result from the CAT system; whether it passes is computed, not entered."""
        applicant = self._scorable(applicant_id, effective_on, cpns=True)
        if self.skb_chosen:
            raise DomainError("STAGE_CLOSED", field="applicant_id")
        rules.check_skd(self.rule, twk, tiu, tkp)
        track = self.formations[applicant.formation_id].track
        passed = in_force(SKD_PASSING_GRADES[track], date(self.year, 1, 1)).passes(twk, tiu, tkp)
        self.trigger_event(self.SkdScored, applicant_id=applicant_id, twk=twk, tiu=tiu, tkp=tkp,
                           passed=passed, effective_on=effective_on, actor=actor,
                           legal_basis=None)

    def choose_skb_participants(self, *, effective_on: date, actor: Actor,
                                legal_basis: LegalBasis | None) -> tuple[UUID, ...]:
        """Per formation, the best SKD results among those who passed, 3 × quota of them plus
        everyone tied with the last; computed from the recorded scores. Equal totals are
        ordered by TKP, then TIU, then TWK; only identical scores tie."""
        self._check_open(effective_on)
        self._check_cpns()
        self._check_objections_settled(effective_on)
        if self.skb_chosen:
            raise DomainError("STAGE_CLOSED", field="effective_on")
        chosen = [a.id for formation in self.formations.values()
                  for a in rules.skb_places(self.of_formation(formation.id),
                                              formation.quota * self.rule.skb_multiplier)]
        self.trigger_event(self.SkbParticipantsChosen, applicant_ids=tuple(chosen),
                           effective_on=effective_on, actor=actor, legal_basis=legal_basis)
        return tuple(chosen)

    def score_skb(self, *, applicant_id: UUID, cat: int, interview: int, extra: int,
                  effective_on: date, actor: Actor) -> None:
        self._check_open(effective_on)
        self._check_cpns()
        applicant = self.applicant(applicant_id)
        if not applicant.skb_participant:
            raise DomainError("SKB_NOT_PARTICIPANT", field="applicant_id")
        if self.integrated:
            raise DomainError("STAGE_CLOSED", field="applicant_id")
        if applicant.skb is not None:
            raise DomainError("SCORE_ALREADY_RECORDED", field="applicant_id")
        rules.check_skb(cat, interview, extra)
        self.trigger_event(self.SkbScored, applicant_id=applicant_id, cat=cat,
                           interview=interview, extra=extra, effective_on=effective_on,
                           actor=actor, legal_basis=None)

    def score_competency(self, *, applicant_id: UUID, technical: int, managerial: int,
                         sociocultural: int, interview: int, effective_on: date, actor: Actor
                         ) -> None:
        """PPPK: competency tests and interview; passing is computed from the bars."""
        applicant = self._scorable(applicant_id, effective_on, cpns=False)
        if self.integrated:
            raise DomainError("STAGE_CLOSED", field="applicant_id")
        passed = rules.check_competency(
            self.rule, self.formations[applicant.formation_id], technical, managerial,
            sociocultural, interview)
        self.trigger_event(self.CompetencyScored, applicant_id=applicant_id,
                           technical=technical, managerial=managerial,
                           sociocultural=sociocultural, interview=interview, passed=passed,
                           effective_on=effective_on, actor=actor, legal_basis=None)

    def integrate_final_scores(self, *, birth_dates: Mapping[UUID, date], effective_on: date,
                               actor: Actor, legal_basis: LegalBasis | None
                               ) -> tuple[Ranked, ...]:
        """Compute every ranked applicant's final score and rank, formation by formation.

        `birth_dates` (opened from the vault by the service) only break the last tie: the older
        applicant first; an erased birth date counts as the youngest.
        """
        self._check_open(effective_on)
        if self.integrated:
            raise DomainError("STAGE_CLOSED", field="effective_on")
        if self.is_cpns and not self.skb_chosen:
            raise DomainError("STAGE_ORDER", field="effective_on")
        if not self.is_cpns:
            self._check_objections_settled(effective_on)
        results: list[Ranked] = []
        for formation in self.formations.values():
            keyed = [(rules.ranking_key(self.rule, self.is_cpns, a, birth_dates), a)
                     for a in self.of_formation(formation.id) if rules.is_ranked(self.is_cpns, a)]
            keyed.sort(key=lambda pair: pair[0])
            for rank, (key, applicant) in enumerate(keyed, start=1):
                results.append(Ranked(applicant.id, f"{float(-key[0]):.3f}", rank))
        self.trigger_event(self.FinalScoresIntegrated, results=tuple(results),
                           effective_on=effective_on, actor=actor, legal_basis=legal_basis)
        return tuple(results)

    def final_score(self, applicant: Applicant) -> Fraction:
        """Nilai akhir on 0–100 (domain/recruitment_rules.py)."""
        return rules.final_score(self.rule, self.is_cpns, applicant)

    def announce_results(self, *, effective_on: date, actor: Actor,
                         legal_basis: LegalBasis | None) -> None:
        self._check_open(effective_on)
        if not self.integrated:
            raise DomainError("STAGE_ORDER", field="effective_on")
        if self.results_announced_on is not None:
            raise DomainError("STAGE_CLOSED", field="effective_on")
        self.trigger_event(self.ResultsAnnounced, effective_on=effective_on, actor=actor,
                           legal_basis=legal_basis)

    def withdraw(self, *, applicant_id: UUID, effective_on: date, actor: Actor) -> None:
        """Pengunduran diri of a ranked applicant; the next ranked takes the place."""
        self._check_open(effective_on)
        applicant = self.applicant(applicant_id)
        if self.results_announced_on is None or applicant.rank is None:
            raise DomainError("WITHDRAW_NOT_RANKED", field="applicant_id")
        if applicant.withdrawn or applicant.employee_id is not None:
            raise DomainError("WITHDRAW_NOT_POSSIBLE", field="applicant_id")
        self.trigger_event(self.ApplicantWithdrew, applicant_id=applicant_id,
                           effective_on=effective_on, actor=actor, legal_basis=None)

    def appoint_winner(self, *, applicant_id: UUID, employee_id: UUID, effective_on: date,
                       actor: Actor, legal_basis: LegalBasis | None) -> Formation:
        """Record that a winner was appointed as `employee_id`; the service creates the
        record in the same transaction. Returns the formation, which the record starts in."""
        self._check_open(effective_on)
        applicant = self.applicant(applicant_id)
        if self.results_announced_on is None:
            raise DomainError("STAGE_ORDER", field="effective_on")
        if applicant.employee_id is not None:
            raise DomainError("APPLICANT_ALREADY_APPOINTED", field="applicant_id")
        formation = self.formations[applicant.formation_id]
        appointed = sum(1 for a in self.of_formation(formation.id) if a.employee_id)
        if appointed >= formation.quota:
            raise DomainError("APPOINTMENT_QUOTA_FULL", field="applicant_id",
                              quota=formation.quota)
        if applicant.id not in {a.id for a in self.winners(formation.id)}:
            raise DomainError("APPOINTMENT_OUT_OF_RANK", field="applicant_id")
        self.trigger_event(self.WinnerAppointed, applicant_id=applicant_id,
                           employee_id=employee_id, effective_on=effective_on, actor=actor,
                           legal_basis=legal_basis)
        return formation

    def past_retention(self, on: date, retention_days: int) -> list[Applicant]:
        """Applicants not appointed whose data is past its retention on `on`: counted from
        the announcement of the results (or the close of a round that never had any)."""
        settled = self.results_announced_on or self.closed_on
        if settled is None or (on - settled).days < retention_days:
            return []
        return [a for a in self.applicants.values() if a.employee_id is None and not a.erased]

    def record_erasure(self, *, applicant_id: UUID, effective_on: date, actor: Actor) -> None:
        """The applicant's key was destroyed (UU PDP); their scores and rank stay."""
        applicant = self.applicant(applicant_id)
        if not applicant.erased:
            self.trigger_event(self.ApplicantDataErased, applicant_id=applicant_id,
                               effective_on=max(effective_on, self.latest_on), actor=actor,
                               legal_basis=None)

    def close(self, *, effective_on: date, actor: Actor, legal_basis: LegalBasis | None
              ) -> None:
        self._check_open(effective_on)
        self.trigger_event(self.Closed, effective_on=effective_on, actor=actor,
                           legal_basis=legal_basis)

    # -- rules shared by the commands -------------------------------------------------------

    def _check_closed(self) -> None:
        if self.closed_on is not None:
            raise DomainError("ROUND_CLOSED", field="round_id")

    def _check_open(self, effective_on: date) -> None:
        """Nothing after the round closed; the record of a round follows the calendar."""
        self._check_closed()
        if effective_on < self.latest_on:
            raise DomainError("ROUND_DATE_ORDER", field="effective_on",
                              latest=self.latest_on.isoformat())

    def _check_cpns(self) -> None:
        if not self.is_cpns:
            raise DomainError("STAGE_NOT_IN_ROUND", field="round_id")

    def _check_objections_settled(self, effective_on: date) -> None:
        rules.check_objections_settled(self.screening_announced_on, self.rule,
                                       self.applicants.values(), effective_on)

    def _scorable(self, applicant_id: UUID, effective_on: date, *, cpns: bool) -> Applicant:
        self._check_open(effective_on)
        if cpns != self.is_cpns:
            raise DomainError("STAGE_NOT_IN_ROUND", field="round_id")
        applicant = self.applicant(applicant_id)
        self._check_objections_settled(effective_on)  # no score before the objections
        if applicant.meets is not True:
            raise DomainError("SCORE_NOT_SCREENED_IN", field="applicant_id")
        if applicant.skd is not None or applicant.competency is not None:
            raise DomainError("SCORE_ALREADY_RECORDED", field="applicant_id")
        return applicant
