"""Commands of leave (cuti) requests (`service.leave`): asking, the superior's consideration,
the official's decision, and what the employee does after it.

Every command is one unit of work and refuses with every problem it finds at once
(`DomainError.problems`), writing nothing. A request is judged by the leave rules in force on
its first day (domain/leave_rules.py) over the working days of the holiday calendar; annual
leave is checked against the balance computed from the employee's earlier requests by the one
function that also shows it (`annual_balance`). Only the requester's direct
superior considers and only the authorised official decides (domain/leave_authority.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import Enum
from typing import Protocol, TypeVar
from uuid import UUID

from domain import clock
from domain.application import RekamApplication, command
from domain.checks import check_text, checked_reason
from domain.document import DocumentKind
from domain.employee import Employee
from domain.employee_leave import (
    UnpaidLeaveEnded,
    begin_unpaid_leave,
    end_unpaid_leave,
    has_unpaid_leave_of,
)
from domain.errors import DomainError, Refusals, raise_all
from domain.leave_authority import consideration_refusals, decision_refusals
from domain.leave_balance import AnnualLeaveBalance, AnnualLeaveYear, annual_leave_balance
from domain.leave_regulations import (
    AdvanceAnnualReason,
    ImportantReason,
    LeavePlace,
    LeaveType,
    UnpaidLeaveReason,
    leave_rules_on,
)
from domain.leave_request import (
    GRANTED,
    OPEN,
    LeaveRequest,
    LeaveStatus,
    Recommendation,
    RejectionGround,
    leave_request_id,
)
from domain.leave_rules import (
    Applicant,
    BigLeavePurpose,
    DaysOffCalendar,
    SickCertificate,
    SickLeaveKind,
    annual_leave_refusals,
    big_leave_refusals,
    deferral_refusals,
    important_reason_refusals,
    is_entitled_to_annual_leave,
    maternity_leave_refusals,
    may_be_refused,
    sick_leave_refusals,
    unpaid_leave_refusals,
    unpaid_leave_return_refusals,
    working_days,
    working_days_by_year,
)
from domain.organisation import Position
from domain.privacy import Sealed
from domain.values import Actor, EmploymentType, LegalBasis, Sex

# Granted leave of these types is decided by a decree whose number is on the record.
DECREED_TYPES = frozenset({LeaveType.UNPAID, LeaveType.BIG})
E = TypeVar("E", bound=Enum)


class DaysOff(Protocol):
    """The holiday calendar (`service.voice`): national holidays and cuti bersama."""

    def days_off(self, first_year: int, last_year: int) -> frozenset[date]: ...


class LeaveService:
    """Ask for, consider, decide, cancel, take and end leave."""

    def __init__(self, app: RekamApplication, holidays: DaysOff) -> None:
        self.app, self.holidays = app, holidays

    # -- reading ---------------------------------------------------------------------------

    def get(self, request_id: UUID) -> LeaveRequest:
        return self.app.load(request_id, LeaveRequest, "Permintaan cuti")

    def requests_of(self, employee_id: UUID) -> list[LeaveRequest]:
        """Every leave request of the employee, oldest first (their ids are numbered)."""
        found: list[LeaveRequest] = []
        while True:
            try:
                found.append(self.get(leave_request_id(employee_id, len(found) + 1)))
            except DomainError:
                return found

    def calendar(self, first_year: int, last_year: int) -> DaysOffCalendar:
        """The working-day calendar of the leave rules, from the holiday calendars."""
        return DaysOffCalendar(self.holidays.days_off(first_year, last_year))

    def annual_balance(self, employee_id: UUID, year: int) -> AnnualLeaveBalance:
        """The employee's annual leave of `year`, counting granted leave (what is shown)."""
        employee = self.app.get_employee(employee_id)
        applicant = self.applicant(employee)
        granted = [r for r in self.requests_of(employee_id) if r.is_granted]
        return self._balances(applicant, granted, [year])[year]

    def annual_balances(self, employee_id: UUID) -> dict[int, AnnualLeaveBalance]:
        """Every year's annual leave of the employee, from the first year leave rules cover to
        the year after their last leave, counting granted leave (the balances view)."""
        employee = self.app.get_employee(employee_id)
        applicant = self.applicant(employee)
        requests = self.requests_of(employee_id)
        granted = [r for r in requests if r.is_granted]
        last = max([r.last_day_on.year + 1 for r in requests]
                   + [applicant.service_start_on.year])
        years = [y for y in range(max(applicant.service_start_on.year, 2000), last + 1)
                 if _has_rules(applicant, y)]
        return self._balances(applicant, granted, years) if years else {}

    def applicant(self, employee: Employee) -> Applicant:
        """What the leave rules need to know of the employee, from their record."""
        state = employee.state
        sex = self.app.vault.open(employee.subject_id, "sex", employee.personal.get("sex"))
        if not isinstance(sex, str):
            raise DomainError("SUBJECT_ERASED")
        started_on = state.appointed_on or date.min
        contract_years = None
        if state.employment_type is EmploymentType.PPPK and state.contract_ends_on:
            # verify: the current contract's length read from the first appointment's TMT.
            contract_years = (state.contract_ends_on - started_on).days // 365
        # Whether the employee is a teacher or lecturer is not on the record yet: no one is.
        return Applicant(state.employment_type or EmploymentType.PNS, started_on,
                         Sex(sex), contract_years=contract_years,
                         unpaid_leaves=tuple(state.unpaid_leaves))

    # -- the employee asks -----------------------------------------------------------------

    @command
    def request_leave(self, employee_id: UUID, *, leave_type: LeaveType, start_on: date,
                      end_on: date, actor: Actor, place: LeavePlace = LeavePlace.DOMESTIC,
                      ground: str | None = None, child_order: int | None = None,
                      certificate: SickCertificate = SickCertificate.NONE,
                      bkn_approval_ref: str | None = None, address: str | None = None,
                      reason: str | None = None) -> UUID:
        """Permintaan cuti by the employee, or by HR on their behalf: refused with every rule
        it breaks (the type's rules, the balance, an overlap with another request)."""
        employee = self.app.get_employee(employee_id)
        applicant = self.applicant(employee)  # refused when the person was erased
        earlier = self.requests_of(employee_id)
        found = Refusals()
        with found.collecting():
            address_text = _checked_text(address, "address")
        with found.collecting():
            reason_text = checked_reason(reason)
        separated_on = employee.state.separated_on
        if separated_on is not None and end_on >= separated_on:
            found.add(DomainError("EMPLOYEE_SEPARATED", field="start_on",
                                  separated_on=separated_on))
        found.found += self._overlaps(earlier, start_on, end_on)
        found.found += self._type_refusals(applicant, earlier, leave_type, start_on, end_on,
                                           place, ground, child_order, certificate,
                                           bkn_approval_ref)
        found.raise_any()
        subject = employee.subject_id
        request = LeaveRequest.ask(
            id=leave_request_id(employee_id, len(earlier) + 1), employee_id=employee_id,
            subject_id=subject, leave_type=leave_type, start_on=start_on, end_on=end_on,
            working_days=self._working_days(start_on, end_on), place=place, ground=ground,
            child_order=child_order,
            certificate=certificate if leave_type is LeaveType.SICK else None,
            bkn_approval_ref=(bkn_approval_ref or "").strip() or None,
            address=self._sealed(subject, "address", address_text),
            reason=self._sealed(subject, "reason", reason_text),
            rule_version=leave_rules_on(applicant.employment_type, start_on).code, actor=actor)
        self.app.record(request)
        return request.id

    @command
    def cancel_leave(self, request_id: UUID, *, actor: Actor, reason: str | None = None) -> None:
        """The employee cancels a request not yet taken; its days return to the balance."""
        request = self.get(request_id)
        request.cancel(reason=self._reason(request, reason), actor=actor)
        self.app.record(request)

    @command
    def record_leave_taken(self, request_id: UUID, *, actor: Actor) -> None:
        """The employee began the granted leave (on its first day); a CLTN's first day is
        also recorded on the employee's record (the position is released)."""
        request = self.get(request_id)
        request.take(actor=actor)
        self.app.record(request)
        self._begin_unpaid_leave(request, actor)

    @command
    def record_early_return(self, request_id: UUID, *, returned_on: date,
                            actor: Actor) -> None:
        """The employee came back before the leave ended: the days after it are not used."""
        request = self.get(request_id)
        request.check_status(LeaveStatus.TAKEN)
        last_day = date.fromordinal(returned_on.toordinal() - 1)
        used = self._working_days(request.start_on, last_day) if last_day >= request.start_on \
            else 0
        request.return_early(returned_on=returned_on, working_days=used, actor=actor)
        self.app.record(request)

    @command
    def report_return(self, request_id: UUID, *, reported_on: date, actor: Actor) -> None:
        """CLTN: the written report of return, due within a month of the leave's end."""
        request = self.get(request_id)
        found: list[DomainError] = []
        if request.leave_type is not LeaveType.UNPAID:
            found.append(DomainError("LEAVE_RETURN_REPORT_UNPAID_ONLY", field="id"))
        employee = self.app.get_employee(request.employee_id)
        found += unpaid_leave_return_refusals(
            employee.state.employment_type or EmploymentType.PNS, request.last_day_on,
            reported_on)
        raise_all(found)
        if request.status in (LeaveStatus.APPROVED, LeaveStatus.DEFERRED):
            request.take(actor=actor)  # a CLTN granted but never marked begun: it was
        self._begin_unpaid_leave(request, actor)
        request.report_return(reported_on=reported_on, actor=actor)
        self.app.record(request)
        if not has_unpaid_leave_of(employee, request.id, UnpaidLeaveEnded):
            end_unpaid_leave(employee, request_id=request.id, effective_on=reported_on,
                             actor=actor)
            self.app.record(employee)

    # -- the direct superior and the authorised official -----------------------------------

    @command
    def consider_leave(self, request_id: UUID, *, recommendation: Recommendation,
                       superior_id: UUID | None, actor: Actor,
                       reason: str | None = None) -> None:
        """Pertimbangan atasan langsung: recommend the leave, or recommend its deferral.
        `superior_id` is the actor's own employee record, which must be the requester's
        direct superior today."""
        request = self.get(request_id)
        today = clock.now().date()
        requester = self.app.get_employee(request.employee_id).state_on(today)
        superior = (self.app.get_employee(superior_id).state_on(today)
                    if superior_id is not None else None)
        raise_all(consideration_refusals(superior, superior_id, requester,
                                         request.employee_id, today))
        request.consider(recommendation=recommendation, reason=self._reason(request, reason),
                         actor=actor)
        self.app.record(request)

    @command
    def approve_leave(self, request_id: UUID, *, actor: Actor,
                      legal_basis: LegalBasis | None = None) -> None:
        """The official grants the leave as asked; CLTN and big leave need their decree.
        Annual leave is checked again against the leave granted since it was asked."""
        request = self.get(request_id)
        raise_all(decision_refusals(actor))
        request.check_status(*OPEN)
        found: list[DomainError] = []
        if request.leave_type in DECREED_TYPES and legal_basis is None:
            found.append(DomainError("LEAVE_DECREE_REQUIRED", field="legal_basis"))
        if request.leave_type is LeaveType.SICK \
                and request.certificate not in (None, SickCertificate.NONE) \
                and not request.has_document(DocumentKind.CERTIFICATE):
            # The certificate itself, not only its kind, before sick leave is granted.
            found.append(DomainError("LEAVE_SICK_CERTIFICATE_NOT_ATTACHED", field="file"))
        if request.leave_type is LeaveType.ANNUAL:
            employee = self.app.get_employee(request.employee_id)
            others = [r for r in self.requests_of(request.employee_id) if r.id != request.id]
            found += self._annual_refusals(self.applicant(employee), others, request.start_on,
                                           request.end_on, request.ground, is_granting=True)
        raise_all(found)
        request.approve(legal_basis=legal_basis, actor=actor)
        self.app.record(request)
        if request.start_on <= clock.now().date():  # granted late: the CLTN already runs
            self._begin_unpaid_leave(request, actor)

    @command
    def defer_leave(self, request_id: UUID, *, start_on: date, end_on: date, actor: Actor,
                    reason: str | None = None, legal_basis: LegalBasis | None = None) -> None:
        """Penangguhan: the official grants the leave on later dates, for the service's need
        (at most a year later; never a big leave for a first hajj or a fourth birth)."""
        request = self.get(request_id)
        raise_all(decision_refusals(actor))
        request.check_status(*OPEN)
        employee = self.app.get_employee(request.employee_id)
        employment_type = employee.state.employment_type or EmploymentType.PNS
        found: list[DomainError] = []
        if end_on < start_on:
            found.append(DomainError("LEAVE_RANGE_INVALID", field="end_on"))
        purpose = (BigLeavePurpose(request.ground) if request.leave_type is LeaveType.BIG
                   and request.ground else BigLeavePurpose.REST)
        found += deferral_refusals(employment_type, request.leave_type,
                                   request.requested_start_on, start_on, purpose)
        others = [r for r in self.requests_of(request.employee_id) if r.id != request.id]
        found += self._overlaps(others, start_on, end_on)
        raise_all(found)
        request.defer(start_on=start_on, end_on=end_on,
                      working_days=self._working_days(start_on, end_on),
                      reason=self._reason(request, reason), legal_basis=legal_basis,
                      actor=actor)
        self.app.record(request)
        if request.start_on <= clock.now().date():
            self._begin_unpaid_leave(request, actor)

    @command
    def reject_leave(self, request_id: UUID, *, ground: RejectionGround, actor: Actor,
                     reason: str | None = None, legal_basis: LegalBasis | None = None) -> None:
        """Refuse leave outright, with its legal ground: only leave the rules let the official
        refuse (a PNS's CLTN since PP 17/2020); other leave is deferred instead."""
        request = self.get(request_id)
        raise_all(decision_refusals(actor))
        request.check_status(*OPEN)
        employee = self.app.get_employee(request.employee_id)
        if not may_be_refused(employee.state.employment_type or EmploymentType.PNS,
                              request.leave_type, request.start_on):
            raise DomainError("LEAVE_REFUSAL_NOT_ALLOWED", field="ground")
        request.reject(ground=ground, reason=self._reason(request, reason),
                       legal_basis=legal_basis, actor=actor)
        self.app.record(request)

    # -- effects on the record -------------------------------------------------------------

    def _begin_unpaid_leave(self, request: LeaveRequest, actor: Actor) -> None:
        """A granted CLTN that has begun goes on the employee's record once, from its first
        day, with the decree that granted it, and the request is taken (a CLTN on the record
        is not cancelled); other leave leaves the record as it is."""
        if request.leave_type is not LeaveType.UNPAID or not request.is_granted \
                or request.start_on > clock.now().date():
            return
        employee = self.app.get_employee(request.employee_id)
        if has_unpaid_leave_of(employee, request.id):
            return
        if request.status in (LeaveStatus.APPROVED, LeaveStatus.DEFERRED):
            request.take(actor=actor)  # granted late: it runs, so it is no longer cancelled
            self.app.record(request)
        held = employee.state.position_id
        begin_unpaid_leave(employee, request_id=request.id, effective_on=request.start_on,
                           actor=actor, legal_basis=request.decree)
        self.app.record(employee)
        if held is not None:  # the post is free to be filled, as a release leaves it
            position = self.app.load(held, Position, "Jabatan")
            if position.holder_id == employee.id:
                position.vacate(employee_id=employee.id, effective_on=request.start_on,
                                actor=actor, legal_basis=request.decree)
                self.app.record(position)

    # -- the rules -------------------------------------------------------------------------

    def _working_days(self, start_on: date, end_on: date) -> int:
        return working_days(start_on, end_on, self.calendar(start_on.year, end_on.year))

    def _reason(self, request: LeaveRequest, text: str | None) -> Sealed | None:
        return self._sealed(request.subject_id, "reason", checked_reason(text))

    def _sealed(self, subject_id: UUID, field: str, text: str | None) -> Sealed | None:
        return None if text is None else self.app.vault.seal(subject_id, field, text)

    @staticmethod
    def _overlaps(requests: Sequence[LeaveRequest], start_on: date,
                  end_on: date) -> list[DomainError]:
        for other in requests:
            if (other.status in OPEN or other.status in GRANTED) \
                    and other.start_on <= end_on and start_on <= other.last_day_on:
                return [DomainError("LEAVE_REQUEST_OVERLAPS", field="start_on",
                                    start_on=other.start_on.isoformat(),
                                    end_on=other.last_day_on.isoformat())]
        return []

    def _type_refusals(self, applicant: Applicant, earlier: Sequence[LeaveRequest],
                       leave_type: LeaveType, start_on: date, end_on: date, place: LeavePlace,
                       ground: str | None, child_order: int | None,
                       certificate: SickCertificate,
                       bkn_approval_ref: str | None) -> list[DomainError]:
        if leave_type is LeaveType.COLLECTIVE:
            return [DomainError("LEAVE_COLLECTIVE_NOT_REQUESTED", field="leave_type")]
        try:
            if leave_type is LeaveType.ANNUAL:
                _parsed(AdvanceAnnualReason, ground)
                return self._annual_refusals(applicant, earlier, start_on, end_on, ground,
                                             is_granting=False)
            if leave_type is LeaveType.BIG:
                ended = [r.last_day_on for r in earlier
                         if r.leave_type is LeaveType.BIG and r.is_granted]
                return big_leave_refusals(
                    applicant, start_on, end_on,
                    _parsed(BigLeavePurpose, ground) or BigLeavePurpose.REST,
                    max(ended, default=None))
            if leave_type is LeaveType.SICK:
                return sick_leave_refusals(
                    applicant, start_on, end_on, certificate,
                    _parsed(SickLeaveKind, ground) or SickLeaveKind.ILLNESS)
            if leave_type is LeaveType.MATERNITY:
                if child_order is None or child_order < 1:
                    return [DomainError("LEAVE_GROUND_INVALID", field="child_order")]
                return maternity_leave_refusals(applicant, start_on, end_on, child_order)
            if leave_type is LeaveType.IMPORTANT_REASON:
                return important_reason_refusals(applicant, start_on, end_on,
                                                 _required(ImportantReason, ground))
            return unpaid_leave_refusals(applicant, start_on, end_on,
                                         _required(UnpaidLeaveReason, ground), bkn_approval_ref)
        except ValueError:
            return [DomainError("LEAVE_GROUND_INVALID", field="ground")]

    def _annual_refusals(self, applicant: Applicant, others: Sequence[LeaveRequest],
                         start_on: date, end_on: date, ground: str | None,
                         is_granting: bool) -> list[DomainError]:
        """Annual leave against the balance of each year it touches. A new request counts the
        other requests still waiting too, so two of them cannot each pass and both be granted;
        a grant counts only what is granted."""
        years = list(range(start_on.year, max(start_on, end_on).year + 1))
        counted = [r for r in others if r.is_granted or (not is_granting and r.is_open)]
        return annual_leave_refusals(
            applicant, start_on, end_on, self.calendar(years[0], years[-1]),
            self._balances(applicant, counted, years), _big_leave_years(others),
            AdvanceAnnualReason(ground) if ground else None)

    def _balances(self, applicant: Applicant, requests: Sequence[LeaveRequest],
                  years: Sequence[int]) -> dict[int, AnnualLeaveBalance]:
        """Each year's balance from the annual leave of `requests` (the granted ones, and for
        a new request those still waiting): days are deducted in the year they fall in; days
        the official deferred into a later year are carried there (deferred_days of the year
        asked for)."""
        annual = [r for r in requests if r.leave_type is LeaveType.ANNUAL]
        taken: dict[int, int] = {}
        deferred: dict[int, int] = {}
        spans = [(r.start_on, r.last_day_on) for r in annual]
        first = min([applicant.service_start_on.year, *years])
        calendar = self.calendar(min([s.year for s, _ in spans], default=first),
                                 max([e.year for _, e in spans] + list(years)))
        for request, (start_on, last_on) in zip(annual, spans, strict=True):
            for year, days in working_days_by_year(start_on, last_on, calendar).items():
                taken[year] = taken.get(year, 0) + days
                asked_in = request.requested_start_on.year
                if request.start_on != request.requested_start_on and year > asked_in:
                    deferred[asked_in] = deferred.get(asked_in, 0) + days
        big_years = _big_leave_years(requests)
        history = [AnnualLeaveYear(year, is_entitled_to_annual_leave(
                       applicant, year, has_big_leave=year in big_years),
                       taken.get(year, 0), deferred.get(year, 0))
                   for year in range(first, max(years) + 1) if _has_rules(applicant, year)]
        return {year: annual_leave_balance(applicant.employment_type, history, year,
                                           applicant.contract_years) for year in years}


def _checked_text(text: str | None, field: str) -> str | None:
    value = " ".join((text or "").split()) or None
    if value is not None:
        check_text(value, field)
    return value


def _big_leave_years(requests: Sequence[LeaveRequest]) -> set[int]:
    """Years with granted big leave: they earn no annual leave."""
    return {year for r in requests if r.leave_type is LeaveType.BIG and r.is_granted
            for year in range(r.start_on.year, r.last_day_on.year + 1)}


def _has_rules(applicant: Applicant, year: int) -> bool:
    """Whether leave rules are encoded for the year (PNS from PP 11/2017: service before it
    earned nothing the ledger can count)."""
    try:
        leave_rules_on(applicant.employment_type, date(year, 12, 31))
    except DomainError:
        return False
    return True


def _parsed(kind: type[E], ground: str | None) -> E | None:
    """The type's ground from its stored value (ValueError when unknown)."""
    return None if ground is None else kind(ground)


def _required(kind: type[E], ground: str | None) -> E:
    if ground is None:
        raise ValueError("ground required")
    return kind(ground)
