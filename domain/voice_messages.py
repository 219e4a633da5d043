"""Messages of the rule codes of citizens' voice (holidays, service units, complaints), in
Bahasa Indonesia and English; domain/messages.py adds them to its table."""

from __future__ import annotations

VOICE_MESSAGES: dict[str, dict[str, str]] = {
    "HOLIDAY_YEAR_INVALID": {
        "id": "Tahun kalender libur harus antara 2000 dan 2100.",
        "en": "The holiday calendar's year must be between 2000 and 2100.",
    },
    "HOLIDAY_OUTSIDE_YEAR": {
        "id": "Tanggal libur harus jatuh pada tahun {year}.",
        "en": "The holiday must fall in {year}.",
    },
    "HOLIDAY_UNCHANGED": {
        "id": "Hari libur ini sudah tercatat persis seperti itu.",
        "en": "This holiday is already recorded exactly so.",
    },
    "HOLIDAY_NOT_FOUND": {
        "id": "Tanggal ini bukan hari libur dalam kalender.",
        "en": "This date is not a holiday in the calendar.",
    },
    "STANDARD_TEXT_INVALID": {
        "id": "Isian standar pelayanan wajib diisi, paling banyak 2.000 karakter.",
        "en": "The service standard's text is required, at most 2,000 characters.",
    },
    "SERVICE_NAME_TAKEN": {
        "id": "Unit ini sudah mempunyai layanan dengan nama itu.",
        "en": "This unit already has a service with that name.",
    },
    "SERVICE_UNCHANGED": {
        "id": "Tidak ada yang berubah pada layanan ini.",
        "en": "Nothing changed in this service.",
    },
    "SERVICE_NOT_IN_UNIT": {
        "id": "Layanan ini tidak ada pada unit pelayanan yang dipilih.",
        "en": "This service is not one of the chosen unit's services.",
    },
    "SERVICE_UNIT_CODE_TAKEN": {
        "id": "Kode unit pelayanan ini sudah dipakai.",
        "en": "This service unit code is already in use.",
    },
    "SERVICE_UNIT_OUTSIDE_GOVERNMENT": {
        "id": "Unit pelayanan harus milik pemerintah daerah yang sama.",
        "en": "The service unit must belong to the same regional government.",
    },
    "COMPLAINT_IN_FUTURE": {
        "id": "Tanggal kejadian tidak boleh setelah hari ini.",
        "en": "The date it happened cannot be after today.",
    },
    "COMPLAINT_TOO_OLD": {
        "id": "Kejadian lebih dari {years} tahun lalu tidak dapat diadukan di sini.",
        "en": "Something that happened more than {years} years ago cannot be reported here.",
    },
    "COMPLAINT_ANONYMOUS_WITH_CONTACT": {
        "id": "Pengaduan anonim tidak memuat kontak: kosongkan kontak atau batalkan pilihan "
              "anonim.",
        "en": "An anonymous complaint carries no contact: clear the contact or untick "
              "anonymous.",
    },
    "COMPLAINT_DESCRIPTION_INVALID": {
        "id": "Uraian kejadian wajib diisi, antara {shortest} dan {longest} karakter.",
        "en": "Describe what happened in {shortest} to {longest} characters.",
    },
    "COMPLAINT_NOT_FOUND": {
        "id": "Nomor tiket atau kode pelacakan tidak cocok.",
        "en": "The ticket number or tracking code does not match.",
    },
    "COMPLAINT_STEP_NOT_ALLOWED": {
        "id": "Langkah ini tidak berlaku untuk status pengaduan saat ini; muat ulang halaman.",
        "en": "This step does not apply to the complaint's current status; reload the page.",
    },
    "COMPLAINT_TEXT_INVALID": {
        "id": "Teks wajib diisi, paling banyak 4.000 karakter.",
        "en": "The text is required, at most 4,000 characters.",
    },
    "COMPLAINT_ALREADY_ERASED": {
        "id": "Data pengadu ini sudah dihapus.",
        "en": "This complainant's data has already been erased.",
    },
    "COMPLAINT_ERASED_NOT_REOPENED": {
        "id": "Masa simpan pengaduan ini sudah berakhir dan uraiannya telah dihapus, sehingga "
              "tidak dapat dibuka kembali. Silakan ajukan pengaduan baru.",
        "en": "This complaint's retention period has ended and what was written was erased, "
              "so it cannot be reopened. Please file a new complaint.",
    },
}
