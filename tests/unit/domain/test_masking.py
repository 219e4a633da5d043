"""Masking of identifying numbers and addresses in text shown to the public."""

from __future__ import annotations

import pytest

from domain.masking import MARK, mask


@pytest.mark.parametrize("secret", [
    "3374010101900001",  # NIK
    "198001012005011001",  # NIP
    "0812-3456-7890", "+62 812 3456 7890", "0812.3456.7890", "081234567890",
    "warga.kota@contoh.go.id",
    "0274-512-3456", "12-34-5678", "31.13.2026",  # not a date: a month 13
])
def test_identifying_numbers_and_addresses_are_masked(secret: str) -> None:
    masked = mask(f"Hubungi {secret} segera.")
    assert secret not in masked and masked == f"Hubungi {MARK} segera."


@pytest.mark.parametrize("kept", [
    "Rp 15.000.000", "12/05/2026", "pukul 10.00", "loket 12345",
    "12-05-2026", "1.5.2026", "2026-05-12", "buka 08.00-16.00 WIB", "07:30 - 15:30",
])
def test_amounts_dates_and_short_numbers_stay(kept: str) -> None:
    assert mask(kept) == kept
