"""Messages of the TPP rule codes (the regulation's versions and the monthly runs), in Bahasa
Indonesia and English; merged into domain/messages.py."""

from __future__ import annotations

TPP_MESSAGES: dict[str, dict[str, str]] = {
    "TPP_VERSION_UNCHANGED": {
        "id": "Perkada TPP yang berlaku mulai {effective_from} sudah tercatat dengan tabel yang "
              "sama.",
        "en": "The TPP regulation in force from {effective_from} is already recorded with this "
              "table.",
    },
    "TPP_MONTH_IN_FUTURE": {
        "id": "TPP hanya dapat dihitung untuk bulan yang sudah dimulai.",
        "en": "TPP can only be computed for a month that has begun.",
    },
    "TPP_RUN_UNCHANGED": {
        "id": "Tidak ada perubahan sejak perhitungan ke-{number} bulan ini; perhitungan koreksi "
              "hanya dibuat bila ada data yang berubah.",
        "en": "Nothing has changed since run {number} of this month; a correction run is made "
              "only when data it reads have changed.",
    },
    "TPP_CONSULTATION_INVALID": {
        "id": "Pilih konsultasi publik atas rancangan peraturan TPP pemerintah daerah ini yang "
              "sudah dijawab.",
        "en": "Choose an answered public consultation on this government's draft TPP rules.",
    },
    "TPP_RUN_COMPLETE": {
        "id": "Perhitungan TPP ini sudah selesai dan tidak dapat diubah; buat perhitungan "
              "koreksi.",
        "en": "This TPP run is complete and cannot change; make a correction run.",
    },
    "TPP_NOT_APPROVED": {
        "id": "{perkada} (berlaku mulai {effective_from}) belum disetujui Menteri Dalam Negeri; "
              "catat surat persetujuan Mendagri lebih dahulu, baru TPP bulan ini dapat "
              "dihitung.",
        "en": "{perkada} (in force from {effective_from}) has no approval of the Minister of "
              "Home Affairs yet; record the approval letter first, then this month's TPP can "
              "be computed.",
    },
    "TPP_VERSION_NOT_FOUND": {
        "id": "Tidak ada versi Perkada TPP yang berlaku mulai {effective_from}.",
        "en": "No version of the TPP regulation is in force from {effective_from}.",
    },
    "TPP_VERSION_ALREADY_APPROVED": {
        "id": "Perkada TPP yang berlaku mulai {effective_from} sudah disetujui Mendagri "
              "(surat {letter}).",
        "en": "The TPP regulation in force from {effective_from} is already approved by the "
              "Minister of Home Affairs (letter {letter}).",
    },
    "TPP_APPROVAL_LETTER_DATE": {
        "id": "Tanggal surat persetujuan Mendagri harus antara {earliest} dan hari ini "
              "({today}).",
        "en": "The date of the Minister of Home Affairs' approval letter must lie between "
              "{earliest} and today ({today}).",
    },
}
