"""Seleksi terbuka JPT: the open selection that fills a senior (JPT) post.

The committee records each stage's result; the shortlist of the three best is computed from those
results by the weights in the regulation table; the appointing official (PPK) may choose only
from the shortlist, and choosing anyone but the first needs a recorded reason. Holders of a JPT
post are public officials, so candidates are referred to by their employee record and the
committee by name; scores stay on the record for auditors, not for the public.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.checks import checked_code, checked_name, checked_reason
from domain.errors import DomainError
from domain.events import RecordedEvent
from domain.regulations import SelectionRule, selection_rule
from domain.values import Actor, LegalBasis, PositionType, SelectionStage

STAGES = tuple(SelectionStage)


@dataclass(frozen=True)
class CommitteeMember:
    """A member of the panitia seleksi: internal (the government's officials) or external."""

    name: str
    institution: str
    external: bool


@dataclass(frozen=True)
class StageResult:
    stage: SelectionStage
    passed: bool
    score: int | None


@dataclass(frozen=True)
class Shortlisted:
    """One of the names passed to the appointing official, with its computed score."""

    candidate_id: UUID
    score: str
    rank: int


class OpenSelection(Aggregate):
    """One open selection for one JPT post."""

    class Event(RecordedEvent):
        def apply(self, aggregate: OpenSelection) -> None:
            aggregate.latest_on = max(aggregate.latest_on, self.effective_on)
            self.change(aggregate)

        def change(self, aggregate: OpenSelection) -> None:
            """How the event changes the selection (each event class says)."""

    class Authorised(Event, Aggregate.Created):
        government_id: UUID
        agency_id: UUID
        position_id: UUID
        position_title: str
        position_type: PositionType
        code: str

    class CommitteeFormed(Event):
        members: tuple[CommitteeMember, ...]

        def change(self, aggregate: OpenSelection) -> None:
            aggregate.committee = self.members

    class VacancyAnnounced(Event):
        closes_on: date

        def change(self, aggregate: OpenSelection) -> None:
            aggregate.announced_on, aggregate.closes_on = self.effective_on, self.closes_on

    class ClosingExtended(Event):
        closes_on: date

        def change(self, aggregate: OpenSelection) -> None:
            aggregate.closes_on = self.closes_on

    class CandidateApplied(Event):
        candidate_id: UUID
        employee_id: UUID

        def change(self, aggregate: OpenSelection) -> None:
            aggregate.candidates[self.candidate_id] = self.employee_id
            aggregate.results[self.candidate_id] = {}

    class StageResultRecorded(Event):
        candidate_id: UUID
        result: StageResult

        def change(self, aggregate: OpenSelection) -> None:
            aggregate.results[self.candidate_id][self.result.stage] = self.result

    class ShortlistSubmitted(Event):
        shortlist: tuple[Shortlisted, ...]  # computed from the stage results

        def change(self, aggregate: OpenSelection) -> None:
            aggregate.shortlist = self.shortlist

    class AppointeeChosen(Event):
        candidate_id: UUID
        rank: int
        reason: str | None  # required when the choice is not the first of the shortlist

        def change(self, aggregate: OpenSelection) -> None:
            aggregate.appointee = self.candidate_id

    class Inaugurated(Event):
        employee_id: UUID

        def change(self, aggregate: OpenSelection) -> None:
            aggregate.closed_on = self.effective_on

    class Cancelled(Event):
        reason: str

        def change(self, aggregate: OpenSelection) -> None:
            aggregate.closed_on = self.effective_on

    def __init__(self, government_id: UUID, agency_id: UUID, position_id: UUID,
                 position_title: str, position_type: PositionType, code: str) -> None:
        self.government_id, self.agency_id, self.position_id = (government_id, agency_id,
                                                                position_id)
        self.position_title, self.position_type, self.code = position_title, position_type, code
        self.latest_on = date.min
        self.committee: tuple[CommitteeMember, ...] = ()
        self.announced_on: date | None = None
        self.closes_on: date | None = None
        self.candidates: dict[UUID, UUID] = {}  # candidate id -> employee record
        self.results: dict[UUID, dict[SelectionStage, StageResult]] = {}
        self.shortlist: tuple[Shortlisted, ...] = ()
        self.appointee: UUID | None = None
        self.closed_on: date | None = None

    @property
    def rule(self) -> SelectionRule:
        return selection_rule(self.announced_on or self.latest_on)

    def passed_all(self, candidate_id: UUID) -> bool:
        results = self.results[candidate_id]
        return all(stage in results and results[stage].passed for stage in STAGES)

    def score(self, candidate_id: UUID) -> Fraction:
        """Weighted score of the scored stages, on 0–100."""
        results = self.results[candidate_id]
        return sum((Fraction((results[stage].score or 0) * weight, 100)
                    for stage, weight in self.rule.weights), Fraction(0))

    # -- commands ----------------------------------------------------------------------------

    @classmethod
    def authorise(cls, *, government_id: UUID, agency_id: UUID, position_id: UUID,
                  position_title: str, position_type: PositionType, code: str,
                  effective_on: date, actor: Actor, legal_basis: LegalBasis | None,
                  id: UUID | None = None) -> OpenSelection:
        """Start a selection for a JPT post, on the merit-system authority's recommendation."""
        if not position_type.is_jpt:
            raise DomainError("SELECTION_POSITION_NOT_JPT", field="position_id")
        if legal_basis is None:
            raise DomainError("SELECTION_AUTHORITY_REQUIRED", field="legal_basis")
        return cls._create(cls.Authorised, id=id, government_id=government_id,
                           agency_id=agency_id, position_id=position_id,
                           position_title=position_title, position_type=position_type,
                           code=checked_code(code), effective_on=effective_on, actor=actor,
                           legal_basis=legal_basis)

    def form_committee(self, *, members: Iterable[CommitteeMember], effective_on: date,
                       actor: Actor, legal_basis: LegalBasis | None) -> None:
        self._check_open(effective_on)
        if self.announced_on is not None:
            raise DomainError("SELECTION_ALREADY_ANNOUNCED", field="members")
        members = tuple(CommitteeMember(checked_name(m.name, "members"),
                                        checked_name(m.institution, "members"), m.external)
                        for m in members)
        lowest, highest = selection_rule(effective_on).committee_size
        if not lowest <= len(members) <= highest or len(members) % 2 == 0:
            raise DomainError("COMMITTEE_SIZE", field="members", lowest=lowest, highest=highest)
        if all(m.external for m in members) or not any(m.external for m in members):
            raise DomainError("COMMITTEE_COMPOSITION", field="members")
        self.trigger_event(self.CommitteeFormed, members=members, effective_on=effective_on,
                           actor=actor, legal_basis=legal_basis)

    def announce(self, *, closes_on: date, effective_on: date, actor: Actor,
                 legal_basis: LegalBasis | None) -> None:
        self._check_open(effective_on)
        if not self.committee:
            raise DomainError("COMMITTEE_REQUIRED", field="effective_on")
        if self.announced_on is not None:
            raise DomainError("SELECTION_ALREADY_ANNOUNCED", field="effective_on")
        if closes_on <= effective_on:
            raise DomainError("REGISTRATION_CLOSE_INVALID", field="closes_on")
        self.trigger_event(self.VacancyAnnounced, closes_on=closes_on,
                           effective_on=effective_on, actor=actor, legal_basis=legal_basis)

    def apply_candidate(self, *, candidate_id: UUID, employee_id: UUID, effective_on: date,
                        actor: Actor) -> None:
        """A candidate's application, until the (possibly extended) closing date."""
        self._check_closed()
        if self.announced_on is None or self.closes_on is None:
            raise DomainError("SELECTION_NOT_ANNOUNCED", field="effective_on")
        if not self.announced_on <= effective_on <= self.closes_on:
            raise DomainError("REGISTRATION_CLOSED", field="effective_on",
                              closes_on=self.closes_on.isoformat())
        if employee_id in self.candidates.values():
            raise DomainError("CANDIDATE_DUPLICATE", field="employee_id")
        self.trigger_event(self.CandidateApplied, candidate_id=candidate_id,
                           employee_id=employee_id, effective_on=effective_on, actor=actor,
                           legal_basis=None)

    def extend(self, *, closes_on: date, effective_on: date, actor: Actor,
               legal_basis: LegalBasis | None) -> None:
        """Perpanjangan pengumuman: only when too few applied by the closing date."""
        self._check_open(effective_on)
        if self.closes_on is None:
            raise DomainError("SELECTION_NOT_ANNOUNCED", field="effective_on")
        if effective_on < self.closes_on or len(self.candidates) >= self.rule.min_candidates:
            raise DomainError("EXTENSION_NOT_NEEDED", field="closes_on",
                              minimum=self.rule.min_candidates)
        if closes_on <= effective_on:
            raise DomainError("REGISTRATION_CLOSE_INVALID", field="closes_on")
        self.trigger_event(self.ClosingExtended, closes_on=closes_on,
                           effective_on=effective_on, actor=actor, legal_basis=legal_basis)

    def record_stage(self, *, candidate_id: UUID, stage: SelectionStage, passed: bool,
                     score: int | None, effective_on: date, actor: Actor) -> None:
        """A stage's result for one candidate; each stage needs the one before it passed."""
        self._check_open(effective_on)
        self._check_applications_closed(effective_on)
        if self.shortlist:
            raise DomainError("STAGE_CLOSED", field="stage")
        results = self.results.get(candidate_id)
        if results is None:
            raise DomainError("NOT_FOUND", field="candidate_id", what="Peserta seleksi")
        if stage in results:
            raise DomainError("SCORE_ALREADY_RECORDED", field="stage")
        previous = STAGES[:STAGES.index(stage)]
        if not all(s in results and results[s].passed for s in previous):
            raise DomainError("STAGE_PREVIOUS_NOT_PASSED", field="stage")
        scored = stage in dict(self.rule.weights)
        if scored != (score is not None) or (score is not None and not 0 <= score <= 100):
            raise DomainError("STAGE_SCORE_INVALID", field="score",
                              stages=[s.value.lower() for s, _ in self.rule.weights])
        self.trigger_event(self.StageResultRecorded, candidate_id=candidate_id,
                           result=StageResult(stage, passed, score), effective_on=effective_on,
                           actor=actor, legal_basis=None)

    def submit_shortlist(self, *, effective_on: date, actor: Actor,
                         legal_basis: LegalBasis | None) -> tuple[Shortlisted, ...]:
        """The three best of those who passed every stage, by weighted score; ties go to the
        better competency score, then interview, then paper, then the earlier application."""
        self._check_open(effective_on)
        self._check_applications_closed(effective_on)
        if self.shortlist:
            raise DomainError("STAGE_CLOSED", field="effective_on")
        pending = [c for c, results in self.results.items()
                   if not self.passed_all(c) and all(r.passed for r in results.values())]
        if pending:
            raise DomainError("SHORTLIST_INCOMPLETE", field="effective_on", count=len(pending))
        order = list(self.candidates)

        def key(candidate_id: UUID) -> tuple[Any, ...]:
            results = self.results[candidate_id]
            return (-self.score(candidate_id),
                    *(-(results[s].score or 0) for s in (SelectionStage.COMPETENCY,
                                                         SelectionStage.INTERVIEW,
                                                         SelectionStage.PAPER)),
                    order.index(candidate_id))

        ranked = sorted((c for c in self.candidates if self.passed_all(c)), key=key)
        size = self.rule.shortlist_size
        if len(ranked) < size:
            raise DomainError("SHORTLIST_TOO_FEW", field="effective_on", size=size)
        shortlist = tuple(Shortlisted(c, f"{float(self.score(c)):.3f}", rank)
                          for rank, c in enumerate(ranked[:size], start=1))
        self.trigger_event(self.ShortlistSubmitted, shortlist=shortlist,
                           effective_on=effective_on, actor=actor, legal_basis=legal_basis)
        return shortlist

    def choose(self, *, candidate_id: UUID, reason: str | None, effective_on: date,
               actor: Actor, legal_basis: LegalBasis | None) -> None:
        """The appointing official's choice, from the shortlist only."""
        self._check_open(effective_on)
        if not self.shortlist:
            raise DomainError("STAGE_ORDER", field="effective_on")
        if self.appointee is not None:
            raise DomainError("STAGE_CLOSED", field="candidate_id")
        chosen = next((s for s in self.shortlist if s.candidate_id == candidate_id), None)
        if chosen is None:
            raise DomainError("APPOINTEE_NOT_SHORTLISTED", field="candidate_id")
        reason = checked_reason(reason)
        if chosen.rank != 1 and reason is None:
            raise DomainError("APPOINTEE_REASON_REQUIRED", field="reason")
        self.trigger_event(self.AppointeeChosen, candidate_id=candidate_id, rank=chosen.rank,
                           reason=reason, effective_on=effective_on, actor=actor,
                           legal_basis=legal_basis)

    def inaugurate(self, *, effective_on: date, actor: Actor, legal_basis: LegalBasis | None
                   ) -> UUID:
        """Pelantikan: closes the selection; returns the employee record to assign the post."""
        self._check_open(effective_on)
        if self.appointee is None:
            raise DomainError("STAGE_ORDER", field="effective_on")
        if legal_basis is None:
            raise DomainError("LEGAL_BASIS_REQUIRED", field="legal_basis")
        employee_id = self.candidates[self.appointee]
        self.trigger_event(self.Inaugurated, employee_id=employee_id, effective_on=effective_on,
                           actor=actor, legal_basis=legal_basis)
        return employee_id

    def cancel(self, *, reason: str, effective_on: date, actor: Actor,
               legal_basis: LegalBasis | None) -> None:
        self._check_open(effective_on)
        reason = " ".join(reason.split())
        if not reason:
            raise DomainError("REASON_REQUIRED", field="reason")
        self.trigger_event(self.Cancelled, reason=reason, effective_on=effective_on,
                           actor=actor, legal_basis=legal_basis)

    # -- rules shared by the commands -------------------------------------------------------

    def _check_closed(self) -> None:
        if self.closed_on is not None:
            raise DomainError("SELECTION_CLOSED", field="selection_id")

    def _check_open(self, effective_on: date) -> None:
        self._check_closed()
        if effective_on < self.latest_on:
            raise DomainError("ROUND_DATE_ORDER", field="effective_on",
                              latest=self.latest_on.isoformat())

    def _check_applications_closed(self, effective_on: date) -> None:
        if self.closes_on is None or effective_on <= self.closes_on:
            raise DomainError("SELECTION_STILL_OPEN", field="effective_on")
        if len(self.candidates) < self.rule.min_candidates:
            raise DomainError("SELECTION_TOO_FEW_CANDIDATES", field="effective_on",
                              minimum=self.rule.min_candidates)
