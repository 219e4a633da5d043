"""The regulation table: every rule parameter, looked up by the effective date it applies on.

Rules change over time (the promotion calendar went from two dates a year to six to twelve),
so each parameter is a list of periods; `in_force(table, on)` picks the one valid on a date.
Sources are in ../shared/reference/domain-rules.md; the section is named beside each table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from domain.values import (
    Education,
    Grade,
    PenaltyType,
    PositionType,
    Rating,
    SelectionStage,
    Track,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Period(Generic[T]):
    """A value of a rule parameter, in force from `since` until the next period begins."""

    since: date
    value: T
    source: str


def in_force(periods: Sequence[Period[T]], on: date) -> T:
    """The value in force on `on`: the latest period that began on or before it."""
    return period_in_force(periods, on).value


def period_in_force(periods: Sequence[Period[T]], on: date) -> Period[T]:
    """The period in force on `on`, with its source; the earliest when none had begun."""
    chosen: Period[T] | None = None
    for period in periods:
        if period.since <= on and (chosen is None or period.since >= chosen.since):
            chosen = period
    if chosen is None:
        chosen = min(periods, key=lambda p: p.since)
    return chosen


# §1.2 — starting grade of a CPNS and the cap for regular promotion, by certificate
# (PP 99/2000 jo PP 12/2002).
EDUCATION_GRADES: dict[Education, tuple[Grade, Grade]] = {
    Education.SD: (Grade("I/a"), Grade("II/a")),
    Education.SLTP: (Grade("I/c"), Grade("II/c")),
    Education.SLTP_KEJURUAN: (Grade("I/c"), Grade("II/d")),
    Education.SLTA: (Grade("II/a"), Grade("III/b")),
    Education.D1: (Grade("II/a"), Grade("III/b")),
    Education.D2: (Grade("II/b"), Grade("III/b")),
    Education.D3: (Grade("II/c"), Grade("III/c")),
    Education.S1: (Grade("III/a"), Grade("III/d")),
    Education.D4: (Grade("III/a"), Grade("III/d")),
    Education.S2: (Grade("III/b"), Grade("IV/a")),
    Education.S3: (Grade("III/c"), Grade("IV/b")),
}


def starting_grade(education: Education) -> Grade:
    return EDUCATION_GRADES[education][0]


def regular_cap(education: Education) -> Grade:
    return EDUCATION_GRADES[education][1]


# §1.3 and leave-pay-voice-rules §5.1 — months whose 1st day may be the TMT of a rank
# promotion (anumerta and pengabdian promotions are outside the calendar).
PROMOTION_MONTHS: tuple[Period[frozenset[int]], ...] = (
    Period(date(1900, 1, 1), frozenset({4, 10}),
           "Kep Ka BKN 12/2002 (PP 99/2000 jo PP 12/2002): 1 April and 1 October"),
    Period(date(2024, 1, 1), frozenset({2, 4, 6, 8, 10, 12}),
           "Peraturan BKN 4/2023: 1 February, April, June, August, October, December"),
    Period(date(2025, 10, 1), frozenset(range(1, 13)),
           "Peraturan BKN 4/2025: the 1st of every month"),
)


@dataclass(frozen=True)
class ProposalWindow:
    """When the proposals for a promotion date are submitted, counted back from its month M:
    from day `opens_day` of month M - `opens_months_before` to day `closes_day` of month
    M - `closes_months_before` (None: that month's last day)."""

    opens_months_before: int
    opens_day: int
    closes_months_before: int
    closes_day: int | None


# leave-pay-voice-rules §5.1 [K3] and domain-rules §1.3 [S8] — the proposal window of a TMT,
# by the version in force on the TMT. Until 2023 the proposals were due in February and August
# for April and October: the whole of month M-2.
# verify: since when the 16th-to-15th window of Surat BKN 13749/B-MP.01.01/SD/D/2025 applies;
# read here as the window of every TMT from the six-date calendar of 2024 on.
PROMOTION_PROPOSAL_WINDOWS: tuple[Period[ProposalWindow], ...] = (
    Period(date(1900, 1, 1), ProposalWindow(2, 1, 2, None),
           "Kep Ka BKN 12/2002: proposals in February for April, August for October"),
    Period(date(2024, 1, 1), ProposalWindow(2, 16, 1, 15),
           "Surat BKN 13749/B-MP.01.01/SD/D/2025: the 16th of M-2 to the 15th of M-1"),
)


def is_promotion_date(on: date) -> bool:
    """True when a promotion may take effect on `on` under the calendar in force then."""
    return on.day == 1 and on.month in in_force(PROMOTION_MONTHS, on)


def next_promotion_date(today: date) -> date:
    """The coming promotion date: the first day after `today` on which a promotion may take
    effect (a promotion decided now takes effect at the latest then)."""
    year, month = today.year, today.month
    while True:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if is_promotion_date(date(year, month, 1)):
            return date(year, month, 1)


@dataclass(frozen=True)
class PromotionRule:
    """Conditions of one kind of rank promotion."""

    min_years_in_grade: int
    good_ratings_years: int  # number of previous annual appraisals rated at least Baik


# §1.3 — reguler: 4 years in grade, Baik for the last 2 years; fungsional: 2 years plus credit
# points; pilihan: by decision, so the time-in-grade bar is the functional one and a decree is
# required (checked by the aggregate).
PROMOTION_RULES: dict[str, tuple[Period[PromotionRule], ...]] = {
    "REGULAR": (Period(date(1900, 1, 1), PromotionRule(4, 2), "PP 99/2000 Pasal 7"),),
    "FUNCTIONAL": (Period(date(1900, 1, 1), PromotionRule(2, 2), "PP 99/2000 Pasal 13"),),
    "CHOICE": (Period(date(1900, 1, 1), PromotionRule(2, 2), "PP 99/2000 Pasal 8-12"),),
}

# The "last two years" of ratings a promotion reads are the last calendar years whose annual
# appraisal is done when the proposals are made: the years before the year of the TMT less
# RATING_LEAD_MONTHS. Under the April/October calendar this is the two years before the TMT's
# year (proposals in January-February or July-August, after the January appraisals). From 2024
# a TMT in January-March is proposed in the last months of the year before, when that year is
# not yet rated, so its ratings are the two years before that. verify: BKN's reading for the
# bi-monthly and monthly TMTs (Perban 2/2025 annex); the lead of three months is ours.
RATING_LEAD_MONTHS = 3


def promotion_rating_years(tmt_on: date, count: int) -> tuple[int, ...]:
    """The years whose ratings a promotion on `tmt_on` reads, latest first."""
    month = tmt_on.month - RATING_LEAD_MONTHS
    last = (tmt_on.year if month >= 1 else tmt_on.year - 1) - 1
    return tuple(range(last, last - count, -1))


# §1.3 — credit points (angka kredit) needed for a functional promotion into the target
# grade (PermenPANRB 1/2023, Perban 3/2023: per rank within the level).
CREDIT_POINTS_FOR_GRADE: dict[str, int] = {
    "III/b": 50,
    "III/c": 100,
    "III/d": 100,
    "IV/a": 150,
    "IV/b": 150,
    "IV/c": 150,
    "IV/d": 200,
    "IV/e": 200,
}
# Ratings counted as "at least good" for promotions.
GOOD_RATINGS = frozenset({Rating.SANGAT_BAIK, Rating.BAIK})

# §1.9 — retirement age (BUP) by position type (PP 11/2017).
RETIREMENT_AGE: dict[PositionType, int] = {
    PositionType.JPT_UTAMA: 60,
    PositionType.JPT_MADYA: 60,
    PositionType.JPT_PRATAMA: 60,
    PositionType.ADMINISTRATOR: 58,
    PositionType.PENGAWAS: 58,
    PositionType.AHLI_UTAMA: 65,
    PositionType.AHLI_MADYA: 60,
    PositionType.AHLI_MUDA: 58,
    PositionType.AHLI_PERTAMA: 58,
    PositionType.PENYELIA: 58,
    PositionType.MAHIR: 58,
    PositionType.TERAMPIL: 58,
    PositionType.PEMULA: 58,
    PositionType.PELAKSANA: 58,
}
DEFAULT_RETIREMENT_AGE = 58


def retirement_on(birth_on: date, age: int) -> date:
    """Retirement takes effect on the 1st of the month after the employee reaches `age`."""
    year, month = birth_on.year + age, birth_on.month + 1
    if month == 13:
        year, month = year + 1, 1
    return date(year, month, 1)


# §1.6 — pejabat penilai: the position types whose holder may appraise a holder of each type.
# JPT pratama and above are appraised by the regional head, who is not an employee on this
# ledger, so their raters are recorded without an employee id.
RATER_TYPES: dict[PositionType, frozenset[PositionType]] = {
    PositionType.PELAKSANA: frozenset({PositionType.PENGAWAS}),
    PositionType.PENGAWAS: frozenset({PositionType.ADMINISTRATOR}),
    PositionType.ADMINISTRATOR: frozenset(
        {PositionType.JPT_PRATAMA, PositionType.JPT_MADYA, PositionType.JPT_UTAMA}
    ),
    PositionType.JPT_PRATAMA: frozenset(),
    PositionType.JPT_MADYA: frozenset(),
    PositionType.JPT_UTAMA: frozenset(),
}
FUNCTIONAL_RATER_TYPES = frozenset(
    {PositionType.PENGAWAS, PositionType.ADMINISTRATOR, PositionType.JPT_PRATAMA}
)


def rater_types(ratee: PositionType | None) -> frozenset[PositionType]:
    """Types of position that may rate the holder of `ratee` (any managerial when none held)."""
    if ratee is None:
        return frozenset({PositionType.PENGAWAS, PositionType.ADMINISTRATOR,
                          PositionType.JPT_PRATAMA})
    if ratee.is_functional:
        return FUNCTIONAL_RATER_TYPES
    return RATER_TYPES[ratee]


@dataclass(frozen=True)
class AllowanceCut:
    """A cut of the performance allowance (tukin/TPP): a share, in basis points (1% = 100), for
    a number of calendar months."""

    basis_points: int
    months: int


# §1.8 — PP 94/2021 hukuman disiplin sedang: the allowance cut by 25% for 6, 9 or 12 months. The
# same national rule cuts every region's TPP; a region may add cuts for other sanctions
# (domain/tpp_rules.py). PP 53/2010, before it, cut no allowance, and no earlier penalty of these
# types exists, so the 2021 period also answers for earlier dates.
# verify: the article (read as PP 94/2021 Pasal 8 ayat (3)).
ALLOWANCE_CUT_SANCTIONS: tuple[Period[dict[PenaltyType, AllowanceCut]], ...] = (
    Period(date(2021, 8, 31), {
        PenaltyType.ALLOWANCE_CUT_6_MONTHS: AllowanceCut(2500, 6),
        PenaltyType.ALLOWANCE_CUT_9_MONTHS: AllowanceCut(2500, 9),
        PenaltyType.ALLOWANCE_CUT_12_MONTHS: AllowanceCut(2500, 12),
    }, "PP 94/2021 Pasal 8 ayat (3)"),
)


# §1.7 — the yearly competency-development target per employee (PP 11/2017 Pasal 203(4)).
TRAINING_TARGET_JP = 20
# §1.5 — the youngest age at appointment: 18 years (PP 11/2017 Pasal 23(1)a for CPNS; PPPK
# applicants must be 20, PP 49/2018 Pasal 16, checked by the recruitment round).
MINIMUM_APPOINTMENT_AGE = 18
# §1.5 — probation (masa percobaan) of a CPNS is one year including Latsar.
PROBATION_MONTHS = 12


# §1.5 — recruitment of CPNS and PPPK.


@dataclass(frozen=True)
class SkdBar:
    """Passing grade of the SKD on one track: per-part minimums and/or a total minimum."""

    twk: int = 0
    tiu: int = 0
    tkp: int = 0
    total: int = 0

    def passes(self, twk: int, tiu: int, tkp: int) -> bool:
        return (twk >= self.twk and tiu >= self.tiu and tkp >= self.tkp
                and twk + tiu + tkp >= self.total)


_GENERAL_BAR = SkdBar(twk=65, tiu=80, tkp=166)
_TOP_GRADUATE_BAR = SkdBar(tiu=85, total=311)
_AFFIRMATIVE_BAR = SkdBar(tiu=60, total=286)
# KepmenPANRB 1023/2021 and 321/2024 keep the same bars; earlier rounds are not recorded here,
# so the 2021 bars also answer for them (in_force falls back to the earliest period).
SKD_PASSING_GRADES: dict[Track, tuple[Period[SkdBar], ...]] = {
    Track.GENERAL: (Period(date(2021, 1, 1), _GENERAL_BAR, "KepmenPANRB 321/2024"),),
    Track.CUM_LAUDE: (Period(date(2021, 1, 1), _TOP_GRADUATE_BAR, "KepmenPANRB 321/2024"),),
    Track.DIASPORA: (Period(date(2021, 1, 1), _TOP_GRADUATE_BAR, "KepmenPANRB 321/2024"),),
    Track.DISABILITY: (Period(date(2021, 1, 1), _AFFIRMATIVE_BAR, "KepmenPANRB 321/2024"),),
    Track.PAPUA: (Period(date(2021, 1, 1), _AFFIRMATIVE_BAR, "KepmenPANRB 321/2024"),),
    Track.DISADVANTAGED: (Period(date(2021, 1, 1), _AFFIRMATIVE_BAR, "KepmenPANRB 321/2024"),),
}


@dataclass(frozen=True)
class RecruitmentRule:
    """How a CPNS/PPPK round is run and scored in a given year."""

    skd_maxima: tuple[int, int, int]  # TWK, TIU, TKP (30, 35, 45 questions)
    skd_step: tuple[int, int]  # points per correct TWK/TIU answer; TKP items score 1–5
    skb_multiplier: int  # 3 × quota go on to the SKB, plus exact ties
    skd_weight: int  # final score = skd_weight% of SKD (on 0–100) + skb_weight% of SKB
    skb_weight: int
    skb_parts: tuple[int, int, int]  # shares of CAT, interview and extra tests in the SKB
    objection_days: int  # sanggah: days after the screening result is announced
    reannounce_days: int  # objections resolved and results re-announced within this
    cpns_age: tuple[int, int]  # age on the registration's last day
    pppk_min_age: int  # and at most one year below the retirement age of the post
    pppk_maxima: tuple[int, int, int, int]  # technical, managerial, socio-cultural, interview
    pppk_managerial_sociocultural: int  # passing bar of managerial + socio-cultural


RECRUITMENT_RULES: tuple[Period[RecruitmentRule], ...] = (
    Period(date(2021, 1, 1), RecruitmentRule(
        skd_maxima=(150, 175, 225), skd_step=(5, 5), skb_multiplier=3, skd_weight=40,
        skb_weight=60, skb_parts=(50, 30, 20), objection_days=3, reannounce_days=7,
        cpns_age=(18, 35), pppk_min_age=20, pppk_maxima=(450, 100, 80, 40),
        pppk_managerial_sociocultural=117),
        "PermenPANRB 27/2021 and 6/2024; PP 49/2018 Pasal 16-25; KepmenPANRB 652/2023"),
)


def recruitment_rule(on: date) -> RecruitmentRule:
    return in_force(RECRUITMENT_RULES, on)


# §1.4 — JPT open selection (PermenPANRB 15/2019). The stage weights are the committee's
# choice in practice; these are the defaults a round uses unless the regulation says more.


@dataclass(frozen=True)
class SelectionRule:
    min_candidates: int  # by the closing date, otherwise the announcement is extended
    shortlist_size: int  # names passed to the appointing official
    committee_size: tuple[int, int]  # an odd number of members in this range
    weights: tuple[tuple[SelectionStage, int], ...]  # scored stages and their percentages


SELECTION_RULES: tuple[Period[SelectionRule], ...] = (
    Period(date(2019, 1, 1), SelectionRule(
        min_candidates=3, shortlist_size=3, committee_size=(5, 9),
        weights=((SelectionStage.COMPETENCY, 50), (SelectionStage.PAPER, 20),
                 (SelectionStage.INTERVIEW, 30))),
        "PermenPANRB 15/2019 (weights: committee practice, to verify)"),
)


def selection_rule(on: date) -> SelectionRule:
    return in_force(SELECTION_RULES, on)


# Retention of applicants' personal data (UU PDP 27/2022 Pasal 43: data kept no longer than
# its purpose needs). An applicant who was not appointed keeps their data for this many days
# after the round's results were announced (or it closed), then the key is destroyed. The
# period is an assumption to verify with the archive schedule (JRA) of the agency; operators
# set it with REKAM_APPLICANT_RETENTION_DAYS.
APPLICANT_RETENTION_DAYS = 365

# Retention of a complainant's data (what they wrote, their contact, their reasons to reopen):
# this many days after the complaint was closed or rejected, then the complaint's key is
# destroyed and the handling history stays. No regulation found sets the period; two years
# leaves time to reopen and for an inspection of the handling. Verify against the agency's
# archive schedule (JRA); operators set it with REKAM_COMPLAINT_RETENTION_DAYS.
COMPLAINT_RETENTION_DAYS = 730


# Complaint handling (SP4N-LAPOR!, leave-pay-voice-rules §4.1): the administrator verifies a
# complaint within 3 working days [C2]; the agency has 5 working days to formulate its
# follow-up [C2]; a complete complaint is settled within 60 days (Perpres 76/2013) [C1].
COMPLAINT_VERIFY_WORKING_DAYS = 3
COMPLAINT_ANSWER_WORKING_DAYS = 5
COMPLAINT_RESOLVE_DAYS = 60
COMPLAINT_OLDEST_YEARS = 2  # an assumption: older events are for the Ombudsman, not the unit
