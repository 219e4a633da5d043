"""Queries of the HR workspace over the roster, timeline and organisation views.

Every list is read from the views (never by replaying events), limited to a `Scope` (one
agency, one government or everything) and paginated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from domain.regulations import TRAINING_TARGET_JP
from domain.values import Grade, GradeRange

ACTIVE = ("CPNS", "PNS", "PPPK")
SORTS = {"name": "r.name", "grade": "r.grade", "grade_since": "r.grade_since",
         "retirement_on": "r.retirement_on", "training_jp": "r.training_jp",
         "appointed_on": "r.appointed_on", "agency": "a.name"}
FLAGS = ("under_jp", "appraisal_missing", "retiring")


@dataclass(frozen=True)
class Scope:
    """The part of the roster a user may read: one agency, one government, or all (None)."""

    government_id: str | None = None
    agency_id: str | None = None

    def admits(self, government_id: str | None, agency_id: str | None) -> bool:
        if self.agency_id is not None:
            return agency_id == self.agency_id
        if self.government_id is not None:
            return government_id == self.government_id
        return True

    def where(self, alias: str = "r") -> tuple[str, list[Any]]:
        if self.agency_id is not None:
            return f"{alias}.agency_id = ?", [self.agency_id]
        if self.government_id is not None:
            return f"{alias}.government_id = ?", [self.government_id]
        return "1 = 1", []


@dataclass
class RosterQuery:
    """What the roster page asks for; unknown values fall back to the defaults."""

    text: str = ""
    agency_id: str = ""
    status: str = "active"
    grade_group: str = ""
    employment_type: str = ""
    flag: str = ""
    sort: str = "name"
    descending: bool = False
    page: int = 1
    per_page: int = 50


@dataclass
class RosterPage:
    rows: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1


def _tables(projections: Any) -> dict[str, str]:
    organisation = projections.views["organisation"]
    return {"roster": projections.views["roster"].table("roster"),
            "timeline": projections.views["timeline"].table("timeline"),
            **{name: organisation.table(name)
               for name in ("governments", "agencies", "units", "positions")}}


def search_roster(projections: Any, scope: Scope, query: RosterQuery, today: date
                  ) -> RosterPage:
    """One page of the roster within `scope`, filtered and sorted as asked."""
    joins, params, order = _roster_query(projections, scope, query, today)
    per_page = max(1, min(query.per_page, 200))
    with projections.store.read() as sql:
        total = int(sql.execute(f"SELECT COUNT(*) AS n {joins}", params).fetchone()["n"])
        pages = max(1, -(-total // per_page))
        page = max(1, min(query.page, pages))
        rows = sql.execute(
            f"SELECT r.*, a.name AS agency_name, u.name AS unit_name, p.title AS position_title "
            f"{joins} ORDER BY {order}, r.employee_id LIMIT ? OFFSET ?",
            [*params, per_page, (page - 1) * per_page]).fetchall()
    return RosterPage([dict(row) for row in rows], total, page, pages)


def roster_rows(projections: Any, scope: Scope, query: RosterQuery, today: date
                ) -> list[dict[str, Any]]:
    """Every row the roster page would list for `query`, in its order (for the exports)."""
    joins, params, order = _roster_query(projections, scope, query, today)
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT r.*, a.name AS agency_name, u.name AS unit_name, p.title AS position_title "
            f"{joins} ORDER BY {order}, r.employee_id", params).fetchall()
    return [dict(row) for row in rows]


def _roster_query(projections: Any, scope: Scope, query: RosterQuery, today: date
                  ) -> tuple[str, list[Any], str]:
    """The FROM ... WHERE clause, its parameters and the ORDER BY of a roster query."""
    t = _tables(projections)
    where, params = scope.where()
    clauses = [where]
    if query.text.strip():
        text = query.text.strip()
        digits = "".join(text.split())
        if digits.isdigit():
            clauses.append("r.nip LIKE ?")
            params.append(digits + "%")
        else:
            clauses.append("LOWER(r.name) LIKE ?")
            params.append("%" + text.lower().replace("%", "").replace("_", "") + "%")
    if query.agency_id:
        clauses.append("r.agency_id = ?")
        params.append(query.agency_id)
    if query.status == "active":
        clauses.append("r.status IN (?, ?, ?)")
        params.extend(ACTIVE)
    elif query.status in (*ACTIVE, "SEPARATED"):
        clauses.append("r.status = ?")
        params.append(query.status)
    if query.grade_group in ("I", "II", "III", "IV", "PPPK"):
        clauses.append("r.grade_group = ?")
        params.append(query.grade_group)
    if query.employment_type in ("PNS", "PPPK"):
        clauses.append("r.employment_type = ?")
        params.append(query.employment_type)
    flag_sql, flag_params = _flag(query.flag, today)
    if flag_sql:
        clauses.append(flag_sql)
        params.extend(flag_params)
    order = SORTS.get(query.sort, "r.name")
    direction = "DESC" if query.descending else "ASC"
    joins = (f"FROM {t['roster']} r LEFT JOIN {t['agencies']} a ON a.id = r.agency_id "
             f"LEFT JOIN {t['units']} u ON u.id = r.unit_id "
             f"LEFT JOIN {t['positions']} p ON p.id = r.position_id "
             f"WHERE {' AND '.join(clauses)}")
    return joins, params, f"{order} {direction}"


def _flag(flag: str, today: date) -> tuple[str, list[Any]]:
    """The dashboard's figures as roster filters (same definitions as projections/statistics)."""
    year = today.year
    if flag == "under_jp":
        return ("(r.training_year IS NULL OR r.training_year <> ? OR r.training_jp < ?)",
                [year, TRAINING_TARGET_JP])
    if flag == "appraisal_missing":
        return ("(r.appointed_on < ? AND (r.rating_year IS NULL OR r.rating_year < ?))",
                [f"{year}-01-01", year - 1])
    if flag == "retiring":
        return ("(r.retirement_on >= ? AND r.retirement_on <= ?)",
                [today.isoformat(), (today + timedelta(days=365)).isoformat()])
    return "", []


def employee_row(projections: Any, employee_id: str) -> dict[str, Any] | None:
    """The roster row of one employee with the names of their agency, unit and position."""
    t = _tables(projections)
    with projections.store.read() as sql:
        row = sql.execute(
            f"SELECT r.*, a.name AS agency_name, u.name AS unit_name, p.title AS position_title, "
            f"p.lowest AS position_lowest, p.highest AS position_highest, "
            f"g.name AS government_name FROM {t['roster']} r "
            f"LEFT JOIN {t['agencies']} a ON a.id = r.agency_id "
            f"LEFT JOIN {t['units']} u ON u.id = r.unit_id "
            f"LEFT JOIN {t['positions']} p ON p.id = r.position_id "
            f"LEFT JOIN {t['governments']} g ON g.id = r.government_id "
            f"WHERE r.employee_id = ?", (employee_id,)).fetchone()
    return dict(row) if row else None


def agencies(projections: Any, scope: Scope) -> list[dict[str, Any]]:
    """Agencies within `scope` with their government and active headcount, by name."""
    t = _tables(projections)
    where, params = scope.where("a") if scope.agency_id is None else ("a.id = ?",
                                                                      [scope.agency_id])
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT a.id, a.name, a.code, a.government_id, g.name AS government_name, "
            f"COUNT(r.employee_id) AS active FROM {t['agencies']} a "
            f"JOIN {t['governments']} g ON g.id = a.government_id "
            f"LEFT JOIN {t['roster']} r ON r.agency_id = a.id AND r.status IN (?, ?, ?) "
            f"WHERE {where} GROUP BY a.id, a.name, a.code, a.government_id, g.name "
            "ORDER BY g.name, a.name", [*ACTIVE, *params]).fetchall()
    return [dict(row) for row in rows]


def agency(projections: Any, agency_id: str) -> dict[str, Any] | None:
    t = _tables(projections)
    with projections.store.read() as sql:
        row = sql.execute(
            f"SELECT a.id, a.name, a.code, a.government_id, g.name AS government_name "
            f"FROM {t['agencies']} a JOIN {t['governments']} g ON g.id = a.government_id "
            "WHERE a.id = ?", (agency_id,)).fetchone()
    return dict(row) if row else None


def agency_by_code(projections: Any, government_code: str, agency_code: str
                   ) -> dict[str, Any] | None:
    t = _tables(projections)
    with projections.store.read() as sql:
        row = sql.execute(
            f"SELECT a.id, a.government_id FROM {t['agencies']} a "
            f"JOIN {t['governments']} g ON g.id = a.government_id "
            "WHERE g.code = ? AND a.code = ?", (government_code, agency_code)).fetchone()
    return dict(row) if row else None


def government_by_code(projections: Any, code: str) -> str | None:
    t = _tables(projections)
    with projections.store.read() as sql:
        row = sql.execute(f"SELECT id FROM {t['governments']} WHERE code = ?",
                          (code,)).fetchone()
    return str(row["id"]) if row else None


def recent_actions(projections: Any, agency_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """The latest recorded events of the agency's current employees, newest first."""
    t = _tables(projections)
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT t.employee_id, t.version, t.kind, t.effective_on, t.recorded_at, "
            f"t.actor_user, t.status, r.name FROM {t['roster']} r "
            f"JOIN {t['timeline']} t ON t.employee_id = r.employee_id "
            "WHERE r.agency_id = ? ORDER BY t.recorded_at DESC, t.version DESC LIMIT ?",
            (agency_id, limit)).fetchall()
    return [dict(row) for row in rows]


def timeline_rows_after(projections: Any, employee_id: str, version: int
                        ) -> list[dict[str, Any]]:
    """Events of the employee recorded after `version` (what changed since a form was shown)."""
    t = _tables(projections)
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT version, kind, effective_on, recorded_at, actor_user FROM {t['timeline']} "
            "WHERE employee_id = ? AND version > ? ORDER BY version",
            (employee_id, version)).fetchall()
    return [dict(row) for row in rows]


def vacant_positions_admitting(projections: Any, agency_id: str, grade: Grade
                               ) -> list[dict[str, Any]]:
    """Vacant positions of the agency whose grade range admits `grade`, by title."""
    t = _tables(projections)
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT p.id, p.title, p.position_type, p.lowest, p.highest, u.name AS unit_name "
            f"FROM {t['positions']} p JOIN {t['units']} u ON u.id = p.unit_id "
            "WHERE p.agency_id = ? AND p.holder_id IS NULL ORDER BY p.title, u.name",
            (agency_id,)).fetchall()
    return [dict(row) for row in rows
            if GradeRange(Grade(row["lowest"]), Grade(row["highest"])).admits(grade)]


def agency_positions(projections: Any, agency_id: str) -> list[dict[str, Any]]:
    """Every position of an agency with its unit and holder (if any), by unit and title."""
    t = _tables(projections)
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT p.id, p.title, p.position_type, p.lowest, p.highest, p.holder_id, "
            f"u.name AS unit_name, r.name AS holder_name FROM {t['positions']} p "
            f"JOIN {t['units']} u ON u.id = p.unit_id "
            f"LEFT JOIN {t['roster']} r ON r.employee_id = p.holder_id "
            "WHERE p.agency_id = ? ORDER BY u.name, p.title", (agency_id,)).fetchall()
    return [dict(row) for row in rows]


def vacant_jpt_posts(projections: Any, government_id: str) -> list[dict[str, Any]]:
    """Vacant senior executive (JPT) posts of a government, by agency and title."""
    t = _tables(projections)
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT p.id, p.title, a.name AS agency_name FROM {t['positions']} p "
            f"JOIN {t['agencies']} a ON a.id = p.agency_id WHERE a.government_id = ? "
            "AND p.holder_id IS NULL AND p.position_type LIKE ? "  # a literal % breaks psycopg
            "ORDER BY a.name, p.title", (government_id, "JPT%")).fetchall()
    return [dict(row) for row in rows]


def units(projections: Any, agency_ids: list[str]) -> list[dict[str, Any]]:
    """Units of the given agencies, with their agency's name."""
    if not agency_ids:
        return []
    t = _tables(projections)
    marks = ", ".join("?" for _ in agency_ids)
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT u.id, u.name, u.agency_id, a.name AS agency_name FROM {t['units']} u "
            f"JOIN {t['agencies']} a ON a.id = u.agency_id WHERE u.agency_id IN ({marks}) "
            "ORDER BY a.name, u.name", agency_ids).fetchall()
    return [dict(row) for row in rows]


def raters(projections: Any, agency_id: str, position_types: list[str], exclude: str
           ) -> list[dict[str, Any]]:
    """Active holders of the given position types in the agency (possible appraisal raters)."""
    if not position_types:
        return []
    t = _tables(projections)
    marks = ", ".join("?" for _ in position_types)
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT r.employee_id, r.name, p.title AS position_title FROM {t['roster']} r "
            f"LEFT JOIN {t['positions']} p ON p.id = r.position_id "
            f"WHERE r.agency_id = ? AND r.status IN (?, ?, ?) AND r.position_type IN ({marks}) "
            "AND r.employee_id <> ? ORDER BY r.name",
            [agency_id, *ACTIVE, *position_types, exclude]).fetchall()
    return [dict(row) for row in rows]


def government_row(projections: Any, code: str) -> dict[str, Any] | None:
    """The government of `code`: its id, code, name and province (public institutional data)."""
    t = _tables(projections)
    with projections.store.read() as sql:
        row = sql.execute(f"SELECT * FROM {t['governments']} WHERE code = ?",
                          (code,)).fetchone()
    return dict(row) if row else None


def government_rows(projections: Any) -> list[dict[str, Any]]:
    """Every government (id, code, name, province), by name."""
    t = _tables(projections)
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT * FROM {t['governments']} ORDER BY name").fetchall()
    return [dict(r) for r in rows]
