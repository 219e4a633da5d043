"""Organisation view: governments, agencies, units and positions with their current holders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from domain.organisation import Agency, Government, Position
from projections.stores.view_store import Sql
from projections.views.base import View


class OrganisationView(View):
    """Names and structure, for joining into the roster and the dashboards."""

    name = "organisation"
    tables = ("governments", "agencies", "units", "positions")

    topic_prefixes = ("domain.organisation:",)
    personal = False

    def create_tables(self, sql: Sql) -> None:
        t = self.table
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('governments')} (id TEXT PRIMARY KEY, "
                    "code TEXT NOT NULL, name TEXT NOT NULL, province TEXT NOT NULL)")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('agencies')} (id TEXT PRIMARY KEY, "
                    "government_id TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL)")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('units')} (id TEXT PRIMARY KEY, "
                    "agency_id TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL)")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('positions')} (id TEXT PRIMARY KEY, "
                    "agency_id TEXT NOT NULL, unit_id TEXT NOT NULL, title TEXT NOT NULL, "
                    "position_type TEXT NOT NULL, lowest TEXT NOT NULL, highest TEXT NOT NULL, "
                    "retirement_age INTEGER NOT NULL, holder_id TEXT)")

    def apply(self, sql: Sql, event: Any, notification_id: int) -> None:
        t = self.table
        if isinstance(event, Government.Established):
            sql.execute(f"INSERT INTO {t('governments')} VALUES (?, ?, ?, ?)",
                        (event.originator_id.hex, event.code, event.name, event.province))
        elif isinstance(event, Agency.Established):
            sql.execute(f"INSERT INTO {t('agencies')} VALUES (?, ?, ?, ?)",
                        (event.originator_id.hex, event.government_id.hex, event.code,
                         event.name))
        elif isinstance(event, Agency.UnitAdded):
            sql.execute(f"INSERT INTO {t('units')} VALUES (?, ?, ?, ?)",
                        (event.unit_id.hex, event.originator_id.hex, event.code, event.name))
        elif isinstance(event, Position.Established):
            sql.execute(f"INSERT INTO {t('positions')} VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                        (event.originator_id.hex, event.agency_id.hex, event.unit_id.hex,
                         event.title, event.position_type.value, event.grade_range.lowest.code,
                         event.grade_range.highest.code, event.retirement_age))
        elif isinstance(event, Position.Filled):
            sql.execute(f"UPDATE {t('positions')} SET holder_id = ? WHERE id = ?",
                        (event.employee_id.hex, event.originator_id.hex))
        elif isinstance(event, Position.Vacated):
            sql.execute(f"UPDATE {t('positions')} SET holder_id = NULL WHERE id = ?",
                        (event.originator_id.hex,))


@dataclass
class AgencyCount:
    id: str
    name: str
    active: int


@dataclass
class GovernmentOverview:
    id: str
    code: str
    name: str
    province: str
    agencies: list[AgencyCount] = field(default_factory=list)

    @property
    def active(self) -> int:
        return sum(a.active for a in self.agencies)


def overview(projections: Any) -> list[GovernmentOverview]:
    """Governments in name order with their agencies' active-employee counts."""
    organisation, roster = projections.views["organisation"], projections.views["roster"]
    with projections.store.read() as sql:
        governments = sql.execute(
            f"SELECT id, code, name, province FROM {organisation.table('governments')} "
            "ORDER BY name").fetchall()
        agencies = sql.execute(
            f"SELECT a.id, a.government_id, a.name, COUNT(r.employee_id) AS active "
            f"FROM {organisation.table('agencies')} a LEFT JOIN {roster.table('roster')} r "
            "ON r.agency_id = a.id AND r.status IN ('CPNS', 'PNS', 'PPPK') "
            "GROUP BY a.id, a.government_id, a.name ORDER BY a.name").fetchall()
    result = {g["id"]: GovernmentOverview(g["id"], g["code"], g["name"], g["province"])
              for g in governments}
    for agency in agencies:
        result[agency["government_id"]].agencies.append(
            AgencyCount(agency["id"], agency["name"], int(agency["active"])))
    return list(result.values())


def directory(projections: Any) -> dict[str, list[list[Any]]]:
    """Ids with codes (and position titles) of every government, agency, unit and position,
    for matching the codes of an imported file (web/loaders/legacy.py)."""
    projections.catch_up(["organisation"])
    view = projections.views["organisation"]
    queries = {"governments": "id, code", "agencies": "id, government_id, code",
               "units": "id, agency_id, code", "positions": "id, agency_id, unit_id, title"}
    rows = {}
    with projections.store.read() as sql:
        for name, columns in queries.items():
            found = sql.execute(f"SELECT {columns} FROM {view.table(name)} "
                                "ORDER BY id").fetchall()
            rows[name] = [list(r.values()) if isinstance(r, dict) else list(r) for r in found]
    return rows
