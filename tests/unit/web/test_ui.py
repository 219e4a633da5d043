"""Locale formats and timeline labels of the staff pages."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import Flask

from web.hr.labels import detail_items
from web.ui import fmt_date, fmt_number, init_babel


class TestLocale:
    def test_dates_numbers_and_labels_follow_the_language(self) -> None:
        app = Flask(__name__)
        init_babel(app)
        details = {"to_grade": "III/b", "kind": "REGULAR", "agency_id": "ab" * 16,
                   "changes": {"effective_on": "2026-04-01"}, "credit_points": None}
        with app.test_request_context("/"):
            assert fmt_date(date(2025, 8, 17)) == "17 Agu 2025"
            assert fmt_number(1234567.5, 1) == "1.234.567,5"
            assert detail_items(details) == [("Ke golongan", "III/b"), ("Jenis", "Reguler"),
                                             ("Perubahan", "TMT 1 Apr 2026")]
        with app.test_request_context("/?lang=en"):
            assert fmt_date(date(2025, 8, 17)) == "17 Aug 2025"
            assert fmt_number(1234567.5, 1) == "1,234,567.5"
            # Recording times are shown in the app's zone (Asia/Jakarta unless configured).
            assert fmt_date(datetime(2025, 8, 17, 3, 5, tzinfo=UTC)) == "17 Aug 2025 10:05 WIB"
            assert detail_items(details)[1] == ("Kind", "Regular")
        with app.test_request_context("/"):
            assert fmt_date(datetime(2025, 8, 16, 20, 5, tzinfo=UTC)) == "17 Agu 2025 03.05 WIB"
