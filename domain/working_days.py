"""Working days (hari kerja): Monday to Friday, less national holidays and cuti bersama.

Deadlines of complaint handling (SP4N-LAPOR!) and of leave are counted in working days. The
non-working days of a year come from its holiday calendar (domain/holidays.py); this module
only counts, so any caller may pass the days it holds (a set, or a calendar's `days_off`).
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta

SATURDAY = 5  # date.weekday(): Monday is 0


def is_working_day(day: date, days_off: Container[date]) -> bool:
    """True for a Monday-to-Friday day that is neither a holiday nor cuti bersama."""
    return day.weekday() < SATURDAY and day not in days_off


def add_working_days(start: date, count: int, days_off: Container[date]) -> date:
    """The `count`-th working day after `start` (the day of `start` itself is not counted, as
    a deadline "within 3 working days" of a Friday's complaint falls on Wednesday)."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    while count:
        day += timedelta(days=1)
        if is_working_day(day, days_off):
            count -= 1
    return day


def working_days_between(start: date, end: date, days_off: Container[date]) -> int:
    """Working days after `start` up to and including `end` (0 when `end` <= `start`)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, days_off):
            count += 1
    return count
