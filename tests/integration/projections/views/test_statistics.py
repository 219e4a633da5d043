"""Agency statistics agree with the employees' own records, on both backends."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from uuid import UUID

from domain.employee import Employee
from domain.personnel_service import PersonnelService
from domain.regulations import retirement_on
from domain.values import Actor, Role
from projections.stores.backend import Backend
from projections.views.runner import Projections
from projections.views.statistics import age_band, agency_statistics
from tests.support.dates import TODAY


def test_the_dashboard_figures_match_a_count_over_the_records(
        backend: Backend, service: PersonnelService) -> None:
    projections = Projections.open(service, backend)
    try:
        projections.catch_up()
        roster = projections.views["roster"].table("roster")
        with projections.store.read() as sql:
            agencies = [r["agency_id"] for r in sql.execute(
                f"SELECT agency_id, COUNT(*) AS n FROM {roster} GROUP BY agency_id "
                "ORDER BY n DESC").fetchall()]
            ids = [r["employee_id"] for r in sql.execute(
                f"SELECT employee_id FROM {roster}").fetchall()]
        busiest = agencies[0]
        # Erase one active member of the agency: they must count with an unknown age.
        members = [service.get_employee(UUID(i)) for i in ids]
        active = [e for e in members
                  if e.state.is_active and e.state.agency_id == UUID(busiest)]
        erased = active[0]
        service.erase_personal_data(service.get_employee(erased.id).subject_id, effective_on=TODAY,
                                    actor=Actor("admin", Role.SYSTEM_ADMIN))
        projections.catch_up()

        stats = agency_statistics(projections, UUID(busiest), TODAY)

        expected_age: Counter[str] = Counter()
        training = missing = due = 0
        for employee in active:
            state = employee.state
            birth = None if employee is erased else _birth(service, employee)
            expected_age[age_band(birth, TODAY)] += 1
            if state.training_jp.get(TODAY.year, 0) < 20:
                training += 1
            assert state.appointed_on is not None
            if state.appointed_on.year <= TODAY.year - 1 and TODAY.year - 1 not in (
                    state.appraisals):
                missing += 1
            if birth is not None and TODAY <= retirement_on(birth, state.retirement_age) <= (
                    TODAY + timedelta(days=365)):
                due += 1
        assert stats.headcount == len(active) > 1
        assert stats.by_age_band == expected_age and stats.by_age_band["unknown"] == 1
        assert stats.under_training_target == training
        assert stats.appraisals_missing == missing
        assert stats.retirements_due == due
        assert sum(stats.by_grade_group.values()) == len(active)
        assert stats.by_employment_type == Counter(
            e.state.employment_type.value for e in active if e.state.employment_type)
    finally:
        projections.close()


def _birth(service: PersonnelService, employee: Employee) -> date:
    birth = service.personal_data(employee.id)["birth_on"]
    assert isinstance(birth, str)
    return date.fromisoformat(birth)
