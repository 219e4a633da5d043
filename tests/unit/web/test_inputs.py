"""Numbers from requests: ASCII digits within bounds, never a crash (web/inputs.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from web.inputs import whole_number


@pytest.mark.parametrize(("text", "expected"), [
    ("0", 0), (" 42 ", 42), ("007", 7), ("999999999999999999", 999_999_999_999_999_999),
])
def test_ascii_digits_are_read(text: str, expected: int) -> None:
    assert whole_number(text) == expected


@pytest.mark.parametrize("text", [
    "", " ", None, "²", "٣", "１２", "-1", "+1", "1.0", "1e3", "0x10", "1_000", "12\n3",
    "9" * 19, str(2**63), str(10**400),
])
def test_anything_else_is_no_number(text: str | None) -> None:
    assert whole_number(text) is None


def test_bounds_are_kept() -> None:
    assert whole_number("5", 1, 5) == 5
    assert whole_number("6", 1, 5) is None and whole_number("0", 1, 5) is None


@given(st.text())
def test_any_text_is_a_number_in_range_or_none(text: str) -> None:
    value = whole_number(text, 1, 1000)
    assert value is None or (1 <= value <= 1000 and str(value) == text.strip().lstrip("0"))
