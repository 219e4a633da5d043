"""Personal data in events: sealed per subject with AES-GCM, erasable by destroying the key.

Every person (employee or applicant) is a random subject id. Each personal field is sealed with
the subject's own 256-bit key and the subject id and field name as associated data, so a sealed
value cannot be moved to another person or field. Keys live in a `KeyStore` outside the event
store; deleting a subject's key makes every sealed value of that person unreadable forever while
the stored events, and any hash over them, stay exactly as they were.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Collection, Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Final, Protocol, Self
from uuid import UUID

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from domain.errors import DomainError

_FORMAT: Final = b"\x01"  # version of the sealed layout: 1 byte format, 12 bytes nonce, ciphertext
LOOKUP_SECRET_ID: Final = UUID(int=0)  # key-store row that holds the NIP lookup secret


class Erased:
    """Marker read in place of a personal field whose subject's key was destroyed."""

    _instance: Erased | None = None

    def __new__(cls) -> Self:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance  # type: ignore[return-value]

    def __str__(self) -> str:
        return "[dihapus]"

    def __repr__(self) -> str:
        return "ERASED"

    def __bool__(self) -> bool:
        return False


ERASED: Final = Erased()


@dataclass(frozen=True)
class Sealed:
    """A personal field as stored in an event: opaque bytes, readable only with the key."""

    blob: bytes

    def as_text(self) -> str:
        return base64.b64encode(self.blob).decode("ascii")

    @classmethod
    def from_text(cls, text: str) -> Sealed:
        return cls(base64.b64decode(text))

    def __repr__(self) -> str:  # never print ciphertext into logs either
        return "Sealed(…)"


class KeyStore(Protocol):
    """Where subject keys live: outside the event store and outside its backups."""

    def get(self, subject_id: UUID) -> bytes | None:
        """The subject's key, or None when there is none (never created, or erased)."""

    def create(self, subject_id: UUID, key: bytes) -> bytes:
        """Store `key` unless the subject already has one; return the key in force."""

    def delete(self, subject_id: UUID) -> bool:
        """Destroy the subject's key, leaving nothing of it readable on disk; True when one
        existed."""

    def scrub(self, subject_ids: Collection[UUID]) -> None:
        """Make sure deleted keys are unreadable on disk (finishes an erasure that stopped
        between the delete and the disk)."""

    def scrubbing_once(self, also: Iterable[UUID] = ()) -> AbstractContextManager[None]:
        """A block whose deletes (in this thread), and the keys of the subjects `also` named,
        are made final on disk once, at its end."""


class SubjectRegistry(Protocol):
    """The mutable NIP → subject lookup; it also keeps identity numbers unique."""

    def claim(self, token: str, subject_id: UUID, record_id: UUID) -> bool:
        """Bind `token` to a subject and their record (an employee or applicant aggregate id);
        True when newly bound, False when the subject already held it; raise DomainError
        NIP_DUPLICATE if another subject holds it."""

    def unclaim(self, token: str) -> None:
        """Undo a claim whose command failed afterwards."""

    def find(self, token: str) -> tuple[UUID, UUID] | None:
        """The (subject id, record id) bound to `token`, if any."""

    def records_of(self, subject_id: UUID) -> list[UUID]:
        """The records bound to the subject through any of their numbers."""

    def release(self, subject_id: UUID) -> None:
        """Forget every token bound to the subject."""


class InMemoryKeyStore:
    """A key store in a dict, for unit tests of the domain."""

    def __init__(self) -> None:
        self.keys: dict[UUID, bytes] = {}

    def get(self, subject_id: UUID) -> bytes | None:
        return self.keys.get(subject_id)

    def create(self, subject_id: UUID, key: bytes) -> bytes:
        return self.keys.setdefault(subject_id, key)

    def delete(self, subject_id: UUID) -> bool:
        return self.keys.pop(subject_id, None) is not None

    def scrub(self, subject_ids: Collection[UUID]) -> None:
        """Nothing to do: a dict keeps nothing of a popped key."""

    def scrubbing_once(self, also: Iterable[UUID] = ()) -> AbstractContextManager[None]:
        return nullcontext()


class InMemorySubjectRegistry:
    """A NIP registry in a dict, for unit tests of the domain."""

    def __init__(self) -> None:
        self.tokens: dict[str, tuple[UUID, UUID]] = {}

    def claim(self, token: str, subject_id: UUID, record_id: UUID) -> bool:
        if token not in self.tokens:
            self.tokens[token] = (subject_id, record_id)
            return True
        if self.tokens[token] != (subject_id, record_id):
            raise DomainError("NIP_DUPLICATE", field="nip")
        return False

    def unclaim(self, token: str) -> None:
        self.tokens.pop(token, None)

    def find(self, token: str) -> tuple[UUID, UUID] | None:
        return self.tokens.get(token)

    def records_of(self, subject_id: UUID) -> list[UUID]:
        return sorted({r for s, r in self.tokens.values() if s == subject_id})

    def release(self, subject_id: UUID) -> None:
        for token in [t for t, s in self.tokens.items() if s[0] == subject_id]:
            del self.tokens[token]


class Vault:
    """Seals and opens personal fields; erases a subject by destroying their key."""

    def __init__(self, keys: KeyStore) -> None:
        self.keys = keys

    def seal(self, subject_id: UUID, field: str, value: str, *, is_new: bool = False) -> Sealed:
        """Seal `value` with the subject's key; only a new subject (`is_new`) gets a key made.

        Making a key for a known subject without one would hand an erased person a fresh key,
        so that raises SUBJECT_ERASED instead.
        """
        key = self.keys.get(subject_id)
        if key is None:
            if not is_new:
                raise DomainError("SUBJECT_ERASED")
            key = self.keys.create(subject_id, AESGCM.generate_key(bit_length=256))
        nonce = os.urandom(12)
        ciphertext = AESGCM(key).encrypt(nonce, value.encode("utf-8"), _aad(subject_id, field))
        return Sealed(_FORMAT + nonce + ciphertext)

    def open(self, subject_id: UUID, field: str, sealed: Sealed | None) -> str | Erased | None:
        """The clear value, `ERASED` when the key is gone, None when nothing was sealed.

        A value that fails authentication with an existing key was tampered with or moved
        between subjects or fields: that raises, because it must never pass silently.
        """
        return self.open_fields(subject_id, {field: sealed})[field]

    def open_fields(self, subject_id: UUID, sealed: Mapping[str, Sealed | None]
                    ) -> dict[str, str | Erased | None]:
        """`open` for several fields of one subject, reading the subject's key once."""
        opened: dict[str, str | Erased | None] = dict.fromkeys(sealed)
        if all(value is None for value in sealed.values()):
            return opened
        key = self.keys.get(subject_id)
        if key is None:
            return {field: None if value is None else ERASED for field, value in sealed.items()}
        cipher = AESGCM(key)
        for field, value in sealed.items():
            if value is None:
                continue
            blob = value.blob
            if blob[:1] != _FORMAT:
                raise ValueError("unknown sealed-value format")
            try:
                plain = cipher.decrypt(blob[1:13], blob[13:], _aad(subject_id, field))
            except InvalidTag:
                raise ValueError(
                    f"sealed {field!r} does not authenticate for this subject") from None
            opened[field] = plain.decode("utf-8")
        return opened

    def seal_bytes(self, subject_id: UUID, field: str, value: bytes) -> bytes:
        """Seal a document's bytes like a field (never making a key: the person is known)."""
        key = self.keys.get(subject_id)
        if key is None:
            raise DomainError("SUBJECT_ERASED")
        nonce = os.urandom(12)
        return _FORMAT + nonce + AESGCM(key).encrypt(nonce, value, _aad(subject_id, field))

    def open_bytes(self, subject_id: UUID, field: str, blob: bytes) -> bytes | Erased:
        """A document's bytes, or `ERASED` when the key is gone; raises if they were altered."""
        key = self.keys.get(subject_id)
        if key is None:
            return ERASED
        if blob[:1] != _FORMAT:
            raise ValueError("unknown sealed-value format")
        try:
            return AESGCM(key).decrypt(blob[1:13], blob[13:], _aad(subject_id, field))
        except InvalidTag:
            raise ValueError(f"sealed {field!r} does not authenticate") from None

    def is_erased(self, subject_id: UUID) -> bool:
        return self.keys.get(subject_id) is None

    def erase(self, subject_id: UUID) -> bool:
        return self.keys.delete(subject_id)

    def lookup_token(self, kind: str, value: str) -> str:
        """A keyed hash of an identity number, so the registry never holds NIPs in clear.

        A plain hash of a NIP is reversible in seconds (birth date, month, sex, sequence), so
        the hash is keyed with a secret kept in the key store.
        """
        secret = self.keys.get(LOOKUP_SECRET_ID)
        if secret is None:
            secret = self.keys.create(LOOKUP_SECRET_ID, os.urandom(32))
        return keyed_token(secret, kind, value)


def keyed_token(secret: bytes, kind: str, value: str) -> str:
    """The lookup token of `value` under `secret` (`Vault.lookup_token` with its secret)."""
    return hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def _aad(subject_id: UUID, field: str) -> bytes:
    return subject_id.bytes + field.encode("ascii")
