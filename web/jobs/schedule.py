"""When each periodic job runs: the schedule grammar of `REKAM_JOB_<NAME>` and each job's default.

A schedule is seconds between runs (`5`), a time of day (`02:00`), a day of the month and a
time (`5 06:00`, monthly) or `off`; times are in `REKAM_TIMEZONE`. The defaults are here, not
in the registry, because web/settings.py reads every variable at start and the registry's jobs
need the app (an import the settings must not make).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

# Every job of web/jobs/registry.py, with its schedule when its variable is not set.
DEFAULT_SCHEDULES = {
    "catch_up": "5",
    "ledger": "30",
    "checkpoint": "01:00",
    "reconcile": "00:30",
    "verify_views": "7 04:30",
    "alerts": "02:00",
    "applicant_erasure": "03:00",
    "publish": "01:30",
    "prune_job_runs": "04:00",
    "deliver_mail": "60",
    "leave_lapse_reminders": "1 06:30",
    "unpaid_leave_starts": "00:15",
    "indicator_actuals": "2 05:00",
    "staff_survey_close": "00:20",
}


def schedule_variable(job: str) -> str:
    """The variable that sets `job`'s schedule: REKAM_JOB_ALERTS for `alerts`."""
    return f"REKAM_JOB_{job.upper()}"


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
