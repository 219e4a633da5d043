"""The time zone of a regional government, from its province: releases are dated in it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import babel.dates

from web.ui import language

# Waktu Indonesia Tengah and Timur; every other province keeps Western time (WIB).
CENTRAL = ("Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Kalimantan Selatan",
           "Kalimantan Timur", "Kalimantan Utara", "Sulawesi Utara", "Sulawesi Tengah",
           "Sulawesi Selatan", "Sulawesi Tenggara", "Sulawesi Barat", "Gorontalo")
EASTERN = ("Maluku", "Maluku Utara", "Papua", "Papua Barat", "Papua Barat Daya",
           "Papua Selatan", "Papua Tengah", "Papua Pegunungan")
ABBREVIATIONS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def zone_of(province: str) -> str:
    """The IANA zone of a province (WIB unless it is a WITA or WIT province)."""
    if province in EASTERN:
        return "Asia/Jayapura"
    return "Asia/Makassar" if province in CENTRAL else "Asia/Jakarta"


def local_time(published_at: str, province: str) -> str:
    """A stored UTC time as the government's readers tell time: "16 Nov 2026 07.00 WITA"."""
    zone = zone_of(province)
    moment = datetime.fromisoformat(published_at).astimezone(ZoneInfo(zone))
    clock = moment.strftime("%H.%M" if language() == "id" else "%H:%M")
    day = babel.dates.format_date(moment.date(), "d MMM y", locale=language())
    return f"{day} {clock} {ABBREVIATIONS[zone]}"
