"""Every periodic job of the worker: adding one is an entry in JOBS and its default schedule.

A job is a function of the app and the day that returns a short message for the job-run page
(counts only, never personal data), or None when there was nothing to do: such idle runs of
the frequent jobs are not kept, so the page is not flooded with thousands of empty catch-ups
a day. Each job can run any number of times: each one is idempotent
(catch-up moves a tracking position by compare-and-set, the ledger checks its head, a
checkpoint of an already signed size is not signed again, a reconciliation replaces its
checker's latest result, alerts are replaced as a whole,
an erased applicant is not due again).

Schedules are settings, `REKAM_JOB_<NAME>` (e.g. `REKAM_JOB_ALERTS`), in the grammar of
web/jobs/schedule.py, which also holds each job's default; web/settings.py reads them at start.

The monthly transparency release runs daily: it publishes last month once its
`REKAM_PUBLISH_DAY` has come and does nothing otherwise, so a worker that was down on the
day publishes on its first run after it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from flask import Flask
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from domain.values import Actor, Role
from projections.ledger import reconcile
from projections.ledger.follower import make_checkpoint
from projections.retention import (
    erase_commenters_past_retention,
    erase_complainants_past_retention,
    erase_past_retention,
)
from projections.views import alerts
from web import get_projections
from web.jobs.schedule import Schedule
from web.settings import JobSettings

WORKER_ACTOR = Actor("system:worker", Role.SYSTEM)  # recorded on events the jobs append


@dataclass(frozen=True)
class Job:
    """A periodic job: its schedule is `settings.schedules[name]` (web/jobs/schedule.py)."""

    name: str
    run: Callable[[Flask, date, JobSettings], str | None]
    title: LazyString  # shown on the jobs page in the reader's language
    keeps_idle_runs: bool = True


def _catch_up(app: Flask, today: date, settings: JobSettings) -> str | None:
    applied = get_projections(app).catch_up()
    return f"{applied} events applied" if applied else None


def _ledger(app: Flask, today: date, settings: JobSettings) -> str | None:
    from web import get_ledger

    logged = get_ledger(app).catch_up()
    return f"{logged} events logged" if logged else None


def _checkpoint(app: Flask, today: date, settings: JobSettings) -> str:
    from web import get_ledger

    ledger = get_ledger(app)
    make_checkpoint(ledger)
    return f"checkpoint of tree size {ledger.size()}"


def _reconcile(app: Flask, today: date, settings: JobSettings) -> str:
    """Store equals log, by content: every stored event hashed against its logged leaf, and
    every snapshot's seal (projections/ledger/reconcile.py); the result is kept for /healthz
    and the system administrator's page."""
    from web import get_ledger

    ledger = get_ledger(app)
    result = reconcile.reconcile(ledger)
    reconcile.save(ledger, result)
    if not result.ok:  # a failed run shows on the jobs page; the problems are kept above
        raise RuntimeError(f"store differs from log: {result.problem_count} problems")
    return (f"{result.stored} events and {result.snapshots} snapshots accounted for by the "
            f"log; {result.pending} not yet logged")


def _verify_views(app: Flask, today: date, settings: JobSettings) -> str:
    """Every view against a rebuild beside it (projections/views/verify.py); kept for /healthz
    and the system administrator's page like the log's reconciliation."""
    from projections.views.verify import verify_views
    from web import get_ledger

    result = verify_views(get_projections(app))
    reconcile.save(get_ledger(app), result)
    if not result.ok:
        raise RuntimeError(f"view tables differ from a rebuild: {result.problem_count}")
    return f"{result.logged} view tables equal a rebuild from {result.stored} events"


def _alerts(app: Flask, today: date, settings: JobSettings) -> str:
    projections = get_projections(app)
    projections.catch_up()
    months = alerts.AlertSettings(retirement_months=settings.retirement_alert_months,
                                  contract_months=settings.contract_alert_months)
    return f"{alerts.refresh(projections, today, months)} alerts"


def _applicant_erasure(app: Flask, today: date, settings: JobSettings) -> str:
    projections = get_projections(app)
    projections.catch_up()
    applicants = erase_past_retention(projections, today, settings.applicant_retention_days,
                                      WORKER_ACTOR)
    complainants = erase_complainants_past_retention(
        projections, today, settings.complaint_retention_days, WORKER_ACTOR)
    commenters = erase_commenters_past_retention(
        projections, today, settings.complaint_retention_days, WORKER_ACTOR)
    return (f"{applicants} applicants, {complainants} complainants and {commenters} "
            "commenters erased")


def _publish(app: Flask, today: date, settings: JobSettings) -> str | None:
    from projections.transparency.publication import publish_due
    from web import get_releases, get_service

    stored = publish_due(get_service(app), get_releases(app), today, settings.publish_day)
    return f"{len(stored)} releases published ({stored[0].month})" if stored else None


def _deliver_mail(app: Flask, today: date, settings: JobSettings) -> str | None:
    from web.outbox.delivery import deliver_due

    return deliver_due(app).describe()


def _leave_lapse_reminders(app: Flask, today: date, settings: JobSettings) -> str | None:
    from web.outbox.reminders import remind_lapsing_balances

    written = remind_lapsing_balances(app, today)
    return f"{written} reminders of lapsing leave written" if written else None


def _unpaid_leave_starts(app: Flask, today: date, settings: JobSettings) -> str | None:
    """Granted CLTN whose first day has come goes on the record (the position is released)
    as the leave service records it when the leave is marked taken."""
    from domain.errors import DomainError
    from projections.views.leave import unpaid_leave_due_to_begin
    from web import get_service

    projections, begun = get_projections(app), 0
    projections.catch_up()
    for request_id in unpaid_leave_due_to_begin(projections, today):
        try:
            get_service(app).leave.record_leave_taken(UUID(request_id), actor=WORKER_ACTOR)
        except DomainError:  # erased, separated, or not yet begun by the real clock
            continue
        begun += 1
    return f"{begun} unpaid leaves begun" if begun else None
def _indicator_actuals(app: Flask, today: date, settings: JobSettings) -> str | None:
    """Last month's actual of every computed monitoring indicator that has none yet."""
    from projections.views.indicator_figures import previous_month, record_computed_actuals

    projections = get_projections(app)
    projections.catch_up()
    month = previous_month(today)
    recorded, empty = record_computed_actuals(projections, month, WORKER_ACTOR)
    if not recorded and not empty:
        return None
    return (f"{recorded} indicator actuals of {month:%Y-%m} recorded; {empty} with nothing to "
            "count")


def _staff_survey_close(app: Flask, today: date, settings: JobSettings) -> str | None:
    """Employee surveys whose last day has passed are closed: the answers still waiting in
    the ballot box are recorded and the desk key is destroyed, so no pseudonym of a taker can
    be tied to anyone a day longer than the survey ran."""
    from domain.errors import DomainError
    from projections.views.staff_survey import ended_open_surveys
    from web import get_service

    projections, closed = get_projections(app), 0
    projections.catch_up()
    for survey_id in ended_open_surveys(projections, today):
        try:
            get_service(app).staff_survey.close(UUID(hex=survey_id), actor=WORKER_ACTOR)
        except DomainError:  # closed meanwhile by HR
            continue
        closed += 1
    return f"{closed} employee surveys closed" if closed else None


def _prune_job_runs(app: Flask, today: date, settings: JobSettings) -> str:
    from web.jobs.store import get_job_store

    days = settings.job_runs_keep_days
    return f"{get_job_store(app).prune(timedelta(days=days))} old runs removed"


JOBS: tuple[Job, ...] = (
    Job("catch_up", _catch_up, _l("Projection catch-up"), keeps_idle_runs=False),
    Job("ledger", _ledger, _l("Verifiable log catch-up"), keeps_idle_runs=False),
    Job("checkpoint", _checkpoint, _l("Log checkpoint signing")),
    Job("reconcile", _reconcile, _l("Reconciliation of the store with the log")),
    Job("verify_views", _verify_views, _l("Check of the views against a rebuild")),
    Job("alerts", _alerts, _l("HR alerts")),
    Job("applicant_erasure", _applicant_erasure,
        _l("Erasure of applicants' and complainants' data after retention")),
    Job("publish", _publish, _l("Monthly transparency release")),
    Job("prune_job_runs", _prune_job_runs, _l("Pruning of old job runs")),
    Job("deliver_mail", _deliver_mail, _l("Delivery of e-mail notifications"),
        keeps_idle_runs=False),
    Job("leave_lapse_reminders", _leave_lapse_reminders,
        _l("Reminders of annual leave about to lapse")),
    Job("unpaid_leave_starts", _unpaid_leave_starts,
        _l("Unpaid leave (CLTN) put on the record on its first day")),
    Job("indicator_actuals", _indicator_actuals,
        _l("Monthly actuals of the computed monitoring indicators")),
    Job("staff_survey_close", _staff_survey_close,
        _l("Employee surveys closed after their last day")),
)


def schedules(settings: JobSettings) -> list[tuple[Job, Schedule | None]]:
    """Every job with its schedule (None: off)."""
    return [(job, settings.schedules[job.name]) for job in JOBS]


def job_named(name: str) -> Job:
    return next(job for job in JOBS if job.name == name)

