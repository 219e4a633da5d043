"""What a URL may carry: no NUL character anywhere; numbers of ASCII digits within bounds.

PostgreSQL refuses a NUL in any text, so a URL with one (`/pemda/%00`, `?role=%00`) reached
a query and answered 500; it is refused with 400 before any view. `str.isdigit` and `int`
accept more than 0-9 ("²" is a digit to the one and not to the other, "٣" is 3 to both), and
an unbounded number overflows the database's 64-bit integers; every number a request carries
outside a WTForms or marshmallow field goes through `whole_number`.
"""

from __future__ import annotations

import re

from flask import Flask, abort, request

_DIGITS = re.compile(r"[0-9]{1,18}")  # 18 digits: below 2**63 whatever the bound
MAX_VERSION = 2**31 - 1  # a record's version: far beyond any record, and within every column


def init_inputs(app: Flask) -> None:
    """Refuse, on every route, a path or query string with a NUL character."""

    @app.before_request
    def refuse_nul() -> None:
        if "\x00" in request.path or any(
                "\x00" in key or "\x00" in value
                for key, values in request.args.lists() for value in values):
            abort(400)


def whole_number(text: str | None, low: int = 0, high: int = 10**18 - 1) -> int | None:
    """`text` (spaces around it ignored) as a whole number from `low` to `high`, or None."""
    text = (text or "").strip()
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if low <= value <= high else None
