"""Monitoring indicators view: each indicator with its targets by year and its actuals by month,
and the dated rows two computed figures need that the other views do not keep.

The voice view keeps a complaint's current deadline only (an answered complaint's becomes its
settling deadline), so this view keeps, per complaint, the answer deadline in force when it was
first answered and the day of that first answer: counts only, nothing a complainant wrote. The
survey view keeps a period's tallies as they stand, so this view keeps them per month of the
responses' dates, and the IKM of a past month counts only the responses given by its end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.complaint import Complaint
from domain.indicator import Indicator
from domain.survey import SurveyPeriod
from projections.stores.view_store import Sql
from projections.transparency.disclosure import THRESHOLD
from projections.views.base import View


class IndicatorsView(View):
    """Indicators, their targets and actuals; complaints' first answer against its deadline."""

    name = "indicators"
    tables = ("indicators", "indicator_targets", "indicator_actuals", "indicator_complaints",
              "indicator_periods", "indicator_responses")
    topic_prefixes = ("domain.indicator:", "domain.complaint:", "domain.survey:")
    personal = False

    def create_tables(self, sql: Sql) -> None:
        t = self.table
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('indicators')} (id TEXT PRIMARY KEY, "
                    "government_id TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, "
                    "measure TEXT NOT NULL, direction TEXT NOT NULL, consultation_id TEXT, "
                    "policy_title TEXT, defined_on TEXT NOT NULL, version INTEGER NOT NULL)")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('indicator_targets')} ("
                    "indicator_id TEXT NOT NULL, year INTEGER NOT NULL, "
                    "value DOUBLE PRECISION NOT NULL, "
                    f"PRIMARY KEY (indicator_id, year)){self.keyed}")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('indicator_actuals')} ("
                    "indicator_id TEXT NOT NULL, month TEXT NOT NULL, "
                    "value DOUBLE PRECISION NOT NULL, base INTEGER, "
                    "is_computed INTEGER NOT NULL, corrections INTEGER NOT NULL, "
                    f"PRIMARY KEY (indicator_id, month)){self.keyed}")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('indicator_complaints')} ("
                    "id TEXT PRIMARY KEY, government_id TEXT NOT NULL, unit_id TEXT NOT NULL, "
                    "answer_by TEXT, answered_on TEXT)")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('indicator_periods')} ("
                    "id TEXT PRIMARY KEY, government_id TEXT NOT NULL, unit_id TEXT NOT NULL, "
                    "starts_on TEXT NOT NULL, population INTEGER NOT NULL)")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('indicator_responses')} ("
                    "period_id TEXT NOT NULL, month TEXT NOT NULL, n INTEGER NOT NULL, "
                    "totals TEXT NOT NULL, "
                    f"PRIMARY KEY (period_id, month)){self.keyed}")

    def create_indexes(self, sql: Sql) -> None:
        for name, columns in (("indicators", "government_id, name"),
                              ("indicator_complaints", "government_id, answer_by")):
            table = self.table(name)
            sql.execute(f"CREATE INDEX IF NOT EXISTS {table.split('.')[-1]}_by "
                        f"ON {table} ({columns})")

    def apply(self, sql: Sql, event: Any, notification_id: int) -> None:
        if isinstance(event, Indicator.Event):
            self._indicator(sql, event)
        elif isinstance(event, Complaint.Event):
            self._complaint(sql, event)
        elif isinstance(event, SurveyPeriod.Opened):
            sql.execute(f"INSERT INTO {self.table('indicator_periods')} VALUES (?, ?, ?, ?, ?)",
                        (event.originator_id.hex, event.government_id.hex, event.unit_id.hex,
                         event.starts_on.isoformat(), event.population))
        elif isinstance(event, SurveyPeriod.ResponseRecorded):
            self._response(sql, event)

    def _response(self, sql: Sql, event: Any) -> None:
        t, key = self.table("indicator_responses"), event.originator_id.hex
        month = event.effective_on.replace(day=1).isoformat()
        row = sql.execute(f"SELECT n, totals FROM {t} WHERE period_id = ? AND month = ?",
                          (key, month)).fetchone()
        if row is None:
            sql.execute(f"INSERT INTO {t} VALUES (?, ?, 1, ?)",
                        (key, month, ",".join(str(s) for s in event.scores)))
            return
        totals = [int(a) + b for a, b in zip(row["totals"].split(","), event.scores,
                                             strict=True)]
        sql.execute(f"UPDATE {t} SET n = ?, totals = ? WHERE period_id = ? AND month = ?",
                    (row["n"] + 1, ",".join(map(str, totals)), key, month))

    def _indicator(self, sql: Sql, event: Any) -> None:
        t, iid, K = self.table, event.originator_id.hex, Indicator
        if isinstance(event, K.Defined):
            sql.execute(f"INSERT INTO {t('indicators')} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (iid, event.government_id.hex, event.kind.value, event.name,
                         event.measure.value, event.direction.value,
                         event.consultation_id.hex if event.consultation_id else None,
                         event.policy_title, event.effective_on.isoformat(),
                         event.originator_version))
            return
        if isinstance(event, K.TargetSet):
            sql.execute(f"DELETE FROM {t('indicator_targets')} WHERE indicator_id = ? "
                        "AND year = ?", (iid, event.year))
            sql.execute(f"INSERT INTO {t('indicator_targets')} VALUES (?, ?, ?)",
                        (iid, event.year, event.value))
        elif isinstance(event, K.ActualRecorded):
            sql.execute(f"INSERT INTO {t('indicator_actuals')} VALUES (?, ?, ?, ?, ?, 0)",
                        (iid, event.month.isoformat(), event.value, event.base,
                         int(event.is_computed)))
        elif isinstance(event, K.ActualCorrected):
            sql.execute(f"UPDATE {t('indicator_actuals')} SET value = ?, base = ?, "
                        "corrections = corrections + 1 WHERE indicator_id = ? AND month = ?",
                        (event.value, event.base, iid, event.month.isoformat()))
        sql.execute(f"UPDATE {t('indicators')} SET version = ? WHERE id = ?",
                    (event.originator_version, iid))

    def _complaint(self, sql: Sql, event: Any) -> None:
        t, cid, C = self.table("indicator_complaints"), event.originator_id.hex, Complaint
        if isinstance(event, C.Submitted):
            sql.execute(f"INSERT INTO {t} VALUES (?, ?, ?, NULL, NULL)",
                        (cid, event.government_id.hex, event.unit_id.hex))
        elif isinstance(event, C.Verified):
            sql.execute(f"UPDATE {t} SET answer_by = ? WHERE id = ? AND answered_on IS NULL",
                        (event.answer_by.isoformat(), cid))
        elif isinstance(event, C.Assigned):
            sql.execute(f"UPDATE {t} SET answer_by = ?, unit_id = ? WHERE id = ? "
                        "AND answered_on IS NULL",
                        (event.answer_by.isoformat(), event.unit_id.hex, cid))
        elif isinstance(event, C.Answered):
            sql.execute(f"UPDATE {t} SET answered_on = ? WHERE id = ? AND answered_on IS NULL",
                        (event.effective_on.isoformat(), cid))


# -- queries -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator as its pages show it, with its targets and actuals."""

    id: str
    government_id: str
    kind: str
    name: str
    measure: str
    direction: str
    consultation_id: str | None
    policy_title: str | None
    defined_on: date
    version: int
    targets: dict[int, float]
    actuals: dict[date, dict[str, Any]]  # month → value, base, is_computed, corrections

    def public_actual(self, month: date) -> float | None:
        """The month's actual as the public page shows it: None when there is none, or when
        it is computed over fewer people than the disclosure threshold (a hidden figure is
        the neutral mark, never "<10"). The days to fill a senior post are counted over
        posts whose appointments are published by name (docs/DISCLOSURE.md), so they show."""
        actual = self.actuals.get(month)
        if actual is None:
            return None
        base = actual["base"]
        if self.kind != "jpt_fill_days" and base is not None and base < THRESHOLD:
            return None
        return float(actual["value"])

    def is_hidden(self, month: date) -> bool:
        return month in self.actuals and self.public_actual(month) is None


def indicators_of(projections: Any, *, government_id: str | None = None,
                  consultation_id: str | None = None,
                  indicator_id: str | None = None) -> list[IndicatorRow]:
    """Indicators of a government, of a consultation's policy or one by id, by name."""
    t = projections.views["indicators"].table
    where, params = ["1 = 1"], []
    for column, value in (("government_id", government_id),
                          ("consultation_id", consultation_id), ("id", indicator_id)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    with projections.store.read() as sql:
        rows = [dict(r) for r in sql.execute(
            f"SELECT * FROM {t('indicators')} WHERE {' AND '.join(where)} ORDER BY name, id",
            params).fetchall()]
        ids = [r["id"] for r in rows]
        targets: dict[str, dict[int, float]] = {i: {} for i in ids}
        actuals: dict[str, dict[date, dict[str, Any]]] = {i: {} for i in ids}
        if ids:
            marks = ", ".join("?" * len(ids))
            for r in sql.execute(f"SELECT * FROM {t('indicator_targets')} "
                                 f"WHERE indicator_id IN ({marks})", ids).fetchall():
                targets[r["indicator_id"]][r["year"]] = r["value"]
            for r in sql.execute(f"SELECT * FROM {t('indicator_actuals')} "
                                 f"WHERE indicator_id IN ({marks}) ORDER BY month",
                                 ids).fetchall():
                actuals[r["indicator_id"]][date.fromisoformat(r["month"])] = {
                    "value": r["value"], "base": r["base"],
                    "is_computed": bool(r["is_computed"]), "corrections": r["corrections"]}
    return [IndicatorRow(**{**r, "defined_on": date.fromisoformat(r["defined_on"]),
                            "targets": targets[r["id"]], "actuals": actuals[r["id"]]})
            for r in rows]


def indicator_by_id(projections: Any, indicator_id: str) -> IndicatorRow | None:
    found = indicators_of(projections, indicator_id=indicator_id)
    return found[0] if found else None


def computed_indicators(projections: Any) -> list[IndicatorRow]:
    """Every indicator whose actuals the worker computes."""
    return [row for row in indicators_of(projections) if row.kind != "manual"]


def government_by_code(projections: Any, code: str) -> dict[str, Any] | None:
    """The government of a code (its id, name and province), or None."""
    t = projections.views["organisation"].table("governments")
    with projections.store.read() as sql:
        row = sql.execute(f"SELECT id, code, name, province FROM {t} WHERE code = ?",
                          (code,)).fetchone()
    return dict(row) if row else None


def government_code(projections: Any, government_id: str) -> str | None:
    t = projections.views["organisation"].table("governments")
    with projections.store.read() as sql:
        row = sql.execute(f"SELECT code FROM {t} WHERE id = ?", (government_id,)).fetchone()
    return str(row["code"]) if row else None
