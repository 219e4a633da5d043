"""`rekam serve`: the threaded development server, optionally with the periodic jobs."""

from __future__ import annotations

from contextlib import nullcontext

import click
from flask import current_app
from flask.cli import with_appcontext


@click.command("serve")
@with_appcontext
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--with-jobs", is_flag=True,
              help="Also run the periodic jobs in this process (demo; production: rekam worker).")
def serve(host: str, port: int, with_jobs: bool) -> None:
    """Serve the web app with a threaded development server (production: gunicorn)."""
    from werkzeug.serving import run_simple

    from web.jobs.worker import jobs_in_process

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    with jobs_in_process(app) if with_jobs else nullcontext():
        run_simple(host, port, app, threaded=True, use_reloader=False)
