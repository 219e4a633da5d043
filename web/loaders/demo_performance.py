"""The demo's performance cycles: in the personnel agency (BKPSDM) of each government, the SKP
plans of the last three years and this one, cascaded down the chain of command and agreed in
January (some late, in February or March), a little feedback in June, and each January the
agency's predicate of the year before with its staff rated within the distribution it allows.

Everything goes through `service.performance`, so the rules hold as for real input; a rating
is also the employee's appraisal of the year, which the monthly history then leaves alone.
The cycle draws from its own random stream, so the same seed gives the same cycles.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from domain.errors import DomainError
from domain.performance_plan import FeedbackKind, PerformancePlan, PlanStatus, ResultRef, WorkResult
from domain.performance_rules import (
    CYCLE_FIRST_YEAR,
    HEAD_WORK_RESULT,
    OrganisationPredicate,
    distribution_refusals,
)
from domain.regulations import rater_types
from domain.unit_performance import UnitIndicator
from domain.values import Expectation, Rating
from web.loaders.demo_world import AGENCIES, SYSTEM, DemoWorld

CYCLE_AGENCY = "bkpsdm"
YEARS = 3  # rated years before the current one
LATE_SHARE = 0.15  # plans agreed after 31 January
FEEDBACK_SHARE = 0.3
RESULTS = (
    ("Terlaksananya layanan kenaikan pangkat tepat waktu",
     "Usul kenaikan pangkat diproses paling lama 5 hari kerja"),
    ("Tersusunnya analisis kebutuhan pegawai", "Dokumen analisis jabatan tersusun"),
    ("Meningkatnya kompetensi pegawai", "Pegawai mengikuti pelatihan 20 JP"),
    ("Termutakhirkannya data kepegawaian", "Data SIASN mutakhir setiap bulan"),
    ("Terselesaikannya pengaduan layanan kepegawaian",
     "Pengaduan dijawab paling lama 5 hari kerja"),
)
FEEDBACK = ("Capaian triwulan sesuai target; pertahankan.",
            "Laporan bulanan perlu dilengkapi data pendukung.",
            "Koordinasi dengan bidang lain perlu ditingkatkan.")
PREDICATES = ((OrganisationPredicate.ISTIMEWA, 0.2), (OrganisationPredicate.BAIK, 0.65),
              (OrganisationPredicate.BUTUH_PERBAIKAN, 0.15))
PREFERRED = ((Rating.SANGAT_BAIK, 0.15), (Rating.BAIK, 0.75), (Rating.BUTUH_PERBAIKAN, 0.1))
# One (work result, behaviour) pair for each rating, the SKP matrix read backwards.
PAIRS = {Rating.from_matrix(w, b): (w, b) for w in reversed(Expectation)
         for b in reversed(Expectation)}


@dataclass
class Cycle:
    """The cycle's working memory: its agencies, its draws, the plans of each year and the
    agreements waiting for a later month."""

    world: DemoWorld
    rng: random.Random
    agencies: list[UUID]
    first_year: int
    plans: dict[int, list[UUID]] = field(default_factory=dict)
    late: dict[date, list[UUID]] = field(default_factory=dict)

    @classmethod
    def start(cls, world: DemoWorld, rng: random.Random) -> Cycle:
        place = [code for code, _, _ in AGENCIES].index(CYCLE_AGENCY)
        agencies = [ids[place] for ids in world.agencies_of.values()]
        return cls(world, rng, agencies, max(CYCLE_FIRST_YEAR, world.today.year - YEARS))

    def month(self, month: date) -> None:
        """What the cycle records in `month`, before the month's other history."""
        if month.month == 1 and month.year - 1 >= self.first_year:
            for agency_id in self.agencies:
                self._rate_year(agency_id, month.year - 1)
        if month.month == 1 and month.year >= self.first_year:
            for agency_id in self.agencies:
                self._plan_year(agency_id, month.year)
        for plan_id in self.late.pop(month, []):
            self._at(month + timedelta(days=self.rng.randint(1, 20)))
            self.world.service.performance.agree_plan(plan_id, actor=SYSTEM)
        if month.month == 6 and month.year >= self.first_year:
            self._feedback(month)

    # -- January: plans from the top down ---------------------------------------------------

    def _plan_year(self, agency_id: UUID, year: int) -> None:
        """Each active member of the agency drafts after the superior, who is drawn among
        the holders of a post that may rate them."""
        service = self.world.service
        self._at(date(year, 1, self.rng.randint(2, 6)))
        members = sorted(p.id for p in self.world.people.values()
                         if not p.retired and p.post is not None and p.post.agency_id == agency_id)
        waiting = {m: service.get_employee(m).state.position_type for m in members
                   if service.get_employee(m).state.is_active}
        drafted: dict[UUID, PerformancePlan] = {}
        while waiting:
            progress = False
            for member, post_type in sorted(waiting.items()):
                allowed = rater_types(post_type)
                superiors = sorted(d for d in drafted
                                   if service.get_employee(d).state.position_type in allowed)
                if allowed and not superiors:
                    continue
                superior = self.rng.choice(superiors) if allowed else None
                del waiting[member]
                progress = True
                plan = self._draft(member, year, drafted.get(superior) if superior else None)
                if plan is not None:
                    drafted[member] = plan
            if not progress:
                break  # nobody left has a superior in post: they keep direct appraisals
        self.plans.setdefault(year, []).extend(p.id for p in drafted.values())

    def _draft(self, member: UUID, year: int, above: PerformancePlan | None
               ) -> PerformancePlan | None:
        performance = self.world.service.performance
        chosen = self.rng.sample(RESULTS, 2)
        results = [WorkResult(text, (indicator,), ResultRef(above.id, self.rng.randrange(
            len(above.results))) if above is not None else None) for text, indicator in chosen]
        try:
            plan_id = performance.draft_plan(
                member, year=year, superior_id=above.employee_id if above else None,
                results=results, actor=SYSTEM)
        except DomainError:
            return None  # e.g. the superior's rule does not hold on the day: no plan
        performance.submit_plan(plan_id, actor=SYSTEM)
        if self.rng.random() < LATE_SHARE:
            self.late.setdefault(date(year, self.rng.choice((2, 3)), 1), []).append(plan_id)
        else:
            self._at(date(year, 1, self.rng.randint(10, 28)))
            performance.agree_plan(plan_id, actor=SYSTEM)
        plan: PerformancePlan = performance.get_plan(plan_id)
        return plan

    # -- June: a little feedback -------------------------------------------------------------

    def _feedback(self, month: date) -> None:
        performance = self.world.service.performance
        for plan_id in self.plans.get(month.year, []):
            plan = performance.get_plan(plan_id)
            if plan.superior_id is None or self.rng.random() >= FEEDBACK_SHARE:
                continue
            held_on = month + timedelta(days=self.rng.randint(1, 25))
            self._at(held_on)
            performance.record_feedback(plan_id, kind=FeedbackKind.FEEDBACK,
                                        author_id=plan.superior_id,
                                        text=self.rng.choice(FEEDBACK), held_on=held_on,
                                        actor=SYSTEM)

    # -- January after: the agency's predicate, then its staff --------------------------------

    def _rate_year(self, agency_id: UUID, year: int) -> None:
        performance = self.world.service.performance
        on = date(year + 1, 1, self.rng.randint(3, 8))
        self._at(on)
        plans = [plan for plan in (performance.get_plan(i) for i in self.plans.get(year, []))
                 if plan.agency_id == agency_id and plan.status is PlanStatus.AGREED
                 and self._may_be_rated(plan, on)]
        head = next((p for p in plans if p.superior_id is None), None)
        staff = [p for p in plans if p is not head]
        if not staff:
            return
        roll, predicate = self.rng.random(), PREDICATES[-1][0]
        for candidate, share in PREDICATES:
            if roll < share:
                predicate = candidate
                break
            roll -= share
        performance.set_unit_predicate(
            agency_id=agency_id, unit_id=None, year=year, predicate=predicate,
            indicators=[UnitIndicator("Layanan kepegawaian selesai tepat waktu (%)", 90,
                                      self.rng.randint(80, 99)),
                        UnitIndicator("Pegawai yang memenuhi 20 JP pengembangan (%)", 80,
                                      self.rng.randint(60, 95))],
            ikm=float(self.rng.randint(76, 92)),
            complaints_on_time_percent=float(self.rng.randint(70, 98)),
            head_id=head.employee_id if head else None, staff_count=len(staff), actor=SYSTEM)
        rated_on = on + timedelta(days=self.rng.randint(3, 14))
        self._at(rated_on)
        if head is not None:
            performance.rate(head.id, work_result=HEAD_WORK_RESULT[predicate],
                             behaviour=Expectation.AS_EXPECTED, rated_on=rated_on, actor=SYSTEM)
        given: Counter[Rating] = Counter()
        for plan in self.rng.sample(staff, len(staff)):
            rating = self._allowed_rating(predicate, len(staff), given)
            work_result, behaviour = PAIRS[rating]
            performance.rate(plan.id, work_result=work_result, behaviour=behaviour,
                             rated_on=rated_on, actor=SYSTEM)
            given[rating] += 1

    def _allowed_rating(self, predicate: OrganisationPredicate, staff_count: int,
                        given: Counter[Rating]) -> Rating:
        """A drawn rating, or the first the distribution still allows."""
        roll, preferred = self.rng.random(), Rating.BAIK
        for rating, share in PREFERRED:
            if roll < share:
                preferred = rating
                break
            roll -= share
        for rating in (preferred, *Rating):
            if not distribution_refusals(predicate, staff_count, given, rating):
                return rating
        raise AssertionError(f"no rating fits {predicate} with {given}")

    def _may_be_rated(self, plan: PerformancePlan, on: date) -> bool:
        """Whether the employee is still in post and the plan's superior may still rate them
        (a transfer or retirement since January leaves the year to the direct appraisal)."""
        service = self.world.service
        employee = service.get_employee(plan.employee_id)
        state = employee.state_on(on)
        if not state.is_active or state.agency_id != plan.agency_id:
            return False
        try:
            service.check_rater(employee, state.position_type, plan.superior_id, on)
        except DomainError:
            return False
        return True

    def _at(self, on: date) -> None:
        """Record the next events in the morning of `on` (never back in time)."""
        moment = datetime(on.year, on.month, on.day, 8, tzinfo=UTC) + timedelta(
            minutes=self.rng.randint(0, 480))
        self.world.clock = max(self.world.clock, min(moment, datetime.now(UTC)))
