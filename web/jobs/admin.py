"""The system administrator's page of the worker: who holds the lease, each job's schedule and
last run, the latest runs and failures, any view stopped at an event it could not apply, and the
alerts of the store's integrity checks, and the outbox of e-mail notifications."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from domain.values import Role
from projections.ledger import reconcile
from web import get_ledger, get_projections
from web.access import roles_required
from web.jobs.registry import schedules as job_schedules
from web.jobs.store import get_job_store
from web.outbox.routes import mail_status
from web.settings import get_settings

bp = Blueprint("jobs_admin", __name__, url_prefix="/admin")


@bp.get("/jobs")
@roles_required(Role.SYSTEM_ADMIN)
def jobs() -> ResponseReturnValue:
    """The lease, every job with its schedule and latest run, and the latest runs."""
    store = get_job_store(current_app)
    outcome = request.args.get("outcome")
    outcome = outcome if outcome in ("ok", "failed", "running") else None
    planned = [(job, schedule.describe() if schedule else _("off"))
               for job, schedule in job_schedules(get_settings(current_app).jobs)]
    latest = {job.name: next(iter(store.runs(job=job.name, limit=1)), None)
              for job, _ in planned}
    ledger = get_ledger(current_app)
    checked = reconcile.latest(ledger)
    mail_configured, mail = mail_status()
    return render_template("admin/jobs.html", lease=store.lease(), planned=planned,
                           mail_configured=mail_configured, mail=mail,
                           latest=latest, runs=store.runs(outcome=outcome, limit=100),
                           outcome=outcome, stopped=get_projections(current_app).stopped(),
                           integrity=reconcile.latest_problems(ledger),
                           integrity_count=max((r.problem_count for r in checked), default=0))

