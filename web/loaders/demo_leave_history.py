"""The demo's leave history: in each government's education agency (the agency of
`pegawai.<code>`), the first dozen employees opened there take leave through the years the leave
rules cover, by `service.leave` as staff would: annual leave most years (some years none, so
days carry over), a few sick leaves with their doctor's certificate attached, and once per
government a maternity leave, a big leave (no annual leave that year) and a year of CLTN,
which releases the position, stops service time and ends with the return report and a new
post.

It runs month by month inside the history (web/loaders/demo.py), before the month's other
events, recording each step on its day (the world's clock, never back in time), and draws
from its own random stream, so the rest of the history stays the same. A request the rules
refuse is skipped; the demo never fails on one. Nothing is planned in the current year: the
pending requests of today's queues come later (web/loaders/demo_leave.py).
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from PIL import Image

from domain.application import command
from domain.document import DocumentKind
from domain.errors import DomainError
from domain.leave_regulations import LeaveType, UnpaidLeaveReason
from domain.leave_rules import SickCertificate
from domain.personnel_service import PersonnelService
from domain.values import Actor, EmploymentType, Grade, LegalBasis, Role, Sex
from web.loaders.demo_world import AGENCIES, MANAGERIAL, SYSTEM, DemoWorld, Person, assign

LEAVE_AGENCY = "disdik"  # DEMO_OFFICER_AGENCY of web/accounts/demo.py
FOLLOWED = 12  # employees per government with a leave history
FIRST_YEAR = 2017  # PP 11/2017: the first leave rules encoded
OFFICIAL = Actor("hradmin", Role.HR_ADMIN)
EMPLOYEE = Actor("pegawai", Role.EMPLOYEE)
SKIPPED_YEAR_SHARE = 0.2  # years without annual leave: their days carry over
SICK_SHARE = 0.006  # a sick leave in a month


@dataclass
class Planned:
    """One leave to ask for: asked a fortnight before, decided a few days later."""

    person: Person
    leave_type: LeaveType
    start_on: date
    end_on: date
    ground: str | None = None
    child_order: int | None = None
    certificate: SickCertificate = SickCertificate.NONE
    bkn_approval_ref: str | None = None


@dataclass
class LeaveHistory:
    """The history's working memory: who is followed, and the CLTN waiting for its return."""

    world: DemoWorld
    rng: random.Random
    followed: dict[UUID, list[Person]]  # by government
    special: dict[str, dict[UUID, tuple[Person, int]]] = field(default_factory=dict)
    returns: list[tuple[date, UUID, UUID]] = field(default_factory=list)  # (day, person, req)
    decrees: int = 0

    @classmethod
    def start(cls, world: DemoWorld, rng: random.Random) -> LeaveHistory:
        """Follow the first PNS opened in each education agency (the demo employee among
        them) and choose, per government, who takes the one-off leaves and in which year."""
        place = [code for code, _, _ in AGENCIES].index(LEAVE_AGENCY)
        followed: dict[UUID, list[Person]] = {}
        for government_id, agencies in world.agencies_of.items():
            agency_id = agencies[place]
            followed[government_id] = [p for p in world.people.values()
                                       if p.agency_id == agency_id and not p.is_pppk
                                       ][:FOLLOWED]
        history = cls(world, rng, followed)
        last, taken = world.today.year - 1, set()
        for kind, years in (("maternity", (2019, last)), ("big", (2018, last)),
                            ("cltn", (2018, last - 2))):
            history.special[kind] = {}
            for government_id, people in followed.items():
                # Never the first two: the demo employee's desk stays ordinary.
                pool = [p for p in people[2:] if p.id not in taken]
                if kind == "maternity":
                    pool = [p for p in pool if history._sex(p) is Sex.FEMALE]
                if pool and years[0] <= years[1]:
                    chosen = rng.choice(pool)
                    taken.add(chosen.id)
                    history.special[kind][government_id] = (chosen, rng.randint(*years))
        return history

    def month(self, month: date) -> None:
        """The month's leave, before its other history."""
        if month.year < FIRST_YEAR or month.year >= self.world.today.year:
            return
        for day, person_id, request_id in [r for r in self.returns if r[0] < _next(month)]:
            self.returns.remove((day, person_id, request_id))
            self._report_return(day, self.world.people[person_id], request_id)
        planned = [leave for people in self.followed.values() for person in people
                   if not person.retired for leave in self._plans(person, month)]
        for leave in sorted(planned, key=lambda p: p.start_on):
            self._take(leave)

    # -- what each person asks for ---------------------------------------------------------

    def _plans(self, person: Person, month: date) -> list[Planned]:
        rng, found = self.rng, []
        special = {kind: year for kind, chosen in self.special.items()
                   for someone, year in chosen.values() if someone.id == person.id}
        year = month.year
        if month.month == 3 and special.get("maternity") == year:
            start = month + timedelta(days=rng.randint(3, 20))
            found.append(Planned(person, LeaveType.MATERNITY, start,
                                 _months_later(start, 3) - timedelta(days=1), child_order=1))
        if month.month == 2 and special.get("big") == year:
            start = _monday(month + timedelta(days=7))
            found.append(Planned(person, LeaveType.BIG, start,
                                 _months_later(start, 1) - timedelta(days=1), ground="REST"))
        if month.month == 1 and special.get("cltn") == year:
            start = _monday(month + timedelta(days=14))
            found.append(Planned(person, LeaveType.UNPAID, start,
                                 _months_later(start, 12) - timedelta(days=1),
                                 ground=UnpaidLeaveReason.CARE_FOR_PARENT.value,
                                 bkn_approval_ref=f"PERTEK-BKN/{year}/{rng.randint(10, 999)}"))
        if month.month in (4, 8, 12) and special.get("big") != year \
                and rng.random() > SKIPPED_YEAR_SHARE:
            start = _monday(month + timedelta(days=rng.randint(0, 14)))
            days = rng.choice((2, 3, 4, 5) if month.month != 12 else (3, 5, 8))
            found.append(Planned(person, LeaveType.ANNUAL, start, start + timedelta(
                days=days - 1 + 2 * ((days - 1 + start.weekday()) // 5))))
        if rng.random() < SICK_SHARE:
            start = month + timedelta(days=rng.randint(0, 25))
            found.append(Planned(person, LeaveType.SICK, start,
                                 start + timedelta(days=rng.randint(1, 4)),
                                 certificate=SickCertificate.DOCTOR))
        return found

    # -- through the leave service ---------------------------------------------------------

    def _take(self, leave: Planned) -> None:
        service, person = self.world.service, leave.person
        if not service.get_employee(person.id).state.is_active:
            return
        asked_on = leave.start_on - timedelta(days=self.rng.randint(10, 20))
        decided_on = leave.start_on - timedelta(days=self.rng.randint(3, 8))

        def steps() -> UUID:
            self._at(asked_on)
            request_id = service.leave.request_leave(
                person.id, leave_type=leave.leave_type, start_on=leave.start_on,
                end_on=leave.end_on, ground=leave.ground, child_order=leave.child_order,
                certificate=leave.certificate, bkn_approval_ref=leave.bkn_approval_ref,
                actor=EMPLOYEE)
            if leave.leave_type is LeaveType.SICK:
                service.documents.attach_to_leave(
                    request_id=request_id, data=_certificate(self.rng),
                    media_type="image/png", kind=DocumentKind.CERTIFICATE, actor=EMPLOYEE)
            self._at(decided_on)
            service.leave.approve_leave(request_id, actor=OFFICIAL,
                                        legal_basis=self._decree(leave, decided_on))
            self._at(leave.start_on)
            service.leave.record_leave_taken(request_id, actor=SYSTEM)
            return request_id

        try:
            request_id = _OneUnit(service).run(steps)
        except DomainError:
            return
        if leave.leave_type is LeaveType.UNPAID:  # the post is released: it may be filled
            if person.post is not None:
                person.post.holder = None
            person.post, person.retired = None, True  # out of the month's history meanwhile
            self.returns.append((leave.end_on + timedelta(days=self.rng.randint(3, 20)),
                                 person.id, request_id))

    def _report_return(self, day: date, person: Person, request_id: UUID) -> None:
        """The written report of return, then a vacant post of the agency (reactivation)."""
        service = self.world.service
        self._at(day)
        try:
            service.leave.report_return(request_id, reported_on=day, actor=SYSTEM)
        except DomainError:
            return
        person.retired = False
        grade = service.get_employee(person.id).state.grade
        vacant = [p for p in self.world.posts[person.agency_id]
                  if p.holder is None and not p.reserved and not p.plan.is_pppk
                  and p.plan.position_type not in MANAGERIAL and grade is not None
                  and Grade(p.plan.lowest) <= grade <= Grade(p.plan.highest)]
        if vacant:
            placed_on = _next(day)
            self._at(placed_on)
            assign(self.world, person, self.rng.choice(vacant), placed_on)

    def _decree(self, leave: Planned, signed_on: date) -> LegalBasis | None:
        """The decree of a big leave or CLTN, signed on the day it is granted."""
        if leave.leave_type not in (LeaveType.BIG, LeaveType.UNPAID):
            return None
        self.decrees += 1
        return LegalBasis(f"850/{self.decrees:03d}/CUTI/{signed_on.year}", signed_on)

    def _at(self, on: date) -> None:
        """Record the next events in the morning of `on` (never back in time)."""
        moment = datetime(on.year, on.month, on.day, 8, tzinfo=UTC) + timedelta(
            minutes=self.rng.randint(0, 480))
        self.world.clock = max(self.world.clock, min(moment, datetime.now(UTC)))

    def _sex(self, person: Person) -> Sex | None:
        employee = self.world.service.get_employee(person.id)
        if employee.state.employment_type is not EmploymentType.PNS:
            return None
        sex = self.world.service.vault.open(employee.subject_id, "sex",
                                            employee.personal.get("sex"))
        return Sex(sex) if isinstance(sex, str) else None


class _OneUnit:
    """Runs a few leave commands as one command: refused anywhere, none of them stays."""

    def __init__(self, app: PersonnelService) -> None:
        self.app = app

    @command
    def run(self, steps: Callable[[], UUID]) -> UUID:
        return steps()


def _certificate(rng: random.Random) -> bytes:
    """A small scan standing in for a doctor's certificate (a real PNG)."""
    buffer = io.BytesIO()
    shade = rng.randint(200, 250)
    Image.new("RGB", (120, 160), (shade, shade, shade)).save(buffer, format="PNG")
    return buffer.getvalue()


def _monday(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _next(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _months_later(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, 28))
