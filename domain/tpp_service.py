"""Commands of TPP (`service.tpp`): a government's regulation versions, the monthly run of every
employee's TPP from the record as in force in that month, its correction runs, and the check
that a stored run is reproduced from what it read.

A run reads, for each employee of the government enrolled in the log by then, the record as in
force on the month's first day (`Employee.state_on`): post and job class, every penalty with its
TMT (a back-dated penalty recorded later changes the month), the last year's rating; and the
CLTN days of the month from the employee's granted leave requests of type CLTN. Attendance is
not on the record yet, so no attendance cut is taken (the regulation's bands are kept for when
it is). A month already run is run again only when something it read changed: the new run
corrects the last one, with each line marked changed or not and the difference of the net in
the sealed breakdown; a run that would change nothing is refused (TPP_RUN_UNCHANGED). A month
whose version in force has no approval of the Minister of Home Affairs is not run
(TPP_NOT_APPROVED) until its letter is recorded (`approve_version`); runs already stored stay,
and `reproduce` recomputes them as they were.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from domain import clock
from domain.application import RekamApplication, command
from domain.consultation import Consultation, ConsultationSubject
from domain.employee import Employee
from domain.errors import DomainError
from domain.leave_regulations import LeaveType
from domain.leave_request import GRANTED, LeaveRequest, leave_request_id
from domain.organisation import Government
from domain.privacy import ERASED
from domain.tpp_policy import TppPolicy, tpp_policy_id
from domain.tpp_rules import (
    CutCategory,
    LeaveInMonth,
    TppBreakdown,
    TppRegulation,
    compute_tpp,
    tpp_input,
)
from domain.tpp_run import AgencyTotals, TppLine, TppRun, tpp_run_id
from domain.values import Actor, LegalBasis

ENROLMENTS = (get_topic(Employee.Appointed), get_topic(Employee.RecordOpened))
SEALED_FIELD = "tpp"


@dataclass(frozen=True)
class Computed:
    """One employee's month as a run computes it, before it is sealed."""

    employee_id: UUID
    subject_id: UUID
    agency_id: UUID
    record_version: int
    leave_versions: tuple[int, ...]
    payload: dict[str, Any]  # the inputs and the breakdown: what the sealed line holds
    net: int
    gross: int
    cuts: dict[CutCategory, int]


def breakdown_payload(breakdown: TppBreakdown, cltn_days: int,
                      rating_year: int | None, rating: str | None) -> dict[str, Any]:
    """The line's sealed content: inputs and breakdown, plain JSON."""
    return {
        "job_class": breakdown.job_class, "cltn_days": cltn_days,
        "rating": rating, "rating_year": rating_year,
        "gross": breakdown.gross, "net": breakdown.net,
        "parts": [[c.value, amount] for c, amount in breakdown.parts],
        "cuts": [{"code": cut.code, "category": cut.category.value,
                  "basis_points": cut.basis_points, "amount": cut.amount,
                  "legal_basis": cut.legal_basis, "detail": cut.detail,
                  "is_capped": cut.is_capped} for cut in breakdown.cuts],
    }


def cltn_days_in(requests: list[LeaveRequest], month: date) -> int:
    """Calendar days of `month` inside granted CLTN requests (from the first day to the last
    day of leave, an early return ending it)."""
    last = date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])
    days: set[date] = set()
    for request in requests:
        if request.leave_type is not LeaveType.UNPAID or request.status not in GRANTED:
            continue
        start, end = max(request.start_on, month), min(request.last_day_on, last)
        days.update(date.fromordinal(n) for n in range(start.toordinal(), end.toordinal() + 1))
    return len(days)


class TppService:
    """Adopt regulation versions; run, correct and reproduce a government's monthly TPP."""

    def __init__(self, app: RekamApplication) -> None:
        self.app = app
        # Enrolments are never undone: each government's employees in the log's order and the
        # notification id scanned up to, so a run scans only what was stored since the last.
        self._enrolments: dict[UUID, tuple[int, list[UUID]]] = {}

    # -- reading ---------------------------------------------------------------------------

    def policy(self, government_id: UUID) -> TppPolicy | None:
        try:
            return self.app.load(tpp_policy_id(government_id), TppPolicy, "Perkada TPP")
        except DomainError:
            return None

    def get_run(self, run_id: UUID) -> TppRun:
        return self.app.load(run_id, TppRun, "Perhitungan TPP")

    def runs_of(self, government_id: UUID, month: date) -> list[TppRun]:
        """The month's runs, first to last (their ids are numbered)."""
        found: list[TppRun] = []
        while True:
            try:
                found.append(self.get_run(tpp_run_id(government_id, month.replace(day=1),
                                                     len(found) + 1)))
            except DomainError:
                return found

    def line(self, run: TppRun, employee_id: UUID) -> dict[str, Any] | None:
        """The employee's opened breakdown in the run; None when absent or erased."""
        found = run.lines.get(employee_id)
        if found is None:
            return None
        text = self.app.vault.open(found.subject_id, SEALED_FIELD, found.breakdown)
        if text is None or text is ERASED:
            return None
        opened: dict[str, Any] = json.loads(str(text))
        return opened

    # -- the regulation --------------------------------------------------------------------

    @command
    def adopt_regulation(self, regulation: TppRegulation, *, actor: Actor,
                         legal_basis: LegalBasis | None = None,
                         consultation_id: UUID | None = None) -> int:
        """Adopt a version of the government's Perkada, naming the public consultation of
        its draft when one was held (answered, on the TPP rules, of this government); the
        policy's new version number."""
        self.app.load(regulation.government_id, Government, "Pemerintah daerah")
        if consultation_id is not None:
            try:
                consulted = self.app.load(consultation_id, Consultation, "Konsultasi publik")
            except DomainError:
                raise DomainError("TPP_CONSULTATION_INVALID", field="consultation_id") from None
            if (consulted.government_id != regulation.government_id
                    or consulted.subject is not ConsultationSubject.TPP_RULES
                    or not consulted.is_answered):
                raise DomainError("TPP_CONSULTATION_INVALID", field="consultation_id")
        policy = self.policy(regulation.government_id)
        if policy is None:
            policy = TppPolicy.start(government_id=regulation.government_id, actor=actor)
        policy.adopt(regulation, legal_basis=legal_basis, actor=actor,
                     consultation_id=consultation_id)
        self.app.record(policy)
        return int(policy.version)

    @command
    def approve_version(self, government_id: UUID, effective_from: date, *,
                        letter: LegalBasis, actor: Actor) -> int:
        """Record the Mendagri letter approving the version in force from `effective_from`
        (one that arrived after the version was adopted); the policy's new version number."""
        self.app.load(government_id, Government, "Pemerintah daerah")
        policy = self.policy(government_id)
        if policy is None:
            raise DomainError("TPP_VERSION_NOT_FOUND", field="effective_from",
                              effective_from=effective_from)
        policy.approve(effective_from, letter=letter, actor=actor)
        self.app.record(policy)
        return int(policy.version)

    # -- the monthly run -------------------------------------------------------------------

    @command
    def run_month(self, government_id: UUID, month: date, *, actor: Actor) -> UUID:
        """Compute the government's TPP of `month` (any day of it) as run 1, or as a correction
        of the month's last run when something read has changed since."""
        month = month.replace(day=1)
        if month > clock.now().date():
            raise DomainError("TPP_MONTH_IN_FUTURE", field="month")
        self.app.load(government_id, Government, "Pemerintah daerah")
        policy = self.policy(government_id)
        if policy is None:
            raise DomainError("TPP_REGULATION_NOT_IN_FORCE", field="month", on=month)
        regulation = policy.in_force(month)
        if policy.approval_of(regulation.effective_from) is None:
            raise DomainError("TPP_NOT_APPROVED", field="month", perkada=regulation.perkada,
                              effective_from=regulation.effective_from)
        employee_ids = self._enrolled(government_id)
        position = self.app.recorder.max_notification_id() or 0
        computed = [c for e in employee_ids
                    if (c := self._compute(e, government_id, month, regulation)) is not None]
        earlier = self.runs_of(government_id, month)
        last = earlier[-1] if earlier else None
        previous = {e: self.line(last, e) for e in last.lines} if last is not None else {}
        if last is not None and _same(previous, computed):
            raise DomainError("TPP_RUN_UNCHANGED", field="month", number=last.number)
        run = TppRun.start(government_id=government_id, month=month, number=len(earlier) + 1,
                           corrects=last.id if last is not None else None, position=position,
                           policy_version=int(policy.version), perkada=regulation.perkada,
                           perkada_effective_from=regulation.effective_from, actor=actor)
        by_agency: dict[UUID, list[Computed]] = {}
        for one in computed:
            by_agency.setdefault(one.agency_id, []).append(one)
        for agency_id in sorted(by_agency, key=str):
            lines = tuple(self._sealed(one, previous, is_correction=last is not None)
                          for one in by_agency[agency_id])
            run.record_agency(totals=_totals(agency_id, by_agency[agency_id]), lines=lines,
                              actor=actor)
        run.complete(actor=actor)
        self.app.record(run)
        return run.id

    def reproduce(self, run: TppRun) -> list[UUID]:
        """Recompute every line from the versions the run read (the policy's, each record's and
        each leave request's, all at or before its log position); the employees whose line
        differs. An erased employee's line cannot be opened and is skipped."""
        policy: TppPolicy = self.app.repository.get(tpp_policy_id(run.government_id),
                                          version=run.policy_version)
        regulation = policy.in_force(run.month)
        differing = []
        for employee_id, line in run.lines.items():
            stored = self.line(run, employee_id)
            if stored is None:
                continue
            employee = self.app.employee_at(employee_id, line.record_version)
            requests: list[LeaveRequest] = [
                self.app.repository.get(leave_request_id(employee_id, n + 1), version=version)
                for n, version in enumerate(line.leave_versions)]
            again = self._computed(employee, requests, run.month, regulation)
            stored.pop("difference", None)
            if again is None or again.payload != stored:
                differing.append(employee_id)
        return differing

    # -- inside a run ----------------------------------------------------------------------

    def _enrolled(self, government_id: UUID) -> list[UUID]:
        """Every employee enrolled in the government, in the log's order."""
        scanned, found = self._enrolments.get(government_id, (0, []))
        found = list(found)
        while True:
            batch = self.app.recorder.select_notifications(scanned + 1, 1000,
                                                           topics=ENROLMENTS)
            for notification in batch:
                event = self.app.mapper.to_domain_event(notification)
                if isinstance(event, Employee.Enrolment) and event.government_id == government_id:
                    found.append(event.originator_id)
            if batch:
                scanned = batch[-1].id
            if len(batch) < 1000:
                self._enrolments[government_id] = (scanned, found)
                return found

    def _compute(self, employee_id: UUID, government_id: UUID, month: date,
                 regulation: TppRegulation) -> Computed | None:
        employee = self.app.get_employee(employee_id)
        if employee.is_erased:
            return None
        requests = self._leave_requests(employee_id)
        computed = self._computed(employee, requests, month, regulation)
        if computed is None or employee.state_on(month).government_id != government_id:
            return None
        return computed

    def _leave_requests(self, employee_id: UUID) -> list[LeaveRequest]:
        found: list[LeaveRequest] = []
        while True:
            try:
                found.append(self.app.load(leave_request_id(employee_id, len(found) + 1),
                                           LeaveRequest, "Permintaan cuti"))
            except DomainError:
                return found

    @staticmethod
    def _computed(employee: Employee, requests: list[LeaveRequest], month: date,
                  regulation: TppRegulation) -> Computed | None:
        state = employee.state_on(month)
        cltn = cltn_days_in(requests, month)
        given = tpp_input(state, month, regulation, leave=LeaveInMonth(cltn_days=cltn))
        if given is None or state.agency_id is None:
            return None
        breakdown = compute_tpp(regulation, given)
        cuts: dict[CutCategory, int] = {}
        for cut in breakdown.cuts:
            cuts[cut.category] = cuts.get(cut.category, 0) + cut.amount
        rating = given.last_rating.value if given.last_rating is not None else None
        return Computed(employee.id, employee.subject_id, state.agency_id,
                        int(employee.version), tuple(int(r.version) for r in requests),
                        breakdown_payload(breakdown, cltn, given.rating_year, rating),
                        breakdown.net, breakdown.gross, cuts)

    def _sealed(self, one: Computed, previous: dict[UUID, dict[str, Any] | None], *,
                is_correction: bool) -> TppLine:
        before = previous.get(one.employee_id)
        payload = dict(one.payload)
        is_changed = False
        if is_correction:
            earlier = dict(before) if before is not None else None
            if earlier is not None:
                earlier.pop("difference", None)
            is_changed = earlier != one.payload
            payload["difference"] = one.net - (before["net"] if before is not None else 0)
        sealed = self.app.vault.seal(one.subject_id, SEALED_FIELD,
                                     json.dumps(payload, sort_keys=True))
        return TppLine(one.employee_id, one.subject_id, one.agency_id, one.record_version,
                       one.leave_versions, is_changed, sealed)


def _same(previous: dict[UUID, dict[str, Any] | None], computed: list[Computed]) -> bool:
    """Whether the computed lines are the last run's, employee for employee."""
    known = {e for e, line in previous.items() if line is not None}
    if known != {one.employee_id for one in computed} - (set(previous) - known):
        return False
    for one in computed:
        before = previous[one.employee_id]
        if before is None:
            continue  # erased since: its line cannot be compared and changes nothing
        before = dict(before)
        before.pop("difference", None)
        if before != one.payload:
            return False
    return True


def _totals(agency_id: UUID, lines: list[Computed]) -> AgencyTotals:
    def cut(category: CutCategory) -> tuple[int, int]:
        amounts = [one.cuts.get(category, 0) for one in lines]
        return sum(amounts), sum(1 for amount in amounts if amount > 0)

    leave, sanction = cut(CutCategory.LEAVE), cut(CutCategory.SANCTION)
    performance, discipline = cut(CutCategory.PERFORMANCE), cut(CutCategory.DISCIPLINE)
    return AgencyTotals(agency_id=agency_id, staff=len(lines),
                        gross=sum(one.gross for one in lines),
                        net=sum(one.net for one in lines),
                        leave_cut=leave[0], sanction_cut=sanction[0],
                        performance_cut=performance[0], discipline_cut=discipline[0],
                        leave_staff=leave[1], sanction_staff=sanction[1],
                        performance_staff=performance[1], discipline_staff=discipline[1])
