"""The code printed on a decree: its log position and a tag of the event's stored bytes."""

from __future__ import annotations

import pytest

from projections.ledger.decree_code import ALPHABET, TAG_CHARS, code_of, parse_code, tag_of

STORED = b"\x01" + bytes(16) + b"\x00" * 8 + b"stored event bytes"


class TestCode:
    def test_a_code_reads_back_as_its_position_and_tag(self) -> None:
        code = code_of(1523, STORED)
        position, tag = code.split("-")
        assert position == "1523" and len(tag) == TAG_CHARS
        assert set(tag) <= set(ALPHABET)
        assert parse_code(code) == (1523, tag)

    def test_a_code_typed_in_lower_case_with_spaces_or_look_alikes_still_reads(self) -> None:
        code = code_of(7, STORED)
        position, tag = code.split("-")
        typed = f" {position} - {tag.lower()} ".replace("0", "o").replace("1", "l")
        assert parse_code(typed) == (7, tag)

    def test_one_changed_byte_of_the_stored_event_changes_the_tag(self) -> None:
        changed = STORED[:-1] + bytes([STORED[-1] ^ 1])
        assert tag_of(STORED) != tag_of(changed)
        assert code_of(7, STORED) != code_of(8, STORED)

    @pytest.mark.parametrize("typed", ["", "1523", "-ABCDEFGHJKMN", "x-ABCDEFGHJKMN",
                                       "12-ABCDEFGHJKM", "12-ABCDEFGHJKMNP", "12-ABCDEFGHJKMU",
                                       "1" * 13 + "-ABCDEFGHJKMN", "12-" + "A" * 100])
    def test_what_cannot_be_a_code_is_refused_before_any_lookup(self, typed: str) -> None:
        assert parse_code(typed) is None
