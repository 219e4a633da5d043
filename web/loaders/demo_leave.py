"""The demo's leave: the direct superior of `pegawai.<code>` (for the account `atasan.<code>`)
and a few requests of the demo agency in each state, so every queue has something waiting.

Recorded on the real today, after the demo's history (whose leave ends last year:
web/loaders/demo_leave_history.py), and only once: when the demo employee has no leave this
year yet. A request the rules refuse (a colleague without a year of service, say) is
skipped; the demo never fails on one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from uuid import UUID

from eventsourcing.utils import get_topic

from domain.checks import PersonInput
from domain.employee import Employee
from domain.errors import DomainError
from domain.leave_authority import is_direct_superior
from domain.leave_regulations import LeaveType
from domain.leave_request import Recommendation, RejectionGround
from domain.personnel_service import PersonnelService
from domain.regulations import rater_types
from domain.values import (
    Actor,
    Education,
    EmployeeStatus,
    EmploymentType,
    Grade,
    LegalBasis,
    PositionType,
    Rating,
    Role,
    Sex,
)

OFFICIAL = Actor("hradmin", Role.HR_ADMIN)
SYSTEM = Actor("demo", Role.SYSTEM)
# Posts a demo superior may be given, best first: title and grade range.
SUPERIOR_POSTS = {PositionType.ADMINISTRATOR: ("Kepala Bidang Pembinaan", "III/c", "IV/b"),
                  PositionType.PENGAWAS: ("Kepala Subbagian Umum", "III/b", "III/d"),
                  PositionType.JPT_PRATAMA: ("Kepala Dinas", "III/c", "IV/d")}


def staff_by_agency(service: PersonnelService) -> dict[str, list[UUID]]:
    """The active employees of every agency now (transferred in or not), each in the order
    their records were opened: one pass over the enrolments for all the demo governments."""
    topics = [get_topic(Employee.Appointed), get_topic(Employee.RecordOpened)]
    found: dict[str, list[UUID]] = {}
    start = 1
    while True:
        batch = service.recorder.select_notifications(start, 1000, topics=topics)
        for notification in batch:
            event = service.mapper.to_domain_event(notification)
            if isinstance(event, Employee.Enrolment):
                employee = service.get_employee(event.originator_id)
                state = employee.state
                if state.is_active and state.agency_id is not None and not employee.is_erased:
                    found.setdefault(state.agency_id.hex, []).append(event.originator_id)
        if len(batch) < 1000:
            return found
        start = batch[-1].id + 1


def direct_superior(service: PersonnelService, staff: list[UUID], employee_id: UUID,
                    today: date) -> UUID | None:
    """The first of `staff` who may consider the employee's leave today."""
    requester = service.get_employee(employee_id).state_on(today)
    for candidate in staff:
        if is_direct_superior(service.get_employee(candidate).state_on(today), candidate,
                              requester, employee_id):
            return candidate
    return None


def appoint_superior(service: PersonnelService, employee_id: UUID, today: date) -> UUID | None:
    """When the demo agency is too small to have one, open the record of a PNS in a new post
    that may consider the employee's leave (a saldo awal, as for staff employed before the
    ledger began), so `atasan.<code>` exists in every demo."""
    requester = service.get_employee(employee_id).state_on(today)
    allowed = rater_types(requester.position_type)
    post_type = next((t for t in SUPERIOR_POSTS if t in allowed), None)
    if post_type is None or requester.agency_id is None or requester.unit_id is None:
        return None
    title, lowest, highest = SUPERIOR_POSTS[post_type]
    birth_on, appointed_on = date(1975, 3, 12), date(2000, 3, 1)
    # Opened as of last New Year, so the record has a year behind it like the demo's staff.
    opened_on = date(today.year - 1, 1, 1)
    sequence = 900 + employee_id.int % 99  # one per demo employee, above the demo's own
    nip = f"{birth_on:%Y%m%d}{appointed_on:%Y%m}1{sequence:03d}"
    try:
        position_id = service.establish_position(
            agency_id=requester.agency_id, unit_id=requester.unit_id, title=title,
            position_type=post_type, lowest=Grade(lowest), highest=Grade(highest),
            effective_on=opened_on, actor=SYSTEM)
        superior_id = service.open_record(
            person=PersonInput(name="Yusuf Wicaksono", nip=nip, birth_on=birth_on,
                               sex=Sex.MALE, contact=None),
            employment_type=EmploymentType.PNS, status=EmployeeStatus.PNS,
            agency_id=requester.agency_id, unit_id=requester.unit_id,
            education=Education.S3, grade=Grade("III/d"), grade_since=date(2020, 4, 1),
            appointed_on=appointed_on, probation_passed_on=date(2001, 3, 1),
            prior_ratings=((today.year - 3, Rating.BAIK), (today.year - 2, Rating.BAIK)),
            effective_on=opened_on, actor=SYSTEM, legal_basis=None)
        service.assign_position(superior_id, position_id=position_id, effective_on=opened_on,
                                actor=SYSTEM,
                                legal_basis=LegalBasis("800/ATASAN/DEMO", opened_on))
    except DomainError:
        return None
    return superior_id


def record_demo_leave(service: PersonnelService, staff: list[UUID], employee_id: UUID,
                      superior_id: UUID, superior_user: str, today: date) -> int:
    """Requests in each state; returns how many were recorded (0 when already there: the
    employee has leave this year, beyond the history of earlier years)."""
    new_year = date(today.year, 1, 1)
    if any(r.end_on >= new_year for r in service.leave.requests_of(employee_id)):
        return 0
    leave = service.leave
    monday = today + timedelta(days=7 - today.weekday())  # next week's Monday
    considered = [c for c in staff if c not in (employee_id, superior_id)
                  and _is_considered_by(service, superior_id, c, today)]
    others = [c for c in staff if c not in (employee_id, superior_id, *considered)]
    recorded = 0

    def ask(who: UUID, start_on: date, days: int, then: Callable[[UUID], None] | None = None,
            leave_type: LeaveType = LeaveType.ANNUAL) -> bool:
        nonlocal recorded
        try:
            request_id = leave.request_leave(who, leave_type=leave_type, start_on=start_on,
                                             end_on=start_on + timedelta(days=days - 1),
                                             actor=Actor("demo", Role.SYSTEM))
            if then is not None:
                then(request_id)
        except DomainError:
            return False
        recorded += 1
        return True

    def consider(request_id: UUID) -> None:
        leave.consider_leave(request_id, recommendation=Recommendation.RECOMMEND,
                             superior_id=superior_id, actor=Actor(superior_user, Role.EMPLOYEE))

    # The demo employee's own request waits for the superior (three weeks ahead).
    ask(employee_id, monday + timedelta(days=14), 3)
    # Colleagues the same superior considers: one waiting for them, one for the official.
    _first(considered, lambda c: ask(c, monday + timedelta(days=21), 2))
    _first(considered[1:], lambda c: ask(c, monday + timedelta(days=28), 5, consider))
    def approve(request_id: UUID) -> None:
        leave.approve_leave(request_id, actor=OFFICIAL)

    def approve_and_take(request_id: UUID) -> None:
        approve(request_id)
        leave.record_leave_taken(request_id, actor=Actor("demo", Role.SYSTEM))

    def defer(request_id: UUID) -> None:
        leave.defer_leave(request_id, start_on=monday + timedelta(days=35),
                          end_on=monday + timedelta(days=37),
                          reason="Kebutuhan dinas akhir tahun", actor=OFFICIAL)

    def cancel(request_id: UUID) -> None:
        leave.cancel_leave(request_id, actor=Actor("demo", Role.SYSTEM))

    def reject(request_id: UUID) -> None:
        leave.reject_leave(request_id, ground=RejectionGround.NOT_ELIGIBLE,
                           reason="Masa kerja belum cukup", actor=OFFICIAL)

    this_monday = today - timedelta(days=today.weekday())
    # Decided requests of others in the agency; one runs this week (the roster's "cuti").
    steps: list[Callable[[UUID], bool]] = [
        lambda c: ask(c, monday, 5, approve),
        lambda c: ask(c, monday + timedelta(days=7), 3, defer),
        lambda c: ask(c, monday + timedelta(days=14), 2, cancel),
        lambda c: ask(c, this_monday, 7, approve_and_take),
        lambda c: _is_pppk(service, c) and ask(c, monday, 2, reject),  # PPPK leave only
    ]
    pool = list(others)
    for step in steps:
        for index, colleague in enumerate(pool):
            if step(colleague):
                del pool[index]
                break
    return recorded


def _first(pool: list[UUID], attempt: Callable[[UUID], bool]) -> None:
    for candidate in pool:
        if attempt(candidate):
            return


def _is_considered_by(service: PersonnelService, superior_id: UUID, employee_id: UUID,
                      today: date) -> bool:
    return is_direct_superior(service.get_employee(superior_id).state_on(today), superior_id,
                              service.get_employee(employee_id).state_on(today), employee_id)


def _is_pppk(service: PersonnelService, employee_id: UUID) -> bool:
    return service.get_employee(employee_id).state.employment_type is EmploymentType.PPPK
