"""Every periodic job of the worker, with its default schedule: adding a job is one entry in JOBS.

A job is a function of the app and the day that returns a short message for the job-run page
(counts only, never personal data), or None when there was nothing to do: such idle runs of
the frequent jobs are not kept, so the page is not flooded with thousands of empty catch-ups
a day. Each job can run any number of times: each one is idempotent
(catch-up moves a tracking position by compare-and-set, the ledger checks its head, a
checkpoint of an already signed size is not signed again, alerts are replaced as a whole,
an erased applicant is not due again).

Schedules come from the environment, `REKAM_JOB_<NAME>` (e.g. `REKAM_JOB_ALERTS`), in one of
the forms of `parse_schedule`: seconds between runs (`5`), a time of day (`02:00`), a day of
the month and a time (`5 06:00`, monthly), or `off`. Times are in `REKAM_TIMEZONE`.

The monthly transparency release runs daily: it publishes last month once its
`REKAM_PUBLISH_DAY` has come and does nothing otherwise, so a worker that was down on the
day publishes on its first run after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from domain.regulations import APPLICANT_RETENTION_DAYS
from domain.values import Actor, Role
from projections.ledger.follower import make_checkpoint
from projections.retention import erase_past_retention
from projections.views import alerts
from web import get_projections

WORKER_ACTOR = Actor("system:worker", Role.SYSTEM)  # recorded on events the jobs append


@dataclass(frozen=True)
class Schedule:
    """When a job runs: every `seconds`, or at a time of day, on a day of the month or daily."""

    seconds: float | None = None
    hour: int = 0
    minute: int = 0
    day: int | None = None

    def trigger(self, timezone: str) -> BaseTrigger:
        if self.seconds is not None:
            return IntervalTrigger(seconds=self.seconds, timezone=timezone)
        return CronTrigger(day=self.day if self.day is not None else "*", hour=self.hour,
                           minute=self.minute, timezone=timezone)

    @property
    def period(self) -> timedelta:
        """The longest gap between two runs (a run missed while no worker ran is made up)."""
        if self.seconds is not None:
            return timedelta(seconds=self.seconds)
        return timedelta(days=31 if self.day is not None else 1)

    def describe(self) -> str:
        if self.seconds is not None:
            return f"{self.seconds:g} s"
        at = f"{self.hour:02d}:{self.minute:02d}"
        return f"{self.day} {at}" if self.day is not None else at


def parse_schedule(variable: str, text: str) -> Schedule | None:
    """`30` (seconds), `02:00` (daily), `5 06:00` (monthly on the 5th) or `off` (None)."""
    text = text.strip().lower()
    if text == "off":
        return None
    if re.fullmatch(r"\d+(\.\d+)?", text) and float(text) > 0:
        return Schedule(seconds=float(text))
    match = re.fullmatch(r"(?:(\d{1,2}) )?(\d{1,2}):(\d{2})", text)
    if match:
        day = int(match[1]) if match[1] else None
        hour, minute = int(match[2]), int(match[3])
        if hour < 24 and minute < 60 and (day is None or 1 <= day <= 28):
            return Schedule(hour=hour, minute=minute, day=day)
    raise ValueError(f"{variable}={text!r}: write seconds between runs (30), a time of day "
                     "(02:00), a day of the month 1-28 and a time (5 06:00), or off")


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[Flask, date, Mapping[str, str]], str | None]
    default: str
    title: LazyString  # shown on the jobs page in the reader's language
    keeps_idle_runs: bool = True

    @property
    def variable(self) -> str:
        return f"REKAM_JOB_{self.name.upper()}"

    def schedule(self, env: Mapping[str, str]) -> Schedule | None:
        return parse_schedule(self.variable, env.get(self.variable) or self.default)


def _setting(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name) or str(default)
    if not value.isdigit():
        raise ValueError(f"{name}={value!r}: write a whole number")
    return int(value)


def _catch_up(app: Flask, today: date, env: Mapping[str, str]) -> str | None:
    applied = get_projections(app).catch_up()
    return f"{applied} events applied" if applied else None


def _ledger(app: Flask, today: date, env: Mapping[str, str]) -> str | None:
    from web import get_ledger

    logged = get_ledger(app).catch_up()
    return f"{logged} events logged" if logged else None


def _checkpoint(app: Flask, today: date, env: Mapping[str, str]) -> str:
    from web import get_ledger

    ledger = get_ledger(app)
    make_checkpoint(ledger)
    return f"checkpoint of tree size {ledger.size()}"


def _alerts(app: Flask, today: date, env: Mapping[str, str]) -> str:
    projections = get_projections(app)
    projections.catch_up()
    settings = alerts.AlertSettings(
        retirement_months=_setting(env, "REKAM_ALERT_RETIREMENT_MONTHS", 6),
        contract_months=_setting(env, "REKAM_ALERT_CONTRACT_MONTHS", 3))
    return f"{alerts.refresh(projections, today, settings)} alerts"


def _applicant_erasure(app: Flask, today: date, env: Mapping[str, str]) -> str:
    projections = get_projections(app)
    projections.catch_up()
    days = _setting(env, "REKAM_APPLICANT_RETENTION_DAYS", APPLICANT_RETENTION_DAYS)
    return f"{erase_past_retention(projections, today, days, WORKER_ACTOR)} applicants erased"


def _publish(app: Flask, today: date, env: Mapping[str, str]) -> str | None:
    from projections.transparency.publication import publish_due
    from web import get_releases, get_service

    stored = publish_due(get_service(app), get_releases(app), today, env)
    return f"{len(stored)} releases published ({stored[0].month})" if stored else None


def _prune_job_runs(app: Flask, today: date, env: Mapping[str, str]) -> str:
    from web.jobs.store import get_job_store

    days = _setting(env, "REKAM_JOB_RUNS_KEEP_DAYS", 30)
    return f"{get_job_store(app).prune(timedelta(days=days))} old runs removed"


JOBS: tuple[Job, ...] = (
    Job("catch_up", _catch_up, "5", _l("Projection catch-up"), keeps_idle_runs=False),
    Job("ledger", _ledger, "30", _l("Verifiable log catch-up"), keeps_idle_runs=False),
    Job("checkpoint", _checkpoint, "01:00", _l("Log checkpoint signing")),
    Job("alerts", _alerts, "02:00", _l("HR alerts")),
    Job("applicant_erasure", _applicant_erasure, "03:00",
        _l("Erasure of applicants' data after retention")),
    Job("publish", _publish, "01:30", _l("Monthly transparency release")),
    Job("prune_job_runs", _prune_job_runs, "04:00", _l("Pruning of old job runs")),
)


def schedules(env: Mapping[str, str]) -> list[tuple[Job, Schedule | None]]:
    """Every job with its schedule from `env` (a ValueError names a bad variable)."""
    return [(job, job.schedule(env)) for job in JOBS]


def job_named(name: str) -> Job:
    return next(job for job in JOBS if job.name == name)


def titles() -> dict[str, Any]:
    return {job.name: job.title for job in JOBS}
