"""The staff's employee surveys (/hr/survei-pegawai): anonymous surveys of a government's or
an agency's employees, opened and closed through the one form runner (web/hr/runner.py),
codes printed for an agency as a sheet of QR codes, and the results once the survey is over.

The HR administrator surveys the whole government or any of its agencies; an HR officer
surveys their own agency; auditors read. Results appear only after the survey is over and
only for groups of at least 10 answers (projections/views/staff_survey.py: `Results`); the
free text is shown under the same condition, masked, sorted, never in the order it came. The
answers waiting in the ballot box (domain/staff_survey.py) are shown as a count only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar
from uuid import UUID

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from domain.errors import DomainError
from domain.masking import mask
from domain.staff_survey import BALLOT_BATCH, CODES_PER_BATCH, ITEMS_MAX, StaffSurvey
from projections.transparency.disclosure import THRESHOLD
from projections.views import hr_queries
from projections.views import staff_survey as queries
from projections.views.consultation import consultations
from web import catch_up_views, get_service
from web.access import READERS, WRITERS, check_readable, check_writable, roles_required, scope
from web.accounts.store import actor_names
from web.hr.forms import ActionForm, FieldText, options
from web.hr.runner import Change, FormPage, run_form
from web.hr.step import Action, Command
from web.hr.surveys import code_sheet
from web.ui import language

bp = Blueprint("staff_surveys", __name__, url_prefix="/hr")
WHOLE_GOVERNMENT = "semua"


@dataclass(frozen=True)
class SurveyDesk:
    """What a survey form acts on: the government (and the officer's agency), the survey."""

    government_id: str
    agency_id: str | None  # an HR officer's agency: the only population they may survey
    survey: StaffSurvey | None


class SurveyForm(ActionForm):
    title = StringField(validators=[InputRequired(), Length(max=200)])
    population = SelectField(validators=[InputRequired()])
    topic = StringField(validators=[Optional(), Length(max=300)])
    consultation = SelectField(validators=[Optional()])
    items = TextAreaField(validators=[InputRequired(), Length(max=ITEMS_MAX * 310)])
    free_text_question = StringField(validators=[Optional(), Length(max=300)])
    opens_on = DateField(validators=[InputRequired()])
    closes_on = DateField(validators=[InputRequired()])


class OpenSurvey(Action):
    slug = "baru"
    title = _l("Open an employee survey")
    rule = _l("An anonymous survey of employees: statements each rated from 1 (strongly "
              "disagree) to 5 (strongly agree) and at most one optional open question. "
              "Employees answer with one-time codes, printed here or taken on their desk; no "
              "answer can be tied to a person. Results are shown once the survey is over and "
              "only for groups of at least 10 answers.")
    form_class = SurveyForm
    fields = ("title", "population", "topic", "consultation", "items", "free_text_question",
              "opens_on", "closes_on")
    field_map: ClassVar[dict[str, str]] = {"agency_id": "population",
                                           "consultation_id": "consultation"}
    decree = False
    texts: ClassVar[dict[str, FieldText]] = {
        "title": (_l("Title"), ""),
        "population": (_l("Employees asked"), ""),
        "topic": (_l("Policy or working condition asked about"),
                  _l("For example: TPP, working hours, the workload of the unit.")),
        "consultation": (_l("Public consultation of the policy (optional)"),
                         _l("The results will also be shown on the consultation's page.")),
        "items": (_l("Statements, one per line"),
                  _l("Each is rated from 1 (strongly disagree) to 5 (strongly agree).")),
        "free_text_question": (_l("Open question (optional)"),
                               _l("Answers are sealed and shown only masked, from 10 "
                                  "answers.")),
        "opens_on": (_l("First day"), ""), "closes_on": (_l("Last day"), ""),
        "effective_on": (_l("Decided on"), "")}

    def available(self, ctx: Any) -> bool:
        return True

    def prepare(self, form: Any, ctx: Any) -> None:
        projections = catch_up_views(current_app)
        agencies = hr_queries.agencies(projections, hr_queries.Scope(
            government_id=ctx.government_id, agency_id=ctx.agency_id))
        choices = [(a["id"], a["name"]) for a in agencies]
        if ctx.agency_id is None:
            choices.insert(0, (WHOLE_GOVERNMENT, str(_l("Every employee of the government"))))
        form.population.choices = options(choices)
        form.consultation.choices = options([("", "—")] + [
            (c["id"], c["title"]) for c in consultations(
                projections, date.today(), ctx.government_id, published_only=False)])

    def command(self, form: Any, ctx: Any) -> Command:
        government_id = UUID(ctx.government_id)
        population = form.population.data
        agency_id = None if population == WHOLE_GOVERNMENT else UUID(population)
        consultation_id = UUID(form.consultation.data) if form.consultation.data else None
        items = [line.strip() for line in (form.items.data or "").splitlines() if line.strip()]

        def call(service: Any, actor: Any, expected: int) -> None:
            service.staff_survey.open_survey(
                government_id=government_id, agency_id=agency_id, title=form.title.data,
                topic=form.topic.data or "", items=items,
                free_text_question=(form.free_text_question.data or "").strip() or None,
                opens_on=form.opens_on.data, closes_on=form.closes_on.data, actor=actor,
                consultation_id=consultation_id, effective_on=form.effective_on.data)

        return call


class CloseSurvey(Action):
    slug = "tutup"
    title = _l("Close the employee survey")
    rule = _l("The answers still waiting in the ballot box are recorded first. No answer is "
              "taken after closing, and the key that made the desk codes is destroyed: nobody "
              "can then tell which employees took one. The results are shown from then on.")
    form_class = ActionForm
    decree = False
    texts: ClassVar[dict[str, FieldText]] = {"effective_on": (_l("Closed on"), "")}

    def available(self, ctx: Any) -> bool:
        return ctx.survey is not None and not ctx.survey.is_closed

    def command(self, form: Any, ctx: Any) -> Command:
        survey_id = ctx.survey.id

        def call(service: Any, actor: Any, expected: int) -> None:
            service.staff_survey.close(survey_id, actor=actor, version=expected,
                                       effective_on=form.effective_on.data)

        return call


def _survey(survey_id: str) -> StaffSurvey:
    try:
        survey = get_service(current_app).staff_survey.get(UUID(survey_id))
    except (ValueError, DomainError):
        abort(404)
    check_readable(survey.government_id.hex,
                   survey.agency_id.hex if survey.agency_id else None)
    return survey


def _may_write() -> bool:
    return current_user.role in WRITERS


@bp.get("/survei-pegawai")
@roles_required(*READERS)
def index() -> ResponseReturnValue:
    """The employee surveys in the user's scope."""
    where = scope()
    rows = queries.surveys(catch_up_views(current_app), government_id=where.government_id)
    rows = [r for r in rows if where.admits(r.government_id, r.agency_id)]
    return render_template("staff_survey/hr_index.html", rows=rows, today=date.today(),
                           may_write=_may_write() and where.government_id is not None)


@bp.route("/survei-pegawai/baru", methods=["GET", "POST"])
@roles_required(*WRITERS)
def open_survey() -> ResponseReturnValue:
    """Open a survey, through review and confirmation."""
    where = scope()
    if where.government_id is None:
        abort(404)
    back = url_for("staff_surveys.index")
    government = get_service(current_app).get_government(UUID(where.government_id))
    return run_form(FormPage(OpenSurvey(), SurveyDesk(where.government_id, where.agency_id,
                                                      None),
                             government.version, "staff_survey/_hr_head.html", back,
                             lambda: redirect(back), lambda after: [], government.name))


@bp.route("/survei-pegawai/<survey_id>/tutup", methods=["GET", "POST"])
@roles_required(*WRITERS)
def close_survey(survey_id: str) -> ResponseReturnValue:
    """Close a survey, through review and confirmation (a stale form: conflict)."""
    survey = _survey(survey_id)
    check_writable(survey.government_id.hex,
                   survey.agency_id.hex if survey.agency_id else None)
    ctx = SurveyDesk(survey.government_id.hex, None, survey)
    chosen = CloseSurvey()
    if not chosen.available(ctx):
        abort(404)
    back = url_for("staff_surveys.survey_page", survey_id=survey_id)
    return run_form(FormPage(chosen, ctx, survey.version, "staff_survey/_hr_head.html", back,
                             lambda: redirect(back), lambda after: _changes(survey.id, after),
                             survey.title))


def _changes(survey_id: UUID, after: int) -> list[Change]:
    events: list[Any] = list(get_service(current_app).events.get(survey_id, gt=after))
    names = actor_names(e.actor.user_id for e in events)
    return [Change(type(e).__name__, e.effective_on, e.timestamp,
                   str(names.get(e.actor.user_id, e.actor.user_id))) for e in events]


@bp.get("/survei-pegawai/<survey_id>")
@roles_required(*READERS)
def survey_page(survey_id: str, errors: dict[str, str] | None = None,
                status: int = 200) -> ResponseReturnValue:
    """One survey: its codes, its results once over, the free text masked, the forms."""
    survey = _survey(survey_id)
    projections = catch_up_views(current_app)
    row = queries.survey_by_id(projections, survey.id.hex)
    if row is None:
        abort(404)
    results = row.results(date.today())
    texts = ([mask(t) for t in get_service(current_app).staff_survey.free_texts(survey)]
             if results.total is not None else [])
    agencies = {a["id"]: a["name"] for a in hr_queries.agencies(
        projections, hr_queries.Scope(government_id=row.government_id))}
    return render_template("staff_survey/hr_survey.html", row=row, results=results,
                           texts=texts, agencies=agencies, errors=errors or {},
                           largest=CODES_PER_BATCH, threshold=THRESHOLD, today=date.today(),
                           may_write=_may_write(), batch=BALLOT_BATCH,
                           waiting=get_service(current_app).staff_survey.waiting(survey.id)
                           ), status


@bp.post("/survei-pegawai/<survey_id>/kode")
@roles_required(*WRITERS)
def issue_codes(survey_id: str) -> ResponseReturnValue:
    """Print a batch of codes for an agency (shown this once)."""
    survey = _survey(survey_id)
    check_writable(survey.government_id.hex,
                   survey.agency_id.hex if survey.agency_id else None)
    try:
        count = int(request.form.get("count", ""))
        agency_id = UUID(request.form.get("agency_id", "") or str(survey.agency_id or ""))
    except ValueError:
        return survey_page(survey_id, {"count": str(_l("Enter a number and an agency."))}, 422)
    try:
        codes = get_service(current_app).staff_survey.issue_codes(
            survey.id, agency_id=agency_id, count=count, actor=current_user.actor)
    except DomainError as error:
        return survey_page(survey_id, {error.field or "count": error.message(language())},
                           422)
    return code_sheet(codes, lambda code: url_for(
        "staff_survey.answer_form", survey_id=survey.id.hex, kode=code, _external=True),
        back=(url_for("staff_surveys.survey_page", survey_id=survey.id.hex), survey.title),
        card=(survey.title, _("Anonymous employee survey. Scan the code, or open the survey "
                              "page and type:")))
