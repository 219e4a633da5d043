"""The settings of every process: read once at start from the environment, checked, passed down.

`create_app` builds one `Settings` (and so do `rekam`, the worker and gunicorn, through it) and
keeps it in `app.extensions["rekam_settings"]`; code that needs a value takes it from there or
is handed the part it needs. Nothing else reads the environment (tests/unit/test_layers.py).
A wrong value stops the start with one line per variable: its name, its value (never a
secret's) and what to write. docs/DEPLOY.md lists every variable (a test keeps it in step).
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from flask.sansio.app import App

from domain.regulations import APPLICANT_RETENTION_DAYS, COMPLAINT_RETENTION_DAYS
from projections.ledger.follower import DEFAULT_ORIGIN, KEY_FILE_NAME, LogSettings
from projections.stores.backend import Backend
from projections.transparency.publication import DEFAULT_PUBLISH_DAY
from web.jobs.schedule import DEFAULT_SCHEDULES, Schedule, parse_schedule, schedule_variable

DEFAULT_TIMEZONE = "Asia/Jakarta"
# Without REKAM_SECRET_KEY, the session secret is a random one kept in this file of the data
# directory (made on first start, 0600), in demo mode too: a secret in the source would let
# anyone sign a staff session.
SESSION_SECRET_FILE = "session-secret.key"  # noqa: S105 - a file name
SECRET_MIN_LENGTH = 32  # 128 bits and more as hex, or as a random password
_PREFIXES = ("REKAM_", "POSTGRES_")
_POSTGRES = ("POSTGRES_DBNAME", "POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_USER",
             "POSTGRES_PASSWORD", "POSTGRES_SCHEMA")
# Unquoted PostgreSQL names: the event-store library names some of its objects unquoted,
# where an upper-case letter or a dash would not be the schema the other stores use.
_SCHEMA = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


class SettingsError(ValueError):
    """Raised when variables hold values the app cannot start with (one line for each)."""


@dataclass(frozen=True)
class WebSettings:
    """The web processes: the session secret, the read-your-writes wait, the page cache."""

    secret_key: str | None = None  # None: the data directory's (`session_secret`)
    catch_up_wait_seconds: float = 5.0
    page_cache_mb: float = 64.0  # per process; the largest page or file is a few MB
    trusted_proxies: int = 0  # proxies in front whose X-Forwarded-For/-Proto are believed


@dataclass(frozen=True)
class StaffSettings:
    """Staff sessions, login throttling and demo mode."""

    session_minutes: int = 30
    is_https_only: bool = False  # session cookies are sent over HTTPS only
    # web/accounts/throttle.py: failures per (username, address) pair and per address before
    # they are refused a while, per username before every attempt on it is slowed
    login_max_failures: int = 5
    login_window_seconds: float = 86400.0  # how long a failure counts
    login_max_failures_per_address: int = 50
    login_slow_after_failures: int = 100
    is_demo: bool | None = None  # None: the account store says (`rekam demo` records it)
    is_fast_hashing: bool = False  # tests only: taken from test_config, never the environment


def _default_schedules() -> dict[str, Schedule | None]:
    return {job: parse_schedule(schedule_variable(job), text)
            for job, text in DEFAULT_SCHEDULES.items()}


@dataclass(frozen=True)
class JobSettings:
    """The periodic jobs of `rekam worker`: the lease, each job's schedule and what it uses."""

    lease_seconds: float = 30.0
    schedules: Mapping[str, Schedule | None] = field(default_factory=_default_schedules)
    retirement_alert_months: int = 6
    contract_alert_months: int = 3
    applicant_retention_days: int = APPLICANT_RETENTION_DAYS
    complaint_retention_days: int = COMPLAINT_RETENTION_DAYS
    job_runs_keep_days: int = 30
    publish_day: int = DEFAULT_PUBLISH_DAY


@dataclass(frozen=True)
class MailSettings:
    """E-mail of the notifications (web/outbox/): without a host nothing is sent."""

    host: str | None = None
    port: int = 587
    user: str | None = None
    password: str | None = None  # never shown, like the session secret
    sender: str = "rekam-jejak@localhost"
    is_starttls: bool = True
    base_url: str = ""  # links in mail: "https://kepegawaian.example.go.id"; "" gives paths

    @property
    def is_configured(self) -> bool:
        return self.host is not None


@dataclass(frozen=True)
class Settings:
    """Everything configurable, one typed part per concern."""

    backend: Backend = field(default_factory=Backend)
    log: LogSettings = field(default_factory=lambda: LogSettings(
        DEFAULT_ORIGIN, Backend().data_dir / KEY_FILE_NAME))
    timezone: str = DEFAULT_TIMEZONE  # of the job schedules, the jobs' today and staff pages
    web: WebSettings = field(default_factory=WebSettings)
    staff: StaffSettings = field(default_factory=StaffSettings)
    jobs: JobSettings = field(default_factory=JobSettings)
    mail: MailSettings = field(default_factory=MailSettings)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None,
                 test_config: Mapping[str, Any] | None = None) -> Settings:
        """The settings in `env` (default: the process environment), its REKAM_* and
        POSTGRES_* variables overridden by those keys of `test_config`; raises SettingsError
        naming every wrong variable."""
        environment = os.environ if env is None else env
        overrides = {key: str(value) for key, value in (test_config or {}).items()
                     if key.startswith(_PREFIXES)}
        reader = _Reader({**environment, **overrides})
        settings = _read(reader,
                         is_fast_hashing=bool((test_config or {}).get("REKAM_FAST_HASHES")))
        if reader.problems:
            raise SettingsError("\n".join(reader.problems))
        return settings


def get_settings(app: App) -> Settings:
    """The settings `app` was built with."""
    return cast(Settings, app.extensions["rekam_settings"])


def variables() -> frozenset[str]:
    """Every variable the settings read (docs/DEPLOY.md lists the same)."""
    reader = _Reader({})
    _read(reader, is_fast_hashing=False)
    return frozenset(reader.asked)


def session_secret(settings: Settings, say: Callable[[str], object]) -> str:
    """REKAM_SECRET_KEY, or the random secret kept in the data directory: made on first use
    (0600; `say` is told where), so every process on that directory signs alike."""
    if settings.web.secret_key is not None:
        return settings.web.secret_key
    path = settings.backend.data_dir / SESSION_SECRET_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
        with os.fdopen(os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
            f.write(secrets.token_hex(32) + "\n")
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(draft, path)  # atomic: of workers starting together, one secret wins
            say(f"REKAM_SECRET_KEY is not set: sessions are signed with a new random secret "
                f"kept in {path} (readable by this user only). Keep it with the data, or set "
                "REKAM_SECRET_KEY the same in every web process.")
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    if path.stat().st_mode & 0o077:
        raise SettingsError(f"{path} may be read by other users: chmod 600 {path}")
    secret = path.read_text().strip()
    if len(secret) < SECRET_MIN_LENGTH:
        raise SettingsError(f"{path} holds no secret of {SECRET_MIN_LENGTH} characters or "
                            "more: delete it (a new one is made) or set REKAM_SECRET_KEY")
    return secret


# -- reading ------------------------------------------------------------------------------------


class _Reader:
    """Reads variables from one mapping and collects every problem, so that a start names
    every wrong variable at once; a wrong variable gives its default meanwhile."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env
        self.problems: list[str] = []
        self.asked: list[str] = []

    def text(self, name: str, default: str = "") -> str:
        self.asked.append(name)
        return self.env.get(name, "").strip() or default

    def refuse(self, name: str, hint: str) -> None:
        """Not for secrets: the message shows the value."""
        value = self.env.get(name, "")
        shown = f"{name}={value!r}" if value.strip() else f"{name} is not set"
        self.problems.append(f"{shown}: write {hint}")

    def whole(self, name: str, default: int, low: int, high: int, hint: str) -> int:
        raw = self.text(name)
        if not raw:
            return default
        if re.fullmatch(r"[0-9]+", raw) and low <= int(raw) <= high:
            return int(raw)
        self.refuse(name, hint)
        return default

    def number(self, name: str, default: float, is_fine: Callable[[float], bool],
               hint: str) -> float:
        raw = self.text(name)
        if not raw:
            return default
        try:
            value = float(raw)
        except ValueError:
            value = float("nan")  # fails every range below
        if is_fine(value):
            return value
        self.refuse(name, hint)
        return default

    def flag(self, name: str, true: tuple[str, ...], false: tuple[str, ...],
             hint: str) -> bool | None:
        """True, False, or None when the variable is not set."""
        raw = self.text(name).lower()
        if not raw:
            return None
        if raw in true or raw in false:
            return raw in true
        self.refuse(name, hint)
        return None


def _read(reader: _Reader, *, is_fast_hashing: bool) -> Settings:
    backend = _backend(reader)
    staff = _staff(reader, is_fast_hashing)
    return Settings(backend=backend, log=_log(reader, backend), timezone=_timezone(reader),
                    web=_web(reader), staff=staff, jobs=_jobs(reader), mail=_mail(reader))


def _backend(reader: _Reader) -> Backend:
    kind = reader.text("REKAM_BACKEND", "sqlite").lower()
    if kind not in ("sqlite", "postgres"):
        reader.refuse("REKAM_BACKEND", "sqlite (one machine) or postgres")
        kind = "sqlite"
    data_dir = Path(reader.text("REKAM_DATA_DIR", "var"))
    postgres = {}
    for name in _POSTGRES:  # one set empty is as if not set: the library's default applies
        if name == "POSTGRES_PASSWORD":  # as written: spaces may be part of it
            reader.asked.append(name)
            value = reader.env.get(name, "")
        else:
            value = reader.text(name)
        if value:
            postgres[name] = value
    if kind == "postgres" and "POSTGRES_DBNAME" not in postgres:
        reader.refuse("POSTGRES_DBNAME", "the database's name (REKAM_BACKEND=postgres needs it, "
                      "with POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER and POSTGRES_PASSWORD)")
    if "POSTGRES_PORT" in postgres:
        reader.whole("POSTGRES_PORT", 5432, 1, 65535, "a port number from 1 to 65535")
    vault_schema = reader.text("REKAM_VAULT_SCHEMA") or None
    for name, schema in (("POSTGRES_SCHEMA", postgres.get("POSTGRES_SCHEMA")),
                         ("REKAM_VAULT_SCHEMA", vault_schema)):
        if schema is not None and not _SCHEMA.fullmatch(schema):
            reader.refuse(name, "a schema name of lower-case letters, digits and _ (at most "
                                "63), like rekam")
    return Backend(kind=kind, data_dir=data_dir, postgres=postgres, vault_schema=vault_schema)


def _log(reader: _Reader, backend: Backend) -> LogSettings:
    key_file = reader.text("REKAM_LOG_KEY_FILE")
    origin = reader.text("REKAM_LOG_ORIGIN", DEFAULT_ORIGIN)
    if any(c.isspace() or c == "+" for c in origin):
        reader.refuse("REKAM_LOG_ORIGIN", "one word without spaces or '+': your domain and a "
                                          f"path, like {DEFAULT_ORIGIN}")
        origin = DEFAULT_ORIGIN
    return LogSettings(origin=origin, key_file=Path(key_file) if key_file
                       else backend.data_dir / KEY_FILE_NAME)


def _timezone(reader: _Reader) -> str:
    name = reader.text("REKAM_TIMEZONE", DEFAULT_TIMEZONE)
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # not a name, not known, or a folder of zones
        reader.refuse("REKAM_TIMEZONE", "a time zone like Asia/Jakarta (WIB), Asia/Makassar "
                                        "(WITA) or Asia/Jayapura (WIT)")
        return DEFAULT_TIMEZONE
    return name


def _web(reader: _Reader) -> WebSettings:
    default = WebSettings()
    reader.asked.append("REKAM_SECRET_KEY")
    secret = reader.env.get("REKAM_SECRET_KEY")  # as written: spaces may be part of it
    # A secret's value is never shown, only what is wrong with it.
    wanted = (f"write a random value of {SECRET_MIN_LENGTH} characters or more, the same in "
              "every web process: python3 -c 'import secrets; print(secrets.token_hex(32))' "
              "(or leave it unset: a random one is kept in the data directory)")
    if secret == "":
        reader.problems.append(f"REKAM_SECRET_KEY is empty: {wanted}")
    elif secret is not None and len(secret) < SECRET_MIN_LENGTH:
        reader.problems.append(f"REKAM_SECRET_KEY is too short to be unguessable: {wanted}")
    return WebSettings(
        secret_key=secret or None,
        catch_up_wait_seconds=reader.number(
            "REKAM_CATCH_UP_WAIT_SECONDS", default.catch_up_wait_seconds,
            lambda s: 0 < s < 3600, "a number of seconds above 0 and below 3600, like 5"),
        page_cache_mb=reader.number(
            "REKAM_PAGE_CACHE_MB", default.page_cache_mb, lambda mb: 0 <= mb <= 65536,
            "a number of megabytes from 0 (keep no pages) to 65536, like 64"),
        trusted_proxies=reader.whole(
            "REKAM_TRUSTED_PROXIES", default.trusted_proxies, 0, 5,
            "how many proxies in front set X-Forwarded-For, from 0 to 5: 1 behind nginx"))


def _staff(reader: _Reader, is_fast_hashing: bool) -> StaffSettings:
    default = StaffSettings()
    return StaffSettings(
        session_minutes=reader.whole(
            "REKAM_SESSION_MINUTES", default.session_minutes, 1, 1440,
            "a whole number of minutes from 1 to 1440"),
        # "on" meant off before the settings were checked: refused rather than turned around.
        is_https_only=bool(reader.flag("REKAM_SECURE_COOKIES", ("1", "true", "yes"), _FALSE,
                                       "1 (behind HTTPS) or 0")),
        login_max_failures=reader.whole(
            "REKAM_LOGIN_MAX_FAILURES", default.login_max_failures, 1, 1000,
            "a whole number of failed logins from 1 to 1000, like 5"),
        login_window_seconds=reader.number(
            "REKAM_LOGIN_WINDOW_SECONDS", default.login_window_seconds,
            lambda s: 1 <= s <= 7 * 86400, "a number of seconds from 1 to 604800 (a week), "
                                           "like 86400"),
        login_max_failures_per_address=reader.whole(
            "REKAM_LOGIN_MAX_FAILURES_PER_ADDRESS", default.login_max_failures_per_address,
            1, 100_000, "a whole number of failed logins from 1 to 100000, like 50"),
        login_slow_after_failures=reader.whole(
            "REKAM_LOGIN_SLOW_AFTER_FAILURES", default.login_slow_after_failures,
            1, 1_000_000, "a whole number of failed logins from 1 to 1000000, like 100"),
        is_demo=reader.flag("REKAM_DEMO", _TRUE, _FALSE,
                            "1 (demo), 0 (production), or leave it unset (the store says)"),
        is_fast_hashing=is_fast_hashing)


def _jobs(reader: _Reader) -> JobSettings:
    default = JobSettings()
    schedules = {}
    for job, text in DEFAULT_SCHEDULES.items():
        name = schedule_variable(job)
        try:
            schedules[job] = parse_schedule(name, reader.text(name, text))
        except ValueError as error:
            reader.problems.append(str(error))
            schedules[job] = default.schedules[job]
    return JobSettings(
        lease_seconds=reader.number(
            "REKAM_WORKER_LEASE_SECONDS", default.lease_seconds, lambda s: 1 <= s <= 3600,
            "a number of seconds from 1 to 3600, like 30"),
        schedules=schedules,
        retirement_alert_months=reader.whole(
            "REKAM_ALERT_RETIREMENT_MONTHS", default.retirement_alert_months, 0, 120,
            "a whole number of months from 0 to 120, like 6"),
        contract_alert_months=reader.whole(
            "REKAM_ALERT_CONTRACT_MONTHS", default.contract_alert_months, 0, 120,
            "a whole number of months from 0 to 120, like 3"),
        applicant_retention_days=reader.whole(
            "REKAM_APPLICANT_RETENTION_DAYS", default.applicant_retention_days, 1, 3650,
            "a whole number of days from 1 to 3650, like 365"),
        complaint_retention_days=reader.whole(
            "REKAM_COMPLAINT_RETENTION_DAYS", default.complaint_retention_days, 30, 3650,
            "a whole number of days from 30 to 3650, like 730"),
        job_runs_keep_days=reader.whole(
            "REKAM_JOB_RUNS_KEEP_DAYS", default.job_runs_keep_days, 1, 3650,
            "a whole number of days from 1 to 3650, like 30"),
        publish_day=reader.whole(
            "REKAM_PUBLISH_DAY", default.publish_day, 1, 28,
            "a day of the month from 1 to 28, like 15"))


def _mail(reader: _Reader) -> MailSettings:
    default = MailSettings()
    host = reader.text("REKAM_SMTP_HOST") or None
    if host is not None and not re.fullmatch(r"[A-Za-z0-9.\-\[\]:]+", host):
        reader.refuse("REKAM_SMTP_HOST", "the mail server's host name, like smtp.example.go.id")
    reader.asked.append("REKAM_SMTP_PASSWORD")
    sender = reader.text("REKAM_SMTP_FROM", default.sender)
    if not re.fullmatch(r"[^@\s]+@[^@\s]+", sender):
        reader.refuse("REKAM_SMTP_FROM", "one address, like noreply@kepegawaian.example.go.id")
    base_url = reader.text("REKAM_BASE_URL").rstrip("/")
    if base_url and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", base_url):
        reader.refuse("REKAM_BASE_URL", "the site's address, like https://kepegawaian.example.go.id")
        base_url = ""
    return MailSettings(
        host=host,
        port=reader.whole("REKAM_SMTP_PORT", default.port, 1, 65535,
                          "the mail server's port, like 587 (STARTTLS) or 25"),
        user=reader.text("REKAM_SMTP_USER") or None,
        password=reader.env.get("REKAM_SMTP_PASSWORD") or None,
        sender=sender,
        is_starttls=reader.flag("REKAM_SMTP_STARTTLS", _TRUE, _FALSE,
                                "1 (STARTTLS before logging in) or 0") is not False,
        base_url=base_url)
