"""The views as the tests see them: every row of every table, what a history must give them,
and holding their write lock from outside, as another process would."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

import psycopg
import pytest
from psycopg import sql as pgsql

from domain.personnel_service import PersonnelService
from projections.stores.backend import Backend
from projections.views.base import View
from projections.views.runner import Projections

# Every view table with its key; rows are compared in this order.
TABLE_KEYS = {"governments": "id", "agencies": "id", "units": "id", "positions": "id",
              "roster": "employee_id", "timeline": "employee_id, version",
              "timeline_actors": "actor_user, actor_role, kind",
              "rounds": "id", "formations": "id", "applicants": "id", "selections": "id",
              "candidates": "id", "correction_requests": "id",
              "service_units": "id", "services": "id", "complaints": "id",
              "complaint_steps": "complaint_id, version",
              "performance_plans": "id", "unit_performance": "id",
              "unit_ratings": "unit_performance_id, employee_id",
              "promotion_periods": "id", "promotion_entries": "period_id, employee_id",
              "survey_periods": "id",
              "consultations": "id", "consultation_comments": "id",
              "consultation_themes": "id", "leave_requests": "id",
              "leave_balances": "employee_id, year", "staff_surveys": "id",
              "tpp_regulations": "government_id, effective_from", "tpp_runs": "id",
              "tpp_agency_totals": "run_id, agency_id", "tpp_lines": "run_id, employee_id",
              "complaint_facts": "id", "indicators": "id",
              "indicator_targets": "indicator_id, year",
              "indicator_actuals": "indicator_id, month", "indicator_complaints": "id",
              "indicator_periods": "id", "indicator_responses": "period_id, month"}
# The events that add one row to each table (the timeline takes every employee event).
ROW_TOPICS = {
    "governments": ("domain.organisation:Government.Established",),
    "agencies": ("domain.organisation:Agency.Established",),
    "units": ("domain.organisation:Agency.UnitAdded",),
    "positions": ("domain.organisation:Position.Established",),
    "roster": ("domain.employee:Employee.Appointed", "domain.employee:Employee.RecordOpened"),
    "rounds": ("domain.recruitment:RecruitmentRound.Opened",),
    "formations": ("domain.recruitment:RecruitmentRound.FormationAllocated",),
    "applicants": ("domain.recruitment:RecruitmentRound.ApplicantRegistered",),
    "selections": ("domain.selection:OpenSelection.Authorised",),
    "candidates": ("domain.selection:OpenSelection.CandidateApplied",),
    "correction_requests": ("domain.correction_request:CorrectionRequest.Requested",),
    "service_units": ("domain.service_unit:ServiceUnit.Opened",),
    "services": ("domain.service_unit:ServiceUnit.ServiceSet",),  # histories never edit one
    "complaints": ("domain.complaint:Complaint.Submitted",),
    "complaint_facts": ("domain.complaint:Complaint.Submitted",),
    "performance_plans": ("domain.performance_plan:PerformancePlan.Drafted",),
    "unit_performance": ("domain.unit_performance:UnitPerformance.PredicateSet",),
    # histories never re-rate after an objection, which replaces a row
    "unit_ratings": ("domain.unit_performance:UnitPerformance.StaffRated",),
    "promotion_periods": ("domain.promotion_round:PromotionPeriod.Opened",),
    "survey_periods": ("domain.survey:SurveyPeriod.Opened",),
    "consultations": ("domain.consultation:Consultation.Drafted",),
    "consultation_comments": ("domain.consultation:Consultation.CommentReceived",),
    "consultation_themes": ("domain.consultation:Consultation.ThemeAnswered",),
    "leave_requests": ("domain.leave_request:LeaveRequest.Requested",),
    "staff_surveys": ("domain.staff_survey:StaffSurvey.Opened",),
    # histories never adopt two versions from one date, which replaces a row
    "tpp_regulations": ("domain.tpp_policy:TppPolicy.VersionAdopted",),
    "tpp_runs": ("domain.tpp_run:TppRun.Started",),
    "tpp_agency_totals": ("domain.tpp_run:TppRun.AgencyComputed",),
    "indicators": ("domain.indicator:Indicator.Defined",),
    # histories never set a year's target twice, which replaces a row
    "indicator_targets": ("domain.indicator:Indicator.TargetSet",),
    "indicator_actuals": ("domain.indicator:Indicator.ActualRecorded",),
    "indicator_complaints": ("domain.complaint:Complaint.Submitted",),
    "indicator_periods": ("domain.survey:SurveyPeriod.Opened",),
}
EMPLOYEE_TOPIC = "domain.employee:"

Rows = dict[str, list[dict[str, Any]]]
Notes = list[tuple[int, str]]  # (notification id, topic) of every stored event



def read_rows(projections: Projections) -> Rows:
    """Every row of every view table, ordered by the table's key."""
    rows: Rows = {}
    with projections.store.read() as sql:
        for view in projections.views.values():
            for table in view.tables:
                found = sql.execute(f"SELECT * FROM {view.table(table)} "
                                    f"ORDER BY {TABLE_KEYS[table]}").fetchall()
                rows[table] = [dict(row) for row in found]
    assert set(rows) == set(TABLE_KEYS)  # a new table must be added to these tests
    return rows


def stored_notes(service: PersonnelService) -> Notes:
    head = service.recorder.max_notification_id() or 0
    return [(n.id, n.topic) for n in service.recorder.select_notifications(1, max(head, 1))]


def expected_counts(notes: Notes) -> dict[str, int]:
    """How many rows each table must hold once exactly `notes` have been applied."""
    counts = {table: sum(topic in topics for _, topic in notes)
              for table, topics in ROW_TOPICS.items()}
    counts["timeline"] = sum(topic.startswith(EMPLOYEE_TOPIC) for _, topic in notes)
    counts["complaint_steps"] = sum(topic.startswith("domain.complaint:") for _, topic in notes)
    # A proposal made again replaces its row: histories here propose each employee once.
    counts["promotion_entries"] = sum(
        topic == "domain.promotion_round:PromotionPeriod.Proposed" for _, topic in notes)
    return counts


def row_counts(rows: Rows) -> dict[str, int]:
    """Rows per table (but the per-user counts, see `counted_per_actor`, the leave
    balances, a row per employee and year with leave: see tests of the leave view, and the
    lines of TPP runs, one per employee paid: see tests of the TPP view; survey responses per
    period and month: see the indicator figures' test)."""
    return {table: len(found) for table, found in rows.items()
            if table not in ("timeline_actors", "leave_balances", "tpp_lines",
                                                      "indicator_responses")}


def counted_per_actor(rows: Rows) -> list[dict[str, Any]]:
    """What `timeline_actors` must hold: the timeline's rows counted per user, role and kind,
    with their first and last recording times, in key order."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for row in rows["timeline"]:
        groups.setdefault((row["actor_user"], row["actor_role"], row["kind"]), []).append(
            row["recorded_at"])
    return [{"actor_user": user, "actor_role": role, "kind": kind, "n": len(times),
             "first_at": min(times), "last_at": max(times)}
            for (user, role, kind), times in sorted(groups.items())]


def cells_containing(rows: Rows, text: str) -> list[tuple[str, str]]:
    return [(table, column) for table, found in rows.items() for row in found
            for column, value in row.items() if text in str(value)]


def roster_row(projections: Projections, employee_id: UUID) -> dict[str, Any]:
    (row,) = [r for r in read_rows(projections)["roster"] if r["employee_id"] == employee_id.hex]
    return row


def execute(backend: Backend, statement: pgsql.Composed) -> None:
    """Run one statement on the PostgreSQL database of `backend` (a schema of its own)."""
    with psycopg.connect(backend.postgres_conninfo(), autocommit=True) as conn:
        conn.execute(statement)


@contextmanager
def views_write_locked(backend: Backend, projections: Projections) -> Iterator[None]:
    """Holds the views' write lock from another connection, as a rebuild's swap does: SQLite's
    file lock, PostgreSQL's lock on the tracking table (reads still pass)."""
    if backend.kind == "sqlite":
        holder = sqlite3.connect(backend.data_dir / "views.sqlite", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        return
    with psycopg.connect(backend.postgres_conninfo()) as conn, conn.transaction():
        conn.execute(f"LOCK TABLE {projections.store.tracking_table} IN EXCLUSIVE MODE")
        yield


def unable_to_apply(monkeypatch: pytest.MonkeyPatch, view: View, notification_id: int) -> None:
    """Make `view` fail on one event, as a view meets an event it cannot store (the others
    it applies as before); `monkeypatch.undo()` fixes it."""
    apply = view.apply

    def apply_but_that_one(sql: Any, event: Any, position: int) -> None:
        if position == notification_id:
            raise ValueError("a view that cannot take this event")
        apply(sql, event, position)

    monkeypatch.setattr(view, "apply", apply_but_that_one)
