"""Utility and risk of everything public on a store: the figures of docs/DISCLOSURE.md.

Usage (a store made by `rekam demo`, releases published):

    REKAM_DATA_DIR=var .venv/bin/python scripts/disclosure_audit.py [--requests 20] [--json F]

Prints, as JSON:
- cells published and hidden in the current releases, overall and per table, and how many
  invariant cells (headcount per agency by employment type) are hidden;
- the interval audit (projections/transparency/audit.py) over every release still public,
  both policies and corrections included: hidden cells recoverable exactly, hidden cells whose
  feasible interval is narrower than the threshold, sensitive ones among them;
- stock cells published in two months of one government that differ by 1 to threshold-1;
- yearly sensitive rows that two public releases publish with different figures;
- the attacker with the private roster (who works where, who left when, who was rated): the
  people whose sensitive attribute (performance class, dismissal or death) the releases tell,
  and the leavers whose separation type they tell;
- all over what is public now: the tables a release withdrew once corrected are left out,
  unless `--as-published` (what whoever copied them before the withdrawal still holds);
- public pages and files that show "<10", and the server time of the main public pages.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from flask import Flask

from projections.transparency.attack import (
    attack,
    audit,
    cell_figures,
    differences,
    yearly_differences,
)
from projections.transparency.computed import INVARIANT_TABLE
from projections.transparency.disclosure import THRESHOLD, TOTAL
from projections.transparency.store import ReleaseStore
from web import create_app, get_releases, get_service


def public_urls(store: ReleaseStore) -> list[str]:
    urls = ["/", "/?lang=en", "/rilis", "/metodologi", "/data", "/data/datapackage.json",
            "/feed.atom", "/feed.json", "/data/cells.csv", "/data/releases.csv",
            "/data/headcount.csv"]
    for release in {r.government: r for r in store.current()[::-1]}.values():
        urls += [f"/pemda/{release.government}", f"/pemda/{release.government}/rekrutmen"]
        rows = {r for _, r, _, _ in store.cells(release.id, INVARIANT_TABLE)} - {TOTAL}
        urls += [f"/pemda/{release.government}/opd/{row}" for row in sorted(rows)]
    return urls


def ranges_shown(app: Flask, store: ReleaseStore) -> dict[str, Any]:
    client, found = app.test_client(), []
    for url in public_urls(store):
        response = client.get(url)
        if response.status_code != 200:
            continue
        body = response.get_data(as_text=True)
        if f"<{THRESHOLD}" in body or f"&lt;{THRESHOLD}" in body:
            found.append(url)
    return {"pages_and_files_showing_<10": len(found), "examples": found[:5]}


def timings(app: Flask, store: ReleaseStore, requests: int) -> dict[str, Any]:
    government = sorted({r.government for r in store.current()})[0]
    client, pages = app.test_client(), dict[str, Any]()
    for page in ("/", f"/pemda/{government}", "/data"):
        started = time.perf_counter()
        if client.get(page).status_code != 200:
            pages[page] = "missing"
            continue
        first = (time.perf_counter() - started) * 1000
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(page)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        pages[page] = {"first_ms": round(first, 1), "median_ms": round(statistics.median(times), 2),
                       "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))], 2)}
    return pages  # first: rendered; median and p99: served by the page cache


def run(data_dir: str, requests: int, step: Callable[[str], None],
        as_published: bool = False) -> dict[str, Any]:
    app = create_app({"REKAM_DATA_DIR": data_dir})
    store = get_releases(app)
    figures: dict[str, Any] = {"measured_on": date.today().isoformat()}
    step("cells")
    figures["cells"] = cell_figures(store)
    step("interval audit")
    started = time.perf_counter()
    figures["audit"], found = audit(store, as_published=as_published)
    figures["audit"]["seconds"] = round(time.perf_counter() - started, 1)
    figures["differences"] = differences(store)
    figures["yearly_rows"] = yearly_differences(store)
    step("attacker with the roster")
    figures["attack"] = attack(get_service(app), store, found, as_published=as_published)
    step("pages")
    figures["ranges"] = ranges_shown(app, store)
    fresh = create_app({"REKAM_DATA_DIR": data_dir})  # an empty page cache: first = uncached
    figures["server_ms"] = timings(fresh, get_releases(fresh), requests)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=20, help="requests per page timed")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--as-published", action="store_true",
                        help="audit and attack the withdrawn tables too: what whoever copied "
                             "them before the withdrawal still holds")
    args = parser.parse_args()
    figures = run(os.environ.get("REKAM_DATA_DIR", "var"), args.requests,
                  lambda stage: print(f"... {stage}", flush=True), args.as_published)
    text = json.dumps(figures, indent=2, default=str)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
