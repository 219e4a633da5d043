"""Benchmark of the public transparency side on a demo store: publishing and page times.

Usage (a store made by `rekam demo`, e.g. the full city demo that `scripts/run` loads):

    REKAM_DATA_DIR=var .venv/bin/python scripts/bench_transparency.py [--requests 200]

Publishes the past year if the store has no release yet (timed), counts the published and
hidden cells, then requests each main public page in-process with the Flask test client and
prints the median and 99th percentile server time per page.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from datetime import date
from pathlib import Path
from typing import Any

from projections.transparency.publication import publish_past_year
from web import create_app, get_releases, get_service
from web.settings import get_settings

PAGES = ("/", "/pemda/salatiga", "/pemda/salatiga/opd/disdik", "/pemda/salatiga/rekrutmen",
         "/rilis", "/metodologi", "/data/datapackage.json", "/data/cells.csv", "/feed.atom",
         "/feed.json")


def bench(requests: int) -> dict[str, Any]:
    app = create_app({"REKAM_DATA_DIR": os.environ.get("REKAM_DATA_DIR", "var")})
    store, figures = get_releases(app), dict[str, Any]()
    if not store.releases():
        started = time.perf_counter()
        stored = publish_past_year(get_service(app), store, date.today(),
                                   get_settings(app).jobs.publish_day)
        figures["publish_seconds"] = round(time.perf_counter() - started, 1)
        figures["releases_published"] = len(stored)
    cells = [v for r in store.current() for _, _, _, v in store.cells(r.id)]
    figures["cells_published"] = sum(v is not None for v in cells)
    figures["cells_hidden"] = sum(v is None for v in cells)
    client, pages = app.test_client(), {}
    for page in PAGES:
        client.get(page)  # warm the template and connection caches
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(page)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (page, response.status_code)
        times.sort()
        pages[page] = {"median_ms": round(statistics.median(times), 1),
                       "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))], 1)}
    figures["pages"] = pages
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    figures = bench(args.requests)
    text = json.dumps(figures, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
