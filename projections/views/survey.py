"""Satisfaction survey view: each unit's survey periods with their tallies, nothing else.

A period's row holds its dates, population, the number of codes issued, the number of
responses with a code and in the open mode, each mode's nine element totals and the counts of
each demographic band. No response is kept as a row and no free text is collected, so what
the public pages read is already an aggregate; the demographic counts are shown only under
the disclosure rule's threshold (`demographics_shown`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain import ikm
from domain.survey import SurveyPeriod
from projections.stores.view_store import Sql
from projections.transparency.disclosure import THRESHOLD
from projections.views.base import View

DIMENSIONS = ("sex", "age", "education", "occupation")
NOT_STATED = "not_stated"


class SurveyView(View):
    """Survey periods of the service units, with their tallies."""

    name = "survey"
    tables = ("survey_periods",)
    topic_prefixes = ("domain.survey:",)
    personal = False

    def create_tables(self, sql: Sql) -> None:
        sql.execute(f"CREATE TABLE IF NOT EXISTS {self.table('survey_periods')} ("
                    "id TEXT PRIMARY KEY, government_id TEXT NOT NULL, "
                    "agency_id TEXT NOT NULL, unit_id TEXT NOT NULL, starts_on TEXT NOT NULL, "
                    "ends_on TEXT NOT NULL, population INTEGER NOT NULL, "
                    "element_set TEXT NOT NULL, is_closed INTEGER NOT NULL, "
                    "codes_issued INTEGER NOT NULL, coded_n INTEGER NOT NULL, "
                    "open_n INTEGER NOT NULL, coded_totals TEXT NOT NULL, "
                    "open_totals TEXT NOT NULL, demographics TEXT NOT NULL, "
                    "version INTEGER NOT NULL)")

    def create_indexes(self, sql: Sql) -> None:
        sql.execute("CREATE INDEX IF NOT EXISTS view_survey_periods_unit "
                    f"ON {self.table('survey_periods')} (unit_id, starts_on)")

    def apply(self, sql: Sql, event: Any, notification_id: int) -> None:
        if not isinstance(event, SurveyPeriod.Event):
            return
        t, pid, version = self.table("survey_periods"), event.originator_id.hex, \
            event.originator_version
        if isinstance(event, SurveyPeriod.Opened):
            zeros = _joined([0] * len(ikm.ELEMENTS[event.element_set]))
            sql.execute(f"INSERT INTO {t} VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?, ?, ?)",
                        (pid, event.government_id.hex, event.agency_id.hex, event.unit_id.hex,
                         event.starts_on.isoformat(), event.ends_on.isoformat(),
                         event.population, event.element_set, zeros, zeros,
                         json.dumps({d: {} for d in DIMENSIONS}), version))
        elif isinstance(event, SurveyPeriod.CodesIssued):
            sql.execute(f"UPDATE {t} SET codes_issued = codes_issued + ?, version = ? "
                        "WHERE id = ?", (len(event.code_hashes), version, pid))
        elif isinstance(event, SurveyPeriod.Closed):
            sql.execute(f"UPDATE {t} SET is_closed = 1, version = ? WHERE id = ?",
                        (version, pid))
        elif isinstance(event, SurveyPeriod.ResponseRecorded):
            self._response(sql, t, pid, event)

    def _response(self, sql: Sql, t: str, pid: str, event: Any) -> None:
        mode = "open" if event.code_hash is None else "coded"
        row = dict(sql.execute(f"SELECT {mode}_totals AS totals, demographics FROM {t} "
                               "WHERE id = ?", (pid,)).fetchone())
        totals = [a + b for a, b in zip(_split(row["totals"]), event.scores, strict=True)]
        counts = json.loads(row["demographics"])
        for dimension in DIMENSIONS:
            band = getattr(event, dimension)
            key = band.value if band is not None else NOT_STATED
            counts[dimension][key] = counts[dimension].get(key, 0) + 1
        sql.execute(f"UPDATE {t} SET {mode}_n = {mode}_n + 1, {mode}_totals = ?, "
                    "demographics = ?, version = ? WHERE id = ?",
                    (_joined(totals), json.dumps(counts, sort_keys=True),
                     event.originator_version, pid))


def _joined(values: list[int]) -> str:
    return ",".join(str(v) for v in values)


def _split(text: str) -> list[int]:
    return [int(v) for v in text.split(",")]


# -- queries -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodRow:
    """One survey period as its pages show it."""

    id: str
    government_id: str
    agency_id: str
    unit_id: str
    starts_on: date
    ends_on: date
    population: int
    element_set: str
    is_closed: bool
    codes_issued: int
    coded_n: int
    open_n: int
    coded_totals: list[int]
    open_totals: list[int]
    demographics: dict[str, dict[str, int]]
    version: int

    @property
    def responses(self) -> int:
        return self.coded_n + self.open_n

    def result(self) -> ikm.Result | None:
        """The IKM of every response, coded and open, with the sample adequacy."""
        totals = [a + b for a, b in zip(self.coded_totals, self.open_totals, strict=True)]
        return ikm.result(totals, self.responses, self.population)

    def coded_result(self) -> ikm.Result | None:
        """The IKM of the coded responses alone (those the unit handed a code with)."""
        return ikm.result(self.coded_totals, self.coded_n, self.population)

    def is_running(self, today: date) -> bool:
        return not self.is_closed and self.starts_on <= today <= self.ends_on

    def demographics_shown(self) -> dict[str, dict[str, int] | None]:
        """Each dimension's counts per band, or None where a band (or the respondents who
        did not say) holds fewer than the disclosure threshold: then the whole dimension is
        withheld, so no small group can be worked out from the others and the total."""
        shown: dict[str, dict[str, int] | None] = {}
        for dimension in DIMENSIONS:
            counts = dict(self.demographics.get(dimension, {}))
            small = any(0 < n < THRESHOLD for n in counts.values())
            shown[dimension] = None if small or not counts else counts
        return shown


def _period_row(row: Any) -> PeriodRow:
    r = dict(row)
    r["starts_on"], r["ends_on"] = (date.fromisoformat(r["starts_on"]),
                                    date.fromisoformat(r["ends_on"]))
    r["is_closed"] = bool(r["is_closed"])
    r["coded_totals"], r["open_totals"] = _split(r["coded_totals"]), _split(r["open_totals"])
    r["demographics"] = json.loads(r["demographics"])
    return PeriodRow(**r)


def periods_of_unit(projections: Any, unit_id: str) -> list[PeriodRow]:
    """A unit's survey periods, latest first."""
    t = projections.views["survey"].table("survey_periods")
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT * FROM {t} WHERE unit_id = ? ORDER BY starts_on DESC",
                           (unit_id,)).fetchall()
    return [_period_row(r) for r in rows]


def period_dates_of_unit(projections: Any, unit_id: str) -> list[tuple[date, date]]:
    """The first and last days of a unit's survey periods, for refusing an overlapping one."""
    return [(p.starts_on, p.ends_on) for p in periods_of_unit(projections, unit_id)]


def running_period(projections: Any, unit_id: str, today: date) -> PeriodRow | None:
    """The unit's period open for answers today (the latest started, if several)."""
    return next((p for p in periods_of_unit(projections, unit_id) if p.is_running(today)), None)


def period_by_id(projections: Any, period_id: str) -> PeriodRow | None:
    t = projections.views["survey"].table("survey_periods")
    with projections.store.read() as sql:
        row = sql.execute(f"SELECT * FROM {t} WHERE id = ?", (period_id,)).fetchone()
    return _period_row(row) if row else None


def periods(projections: Any, *, government_id: str | None,
            agency_id: str | None = None) -> list[PeriodRow]:
    """Survey periods of a government (all: None) or of one agency's units, latest first."""
    t = projections.views["survey"].table("survey_periods")
    where, params = ["1 = 1"], []
    if government_id:
        where.append("government_id = ?")
        params.append(government_id)
    if agency_id:
        where.append("agency_id = ?")
        params.append(agency_id)
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT * FROM {t} WHERE {' AND '.join(where)} "
                           "ORDER BY starts_on DESC, unit_id", params).fetchall()
    return [_period_row(r) for r in rows]
