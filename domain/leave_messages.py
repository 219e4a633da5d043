"""Messages of the leave (cuti) rule codes, in Bahasa Indonesia and English; merged into
domain/messages.py, which would otherwise pass the size a module should have."""

from __future__ import annotations

LEAVE_MESSAGES: dict[str, dict[str, str]] = {
    "LEAVE_NO_RULES_IN_FORCE": {
        "id": "Tidak ada aturan cuti {employment_type} yang berlaku pada {on}.",
        "en": "No {employment_type} leave rules are in force on {on}.",
    },
    "LEAVE_TYPE_NOT_FOR_EMPLOYMENT_TYPE": {
        "id": "Jenis cuti ini tidak tersedia bagi {employment_type}.",
        "en": "This type of leave is not available to a {employment_type}.",
    },
    "LEAVE_RANGE_INVALID": {
        "id": "Tanggal selesai cuti tidak boleh sebelum tanggal mulai.",
        "en": "The leave cannot end before it starts.",
    },
    "LEAVE_NO_WORKING_DAYS": {
        "id": "Rentang tanggal ini tidak memuat hari kerja.",
        "en": "This date range holds no working day.",
    },
    "LEAVE_TOO_SHORT": {
        "id": "Cuti ini paling sedikit {minimum} hari.",
        "en": "This leave is at least {minimum} days.",
    },
    "LEAVE_TOO_LONG": {
        "id": "Cuti ini paling lama sampai {latest_end_on}; pilih tanggal selesai lebih awal.",
        "en": "This leave may last until {latest_end_on} at the latest; choose an earlier end.",
    },
    "LEAVE_ANNUAL_SERVICE_TOO_SHORT": {
        "id": "Cuti tahunan baru dapat diambil setelah {years} tahun bekerja secara terus-menerus "
              "(mulai {eligible_on}).",
        "en": "Annual leave needs {years} year(s) of continuous service (from {eligible_on}).",
    },
    "LEAVE_ANNUAL_ADVANCE_TOO_LONG": {
        "id": "Sebelum satu tahun bekerja, cuti tahunan PPPK paling banyak {maximum} hari kerja.",
        "en": "Before one year of service a PPPK may take at most {maximum} working days.",
    },
    "LEAVE_ANNUAL_TEACHER_HOLIDAYS": {
        "id": "Bagi guru dan dosen, libur sekolah/kampus dihitung sebagai cuti tahunan.",
        "en": "For teachers and lecturers the school or campus holidays count as annual leave.",
    },
    "LEAVE_ANNUAL_BLOCKED_BY_BIG_LEAVE": {
        "id": "Tidak ada cuti tahunan pada tahun {year} karena cuti besar diambil tahun itu.",
        "en": "No annual leave in {year}: big leave is taken that year.",
    },
    "LEAVE_ANNUAL_BALANCE_INSUFFICIENT": {
        "id": "Sisa cuti tahunan {year} hanya {available} hari kerja; diminta {requested}.",
        "en": "Only {available} working days of annual leave remain in {year}; "
              "{requested} requested.",
    },
    "LEAVE_BIG_SERVICE_TOO_SHORT": {
        "id": "Cuti besar memerlukan masa kerja {years} tahun terus-menerus, kecuali untuk "
              "ibadah haji pertama.",
        "en": "Big leave needs {years} years of continuous service, except for a first hajj.",
    },
    "LEAVE_BIG_TOO_SOON": {
        "id": "Cuti besar berikutnya baru dapat diambil mulai {eligible_on}.",
        "en": "The next big leave may start on {eligible_on} at the earliest.",
    },
    "LEAVE_SICK_DOCTOR_CERTIFICATE_MISSING": {
        "id": "Cuti sakit memerlukan surat keterangan dokter.",
        "en": "Sick leave needs a doctor's certificate.",
    },
    "LEAVE_SICK_GOVERNMENT_DOCTOR_CERTIFICATE_MISSING": {
        "id": "Cuti sakit lebih dari {days} hari memerlukan surat keterangan dokter pemerintah.",
        "en": "Sick leave of more than {days} days needs a government doctor's certificate.",
    },
    "LEAVE_MATERNITY_MOTHERS_ONLY": {
        "id": "Cuti melahirkan hanya bagi pegawai perempuan.",
        "en": "Maternity leave is for female employees.",
    },
    "LEAVE_MATERNITY_CHILD_ORDER": {
        "id": "Cuti melahirkan untuk anak pertama sampai ketiga; untuk anak ke-{child_order} "
              "gunakan cuti besar bila tersedia.",
        "en": "Maternity leave covers the first to third child; for child {child_order} use "
              "big leave where available.",
    },
    "LEAVE_IMPORTANT_REASON_NOT_APPLICABLE": {
        "id": "Alasan penting ini hanya untuk suami yang istrinya melahirkan.",
        "en": "This important reason is only for a husband whose wife gives birth.",
    },
    "LEAVE_UNPAID_SERVICE_TOO_SHORT": {
        "id": "CLTN memerlukan masa kerja {years} tahun terus-menerus.",
        "en": "Unpaid leave (CLTN) needs {years} years of continuous service.",
    },
    "LEAVE_UNPAID_REASON_NOT_ALLOWED": {
        "id": "Alasan ini bukan salah satu alasan CLTN menurut aturan yang berlaku.",
        "en": "This is not one of the grounds for unpaid leave (CLTN) under the rules in force.",
    },
    "LEAVE_UNPAID_BKN_APPROVAL_MISSING": {
        "id": "CLTN memerlukan pertimbangan teknis Kepala BKN; isikan nomornya.",
        "en": "Unpaid leave (CLTN) needs the BKN's technical approval; enter its number.",
    },
    "LEAVE_UNPAID_RETURN_REPORT_LATE": {
        "id": "Laporan kembali dari CLTN harus disampaikan paling lambat {due_on}.",
        "en": "The return from unpaid leave (CLTN) had to be reported by {due_on}.",
    },
    "LEAVE_DEFERRAL_TOO_LONG": {
        "id": "Cuti hanya dapat ditangguhkan paling lama sampai {latest_on}.",
        "en": "Leave may be deferred until {latest_on} at the latest.",
    },
    "LEAVE_NOT_DEFERRABLE": {
        "id": "Cuti besar untuk ibadah haji pertama atau persalinan anak keempat dan seterusnya "
              "tidak dapat ditangguhkan.",
        "en": "Big leave for a first hajj or for the birth of a fourth or later child cannot be "
              "deferred.",
    },
    "LEAVE_GROUND_INVALID": {
        "id": "Alasan atau keterangan yang diperlukan jenis cuti ini tidak diisi atau tidak "
              "dikenal.",
        "en": "The ground or detail this type of leave needs is missing or unknown.",
    },
    "LEAVE_COLLECTIVE_NOT_REQUESTED": {
        "id": "Cuti bersama ditetapkan dengan Keputusan Presiden dan tidak diajukan.",
        "en": "Collective leave is set by presidential decree and is not requested.",
    },
    "LEAVE_REQUEST_OVERLAPS": {
        "id": "Tanggal ini bertumpang tindih dengan cuti lain dari {start_on} sampai {end_on}.",
        "en": "These dates overlap another leave from {start_on} to {end_on}.",
    },
    "LEAVE_REQUEST_STATUS": {
        "id": "Permintaan cuti ini berstatus {status}; langkah ini tidak dapat dilakukan.",
        "en": "This leave request is {status}; this step cannot be taken.",
    },
    "LEAVE_REFUSAL_NOT_ALLOWED": {
        "id": "Cuti ini tidak dapat ditolak, hanya ditangguhkan; hanya CLTN yang dapat "
              "tidak disetujui.",
        "en": "This leave cannot be refused, only deferred; only unpaid leave (CLTN) may be "
              "refused.",
    },
    "LEAVE_DECREE_REQUIRED": {
        "id": "CLTN dan cuti besar diberikan dengan surat keputusan; isikan nomor dan "
              "tanggalnya.",
        "en": "Unpaid and big leave are granted by decree; enter its number and date.",
    },
    "LEAVE_RETURN_OUTSIDE_LEAVE": {
        "id": "Tanggal kembali harus sesudah {start_on} dan paling lambat {end_on}.",
        "en": "The return must fall after {start_on} and on or before {end_on}.",
    },
    "LEAVE_RETURN_REPORT_UNPAID_ONLY": {
        "id": "Laporan kembali hanya untuk CLTN.",
        "en": "A return report is only for unpaid leave (CLTN).",
    },
    "LEAVE_NOT_STARTED": {
        "id": "Cuti ini baru dimulai pada {start_on}.",
        "en": "This leave only starts on {start_on}.",
    },
    "LEAVE_CONSIDERER_NOT_SUPERIOR": {
        "id": "Anda bukan atasan langsung pegawai ini pada {on}; pertimbangan diberikan oleh "
              "atasan langsungnya.",
        "en": "You are not this employee's direct superior on {on}; their direct superior "
              "gives the consideration.",
    },
    "LEAVE_DECIDER_NOT_OFFICIAL": {
        "id": "Keputusan cuti hanya dapat diberikan oleh pejabat yang berwenang memberikan "
              "cuti (admin kepegawaian).",
        "en": "Only the official authorised to grant leave (the HR administrator) may decide "
              "leave.",
    },
    # the effects of CLTN on the employee's record (domain/employee_leave.py)
    "UNPAID_LEAVE_NOT_PNS": {
        "id": "Cuti di luar tanggungan negara hanya dicatat bagi PNS.",
        "en": "Unpaid leave (CLTN) is recorded only for a PNS.",
    },
    "UNPAID_LEAVE_ALREADY_RUNNING": {
        "id": "Pegawai ini masih menjalani cuti di luar tanggungan negara.",
        "en": "This employee is still on unpaid leave (CLTN).",
    },
    "UNPAID_LEAVE_NOT_RUNNING": {
        "id": "Pegawai ini tidak sedang menjalani cuti di luar tanggungan negara.",
        "en": "This employee is not on unpaid leave (CLTN).",
    },
    "POSITION_ON_UNPAID_LEAVE": {
        "id": "Pegawai yang menjalani cuti di luar tanggungan negara baru dapat diangkat dalam "
              "jabatan setelah melapor kembali.",
        "en": "An employee on unpaid leave (CLTN) is placed in a position only after "
              "reporting back.",
    },
    "LEAVE_SICK_CERTIFICATE_NOT_ATTACHED": {
        "id": "Cuti sakit ini baru dapat disetujui setelah surat keterangan dokter dilampirkan.",
        "en": "This sick leave can be approved only once the doctor's certificate is "
              "attached.",
    },
}
