"""Sealed snapshots: a snapshot is used only when its stored bytes carry a valid HMAC.

Snapshots are not in the verifiable log (they summarise logged events, and are taken again
whenever an interval is reached), so an edited snapshot would change a record as the command
side sees it while every verifier of the log passes. Each snapshot's stored state is therefore
prefixed with an HMAC-SHA256 over the record id, its version, the topic and the state as
stored, under a key kept outside the event store (the caller passes it in; by default a file
of the data directory, mode 0600, made by projections/stores/backend.py).

Reading, a snapshot whose seal fails (edited, forged, or sealed under another key) and one
without a seal (stored before seals existed) are passed over: the record is replayed from its
events, which the log covers. `check` tells the reconciliation (projections/ledger/reconcile.py)
which stored snapshots fail, so they are reported at /healthz and to the auditors.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import struct
from collections.abc import Iterator, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import EventStore, Recording, StoredEvent

MAGIC = b"RJSEAL1:"  # a sealed state starts with this, then the MAC; JSON starts with "{"
KEY_BYTES = 32
_MAC_BYTES = 32
_HEADER = struct.Struct(">QI")  # version, topic length
log = logging.getLogger(__name__)


class SnapshotSeal:
    """Seals and checks snapshots' stored bytes with one secret key."""

    def __init__(self, key: bytes | None = None) -> None:
        # Without a key (in-memory stores of the tests) one is made for this process only:
        # snapshots it writes are still checked, and ignored by any other process.
        self._key = key if key is not None else secrets.token_bytes(KEY_BYTES)
        if len(self._key) < KEY_BYTES:
            raise ValueError(f"a snapshot key has at least {KEY_BYTES} bytes")

    def _mac(self, originator_id: UUID, version: int, topic: str, payload: bytes) -> bytes:
        encoded = topic.encode("utf-8")
        message = b"".join((originator_id.bytes, _HEADER.pack(version, len(encoded)), encoded,
                            payload))
        return hmac.new(self._key, message, hashlib.sha256).digest()

    def seal(self, stored: StoredEvent) -> StoredEvent:
        mac = self._mac(_uuid(stored.originator_id), stored.originator_version, stored.topic,
                        stored.state)
        return StoredEvent(stored.originator_id, stored.originator_version, stored.topic,
                           MAGIC + mac + stored.state)

    def check(self, originator_id: UUID, version: int, topic: str, state: bytes
              ) -> bool | None:
        """True: the seal holds; False: sealed, but the bytes or the seal were changed;
        None: no seal at all (a snapshot stored before seals existed)."""
        if not state.startswith(MAGIC):
            return None
        mac = state[len(MAGIC):len(MAGIC) + _MAC_BYTES]
        payload = state[len(MAGIC) + _MAC_BYTES:]
        return hmac.compare_digest(mac, self._mac(originator_id, version, topic, payload))

    def open(self, stored: StoredEvent) -> StoredEvent | None:
        """The stored snapshot without its seal, or None when it must not be used."""
        originator_id = _uuid(stored.originator_id)
        verdict = self.check(originator_id, stored.originator_version, stored.topic,
                             stored.state)
        if not verdict:
            # Ids and versions only: a snapshot holds sealed personal fields, never clear.
            log.warning("snapshot of %s at version %s ignored: %s", originator_id,
                        stored.originator_version,
                        "no seal" if verdict is None else "its seal fails")
            return None
        return StoredEvent(stored.originator_id, stored.originator_version, stored.topic,
                           stored.state[len(MAGIC) + _MAC_BYTES:])


class SealedSnapshotStore(EventStore[UUID]):
    """The library's snapshot store, sealing what it writes and checking what it reads."""

    def __init__(self, mapper: Any, recorder: Any, seal: SnapshotSeal) -> None:
        super().__init__(mapper, recorder)
        self.seal = seal

    def put(self, domain_events: Sequence[Any], **kwargs: Any) -> list[Recording[UUID]]:
        stored = [self.seal.seal(self.mapper.to_stored_event(e)) for e in domain_events]
        self.recorder.insert_events(stored, **kwargs)
        return []  # snapshots have no notification ids; the library ignores this

    def get(self, originator_id: UUID, *, gt: int | None = None, lte: int | None = None,
            desc: bool = False, limit: int | None = None) -> Iterator[Any]:
        # The latest snapshot may fail while an older one holds: read a few, use the first
        # good one (`limit` counts usable snapshots, as the repository asks for one).
        wanted = limit
        for stored in self.recorder.select_events(originator_id=originator_id, gt=gt, lte=lte,
                                                  desc=desc,
                                                  limit=None if limit is None else limit + 2):
            opened = self.seal.open(stored)
            if opened is None:
                continue
            yield self.mapper.to_domain_event(opened)
            if wanted is not None:
                wanted -= 1
                if wanted <= 0:
                    return


def _uuid(value: UUID | str) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))
