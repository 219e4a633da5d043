"""One entry of the verifiable log: the canonical bytes of a stored event and its export line.

Canonical bytes, format 1 (the Merkle leaf is SHA-256(0x00 || these bytes), RFC 9162):

    0x01                                  format version
    originator_id                         16 bytes, the UUID's bytes (big-endian, RFC 4122)
    originator_version                    8 bytes, unsigned big-endian
    len(topic) || topic                   4-byte unsigned big-endian length, UTF-8 text
    len(state) || state                   4-byte unsigned big-endian length, the stored bytes

These are the fields the event store keeps for an event, exactly as stored: personal fields
inside `state` stay encrypted, so the log never needs (or reveals) a personal-data key, and
erasing a person's key changes nothing the log hashes. The notification id is left out on
purpose: the library assigns it, it can have gaps, and it may change when a store is exported
and imported; the entry's place in the log is its position in the tree.

The export is JSON lines, one per position (see docs/AUDIT.md). Stdlib only: the offline
verifier imports this module.
"""

from __future__ import annotations

import base64
import json
import struct
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from projections.merkle import leaf_hash

FORMAT = b"\x01"
_VERSION = struct.Struct(">Q")
_LENGTH = struct.Struct(">I")


def canonical_bytes(originator_id: UUID, originator_version: int, topic: str,
                    state: bytes) -> bytes:
    encoded_topic = topic.encode("utf-8")
    return b"".join((FORMAT, originator_id.bytes, _VERSION.pack(originator_version),
                     _LENGTH.pack(len(encoded_topic)), encoded_topic,
                     _LENGTH.pack(len(state)), state))


@dataclass(frozen=True)
class LogEntry:
    """A stored event at its position in the log."""

    position: int
    notification_id: int
    originator_id: UUID
    originator_version: int
    topic: str
    state: bytes
    leaf_hash: bytes  # as the ledger recorded it when the event was appended

    def computed_leaf_hash(self) -> bytes:
        return leaf_hash(canonical_bytes(self.originator_id, self.originator_version,
                                         self.topic, self.state))

    def to_json(self) -> str:
        return json.dumps({
            "position": self.position, "notification_id": self.notification_id,
            "originator_id": str(self.originator_id),
            "originator_version": self.originator_version, "topic": self.topic,
            "state": base64.b64encode(self.state).decode(),
            "leaf_hash": base64.b64encode(self.leaf_hash).decode()},
            separators=(",", ":"))

    @classmethod
    def from_json(cls, line: str) -> LogEntry:
        """Raises ValueError (or KeyError, TypeError) when the line is not an entry."""
        fields: dict[str, Any] = json.loads(line)
        return cls(position=_int(fields["position"]),
                   notification_id=_int(fields["notification_id"]),
                   originator_id=UUID(fields["originator_id"]),
                   originator_version=_int(fields["originator_version"]),
                   topic=str(fields["topic"]),
                   state=base64.b64decode(fields["state"], validate=True),
                   leaf_hash=base64.b64decode(fields["leaf_hash"], validate=True))


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{value!r} is not a whole number")
    return value
