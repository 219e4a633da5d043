"""Messages of the rule codes of anonymous employee surveys, in Bahasa Indonesia and English;
domain/messages.py adds them to its table."""

from __future__ import annotations

STAFF_SURVEY_MESSAGES: dict[str, dict[str, str]] = {
    "STAFF_SURVEY_TEXT_INVALID": {
        "id": "Teks ini harus {shortest} sampai {longest} karakter.",
        "en": "This text must be {shortest} to {longest} characters long.",
    },
    "STAFF_SURVEY_ITEMS_INVALID": {
        "id": "Survei pegawai memuat 1 sampai {largest} pernyataan, satu per baris.",
        "en": "An employee survey has 1 to {largest} statements, one per line.",
    },
    "STAFF_SURVEY_DATES_INVALID": {
        "id": "Survei ditutup pada atau setelah tanggal dibukanya dan paling lama satu tahun.",
        "en": "A survey closes on or after the day it opens and runs at most a year.",
    },
    "STAFF_SURVEY_AGENCY_INVALID": {
        "id": "Perangkat daerah ini tidak termasuk pegawai yang disurvei.",
        "en": "This agency is not part of the population surveyed.",
    },
    "STAFF_SURVEY_CONSULTATION_UNKNOWN": {
        "id": "Konsultasi publik ini tidak ditemukan di pemerintah daerah ini.",
        "en": "This public consultation was not found in this government.",
    },
    "STAFF_SURVEY_CLOSED": {
        "id": "Survei pegawai ini sudah ditutup.",
        "en": "This employee survey is closed.",
    },
    "STAFF_SURVEY_NOT_OPEN": {
        "id": "Survei pegawai ini baru dibuka pada {opens_on}.",
        "en": "This employee survey opens on {opens_on}.",
    },
    "STAFF_SURVEY_BATCH_SIZE_INVALID": {
        "id": "Jumlah kode per cetakan harus antara 1 dan {largest}.",
        "en": "The number of codes per batch must be between 1 and {largest}.",
    },
    "STAFF_SURVEY_CODE_DUPLICATE": {
        "id": "Kode survei yang dibuat sudah pernah diterbitkan; silakan ulangi.",
        "en": "A generated survey code was issued before; please try again.",
    },
    "STAFF_SURVEY_CODE_ALREADY_TAKEN": {
        "id": "Anda sudah mengambil kode untuk survei ini. Setiap pegawai hanya satu kode.",
        "en": "You have already taken a code for this survey. Each employee takes one code.",
    },
    "STAFF_SURVEY_NOT_IN_POPULATION": {
        "id": "Survei ini ditujukan kepada pegawai perangkat daerah lain.",
        "en": "This survey is addressed to the employees of another agency.",
    },
    "STAFF_SURVEY_SCORES_INVALID": {
        "id": "Beri nilai 1 sampai 5 untuk setiap pernyataan.",
        "en": "Rate every statement from 1 to 5.",
    },
    "STAFF_SURVEY_NO_FREE_TEXT": {
        "id": "Survei ini tidak mempunyai pertanyaan isian bebas.",
        "en": "This survey has no free-text question.",
    },
    "STAFF_SURVEY_CODE_SPENT": {
        "id": "Kode survei ini sudah dipakai. Setiap kode hanya berlaku satu kali.",
        "en": "This survey code has been used. Each code is valid once only.",
    },
    "STAFF_SURVEY_CODE_UNKNOWN": {
        "id": "Kode survei ini tidak dikenal untuk survei pegawai ini.",
        "en": "This survey code is not known for this employee survey.",
    },
}
