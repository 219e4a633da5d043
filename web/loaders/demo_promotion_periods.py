"""The demo's promotion periods: in each government, every period of the last two years run as
BKPSDM runs it (opened, the eligible proposed inside the proposal window, each file verified,
the accepted recorded in one batch with a decree each, closed), and the period whose proposal
window holds today left open with proposals in every state.

Inside those two years the periods are how the demo promotes: the monthly history stops
promoting on its own from the first of their TMTs (`Periods.first_tmt`), so every promotion
of those years is a recorded entry of a period. Not every eligible employee is proposed,
which leaves some due on the current list for the officers to propose.

Each step runs at its place in the month loop: the proposals and the verification of TMT M
at the start of month M - 1, between the 12th and the 15th (inside the window that closes on
the 15th, after the lags of the month before), the batch at the start of month M with decrees
signed late in month M - 1. Everything goes through `service.promotion_periods`, so its rules
hold as for real input. The periods draw from their own random stream.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from domain.checks import add_months
from domain.errors import DomainError
from domain.promotion_period import Eligibility, PromotionDate, Standing, promotion_dates
from domain.promotion_period_service import PromotionPeriodService
from domain.promotion_round import EntryStatus
from domain.regulations import is_promotion_date, next_promotion_date, retirement_on
from domain.values import Actor, EmployeeStatus, PromotionKind, Role
from web.loaders.demo_world import AGENCIES, DemoWorld

PAST_YEARS = 2
# An employee newly due is proposed at once, or after their file is complete: from 4 to 30
# months later (in the meantime they stay due, as the eligible-but-not-proposed do).
LATE_FILE_SHARE, LATE_FILE_MONTHS = 0.6, (4, 30)
CURRENT_PROPOSED_SHARE = 0.6
OFFICER_AGENCY = "disdik"  # the agency of the demo's officer account (web/accounts/demo.py)
LEFT_FOR_OFFICER = 6  # eligible of that agency left unproposed on the current list
# What becomes of a proposal in a past period (the rest are accepted).
WITHDRAWN_SHARE, RETURNED_SHARE, REJECTED_SHARE = 0.02, 0.05, 0.03
RETURN_REASONS = ("SKP dua tahun terakhir belum diunggah",
                  "Salinan SK pangkat terakhir tidak terbaca",
                  "Ijazah terakhir belum dilegalisasi",
                  "PAK terakhir belum dilampirkan")
DECREE_PATTERN = "800.1.11/{n}/KP/{year}"
PROPOSABLE = (Standing.ELIGIBLE, Standing.TO_VERIFY)
STEPS = ("proposed", "accepted", "returned", "rejected", "withdrawn")  # the current period's


def first_tmt_on(today: date) -> date:
    """The first TMT the periods cover: the first promotion date of the last two years."""
    return next_promotion_date(add_months(today, -12 * PAST_YEARS) - timedelta(days=1))


def actors(code: str) -> tuple[Actor, Actor]:
    """The officer who proposes and the administrator who verifies, as the demo's accounts."""
    return Actor(f"hr.{code}", Role.HR_OFFICER), Actor(f"hradmin.{code}", Role.HR_ADMIN)


@dataclass
class Periods:
    """The periods' working memory: their draws, the first TMT they cover, the period open
    for proposals today, the periods waiting for their batch, the decree numbers given."""

    world: DemoWorld
    rng: random.Random
    codes: dict[UUID, str]  # government id -> its code (for the actors)
    first_tmt: date
    current: PromotionDate | None
    waiting: dict[date, list[UUID]] = field(default_factory=dict)
    numbers: dict[tuple[UUID, int], int] = field(default_factory=dict)
    ready: dict[tuple[UUID, str], date] = field(default_factory=dict)  # file complete from

    @classmethod
    def start(cls, world: DemoWorld, rng: random.Random, codes: dict[UUID, str]) -> Periods:
        today = world.today
        first_tmt = first_tmt_on(today)
        current = next((p for p in promotion_dates(today, add_months(today, 3))
                        if p.is_open_for_proposals(today)), None)
        return cls(world, rng, codes, first_tmt, current)

    @property
    def service(self) -> PromotionPeriodService:
        periods: PromotionPeriodService = self.world.service.promotion_periods
        return periods

    def promotes(self, month: date) -> bool:
        """Whether the periods, not the monthly history, promote on `month`."""
        return month >= self.first_tmt

    def month(self, month: date) -> None:
        """What the periods record at the start of `month`: the batch of the periods whose TMT
        it is, then the proposals and verification of the period of next month."""
        for period_id in self.waiting.pop(month, []):
            self._record(period_id, close=True)
        tmt_on = add_months(month, 1)
        if (tmt_on >= self.first_tmt and is_promotion_date(tmt_on)
                and (self.current is None or tmt_on != self.current.tmt_on)):
            for government_id in self.codes:
                self.waiting.setdefault(tmt_on, []).append(
                    self._past(government_id, tmt_on, month))

    def finish(self) -> None:
        """After the history: the batch of a period whose window has closed but whose TMT is
        still to come (its decrees signed by today, the period left open), and the current
        period with proposals in every state."""
        for tmt_on, period_ids in sorted(self.waiting.items()):
            for period_id in period_ids:
                self._record(period_id, close=tmt_on <= self.world.today)
        self.waiting.clear()
        if self.current is None:
            return
        self._at(self.current.proposals_open_on, 0)
        for government_id in self.codes:
            self._current(government_id, self.current.tmt_on)

    # -- one past period -------------------------------------------------------------------

    def _past(self, government_id: UUID, tmt_on: date, month: date) -> UUID:
        officer, admin = actors(self.codes[government_id])
        self._at(month, 12)
        period_id = self.service.open_period(government_id, tmt_on=tmt_on, actor=admin)
        lines = [line for line in self._candidates(period_id, government_id)
                 if self._is_ready(line)]
        proposed = self._propose(period_id, lines, officer)
        self._at(month, self.rng.randint(14, 15))
        for line in proposed:
            roll = self.rng.random()
            if roll < WITHDRAWN_SHARE:
                self.service.withdraw(period_id, line.employee_id, actor=officer)
            elif roll < WITHDRAWN_SHARE + RETURNED_SHARE:
                self._return(period_id, line, admin)
            elif roll < WITHDRAWN_SHARE + RETURNED_SHARE + REJECTED_SHARE:
                self._reject(period_id, line, admin)
            else:
                self._accept(period_id, line, admin)
        return period_id

    def _record(self, period_id: UUID, *, close: bool) -> None:
        period = self.service.get(period_id)
        _, admin = actors(self.codes[period.government_id])
        signed_on = min(add_months(period.tmt_on, -1).replace(day=self.rng.randint(18, 28)),
                        self.world.today)
        self.world.signed(signed_on)
        if period.entries_in(EntryStatus.ACCEPTED):
            key = (period.government_id, signed_on.year)
            first = self.numbers.get(key, 0) + 1
            results = self.service.record_batch(
                period_id, signed_on=signed_on, actor=admin, first_number=first,
                decree_pattern=DECREE_PATTERN.replace("{year}", str(signed_on.year)))
            self.numbers[key] = first + len(results) - 1
        if close:
            self.service.close_period(period_id, actor=admin)

    # -- the current period ----------------------------------------------------------------

    def _current(self, government_id: UUID, tmt_on: date) -> None:
        """Open, with proposals in every state and some of the officer's agency left due."""
        officer, admin = actors(self.codes[government_id])
        period_id = self.service.open_period(government_id, tmt_on=tmt_on, actor=admin)
        if not self.service.get(period_id).is_open_for_proposals(self._today()):
            return  # the clock has passed the window (a demo of a past day): nothing to propose
        officer_agency = self.world.agencies_of[government_id][
            [code for code, _, _ in AGENCIES].index(OFFICER_AGENCY)]
        left, others = 0, []
        for line in self._candidates(period_id, government_id):
            agency_id = self.world.service.get_employee(line.employee_id).state.agency_id
            # Eligible lines, not ones to verify: the officer finds whole files to propose.
            if (agency_id == officer_agency and line.standing is Standing.ELIGIBLE
                    and left < LEFT_FOR_OFFICER):
                left += 1
            else:
                others.append(line)
        # A share of the others (drawn in order already), five at least for every state.
        chosen = others[:max(len(STEPS), round(len(others) * CURRENT_PROPOSED_SHARE))]
        proposed = self._propose(period_id, chosen, officer)
        # Every state once, the first five in turn (each government starting at another, so
        # that a small demo still has them all); then waiting or accepted.
        start = list(self.codes).index(government_id)
        for index, line in enumerate(proposed):
            step = STEPS[(start + index) % len(STEPS)] if index < len(STEPS) else \
                self.rng.choice(("proposed", "proposed", "accepted"))
            if step == "accepted":
                self._accept(period_id, line, admin)
            elif step == "returned":
                self._return(period_id, line, admin)
            elif step == "rejected":
                self._reject(period_id, line, admin)
            elif step == "withdrawn":
                self.service.withdraw(period_id, line.employee_id, actor=officer)

    # -- steps -----------------------------------------------------------------------------

    def _candidates(self, period_id: UUID, government_id: UUID) -> list[Eligibility]:
        """The period's list, ELIGIBLE and TO_VERIFY lines only, in a drawn order; a record is
        asked only when its grade is old enough to be due (the list of everyone is the
        pages' to compute), and not when its holder retires before the TMT."""
        period = self.service.get(period_id)
        tmt_on = period.tmt_on
        agencies = set(self.world.agencies_of[government_id])
        found = []
        for person in sorted(self.world.people.values(), key=lambda p: p.id):
            if person.retired or person.is_pppk or person.agency_id not in agencies:
                continue
            state = self.world.service.get_employee(person.id).state
            if (state.status is not EmployeeStatus.PNS or state.grade_since is None
                    or add_months(state.grade_since, 24) > tmt_on
                    or retirement_on(person.birth_on, state.retirement_age) <= tmt_on):
                continue
            line = self.service.line(period, person.id)
            if line.standing in PROPOSABLE:
                found.append(line)
        self.rng.shuffle(found)
        return found

    def _is_ready(self, line: Eligibility) -> bool:
        """Whether the officer has the file of this line's promotion complete by its TMT."""
        assert line.grade is not None
        key = (line.employee_id, line.grade.code)
        if key not in self.ready:
            late = self.rng.random() < LATE_FILE_SHARE
            self.ready[key] = add_months(line.tmt_on, self.rng.randint(*LATE_FILE_MONTHS)
                                         if late else 0)
        return self.ready[key] <= line.tmt_on

    def _propose(self, period_id: UUID, lines: list[Eligibility],
                 officer: Actor) -> list[Eligibility]:
        proposed = []
        for line in lines:
            try:
                self.service.propose(period_id, line.employee_id, actor=officer)
            except DomainError:
                continue  # e.g. the window has closed on a late clock: not proposed
            proposed.append(line)
        return proposed

    def _accept(self, period_id: UUID, line: Eligibility, admin: Actor) -> None:
        points = (float(line.credit_points_needed + self.rng.randint(0, 20))
                  if line.credit_points_needed is not None else None)
        self.service.accept(period_id, line.employee_id, credit_points=points, actor=admin)

    def _return(self, period_id: UUID, line: Eligibility, admin: Actor) -> None:
        self.service.return_proposal(period_id, line.employee_id, actor=admin,
                                     reason=self.rng.choice(RETURN_REASONS))

    def _reject(self, period_id: UUID, line: Eligibility, admin: Actor) -> None:
        code = ("PROMOTION_CREDIT_POINTS" if line.kind is PromotionKind.FUNCTIONAL
                else "PROMOTION_RATING")
        self.service.reject(period_id, line.employee_id, code=code, actor=admin)

    def _today(self) -> date:
        return self.world.clock.date()

    def _at(self, month: date, day: int) -> None:
        """Record the next events on `day` of `month` (day 0: now, on the demo's clock),
        never back in time and never after the real now."""
        if day:
            moment = datetime(month.year, month.month, day, 9, tzinfo=UTC) + timedelta(
                minutes=self.rng.randint(0, 300))
            self.world.clock = max(self.world.clock, min(moment, datetime.now(UTC)))
        else:
            opens = datetime(month.year, month.month, month.day, 9, tzinfo=UTC)
            self.world.clock = max(self.world.clock, min(opens, datetime.now(UTC)))
