"""The days the tests agree on."""

from __future__ import annotations

from datetime import date

TODAY = date(2026, 11, 20)
"""Where the histories the tests record end: the demo's `today`, the builders' last actions.

Fixed, so that a history is the same on every run; after the 15th (the default publication
day), so that October 2026's transparency release is due on it.
"""

REAL_TODAY = date.today()
"""Today by the clock, for the demo the staff pages are tested on: their forms refuse a date
after the real today, so that demo is built up to it and the tests record their actions on it.
"""
