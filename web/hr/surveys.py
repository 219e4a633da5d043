"""The staff's satisfaction surveys (/hr/survei): a unit's survey periods and their results,
opening and closing a period (through the one form runner, web/hr/runner.py), and issuing a
batch of one-time codes printed as a sheet of QR codes.

The HR administrator of the government and the HR officers of the unit's agency act (their
scope only); auditors read. Codes are shown once, on the sheet printed right after issuing
them: only their hashes are stored, so a lost sheet is replaced by a new batch, never
reprinted. Issuing is therefore a plain post that answers with the sheet, not a form with a
review step (a dry run would draw codes that are never recorded).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar
from uuid import UUID

import segno
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from wtforms import DateField, IntegerField
from wtforms.validators import InputRequired, NumberRange

from domain.errors import DomainError
from domain.survey import CODES_PER_BATCH, SurveyPeriod
from projections.views import survey as survey_queries
from projections.views import voice as queries
from web import catch_up_views, get_service
from web.access import READERS, WRITERS, check_readable, check_writable, roles_required, scope
from web.accounts.store import actor_names
from web.hr.forms import ActionForm, FieldText
from web.hr.runner import Change, FormPage, run_form
from web.hr.step import Action, Command
from web.public.survey_labels import survey_labels
from web.ui import language

bp = Blueprint("surveys", __name__, url_prefix="/hr")
bp.context_processor(survey_labels)


@dataclass(frozen=True)
class SurveyDesk:
    """What a survey form acts on: the unit, and the period (None when opening one)."""

    unit: Any
    period: SurveyPeriod | None


class PeriodForm(ActionForm):
    starts_on = DateField(validators=[InputRequired()])
    ends_on = DateField(validators=[InputRequired()])
    population = IntegerField(validators=[InputRequired(), NumberRange(min=1)])


class OpenPeriod(Action):
    slug = "periode-baru"
    title = _l("Open a survey period")
    rule = _l("A satisfaction survey of this unit between two dates, at most a year (every unit "
              "surveys at least once a year, PermenPANRB 14/2017). The estimated number of "
              "service users in the period sets the minimum sample.")
    form_class = PeriodForm
    fields = ("starts_on", "ends_on", "population")
    decree = False
    texts: ClassVar[dict[str, FieldText]] = {
        "starts_on": (_l("First day"), ""), "ends_on": (_l("Last day"), ""),
        "population": (_l("Service users in the period (estimate)"),
                       _l("From last year's register of services, for the sample table.")),
        "effective_on": (_l("Decided on"), "")}

    def available(self, ctx: Any) -> bool:
        return True

    def command(self, form: Any, ctx: Any) -> Command:
        unit_id = ctx.unit.id

        def call(service: Any, actor: Any, expected: int) -> None:
            others = survey_queries.period_dates_of_unit(catch_up_views(current_app),
                                                         unit_id.hex)
            service.survey.open_period(unit_id=unit_id, starts_on=form.starts_on.data,
                                       ends_on=form.ends_on.data,
                                       population=form.population.data, actor=actor,
                                       effective_on=form.effective_on.data,
                                       other_periods=others)

        return call


class ClosePeriod(Action):
    slug = "tutup"
    title = _l("Close the survey period")
    rule = _l("No response is taken after closing; the result stays published.")
    form_class = ActionForm
    decree = False
    texts: ClassVar[dict[str, FieldText]] = {"effective_on": (_l("Closed on"), "")}

    def available(self, ctx: Any) -> bool:
        return ctx.period is not None and not ctx.period.is_closed

    def command(self, form: Any, ctx: Any) -> Command:
        period_id = ctx.period.id

        def call(service: Any, actor: Any, expected: int) -> None:
            service.survey.close_period(period_id, actor=actor, version=expected,
                                        effective_on=form.effective_on.data)

        return call


def _unit(unit_id: str) -> Any:
    try:
        unit = get_service(current_app).voice.get_unit(UUID(unit_id))
    except (ValueError, DomainError):
        abort(404)
    check_readable(unit.government_id.hex, unit.agency_id.hex)
    return unit


def _period(period_id: str) -> tuple[Any, SurveyPeriod]:
    try:
        period = get_service(current_app).survey.get_period(UUID(period_id))
    except (ValueError, DomainError):
        abort(404)
    check_readable(period.government_id.hex, period.agency_id.hex)
    return get_service(current_app).voice.get_unit(period.unit_id), period


@bp.get("/survei")
@roles_required(*READERS)
def index() -> ResponseReturnValue:
    """The survey periods of the units in the user's scope, with their results."""
    projections, where = catch_up_views(current_app), scope()
    units = queries.service_units(projections, where.government_id)
    if where.agency_id:
        units = [u for u in units if u["agency_id"] == where.agency_id]
    periods = survey_queries.periods(projections, government_id=where.government_id,
                                     agency_id=where.agency_id)
    by_unit: dict[str, list[survey_queries.PeriodRow]] = {}
    for period in periods:
        by_unit.setdefault(period.unit_id, []).append(period)
    return render_template("voice/hr_surveys.html", units=units, by_unit=by_unit,
                           today=date.today(), may_write=_may_write())


def _may_write() -> bool:
    return current_user.role in WRITERS


@bp.route("/survei/unit/<unit_id>/periode-baru", methods=["GET", "POST"])
@roles_required(*WRITERS)
def open_period(unit_id: str) -> ResponseReturnValue:
    """Open a period of the unit, through review and confirmation."""
    unit = _unit(unit_id)
    check_writable(unit.government_id.hex, unit.agency_id.hex)
    back = url_for("surveys.index")
    return run_form(FormPage(OpenPeriod(), SurveyDesk(unit, None), unit.version,
                             "voice/_hr_survey_head.html", back, lambda: redirect(back),
                             lambda after: [], unit.name, context={"unit": unit}))


@bp.route("/survei/<period_id>/tutup", methods=["GET", "POST"])
@roles_required(*WRITERS)
def close_period(period_id: str) -> ResponseReturnValue:
    """Close a running period, through review and confirmation (a stale form: conflict)."""
    unit, period = _period(period_id)
    check_writable(period.government_id.hex, period.agency_id.hex)
    chosen = ClosePeriod()
    if not chosen.available(SurveyDesk(unit, period)):
        abort(404)
    back = url_for("surveys.period_page", period_id=period_id)
    return run_form(FormPage(chosen, SurveyDesk(unit, period), period.version,
                             "voice/_hr_survey_head.html", back, lambda: redirect(back),
                             lambda after: _changes(period.id, after), unit.name,
                             context={"unit": unit}))


def _changes(period_id: UUID, after: int) -> list[Change]:
    events: list[Any] = list(get_service(current_app).events.get(period_id, gt=after))
    names = actor_names(e.actor.user_id for e in events)
    return [Change(type(e).__name__, e.effective_on, e.timestamp,
                   str(names.get(e.actor.user_id, e.actor.user_id))) for e in events]


@bp.get("/survei/<period_id>")
@roles_required(*READERS)
def period_page(period_id: str, errors: dict[str, str] | None = None,
                status: int = 200) -> ResponseReturnValue:
    """One period: its result, its codes issued and used, and the staff's forms."""
    unit, period = _period(period_id)
    row = survey_queries.period_by_id(catch_up_views(current_app), period.id.hex)
    if row is None:
        abort(404)
    return render_template("voice/hr_survey.html", unit=unit, period=period, row=row,
                           errors=errors or {}, largest=CODES_PER_BATCH,
                           today=date.today(), may_write=_may_write()), status


@bp.post("/survei/<period_id>/kode")
@roles_required(*WRITERS)
def issue_codes(period_id: str) -> ResponseReturnValue:
    """Issue a batch of codes and answer with the sheet to print (shown this once)."""
    unit, period = _period(period_id)
    check_writable(period.government_id.hex, period.agency_id.hex)
    try:
        count = int(request.form.get("count", ""))
    except ValueError:
        count = 0
    try:
        codes = get_service(current_app).survey.issue_codes(period.id, count=count,
                                                            actor=current_user.actor)
    except DomainError as error:
        return period_page(period_id, {error.field or "count": error.message(language())},
                           422)
    return code_sheet(codes, lambda code: url_for("survey.survey_form", code=unit.code,
                                                  kode=code, _external=True),
                      back=(url_for("surveys.period_page", period_id=period.id.hex), unit.name),
                      card=(unit.name, _("How was our service? Scan the code, or open the "
                                         "unit's page and type:")))


def code_sheet(codes: list[str], url_of: Callable[[str], str], *, back: tuple[str, str],
               card: tuple[str, str]) -> str:
    """The printable sheet of freshly issued codes, each with the QR code of its answer
    address (`url_of`); `back` is the link above it, `card` each card's title and text."""
    cards = [(code, _qr(url_of(code))) for code in codes]
    return render_template("voice/hr_survey_codes.html", cards=cards, back_url=back[0],
                           back_label=back[1], card_title=card[0], card_text=card[1])


def _qr(url: str) -> Markup:
    """The QR code of `url` as inline SVG (segno writes plain, escaped SVG markup)."""
    return Markup(segno.make(url, error="m").svg_inline(scale=3))  # noqa: S704
