"""Masking of identifying numbers and addresses in text shown to the public.

Free text is published only after moderation and through this mask: a NIK (16 digits), a
NIP (18 digits), any other run of 10 or more digits, an Indonesian telephone number (+62, 62
or 0 followed by 8-13 digits, with spaces, dots or dashes between groups) and an e-mail
address are replaced by a mark that keeps none of their characters. Amounts written in
thousands (Rp 15.000.000), real calendar dates (12-05-2026, 12.05.2026, 2026-05-12) and
opening hours (08.00-16.00, 08:00 - 16:00) stay: each has eight digits, like a short
telephone number, but names no one.
"""

from __future__ import annotations

import re
from datetime import date

MARK = "[disamarkan]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Digits with single separators between them (so "0812-3456 7890" and "3374 0101 ..." match).
_NUMBER = re.compile(r"(?<![\w])\+?\d(?:[\s.\-]?\d){7,}(?![\w])")
# An amount of money in thousands ("15.000.000") is not a number that names anyone.
_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DAY_FIRST = re.compile(r"(\d{1,2})([.\-])(\d{1,2})\2(\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_HOURS = re.compile(r"(\d{1,2})[.:](\d{2})\s?-\s?(\d{1,2})[.:](\d{2})")


def mask(text: str) -> str:
    """`text` with every e-mail address and every run of eight or more digits (NIK, NIP,
    telephone, account numbers) replaced by MARK."""
    text = _EMAIL.sub(MARK, text)
    return _NUMBER.sub(lambda m: m[0] if _names_no_one(m[0]) else MARK, text)


def _names_no_one(number: str) -> bool:
    """An amount in thousands, a date that exists or a range of clock times."""
    if _AMOUNT.fullmatch(number):
        return True
    if found := _DAY_FIRST.fullmatch(number):
        return _is_date(int(found[4]), int(found[3]), int(found[1]))
    if found := _YEAR_FIRST.fullmatch(number):
        return _is_date(int(found[1]), int(found[2]), int(found[3]))
    if found := _HOURS.fullmatch(number):
        hours, minutes = (int(found[1]), int(found[3])), (int(found[2]), int(found[4]))
        return all(h <= 24 for h in hours) and all(m < 60 for m in minutes)
    return False


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return 1945 <= year <= 2100
