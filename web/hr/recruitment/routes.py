"""Recruitment pages (`/hr/recruitment`): CPNS/PPPK rounds and JPT open selections.

HR administrators run the rounds and selections of their government; HR officers of that
government and auditors read them. Lists and funnels come from the recruitment view; a step's
form reads the round or selection itself (its rules need the current state) and records through
`service.recruitment` as the logged-in user, with the same review, field messages and
concurrency check as the employee actions (web/hr/routes.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, current_app, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_login import current_user

from domain.errors import DomainError
from domain.values import Role
from projections.views.recruitment import formation_funnels, ranking, rounds, selections
from web import catch_up_views, get_service
from web.access import READERS, roles_required
from web.accounts.store import actor_names
from web.hr.labels import choice_label, objection_label
from web.hr.recruitment.desk import Desk, Step, candidate_names
from web.hr.recruitment.round_steps import OPEN_ROUND, ROUND_STEPS
from web.hr.recruitment.selection_steps import AUTHORISE_SELECTION, SELECTION_STEPS
from web.hr.runner import Change, FormPage, run_form

bp = Blueprint("recruit", __name__, url_prefix="/hr/recruitment")

# Rounds and selections belong to a government: its HR administrator records them.
DESK_WRITERS = (Role.HR_ADMIN,)

KINDS = {
    "Opened": _l("Round opened"),
    "FormationAllocated": _l("Formation allocated"),
    "Announced": _l("Announced"),
    "ApplicantRegistered": _l("Applicant registered"),
    "ScreeningDecided": _l("Screening decided"),
    "ScreeningAnnounced": _l("Screening announced"),
    "ObjectionFiled": _l("Objection filed"),
    "ObjectionResolved": _l("Objection answered"),
    "SkdScored": _l("SKD score"),
    "SkbParticipantsChosen": _l("SKB participants chosen"),
    "SkbScored": _l("SKB score"),
    "CompetencyScored": _l("Competency score"),
    "FinalScoresIntegrated": _l("Final scores integrated"),
    "ResultsAnnounced": _l("Results announced"),
    "ApplicantWithdrew": _l("Applicant withdrew"),
    "WinnerAppointed": _l("Winner appointed"),
    "ApplicantDataErased": _l("Applicant data erased"),
    "Closed": _l("Closed"),
    "Authorised": _l("Selection authorised"),
    "CommitteeFormed": _l("Committee formed"),
    "VacancyAnnounced": _l("Vacancy announced"),
    "ClosingExtended": _l("Applications extended"),
    "CandidateApplied": _l("Candidate applied"),
    "StageResultRecorded": _l("Stage result"),
    "ShortlistSubmitted": _l("Shortlist submitted"),
    "AppointeeChosen": _l("Appointee chosen"),
    "Inaugurated": lazy_pgettext("recruitment event", "Inaugurated"),
    "Cancelled": _l("Cancelled"),
    "Established": _l("Established"),
    "UnitAdded": _l("Unit added"),
    "Filled": _l("Position filled"),
    "Vacated": _l("Position vacated"),
}


def desk_kind(kind: str) -> str:
    """The name of a recorded recruitment or organisation event."""
    return str(KINDS.get(kind, kind))


@bp.context_processor
def helpers() -> dict[str, Any]:
    return {"choice_label": choice_label, "desk_kind": desk_kind,
            "objection_label": objection_label,
            "can_run": current_user.is_authenticated and current_user.role in DESK_WRITERS}


def _government_scope() -> str | None:
    """The government whose rounds the user reads (None: every government, for auditors)."""
    account = current_user.account
    return None if account.role is Role.AUDITOR else str(account.government_id)


def _check_government(government_id: str) -> None:
    scoped = _government_scope()
    if scoped is not None and scoped != government_id:
        abort(404)


@bp.get("/")
@roles_required(*READERS)
def index() -> ResponseReturnValue:
    projections = catch_up_views(current_app)
    government = _government_scope()
    return render_template("hr/recruitment/index.html", rounds=rounds(projections, government),
                           selections=selections(projections, government))


def _desk(kind: str, aggregate_id: str) -> Desk:
    """The round or selection (404 if unknown or outside the user's government)."""
    try:
        uuid = UUID(hex=aggregate_id)
    except ValueError:
        abort(404)
    service = get_service(current_app)
    try:
        aggregate = (service.recruitment.get_round(uuid) if kind == "round"
                     else service.recruitment.get_selection(uuid))
    except DomainError:
        abort(404)
    government_id = aggregate.government_id.hex
    _check_government(government_id)
    return Desk(kind, aggregate, government_id, catch_up_views(current_app), service,
                date.today())


@bp.get("/rounds/<round_id>")
@roles_required(*READERS)
def round_page(round_id: str) -> ResponseReturnValue:
    desk = _desk("round", round_id)
    funnels = formation_funnels(desk.projections, round_id=desk.aggregate.id.hex)
    steps = [s for s in ROUND_STEPS.values() if s.available(desk)]
    return render_template("hr/recruitment/round.html", round=desk.aggregate, funnels=funnels,
                           steps=steps, history=_history(desk))


@bp.get("/rounds/<round_id>/formations/<formation_id>")
@roles_required(*READERS)
def formation_page(round_id: str, formation_id: str) -> ResponseReturnValue:
    desk = _desk("round", round_id)
    try:
        formation = desk.aggregate.formations[UUID(hex=formation_id)]
    except (ValueError, KeyError):
        abort(404)
    applicants = sorted((a for a in desk.aggregate.applicants.values()
                         if a.formation_id == formation.id), key=lambda a: a.exam_number)
    return render_template("hr/recruitment/formation.html", round=desk.aggregate,
                           formation=formation, applicants=applicants,
                           ranked=ranking(desk.projections, formation.id.hex))


@bp.get("/selections/<selection_id>")
@roles_required(*READERS)
def selection_page(selection_id: str) -> ResponseReturnValue:
    desk = _desk("selection", selection_id)
    steps = [s for s in SELECTION_STEPS.values() if s.available(desk)]
    names = dict(candidate_names(desk))
    shortlist = {s.candidate_id: s for s in desk.aggregate.shortlist}
    candidates = [{"id": cid, "name": names.get(cid.hex, cid.hex[:8]),
                   "results": desk.aggregate.results.get(cid, {}),
                   "shortlisted": shortlist.get(cid)}
                  for cid in desk.aggregate.candidates]
    return render_template("hr/recruitment/selection.html", selection=desk.aggregate,
                           candidates=candidates, steps=steps, history=_history(desk))


@bp.route("/rounds/new", methods=["GET", "POST"])
@roles_required(*DESK_WRITERS)
def new_round() -> ResponseReturnValue:
    return run_step(OPEN_ROUND, _new_desk("round"))


@bp.route("/selections/new", methods=["GET", "POST"])
@roles_required(*DESK_WRITERS)
def new_selection() -> ResponseReturnValue:
    return run_step(AUTHORISE_SELECTION, _new_desk("selection"))


@bp.route("/rounds/<round_id>/<slug>", methods=["GET", "POST"])
@roles_required(*DESK_WRITERS)
def round_step(round_id: str, slug: str) -> ResponseReturnValue:
    chosen = ROUND_STEPS.get(slug)
    if chosen is None:
        abort(404)
    return run_step(chosen, _desk("round", round_id))


@bp.route("/selections/<selection_id>/<slug>", methods=["GET", "POST"])
@roles_required(*DESK_WRITERS)
def selection_step(selection_id: str, slug: str) -> ResponseReturnValue:
    chosen = SELECTION_STEPS.get(slug)
    if chosen is None:
        abort(404)
    return run_step(chosen, _desk("selection", selection_id))


def _new_desk(kind: str) -> Desk:
    return Desk(kind, None, str(current_user.account.government_id),
                catch_up_views(current_app), get_service(current_app), date.today())


def _page_url(desk: Desk) -> str:
    if desk.aggregate is None:
        return url_for("recruit.index")
    endpoint = "recruit.round_page" if desk.kind == "round" else "recruit.selection_page"
    key = "round_id" if desk.kind == "round" else "selection_id"
    return url_for(endpoint, **{key: desk.aggregate.id.hex})


def run_step(chosen: Step, desk: Desk, back: str | None = None,
             back_label: str | None = None) -> ResponseReturnValue:
    """A step on a round, a selection or an agency, through the one form runner.

    `back` is the page the step belongs to (the round or selection page by default); the
    officer returns there once the step is recorded."""
    if not chosen.available(desk):
        abort(404)
    back = back or _page_url(desk)
    version = desk.aggregate.version if desk.aggregate is not None else 0

    def changes_since(after: int) -> list[Change]:
        return [Change(desk_kind(h["kind"]), h["effective_on"],
                       h["recorded_at"], h["actor"]) for h in _history(desk, after=after)]

    return run_form(FormPage(chosen, desk, version, "hr/recruitment/_step_head.html", back,
                             lambda: redirect(back), changes_since, back_label,
                             context={"desk": desk}))


def _history(desk: Desk, after: int = 0, limit: int = 15) -> list[dict[str, Any]]:
    """The latest recorded steps (or those after a version), newest first, with usernames."""
    since = after or max(0, desk.aggregate.version - limit)
    shown = list(desk.service.events.get(desk.aggregate.id, gt=since))
    users = [getattr(e, "actor").user_id for e in shown]  # noqa: B009 (events are untyped)
    names = actor_names(users)
    return [{"version": e.originator_version, "kind": type(e).__name__,
             "effective_on": getattr(e, "effective_on"),  # noqa: B009
             "recorded_at": e.timestamp, "actor": names.get(user, user)}
            for e, user in reversed(list(zip(shown, users, strict=True)))]
