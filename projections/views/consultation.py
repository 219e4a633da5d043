"""Public consultation view: consultations, their moderated comments and themes.

Nothing personal is kept here: a comment's row holds when it came, whether an employee sent it,
its moderation and, once published, the masked text the moderator published. What a commenter
wrote and who they are stay sealed in the event and are opened only on the moderators' page.
A consultation's status is read from its dates at query time (it closes by itself).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from domain.consultation import Consultation
from projections.stores.view_store import Sql
from projections.views.base import View


class ConsultationView(View):
    """One row per consultation, per comment (moderation only) and per answered theme."""

    name = "consultation"
    tables = ("consultations", "consultation_comments", "consultation_themes")
    topic_prefixes = ("domain.consultation:",)
    personal = False

    def create_tables(self, sql: Sql) -> None:
        t = self.table
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('consultations')} (id TEXT PRIMARY KEY, "
                    "government_id TEXT NOT NULL, agency_id TEXT, unit_id TEXT, "
                    "subject TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL, "
                    "draft_text TEXT NOT NULL, opens_on TEXT NOT NULL, closes_on TEXT NOT NULL, "
                    "drafted_on TEXT NOT NULL, is_published INTEGER NOT NULL, closed_on TEXT, "
                    "answered_on TEXT, minutes TEXT, changes TEXT, version INTEGER NOT NULL)")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('consultation_comments')} ("
                    "id TEXT PRIMARY KEY, consultation_id TEXT NOT NULL, "
                    "number INTEGER NOT NULL, received_on TEXT NOT NULL, "
                    "is_employee INTEGER NOT NULL, state TEXT NOT NULL, text TEXT, "
                    "reason TEXT, theme_id TEXT)")
        sql.execute(f"CREATE TABLE IF NOT EXISTS {t('consultation_themes')} ("
                    "id TEXT PRIMARY KEY, consultation_id TEXT NOT NULL, title TEXT NOT NULL, "
                    "answer TEXT NOT NULL, answered_on TEXT NOT NULL, "
                    "position INTEGER NOT NULL)")

    def create_indexes(self, sql: Sql) -> None:
        for name, columns in (("consultations", "government_id, opens_on"),
                              ("consultation_comments", "consultation_id, number"),
                              ("consultation_themes", "consultation_id, position")):
            table = self.table(name)
            sql.execute(f"CREATE INDEX IF NOT EXISTS {table.split('.')[-1]}_by "
                        f"ON {table} ({columns})")

    def apply(self, sql: Sql, event: Any, notification_id: int) -> None:
        if not isinstance(event, Consultation.Event):
            return
        t, cid, C = self.table, event.originator_id.hex, Consultation
        on = event.effective_on.isoformat()
        if isinstance(event, C.Drafted):
            sql.execute(
                f"INSERT INTO {t('consultations')} (id, government_id, agency_id, unit_id, "
                "subject, title, summary, draft_text, opens_on, closes_on, drafted_on, "
                "is_published, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                (cid, event.government_id.hex, _hex(event.agency_id), _hex(event.unit_id),
                 event.subject.value, event.title, event.summary, event.draft_text,
                 event.opens_on.isoformat(), event.closes_on.isoformat(), on,
                 event.originator_version))
            return
        changes: dict[str, Any] = {"version": event.originator_version}
        if isinstance(event, C.Published):
            changes["is_published"] = 1
        elif isinstance(event, C.Closed):
            changes["closed_on"] = on
        elif isinstance(event, C.Answered):
            changes.update(answered_on=on, minutes=event.minutes,
                           changes=json.dumps(list(event.changes), ensure_ascii=False))
        elif isinstance(event, C.CommentReceived):
            row = sql.execute(f"SELECT COUNT(*) AS n FROM {t('consultation_comments')} "
                              "WHERE consultation_id = ?", (cid,)).fetchone()
            sql.execute(f"INSERT INTO {t('consultation_comments')} (id, consultation_id, "
                        "number, received_on, is_employee, state) "
                        "VALUES (?, ?, ?, ?, ?, 'pending')",
                        (event.comment_id.hex, cid, int(_one(row) or 0) + 1, on,
                         int(event.is_employee)))
        elif isinstance(event, C.CommentPublished):
            sql.execute(f"UPDATE {t('consultation_comments')} SET state = 'published', "
                        "text = ? WHERE id = ?", (event.text, event.comment_id.hex))
        elif isinstance(event, C.CommentWithheld):
            sql.execute(f"UPDATE {t('consultation_comments')} SET state = 'withheld', "
                        "reason = ? WHERE id = ?", (event.reason.value, event.comment_id.hex))
        elif isinstance(event, C.ThemeAnswered):
            row = sql.execute(f"SELECT COUNT(*) AS n FROM {t('consultation_themes')} "
                              "WHERE consultation_id = ?", (cid,)).fetchone()
            sql.execute(f"INSERT INTO {t('consultation_themes')} VALUES (?, ?, ?, ?, ?, ?)",
                        (event.theme_id.hex, cid, event.title, event.answer, on,
                         int(_one(row) or 0)))
            for comment_id in event.comment_ids:
                sql.execute(f"UPDATE {t('consultation_comments')} SET theme_id = ? "
                            "WHERE id = ?", (event.theme_id.hex, comment_id.hex))
        columns = ", ".join(f"{k} = ?" for k in changes)
        sql.execute(f"UPDATE {t('consultations')} SET {columns} WHERE id = ?",
                    (*changes.values(), cid))


def _hex(value: Any) -> str | None:
    return value.hex if value is not None else None


def _one(row: Any) -> Any:
    if row is None:
        return None
    return next(iter(row.values())) if isinstance(row, dict) else row[0]


# -- queries -------------------------------------------------------------------------------------


def status_of(row: dict[str, Any], today: date) -> str:
    """draft, open, closed or answered on `today` (as Consultation.status_on reads it)."""
    if row["answered_on"]:
        return "answered"
    if not row["is_published"] or today.isoformat() < row["opens_on"]:
        return "draft"
    if row["closed_on"] or today.isoformat() > row["closes_on"]:
        return "closed"
    return "open"


def _row(row: Any, today: date) -> dict[str, Any]:
    r = dict(row)
    for name in ("opens_on", "closes_on", "drafted_on", "closed_on", "answered_on"):
        r[name] = date.fromisoformat(r[name]) if r.get(name) else None
    r["changes"] = json.loads(r["changes"]) if r.get("changes") else []
    r["is_published"] = bool(r["is_published"])
    r["status"] = status_of(dict(row), today)
    return r


def consultations(projections: Any, today: date, government_id: str | None = None,
                  published_only: bool = True) -> list[dict[str, Any]]:
    """Consultations (of one government, or all) newest opening first, with their
    government's name, their status on `today` and their comment counts by moderation."""
    t = projections.views["consultation"].table
    governments = projections.views["organisation"].table("governments")
    where, params = ["1 = 1"], []
    if government_id:
        where.append("c.government_id = ?")
        params.append(government_id)
    if published_only:
        where.append("c.is_published = 1")
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT c.id, c.government_id, g.name AS government_name, c.agency_id, "
            "c.unit_id, c.subject, c.title, c.summary, c.opens_on, c.closes_on, c.drafted_on, "
            "c.is_published, c.closed_on, c.answered_on, c.changes, c.version, "
            "SUM(CASE WHEN m.state = 'published' THEN 1 ELSE 0 END) AS published, "
            "SUM(CASE WHEN m.state = 'pending' THEN 1 ELSE 0 END) AS pending, "
            "SUM(CASE WHEN m.is_employee = 1 THEN 1 ELSE 0 END) AS from_employees, "
            "COUNT(m.id) AS comments "
            f"FROM {t('consultations')} c JOIN {governments} g ON g.id = c.government_id "
            f"LEFT JOIN {t('consultation_comments')} m ON m.consultation_id = c.id "
            f"WHERE {' AND '.join(where)} "
            "GROUP BY c.id, c.government_id, g.name, c.agency_id, c.unit_id, c.subject, "
            "c.title, c.summary, c.opens_on, c.closes_on, c.drafted_on, c.is_published, "
            "c.closed_on, c.answered_on, c.changes, c.version "
            "ORDER BY c.opens_on DESC, c.title", params).fetchall()
    found = []
    for row in rows:
        r = _row(row, today)
        for name in ("published", "pending", "comments", "from_employees"):
            r[name] = int(r[name] or 0)
        found.append(r)
    return found


def consultation(projections: Any, consultation_id: str, today: date,
                 with_comments: str = "published") -> dict[str, Any] | None:
    """One consultation with its themes (in order) and its comments: "published" ones only
    (the public page) or "all" (the staff's, still without any text not published)."""
    t = projections.views["consultation"].table
    governments = projections.views["organisation"].table("governments")
    with projections.store.read() as sql:
        row = sql.execute(
            f"SELECT c.*, g.name AS government_name FROM {t('consultations')} c "
            f"JOIN {governments} g ON g.id = c.government_id WHERE c.id = ?",
            (consultation_id,)).fetchone()
        if row is None:
            return None
        state = "" if with_comments == "all" else "AND state = 'published' "
        comments = sql.execute(
            f"SELECT id, number, received_on, is_employee, state, text, reason, theme_id FROM "
            f"{t('consultation_comments')} WHERE consultation_id = ? {state}"
            "ORDER BY number", (consultation_id,)).fetchall()
        themes = sql.execute(
            f"SELECT id, title, answer, answered_on FROM {t('consultation_themes')} "
            "WHERE consultation_id = ? ORDER BY position", (consultation_id,)).fetchall()
    found = _row(row, today)
    found["comments"] = [{**dict(c), "is_employee": bool(dict(c)["is_employee"]),
                          "received_on": date.fromisoformat(dict(c)["received_on"])}
                         for c in comments]
    found["themes"] = [{**dict(theme), "comments": [c for c in found["comments"]
                                                    if c["theme_id"] == dict(theme)["id"]]}
                       for theme in themes]
    return found


def tpp_consultations(projections: Any, government_id: str) -> list[dict[str, Any]]:
    """The government's consultations on its TPP rules (PermenPANRB 16/2017), newest first:
    where staff and the public commented on a draft before it was adopted."""
    return [row for row in consultations(projections, date.today(), government_id)
            if row["subject"] == "tpp_rules"]
