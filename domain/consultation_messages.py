"""Messages of the rule codes of public consultation (Forum Konsultasi Publik), in Bahasa
Indonesia and English; domain/messages.py adds them to its table."""

from __future__ import annotations

CONSULTATION_MESSAGES: dict[str, dict[str, str]] = {
    "CONSULTATION_TEXT_INVALID": {
        "id": "Isian ini wajib diisi, antara {shortest} dan {longest} karakter.",
        "en": "This field is required, from {shortest} to {longest} characters.",
    },
    "CONSULTATION_OPENS_IN_PAST": {
        "id": "Tanggal pembukaan konsultasi tidak boleh sebelum hari ini.",
        "en": "The consultation cannot open before today.",
    },
    "CONSULTATION_PERIOD_TOO_SHORT": {
        "id": "Masa konsultasi paling singkat {days} hari: tanggal penutupan paling cepat {days} "
              "hari setelah tanggal pembukaan.",
        "en": "A consultation lasts at least {days} days: the closing date is at least {days} "
              "days after the opening date.",
    },
    "CONSULTATION_STEP_NOT_ALLOWED": {
        "id": "Langkah ini tidak berlaku untuk status konsultasi saat ini; muat ulang halaman.",
        "en": "This step does not apply to the consultation's current status; reload the page.",
    },
    "CONSULTATION_NOT_OPEN": {
        "id": "Konsultasi ini tidak sedang dibuka untuk tanggapan.",
        "en": "This consultation is not open for comments.",
    },
    "CONSULTATION_COMMENT_INVALID": {
        "id": "Tanggapan wajib diisi, antara {shortest} dan {longest} karakter.",
        "en": "Write your comment in {shortest} to {longest} characters.",
    },
    "CONSULTATION_COMMENT_NOT_FOUND": {
        "id": "Tanggapan ini tidak ada pada konsultasi ini.",
        "en": "This comment is not one of this consultation's.",
    },
    "CONSULTATION_COMMENT_MODERATED": {
        "id": "Tanggapan ini sudah dimoderasi.",
        "en": "This comment has already been moderated.",
    },
    "CONSULTATION_MODERATION_CHOICE": {
        "id": "Pilih salah satu: tayangkan tanggapan, atau tahan dengan alasannya.",
        "en": "Choose one: publish the comment, or withhold it with a reason.",
    },
    "CONSULTATION_THEME_COMMENT_INVALID": {
        "id": "Tema hanya dapat memuat tanggapan yang sudah ditayangkan.",
        "en": "A theme can group only published comments.",
    },
    "CONSULTATION_COMMENT_THEMED": {
        "id": "Tanggapan ini sudah dijawab dalam tema lain.",
        "en": "This comment is already answered under another theme.",
    },
    "CONSULTATION_COMMENTS_PENDING": {
        "id": "Masih ada tanggapan yang belum dimoderasi: moderasi semuanya lebih dulu.",
        "en": "Some comments are not moderated yet: moderate them all first.",
    },
    "CONSULTATION_CHANGES_INVALID": {
        "id": "Daftar perubahan paling banyak {most} butir.",
        "en": "The list of changes has at most {most} items.",
    },
    "CONSULTATION_UNIT_OUTSIDE_GOVERNMENT": {
        "id": "Perangkat daerah atau unit pelayanan harus milik pemerintah daerah yang sama.",
        "en": "The agency or service unit must belong to the same regional government.",
    },
}
