"""Password rules of the staff accounts: what is weak, and Argon2id hashes."""

from __future__ import annotations

from web.accounts.passwords import hash_password, verify_password, weakness


class TestPasswords:
    def test_short_common_or_username_passwords_are_weak(self) -> None:
        assert weakness("short") == "too_short"
        assert weakness("indonesia1945") == "too_common"
        assert weakness("budi.santoso-2026", "budi.santoso") == "too_common"
        assert weakness("aaaaaaaaaaaaaaaa") == "too_common"
        assert weakness("kopi tubruk pagi hari") is None

    def test_a_hash_verifies_only_its_password(self) -> None:
        stored = hash_password("kopi tubruk pagi hari", fast=True)
        assert stored.startswith("$argon2id$")
        assert verify_password(stored, "kopi tubruk pagi hari")
        assert not verify_password(stored, "teh manis")
        assert not verify_password("not a hash", "teh manis")
