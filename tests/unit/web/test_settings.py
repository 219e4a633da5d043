"""The settings: each variable's default, a good value and a wrong one, and the operator's list."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from web.jobs.registry import JOBS
from web.jobs.schedule import DEFAULT_SCHEDULES, Schedule, schedule_variable
from web.settings import (
    SECRET_MIN_LENGTH,
    SESSION_SECRET_FILE,
    Settings,
    SettingsError,
    session_secret,
    variables,
)

ROOT = Path(__file__).resolve().parents[3]
SECRET = "a-secret-of-thirty-two-characters"


@dataclass(frozen=True)
class Variable:
    """One variable: what it sets, its default, a good value and its meaning, a wrong value
    (None: any text is fine), and what else must be set for the good value to be taken."""

    name: str
    read: Callable[[Settings], object]
    default: object
    good: str
    means: object
    bad: str | None
    also: dict[str, str] = field(default_factory=dict)


def _schedule(job: str, default: Schedule) -> Variable:
    return Variable(schedule_variable(job), lambda s: s.jobs.schedules[job], default,
                    "5 06:00", Schedule(hour=6, minute=0, day=5), "25:00")


VARIABLES = (
    Variable("REKAM_BACKEND", lambda s: s.backend.kind, "sqlite", "postgres", "postgres",
             "mysql", {"POSTGRES_DBNAME": "rekam"}),
    Variable("REKAM_DATA_DIR", lambda s: s.backend.data_dir, Path("var"), "/srv/rekam",
             Path("/srv/rekam"), None),
    Variable("POSTGRES_DBNAME", lambda s: s.backend.postgres.get("POSTGRES_DBNAME"), None,
             "rekam", "rekam", None),
    Variable("POSTGRES_HOST", lambda s: s.backend.postgres.get("POSTGRES_HOST"), None,
             "db.internal", "db.internal", None),
    Variable("POSTGRES_PORT", lambda s: s.backend.postgres.get("POSTGRES_PORT"), None,
             "6543", "6543", "fivefour"),
    Variable("POSTGRES_USER", lambda s: s.backend.postgres.get("POSTGRES_USER"), None,
             "rekam", "rekam", None),
    Variable("POSTGRES_PASSWORD", lambda s: s.backend.postgres.get("POSTGRES_PASSWORD"), None,
             " spaced out ", " spaced out ", None),
    Variable("POSTGRES_SCHEMA", lambda s: s.backend.postgres.get("POSTGRES_SCHEMA"), None,
             "rekam", "rekam", "Rekam-Prod"),
    Variable("REKAM_VAULT_SCHEMA", lambda s: s.backend.vault_schema, None, "rekam_vault",
             "rekam_vault", 'vault"; DROP'),
    Variable("REKAM_SECRET_KEY", lambda s: s.web.secret_key, None, SECRET, SECRET, None),
    Variable("REKAM_SECURE_COOKIES", lambda s: s.staff.is_https_only, False, "1", True, "on"),
    Variable("REKAM_SESSION_MINUTES", lambda s: s.staff.session_minutes, 30, "5", 5, "abc"),
    Variable("REKAM_LOGIN_MAX_FAILURES", lambda s: s.staff.login_max_failures, 5, "3", 3, "0"),
    Variable("REKAM_LOGIN_WINDOW_SECONDS", lambda s: s.staff.login_window_seconds, 86400.0,
             "60", 60.0, "forever"),
    Variable("REKAM_LOGIN_MAX_FAILURES_PER_ADDRESS",
             lambda s: s.staff.login_max_failures_per_address, 50, "10", 10, "-1"),
    Variable("REKAM_LOGIN_SLOW_AFTER_FAILURES", lambda s: s.staff.login_slow_after_failures,
             100, "20", 20, "many"),
    Variable("REKAM_DEMO", lambda s: s.staff.is_demo, None, "0", False, "maybe"),
    Variable("REKAM_LOG_KEY_FILE", lambda s: s.log.key_file, Path("var/log-signing.key"),
             "/etc/rekam/log.key", Path("/etc/rekam/log.key"), None),
    Variable("REKAM_LOG_ORIGIN", lambda s: s.log.origin, "rekam-jejak.example/log",
             "rekam.salatiga.go.id/log", "rekam.salatiga.go.id/log", "rekam jejak"),
    Variable("REKAM_TIMEZONE", lambda s: s.timezone, "Asia/Jakarta", "Asia/Makassar",
             "Asia/Makassar", "WITA"),
    Variable("REKAM_CATCH_UP_WAIT_SECONDS", lambda s: s.web.catch_up_wait_seconds, 5.0, "0.3",
             0.3, "0"),
    Variable("REKAM_PAGE_CACHE_MB", lambda s: s.web.page_cache_mb, 64.0, "0", 0.0, "lots"),
    Variable("REKAM_TRUSTED_PROXIES", lambda s: s.web.trusted_proxies, 0, "1", 1, "6"),
    Variable("REKAM_WORKER_LEASE_SECONDS", lambda s: s.jobs.lease_seconds, 30.0, "1.5", 1.5,
             "0.5"),
    _schedule("catch_up", Schedule(seconds=5)),
    _schedule("ledger", Schedule(seconds=30)),
    _schedule("checkpoint", Schedule(hour=1)),
    _schedule("reconcile", Schedule(minute=30)),
    _schedule("verify_views", Schedule(day=7, hour=4, minute=30)),
    _schedule("alerts", Schedule(hour=2)),
    _schedule("applicant_erasure", Schedule(hour=3)),
    _schedule("publish", Schedule(hour=1, minute=30)),
    _schedule("prune_job_runs", Schedule(hour=4)),
    _schedule("deliver_mail", Schedule(seconds=60)),
    _schedule("leave_lapse_reminders", Schedule(day=1, hour=6, minute=30)),
    _schedule("unpaid_leave_starts", Schedule(minute=15)),
    _schedule("indicator_actuals", Schedule(day=2, hour=5)),
    _schedule("staff_survey_close", Schedule(minute=20)),
    Variable("REKAM_SMTP_HOST", lambda s: s.mail.host, None, "smtp.salatiga.go.id",
             "smtp.salatiga.go.id", "smtp host"),
    Variable("REKAM_SMTP_PORT", lambda s: s.mail.port, 587, "25", 25, "70000"),
    Variable("REKAM_SMTP_USER", lambda s: s.mail.user, None, "rekam", "rekam", None),
    Variable("REKAM_SMTP_PASSWORD", lambda s: s.mail.password, None, " secret ", " secret ",
             None),
    Variable("REKAM_SMTP_FROM", lambda s: s.mail.sender, "rekam-jejak@localhost",
             "noreply@salatiga.go.id", "noreply@salatiga.go.id", "noreply"),
    Variable("REKAM_SMTP_STARTTLS", lambda s: s.mail.is_starttls, True, "0", False, "maybe"),
    Variable("REKAM_BASE_URL", lambda s: s.mail.base_url, "", "https://rekam.salatiga.go.id/",
             "https://rekam.salatiga.go.id", "rekam.salatiga.go.id"),
    Variable("REKAM_PUBLISH_DAY", lambda s: s.jobs.publish_day, 15, "1", 1, "29"),
    Variable("REKAM_ALERT_RETIREMENT_MONTHS", lambda s: s.jobs.retirement_alert_months, 6,
             "12", 12, "six"),
    Variable("REKAM_ALERT_CONTRACT_MONTHS", lambda s: s.jobs.contract_alert_months, 3, "24",
             24, "-3"),
    Variable("REKAM_APPLICANT_RETENTION_DAYS", lambda s: s.jobs.applicant_retention_days, 365,
             "730", 730, "0"),
    Variable("REKAM_COMPLAINT_RETENTION_DAYS", lambda s: s.jobs.complaint_retention_days,
             730, "365", 365, "7"),
    Variable("REKAM_JOB_RUNS_KEEP_DAYS", lambda s: s.jobs.job_runs_keep_days, 30, "7", 7,
             "1.5"),
)
WRONG = [v for v in VARIABLES if v.bad is not None]


def _problems(env: dict[str, str]) -> list[str]:
    with pytest.raises(SettingsError) as refused:
        Settings.from_env(env)
    return str(refused.value).splitlines()


def test_every_variable_the_settings_read_is_tested_here() -> None:
    assert {v.name for v in VARIABLES} == variables()


@pytest.mark.parametrize("variable", VARIABLES, ids=lambda v: v.name)
class TestEachVariable:
    def test_unset_or_empty_it_has_its_documented_default(self, variable: Variable) -> None:
        assert variable.read(Settings.from_env({})) == variable.default
        if variable.name != "REKAM_SECRET_KEY":  # an empty secret is refused, below
            assert variable.read(Settings.from_env({variable.name: ""})) == variable.default

    def test_a_good_value_is_taken(self, variable: Variable) -> None:
        settings = Settings.from_env({**variable.also, variable.name: variable.good})
        assert variable.read(settings) == variable.means


@pytest.mark.parametrize("variable", WRONG, ids=lambda v: v.name)
def test_a_wrong_value_stops_the_start_naming_the_variable_and_what_to_write(
        variable: Variable) -> None:
    [problem] = _problems({variable.name: str(variable.bad)})
    assert problem.startswith(f"{variable.name}={variable.bad!r}: write ")


@pytest.mark.parametrize(("name", "bad"), [
    ("REKAM_SESSION_MINUTES", "0"), ("REKAM_SESSION_MINUTES", "1441"),
    ("REKAM_SESSION_MINUTES", "5.5"), ("REKAM_PUBLISH_DAY", "0"),
    ("REKAM_CATCH_UP_WAIT_SECONDS", "3600"), ("REKAM_CATCH_UP_WAIT_SECONDS", "nan"),
    ("REKAM_PAGE_CACHE_MB", "-1"), ("REKAM_LOGIN_WINDOW_SECONDS", "inf"),
    ("POSTGRES_PORT", "70000"), ("REKAM_TIMEZONE", "Asia"), ("REKAM_TIMEZONE", "../etc"),
    ("REKAM_LOG_ORIGIN", "a+b"), ("REKAM_JOB_ALERTS", "32 02:00"),
])
def test_values_out_of_range_are_refused_too(name: str, bad: str) -> None:
    [problem] = _problems({name: bad})
    assert problem.startswith(f"{name}={bad!r}: write ")


def test_the_message_says_exactly_what_to_write() -> None:
    assert _problems({"REKAM_SESSION_MINUTES": "abc"}) == [
        "REKAM_SESSION_MINUTES='abc': write a whole number of minutes from 1 to 1440"]


def test_every_wrong_variable_is_named_at_once() -> None:
    problems = _problems({"REKAM_SESSION_MINUTES": "abc", "REKAM_JOB_ALERTS": "25:00",
                          "REKAM_TIMEZONE": "Mars/Olympus"})
    assert sorted(p.split("=")[0] for p in problems) == [
        "REKAM_JOB_ALERTS", "REKAM_SESSION_MINUTES", "REKAM_TIMEZONE"]


def test_postgres_needs_a_database_name() -> None:
    [problem] = _problems({"REKAM_BACKEND": "postgres"})
    assert problem.startswith("POSTGRES_DBNAME is not set: write the database's name")


def test_values_are_read_without_surrounding_spaces_except_secrets() -> None:
    settings = Settings.from_env({"REKAM_SESSION_MINUTES": " 5 ", "REKAM_BACKEND": " SQLite",
                                  "REKAM_SECRET_KEY": f" {SECRET} "})
    assert settings.staff.session_minutes == 5 and settings.backend.kind == "sqlite"
    assert settings.web.secret_key == f" {SECRET} "


class TestSecrets:
    @pytest.mark.parametrize("demo", [None, "0", "1"])
    def test_without_one_a_random_secret_is_made_in_the_data_directory(
            self, tmp_path: Path, demo: str | None) -> None:
        env = {"REKAM_DATA_DIR": str(tmp_path / "data")} | ({"REKAM_DEMO": demo} if demo else {})
        said: list[str] = []
        secret = session_secret(Settings.from_env(env), said.append)
        path = tmp_path / "data" / SESSION_SECRET_FILE
        assert len(secret) >= SECRET_MIN_LENGTH and path.read_text().strip() == secret
        assert path.stat().st_mode & 0o777 == 0o600
        assert len(said) == 1 and str(path) in said[0] and secret not in said[0]
        other = tmp_path / "other"
        assert session_secret(Settings.from_env(env), said.append) == secret  # kept, silently
        assert len(said) == 1
        assert session_secret(Settings.from_env({"REKAM_DATA_DIR": str(other)}), said.append
                              ) != secret  # every store its own

    def test_the_configured_secret_wins_and_no_file_is_made(self, tmp_path: Path) -> None:
        env = {"REKAM_DATA_DIR": str(tmp_path), "REKAM_SECRET_KEY": SECRET}
        assert session_secret(Settings.from_env(env), print) == SECRET
        assert not (tmp_path / SESSION_SECRET_FILE).exists()

    def test_a_secret_file_others_may_read_stops_the_start(self, tmp_path: Path) -> None:
        settings = Settings.from_env({"REKAM_DATA_DIR": str(tmp_path)})
        session_secret(settings, print)
        (tmp_path / SESSION_SECRET_FILE).chmod(0o644)
        with pytest.raises(SettingsError, match="chmod 600"):
            session_secret(settings, print)

    @pytest.mark.parametrize("secret", ["dev-only-not-secret", "s3cret", "x" * 31])
    def test_a_short_guessable_secret_is_refused_in_every_mode(self, secret: str) -> None:
        for demo in ({}, {"REKAM_DEMO": "1"}, {"REKAM_DEMO": "0"}):
            [problem] = _problems({"REKAM_SECRET_KEY": secret, **demo})
            assert problem.startswith("REKAM_SECRET_KEY is too short to be unguessable: ")
            assert secret not in problem

    def test_an_empty_secret_is_refused(self) -> None:
        assert _problems({"REKAM_SECRET_KEY": ""})[0].startswith("REKAM_SECRET_KEY is empty: ")

    def test_a_password_is_never_shown(self) -> None:
        problems = _problems({"POSTGRES_PASSWORD": "hunter2", "POSTGRES_PORT": "x",
                              "REKAM_BACKEND": "postgres"})
        assert problems and not any("hunter2" in p for p in problems)


class TestTestConfig:
    def test_its_rekam_and_postgres_keys_override_the_environment(self) -> None:
        settings = Settings.from_env(
            {"REKAM_SESSION_MINUTES": "7", "REKAM_PAGE_CACHE_MB": "1"},
            {"REKAM_SESSION_MINUTES": 5, "TESTING": True, "SESSION_COOKIE_NAME": "x"})
        assert settings.staff.session_minutes == 5 and settings.web.page_cache_mb == 1

    def test_fast_hashing_is_for_tests_only_never_from_the_environment(self) -> None:
        assert not Settings.from_env({"REKAM_FAST_HASHES": "1"}).staff.is_fast_hashing
        assert Settings.from_env({}, {"REKAM_FAST_HASHES": "1"}).staff.is_fast_hashing

    def test_a_wrong_value_there_is_refused_like_one_in_the_environment(self) -> None:
        with pytest.raises(SettingsError, match=r"^REKAM_DEMO='perhaps': write "):
            Settings.from_env({}, {"REKAM_DEMO": "perhaps"})


def test_every_job_has_a_default_schedule() -> None:
    assert [job.name for job in JOBS] == list(DEFAULT_SCHEDULES)


def _documented() -> set[str]:
    """The variables of the table in docs/DEPLOY.md section 2 (first column)."""
    text = (ROOT / "docs" / "DEPLOY.md").read_text(encoding="utf-8")
    section = text.split("## 2. Environment", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`",
                                                         row.split("|")[1])}


def test_the_operator_s_list_has_exactly_the_variables_the_settings_read() -> None:
    documented = _documented()
    assert len(documented) > 20  # the table was found and read
    assert documented == variables(), (
        f"documented only: {sorted(documented - variables())}; "
        f"read but not documented: {sorted(variables() - documented)}")
