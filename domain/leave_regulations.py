"""Leave (cuti) rules as regulation data: versions with their legal basis and dates in force.

Each `LeaveRuleVersion` holds every value the leave checks need for one employment type over
one period; `leave_rules_on(kind, on)` picks the version in force on a date, so a request is
judged by the rules of its own dates. Sources: ../shared/reference/leave-pay-voice-rules.md §1
(tags [L1]–[L18]). Values that note marks "(verify)" carry a `# verify:` comment here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import Enum

from domain.errors import DomainError
from domain.values import EmploymentType


class LeaveType(Enum):
    """Jenis cuti. PNS have all seven (PP 11/2017 Ps 310); PPPK only four (Perban 7/2022)."""

    ANNUAL = "TAHUNAN"
    BIG = "BESAR"
    SICK = "SAKIT"
    MATERNITY = "MELAHIRKAN"
    IMPORTANT_REASON = "ALASAN_PENTING"
    COLLECTIVE = "BERSAMA"
    UNPAID = "CLTN"  # cuti di luar tanggungan negara


class LeavePlace(Enum):
    """Where the leave is spent: abroad only the PPK may grant; hard-to-reach adds travel days."""

    DOMESTIC = "DOMESTIC"
    HARD_TO_REACH = "HARD_TO_REACH"
    ABROAD = "ABROAD"


class ImportantReason(Enum):
    """Grounds of cuti karena alasan penting (Perban 24/2017 [L9])."""

    FAMILY_ILL_OR_DECEASED = "FAMILY_ILL_OR_DECEASED"
    DECEASED_FAMILY_RIGHTS = "DECEASED_FAMILY_RIGHTS"
    OWN_WEDDING = "OWN_WEDDING"
    WIFE_GIVES_BIRTH = "WIFE_GIVES_BIRTH"  # a husband whose wife gives birth or has a caesarean
    FIRE_OR_DISASTER = "FIRE_OR_DISASTER"
    DANGEROUS_MISSION_RECOVERY = "DANGEROUS_MISSION_RECOVERY"


class UnpaidLeaveReason(Enum):
    """The six grounds of CLTN listed by Perban 7/2021 [L10]."""

    FOLLOW_SPOUSE_ON_DUTY_OR_STUDY = "FOLLOW_SPOUSE_ON_DUTY_OR_STUDY"
    ACCOMPANY_WORKING_SPOUSE = "ACCOMPANY_WORKING_SPOUSE"
    FERTILITY_PROGRAMME = "FERTILITY_PROGRAMME"
    CHILD_WITH_SPECIAL_NEEDS = "CHILD_WITH_SPECIAL_NEEDS"
    SPOUSE_OR_CHILD_SPECIAL_CARE = "SPOUSE_OR_CHILD_SPECIAL_CARE"
    CARE_FOR_PARENT = "CARE_FOR_PARENT"
    OTHER_PERSONAL_URGENT = "OTHER_PERSONAL_URGENT"  # accepted only before Perban 7/2021


class AdvanceAnnualReason(Enum):
    """Grounds on which a PPPK may take annual leave before one year of service (Ps 9 [L11])."""

    FAMILY_ILL_OR_DECEASED = "FAMILY_ILL_OR_DECEASED"
    DECEASED_FAMILY_RIGHTS = "DECEASED_FAMILY_RIGHTS"
    FIRST_MARRIAGE = "FIRST_MARRIAGE"


@dataclass(frozen=True)
class AnnualLeaveRule:
    """Cuti tahunan: the yearly days, the carry-over caps and the extras."""

    days_per_year: int
    min_service_years: int
    min_request_days: int
    cap_after_one_unused_year: int  # total usable in a year, the year's own days included
    cap_after_two_unused_years: int
    cap_with_deferred_days: int
    hard_to_reach_calendar_days: int  # added per request taken in a hard-to-reach place
    max_deferral_years: int
    teachers_entitled: bool  # False: school/campus holidays count as annual leave taken
    # PPPK only: the carry-over caps need a contract longer than these years (Ps 7).
    contract_years_for_first_cap: int | None = None
    contract_years_for_second_cap: int | None = None
    # PPPK only: days allowed before one year of service, deducted later (Ps 9).
    advance_days_before_service: int = 0


@dataclass(frozen=True)
class SickLeaveRule:
    """Cuti sakit: certificates by length, the caps (in months from the illness's first day)."""

    min_days: int
    doctor_certificate_from_days: int  # this many calendar days or more need a doctor
    government_doctor_above_days: int  # more than this many need a government doctor
    max_months: int
    extension_months: int  # granted on certification by the Tim Penguji Kesehatan
    miscarriage_max_days: int
    work_accident_capped: bool  # False: until recovered


@dataclass(frozen=True)
class LeaveRuleVersion:
    """The leave rules of one employment type in force from `in_force_from` to `in_force_until`
    (inclusive; None while no later version is known)."""

    code: str
    employment_type: EmploymentType
    legal_basis: str
    in_force_from: date
    in_force_until: date | None
    types: frozenset[LeaveType]
    annual: AnnualLeaveRule
    sick: SickLeaveRule
    maternity_months: int
    maternity_max_child_order: int
    big_leave_months: int
    big_leave_service_years: int
    big_leave_repeat_after_years: int
    important_reason_months: int
    unpaid_service_years: int
    unpaid_max_years: int
    unpaid_extension_years: int
    unpaid_reasons: frozenset[UnpaidLeaveReason]
    unpaid_return_report_months: int
    only_unpaid_leave_refusable: bool  # otherwise leave is deferred, not refused [L6]
    # verify: the top-up for withheld cuti bersama may be used next year "if the cuti bersama
    # fell in the last days of the year"; read as falling on or after 20 December.
    year_end_top_up_from: tuple[int, int] = (12, 20)

    def is_in_force(self, on: date) -> bool:
        return self.in_force_from <= on and (self.in_force_until is None
                                            or on <= self.in_force_until)


_PNS_ANNUAL = AnnualLeaveRule(
    days_per_year=12, min_service_years=1, min_request_days=1,
    cap_after_one_unused_year=18, cap_after_two_unused_years=24,
    # verify: Perban 24/2017 on the cap of days deferred by the PYBMC; read as 24 in all.
    cap_with_deferred_days=24,
    hard_to_reach_calendar_days=12, max_deferral_years=1, teachers_entitled=False,
)
_PNS_SICK = SickLeaveRule(
    # Before PP 17/2020 a single day of illness was not cuti sakit (Ps 320 covered >1 day).
    min_days=2, doctor_certificate_from_days=1, government_doctor_above_days=14,
    max_months=12, extension_months=6,
    # verify: "1.5 months" for a miscarriage, read as 45 calendar days.
    miscarriage_max_days=45, work_accident_capped=False,
)
_OLD_UNPAID_REASONS = frozenset(UnpaidLeaveReason)
_UNPAID_REASONS_2021 = frozenset(UnpaidLeaveReason) - {UnpaidLeaveReason.OTHER_PERSONAL_URGENT}
_PNS_TYPES = frozenset(LeaveType)
_PNS_2017 = LeaveRuleVersion(
    code="PNS-2017", employment_type=EmploymentType.PNS,
    legal_basis="PP 11/2017 Pasal 310-341; Peraturan BKN 24/2017",
    # verify: PP 11/2017 taken as in force from its promulgation, 7 April 2017.
    in_force_from=date(2017, 4, 7), in_force_until=date(2020, 2, 27),
    types=_PNS_TYPES, annual=_PNS_ANNUAL, sick=_PNS_SICK,
    maternity_months=3, maternity_max_child_order=3,
    big_leave_months=3, big_leave_service_years=5,
    # verify: "cuti besar again only after 5 years" (open point 1), read as 5 years after the
    # last big leave ended.
    big_leave_repeat_after_years=5,
    important_reason_months=1,
    unpaid_service_years=5, unpaid_max_years=3, unpaid_extension_years=1,
    unpaid_reasons=_OLD_UNPAID_REASONS, unpaid_return_report_months=1,
    only_unpaid_leave_refusable=False,
)
_PNS_2020 = replace(
    _PNS_2017, code="PNS-2020", legal_basis="PP 11/2017 jo PP 17/2020; Peraturan BKN 24/2017",
    # verify: PP 17/2020 taken as in force from 28 February 2020.
    in_force_from=date(2020, 2, 28), in_force_until=date(2021, 7, 25),
    annual=replace(_PNS_ANNUAL, teachers_entitled=True),
    sick=replace(_PNS_SICK, min_days=1),
    only_unpaid_leave_refusable=True,
)
_PNS_2021 = replace(
    _PNS_2020, code="PNS-2021",
    legal_basis="PP 11/2017 jo PP 17/2020; Peraturan BKN 24/2017 jo 7/2021",
    in_force_from=date(2021, 7, 26), in_force_until=None,
    unpaid_reasons=_UNPAID_REASONS_2021,
)

_PPPK_TYPES = frozenset({LeaveType.ANNUAL, LeaveType.SICK, LeaveType.MATERNITY,
                         LeaveType.COLLECTIVE})
_PPPK_2018 = LeaveRuleVersion(
    code="PPPK-2018", employment_type=EmploymentType.PPPK,
    legal_basis="PP 49/2018 Pasal 78-93",
    # verify: PP 49/2018 taken as in force from its promulgation, 28 November 2018, with the
    # same values Perban 7/2022 later spelled out.
    in_force_from=date(2018, 11, 28), in_force_until=date(2022, 4, 13),
    types=_PPPK_TYPES,
    annual=AnnualLeaveRule(
        days_per_year=12, min_service_years=1, min_request_days=1,
        cap_after_one_unused_year=18, cap_after_two_unused_years=24,
        cap_with_deferred_days=24,  # verify: as for PNS
        hard_to_reach_calendar_days=6, max_deferral_years=1, teachers_entitled=False,
        # verify: Ps 7 read as "contract over 2 years" for 18 and "over 3 years" for 24, on
        # top of the unused-year conditions PNS have.
        contract_years_for_first_cap=2, contract_years_for_second_cap=3,
        advance_days_before_service=6,
    ),
    # The reference says to encode one month, not the "one year" some press reports [L12].
    sick=SickLeaveRule(min_days=1, doctor_certificate_from_days=1,
                       government_doctor_above_days=14, max_months=1, extension_months=0,
                       miscarriage_max_days=45, work_accident_capped=True),
    maternity_months=3, maternity_max_child_order=3,
    big_leave_months=0, big_leave_service_years=0, big_leave_repeat_after_years=0,
    important_reason_months=0,
    unpaid_service_years=0, unpaid_max_years=0, unpaid_extension_years=0,
    unpaid_reasons=frozenset(), unpaid_return_report_months=0,
    only_unpaid_leave_refusable=False,  # PPPK forms keep "refuse" (Lampiran II)
)
_PPPK_2022 = replace(
    _PPPK_2018, code="PPPK-2022", legal_basis="Peraturan BKN 7/2022 (PP 49/2018 Pasal 93)",
    in_force_from=date(2022, 4, 14), in_force_until=None,
)

LEAVE_RULE_VERSIONS: tuple[LeaveRuleVersion, ...] = (
    _PNS_2017, _PNS_2020, _PNS_2021, _PPPK_2018, _PPPK_2022,
)


def leave_rules_on(employment_type: EmploymentType, on: date) -> LeaveRuleVersion:
    """The leave rules in force on `on` for `employment_type`; refused before any version (the
    PP 24/1976 regime is not encoded)."""
    for version in LEAVE_RULE_VERSIONS:
        if version.employment_type is employment_type and version.is_in_force(on):
            return version
    raise DomainError("LEAVE_NO_RULES_IN_FORCE", field="start_on",
                      employment_type=employment_type.value, on=on.isoformat())
