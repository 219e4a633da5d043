"""The staff's monitoring and evaluation indicators (/hr/indikator): the government's HR
administrator defines an indicator for a policy, sets its yearly targets, records monthly
actuals and corrects them, each through the one form runner (web/hr/runner.py); HR officers of
the government and auditors read. The computed kinds' actuals come from the worker's monthly
job (web/jobs/registry.py, `indicator_actuals`); the administrator may still correct them.
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
from wtforms import DecimalField, IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from domain.indicator import (
    BASE_MAX,
    COMPUTED_MEASURES,
    Direction,
    Indicator,
    IndicatorKind,
    MeasureUnit,
)
from domain.values import Role
from projections.views import consultation as consultation_queries
from projections.views.indicators import IndicatorRow, indicator_by_id, indicators_of
from web import catch_up_views, get_service
from web.access import READERS, roles_required, scope
from web.accounts.store import actor_names
from web.hr.forms import ActionForm, FieldText, options
from web.hr.runner import Change, FormPage, run_form
from web.hr.step import Action, Command
from web.public.indicator_labels import indicator_label, indicator_labels

bp = Blueprint("indicators", __name__, url_prefix="/hr")
bp.context_processor(indicator_labels)
MONTHS_OFFERED = 24  # how far back the actual form offers months


@dataclass(frozen=True)
class IndicatorDesk:
    """What an indicator form acts on: the government, and the indicator (None: a new one)."""

    government_id: UUID
    indicator: Indicator | None


class FigureField(DecimalField):
    """A number as an Indonesian writes it (70,5) or with a dot (70.5)."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata([v.strip().replace(",", ".") if isinstance(v, str) else v
                                  for v in valuelist])


def _choices(values: Any) -> list[Any]:
    return options((member.value, indicator_label(member.value)) for member in values)


def _months(today: date) -> list[date]:
    """This month and the MONTHS_OFFERED - 1 before it, latest first."""
    index = today.year * 12 + today.month - 1
    return [date((index - n) // 12, (index - n) % 12 + 1, 1) for n in range(MONTHS_OFFERED)]


class DefineForm(ActionForm):
    kind = SelectField(validators=[InputRequired()])
    name = StringField(validators=[InputRequired(), Length(max=200)])
    measure = SelectField(validators=[InputRequired()])
    direction = SelectField(validators=[InputRequired()])
    consultation_id = SelectField(validators=[Optional()])
    policy_title = StringField(validators=[Optional(), Length(max=200)])
    effective_on = None  # recorded on the day it is defined


class DefineIndicator(Action):
    slug = "baru"
    title = _l("Define an indicator")
    rule = _l("An indicator measures one policy: choose the public consultation of its draft "
              "or write the policy's title. The computed kinds take their unit and direction "
              "from their kind, and the worker records their actual every month.")
    form_class = DefineForm
    fields = ("kind", "name", "measure", "direction", "consultation_id", "policy_title")
    decree = False
    texts: ClassVar[dict[str, FieldText]] = {
        "kind": (_l("Kind"), _l("Computed kinds are filled by the system every month.")),
        "name": (_l("Indicator"), ""),
        "measure": (_l("Unit of measure"), ""),
        "direction": (_l("Direction"), ""),
        "consultation_id": (_l("Public consultation of the policy"), ""),
        "policy_title": (_l("Policy title"), _l("When no consultation names the policy.")),
    }

    def available(self, ctx: Any) -> bool:
        return True

    def prepare(self, form: Any, ctx: Any) -> None:
        form.kind.choices = _choices(IndicatorKind)
        form.measure.choices = _choices(MeasureUnit)
        form.direction.choices = _choices(Direction)
        found = consultation_queries.consultations(
            catch_up_views(current_app), date.today(), ctx.government_id.hex,
            published_only=False)
        form.consultation_id.choices = options(
            [("", "–"), *((row["id"], row["title"]) for row in found)])

    def command(self, form: Any, ctx: Any) -> Command:
        kind = IndicatorKind(form.kind.data)
        measure, direction = COMPUTED_MEASURES.get(
            kind, (MeasureUnit(form.measure.data), Direction(form.direction.data)))
        consultation = UUID(form.consultation_id.data) if form.consultation_id.data else None

        def call(service: Any, actor: Any, expected: int) -> None:
            service.indicators.define_indicator(
                government_id=ctx.government_id, kind=kind, name=form.name.data or "",
                measure=measure, direction=direction, consultation_id=consultation,
                policy_title=form.policy_title.data, actor=actor)

        return call


class TargetForm(ActionForm):
    year = IntegerField(validators=[InputRequired(), NumberRange(1900, 2200)])
    value = FigureField(validators=[InputRequired()])
    effective_on = None


class SetTarget(Action):
    slug = "target"
    title = _l("Set a yearly target")
    rule = _l("The target of a year; setting it again replaces it, and the change is kept in "
              "the log.")
    form_class = TargetForm
    fields = ("year", "value")
    decree = False
    texts: ClassVar[dict[str, FieldText]] = {"year": (_l("Year"), ""),
                                             "value": (_l("Target"), "")}

    def available(self, ctx: Any) -> bool:
        return ctx.indicator is not None

    def prepare(self, form: Any, ctx: Any) -> None:
        if form.year.data is None and request.method == "GET":
            form.year.data = date.today().year

    def command(self, form: Any, ctx: Any) -> Command:
        indicator_id = ctx.indicator.id

        def call(service: Any, actor: Any, expected: int) -> None:
            service.indicators.set_target(indicator_id, year=form.year.data,
                                          value=float(form.value.data), actor=actor,
                                          version=expected)

        return call


class ActualForm(ActionForm):
    month = SelectField(validators=[InputRequired()])
    value = FigureField(validators=[InputRequired()])
    base = IntegerField(validators=[Optional(), NumberRange(0, BASE_MAX)])
    effective_on = None


BASE_HELP = _l("How many people (or items) the figure counts, if it counts people: a figure "
               "over fewer than 10 people is hidden on the public page.")


class RecordActual(Action):
    slug = "realisasi"
    title = _l("Record a monthly actual")
    rule = _l("One actual per month; a recorded one is corrected with its reason, never "
              "overwritten.")
    form_class = ActualForm
    fields: ClassVar[tuple[str, ...]] = ("month", "value", "base")
    decree = False
    texts: ClassVar[dict[str, FieldText]] = {"month": (_l("Month"), ""),
                                             "value": (_l("Actual"), ""),
                                             "base": (_l("Counted over"), BASE_HELP)}

    def available(self, ctx: Any) -> bool:
        return ctx.indicator is not None

    def prepare(self, form: Any, ctx: Any) -> None:
        recorded = ctx.indicator.actuals
        form.month.choices = options((m.isoformat(), f"{m:%Y-%m}")
                                     for m in _months(date.today()) if m not in recorded)

    def command(self, form: Any, ctx: Any) -> Command:
        indicator_id = ctx.indicator.id
        month = date.fromisoformat(form.month.data)

        def call(service: Any, actor: Any, expected: int) -> None:
            service.indicators.record_actual(indicator_id, month=month,
                                             value=float(form.value.data),
                                             base=form.base.data, actor=actor,
                                             version=expected)

        return call


class CorrectionForm(ActualForm):
    reason = StringField(validators=[InputRequired(), Length(max=500)])


class CorrectActual(RecordActual):
    slug = "koreksi"
    title = _l("Correct a monthly actual")
    rule = _l("The corrected figure replaces the month's actual on every page; the first one "
              "and the reason stay in the log.")
    form_class = CorrectionForm
    fields = ("month", "value", "base", "reason")
    texts: ClassVar[dict[str, FieldText]] = {**RecordActual.texts,
                                             "reason": (_l("Reason"), "")}

    def available(self, ctx: Any) -> bool:
        return ctx.indicator is not None and bool(ctx.indicator.actuals)

    def prepare(self, form: Any, ctx: Any) -> None:
        form.month.choices = options((m.isoformat(), f"{m:%Y-%m}")
                                     for m in sorted(ctx.indicator.actuals, reverse=True))

    def command(self, form: Any, ctx: Any) -> Command:
        indicator_id = ctx.indicator.id
        month = date.fromisoformat(form.month.data)

        def call(service: Any, actor: Any, expected: int) -> None:
            service.indicators.correct_actual(indicator_id, month=month,
                                              value=float(form.value.data),
                                              base=form.base.data, reason=form.reason.data,
                                              actor=actor, version=expected)

        return call


STEPS: dict[str, Action] = {step.slug: step for step in (SetTarget(), RecordActual(),
                                                         CorrectActual())}


def _readable_government(government_id: str) -> None:
    """404 unless the government is the user's (auditors read every one)."""
    where = scope()
    if where.government_id is not None and where.government_id != government_id:
        abort(404)


def _row(indicator_id: str) -> IndicatorRow:
    try:
        UUID(indicator_id)
    except ValueError:
        abort(404)
    row = indicator_by_id(catch_up_views(current_app), UUID(indicator_id).hex)
    if row is None:
        abort(404)
    _readable_government(row.government_id)
    return row


@bp.get("/indikator")
@roles_required(*READERS)
def index() -> ResponseReturnValue:
    """The indicators of the user's government (every government's for auditors)."""
    rows = indicators_of(catch_up_views(current_app), government_id=scope().government_id)
    return render_template("indicators/hr_index.html", rows=rows, this_year=date.today().year,
                           may_admin=current_user.role is Role.HR_ADMIN)


@bp.get("/indikator/<indicator_id>")
@roles_required(*READERS)
def detail(indicator_id: str) -> ResponseReturnValue:
    """One indicator: its policy, targets and every month's actual with its corrections."""
    row = _row(indicator_id)
    indicator = get_service(current_app).indicators.get(UUID(row.id))
    desk = IndicatorDesk(indicator.government_id, indicator)
    return render_template("indicators/hr_detail.html", row=row,
                           may_admin=current_user.role is Role.HR_ADMIN,
                           steps=[s for s in STEPS.values() if s.available(desk)])


@bp.route("/indikator/baru", methods=["GET", "POST"])
@roles_required(Role.HR_ADMIN)
def define() -> ResponseReturnValue:
    """Define an indicator of the administrator's government through the form runner."""
    government_id = scope().government_id
    if government_id is None:
        abort(403)
    back = url_for("indicators.index")
    return run_form(FormPage(DefineIndicator(), IndicatorDesk(UUID(government_id), None), 0,
                             "indicators/_hr_head.html", back, lambda: redirect(back),
                             lambda after: [], _("Monitoring indicators")))


@bp.route("/indikator/<indicator_id>/<step>", methods=["GET", "POST"])
@roles_required(Role.HR_ADMIN)
def act(indicator_id: str, step: str) -> ResponseReturnValue:
    """Set a target, record or correct an actual, through review and confirmation."""
    chosen = STEPS.get(step)
    row = _row(indicator_id)
    if chosen is None:
        abort(404)
    indicator = get_service(current_app).indicators.get(UUID(row.id))
    desk = IndicatorDesk(indicator.government_id, indicator)
    if not chosen.available(desk):
        abort(404)
    back = url_for("indicators.detail", indicator_id=row.id)
    return run_form(FormPage(chosen, desk, indicator.version, "indicators/_hr_head.html", back,
                             lambda: redirect(back), lambda after: _changes(indicator.id, after),
                             row.name, context={"row": row}))


def _changes(indicator_id: UUID, after: int) -> list[Change]:
    events: list[Any] = list(get_service(current_app).events.get(indicator_id, gt=after))
    names = actor_names(e.actor.user_id for e in events)
    return [Change(type(e).__name__, e.effective_on, e.timestamp,
                   str(names.get(e.actor.user_id, e.actor.user_id))) for e in events]

