"""Text of the public transparency pages (merged into the catalogue of web/i18n.py)."""

from __future__ import annotations

PUBLIC_TEXT: dict[str, dict[str, str]] = {
    # navigation and pages
    "nav.home": {"id": "Beranda", "en": "Home"},
    "nav.releases": {"id": "Riwayat rilis", "en": "Release history"},
    "nav.method": {"id": "Metodologi dan privasi", "en": "Methodology and privacy"},
    "nav.data": {"id": "Data terbuka", "en": "Open data"},
    "transparency": {"id": "Transparansi kepegawaian", "en": "Personnel transparency"},
    "latest_release": {"id": "Rilis terakhir", "en": "Latest release"},
    "no_release": {"id": "Belum ada rilis yang diterbitkan.",
                   "en": "No release has been published yet."},
    "release": {"id": "Rilis", "en": "Release"},
    "month": {"id": "Bulan", "en": "Month"},
    "version": {"id": "Versi", "en": "Version"},
    "published_at": {"id": "Diterbitkan", "en": "Published"},
    "position": {"id": "Posisi log peristiwa", "en": "Event-log position"},
    "policy": {"id": "Versi kebijakan", "en": "Policy version"},
    "correction_of": {"id": "Koreksi atas", "en": "Correction of"},
    "corrections": {"id": "Koreksi", "en": "Corrections"},
    "no_corrections": {"id": "Belum ada koreksi.", "en": "No corrections so far."},
    "hidden": {"id": "<10", "en": "<10"},
    "hidden_note": {"id": "“<10”: angka 1–9 disembunyikan, dan beberapa angka lain ikut "
                          "disembunyikan agar tidak dapat dihitung ulang dari jumlahnya.",
                    "en": "“<10”: counts of 1–9 are hidden, and a few other counts are hidden "
                          "too so that they cannot be worked out from the totals."},
    "agencies": {"id": "Perangkat daerah", "en": "Agencies"},
    "agency_other": {"id": "OPD lainnya (digabung)", "en": "Other agencies (merged)"},
    "count": {"id": "Jumlah", "en": "Count"},
    "category": {"id": "Kategori", "en": "Category"},
    "over_time": {"id": "Pegawai aktif per bulan", "en": "Active employees per month"},
    "recruitment_tracker": {"id": "Pemantau rekrutmen", "en": "Recruitment tracker"},
    "selection_tracker": {"id": "Pemantau seleksi terbuka JPT",
                          "en": "Open-selection tracker (senior posts)"},
    "appointments": {"id": "Pengangkatan dalam jabatan publik (JPT)",
                     "en": "Appointments to public office (senior posts)"},
    "no_appointments": {"id": "Tidak ada pengangkatan JPT bulan ini.",
                        "en": "No senior-post appointment this month."},
    "programmes": {"id": "Program pelatihan (≥10 peserta)",
                   "en": "Training programmes (≥10 participants)"},
    "no_programmes": {"id": "Tidak ada program dengan 10 peserta atau lebih bulan ini.",
                      "en": "No programme with 10 or more participants this month."},
    "training_panel": {"id": "Pelatihan", "en": "Training"},
    "appraisal_panel": {"id": "Penilaian kinerja", "en": "Performance appraisal"},
    "hours": {"id": "Jam pelajaran (JP)", "en": "Training hours (JP)"},
    "round": {"id": "Seleksi", "en": "Round"},
    "formation": {"id": "Formasi", "en": "Formation"},
    "quota": {"id": "Kuota", "en": "Quota"},
    "track": {"id": "Jalur", "en": "Track"},
    "grade": {"id": "Golongan", "en": "Grade"},
    "name": {"id": "Nama", "en": "Name"},
    "post": {"id": "Jabatan", "en": "Post"},
    "participants": {"id": "Peserta", "en": "Participants"},
    "committee": {"id": "Panitia (eksternal/jumlah)", "en": "Committee (external/size)"},
    "announced": {"id": "Diumumkan", "en": "Announced"},
    "closes": {"id": "Penutupan", "en": "Closes"},
    "closed": {"id": "Selesai", "en": "Closed"},
    "licence": {"id": "Data dan halaman ini berlisensi Creative Commons Atribusi 4.0 "
                      "Internasional (CC BY 4.0).",
                "en": "These data and pages are licensed under Creative Commons "
                      "Attribution 4.0 International (CC BY 4.0)."},
    "downloads": {"id": "Unduhan", "en": "Downloads"},
    "feeds": {"id": "Umpan berita", "en": "Feeds"},
    "not_found": {"id": "Halaman tidak ditemukan.", "en": "Page not found."},
    # methodology and privacy page ({threshold}, {small}, {diversity}, {policy} are filled in)
    "method.title": {"id": "Metodologi dan kebijakan privasi",
                     "en": "Methodology and privacy policy"},
    "method.policy": {"id": "Kebijakan pengendalian pengungkapan versi {policy}. Setiap rilis "
                            "menyebut versi kebijakan dan posisi log peristiwa yang menjadi "
                            "dasar perhitungannya, sehingga auditor dapat mengulanginya.",
                      "en": "Disclosure-control policy version {policy}. Every release names "
                            "its policy version and the event-log position it was computed "
                            "from, so auditors can reproduce it."},
    "method.what": {"id": "Yang diterbitkan",
                    "en": "What is published"},
    "method.t0": {"id": "T0 — pengangkatan dalam jabatan publik (jabatan pimpinan tinggi) "
                        "dengan nama, jabatan dan bulan (UU KIP Pasal 18). Tanpa NIP, tanggal "
                        "lahir atau nilai perorangan.",
                  "en": "T0 — appointments to public office (senior posts) with the name, the "
                        "post and the month (Freedom of Information Act, art. 18). No NIP, "
                        "birth date or individual score."},
    "method.t1": {"id": "T1 — seleksi CPNS/PPPK dan formasinya, seleksi terbuka JPT dan program "
                        "pelatihan dengan sedikitnya {threshold} peserta, dengan jumlah per "
                        "tahapan.",
                  "en": "T1 — CPNS/PPPK recruitment rounds and their formations, open "
                        "selections for senior posts and training programmes with at least "
                        "{threshold} participants, with counts per stage."},
    "method.t2": {"id": "T2 — tabel agregat bulanan per perangkat daerah: pegawai aktif per "
                        "kelompok golongan, jenis jabatan, status dan kelompok umur 10 tahunan; "
                        "kenaikan pangkat per perpindahan golongan; pelatihan dan jam "
                        "pelajaran; capaian 20 JP; predikat kinerja tahun lalu dalam tiga "
                        "kelas; pemberhentian per jenis.",
                  "en": "T2 — monthly aggregate tables per agency: active employees by grade "
                        "group, position type, status and 10-year age band; promotions by "
                        "grade transition; training and hours; the 20 JP attainment; last "
                        "year's performance ratings in three classes; separations by type."},
    "method.t3": {"id": "T3 — tidak pernah diterbitkan: nilai dan predikat perorangan, hukuman "
                        "disiplin, kesehatan, alasan cuti, keluarga, gaji perorangan, alamat, "
                        "NIP, NIK, tanggal lahir dan tanggal persis peristiwa perorangan.",
                  "en": "T3 — never published: individual scores and ratings, discipline, "
                        "health, leave reasons, family, individual pay, addresses, NIP, NIK, "
                        "birth dates and exact dates of personal events."},
    "method.hidden": {"id": "Yang disembunyikan dan mengapa",
                      "en": "What is hidden and why"},
    "method.rule_threshold": {
        "id": "Angka 1 sampai {threshold_less} tidak ditampilkan (ditulis “<10”); nol "
              "ditampilkan. Angka sekecil itu dapat menunjuk orang tertentu bagi rekan kerja "
              "yang tahu siapa yang pergi pelatihan atau pindah.",
        "en": "Counts from 1 to {threshold_less} are not shown (written “<10”); zeros are "
              "shown. Counts that small can point to a particular person for a colleague who "
              "knows who went on training or moved."},
    "method.rule_complement": {
        "id": "Bila satu angka disembunyikan, angka lain pada baris atau kolom yang sama ikut "
              "disembunyikan, sampai tidak ada angka tersembunyi yang dapat dihitung dari "
              "jumlah baris dan kolom (diperiksa secara eksak setiap rilis).",
        "en": "When one count is hidden, other counts in its row or column are hidden too, "
              "until no hidden count can be worked out from the row and column totals "
              "(checked exactly for every release)."},
    "method.rule_difference": {
        "id": "Tabel posisi akhir bulan dibandingkan dengan rilis bulan sebelumnya: sel yang "
              "berubah 1 sampai {threshold_less} disembunyikan, agar selisih dua rilis tidak "
              "membuka angka kecil. Tabel arus (kenaikan pangkat, pelatihan, pemberhentian) "
              "hanya mencakup satu bulan, tidak pernah kumulatif.",
        "en": "Month-end tables are compared with the previous month's release: a cell that "
              "changed by 1 to {threshold_less} is hidden, so the difference of two releases "
              "does not reveal a small count. Flow tables (promotions, training, separations) "
              "cover one month and are never cumulative."},
    "method.rule_merge": {
        "id": "Perangkat daerah dengan kurang dari {small} pegawai aktif pada 1 Januari "
              "digabung menjadi “OPD lainnya” untuk seluruh tahun itu.",
        "en": "Agencies with fewer than {small} active employees on 1 January are merged into "
              "“other agencies” for that whole year."},
    "method.rule_coarse": {
        "id": "Tanggal paling rinci adalah bulan; golongan dikelompokkan I–IV (PPPK terpisah); "
              "umur dalam kelompok 10 tahun; jenis pemberhentian karena hukuman disiplin dan "
              "meninggal digabung.",
        "en": "The finest date is the month; grades are grouped I–IV (PPPK apart); ages in "
              "10-year bands; dismissals for discipline and deaths are merged."},
    "method.rule_diversity": {
        "id": "Predikat kinerja hanya per perangkat daerah dalam tiga kelas; baris yang satu "
              "kelasnya memuat {diversity}% atau lebih disembunyikan, karena akan "
              "mengungkapkan predikat hampir semua orang di dalamnya.",
        "en": "Performance ratings appear only per agency in three classes; a row where one "
              "class holds {diversity}% or more is hidden, because it would reveal almost "
              "everyone's rating in it."},
    "method.rule_release": {
        "id": "Rilis bulan M terbit pada tanggal tetap di bulan berikutnya. Rilis tidak pernah "
              "diubah; koreksi adalah rilis baru yang menggantikan rilis sebelumnya, dan yang "
              "disembunyikan rilis lama tetap disembunyikan.",
        "en": "The release of month M comes out on a fixed day of the following month. A "
              "release is never changed; a correction is a new release that supersedes the "
              "earlier one, and what the earlier one hid stays hidden."},
    "method.linkage": {
        "id": "Sebelum aturan diubah, uji penautan dijalankan: penyerang yang memegang NIP "
              "(jadi tanggal lahir, jenis kelamin, TMT), perangkat daerah dan golongan semua "
              "pegawai tidak boleh dapat menautkan lebih dari 0,1% baris yang diterbitkan ke "
              "tepat satu orang.",
        "en": "Before the rules change, a linkage test is run: an attacker holding every "
              "employee's NIP (so birth date, sex, start date), agency and grade must not be "
              "able to link more than 0.1% of the published rows to exactly one person."},
    # table titles
    "table.headcount_grade": {"id": "Pegawai aktif per kelompok golongan",
                              "en": "Active employees by grade group"},
    "table.headcount_position": {"id": "Pegawai aktif per jenis jabatan",
                                 "en": "Active employees by position type"},
    "table.headcount_status": {"id": "Pegawai aktif per status kepegawaian",
                               "en": "Active employees by employment status"},
    "table.age_band": {"id": "Pegawai aktif per kelompok umur",
                       "en": "Active employees by age band"},
    "table.training_20jp": {"id": "Pegawai yang sudah mencapai 20 JP tahun ini",
                            "en": "Employees who reached 20 JP this year"},
    "table.appraisal": {"id": "Predikat kinerja tahun lalu (kelas digabung)",
                        "en": "Last year's performance ratings (merged classes)"},
    "table.promotions": {"id": "Kenaikan pangkat bulan ini per perpindahan golongan",
                         "en": "Promotions this month by grade transition"},
    "table.training": {"id": "Keikutsertaan pelatihan bulan ini",
                       "en": "Training participations this month"},
    "table.separations": {"id": "Pemberhentian bulan ini per jenis",
                          "en": "Separations this month by type"},
    "table.recruitment": {"id": "Corong rekrutmen per seleksi",
                          "en": "Recruitment funnel per round"},
    "table.selections": {"id": "Tahapan seleksi terbuka", "en": "Open-selection stages"},
    "table.formations": {"id": "Tahapan per formasi", "en": "Stages per formation"},
    # categories
    "col._total": {"id": "Jumlah", "en": "Total"},
    "col.none": {"id": "Tanpa jabatan", "en": "No post"},
    "col.jpt": {"id": "Pimpinan tinggi", "en": "Senior executive"},
    "col.administrator": {"id": "Administrator", "en": "Administrator"},
    "col.pengawas": {"id": "Pengawas", "en": "Supervisor"},
    "col.fungsional": {"id": "Fungsional", "en": "Functional"},
    "col.pelaksana": {"id": "Pelaksana", "en": "Executor"},
    "col.unknown": {"id": "Tidak diketahui", "en": "Unknown"},
    "col.reached": {"id": "Sudah ≥20 JP", "en": "Reached 20 JP"},
    "col.not_reached": {"id": "Belum 20 JP", "en": "Below 20 JP"},
    "col.good": {"id": "Baik/Sangat baik", "en": "Good/Very good"},
    "col.needs_improvement": {"id": "Butuh perbaikan", "en": "Needs improvement"},
    "col.poor": {"id": "Kurang/Sangat kurang", "en": "Poor/Very poor"},
    "col.latsar": {"id": "Latsar CPNS", "en": "CPNS basic training"},
    "col.structural": {"id": "Kepemimpinan", "en": "Leadership"},
    "col.technical": {"id": "Teknis", "en": "Technical"},
    "col.functional": {"id": "Fungsional", "en": "Functional"},
    "col.seminar": {"id": "Seminar/lokakarya", "en": "Seminar/workshop"},
    "col.retirement": {"id": "Pensiun", "en": "Retirement"},
    "col.resignation": {"id": "Atas permintaan sendiri", "en": "Resignation"},
    "col.contract_end": {"id": "Kontrak berakhir", "en": "Contract ended"},
    "col.other": {"id": "Lainnya (diberhentikan, meninggal)",
                  "en": "Other (dismissal, death)"},
    "col.applicants": {"id": "Pelamar", "en": "Applicants"},
    "col.screened_in": {"id": "Lulus administrasi", "en": "Passed screening"},
    "col.tested": {"id": "Mengikuti tes", "en": "Tested"},
    "col.passed": {"id": "Lulus tes", "en": "Passed the test"},
    "col.ranked": {"id": "Diperingkat", "en": "Ranked"},
    "col.appointed": {"id": "Diangkat", "en": "Appointed"},
    "col.candidates": {"id": "Pelamar", "en": "Candidates"},
    "col.shortlisted": {"id": "Tiga besar", "en": "Shortlisted"},
}
