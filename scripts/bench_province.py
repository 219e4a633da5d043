"""Province-scale benchmark (100,000 employees × 30 years): built through the bulk import path.

Generating the province through the domain (the demo generator, one batch per month) runs at
about 1,300 events/s here, so 12 million events would take hours. Instead one city-sized
demo of 30 years (2,000 employees, through the domain rules) is exported and tiled into 50
copies: every aggregate id is remapped per copy (subject ids are kept, so the copies' personal
fields stay readable with the one vault), the leaves are hashed and a checkpoint is signed with
a throwaway key, and the file goes through `import_store`, the same bulk path as `rekam import`.
Then every view is rebuilt in a child process (with one process per core filling the rows);
the peak memory reported is the sum of every one of those processes' peaks.

Figures are written to the JSON file after every step, so a run stopped early keeps them.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import UUID

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tqdm import tqdm

from projections.ledger.checkpoint import Checkpoint, VerifierKey, sign
from projections.ledger.entry import canonical_bytes
from projections.ledger.follower import DEFAULT_ORIGIN, Ledger, LogSettings
from projections.ledger.merkle import Frontier, leaf_hash
from projections.ledger.portability import EXPORT_FORMAT, VERSION, export_store, import_store
from projections.stores.backend import Backend, count_events, open_service
from projections.views.runner import Projections, default_workers
from web.loaders.demo import load_demo

BASE = {"employees": 2000, "years": 30}
COPIES = 50
_UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Rebuild every view in a process of its own, as `rekam rebuild` runs: argv = backend settings
# (JSON), processes, and optionally a label for a progress bar on stderr. Peak memory is read
# from VmHWM: ru_maxrss survives exec, so a child of a big parent would report its peak.
REBUILD_CHILD = """
import json, sys, time
from tqdm import tqdm
from projections.stores.backend import open_service
from projections.views.runner import Projections, peak_rss_mb
from web.settings import Settings
backend = Settings.from_env(json.loads(sys.argv[1])).backend
service = open_service(backend)
projections = Projections.open(service, backend)
bar = (tqdm(desc=sys.argv[3], unit=" events", file=sys.stderr, mininterval=5)
       if len(sys.argv) > 3 else None)
def progress(position, head):
    bar.total = head
    bar.update(position - bar.n)
    bar.set_postfix_str(f"peak {peak_rss_mb():.0f} MB", refresh=False)
started = time.perf_counter()
events = projections.rebuild(progress=None if bar is None else progress,
                             workers=int(sys.argv[2]))
elapsed = time.perf_counter() - started
if bar is not None:
    bar.close()
# This process and the rebuild's own processes, each at its peak: an upper bound of the total.
print(json.dumps({"events": events, "seconds": elapsed, "peak_rss_mb": peak_rss_mb(),
                  "worker_peaks_mb": projections.worker_peaks_mb}))
"""


def bench_province(work: Path, figures: dict[str, Any],
                   save: Callable[[dict[str, Any]], None], base_dir: Path | None,
                   copies: int = COPIES) -> None:
    """Generate, tile, import and rebuild; `save` is called with the figures after each step."""
    province_export = work / "province.jsonl"
    if province_export.exists():  # a run stopped after tiling: start again from the import
        print(f"province: reusing {province_export}", file=sys.stderr)
        with province_export.open(encoding="utf-8") as lines:
            total = int(json.loads(lines.readline())["entries"])
        figures["province_events"] = total
    else:
        total = _generate(work, figures, save, base_dir, copies)
    target = Backend(kind="sqlite", data_dir=work / "province")
    service = open_service(target)
    ledger = Ledger.open(service, target, LogSettings(DEFAULT_ORIGIN, work / "target.key"))
    projections = Projections.open(service, target)
    marks: dict[str, float] = {}
    bars: dict[str, tqdm] = {}

    def progress(stage: str, done: int, total: int) -> None:
        marks[stage] = time.perf_counter()
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(desc=f"province: import {stage}", unit=" events",
                                     file=sys.stderr, mininterval=5)
        bar.total = total
        bar.update(done - bar.n)

    started = time.perf_counter()
    try:
        import_store(service, ledger, projections, province_export, rebuild=False,
                     progress=progress)
    finally:
        for bar in bars.values():
            bar.close()
        ledger.close()
        projections.close()
        service.close()
    figures["province_import_verify_events_per_s"] = round(
        total / (marks["verify"] - started), 1)
    figures["import_events_per_s"] = round(total / (marks["events"] - marks["verify"]), 1)
    figures["province_ledger_events_per_s"] = round(total / (marks["ledger"] - marks["events"]),
                                                    1)
    province_export.unlink()
    save(figures)

    workers = default_workers()
    run = subprocess.run([sys.executable, "-c", REBUILD_CHILD, json.dumps(
        {"REKAM_BACKEND": "sqlite", "REKAM_DATA_DIR": str(target.data_dir)}), str(workers),
        "province: rebuild all views"],
        check=True, stdout=subprocess.PIPE, text=True)
    child = json.loads(run.stdout.strip().splitlines()[-1])
    figures["rebuild_events_per_s"] = round(child["events"] / child["seconds"], 1)
    figures["rebuild_workers"] = workers
    figures["province_rebuild_s"] = round(child["seconds"], 1)
    figures["rebuild_process_peaks_mb"] = [round(child["peak_rss_mb"], 1)] + [
        round(peak, 1) for peak in child["worker_peaks_mb"]]
    figures["peak_rss_mb"] = round(sum(figures["rebuild_process_peaks_mb"]), 1)
    save(figures)


def _generate(work: Path, figures: dict[str, Any], save: Callable[[dict[str, Any]], None],
              base_dir: Path | None, copies: int) -> int:
    """The base demo (through the domain rules), exported and tiled into the province file."""
    base = Backend(kind="sqlite", data_dir=base_dir or work / "base")
    service = open_service(base)
    if not count_events(service):
        service.close()
        started = time.perf_counter()
        bar = tqdm(total=100, desc="province: base demo (domain rules)", unit="%",
                   file=sys.stderr)

        def generated(stage: str, done: int, total: int) -> None:
            share = (0, 30) if stage == "staff" else (30, 70)
            bar.n = share[0] + share[1] * done // max(total, 1)
            bar.refresh()

        loaded = load_demo(backend=base, progress=generated, employees=BASE["employees"],
                           years=BASE["years"])
        bar.close()
        figures["province_base_generation_s"] = round(time.perf_counter() - started, 1)
        figures["province_base_generation_events_per_s"] = round(
            loaded["events"] / figures["province_base_generation_s"], 1)
        service = open_service(base)
    figures["province_base_events"] = count_events(service)
    if "province_base_generation_events_per_s" in figures:
        figures["province_domain_generation_projected_h"] = round(
            figures["province_base_events"] * copies
            / figures["province_base_generation_events_per_s"] / 3600, 2)
    save(figures)

    base_export = work / "base.jsonl"
    ledger = Ledger.open(service, base, LogSettings(DEFAULT_ORIGIN, work / "base.key"))
    with base_export.open("w", encoding="utf-8") as out:
        export_store(ledger, out)
    subjects = {str(subject).encode() for subject, _ in service.vault.keys.rows()}  # type: ignore[attr-defined]
    ledger.close()
    service.close()

    started = time.perf_counter()
    province_export = work / "province.jsonl"
    total = tile(base_export, province_export, copies, subjects)
    figures["province_employees"] = BASE["employees"] * copies
    figures["province_years"] = BASE["years"]
    figures["province_events"] = total
    figures["province_tile_s"] = round(time.perf_counter() - started, 1)
    base_export.unlink()
    save(figures)

    return total


def tile(base_export: Path, out_path: Path, copies: int, subjects: set[bytes]) -> int:
    """Write `copies` copies of the base export's events with remapped ids, plus a header
    holding a checkpoint of the whole, signed with a throwaway key."""
    with base_export.open(encoding="utf-8") as lines:
        lines.readline()
        base = [json.loads(line) for line in lines]
    key = Ed25519PrivateKey.generate()
    frontier = Frontier()
    body = out_path.with_suffix(".body")
    with body.open("w", encoding="utf-8") as out, tqdm(
            total=len(base) * copies, desc="province: tile the base export", unit=" events",
            file=sys.stderr, mininterval=5) as bar:
        for copy in range(copies):
            mapped: dict[bytes, bytes] = {}

            def remap(match: re.Match[bytes], copy: int = copy,
                      mapped: dict[bytes, bytes] = mapped) -> bytes:
                old = match.group(0)
                if copy == 0 or old in subjects:
                    return old
                new = mapped.get(old)
                if new is None:
                    new = mapped[old] = str(UUID(int=UUID(old.decode()).int ^ (copy << 64))
                                            ).encode()
                return new

            for entry in base:
                originator = _UUID.sub(remap, entry["originator_id"].encode()).decode()
                state = _UUID.sub(remap, base64.b64decode(entry["state"]))
                leaf = leaf_hash(canonical_bytes(UUID(originator), entry["originator_version"],
                                                 entry["topic"], state))
                out.write(json.dumps({
                    "position": frontier.size, "notification_id": frontier.size + 1,
                    "originator_id": originator,
                    "originator_version": entry["originator_version"], "topic": entry["topic"],
                    "state": base64.b64encode(state).decode(),
                    "leaf_hash": base64.b64encode(leaf).decode()}, separators=(",", ":"))
                    + "\n")
                frontier.append(leaf)
            bar.update(len(base))
    origin = "bench.rekam-jejak.example/log"
    note = sign(Checkpoint(origin, frontier.size, frontier.root()), origin, key)
    header = {"format": EXPORT_FORMAT, "version": VERSION, "entries": frontier.size,
              "checkpoints": [{"tree_size": frontier.size, "note": note,
                               "verifier_key": VerifierKey(origin, key.public_key()).encode(),
                               "made_at": "2026-01-01T00:00:00+00:00"}]}
    part = out_path.with_suffix(".part")  # renamed when complete: a resumed run trusts it
    with part.open("w", encoding="utf-8") as out, body.open(encoding="utf-8") as lines:
        out.write(json.dumps(header) + "\n")
        for line in lines:
            out.write(line)
    body.unlink()
    part.rename(out_path)
    return frontier.size
