"""Performance view: each SKP plan's step in the year's cycle, each unit's predicate, and the
ratings given under it.

No feedback text, objection ground or decision reason is copied here: they stay sealed in the
events, readable only by the employee and the superior (domain/performance_plan.py,
`may_read_feedback`); the view counts feedback entries and keeps their last date. A plan's
rating is personal data, so the view is marked personal and read only by the API's scoped
operations.
"""

from __future__ import annotations

from typing import Any

from domain.performance_plan import PerformancePlan, PlanStatus
from domain.unit_performance import UnitPerformance
from projections.stores.view_store import Sql
from projections.views.base import View
from projections.views.hr_queries import Scope

_STATUS = {
    PerformancePlan.Submitted: PlanStatus.SUBMITTED,
    PerformancePlan.Agreed: PlanStatus.AGREED,
    PerformancePlan.Redrafted: PlanStatus.DRAFTED,
    PerformancePlan.Rated: PlanStatus.RATED,
    PerformancePlan.Objected: PlanStatus.OBJECTED,
    PerformancePlan.ObjectionDecided: PlanStatus.DECIDED,
}


class PerformanceView(View):
    """Plans (one row each), unit predicates (one row each) and unit ratings (one per person
    rated in a unit and year, the head's included)."""

    name = "performance"
    tables = ("performance_plans", "unit_performance", "unit_ratings")
    topic_prefixes = ("domain.performance_plan:", "domain.unit_performance:")

    def create_tables(self, sql: Sql) -> None:
        sql.execute(f"CREATE TABLE IF NOT EXISTS {self.table('performance_plans')} ("
                    "id TEXT PRIMARY KEY, employee_id TEXT NOT NULL, year INTEGER NOT NULL, "
                    "agency_id TEXT NOT NULL, unit_id TEXT, superior_id TEXT, "
                    "status TEXT NOT NULL, results INTEGER NOT NULL, "
                    "cascaded INTEGER NOT NULL, revisions INTEGER NOT NULL, agreed_on TEXT, "
                    "is_agreed_late INTEGER NOT NULL, feedback INTEGER NOT NULL, "
                    "last_feedback_on TEXT, work_result TEXT, behaviour TEXT, rating TEXT, "
                    "rated_on TEXT, objection_outcome TEXT, version INTEGER NOT NULL)")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {self.table('unit_performance')} ("
                    "id TEXT PRIMARY KEY, agency_id TEXT NOT NULL, unit_id TEXT, "
                    "year INTEGER NOT NULL, predicate TEXT NOT NULL, indicators INTEGER NOT NULL, "
                    "ikm DOUBLE PRECISION, complaints_on_time_percent DOUBLE PRECISION, "
                    "head_id TEXT, staff_count INTEGER NOT NULL, set_on TEXT NOT NULL, "
                    "version INTEGER NOT NULL)")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {self.table('unit_ratings')} ("
                    "unit_performance_id TEXT NOT NULL, employee_id TEXT NOT NULL, "
                    "rating TEXT NOT NULL, is_head INTEGER NOT NULL, "
                    f"PRIMARY KEY (unit_performance_id, employee_id)){self.keyed}")

    def create_indexes(self, sql: Sql) -> None:
        plans = self.table("performance_plans")
        short = plans.split(".")[-1]
        sql.execute(f"CREATE INDEX IF NOT EXISTS {short}_employee ON {plans} (employee_id, year)")
        sql.execute(f"CREATE INDEX IF NOT EXISTS {short}_agency ON {plans} (agency_id, year)")
        units = self.table("unit_performance")
        sql.execute(f"CREATE INDEX IF NOT EXISTS {units.split('.')[-1]}_agency "
                    f"ON {units} (agency_id, year)")

    def apply(self, sql: Sql, event: Any, notification_id: int) -> None:
        if isinstance(event, UnitPerformance.Event):
            self._apply_unit(sql, event)
            return
        plans = self.table("performance_plans")
        plan_id, version = event.originator_id.hex, event.originator_version
        if isinstance(event, PerformancePlan.Drafted):
            sql.execute(f"INSERT INTO {plans} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, 0, 0, "
                        "NULL, NULL, NULL, NULL, NULL, NULL, ?)",
                        (plan_id, event.employee_id.hex, event.year, event.agency_id.hex,
                         _hex(event.unit_id), _hex(event.superior_id),
                         PlanStatus.DRAFTED.value, len(event.results),
                         _cascaded(event.results), version))
            return
        if isinstance(event, (PerformancePlan.Redrafted, PerformancePlan.Revised)):
            sql.execute(f"UPDATE {plans} SET results = ?, cascaded = ?, "
                        "revisions = revisions + ? WHERE id = ?",
                        (len(event.results), _cascaded(event.results),
                         int(isinstance(event, PerformancePlan.Revised)), plan_id))
        elif isinstance(event, PerformancePlan.FeedbackRecorded):
            sql.execute(f"UPDATE {plans} SET feedback = feedback + 1, last_feedback_on = ? "
                        "WHERE id = ?", (event.effective_on.isoformat(), plan_id))
        elif isinstance(event, PerformancePlan.Agreed):
            sql.execute(f"UPDATE {plans} SET agreed_on = ?, is_agreed_late = ? WHERE id = ?",
                        (event.effective_on.isoformat(), int(event.is_late), plan_id))
        elif isinstance(event, PerformancePlan.Rated):
            sql.execute(f"UPDATE {plans} SET work_result = ?, behaviour = ?, rating = ?, "
                        "rated_on = ? WHERE id = ?",
                        (event.work_result.value, event.behaviour.value, event.rating.value,
                         event.effective_on.isoformat(), plan_id))
        elif isinstance(event, PerformancePlan.ObjectionDecided):
            sql.execute(f"UPDATE {plans} SET work_result = ?, behaviour = ?, rating = ?, "
                        "objection_outcome = ? WHERE id = ?",
                        (event.work_result.value, event.behaviour.value, event.rating.value,
                         event.outcome.value, plan_id))
        status = _STATUS.get(type(event))
        if status is not None:
            sql.execute(f"UPDATE {plans} SET status = ? WHERE id = ?", (status.value, plan_id))
        sql.execute(f"UPDATE {plans} SET version = ? WHERE id = ?", (version, plan_id))

    def _apply_unit(self, sql: Sql, event: Any) -> None:
        unit_id = event.originator_id.hex
        if isinstance(event, UnitPerformance.PredicateSet):
            view = event.service_recipients
            sql.execute(f"INSERT INTO {self.table('unit_performance')} "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (unit_id, event.agency_id.hex, _hex(event.unit_id), event.year,
                         event.predicate.value, len(event.indicators), view.ikm,
                         view.complaints_on_time_percent, _hex(event.head_id),
                         event.staff_count, event.effective_on.isoformat(),
                         event.originator_version))
        elif isinstance(event, UnitPerformance.StaffRated):
            sql.execute(f"SELECT head_id FROM {self.table('unit_performance')} WHERE id = ?",
                        (unit_id,))
            row = sql.fetchone()
            is_head = int(row is not None and row["head_id"] == event.employee_id.hex)
            sql.execute(f"INSERT INTO {self.table('unit_ratings')} VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (unit_performance_id, employee_id) "
                        "DO UPDATE SET rating = excluded.rating",
                        (unit_id, event.employee_id.hex, event.rating.value, is_head))
            sql.execute(f"UPDATE {self.table('unit_performance')} SET version = ? WHERE id = ?",
                        (event.originator_version, unit_id))


def employee_plans(projections: Any, employee_id: str) -> list[dict[str, Any]]:
    """The employee's plans, newest year first."""
    table = projections.views["performance"].table("performance_plans")
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT * FROM {table} WHERE employee_id = ? ORDER BY year DESC",
                           (employee_id,)).fetchall()
    return [dict(r) for r in rows]


def plans_to_agree(projections: Any, superior_id: str) -> list[dict[str, Any]]:
    """Plans whose superior is `superior_id`, newest year first."""
    table = projections.views["performance"].table("performance_plans")
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT * FROM {table} WHERE superior_id = ? "
                           "ORDER BY year DESC, id", (superior_id,)).fetchall()
    return [dict(r) for r in rows]


def objected_plans(projections: Any, agency_id: str) -> list[dict[str, Any]]:
    """Plans of the agency whose rating waits on an objection, oldest year first (their
    deciding official is in the agency: the rater's own rater)."""
    table = projections.views["performance"].table("performance_plans")
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT * FROM {table} WHERE agency_id = ? AND status = ? "
                           "ORDER BY year, rated_on, id", (agency_id, "objected")).fetchall()
    return [dict(r) for r in rows]


def unit_predicates(projections: Any, scope: Scope, year: int) -> list[dict[str, Any]]:
    """The predicates of `year` in the agencies of `scope`, with how many are rated and how
    many of each rating (the head apart)."""
    units = projections.views["performance"].table("unit_performance")
    ratings = projections.views["performance"].table("unit_ratings")
    agencies = projections.views["organisation"].table("agencies")
    where, params = scope.where("a")
    with projections.store.read() as sql:
        rows = [dict(r) for r in sql.execute(
            f"SELECT u.* FROM {units} u JOIN (SELECT id AS agency_id, government_id "
            f"FROM {agencies}) a ON a.agency_id = u.agency_id "
            f"WHERE u.year = ? AND {where} ORDER BY u.agency_id, u.unit_id",
            (year, *params)).fetchall()]
        for row in rows:
            counts = sql.execute(f"SELECT rating, COUNT(*) AS n FROM {ratings} "
                                 "WHERE unit_performance_id = ? AND is_head = 0 "
                                 "GROUP BY rating", (row["id"],)).fetchall()
            row["ratings"] = {r["rating"]: r["n"] for r in counts}
    return rows


def _hex(value: Any) -> str | None:
    return None if value is None else value.hex


def _cascaded(results: Any) -> int:
    return sum(r.cascaded_from is not None for r in results)


def plan_counts(projections: Any, scope: Scope, year: int) -> list[dict[str, Any]]:
    """Per agency and unit of `scope`, how many plans of `year` are at each status and how
    many were agreed late (counts only: no employee, rating or feedback)."""
    plans = projections.views["performance"].table("performance_plans")
    agencies = projections.views["organisation"].table("agencies")
    where, params = scope.where("a")
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT p.agency_id, p.unit_id, p.status, COUNT(*) AS n, "
            f"SUM(p.is_agreed_late) AS late FROM {plans} p "
            f"JOIN (SELECT id AS agency_id, government_id FROM {agencies}) a "
            f"ON a.agency_id = p.agency_id WHERE p.year = ? AND {where} "
            "GROUP BY p.agency_id, p.unit_id, p.status ORDER BY p.agency_id, p.unit_id",
            (year, *params)).fetchall()
    found: dict[tuple[str, str | None], dict[str, Any]] = {}
    for row in rows:
        key = (row["agency_id"], row["unit_id"])
        entry = found.setdefault(key, {"agency_id": key[0], "unit_id": key[1],
                                       "statuses": {}, "late": 0, "total": 0})
        entry["statuses"][row["status"]] = row["n"]
        entry["late"] += int(row["late"] or 0)
        entry["total"] += row["n"]
    return list(found.values())


def rating_counts(projections: Any, government_id: str) -> list[dict[str, Any]]:
    """Per agency of the government, year and rating, how many plans were rated so (counts
    only, for the TPP motivation report)."""
    plans = projections.views["performance"].table("performance_plans")
    agencies = projections.views["organisation"].table("agencies")
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT p.agency_id, p.year, p.rating, COUNT(*) AS n FROM {plans} p "
            f"JOIN {agencies} a ON a.id = p.agency_id "
            "WHERE a.government_id = ? AND p.rating IS NOT NULL "
            "GROUP BY p.agency_id, p.year, p.rating ORDER BY p.agency_id, p.year",
            (government_id,)).fetchall()
    return [dict(r) for r in rows]
