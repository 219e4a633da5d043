"""Indonesian and English names of the domain's choices, event kinds and statuses."""

from __future__ import annotations

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
