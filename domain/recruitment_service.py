"""Commands of recruitment rounds and open selections (`service.recruitment`).

Each method is one transaction: lists of results (screening, scores) are recorded as one event
per applicant, saved together, so a file of SKD results from the CAT system goes in whole or not
at all. Appointing a winner creates the employee record through the personnel service in the
same transaction as the round's record of it; inaugurating a JPT appointee assigns the post.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate

from domain.application import RekamApplication, command
from domain.checks import (
    ApplicantInput,
    PersonInput,
    check_birth_on,
    checked_contact,
    checked_name,
)
from domain.errors import ConcurrencyConflictError, DomainError
from domain.recruitment import RecruitmentRound
from domain.recruitment_values import Formation, Ranked
from domain.regulations import starting_grade
from domain.selection import CommitteeMember, OpenSelection, Shortlisted
from domain.values import (
    Actor,
    Education,
    EmployeeStatus,
    EmploymentType,
    Grade,
    LegalBasis,
    PositionType,
    ScreeningReason,
    SelectionStage,
    Sex,
    Track,
)


class PersonnelCommands(Protocol):
    """The personnel commands recruitment runs (the personnel service has them)."""

    def appoint(self, *, person: PersonInput, employment_type: EmploymentType,
                agency_id: UUID, unit_id: UUID, education: Education, grade: Grade,
                effective_on: date, actor: Actor, legal_basis: LegalBasis | None,
                recruitment_ref: str | None = None, contract_ends_on: date | None = None,
                subject_id: UUID | None = None, id: UUID | None = None,
                together: tuple[Aggregate, ...] = ()) -> UUID: ...

    def transfer(self, employee_id: UUID, *, to_agency_id: UUID, to_unit_id: UUID,
                 effective_on: date, actor: Actor, legal_basis: LegalBasis | None,
                 reason: str | None = None, expected_version: int | None = None) -> None: ...

    def assign_position(self, employee_id: UUID, *, position_id: UUID, effective_on: date,
                        actor: Actor, legal_basis: LegalBasis | None,
                        expected_version: int | None = None) -> None: ...

    def erase_personal_data(self, subject_id: UUID, *, effective_on: date, actor: Actor,
                            records: tuple[UUID, ...] = ()) -> list[UUID]: ...

Checked = TypeVar("Checked", RecruitmentRound, OpenSelection)
# The version a form was based on, per round or selection (see `RecruitmentService.expecting`).
_EXPECTED: ContextVar[dict[UUID, int] | None] = ContextVar("rekam_expected", default=None)


@dataclass(frozen=True)
class Screening:
    applicant_id: UUID
    meets: bool
    reasons: tuple[ScreeningReason, ...] = ()


@dataclass(frozen=True)
class SkdScore:
    applicant_id: UUID
    twk: int
    tiu: int
    tkp: int


@dataclass(frozen=True)
class SkbScore:
    applicant_id: UUID
    cat: int
    interview: int
    extra: int


@dataclass(frozen=True)
class CompetencyScore:
    applicant_id: UUID
    technical: int
    managerial: int
    sociocultural: int
    interview: int


class RecruitmentService:
    """Recruitment rounds (CPNS/PPPK) and JPT open selections.

    It reads and saves through the application's public methods (`load`, `record`, the
    vault) and asks the personnel service for what happens to an employee's record.
    """

    def __init__(self, app: RekamApplication, personnel: PersonnelCommands) -> None:
        self.app, self.personnel = app, personnel

    # -- reading -----------------------------------------------------------------------------

    def get_round(self, round_id: UUID) -> RecruitmentRound:
        return self._checked(self.app.load(round_id, RecruitmentRound, "Seleksi"))

    def get_selection(self, selection_id: UUID) -> OpenSelection:
        return self._checked(self.app.load(selection_id, OpenSelection, "Seleksi terbuka"))

    @contextmanager
    def expecting(self, aggregate_id: UUID, version: int) -> Iterator[None]:
        """Refuse, within the block, to act on the round or selection unless it is still at
        `version` (the one an officer's form was based on). A change after this check still
        fails when saved, by the event store's version constraint."""
        token = _EXPECTED.set({**(_EXPECTED.get() or {}), aggregate_id: version})
        try:
            yield
        finally:
            _EXPECTED.reset(token)

    def _checked(self, aggregate: Checked) -> Checked:
        expected = (_EXPECTED.get() or {}).get(aggregate.id)
        if expected is not None and aggregate.version != expected:
            raise ConcurrencyConflictError(current=aggregate.version, expected=expected)
        return aggregate

    # -- recruitment rounds ------------------------------------------------------------------

    @command
    def open_round(self, *, government_id: UUID, code: str, title: str, kind: EmploymentType,
                   year: int, effective_on: date, actor: Actor, legal_basis: LegalBasis | None,
                   id: UUID | None = None) -> UUID:
        self.app.get_government(government_id)
        round_ = RecruitmentRound.open(government_id=government_id, code=code, title=title,
                                       kind=kind, year=year, effective_on=effective_on,
                                       actor=actor, legal_basis=legal_basis, id=id)
        self.app.record(round_)
        return round_.id

    @command
    def allocate_formation(self, round_id: UUID, *, agency_id: UUID, unit_id: UUID,
                           position_title: str, position_type: PositionType,
                           education: Education, quota: int, track: Track = Track.GENERAL,
                           grade: Grade | None = None,
                           technical_passing_grade: int | None = None, effective_on: date,
                           actor: Actor, legal_basis: LegalBasis | None,
                           id: UUID | None = None) -> UUID:
        """Formasi: `grade` is the PPPK golongan; a CPNS starts at the education's grade."""
        round_ = self.get_round(round_id)
        agency = self.app.get_agency(agency_id)
        if agency.government_id != round_.government_id:
            raise DomainError("AGENCY_OTHER_GOVERNMENT", field="agency_id")
        agency.check_unit(unit_id)
        title = checked_name(position_title, "position_title")
        formation = Formation(id=id or uuid4(), agency_id=agency_id, unit_id=unit_id,
                              position_title=title, position_type=position_type,
                              education=education,
                              grade=grade or starting_grade(education), quota=quota,
                              track=track, technical_passing_grade=technical_passing_grade)
        round_.allocate_formation(formation=formation, effective_on=effective_on, actor=actor,
                                  legal_basis=legal_basis)
        self.app.record(round_)
        return formation.id

    @command
    def announce_round(self, round_id: UUID, *, registration_closes_on: date,
                       effective_on: date, actor: Actor, legal_basis: LegalBasis | None
                       ) -> None:
        round_ = self.get_round(round_id)
        round_.announce(registration_closes_on=registration_closes_on,
                        effective_on=effective_on, actor=actor, legal_basis=legal_basis)
        self.app.record(round_)

    @command
    def register_applicant(self, round_id: UUID, *, formation_id: UUID,
                           person: ApplicantInput, education: Education, grade_average: int,
                           effective_on: date, actor: Actor, id: UUID | None = None,
                           subject_id: UUID | None = None) -> tuple[UUID, str]:
        """Pendaftaran: seals the person under a new subject; returns (id, exam number)."""
        round_ = self.get_round(round_id)
        nik = "".join(person.nik.split())
        if len(nik) != 16 or not nik.isdigit():
            raise DomainError("NIK_INVALID", field="nik")
        name = checked_name(person.name)
        contact = checked_contact(person.contact)
        check_birth_on(person.birth_on)
        vault = self.app.vault
        subject = subject_id or uuid4()
        is_new = subject_id is None or vault.keys.get(subject) is None
        clear = {"name": name, "nik": nik, "birth_on": person.birth_on.isoformat(),
                 "sex": person.sex.value, "contact": contact}
        sealed = {k: vault.seal(subject, k, v, is_new=is_new) if v is not None else None
                  for k, v in clear.items()}
        applicant_id = id or uuid4()
        exam_number = round_.register_applicant(
            applicant_id=applicant_id, formation_id=formation_id, subject_id=subject,
            nik_token=vault.lookup_token("nik", f"{round_id}:{nik}"), education=education,
            grade_average=grade_average, birth_on=person.birth_on, sealed=sealed,
            effective_on=effective_on, actor=actor)
        self.app.record(round_)
        return applicant_id, exam_number

    @command
    def decide_screening(self, round_id: UUID, decisions: Iterable[Screening], *,
                         effective_on: date, actor: Actor) -> None:
        round_ = self.get_round(round_id)
        for decision in decisions:
            round_.decide_screening(applicant_id=decision.applicant_id, meets=decision.meets,
                                    reasons=decision.reasons, effective_on=effective_on,
                                    actor=actor)
        self.app.record(round_)

    @command
    def announce_screening(self, round_id: UUID, *, effective_on: date, actor: Actor,
                           legal_basis: LegalBasis | None) -> None:
        round_ = self.get_round(round_id)
        round_.announce_screening(effective_on=effective_on, actor=actor,
                                  legal_basis=legal_basis)
        self.app.record(round_)

    @command
    def file_objection(self, round_id: UUID, *, applicant_id: UUID, effective_on: date,
                       actor: Actor) -> None:
        round_ = self.get_round(round_id)
        round_.file_objection(applicant_id=applicant_id, effective_on=effective_on, actor=actor)
        self.app.record(round_)

    @command
    def resolve_objection(self, round_id: UUID, *, applicant_id: UUID, granted: bool,
                          effective_on: date, actor: Actor, legal_basis: LegalBasis | None
                          ) -> None:
        round_ = self.get_round(round_id)
        round_.resolve_objection(applicant_id=applicant_id, granted=granted,
                                 effective_on=effective_on, actor=actor,
                                 legal_basis=legal_basis)
        self.app.record(round_)

    @command
    def record_skd_scores(self, round_id: UUID, scores: Iterable[SkdScore], *,
                          effective_on: date, actor: Actor) -> None:
        round_ = self.get_round(round_id)
        for s in scores:
            round_.score_skd(applicant_id=s.applicant_id, twk=s.twk, tiu=s.tiu, tkp=s.tkp,
                             effective_on=effective_on, actor=actor)
        self.app.record(round_)

    @command
    def choose_skb_participants(self, round_id: UUID, *, effective_on: date, actor: Actor,
                                legal_basis: LegalBasis | None) -> tuple[UUID, ...]:
        round_ = self.get_round(round_id)
        chosen = round_.choose_skb_participants(effective_on=effective_on, actor=actor,
                                                legal_basis=legal_basis)
        self.app.record(round_)
        return chosen

    @command
    def record_skb_scores(self, round_id: UUID, scores: Iterable[SkbScore], *,
                          effective_on: date, actor: Actor) -> None:
        round_ = self.get_round(round_id)
        for s in scores:
            round_.score_skb(applicant_id=s.applicant_id, cat=s.cat, interview=s.interview,
                             extra=s.extra, effective_on=effective_on, actor=actor)
        self.app.record(round_)

    @command
    def record_competency_scores(self, round_id: UUID, scores: Iterable[CompetencyScore], *,
                                 effective_on: date, actor: Actor) -> None:
        round_ = self.get_round(round_id)
        for s in scores:
            round_.score_competency(applicant_id=s.applicant_id, technical=s.technical,
                                    managerial=s.managerial, sociocultural=s.sociocultural,
                                    interview=s.interview, effective_on=effective_on,
                                    actor=actor)
        self.app.record(round_)

    @command
    def integrate_final_scores(self, round_id: UUID, *, effective_on: date, actor: Actor,
                               legal_basis: LegalBasis | None) -> tuple[Ranked, ...]:
        """Integrasi nilai: final scores and ranks computed from the recorded scores."""
        round_ = self.get_round(round_id)
        vault = self.app.vault
        birth_dates = {}
        for applicant in round_.applicants.values():
            if applicant.skb is not None or applicant.competency_passed:
                opened = vault.open(applicant.subject_id, "birth_on",
                                    applicant.personal.get("birth_on"))
                if isinstance(opened, str):
                    birth_dates[applicant.id] = date.fromisoformat(opened)
        results = round_.integrate_final_scores(birth_dates=birth_dates,
                                                effective_on=effective_on, actor=actor,
                                                legal_basis=legal_basis)
        self.app.record(round_)
        return results

    @command
    def announce_results(self, round_id: UUID, *, effective_on: date, actor: Actor,
                         legal_basis: LegalBasis | None) -> None:
        round_ = self.get_round(round_id)
        round_.announce_results(effective_on=effective_on, actor=actor, legal_basis=legal_basis)
        self.app.record(round_)

    @command
    def withdraw(self, round_id: UUID, *, applicant_id: UUID, effective_on: date, actor: Actor
                 ) -> None:
        round_ = self.get_round(round_id)
        round_.withdraw(applicant_id=applicant_id, effective_on=effective_on, actor=actor)
        self.app.record(round_)

    @command
    def appoint_winner(self, round_id: UUID, *, applicant_id: UUID, nip: str,
                       effective_on: date, actor: Actor, legal_basis: LegalBasis | None,
                       contract_ends_on: date | None = None, id: UUID | None = None) -> UUID:
        """Pengangkatan of a winner: creates the CPNS/PPPK record from the applicant's sealed
        data (same subject, so one erasure covers both) and records it on the round."""
        round_ = self.get_round(round_id)
        applicant = round_.applicant(applicant_id)
        employee_id = id or uuid4()
        formation = round_.appoint_winner(applicant_id=applicant_id, employee_id=employee_id,
                                          effective_on=effective_on, actor=actor,
                                          legal_basis=legal_basis)
        clear = {name: self.app.vault.open(applicant.subject_id, name,
                                               applicant.personal.get(name))
                 for name in ("name", "birth_on", "sex", "contact")}
        if any(v is not None and not isinstance(v, str) for v in clear.values()):
            raise DomainError("SUBJECT_ERASED")
        person = PersonInput(name=str(clear["name"]), nip=nip,
                             birth_on=date.fromisoformat(str(clear["birth_on"])),
                             sex=Sex(str(clear["sex"])),
                             contact=clear["contact"] if isinstance(clear["contact"], str)
                             else None)
        return self.personnel.appoint(
            person=person, employment_type=round_.kind, agency_id=formation.agency_id,
            unit_id=formation.unit_id, education=formation.education, grade=formation.grade,
            effective_on=effective_on, actor=actor, legal_basis=legal_basis,
            recruitment_ref=f"{round_.code}/{applicant.exam_number}",
            contract_ends_on=contract_ends_on, subject_id=applicant.subject_id,
            id=employee_id, together=(round_,))

    @command
    def erase_applicant(self, round_id: UUID, *, applicant_id: UUID, effective_on: date,
                        actor: Actor) -> None:
        """Hapus data pelamar (UU PDP, e.g. after the retention period): destroy the key,
        then record it; an appointed applicant's records are erased with it."""
        round_ = self.get_round(round_id)
        applicant = round_.applicant(applicant_id)
        if applicant.employee_id is not None:
            self.personnel.erase_personal_data(applicant.subject_id, effective_on=effective_on,
                                             actor=actor, records=(applicant.employee_id,))
        else:
            self.app.vault.erase(applicant.subject_id)
        round_.record_erasure(applicant_id=applicant_id, effective_on=effective_on, actor=actor)
        self.app.record(round_)

    @command
    def close_round(self, round_id: UUID, *, effective_on: date, actor: Actor,
                    legal_basis: LegalBasis | None) -> None:
        round_ = self.get_round(round_id)
        round_.close(effective_on=effective_on, actor=actor, legal_basis=legal_basis)
        self.app.record(round_)

    # -- open selection of JPT posts ---------------------------------------------------------

    @command
    def authorise_selection(self, *, position_id: UUID, code: str, effective_on: date,
                            actor: Actor, legal_basis: LegalBasis | None,
                            id: UUID | None = None) -> UUID:
        position = self.app.get_position(position_id)
        selection = OpenSelection.authorise(
            government_id=position.government_id, agency_id=position.agency_id,
            position_id=position_id, position_title=position.title,
            position_type=position.position_type, code=code, effective_on=effective_on,
            actor=actor, legal_basis=legal_basis, id=id)
        self.app.record(selection)
        return selection.id

    @command
    def form_committee(self, selection_id: UUID, *, members: Iterable[CommitteeMember],
                       effective_on: date, actor: Actor, legal_basis: LegalBasis | None
                       ) -> None:
        selection = self.get_selection(selection_id)
        selection.form_committee(members=members, effective_on=effective_on, actor=actor,
                                 legal_basis=legal_basis)
        self.app.record(selection)

    @command
    def announce_vacancy(self, selection_id: UUID, *, closes_on: date, effective_on: date,
                         actor: Actor, legal_basis: LegalBasis | None) -> None:
        selection = self.get_selection(selection_id)
        selection.announce(closes_on=closes_on, effective_on=effective_on, actor=actor,
                           legal_basis=legal_basis)
        self.app.record(selection)

    @command
    def apply_candidate(self, selection_id: UUID, *, employee_id: UUID, effective_on: date,
                        actor: Actor, id: UUID | None = None) -> UUID:
        """An application by an active PNS of the same government whose grade the post
        admits (the ledger cannot move anyone between governments)."""
        selection = self.get_selection(selection_id)
        state = self.app.get_employee(employee_id).state_on(effective_on)
        position = self.app.get_position(selection.position_id)
        if (state.status is not EmployeeStatus.PNS or state.government_id
                != selection.government_id):
            raise DomainError("CANDIDATE_NOT_ELIGIBLE", field="employee_id")
        if state.grade is None or not position.grade_range.admits(state.grade):
            raise DomainError("POSITION_GRADE_OUT_OF_RANGE", field="employee_id",
                              grade=state.grade, range=position.grade_range)
        candidate_id = id or uuid4()
        selection.apply_candidate(candidate_id=candidate_id, employee_id=employee_id,
                                  effective_on=effective_on, actor=actor)
        self.app.record(selection)
        return candidate_id

    @command
    def extend_selection(self, selection_id: UUID, *, closes_on: date, effective_on: date,
                         actor: Actor, legal_basis: LegalBasis | None) -> None:
        selection = self.get_selection(selection_id)
        selection.extend(closes_on=closes_on, effective_on=effective_on, actor=actor,
                         legal_basis=legal_basis)
        self.app.record(selection)

    @command
    def record_stage(self, selection_id: UUID, *, candidate_id: UUID, stage: SelectionStage,
                     passed: bool, score: int | None = None, effective_on: date, actor: Actor
                     ) -> None:
        selection = self.get_selection(selection_id)
        selection.record_stage(candidate_id=candidate_id, stage=stage, passed=passed,
                               score=score, effective_on=effective_on, actor=actor)
        self.app.record(selection)

    @command
    def submit_shortlist(self, selection_id: UUID, *, effective_on: date, actor: Actor,
                         legal_basis: LegalBasis | None) -> tuple[Shortlisted, ...]:
        selection = self.get_selection(selection_id)
        shortlist = selection.submit_shortlist(effective_on=effective_on, actor=actor,
                                               legal_basis=legal_basis)
        self.app.record(selection)
        return shortlist

    @command
    def choose_appointee(self, selection_id: UUID, *, candidate_id: UUID, reason: str | None,
                         effective_on: date, actor: Actor, legal_basis: LegalBasis | None
                         ) -> None:
        selection = self.get_selection(selection_id)
        selection.choose(candidate_id=candidate_id, reason=reason, effective_on=effective_on,
                         actor=actor, legal_basis=legal_basis)
        self.app.record(selection)

    @command
    def inaugurate(self, selection_id: UUID, *, effective_on: date, actor: Actor,
                   legal_basis: LegalBasis | None) -> UUID:
        """Pelantikan: closes the selection and assigns the post on the appointee's record
        (moving them to the post's agency first when they come from another agency)."""
        selection = self.get_selection(selection_id)
        employee_id = selection.inaugurate(effective_on=effective_on, actor=actor,
                                           legal_basis=legal_basis)
        self.app.record(selection)
        position = self.app.get_position(selection.position_id)
        state = self.app.get_employee(employee_id).state
        if state.agency_id != position.agency_id:
            self.personnel.transfer(employee_id, to_agency_id=position.agency_id,
                                    to_unit_id=position.unit_id, effective_on=effective_on,
                                  actor=actor, legal_basis=legal_basis)
        self.personnel.assign_position(employee_id, position_id=position.id,
                                     effective_on=effective_on, actor=actor,
                                     legal_basis=legal_basis)
        return employee_id

    @command
    def cancel_selection(self, selection_id: UUID, *, reason: str, effective_on: date,
                         actor: Actor, legal_basis: LegalBasis | None) -> None:
        selection = self.get_selection(selection_id)
        selection.cancel(reason=reason, effective_on=effective_on, actor=actor,
                         legal_basis=legal_basis)
        self.app.record(selection)
