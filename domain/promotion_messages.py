"""Messages of the promotion-period rule codes (the calendar, the eligibility list and the
period's workflow), in
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
    "PROMOTION_PERIOD_ALREADY_OPENED": {
        "id": "Periode kenaikan pangkat TMT {tmt_on} sudah dibuka.",
        "en": "The promotion period with TMT {tmt_on} is already open.",
    },
    "PROMOTION_PERIOD_CLOSED": {
        "id": "Periode kenaikan pangkat TMT {tmt_on} sudah ditutup.",
        "en": "The promotion period with TMT {tmt_on} is closed.",
    },
    "PROMOTION_PERIOD_PENDING": {
        "id": "Masih ada {count} usulan yang belum diverifikasi atau ditetapkan.",
        "en": "{count} proposal(s) still wait for verification or recording.",
    },
    "PROMOTION_PROPOSAL_WINDOW_CLOSED": {
        "id": "Usul kenaikan pangkat periode ini hanya diterima dari {opens_on} sampai "
              "{closes_on}.",
        "en": "Proposals for this period are taken from {opens_on} to {closes_on} only.",
    },
    "PROMOTION_ALREADY_PROPOSED": {
        "id": "Pegawai ini sudah diusulkan pada periode ini (status: {status}).",
        "en": "This employee is already proposed in this period (status: {status}).",
    },
    "PROMOTION_EMPLOYEE_OTHER_GOVERNMENT": {
        "id": "Pegawai ini bukan pegawai pemerintah daerah periode ini.",
        "en": "This employee does not belong to the government of this period.",
    },
    "PROMOTION_PROPOSAL_NOT_FOUND": {
        "id": "Pegawai ini tidak diusulkan pada periode ini.",
        "en": "This employee was not proposed in this period.",
    },
    "PROMOTION_PROPOSAL_STATUS": {
        "id": "Langkah ini tidak dapat dilakukan: usulan berstatus {status}.",
        "en": "This step is not possible: the proposal is {status}.",
    },
    "PROMOTION_RETURN_REASON_REQUIRED": {
        "id": "Tuliskan alasan pengembalian usulan (apa yang kurang dari berkasnya).",
        "en": "Write why the proposal is returned (what its file lacks).",
    },
    "PROMOTION_REJECTION_CODE_INVALID": {
        "id": "Pilih syarat kenaikan pangkat yang tidak dipenuhi.",
        "en": "Choose the promotion condition the file fails.",
    },
    "PROMOTION_NOTHING_TO_RECORD": {
        "id": "Tidak ada usulan diterima yang menunggu penetapan.",
        "en": "No accepted proposal waits to be recorded.",
    },
    "PROMOTION_DECREE_PATTERN_INVALID": {
        "id": "Pola nomor SK harus memuat {slot} satu kali sebagai tempat nomor urut, "
              "mis. 800/{slot}/BKPSDM/2027, dan nomor awal paling kecil 1.",
        "en": "The decree number pattern must hold {slot} once for the sequence number, "
              "e.g. 800/{slot}/BKPSDM/2027, and start from 1 or more.",
    },
    "PROMOTION_DECREE_MISSING": {
        "id": "Nomor SK belum diisi untuk {count} usulan; isi setiap nomor atau beri pola nomor.",
        "en": "{count} proposal(s) have no decree number; enter each or give a pattern.",
    },
    "PROMOTION_DECREE_NUMBER_REPEATED": {
        "id": "Setiap usulan memerlukan nomor SK sendiri; ada nomor yang dipakai dua kali.",
        "en": "Each proposal needs its own decree number; a number is used twice.",
    },
    "PROMOTION_DECREE_SIGNED_AFTER_TODAY": {
        "id": "Tanggal SK tidak boleh setelah hari ini.",
        "en": "The decree cannot be signed after today.",
    },
    "PROMOTION_NOTHING_PROPOSED": {
        "id": "Pilih paling sedikit satu pegawai dari daftar untuk diusulkan.",
        "en": "Choose at least one employee from the list to propose.",
    },
    "PROMOTION_ON_UNPAID_LEAVE": {
        "id": "Pegawai yang menjalani cuti di luar tanggungan negara tidak dinaikkan pangkatnya.",
        "en": "An employee on unpaid leave (CLTN) is not promoted.",
    },
}
