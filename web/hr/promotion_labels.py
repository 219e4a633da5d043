"""How promotion periods read to a person: the standing of a line on the list, the status of a
proposal, and the condition a rule code names (the staff's pages and downloads, the employee's
desk)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from domain.errors import PromotionMonths, display
from domain.promotion_period import Standing
from domain.promotion_round import EntryStatus, PromotionPeriod
from domain.regulations import PROMOTION_MONTHS, in_force
from web.ui import language

STANDING_LABELS = {Standing.ELIGIBLE: _l("Eligible"), Standing.TO_VERIFY: _l("To verify"),
                   Standing.NOT_ELIGIBLE: _l("Not eligible")}
STATUS_LABELS = {EntryStatus.PROPOSED: _l("Proposed"), EntryStatus.ACCEPTED: _l("Accepted"),
                 EntryStatus.RETURNED: _l("Returned"), EntryStatus.REJECTED: _l("Rejected"),
                 EntryStatus.WITHDRAWN: _l("Withdrawn"),
                 EntryStatus.RECORDED: _l("Recorded"),
                 EntryStatus.RECORDING_REFUSED: _l("Recording refused")}
RULE_LABELS = {"PROMOTION_TIME_IN_GRADE": _l("Time in grade"),
               "PROMOTION_RATING": _l("Performance ratings"),
               "PROMOTION_CREDIT_POINTS": _l("Credit points"),
               "PROMOTION_UNDER_PENALTY": _l("Disciplinary penalty in force"),
               "PROMOTION_EDUCATION_CAP": _l("Education cap"),
               "PROMOTION_OUT_OF_POSITION_RANGE": _l("Grade range of the position"),
               "PROMOTION_FUNCTIONAL_POSITION": _l("Functional post required"),
               "PROMOTION_HIGHEST_GRADE": _l("Highest grade reached"),
               "ACTION_AFTER_TODAY": _l("TMT after the coming promotion date")}


def rule_label(code: str) -> str:
    """A rule code as the person reads it: the condition it names."""
    label = RULE_LABELS.get(code)
    return str(label) if label is not None else _("another rule of the day")


def status_label(status: str) -> str:
    return str(STATUS_LABELS[EntryStatus(status)])


def calendar_label(period: PromotionPeriod) -> str:
    """The calendar of the period in the reader's language: the regulation it stores (its
    name; the stored text goes on in English) and the dates it sets, "Peraturan BKN 4/2025:
    tanggal 1 setiap bulan"."""
    instrument = period.calendar_basis.split(":")[0]
    in_force_months: frozenset[int] = in_force(PROMOTION_MONTHS, period.tmt_on)
    months = PromotionMonths(in_force_months)
    return f"{instrument}: {display(months, language())}"
