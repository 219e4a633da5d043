"""The account store: users, failed-login counts, API tokens, employees' activation codes and
account settings, on the app's backend.

SQLite keeps them in `accounts.sqlite` in the data directory; PostgreSQL in tables of their own
(`rekam_accounts`, `rekam_login_failures`, `rekam_account_settings`, `rekam_api_tokens`,
`rekam_activation_codes`) in `REKAM_VAULT_SCHEMA`, `POSTGRES_SCHEMA` or `public`, like the
vault stores. Failed logins are rows, so every web process counts the same failures. An
employee's account carries the id of the one record it may read (`employee_id`).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import Flask, current_app

from domain.values import Role
from projections.stores.backend import Backend
from projections.stores.small_tables import PostgresDatabase, SmallDatabase, SQLiteDatabase
from projections.stores.vault_tables import PostgresConnection
from web import opened

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,62}[a-z0-9]$")
STAFF_ROLES = (Role.HR_OFFICER, Role.HR_ADMIN, Role.AUDITOR, Role.SYSTEM_ADMIN)
ACTIVATION_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9-]{1,63}"
                      r"(\.[A-Za-z0-9-]{1,63})+$")
EMAIL_MAX = 254
ACTIVATION_LENGTH = 12  # 60 random bits; a code lives days and guesses are throttled


class AccountError(ValueError):
    """Raised when an account operation is refused; `key` names the message to show."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Account:
    """A user of the HR, audit or admin pages. `id` is what events record as the actor."""

    id: str
    username: str
    password_hash: str
    role: Role
    government_id: str | None
    agency_id: str | None
    is_active: bool
    session_version: int
    created_at: str
    employee_id: str | None = None  # the one record an employee account may read
    email: str | None = None  # personal data: read only to deliver mail, cleared on erasure


@dataclass(frozen=True)
class ActivationCode:
    """A one-time code HR gave an employee to open their account (stored as a SHA-256)."""

    employee_id: str
    government_id: str
    agency_id: str
    expires_at: float


_COLUMNS = ("id, username, password_hash, role, government_id, agency_id, is_active, "
            "session_version, created_at, employee_id, email")


def _token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _account(row: Sequence[Any]) -> Account:
    return Account(row[0], row[1], row[2], Role(row[3]), row[4], row[5], bool(row[6]),
                   int(row[7]), row[8], row[9], row[10])


def checked_email(text: str | None) -> str | None:
    """An e-mail address as stored (None when blank); AccountError("email_invalid") when it
    is not one address of a plausible form."""
    value = (text or "").strip()
    if not value:
        return None
    if len(value) > EMAIL_MAX or not EMAIL_RE.match(value):
        raise AccountError("email_invalid")
    local, domain = value.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def normalised_code(text: str) -> str:
    """An activation code as typed (any case, spaces or hyphens) in its stored form."""
    return "".join(c for c in text.upper() if c.isalnum())


class AccountStore:
    """Accounts on one backend; every method is one short transaction."""

    def __init__(self, db: SmallDatabase, prefix: str) -> None:
        self.db = db
        self.accounts = f"{prefix}accounts"
        self.failures = f"{prefix}login_failures"
        self.settings = f"{prefix}account_settings"
        self.tokens = f"{prefix}api_tokens"
        self.activations = f"{prefix}activation_codes"
        self.posts = f"{prefix}public_posts"
        self.db.script([
            f"CREATE TABLE IF NOT EXISTS {self.accounts} (id TEXT PRIMARY KEY, "
            "username TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL, role TEXT NOT NULL, "
            "government_id TEXT, agency_id TEXT, is_active INTEGER NOT NULL, "
            "session_version INTEGER NOT NULL, created_at TEXT NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {self.failures} (subject TEXT NOT NULL, "
            "failed_at DOUBLE PRECISION NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {self.failures.split('.')[-1]}_subject "
            f"ON {self.failures} (subject, failed_at)",
            f"CREATE INDEX IF NOT EXISTS {self.failures.split('.')[-1]}_at "
            f"ON {self.failures} (failed_at)",  # forgetting old failures reads no others
            f"CREATE TABLE IF NOT EXISTS {self.settings} (key TEXT PRIMARY KEY, "
            "value TEXT NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {self.tokens} (id TEXT PRIMARY KEY, "
            "account_id TEXT NOT NULL, token_hash TEXT UNIQUE NOT NULL, name TEXT NOT NULL, "
            "created_at TEXT NOT NULL, is_revoked INTEGER NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {self.activations} (code_hash TEXT PRIMARY KEY, "
            "employee_id TEXT NOT NULL, government_id TEXT NOT NULL, agency_id TEXT NOT NULL, "
            "issued_by TEXT NOT NULL, expires_at DOUBLE PRECISION NOT NULL, "
            "used_at DOUBLE PRECISION)",
            # Posts of the public forms per keyed address (web/public/voice_guard.py): apart
            # from login failures, whose pruning keeps only the login window.
            f"CREATE TABLE IF NOT EXISTS {self.posts} (subject TEXT NOT NULL, "
            "posted_at DOUBLE PRECISION NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {self.posts.split('.')[-1]}_subject "
            f"ON {self.posts} (subject, posted_at)",
        ])
        for column in ("employee_id", "email"):
            self._add_column(column)

    def _add_column(self, column: str) -> None:
        """Stores made before employee accounts (and e-mail) get the column, empty."""
        try:
            with self.db.transaction() as c:
                c.execute(f"SELECT {column} FROM {self.accounts} WHERE 1 = 0")
        except Exception:  # the driver's "no such column", whichever the backend
            with self.db.transaction() as c:
                c.execute(f"ALTER TABLE {self.accounts} ADD COLUMN {column} TEXT")

    @classmethod
    def open(cls, backend: Backend) -> AccountStore:
        if backend.kind == "sqlite":
            return cls(SQLiteDatabase(backend.data_dir / "accounts.sqlite"), "")
        schema = backend.vault_schema or backend.postgres.get("POSTGRES_SCHEMA") or "public"
        return cls(PostgresDatabase(PostgresConnection(backend.postgres_conninfo()), schema),
                   f'"{schema}".rekam_')

    def close(self) -> None:
        self.db.close()

    # -- accounts ----------------------------------------------------------------------------

    def add(self, *, username: str, password_hash: str, role: Role,
            government_id: str | None = None, agency_id: str | None = None,
            employee_id: str | None = None) -> Account:
        """Create an account; HR officers need an agency, HR administrators a government,
        an employee their record (and only one account per record)."""
        username = username.strip().lower()
        if not USERNAME_RE.match(username):
            raise AccountError("username_invalid")
        if role is Role.EMPLOYEE:
            if not (employee_id and agency_id and government_id):
                raise AccountError("employee_required")
            with self.db.transaction() as c:
                return self._insert(c, username, password_hash, role, government_id,
                                    agency_id, employee_id)
        if role not in STAFF_ROLES:
            raise AccountError("role_invalid")
        if role is Role.HR_OFFICER and not (agency_id and government_id):
            raise AccountError("agency_required")
        if role is Role.HR_ADMIN and not government_id:
            raise AccountError("government_required")
        if role in (Role.AUDITOR, Role.SYSTEM_ADMIN):
            government_id = agency_id = None
        if role is Role.HR_ADMIN:
            agency_id = None
        with self.db.transaction() as c:
            return self._insert(c, username, password_hash, role, government_id, agency_id,
                                None)

    def _insert(self, c: Any, username: str, password_hash: str, role: Role,
                government_id: str | None, agency_id: str | None,
                employee_id: str | None) -> Account:
        account = Account(uuid.uuid4().hex, username, password_hash, role, government_id,
                          agency_id, True, 1, datetime.now(UTC).isoformat(timespec="seconds"),
                          employee_id)
        c.execute(f"SELECT 1 FROM {self.accounts} WHERE username = ?", (username,))
        if c.fetchone():
            raise AccountError("username_taken")
        if employee_id is not None:
            c.execute(f"SELECT 1 FROM {self.accounts} WHERE employee_id = ?", (employee_id,))
            if c.fetchone():
                raise AccountError("employee_has_account")
        c.execute(f"INSERT INTO {self.accounts} ({_COLUMNS}) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  (account.id, username, password_hash, role.value, government_id,
                   agency_id, 1, 1, account.created_at, employee_id, None))
        return account

    def for_employee(self, employee_id: str) -> Account | None:
        """The account linked to an employee's record, if they have one."""
        return self._one(f"SELECT {_COLUMNS} FROM {self.accounts} WHERE employee_id = ?",
                         employee_id)

    # -- activation codes ---------------------------------------------------------------------

    def issue_activation(self, *, employee_id: str, government_id: str, agency_id: str,
                         issued_by: str, valid_seconds: float) -> str:
        """A new one-time code for the employee (shown once); any earlier unused one ends."""
        if self.for_employee(employee_id) is not None:
            raise AccountError("employee_has_account")
        code = "".join(secrets.choice(ACTIVATION_ALPHABET) for _ in range(ACTIVATION_LENGTH))
        with self.db.transaction() as c:
            c.execute(f"DELETE FROM {self.activations} WHERE employee_id = ? AND used_at IS NULL",
                      (employee_id,))
            c.execute(f"INSERT INTO {self.activations} VALUES (?, ?, ?, ?, ?, ?, NULL)",
                      (_token_hash(code), employee_id, government_id, agency_id, issued_by,
                       time.time() + valid_seconds))
        return f"{code[:4]}-{code[4:8]}-{code[8:]}"

    def activate(self, code: str, *, username: str, password_hash: str) -> Account:
        """Open the employee account the code was issued for, and spend the code, together.

        A wrong, spent or expired code is `code_invalid` alike: the answer does not tell an
        attacker which codes once existed.
        """
        username = username.strip().lower()
        if not USERNAME_RE.match(username):
            raise AccountError("username_invalid")
        with self.db.transaction() as c:
            c.execute(f"SELECT employee_id, government_id, agency_id, expires_at, used_at "
                      f"FROM {self.activations} WHERE code_hash = ?",
                      (_token_hash(normalised_code(code)),))
            row = c.fetchone()
            if row is None or row[4] is not None or float(row[3]) < time.time():
                raise AccountError("code_invalid")
            c.execute(f"UPDATE {self.activations} SET used_at = ? WHERE code_hash = ? "
                      "AND used_at IS NULL", (time.time(), _token_hash(normalised_code(code))))
            if c.rowcount != 1:  # spent by a request that committed in between
                raise AccountError("code_invalid")
            return self._insert(c, username, password_hash, Role.EMPLOYEE, row[1], row[2],
                                row[0])

    def check_activation(self, code: str) -> bool:
        """Whether the code can still be used (for refusing before hashing a password)."""
        with self.db.transaction() as c:
            c.execute(f"SELECT expires_at, used_at FROM {self.activations} WHERE code_hash = ?",
                      (_token_hash(normalised_code(code)),))
            row = c.fetchone()
        return row is not None and row[1] is None and float(row[0]) >= time.time()

    def get(self, account_id: str) -> Account | None:
        return self._one(f"SELECT {_COLUMNS} FROM {self.accounts} WHERE id = ?", account_id)

    def by_username(self, username: str) -> Account | None:
        return self._one(f"SELECT {_COLUMNS} FROM {self.accounts} WHERE username = ?",
                         username.strip().lower())

    def all(self) -> list[Account]:
        with self.db.transaction() as c:
            c.execute(f"SELECT {_COLUMNS} FROM {self.accounts} ORDER BY username")
            return [_account(row) for row in c.fetchall()]

    def usernames(self, account_ids: Sequence[str]) -> dict[str, str]:
        """Usernames of the given ids (for showing who recorded an event)."""
        if not account_ids:
            return {}
        marks = ", ".join("?" for _ in account_ids)
        with self.db.transaction() as c:
            c.execute(f"SELECT id, username FROM {self.accounts} WHERE id IN ({marks})",
                      tuple(account_ids))
            return {row[0]: row[1] for row in c.fetchall()}

    def set_password(self, account_id: str, password_hash: str) -> None:
        """Replace the hash; sessions opened with the old password end."""
        self._update(f"UPDATE {self.accounts} SET password_hash = ?, "
                     "session_version = session_version + 1 WHERE id = ?",
                     (password_hash, account_id))

    def set_active(self, account_id: str, is_active: bool) -> None:
        """Disable (or enable again) an account; a disabled account's sessions end."""
        self._update(f"UPDATE {self.accounts} SET is_active = ?, "
                     "session_version = session_version + 1 WHERE id = ?",
                     (int(is_active), account_id))

    def set_email(self, account_id: str, email: str | None) -> None:
        """Set (or with None clear) the account's e-mail address, checked first."""
        self._update(f"UPDATE {self.accounts} SET email = ? WHERE id = ?",
                     (checked_email(email), account_id))

    def emails(self, account_ids: Sequence[str]) -> dict[str, str]:
        """The addresses of the active accounts among `account_ids` that have one."""
        if not account_ids:
            return {}
        marks = ", ".join("?" for _ in account_ids)
        with self.db.transaction() as c:
            c.execute(f"SELECT id, email FROM {self.accounts} WHERE id IN ({marks}) "
                      "AND is_active = 1 AND email IS NOT NULL", tuple(account_ids))
            return {row[0]: row[1] for row in c.fetchall()}

    def with_role(self, role: Role, government_id: str) -> list[Account]:
        """The active accounts of `role` in a government (e.g. its HR administrators)."""
        with self.db.transaction() as c:
            c.execute(f"SELECT {_COLUMNS} FROM {self.accounts} WHERE role = ? "
                      "AND government_id = ? AND is_active = 1 ORDER BY id",
                      (role.value, government_id))
            return [_account(row) for row in c.fetchall()]

    # -- failed logins -----------------------------------------------------------------------

    def record_failures(self, subjects: Iterable[str], at: float | None = None) -> None:
        """One failed login, counted for each of `subjects` (web/accounts/throttle.py)."""
        at = time.time() if at is None else at
        with self.db.transaction() as c:
            for subject in subjects:
                c.execute(f"INSERT INTO {self.failures} VALUES (?, ?)", (subject, at))

    def failure_count(self, subject: str, since: float) -> tuple[int, float]:
        """How many failed logins `subject` had after `since`, and when the last was (0.0:
        none); counted by the database, however many there are."""
        with self.db.transaction() as c:
            c.execute(f"SELECT COUNT(*), MAX(failed_at) FROM {self.failures} "
                      "WHERE subject = ? AND failed_at > ?", (subject, since))
            row = c.fetchone()
        return (int(row[0]), float(row[1])) if row and row[0] else (0, 0.0)

    def clear_failures(self, subject: str, before: float | None = None) -> None:
        """Forget `subject`'s failures (after a successful login), or those before a time."""
        with self.db.transaction() as c:
            if before is None:
                c.execute(f"DELETE FROM {self.failures} WHERE subject = ?", (subject,))
            else:
                c.execute(f"DELETE FROM {self.failures} WHERE failed_at < ?", (before,))

    # -- posts of the public forms -----------------------------------------------------------

    def record_post(self, subject: str, keep_seconds: float) -> None:
        """Count one post for `subject`; forget the subject's posts older than `keep_seconds`."""
        now = time.time()
        with self.db.transaction() as c:
            c.execute(f"DELETE FROM {self.posts} WHERE subject = ? AND posted_at < ?",
                      (subject, now - keep_seconds))
            c.execute(f"INSERT INTO {self.posts} VALUES (?, ?)", (subject, now))

    def post_count(self, subject: str, since: float) -> int:
        """How many posts `subject` made after `since`, counted by the database."""
        with self.db.transaction() as c:
            c.execute(f"SELECT COUNT(*) FROM {self.posts} WHERE subject = ? AND posted_at > ?",
                      (subject, since))
            row = c.fetchone()
        return int(row[0]) if row else 0

    # -- API tokens --------------------------------------------------------------------------

    def create_token(self, account_id: str, name: str) -> tuple[str, str]:
        """A new API token for the account: (token id, the secret, shown once).

        Only a SHA-256 of the secret is stored: the secret is 256 random bits, so a fast hash
        is enough and lets each API request be checked in one indexed lookup.
        """
        if self.get(account_id) is None:
            raise AccountError("not_found")
        token_id, secret = uuid.uuid4().hex[:12], "rkj_" + secrets.token_urlsafe(32)
        with self.db.transaction() as c:
            c.execute(f"INSERT INTO {self.tokens} VALUES (?, ?, ?, ?, ?, ?)",
                      (token_id, account_id, _token_hash(secret), name.strip()[:80] or "api",
                       datetime.now(UTC).isoformat(timespec="seconds"), 0))
        return token_id, secret

    def account_for_token(self, secret: str) -> Account | None:
        """The active account a valid, unrevoked token belongs to."""
        columns = ", ".join(f"a.{c.strip()}" for c in _COLUMNS.split(","))
        with self.db.transaction() as c:
            c.execute(f"SELECT {columns} FROM {self.tokens} t JOIN {self.accounts} a "
                      "ON a.id = t.account_id WHERE t.token_hash = ? AND t.is_revoked = 0",
                      (_token_hash(secret),))
            row = c.fetchone()
        account = None if row is None else _account(row)
        return account if account is not None and account.is_active else None

    def token_list(self) -> list[dict[str, Any]]:
        with self.db.transaction() as c:
            c.execute(f"SELECT t.id, a.username, t.name, t.created_at, t.is_revoked "
                      f"FROM {self.tokens} t JOIN {self.accounts} a ON a.id = t.account_id "
                      "ORDER BY a.username, t.created_at")
            return [{"id": r[0], "username": r[1], "name": r[2], "created_at": r[3],
                     "is_revoked": bool(r[4])} for r in c.fetchall()]

    def revoke_token(self, token_id: str) -> None:
        self._update(f"UPDATE {self.tokens} SET is_revoked = 1 WHERE id = ?", (token_id,))

    # -- settings ----------------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        with self.db.transaction() as c:
            c.execute(f"SELECT value FROM {self.settings} WHERE key = ?", (key,))
            row = c.fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        with self.db.transaction() as c:
            c.execute(f"DELETE FROM {self.settings} WHERE key = ?", (key,))
            c.execute(f"INSERT INTO {self.settings} VALUES (?, ?)", (key, value))

    # -- helpers -----------------------------------------------------------------------------

    def _one(self, sql: str, value: str) -> Account | None:
        with self.db.transaction() as c:
            c.execute(sql, (value,))
            row = c.fetchone()
        return None if row is None else _account(row)

    def _update(self, sql: str, params: tuple[Any, ...]) -> None:
        with self.db.transaction() as c:
            c.execute(sql, params)
            if c.rowcount == 0:
                raise AccountError("not_found")


def get_accounts(app: Flask) -> AccountStore:
    """The app's account store, opened on first use and shared by its threads."""
    return opened(app, "rekam_accounts", lambda: AccountStore.open(app.extensions["rekam_backend"]))


def actor_names(user_ids: Iterable[str]) -> dict[str, str]:
    """Usernames of the users who recorded what a page shows (ids of deleted or system actors
    stay as they are, absent from the answer)."""
    return get_accounts(current_app).usernames(sorted(set(user_ids)))
