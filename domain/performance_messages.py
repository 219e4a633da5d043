"""Messages of the performance-cycle rule codes (SKP plans, feedback, the unit's predicate,
staff ratings and objections), in Bahasa Indonesia and English; merged into
domain/messages.py."""

from __future__ import annotations

PERFORMANCE_MESSAGES: dict[str, dict[str, str]] = {
    "PERFORMANCE_YEAR_BEFORE_CYCLE": {
        "id": "Siklus kinerja PermenPANRB 6/2022 berlaku mulai tahun {first_year}; penilaian "
              "tahun sebelumnya dicatat seperti semula.",
        "en": "The PermenPANRB 6/2022 performance cycle starts in {first_year}; earlier years "
              "keep the appraisals recorded as before.",
    },
    "PERFORMANCE_PLAN_EXISTS": {
        "id": "SKP tahun {year} untuk pegawai ini sudah ada.",
        "en": "This employee already has an SKP for {year}.",
    },
    "PERFORMANCE_EMPLOYEE_NOT_ACTIVE": {
        "id": "Pegawai ini tidak aktif pada tahun SKP.",
        "en": "This employee is not active in the SKP's year.",
    },
    "PERFORMANCE_SUPERIOR_IS_REGIONAL_HEAD": {
        "id": "SKP pejabat pimpinan tinggi disetujui dan dinilai oleh kepala daerah; jangan "
              "pilih atasan lain.",
        "en": "A senior executive's SKP is agreed and rated by the regional head; choose no "
              "other superior.",
    },
    "PERFORMANCE_SUPERIOR_PLAN_MISSING": {
        "id": "SKP atasan tahun {year} belum disusun; SKP bawahan diturunkan dari SKP atasan.",
        "en": "The superior's SKP for {year} is not drafted yet; a subordinate's SKP cascades "
              "from it.",
    },
    "PERFORMANCE_RESULTS_REQUIRED": {
        "id": "Isikan paling sedikit satu hasil kerja.",
        "en": "Enter at least one work result.",
    },
    "PERFORMANCE_INDICATOR_REQUIRED": {
        "id": "Setiap hasil kerja memerlukan paling sedikit satu indikator.",
        "en": "Every work result needs at least one indicator.",
    },
    "PERFORMANCE_TEXT_INVALID": {
        "id": "Isikan teks ini, paling panjang {maximum} karakter.",
        "en": "Fill in this text, at most {maximum} characters.",
    },
    "PERFORMANCE_CASCADE_INVALID": {
        "id": "Hasil kerja yang diintervensi harus salah satu hasil kerja SKP atasan pada "
              "tahun yang sama.",
        "en": "A cascaded work result must name a work result of the superior's SKP of the "
              "same year.",
    },
    "PERFORMANCE_PLAN_STATUS": {
        "id": "SKP ini berstatus {status}; langkah ini tidak dapat dilakukan.",
        "en": "This SKP is {status}; this step cannot be taken.",
    },
    "PERFORMANCE_REVISION_OUTSIDE_YEAR": {
        "id": "SKP hanya dapat diubah selama tahun {year} berjalan.",
        "en": "The SKP can only be revised during {year}.",
    },
    "PERFORMANCE_FEEDBACK_AUTHOR": {
        "id": "Umpan balik ditulis oleh pegawai atau atasan yang menyetujui SKP-nya.",
        "en": "Feedback is written by the employee or by the superior who agrees their SKP.",
    },
    "PERFORMANCE_FEEDBACK_KIND_NOT_FOR_AUTHOR": {
        "id": "Jenis catatan ini tidak ditulis oleh penulis yang dipilih: umpan balik, "
              "bimbingan dan konseling oleh atasan, umpan balik atas pembimbing oleh pegawai.",
        "en": "The chosen author does not write this kind: feedback, coaching and counselling "
              "by the superior, feedback on the coach by the employee.",
    },
    "PERFORMANCE_FEEDBACK_DATE": {
        "id": "Tanggal umpan balik harus dalam tahun {year} dan tidak setelah hari ini.",
        "en": "The feedback's date must fall in {year} and not after today.",
    },
    "PERFORMANCE_FEEDBACK_TEXT_REQUIRED": {
        "id": "Tuliskan isi umpan balik.",
        "en": "Write the feedback.",
    },
    "PERFORMANCE_FEEDBACK_NOT_VISIBLE": {
        "id": "Umpan balik kinerja hanya dapat dibaca oleh pegawai dan atasannya.",
        "en": "Performance feedback can only be read by the employee and their superior.",
    },
    "PERFORMANCE_UNIT_PREDICATE_EXISTS": {
        "id": "Predikat kinerja unit ini untuk tahun {year} sudah ditetapkan.",
        "en": "This unit's performance predicate for {year} is already set.",
    },
    "PERFORMANCE_STAFF_COUNT_INVALID": {
        "id": "Jumlah pegawai yang dinilai paling sedikit satu.",
        "en": "At least one staff member is rated.",
    },
    "PERFORMANCE_IKM_INVALID": {
        "id": "Nilai IKM berada antara 25 dan 100.",
        "en": "The satisfaction index (IKM) lies between 25 and 100.",
    },
    "PERFORMANCE_PERCENT_INVALID": {
        "id": "Persentase berada antara 0 dan 100.",
        "en": "A percentage lies between 0 and 100.",
    },
    "PERFORMANCE_HEAD_NOT_IN_UNIT": {
        "id": "Pimpinan unit harus pegawai aktif perangkat daerah ini.",
        "en": "The unit's head must be an active employee of this agency.",
    },
    "PERFORMANCE_UNIT_PREDICATE_MISSING": {
        "id": "Predikat kinerja unit tahun {year} belum ditetapkan; pegawai dinilai sesudahnya.",
        "en": "The unit's performance predicate for {year} is not set yet; staff are rated "
              "after it.",
    },
    "PERFORMANCE_HEAD_RESULT_NOT_UNIT": {
        "id": "Rating hasil kerja pimpinan unit sama dengan capaian unit (predikat {predicate}).",
        "en": "The unit head's work-result rating equals the unit's result (predicate "
              "{predicate}).",
    },
    "PERFORMANCE_UNIT_ALL_RATED": {
        "id": "Seluruh {staff_count} pegawai unit ini sudah dinilai.",
        "en": "All {staff_count} staff of this unit are already rated.",
    },
    "PERFORMANCE_DISTRIBUTION_MAXIMUM": {
        "id": "Pada unit berpredikat {predicate}, predikat {ratings} paling banyak {most} dari "
              "{staff_count} pegawai.",
        "en": "In a unit rated {predicate}, at most {most} of {staff_count} staff may be rated "
              "{ratings}.",
    },
    "PERFORMANCE_DISTRIBUTION_MINIMUM": {
        "id": "Pada unit berpredikat {predicate} dengan {staff_count} pegawai, sisa pegawai "
              "yang belum dinilai diperlukan untuk predikat {ratings}.",
        "en": "In a unit rated {predicate} with {staff_count} staff, the staff still to be "
              "rated are needed for the rating {ratings}.",
    },
    "PERFORMANCE_OBJECTION_REASON_REQUIRED": {
        "id": "Tuliskan alasan keberatan.",
        "en": "Write the grounds of the objection.",
    },
    "PERFORMANCE_OBJECTION_LATE": {
        "id": "Keberatan atas penilaian ini paling lambat diajukan {due_on}.",
        "en": "An objection to this rating had to be lodged by {due_on}.",
    },
    "PERFORMANCE_OBJECTION_NOT_HIGHER_OFFICIAL": {
        "id": "Keberatan diputus oleh atasan pejabat penilai (kepala daerah bila atasannya "
              "tidak tercatat).",
        "en": "An objection is decided by the rater's superior (the regional head when that "
              "superior is not on the ledger).",
    },
    "PERFORMANCE_DECISION_REASON_REQUIRED": {
        "id": "Tuliskan pertimbangan keputusan atas keberatan.",
        "en": "Write the grounds of the decision on the objection.",
    },
    "PERFORMANCE_UPHELD_WITHOUT_CHANGE": {
        "id": "Keberatan yang dikabulkan mengubah rating hasil kerja atau perilaku.",
        "en": "An upheld objection changes the work-result or behaviour rating.",
    },
}
