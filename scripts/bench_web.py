"""Web figures under gunicorn on loopback: the public home page against a trivial Flask page,
and the p99 latency of the HR roster page for a logged-in HR administrator.

Both apps are served the same way (gunicorn, 2 workers × 4 threads) and loaded by the same
client: threads of plain `http.client`, a new connection per request, for the same duration.
The client shares the machine's cores with the server, so only the ratio is comparable.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Flask

GUNICORN = [str(Path(sys.executable).with_name("gunicorn")), "--workers", "2", "--threads", "4",
            "--log-level", "warning"]
CONCURRENCY, SECONDS = 8, 10.0
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def trivial() -> Flask:
    """The baseline: one route returning a short text (`gunicorn 'bench_web:trivial()'`)."""
    app = Flask("trivial")
    app.add_url_rule("/", "home", lambda: "ok")
    return app


def bench_web(kind: str, env: Mapping[str, str]) -> dict[str, Any]:
    """public_page_ratio_trivial and hr_page_p99_ms on the store described by `env`."""
    out: dict[str, Any] = {}
    with _gunicorn("web:create_app()", env) as port:
        _get(port, "/")  # opens the stores and catches the views up before timing
        public = _load(port, "/", f"{kind}: public home page under gunicorn")
        cookie = _login(port, "hradmin.salatiga", "demo")
        _get(port, "/hr/employees", cookie)
        roster = _load(port, "/hr/employees", f"{kind}: HR roster page under gunicorn",
                       cookie=cookie, concurrency=4)
    with _gunicorn("bench_web:trivial()", env) as port:
        baseline = _load(port, "/", "trivial Flask page under gunicorn")
    out["public_page_rps"] = public["rps"]
    out["trivial_page_rps"] = baseline["rps"]
    out["public_page_ratio_trivial"] = round(public["rps"] / baseline["rps"], 3)
    out["public_page_p50_ms"] = public["p50_ms"]
    out["hr_page_rps"] = roster["rps"]
    out["hr_page_p50_ms"] = roster["p50_ms"]
    out["hr_page_p99_ms"] = roster["p99_ms"]
    return out


@contextmanager
def _gunicorn(app: str, env: Mapping[str, str]) -> Iterator[int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    process = subprocess.Popen(
        [*GUNICORN, "--bind", f"127.0.0.1:{port}", "--pythonpath",
         str(Path(__file__).parent), app],
        env={**os.environ, **env, "REKAM_SECRET_KEY": "bench-only-secret-of-thirty-two-chars"},
        cwd=Path(__file__).parent.parent)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(port, "/healthz" if app.startswith("web") else "/")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start {app}") from None
                time.sleep(0.3)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _get(port: int, path: str, cookie: str | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _login(port: int, username: str, password: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/login")
    page = conn.getresponse()
    cookie = (page.getheader("Set-Cookie") or "").split(";", 1)[0]
    found = _CSRF.search(page.read().decode())
    if found is None:
        raise RuntimeError("no CSRF token on /login")
    body = urlencode({"username": username, "password": password,
                      "csrf_token": found.group(1)})
    conn.request("POST", "/login", body=body, headers={
        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    answer = conn.getresponse()
    answer.read()
    conn.close()
    if answer.status != 302:
        raise RuntimeError(f"login of {username} answered {answer.status}: load the demo "
                           "accounts (rekam demo creates them)")
    return (answer.getheader("Set-Cookie") or cookie).split(";", 1)[0]


def _load(port: int, path: str, label: str, cookie: str | None = None,
          concurrency: int = CONCURRENCY, seconds: float = SECONDS) -> dict[str, float]:
    """Requests per second and latencies of `concurrency` clients for `seconds`."""
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client() -> None:
        mine, bad = [], 0
        while time.perf_counter() < stop:
            began = time.perf_counter()
            status, _ = _get(port, path, cookie)
            if status != 200:
                bad += 1
            mine.append(time.perf_counter() - began)
        with lock:
            latencies.extend(mine)
            failures.append(bad)

    print(f"{label}: {concurrency} clients for {seconds:.0f} s", file=sys.stderr)
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if sum(failures):
        raise RuntimeError(f"{label}: {sum(failures)} requests did not answer 200")
    latencies.sort()
    return {"rps": round(len(latencies) / elapsed, 1),
            "p50_ms": round(statistics.median(latencies) * 1000, 2),
            "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 2)}


def main() -> int:
    """`python scripts/bench_web.py DATA_DIR`: the web figures of an existing SQLite demo store
    (build one with `REKAM_DATA_DIR=DATA_DIR rekam demo --employees N --years M`)."""
    import argparse
    import json

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("data_dir", type=Path, help="data directory of a `rekam demo` store")
    args = parser.parse_args()
    if not (args.data_dir / "events.sqlite").exists():
        parser.error(f"{args.data_dir} holds no store: run `REKAM_DATA_DIR={args.data_dir} "
                     "rekam demo` first")
    figures = bench_web("sqlite", {"REKAM_BACKEND": "sqlite",
                                   "REKAM_DATA_DIR": str(args.data_dir.resolve())})
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
