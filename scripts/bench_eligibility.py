"""How long the eligibility list of a promotion period takes: for each government of a store
and for all of them (the whole demo), read cold (a fresh service: every record from the store)
and again warm (the records in the service's cache).

    .venv/bin/python scripts/bench_eligibility.py DATA_DIR [--tmt 2027-01-01 ...] [--json FILE]
    .venv/bin/python scripts/bench_eligibility.py --generate [--employees 2000] [--years 10]
                                                  [--seed 1] [--today 2026-12-06]

DATA_DIR holds a store (e.g. a demo made with `rekam demo`); its views are caught up first.
`--tmt` (repeatable) defaults to the first promotion date after today. Nothing is written
to the store.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from domain.regulations import next_promotion_date
from projections.stores.backend import Backend, open_service
from projections.views.hr_queries import Scope
from projections.views.promotion_periods import eligibility
from projections.views.runner import Projections
from web.loaders.demo import load_demo


def _timed(backend: Backend, tmt_on: date, scope: Scope) -> dict[str, Any]:
    """One scope's list read cold (a service of its own: every record from the store), then
    warm (the records in that service's cache)."""
    service = open_service(backend)
    projections = Projections.open(service, backend)
    try:
        started = time.perf_counter()
        lines = eligibility(projections, service, tmt_on, scope)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        eligibility(projections, service, tmt_on, scope)
        warm = time.perf_counter() - started
    finally:
        projections.close()
        service.close()
    return {"lines": len(lines), "cold_s": round(cold, 3), "warm_s": round(warm, 3),
            "standing": dict(Counter(line.standing.value for line in lines))}


def _governments(backend: Backend) -> list[tuple[str, str]]:
    service = open_service(backend)
    projections = Projections.open(service, backend)
    try:
        projections.catch_up()
        table = projections.views["organisation"].table("governments")
        with projections.store.read() as sql:
            return [(r["id"], r["code"]) for r in sql.execute(
                f"SELECT id, code FROM {table} ORDER BY code").fetchall()]
    finally:
        projections.close()
        service.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", type=Path, nargs="?")
    parser.add_argument("--generate", action="store_true")
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--tmt", type=date.fromisoformat, action="append",
                        help="a period's TMT (repeat for several)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if (args.data_dir is None) == (not args.generate):
        parser.error("give DATA_DIR or --generate")
    tmts = args.tmt or [next_promotion_date(args.today)]
    with tempfile.TemporaryDirectory(prefix="bench-eligibility-") as scratch:
        data_dir = args.data_dir or Path(scratch)
        if args.generate:
            loaded = load_demo(data_dir, employees=args.employees, years=args.years,
                               seed=args.seed, today=args.today)
            print(f"demo generated: {int(loaded['events'])} events in "
                  f"{loaded['seconds']:.1f} s", file=sys.stderr)
        backend = Backend(data_dir=data_dir)
        scopes = {code: Scope(government_id=government_id)
                  for government_id, code in _governments(backend)}
        scopes["all governments"] = Scope()
        figures = {tmt_on.isoformat(): {name: _timed(backend, tmt_on, scope)
                                        for name, scope in scopes.items()}
                   for tmt_on in tmts}
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
