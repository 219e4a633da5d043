"""Promotion periods: the calendar of promotion dates (TMT) with their proposal windows, and the
eligibility list (daftar nominatif) of a period computed from the records on its TMT.

The list asks the same rules as the promotion command (`check_promotion`), so whoever the list
shows eligible can be promoted on its TMT and whoever it leaves out is told the rule codes the
command would refuse with. The period aggregate (proposals, verification, batch recording)
builds on these functions; they read no store and keep no state.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from uuid import UUID

from domain.checks import add_months
from domain.employee_rules import (
    EmployeeState,
    check_promotion,
    penalties_barring_promotion,
)
from domain.errors import DomainError, PromotionMonths, raise_all
from domain.regulations import (
    CREDIT_POINTS_FOR_GRADE,
    PROMOTION_MONTHS,
    PROMOTION_PROPOSAL_WINDOWS,
    PROMOTION_RULES,
    in_force,
    is_promotion_date,
    next_promotion_date,
    period_in_force,
    promotion_rating_years,
    regular_cap,
)
from domain.values import (
    Education,
    EmployeeStatus,
    Grade,
    GradeRange,
    PenaltyType,
    PositionType,
    PromotionKind,
    Rating,
)

# -- the calendar ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PromotionDate:
    """A period of the promotion calendar: its TMT, the window in which its proposals are
    submitted, and the regulations that set both (each the version in force on the TMT)."""

    tmt_on: date
    proposals_open_on: date
    proposals_close_on: date
    calendar_basis: str
    window_basis: str

    def is_open_for_proposals(self, on: date) -> bool:
        return self.proposals_open_on <= on <= self.proposals_close_on


def promotion_date(tmt_on: date) -> PromotionDate:
    """The period whose TMT is `tmt_on`; refused when no promotion takes effect on that date."""
    if not is_promotion_date(tmt_on):
        months: frozenset[int] = in_force(PROMOTION_MONTHS, tmt_on)
        raise DomainError("PROMOTION_DATE", field="tmt_on", months=PromotionMonths(months),
                          nearest=next_promotion_date(tmt_on - timedelta(days=1)))
    window = period_in_force(PROMOTION_PROPOSAL_WINDOWS, tmt_on)
    rule = window.value
    opens_on = add_months(tmt_on, -rule.opens_months_before).replace(day=rule.opens_day)
    if rule.closes_day is None:  # the last day of month M - closes_months_before
        closes_on = add_months(tmt_on, 1 - rule.closes_months_before) - timedelta(days=1)
    else:
        closes_on = add_months(tmt_on, -rule.closes_months_before).replace(day=rule.closes_day)
    return PromotionDate(tmt_on=tmt_on, proposals_open_on=opens_on, proposals_close_on=closes_on,
                         calendar_basis=period_in_force(PROMOTION_MONTHS, tmt_on).source,
                         window_basis=window.source)


def promotion_dates(from_on: date, until_on: date) -> list[PromotionDate]:
    """Every period whose TMT falls between the two dates (both included), each by the
    calendar in force on its own TMT."""
    if until_on < from_on:
        raise DomainError("PROMOTION_PERIOD_RANGE_INVALID", field="until_on")
    found, month = [], from_on.replace(day=1)
    while month <= until_on:
        if month >= from_on and is_promotion_date(month):
            found.append(promotion_date(month))
        month = add_months(month, 1)
    return found


# -- the eligibility list ----------------------------------------------------------------------


class Standing(Enum):
    """Where an employee stands on a period's list."""

    ELIGIBLE = "ELIGIBLE"
    TO_VERIFY = "TO_VERIFY"  # every recorded condition met; one the record lacks is to check
    NOT_ELIGIBLE = "NOT_ELIGIBLE"


_MANAGERIAL = frozenset({PositionType.PENGAWAS, PositionType.ADMINISTRATOR,
                         PositionType.JPT_PRATAMA, PositionType.JPT_MADYA,
                         PositionType.JPT_UTAMA})


def promotion_kind(position_type: PositionType | None) -> PromotionKind:
    """The kind a holder of `position_type` is promoted by: functional for a functional post,
    pilihan (struktural) for a managerial one, regular otherwise (PP 99/2000 Pasal 7-13)."""
    if position_type is not None and position_type.is_functional:
        return PromotionKind.FUNCTIONAL
    if position_type in _MANAGERIAL:
        return PromotionKind.CHOICE
    return PromotionKind.REGULAR


@dataclass(frozen=True)
class Eligibility:
    """One employee's line on a period's list: the facts the conditions read, and the
    conditions not met (`problems`, refused by the command) or not recorded (`to_verify`)."""

    employee_id: UUID
    tmt_on: date
    kind: PromotionKind
    status: EmployeeStatus | None
    grade: Grade | None
    grade_since: date | None
    to_grade: Grade | None
    months_in_grade: int | None  # masa kerja golongan, in whole months on the TMT
    ratings: tuple[tuple[int, Rating | None], ...]  # the years the rule reads, latest first
    education: Education | None
    education_cap: Grade | None
    position_type: PositionType | None
    position_range: GradeRange | None
    credit_points: float | None  # None: not recorded (the record holds no PAK yet)
    credit_points_needed: int | None  # for a functional promotion into `to_grade`
    penalties_in_force: tuple[tuple[date, PenaltyType], ...]
    is_on_unpaid_leave: bool | None  # CLTN on the TMT (None only for lines made elsewhere)
    problems: tuple[DomainError, ...]
    to_verify: tuple[DomainError, ...]

    @property
    def standing(self) -> Standing:
        if self.problems:
            return Standing.NOT_ELIGIBLE
        return Standing.TO_VERIFY if self.to_verify else Standing.ELIGIBLE

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.problems + self.to_verify)

    @property
    def time_in_grade(self) -> tuple[int, int] | None:
        """Masa kerja golongan as (years, months)."""
        if self.months_in_grade is None:
            return None
        return divmod(self.months_in_grade, 12)


def check_eligible(entry: Eligibility) -> None:
    """Refuse, with every condition not met, a proposal of an employee the list leaves out."""
    raise_all(_fresh(entry.problems))


def check_complete(entry: Eligibility) -> None:
    """Refuse to accept a proposal while a condition the record lacks (the PAK's credit
    points) is not yet verified, with the conditions not met."""
    raise_all(_fresh(entry.problems + entry.to_verify))


def assess(employee_id: UUID, state: EmployeeState, period: PromotionDate,
           credit_points: float | None = None) -> Eligibility:
    """The employee's line on the list of `period`, from their record as in force on its TMT
    (`Employee.state_on(period.tmt_on)`); `credit_points` from their latest PAK, when known."""
    tmt_on = period.tmt_on
    kind = promotion_kind(state.position_type)
    to_grade = state.grade.next() if state.grade is not None else None
    needed = (CREDIT_POINTS_FOR_GRADE.get(to_grade.code)
              if kind is PromotionKind.FUNCTIONAL and to_grade is not None else None)
    problems, to_verify = _conditions(state, kind, to_grade, credit_points, needed, tmt_on)
    rule = in_force(PROMOTION_RULES[kind.value], tmt_on)
    return Eligibility(
        employee_id=employee_id, tmt_on=tmt_on, kind=kind, status=state.status,
        grade=state.grade, grade_since=state.grade_since, to_grade=to_grade,
        months_in_grade=_months_in_grade(state, tmt_on),
        ratings=tuple((year, state.appraisals.get(year))
                      for year in promotion_rating_years(tmt_on, rule.good_ratings_years)),
        education=state.education,
        education_cap=regular_cap(state.education) if state.education is not None else None,
        position_type=state.position_type, position_range=state.position_range,
        credit_points=credit_points, credit_points_needed=needed,
        penalties_in_force=tuple(penalties_barring_promotion(state, tmt_on)),
        is_on_unpaid_leave=state.is_on_unpaid_leave, problems=problems, to_verify=to_verify)


def eligibility_list(states: Mapping[UUID, EmployeeState], period: PromotionDate,
                     credit_points: Mapping[UUID, float] | None = None) -> list[Eligibility]:
    """The daftar nominatif of `period`: every CPNS and PNS of `states` (each as in force on
    the TMT), the eligible first, then those to verify, then the rest; within each the higher
    grade and the longer time in it first. PPPK have no rank promotion and are not listed."""
    points = credit_points or {}
    entries = [assess(employee_id, state, period, points.get(employee_id))
               for employee_id, state in states.items()
               if state.status in (EmployeeStatus.PNS, EmployeeStatus.CPNS)]
    order = list(Standing)
    return sorted(entries, key=lambda e: (
        order.index(e.standing), -(e.grade.index if e.grade else 0),
        e.grade_since or date.max, str(e.employee_id)))


def _conditions(state: EmployeeState, kind: PromotionKind, to_grade: Grade | None,
                credit_points: float | None, needed: int | None,
                tmt_on: date) -> tuple[tuple[DomainError, ...], tuple[DomainError, ...]]:
    """The command's refusals for a promotion to the next grade on the TMT, less the decree
    (it comes after the list); credit points not recorded are to verify, not a refusal."""
    assert state.grade is not None, "an enrolled record has a grade"
    if state.status is EmployeeStatus.PNS and to_grade is None:
        return (DomainError("PROMOTION_HIGHEST_GRADE", field="to_grade", grade=state.grade),), ()
    try:  # a CPNS, PPPK or separated employee is refused before the grades are read
        check_promotion(state, kind, state.grade, to_grade or state.grade, credit_points,
                        tmt_on, legal_basis=None)
    except DomainError as error:
        found = _fresh(p for p in error.problems if p.code != "LEGAL_BASIS_REQUIRED")
    else:  # pragma: no cover - check_promotion always asks for the decree
        found = []
    to_verify: list[DomainError] = []
    if credit_points is None and needed is not None:
        found = [p for p in found if p.code != "PROMOTION_CREDIT_POINTS"]
        to_verify.append(DomainError("PROMOTION_CREDIT_POINTS_NOT_RECORDED",
                                     field="credit_points", needed=needed))
    return tuple(found), tuple(to_verify)


def _fresh(errors: Iterable[DomainError]) -> list[DomainError]:
    """Copies of refusals, each standing alone: raising gathers the others onto the first, and
    a line's refusals must not carry a condition it left out, or change when raised."""
    return [DomainError(e.code, field=e.field, **e.params) for e in errors]


def _months_in_grade(state: EmployeeState, on: date) -> int | None:
    """Masa kerja golongan on `on`: the months since the grade's TMT, less the days of CLTN
    in them (they are not counted as service)."""
    since = state.grade_since
    if since is None:
        return None
    return _months_between(since + timedelta(days=state.unpaid_leave_days(since, on)), on)


def _months_between(since: date | None, on: date) -> int | None:
    if since is None:
        return None
    months = (on.year - since.year) * 12 + on.month - since.month
    return months - 1 if on.day < since.day else months
