"""Labels of the domain's choices, event kinds and statuses: what a person reads, never a code.

Every enum value shown on a page goes through `choice_label` (a timeline field's name through
`detail_label`), in the reader's language from the catalogues in web/translations. A code
without a label would be shown as it is: tests/integration/test_labels.py fails when one
reaches a page.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from flask_babel import LazyString, lazy_pgettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

# Keyed by the stored value: where two enums share a value (FUNCTIONAL, TECHNICAL, PNS, PPPK)
# they share the label too. Sex is not here: its values "1" and "2" are not distinctive.
CHOICE_LABELS: dict[str, LazyString] = {
    # PromotionKind
    "REGULAR": _l("Regular"), "CHOICE": _l("Choice"),
    "FUNCTIONAL": _l("Functional"),
    # TrainingType
    "LATSAR": _l("Latsar (CPNS basic training)"), "PKP": _l("PKP"),
    "PKA": _l("PKA"), "PKN_II": _l("PKN II"),
    "PKN_I": _l("PKN I"), "TECHNICAL": _l("Technical"),
    "SEMINAR": _l("Seminar/workshop"),
    "E_LEARNING": _l("E-learning"), "COACHING": _l("Coaching"),
    "MENTORING": _l("Mentoring"), "INTERNSHIP": _l("Internship"),
    # TopicTag
    "DIGITAL": _l("Digital skills"),
    "PUBLIC_SERVICE_COMMUNICATION": _l("Public-service communication"),
    "PUBLIC_MANAGEMENT": _l("Public management"),
    "LEADERSHIP": _l("Leadership"), "INTEGRITY": _l("Integrity"),
    # Expectation
    "BELOW": _l("Below expectation"),
    "AS_EXPECTED": _l("As expected"),
    "ABOVE": _l("Above expectation"),
    # Rating
    "SANGAT_BAIK": _l("Sangat Baik (very good)"), "BAIK": _l("Baik (good)"),
    "BUTUH_PERBAIKAN": _l("Butuh Perbaikan (needs improvement)"),
    "KURANG": _l("Kurang (poor)"), "SANGAT_KURANG": _l("Sangat Kurang"),
    # OrganisationPredicate (the others share the ratings' words)
    "ISTIMEWA": _l("Istimewa (outstanding)"),
    # FeedbackKind and ObjectionOutcome
    "FEEDBACK": _l("Feedback"), "DIALOGUE": _l("Performance dialogue"),
    "COUNSELLING": _l("Counselling"),  # COACHING: as the training type
    "ON_THE_COACH": _l("Feedback on the coach"),
    "UPHELD": _l("Objection upheld"), "DISMISSED": _l("Objection dismissed"),
    # PenaltyLevel and PenaltyType
    "LIGHT": _l("Light"), "MEDIUM": _l("Medium"), "HEAVY": _l("Heavy"),
    "ORAL_REPRIMAND": _l("Oral reprimand"),
    "WRITTEN_REPRIMAND": _l("Written reprimand"),
    "STATEMENT_OF_DISSATISFACTION": _l("Written statement of dissatisfaction"),
    # the share is a placeholder: a bare "25% f" would read as a format to the catalogue tools
    "ALLOWANCE_CUT_6_MONTHS": _l("Performance allowance cut %(share)s for 6 months", share="25%"),
    "ALLOWANCE_CUT_9_MONTHS": _l("Performance allowance cut %(share)s for 9 months", share="25%"),
    "ALLOWANCE_CUT_12_MONTHS": _l("Performance allowance cut %(share)s for 12 months",
                                  share="25%"),
    "DEMOTION_12_MONTHS": _l("Demotion one level for 12 months"),
    "MOVED_TO_PELAKSANA_12_MONTHS": _l("Moved to a non-managerial post for 12 months"),
    "DISCHARGE_NOT_AT_OWN_REQUEST": _l("Discharge not at own request"),
    # SeparationType
    "RETIREMENT": _l("Retirement"), "RESIGNATION": _l("Resignation"),
    "HONOURABLE_DISMISSAL": _l("Honourable dismissal"),
    "DISHONOURABLE_DISMISSAL": _l("Dishonourable dismissal"),
    "DEATH": _l("Death"), "CONTRACT_END": _l("Contract ended"),
    # EmployeeStatus and EmploymentType
    "CPNS": _l("CPNS (probation)"), "PNS": _l("PNS"), "PPPK": _l("PPPK"),
    "SEPARATED": lazy_pgettext("employee status", "Separated"),
    # PositionType
    "JPT_UTAMA": _l("Senior executive (JPT Utama)"),
    "JPT_MADYA": _l("Senior executive (JPT Madya)"),
    "JPT_PRATAMA": _l("Senior executive (JPT Pratama)"),
    "ADMINISTRATOR": _l("Administrator"), "PENGAWAS": _l("Supervisor"),
    "AHLI_UTAMA": _l("Functional: principal expert (Ahli Utama)"),
    "AHLI_MADYA": _l("Functional: senior expert (Ahli Madya)"),
    "AHLI_MUDA": _l("Functional: junior expert (Ahli Muda)"),
    "AHLI_PERTAMA": _l("Functional: first expert (Ahli Pertama)"),
    "PENYELIA": _l("Functional: skilled, lead (Penyelia)"),
    "MAHIR": _l("Functional: skilled, advanced (Mahir)"),
    "TERAMPIL": _l("Functional: skilled (Terampil)"),
    "PEMULA": _l("Functional: skilled, entry (Pemula)"),
    "PELAKSANA": _l("Executor"),
    # Education
    "SD": _l("SD (primary school)"), "SLTP": _l("SLTP (junior secondary school)"),
    "SLTP_KEJURUAN": _l("SLTP Kejuruan (vocational junior secondary school)"),
    "SLTA": _l("SLTA (senior secondary school)"), "D1": _l("D1 (one-year diploma)"),
    "D2": _l("D2 (two-year diploma)"), "D3": _l("D3 (three-year diploma)"),
    "S1": _l("S1 (bachelor's degree)"), "D4": _l("D4 (applied bachelor's degree)"),
    "S2": _l("S2 (master's degree)"), "S3": _l("S3 (doctorate)"),
    # Track (formation tracks)
    "UMUM": _l("General"), "CUMLAUDE": _l("Cum laude graduates"),
    "DIASPORA": _l("Diaspora"), "DISABILITAS": _l("Persons with disabilities"),
    "PAPUA": _l("Papuan applicants"),
    "DAERAH_TERTINGGAL": _l("Disadvantaged regions"),
    # SelectionStage (JPT open selection)
    "ADMINISTRASI": _l("Administrative"), "KOMPETENSI": _l("Competency"),
    "MAKALAH": _l("Paper"), "WAWANCARA": _l("Interview"),
    "REKAM_JEJAK": _l("Track record"),
    "KESEHATAN_PSIKOLOGI": _l("Health and psychology"),
    # ScreeningReason (why an applicant did not pass the administrative screening)
    "DOKUMEN_TIDAK_LENGKAP": _l("Documents incomplete"),
    "DOKUMEN_TIDAK_SAH": _l("Documents not valid"),
    "KUALIFIKASI_TIDAK_SESUAI": _l("Qualification does not match"),
    "IPK_KURANG": _l("GPA below the minimum"),
    "AKREDITASI": _l("Accreditation not met"),
    "JALUR_TIDAK_MEMENUHI": _l("Not eligible for the track"),
    "LAINNYA": _l("Other reason"),
}

EVENT_KINDS: dict[str, LazyString] = {
    "Appointed": _l("Appointment"),
    "RecordOpened": _l("Opening record"),
    "ContractRenewed": _l("Contract renewed"),
    "ProbationPassed": _l("Probation passed"),
    "RankPromoted": _l("Rank promotion"),
    "PositionAssigned": _l("Position assigned"),
    "PositionReleased": _l("Position released"),
    "Transferred": _l("Transfer"),
    "TrainingCompleted": lazy_pgettext("timeline entry", "Training completed"),
    "AppraisalRecorded": _l("Appraisal"),
    "PenaltyImposed": _l("Disciplinary penalty"),
    "Separated": _l("Separation"),
    "UnpaidLeaveBegan": _l("Unpaid leave (CLTN) began"),
    "UnpaidLeaveEnded": _l("Return reported after unpaid leave (CLTN)"),
    "ActionCorrected": _l("Correction"),
    "ActionAnnulled": _l("Annulment"),
    "PersonalDataCorrected": _l("Personal data corrected"),
    "PersonalDataErased": _l("Personal data erased"),
}

TIMELINE_STATUS = {"in_force": _l("in force"), "corrected": _l("corrected"),
                   "annulled": _l("annulled")}

# The state of an applicant's objection to the screening result (the recruitment view's codes).
OBJECTION_STATUS = {"filed": _l("filed"), "granted": _l("granted"), "refused": _l("refused")}


# The personal fields an employee may ask to correct, and where their request stands.
PERSONAL_FIELD_LABELS: dict[str, LazyString] = {
    "name": _l("Name"), "nip": _l("NIP / NI PPPK"), "birth_on": _l("Birth date"),
    "sex": _l("Sex"), "contact": _l("Contact (telephone or e-mail)")}
REQUEST_STATUS = {"requested": _l("waiting for HR"), "approved": _l("approved"),
                  "refused": _l("refused")}


def personal_field_label(name: str) -> str:
    return str(PERSONAL_FIELD_LABELS.get(name, name))


def request_status_label(status: str) -> str:
    return str(REQUEST_STATUS.get(status, status))


def choice_label(value: Enum | str | None) -> str:
    if value is None:
        return "–"
    key = value.value if isinstance(value, Enum) else value
    return str(CHOICE_LABELS.get(str(key), key))


def kind_label(kind: str) -> str:
    return str(EVENT_KINDS.get(kind, kind))


def status_label(status: str) -> str:
    return str(TIMELINE_STATUS.get(status, status))


def objection_label(status: str) -> str:
    return str(OBJECTION_STATUS.get(status, status))


def sex_choices() -> list[tuple[str, str]]:
    """(stored value, label) of each sex, for a select field."""
    from domain.values import Sex

    return [(Sex.MALE.value, _("Male")), (Sex.FEMALE.value, _("Female"))]


# Labels of a timeline entry's fields, terser than the form's labels of the same fields. The
# contexts separate labels whose English is shared with other text but whose Indonesian is not.
DETAIL_LABELS: dict[str, LazyString] = {
    "employment_type": lazy_pgettext("employment type", "Kind"), "status": _l("Status"),
    "education": _l("Education"), "grade": _l("Grade"),
    "grade_since": _l("Grade since"),
    "appointed_on": lazy_pgettext("timeline field", "Appointed"),
    "probation_passed_on": lazy_pgettext("timeline field", "Probation passed"),
    "contract_ends_on": lazy_pgettext("timeline field", "Contract ends"),
    "ends_on": lazy_pgettext("timeline field", "Contract ends"),
    "kind": _l("Kind"), "from_grade": _l("From grade"),
    "to_grade": _l("To grade"), "credit_points": _l("Credit points"),
    "position_type": _l("Position type"),
    "grade_range": _l("Grade range"),
    "retirement_age": _l("Retirement age"),
    "training_type": lazy_pgettext("timeline field", "Training"), "title": _l("Title"),
    "hours_jp": _l("JP"), "topics": _l("Topics"), "year": _l("Year"),
    "work_result": _l("Work result"), "behaviour": _l("Behaviour"),
    "rating": _l("Rating"), "rater_position_type": _l("Rater's post"),
    "level": _l("Level"), "penalty_type": lazy_pgettext("timeline field", "Penalty"),
    "separation_type": _l("Kind"), "target_version": _l("Entry"),
    "changes": _l("Changes"), "effective_on": _l("Effective date"),
    "legal_basis": _l("Decree"),
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
    return str(DETAIL_LABELS.get(key, key))
