"""Messages of the domain's rule codes, in Bahasa Indonesia (default) and English.

Codes are stable: clients and tests match on them. Messages say what to change, and never
include personal data (a NIP, name or birth date must not reach a log line or an error).
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # identity numbers and personal data
    "NIP_FORMAT": {
        "id": "NIP/NI PPPK harus 18 angka: tanggal lahir, TMT, kode jenis kelamin 1 atau 2, "
              "dan nomor urut.",
        "en": "The NIP/NI PPPK must be 18 digits: birth date, TMT, sex code 1 or 2, sequence.",
    },
    "NIP_BIRTH_DATE_MISMATCH": {
        "id": "Delapan angka pertama NIP tidak sama dengan tanggal lahir.",
        "en": "The first eight digits of the NIP do not match the birth date.",
    },
    "NIP_SEX_MISMATCH": {
        "id": "Angka ke-15 NIP tidak sesuai dengan jenis kelamin (1 laki-laki, 2 perempuan).",
        "en": "Digit 15 of the NIP does not match the sex (1 male, 2 female).",
    },
    "NIP_TMT_MISMATCH": {
        "id": "Angka TMT dalam NIP tidak sama dengan TMT pengangkatan.",
        "en": "The TMT digits of the NIP do not match the appointment's effective date.",
    },
    "NIP_KIND_MISMATCH": {
        "id": "PNS memakai NIP; PPPK memakai NI PPPK (angka ke-13 bernilai 2).",
        "en": "A PNS has a NIP; a PPPK has an NI PPPK (digit 13 is 2).",
    },
    "NIP_DUPLICATE": {
        "id": "NIP/NI PPPK ini sudah terdaftar untuk pegawai lain.",
        "en": "This NIP/NI PPPK is already registered to another employee.",
    },
    "PERSONAL_DATA_INVALID": {
        "id": "Isian data pribadi tidak valid: {detail}.",
        "en": "Invalid personal data: {detail}.",
    },
    "SUBJECT_ERASED": {
        "id": "Data pribadi pegawai ini sudah dihapus; tidak ada tindakan baru yang dapat dicatat.",
        "en": "This person's personal data was erased; no new action can be recorded.",
    },
    # organisation
    "NAME_INVALID": {
        "id": "Nama wajib diisi, paling banyak 200 karakter.",
        "en": "A name is required, at most 200 characters.",
    },
    "CODE_INVALID": {
        "id": "Kode hanya boleh huruf, angka, titik dan tanda hubung (paling banyak 40).",
        "en": "A code may only hold letters, digits, dots and hyphens (at most 40).",
    },
    "UNIT_CODE_TAKEN": {
        "id": "Kode unit {unit_code} sudah dipakai di perangkat daerah ini.",
        "en": "Unit code {unit_code} is already used in this agency.",
    },
    "UNIT_NOT_IN_AGENCY": {
        "id": "Unit kerja yang dipilih bukan bagian dari perangkat daerah ini.",
        "en": "The chosen unit does not belong to this agency.",
    },
    "AGENCY_OTHER_GOVERNMENT": {
        "id": "Mutasi hanya antar perangkat daerah dalam pemerintah daerah yang sama.",
        "en": "Transfers are only between agencies of the same government.",
    },
    "NOT_FOUND": {
        "id": "{what} tidak ditemukan.",
        "en": "{what} was not found.",
    },
    # grades and positions
    "GRADE_UNKNOWN": {
        "id": "Golongan {grade} tidak dikenal.",
        "en": "Unknown grade {grade}.",
    },
    "GRADE_RANGE_INVALID": {
        "id": "Rentang golongan {lowest}–{highest} tidak valid.",
        "en": "Grade range {lowest}–{highest} is invalid.",
    },
    "POSITION_OCCUPIED": {
        "id": "Jabatan {title} sudah ada pemangkunya; lepaskan dahulu pemangku lama.",
        "en": "Position {title} already has a holder; release the current holder first.",
    },
    "POSITION_ALREADY_HELD": {
        "id": "Pegawai ini sudah memangku jabatan {title}.",
        "en": "This employee already holds position {title}.",
    },
    "POSITION_NOT_HELD": {
        "id": "Pegawai ini tidak memangku jabatan tersebut {title}.",
        "en": "This employee does not hold that position {title}.",
    },
    "POSITION_OTHER_AGENCY": {
        "id": "Jabatan berada di perangkat daerah lain; catat mutasi lebih dahulu.",
        "en": "The position is in another agency; record a transfer first.",
    },
    "POSITION_GRADE_OUT_OF_RANGE": {
        "id": "Golongan {grade} di luar rentang jabatan ini ({range}).",
        "en": "Grade {grade} is outside this position's range ({range}).",
    },
    # lifecycle
    "EMPLOYEE_SEPARATED": {
        "id": "Pegawai sudah diberhentikan per {separated_on}; tidak ada tindakan dengan TMT "
              "sesudahnya.",
        "en": "The employee separated on {separated_on}; nothing with a later date is accepted.",
    },
    "BEFORE_APPOINTMENT": {
        "id": "TMT tidak boleh sebelum TMT pengangkatan ({appointed_on}).",
        "en": "The effective date cannot be before the appointment ({appointed_on}).",
    },
    "APPOINTMENT_GRADE_EDUCATION": {
        "id": "CPNS berpendidikan {education} diangkat dalam golongan {grade}.",
        "en": "A CPNS with education {education} is appointed at grade {grade}.",
    },
    "APPOINTMENT_TMT_FIRST_OF_MONTH": {
        "id": "TMT CPNS selalu tanggal 1 suatu bulan.",
        "en": "The TMT of a CPNS is always the 1st of a month.",
    },
    "APPOINTMENT_UNDER_AGE": {
        "id": "Usia pada TMT pengangkatan paling rendah 18 tahun.",
        "en": "The employee must be at least 18 on the appointment date.",
    },
    "PPPK_GRADE_REQUIRED": {
        "id": "PPPK diangkat dalam golongan PPPK (I–XVII).",
        "en": "A PPPK is appointed at a PPPK grade (I–XVII).",
    },
    "PPPK_CONTRACT_TOO_SHORT": {
        "id": "Perjanjian kerja PPPK paling singkat 1 tahun; isi tanggal akhir kontrak.",
        "en": "A PPPK contract lasts at least one year; give its end date.",
    },
    "OPENING_DATES_INVALID": {
        "id": "Tanggal saldo awal tidak runtut: TMT pertama ≤ TMT golongan ≤ tanggal pembukaan.",
        "en": "Opening dates out of order: first TMT ≤ grade TMT ≤ opening date.",
    },
    "OPENING_STATUS_INVALID": {
        "id": "Status tidak sesuai: PNS bila lulus masa percobaan, CPNS bila belum, PPPK "
              "untuk pegawai kontrak.",
        "en": "Status mismatch: PNS once probation passed, CPNS before, PPPK for contracts.",
    },
    "CONTRACT_NOT_ENDED": {
        "id": "Perjanjian kerja masih berlaku sampai {ends_on}; berakhirnya kontrak berlaku "
              "paling cepat sehari sesudahnya.",
        "en": "The contract runs until {ends_on}; its end takes effect the day after at the "
              "earliest.",
    },
    "CONTRACT_RENEWAL_INVALID": {
        "id": "Akhir kontrak baru harus sesudah akhir kontrak sekarang ({current}).",
        "en": "The new contract end must be after the current one ({current}).",
    },
    "PROBATION_NOT_CPNS": {
        "id": "Hanya CPNS yang dapat diangkat menjadi PNS.",
        "en": "Only a CPNS can pass probation.",
    },
    "PROBATION_REQUIRES_LATSAR": {
        "id": "Pengangkatan menjadi PNS memerlukan Latsar yang telah selesai.",
        "en": "Passing probation requires a completed Latsar.",
    },
    "PROBATION_TOO_EARLY": {
        "id": "Masa percobaan CPNS satu tahun; paling cepat TMT {earliest}.",
        "en": "Probation lasts one year; the earliest date is {earliest}.",
    },
    "TRANSFER_SAME_PLACE": {
        "id": "Unit tujuan sama dengan unit sekarang.",
        "en": "The destination is the current unit.",
    },
    "CONTRACT_END_ONLY_PPPK": {
        "id": "Berakhirnya perjanjian kerja hanya berlaku bagi PPPK.",
        "en": "End of contract applies to PPPK only.",
    },
    "RETIREMENT_AGE_NOT_REACHED": {
        "id": "Batas usia pensiun belum tercapai; paling cepat TMT {due_on}.",
        "en": "Retirement age not reached; the earliest date is {due_on}.",
    },
    # promotion
    "PROMOTION_PPPK": {
        "id": "PPPK tidak mendapat kenaikan pangkat.",
        "en": "PPPK have no rank promotion.",
    },
    "PROMOTION_NOT_PNS": {
        "id": "Kenaikan pangkat hanya bagi PNS aktif (bukan CPNS).",
        "en": "Only active PNS (not CPNS) can be promoted.",
    },
    "PROMOTION_ONE_STEP": {
        "id": "Kenaikan pangkat satu tingkat: golongan berikutnya adalah {expected}.",
        "en": "Promotion is one step: the next grade is {expected}.",
    },
    "PROMOTION_DATE": {
        "id": "TMT kenaikan pangkat harus tanggal 1 pada bulan periode yang berlaku: {months}.",
        "en": "A promotion takes effect on the 1st of a period month in force: {months}.",
    },
    "PROMOTION_TIME_IN_GRADE": {
        "id": "Masa kerja dalam golongan kurang dari {years} tahun (sejak {since}).",
        "en": "Less than {years} years in grade (since {since}).",
    },
    "PROMOTION_RATING": {
        "id": "Predikat kinerja tahun {year} belum ada atau di bawah Baik.",
        "en": "The {year} appraisal is missing or below Baik.",
    },
    "PROMOTION_EDUCATION_CAP": {
        "id": "Kenaikan pangkat reguler untuk pendidikan {education} paling tinggi {cap}.",
        "en": "Regular promotion for education {education} stops at {cap}.",
    },
    "PROMOTION_FUNCTIONAL_POSITION": {
        "id": "Kenaikan pangkat fungsional hanya bagi pemangku jabatan fungsional.",
        "en": "Functional promotion requires holding a functional position.",
    },
    "PROMOTION_CREDIT_POINTS": {
        "id": "Angka kredit kurang: dibutuhkan {needed}.",
        "en": "Not enough credit points: {needed} needed.",
    },
    "PROMOTION_UNDER_PENALTY": {
        "id": "Pegawai sedang menjalani hukuman disiplin sedang/berat.",
        "en": "The employee is serving a medium or heavy disciplinary penalty.",
    },
    # training, appraisal, discipline
    "TRAINING_HOURS_INVALID": {
        "id": "JP harus lebih dari 0 dan paling banyak {maximum}, kelipatan 0,5.",
        "en": "JP must be above 0 and at most {maximum}, in steps of 0.5.",
    },
    "LATSAR_ONLY_CPNS": {
        "id": "Latsar hanya untuk CPNS.",
        "en": "Latsar is for CPNS only.",
    },
    "APPRAISAL_DUPLICATE_YEAR": {
        "id": "Penilaian kinerja tahunan {year} sudah tercatat; gunakan koreksi.",
        "en": "The {year} annual appraisal is already recorded; use a correction.",
    },
    "APPRAISAL_YEAR_INVALID": {
        "id": "Tahun penilaian {year} di luar masa kerja atau sesudah tanggal penilaian.",
        "en": "Appraisal year {year} is outside the service period or after the appraisal date.",
    },
    "APPRAISAL_RATING_NOT_DERIVED": {
        "id": "Predikat harus sesuai matriks hasil kerja × perilaku kerja.",
        "en": "The rating must follow the work result × behaviour matrix.",
    },
    "APPRAISAL_SELF_RATING": {
        "id": "Pegawai tidak dapat menilai dirinya sendiri.",
        "en": "An employee cannot appraise themselves.",
    },
    "RATER_NOT_SUPERIOR": {
        "id": "Pejabat penilai harus atasan langsung: pemangku jabatan {allowed} di perangkat "
              "daerah yang sama.",
        "en": "The rater must be the direct superior: a holder of {allowed} in the same agency.",
    },
    "RATER_REQUIRED": {
        "id": "Pilih pejabat penilai.",
        "en": "Choose the rater.",
    },
    "PENALTY_TYPE_LEVEL_MISMATCH": {
        "id": "Jenis hukuman tidak termasuk tingkat {level}.",
        "en": "The penalty type does not belong to level {level}.",
    },
    # envelope, corrections, concurrency
    "ACTOR_REQUIRED": {
        "id": "Pencatat tindakan tidak diketahui.",
        "en": "The recording user is unknown.",
    },
    "LEGAL_BASIS_INVALID": {
        "id": "Nomor SK wajib diisi (paling banyak 120 karakter) beserta tanggalnya.",
        "en": "A decree number (at most 120 characters) and its date are required.",
    },
    "LEGAL_BASIS_REQUIRED": {
        "id": "Tindakan ini memerlukan dasar hukum (nomor dan tanggal SK).",
        "en": "This action needs a legal basis (decree number and date).",
    },
    "REASON_REQUIRED": {
        "id": "Alasan wajib diisi.",
        "en": "A reason is required.",
    },
    "CORRECTION_TARGET_INVALID": {
        "id": "Catatan versi {version} tidak ada atau sudah dibatalkan.",
        "en": "Entry version {version} does not exist or was already annulled.",
    },
    "CORRECTION_FIELDS_INVALID": {
        "id": "Isian yang dapat dikoreksi: {allowed}.",
        "en": "Fields that can be corrected: {allowed}.",
    },
    "ANNUL_APPOINTMENT": {
        "id": "Pengangkatan tidak dapat dibatalkan; koreksi isinya.",
        "en": "An appointment cannot be annulled; correct it instead.",
    },
    "CONCURRENT_CHANGE": {
        "id": "Data ini baru saja diubah oleh pengguna lain. Tidak ada yang disimpan; "
              "periksa perubahan lalu ulangi.",
        "en": "This record was just changed by someone else. Nothing was saved; review the "
              "change and try again.",
    },
}
