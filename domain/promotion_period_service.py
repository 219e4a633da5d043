"""Commands of promotion periods (`service.promotion_periods`): open a government's period, the
officers' proposals from its eligibility list, the administrator's verification, the batch
recording of the accepted proposals as promotions, and the close.

Every command is one unit of work and refuses with every problem it finds at once, writing
nothing. A proposal is taken only inside the period's proposal window (the recording day
between its first and last day, as the calendar of domain/promotion_period.py sets it) and only
for an employee the list finds ELIGIBLE or TO_VERIFY; acceptance asks the list again with the
credit points of the file's PAK, so an accepted proposal is complete. The batch recording runs
every accepted proposal through the promotion command itself: an entry a rule refuses on the
day is kept as RecordingRefused with its codes and the others land, all in one transaction.
Who may propose (the officer of the employee's agency) and verify (the government's
administrator) is the web layer's access rule, as for leave.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol
from uuid import UUID

from domain import clock
from domain.application import RekamApplication, command
from domain.checks import checked_reason
from domain.errors import DomainError, Refusals, raise_all
from domain.organisation import Government
from domain.promotion_period import (
    Eligibility,
    assess,
    check_complete,
    check_eligible,
    promotion_date,
)
from domain.promotion_round import (
    PENDING,
    PROPOSABLE_AGAIN,
    STATUS_WORDS,
    EntryStatus,
    PromotionPeriod,
    promotion_period_id,
)
from domain.values import Actor, Grade, LegalBasis, PromotionKind

# The rule codes an administrator may reject a file with: the conditions of a promotion.
REJECTION_CODES = ("PROMOTION_TIME_IN_GRADE", "PROMOTION_RATING", "PROMOTION_CREDIT_POINTS",
                   "PROMOTION_UNDER_PENALTY", "PROMOTION_EDUCATION_CAP",
                   "PROMOTION_OUT_OF_POSITION_RANGE", "PROMOTION_FUNCTIONAL_POSITION")
DECREE_NUMBER_SLOT = "{n}"


class PromotionCommand(Protocol):
    """The personnel command the batch recording runs (the personnel service has it)."""

    def promote_rank(self, employee_id: UUID, *, kind: PromotionKind, to_grade: Grade,
                     effective_on: date, actor: Actor, legal_basis: LegalBasis | None,
                     credit_points: float | None = None, reason: str | None = None,
                     expected_version: int | None = None) -> None: ...


@dataclass(frozen=True)
class RecordingResult:
    """One accepted entry of a batch: its decree and the record's version, or the refusals."""

    employee_id: UUID
    decree: LegalBasis
    employee_version: int | None
    problems: tuple[DomainError, ...]

    @property
    def is_recorded(self) -> bool:
        return not self.problems


def decree_numbers(pattern: str, first: int, count: int) -> list[str]:
    """`count` decree numbers from a pattern such as "800/{n}/BKPSDM/2027", numbered from
    `first` with three digits at least (800/001/BKPSDM/2027, ...)."""
    if pattern.count(DECREE_NUMBER_SLOT) != 1 or "{" in pattern.replace(DECREE_NUMBER_SLOT, "") \
            or "}" in pattern.replace(DECREE_NUMBER_SLOT, "") or first < 1:
        raise DomainError("PROMOTION_DECREE_PATTERN_INVALID", field="decree_pattern",
                          slot=DECREE_NUMBER_SLOT)
    return [pattern.replace(DECREE_NUMBER_SLOT, f"{n:03d}") for n in range(first, first + count)]


class PromotionPeriodService:
    """Open, propose, verify, record in batches and close a government's promotion period."""

    def __init__(self, app: RekamApplication, personnel: PromotionCommand) -> None:
        self.app, self.personnel = app, personnel

    # -- reading ---------------------------------------------------------------------------

    def get(self, period_id: UUID) -> PromotionPeriod:
        return self.app.load(period_id, PromotionPeriod, "Periode kenaikan pangkat")

    def find(self, government_id: UUID, tmt_on: date) -> PromotionPeriod | None:
        try:
            return self.get(promotion_period_id(government_id, tmt_on))
        except DomainError:
            return None

    def line(self, period: PromotionPeriod, employee_id: UUID,
             credit_points: float | None = None) -> Eligibility:
        """The employee's line on the period's list, from their record as in force on its TMT."""
        employee = self.app.get_employee(employee_id)
        return assess(employee_id, employee.state_on(period.tmt_on),
                      promotion_date(period.tmt_on), credit_points)

    # -- the period ------------------------------------------------------------------------

    @command
    def open_period(self, government_id: UUID, *, tmt_on: date, actor: Actor) -> UUID:
        """Open the government's period of `tmt_on`, a date of the calendar in force on it."""
        self.app.load(government_id, Government, "Pemerintah daerah")
        calendar = promotion_date(tmt_on)
        if self.find(government_id, tmt_on) is not None:
            raise DomainError("PROMOTION_PERIOD_ALREADY_OPENED", field="tmt_on", tmt_on=tmt_on)
        period = PromotionPeriod.open(
            government_id=government_id, tmt_on=tmt_on,
            proposals_open_on=calendar.proposals_open_on,
            proposals_close_on=calendar.proposals_close_on,
            calendar_basis=calendar.calendar_basis, window_basis=calendar.window_basis,
            actor=actor)
        self.app.record(period)
        return period.id

    @command
    def close_period(self, period_id: UUID, *, actor: Actor) -> None:
        """Close the period once no proposal waits for verification or recording."""
        period = self.get(period_id)
        period.check_open()
        pending = period.entries_in(*PENDING)
        if pending:
            raise DomainError("PROMOTION_PERIOD_PENDING", field="id", count=len(pending))
        period.close(actor=actor)
        self.app.record(period)

    # -- the officers ----------------------------------------------------------------------

    @command
    def propose(self, period_id: UUID, employee_id: UUID, *, actor: Actor) -> None:
        """Usul kenaikan pangkat of one employee from the list, inside the proposal window."""
        period = self.get(period_id)
        period.check_open()
        found = Refusals()
        today = clock.now().date()
        if not period.is_open_for_proposals(today):
            found.add(DomainError("PROMOTION_PROPOSAL_WINDOW_CLOSED", field="id",
                                  opens_on=period.proposals_open_on,
                                  closes_on=period.proposals_close_on))
        earlier = period.entries.get(employee_id)
        if earlier is not None and earlier.status not in PROPOSABLE_AGAIN:
            found.add(DomainError("PROMOTION_ALREADY_PROPOSED", field="employee_id",
                                  status=STATUS_WORDS[earlier.status]))
        employee = self.app.get_employee(employee_id)
        if employee.state.government_id != period.government_id:
            found.add(DomainError("PROMOTION_EMPLOYEE_OTHER_GOVERNMENT", field="employee_id"))
            found.raise_any()
        line = self.line(period, employee_id)
        with found.collecting():
            check_eligible(line)
        found.raise_any()
        agency_id = employee.state.agency_id
        # An eligible line is a serving PNS's: they have a grade, a next one and an agency.
        assert line.grade is not None and line.to_grade is not None and agency_id is not None
        period.propose(employee_id=employee_id, agency_id=agency_id,
                       kind=line.kind, from_grade=line.grade, to_grade=line.to_grade,
                       actor=actor)
        self.app.record(period)

    @command
    def propose_all(self, period_id: UUID, employee_ids: Sequence[UUID], *,
                    actor: Actor) -> None:
        """Propose the employees chosen from the list together: all of them, or none with
        every refusal met."""
        found = Refusals()
        for employee_id in employee_ids:
            with found.collecting():
                self.propose(period_id, employee_id, actor=actor)
        if not employee_ids:
            found.add(DomainError("PROMOTION_NOTHING_PROPOSED", field="employee_ids"))
        found.raise_any()

    @command
    def withdraw(self, period_id: UUID, employee_id: UUID, *, actor: Actor) -> None:
        """The officer takes back a proposal not yet verified, or one returned to them."""
        period = self.get(period_id)
        period.withdraw(employee_id=employee_id, actor=actor)
        self.app.record(period)

    # -- the administrator's verification --------------------------------------------------

    @command
    def accept(self, period_id: UUID, employee_id: UUID, *, actor: Actor,
               credit_points: float | None = None) -> None:
        """The file is complete: the list asked again (with the PAK's credit points, for a
        functional post) finds every condition met."""
        period = self.get(period_id)
        period.check_entry(employee_id, EntryStatus.PROPOSED)
        check_complete(self.line(period, employee_id, credit_points))
        period.accept(employee_id=employee_id, credit_points=credit_points, actor=actor)
        self.app.record(period)

    @command
    def return_proposal(self, period_id: UUID, employee_id: UUID, *, reason: str | None,
                        actor: Actor) -> None:
        """Back to the officer with what the file lacks (sealed: it may name the person)."""
        period = self.get(period_id)
        found = Refusals()
        with found.collecting():
            period.check_entry(employee_id, EntryStatus.PROPOSED)
        with found.collecting():
            text = checked_reason(reason)
            if text is None:
                raise DomainError("PROMOTION_RETURN_REASON_REQUIRED", field="reason")
        found.raise_any()
        assert text is not None
        subject_id = self.app.get_employee(employee_id).subject_id
        period.return_proposal(employee_id=employee_id, actor=actor,
                               reason=self.app.vault.seal(subject_id, "reason", text))
        self.app.record(period)

    @command
    def reject(self, period_id: UUID, employee_id: UUID, *, code: str, actor: Actor) -> None:
        """The file fails a condition of promotion, named by its rule code."""
        period = self.get(period_id)
        found = Refusals()
        with found.collecting():
            period.check_entry(employee_id, EntryStatus.PROPOSED)
        if code not in REJECTION_CODES:
            found.add(DomainError("PROMOTION_REJECTION_CODE_INVALID", field="code"))
        found.raise_any()
        period.reject(employee_id=employee_id, code=code, actor=actor)
        self.app.record(period)

    # -- the batch recording ---------------------------------------------------------------

    @command
    def record_batch(self, period_id: UUID, *, signed_on: date, actor: Actor,
                     decrees: Mapping[UUID, str] | None = None,
                     decree_pattern: str | None = None, first_number: int = 1,
                     employee_ids: Sequence[UUID] | None = None) -> list[RecordingResult]:
        """Record the accepted proposals (all, or those of `employee_ids`) as promotions on the
        TMT, each with its own decree: the numbers given per entry (`decrees`), or numbered
        from `decree_pattern` in the order of the proposals. One transaction; an entry a rule
        refuses on the day is recorded as refused with its codes and the others land."""
        period = self.get(period_id)
        period.check_open()
        accepted = period.entries_in(EntryStatus.ACCEPTED)
        if employee_ids is not None:
            chosen = set(employee_ids)
            for employee_id in chosen - {e.employee_id for e in accepted}:
                period.check_entry(employee_id, EntryStatus.ACCEPTED)  # says where it stands
            accepted = [e for e in accepted if e.employee_id in chosen]
        if not accepted:
            raise DomainError("PROMOTION_NOTHING_TO_RECORD", field="id")
        numbers = self._numbers([e.employee_id for e in accepted], decrees, decree_pattern,
                                first_number, signed_on)
        results = []
        for entry in accepted:
            decree = LegalBasis(numbers[entry.employee_id], signed_on)
            try:
                self.personnel.promote_rank(
                    entry.employee_id, kind=entry.kind, to_grade=entry.to_grade,
                    effective_on=period.tmt_on, actor=actor, legal_basis=decree,
                    credit_points=entry.credit_points)
            except DomainError as error:
                problems = tuple(error.problems)
                period.refuse_recording(employee_id=entry.employee_id,
                                        codes=tuple(p.code for p in problems), actor=actor)
                results.append(RecordingResult(entry.employee_id, decree, None, problems))
                continue
            version = self.app.get_employee(entry.employee_id).version
            period.record_entry(employee_id=entry.employee_id, decree=decree,
                                employee_version=version, actor=actor)
            results.append(RecordingResult(entry.employee_id, decree, version, ()))
        self.app.record(period)
        return results

    @staticmethod
    def _numbers(employee_ids: Sequence[UUID], decrees: Mapping[UUID, str] | None,
                 pattern: str | None, first: int, signed_on: date) -> dict[UUID, str]:
        """Each entry's decree number, every problem with them at once."""
        found: list[DomainError] = []
        if signed_on > clock.now().date():
            found.append(DomainError("PROMOTION_DECREE_SIGNED_AFTER_TODAY", field="signed_on"))
        numbers: dict[UUID, str] = {}
        if pattern:
            try:
                numbers = dict(zip(employee_ids,
                                   decree_numbers(pattern, first, len(employee_ids)),
                                   strict=True))
            except DomainError as error:
                found.append(error)
        else:
            given = {k: " ".join(v.split()) for k, v in (decrees or {}).items() if v.strip()}
            missing = [e for e in employee_ids if e not in given]
            if missing:
                found.append(DomainError("PROMOTION_DECREE_MISSING", field="decrees",
                                         count=len(missing)))
            numbers = {e: given[e] for e in employee_ids if e in given}
        if len(set(numbers.values())) < len(numbers):
            found.append(DomainError("PROMOTION_DECREE_NUMBER_REPEATED", field="decrees"))
        for number in numbers.values():
            if len(number) > 120:
                found.append(DomainError("LEGAL_BASIS_INVALID", field="decrees"))
                break
        raise_all(found)
        return numbers
