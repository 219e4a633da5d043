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
from binascii import a2b_base64
from dataclasses import dataclass
from uuid import UUID

from projections.ledger.merkle import leaf_hash

FORMAT = b"\x01"
_VERSION = struct.Struct(">Q")
_LENGTH = struct.Struct(">I")
_DECODER = json.JSONDecoder()


def canonical_bytes(originator_id: UUID, originator_version: int, topic: str,
                    state: bytes) -> bytes:
    return _canonical(originator_id.bytes, originator_version, topic, state)


def _canonical(originator: bytes, originator_version: int, topic: str, state: bytes) -> bytes:
    encoded_topic = topic.encode("utf-8")
    return b"".join((FORMAT, originator, _VERSION.pack(originator_version),
                     _LENGTH.pack(len(encoded_topic)), encoded_topic,
                     _LENGTH.pack(len(state)), state))


Fields = tuple[int, int, bytes, int, str, bytes, bytes]


def read_line(line: str) -> Fields:
    """(position, notification id, originator id bytes, version, topic, state, leaf hash) of
    an export line; ValueError (or KeyError, TypeError) when it is not an entry.

    The verifier's hot path: a million lines must read in seconds, so no objects are built.
    """
    fields, end = _DECODER.raw_decode(line)
    if line[end:].strip() or type(fields) is not dict:
        raise ValueError("a line holds one JSON object")
    position, notification_id = fields["position"], fields["notification_id"]
    version = fields["originator_version"]
    if not (type(position) is type(notification_id) is type(version) is int):
        raise ValueError("position, notification_id and originator_version must be integers")
    originator = bytes.fromhex(fields["originator_id"].replace("-", ""))
    if len(originator) != 16:
        raise ValueError("originator_id is not a UUID")
    topic = fields["topic"]
    if type(topic) is not str:
        raise ValueError("topic is not text")
    return (position, notification_id, originator, version, topic,
            a2b_base64(fields["state"], strict_mode=True),
            a2b_base64(fields["leaf_hash"], strict_mode=True))


def leaf_of(fields: Fields) -> bytes:
    """The leaf hash recomputed from the fields of an export line."""
    return leaf_hash(_canonical(fields[2], fields[3], fields[4], fields[5]))


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
        position, notification_id, originator, version, topic, state, leaf = read_line(line)
        return cls(position, notification_id, UUID(bytes=originator), version, topic, state,
                   leaf)
