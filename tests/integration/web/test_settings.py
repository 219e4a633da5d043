"""Settings at start: read once when the app is built, and a wrong value stops every way of
starting (create_app, each `rekam` command, a real process) with a line, not a traceback."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask

from web import create_app
from web.cli import main
from web.settings import SettingsError, get_settings

WRONG = {"REKAM_SESSION_MINUTES": "abc"}
SAID = "REKAM_SESSION_MINUTES='abc': write a whole number of minutes from 1 to 1440"


def test_the_app_is_not_built_with_a_wrong_value(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as refused:
        create_app({"TESTING": True, "REKAM_DATA_DIR": str(tmp_path), **WRONG})
    assert str(refused.value) == SAID
    assert not (tmp_path / "events.sqlite").exists()  # nothing was opened


def test_the_settings_are_read_once_when_the_app_is_built(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        make_app: Callable[..., Flask]) -> None:
    monkeypatch.setenv("REKAM_SESSION_MINUTES", "7")
    monkeypatch.setenv("REKAM_PAGE_CACHE_MB", "1")
    app = make_app(REKAM_DATA_DIR=str(tmp_path), REKAM_SESSION_MINUTES=5)  # test_config wins
    monkeypatch.setenv("REKAM_SESSION_MINUTES", "9")  # too late: the app has its settings
    settings = get_settings(app)
    assert settings.staff.session_minutes == 5 and settings.web.page_cache_mb == 1
    assert app.permanent_session_lifetime == timedelta(minutes=5)
    assert app.extensions["rekam_backend"] is settings.backend


def _rekam(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run `rekam` in this process as the console script does; FLASK_RUN_FROM_CLI, which
    FlaskGroup sets, is put back afterwards."""
    result = CliRunner().invoke(main, args, env={"FLASK_RUN_FROM_CLI": None, **env})
    return result.exit_code, result.output


@pytest.mark.parametrize("command", [["worker", "--once"], ["users", "list"], ["catch-up"],
                                     ["publish"], ["log", "checkpoint"]], ids=" ".join)
def test_a_rekam_command_reports_a_wrong_value_as_an_error(
        tmp_path: Path, command: list[str]) -> None:
    status, output = _rekam(command, {"REKAM_DATA_DIR": str(tmp_path), **WRONG})
    assert (status, output) == (1, f"Error: {SAID}\n")
    assert not (tmp_path / "events.sqlite").exists()


def test_rekam_help_names_a_wrong_value_without_a_traceback(tmp_path: Path) -> None:
    status, output = _rekam(["--help"], {"REKAM_DATA_DIR": str(tmp_path), **WRONG})
    assert status == 0 and output.startswith(f"Error: {SAID}\n")
    assert "Traceback" not in output and "Usage: " in output


def test_a_real_rekam_process_exits_with_the_message_and_no_traceback(tmp_path: Path) -> None:
    rekam = Path(sys.executable).with_name("rekam")
    env = {"PATH": "/usr/bin:/bin", "REKAM_DATA_DIR": str(tmp_path),
           "REKAM_JOB_ALERTS": "25:00", "REKAM_DEMO": "0"}
    ran = subprocess.run([str(rekam), "worker", "--once"], env=env, capture_output=True,
                         text=True, timeout=120)
    assert ran.returncode == 1 and ran.stdout == ""
    assert ran.stderr.splitlines() == [
        "Error: REKAM_JOB_ALERTS='25:00': write seconds between runs (30), a time of day "
        "(02:00), a day of the month 1-28 and a time (5 06:00), or off"]
