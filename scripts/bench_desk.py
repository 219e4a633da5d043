"""Page times of the recruitment desk and the organisation pages, in-process (Flask test client).

    .venv/bin/python scripts/bench_desk.py DATA_DIR [--requests 100] [--json FILE]

DATA_DIR holds a demo with its accounts (`scripts/run` makes one in var/; for the city scale
`REKAM_DATA_DIR=DATA_DIR rekam demo --employees 2000 --years 10`). Pages are read as the HR
administrator of Salatiga; the review step dry-runs adding a unit and writes nothing.
Times include the views' catch-up check each page does, like the other HR page figures.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient
from tqdm import tqdm

from projections.views import hr_queries
from projections.views.recruitment import formation_funnels, rounds
from web import catch_up_views, create_app


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    app = create_app({"REKAM_DATA_DIR": str(args.data_dir)})
    client = app.test_client()
    page = client.get("/login")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.get_data(as_text=True))
    login = client.post("/login", data={"username": "hradmin.salatiga", "password": "demo",
                                        "csrf_token": token.group(1) if token else ""})
    if login.status_code != 302:
        sys.exit("could not log in as hradmin.salatiga/demo: load the demo with its accounts "
                 "(scripts/run, or `rekam demo`) into DATA_DIR first")
    projections = catch_up_views(app)
    government = hr_queries.government_by_code(projections, "salatiga")
    round_row = next(r for r in rounds(projections, government))
    funnel = formation_funnels(projections, round_id=round_row["id"])[0]
    agency = hr_queries.agency_by_code(projections, "salatiga", "disdik")
    assert agency is not None
    base = f"/hr/recruitment/rounds/{round_row['id']}"
    pages: dict[str, Callable[[], Any]] = {
        "recruitment index": lambda: client.get("/hr/recruitment/"),
        "round page": lambda: client.get(base),
        "formation page": lambda: client.get(f"{base}/formations/{funnel.id}"),
        "organisation page": lambda: client.get(f"/hr/agencies/{agency['id']}/organisation"),
        "add-unit review (dry run)": lambda: _review(
            client, f"/hr/agencies/{agency['id']}/organisation/unit-baru"),
    }
    figures: dict[str, Any] = {"applicants_in_round": funnel.applicants}
    for name, call in pages.items():
        figures.update(_time(name, call, args.requests))
    for name in pages:
        median, p99 = figures[f"{name} median_ms"], figures[f"{name} p99_ms"]
        print(f"{name:28} median {median:8.1f} ms   p99 {p99:8.1f} ms")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


def _review(client: FlaskClient, url: str) -> Any:
    """A review of a new unit: the command runs on the dry-run service and is abandoned."""
    form = client.get(url).get_data(as_text=True)
    version = re.search(r'name="version"[^>]*value="(\d+)"', form)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form)
    return client.post(url, data={"version": version.group(1) if version else "0",
                                  "csrf_token": token.group(1) if token else "",
                                  "code": "bench-unit", "name": "Unit Uji Kecepatan",
                                  "effective_on": date.today().isoformat(), "step": "review"})


def _time(name: str, call: Callable[[], Any], requests: int) -> dict[str, float]:
    first = call()
    reviewed = "review" not in name or b'data-testid="confirmation"' in first.data
    if first.status_code != 200 or not reviewed:
        sys.exit(f"{name}: HTTP {first.status_code}, not the expected page")
    timings = []
    for _ in tqdm(range(requests), desc=name, file=sys.stderr):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {f"{name} median_ms": round(statistics.median(timings), 1),
            f"{name} p99_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.99))], 1)}


if __name__ == "__main__":
    raise SystemExit(main())
