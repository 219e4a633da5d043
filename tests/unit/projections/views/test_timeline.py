"""The timeline's recorded times are written as `datetime.isoformat()` would write them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from projections.views.timeline import _utc_text

WIB = timezone(timedelta(hours=7))


@pytest.mark.parametrize("moment", [
    datetime(2026, 11, 23, 5, 39, 38, tzinfo=UTC),
    datetime(2026, 11, 23, 5, 39, 38, 1, tzinfo=UTC),
    datetime(2026, 11, 23, 5, 39, 38, 120000, tzinfo=UTC),
    datetime(2026, 11, 23, 5, 39, 38, 999999, tzinfo=UTC),
    datetime(1, 1, 1, tzinfo=UTC),
    datetime(999, 12, 31, 23, 59, 59, tzinfo=UTC),
    datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    datetime(2026, 11, 23, 12, 0, tzinfo=WIB),  # not UTC: written by isoformat itself
    datetime(2026, 11, 23, 12, 0),  # naive
])
def test_a_recorded_time_reads_as_its_isoformat(moment: datetime) -> None:
    assert _utc_text(moment) == moment.isoformat()
