"""The employee's record (PNS and PPPK): an aggregate whose state is folded from its actions.

Each action (appointment, promotion, training, ...) is an event with a legal effective date
(TMT). The state is the fold of the actions in force, ordered by effective date, so a late or
backdated entry, a correction or an annulment simply changes the list that is folded. A command
first folds the candidate list and checks every action from the changed one onwards; only when
all rules hold is the event recorded. Replay never checks rules: today's rules must not break
yesterday's history.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain import clock, event_rules
from domain import employee_rules as rules
from domain.checks import checked_name
from domain.employee_rules import EmployeeState
from domain.employee_snapshot import RecordSnapshot
from domain.errors import DomainError
from domain.events import RecordedEvent
from domain.privacy import Sealed
from domain.values import (
    Actor,
    Education,
    EmployeeStatus,
    EmploymentType,
    Expectation,
    Grade,
    GradeRange,
    JpHours,
    LegalBasis,
    Nip,
    PenaltyLevel,
    PenaltyType,
    PositionType,
    PromotionKind,
    Rating,
    SeparationType,
    Sex,
    TopicTag,
    TrainingType,
)

PERSONAL_FIELDS = ("name", "nip", "birth_on", "sex", "contact")


class Employee(Aggregate):
    """Pegawai ASN: one person's employment record from appointment to separation."""

    class Event(RecordedEvent):
        """Every employee event: legal date, who recorded it, decree, and a sealed reason."""

        reason: Sealed | None

        def apply(self, aggregate: Employee) -> None:
            aggregate._on_event(self)

    class Action(Event):
        """An event that changes the employment state; it can be corrected or annulled."""

        CORRECTABLE: ClassVar[tuple[str, ...]] = ("effective_on", "legal_basis")

        def check(self, state: EmployeeState) -> None:
            """Raise DomainError if this action may not follow `state`."""
            if state.separated_on is not None and self.effective_on > state.separated_on:
                raise DomainError("EMPLOYEE_SEPARATED", field="effective_on",
                                  separated_on=state.separated_on)
            if state.appointed_on is not None and self.effective_on < state.appointed_on:
                raise DomainError("BEFORE_APPOINTMENT", field="effective_on",
                                  appointed_on=state.appointed_on)

        def fold(self, state: EmployeeState) -> None:
            """Apply this action to `state` (never checks rules)."""

    class Enrolment(Action):
        """Fields shared by the two ways a record begins (never stored on its own)."""

        subject_id: UUID
        employment_type: EmploymentType
        government_id: UUID
        agency_id: UUID
        unit_id: UUID
        education: Education
        grade: Grade
        contract_ends_on: date | None
        name: Sealed
        nip: Sealed
        birth_on: Sealed
        sex: Sealed
        contact: Sealed | None

        def check_contract(self) -> None:
            rules.check_contract(self.employment_type, self.grade, self.effective_on,
                                 self.contract_ends_on)

        def fold(self, state: EmployeeState) -> None:
            state.employment_type = self.employment_type
            state.status = (EmployeeStatus.CPNS if self.employment_type is EmploymentType.PNS
                            else EmployeeStatus.PPPK)
            state.government_id, state.agency_id = self.government_id, self.agency_id
            state.unit_id, state.education = self.unit_id, self.education
            state.grade, state.grade_since = self.grade, self.effective_on
            state.appointed_on, state.contract_ends_on = self.effective_on, self.contract_ends_on

    class Appointed(Enrolment, Aggregate.Created):
        """Pengangkatan CPNS or PPPK: the record begins with the appointment."""

        recruitment_ref: str | None

        CORRECTABLE = ("effective_on", "legal_basis", "education", "grade", "recruitment_ref",
                       "contract_ends_on")

        def check(self, state: EmployeeState) -> None:
            self.check_contract()
            rules.check_appointment(self.employment_type, self.education, self.grade,
                                    self.effective_on)

    class RecordOpened(Enrolment, Aggregate.Created):
        """Saldo awal: an existing employee's record opened from earlier files (SIMPEG).

        `effective_on` is the opening date; the career before it is summarised, not replayed:
        first TMT, current grade and since when, probation, and the last annual ratings.
        """

        status: EmployeeStatus
        appointed_on: date
        grade_since: date
        probation_passed_on: date | None
        prior_ratings: tuple[tuple[int, Rating], ...]

        CORRECTABLE = ("legal_basis", "education", "grade", "grade_since", "appointed_on",
                       "probation_passed_on", "prior_ratings", "contract_ends_on")

        def check(self, state: EmployeeState) -> None:
            self.check_contract()
            rules.check_opening(self.employment_type, self.status, self.appointed_on,
                                self.grade_since, self.probation_passed_on, self.effective_on)

        def fold(self, state: EmployeeState) -> None:
            super().fold(state)
            state.status, state.appointed_on = self.status, self.appointed_on
            state.grade_since = self.grade_since
            state.probation_passed_on = self.probation_passed_on
            if self.probation_passed_on is not None:
                state.latsar_completed_on = self.probation_passed_on
            for year, rating in self.prior_ratings:
                state.appraisals[int(year)] = rating

    class ContractRenewed(Action):
        """Perpanjangan perjanjian kerja PPPK."""

        ends_on: date

        CORRECTABLE = ("effective_on", "legal_basis", "ends_on")

        def check(self, state: EmployeeState) -> None:
            super().check(state)
            rules.check_contract_renewal(state, self.ends_on)

        def fold(self, state: EmployeeState) -> None:
            state.contract_ends_on = self.ends_on

    class ProbationPassed(Action):
        def check(self, state: EmployeeState) -> None:
            super().check(state)
            rules.check_probation(state, self.effective_on)

        def fold(self, state: EmployeeState) -> None:
            state.status, state.probation_passed_on = EmployeeStatus.PNS, self.effective_on

    class RankPromoted(Action):
        kind: PromotionKind
        from_grade: Grade
        to_grade: Grade
        credit_points: float | None

        CORRECTABLE = ("effective_on", "legal_basis", "kind", "credit_points")

        def check(self, state: EmployeeState) -> None:
            super().check(state)
            rules.check_promotion(state, self.kind, self.from_grade, self.to_grade,
                                  self.credit_points, self.effective_on, self.legal_basis)

        def fold(self, state: EmployeeState) -> None:
            state.grade, state.grade_since = self.to_grade, self.effective_on

    class PositionAssigned(Action):
        position_id: UUID
        position_type: PositionType
        agency_id: UUID
        unit_id: UUID
        grade_range: GradeRange
        retirement_age: int

        def check(self, state: EmployeeState) -> None:
            super().check(state)
            rules.check_assignment(state, self.agency_id, self.grade_range)

        def fold(self, state: EmployeeState) -> None:
            state.position_id, state.position_type = self.position_id, self.position_type
            state.unit_id, state.retirement_age = self.unit_id, self.retirement_age
            state.position_range = self.grade_range

    class PositionReleased(Action):
        position_id: UUID

        def check(self, state: EmployeeState) -> None:
            super().check(state)
            if state.position_id != self.position_id:
                raise DomainError("POSITION_NOT_HELD", field="position_id", title="")

        def fold(self, state: EmployeeState) -> None:
            rules.release_position(state)

    class Transferred(Action):
        to_agency_id: UUID
        to_unit_id: UUID

        def check(self, state: EmployeeState) -> None:
            super().check(state)
            if (self.to_agency_id, self.to_unit_id) == (state.agency_id, state.unit_id):
                raise DomainError("TRANSFER_SAME_PLACE", field="to_unit_id")

        def fold(self, state: EmployeeState) -> None:
            rules.release_position(state)  # a position belongs to one unit: moving leaves it
            state.agency_id, state.unit_id = self.to_agency_id, self.to_unit_id

    class TrainingCompleted(Action):
        training_type: TrainingType
        title: str
        hours_jp: JpHours
        topics: tuple[TopicTag, ...]

        CORRECTABLE = ("effective_on", "legal_basis", "training_type", "title", "hours_jp",
                       "topics")

        def check(self, state: EmployeeState) -> None:
            super().check(state)
            is_latsar = self.training_type is TrainingType.LATSAR
            if is_latsar and state.status is not EmployeeStatus.CPNS:
                raise DomainError("LATSAR_ONLY_CPNS", field="training_type")

        def fold(self, state: EmployeeState) -> None:
            year = self.effective_on.year
            state.training_jp[year] = state.training_jp.get(year, 0.0) + self.hours_jp.value
            if self.training_type is TrainingType.LATSAR and state.latsar_completed_on is None:
                state.latsar_completed_on = self.effective_on

    class AppraisalRecorded(Action):
        year: int
        work_result: Expectation
        behaviour: Expectation
        rating: Rating
        rater_id: UUID | None
        rater_position_type: PositionType | None

        CORRECTABLE = ("effective_on", "legal_basis", "work_result", "behaviour")

        def check(self, state: EmployeeState) -> None:
            super().check(state)
            rules.check_appraisal(state, self.year, self.work_result, self.behaviour,
                                  self.rating, self.effective_on)

        def fold(self, state: EmployeeState) -> None:
            state.appraisals[self.year] = self.rating

    class PenaltyImposed(Action):
        level: PenaltyLevel
        penalty_type: PenaltyType

        CORRECTABLE = ("effective_on", "legal_basis", "level", "penalty_type")

        def check(self, state: EmployeeState) -> None:
            super().check(state)
            rules.check_penalty(self.level, self.penalty_type, self.legal_basis)

        def fold(self, state: EmployeeState) -> None:
            state.penalties.append((self.effective_on, self.penalty_type))

    class Separated(Action):
        separation_type: SeparationType

        def check(self, state: EmployeeState) -> None:
            super().check(state)
            rules.check_separation(state, self.separation_type, self.effective_on)

        def fold(self, state: EmployeeState) -> None:
            rules.release_position(state)
            state.status = EmployeeStatus.SEPARATED
            state.separated_on, state.separation_type = self.effective_on, self.separation_type

    class ActionCorrected(Event):
        target_version: int
        changes: dict[str, Any]

    class ActionAnnulled(Event):
        target_version: int

    class PersonalDataCorrected(Event):
        field_name: str
        value: Sealed | None

    class PersonalDataErased(Event):
        """The subject's key was destroyed; carries no personal data."""

    class Snapshot(RecordSnapshot):
        """The record at a version: its actions as stored, annulments and personal fields
        (domain/employee_snapshot.py); the folded state is recomputed on load."""

    # ---------------------------------------------------------------------------------------

    def __init__(self, subject_id: UUID) -> None:
        self.subject_id = subject_id
        self.actions: dict[int, Employee.Action] = {}
        self.annulled: set[int] = set()
        self.personal: dict[str, Sealed | None] = {}
        self.is_erased = False
        self.state = EmployeeState()
        self.last_key: tuple[date, int] = (date.min, 0)

    def __deepcopy__(self, memo: dict[int, Any]) -> Employee:
        """A copy that shares the immutable events and copies only what commands change.

        The library deep-copies cached aggregates on every read so that a refused command
        cannot leave changes behind; copying frozen events too would cost most of a read.
        """
        copy = object.__new__(Employee)
        copy.__dict__.update(self.__dict__)
        copy.actions = dict(self.actions)
        copy.annulled = set(self.annulled)
        copy.personal = dict(self.personal)
        copy.state = self.state.copy()
        copy._pending_events = list(self._pending_events)
        return copy

    def _on_event(self, event: Employee.Event) -> None:
        if isinstance(event, Employee.Enrolment):
            self.personal = {name: getattr(event, name) for name in PERSONAL_FIELDS}
        if isinstance(event, Employee.Action):
            self.actions[event.originator_version] = event
            key = (event.effective_on, event.originator_version)
            if key > self.last_key:  # the common case: a new latest action folds in place
                event.fold(self.state)
                self.last_key = key
                return
        elif isinstance(event, Employee.ActionCorrected):
            target = self.actions[event.target_version]
            self.actions[event.target_version] = rules.corrected(target, event.changes)
        elif isinstance(event, Employee.ActionAnnulled):
            self.annulled.add(event.target_version)
        elif isinstance(event, Employee.PersonalDataCorrected):
            self.personal[event.field_name] = event.value
            return
        elif isinstance(event, Employee.PersonalDataErased):
            self.is_erased = True
            return
        self.state, self.last_key = rules.fold(self.in_force())

    # -- reading ---------------------------------------------------------------------------

    def in_force(self, on: date | None = None) -> list[Employee.Action]:
        """The actions in force (corrected, not annulled), in effective-date order."""
        return rules.in_order(a for v, a in self.actions.items() if v not in self.annulled
                              and (on is None or a.effective_on <= on))

    def state_on(self, on: date) -> EmployeeState:
        """The state as in force on `on`, by effective date, as this version knows it."""
        return rules.fold(self.in_force(on))[0]

    # -- commands ----------------------------------------------------------------------------

    @classmethod
    def appoint(cls, *, subject_id: UUID, employment_type: EmploymentType,
                government_id: UUID, agency_id: UUID, unit_id: UUID, education: Education,
                grade: Grade, nip: Nip, birth_on: date, sex: Sex, sealed: dict[str, Sealed | None],
                effective_on: date, actor: Actor, legal_basis: LegalBasis | None,
                recruitment_ref: str | None = None, contract_ends_on: date | None = None,
                id: UUID | None = None) -> Employee:
        """Record the appointment as CPNS or PPPK; `nip` is checked, then stored sealed."""
        rules.check_person(nip, employment_type, birth_on, sex, effective_on)
        return cls._enrol(cls.Appointed, id, subject_id=subject_id,
                          employment_type=employment_type, government_id=government_id,
                          agency_id=agency_id, unit_id=unit_id, education=education,
                          grade=grade, recruitment_ref=recruitment_ref,
                          contract_ends_on=contract_ends_on, effective_on=effective_on,
                          actor=actor, legal_basis=legal_basis, reason=None,
                          **{name: sealed.get(name) for name in PERSONAL_FIELDS})

    @classmethod
    def open_record(cls, *, subject_id: UUID, employment_type: EmploymentType,
                    status: EmployeeStatus, government_id: UUID, agency_id: UUID,
                    unit_id: UUID, education: Education, grade: Grade, grade_since: date,
                    appointed_on: date, probation_passed_on: date | None,
                    prior_ratings: tuple[tuple[int, Rating], ...], nip: Nip, birth_on: date,
                    sex: Sex, sealed: dict[str, Sealed | None], effective_on: date,
                    actor: Actor, legal_basis: LegalBasis | None,
                    contract_ends_on: date | None = None, id: UUID | None = None) -> Employee:
        """Open the record of someone already employed when the ledger starts (saldo awal)."""
        rules.check_person(nip, employment_type, birth_on, sex, appointed_on)
        return cls._enrol(cls.RecordOpened, id, subject_id=subject_id,
                          employment_type=employment_type, status=status,
                          government_id=government_id, agency_id=agency_id, unit_id=unit_id,
                          education=education, grade=grade, grade_since=grade_since,
                          appointed_on=appointed_on, probation_passed_on=probation_passed_on,
                          prior_ratings=tuple((int(y), r) for y, r in prior_ratings),
                          contract_ends_on=contract_ends_on, effective_on=effective_on,
                          actor=actor, legal_basis=legal_basis, reason=None,
                          **{name: sealed.get(name) for name in PERSONAL_FIELDS})

    @classmethod
    def _enrol(cls, event_class: Any, id: UUID | None,
               **fields: Any) -> Employee:
        """Check the first action against an empty record, then begin the record with it."""
        probe = event_class(originator_id=id or UUID(int=0), originator_version=1,
                            timestamp=clock.now(), originator_topic="", **fields)
        probe.check(EmployeeState())
        return cls._create(event_class, id=id, **fields)

    def renew_contract(self, *, ends_on: date, effective_on: date, actor: Actor,
                       legal_basis: LegalBasis | None) -> None:
        self._act(self.ContractRenewed, ends_on=ends_on, effective_on=effective_on, actor=actor,
                  legal_basis=legal_basis, reason=None)

    def pass_probation(self, *, effective_on: date, actor: Actor,
                       legal_basis: LegalBasis | None) -> None:
        self._act(self.ProbationPassed, effective_on=effective_on, actor=actor,
                  legal_basis=legal_basis, reason=None)

    def promote_rank(self, *, kind: PromotionKind, to_grade: Grade, effective_on: date,
                     actor: Actor, legal_basis: LegalBasis | None,
                     credit_points: float | None = None, reason: Sealed | None = None) -> None:
        """Kenaikan pangkat: exactly one grade up, under the rules of `kind` in force then."""
        state = self.state_on(effective_on)
        if state.grade is None:
            raise DomainError("BEFORE_APPOINTMENT", field="effective_on",
                              appointed_on=self.state.appointed_on)
        self._act(self.RankPromoted, kind=kind, from_grade=state.grade, to_grade=to_grade,
                  credit_points=credit_points, effective_on=effective_on, actor=actor,
                  legal_basis=legal_basis, reason=reason)

    def assign_position(self, *, position_id: UUID, position_type: PositionType,
                        agency_id: UUID, unit_id: UUID, grade_range: GradeRange,
                        retirement_age: int, effective_on: date, actor: Actor,
                        legal_basis: LegalBasis | None) -> None:
        self._act(self.PositionAssigned, position_id=position_id, position_type=position_type,
                  agency_id=agency_id, unit_id=unit_id, grade_range=grade_range,
                  retirement_age=retirement_age, effective_on=effective_on, actor=actor,
                  legal_basis=legal_basis, reason=None)

    def release_position(self, *, position_id: UUID, effective_on: date, actor: Actor,
                         legal_basis: LegalBasis | None) -> None:
        self._act(self.PositionReleased, position_id=position_id, effective_on=effective_on,
                  actor=actor, legal_basis=legal_basis, reason=None)

    def transfer(self, *, to_agency_id: UUID, to_unit_id: UUID, effective_on: date,
                 actor: Actor, legal_basis: LegalBasis | None,
                 reason: Sealed | None = None) -> None:
        self._act(self.Transferred, to_agency_id=to_agency_id, to_unit_id=to_unit_id,
                  effective_on=effective_on, actor=actor, legal_basis=legal_basis, reason=reason)

    def complete_training(self, *, training_type: TrainingType, title: str, hours_jp: JpHours,
                          topics: tuple[TopicTag, ...], effective_on: date, actor: Actor,
                          legal_basis: LegalBasis | None) -> None:
        """Credit JP hours on completion (the effective date is the completion date)."""
        title = checked_name(title, "title")
        self._act(self.TrainingCompleted, training_type=training_type, title=title,
                  hours_jp=hours_jp, topics=tuple(sorted(set(topics), key=lambda t: t.value)),
                  effective_on=effective_on, actor=actor, legal_basis=legal_basis, reason=None)

    def record_appraisal(self, *, year: int, work_result: Expectation, behaviour: Expectation,
                         rater_id: UUID | None, rater_position_type: PositionType | None,
                         effective_on: date, actor: Actor,
                         legal_basis: LegalBasis | None = None) -> None:
        """Annual SKP appraisal; the rating is derived from the matrix, never typed in."""
        if rater_id == self.id:
            raise DomainError("APPRAISAL_SELF_RATING", field="rater_id")
        self._act(self.AppraisalRecorded, year=year, work_result=work_result,
                  behaviour=behaviour, rating=Rating.from_matrix(work_result, behaviour),
                  rater_id=rater_id, rater_position_type=rater_position_type,
                  effective_on=effective_on, actor=actor, legal_basis=legal_basis, reason=None)

    def impose_penalty(self, *, level: PenaltyLevel, penalty_type: PenaltyType,
                       effective_on: date, actor: Actor, legal_basis: LegalBasis | None,
                       reason: Sealed | None) -> None:
        if reason is None:
            raise DomainError("REASON_REQUIRED", field="reason")
        self._act(self.PenaltyImposed, level=level, penalty_type=penalty_type,
                  effective_on=effective_on, actor=actor, legal_basis=legal_basis, reason=reason)

    def separate(self, *, separation_type: SeparationType, effective_on: date, actor: Actor,
                 legal_basis: LegalBasis | None, reason: Sealed | None = None,
                 retirement_due_on: date | None = None) -> None:
        """Pemberhentian. Retirement needs `retirement_due_on` (from the sealed birth date)."""
        rules.check_separation_grounds(separation_type, effective_on, retirement_due_on,
                                       has_reason=reason is not None)
        self._act(self.Separated, separation_type=separation_type, effective_on=effective_on,
                  actor=actor, legal_basis=legal_basis, reason=reason)

    def correct(self, *, target_version: int, changes: dict[str, Any], effective_on: date,
                actor: Actor, legal_basis: LegalBasis | None, reason: Sealed | None) -> None:
        """Replace fields of an earlier action; the original stays in the history."""
        target = self._correctable(target_version, reason)
        unknown = set(changes) - set(target.CORRECTABLE)
        if not changes or unknown:
            raise DomainError("CORRECTION_FIELDS_INVALID", field="changes",
                              allowed=list(target.CORRECTABLE))
        if isinstance(target, Employee.AppraisalRecorded):  # the rating follows the matrix
            changes = rules.rerated(target.work_result, target.behaviour, changes)
        replacement = rules.replaced(target, changes)
        self._validate(replace={target_version: replacement}, since=min(
            (target.effective_on, target_version),
            (replacement.effective_on, target_version)))
        self.trigger_event(self.ActionCorrected, target_version=target_version, changes=changes,
                           effective_on=effective_on, actor=actor, legal_basis=legal_basis,
                           reason=reason)

    def annul(self, *, target_version: int, effective_on: date, actor: Actor,
              legal_basis: LegalBasis | None, reason: Sealed | None) -> None:
        """Declare an earlier action void; the original stays in the history."""
        target = self._correctable(target_version, reason)
        if isinstance(target, Employee.Enrolment):
            raise DomainError("ANNUL_APPOINTMENT", field="target_version")
        self._validate(remove=target_version,
                       since=(target.effective_on, target.originator_version))
        self.trigger_event(self.ActionAnnulled, target_version=target_version,
                           effective_on=effective_on, actor=actor, legal_basis=legal_basis,
                           reason=reason)

    def correct_personal_data(self, *, field_name: str, value: Sealed | None, effective_on: date,
                              actor: Actor, reason: Sealed | None) -> None:
        """Replace a sealed personal field (the service checks the clear value first)."""
        if field_name not in PERSONAL_FIELDS:
            raise DomainError("CORRECTION_FIELDS_INVALID", field="field_name",
                              allowed=list(PERSONAL_FIELDS))
        if reason is None:
            raise DomainError("REASON_REQUIRED", field="reason")
        self._check_not_erased()
        self.trigger_event(self.PersonalDataCorrected, field_name=field_name, value=value,
                           effective_on=effective_on, actor=actor, legal_basis=None,
                           reason=reason)

    def record_erasure(self, *, effective_on: date, actor: Actor) -> None:
        self.trigger_event(self.PersonalDataErased, effective_on=effective_on, actor=actor,
                           legal_basis=None, reason=None)

    # -- helpers ---------------------------------------------------------------------------

    def _check_not_erased(self) -> None:
        if self.is_erased:
            raise DomainError("SUBJECT_ERASED")

    def _correctable(self, target_version: int, reason: Sealed | None) -> Employee.Action:
        self._check_not_erased()
        if reason is None:
            raise DomainError("REASON_REQUIRED", field="reason")
        target = self.actions.get(target_version)
        if target is None or target_version in self.annulled:
            raise DomainError("CORRECTION_TARGET_INVALID", field="target_version",
                              version=target_version)
        return target

    def _act(self, event_class: type[Employee.Action], **kwargs: Any) -> None:
        self._check_not_erased()
        with event_rules.collected() as found:  # its dates and texts, told with its rules
            candidate = event_class(originator_id=self.id, originator_version=self.version + 1,
                                    timestamp=clock.now(), **kwargs)
        with found.collecting():
            self._validate(add=candidate, since=(candidate.effective_on, self.version + 1))
        found.raise_any()
        candidate.mutate(self)
        self.pending_events.append(candidate)

    def _validate(self, *, since: tuple[date, int], add: Employee.Action | None = None,
                  replace: dict[int, Employee.Action] | None = None,
                  remove: int | None = None) -> None:
        """Fold the candidate history; check each action from `since` on against its past."""
        if (add is not None and replace is None and remove is None and since > self.last_key
                and 1 not in self.annulled):
            # The common case, a new latest action: its past is the state already folded
            # (the same fold as below, kept in step by `_on_event`), and nothing follows it.
            start = self.actions[1].effective_on
            if add.effective_on < start:
                raise DomainError("BEFORE_APPOINTMENT", field="effective_on",
                                  appointed_on=start)
            add.check(self.state)
            return
        before = {v: a for v, a in self.actions.items() if v not in self.annulled}
        actions = {v: a for v, a in before.items() if v != remove}
        actions.update(replace or {})
        if add is not None:
            actions[add.originator_version] = add
        changed = {*(replace or {}), *([add.originator_version] if add is not None else [])}
        rules.check_history(rules.in_order(actions.values()), since,  # version 1: the enrolment
                            start=actions[1].effective_on, changed=frozenset(changed),
                            before=rules.in_order(before.values()))
