"""Leave (cuti) rules: working days of a range, entitlement, and each leave type's checks.

Every check is judged by the rules in force on the leave's first day (domain/leave_regulations)
and returns the refusals it finds, as `DomainError`s with stable codes and messages in id/en,
so a form can show them all; `check()` raises the first, for a command that must refuse.
Working days come from a calendar passed in (`WorkingCalendar`), never from a module here;
the annual balance a request is checked against comes from domain/leave_balance.py.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Protocol

from domain.checks import unpaid_days
from domain.errors import DomainError
from domain.leave_balance import AnnualLeaveBalance
from domain.leave_regulations import (
    AdvanceAnnualReason,
    ImportantReason,
    LeavePlace,
    LeaveRuleVersion,
    LeaveType,
    UnpaidLeaveReason,
    leave_rules_on,
)
from domain.values import EmploymentType, Sex


class WorkingCalendar(Protocol):
    """Anything that says whether a day is a working day (a region's holiday calendar)."""

    def is_working_day(self, day: date) -> bool: ...


@dataclass(frozen=True)
class DaysOffCalendar:
    """A calendar from a set of days off (holidays and cuti bersama) and the weekly rest days
    (Saturday and Sunday by default; a school on a six-day week rests on Sunday only)."""

    days_off: Container[date]
    weekly_rest_days: frozenset[int] = frozenset({5, 6})  # date.weekday()

    def is_working_day(self, day: date) -> bool:
        return day.weekday() not in self.weekly_rest_days and day not in self.days_off


@dataclass(frozen=True)
class Applicant:
    """What the leave rules need to know of the employee asking."""

    employment_type: EmploymentType
    service_start_on: date  # start of continuous service: TMT CPNS, or the PPPK contract
    sex: Sex
    is_teacher: bool = False  # guru or dosen, with school or campus holidays
    contract_years: int | None = None  # PPPK: length of the current contract
    # CLTN spans on the record (first day, day of return): not counted as service
    unpaid_leaves: tuple[tuple[date, date | None], ...] = ()


def check(refusals: Sequence[DomainError]) -> None:
    """Raise the first refusal, if any: a command refuses with nothing written."""
    if refusals:
        raise refusals[0]


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def latest_end_on(start_on: date, months: int = 0, days: int = 0) -> date:
    """The last day of a leave of at most `months` and `days` beginning on `start_on`."""
    return add_months(start_on, months) + timedelta(days=days - 1)


def working_days(start_on: date, end_on: date, calendar: WorkingCalendar) -> int:
    """Working days from `start_on` to `end_on`, both included (0 when the range is empty)."""
    return sum(working_days_by_year(start_on, end_on, calendar).values())


def working_days_by_year(start_on: date, end_on: date,
                         calendar: WorkingCalendar) -> dict[int, int]:
    """Working days of the range per calendar year: leave over 31 December is deducted from
    each year for the days that fall in it."""
    counts: dict[int, int] = {}
    day = start_on
    while day <= end_on:
        if calendar.is_working_day(day):
            counts[day.year] = counts.get(day.year, 0) + 1
        day += timedelta(days=1)
    return counts


def _served_years_on(applicant: Applicant, years: int) -> date:
    """The day `years` of service are complete: CLTN days after the start do not count (PP
    11/2017: CLTN is not counted as service), so each pushes the day later, and a later day may
    take in more of a CLTN (hence the few rounds; a running CLTN never completes them)."""
    naive = add_months(applicant.service_start_on, 12 * years)
    served = naive
    for _ in range(8):
        later = naive + timedelta(days=unpaid_days(applicant.unpaid_leaves,
                                                   applicant.service_start_on, served))
        if later == served:
            break
        served = later
    return served


def _common_refusals(applicant: Applicant, leave_type: LeaveType, start_on: date,
                     end_on: date) -> tuple[LeaveRuleVersion | None, list[DomainError]]:
    try:
        rules = leave_rules_on(applicant.employment_type, start_on)
    except DomainError as error:
        return None, [error]
    refusals = []
    if leave_type not in rules.types:
        refusals.append(DomainError("LEAVE_TYPE_NOT_FOR_EMPLOYMENT_TYPE", field="leave_type",
                                    employment_type=applicant.employment_type.value))
    if end_on < start_on:
        refusals.append(DomainError("LEAVE_RANGE_INVALID", field="end_on"))
    return rules, refusals


def _too_long(end_on: date, latest: date) -> list[DomainError]:
    if end_on > latest:
        return [DomainError("LEAVE_TOO_LONG", field="end_on", latest_end_on=latest.isoformat())]
    return []


# --- annual leave (cuti tahunan) ---------------------------------------------------------


def is_entitled_to_annual_leave(applicant: Applicant, year: int,
                                has_big_leave: bool = False) -> bool:
    """True when the employee earns the year's annual leave: one year of service reached
    within the year, not a teacher whose holidays count as leave, no big leave that year."""
    # verify: "after one year" read as earning the whole year's days in the year the first
    # anniversary falls; a request still waits for the anniversary (annual_leave_refusals).
    rules = leave_rules_on(applicant.employment_type, date(year, 12, 31))
    if has_big_leave or (applicant.is_teacher and not rules.annual.teachers_entitled):
        return False
    return _served_years_on(applicant, rules.annual.min_service_years) <= date(year, 12, 31)


def hard_to_reach_travel_days(applicant: Applicant, start_on: date, place: LeavePlace) -> int:
    """Calendar days added to an annual leave taken in a hard-to-reach place."""
    if place is not LeavePlace.HARD_TO_REACH:
        return 0
    return leave_rules_on(applicant.employment_type, start_on).annual.hard_to_reach_calendar_days


def annual_leave_refusals(applicant: Applicant, start_on: date, end_on: date,
                          calendar: WorkingCalendar,
                          balances: Mapping[int, AnnualLeaveBalance],
                          big_leave_years: Container[int] = (),
                          advance_reason: AdvanceAnnualReason | None = None,
                          ) -> list[DomainError]:
    """Why annual leave from `start_on` to `end_on` cannot be granted (empty: it can).

    `balances` holds the balance of each year the range touches; each year's working days
    are checked against that year's balance, so a booking in next year meets next year's cap.
    """
    rules, refusals = _common_refusals(applicant, LeaveType.ANNUAL, start_on, end_on)
    if rules is None or refusals:
        return refusals
    rule = rules.annual
    if applicant.is_teacher and not rule.teachers_entitled:
        refusals.append(DomainError("LEAVE_ANNUAL_TEACHER_HOLIDAYS", field="leave_type"))
    days = working_days_by_year(start_on, end_on, calendar)
    total = sum(days.values())
    if total == 0:
        return [*refusals, DomainError("LEAVE_NO_WORKING_DAYS", field="end_on")]
    if total < rule.min_request_days:
        refusals.append(DomainError("LEAVE_TOO_SHORT", field="end_on",
                                    minimum=rule.min_request_days))
    eligible_on = _served_years_on(applicant, rule.min_service_years)
    if start_on < eligible_on:
        if advance_reason is None or rule.advance_days_before_service == 0:
            refusals.append(DomainError("LEAVE_ANNUAL_SERVICE_TOO_SHORT", field="start_on",
                                        years=rule.min_service_years,
                                        eligible_on=eligible_on.isoformat()))
        elif total > rule.advance_days_before_service:
            refusals.append(DomainError("LEAVE_ANNUAL_ADVANCE_TOO_LONG", field="end_on",
                                        maximum=rule.advance_days_before_service))
        # Advance days are deducted from later annual leave, not checked against a balance.
        return refusals
    for year, requested in sorted(days.items()):
        if year in big_leave_years:
            refusals.append(DomainError("LEAVE_ANNUAL_BLOCKED_BY_BIG_LEAVE", field="start_on",
                                        year=year))
            continue
        balance = balances.get(year)
        available = balance.remaining if balance is not None else 0
        if requested > available:
            refusals.append(DomainError("LEAVE_ANNUAL_BALANCE_INSUFFICIENT", field="end_on",
                                        year=year, available=available, requested=requested))
    return refusals


# --- big leave (cuti besar) --------------------------------------------------------------


class BigLeavePurpose(Enum):
    """Why big leave is taken: rest, a first hajj (no service bar), a fourth or later birth."""

    REST = "REST"
    FIRST_HAJJ = "FIRST_HAJJ"
    FOURTH_CHILD_BIRTH = "FOURTH_CHILD_BIRTH"


def big_leave_refusals(applicant: Applicant, start_on: date, end_on: date,
                       purpose: BigLeavePurpose = BigLeavePurpose.REST,
                       last_big_leave_ended_on: date | None = None) -> list[DomainError]:
    """Why big leave cannot be granted. Taking it forfeits the year's annual leave
    (`is_entitled_to_annual_leave(..., has_big_leave=True)`); days not taken are forfeited."""
    rules, refusals = _common_refusals(applicant, LeaveType.BIG, start_on, end_on)
    if rules is None or refusals:
        return refusals
    years = rules.big_leave_service_years
    # verify: the service bar read as waived for a first hajj only, not for a fourth birth.
    if purpose is not BigLeavePurpose.FIRST_HAJJ and start_on < _served_years_on(applicant,
                                                                                years):
        refusals.append(DomainError("LEAVE_BIG_SERVICE_TOO_SHORT", field="start_on",
                                    years=years))
    if last_big_leave_ended_on is not None:
        eligible_on = add_months(last_big_leave_ended_on, 12 * rules.big_leave_repeat_after_years)
        if start_on < eligible_on:
            refusals.append(DomainError("LEAVE_BIG_TOO_SOON", field="start_on",
                                        eligible_on=eligible_on.isoformat()))
    return refusals + _too_long(end_on, latest_end_on(start_on, rules.big_leave_months))


# --- sick leave (cuti sakit) -------------------------------------------------------------


class SickLeaveKind(Enum):
    ILLNESS = "ILLNESS"
    MISCARRIAGE = "MISCARRIAGE"
    WORK_ACCIDENT = "WORK_ACCIDENT"


class SickCertificate(Enum):
    """The certificate handed in, weakest first: a midwife's counts as a doctor's for a
    miscarriage."""

    NONE = 0
    DOCTOR = 1
    GOVERNMENT_DOCTOR = 2


def required_sick_certificate(rules: LeaveRuleVersion, calendar_days: int) -> SickCertificate:
    """The certificate a sick leave of `calendar_days` needs: from one day a doctor's (with a
    note to the direct superior), beyond 14 days a government doctor's."""
    # verify: the lengths read as calendar days, as the caps are.
    if calendar_days > rules.sick.government_doctor_above_days:
        return SickCertificate.GOVERNMENT_DOCTOR
    if calendar_days >= rules.sick.doctor_certificate_from_days:
        return SickCertificate.DOCTOR
    return SickCertificate.NONE


def sick_leave_refusals(applicant: Applicant, start_on: date, end_on: date,
                        certificate: SickCertificate,
                        kind: SickLeaveKind = SickLeaveKind.ILLNESS,
                        illness_began_on: date | None = None,
                        has_health_board_certificate: bool = False,
                        contract_ends_on: date | None = None) -> list[DomainError]:
    """Why sick leave cannot be granted. The cap of an illness counts from its first day
    (`illness_began_on`), so renewed requests for one illness share it."""
    rules, refusals = _common_refusals(applicant, LeaveType.SICK, start_on, end_on)
    if rules is None or refusals:
        return refusals
    rule = rules.sick
    length = (end_on - start_on).days + 1
    if length < rule.min_days:
        refusals.append(DomainError("LEAVE_TOO_SHORT", field="end_on", minimum=rule.min_days))
    needed = required_sick_certificate(rules, length)
    if kind is not SickLeaveKind.ILLNESS and needed is SickCertificate.GOVERNMENT_DOCTOR:
        needed = SickCertificate.DOCTOR
    if certificate.value < needed.value:
        if needed is SickCertificate.GOVERNMENT_DOCTOR:
            refusals.append(DomainError("LEAVE_SICK_GOVERNMENT_DOCTOR_CERTIFICATE_MISSING",
                                        field="certificate",
                                        days=rule.government_doctor_above_days))
        else:
            refusals.append(DomainError("LEAVE_SICK_DOCTOR_CERTIFICATE_MISSING",
                                        field="certificate"))
    if kind is SickLeaveKind.MISCARRIAGE:
        refusals += _too_long(end_on, latest_end_on(start_on, days=rule.miscarriage_max_days))
    elif kind is SickLeaveKind.WORK_ACCIDENT:
        if rule.work_accident_capped and contract_ends_on is not None:
            refusals += _too_long(end_on, contract_ends_on)
    else:
        months = rule.max_months + (rule.extension_months if has_health_board_certificate
                                    else 0)
        refusals += _too_long(end_on, latest_end_on(illness_began_on or start_on, months))
    return refusals


# --- maternity leave (cuti melahirkan) ---------------------------------------------------


def maternity_leave_refusals(applicant: Applicant, start_on: date, end_on: date,
                             child_order: int) -> list[DomainError]:
    """Why maternity leave cannot be granted; `child_order` counts the children born since
    the employee became a PNS/PPPK (a fourth or later birth is big leave for a PNS)."""
    rules, refusals = _common_refusals(applicant, LeaveType.MATERNITY, start_on, end_on)
    if rules is None or refusals:
        return refusals
    if applicant.sex is not Sex.FEMALE:
        refusals.append(DomainError("LEAVE_MATERNITY_MOTHERS_ONLY", field="leave_type"))
    # verify: a CPNS is entitled too (regional summaries only), so CPNS are not refused.
    if child_order > rules.maternity_max_child_order:
        refusals.append(DomainError("LEAVE_MATERNITY_CHILD_ORDER", field="child_order",
                                    child_order=child_order))
    return refusals + _too_long(end_on, latest_end_on(start_on, rules.maternity_months))


# --- important reasons (cuti karena alasan penting) --------------------------------------


def important_reason_refusals(applicant: Applicant, start_on: date, end_on: date,
                              reason: ImportantReason) -> list[DomainError]:
    """Why leave for an important reason cannot be granted. It does not reduce annual leave;
    the PYBMC sets the length within the month (for a birth, in practice the wife's days in
    hospital)."""
    rules, refusals = _common_refusals(applicant, LeaveType.IMPORTANT_REASON, start_on, end_on)
    if rules is None or refusals:
        return refusals
    if reason is ImportantReason.WIFE_GIVES_BIRTH and applicant.sex is not Sex.MALE:
        refusals.append(DomainError("LEAVE_IMPORTANT_REASON_NOT_APPLICABLE", field="reason"))
    return refusals + _too_long(end_on, latest_end_on(start_on,
                                                      rules.important_reason_months))


# --- unpaid leave (cuti di luar tanggungan negara, CLTN) ---------------------------------


def unpaid_leave_refusals(applicant: Applicant, start_on: date, end_on: date,
                          reason: UnpaidLeaveReason, bkn_approval_ref: str | None,
                          is_extension: bool = False) -> list[DomainError]:
    """Why CLTN (or its extension, which starts the day after it ends) cannot be granted.
    Granted, it releases the position and its time does not count as service."""
    rules, refusals = _common_refusals(applicant, LeaveType.UNPAID, start_on, end_on)
    if rules is None or refusals:
        return refusals
    years = rules.unpaid_service_years
    if start_on < _served_years_on(applicant, years):
        refusals.append(DomainError("LEAVE_UNPAID_SERVICE_TOO_SHORT", field="start_on",
                                    years=years))
    if reason not in rules.unpaid_reasons:
        refusals.append(DomainError("LEAVE_UNPAID_REASON_NOT_ALLOWED", field="reason"))
    if not (bkn_approval_ref or "").strip():
        refusals.append(DomainError("LEAVE_UNPAID_BKN_APPROVAL_MISSING",
                                    field="bkn_approval_ref"))
    most = rules.unpaid_extension_years if is_extension else rules.unpaid_max_years
    return refusals + _too_long(end_on, latest_end_on(start_on, 12 * most))


def unpaid_leave_return_due_on(employment_type: EmploymentType, ended_on: date) -> date:
    """The last day to report back in writing after CLTN (unreported: honourable discharge)."""
    months = leave_rules_on(employment_type, ended_on).unpaid_return_report_months
    return add_months(ended_on, months)


def unpaid_leave_return_refusals(employment_type: EmploymentType, ended_on: date,
                                 reported_on: date) -> list[DomainError]:
    """Why a return report after CLTN is too late for reactivation."""
    due_on = unpaid_leave_return_due_on(employment_type, ended_on)
    if reported_on > due_on:
        return [DomainError("LEAVE_UNPAID_RETURN_REPORT_LATE", field="reported_on",
                            due_on=due_on.isoformat())]
    return []


def counts_as_service(leave_type: LeaveType) -> bool:
    """False for CLTN: its time stops counting for promotion and the service period."""
    return leave_type is not LeaveType.UNPAID


def releases_position(leave_type: LeaveType) -> bool:
    """True for CLTN: the position is released and may be filled."""
    return leave_type is LeaveType.UNPAID


# --- deferral by the PYBMC ---------------------------------------------------------------


def deferral_refusals(employment_type: EmploymentType, leave_type: LeaveType,
                      start_on: date, deferred_to_on: date,
                      purpose: BigLeavePurpose = BigLeavePurpose.REST) -> list[DomainError]:
    """Why leave asked to start on `start_on` cannot be deferred to `deferred_to_on`: at most
    one year, and never a big leave for a first hajj or a fourth birth."""
    rules = leave_rules_on(employment_type, start_on)
    if leave_type is LeaveType.BIG and purpose is not BigLeavePurpose.REST:
        return [DomainError("LEAVE_NOT_DEFERRABLE", field="deferred_to_on")]
    latest = add_months(start_on, 12 * rules.annual.max_deferral_years)
    if deferred_to_on > latest:
        return [DomainError("LEAVE_DEFERRAL_TOO_LONG", field="deferred_to_on",
                            latest_on=latest.isoformat())]
    return []


def may_be_refused(employment_type: EmploymentType, leave_type: LeaveType, on: date) -> bool:
    """Whether the official may refuse this leave outright (with a legal reason) rather than
    defer it: since PP 17/2020 a PNS's leave other than CLTN is deferred, not refused [L6]."""
    rules = leave_rules_on(employment_type, on)
    return not rules.only_unpaid_leave_refusable or leave_type is LeaveType.UNPAID
