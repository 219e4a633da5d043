"""The worker's tables: the lease that lets one worker run the jobs, and the record of job runs.

SQLite keeps them in `jobs.sqlite` in the data directory; PostgreSQL in `rekam_job_lease` and
`rekam_job_runs` beside the account tables. The lease is one row (holder, expiry): a worker
takes it when it is free or expired and renews it while it runs, so a second worker waits and
takes over within one lease period after the first one dies. Taking and renewing are single
conditional UPDATEs, which both databases serialise, so two workers never both hold it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask

from projections.stores.backend import Backend
from projections.stores.small_tables import PostgresDatabase, SmallDatabase, SQLiteDatabase
from projections.stores.vault_tables import PostgresConnection
from web import opened

LEASE = "scheduler"
OUTCOMES = ("running", "ok", "failed")


@dataclass(frozen=True)
class JobRun:
    """One run of a job: what ran where, when, how it ended, and a message without
    personal data (counts, or the kind of error)."""

    id: int
    job: str
    worker: str
    started_at: str
    finished_at: str | None
    outcome: str
    message: str


@dataclass(frozen=True)
class Lease:
    holder: str
    is_live: bool  # not yet expired, by the database's clock


class JobStore:
    """The lease and the job runs on one backend; every method is one short transaction."""

    def __init__(self, db: SmallDatabase, prefix: str, is_postgres: bool) -> None:
        self.db = db
        self.lease_table, self.runs_table = f"{prefix}job_lease", f"{prefix}job_runs"
        serial = "BIGSERIAL PRIMARY KEY" if is_postgres else "INTEGER PRIMARY KEY AUTOINCREMENT"
        # Seconds since the epoch on the database server (one clock for every worker).
        self.clock = ("EXTRACT(EPOCH FROM clock_timestamp())::double precision" if is_postgres
                      else "((julianday('now') - 2440587.5) * 86400.0)")
        self.db.script([
            f"CREATE TABLE IF NOT EXISTS {self.lease_table} (name TEXT PRIMARY KEY, "
            "holder TEXT NOT NULL, expires_at DOUBLE PRECISION NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {self.runs_table} (id {serial}, job TEXT NOT NULL, "
            "worker TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT, "
            "outcome TEXT NOT NULL, message TEXT NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {self.runs_table.split('.')[-1]}_job "
            f"ON {self.runs_table} (job, id)",
        ])

    @classmethod
    def open(cls, backend: Backend) -> JobStore:
        if backend.kind == "sqlite":
            return cls(SQLiteDatabase(backend.data_dir / "jobs.sqlite"), "", False)
        schema = backend.vault_schema or backend.postgres.get("POSTGRES_SCHEMA") or "public"
        return cls(PostgresDatabase(PostgresConnection(backend.postgres_conninfo()), schema),
                   f'"{schema}".rekam_', True)

    def close(self) -> None:
        self.db.close()

    # -- the lease ---------------------------------------------------------------------------

    def acquire(self, holder: str, seconds: float, name: str = LEASE) -> bool:
        """Take or renew the lease for `seconds`; False when another live holder has it."""
        with self.db.transaction() as c:
            c.execute(f"UPDATE {self.lease_table} SET holder = ?, expires_at = {self.clock} + ? "
                      f"WHERE name = ? AND (holder = ? OR expires_at < {self.clock})",
                      (holder, seconds, name, holder))
            if c.rowcount == 1:
                return True
            c.execute(f"INSERT INTO {self.lease_table} VALUES (?, ?, {self.clock} + ?) "
                      "ON CONFLICT (name) DO NOTHING", (name, holder, seconds))
            return c.rowcount == 1

    def release(self, holder: str, name: str = LEASE) -> None:
        """Give the lease up at once (a clean shutdown), so a waiting worker need not wait."""
        with self.db.transaction() as c:
            c.execute(f"UPDATE {self.lease_table} SET expires_at = 0 "
                      "WHERE name = ? AND holder = ?", (name, holder))

    def lease(self, name: str = LEASE) -> Lease | None:
        with self.db.transaction() as c:
            c.execute(f"SELECT holder, expires_at > {self.clock} FROM {self.lease_table} "
                      "WHERE name = ?", (name,))
            row = c.fetchone()
        return None if row is None else Lease(row[0], bool(row[1]))

    def holds(self, holder: str, name: str = LEASE) -> bool:
        lease = self.lease(name)
        return lease is not None and lease.holder == holder and lease.is_live

    # -- job runs ----------------------------------------------------------------------------

    def start_run(self, job: str, worker: str) -> int:
        with self.db.transaction() as c:
            c.execute(f"INSERT INTO {self.runs_table} (job, worker, started_at, outcome, message) "
                      "VALUES (?, ?, ?, ?, ?)", (job, worker, _now(), "running", ""))
            c.execute(f"SELECT MAX(id) FROM {self.runs_table} WHERE job = ? AND worker = ?",
                      (job, worker))
            return int(c.fetchone()[0])

    def finish_run(self, run_id: int, outcome: str, message: str) -> None:
        assert outcome in OUTCOMES
        with self.db.transaction() as c:
            c.execute(f"UPDATE {self.runs_table} SET finished_at = ?, outcome = ?, message = ? "
                      "WHERE id = ?", (_now(), outcome, message[:500], run_id))

    def forget_run(self, run_id: int) -> None:
        """Drop a run that did nothing (idle catch-ups every few seconds)."""
        with self.db.transaction() as c:
            c.execute(f"DELETE FROM {self.runs_table} WHERE id = ?", (run_id,))

    def runs(self, job: str | None = None, outcome: str | None = None,
             limit: int = 100) -> list[JobRun]:
        """The latest runs first, of one job or all, of one outcome or all."""
        clauses, params = ["1 = 1"], []
        if job is not None:
            clauses.append("job = ?")
            params.append(job)
        if outcome is not None:
            clauses.append("outcome = ?")
            params.append(outcome)
        with self.db.transaction() as c:
            c.execute(f"SELECT id, job, worker, started_at, finished_at, outcome, message "
                      f"FROM {self.runs_table} WHERE {' AND '.join(clauses)} "
                      f"ORDER BY id DESC LIMIT ?", (*params, limit))
            return [JobRun(int(r[0]), *r[1:]) for r in c.fetchall()]

    def last_success(self, job: str) -> str | None:
        """When the latest successful run of `job` started (ISO time, UTC), if any."""
        with self.db.transaction() as c:
            c.execute(f"SELECT MAX(started_at) FROM {self.runs_table} "
                      "WHERE job = ? AND outcome = ?", (job, "ok"))
            row = c.fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def prune(self, older_than: timedelta) -> int:
        """Forget finished runs older than `older_than` (the store stays small)."""
        cutoff = (datetime.now(UTC) - older_than).isoformat(timespec="seconds")
        with self.db.transaction() as c:
            c.execute(f"DELETE FROM {self.runs_table} WHERE started_at < ? AND outcome <> ?",
                      (cutoff, "running"))
            return c.rowcount


def _now() -> Any:
    return datetime.now(UTC).isoformat(timespec="seconds")


def get_job_store(app: Flask) -> JobStore:
    """The app's job store (lease and runs), opened on first use."""
    return opened(app, "rekam_jobs", lambda: JobStore.open(app.extensions["rekam_backend"]))
