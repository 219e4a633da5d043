"""The staff's consultation workspace (/hr/konsultasi): the government's HR administrator
drafts and publishes a consultation, moderates its comments, answers them by theme, closes it
and records the minutes and the changes; HR officers and auditors of the government read.

Only the administrator (the moderator) reads what a commenter wrote before moderation, and
their name and contact, opened from the vault on the consultation's page. Every form carries
the consultation's version, so two moderators acting at once cannot both succeed.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from domain.audit import AccessKind
from domain.consultation import Consultation, ConsultationSubject, WithholdReason
from domain.errors import DomainError
from domain.values import Role
from projections.views import consultation as queries
from web import catch_up_views, get_service
from web.access import READERS, roles_required, scope
from web.audit.access_log import record_lookup
from web.public.consultation import consultation_label
from web.ui import language

bp = Blueprint("consultations", __name__, url_prefix="/hr")
STEPS = ("publish", "close", "moderate", "theme", "conclude")


@bp.context_processor
def _labels() -> dict[str, Any]:
    return {"consultation_label": consultation_label}


def _errors(error: DomainError, default: str) -> dict[str, str]:
    """Every refusal of the command at its field, in the reader's language."""
    return {p.field or default: p.message(language()) for p in reversed(error.problems)}


@bp.get("/konsultasi")
@roles_required(*READERS)
def index(errors: dict[str, str] | None = None, status: int = 200) -> ResponseReturnValue:
    """The consultations of the user's government, drafts included; the administrator's form
    to draft one."""
    where = scope()
    rows = queries.consultations(catch_up_views(current_app), date.today(),
                                 where.government_id, published_only=False)
    return render_template("consultation/hr_index.html", rows=rows, errors=errors or {},
                           values=request.form, subjects=list(ConsultationSubject),
                           may_admin=current_user.role is Role.HR_ADMIN,
                           today=date.today()), status


@bp.post("/konsultasi")
@roles_required(Role.HR_ADMIN)
def draft() -> ResponseReturnValue:
    """Draft a consultation of the administrator's government."""
    form, government_id = request.form, scope().government_id
    if government_id is None:
        abort(403)
    errors: dict[str, str] = {}
    parsed: dict[str, Any] = {}
    for name in ("opens_on", "closes_on"):
        try:
            parsed[name] = date.fromisoformat(form.get(name, ""))
        except ValueError:
            errors[name] = _("Enter the date (day, month, year).")
    try:
        parsed["subject"] = ConsultationSubject(form.get("subject", ""))
    except ValueError:
        errors["subject"] = _("Choose a value from the list.")
    if errors:
        return index(errors, 422)
    try:
        consultation_id = get_service(current_app).consultation.draft_consultation(
            government_id=UUID(government_id), agency_id=None, unit_id=None,
            title=form.get("title", "")[:400], summary=form.get("summary", "")[:4000],
            draft_text=form.get("draft_text", "")[:60_000], actor=current_user.actor,
            **parsed)
    except DomainError as error:
        return index(_errors(error, "title"), 422)
    flash(_("Recorded."))
    return redirect(url_for("consultations.detail", consultation_id=consultation_id.hex))


def _loaded(consultation_id: str) -> Consultation:
    try:
        found = get_service(current_app).consultation.get(UUID(consultation_id))
    except (ValueError, DomainError):
        abort(404)
    # A consultation is the government's: every reader of that government reads it.
    if scope().government_id not in (None, found.government_id.hex):
        abort(404)
    return found


@bp.get("/konsultasi/<consultation_id>")
@roles_required(*READERS)
def detail(consultation_id: str, errors: dict[str, str] | None = None,
           status: int = 200) -> ResponseReturnValue:
    """The consultation, every comment's moderation and, for the administrator, what each
    commenter wrote with their name and contact; the forms of the next steps."""
    consultation = _loaded(consultation_id)
    row = queries.consultation(catch_up_views(current_app), consultation.id.hex, date.today(),
                               with_comments="all")
    if row is None:
        abort(404)
    may_admin = current_user.role is Role.HR_ADMIN
    sealed: dict[str, dict[str, str | None]] = {}
    if may_admin:
        service = get_service(current_app).consultation
        sealed = {c.hex: service.comment_text(consultation, c) for c in consultation.comments}
        opened = [c.id for c in consultation.comments.values() if not c.is_erased]
        if opened:  # what commenters wrote, with their names and contacts, was read
            record_lookup(AccessKind.COMMENTS_OPENED, opened)
    return render_template("consultation/hr_detail.html", row=row, sealed=sealed,
                           version=consultation.version, reasons=list(WithholdReason),
                           may_admin=may_admin, errors=errors or {}), status


@bp.post("/konsultasi/<consultation_id>/<step>")
@roles_required(Role.HR_ADMIN)
def step(consultation_id: str, step: str) -> ResponseReturnValue:
    """Record one step; refusals come back at their fields, a stale version as a conflict."""
    if step not in STEPS:
        abort(404)
    consultation = _loaded(consultation_id)
    form, actor = request.form, current_user.actor
    consult = get_service(current_app).consultation
    try:
        version, key = int(form.get("version", "")), consultation.id
        if step == "publish":
            consult.publish_consultation(key, actor=actor, version=version)
        elif step == "close":
            consult.close_consultation(key, actor=actor, version=version)
        elif step == "moderate":
            publish = form.get("decision") == "publish"
            consult.moderate_comment(
                key, comment_id=UUID(form.get("comment_id", "")),
                publish_text=form.get("text", "")[:5000] if publish else None,
                reason=None if publish or not form.get("reason")
                else WithholdReason(form.get("reason", "")), actor=actor, version=version)
        elif step == "theme":
            consult.answer_theme(key, title=form.get("title", "")[:400],
                                 comment_ids=[UUID(c) for c in form.getlist("comment_ids")],
                                 answer=form.get("answer", "")[:10_000], actor=actor,
                                 version=version)
        else:
            consult.conclude_consultation(
                key, minutes=form.get("minutes", "")[:10_000],
                changes=form.get("changes", "")[:60_000].splitlines(), actor=actor,
                version=version)
    except ValueError:
        return detail(consultation_id, {"step": _("Choose a value from the list.")}, 422)
    except DomainError as error:
        status = 409 if error.code == "CONCURRENT_CHANGE" else 422
        return detail(consultation_id, _errors(error, "step"), status)
    flash(_("Recorded."))
    return redirect(url_for("consultations.detail", consultation_id=consultation_id))
