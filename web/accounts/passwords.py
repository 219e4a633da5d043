"""Password hashing (Argon2id) and the strength rule applied outside demo mode."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MINIMUM_LENGTH = 12

# The most used passwords in leaked lists, plus local favourites; a longer list can be
# loaded later, this one stops the passwords an attacker tries first.
COMMON = frozenset("""
password password1 password123 passw0rd 123456789012 1234567890 qwertyuiop qwerty123456
iloveyou123 admin12345678 administrator letmein12345 welcome12345 abc123456789
111111111111 000000000000 123123123123 indonesia123 indonesia1945 rahasia12345
bismillah123 merdeka1945 garuda123456 pancasila123 jakarta12345 sayangkamu123
passwordbaru katasandi123 demo demo12345678
""".split())  # noqa: SIM905 — one word list, easy to extend

_hasher = PasswordHasher()
_fast_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # tests only


def hash_password(password: str, *, fast: bool = False) -> str:
    """An Argon2id hash; `fast` uses cheap parameters (tests and throwaway demo stores)."""
    return (_fast_hasher if fast else _hasher).hash(password)


# Hashes of a random password under each hasher's parameters, made on first use: a login
# for a username that does not exist is checked against one, so that it takes as long as a
# wrong password for one that does (the answer's time does not say who has an account).
_nobody: dict[bool, str] = {}


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def verify_nobody(password: str, *, fast: bool = False) -> bool:
    """As long as `verify_password` on a hash made with `fast`, and always False."""
    if fast not in _nobody:
        _nobody[fast] = hash_password(secrets.token_urlsafe(32), fast=fast)
    verify_password(_nobody[fast], password)
    return False


def weakness(password: str, username: str = "") -> str | None:
    """Why a password is refused outside demo mode (id message key), or None when it is fine."""
    if len(password) < MINIMUM_LENGTH:
        return "too_short"
    folded = password.lower()
    if folded in COMMON or (username and username.lower() in folded) or len(set(folded)) < 5:
        return "too_common"
    return None

