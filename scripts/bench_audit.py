"""Page times of the audit workspace, in-process (Flask test client), on a demo store.

    .venv/bin/python scripts/bench_audit.py DATA_DIR [--requests 100] [--json FILE]

DATA_DIR holds a demo (`REKAM_DATA_DIR=DATA_DIR rekam demo --employees 2000 --years 10` for
the city scale); the script signs a checkpoint first. Every look-up page records an access
event, as in production, so run it on a copy of a store you care about. Times include the
views' catch-up check each page does, like the HR page figures.
"""

from __future__ import annotations

import argparse
import json
import random
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

from projections.ledger.follower import make_checkpoint
from projections.views import audit_queries, hr_queries
from web import catch_up_views, create_app, get_ledger


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--requests", type=int, default=100, help="requests per cheap page")
    parser.add_argument("--heavy", type=int, default=5,
                        help="requests of the whole-store pages (verify, bundle, export)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not (args.data_dir / "events.sqlite").exists():
        sys.exit(f"No demo in {args.data_dir}: run `REKAM_DATA_DIR={args.data_dir} "
                 "rekam demo --employees 2000 --years 10` first.")
    app = create_app({"REKAM_DATA_DIR": str(args.data_dir), "REKAM_FAST_HASHES": "1"})
    from web.accounts.demo import ensure_demo_accounts

    with app.app_context():
        ensure_demo_accounts(app)
        make_checkpoint(get_ledger(app))
        projections = catch_up_views(app)
        rows = hr_queries.search_roster(projections, hr_queries.Scope(),
                                        hr_queries.RosterQuery(status="all", per_page=200),
                                        date.today()).rows
        agencies = hr_queries.agencies(projections, hr_queries.Scope())
        recorder = max(audit_queries.recorded_per_user(projections), key=lambda r: r["n"])
    rng = random.Random(5)
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert found, "the login page has no CSRF token"
    token = found.group(1)
    client.post("/login", data={"username": "auditor", "password": "demo", "csrf_token": token})
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"',
                      client.get("/audit/log").get_data(as_text=True))
    assert found, "not logged in as the auditor"
    token = found.group(1)  # the session's token after login
    busiest = max(agencies, key=lambda a: a["active"])
    size = get_ledger(app).size()

    def pick() -> dict[str, Any]:
        return rng.choice(rows)

    pages: dict[str, tuple[Callable[[], str], int]] = {
        "search by NIP": (lambda: f"/audit/?q={pick()['nip']}", args.requests),
        "search by name": (lambda: f"/audit/?q={pick()['name'].split()[-1]}", args.requests),
        "employee history": (lambda: f"/audit/employees/{pick()['employee_id']}",
                             args.requests),
        "history as in force + as known": (
            lambda: f"/audit/employees/{pick()['employee_id']}?on=2020-01-01"
                    "&known_at=2022-01-01T00:00", args.requests),
        f"roster diff ({busiest['active']} active)": (
            lambda: f"/audit/agencies/{busiest['id']}/diff?from=2020-01-01&to=2024-01-01",
            max(5, args.requests // 10)),
        "per-user counts": (lambda: "/audit/users", args.requests),
        "user drill-down": (lambda: f"/audit/users/{recorder['actor_user']}", args.requests),
        "log page": (lambda: "/audit/log", args.requests),
        "inclusion proof": (lambda: f"/audit/log/proof?position={rng.randrange(size)}",
                            args.requests),
        "verify button (whole store)": (lambda: "POST /audit/log/verify", args.heavy),
        "export (whole store)": (lambda: "/audit/log/export.jsonl", args.heavy),
        "bundle (whole store)": (lambda: "/audit/log/bundle.zip", args.heavy),
    }
    figures: dict[str, Any] = {"events": size, "requests": args.requests}
    for name, (url_of, count) in pages.items():
        times = [_timed(client, url_of(), token) for _ in tqdm(range(count), desc=name,
                                                                file=sys.stderr, leave=False)]
        times.sort()
        figures[name] = {"median_ms": round(statistics.median(times) * 1000, 1),
                         "p99_ms": round(times[min(len(times) - 1,
                                                   int(len(times) * 0.99))] * 1000, 1),
                         "requests": count}
        print(f"{name:40} median {figures[name]['median_ms']:9.1f} ms   "
              f"p99 {figures[name]['p99_ms']:9.1f} ms   ({count} requests)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


def _timed(client: FlaskClient, url: str, token: str) -> float:
    started = time.perf_counter()
    if url.startswith("POST "):
        response = client.post(url[5:], data={"csrf_token": token})
    else:
        response = client.get(url)
    response.get_data()  # streamed bodies are timed to their last byte
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}")
    return elapsed


if __name__ == "__main__":
    sys.exit(main())
