"""The worker's jobs on each backend: what they compute, and that running them twice changes
nothing more."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

import pytest
from flask import Flask

from domain.clock import recording_clock
from domain.errors import DomainError
from domain.leave_regulations import LeaveType
from domain.leave_request import LeaveStatus
from domain.personnel_service import PersonnelService
from domain.privacy import ERASED
from domain.recruitment import RecruitmentRound
from domain.regulations import retirement_on
from domain.values import Actor, Role
from projections.retention import rounds_settled_by
from projections.stores.backend import count_events
from projections.views.alerts import AlertSettings, agency_alerts, compute, months_after
from projections.views.leave import request_row
from projections.views.runner import Projections
from tests.support.dates import TODAY
from tests.support.disk import files_holding, stored_files
from tests.support.staff import login, text
from tests.support.stores import backend_of
from tests.support.views import read_rows
from web import get_ledger, get_projections, get_service
from web.jobs.registry import job_named
from web.jobs.worker import Worker
from web.loaders.demo import load_demo
from web.settings import Settings

SETTINGS = AlertSettings(retirement_months=6, contract_months=24)
ENV = {"REKAM_ALERT_RETIREMENT_MONTHS": "6", "REKAM_ALERT_CONTRACT_MONTHS": "24"}


@pytest.fixture
def app(store_env: dict[str, str], make_app: Callable[..., Flask]) -> Flask:
    load_demo(backend=backend_of(store_env), employees=40, years=2, seed=8, today=TODAY)
    return make_app(**store_env)


def _run(app: Flask, name: str, today: date = TODAY, **env: str) -> str | None:
    with app.app_context():
        return job_named(name).run(app, today, Settings.from_env({**ENV, **env}).jobs)


def _expected_alerts(service: PersonnelService, employee_ids: list[str], on: date
                     ) -> set[tuple[str, str]]:
    """The alerts due on `on`, computed from each employee's own record, not the roster."""
    expected = set()
    for employee_id in employee_ids:
        employee = service.get_employee(UUID(employee_id))
        state = employee.state_on(on)
        if not state.is_active:
            continue
        retires = _retirement(service, employee_id)
        if on <= retires <= months_after(on, SETTINGS.retirement_months):
            expected.add(("retirement", employee_id))
        assert state.appointed_on is not None
        if state.appointed_on.year < on.year and max(state.appraisals, default=0) < (
                on.year - 1):
            expected.add(("appraisal_overdue", employee_id))
        ends = state.contract_ends_on
        if ends is not None and on <= ends <= months_after(on, SETTINGS.contract_months):
            expected.add(("contract_end", employee_id))
    return expected


def _overdue_complaints(projections: Projections, on: date) -> set[tuple[str, str]]:
    """Open complaints past their deadline on `on`, read from each complaint itself."""
    voice = projections.service.voice
    complaints = projections.views["voice"].table("complaints")
    with projections.store.read() as sql:
        ids = [UUID(r["id"]) for r in sql.execute(f"SELECT id FROM {complaints}").fetchall()]
    return {("complaint_overdue", c.hex) for c in ids if voice.get_complaint(c).is_overdue(on)}


def _overdue_leave(projections: Projections, on: date) -> set[tuple[str, str]]:
    """Leave requests past a due date on `on`: the status read from each request itself, the
    due dates from the view (they come from the holiday calendar)."""
    requests = projections.views["leave"].table("leave_requests")
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT id, superior_due_on, official_due_on FROM {requests}"
                           ).fetchall()
    found = set()
    for row in rows:
        request = projections.service.leave.get(UUID(row["id"]))
        if not request.is_open:
            continue
        if row["official_due_on"] < on.isoformat():
            found.add(("leave_decision_overdue", row["id"]))
        elif request.status is LeaveStatus.REQUESTED and row["superior_due_on"] < on.isoformat():
            found.add(("leave_consideration_overdue", row["id"]))
    return found


def _retirement(service: PersonnelService, employee_id: str) -> date:
    employee = service.get_employee(UUID(employee_id))
    birth = service.personal_data(employee.id)["birth_on"]
    assert isinstance(birth, str)
    return retirement_on(date.fromisoformat(birth), employee.state.retirement_age)


class TestAlerts:
    def test_alerts_are_those_the_records_call_for(self, app: Flask) -> None:
        assert str(_run(app, "catch_up")).endswith("events applied")
        projections, service = get_projections(app), get_service(app)
        roster = projections.views["roster"].table("roster")
        with projections.store.read() as sql:
            ids = [r["employee_id"] for r in sql.execute(
                f"SELECT employee_id FROM {roster} WHERE status <> 'SEPARATED'").fetchall()]
        # The small demo has few retirements and contract ends near TODAY: also look from
        # a month before the first of each, so that every kind of alert is checked.
        retirements = [d for d in (_retirement(service, i) for i in ids) if d >= TODAY]
        contract_ends = [e for e in (service.get_employee(UUID(i)).state.contract_ends_on
                                     for i in ids) if e is not None and e >= TODAY]
        days = [TODAY, *(max(TODAY, date.fromordinal(min(d).toordinal() - 30))
                         for d in (retirements, contract_ends))]
        kinds = set()
        for on in days:
            found = {(kind, employee) for kind, employee, *_ in compute(projections, on,
                                                                          SETTINGS)}
            assert found == (_expected_alerts(service, ids, on)
                             | _overdue_complaints(projections, on)
                             | _overdue_leave(projections, on)), on
            kinds |= {kind for kind, _ in found}
        assert {"retirement", "appraisal_overdue", "contract_end", "complaint_overdue"} <= kinds

        # The job stores today's alerts per agency, and a second run gives the same rows.
        assert _run(app, "alerts") == _run(app, "alerts")
        by_agency: dict[str, set[tuple[str, str, str]]] = {}
        for kind, employee, _, agency, due in compute(projections, TODAY, SETTINGS):
            by_agency.setdefault(agency, set()).add((kind, employee, due))
        for agency, expected in by_agency.items():
            rows = agency_alerts(projections, agency)
            assert {(r["kind"], r["employee_id"], r["due_on"]) for r in rows} == expected
            assert all(r["name"] if r["kind"] != "complaint_overdue" else r["ticket"]
                       for r in rows)  # a leave request's row: the name of who asked
        assert _run(app, "alerts") == f"{sum(map(len, by_agency.values()))} alerts"

    def test_a_leave_request_past_the_superiors_then_the_officials_due_date_is_raised(
            self, app: Flask) -> None:
        _run(app, "catch_up")
        projections, service = get_projections(app), get_service(app)
        hr = Actor("hradmin", Role.HR_ADMIN)
        start = TODAY + timedelta(days=28 - TODAY.weekday())
        roster = projections.views["roster"].table("roster")
        with projections.store.read() as sql:
            ids = [UUID(r["employee_id"]) for r in sql.execute(
                f"SELECT employee_id FROM {roster} WHERE status = 'PNS' "
                "ORDER BY employee_id").fetchall()]
        request_id = None
        for employee_id in ids:  # the first whose annual leave the rules accept
            try:
                request_id = service.leave.request_leave(
                    employee_id, leave_type=LeaveType.ANNUAL, start_on=start, end_on=start,
                    actor=hr)
                break
            except DomainError:
                continue
        assert request_id is not None
        _run(app, "catch_up")
        row = request_row(projections, request_id.hex)
        assert row is not None
        superior_due = date.fromisoformat(row["superior_due_on"])
        official_due = date.fromisoformat(row["official_due_on"])
        assert TODAY <= superior_due < official_due < start

        def raised(on: date) -> set[str]:
            return {kind for kind, alert_id, *_ in compute(projections, on, SETTINGS)
                    if alert_id == request_id.hex}

        day = timedelta(days=1)
        assert raised(superior_due) == set()
        assert raised(superior_due + day) == {"leave_consideration_overdue"}
        assert raised(official_due + day) == {"leave_decision_overdue"}
        service.leave.approve_leave(request_id, actor=hr)  # the official decides without it
        _run(app, "catch_up")
        assert raised(official_due + day) == set()

    def test_months_after_keeps_the_day_or_takes_the_last_of_a_short_month(self) -> None:
        assert months_after(date(2026, 8, 31), 6) == date(2027, 2, 28)
        assert months_after(date(2026, 11, 1), 6) == date(2027, 5, 1)


class TestDailyJobs:
    def test_catch_up_checkpoint_and_applicant_erasure_run_twice_do_nothing_more(
            self, app: Flask) -> None:
        """Rejected applicants are erased after retention, winners kept; every job can run
        again without doing anything more."""
        # The demo built a few views as it went (its monitoring indicators read them): the
        # catch-up applies the rest, and then every event is in every view.
        assert int(str(_run(app, "catch_up")).split()[0]) > 0
        events = count_events(get_service(app))
        assert _run(app, "catch_up") is None  # nothing more to do
        assert set(get_projections(app).positions().values()) == {events}
        assert _run(app, "ledger") == f"{events} events logged"
        assert _run(app, "ledger") is None
        first = _run(app, "checkpoint")
        assert _run(app, "checkpoint") == first == f"checkpoint of tree size {events}"
        ledger = get_ledger(app)
        with ledger.store.read() as sql:
            count = sql.execute(f"SELECT COUNT(*) FROM {ledger.store.table('checkpoints')}"
                                ).fetchone()[0]
        assert count == 1

        # Erasure of applicants' data after retention, in the same store.
        projections, service = get_projections(app), get_service(app)
        settled = rounds_settled_by(projections, TODAY)
        assert settled, "the demo has rounds with results"
        rounds = {r: service.recruitment.get_round(r) for r in settled}
        results = [r.results_announced_on or r.closed_on or TODAY for r in rounds.values()]
        retention = (TODAY - min(results)).days + 1  # not yet due on TODAY for any round
        days = str(retention)
        assert _run(app, "applicant_erasure", REKAM_APPLICANT_RETENTION_DAYS=days,
                    REKAM_COMPLAINT_RETENTION_DAYS="3650") == (
            "0 applicants, 0 complainants and 0 commenters erased")

        later = date.fromordinal(max(results).toordinal() + retention)  # due for all
        rejected = sum(1 for r in rounds.values() for a in r.applicants.values()
                       if a.employee_id is None)
        assert rejected > 0
        kept = {"REKAM_APPLICANT_RETENTION_DAYS": days,
                "REKAM_COMPLAINT_RETENTION_DAYS": "3650"}
        assert _run(app, "applicant_erasure", later, **kept) == (
            f"{rejected} applicants, 0 complainants and 0 commenters erased")
        assert _run(app, "applicant_erasure", later, **kept) == (
            "0 applicants, 0 complainants and 0 commenters erased")

        winners = 0
        for round_id in settled:
            round_: RecruitmentRound = service.recruitment.get_round(round_id)
            for applicant in round_.applicants.values():
                name = service.vault.open(applicant.subject_id, "name",
                                          applicant.personal.get("name"))
                if applicant.employee_id is None:
                    assert applicant.erased and name is ERASED
                else:
                    winners += 1
                    assert not applicant.erased and isinstance(name, str)
                    assert service.personal_data(applicant.employee_id)["name"] == name
        assert winners > 0


    def test_retention_erasure_leaves_no_erased_key_in_any_stored_file(
            self, app: Flask, store_env: dict[str, str]) -> None:
        _run(app, "catch_up")
        service = get_service(app)
        rounds = [service.recruitment.get_round(r)
                  for r in rounds_settled_by(get_projections(app), TODAY)]
        keys: dict[str, bytes] = {}
        for round_ in rounds:
            for applicant in round_.applicants.values():
                key = service.vault.keys.get(applicant.subject_id)
                if applicant.employee_id is None and key is not None:
                    keys[applicant.id.hex] = key
        assert keys, "the demo has rejected applicants"
        complaints = read_rows(get_projections(app))["complaints"]
        closed = {c["id"]: service.voice.get_complaint(UUID(c["id"])) for c in complaints
                  if c["status"] in ("closed", "rejected")}
        assert closed, "the demo has closed complaints"
        applicants = len(keys)
        keys.update({cid: key for cid, c in closed.items()
                     if (key := service.vault.keys.get(c.subject_id)) is not None})
        comments = {comment.id.hex: comment.subject_id
                    for row in read_rows(get_projections(app))["consultations"]
                    if row["answered_on"]
                    for comment in service.consultation.get(UUID(row["id"])).comments.values()}
        assert comments, "the demo has an answered consultation with comments"
        keys.update({cid: key for cid, subject in comments.items()
                     if (key := service.vault.keys.get(subject)) is not None})
        backend = backend_of(store_env)
        assert set(files_holding(stored_files(backend), keys)) == set(keys)  # so it can fail

        # The job runs two years on, so its erasure events are stamped then too (a record
        # dated beyond a year after the recording clock is refused as DATE_TOO_LATE).
        later = TODAY.replace(year=TODAY.year + 2)
        stamped = datetime(later.year, later.month, later.day, 3, tzinfo=UTC)
        with recording_clock(lambda: stamped):
            assert _run(app, "applicant_erasure", later, REKAM_APPLICANT_RETENTION_DAYS="1",
                        REKAM_COMPLAINT_RETENTION_DAYS="30") == (
                f"{applicants} applicants, {len(closed)} complainants and {len(comments)} "
                "commenters erased")

        assert files_holding(stored_files(backend), keys) == {}


def test_the_agency_dashboard_shows_its_alerts_to_hr(
        demo_env: dict[str, str], make_app: Callable[..., Flask]) -> None:
    app = make_app(**demo_env, **ENV)
    worker = Worker(app, name="w")
    assert worker.store.acquire(worker.name, 60)
    assert worker.run_job(job_named("alerts")) == "ok"
    client = app.test_client()
    login(client, "hr.salatiga")
    response = client.get("/hr/", follow_redirects=True)
    agency_id = response.request.path.rsplit("/", 1)[-1]
    page = text(response)
    shown = re.findall(r'data-testid="alert-(\w+)"', page)
    expected = agency_alerts(get_projections(app), agency_id)
    assert shown and len(shown) == len(expected)
    assert sorted(shown) == sorted(a["kind"] for a in expected)
    assert "Peringatan" in page


def test_granted_unpaid_leave_goes_on_the_record_on_its_first_day(app: Flask) -> None:
    from domain.employee_leave import UnpaidLeaveBegan
    from domain.leave_regulations import UnpaidLeaveReason
    from domain.values import LegalBasis, PositionType
    from tests.builders.personnel import Organisation

    service = get_service(app)
    org = Organisation.build(service)
    employee_id = org.make_pns(appointed_on=date(2015, 4, 1))
    org.assign(employee_id, PositionType.PELAKSANA, date(2016, 4, 1))
    first_day = date(2026, 11, 23)
    with recording_clock(lambda: datetime(2026, 11, 16, 9, tzinfo=UTC)):
        request_id = service.leave.request_leave(
            employee_id, leave_type=LeaveType.UNPAID, start_on=first_day,
            end_on=date(2027, 11, 22), ground=UnpaidLeaveReason.CARE_FOR_PARENT.value,
            bkn_approval_ref="PERTEK-BKN/5/2026", actor=Actor("hr", Role.HR_OFFICER))
        service.leave.approve_leave(
            request_id, legal_basis=LegalBasis("850/1/CUTI/2026", date(2026, 11, 16)),
            actor=Actor("hradmin", Role.HR_ADMIN))

    def began() -> list[date]:
        return [a.effective_on for a in service.get_employee(employee_id).in_force()
                if isinstance(a, UnpaidLeaveBegan)]

    with recording_clock(lambda: datetime(2026, 11, 20, 9, tzinfo=UTC)):
        assert _run(app, "unpaid_leave_starts", date(2026, 11, 20)) is None  # not yet
    assert began() == []
    assert service.get_employee(employee_id).state.position_id is not None
    with recording_clock(lambda: datetime(2026, 11, 23, 0, 15, tzinfo=UTC)):
        assert _run(app, "unpaid_leave_starts", first_day) == "1 unpaid leaves begun"
        assert _run(app, "unpaid_leave_starts", first_day) is None  # once
    assert began() == [first_day]
    assert service.get_employee(employee_id).state.position_id is None


def test_a_cltn_past_its_end_and_a_return_without_a_post_are_raised_with_their_last_day(
        app: Flask) -> None:
    from domain.leave_regulations import UnpaidLeaveReason
    from domain.values import LegalBasis, PositionType
    from tests.builders.personnel import Organisation

    service = get_service(app)
    org = Organisation.build(service)
    employee_id = org.make_pns(appointed_on=date(2012, 4, 1))
    org.assign(employee_id, PositionType.PELAKSANA, date(2013, 4, 1))
    first_day, last_day = date(2023, 1, 2), date(2024, 1, 1)
    with recording_clock(lambda: datetime(2022, 12, 1, 9, tzinfo=UTC)):
        request_id = service.leave.request_leave(
            employee_id, leave_type=LeaveType.UNPAID, start_on=first_day, end_on=last_day,
            ground=UnpaidLeaveReason.CARE_FOR_PARENT.value,
            bkn_approval_ref="PERTEK-BKN/9/2022", actor=Actor("hr", Role.HR_OFFICER))
        service.leave.approve_leave(
            request_id, legal_basis=LegalBasis("850/9/CUTI/2022", date(2022, 12, 1)),
            actor=Actor("hradmin", Role.HR_ADMIN))
    with recording_clock(lambda: datetime(2023, 1, 2, 0, 15, tzinfo=UTC)):
        assert _run(app, "unpaid_leave_starts", first_day) == "1 unpaid leaves begun"
    _run(app, "catch_up")
    projections = get_projections(app)

    def raised(on: date) -> set[tuple[str, str]]:
        return {(kind, due) for kind, alert_id, _, _, due in compute(projections, on, SETTINGS)
                if alert_id == employee_id.hex and kind.startswith("cltn_")}

    assert raised(last_day) == set()  # its last day: not over yet
    assert raised(TODAY) == {("cltn_return_overdue", "2024-02-01")}  # a month after the end

    with recording_clock(lambda: datetime(2024, 1, 15, 9, tzinfo=UTC)):
        service.leave.report_return(request_id, reported_on=date(2024, 1, 15),
                                    actor=Actor("hr", Role.HR_OFFICER))
    _run(app, "catch_up")
    assert raised(TODAY) == {("cltn_return_unplaced", "2025-01-15")}  # a year after the report

    org.assign(employee_id, PositionType.PELAKSANA, date(2024, 2, 1))
    _run(app, "catch_up")
    assert raised(TODAY) == set()


def test_an_employee_survey_past_its_last_day_is_closed_with_its_waiting_answers(
        app: Flask) -> None:
    from domain.staff_survey import desk_key_subject
    from tests.builders.personnel import Organisation
    from tests.builders.staff_survey import AGREE, answered, staff_survey

    service = get_service(app)
    org = Organisation.build(service)
    ends = TODAY - timedelta(days=1)
    with recording_clock(lambda: datetime.combine(ends - timedelta(days=10), datetime.min.time(),
                                                  tzinfo=UTC)):
        survey_id = staff_survey(service, org.government_id, opens_on=ends - timedelta(days=10),
                                 closes_on=ends)
        answered(service, survey_id, org.agency_id, [AGREE, AGREE])  # fewer than a batch
    assert service.staff_survey.get(survey_id).spent == set()  # still in the box

    assert _run(app, "staff_survey_close", ends) is None  # its last day: still running
    assert _run(app, "staff_survey_close") == "1 employee surveys closed"
    assert _run(app, "staff_survey_close") is None  # once

    survey = service.staff_survey.get(survey_id)
    assert survey.is_closed and len(survey.spent) == 2
    assert service.vault.keys.get(desk_key_subject(survey_id)) is None
