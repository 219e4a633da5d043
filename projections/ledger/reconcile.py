"""Store equals log: prove that every stored event is accounted for by the verifiable log.

The verifiers (projections/ledger/verify.py) check what the log holds. They cannot see an event
that is stored but was never logged, so this module compares the two the other way round:

- `check_counts` (cheap, after every catch-up of the follower): how many stored events there
  are at or below the log's head, and the sum of their notification ids, against the log's
  size and the sum of its notification ids. Only when they differ are the ids compared one by
  one, to name the events;
- `reconcile` (the worker's daily job, the audit page's verify, `rekam log verify`): the same
  by content too. Every stored event is hashed again and must equal the logged leaf of its
  notification id, every logged leaf must have its stored event, and stored snapshots must
  carry a valid seal (domain/snapshot_seal.py).

The follower never logs an event below its head (its catch-up reads the ids above it), so an
event inserted behind the head, into notification id 0 on SQLite or into a gap of PostgreSQL's
sequence, stays reported as `unlogged` until it is removed: it is never taken into the log as
if it were new (docs/AUDIT.md, "Store equals log"). Events above the head are `pending`: the
follower logs them at its next catch-up, and they are counted, not reported as a problem.

Results are kept per checker in the ledger store (`reconciliations`), so /healthz and the
system administrator's page read the latest without checking again. Nothing here reads or
reports personal data: notification ids, log positions, aggregate ids and versions only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol
from uuid import UUID

from domain.personnel_service import PersonnelService
from projections.ledger.entry import canonical_bytes
from projections.ledger.merkle import leaf_hash
from projections.ledger.store import LedgerStore
from projections.stores.backend import events_table

UNLOGGED = "unlogged"  # stored below the log's head, never logged (a gap insertion)
MISSING = "missing"  # logged, gone from the store (a deleted event)
EDITED = "edited"  # stored bytes differ from the logged leaf
SNAPSHOT = "snapshot"  # a snapshot whose seal does not verify (edited, or forged)
VIEW = "view"  # a view table differing from a rebuild (projections/views/verify.py)
KINDS = (UNLOGGED, MISSING, EDITED, SNAPSHOT, VIEW)
LISTED = 100  # problems kept by name per result; the counts cover all of them
FOLLOWER, FULL = "follower", "full"  # the checkers whose latest result is kept


class Ledger(Protocol):
    """What is compared: the follower's `Ledger` (projections/ledger/follower.py), which
    calls the cheap check after each catch-up and so cannot be imported here."""

    service: PersonnelService
    store: LedgerStore

    def head(self) -> tuple[int, int]: ...


@dataclass(frozen=True)
class Problem:
    """One event or snapshot the log does not account for."""

    kind: str
    notification_id: int | None = None  # in the event store
    position: int | None = None  # in the log
    originator_id: str | None = None  # snapshots: the record's id (never personal data)
    version: int | None = None
    table: str | None = None  # views: the table that differs (never its rows)

    def describe(self) -> str:
        """English, for the command line and operators' logs."""
        if self.kind == VIEW:
            return f"view table {self.table} differs from a rebuild from the events"
        where = (f"notification id {self.notification_id}" if self.notification_id is not None
                 else f"record {self.originator_id} version {self.version}")
        if self.position is not None:
            where += f", log position {self.position}"
        return {UNLOGGED: f"stored event not in the log ({where})",
                MISSING: f"logged event missing from the store ({where})",
                EDITED: f"stored event differs from its log entry ({where})",
                SNAPSHOT: f"snapshot fails its seal ({where})"}[self.kind]


@dataclass
class Reconciliation:
    """The result of one comparison of the store with the log."""

    checker: str
    stored: int = 0  # events stored at or below the log's head
    logged: int = 0  # the log's size
    head_id: int = 0  # notification id of the log's last leaf
    pending: int = 0  # events stored above the head (logged at the next catch-up)
    snapshots: int = 0  # snapshots whose seal was checked
    problem_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    checked_at: str = ""

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < LISTED:
            self.problems.append(problem)

    def summary(self) -> str:
        """Two lines (English, then Indonesian), like the offline verifier's."""
        if self.ok:
            return (f"Store equals log: {self.stored} stored events, {self.logged} logged, "
                    f"{self.pending} not yet logged; {self.snapshots} snapshots sealed.\n"
                    f"Penyimpanan sama dengan log: {self.stored} peristiwa tersimpan, "
                    f"{self.logged} tercatat, {self.pending} belum tercatat.")
        first = self.problems[0].describe() if self.problems else ""
        return (f"Store differs from log: {self.problem_count} problems; first: {first}.\n"
                f"Penyimpanan berbeda dari log: {self.problem_count} masalah.")

    def to_json(self) -> str:
        return json.dumps({**asdict(self), "problems": [asdict(p) for p in self.problems]})

    @classmethod
    def from_json(cls, text: str) -> Reconciliation:
        data = json.loads(text)
        data["problems"] = [Problem(**p) for p in data["problems"]]
        return cls(**data)


# -- the cheap check ----------------------------------------------------------------------------


def check_counts(ledger: Ledger) -> Reconciliation:
    """Count and id sum of the stored events at or below the head against the log's.

    Two index scans (of the events' ids and of the log's leaves). A deleted event, an event
    inserted behind the head, or both at once (the counts equal, the sums not) are found;
    an edited event is not (that needs the hashes: `reconcile`).
    """
    result = Reconciliation(FOLLOWER)
    with ledger.store.read() as sql:
        row = sql.execute(f"SELECT count(*), coalesce(sum(notification_id), 0), "
                          f"coalesce(max(position), -1), coalesce(max(notification_id), 0) "
                          f"FROM {ledger.store.table('leaves')}").fetchone()
    result.logged, logged_sum = int(row[0]), int(row[1])
    result.head_id = int(row[3])
    id_column, table = _id_column(ledger), events_table(ledger.service)
    with _events_cursor(ledger) as cursor:
        cursor.execute(f"SELECT count(*), coalesce(sum({id_column}), 0) FROM {table} "
                       f"WHERE {id_column} <= {result.head_id}")
        stored_row = _values(cursor.fetchone())
        cursor.execute(f"SELECT count(*) FROM {table} WHERE {id_column} > {result.head_id}")
        result.pending = int(_values(cursor.fetchone())[0])
    result.stored, stored_sum = int(stored_row[0]), int(stored_row[1])
    if (result.stored, stored_sum) != (result.logged, logged_sum):
        _locate_by_ids(ledger, result)
    return stamped(result)


def _locate_by_ids(ledger: Ledger, result: Reconciliation) -> None:
    """Name the ids that differ: read both sides' ids up to the head (ids only, no content)."""
    with ledger.store.read() as sql:
        logged = {int(r[0]): int(r[1]) for r in sql.execute(
            f"SELECT notification_id, position FROM {ledger.store.table('leaves')}").fetchall()}
    id_column, table = _id_column(ledger), events_table(ledger.service)
    with _events_cursor(ledger) as cursor:
        cursor.execute(f"SELECT {id_column} FROM {table} WHERE {id_column} <= "
                       f"{result.head_id} ORDER BY {id_column}")
        stored = {int(_values(r)[0]) for r in cursor.fetchall()}
    for notification_id in sorted(stored - logged.keys()):
        result.add(Problem(UNLOGGED, notification_id))
    for notification_id in sorted(logged.keys() - stored):
        result.add(Problem(MISSING, notification_id, logged[notification_id]))


# -- the full reconciliation --------------------------------------------------------------------


def reconcile(ledger: Ledger, batch_size: int = 5000,
              progress: Callable[[int], None] | None = None) -> Reconciliation:
    """Every stored event against its log entry, by count, id range and content; then the
    seals of the stored snapshots. `progress(events compared)` after each batch."""
    result = Reconciliation(FULL)
    size, head_id = ledger.head()
    result.logged, result.head_id = size, head_id
    done, last_id, position = 0, None, 0
    while position < size:
        with ledger.store.read() as sql:
            leaves = [(int(r[0]), int(r[1]), bytes(r[2])) for r in sql.execute(
                f"SELECT position, notification_id, leaf_hash FROM "
                f"{ledger.store.table('leaves')} WHERE position >= ? AND position < ? "
                "ORDER BY position", (position, min(size, position + batch_size))).fetchall()]
        if not leaves:
            break
        upto = leaves[-1][1]
        stored = {row[0]: row for row in _stored_rows(ledger, last_id, upto)}
        for leaf_position, notification_id, leaf in leaves:
            row = stored.pop(notification_id, None)
            if row is None:
                result.add(Problem(MISSING, notification_id, leaf_position))
                continue
            result.stored += 1
            if _leaf(row) != leaf:
                result.add(Problem(EDITED, notification_id, leaf_position))
        for notification_id in sorted(stored):  # stored between logged ids, never logged
            result.stored += 1
            result.add(Problem(UNLOGGED, notification_id))
        done += len(leaves)
        if progress:
            progress(done)
        last_id, position = upto, leaves[-1][0] + 1
    for row in _stored_rows(ledger, last_id, head_id):  # behind a head whose leaves are gone
        result.stored += 1
        result.add(Problem(UNLOGGED, row[0]))
    with _events_cursor(ledger) as cursor:
        id_column = _id_column(ledger)
        cursor.execute(f"SELECT count(*) FROM {events_table(ledger.service)} "
                       f"WHERE {id_column} > {head_id}")
        result.pending = int(_values(cursor.fetchone())[0])
    _check_snapshots(ledger, result)
    return stamped(result)


def _leaf(row: tuple[int, Any, int, str, bytes]) -> bytes:
    _, originator_id, version, topic, state = row
    uuid = originator_id if isinstance(originator_id, UUID) else UUID(str(originator_id))
    return leaf_hash(canonical_bytes(uuid, int(version), str(topic), bytes(state)))


def _stored_rows(ledger: Ledger, after: int | None, upto: int
                 ) -> Iterator[tuple[int, Any, int, str, bytes]]:
    """Stored events with `after` < id <= `upto` (every id up to `upto` when `after` is None:
    SQLite takes id 0 and negative rowids too)."""
    id_column = _id_column(ledger)
    low = "" if after is None else f"{id_column} > {int(after)} AND "
    with _events_cursor(ledger) as cursor:
        cursor.execute(f"SELECT {id_column}, originator_id, originator_version, topic, state "
                       f"FROM {events_table(ledger.service)} WHERE {low}{id_column} <= "
                       f"{int(upto)} ORDER BY {id_column}")
        rows = cursor.fetchall()
    for row in rows:
        values = _values(row)
        yield int(values[0]), values[1], int(values[2]), str(values[3]), bytes(values[4])


def _check_snapshots(ledger: Ledger, result: Reconciliation) -> None:
    """Every stored snapshot must carry a valid seal (an unsealed one, from a store older
    than the seals, is ignored when loading and not counted as a problem)."""
    snapshots: Any = ledger.service.snapshots
    seal: Any = getattr(ledger.service, "snapshot_seal", None)
    if snapshots is None or seal is None:
        return
    recorder: Any = snapshots.recorder
    table = str(recorder.events_table_name)
    if hasattr(recorder.datastore, "schema"):
        table = f'"{recorder.datastore.schema}"."{table}"'
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(f"SELECT originator_id, originator_version, topic, state FROM {table} "
                       "ORDER BY originator_id, originator_version")
        rows = cursor.fetchall()
    for row in rows:
        originator_id, version, topic, state = _values(row)
        uuid = originator_id if isinstance(originator_id, UUID) else UUID(str(originator_id))
        verdict = seal.check(uuid, int(version), str(topic), bytes(state))
        if verdict is None:
            continue  # unsealed: ignored on load
        result.snapshots += 1
        if not verdict:
            result.add(Problem(SNAPSHOT, originator_id=str(uuid), version=int(version)))


# -- keeping the latest result ------------------------------------------------------------------


def save(ledger: Ledger, result: Reconciliation) -> None:
    """Keep `result` as its checker's latest (replacing the one before)."""
    table = ledger.store.table("reconciliations")
    with ledger.store.write() as sql:
        sql.execute(f"INSERT INTO {table} (checker, result) VALUES (?, ?) ON CONFLICT (checker) "
                    "DO UPDATE SET result = excluded.result", (result.checker, result.to_json()))


def latest(ledger: Ledger) -> list[Reconciliation]:
    """The latest result of each checker that has run."""
    with ledger.store.read() as sql:
        rows = sql.execute(f"SELECT result FROM {ledger.store.table('reconciliations')} "
                           "ORDER BY checker").fetchall()
    return [Reconciliation.from_json(str(row[0])) for row in rows]


def latest_problems(ledger: Ledger) -> list[Problem]:
    """Every problem of the checkers' latest results, each named once."""
    seen: dict[tuple[Any, ...], Problem] = {}
    for result in latest(ledger):
        for problem in result.problems:
            seen.setdefault(_key(problem), problem)
    return list(seen.values())


def _key(problem: Problem) -> tuple[Any, ...]:
    return (problem.kind, problem.notification_id, problem.originator_id, problem.version,
            problem.table)


def health_problems(ledger: Ledger) -> list[str]:
    """For /healthz: one line per kind of problem, with a count and the first id."""
    lines = []
    for result in latest(ledger):
        if not result.ok:
            first = result.problems[0].describe() if result.problems else ""
            what = ("view tables differ from a rebuild" if result.checker == "views"
                    else "events or snapshots not accounted for by the log")
            lines.append(f"log: {result.problem_count} {what} ({result.checker} check at "
                         f"{result.checked_at}; first: {first})")
    return lines


# -- helpers ------------------------------------------------------------------------------------


def stamped(result: Reconciliation) -> Reconciliation:
    result.checked_at = datetime.now(UTC).isoformat(timespec="seconds")
    return result


def _id_column(ledger: Ledger) -> str:
    recorder: Any = ledger.service.recorder
    return "notification_id" if hasattr(recorder.datastore, "schema") else "rowid"


def _events_cursor(ledger: Ledger) -> Any:
    recorder: Any = ledger.service.recorder
    return recorder.datastore.transaction(commit=False)


def _values(row: Any) -> tuple[Any, ...]:
    """A row of either backend's cursor (SQLite rows and PostgreSQL dicts) as a tuple."""
    return tuple(row.values()) if isinstance(row, dict) else tuple(row)
