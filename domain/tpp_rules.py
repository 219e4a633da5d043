"""A government's TPP regulation as versioned data, and one employee's TPP for one month.

Tambahan Penghasilan Pegawai (PP 12/2019 Pasal 58; Kepmendagri 900-4700/2020) is set by each
region's head (Perkada), usually once a year: an amount per job class (kelas jabatan) split over
the six criteria of Pasal 58, and the rules that cut it. `compute_tpp` is pure: the same input
and the same regulation version give the same breakdown, so a stored monthly run can be
recomputed from the record it names.

Arithmetic (integers only, rupiah and basis points, 1% = 100):
- each criterion's part is floor(class amount × share / 10 000); the rupiah left over by the
  rounding go to the first criterion with a share, so the parts add up to the class amount;
- each cut is taken from each part in its scope as floor(part × basis points / 10 000), so a
  rounding never cuts more than the rule says (a pro-rata rate, days of leave over days of the
  month, is itself rounded down to a whole basis point);
- cuts add up, in a fixed order (leave, sanctions, performance predicate, attendance), and a part
  is cut at most to zero: together they never take more than 100%. The predicate cuts together
  take at most the regulation's performance cap, the attendance cuts at most its discipline cap
  (the 60/40 split of many Perkada). A cut that meets an emptied part or a reached cap is shown
  with the amount it could still take and `is_capped`.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from types import MappingProxyType
from uuid import UUID

from domain.employee_rules import EmployeeState
from domain.errors import DomainError
from domain.regulations import ALLOWANCE_CUT_SANCTIONS, AllowanceCut, period_in_force
from domain.values import PenaltyLevel, PenaltyType, PositionType, Rating

FULL = 10_000  # basis points in 100%


class Criterion(Enum):
    """The criteria of PP 12/2019 Pasal 58 over which a class amount is split."""

    WORKLOAD = "WORKLOAD"  # beban kerja
    PLACE = "PLACE"  # tempat bertugas
    CONDITIONS = "CONDITIONS"  # kondisi kerja
    SCARCITY = "SCARCITY"  # kelangkaan profesi
    PERFORMANCE = "PERFORMANCE"  # prestasi kerja
    OTHER = "OTHER"  # pertimbangan objektif lainnya


ALL_CRITERIA = frozenset(Criterion)


class CutCategory(Enum):
    """The broad reason of a cut, the level at which cuts may be counted in public."""

    LEAVE = "LEAVE"
    SANCTION = "SANCTION"
    PERFORMANCE = "PERFORMANCE"
    DISCIPLINE = "DISCIPLINE"  # attendance


@dataclass(frozen=True)
class LatenessBand:
    """Keterlambatan (TL) or pulang sebelum waktunya (PSW): from `from_minutes` on, a cut per
    occurrence; `label` (TL1, PSW2, ...) names it in the reason code."""

    label: str
    from_minutes: int
    basis_points: int


@dataclass(frozen=True)
class AttendanceRules:
    """The attendance cuts a regulation sets, taken from the parts in `scope`, together at
    most `cap_basis_points` of them (the discipline share of the TPP)."""

    late_bands: tuple[LatenessBand, ...]
    early_bands: tuple[LatenessBand, ...]
    absent_day_basis_points: int
    missed_assembly_basis_points: int
    cap_basis_points: int
    scope: frozenset[Criterion] = ALL_CRITERIA

    def __post_init__(self) -> None:
        for bands in (self.late_bands, self.early_bands):
            starts = [band.from_minutes for band in bands]
            if not bands or starts != sorted(set(starts)) or starts[0] < 1:
                raise DomainError("TPP_REGULATION_INVALID", field="attendance")
        if not 0 < self.cap_basis_points <= FULL:
            raise DomainError("TPP_REGULATION_INVALID", field="attendance")

    def band(self, bands: tuple[LatenessBand, ...], minutes: int | None) -> LatenessBand | None:
        """The band of an occurrence; no time recorded (not signed in/out) is the last band."""
        if minutes is None:
            return bands[-1]
        reached = [band for band in bands if band.from_minutes <= minutes]
        return reached[-1] if reached else None


@dataclass(frozen=True)
class TppRegulation:
    """One version of a government's TPP Perkada: in force from `effective_from` until the next.

    `base_by_class` is the monthly amount per kelas jabatan in rupiah; `criteria_shares` splits
    it (basis points adding up to 10 000); `class_by_position_type` is the class used where no
    job evaluation gives one for the post; `sanction_cuts` are the region's own cuts for light or
    heavy sanctions (PP 94/2021's medium cuts always apply and cannot be changed here);
    `predicate_cuts` cut by the last annual predicate, `no_predicate_basis_points` when there is
    none, both from the parts in `performance_scope`, together at most `performance_cap`.
    """

    government_id: UUID
    year: int
    effective_from: date
    perkada: str
    base_by_class: Mapping[int, int]
    criteria_shares: Mapping[Criterion, int]
    class_by_position_type: Mapping[PositionType, int]
    sanction_cuts: Mapping[PenaltyType, AllowanceCut] = field(default_factory=dict)
    predicate_cuts: Mapping[Rating, int] = field(default_factory=dict)
    no_predicate_basis_points: int = 0
    performance_scope: frozenset[Criterion] = ALL_CRITERIA
    performance_cap: int = FULL
    attendance: AttendanceRules | None = None
    approval_ref: str | None = None  # the Mendagri approval letter

    def __post_init__(self) -> None:
        # A version is read by every run that recomputes its months: its tables are copied
        # and frozen, so changing the dict it was built from cannot change a past month.
        for name in ("base_by_class", "criteria_shares", "class_by_position_type",
                     "sanction_cuts", "predicate_cuts"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        if self.effective_from.year != self.year:
            raise DomainError("TPP_REGULATION_INVALID", field="effective_from")
        if not self.base_by_class or any(
                amount < 0 for amount in self.base_by_class.values()):
            raise DomainError("TPP_REGULATION_INVALID", field="base_by_class")
        if sum(self.criteria_shares.values()) != FULL or any(
                share < 0 for share in self.criteria_shares.values()):
            raise DomainError("TPP_REGULATION_INVALID", field="criteria_shares")
        if any(penalty.level is PenaltyLevel.MEDIUM for penalty in self.sanction_cuts):
            raise DomainError("TPP_REGULATION_INVALID", field="sanction_cuts")
        points = [*self.predicate_cuts.values(), self.no_predicate_basis_points,
                  self.performance_cap, *(c.basis_points for c in self.sanction_cuts.values())]
        if any(not 0 <= value <= FULL for value in points):
            raise DomainError("TPP_REGULATION_INVALID", field="predicate_cuts")

    @property
    def source(self) -> str:
        return self.perkada


def regulation_in_force(versions: Iterable[TppRegulation], government_id: UUID,
                        on: date) -> TppRegulation:
    """The government's version in force on `on`: the latest that took effect by then. An old
    version stays in force until a new one takes effect (a late yearly approval keeps last
    year's amounts)."""
    candidates = [v for v in versions
                  if v.government_id == government_id and v.effective_from <= on]
    if not candidates:
        raise DomainError("TPP_REGULATION_NOT_IN_FORCE", field="month", on=on)
    return max(candidates, key=lambda v: v.effective_from)


# -- the input ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LeaveInMonth:
    """Calendar days of the month on leave without the state's pay: CLTN, and other unpaid."""

    cltn_days: int = 0
    other_unpaid_days: int = 0


@dataclass(frozen=True)
class Attendance:
    """The month's closed attendance: minutes of each late arrival and early departure (None:
    not signed in or out), unexcused days absent, assemblies or ceremonies missed."""

    late_minutes: tuple[int | None, ...] = ()
    early_minutes: tuple[int | None, ...] = ()
    absent_days: int = 0
    missed_assemblies: int = 0


@dataclass(frozen=True)
class TppInput:
    """What one month's TPP of one employee is computed from."""

    month: date  # the first day of the month
    job_class: int
    penalties: tuple[tuple[date, PenaltyType], ...] = ()  # every penalty, with its TMT
    last_rating: Rating | None = None
    rating_year: int | None = None
    leave: LeaveInMonth = LeaveInMonth()
    attendance: Attendance | None = None  # None: no attendance data, so no attendance cuts

    def __post_init__(self) -> None:
        if self.month.day != 1:
            raise DomainError("TPP_MONTH_INVALID", field="month")


# -- the result -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cut:
    """One cut: its stable reason code, broad category, rate, rupiah taken, and legal basis."""

    code: str
    category: CutCategory
    basis_points: int
    amount: int
    legal_basis: str
    detail: str = ""
    is_capped: bool = False


@dataclass(frozen=True)
class TppBreakdown:
    """One employee's TPP for a month: the parts per criterion, each cut, and what is paid."""

    month: date
    regulation: str
    regulation_effective_from: date
    job_class: int
    gross: int
    parts: tuple[tuple[Criterion, int], ...]
    cuts: tuple[Cut, ...]

    @property
    def net(self) -> int:
        return self.gross - sum(cut.amount for cut in self.cuts)


@dataclass(frozen=True)
class _Rule:
    """A cut to apply: its rate on the parts in scope."""

    code: str
    category: CutCategory
    basis_points: int
    legal_basis: str
    scope: frozenset[Criterion] = ALL_CRITERIA
    detail: str = ""


def compute_tpp(regulation: TppRegulation, given: TppInput) -> TppBreakdown:
    """The month's TPP of one employee under `regulation` (the version in force that month)."""
    gross = regulation.base_by_class.get(given.job_class)
    if gross is None:
        raise DomainError("TPP_JOB_CLASS_UNKNOWN", field="job_class",
                          job_class=given.job_class, perkada=regulation.perkada)
    parts = _split(gross, regulation.criteria_shares)
    remaining = dict(parts)
    cuts = []
    for family, cap in _families(regulation, given):
        family_left = {c: part * cap // FULL for c, part in parts}
        for rule in family:
            cuts.append(_take(rule, parts, remaining, family_left))
    return TppBreakdown(given.month, regulation.perkada, regulation.effective_from,
                        given.job_class, gross, parts, tuple(cuts))


def _split(gross: int, shares: Mapping[Criterion, int]) -> tuple[tuple[Criterion, int], ...]:
    parts = [(c, gross * shares[c] // FULL) for c in Criterion if shares.get(c, 0) > 0]
    first, amount = parts[0]
    parts[0] = (first, amount + gross - sum(a for _, a in parts))
    return tuple(parts)


def _take(rule: _Rule, parts: tuple[tuple[Criterion, int], ...],
          remaining: dict[Criterion, int], family_left: dict[Criterion, int]) -> Cut:
    """Take the rule's cut from each part in scope, as far as the part and the family's cap
    allow."""
    taken, is_capped = 0, False
    for criterion, part in parts:
        if criterion not in rule.scope:
            continue
        due = part * min(rule.basis_points, FULL) // FULL
        amount = min(due, remaining[criterion], family_left[criterion])
        is_capped = is_capped or amount < due
        remaining[criterion] -= amount
        family_left[criterion] -= amount
        taken += amount
    return Cut(rule.code, rule.category, rule.basis_points, taken, rule.legal_basis,
               rule.detail, is_capped)


def _families(regulation: TppRegulation,
              given: TppInput) -> list[tuple[list[_Rule], int]]:
    """The cuts that apply this month, in the order they are taken, each family with its cap."""
    families = [(_leave_rules(regulation, given), FULL),
                (_sanction_rules(regulation, given), FULL),
                (_predicate_rules(regulation, given), regulation.performance_cap)]
    if regulation.attendance is not None and given.attendance is not None:
        families.append((_attendance_rules(regulation, regulation.attendance, given.attendance),
                         regulation.attendance.cap_basis_points))
    return families


def _leave_rules(regulation: TppRegulation, given: TppInput) -> list[_Rule]:
    """No TPP for days outside the state's pay, pro rata by calendar days of the month."""
    # verify: Perkada-specific; read as: CLTN and other unpaid days earn nothing, pro rata.
    days = calendar.monthrange(given.month.year, given.month.month)[1]
    rules = []
    # verify: the article that CLTN is without pay from the state (read as PP 11/2017 Ps 331).
    for code, count, basis in (("LEAVE_CLTN", given.leave.cltn_days, "PP 11/2017 Pasal 331"),
                               ("LEAVE_UNPAID", given.leave.other_unpaid_days,
                                regulation.perkada)):
        if count > 0:
            count = min(count, days)
            rules.append(_Rule(code, CutCategory.LEAVE, count * FULL // days, basis,
                               detail=f"{count}/{days}"))
    return rules


def sanction_months(imposed_on: date, months: int) -> tuple[date, date]:
    """The first and last month a sanction cuts: `months` calendar months from the month it
    takes effect when that is the 1st, else from the month after."""
    # verify: PP 94/2021 counts from the decree taking effect; read as whole calendar months.
    start = imposed_on.replace(day=1)
    if imposed_on.day != 1:
        start = _add_month(start, 1)
    return start, _add_month(start, months - 1)


def _add_month(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def _sanction_rules(regulation: TppRegulation, given: TppInput) -> list[_Rule]:
    national = period_in_force(ALLOWANCE_CUT_SANCTIONS, given.month)
    rules = []
    for imposed_on, penalty in sorted(given.penalties, key=lambda p: (p[0], p[1].value)):
        if penalty in national.value:
            cut, basis = national.value[penalty], national.source
        elif penalty in regulation.sanction_cuts:
            cut, basis = regulation.sanction_cuts[penalty], regulation.perkada
        else:
            continue
        first, last = sanction_months(imposed_on, cut.months)
        if first <= given.month <= last:
            served = (given.month.year - first.year) * 12 + given.month.month - first.month + 1
            rules.append(_Rule(f"SANCTION_{penalty.value}", CutCategory.SANCTION,
                               cut.basis_points, basis,
                               detail=f"{imposed_on.isoformat()} {served}/{cut.months}"))
    return rules


def _predicate_rules(regulation: TppRegulation, given: TppInput) -> list[_Rule]:
    scope = regulation.performance_scope
    if given.last_rating is None:
        if regulation.no_predicate_basis_points == 0:
            return []
        return [_Rule("PREDICATE_MISSING", CutCategory.PERFORMANCE,
                      regulation.no_predicate_basis_points, regulation.perkada, scope)]
    points = regulation.predicate_cuts.get(given.last_rating, 0)
    if points == 0:
        return []
    return [_Rule(f"PREDICATE_{given.last_rating.value}", CutCategory.PERFORMANCE, points,
                  regulation.perkada, scope, detail=str(given.rating_year))]


def _attendance_rules(regulation: TppRegulation, rules: AttendanceRules,
                      attendance: Attendance) -> list[_Rule]:
    counted: dict[LatenessBand, int] = {}
    for bands, occurrences in ((rules.late_bands, attendance.late_minutes),
                               (rules.early_bands, attendance.early_minutes)):
        for minutes in occurrences:
            band = rules.band(bands, minutes)
            if band is not None:
                counted[band] = counted.get(band, 0) + 1
    found = [(f"ATTENDANCE_{band.label}", band.basis_points, count)
             for bands in (rules.late_bands, rules.early_bands) for band in bands
             if (count := counted.get(band, 0))]
    found += [("ATTENDANCE_ABSENT", rules.absent_day_basis_points, attendance.absent_days),
              ("ATTENDANCE_ASSEMBLY_MISSED", rules.missed_assembly_basis_points,
               attendance.missed_assemblies)]
    return [_Rule(code, CutCategory.DISCIPLINE, points * count, regulation.perkada,
                  rules.scope, detail=f"{count}×")
            for code, points, count in found if count > 0 and points > 0]


# -- from the record ----------------------------------------------------------------------


def tpp_input(state: EmployeeState, month: date, regulation: TppRegulation, *,
              position_classes: Mapping[UUID, int] | None = None,
              leave: LeaveInMonth = LeaveInMonth(),
              attendance: Attendance | None = None) -> TppInput | None:
    """The input of `month`'s TPP from the record as in force on its first day
    (`employee.state_on(month)`), or None when the employee is not in service that day.

    The job class is the post's own from job evaluation (`position_classes`), else the
    regulation's class for the post's type; someone between posts is paid as a pelaksana.
    The predicate is the rating of the latest year before the month's. Leave and attendance
    are not on the employee's record: the run passes them in.
    """
    if (state.status is None or state.appointed_on is None or state.appointed_on > month
            or (state.separated_on is not None and state.separated_on <= month)):
        return None  # verify: a month is paid when the employee serves on its first day
    job_class = (position_classes or {}).get(state.position_id) if state.position_id else None
    if job_class is None:
        job_class = regulation.class_by_position_type.get(
            state.position_type or PositionType.PELAKSANA)
    if job_class is None:
        raise DomainError("TPP_JOB_CLASS_UNKNOWN", field="job_class", job_class="-",
                          perkada=regulation.perkada)
    years = [year for year in state.appraisals if year < month.year]
    rating_year = max(years) if years else None
    return TppInput(month=month, job_class=job_class, penalties=tuple(state.penalties),
                    last_rating=state.appraisals[rating_year] if rating_year else None,
                    rating_year=rating_year, leave=leave, attendance=attendance)
