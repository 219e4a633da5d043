"""The values a recruitment round holds: its formations, its applicants, their computed ranks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from domain.privacy import Sealed
from domain.values import Education, Grade, PositionType, ScreeningReason, Track

APPLICANT_FIELDS = ("name", "nik", "birth_on", "sex", "contact")


@dataclass(frozen=True)
class Formation:
    """Formasi: a quota for one kind of post in a unit, on one track."""

    id: UUID
    agency_id: UUID
    unit_id: UUID
    position_title: str
    position_type: PositionType
    education: Education
    grade: Grade
    quota: int
    track: Track
    technical_passing_grade: int | None  # PPPK: the technical test's bar for this post


@dataclass(frozen=True)
class Ranked:
    """An applicant's computed final score (three decimals, for display) and rank."""

    applicant_id: UUID
    final_score: str
    rank: int


@dataclass(frozen=True)
class Applicant:
    """Where one applicant stands in the round (state only; events hold what was recorded)."""

    id: UUID
    formation_id: UUID
    exam_number: str
    subject_id: UUID
    registered_on: date
    education: Education
    grade_average: int  # GPA or certificate average, in hundredths
    personal: Mapping[str, Sealed | None] = field(default_factory=dict)
    meets: bool | None = None  # administrative screening: MS (True) / TMS (False)
    reasons: tuple[ScreeningReason, ...] = ()
    objection: str | None = None  # "filed", "granted" or "refused"
    skd: tuple[int, int, int] | None = None  # TWK, TIU, TKP
    skd_passed: bool = False
    skb_participant: bool = False
    skb: tuple[int, int, int] | None = None  # CAT, interview, extra tests (0–100 each)
    competency: tuple[int, int, int, int] | None = None  # PPPK: technical, managerial,
    competency_passed: bool = False  # socio-cultural, interview
    final_score: str | None = None
    rank: int | None = None
    withdrawn: bool = False
    employee_id: UUID | None = None
    erased: bool = False
