"""The national holidays and cuti bersama of the years the SKB of three ministers fixed
(Menteri Agama, Menteri Ketenagakerjaan, MenPANRB), used when a year's calendar has not been
opened and edited by an administrator.

Dates of Islamic holidays follow the government's sighting and may move by a day after the
SKB: an administrator corrects the calendar (domain/holidays.py), never this table. Dates
marked "(verify)" were not confirmed against the SKB text when this table was written.
"""

from __future__ import annotations

from datetime import date

from domain.voice_values import HolidayKind

N, C = HolidayKind.NATIONAL, HolidayKind.CUTI_BERSAMA

SEED: dict[int, tuple[tuple[date, HolidayKind, str], ...]] = {
    # SKB 2025 (Keputusan Bersama Nomor 1017, 2, 2 Tahun 2024), with the change of 2025 that
    # added 18 August.
    2025: (
        (date(2025, 1, 1), N, "Tahun Baru 2025 Masehi"),
        (date(2025, 1, 27), N, "Isra Mikraj Nabi Muhammad SAW"),
        (date(2025, 1, 28), C, "Cuti bersama Tahun Baru Imlek"),
        (date(2025, 1, 29), N, "Tahun Baru Imlek 2576 Kongzili"),
        (date(2025, 3, 28), C, "Cuti bersama Hari Suci Nyepi"),
        (date(2025, 3, 29), N, "Hari Suci Nyepi Tahun Baru Saka 1947"),
        (date(2025, 3, 31), N, "Idulfitri 1446 Hijriah"),
        (date(2025, 4, 1), N, "Idulfitri 1446 Hijriah"),
        (date(2025, 4, 2), C, "Cuti bersama Idulfitri"),
        (date(2025, 4, 3), C, "Cuti bersama Idulfitri"),
        (date(2025, 4, 4), C, "Cuti bersama Idulfitri"),
        (date(2025, 4, 7), C, "Cuti bersama Idulfitri"),
        (date(2025, 4, 18), N, "Wafat Yesus Kristus"),
        (date(2025, 4, 20), N, "Kebangkitan Yesus Kristus (Paskah)"),
        (date(2025, 5, 1), N, "Hari Buruh Internasional"),
        (date(2025, 5, 12), N, "Hari Raya Waisak 2569 BE"),
        (date(2025, 5, 13), C, "Cuti bersama Hari Raya Waisak"),
        (date(2025, 5, 29), N, "Kenaikan Yesus Kristus"),
        (date(2025, 5, 30), C, "Cuti bersama Kenaikan Yesus Kristus"),
        (date(2025, 6, 1), N, "Hari Lahir Pancasila"),
        (date(2025, 6, 6), N, "Iduladha 1446 Hijriah"),
        (date(2025, 6, 9), C, "Cuti bersama Iduladha"),
        (date(2025, 6, 27), N, "Tahun Baru Islam 1447 Hijriah"),
        (date(2025, 8, 17), N, "Hari Kemerdekaan Republik Indonesia"),
        (date(2025, 8, 18), C, "Cuti bersama HUT Kemerdekaan (verify)"),
        (date(2025, 9, 5), N, "Maulid Nabi Muhammad SAW"),
        (date(2025, 12, 25), N, "Hari Raya Natal"),
        (date(2025, 12, 26), C, "Cuti bersama Hari Raya Natal"),
    ),
    # SKB 2026 (signed September 2025). The cuti bersama days are marked (verify).
    2026: (
        (date(2026, 1, 1), N, "Tahun Baru 2026 Masehi"),
        (date(2026, 1, 16), N, "Isra Mikraj Nabi Muhammad SAW"),
        (date(2026, 2, 16), C, "Cuti bersama Tahun Baru Imlek (verify)"),
        (date(2026, 2, 17), N, "Tahun Baru Imlek 2577 Kongzili"),
        (date(2026, 3, 18), C, "Cuti bersama Hari Suci Nyepi (verify)"),
        (date(2026, 3, 19), N, "Hari Suci Nyepi Tahun Baru Saka 1948"),
        (date(2026, 3, 20), C, "Cuti bersama Idulfitri (verify)"),
        (date(2026, 3, 21), N, "Idulfitri 1447 Hijriah"),
        (date(2026, 3, 22), N, "Idulfitri 1447 Hijriah"),
        (date(2026, 3, 23), C, "Cuti bersama Idulfitri (verify)"),
        (date(2026, 3, 24), C, "Cuti bersama Idulfitri (verify)"),
        (date(2026, 4, 3), N, "Wafat Yesus Kristus"),
        (date(2026, 4, 5), N, "Kebangkitan Yesus Kristus (Paskah)"),
        (date(2026, 5, 1), N, "Hari Buruh Internasional"),
        (date(2026, 5, 14), N, "Kenaikan Yesus Kristus"),
        (date(2026, 5, 15), C, "Cuti bersama Kenaikan Yesus Kristus (verify)"),
        (date(2026, 5, 27), N, "Iduladha 1447 Hijriah"),
        (date(2026, 5, 28), C, "Cuti bersama Iduladha (verify)"),
        (date(2026, 5, 31), N, "Hari Raya Waisak 2570 BE"),
        (date(2026, 6, 1), N, "Hari Lahir Pancasila"),
        (date(2026, 6, 16), N, "Tahun Baru Islam 1448 Hijriah"),
        (date(2026, 8, 17), N, "Hari Kemerdekaan Republik Indonesia"),
        (date(2026, 8, 25), N, "Maulid Nabi Muhammad SAW"),
        (date(2026, 12, 24), C, "Cuti bersama Hari Raya Natal (verify)"),
        (date(2026, 12, 25), N, "Hari Raya Natal"),
    ),
}


# The national holidays whose date is fixed by law, the same every year (Keppres 24/1953 jo
# Keppres 251/1967 and later changes: New Year, Independence Day, Christmas; Perpres 24/2013:
# 1 May; Keppres 24/2016: 1 June). Every other holiday and every cuti bersama moves with the
# calendars the SKB follows, so a year after the last SKB in SEED starts with these only, and
# the page of the year says the rest is still to be entered. (verify: the list against the
# current Keppres.)
FIXED: tuple[tuple[int, int, str], ...] = (
    (1, 1, "Tahun Baru Masehi"),
    (5, 1, "Hari Buruh Internasional"),
    (6, 1, "Hari Lahir Pancasila"),
    (8, 17, "Hari Kemerdekaan Republik Indonesia"),
    (12, 25, "Hari Raya Natal"),
)


def is_complete(year: int) -> bool:
    """Whether the table holds the year's SKB (False: only the fixed dates, or nothing)."""
    return year in SEED


def seed_days(year: int) -> tuple[tuple[date, HolidayKind, str], ...]:
    """The year's SKB; for a year after the last SKB in the table, the fixed-date holidays;
    for earlier years, nothing (history before the table counts weekends only)."""
    if year in SEED:
        return SEED[year]
    if year > max(SEED):
        return tuple((date(year, month, day), N, name) for month, day, name in FIXED)
    return ()

