"""Messages of the rule codes of monitoring and evaluation indicators, in Bahasa Indonesia and
English; domain/messages.py adds them to its table."""

from __future__ import annotations

INDICATOR_MESSAGES: dict[str, dict[str, str]] = {
    "INDICATOR_TEXT_INVALID": {
        "id": "Isian ini wajib diisi, antara {shortest} dan {longest} karakter.",
        "en": "This field is required, from {shortest} to {longest} characters.",
    },
    "INDICATOR_POLICY_REQUIRED": {
        "id": "Sebutkan kebijakan yang diukur: pilih konsultasi publiknya atau tulis judulnya.",
        "en": "Name the policy it measures: choose its public consultation or write its title.",
    },
    "INDICATOR_CONSULTATION_OUTSIDE_GOVERNMENT": {
        "id": "Konsultasi publik yang dipilih bukan milik pemerintah daerah ini.",
        "en": "The chosen public consultation is not this regional government's.",
    },
    "INDICATOR_MEASURE_FIXED": {
        "id": "Satuan dan arah indikator yang dihitung sistem sudah ditetapkan untuk jenisnya.",
        "en": "A computed indicator's unit and direction are fixed by its kind.",
    },
    "INDICATOR_YEAR_INVALID": {
        "id": "Tahun target antara {first} dan {last}.",
        "en": "The target year is from {first} to {last}.",
    },
    "INDICATOR_VALUE_INVALID": {
        "id": "Nilai harus angka antara 0 dan {highest}.",
        "en": "The value must be a number from 0 to {highest}.",
    },
    "INDICATOR_MONTH_INVALID": {
        "id": "Bulan realisasi ditulis dengan tanggal 1 bulan itu dan tidak boleh setelah bulan "
              "ini.",
        "en": "The month of an actual is given as its 1st and cannot be after this month.",
    },
    "INDICATOR_ACTUAL_EXISTS": {
        "id": "Realisasi bulan ini sudah dicatat: gunakan koreksi dengan alasannya.",
        "en": "This month's actual is already recorded: correct it, giving the reason.",
    },
    "INDICATOR_ACTUAL_MISSING": {
        "id": "Belum ada realisasi bulan ini yang dapat dikoreksi.",
        "en": "There is no actual of this month to correct.",
    },
    "INDICATOR_BASE_INVALID": {
        "id": "Jumlah dasar perhitungan antara 0 dan {most}.",
        "en": "The base of the figure is from 0 to {most}.",
    },
}
