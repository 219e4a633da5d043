"""TPP view: each government's regulation versions, its monthly runs with the totals per agency,
and which employees each run has a line for, with the queries of the HR pages and the desk.

No row holds an individual amount: a line's row names the employee, their agency, the record
version read and whether a correction changed it; the amounts stay sealed in the run's events
under the employee's subject key and are opened by `service.tpp.line` for a reader the page
has admitted (the employee, or HR whose scope holds the line's agency). The totals per agency
are sums that name nobody. A version's table is the Perkada itself, public institutional data,
and so is its Mendagri approval: `approval_ref` is the letter its table names or the one
recorded after it (then with `approval_signed_on`); a table adopted again from the same date
starts without the recorded letter, as in the domain.
"""

from __future__ import annotations

from typing import Any

from domain.tpp_policy import TppPolicy, regulation_from_table
from domain.tpp_run import TppRun
from projections.stores.view_store import Sql
from projections.views.base import View
from projections.views.hr_queries import Scope

TOTAL_COLUMNS = ("staff", "gross", "net", "leave_cut", "sanction_cut", "performance_cut",
                 "discipline_cut", "leave_staff", "sanction_staff", "performance_staff",
                 "discipline_staff")


class TppView(View):
    """One row per regulation version, per run, per agency of a run and per line of a run."""

    name = "tpp"
    tables = ("tpp_regulations", "tpp_runs", "tpp_agency_totals", "tpp_lines")
    topic_prefixes = ("domain.tpp_policy:", "domain.tpp_run:")
    personal = False

    def create_tables(self, sql: Sql) -> None:
        t = self.table
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('tpp_regulations')} ("
                    "government_id TEXT NOT NULL, effective_from TEXT NOT NULL, "
                    "year INTEGER NOT NULL, perkada TEXT NOT NULL, approval_ref TEXT, "
                    "table_json TEXT NOT NULL, adopted_by TEXT NOT NULL, "
                    "policy_version INTEGER NOT NULL, consultation_id TEXT, "
                    "approval_signed_on TEXT, "
                    f"PRIMARY KEY (government_id, effective_from)){self.keyed}")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('tpp_runs')} ("
                    "id TEXT PRIMARY KEY, government_id TEXT NOT NULL, month TEXT NOT NULL, "
                    "number INTEGER NOT NULL, corrects TEXT, position INTEGER NOT NULL, "
                    "policy_version INTEGER NOT NULL, perkada TEXT NOT NULL, "
                    "perkada_effective_from TEXT NOT NULL, run_by TEXT NOT NULL, "
                    "recorded_at TEXT NOT NULL, is_complete INTEGER NOT NULL, "
                    "staff INTEGER NOT NULL, gross INTEGER NOT NULL, net INTEGER NOT NULL, "
                    "changed INTEGER NOT NULL, version INTEGER NOT NULL)")
        columns = ", ".join(f"{c} INTEGER NOT NULL" for c in TOTAL_COLUMNS)
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('tpp_agency_totals')} ("
                    f"run_id TEXT NOT NULL, agency_id TEXT NOT NULL, {columns}, "
                    f"PRIMARY KEY (run_id, agency_id)){self.keyed}")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('tpp_lines')} ("
                    "run_id TEXT NOT NULL, employee_id TEXT NOT NULL, agency_id TEXT NOT NULL, "
                    "record_version INTEGER NOT NULL, is_changed INTEGER NOT NULL, "
                    f"PRIMARY KEY (run_id, employee_id)){self.keyed}")

    def create_indexes(self, sql: Sql) -> None:
        sql.execute("CREATE INDEX IF NOT EXISTS view_tpp_runs_government "
                    f"ON {self.table('tpp_runs')} (government_id, month, number)")
        sql.execute("CREATE INDEX IF NOT EXISTS view_tpp_lines_employee "
                    f"ON {self.table('tpp_lines')} (employee_id)")

    def apply(self, sql: Sql, event: Any, notification_id: int) -> None:
        if isinstance(event, TppPolicy.VersionAdopted):
            self._version(sql, event)
        elif isinstance(event, TppPolicy.VersionApproved):
            self._approval(sql, event)
        elif isinstance(event, TppRun.Event):
            self._run(sql, event)

    def _version(self, sql: Sql, event: TppPolicy.VersionAdopted) -> None:
        regulation = regulation_from_table(event.government_id, event.table)
        sql.execute(
            f"INSERT INTO {self.table('tpp_regulations')} "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) "
            "ON CONFLICT (government_id, effective_from) DO UPDATE SET year = excluded.year, "
            "perkada = excluded.perkada, approval_ref = excluded.approval_ref, "
            "table_json = excluded.table_json, adopted_by = excluded.adopted_by, "
            "policy_version = excluded.policy_version, "
            "consultation_id = excluded.consultation_id, approval_signed_on = NULL",
            (event.government_id.hex, event.effective_on.isoformat(), regulation.year,
             regulation.perkada, regulation.approval_ref, event.table, event.actor.user_id,
             event.originator_version,
             event.consultation_id.hex if event.consultation_id else None))

    def _approval(self, sql: Sql, event: TppPolicy.VersionApproved) -> None:
        assert event.legal_basis is not None
        sql.execute(f"UPDATE {self.table('tpp_regulations')} SET approval_ref = ?, "
                    "approval_signed_on = ? WHERE government_id = ? AND effective_from = ?",
                    (event.legal_basis.number, event.legal_basis.signed_on.isoformat(),
                     event.government_id.hex, event.effective_on.isoformat()))

    def _run(self, sql: Sql, event: TppRun.Event) -> None:
        runs, run_id = self.table("tpp_runs"), event.originator_id.hex
        if isinstance(event, TppRun.Started):
            sql.execute(f"INSERT INTO {runs} VALUES "
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, ?)",
                        (run_id, event.government_id.hex, event.month.isoformat(),
                         event.number, event.corrects.hex if event.corrects else None,
                         event.position, event.policy_version, event.perkada,
                         event.perkada_effective_from.isoformat(), event.actor.user_id,
                         event.timestamp.isoformat(), event.originator_version))
            return
        if isinstance(event, TppRun.AgencyComputed):
            totals = event.totals
            values = [getattr(totals, c) for c in TOTAL_COLUMNS]
            marks = ", ".join("?" for _ in TOTAL_COLUMNS)
            sql.execute(f"INSERT INTO {self.table('tpp_agency_totals')} VALUES (?, ?, {marks})",
                        (run_id, totals.agency_id.hex, *values))
            sql.executemany(f"INSERT INTO {self.table('tpp_lines')} VALUES (?, ?, ?, ?, ?)",
                            [(run_id, line.employee_id.hex, line.agency_id.hex,
                              line.record_version, int(line.is_changed))
                             for line in event.lines])
            sql.execute(f"UPDATE {runs} SET staff = staff + ?, gross = gross + ?, "
                        "net = net + ?, changed = changed + ?, version = ? WHERE id = ?",
                        (totals.staff, totals.gross, totals.net,
                         sum(1 for line in event.lines if line.is_changed),
                         event.originator_version, run_id))
            return
        if isinstance(event, TppRun.Completed):
            sql.execute(f"UPDATE {runs} SET is_complete = 1, version = ? WHERE id = ?",
                        (event.originator_version, run_id))



# -- queries --------------------------------------------------------------------------------


def _t(projections: Any, name: str) -> str:
    return str(projections.views["tpp"].table(name))


def regulations_of(projections: Any, government_id: str) -> list[dict[str, Any]]:
    """The government's regulation versions, the latest start first."""
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT * FROM {_t(projections, 'tpp_regulations')} "
                           "WHERE government_id = ? ORDER BY effective_from DESC",
                           (government_id,)).fetchall()
    return [dict(r) for r in rows]


def runs_of(projections: Any, government_id: str | None) -> list[dict[str, Any]]:
    """The government's runs (all, given None), the latest month and run first."""
    where, params = ("government_id = ?", [government_id]) if government_id else ("1 = 1", [])
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT * FROM {_t(projections, 'tpp_runs')} WHERE {where} "
                           "ORDER BY month DESC, number DESC", params).fetchall()
    return [dict(r) for r in rows]


def run_row(projections: Any, run_id: str) -> dict[str, Any] | None:
    with projections.store.read() as sql:
        row = sql.execute(f"SELECT * FROM {_t(projections, 'tpp_runs')} WHERE id = ?",
                          (run_id,)).fetchone()
    return dict(row) if row else None


def agency_totals(projections: Any, run_id: str, scope: Scope) -> list[dict[str, Any]]:
    """The run's totals per agency the scope admits, with the agency's name."""
    agencies = projections.views["organisation"].table("agencies")
    where, params = ("a.agency_id = ?", [scope.agency_id]) if scope.agency_id else ("1 = 1", [])
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT a.*, o.name AS agency_name FROM {_t(projections, 'tpp_agency_totals')} a "
            f"LEFT JOIN {agencies} o ON o.id = a.agency_id "
            f"WHERE a.run_id = ? AND {where} ORDER BY o.name, a.agency_id",
            (run_id, *params)).fetchall()
    return [dict(r) for r in rows]


def lines_in_scope(projections: Any, run_id: str, scope: Scope,
                   changed_only: bool = False) -> list[dict[str, Any]]:
    """The run's lines whose agency the scope admits, with the roster's name and NIP and the
    agency's name, in the order of agency and name (the amounts are opened from the run, not
    read here)."""
    roster = projections.views["roster"].table("roster")
    agencies = projections.views["organisation"].table("agencies")
    runs = _t(projections, "tpp_runs")
    if scope.agency_id is not None:
        where, params = "l.agency_id = ?", [scope.agency_id]
    elif scope.government_id is not None:
        where, params = "u.government_id = ?", [scope.government_id]
    else:
        where, params = "1 = 1", []
    if changed_only:
        where += " AND l.is_changed = 1"
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT l.*, r.name, r.nip, o.name AS agency_name "
            f"FROM {_t(projections, 'tpp_lines')} l JOIN {runs} u ON u.id = l.run_id "
            f"LEFT JOIN {roster} r ON r.employee_id = l.employee_id "
            f"LEFT JOIN {agencies} o ON o.id = l.agency_id "
            f"WHERE l.run_id = ? AND {where} ORDER BY l.agency_id, r.name, l.employee_id",
            (run_id, *params)).fetchall()
    return [dict(r) for r in rows]


def months_of_employee(projections: Any, employee_id: str,
                       limit: int = 12) -> list[dict[str, Any]]:
    """The latest run of each of the employee's last `limit` months with a line for them."""
    runs = _t(projections, "tpp_runs")
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT u.id, u.month, u.number, u.corrects, u.perkada, l.is_changed "
            f"FROM {_t(projections, 'tpp_lines')} l JOIN {runs} u ON u.id = l.run_id "
            "WHERE l.employee_id = ? ORDER BY u.month DESC, u.number DESC",
            (employee_id,)).fetchall()
    latest: dict[str, dict[str, Any]] = {}
    for row in rows:
        latest.setdefault(row["month"], dict(row))
    return list(latest.values())[:limit]


def latest_month_totals(projections: Any, government_id: str,
                        year: int | None = None) -> list[dict[str, Any]]:
    """The totals per agency of the latest complete run of each month (of `year`, or every
    year): a correction run replaces its month. With the run's id and number and the agency's
    name, by month and agency."""
    runs, agencies = _t(projections, "tpp_runs"), projections.views["organisation"].table(
        "agencies")
    where, params = "u.government_id = ?", [government_id]
    if year is not None:
        where += " AND u.month >= ? AND u.month < ?"
        params += [f"{year:04d}-01-01", f"{year + 1:04d}-01-01"]
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT u.month, u.id AS run_id, u.number, a.*, o.name AS agency_name "
            f"FROM {runs} u JOIN {_t(projections, 'tpp_agency_totals')} a ON a.run_id = u.id "
            f"LEFT JOIN {agencies} o ON o.id = a.agency_id "
            f"WHERE {where} AND u.is_complete = 1 AND u.number = ("
            f"SELECT MAX(v.number) FROM {runs} v WHERE v.government_id = u.government_id "
            "AND v.month = u.month AND v.is_complete = 1) "
            "ORDER BY u.month, o.name, a.agency_id", params).fetchall()
    return [dict(r) for r in rows]
