"""Time each job of the worker on an existing store, twice (the second run shows idempotence).

Usage: REKAM_DATA_DIR=var .venv/bin/python scripts/bench_jobs.py [--retention-days N]
The store is changed as the jobs change it (views, ledger, a checkpoint, alerts, erasures):
run it on a copy.
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from web import create_app
from web.jobs.registry import JOBS
from web.settings import get_settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--retention-days", type=int, default=None,
                        help="override REKAM_APPLICANT_RETENTION_DAYS")
    args = parser.parse_args()
    overrides = {}
    if args.retention_days is not None:
        overrides["REKAM_APPLICANT_RETENTION_DAYS"] = str(args.retention_days)
    app = create_app(overrides)
    settings = get_settings(app).jobs
    for attempt in (1, 2):
        for job in JOBS:
            started = time.perf_counter()
            with app.app_context():
                message = job.run(app, date.today(), settings)
            print(f"run {attempt}  {job.name:18s} {time.perf_counter() - started:8.2f} s  "
                  f"{message or 'nothing to do'}", flush=True)


if __name__ == "__main__":
    main()
