"""The monthly release job: registered on a real APScheduler scheduler, publishing once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from flask import Flask

from projections.transparency.publication import due_months
from tests.support.dates import TODAY
from web import get_releases
from web.jobs.registry import job_named
from web.jobs.schedule import Schedule
from web.loaders.demo import load_demo
from web.settings import JobSettings, Settings


def test_the_worker_job_publishes_the_due_month_once_and_runs_daily(
        make_app: Callable[..., Flask], tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    load_demo(data_dir=data_dir, employees=40, years=2, seed=2, today=TODAY)
    app = make_app(REKAM_DATA_DIR=str(data_dir))
    job, settings = job_named("publish"), JobSettings()  # publishing on the 15th
    with app.app_context():
        before_day = job.run(app, date(2026, 11, 14), settings)  # before the 15th: September
        assert before_day is not None and "2026-09" in before_day
        assert {r.month for r in get_releases(app).releases()} == {"2026-09"}
        assert job.run(app, TODAY, settings) == "5 releases published (2026-10)"
        assert job.run(app, TODAY, settings) is None  # idempotent: nothing recorded as work
    # Daily, so a worker that was down on the publish day publishes on its next run.
    assert settings.schedules["publish"] == Schedule(hour=1, minute=30)


def test_a_bad_publish_day_is_refused_with_what_to_set() -> None:
    with pytest.raises(ValueError, match="from 1 to 28"):
        Settings.from_env({"REKAM_PUBLISH_DAY": "31"})
    assert due_months(TODAY, 15, count=2) == ["2026-09", "2026-10"]
    assert due_months(date(2026, 11, 14), 15, count=1) == ["2026-09"]


def test_rekam_publish_refuses_a_bad_month_and_republishes_only_what_changed(
        make_app: Callable[..., Flask], tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    load_demo(data_dir=data_dir, employees=40, years=2, seed=2, today=TODAY)
    app = make_app(REKAM_DATA_DIR=str(data_dir))
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["publish", "--month", "2026-13"])
    assert refused.exit_code != 0 and "is not a month like" in refused.output
    assert get_releases(app).releases() == []
    first = runner.invoke(args=["publish", "--month", "2026-10"])
    assert first.exit_code == 0 and "Published 5 releases (0 corrections)" in first.output
    again = runner.invoke(args=["publish", "--month", "2026-10"])
    assert again.exit_code == 0 and "Published 0 releases" in again.output
