"""Value objects of the personnel domain; each validates itself and has a stable stored form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import ClassVar

from domain.errors import DomainError


class EmploymentType(Enum):
    """ASN kinds: PNS (civil servant, starts as CPNS on probation) and PPPK (contract)."""

    PNS = "PNS"
    PPPK = "PPPK"


class EmployeeStatus(Enum):
    """Where an employee stands: CPNS on probation, active PNS or PPPK, or separated."""

    CPNS = "CPNS"
    PNS = "PNS"
    PPPK = "PPPK"
    SEPARATED = "SEPARATED"


class Sex(Enum):
    """Jenis kelamin as coded in digit 15 of a NIP: 1 male, 2 female."""

    MALE = "1"
    FEMALE = "2"


class Role(Enum):
    """Who records an action; `SYSTEM` is the demo generator, importers and scheduled jobs."""

    HR_OFFICER = "hr_officer"
    HR_ADMIN = "hr_admin"
    AUDITOR = "auditor"
    SYSTEM_ADMIN = "system_admin"
    EMPLOYEE = "employee"  # an employee on their own desk (/saya), never on anyone else's
    SYSTEM = "system"
    CITIZEN = "citizen"  # a member of the public, on the complaint form (never named)


class Education(Enum):
    """Pendidikan: the highest certificate, which fixes the starting grade and the regular cap."""

    SD = "SD"
    SLTP = "SLTP"
    SLTP_KEJURUAN = "SLTP_KEJURUAN"
    SLTA = "SLTA"
    D1 = "D1"
    D2 = "D2"
    D3 = "D3"
    S1 = "S1"
    D4 = "D4"
    S2 = "S2"
    S3 = "S3"


class PositionType(Enum):
    """Jabatan under UU 20/2023: managerial (JPT, administrator, pengawas) and non-managerial."""

    JPT_UTAMA = "JPT_UTAMA"
    JPT_MADYA = "JPT_MADYA"
    JPT_PRATAMA = "JPT_PRATAMA"
    ADMINISTRATOR = "ADMINISTRATOR"
    PENGAWAS = "PENGAWAS"
    AHLI_UTAMA = "AHLI_UTAMA"
    AHLI_MADYA = "AHLI_MADYA"
    AHLI_MUDA = "AHLI_MUDA"
    AHLI_PERTAMA = "AHLI_PERTAMA"
    PENYELIA = "PENYELIA"
    MAHIR = "MAHIR"
    TERAMPIL = "TERAMPIL"
    PEMULA = "PEMULA"
    PELAKSANA = "PELAKSANA"

    @property
    def is_jpt(self) -> bool:
        return self in (PositionType.JPT_UTAMA, PositionType.JPT_MADYA, PositionType.JPT_PRATAMA)

    @property
    def is_functional(self) -> bool:
        return self in _FUNCTIONAL

    @property
    def group(self) -> str:
        """Coarse class used in statistics: jpt, administrator, pengawas, fungsional, pelaksana."""
        if self.is_jpt:
            return "jpt"
        if self.is_functional:
            return "fungsional"
        return self.value.lower()


_FUNCTIONAL = frozenset(
    {
        PositionType.AHLI_UTAMA,
        PositionType.AHLI_MADYA,
        PositionType.AHLI_MUDA,
        PositionType.AHLI_PERTAMA,
        PositionType.PENYELIA,
        PositionType.MAHIR,
        PositionType.TERAMPIL,
        PositionType.PEMULA,
    }
)


class Track(Enum):
    """Jalur (formation track) of a CPNS/PPPK formation; special tracks have their own SKD bar."""

    GENERAL = "UMUM"
    CUM_LAUDE = "CUMLAUDE"
    DIASPORA = "DIASPORA"
    DISABILITY = "DISABILITAS"
    PAPUA = "PAPUA"
    DISADVANTAGED = "DAERAH_TERTINGGAL"


class ScreeningReason(Enum):
    """Why an applicant does not meet the administrative requirements (TMS)."""

    DOCUMENT_MISSING = "DOKUMEN_TIDAK_LENGKAP"
    DOCUMENT_INVALID = "DOKUMEN_TIDAK_SAH"
    EDUCATION_MISMATCH = "KUALIFIKASI_TIDAK_SESUAI"
    GPA_BELOW_MINIMUM = "IPK_KURANG"
    ACCREDITATION = "AKREDITASI"
    TRACK_NOT_ELIGIBLE = "JALUR_TIDAK_MEMENUHI"
    OTHER = "LAINNYA"


class SelectionStage(Enum):
    """Stages of a JPT open selection, in the order they are held (PermenPANRB 15/2019)."""

    ADMINISTRATIVE = "ADMINISTRASI"
    COMPETENCY = "KOMPETENSI"
    PAPER = "MAKALAH"
    INTERVIEW = "WAWANCARA"
    TRACK_RECORD = "REKAM_JEJAK"
    HEALTH_PSYCHOLOGY = "KESEHATAN_PSIKOLOGI"


class PromotionKind(Enum):
    """Jenis kenaikan pangkat: reguler, pilihan (by decision, needs a decree) or fungsional."""

    REGULAR = "REGULAR"
    CHOICE = "CHOICE"
    FUNCTIONAL = "FUNCTIONAL"


class TrainingType(Enum):
    """Jenis pengembangan kompetensi (diklat): structural tracks, classical and non-classical."""

    LATSAR = "LATSAR"
    PKP = "PKP"
    PKA = "PKA"
    PKN_II = "PKN_II"
    PKN_I = "PKN_I"
    TECHNICAL = "TECHNICAL"
    FUNCTIONAL = "FUNCTIONAL"
    SEMINAR = "SEMINAR"
    E_LEARNING = "E_LEARNING"
    COACHING = "COACHING"
    MENTORING = "MENTORING"
    INTERNSHIP = "INTERNSHIP"


class TopicTag(Enum):
    """Topics the seeds ask training to cover."""

    DIGITAL = "DIGITAL"
    PUBLIC_SERVICE_COMMUNICATION = "PUBLIC_SERVICE_COMMUNICATION"
    PUBLIC_MANAGEMENT = "PUBLIC_MANAGEMENT"
    LEADERSHIP = "LEADERSHIP"
    TECHNICAL = "TECHNICAL"
    INTEGRITY = "INTEGRITY"


class Expectation(Enum):
    """One dimension of an SKP appraisal: below, as, or above expectation (ekspektasi)."""

    BELOW = "BELOW"
    AS_EXPECTED = "AS_EXPECTED"
    ABOVE = "ABOVE"


class Rating(Enum):
    """Predikat kinerja (PermenPANRB 6/2022), best first."""

    SANGAT_BAIK = "SANGAT_BAIK"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"

    @classmethod
    def from_matrix(cls, work_result: Expectation, behaviour: Expectation) -> Rating:
        """The SKP matrix: rows are work results (hasil kerja), columns work behaviour."""
        return _SKP_MATRIX[(work_result, behaviour)]

    @property
    def is_at_least_good(self) -> bool:
        return self in (Rating.SANGAT_BAIK, Rating.BAIK)


_E = Expectation
_SKP_MATRIX = {
    (_E.ABOVE, _E.BELOW): Rating.KURANG,
    (_E.ABOVE, _E.AS_EXPECTED): Rating.BAIK,
    (_E.ABOVE, _E.ABOVE): Rating.SANGAT_BAIK,
    (_E.AS_EXPECTED, _E.BELOW): Rating.KURANG,
    (_E.AS_EXPECTED, _E.AS_EXPECTED): Rating.BAIK,
    (_E.AS_EXPECTED, _E.ABOVE): Rating.BAIK,
    (_E.BELOW, _E.BELOW): Rating.SANGAT_KURANG,
    (_E.BELOW, _E.AS_EXPECTED): Rating.BUTUH_PERBAIKAN,
    (_E.BELOW, _E.ABOVE): Rating.BUTUH_PERBAIKAN,
}


class PenaltyLevel(Enum):
    """Tingkat hukuman disiplin (PP 94/2021)."""

    LIGHT = "LIGHT"
    MEDIUM = "MEDIUM"
    HEAVY = "HEAVY"


class PenaltyType(Enum):
    """Jenis hukuman disiplin; each belongs to exactly one level."""

    ORAL_REPRIMAND = "ORAL_REPRIMAND"
    WRITTEN_REPRIMAND = "WRITTEN_REPRIMAND"
    STATEMENT_OF_DISSATISFACTION = "STATEMENT_OF_DISSATISFACTION"
    ALLOWANCE_CUT_6_MONTHS = "ALLOWANCE_CUT_6_MONTHS"
    ALLOWANCE_CUT_9_MONTHS = "ALLOWANCE_CUT_9_MONTHS"
    ALLOWANCE_CUT_12_MONTHS = "ALLOWANCE_CUT_12_MONTHS"
    DEMOTION_12_MONTHS = "DEMOTION_12_MONTHS"
    MOVED_TO_PELAKSANA_12_MONTHS = "MOVED_TO_PELAKSANA_12_MONTHS"
    DISCHARGE_NOT_AT_OWN_REQUEST = "DISCHARGE_NOT_AT_OWN_REQUEST"

    @property
    def level(self) -> PenaltyLevel:
        if self in (
            PenaltyType.ORAL_REPRIMAND,
            PenaltyType.WRITTEN_REPRIMAND,
            PenaltyType.STATEMENT_OF_DISSATISFACTION,
        ):
            return PenaltyLevel.LIGHT
        if self.name.startswith("ALLOWANCE_CUT"):
            return PenaltyLevel.MEDIUM
        return PenaltyLevel.HEAVY


class SeparationType(Enum):
    """Jenis pemberhentian."""

    RETIREMENT = "RETIREMENT"
    RESIGNATION = "RESIGNATION"
    HONOURABLE_DISMISSAL = "HONOURABLE_DISMISSAL"
    DISHONOURABLE_DISMISSAL = "DISHONOURABLE_DISMISSAL"
    DEATH = "DEATH"
    CONTRACT_END = "CONTRACT_END"


PNS_GRADES: tuple[tuple[str, str], ...] = (
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
)
_PNS_INDEX = {code: i for i, (code, _) in enumerate(PNS_GRADES)}
PPPK_GRADES: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)  # fmt: skip
_PPPK_INDEX = {code: i for i, code in enumerate(PPPK_GRADES)}


@dataclass(frozen=True, order=False)
class Grade:
    """Golongan/ruang with its pangkat title: "III/a" (PNS) or a PPPK golongan "IX"."""

    code: str

    def __post_init__(self) -> None:
        if self.code not in _PNS_INDEX and self.code not in _PPPK_INDEX:
            raise DomainError("GRADE_UNKNOWN", field="grade", grade=self.code)

    @property
    def is_pppk(self) -> bool:
        return self.code in _PPPK_INDEX

    @property
    def index(self) -> int:
        return _PPPK_INDEX[self.code] if self.is_pppk else _PNS_INDEX[self.code]

    @property
    def title(self) -> str:
        """Pangkat name (PNS) or "Golongan PPPK"."""
        return "Golongan PPPK" if self.is_pppk else PNS_GRADES[self.index][1]

    @property
    def group(self) -> str:
        """Grade group for statistics: I-IV for PNS, PPPK for contract staff."""
        return "PPPK" if self.is_pppk else self.code.split("/")[0]

    def next(self) -> Grade | None:
        """The grade one step up, or None at the top (PNS only)."""
        if self.is_pppk or self.index + 1 >= len(PNS_GRADES):
            return None
        return Grade(PNS_GRADES[self.index + 1][0])

    def comparable(self, other: Grade) -> bool:
        return self.is_pppk == other.is_pppk

    def __lt__(self, other: Grade) -> bool:
        return self.index < other.index

    def __le__(self, other: Grade) -> bool:
        return self.index <= other.index

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class GradeRange:
    """The grades a position admits, inclusive."""

    lowest: Grade
    highest: Grade

    def __post_init__(self) -> None:
        if not self.lowest.comparable(self.highest) or self.highest < self.lowest:
            raise DomainError("GRADE_RANGE_INVALID", field="grade_range",
                              lowest=self.lowest, highest=self.highest)

    def admits(self, grade: Grade) -> bool:
        return grade.comparable(self.lowest) and self.lowest <= grade <= self.highest

    def __str__(self) -> str:
        return f"{self.lowest}–{self.highest}"


_NIP_RE = re.compile(r"^\d{18}$")


@dataclass(frozen=True)
class Nip:
    """NIP (PNS) or NI PPPK: 18 digits that encode birth date, TMT, sex and a sequence.

    PNS:  YYYYMMDD (birth) + YYYYMM (TMT CPNS) + sex + NNN.
    PPPK: YYYYMMDD (birth) + YYYY (TMT year) + "2" + contract digit + sex + NNN.
    """

    digits: str
    is_pppk: bool = False

    def __post_init__(self) -> None:
        if not _NIP_RE.match(self.digits):
            raise DomainError("NIP_FORMAT", field="nip")
        try:
            self.birth_on  # noqa: B018 — parses and validates the date
        except ValueError:
            raise DomainError("NIP_FORMAT", field="nip") from None
        if self.digits[14] not in "12":
            raise DomainError("NIP_FORMAT", field="nip")
        if self.is_pppk:
            if self.digits[12] != "2" or self.digits[13] == "0":
                raise DomainError("NIP_FORMAT", field="nip")
        elif not 1 <= int(self.digits[12:14]) <= 12:
            raise DomainError("NIP_FORMAT", field="nip")

    @classmethod
    def parse(cls, text: str, *, is_pppk: bool = False) -> Nip:
        return cls("".join(text.split()), is_pppk=is_pppk)

    @property
    def birth_on(self) -> date:
        d = self.digits
        return date(int(d[0:4]), int(d[4:6]), int(d[6:8]))

    @property
    def sex(self) -> Sex:
        return Sex(self.digits[14])

    @property
    def tmt_year(self) -> int:
        return int(self.digits[8:12])

    @property
    def tmt_month(self) -> int | None:
        """Month of TMT CPNS (PNS numbers only)."""
        return None if self.is_pppk else int(self.digits[12:14])

    def check_consistent(self, *, birth_on: date, sex: Sex, appointed_on: date) -> None:
        """Raise when the number does not match the person's birth date, sex or first TMT."""
        if self.birth_on != birth_on:
            raise DomainError("NIP_BIRTH_DATE_MISMATCH", field="nip")
        if self.sex != sex:
            raise DomainError("NIP_SEX_MISMATCH", field="nip")
        if self.tmt_year != appointed_on.year or (
            self.tmt_month is not None and self.tmt_month != appointed_on.month
        ):
            raise DomainError("NIP_TMT_MISMATCH", field="nip")

    def __str__(self) -> str:
        return self.digits

    def __repr__(self) -> str:  # a NIP is personal data: keep it out of logs and tracebacks
        return "Nip(…)"


@dataclass(frozen=True)
class JpHours:
    """Jam pelajaran: 1 JP is 45 minutes of learning; whole or half hours, at most 1,000."""

    value: float
    MAXIMUM: ClassVar[int] = 1000

    def __post_init__(self) -> None:
        if not (0 < self.value <= self.MAXIMUM) or (self.value * 2) != int(self.value * 2):
            raise DomainError("TRAINING_HOURS_INVALID", field="hours_jp", maximum=self.MAXIMUM)


@dataclass(frozen=True)
class Actor:
    """Who recorded an event: a user id and the role they acted in."""

    user_id: str
    role: Role

    def __post_init__(self) -> None:
        if not self.user_id:
            raise DomainError("ACTOR_REQUIRED", field="actor")


@dataclass(frozen=True)
class LegalBasis:
    """Dasar hukum: the decree (SK) number and the date it was signed."""

    number: str
    signed_on: date

    def __post_init__(self) -> None:
        if not self.number.strip() or len(self.number) > 120:
            raise DomainError("LEGAL_BASIS_INVALID", field="legal_basis")
