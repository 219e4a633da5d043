"""The rules a recruitment round is run by: the stages' order, the bounds of each score, who
passes, who is ranked and in what order (the regulation's tie-breaks), the SKB places and the
age limits of a formation.

Functions of the round's rule of its year (domain/regulations.py) and of the applicants'
recorded results; RecruitmentRound (domain/recruitment.py) stores what they compute in its
events.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from fractions import Fraction
from typing import Any
from uuid import UUID

from domain.errors import DomainError
from domain.recruitment_values import Applicant, Formation
from domain.regulations import RETIREMENT_AGE, RecruitmentRule


def final_score(rule: RecruitmentRule, is_cpns: bool, applicant: Applicant) -> Fraction:
    """Nilai akhir on 0–100: 40% SKD (normalised) + 60% SKB for CPNS; the normalised sum
    of the competency tests and interview for PPPK."""
    if is_cpns:
        assert applicant.skd is not None and applicant.skb is not None
        skd = Fraction(sum(applicant.skd) * 100, sum(rule.skd_maxima))
        skb = Fraction(sum(s * w for s, w in zip(applicant.skb, rule.skb_parts, strict=True)),
                       100)
        return (skd * rule.skd_weight + skb * rule.skb_weight) / 100
    assert applicant.competency is not None
    return Fraction(sum(applicant.competency) * 100, sum(rule.pppk_maxima))


def age_limits(rule: RecruitmentRule, is_cpns: bool, formation: Formation) -> tuple[int, int]:
    """The youngest and oldest age at the close of registration."""
    if is_cpns:
        return rule.cpns_age
    return rule.pppk_min_age, RETIREMENT_AGE[formation.position_type] - 1


def is_ranked(is_cpns: bool, applicant: Applicant) -> bool:
    """CPNS: an SKB participant with SKB scores; PPPK: passed the competency tests."""
    if is_cpns:
        return applicant.skb_participant and applicant.skb is not None
    return applicant.competency_passed


def ranking_key(rule: RecruitmentRule, is_cpns: bool, applicant: Applicant,
                birth_dates: Mapping[UUID, date]) -> tuple[Any, ...]:
    """Sort key, best first: final score, then the tie-breaks in the regulation's order —
    SKD total, TKP, TIU, TWK (PPPK: technical, managerial + socio-cultural, interview),
    then GPA, then the older applicant; the exam number keeps the order total."""
    if is_cpns:
        twk, tiu, tkp = applicant.skd or (0, 0, 0)
        parts: tuple[int, ...] = (twk + tiu + tkp, tkp, tiu, twk)
    else:
        technical, managerial, sociocultural, interview = applicant.competency or (0,) * 4
        parts = (technical, managerial + sociocultural, interview)
    return (-final_score(rule, is_cpns, applicant), *(-p for p in parts),
            -applicant.grade_average, birth_dates.get(applicant.id, date.max),
            applicant.exam_number)


def skd_order(applicant: Applicant) -> tuple[int, int, int, int]:
    """SKD result as compared for the SKB places: total, then TKP, TIU, TWK."""
    twk, tiu, tkp = applicant.skd or (0, 0, 0)
    return (twk + tiu + tkp, tkp, tiu, twk)


def skb_places(applicants: Iterable[Applicant], places: int) -> list[Applicant]:
    """Of a formation, the best SKD results among those who passed: `places` of them plus
    everyone tied with the last (equal totals ordered by TKP, TIU, TWK)."""
    passed = sorted((a for a in applicants if a.skd_passed), key=skd_order, reverse=True)
    if len(passed) > places:
        cutoff = skd_order(passed[places - 1])
        passed = [a for a in passed if skd_order(a) >= cutoff]
    return passed


def check_skd(rule: RecruitmentRule, twk: int, tiu: int, tkp: int) -> None:
    """Each SKD part within its maximum and on its step (TWK, TIU: points per answer)."""
    for name, value, maximum, step in (("twk", twk, rule.skd_maxima[0], rule.skd_step[0]),
                                       ("tiu", tiu, rule.skd_maxima[1], rule.skd_step[1]),
                                       ("tkp", tkp, rule.skd_maxima[2], 1)):
        if not 0 <= value <= maximum or value % step:
            raise DomainError("SCORE_INVALID", field=name, maximum=maximum, step=step)


def check_skb(cat: int, interview: int, extra: int) -> None:
    """Each SKB part scored 0-100."""
    for name, value in (("cat", cat), ("interview", interview), ("extra", extra)):
        if not 0 <= value <= 100:
            raise DomainError("SCORE_INVALID", field=name, maximum=100, step=1)


def check_competency(rule: RecruitmentRule, formation: Formation, technical: int,
                     managerial: int, sociocultural: int, interview: int) -> bool:
    """PPPK scores within their maxima; whether they pass the formation's technical bar and
    the managerial + socio-cultural bar."""
    for name, value, maximum in zip(("technical", "managerial", "sociocultural", "interview"),
                                    (technical, managerial, sociocultural, interview),
                                    rule.pppk_maxima, strict=True):
        if not 0 <= value <= maximum:
            raise DomainError("SCORE_INVALID", field=name, maximum=maximum, step=1)
    return (technical >= (formation.technical_passing_grade or 0)
            and managerial + sociocultural >= rule.pppk_managerial_sociocultural)


def check_objections_settled(screening_announced_on: date | None, rule: RecruitmentRule,
                             applicants: Iterable[Applicant], effective_on: date) -> None:
    """Tests wait for the objections; one left unanswered past the re-announcement deadline
    stands refused (its applicant stays TMS), so it cannot block the round."""
    if screening_announced_on is None:
        raise DomainError("SCREENING_NOT_ANNOUNCED", field="effective_on")
    deadline = screening_announced_on + timedelta(days=rule.reannounce_days)
    if effective_on <= deadline and any(a.objection == "filed" for a in applicants):
        raise DomainError("OBJECTION_PENDING", field="effective_on")
