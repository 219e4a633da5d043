"""Citizens' voice, public side: service units and their standards (/layanan), the complaint
form (/pengaduan) and following a complaint with its ticket and code (/pengaduan/lacak).

The form is open to anyone, so it defends itself without a third-party captcha: CSRF, size
limits (web/public/voice_guard.py), a hidden field people never fill, a minimum fill time
carried in a signed token, and a per-address limit counted in the database (a keyed hash of
the address is stored, never the address, and nothing of the complaint reaches a log).
What a tracker sees is the category, status, timeline and the unit's answer, masked
(domain/masking.py); never who complained or what they wrote.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from domain.errors import DomainError
from domain.masking import mask
from domain.voice_values import ComplaintCategory
from projections.views import survey as survey_queries
from projections.views import voice as queries
from projections.views.voice_figures import government_by_code
from web import catch_up_views, get_service
from web.public import charts, voice_figures
from web.public.consultation import consultation_label
from web.public.survey_labels import survey_labels
from web.public.transparency import HIDDEN, helpers
from web.public.voice_guard import Guard, field_errors, form_token
from web.public.voice_labels import complaint_labels
from web.settings import get_settings
from web.ui import language

bp = Blueprint("voice", __name__)
bp.context_processor(helpers)
bp.context_processor(complaint_labels)
bp.context_processor(survey_labels)
bp.context_processor(lambda: {"consultation_label": consultation_label,
                              "percent": voice_figures.percent})
MAX_FORM_BYTES = 32_000  # the longest complaint (4,000 characters of UTF-8) and its fields


def limit_body() -> None:
    """A public post larger than a complaint can be is refused unread (413)."""
    if request.blueprint == "voice":
        request.max_content_length = MAX_FORM_BYTES  # also bounds a body without a length


@bp.record_once
def _limit_on_the_app(state: Any) -> None:
    """On the app, registered before CSRFProtect's check (which reads the form first)."""
    state.app.before_request(limit_body)


@bp.get("/layanan")
def units() -> ResponseReturnValue:
    """Every service unit, grouped by government, with the number of services it publishes."""
    found = queries.service_units(catch_up_views(current_app))
    found.sort(key=lambda u: (u["government_name"], u["name"]))
    return render_template("voice/units.html", units=found)


@bp.get("/layanan/<code>")
def unit(code: str) -> ResponseReturnValue:
    """One unit's service standards, its complaint figures (counts only) per quarter and per
    category, and its survey results per period."""
    projections = catch_up_views(current_app)
    found = queries.service_unit_by_code(projections, code[:40].lower())
    if found is None:
        abort(404)
    today = date.today()
    figures = queries.unit_figures(projections, found["id"], today)
    periods = survey_queries.periods_of_unit(projections, found["id"])
    running = any(p.is_running(today) for p in periods)
    quarters, categories = voice_figures.unit_complaints(projections, get_service(current_app),
                                                         found["id"], today)
    return render_template(
        "voice/unit.html", unit=found, figures=figures, periods=periods, running=running,
        quarters=quarters, categories=categories,
        consultations=voice_figures.unit_consultations(projections, found, today),
        today=today)


@bp.get("/layanan/pemerintah/<code>")
def government(code: str) -> ResponseReturnValue:
    """A government's public services rolled up: complaint figures per unit and quarter, each
    unit's latest satisfaction index, its consultations; charts with the tables they draw."""
    projections = catch_up_views(current_app)
    found = government_by_code(projections, code[:40].lower())
    if found is None:
        abort(404)
    units = queries.service_units(projections, found["id"])
    today = date.today()
    rolled = voice_figures.government_figures(projections, get_service(current_app),
                                              found["id"], units, today)
    trend = charts.columns([(q.label, q.figures.received) for q in reversed(rolled["quarters"])],
                           HIDDEN)
    ikm_bars = charts.bars([(r["unit"]["name"], float(r["latest"][1].index_shown))
                            for r in rolled["rows"] if r["latest"]], HIDDEN)
    return render_template("voice/government.html", government=found, units=units,
                           today=today, trend=trend, ikm_bars=ikm_bars, **rolled)


def _choices() -> dict[str, Any]:
    projections = catch_up_views(current_app)
    return {"units": queries.service_units(projections),
            "services": queries.services_of(projections),
            "categories": list(ComplaintCategory), "today": date.today(),
            "retention_days": get_settings(current_app).jobs.complaint_retention_days}


@bp.get("/pengaduan")
def complaint_form() -> ResponseReturnValue:
    """The complaint form, with the token that times how long it took to fill."""
    return render_template("voice/complaint_form.html", values={}, errors={},
                           token=form_token(), **_choices())


@bp.post("/pengaduan")
def submit_complaint() -> ResponseReturnValue:
    """Check the guard, then the fields; on success show the ticket and code once."""
    guard = Guard.of_request("complaint")
    refusal = guard.refusal()
    if refusal is not None:
        status, message = refusal
        return render_template("voice/refused.html", message=message), status
    values = {k: request.form.get(k, "")[:5000] for k in
              ("unit_id", "service_id", "category", "happened_on", "description", "contact",
               "is_anonymous")}
    errors, parsed = _parse(values)
    if not errors:
        try:
            receipt = get_service(current_app).voice.submit_complaint(**parsed)
        except DomainError as error:
            errors = field_errors(error)
        else:
            guard.count()
            return render_template("voice/receipt.html", receipt=receipt)
    return render_template("voice/complaint_form.html", values=values, errors=errors,
                           token=form_token(), **_choices()), 422


def _parse(values: dict[str, str]) -> tuple[dict[str, str], dict[str, Any]]:
    """The form's fields as the command takes them, or a message per field in the reader's
    language."""
    errors: dict[str, str] = {}
    parsed: dict[str, Any] = {"is_anonymous": values["is_anonymous"] == "1"}
    try:
        parsed["unit_id"] = UUID(values["unit_id"])
    except ValueError:
        errors["unit_id"] = _("Choose the service unit.")
    parsed["service_id"] = None
    if values["service_id"]:
        try:
            parsed["service_id"] = UUID(values["service_id"])
        except ValueError:
            errors["service_id"] = _("Choose a service from the list.")
    try:
        parsed["category"] = ComplaintCategory(values["category"])
    except ValueError:
        errors["category"] = _("Choose what the complaint is about.")
    try:
        parsed["happened_on"] = date.fromisoformat(values["happened_on"])
    except ValueError:
        errors["happened_on"] = _("Enter the date it happened (day, month, year).")
    parsed["description"] = values["description"]
    parsed["contact"] = values["contact"] or None
    return errors, parsed


@bp.get("/pengaduan/lacak")
def track_form() -> ResponseReturnValue:
    """Where a complainant types the ticket and the tracking code."""
    return render_template("voice/track.html", complaint=None, errors={}, values={},
                           token=form_token())


@bp.post("/pengaduan/lacak")
def track() -> ResponseReturnValue:
    """Status, timeline and answer of the complaint whose ticket and code match; with
    `reopen`, the complainant reopens an answered or closed complaint."""
    guard = Guard.of_request("track")
    refusal = guard.refusal(min_fill=False)
    if refusal is not None:
        status, message = refusal
        return render_template("voice/refused.html", message=message), status
    values = {k: request.form.get(k, "")[:4000] for k in ("ticket", "code", "reason")}
    service = get_service(current_app)
    errors: dict[str, str] = {}
    reopened = False
    try:
        found = service.voice.track(values["ticket"][:40], values["code"][:40])
        if request.form.get("reopen") == "1":
            service.voice.reopen_complaint(ticket=values["ticket"][:40],
                                           code=values["code"][:40], reason=values["reason"])
            reopened = True
    except DomainError as error:
        if error.code == "COMPLAINT_NOT_FOUND":
            guard.count()  # guessing codes is counted like submitting
            return render_template("voice/track.html", complaint=None, values=values,
                                   errors={"code": error.message(language())},
                                   token=form_token()), 404
        errors = field_errors(error)
        found = service.voice.track(values["ticket"][:40], values["code"][:40])
    projections = catch_up_views(current_app)
    row = queries.complaint_by_id(projections, found.id.hex)
    steps = queries.complaint_steps(projections, found.id.hex)
    public = _public(row) if row else None
    return render_template("voice/track.html", complaint=public, steps=steps, errors=errors,
                           values={"ticket": values["ticket"], "code": values["code"]},
                           reopened=reopened, token=form_token(),
                           today=date.today()), 422 if errors else 200


def _public(row: queries.ComplaintRow) -> dict[str, Any]:
    """What a tracker may read of a complaint: never its text or who sent it."""
    return {"ticket": row.ticket, "unit_name": row.unit_name, "category": row.category,
            "status": row.status, "received_on": row.received_on, "due_on": row.due_on,
            "reason": row.reason, "note": mask(row.note or ""),
            "answer": mask(row.answer or ""), "answered_on": row.answered_on,
            "resolution": row.resolution, "is_overdue": row.is_overdue(date.today()),
            "can_reopen": row.status in ("answered", "closed")}
