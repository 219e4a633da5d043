"""Erasure of applicants', complainants' and commenters' personal data after the retention
period (a daily job of the worker).

Rounds are found in the recruitment view (those settled before the cut-off); which applicants
are due is the round's own rule (`RecruitmentRound.past_retention`), and each erasure goes
through the recruitment service: the key is destroyed, then `ApplicantDataErased` recorded.
An applicant already erased is not due again, so the job can run any number of times. The
keys are scrubbed from the disk once for the whole run, and then the read models are
rewritten and scrubbed (projections/erasure.py).
"""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from domain.values import Actor
from projections.erasure import settle_erasures
from projections.views.runner import Projections


def rounds_settled_by(projections: Projections, on: date) -> list[UUID]:
    """Rounds whose results were announced (or which closed) on or before `on`."""
    rounds = projections.views["recruitment"].table("rounds")
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT id FROM {rounds} "
                           "WHERE COALESCE(results_announced_on, closed_on) <= ? ORDER BY id",
                           (on.isoformat(),)).fetchall()
    return [UUID(hex=row["id"]) for row in rows]


def erase_past_retention(projections: Projections, today: date, retention_days: int,
                         actor: Actor) -> int:
    """Erase every applicant due on `today`; returns how many were erased."""
    recruitment = projections.service.recruitment
    erased: list[UUID] = []
    with projections.service.vault.keys.scrubbing_once():
        for round_id in rounds_settled_by(projections, today - timedelta(days=retention_days)):
            round_ = recruitment.get_round(round_id)
            for applicant in round_.past_retention(today, retention_days):
                recruitment.erase_applicant(round_id, applicant_id=applicant.id,
                                            effective_on=today, actor=actor)
                erased.append(applicant.subject_id)
    if erased:
        settle_erasures(projections)
    return len(erased)


def complaints_closed_by(projections: Projections, on: date) -> list[UUID]:
    """Complaints closed or rejected on or before `on`, whose complainant is not yet erased
    (their last step, the closing one, was recorded by then)."""
    view = projections.views["voice"]
    complaints, steps = view.table("complaints"), view.table("complaint_steps")
    with projections.store.read() as sql:
        rows = sql.execute(
            f"SELECT c.id FROM {complaints} c WHERE c.status IN ('closed', 'rejected') "
            f"AND NOT EXISTS (SELECT 1 FROM {steps} e WHERE e.complaint_id = c.id "
            "AND e.kind = 'dataerased') "
            f"AND (SELECT MAX(s.recorded_at) FROM {steps} s WHERE s.complaint_id = c.id) < ? "
            "ORDER BY c.id", ((on + timedelta(days=1)).isoformat(),)).fetchall()
    return [UUID(hex=row["id"]) for row in rows]


def erase_complainants_past_retention(projections: Projections, today: date,
                                      retention_days: int, actor: Actor) -> int:
    """Destroy the key of every complaint closed more than `retention_days` ago; returns how
    many. A complaint reopened since is open again and waits for its next closing."""
    voice = projections.service.voice
    erased = 0
    with projections.service.vault.keys.scrubbing_once():
        for complaint_id in complaints_closed_by(projections,
                                                 today - timedelta(days=retention_days)):
            voice.erase_complainant(complaint_id, actor=actor)
            erased += 1
    if erased:
        settle_erasures(projections)
    return erased


def consultations_answered_by(projections: Projections, on: date) -> list[UUID]:
    """Consultations whose minutes were recorded on or before `on`."""
    consultations = projections.views["consultation"].table("consultations")
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT id FROM {consultations} WHERE answered_on <= ? ORDER BY id",
                           (on.isoformat(),)).fetchall()
    return [UUID(hex=row["id"]) for row in rows]


def erase_commenters_past_retention(projections: Projections, today: date,
                                    retention_days: int, actor: Actor) -> int:
    """Destroy the keys of the comments of every consultation answered more than
    `retention_days` ago (a comment is public input like a complaint, so it follows the
    complaints' retention); returns how many comments. Published texts stay."""
    consultation = projections.service.consultation
    erased = 0
    with projections.service.vault.keys.scrubbing_once():
        for consultation_id in consultations_answered_by(
                projections, today - timedelta(days=retention_days)):
            erased += consultation.erase_commenters(consultation_id, actor=actor)
    if erased:
        settle_erasures(projections)
    return erased
