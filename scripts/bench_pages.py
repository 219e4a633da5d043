"""Server time of public pages: Flask's test client in one process, the page cache off.

    REKAM_DATA_DIR=<store> .venv/bin/python scripts/bench_pages.py [--gets N] PATH...

Each path is asked once (templates compiled, views caught up), then N times (60 unless told);
prints the median and p99 in milliseconds. No network, no other process: the figure is the
app's own time, on whatever else the machine's cores are doing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from web import create_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--gets", type=int, default=60)
    args = parser.parse_args()
    os.environ["REKAM_PAGE_CACHE_MB"] = "0"
    app = create_app({"REKAM_PAGE_CACHE_MB": "0"})
    client = app.test_client()
    for path in args.paths:
        status = client.get(path).status_code
        if status != 200:
            raise SystemExit(f"{path}: {status}")
        times = []
        for _ in range(args.gets):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(f"{path}: median {statistics.median(times):.1f} ms, p99 {p99:.1f} ms "
              f"({args.gets} GETs)")


if __name__ == "__main__":
    main()
