"""Public consultation, public side: every published consultation per government
(/konsultasi), one consultation with its draft, its published comments, the comment form while
it is open, and after the answer the themes with their answers, the minutes and the changes
(/konsultasi/<id>).

The comment form is guarded like the complaint form (web/public/voice_guard.py): CSRF, a body
limit, a honeypot, a minimum fill time and a per-address limit counted in the database. No
commenter's name or contact ever reaches these pages: the view holds none (only the masked text
a moderator published), and nothing of a comment reaches a log.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from domain.errors import DomainError
from projections.views import consultation as queries
from projections.views import staff_survey as staff_survey_queries
from projections.views.indicators import government_code, indicators_of
from web import catch_up_views, get_service
from web.public.transparency import helpers
from web.public.voice_guard import Guard, form_token
from web.ui import language

bp = Blueprint("consultation", __name__)
bp.context_processor(helpers)
MAX_FORM_BYTES = 32_000  # the longest comment (4,000 characters of UTF-8) and its fields

LABELS: dict[str, LazyString] = {
    "service_standard": _l("Service standard"), "tpp_rules": _l("TPP rules"),
    "promotion_criteria": _l("Promotion criteria"), "other": _l("Other policy"),
    "draft": _l("Not yet open"), "open": _l("Open for comments"),
    "closed": _l("Closed, awaiting the answer"), "answered": _l("Answered"),
    "pending": _l("Awaiting moderation"), "published": _l("Published"),
    "withheld": _l("Withheld"),
    "off_topic": _l("Off topic"), "abusive": _l("Abusive"),
    "personal_data": _l("Contains personal data"), "duplicate": _l("Duplicate"),
}


def consultation_label(code: str | None) -> str:
    return "–" if code is None else str(LABELS.get(code, code))


@bp.context_processor
def _labels() -> dict[str, Any]:
    return {"consultation_label": consultation_label}


def limit_body() -> None:
    """A comment larger than one can be is refused unread (413)."""
    if request.blueprint == "consultation":
        request.max_content_length = MAX_FORM_BYTES


@bp.record_once
def _limit_on_the_app(state: Any) -> None:
    """On the app, registered before CSRFProtect's check (which reads the form first)."""
    state.app.before_request(limit_body)


@bp.get("/konsultasi")
def index() -> ResponseReturnValue:
    """Open and past consultations, grouped by government."""
    today = date.today()
    found = queries.consultations(catch_up_views(current_app), today)
    governments: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(found, key=lambda r: r["government_name"]):
        governments.setdefault(row["government_name"], []).append(row)
    return render_template("consultation/index.html", governments=governments, today=today)


def _published(consultation_id: str) -> dict[str, Any]:
    try:
        UUID(consultation_id)
    except ValueError:
        abort(404)
    found = queries.consultation(catch_up_views(current_app), consultation_id, date.today())
    if found is None or not found["is_published"]:
        abort(404)
    return found


@bp.get("/konsultasi/<consultation_id>")
def page(consultation_id: str, errors: dict[str, str] | None = None,
         values: dict[str, str] | None = None, sent: bool = False,
         status: int = 200) -> ResponseReturnValue:
    """The draft, its dates, the published comments (masked) and, once answered, the
    themes, the minutes and the changes; the comment form while it is open."""
    found = _published(consultation_id)
    projections = catch_up_views(current_app)
    surveys = staff_survey_queries.closed_of_consultation(projections, found["id"], date.today())
    return render_template("consultation/page.html", consultation=found, errors=errors or {},
                           values=values or {}, sent=sent, token=form_token(),
                           unthemed=[c for c in found["comments"] if not c["theme_id"]],
                           staff_surveys=surveys,
                           indicators=indicators_of(projections,
                                                    consultation_id=UUID(consultation_id).hex),
                           government_code=government_code(projections,
                                                           found["government_id"])), status


@bp.post("/konsultasi/<consultation_id>")
def comment(consultation_id: str) -> ResponseReturnValue:
    """Check the guard, then the fields; the comment waits for moderation."""
    _published(consultation_id)
    guard = Guard.of_request("comment")
    refusal = guard.refusal()
    if refusal is not None:
        status, message = refusal
        return render_template("consultation/refused.html", message=message,
                               consultation_id=consultation_id), status
    values = {k: request.form.get(k, "")[:5000] for k in ("text", "name", "contact",
                                                          "is_employee")}
    try:
        get_service(current_app).consultation.comment(
            UUID(consultation_id), text=values["text"], name=values["name"] or None,
            contact=values["contact"] or None, is_employee=values["is_employee"] == "1")
    except DomainError as error:
        errors = {p.field or "text": p.message(language()) for p in reversed(error.problems)}
        return page(consultation_id, errors=errors, values=values, status=422)
    guard.count()
    return page(consultation_id, sent=True)
