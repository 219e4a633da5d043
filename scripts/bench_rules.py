"""How well a store's histories keep the personnel rules: PNS outside their position's grade
range, and the rules each employee's history breaks when replayed through today's checks.

    .venv/bin/python scripts/bench_rules.py DATA_DIR [--json FILE]
    .venv/bin/python scripts/bench_rules.py --generate [--employees 2000] [--years 10]
                                            [--seed 1] [--today 2026-12-06]

DATA_DIR holds a store (e.g. a demo made with `rekam demo`); `--generate` first makes the
demo into a temporary directory with the current generator. The replay reads every employee
stream once; nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

from projections.rules_audit import audit_rules
from projections.stores.backend import Backend, open_service
from web.loaders.demo import load_demo


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", type=Path, nargs="?")
    parser.add_argument("--generate", action="store_true")
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if (args.data_dir is None) == (not args.generate):
        parser.error("give DATA_DIR or --generate")
    with tempfile.TemporaryDirectory(prefix="bench-rules-") as scratch:
        data_dir = args.data_dir or Path(scratch)
        if args.generate:
            loaded = load_demo(data_dir, employees=args.employees, years=args.years,
                               seed=args.seed, today=args.today)
            print(f"demo generated: {int(loaded['events'])} events in "
                  f"{loaded['seconds']:.1f} s", file=sys.stderr)
        service = open_service(Backend(data_dir=data_dir))
        try:
            figures = audit_rules(service)
        finally:
            service.close()
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
