"""Agency statistics for HR dashboards, computed from the roster view.

Counts are of active employees (CPNS, PNS, PPPK) on the reference date; position types are
grouped (jpt, administrator, pengawas, fungsional, pelaksana) and ages put in ten-year bands.
An employee whose personal data was erased has no known age: they count in "unknown".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from uuid import UUID

from domain.regulations import TRAINING_TARGET_JP
from domain.values import PositionType
from projections.views.runner import Projections

ACTIVE = ("CPNS", "PNS", "PPPK")


@dataclass
class AgencyStatistics:
    """What an agency's HR dashboard shows."""

    headcount: int = 0
    by_grade_group: Counter[str] = field(default_factory=Counter)
    by_position_group: Counter[str] = field(default_factory=Counter)
    by_age_band: Counter[str] = field(default_factory=Counter)
    by_employment_type: Counter[str] = field(default_factory=Counter)
    under_training_target: int = 0
    appraisals_missing: int = 0
    retirements_due: int = 0


def age_band(birth_on: date | None, on: date) -> str:
    """Ten-year band of the age on `on` ("20-29", ...), or "unknown"."""
    if birth_on is None:
        return "unknown"
    age = on.year - birth_on.year - ((on.month, on.day) < (birth_on.month, birth_on.day))
    low = max(0, age // 10 * 10)
    return f"{low}-{low + 9}"


def agency_statistics(projections: Projections, agency_id: UUID, on: date
                      ) -> AgencyStatistics:
    """The agency's figures on `on` (today's state of the roster)."""
    roster = projections.views["roster"].table("roster")
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT grade_group, position_type, birth_on, employment_type, appointed_on, "
            f"training_year, training_jp, rating_year, retirement_on FROM {roster} "
            f"WHERE agency_id = ? AND status IN (?, ?, ?)",
            (agency_id.hex, *ACTIVE)).fetchall()
    stats = AgencyStatistics()
    year, horizon = on.year, on + timedelta(days=365)
    for row in rows:
        stats.headcount += 1
        stats.by_grade_group[row["grade_group"]] += 1
        position = row["position_type"]
        stats.by_position_group[PositionType(position).group if position else "none"] += 1
        birth = row["birth_on"]
        stats.by_age_band[age_band(date.fromisoformat(birth) if birth else None, on)] += 1
        stats.by_employment_type[row["employment_type"]] += 1
        this_year_jp = row["training_jp"] if row["training_year"] == year else 0.0
        if this_year_jp < TRAINING_TARGET_JP:
            stats.under_training_target += 1
        # The appraisal of the previous year is due from everyone employed in that year.
        employed_last_year = date.fromisoformat(row["appointed_on"]).year <= year - 1
        if employed_last_year and (row["rating_year"] is None or row["rating_year"] < year - 1):
            stats.appraisals_missing += 1
        retirement = row["retirement_on"]
        if retirement is not None and on <= date.fromisoformat(retirement) <= horizon:
            stats.retirements_due += 1
    return stats
