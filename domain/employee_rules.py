"""The employee's state on a date, and the rules each personnel action is checked against.

An action of the record (domain/employee.py) checks itself against the state folded from the
actions before it, with the functions here; folding never checks, so today's rules never break
yesterday's history. The rule values (ages, months, grades, caps) come from the regulation
table (domain/regulations.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from domain.checks import add_months, age_on, check_birth_on, unpaid_days
from domain.errors import DomainError, PromotionMonths, Refusals, Words
from domain.regulations import (
    CREDIT_POINTS_FOR_GRADE,
    DEFAULT_RETIREMENT_AGE,
    MINIMUM_APPOINTMENT_AGE,
    PROBATION_MONTHS,
    PROMOTION_MONTHS,
    PROMOTION_RULES,
    in_force,
    is_promotion_date,
    next_promotion_date,
    promotion_rating_years,
    regular_cap,
    starting_grade,
)
from domain.values import (
    Education,
    EmployeeStatus,
    EmploymentType,
    Expectation,
    Grade,
    GradeRange,
    LegalBasis,
    Nip,
    PenaltyLevel,
    PenaltyType,
    PositionType,
    PromotionKind,
    Rating,
    SeparationType,
    Sex,
)


@dataclass
class EmployeeState:
    """What the actions in force say about an employee on a given date."""

    employment_type: EmploymentType | None = None
    status: EmployeeStatus | None = None
    government_id: UUID | None = None
    agency_id: UUID | None = None
    unit_id: UUID | None = None
    position_id: UUID | None = None
    position_type: PositionType | None = None
    retirement_age: int = DEFAULT_RETIREMENT_AGE
    education: Education | None = None
    grade: Grade | None = None
    grade_since: date | None = None
    appointed_on: date | None = None
    contract_ends_on: date | None = None
    probation_passed_on: date | None = None
    latsar_completed_on: date | None = None
    training_jp: dict[int, float] = field(default_factory=dict)
    appraisals: dict[int, Rating] = field(default_factory=dict)
    penalties: list[tuple[date, PenaltyType]] = field(default_factory=list)
    position_range: GradeRange | None = None  # of the position held
    separated_on: date | None = None
    separation_type: SeparationType | None = None
    # CLTN spans on the record: (first day, day of return), the return None while it runs
    unpaid_leaves: list[tuple[date, date | None]] = field(default_factory=list)

    @property
    def is_active(self) -> bool:
        return self.status is not None and self.status is not EmployeeStatus.SEPARATED

    @property
    def is_on_unpaid_leave(self) -> bool:
        """Whether a CLTN began and the employee has not reported back from it."""
        return bool(self.unpaid_leaves) and self.unpaid_leaves[-1][1] is None

    def unpaid_leave_days(self, since: date, until: date) -> int:
        """Days of CLTN from `since` up to the day before `until`: service time that does
        not count (for time in grade, among others)."""
        return unpaid_days(self.unpaid_leaves, since, until)

    def copy(self) -> EmployeeState:
        """A copy whose dicts and lists can be folded into without touching this one.

        Every read of a cached record and every re-fold copies a state: the fields are
        copied as they are, without `dataclasses.replace` running `__init__` again.
        """
        copy = object.__new__(EmployeeState)
        copy.__dict__.update(self.__dict__)
        copy.training_jp = dict(self.training_jp)
        copy.appraisals = dict(self.appraisals)
        copy.penalties = list(self.penalties)
        copy.unpaid_leaves = list(self.unpaid_leaves)
        return copy


def check_person(nip: Nip, employment_type: EmploymentType, birth_on: date, sex: Sex,
                 appointed_on: date) -> None:
    """The number is of the employment's kind and agrees with the person; they are of age."""
    if nip.is_pppk != (employment_type is EmploymentType.PPPK):
        raise DomainError("NIP_KIND_MISMATCH", field="nip")
    check_birth_on(birth_on)
    nip.check_consistent(birth_on=birth_on, sex=sex, appointed_on=appointed_on)
    if age_on(birth_on, appointed_on) < MINIMUM_APPOINTMENT_AGE:
        raise DomainError("APPOINTMENT_UNDER_AGE", field="birth_on")


def check_contract(employment_type: EmploymentType, grade: Grade, effective_on: date,
                   contract_ends_on: date | None) -> None:
    """A PPPK holds a PPPK golongan and a contract of at least a year; a PNS a PNS grade."""
    if employment_type is EmploymentType.PPPK:
        if not grade.is_pppk:
            raise DomainError("PPPK_GRADE_REQUIRED", field="grade")
        one_year = add_months(effective_on, 12) - timedelta(days=1)
        if contract_ends_on is None or contract_ends_on < one_year:  # the contract's last day
            raise DomainError("PPPK_CONTRACT_TOO_SHORT", field="contract_ends_on")
    elif grade.is_pppk:
        raise DomainError("GRADE_UNKNOWN", field="grade", grade=grade)


def check_appointment(employment_type: EmploymentType, education: Education, grade: Grade,
                      effective_on: date) -> None:
    """A CPNS starts at the grade of their education, on the first of a month."""
    if employment_type is EmploymentType.PNS:
        if grade != starting_grade(education):
            raise DomainError("APPOINTMENT_GRADE_EDUCATION", field="grade",
                              grade=starting_grade(education), education=education.value)
        if effective_on.day != 1:
            raise DomainError("APPOINTMENT_TMT_FIRST_OF_MONTH", field="effective_on")


def check_opening(employment_type: EmploymentType, status: EmployeeStatus, appointed_on: date,
                  grade_since: date, probation_passed_on: date | None,
                  effective_on: date) -> None:
    """A record opened from earlier files: its dates in order, its status the one they imply."""
    if not appointed_on <= grade_since <= effective_on:
        raise DomainError("OPENING_DATES_INVALID", field="grade_since")
    if employment_type is EmploymentType.PPPK:
        expected = EmployeeStatus.PPPK
    else:
        expected = EmployeeStatus.PNS if probation_passed_on else EmployeeStatus.CPNS
    if status is not expected:
        raise DomainError("OPENING_STATUS_INVALID", field="status")
    if probation_passed_on is not None and not (
            appointed_on < probation_passed_on <= effective_on):
        raise DomainError("OPENING_DATES_INVALID", field="probation_passed_on")


def check_contract_renewal(state: EmployeeState, ends_on: date) -> None:
    """Only a PPPK contract is renewed, and only to end later than it does now."""
    if state.employment_type is not EmploymentType.PPPK:
        raise DomainError("CONTRACT_END_ONLY_PPPK", field="ends_on")
    if state.contract_ends_on is not None and ends_on <= state.contract_ends_on:
        raise DomainError("CONTRACT_RENEWAL_INVALID", field="ends_on",
                          current=state.contract_ends_on)


def check_probation(state: EmployeeState, effective_on: date) -> None:
    """A CPNS passes probation after Latsar and a year from the appointment."""
    if state.status is not EmployeeStatus.CPNS:
        raise DomainError("PROBATION_NOT_CPNS")
    if state.latsar_completed_on is None or state.latsar_completed_on > effective_on:
        raise DomainError("PROBATION_REQUIRES_LATSAR")
    assert state.appointed_on is not None
    if effective_on < add_months(state.appointed_on, PROBATION_MONTHS):
        raise DomainError("PROBATION_TOO_EARLY", field="effective_on",
                          earliest=add_months(state.appointed_on, PROBATION_MONTHS))


def check_promotion(state: EmployeeState, kind: PromotionKind, from_grade: Grade, to_grade: Grade,
                    credit_points: float | None, effective_on: date,
                    legal_basis: LegalBasis | None) -> None:
    """Kenaikan pangkat: one grade up, on a promotion date, by the rules of its kind, within
    the education cap and the range of the position held; every condition not met is told."""
    if state.status is EmployeeStatus.PPPK:
        raise DomainError("PROMOTION_PPPK")
    if state.status is not EmployeeStatus.PNS:
        raise DomainError("PROMOTION_NOT_PNS")
    assert state.grade is not None and state.grade_since is not None
    assert state.education is not None
    refusals = Refusals()
    if state.is_on_unpaid_leave:  # told first: the reason there is no promotion now
        refusals.add(DomainError("PROMOTION_ON_UNPAID_LEAVE", field="effective_on"))
    if from_grade != state.grade or to_grade != state.grade.next():
        refusals.add(DomainError("PROMOTION_ONE_STEP", field="to_grade",
                                 expected=state.grade.next() or "-"))
    if not is_promotion_date(effective_on):
        months: frozenset[int] = in_force(PROMOTION_MONTHS, effective_on)
        refusals.add(DomainError("PROMOTION_DATE", field="effective_on",
                                 months=PromotionMonths(months),
                                 nearest=next_promotion_date(effective_on - timedelta(days=1))))
    if legal_basis is None:
        refusals.add(DomainError("LEGAL_BASIS_REQUIRED", field="legal_basis"))
    rule = in_force(PROMOTION_RULES[kind.value], effective_on)
    if time_in_grade_reached_on(state, rule.min_years_in_grade, effective_on) > effective_on:
        refusals.add(DomainError("PROMOTION_TIME_IN_GRADE", field="effective_on",
                                 years=rule.min_years_in_grade, since=state.grade_since))
    for past in sorted(promotion_rating_years(effective_on, rule.good_ratings_years)):
        rating = state.appraisals.get(past)
        if rating is None or not rating.is_at_least_good:
            refusals.add(DomainError("PROMOTION_RATING", field="effective_on", year=past))
            break
    with refusals.collecting():
        check_grade_allowed(state, to_grade)
    if kind is PromotionKind.FUNCTIONAL:
        if state.position_type is None or not state.position_type.is_functional:
            refusals.add(DomainError("PROMOTION_FUNCTIONAL_POSITION", field="kind"))
        needed = CREDIT_POINTS_FOR_GRADE.get(to_grade.code)
        if needed is None or (credit_points or 0) < needed:
            refusals.add(DomainError("PROMOTION_CREDIT_POINTS", field="credit_points",
                                     needed=needed or "-"))
    if penalties_barring_promotion(state, effective_on):
        refusals.add(DomainError("PROMOTION_UNDER_PENALTY", field="effective_on"))
    refusals.raise_any()


def time_in_grade_reached_on(state: EmployeeState, years: int, on: date) -> date:
    """The day `years` in the grade are served, as counted on `on`: CLTN days since the
    grade's TMT do not count (CLTN "is not counted as service", PP 11/2017 as BKN reads it;
    verify: whether the days between the CLTN's end and the return report count)."""
    assert state.grade_since is not None
    served_on = add_months(state.grade_since, 12 * years)
    return served_on + timedelta(days=state.unpaid_leave_days(state.grade_since, on))


def penalties_barring_promotion(state: EmployeeState, on: date) -> list[tuple[date, PenaltyType]]:
    """The medium and heavy penalties in their first year on `on`: they bar a promotion."""
    return [(imposed_on, penalty) for imposed_on, penalty in state.penalties
            if penalty.level is not PenaltyLevel.LIGHT
            and imposed_on <= on < add_months(imposed_on, 12)]


def check_grade_allowed(state: EmployeeState, grade: Grade) -> None:
    """A grade reached by promotion, of any kind: at most the education's cap, and within the
    range of the position held (PP 99/2000 jo PP 12/2002; the position's kelas and range)."""
    assert state.education is not None
    refusals = Refusals()
    cap = regular_cap(state.education)
    if cap < grade:
        refusals.add(DomainError("PROMOTION_EDUCATION_CAP", field="to_grade", cap=cap,
                                 education=state.education.value))
    if state.position_range is not None and not state.position_range.admits(grade):
        refusals.add(DomainError("PROMOTION_OUT_OF_POSITION_RANGE", field="to_grade",
                                 grade=grade, range=state.position_range))
    refusals.raise_any()


def promotable_grades(state: EmployeeState) -> list[Grade]:
    """The grades a promotion may lead to now: the next one, if the cap and range allow it."""
    following = state.grade.next() if state.grade is not None else None
    if following is None or state.education is None:
        return []
    try:
        check_grade_allowed(state, following)
    except DomainError:
        return []
    return [following]


def check_assignment(state: EmployeeState, agency_id: UUID, grade_range: GradeRange) -> None:
    """A position of the employee's own agency whose grade range admits their grade."""
    refusals = Refusals()
    if agency_id != state.agency_id:
        refusals.add(DomainError("POSITION_OTHER_AGENCY", field="position_id"))
    if state.is_on_unpaid_leave:  # placed again only after the return report
        refusals.add(DomainError("POSITION_ON_UNPAID_LEAVE", field="effective_on"))
    assert state.grade is not None
    if not grade_range.admits(state.grade):
        refusals.add(DomainError("POSITION_GRADE_OUT_OF_RANGE", field="position_id",
                                 grade=state.grade, range=grade_range))
    refusals.raise_any()


def check_appraisal(state: EmployeeState, year: int, work_result: Expectation,
                    behaviour: Expectation, rating: Rating, effective_on: date) -> None:
    """One appraisal a year, of a year served, rated by the matrix of PermenPANRB 6/2022."""
    if year in state.appraisals:
        raise DomainError("APPRAISAL_DUPLICATE_YEAR", field="year", year=year)
    assert state.appointed_on is not None
    if not state.appointed_on.year <= year <= effective_on.year:
        raise DomainError("APPRAISAL_YEAR_INVALID", field="year", year=year)
    if rating is not Rating.from_matrix(work_result, behaviour):
        raise DomainError("APPRAISAL_RATING_NOT_DERIVED", field="rating")


PENALTY_LEVEL_WORDS = {PenaltyLevel.LIGHT: Words(id="ringan", en="light"),
                       PenaltyLevel.MEDIUM: Words(id="sedang", en="medium"),
                       PenaltyLevel.HEAVY: Words(id="berat", en="heavy")}


def check_penalty(level: PenaltyLevel, penalty_type: PenaltyType,
                  legal_basis: LegalBasis | None) -> None:
    """A penalty of its own level, always by a decree."""
    if penalty_type.level is not level:
        raise DomainError("PENALTY_TYPE_LEVEL_MISMATCH", field="penalty_type",
                          level=PENALTY_LEVEL_WORDS[level])
    if legal_basis is None:
        raise DomainError("LEGAL_BASIS_REQUIRED", field="legal_basis")


def check_separation(state: EmployeeState, separation_type: SeparationType,
                     effective_on: date) -> None:
    """A contract ends only for a PPPK, and only after its last day."""
    if separation_type is SeparationType.CONTRACT_END:
        if state.employment_type is not EmploymentType.PPPK:
            raise DomainError("CONTRACT_END_ONLY_PPPK", field="separation_type")
        ends = state.contract_ends_on
        if ends is not None and effective_on <= ends:
            raise DomainError("CONTRACT_NOT_ENDED", field="effective_on", ends_on=ends)


def release_position(state: EmployeeState) -> None:
    """The state after leaving a position: none held, the default retirement age."""
    state.position_id, state.position_type, state.position_range = None, None, None
    state.retirement_age = DEFAULT_RETIREMENT_AGE


def in_order(actions: Iterable[Any]) -> list[Any]:
    """Actions in the order they are folded: by effective date, then by version."""
    return sorted(actions, key=lambda a: (a.effective_on, a.originator_version))


def fold(actions: list[Any]) -> tuple[EmployeeState, tuple[date, int]]:
    """The state the actions (in effective-date order) give, and the (date, version) of the
    last one; folding never checks a rule."""
    state, last = EmployeeState(), (date.min, 0)
    for action in actions:
        action.fold(state)
        last = (action.effective_on, action.originator_version)
    return state, last


def check_history(actions: list[Any], since: tuple[date, int], start: date, *,
                  changed: frozenset[int], before: list[Any]) -> None:
    """Fold a candidate history (in effective-date order) and check each action from `since`
    on against the state before it; nothing may precede the enrolment's date `start`.

    The `changed` actions (new or corrected) must meet every rule. A stored action after them
    is refused only if this change breaks it: one that already broke a rule in the history as
    it stood (`before`, e.g. recorded before the rule existed) does not block the correction
    of another entry.
    """
    state, found = EmployeeState(), Refusals()
    for action in actions:
        if (action.effective_on, action.originator_version) >= since:
            try:
                if action.effective_on < start:
                    raise DomainError("BEFORE_APPOINTMENT", field="effective_on",
                                      appointed_on=start)
                action.check(state)
            except DomainError as error:
                if action.originator_version in changed or _held_before(action, before):
                    found.extend(error)
        action.fold(state)
    found.raise_any()


def replay_violations(actions: list[Any]) -> list[DomainError]:
    """Every rule a history (in effective-date order) breaks, each action checked against the
    state before it, as if it were recorded today: for audits of stored data and the demo."""
    state, found = EmployeeState(), Refusals()
    start = actions[0].effective_on if actions else date.min
    for action in actions:
        with found.collecting():
            if action.effective_on < start:
                raise DomainError("BEFORE_APPOINTMENT", field="effective_on",
                                  appointed_on=start)
            action.check(state)
        action.fold(state)
    return found.found


def is_outside_position_range(state: EmployeeState) -> bool:
    """Whether a PNS holds a grade outside the range of the position they hold."""
    return (state.status is EmployeeStatus.PNS and state.grade is not None
            and state.position_range is not None and not state.position_range.admits(state.grade))


def _held_before(action: Any, before: list[Any]) -> bool:
    """Whether a stored action met the rules in the history as it stood before the change."""
    state = EmployeeState()
    for earlier in before:
        if earlier.originator_version == action.originator_version:
            try:
                earlier.check(state)
            except DomainError:
                return False
            return True
        earlier.fold(state)
    return True


def check_separation_grounds(separation_type: SeparationType, effective_on: date,
                             retirement_due_on: date | None, *, has_reason: bool) -> None:
    """Retirement only from the retirement date (from the sealed birth date); a dishonourable
    dismissal always with its reason."""
    if separation_type is SeparationType.RETIREMENT and (
            retirement_due_on is None or effective_on < retirement_due_on):
        raise DomainError("RETIREMENT_AGE_NOT_REACHED", field="effective_on",
                          due_on=retirement_due_on or "?")
    if separation_type is SeparationType.DISHONOURABLE_DISMISSAL and not has_reason:
        raise DomainError("REASON_REQUIRED", field="reason")


def rerated(work_result: Expectation, behaviour: Expectation,
            changes: dict[str, Any]) -> dict[str, Any]:
    """The changes of a corrected appraisal with the rating its corrected scores give."""
    merged = {"work_result": work_result, "behaviour": behaviour, **changes}
    return {**changes, "rating": Rating.from_matrix(merged["work_result"], merged["behaviour"])}


def corrected(target: Any, changes: dict[str, Any]) -> Any:
    """The action as a recorded correction changed it (replay: no rule and no check of a new
    event runs again, so a correction recorded before today's checks still replays)."""
    action = object.__new__(type(target))
    object.__setattr__(action, "__dict__", {**target.__dict__, **changes})
    return action


def replaced(target: Any, changes: dict[str, Any]) -> Any:
    """The action as a new correction would change it, checked as a new event of its kind
    (domain/event_rules.py); a refused value is named as the change it is (`changes.<field>`)."""
    try:
        return dataclasses.replace(target, **changes)
    except DomainError as error:
        if error.field is not None and error.field.split(".")[0] in changes:
            error.field = f"changes.{error.field}"
        raise
