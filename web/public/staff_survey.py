"""Anonymous employee surveys, the public side: /survei-pegawai/<id> is the answer form while
the survey runs (the code typed, or read from a printed QR code as `?kode=`) and its results
once it is over.

The page is public on purpose and never reads the login: an employee's answer must not be
known to come from their account, so the route takes nothing from the session, hands the
answer to the survey's ballot box (recorded later in a shuffled batch, under the public actor:
domain/staff_survey.py), and counts nothing of a valid post (only a wrong code is
counted against the address, under a keyed hash, as on the SKM form: codes cannot be guessed).
The form defends itself as the other public forms do (web/public/voice_guard.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from domain.errors import DomainError
from domain.staff_survey import BALLOT_BATCH, FREE_TEXT_MAX, LIKERT
from projections.views import staff_survey as queries
from projections.views.hr_queries import Scope, agencies
from web import catch_up_views, get_service
from web.public.transparency import helpers
from web.public.voice_guard import Guard, field_errors, form_token

bp = Blueprint("staff_survey", __name__)
bp.context_processor(helpers)
MAX_FORM_BYTES = 16_000  # twenty scores, the free text, a code and the tokens
WRONG_CODE = ("STAFF_SURVEY_CODE_SPENT", "STAFF_SURVEY_CODE_UNKNOWN")


def limit_body() -> None:
    """A post larger than an answer can be is refused unread (413)."""
    if request.blueprint == "staff_survey":
        request.max_content_length = MAX_FORM_BYTES


@bp.record_once
def _limit_on_the_app(state: Any) -> None:
    """On the app, registered before CSRFProtect's check (which reads the form first)."""
    state.app.before_request(limit_body)


def _row(survey_id: str) -> queries.SurveyRow:
    try:
        key = UUID(survey_id).hex
    except ValueError:
        abort(404)
    row = queries.survey_by_id(catch_up_views(current_app), key)
    if row is None:
        abort(404)
    return row


def _page(row: queries.SurveyRow, values: dict[str, str], errors: dict[str, str]) -> str:
    today = date.today()
    names = {a["id"]: a["name"] for a in agencies(catch_up_views(current_app),
                                                  Scope(government_id=row.government_id))}
    waiting = get_service(current_app).staff_survey.waiting(UUID(row.id))
    return render_template("staff_survey/public.html", row=row, values=values, errors=errors,
                           token=form_token(), today=today, results=row.results(today),
                           agencies=names, scores=LIKERT, longest=FREE_TEXT_MAX,
                           waiting=waiting, batch=BALLOT_BATCH)


@bp.get("/survei-pegawai/<survey_id>")
def answer_form(survey_id: str) -> ResponseReturnValue:
    """The statements to rate while the survey runs; its results once it is over."""
    row = _row(survey_id)
    return _page(row, {"kode": request.args.get("kode", "")[:40]}, {})


@bp.post("/survei-pegawai/<survey_id>")
def answer(survey_id: str) -> ResponseReturnValue:
    """Check the guard, then the answers; on success thank the respondent."""
    row = _row(survey_id)
    if not row.is_running(date.today()):
        return _page(row, {}, {}), 404
    names = [f"item{i}" for i in range(len(row.items))]
    values = {k: request.form.get(k, "")[:40] for k in ("kode", *names)}
    values["free_text"] = request.form.get("free_text", "")[:FREE_TEXT_MAX + 1]
    guard = Guard.of_request("survey_code")
    refusal = guard.refusal()
    if refusal is not None:
        status, message = refusal
        return render_template("voice/refused.html", message=message), status
    errors: dict[str, str] = {}
    if not "".join(values["kode"].split()):
        errors["code"] = _("Enter the survey code.")
    scores = []
    for name in names:
        if values[name] not in {str(s) for s in LIKERT}:
            errors[name] = _("Choose one of the five answers.")
        else:
            scores.append(int(values[name]))
    if not errors:
        try:
            get_service(current_app).staff_survey.answer(
                UUID(row.id), code=values["kode"], scores=scores,
                free_text=values["free_text"] or None)
        except DomainError as error:
            if error.code in WRONG_CODE:
                guard.count()
            errors = field_errors(error)
        else:
            return render_template("staff_survey/thanks.html", row=row, batch=BALLOT_BATCH)
    return _page(row, values, errors), 422
