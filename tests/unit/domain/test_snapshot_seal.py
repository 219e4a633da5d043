"""Sealed snapshots: a snapshot's stored bytes are used only while their HMAC holds."""

from __future__ import annotations

from uuid import uuid4

import pytest
from eventsourcing.persistence import StoredEvent

from domain.snapshot_seal import KEY_BYTES, MAGIC, SnapshotSeal

RECORD = uuid4()
TOPIC = "domain.employee:Employee.Snapshot"


def stored(state: bytes, version: int = 50) -> StoredEvent:
    return StoredEvent(RECORD, version, TOPIC, state)


class TestSealing:
    def test_a_sealed_snapshot_opens_to_the_bytes_that_were_sealed(self) -> None:
        seal = SnapshotSeal(b"k" * KEY_BYTES)
        sealed = seal.seal(stored(b'{"grade":"IV/b"}'))

        assert sealed.state.startswith(MAGIC)
        assert seal.check(RECORD, 50, TOPIC, sealed.state) is True
        opened = seal.open(sealed)
        assert opened is not None and opened.state == b'{"grade":"IV/b"}'

    @pytest.mark.parametrize("change", ["state", "version", "topic", "key"])
    def test_a_changed_state_version_topic_or_key_fails_the_seal(self, change: str) -> None:
        seal = SnapshotSeal(b"k" * KEY_BYTES)
        sealed = seal.seal(stored(b'{"grade":"IV/b"}'))
        state, version, topic = sealed.state, 50, TOPIC
        if change == "state":
            state = state.replace(b"IV/b", b"IV/e")
        elif change == "version":
            version = 51
        elif change == "topic":
            topic = "domain.employee:Employee.Other"
        else:
            seal = SnapshotSeal(b"o" * KEY_BYTES)

        assert seal.check(RECORD, version, topic, state) is False
        assert seal.open(StoredEvent(RECORD, version, topic, state)) is None

    def test_a_snapshot_stored_before_seals_existed_is_unverified_and_not_used(self) -> None:
        seal = SnapshotSeal(b"k" * KEY_BYTES)
        assert seal.check(RECORD, 50, TOPIC, b'{"grade":"IV/b"}') is None
        assert seal.open(stored(b'{"grade":"IV/b"}')) is None

    def test_a_short_key_is_refused(self) -> None:
        with pytest.raises(ValueError, match="at least 32 bytes"):
            SnapshotSeal(b"short")
