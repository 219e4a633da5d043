"""The user-facing text catalogue: Bahasa Indonesia first, English on request (?lang=en)."""

from __future__ import annotations

from flask import request

from web.public.text import PUBLIC_TEXT

CATALOGUE: dict[str, dict[str, str]] = {
    "title": {"id": "Rekam Jejak — Buku Besar Kepegawaian ASN",
              "en": "Rekam Jejak — Civil Servant Personnel Ledger"},
    "intro": {"id": "Setiap pengangkatan, kenaikan pangkat, pelatihan dan penilaian kinerja ASN "
                    "dicatat sebagai peristiwa yang tidak dapat diubah.",
              "en": "Every appointment, promotion, training and appraisal of civil servants is "
                    "recorded as an event that cannot be changed."},
    "demo_warning": {"id": "Data demo: semua nama dan nomor adalah rekaan.",
                     "en": "Demo data: every name and number is made up."},
    "governments": {"id": "Pemerintah daerah", "en": "Regional governments"},
    "agency": {"id": "Perangkat daerah", "en": "Agency"},
    "employees": {"id": "Pegawai aktif", "en": "Active employees"},
    "total": {"id": "Jumlah", "en": "Total"},
    "events": {"id": "peristiwa tersimpan", "en": "stored events"},
    "empty": {"id": "Belum ada data. Jalankan `rekam demo` untuk memuat data demo.",
              "en": "No data yet. Run `rekam demo` to load the demo data."},
    "language": {"id": "English", "en": "Bahasa Indonesia"},
    **PUBLIC_TEXT,
}


def language() -> str:
    """The reader's language: `?lang=` first, then the cookie, then Bahasa Indonesia."""
    chosen = request.args.get("lang") or request.cookies.get("lang") or "id"
    return chosen if chosen in ("id", "en") else "id"


def text(key: str) -> str:
    return CATALOGUE[key][language()]


def label(key: str) -> str:
    """A category or row label: its catalogue text when it has one, else the key itself."""
    entry = CATALOGUE.get(f"col.{key}")
    return entry[language()] if entry else key


def number(value: int) -> str:
    """A whole number with the reader's thousands separator (1.234 in id, 1,234 in en)."""
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if language() == "id" else grouped
