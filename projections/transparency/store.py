"""The published releases: append-only tables beside the views, read by the public pages.

A release is never changed or deleted (triggers refuse it on both backends); a correction is a
new version of the same government and month that names the release it supersedes. These
tables are not a view: `rekam rebuild` leaves them alone, because what was published stays
published.

What the public reads goes through `cells` and `series`, which leave out the tables a release
withdrew (`disclosure.WITHDRAWN_ONCE_CORRECTED`: an older policy's sensitive tables, once a
release under a later policy corrects it). Withdrawn rows are never deleted: `cells(...,
withdrawn=True)` still reads them, for auditors.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from projections.stores.backend import ScalarReader
from projections.stores.view_store import Sql, ViewStore, creating_tables
from projections.transparency.computed import ComputedRelease, figures_of
from projections.transparency.disclosure import POLICY_VERSION, WITHDRAWN_ONCE_CORRECTED

TABLES = ("release", "release_cell", "release_hours", "release_item", "release_figures")


@dataclass(frozen=True)
class Release:
    """One stored release (a row of `view_release`)."""

    id: str
    government: str
    month: str
    version: int
    policy_version: str
    position: int
    published_at: str
    supersedes: str | None
    digest: str
    labels: dict[str, Any]

    @property
    def is_correction(self) -> bool:
        return self.supersedes is not None


@dataclass(frozen=True)
class Withdrawal:
    """Tables of a release taken off the public side, and the correction that caused it."""

    tables: tuple[str, ...]  # in alphabetical order
    by: str  # the correcting release (same government and month, a later policy)
    policy_version: str  # the correcting release's policy
    at: str  # when the correcting release was published (ISO time, UTC)


def withdrawals_of(releases: Sequence[Release]) -> dict[str, Withdrawal]:
    """release id -> its withdrawal: a release of a policy that withdraws tables once
    corrected, with a later version of its month published under another policy."""
    found: dict[str, Withdrawal] = {}
    by_month: dict[tuple[str, str], list[Release]] = {}
    for release in releases:
        by_month.setdefault((release.government, release.month), []).append(release)
    for versions in by_month.values():
        versions.sort(key=lambda r: r.version)
        for release in versions:
            tables = WITHDRAWN_ONCE_CORRECTED.get(release.policy_version)
            correction = next((r for r in versions if r.version > release.version
                               and r.policy_version != release.policy_version), None)
            if tables and correction is not None:
                found[release.id] = Withdrawal(tuple(sorted(tables)), correction.id,
                                               correction.policy_version,
                                               correction.published_at)
    return found


class ReleaseStore:
    """Releases in the view store (`views.sqlite` or `view_release*` tables on PostgreSQL)."""

    def __init__(self, store: ViewStore) -> None:
        self.store = store
        creating_tables(self._create)  # again if another process is creating them too
        # How many releases are stored, `count()`. Rows are only ever added, so it changes
        # exactly when a release or a correction is published: the public page cache reads it
        # on every request as the cheapest marker of what is published.
        self.count = ScalarReader(store.datastore,
                                  f"SELECT count(*) AS n FROM {self.table('release')}")
        self._withdrawn: tuple[int, dict[str, Withdrawal]] = (-1, {})

    def table(self, name: str) -> str:
        if self.store.is_postgres:
            return f'"{self.store.datastore.schema}".view_{name}'
        return f"view_{name}"

    def _create(self) -> None:
        t = self.table
        with self.store.write() as sql:
            sql.execute(f"CREATE TABLE IF NOT EXISTS {t('release')} (id TEXT PRIMARY KEY, "
                        "government TEXT NOT NULL, month TEXT NOT NULL, version INTEGER NOT NULL, "
                        "policy_version TEXT NOT NULL, position INTEGER NOT NULL, "
                        "published_at TEXT NOT NULL, supersedes TEXT, digest TEXT NOT NULL, "
                        "labels TEXT NOT NULL, UNIQUE (government, month, version))")
            sql.execute(f"CREATE TABLE IF NOT EXISTS {t('release_cell')} ("
                        "release_id TEXT NOT NULL, seq INTEGER NOT NULL, "
                        "table_key TEXT NOT NULL, row_key TEXT NOT NULL, "
                        "column_key TEXT NOT NULL, count INTEGER, "
                        "PRIMARY KEY (release_id, seq), "
                        "UNIQUE (release_id, table_key, row_key, column_key))")
            sql.execute(f"CREATE TABLE IF NOT EXISTS {t('release_hours')} ("
                        "release_id TEXT NOT NULL, row_key TEXT NOT NULL, jp REAL, "
                        "PRIMARY KEY (release_id, row_key))")
            sql.execute(f"CREATE TABLE IF NOT EXISTS {t('release_item')} ("
                        "release_id TEXT NOT NULL, seq INTEGER NOT NULL, tier TEXT NOT NULL, "
                        "kind TEXT NOT NULL, payload TEXT NOT NULL, "
                        "PRIMARY KEY (release_id, seq))")
            sql.execute(f"CREATE TABLE IF NOT EXISTS {t('release_figures')} ("
                        "release_id TEXT PRIMARY KEY, figures TEXT NOT NULL)")
            self._forbid_changes(sql)

    def _forbid_changes(self, sql: Sql) -> None:
        if not self.store.is_postgres:
            for name in TABLES:
                for action in ("UPDATE", "DELETE"):
                    sql.execute(f"CREATE TRIGGER IF NOT EXISTS {name}_no_{action.lower()} "
                                f"BEFORE {action} ON {self.table(name)} BEGIN "
                                "SELECT RAISE(ABORT, 'a published release never changes'); END")
            return
        schema = self.store.datastore.schema
        found = sql.execute("SELECT count(*) AS n FROM pg_trigger t JOIN pg_class c "
                            "ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                            "WHERE n.nspname = ? AND t.tgname LIKE ?",
                            (schema, "view_release%")).fetchone()
        if found and int(found["n"]) == 2 * len(TABLES):
            return  # in place already: replacing them would race with other processes
        function = f'"{schema}".view_release_immutable'
        sql.execute(f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql "
                    "AS $$ BEGIN RAISE EXCEPTION 'a published release never changes'; END $$")
        for name in TABLES:
            sql.execute(f"CREATE OR REPLACE TRIGGER view_{name}_immutable BEFORE UPDATE OR "
                        f"DELETE ON {self.table(name)} FOR EACH ROW EXECUTE FUNCTION "
                        f"{function}()")
            sql.execute(f"CREATE OR REPLACE TRIGGER view_{name}_no_truncate BEFORE TRUNCATE "
                        f"ON {self.table(name)} FOR EACH STATEMENT EXECUTE FUNCTION "
                        f"{function}()")

    # -- writing ---------------------------------------------------------------------------

    def add(self, computed: ComputedRelease, labels: dict[str, Any],
            now: datetime | None = None) -> Release | None:
        """Store `computed` as a new release, or as a correction of the month's latest one;
        None when the latest one already says exactly this (publishing is idempotent)."""
        digest = _digest(computed)
        latest = self.latest(computed.government_code, computed.month)
        if latest is not None and latest.digest == digest:
            return None
        version = latest.version + 1 if latest else 1
        release = Release(
            id=f"{computed.government_code}-{computed.month}-v{version}",
            government=computed.government_code, month=computed.month, version=version,
            policy_version=POLICY_VERSION, position=computed.position,
            published_at=(now or datetime.now(UTC)).isoformat(timespec="seconds"),
            supersedes=latest.id if latest else None, digest=digest, labels=labels)
        t = self.table
        with self.store.write() as sql:
            sql.execute(f"INSERT INTO {t('release')} (id, government, month, version, "
                        "policy_version, position, published_at, supersedes, digest, labels) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (release.id, release.government, release.month, release.version,
                         release.policy_version, release.position, release.published_at,
                         release.supersedes, release.digest, json.dumps(labels)))
            sql.executemany(f"INSERT INTO {t('release_cell')} (release_id, seq, table_key, "
                            "row_key, column_key, count) VALUES (?, ?, ?, ?, ?, ?)",
                            [(release.id, seq, *cell)
                             for seq, cell in enumerate(computed.cells())])
            sql.executemany(f"INSERT INTO {t('release_hours')} (release_id, row_key, jp) "
                            "VALUES (?, ?, ?)",
                            [(release.id, row, jp) for row, jp in computed.hours.items()])
            sql.executemany(f"INSERT INTO {t('release_item')} (release_id, seq, tier, kind, "
                            "payload) VALUES (?, ?, ?, ?, ?)",
                            [(release.id, seq, item["tier"], item["kind"],
                              json.dumps(item, sort_keys=True))
                             for seq, item in enumerate(computed.items)])
            sql.execute(f"INSERT INTO {t('release_figures')} (release_id, figures) "
                        "VALUES (?, ?)", (release.id, json.dumps(computed.figures())))
        return release

    # -- reading ---------------------------------------------------------------------------

    def releases(self, government: str | None = None) -> list[Release]:
        """Every release (corrections included), newest month first, then newest version."""
        clause, params = ("WHERE government = ?", (government,)) if government else ("", ())
        with self.store.read() as sql:
            rows = sql.execute(f"SELECT * FROM {self.table('release')} {clause} "
                               "ORDER BY month DESC, government, version DESC",
                               params).fetchall()
        return [_release(row) for row in rows]

    def current(self, government: str | None = None) -> list[Release]:
        """The latest version of each month's release."""
        seen: set[tuple[str, str]] = set()
        found = []
        for release in self.releases(government):
            if (release.government, release.month) not in seen:
                seen.add((release.government, release.month))
                found.append(release)
        return found

    def latest(self, government: str, month: str | None = None) -> Release | None:
        """The current release of `month` (or of the newest month) of `government`."""
        return next((r for r in self.current(government)
                     if month is None or r.month == month), None)

    def last_published_at(self) -> str | None:
        """When the newest release was published (ISO time, UTC), if any."""
        with self.store.read() as sql:
            row = sql.execute(f"SELECT max(published_at) AS at "
                              f"FROM {self.table('release')}").fetchone()
        return None if row["at"] is None else str(row["at"])

    def month_exists(self, month: str) -> bool:
        """Whether any government's release of `month` has been published."""
        with self.store.read() as sql:
            row = sql.execute(f"SELECT 1 FROM {self.table('release')} WHERE month = ? LIMIT 1",
                              (month,)).fetchone()
        return row is not None

    def get(self, release_id: str) -> Release | None:
        with self.store.read() as sql:
            row = sql.execute(f"SELECT * FROM {self.table('release')} WHERE id = ?",
                              (release_id,)).fetchone()
        return _release(row) if row else None

    def withdrawals(self) -> dict[str, Withdrawal]:
        """release id -> what it withdrew and why, for every release that withdrew tables
        (worked out again only when a release has been added)."""
        count = self.count()
        known, found = self._withdrawn
        if known != count:
            found = withdrawals_of(self.releases())
            self._withdrawn = (count, found)
        return found

    def withdrawal(self, release_id: str) -> Withdrawal | None:
        return self.withdrawals().get(release_id)

    def cells(self, release_id: str, table_key: str | None = None, *, withdrawn: bool = False
              ) -> list[tuple[str, str, str, int | None]]:
        """The release's published cells in order, without its withdrawn tables (with them
        when `withdrawn`: what was published, for auditors)."""
        gone = () if withdrawn else getattr(self.withdrawal(release_id), "tables", ())
        if table_key in gone:
            return []
        clause = " AND table_key = ?" if table_key else ""
        params: Sequence[Any] = (release_id, table_key) if table_key else (release_id,)
        with self.store.read() as sql:
            rows = sql.execute(f"SELECT table_key, row_key, column_key, count FROM "
                               f"{self.table('release_cell')} WHERE release_id = ?{clause} "
                               "ORDER BY seq",
                               params).fetchall()
        return [(r["table_key"], r["row_key"], r["column_key"],
                 None if r["count"] is None else int(r["count"])) for r in rows
                if r["table_key"] not in gone]

    def published(self, release_id: str, *, withdrawn: bool = False
                  ) -> dict[tuple[str, str, str], int | None]:
        return {(k, r, c): v for k, r, c, v in self.cells(release_id, withdrawn=withdrawn)}

    def series(self, government: str, table_key: str, row: str, column: str
               ) -> dict[str, int | None]:
        """month -> one cell's published value in each month's current release (one query),
        leaving out releases that withdrew the table."""
        withdrawals = self.withdrawals()
        with self.store.read() as sql:
            rows = sql.execute(
                f"SELECT r.id, r.month, r.version, c.count FROM {self.table('release')} r "
                f"JOIN {self.table('release_cell')} c ON c.release_id = r.id "
                "WHERE r.government = ? AND c.table_key = ? AND c.row_key = ? "
                "AND c.column_key = ? ORDER BY r.month, r.version",
                (government, table_key, row, column)).fetchall()
        # Ordered by version, so the current release of each month is written last.
        return {r["month"]: None if r["count"] is None else int(r["count"]) for r in rows
                if table_key not in getattr(withdrawals.get(r["id"]), "tables", ())}

    def hours(self, release_id: str) -> dict[str, float | None]:
        with self.store.read() as sql:
            rows = sql.execute(f"SELECT row_key, jp FROM {self.table('release_hours')} "
                               "WHERE release_id = ?", (release_id,)).fetchall()
        return {r["row_key"]: None if r["jp"] is None else float(r["jp"]) for r in rows}

    def figures(self, release_id: str) -> dict[str, Any]:
        """The utility and risk figures stored with the release; for a release published
        before they were stored (policy 2026.1), the same figures from its cells."""
        with self.store.read() as sql:
            row = sql.execute(f"SELECT figures FROM {self.table('release_figures')} "
                              "WHERE release_id = ?", (release_id,)).fetchone()
        if row is not None:
            return dict(json.loads(row["figures"]))
        return figures_of(self.cells(release_id))

    def items(self, release_id: str) -> list[dict[str, Any]]:
        with self.store.read() as sql:
            rows = sql.execute(f"SELECT payload FROM {self.table('release_item')} "
                               "WHERE release_id = ? ORDER BY seq", (release_id,)).fetchall()
        return [json.loads(r["payload"]) for r in rows]


def _release(row: Any) -> Release:
    return Release(id=row["id"], government=row["government"], month=row["month"],
                   version=int(row["version"]), policy_version=row["policy_version"],
                   position=int(row["position"]), published_at=row["published_at"],
                   supersedes=row["supersedes"], digest=row["digest"],
                   labels=json.loads(row["labels"]))


def _digest(computed: ComputedRelease) -> str:
    """What the release says (not when or from which position), to recognise a repeat."""
    content = {"cells": sorted(computed.cells(), key=lambda c: c[:3]),
               "hours": sorted(computed.hours.items()),
               "items": computed.items, "policy": POLICY_VERSION}
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class PublishedTable:
    """One table of a release as the pages show it: labels in order and published counts."""

    key: str
    rows: list[str]
    columns: list[str]
    values: dict[tuple[str, str], int | None]

    def value(self, row: str, column: str) -> int | None:
        return self.values.get((row, column))

    def row(self, row: str) -> list[tuple[str, int | None]]:
        return [(c, self.values.get((row, c))) for c in self.columns]


def published_tables(store: ReleaseStore, release_id: str) -> dict[str, PublishedTable]:
    """The release's tables, rows and columns in the order they were published."""
    tables: dict[str, PublishedTable] = {}
    for key, row, column, count in store.cells(release_id):
        table = tables.setdefault(key, PublishedTable(key, [], [], {}))
        if row not in table.rows:
            table.rows.append(row)
        if column not in table.columns:
            table.columns.append(column)
        table.values[(row, column)] = count
    return tables
