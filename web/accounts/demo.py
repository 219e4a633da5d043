"""The demo's accounts: a system administrator, an auditor, and per demo government its HR
administrator, an HR officer of its largest agency, an employee of that agency,
`pegawai.<code>`, and that employee's direct superior, `atasan.<code>` (password "demo"),
with a few leave requests of the agency in each state."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.utils import get_topic
from flask import Flask

from domain.employee import Employee
from domain.organisation import Agency, Government
from domain.personnel_service import PersonnelService
from domain.values import Role
from web import get_service
from web.accounts.passwords import hash_password
from web.accounts.store import get_accounts
from web.loaders import demo_leave
from web.settings import get_settings

DEMO_GOVERNMENTS = ("salatiga", "plaju", "tanjungbalai", "kupang", "palu")
DEMO_OFFICER_AGENCY = "disdik"  # the largest agency of each demo government
DEMO_PASSWORD = "demo"  # noqa: S105 — the documented demo password


def ensure_demo_accounts(app: Flask) -> list[str]:
    """Mark the store as a demo and create its accounts (password `demo`); returns new names.

    The organisation is read from the event store (its two kinds of event only), so the
    demo command leaves the views to `rekam catch-up` as before.
    """
    store = get_accounts(app)
    store.set_setting("demo_mode", "1")
    governments, agencies = _organisation(get_service(app))
    wanted: list[tuple[str, Role, str | None, str | None]] = [
        ("admin", Role.SYSTEM_ADMIN, None, None), ("auditor", Role.AUDITOR, None, None)]
    employees: dict[str, str] = {}
    staff_of: dict[str, list[UUID]] | None = None
    for code in DEMO_GOVERNMENTS:
        government_id = governments.get(code)
        agency_id = agencies.get((government_id, DEMO_OFFICER_AGENCY))
        if government_id is None or agency_id is None:
            continue
        wanted.append((f"hradmin.{code}", Role.HR_ADMIN, government_id, None))
        wanted.append((f"hr.{code}", Role.HR_OFFICER, government_id, agency_id))
        if store.by_username(f"pegawai.{code}") is None:
            employee_id = _active_employee(get_service(app), agency_id)
            if employee_id is not None:
                wanted.append((f"pegawai.{code}", Role.EMPLOYEE, government_id, agency_id))
                employees[f"pegawai.{code}"] = employee_id
        pegawai = store.by_username(f"pegawai.{code}")
        employee_id = pegawai.employee_id if pegawai else employees.get(f"pegawai.{code}")
        if store.by_username(f"atasan.{code}") is None and employee_id:
            if staff_of is None:  # read once, for every demo government
                staff_of = demo_leave.staff_by_agency(get_service(app))
            superior_id = _demo_leave(get_service(app), staff_of, agency_id, employee_id, code)
            if superior_id is not None:
                wanted.append((f"atasan.{code}", Role.EMPLOYEE, government_id, agency_id))
                employees[f"atasan.{code}"] = superior_id
    created = []
    fast = get_settings(app).staff.is_fast_hashing
    for username, role, government_id, agency_id in wanted:
        if store.by_username(username) is None:
            store.add(username=username, password_hash=hash_password(DEMO_PASSWORD, fast=fast),
                      role=role, government_id=government_id, agency_id=agency_id,
                      employee_id=employees.get(username))
            created.append(username)
    return created


def _demo_leave(service: PersonnelService, staff_of: dict[str, list[UUID]], agency_id: str,
                employee_id: str, code: str) -> str | None:
    """The demo employee's direct superior (for `atasan.<code>`), and the agency's demo leave
    requests in each state (web/loaders/demo_leave.py)."""
    today = date.today()
    staff = staff_of.get(agency_id, [])
    superior_id = demo_leave.direct_superior(service, staff, UUID(employee_id), today)
    if superior_id is None:  # a small demo agency: give it one
        superior_id = demo_leave.appoint_superior(service, UUID(employee_id), today)
        if superior_id is None:
            return None
        staff.append(superior_id)
    demo_leave.record_demo_leave(service, staff, UUID(employee_id), superior_id,
                                 f"atasan.{code}", today)
    return superior_id.hex


def _active_employee(service: PersonnelService, agency_id: str) -> str | None:
    """The first record opened in the agency (in the log's order) that is still in service
    there and has no account yet: the demo employee who logs in to /saya."""
    topics = [get_topic(Employee.Appointed), get_topic(Employee.RecordOpened)]
    start = 1
    while True:
        batch = service.recorder.select_notifications(start, 1000, topics=topics)
        for notification in batch:
            event = service.mapper.to_domain_event(notification)
            if not isinstance(event, Employee.Enrolment) or event.agency_id.hex != agency_id:
                continue
            state = service.get_employee(event.originator_id).state
            if (state.separated_on is None and state.agency_id is not None
                    and state.agency_id.hex == agency_id and not service.get_employee(
                        event.originator_id).is_erased):
                return str(event.originator_id.hex)
        if len(batch) < 1000:
            return None
        start = batch[-1].id + 1


def _organisation(service: PersonnelService
                  ) -> tuple[dict[str, str], dict[tuple[str | None, str], str]]:
    """Government ids by code, agency ids by (government id, code), from their events."""
    topics = [get_topic(Government.Established), get_topic(Agency.Established)]
    governments: dict[str, str] = {}
    agencies: dict[tuple[str | None, str], str] = {}
    start = 1
    while True:
        batch = service.recorder.select_notifications(start, 1000, topics=topics)
        for notification in batch:
            event = service.mapper.to_domain_event(notification)
            if isinstance(event, Government.Established):
                governments[event.code] = event.originator_id.hex
            elif isinstance(event, Agency.Established):
                agencies[(event.government_id.hex, event.code)] = event.originator_id.hex
        if len(batch) < 1000:
            return governments, agencies
        start = batch[-1].id + 1
