"""Labels of leave (cuti): its types, statuses, grounds, recommendations and rejection grounds,
in the reader's language; and which ground each type asks for."""

from __future__ import annotations

from enum import Enum

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from domain.leave_regulations import (
    AdvanceAnnualReason,
    ImportantReason,
    LeaveType,
    UnpaidLeaveReason,
)
from domain.leave_request import LeaveStatus, Recommendation, RejectionGround
from domain.leave_rules import BigLeavePurpose, SickCertificate, SickLeaveKind

LEAVE_TYPES: dict[str, LazyString] = {
    LeaveType.ANNUAL.value: _l("annual leave"),
    LeaveType.BIG.value: _l("long leave"),
    LeaveType.SICK.value: _l("sick leave"),
    LeaveType.MATERNITY.value: _l("maternity leave"),
    LeaveType.IMPORTANT_REASON.value: _l("leave for important reasons"),
    LeaveType.COLLECTIVE.value: _l("collective leave"),
    LeaveType.UNPAID.value: _l("unpaid leave (CLTN)"),
}
LEAVE_STATUSES: dict[str, LazyString] = {
    LeaveStatus.REQUESTED.value: _l("waiting for the superior"),
    LeaveStatus.CONSIDERED.value: _l("waiting for the official"),
    LeaveStatus.APPROVED.value: _l("approved"),
    LeaveStatus.DEFERRED.value: _l("deferred"),
    LeaveStatus.REJECTED.value: _l("not approved"),
    LeaveStatus.CANCELLED.value: _l("cancelled"),
    LeaveStatus.TAKEN.value: _l("on leave"),
    LeaveStatus.RETURNED_EARLY.value: _l("returned early"),
    LeaveStatus.RETURN_REPORTED.value: _l("return reported"),
}
# The certificate handed in with sick leave (by the SickCertificate member's name).
CERTIFICATES: dict[str, LazyString] = {
    SickCertificate.NONE.name: _l("No certificate"),
    SickCertificate.DOCTOR.name: _l("Doctor's certificate"),
    SickCertificate.GOVERNMENT_DOCTOR.name: _l("Government doctor's certificate"),
}
RECOMMENDATIONS: dict[str, LazyString] = {
    Recommendation.RECOMMEND.value: _l("Recommend the leave"),
    Recommendation.DEFER.value: _l("Recommend deferring it"),
}
REJECTION_GROUNDS: dict[str, LazyString] = {
    RejectionGround.NOT_ELIGIBLE.value: _l("Not eligible under the rules"),
    RejectionGround.DOCUMENT_MISSING.value: _l("A required document is missing"),
    RejectionGround.BKN_APPROVAL_DENIED.value: _l("No technical approval from BKN"),
    RejectionGround.SERVICE_NEED.value: _l("Service need (unpaid leave only)"),
}
GROUNDS: dict[str, LazyString] = {
    AdvanceAnnualReason.FIRST_MARRIAGE.value: _l("First marriage"),
    ImportantReason.FAMILY_ILL_OR_DECEASED.value: _l("A family member seriously ill or died"),
    ImportantReason.DECEASED_FAMILY_RIGHTS.value: _l("Settling the rights of a deceased "
                                                     "family member"),
    ImportantReason.OWN_WEDDING.value: _l("Own wedding"),
    ImportantReason.WIFE_GIVES_BIRTH.value: _l("Wife gives birth"),
    ImportantReason.FIRE_OR_DISASTER.value: _l("House fire or natural disaster"),
    ImportantReason.DANGEROUS_MISSION_RECOVERY.value: _l("Recovery after a dangerous "
                                                         "mission"),
    UnpaidLeaveReason.FOLLOW_SPOUSE_ON_DUTY_OR_STUDY.value: _l("Follow a spouse on duty or "
                                                               "study"),
    UnpaidLeaveReason.ACCOMPANY_WORKING_SPOUSE.value: _l("Accompany a working spouse"),
    UnpaidLeaveReason.FERTILITY_PROGRAMME.value: _l("Fertility programme"),
    UnpaidLeaveReason.CHILD_WITH_SPECIAL_NEEDS.value: _l("A child with special needs"),
    UnpaidLeaveReason.SPOUSE_OR_CHILD_SPECIAL_CARE.value: _l("A spouse or child needing "
                                                             "special care"),
    UnpaidLeaveReason.CARE_FOR_PARENT.value: _l("Care for a sick or frail parent"),
    UnpaidLeaveReason.OTHER_PERSONAL_URGENT.value: _l("Another urgent personal reason"),
    BigLeavePurpose.REST.value: _l("Rest"),
    BigLeavePurpose.FIRST_HAJJ.value: _l("First hajj"),
    BigLeavePurpose.FOURTH_CHILD_BIRTH.value: _l("Birth of a fourth or later child"),
    SickLeaveKind.ILLNESS.value: _l("Illness"),
    SickLeaveKind.MISCARRIAGE.value: _l("Miscarriage"),
    SickLeaveKind.WORK_ACCIDENT.value: _l("Work accident"),
}
# The grounds a type offers on the forms (annual leave's only before a year of service).
GROUNDS_OF: dict[LeaveType, tuple[Enum, ...]] = {
    LeaveType.ANNUAL: tuple(AdvanceAnnualReason),
    LeaveType.BIG: tuple(BigLeavePurpose),
    LeaveType.SICK: tuple(SickLeaveKind),
    LeaveType.IMPORTANT_REASON: tuple(ImportantReason),
    LeaveType.UNPAID: tuple(r for r in UnpaidLeaveReason
                            if r is not UnpaidLeaveReason.OTHER_PERSONAL_URGENT),
}
REQUESTED_TYPES = tuple(t for t in LeaveType if t is not LeaveType.COLLECTIVE)


def leave_type_label(value: str | None) -> str:
    return str(LEAVE_TYPES.get(value or "", value or "–"))


def leave_status_label(value: str | None) -> str:
    return str(LEAVE_STATUSES.get(value or "", value or "–"))


def ground_label(value: str | None) -> str:
    return str(GROUNDS.get(value or "", value or "–"))


def ground_choices() -> list[tuple[str, str]]:
    """Every ground once, grouped by type, for one select (the domain checks the pair)."""
    seen: dict[str, str] = {"": str(_l("– none –"))}
    for leave_type in REQUESTED_TYPES:
        for ground in GROUNDS_OF.get(leave_type, ()):
            seen.setdefault(str(ground.value),
                            f"{leave_type_label(leave_type.value)}: {ground_label(ground.value)}")
    return list(seen.items())


def recommendation_label(value: str | None) -> str:
    return str(RECOMMENDATIONS.get(value or "", value or "–"))


def template_helpers() -> dict[str, object]:
    """What the leave templates call, for the blueprints' context processors."""
    return {"leave_type_label": leave_type_label, "leave_status_label": leave_status_label,
            "recommendation_label": recommendation_label,
            "rejection_grounds": [(k, str(v)) for k, v in REJECTION_GROUNDS.items()]}
