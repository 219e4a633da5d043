"""Employee survey view: each survey with its tallies, nothing of any answer on its own.

A survey's row holds its statements and dates, the codes printed and taken, and per statement
the count of each score 1-5, in total and per agency of a printed code ("" for desk codes,
which carry no agency). No answer is a row and no free text is kept here (HR opens the sealed
text from the survey itself), so nothing in this view can be tied to anyone. Who may see the
tallies is decided by `Results` below: only once the survey is over (while it runs, two
readings apart would tell one new answer's scores), and only for groups of at least the
disclosure threshold, a smaller group being hidden, never shown as a number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.staff_survey import LIKERT, StaffSurvey
from projections.stores.view_store import Sql
from projections.transparency.disclosure import THRESHOLD
from projections.views.base import View

DESK_GROUP = ""  # answers with a desk code: no agency


class StaffSurveyView(View):
    """Employee surveys with their tallies."""

    name = "staff_survey"
    tables = ("staff_surveys",)
    topic_prefixes = ("domain.staff_survey:",)
    personal = False

    def create_tables(self, sql: Sql) -> None:
        sql.execute(f"CREATE TABLE IF NOT EXISTS {self.table('staff_surveys')} ("
                    "id TEXT PRIMARY KEY, government_id TEXT NOT NULL, agency_id TEXT, "
                    "title TEXT NOT NULL, topic TEXT NOT NULL, consultation_id TEXT, "
                    "items TEXT NOT NULL, has_free_text INTEGER NOT NULL, "
                    "opens_on TEXT NOT NULL, closes_on TEXT NOT NULL, "
                    "is_closed INTEGER NOT NULL, codes_printed INTEGER NOT NULL, "
                    "codes_taken INTEGER NOT NULL, answers INTEGER NOT NULL, "
                    "free_texts INTEGER NOT NULL, tallies TEXT NOT NULL, "
                    "version INTEGER NOT NULL)")

    def create_indexes(self, sql: Sql) -> None:
        sql.execute("CREATE INDEX IF NOT EXISTS view_staff_surveys_government "
                    f"ON {self.table('staff_surveys')} (government_id, opens_on)")

    def apply(self, sql: Sql, event: Any, notification_id: int) -> None:
        if not isinstance(event, StaffSurvey.Event):
            return
        t, sid, version = (self.table("staff_surveys"), event.originator_id.hex,
                           event.originator_version)
        if isinstance(event, StaffSurvey.Opened):
            sql.execute(f"INSERT INTO {t} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, "
                        "?, ?)",
                        (sid, event.government_id.hex,
                         event.agency_id.hex if event.agency_id else None, event.title,
                         event.topic,
                         event.consultation_id.hex if event.consultation_id else None,
                         json.dumps(event.items), int(event.free_text_question is not None),
                         event.opens_on.isoformat(), event.closes_on.isoformat(), "{}",
                         version))
        elif isinstance(event, StaffSurvey.CodesIssued):
            sql.execute(f"UPDATE {t} SET codes_printed = codes_printed + ?, version = ? "
                        "WHERE id = ?", (len(event.code_hashes), version, sid))
        elif isinstance(event, StaffSurvey.CodeTaken):
            sql.execute(f"UPDATE {t} SET codes_taken = codes_taken + 1, version = ? "
                        "WHERE id = ?", (version, sid))
        elif isinstance(event, StaffSurvey.Closed):
            sql.execute(f"UPDATE {t} SET is_closed = 1, version = ? WHERE id = ?",
                        (version, sid))
        elif isinstance(event, StaffSurvey.AnswerRecorded):
            self._answer(sql, t, sid, event)

    def _answer(self, sql: Sql, t: str, sid: str, event: Any) -> None:
        row = sql.execute(f"SELECT tallies FROM {t} WHERE id = ?", (sid,)).fetchone()
        groups = json.loads(dict(row)["tallies"])
        key = event.agency_id.hex if event.agency_id else DESK_GROUP
        group = groups.setdefault(key, {"n": 0, "counts": [[0] * len(LIKERT)
                                                           for _ in event.scores]})
        group["n"] += 1
        for item, score in enumerate(event.scores):
            group["counts"][item][score - 1] += 1
        sql.execute(f"UPDATE {t} SET answers = answers + 1, free_texts = free_texts + ?, "
                    "tallies = ?, version = ? WHERE id = ?",
                    (int(event.free_text is not None), json.dumps(groups, sort_keys=True),
                     event.originator_version, sid))


# -- queries -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """One group's answers: how many, and per statement the count of each score 1-5."""

    n: int
    counts: list[list[int]]

    def means(self) -> list[float]:
        return [sum(s * c for s, c in zip(LIKERT, row, strict=True)) / self.n
                for row in self.counts]

    def agreeing(self) -> list[int]:
        """Per statement, the answers of 4 or 5 (setuju, sangat setuju)."""
        return [row[3] + row[4] for row in self.counts]


@dataclass(frozen=True)
class SurveyRow:
    """One employee survey as its pages show it."""

    id: str
    government_id: str
    agency_id: str | None
    title: str
    topic: str
    consultation_id: str | None
    items: list[str]
    has_free_text: bool
    opens_on: date
    closes_on: date
    is_closed: bool
    codes_printed: int
    codes_taken: int
    answers: int
    free_texts: int
    groups: dict[str, Tally]
    version: int

    def is_running(self, today: date) -> bool:
        return not self.is_closed and self.opens_on <= today <= self.closes_on

    def is_over(self, today: date) -> bool:
        """Closed, or past its last day: its tallies no longer move."""
        return self.is_closed or today > self.closes_on

    def results(self, today: date) -> Results:
        return Results.of(self, today)


@dataclass(frozen=True)
class Results:
    """What may be shown of a survey's answers, under the disclosure threshold.

    `total` is None until the survey is over and while fewer than THRESHOLD answered (a
    hidden value, shown with the neutral mark, never as "<10"). `by_agency` is shown only when
    every group that answered (the desk codes' group included) holds at least THRESHOLD and
    there are two or more of them: all groups or none, so no group is the total less the
    others shown."""

    total: Tally | None
    by_agency: dict[str, Tally] | None

    @classmethod
    def of(cls, row: SurveyRow, today: date) -> Results:
        if not row.is_over(today) or row.answers < THRESHOLD:
            return cls(None, None)
        groups = {k: g for k, g in row.groups.items() if g.n > 0}
        counts = [[sum(g.counts[i][s] for g in groups.values()) for s in range(len(LIKERT))]
                  for i in range(len(row.items))]
        total = Tally(row.answers, counts)
        if len(groups) < 2 or any(g.n < THRESHOLD for g in groups.values()):
            return cls(total, None)
        return cls(total, groups)


def _row(row: Any) -> SurveyRow:
    r = dict(row)
    r["opens_on"], r["closes_on"] = (date.fromisoformat(r["opens_on"]),
                                     date.fromisoformat(r["closes_on"]))
    r["is_closed"], r["has_free_text"] = bool(r["is_closed"]), bool(r["has_free_text"])
    r["items"] = json.loads(r["items"])
    r["groups"] = {k: Tally(g["n"], g["counts"])
                   for k, g in json.loads(r.pop("tallies")).items()}
    return SurveyRow(**r)


def survey_by_id(projections: Any, survey_id: str) -> SurveyRow | None:
    t = projections.views["staff_survey"].table("staff_surveys")
    with projections.store.read() as sql:
        row = sql.execute(f"SELECT * FROM {t} WHERE id = ?", (survey_id,)).fetchone()
    return _row(row) if row else None


def surveys(projections: Any, *, government_id: str | None,
            agency_id: str | None = None) -> list[SurveyRow]:
    """The surveys of a government (all: None), or those an agency's staff see (its own and
    the whole government's), latest first."""
    t = projections.views["staff_survey"].table("staff_surveys")
    where, params = ["1 = 1"], []
    if government_id:
        where.append("government_id = ?")
        params.append(government_id)
    if agency_id:
        where.append("(agency_id IS NULL OR agency_id = ?)")
        params.append(agency_id)
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT * FROM {t} WHERE {' AND '.join(where)} "
                           "ORDER BY opens_on DESC, id", params).fetchall()
    return [_row(r) for r in rows]


def open_for(projections: Any, government_id: str, agency_id: str,
             today: date) -> list[SurveyRow]:
    """The surveys running today whose population includes an employee of `agency_id`."""
    return [s for s in surveys(projections, government_id=government_id, agency_id=agency_id)
            if s.is_running(today)]


def closed_of_consultation(projections: Any, consultation_id: str,
                           today: date) -> list[SurveyRow]:
    """The surveys over that ask about a consultation's policy (for its public page)."""
    t = projections.views["staff_survey"].table("staff_surveys")
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT * FROM {t} WHERE consultation_id = ? "
                           "ORDER BY opens_on DESC", (consultation_id,)).fetchall()
    return [s for s in (_row(r) for r in rows) if s.is_over(today)]


def ended_open_surveys(projections: Any, today: date) -> list[str]:
    """The ids of surveys not closed whose last day is before `today`."""
    table = projections.views["staff_survey"].table("staff_surveys")
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT id FROM {table} WHERE is_closed = 0 AND closes_on < ? "
                           "ORDER BY closes_on, id", (today.isoformat(),)).fetchall()
    return [row["id"] for row in rows]
