"""Promotion periods view: each government's periods and every proposal in them, with the
queries of the HR pages (a period's entries in scope, and its eligibility list).

No row holds personal data: an entry names the employee by id, the grades, the status, the
decree number and rule codes; a returned reason stays sealed in the event. The pages join the
roster for names, in the officer's scope. The eligibility list is not stored: it is computed
from the records on the TMT (domain/promotion_period.py) for the roster's PNS and CPNS in
scope, so it always reads the record as it stands.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.promotion_period import Eligibility, eligibility_list, promotion_date
from domain.promotion_round import EntryStatus, PromotionPeriod
from projections.stores.view_store import Sql
from projections.views.base import View
from projections.views.hr_queries import Scope

_STATUS = {PromotionPeriod.Withdrawn: EntryStatus.WITHDRAWN,
           PromotionPeriod.Accepted: EntryStatus.ACCEPTED,
           PromotionPeriod.Returned: EntryStatus.RETURNED,
           PromotionPeriod.Rejected: EntryStatus.REJECTED,
           PromotionPeriod.Recorded: EntryStatus.RECORDED,
           PromotionPeriod.RecordingRefused: EntryStatus.RECORDING_REFUSED}


class PromotionPeriodsView(View):
    """One row per period, one per employee proposed in it (a proposal made again after a
    return or withdrawal replaces the row)."""

    name = "promotion_periods"
    tables = ("promotion_periods", "promotion_entries")
    topic_prefixes = ("domain.promotion_round:",)
    personal = False

    def create_tables(self, sql: Sql) -> None:
        t = self.table
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('promotion_periods')} ("
                    "id TEXT PRIMARY KEY, government_id TEXT NOT NULL, tmt_on TEXT NOT NULL, "
                    "proposals_open_on TEXT NOT NULL, proposals_close_on TEXT NOT NULL, "
                    "calendar_basis TEXT NOT NULL, window_basis TEXT NOT NULL, "
                    "is_closed INTEGER NOT NULL, version INTEGER NOT NULL)")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('promotion_entries')} ("
                    "period_id TEXT NOT NULL, employee_id TEXT NOT NULL, "
                    "agency_id TEXT NOT NULL, kind TEXT NOT NULL, from_grade TEXT NOT NULL, "
                    "to_grade TEXT NOT NULL, status TEXT NOT NULL, proposed_by TEXT NOT NULL, "
                    "proposed_on TEXT NOT NULL, credit_points REAL, codes TEXT, "
                    "decree_number TEXT, decree_signed_on TEXT, employee_version INTEGER, "
                    f"PRIMARY KEY (period_id, employee_id)){self.keyed}")

    def create_indexes(self, sql: Sql) -> None:
        sql.execute("CREATE INDEX IF NOT EXISTS view_promotion_periods_government "
                    f"ON {self.table('promotion_periods')} (government_id, tmt_on)")

    def apply(self, sql: Sql, event: Any, notification_id: int) -> None:
        if not isinstance(event, PromotionPeriod.Event):
            return
        periods, entries = self.table("promotion_periods"), self.table("promotion_entries")
        period_id = event.originator_id.hex
        if isinstance(event, PromotionPeriod.Opened):
            sql.execute(f"INSERT INTO {periods} VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
                        (period_id, event.government_id.hex, event.tmt_on.isoformat(),
                         event.proposals_open_on.isoformat(),
                         event.proposals_close_on.isoformat(), event.calendar_basis,
                         event.window_basis, event.originator_version))
            return
        sql.execute(f"UPDATE {periods} SET version = ?, is_closed = ? WHERE id = ?",
                    (event.originator_version, int(isinstance(event, PromotionPeriod.Closed)),
                     period_id))
        if isinstance(event, PromotionPeriod.Proposed):
            sql.execute(
                f"INSERT INTO {entries} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, "
                "NULL, NULL) ON CONFLICT (period_id, employee_id) DO UPDATE SET "
                "agency_id = excluded.agency_id, kind = excluded.kind, "
                "from_grade = excluded.from_grade, to_grade = excluded.to_grade, "
                "status = excluded.status, proposed_by = excluded.proposed_by, "
                "proposed_on = excluded.proposed_on, credit_points = NULL, codes = NULL",
                (period_id, event.employee_id.hex, event.agency_id.hex, event.kind.value,
                 event.from_grade.code, event.to_grade.code, EntryStatus.PROPOSED.value,
                 event.actor.user_id, event.effective_on.isoformat()))
            return
        status = _STATUS.get(type(event))
        if status is None:
            return
        codes = (event.code if isinstance(event, PromotionPeriod.Rejected)
                 else " ".join(event.codes)
                 if isinstance(event, PromotionPeriod.RecordingRefused) else None)
        decree = event.legal_basis if isinstance(event, PromotionPeriod.Recorded) else None
        fields = vars(event)  # each entry event has the employee_id; some carry more
        sql.execute(
            f"UPDATE {entries} SET status = ?, codes = ?, "
            "credit_points = COALESCE(?, credit_points), decree_number = ?, "
            "decree_signed_on = ?, employee_version = ? WHERE period_id = ? AND employee_id = ?",
            (status.value, codes, fields.get("credit_points"),
             decree.number if decree else None,
             decree.signed_on.isoformat() if decree else None,
             fields.get("employee_version"), period_id, fields["employee_id"].hex))


def periods_of(projections: Any, government_id: str | None) -> list[dict[str, Any]]:
    """The periods of a government (all, given None), the latest TMT first, with the number of
    entries in each status."""
    periods = projections.views["promotion_periods"].table("promotion_periods")
    entries = projections.views["promotion_periods"].table("promotion_entries")
    where, params = ("p.government_id = ?", [government_id]) if government_id else ("1 = 1", [])
    with projections.store.read() as sql:
        rows = [dict(r) for r in sql.execute(
            f"SELECT p.* FROM {periods} p WHERE {where} ORDER BY p.tmt_on DESC, p.id",
            params).fetchall()]
        counts = sql.execute(f"SELECT period_id, status, COUNT(*) AS n FROM {entries} "
                             "GROUP BY period_id, status").fetchall()
    by_period: dict[str, dict[str, int]] = {}
    for count in counts:
        by_period.setdefault(count["period_id"], {})[count["status"]] = count["n"]
    for row in rows:
        row["counts"] = by_period.get(row["id"], {})
    return rows


def period_row(projections: Any, period_id: str) -> dict[str, Any] | None:
    table = projections.views["promotion_periods"].table("promotion_periods")
    with projections.store.read() as sql:
        row = sql.execute(f"SELECT * FROM {table} WHERE id = ?", (period_id,)).fetchone()
    return dict(row) if row else None


def period_entries(projections: Any, period_id: str, scope: Scope,
                   status: str | None = None) -> list[dict[str, Any]]:
    """The period's entries whose employee the scope admits (by the agency they were proposed
    from), with the roster's name and NIP for the staff's pages, in the order proposed."""
    entries = projections.views["promotion_periods"].table("promotion_entries")
    periods = projections.views["promotion_periods"].table("promotion_periods")
    roster = projections.views["roster"].table("roster")
    where, params = _in_scope(scope)
    if status:
        where, params = f"{where} AND e.status = ?", [*params, status]
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT e.*, r.name, r.nip FROM {entries} e "
            f"JOIN {periods} p ON p.id = e.period_id "
            f"LEFT JOIN {roster} r ON r.employee_id = e.employee_id "
            f"WHERE e.period_id = ? AND {where} ORDER BY e.proposed_on, e.employee_id",
            (period_id, *params)).fetchall()
    return [dict(r) for r in rows]


def eligibility(projections: Any, service: Any, tmt_on: Any, scope: Scope) -> list[Eligibility]:
    """The eligibility list of the period whose TMT is `tmt_on` for the PNS and CPNS of the
    roster in scope, each read from their record as in force on the TMT."""
    roster = projections.views["roster"].table("roster")
    where, params = scope.where("r")
    with projections.store.read() as sql:
        ids = [row["employee_id"] for row in sql.execute(
            f"SELECT r.employee_id FROM {roster} r WHERE r.status IN ('PNS', 'CPNS') "
            f"AND {where}", params).fetchall()]
    states = {}
    for hex_id in ids:
        employee_id = UUID(hex_id)
        states[employee_id] = service.get_employee(employee_id).state_on(tmt_on)
    return eligibility_list(states, promotion_date(tmt_on))


def employee_entries(projections: Any, employee_id: str) -> list[dict[str, Any]]:
    """The employee's proposals in every period, the latest TMT first (their own desk)."""
    entries = projections.views["promotion_periods"].table("promotion_entries")
    periods = projections.views["promotion_periods"].table("promotion_periods")
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT e.*, p.tmt_on, p.is_closed FROM {entries} e "
            f"JOIN {periods} p ON p.id = e.period_id WHERE e.employee_id = ? "
            "ORDER BY p.tmt_on DESC", (employee_id,)).fetchall()
    return [dict(r) for r in rows]


def roster_names(projections: Any, employee_ids: list[UUID]) -> dict[str, str]:
    """The roster's name of each employee (by id hex), for the staff's pages in scope."""
    return {key: person["name"]
            for key, person in roster_people(projections, employee_ids).items()}


def roster_people(projections: Any, employee_ids: list[UUID]) -> dict[str, dict[str, str]]:
    """The roster's name and NIP of each employee (by id hex), for the staff's downloads."""
    roster = projections.views["roster"].table("roster")
    wanted = [employee_id.hex for employee_id in employee_ids]
    found: dict[str, dict[str, str]] = {}
    with projections.store.read() as sql:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            for row in sql.execute(f"SELECT employee_id, name, nip FROM {roster} "
                                   f"WHERE employee_id IN ({marks})", chunk).fetchall():
                found[row["employee_id"]] = {"name": row["name"], "nip": row["nip"]}
    return found


def _in_scope(scope: Scope) -> tuple[str, list[Any]]:
    """An entry is in an agency's scope by the agency it was proposed from, in a government's
    by its period's government."""
    if scope.agency_id is not None:
        return "e.agency_id = ?", [scope.agency_id]
    if scope.government_id is not None:
        return "p.government_id = ?", [scope.government_id]
    return "1 = 1", []
