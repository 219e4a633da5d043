"""Messages of the domain's rule codes, in Bahasa Indonesia (default) and English.

Codes are stable: clients and tests match on them. Messages say what to change, and never
include personal data (a NIP, name or birth date must not reach a log line or an error).
"""

from __future__ import annotations

from domain.consultation_messages import CONSULTATION_MESSAGES
from domain.document_messages import DOCUMENT_MESSAGES
from domain.indicator_messages import INDICATOR_MESSAGES
from domain.leave_messages import LEAVE_MESSAGES
from domain.performance_messages import PERFORMANCE_MESSAGES
from domain.promotion_messages import PROMOTION_MESSAGES
from domain.staff_survey_messages import STAFF_SURVEY_MESSAGES
from domain.survey_messages import SURVEY_MESSAGES
from domain.tpp_messages import TPP_MESSAGES
from domain.voice_messages import VOICE_MESSAGES

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
        "id": "TMT kenaikan pangkat pada periode yang berlaku jatuh pada {months}; yang "
              "terdekat {nearest}.",
        "en": "A promotion takes effect on {months} under the calendar in force; the nearest "
              "is {nearest}.",
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
        "id": "Kenaikan pangkat untuk pendidikan {education} paling tinggi {cap}.",
        "en": "Promotion for education {education} stops at {cap}.",
    },
    "PROMOTION_OUT_OF_POSITION_RANGE": {
        "id": "Golongan {grade} di luar rentang golongan jabatan yang dipangku ({range}); "
              "angkat dahulu ke jabatan yang rentangnya memuat {grade}.",
        "en": "Grade {grade} is outside the range of the position held ({range}); assign a "
              "position whose range holds {grade} first.",
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
    "TEXT_CHARACTERS_INVALID": {
        "id": "Teks memuat karakter kendali, pembalik arah tulisan atau karakter tak terlihat; "
              "ketik ulang tanpa karakter itu.",
        "en": "The text holds a control, text-direction or invisible character; type it again "
              "without it.",
    },
    "BIRTH_DATE_IMPLAUSIBLE": {
        "id": "Tanggal lahir harus antara 1 Januari 1900 dan hari ini.",
        "en": "The birth date must lie between 1 January 1900 and today.",
    },
    "DATE_BEFORE_1945": {
        "id": "Tanggal tidak boleh sebelum 17 Agustus 1945.",
        "en": "The date cannot be before 17 August 1945.",
    },
    "ACTION_AFTER_TODAY": {
        "id": "Tindakan ini tidak boleh bertanggal sesudah hari pencatatan ({today}).",
        "en": "This action cannot be dated after the day it is recorded ({today}).",
    },
    "DATE_TOO_LATE": {
        "id": "Tanggal paling lambat {latest} untuk tindakan ini.",
        "en": "For this action the date can be {latest} at the latest.",
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
    # the decree signer of a government (domain/decree_signer.py)
    "DECREE_SIGNER_TEXT_INVALID": {
        "id": "Isi dengan {low} sampai {high} karakter.",
        "en": "Give {low} to {high} characters.",
    },
    "DECREE_SIGNER_DATE_INVALID": {
        "id": "Isi tanggal dari {earliest} sampai {latest}.",
        "en": "Give a date from {earliest} to {latest}.",
    },
    "DECREE_SIGNER_UNCHANGED": {
        "id": "Pejabat ini sudah tercatat sebagai penanda tangan mulai tanggal tersebut.",
        "en": "This official is already recorded as the signer from that date.",
    },
    "CORRECTION_ALREADY_ASKED": {
        "id": "Permintaan koreksi isian ini masih menunggu keputusan BKPSDM; tunggu jawabannya "
              "sebelum meminta lagi.",
        "en": "A correction of this field is still waiting for HR's decision; wait for its "
              "answer before asking again.",
    },
    "CORRECTION_REQUEST_DECIDED": {
        "id": "Permintaan koreksi ini sudah diputuskan.",
        "en": "This correction request was already decided.",
    },
    "ANNUL_APPOINTMENT": {
        "id": "Pengangkatan tidak dapat dibatalkan; koreksi isinya.",
        "en": "An appointment cannot be annulled; correct it instead.",
    },
    # recruitment rounds (CPNS/PPPK)
    "ROUND_YEAR_INVALID": {
        "id": "Tahun seleksi harus sama dengan tahun penetapan ({year}) atau satu tahun "
              "sebelum/sesudahnya.",
        "en": "The round's year must be the year it is opened ({year}) or one year either side.",
    },
    "ROUND_ALREADY_ANNOUNCED": {
        "id": "Seleksi sudah diumumkan; formasi tidak dapat diubah lagi.",
        "en": "The round was already announced; its formations can no longer change.",
    },
    "ROUND_NO_FORMATIONS": {
        "id": "Tetapkan paling sedikit satu formasi sebelum pengumuman.",
        "en": "Allocate at least one formation before announcing the round.",
    },
    "ROUND_NOT_ANNOUNCED": {
        "id": "Seleksi belum diumumkan; pendaftaran belum dibuka.",
        "en": "The round has not been announced; registration is not open.",
    },
    "ROUND_CLOSED": {
        "id": "Seleksi sudah ditutup; tidak ada lagi yang dapat dicatat.",
        "en": "The round is closed; nothing more can be recorded.",
    },
    "ROUND_DATE_ORDER": {
        "id": "Tanggal tidak boleh sebelum tahap terakhir yang tercatat ({latest}).",
        "en": "The date cannot be before the latest recorded step ({latest}).",
    },
    "REGISTRATION_CLOSE_INVALID": {
        "id": "Tanggal penutupan harus sesudah tanggal pengumuman.",
        "en": "The closing date must be after the announcement date.",
    },
    "REGISTRATION_CLOSED": {
        "id": "Pendaftaran hanya dalam masa pendaftaran (ditutup {closes_on}).",
        "en": "Applications are accepted only while registration is open (closes {closes_on}).",
    },
    "FORMATION_QUOTA_INVALID": {
        "id": "Kebutuhan formasi harus bilangan bulat 1 sampai 10.000.",
        "en": "A formation's quota must be a whole number from 1 to 10,000.",
    },
    "FORMATION_POSITION_TYPE": {
        "id": "Formasi seleksi CPNS/PPPK hanya untuk jabatan fungsional atau pelaksana.",
        "en": "CPNS/PPPK formations are for functional or executive (pelaksana) posts only.",
    },
    "FORMATION_GRADE_MISMATCH": {
        "id": "Golongan awal CPNS ditentukan oleh pendidikan: {grade}.",
        "en": "A CPNS's starting grade follows from the education: {grade}.",
    },
    "FORMATION_TECHNICAL_BAR": {
        "id": "Nilai ambang kompetensi teknis diisi hanya untuk formasi PPPK, 1 sampai {maximum}.",
        "en": "The technical passing grade is for PPPK formations only, 1 to {maximum}.",
    },
    "APPLICANT_DUPLICATE": {
        "id": "NIK ini sudah terdaftar pada seleksi ini; satu orang hanya satu lamaran.",
        "en": "This NIK is already registered in this round; one application per person.",
    },
    "APPLICANT_EDUCATION_MISMATCH": {
        "id": "Formasi ini mensyaratkan pendidikan {education}.",
        "en": "This formation requires education {education}.",
    },
    "APPLICANT_AGE": {
        "id": "Usia pelamar pada hari terakhir pendaftaran harus {lowest} sampai {highest} tahun.",
        "en": "On the last day of registration the applicant must be {lowest} to {highest} "
              "years old.",
    },
    "GRADE_AVERAGE_INVALID": {
        "id": "IPK/nilai rata-rata diisi dalam perseratus, 0 sampai 10.000 (3,45 ditulis 345).",
        "en": "GPA/average is entered in hundredths, 0 to 10,000 (3.45 is 345).",
    },
    "NIK_INVALID": {
        "id": "NIK harus 16 angka.",
        "en": "The NIK must be 16 digits.",
    },
    "SCREENING_BEFORE_CLOSE": {
        "id": "Seleksi administrasi dilakukan sesudah pendaftaran ditutup.",
        "en": "Administrative screening happens after registration closes.",
    },
    "SCREENING_ALREADY_ANNOUNCED": {
        "id": "Hasil seleksi administrasi sudah diumumkan; perubahan hanya melalui sanggah.",
        "en": "The screening result was announced; it changes only through an objection.",
    },
    "SCREENING_REASON_REQUIRED": {
        "id": "TMS wajib disertai paling sedikit satu alasan; MS tanpa alasan.",
        "en": "Does-not-meet needs at least one reason code; meets takes none.",
    },
    "SCREENING_INCOMPLETE": {
        "id": "Masih ada {count} pelamar yang belum diperiksa administrasinya.",
        "en": "{count} applicants have not been screened yet.",
    },
    "SCREENING_NOT_ANNOUNCED": {
        "id": "Hasil seleksi administrasi belum diumumkan.",
        "en": "The administrative screening result has not been announced.",
    },
    "OBJECTION_NOT_REJECTED": {
        "id": "Sanggah hanya untuk pelamar yang dinyatakan TMS.",
        "en": "Only an applicant found not to meet the requirements can object.",
    },
    "OBJECTION_DUPLICATE": {
        "id": "Pelamar ini sudah mengajukan sanggah.",
        "en": "This applicant has already objected.",
    },
    "OBJECTION_WINDOW_CLOSED": {
        "id": "Masa sanggah {days} hari sesudah pengumuman sudah lewat.",
        "en": "The objection period of {days} days after the announcement has passed.",
    },
    "OBJECTION_NOT_FILED": {
        "id": "Tidak ada sanggah yang menunggu jawaban dari pelamar ini.",
        "en": "There is no pending objection from this applicant.",
    },
    "OBJECTION_RESOLUTION_LATE": {
        "id": "Jawaban sanggah paling lambat {days} hari sesudah pengumuman.",
        "en": "Objections must be answered within {days} days of the announcement.",
    },
    "OBJECTION_PENDING": {
        "id": "Masih ada sanggah yang belum dijawab.",
        "en": "Some objections have not been answered yet.",
    },
    "STAGE_NOT_IN_ROUND": {
        "id": "Tahap ini tidak ada pada jenis seleksi ini (SKD/SKB untuk CPNS, uji kompetensi "
              "untuk PPPK).",
        "en": "This stage is not part of this kind of round (SKD/SKB for CPNS, competency "
              "tests for PPPK).",
    },
    "STAGE_CLOSED": {
        "id": "Tahap ini sudah selesai; hasilnya tidak dapat ditambah atau diubah.",
        "en": "This stage is finished; its results cannot be added or changed.",
    },
    "STAGE_ORDER": {
        "id": "Tahap sebelumnya belum selesai.",
        "en": "The previous stage is not finished yet.",
    },
    "SCORE_NOT_SCREENED_IN": {
        "id": "Nilai hanya untuk pelamar yang memenuhi syarat administrasi (MS).",
        "en": "Scores are recorded only for applicants who passed screening.",
    },
    "SCORE_ALREADY_RECORDED": {
        "id": "Nilai tahap ini sudah tercatat; perbaikan melalui koreksi.",
        "en": "This stage's score is already recorded.",
    },
    "SCORE_INVALID": {
        "id": "Nilai harus 0 sampai {maximum}, kelipatan {step}.",
        "en": "The score must be 0 to {maximum}, in steps of {step}.",
    },
    "SKB_NOT_PARTICIPANT": {
        "id": "Pelamar ini bukan peserta SKB (3 × kebutuhan formasi terbaik yang lulus SKD).",
        "en": "This applicant is not an SKB participant (the best 3 × quota who passed SKD).",
    },
    "WITHDRAW_NOT_RANKED": {
        "id": "Pengunduran diri dicatat untuk pelamar berperingkat sesudah pengumuman hasil akhir.",
        "en": "A withdrawal is recorded for a ranked applicant after the final results.",
    },
    "WITHDRAW_NOT_POSSIBLE": {
        "id": "Pelamar ini sudah mengundurkan diri atau sudah diangkat.",
        "en": "This applicant has already withdrawn or been appointed.",
    },
    "APPLICANT_ALREADY_APPOINTED": {
        "id": "Pelamar ini sudah diangkat.",
        "en": "This applicant has already been appointed.",
    },
    "APPOINTMENT_QUOTA_FULL": {
        "id": "Kebutuhan formasi ({quota}) sudah terpenuhi.",
        "en": "The formation's quota ({quota}) is already filled.",
    },
    "APPOINTMENT_OUT_OF_RANK": {
        "id": "Hanya pelamar dalam peringkat kebutuhan formasi (termasuk pengganti pelamar yang "
              "mengundurkan diri) yang dapat diangkat.",
        "en": "Only applicants ranked within the quota (including replacements for those who "
              "withdrew) can be appointed.",
    },
    # open selection of JPT posts
    "SELECTION_POSITION_NOT_JPT": {
        "id": "Seleksi terbuka hanya untuk jabatan pimpinan tinggi (JPT).",
        "en": "Open selection is only for senior executive (JPT) posts.",
    },
    "SELECTION_AUTHORITY_REQUIRED": {
        "id": "Seleksi terbuka memerlukan rekomendasi/izin (nomor dan tanggal surat).",
        "en": "An open selection needs the merit authority's recommendation (number and date).",
    },
    "SELECTION_ALREADY_ANNOUNCED": {
        "id": "Lowongan sudah diumumkan.",
        "en": "The vacancy was already announced.",
    },
    "SELECTION_NOT_ANNOUNCED": {
        "id": "Lowongan belum diumumkan.",
        "en": "The vacancy has not been announced.",
    },
    "SELECTION_STILL_OPEN": {
        "id": "Penilaian dimulai sesudah pendaftaran ditutup.",
        "en": "Assessment starts after applications close.",
    },
    "SELECTION_TOO_FEW_CANDIDATES": {
        "id": "Pelamar kurang dari {minimum}; perpanjang pengumuman.",
        "en": "Fewer than {minimum} candidates applied; extend the announcement.",
    },
    "SELECTION_CLOSED": {
        "id": "Seleksi terbuka sudah selesai; tidak ada lagi yang dapat dicatat.",
        "en": "The open selection is finished; nothing more can be recorded.",
    },
    "COMMITTEE_SIZE": {
        "id": "Panitia seleksi berjumlah ganjil, {lowest} sampai {highest} orang.",
        "en": "The selection committee has an odd number of members, {lowest} to {highest}.",
    },
    "COMMITTEE_COMPOSITION": {
        "id": "Panitia seleksi terdiri atas unsur internal dan eksternal.",
        "en": "The selection committee needs both internal and external members.",
    },
    "COMMITTEE_REQUIRED": {
        "id": "Bentuk panitia seleksi sebelum pengumuman.",
        "en": "Form the selection committee before the announcement.",
    },
    "CANDIDATE_DUPLICATE": {
        "id": "Pegawai ini sudah melamar pada seleksi ini.",
        "en": "This employee has already applied in this selection.",
    },
    "CANDIDATE_NOT_ELIGIBLE": {
        "id": "Pelamar harus PNS aktif (bukan CPNS atau PPPK).",
        "en": "Candidates must be active PNS (not CPNS or PPPK).",
    },
    "EXTENSION_NOT_NEEDED": {
        "id": "Perpanjangan hanya sesudah tanggal penutupan bila pelamar kurang dari {minimum}.",
        "en": "An extension is only for after the closing date with fewer than {minimum} "
              "candidates.",
    },
    "STAGE_PREVIOUS_NOT_PASSED": {
        "id": "Peserta harus lulus tahap sebelumnya.",
        "en": "The candidate must have passed the previous stage.",
    },
    "STAGE_SCORE_INVALID": {
        "id": "Nilai 0–100 diisi hanya untuk tahap {stages}; tahap lain cukup lulus/tidak.",
        "en": "A 0–100 score is entered only for the stages {stages}; others are pass/fail.",
    },
    "SHORTLIST_INCOMPLETE": {
        "id": "{count} peserta belum selesai semua tahap.",
        "en": "{count} candidates have not finished every stage.",
    },
    "SHORTLIST_TOO_FEW": {
        "id": "Kurang dari {size} peserta lulus semua tahap; seleksi diulang.",
        "en": "Fewer than {size} candidates passed every stage; the selection is repeated.",
    },
    "APPOINTEE_NOT_SHORTLISTED": {
        "id": "Pejabat yang dipilih harus salah satu dari tiga nama usulan panitia.",
        "en": "The appointee must be one of the three names the committee proposed.",
    },
    "APPOINTEE_REASON_REQUIRED": {
        "id": "Memilih selain peringkat pertama wajib disertai alasan.",
        "en": "Choosing anyone but the first-ranked needs a recorded reason.",
    },
    "CONCURRENT_CHANGE": {
        "id": "Data ini baru saja diubah oleh pengguna lain. Tidak ada yang disimpan; "
              "periksa perubahan lalu ulangi.",
        "en": "This record was just changed by someone else. Nothing was saved; review the "
              "change and try again.",
    },
    # TPP (domain/tpp_rules.py)
    "TPP_REGULATION_INVALID": {
        "id": "Isian peraturan TPP ini tidak valid: periksa nilai dan tahunnya.",
        "en": "This entry of the TPP regulation is invalid: check its values and year.",
    },
    "TPP_REGULATION_NOT_IN_FORCE": {
        "id": "Belum ada peraturan TPP yang berlaku pada {on}.",
        "en": "No TPP regulation is in force on {on}.",
    },
    "TPP_JOB_CLASS_UNKNOWN": {
        "id": "Kelas jabatan {job_class} tidak ada dalam tabel TPP {perkada}.",
        "en": "Job class {job_class} is not in the TPP table of {perkada}.",
    },
    "TPP_MONTH_INVALID": {
        "id": "Bulan TPP ditulis dengan tanggal 1 bulan itu.",
        "en": "A TPP month is given as the first day of that month.",
    },
}
for _feature in (VOICE_MESSAGES, LEAVE_MESSAGES, PROMOTION_MESSAGES, PERFORMANCE_MESSAGES,
                 SURVEY_MESSAGES, CONSULTATION_MESSAGES, DOCUMENT_MESSAGES,
                 STAFF_SURVEY_MESSAGES, TPP_MESSAGES, INDICATOR_MESSAGES):
    MESSAGES.update(_feature)
