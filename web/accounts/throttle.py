"""Failed-login throttling that stops a guesser without locking the account's owner out.

The rule (OWASP ASVS 2.2.1, docs/DEPLOY.md "Login throttling"): every failed login is counted
for its (username, address) pair, for its address and for its username, in the account store,
so every web process sees the same counts; a count covers the last
`REKAM_LOGIN_WINDOW_SECONDS`.

- A pair with `REKAM_LOGIN_MAX_FAILURES` failures, or an address with
  `REKAM_LOGIN_MAX_FAILURES_PER_ADDRESS`, is refused (429, no password checked) for one minute
  after its last failure; each further failure doubles that, up to an hour. A correct password
  from that pair clears the pair's count; the address's count stays.
- A username is never refused: the owner, from an address that did not guess, still logs in.
  When its failures from all addresses reach `REKAM_LOGIN_SLOW_AFTER_FAILURES`, every attempt
  on it waits first (a second per ceiling reached, at most five), so guessing from many
  addresses is slowed too.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from web.accounts.store import AccountStore
from web.settings import StaffSettings

FIRST_REFUSAL_SECONDS = 60.0
LONGEST_REFUSAL_SECONDS = 3600.0
LONGEST_PAUSE_SECONDS = 5.0


@dataclass(frozen=True)
class LoginThrottle:
    """The counts of one login attempt: `username` typed from `address`."""

    store: AccountStore
    settings: StaffSettings
    username: str
    address: str

    @property
    def _pair(self) -> str:
        return f"pair:{self.address} {self.username}"

    @property
    def _subjects(self) -> tuple[str, str, str]:
        return self._pair, f"ip:{self.address}", f"user:{self.username}"

    def refused_for(self, now: float | None = None) -> int:
        """Seconds until this pair or address may try again (0: it may now)."""
        now = time.time() if now is None else now
        since = now - self.settings.login_window_seconds
        wait = 0.0
        for subject, limit in ((self._pair, self.settings.login_max_failures),
                               (f"ip:{self.address}",
                                self.settings.login_max_failures_per_address)):
            count, last = self.store.failure_count(subject, since)
            if count >= limit:
                refusal = min(FIRST_REFUSAL_SECONDS * 2 ** (count - limit),
                              LONGEST_REFUSAL_SECONDS)
                wait = max(wait, last + refusal - now)
        return int(wait) + 1 if wait > 0 else 0

    def pause_seconds(self, now: float | None = None) -> float:
        """How long an attempt on this username waits before its password is checked."""
        now = time.time() if now is None else now
        count, _last = self.store.failure_count(f"user:{self.username}",
                                           now - self.settings.login_window_seconds)
        ceiling = self.settings.login_slow_after_failures
        return min(float(count // ceiling), LONGEST_PAUSE_SECONDS)

    def failed(self) -> None:
        now = time.time()
        self.store.record_failures(self._subjects, now)
        self.store.clear_failures("", before=now - self.settings.login_window_seconds)

    def succeeded(self) -> None:
        self.store.clear_failures(self._pair)
