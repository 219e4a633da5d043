"""Indonesian and English names of the domain's choices, event kinds and statuses."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from web.ui import tr

CHOICE_LABELS: dict[str, tuple[str, str]] = {
    # PromotionKind
    "REGULAR": ("Reguler", "Regular"), "CHOICE": ("Pilihan", "Choice"),
    "FUNCTIONAL": ("Fungsional", "Functional"),
    # TrainingType
    "LATSAR": ("Latsar CPNS", "Latsar (CPNS basic training)"), "PKP": ("PKP", "PKP"),
    "PKA": ("PKA", "PKA"), "PKN_II": ("PKN Tingkat II", "PKN II"),
    "PKN_I": ("PKN Tingkat I", "PKN I"), "TECHNICAL": ("Teknis", "Technical"),
    "SEMINAR": ("Seminar/lokakarya", "Seminar/workshop"),
    "E_LEARNING": ("E-learning", "E-learning"), "COACHING": ("Coaching", "Coaching"),
    "MENTORING": ("Mentoring", "Mentoring"), "INTERNSHIP": ("Magang", "Internship"),
    # TopicTag
    "DIGITAL": ("Keterampilan digital", "Digital skills"),
    "PUBLIC_SERVICE_COMMUNICATION": ("Komunikasi pelayanan publik",
                                     "Public-service communication"),
    "PUBLIC_MANAGEMENT": ("Manajemen publik", "Public management"),
    "LEADERSHIP": ("Kepemimpinan", "Leadership"), "INTEGRITY": ("Integritas", "Integrity"),
    # Expectation
    "BELOW": ("Di bawah ekspektasi", "Below expectation"),
    "AS_EXPECTED": ("Sesuai ekspektasi", "As expected"),
    "ABOVE": ("Di atas ekspektasi", "Above expectation"),
    # Rating
    "SANGAT_BAIK": ("Sangat Baik", "Sangat Baik (very good)"), "BAIK": ("Baik", "Baik (good)"),
    "BUTUH_PERBAIKAN": ("Butuh Perbaikan", "Butuh Perbaikan (needs improvement)"),
    "KURANG": ("Kurang", "Kurang (poor)"), "SANGAT_KURANG": ("Sangat Kurang", "Sangat Kurang"),
    # PenaltyLevel and PenaltyType
    "LIGHT": ("Ringan", "Light"), "MEDIUM": ("Sedang", "Medium"), "HEAVY": ("Berat", "Heavy"),
    "ORAL_REPRIMAND": ("Teguran lisan", "Oral reprimand"),
    "WRITTEN_REPRIMAND": ("Teguran tertulis", "Written reprimand"),
    "STATEMENT_OF_DISSATISFACTION": ("Pernyataan tidak puas secara tertulis",
                                     "Written statement of dissatisfaction"),
    "ALLOWANCE_CUT_6_MONTHS": ("Pemotongan tunjangan kinerja 25% selama 6 bulan",
                               "Performance allowance cut 25% for 6 months"),
    "ALLOWANCE_CUT_9_MONTHS": ("Pemotongan tunjangan kinerja 25% selama 9 bulan",
                               "Performance allowance cut 25% for 9 months"),
    "ALLOWANCE_CUT_12_MONTHS": ("Pemotongan tunjangan kinerja 25% selama 12 bulan",
                                "Performance allowance cut 25% for 12 months"),
    "DEMOTION_12_MONTHS": ("Penurunan jabatan setingkat lebih rendah selama 12 bulan",
                           "Demotion one level for 12 months"),
    "MOVED_TO_PELAKSANA_12_MONTHS": ("Pembebasan dari jabatan menjadi pelaksana selama 12 bulan",
                                     "Moved to a non-managerial post for 12 months"),
    "DISCHARGE_NOT_AT_OWN_REQUEST": ("Pemberhentian tidak atas permintaan sendiri",
                                     "Discharge not at own request"),
    # SeparationType
    "RETIREMENT": ("Pensiun (BUP)", "Retirement"), "RESIGNATION": ("Atas permintaan sendiri",
                                                                   "Resignation"),
    "HONOURABLE_DISMISSAL": ("Diberhentikan dengan hormat", "Honourable dismissal"),
    "DISHONOURABLE_DISMISSAL": ("Diberhentikan tidak dengan hormat", "Dishonourable dismissal"),
    "DEATH": ("Meninggal dunia", "Death"), "CONTRACT_END": ("Perjanjian kerja berakhir",
                                                            "Contract ended"),
    # EmployeeStatus
    "CPNS": ("CPNS", "CPNS (probation)"), "PNS": ("PNS", "PNS"), "PPPK": ("PPPK", "PPPK"),
    "SEPARATED": ("Diberhentikan", "Separated"),
    # Track (formation tracks)
    "UMUM": ("Umum", "General"), "CUMLAUDE": ("Lulusan cumlaude", "Cum laude graduates"),
    "DIASPORA": ("Diaspora", "Diaspora"), "DISABILITAS": ("Penyandang disabilitas",
                                                        "Persons with disabilities"),
    "PAPUA": ("Putra/putri Papua", "Papuan applicants"),
    "DAERAH_TERTINGGAL": ("Daerah tertinggal", "Disadvantaged regions"),
    # SelectionStage (JPT open selection)
    "ADMINISTRASI": ("Administrasi", "Administrative"), "KOMPETENSI": ("Kompetensi",
                                                                       "Competency"),
    "MAKALAH": ("Makalah", "Paper"), "WAWANCARA": ("Wawancara", "Interview"),
    "REKAM_JEJAK": ("Rekam jejak", "Track record"),
    "KESEHATAN_PSIKOLOGI": ("Kesehatan dan psikologi", "Health and psychology"),
}

EVENT_KINDS: dict[str, tuple[str, str]] = {
    "Appointed": ("Pengangkatan", "Appointment"),
    "RecordOpened": ("Saldo awal", "Opening record"),
    "ContractRenewed": ("Perpanjangan perjanjian kerja", "Contract renewed"),
    "ProbationPassed": ("Pengangkatan menjadi PNS", "Probation passed"),
    "RankPromoted": ("Kenaikan pangkat", "Rank promotion"),
    "PositionAssigned": ("Pengangkatan dalam jabatan", "Position assigned"),
    "PositionReleased": ("Pemberhentian dari jabatan", "Position released"),
    "Transferred": ("Mutasi", "Transfer"),
    "TrainingCompleted": ("Pengembangan kompetensi", "Training completed"),
    "AppraisalRecorded": ("Penilaian kinerja", "Appraisal"),
    "PenaltyImposed": ("Hukuman disiplin", "Disciplinary penalty"),
    "Separated": ("Pemberhentian", "Separation"),
    "ActionCorrected": ("Koreksi", "Correction"),
    "ActionAnnulled": ("Pembatalan", "Annulment"),
    "PersonalDataCorrected": ("Koreksi data pribadi", "Personal data corrected"),
    "PersonalDataErased": ("Data pribadi dihapus", "Personal data erased"),
}

TIMELINE_STATUS = {"in_force": ("berlaku", "in force"), "corrected": ("dikoreksi", "corrected"),
                   "annulled": ("dibatalkan", "annulled")}


def choice_label(value: Enum | str | None) -> str:
    if value is None:
        return "–"
    key = value.value if isinstance(value, Enum) else value
    pair = CHOICE_LABELS.get(str(key))
    return tr(*pair) if pair else str(key)


def kind_label(kind: str) -> str:
    pair = EVENT_KINDS.get(kind)
    return tr(*pair) if pair else kind


def status_label(status: str) -> str:
    pair = TIMELINE_STATUS.get(status)
    return tr(*pair) if pair else status


DETAIL_LABELS: dict[str, tuple[str, str]] = {
    "employment_type": ("Jenis ASN", "Kind"), "status": ("Status", "Status"),
    "education": ("Pendidikan", "Education"), "grade": ("Golongan", "Grade"),
    "grade_since": ("TMT golongan", "Grade since"), "appointed_on": ("TMT CPNS/PPPK", "Appointed"),
    "probation_passed_on": ("TMT PNS", "Probation passed"),
    "contract_ends_on": ("Perjanjian berakhir", "Contract ends"),
    "ends_on": ("Perjanjian berakhir", "Contract ends"),
    "kind": ("Jenis", "Kind"), "from_grade": ("Dari golongan", "From grade"),
    "to_grade": ("Ke golongan", "To grade"), "credit_points": ("Angka kredit", "Credit points"),
    "position_type": ("Jenis jabatan", "Position type"),
    "grade_range": ("Rentang golongan", "Grade range"),
    "retirement_age": ("BUP", "Retirement age"),
    "training_type": ("Jenis pelatihan", "Training"), "title": ("Nama", "Title"),
    "hours_jp": ("JP", "JP"), "topics": ("Topik", "Topics"), "year": ("Tahun", "Year"),
    "work_result": ("Hasil kerja", "Work result"), "behaviour": ("Perilaku", "Behaviour"),
    "rating": ("Predikat", "Rating"), "rater_position_type": ("Jabatan penilai", "Rater's post"),
    "level": ("Tingkat", "Level"), "penalty_type": ("Hukuman", "Penalty"),
    "separation_type": ("Jenis", "Kind"), "target_version": ("Catatan", "Entry"),
    "changes": ("Perubahan", "Changes"), "effective_on": ("TMT", "Effective date"),
    "legal_basis": ("SK", "Decree"),
}
HIDDEN_DETAILS = frozenset({"subject_id", "government_id", "agency_id", "unit_id", "position_id",
                            "rater_id", "to_agency_id", "to_unit_id", "recruitment_ref",
                            "prior_ratings", "field_name", "value"})


def detail_items(details: Mapping[str, object]) -> list[tuple[str, str]]:
    """The non-personal fields of a timeline entry as (label, value) in the reader's language."""
    from web.ui import fmt_date

    def shown(key: str, value: object) -> str:
        if isinstance(value, dict):
            return "; ".join(f"{detail_label(k)} {shown(k, v)}" for k, v in value.items())
        if isinstance(value, list):
            return ", ".join(shown(key, v) for v in value)
        if key == "target_version":
            return f"v{value}"
        text = str(value)
        if text in CHOICE_LABELS:
            return choice_label(text)
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            return fmt_date(text)
        return text

    return [(detail_label(key), shown(key, value)) for key, value in details.items()
            if key not in HIDDEN_DETAILS and value not in (None, "", [], {})]


def detail_label(key: str) -> str:
    pair = DETAIL_LABELS.get(key)
    return tr(*pair) if pair else key
