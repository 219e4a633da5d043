"""Benchmarks of Rekam Jejak, run by scripts/bench; prints a table and writes JSON.

Figures are measured in one run on one machine, so ratios against plain database inserts of
the same size are the numbers to compare across machines.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from bench_province import REBUILD_CHILD  # scripts/ is on the path when run as a script
from bench_recruitment import bench_round
from tqdm import tqdm

from domain.checks import PersonInput
from domain.personnel_service import PersonnelService
from domain.values import (
    Actor,
    Education,
    EmployeeStatus,
    EmploymentType,
    Expectation,
    Grade,
    JpHours,
    PositionType,
    Role,
    Sex,
    TopicTag,
    TrainingType,
)
from projections.stores.backend import Backend, open_service
from projections.views.history import employee_state
from projections.views.runner import Projections, default_workers
from web.loaders.demo import load_demo

SCALES = {
    "small": {"employees": 200, "years": 3},
    "city": {"employees": 2000, "years": 10},
    "million": {"employees": 23000, "years": 10},  # about one million events
    "province": {"employees": 100_000, "years": 30},  # built by tiling: scripts/bench_province.py
}
REPEATS = 3  # rebuilds (each after a raw read) whose median rates are reported
ACTOR = Actor("bench", Role.HR_OFFICER)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=sorted(SCALES), default="city")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--commands", type=int, default=1000,
                        help="actions to record one per transaction")
    parser.add_argument("--ledger-only", action="store_true",
                        help="only the verifiable-log figures (demo store, then synthetic logs)")
    parser.add_argument("--ledger-leaves", type=int, default=10_000_000,
                        help="leaves of the synthetic tree the inclusion proofs are timed on")
    parser.add_argument("--verify-entries", type=int, default=1_000_000,
                        help="entries of the synthetic export the offline verifier checks")
    parser.add_argument("--province-base", type=Path,
                        help="province: reuse this data directory's store as the base demo")
    parser.add_argument("--work-dir", type=Path,
                        help="province: keep the stores here instead of a temporary directory")
    args = parser.parse_args()
    figures: dict[str, Any] = {"scale": args.scale, **SCALES[args.scale]}
    if args.scale == "province":
        return _province(args, figures)
    with tempfile.TemporaryDirectory(prefix="rekam-bench-") as tmp:
        backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
        for kind in backends:
            backend = _backend(kind, Path(tmp) / kind)
            if backend is None:
                print(f"PostgreSQL not available: skipping the {kind} figures", file=sys.stderr)
                continue
            if args.ledger_only:
                figures.update(_bench_ledger_follow(kind, backend, SCALES[args.scale]))
            else:
                figures.update(_bench_backend(kind, backend, args))
        figures.update(_bench_ledger_synthetic(Path(tmp), args))
    _print_table(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


def _province(args: argparse.Namespace, figures: dict[str, Any]) -> int:
    """SQLite only; the figures are saved after every step (the run takes long)."""
    from bench_province import bench_province

    def save(found: dict[str, Any]) -> None:
        if args.json:
            args.json.write_text(json.dumps(found, indent=2) + "\n")

    if args.work_dir:
        args.work_dir.mkdir(parents=True, exist_ok=True)
        bench_province(args.work_dir, figures, save, args.province_base)
    else:
        with tempfile.TemporaryDirectory(prefix="rekam-province-") as tmp:
            bench_province(Path(tmp), figures, save, args.province_base)
    _print_table(figures)
    return 0


def _backend(kind: str, data_dir: Path) -> Backend | None:
    if kind == "sqlite":
        return Backend(kind="sqlite", data_dir=data_dir)
    env = os.environ
    if not env.get("REKAM_TEST_PG_PORT"):
        return None
    import psycopg

    schema = f"bench_{random.getrandbits(32):08x}"
    conninfo: dict[str, Any] = {
        "host": env["REKAM_TEST_PG_HOST"], "port": env["REKAM_TEST_PG_PORT"],
        "user": env["REKAM_TEST_PG_USER"], "password": env.get("REKAM_TEST_PG_PASSWORD", ""),
        "dbname": env["REKAM_TEST_PG_DBNAME"]}
    with psycopg.connect(**conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return Backend(kind="postgres", data_dir=data_dir, postgres={
        "POSTGRES_HOST": conninfo["host"], "POSTGRES_PORT": conninfo["port"],
        "POSTGRES_USER": conninfo["user"], "POSTGRES_PASSWORD": conninfo["password"],
        "POSTGRES_DBNAME": conninfo["dbname"], "POSTGRES_SCHEMA": schema})


def _bench_backend(kind: str, backend: Backend, args: argparse.Namespace) -> dict[str, Any]:
    scale = SCALES[args.scale]
    out: dict[str, Any] = {}
    bar = tqdm(total=100, desc=f"{kind}: demo", unit="%", file=sys.stderr)

    def progress(stage: str, done: int, total: int) -> None:
        share = (0, 30) if stage == "staff" else (30, 70)
        bar.n = share[0] + share[1] * done // max(total, 1)
        bar.refresh()

    result = load_demo(backend=backend, progress=progress, employees=scale["employees"],
                       years=scale["years"])
    bar.close()
    out[f"{kind}_demo_events"] = int(result["events"])
    out[f"{kind}_demo_seconds"] = round(result["seconds"], 1)
    service = open_service(backend)
    try:
        out.update(_record_rate(kind, service, args.commands))
        size = _mean_event_size(service)
        out[f"{kind}_event_bytes_mean"] = size
        raw = _raw_sqlite(args.commands, size) if kind == "sqlite" else _raw_postgres(
            backend, args.commands, size)
        out[f"{kind}_raw_rows_per_s"] = raw
        out[f"{kind}_record_ratio_raw"] = round(out[f"{kind}_record_cmds_per_s"] / raw, 3)
        out.update(_bench_projections(kind, backend, service))
        out.update(bench_round(kind, service))
    finally:
        service.close()
    if kind == "sqlite":  # the headline keys are the embedded backend's figures
        out["record_cmds_per_s"] = out["sqlite_record_cmds_per_s"]
        out["record_ratio_raw"] = out["sqlite_record_ratio_raw"]
        out["peak_rss_mb"] = out["rebuild_peak_rss_mb"]
        out.update(_bench_import(backend))
    out.update(_bench_web(kind, backend))
    return out


def _bench_import(backend: Backend) -> dict[str, Any]:
    """`rekam export` of the demo store, then `rekam import` into an empty SQLite store."""
    from projections.ledger.follower import DEFAULT_ORIGIN, Ledger, LogSettings
    from projections.ledger.portability import export_store, import_store

    work = backend.data_dir.parent / "import"
    work.mkdir()
    service = open_service(backend)
    ledger = Ledger.open(service, backend, LogSettings(DEFAULT_ORIGIN, work / "source.key"))
    with (work / "export.jsonl").open("w", encoding="utf-8") as out:
        exported = export_store(ledger, out)
    ledger.close()
    service.close()
    target = Backend(kind="sqlite", data_dir=work / "target")
    service = open_service(target)
    ledger = Ledger.open(service, target, LogSettings(DEFAULT_ORIGIN, work / "target.key"))
    projections = Projections.open(service, target)
    marks: dict[str, float] = {}
    bar = tqdm(desc="sqlite: import the export", unit=" events", file=sys.stderr)

    def progress(stage: str, done: int, total: int) -> None:
        marks[stage] = time.perf_counter()
        bar.total = total
        bar.set_postfix_str(stage)
        bar.n = done
        bar.refresh()

    try:
        import_store(service, ledger, projections, work / "export.jsonl", rebuild=False,
                     progress=progress)
    finally:
        bar.close()
        projections.close()
        ledger.close()
        service.close()
    return {"import_events": exported.entries,
            "import_events_per_s": round(exported.entries / (marks["events"] - marks["verify"]),
                                         1)}


def _bench_web(kind: str, backend: Backend) -> dict[str, Any]:
    from bench_web import bench_web

    from web import create_app
    from web.accounts.demo import ensure_demo_accounts

    env = {"REKAM_BACKEND": kind, "REKAM_DATA_DIR": str(backend.data_dir), **backend.postgres}
    app = create_app({"TESTING": True, **env})
    try:
        ensure_demo_accounts(app)
    finally:
        for key in ("rekam_accounts", "rekam_projections", "rekam_service"):
            opened = app.extensions.pop(key, None)
            if opened is not None:
                opened.close()
    figures = bench_web(kind, env)
    return {k if kind == "sqlite" else f"{kind}_{k}": v for k, v in figures.items()}


def _bench_projections(kind: str, backend: Backend, service: PersonnelService
                       ) -> dict[str, Any]:
    """Rebuild of every view, one-event catch-up, and as-of reads of one employee."""
    projections = Projections.open(service, backend)
    prefix = "" if kind == "sqlite" else f"{kind}_"
    try:
        # As `rekam rebuild` runs: a process of its own (a fork of this big benchmark process
        # would copy pages as its children touched them), with one process per core. The
        # machine's speed drifts between runs, so the raw read (SQLite only) is measured just
        # before each rebuild, and each figure is the median of REPEATS such pairs.
        workers = default_workers()
        runs, raws = [], []
        for _ in tqdm(range(REPEATS), desc=f"{kind}: rebuild all views", file=sys.stderr):
            if kind == "sqlite":
                raws.append(_raw_read_decode(backend.data_dir / "events.sqlite"))
            runs.append(_rebuild_in_child(backend, workers))
        rates = [run["events"] / run["seconds"] for run in runs]
        middle = runs[sorted(range(len(rates)), key=rates.__getitem__)[len(rates) // 2]]
        out: dict[str, Any] = {
            f"{prefix}rebuild_events_per_s": round(statistics.median(rates), 1),
            f"{prefix}rebuild_runs_events_per_s": [round(rate, 1) for rate in rates],
            f"{prefix}rebuild_workers": workers,
            f"{prefix}rebuild_worker_peaks_mb": [
                round(peak, 1) for peak in middle["worker_peaks_mb"]]}
        # One process alone: its rate, and the peak memory of a rebuild without helpers.
        child = _rebuild_in_child(backend, 1)
        out[f"{prefix}rebuild_one_process_events_per_s"] = round(
            child["events"] / child["seconds"], 1)
        out[f"{prefix}rebuild_peak_rss_mb"] = round(child["peak_rss_mb"], 1)
        if kind == "sqlite":
            out["raw_read_decode_events_per_s"] = statistics.median(raws)
            out["raw_read_decode_runs_events_per_s"] = raws
            out["rebuild_ratio_raw"] = round(statistics.median(
                rate / raw for rate, raw in zip(rates, raws, strict=True)), 3)
            out["rebuild_one_process_ratio_raw"] = round(
                out["rebuild_one_process_events_per_s"] / statistics.median(raws), 3)
        employees = _active_employees(service)
        rng = random.Random(3)
        timings = []
        for _ in range(300):
            employee_id = rng.choice(employees)
            on = date(2016, 1, 1) + timedelta(days=rng.randint(0, 3800))
            begin = time.perf_counter()
            employee_state(service, projections, employee_id, in_force_on=on)
            timings.append(time.perf_counter() - begin)
        out[f"{prefix}asof_p50_ms"] = round(statistics.median(timings) * 1000, 3)
        # As known at a past time: the record is read at that version from the store.
        known, lengths = [], []
        for _ in range(100):
            employee_id = rng.choice(employees)
            on = date(2016, 1, 1) + timedelta(days=rng.randint(0, 3800))
            at = datetime.now(UTC) - timedelta(days=rng.randint(0, 300))
            begin = time.perf_counter()
            found = employee_state(service, projections, employee_id, in_force_on=on,
                                   known_at=at)
            known.append(time.perf_counter() - begin)
            lengths.append(found.version if found else 0)
        out[f"{prefix}asof_known_p50_ms"] = round(statistics.median(known) * 1000, 3)
        out[f"{prefix}asof_known_events_median"] = int(statistics.median(lengths))
        out.update(_long_record_asof(prefix, service, projections, employees[0]))
        catchups = []
        for i in range(50):
            service.complete_training(employees[i % len(employees)],
                                      training_type=TrainingType.SEMINAR,
                                      title="Pelayanan Prima", hours_jp=JpHours(2),
                                      topics=(TopicTag.PUBLIC_SERVICE_COMMUNICATION,),
                                      effective_on=date.today(), actor=ACTOR)
            begin = time.perf_counter()
            projections.catch_up()
            catchups.append(time.perf_counter() - begin)
        out[f"{prefix}catchup_one_ms"] = round(statistics.median(catchups) * 1000, 2)
        return out
    finally:
        projections.close()


def _long_record_asof(prefix: str, service: PersonnelService, projections: Projections,
                      colleague: Any) -> dict[str, Any]:
    """As-of reads of one employee with 30 years of recorded history (about 150 events)."""
    agency_id = service.get_employee(colleague).state.agency_id
    assert agency_id is not None
    agency = service.get_agency(agency_id)
    unit_id = next(iter(agency.units))
    start = date(date.today().year - 30, 1, 1)
    position = service.establish_position(
        agency_id=agency_id, unit_id=unit_id, title="Staf Ahli Bupati (bench)",
        position_type=PositionType.JPT_PRATAMA, lowest=Grade("IV/a"), highest=Grade("IV/e"),
        effective_on=start, actor=ACTOR)
    employee_id = service.open_record(
        person=PersonInput("Pegawai Tiga Puluh Tahun", f"19600505{start.year - 5}011001",
                           date(1960, 5, 5), Sex.MALE),
        employment_type=EmploymentType.PNS, status=EmployeeStatus.PNS, agency_id=agency_id,
        unit_id=unit_id, education=Education.S2, grade=Grade("IV/a"), grade_since=start,
        appointed_on=date(start.year - 5, 1, 1), probation_passed_on=date(start.year - 4, 1, 1),
        prior_ratings=(), effective_on=start, actor=ACTOR, legal_basis=None)
    service.assign_position(employee_id, position_id=position, effective_on=start, actor=ACTOR,
                            legal_basis=None)
    for year in range(start.year, start.year + 30):
        for month in (2, 5, 8, 11):
            service.complete_training(employee_id, training_type=TrainingType.SEMINAR,
                                      title="Forum Kebijakan", hours_jp=JpHours(6), topics=(),
                                      effective_on=date(year, month, 10), actor=ACTOR)
        service.record_appraisal(employee_id, year=year, work_result=Expectation.AS_EXPECTED,
                                 behaviour=Expectation.AS_EXPECTED, rater_id=None,
                                 effective_on=date(year + 1, 1, 20), actor=ACTOR)
    projections.catch_up()
    events = service.get_employee(employee_id).version
    rng = random.Random(5)
    warm, known = [], []
    for _ in range(300):
        on = start + timedelta(days=rng.randint(0, 30 * 365))
        begin = time.perf_counter()
        employee_state(service, projections, employee_id, in_force_on=on)
        warm.append(time.perf_counter() - begin)
    for _ in range(100):
        on = start + timedelta(days=rng.randint(0, 30 * 365))
        begin = time.perf_counter()
        employee_state(service, projections, employee_id, in_force_on=on,
                       known_at=datetime.now(UTC))
        known.append(time.perf_counter() - begin)
    return {f"{prefix}asof_30y_events": events,
            f"{prefix}asof_30y_p50_ms": round(statistics.median(warm) * 1000, 3),
            f"{prefix}asof_30y_known_p50_ms": round(statistics.median(known) * 1000, 3)}


def _rebuild_in_child(backend: Backend, workers: int) -> dict[str, Any]:
    """Rebuild every view in a fresh process (with `workers` processes filling the rows)."""
    import subprocess

    env = {"REKAM_BACKEND": backend.kind, "REKAM_DATA_DIR": str(backend.data_dir),
           **backend.postgres}
    result = subprocess.run([sys.executable, "-c", REBUILD_CHILD, json.dumps(env),
                             str(workers)],
                            check=True, capture_output=True, text=True)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def _raw_read_decode(path: Path) -> float:
    """Plain sqlite3: read every stored event and JSON-decode it (the floor for a rebuild)."""
    conn = sqlite3.connect(path)
    started = time.perf_counter()
    count = 0
    for (state,) in conn.execute("SELECT state FROM stored_events ORDER BY rowid"):
        json.loads(state)
        count += 1
    elapsed = time.perf_counter() - started
    conn.close()
    return round(count / elapsed, 1)


def _record_rate(kind: str, service: PersonnelService, commands: int) -> dict[str, Any]:
    """One action per transaction through the service, rules checked, as HR would record."""
    employees = _active_employees(service)[:commands]
    rng = random.Random(7)
    latencies = []
    on = date.today() - timedelta(days=1)
    started = time.perf_counter()
    for i in tqdm(range(commands), desc=f"{kind}: one action per transaction",
                  file=sys.stderr):
        begin = time.perf_counter()
        service.complete_training(employees[i % len(employees)],
                                  training_type=TrainingType.E_LEARNING,
                                  title="Keamanan Informasi", hours_jp=JpHours(rng.choice((2, 4))),
                                  topics=(TopicTag.DIGITAL,), effective_on=on, actor=ACTOR)
        latencies.append(time.perf_counter() - begin)
    elapsed = time.perf_counter() - started
    return {f"{kind}_record_cmds_per_s": round(commands / elapsed, 1),
            f"{kind}_record_p50_ms": round(statistics.median(latencies) * 1000, 2),
            f"{kind}_record_p99_ms": round(sorted(latencies)[int(len(latencies) * 0.99)] * 1000,
                                           2)}


def _active_employees(service: PersonnelService) -> list[Any]:
    from domain.employee import Employee

    topics = tuple(f"{Employee.__module__}:Employee.{name}"
                   for name in ("Appointed", "RecordOpened"))
    ids = [UUID(str(n.originator_id))
           for n in service.recorder.select_notifications(1, 1_000_000, topics=topics)]
    return [i for i in ids if service.get_employee(i).state.is_active]


def _mean_event_size(service: PersonnelService) -> int:
    notifications = service.recorder.select_notifications(1, 5000)
    return int(statistics.mean(len(n.state) for n in notifications))


def _raw_sqlite(rows: int, size: int) -> float:
    """Plain sqlite3, WAL, one INSERT per transaction: the floor the disk sets."""
    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(Path(tmp) / "raw.sqlite", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, topic TEXT, state BLOB)")
        payload = os.urandom(size)
        started = time.perf_counter()
        for _ in range(rows):
            conn.execute("BEGIN")
            conn.execute("INSERT INTO t (topic, state) VALUES (?, ?)", ("raw", payload))
            conn.execute("COMMIT")
        elapsed = time.perf_counter() - started
        conn.close()
    return round(rows / elapsed, 1)


def _raw_postgres(backend: Backend, rows: int, size: int) -> float:
    import psycopg

    schema = backend.postgres["POSTGRES_SCHEMA"]
    payload = os.urandom(size)
    with psycopg.connect(backend.postgres_conninfo(), autocommit=True) as conn:
        conn.execute(f'CREATE TABLE "{schema}".raw (id bigserial PRIMARY KEY, topic text, '
                     "state bytea)")
        started = time.perf_counter()
        for _ in range(rows):
            conn.execute(f'INSERT INTO "{schema}".raw (topic, state) VALUES (%s, %s)',
                         ("raw", payload))
        elapsed = time.perf_counter() - started
    return round(rows / elapsed, 1)


# -- the verifiable log (issue 7) --------------------------------------------------------------


def _bench_ledger_follow(kind: str, backend: Backend, scale: dict[str, int]) -> dict[str, Any]:
    """Load the demo, then append it to a fresh ledger: the follower's end-to-end rate (with
    its cheap reconciliation); then the cheap and the full reconciliation on their own."""
    from projections.ledger import reconcile
    from projections.ledger.follower import DEFAULT_ORIGIN, Ledger, LogSettings

    load_demo(backend=backend, employees=scale["employees"], years=scale["years"])
    service = open_service(backend)
    try:
        ledger = Ledger.open(service, backend, LogSettings(DEFAULT_ORIGIN,
                                                           backend.data_dir / "bench.key"))
        started = time.perf_counter()
        events = ledger.catch_up()
        elapsed = time.perf_counter() - started
        started = time.perf_counter()
        cheap = reconcile.check_counts(ledger)
        cheap_s = time.perf_counter() - started
        started = time.perf_counter()
        full = reconcile.reconcile(ledger)
        full_s = time.perf_counter() - started
        ledger.close()
        assert cheap.ok and full.ok, (cheap.summary(), full.summary())
        return {f"{kind}_ledger_follow_events": events,
                f"{kind}_ledger_follow_events_per_s": round(events / elapsed, 1),
                f"{kind}_reconcile_counts_ms": round(cheap_s * 1000, 1),
                f"{kind}_reconcile_full_s": round(full_s, 2),
                f"{kind}_reconcile_full_events_per_s": round(full.stored / full_s, 1)}
    finally:
        service.close()


def _stored_samples(backend_dir: Path) -> list[tuple[Any, int, str, bytes]]:
    """Real stored events (ids, topics, encrypted state) to hash, from the first store found."""
    path = next(backend_dir.rglob("events.sqlite"), None)
    if path is None:
        rng = random.Random(1)
        return [(None, 1, "domain.employee:Employee.TrainingCompleted",
                 rng.randbytes(330)) for _ in range(1000)]
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT originator_id, originator_version, topic, state "
                        "FROM stored_events LIMIT 20000").fetchall()
    conn.close()
    return [(r[0], int(r[1]), str(r[2]), bytes(r[3])) for r in rows]


def _bench_ledger_synthetic(tmp: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Leaf hashing and tree update; proofs in a 10M-leaf tree; verifying a 1M-entry export."""
    from uuid import UUID, uuid4

    from projections.ledger.entry import canonical_bytes
    from projections.ledger.merkle import Frontier, leaf_hash

    samples = [(UUID(str(i)) if i else uuid4(), v, t, s) for i, v, t, s in _stored_samples(tmp)]
    count = 300_000
    frontier = Frontier()
    started = time.perf_counter()
    for n in range(count):
        originator, version, topic, state = samples[n % len(samples)]
        frontier.append(leaf_hash(canonical_bytes(originator, version + n, topic, state)))
    elapsed = time.perf_counter() - started
    out: dict[str, Any] = {"ledger_append_events_per_s": round(count / elapsed, 1),
                           "ledger_event_bytes_mean": int(statistics.mean(
                               len(s[3]) for s in samples))}
    out.update(_bench_inclusion_proofs(tmp / "ten-million", args.ledger_leaves))
    out.update(_bench_offline_verify(tmp / "export", args.verify_entries, samples))
    return out


def _bench_inclusion_proofs(data_dir: Path, leaves: int) -> dict[str, Any]:
    """Build a synthetic tree straight into a SQLite ledger, then time random proofs."""
    import hashlib

    from projections.ledger.follower import Ledger, LogSettings
    from projections.ledger.merkle import Frontier, verify_inclusion
    from projections.ledger.store import SQLiteLedgerStore

    store = SQLiteLedgerStore(data_dir / "ledger.sqlite")
    store.create()
    frontier = Frontier()
    started = time.perf_counter()
    chunk = 200_000
    with tqdm(total=leaves, desc=f"ledger: build {leaves:,}-leaf tree", unit=" leaves",
              file=sys.stderr) as bar:
        for begin in range(0, leaves, chunk):
            rows, nodes = [], []
            for position in range(begin, min(leaves, begin + chunk)):
                leaf = hashlib.sha256(position.to_bytes(8, "big")).digest()
                rows.append((position, position + 1, leaf))
                nodes.extend(frontier.append(leaf))
            with store.write() as sql:
                sql.executemany("INSERT INTO ledger_leaves VALUES (?, ?, ?)", rows)
                sql.executemany("INSERT INTO ledger_nodes VALUES (?, ?, ?)", nodes)
            bar.update(len(rows))
    built = time.perf_counter() - started
    ledger = Ledger(None, store, LogSettings("bench", data_dir / "k"))  # type: ignore[arg-type]
    root = ledger.root()
    assert root == frontier.root()
    rng = random.Random(11)
    timings = []
    for _ in range(2000):
        position = rng.randrange(leaves)
        asked = time.perf_counter()
        proof = ledger.inclusion_proof(position, leaves)
        timings.append(time.perf_counter() - asked)
        if len(timings) <= 50:
            verify_inclusion(position, leaves, ledger.leaf(position), proof, root)
    store.close()
    timings.sort()
    return {"ledger_tree_leaves": leaves, "ledger_tree_build_s": round(built, 1),
            "ledger_inclusion_proof_ms": round(statistics.median(timings) * 1000, 3),
            "ledger_inclusion_proof_p99_ms": round(timings[int(len(timings) * 0.99)] * 1000, 3)}


def _bench_offline_verify(data_dir: Path, entries: int,
                          samples: list[tuple[Any, int, str, bytes]]) -> dict[str, Any]:
    """A synthetic export of real stored event bytes (distinct ids), verified in a child."""
    import subprocess
    from uuid import UUID

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from projections.ledger.checkpoint import Checkpoint, VerifierKey, sign
    from projections.ledger.entry import LogEntry, canonical_bytes
    from projections.ledger.merkle import Frontier, leaf_hash

    data_dir.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    frontier, notes = Frontier(), []
    export = data_dir / "log.jsonl"
    with export.open("w") as out:
        for position in tqdm(range(entries), desc="ledger: write synthetic export",
                             file=sys.stderr):
            _, version, topic, state = samples[position % len(samples)]
            originator = UUID(int=position + 1)
            leaf = leaf_hash(canonical_bytes(originator, version, topic, state))
            frontier.append(leaf)
            out.write(LogEntry(position, position + 1, originator, version, topic, state,
                               leaf).to_json() + "\n")
            if frontier.size in (entries // 2, entries):
                notes.append(data_dir / f"checkpoint-{frontier.size}.txt")
                notes[-1].write_text(sign(Checkpoint("bench", frontier.size, frontier.root()),
                                          "bench", key))
    (data_dir / "key.txt").write_text(VerifierKey("bench", key.public_key()).encode())
    args = [sys.executable, "-m", "projections.ledger.verify", str(export),
            *[part for note in notes for part in ("--checkpoint", str(note))],
            "--public-key", str(data_dir / "key.txt")]
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return {"ledger_verify_entries": entries, "ledger_verify_export_mb": round(
                export.stat().st_size / 1e6, 1),
            "ledger_verify_1m_s": round(time.perf_counter() - started, 2)}


def _print_table(figures: dict[str, Any]) -> None:
    width = max(len(k) for k in figures)
    print(f"\n{'figure'.ljust(width)}  value")
    print(f"{'-' * width}  -----")
    for key, value in figures.items():
        print(f"{key.ljust(width)}  {value}")


if __name__ == "__main__":
    sys.exit(main())
