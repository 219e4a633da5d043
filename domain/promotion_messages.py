"""Messages of the promotion-period rule codes (the calendar and the eligibility list), in
Bahasa Indonesia and English; merged into domain/messages.py, which is near its size limit."""

from __future__ import annotations

PROMOTION_MESSAGES: dict[str, dict[str, str]] = {
    "PROMOTION_HIGHEST_GRADE": {
        "id": "Golongan {grade} adalah golongan tertinggi; tidak ada kenaikan pangkat berikutnya.",
        "en": "Grade {grade} is the highest; there is no further promotion.",
    },
    "PROMOTION_CREDIT_POINTS_NOT_RECORDED": {
        "id": "Angka kredit belum tercatat di sini; periksa PAK terakhir: dibutuhkan {needed}.",
        "en": "Credit points are not recorded here; check the latest PAK: {needed} needed.",
    },
    "PROMOTION_PERIOD_RANGE_INVALID": {
        "id": "Akhir rentang periode tidak boleh sebelum awalnya.",
        "en": "The end of the range of periods cannot be before its start.",
    },
}
