"""Masking of identifying numbers and addresses in text shown to the public.

Free text is published only after moderation and through this mask: a NIK (16 digits), a
NIP (18 digits), any other run of 10 or more digits, an Indonesian telephone number (+62, 62
or 0 followed by 8-13 digits, with spaces, dots or dashes between groups) and an e-mail
address are replaced by a mark that keeps none of their characters. Amounts written in
thousands (Rp 15.000.000) and dates stay.
"""

from __future__ import annotations

import re

MARK = "[disamarkan]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Digits with single separators between them (so "0812-3456 7890" and "3374 0101 ..." match).
_NUMBER = re.compile(r"(?<![\w])\+?\d(?:[\s.\-]?\d){7,}(?![\w])")
# An amount of money in thousands ("15.000.000") is not a number that names anyone.
_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+")


def mask(text: str) -> str:
    """`text` with every e-mail address and every run of eight or more digits (NIK, NIP,
    telephone, account numbers) replaced by MARK."""
    text = _EMAIL.sub(MARK, text)
    return _NUMBER.sub(lambda m: m[0] if _AMOUNT.fullmatch(m[0]) else MARK, text)
