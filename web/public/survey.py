"""Citizens' voice, the satisfaction survey (SKM): the form of a unit's running period at
/layanan/<code>/survei, with a one-time code from the unit's printed QR code (`?kode=`) or in
the open mode without one.

The form defends itself as the complaint form does (web/public/voice_guard.py): CSRF, a body
limit, the honeypot, the signed minimum fill time, and per-address limits counted in the
database: open responses (`survey`) and wrong codes (`survey_code`, so codes cannot be
guessed). A response with a valid code is not limited: the code itself is the ticket.
Nothing but the nine scores and the optional coarse bands is collected.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from domain.errors import DomainError
from domain.ikm import ELEMENT_SET, ELEMENTS
from domain.survey import AgeBand, EducationBand, OccupationBand, Sex
from domain.survey_service import Demographics
from projections.views import survey as survey_queries
from projections.views import voice as queries
from web import catch_up_views, get_service
from web.public.survey_labels import survey_labels
from web.public.transparency import helpers
from web.public.voice_guard import Guard, field_errors, form_token

bp = Blueprint("survey", __name__)
bp.context_processor(helpers)
bp.context_processor(survey_labels)
MAX_FORM_BYTES = 8_000  # nine scores, four bands, a code and the tokens
BANDS: dict[str, Any] = {"sex": Sex, "age": AgeBand, "education": EducationBand,
                         "occupation": OccupationBand}
WRONG_CODE = ("SURVEY_CODE_SPENT", "SURVEY_CODE_UNKNOWN")


def limit_body() -> None:
    """A post larger than a survey can be is refused unread (413)."""
    if request.blueprint == "survey":
        request.max_content_length = MAX_FORM_BYTES


@bp.record_once
def _limit_on_the_app(state: Any) -> None:
    """On the app, registered before CSRFProtect's check (which reads the form first)."""
    state.app.before_request(limit_body)


def _running(code: str) -> tuple[dict[str, Any], survey_queries.PeriodRow | None]:
    projections = catch_up_views(current_app)
    unit = queries.service_unit_by_code(projections, code[:40].lower())
    if unit is None:
        abort(404)
    return unit, survey_queries.running_period(projections, unit["id"], date.today())


def _form(unit: dict[str, Any], period: survey_queries.PeriodRow | None,
          values: dict[str, str], errors: dict[str, str]) -> str:
    return render_template("voice/survey_form.html", unit=unit, period=period, values=values,
                           errors=errors, token=form_token(), bands=BANDS,
                           elements=ELEMENTS[period.element_set if period else ELEMENT_SET])


@bp.get("/layanan/<code>/survei")
def survey_form(code: str) -> ResponseReturnValue:
    """The nine questions of the unit's running period (or a note that none is running)."""
    unit, period = _running(code)
    values = {"kode": request.args.get("kode", "")[:40]}
    return _form(unit, period, values, {}), 200 if period else 404


@bp.post("/layanan/<code>/survei")
def answer(code: str) -> ResponseReturnValue:
    """Check the guard, then the answers; on success thank the respondent."""
    unit, period = _running(code)
    if period is None:
        return _form(unit, None, {}, {}), 404
    values = {k: request.form.get(k, "")[:40] for k in
              ("kode", *ELEMENTS[period.element_set], *BANDS)}
    survey_code = "".join(values["kode"].split()) or None
    guard = Guard.of_request("survey_code" if survey_code else "survey")
    refusal = guard.refusal()
    if refusal is not None:
        status, message = refusal
        return render_template("voice/refused.html", message=message), status
    errors, scores, demographics = _parse(values, ELEMENTS[period.element_set])
    if not errors:
        try:
            get_service(current_app).survey.respond(UUID(period.id), scores=scores,
                                                    code=survey_code,
                                                    demographics=demographics)
        except DomainError as error:
            if error.code in WRONG_CODE:
                guard.count()  # guessing codes is counted like an open response
            errors = field_errors(error)
        else:
            if survey_code is None:
                guard.count()
            return render_template("voice/survey_thanks.html", unit=unit,
                                   is_coded=survey_code is not None)
    return _form(unit, period, values, errors), 422


def _parse(values: dict[str, str], elements: tuple[str, ...]
           ) -> tuple[dict[str, str], list[int], Demographics]:
    """The scores and bands as the command takes them, or a message per field."""
    errors: dict[str, str] = {}
    scores: list[int] = []
    for element in elements:
        value = values[element]
        if value not in ("1", "2", "3", "4"):
            errors[element] = _("Choose one of the four answers.")
        else:
            scores.append(int(value))
    chosen: dict[str, Any] = {}
    for name, kind in BANDS.items():
        try:
            chosen[name] = kind(values[name]) if values[name] else None
        except ValueError:
            errors[name] = _("Choose a value from the list.")
    return errors, scores, Demographics(**chosen)
