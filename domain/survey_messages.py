"""Messages of the rule codes of satisfaction surveys (SKM), in Bahasa Indonesia and English;
domain/messages.py adds them to its table."""

from __future__ import annotations

SURVEY_MESSAGES: dict[str, dict[str, str]] = {
    "SURVEY_PERIOD_DATES_INVALID": {
        "id": "Periode survei berakhir pada atau setelah tanggal mulainya dan paling lama "
              "satu tahun.",
        "en": "A survey period ends on or after its start and lasts at most a year.",
    },
    "SURVEY_POPULATION_INVALID": {
        "id": "Perkiraan jumlah pengguna layanan harus antara 1 dan {largest}.",
        "en": "The estimated number of service users must be between 1 and {largest}.",
    },
    "SURVEY_PERIOD_TAKEN": {
        "id": "Unit ini sudah mempunyai periode survei yang dimulai pada tanggal itu.",
        "en": "This unit already has a survey period starting on that date.",
    },
    "SURVEY_PERIOD_OVERLAPS": {
        "id": "Periode ini beririsan dengan periode survei unit dari {starts_on} sampai "
              "{ends_on}; hasil IKM akan menghitung hari yang sama dua kali.",
        "en": "This period overlaps the unit's survey period from {starts_on} to {ends_on}; "
              "the IKM would count the same days twice.",
    },
    "SURVEY_PERIOD_CLOSED": {
        "id": "Periode survei ini sudah ditutup.",
        "en": "This survey period is closed.",
    },
    "SURVEY_OUTSIDE_PERIOD": {
        "id": "Survei ini hanya dapat diisi dari {starts_on} sampai {ends_on}.",
        "en": "This survey can only be answered from {starts_on} to {ends_on}.",
    },
    "SURVEY_BATCH_SIZE_INVALID": {
        "id": "Jumlah kode per cetakan harus antara 1 dan {largest}.",
        "en": "The number of codes per batch must be between 1 and {largest}.",
    },
    "SURVEY_CODE_DUPLICATE": {
        "id": "Kode survei yang dibuat sudah pernah diterbitkan; silakan ulangi.",
        "en": "A generated survey code was issued before; please try again.",
    },
    "SURVEY_SCORES_INVALID": {
        "id": "Beri nilai 1 sampai 4 untuk setiap unsur (sembilan unsur).",
        "en": "Give every element (all nine) a score from 1 to 4.",
    },
    "SURVEY_CODE_SPENT": {
        "id": "Kode survei ini sudah dipakai. Setiap kode hanya berlaku satu kali.",
        "en": "This survey code has been used. Each code is valid once only.",
    },
    "SURVEY_CODE_UNKNOWN": {
        "id": "Kode survei ini tidak dikenal untuk periode survei unit ini.",
        "en": "This survey code is not known for this unit's survey period.",
    },
}
