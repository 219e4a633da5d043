"""Promotion periods in the HR workspace (/hr/kenaikan-pangkat): the government's periods, a
period's eligibility list for the officer's scope with the missing conditions, the proposals,
and the administrator's steps (open, verify, record the batch, close).

Every step is a form through the one runner (web/hr/runner.py): review by a dry run, confirm
against the period's version, each refusal at its field. Officers propose from the list of
their agency; the HR administrator of the government opens, verifies, records and closes. A
period of another government answers 404, as an employee outside the scope does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, ClassVar
from uuid import UUID

from flask import abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import FloatField, IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from domain.errors import ConcurrencyConflictError, DomainError
from domain.personnel_service import PersonnelService
from domain.privacy import Erased
from domain.promotion_period import Eligibility, Standing, promotion_dates
from domain.promotion_period_service import REJECTION_CODES, RecordingResult
from domain.promotion_round import PROPOSABLE_AGAIN, EntryStatus, PromotionPeriod
from domain.values import Actor, Role
from projections.views.hr_queries import Scope
from projections.views.promotion_periods import (
    eligibility,
    period_entries,
    periods_of,
    roster_names,
)
from web import catch_up_views, get_service
from web.access import WRITERS, roles_required, scope
from web.hr.forms import ActionForm, FieldText, options
from web.hr.labels import choice_label
from web.hr.promotion_labels import STANDING_LABELS, calendar_label, rule_label, status_label
from web.hr.routes import bp
from web.hr.runner import Change, FormPage, run_form
from web.hr.step import Action, Command
from web.ui import language

DECISIONS = (("accept", _l("Accept")), ("return", _l("Return with a reason")),
             ("reject", _l("Reject with a rule")))


@dataclass
class PeriodDesk:
    """The period a step is about (None before it is opened), in the user's scope."""

    period: PromotionPeriod | None
    government_id: str
    scope: Scope
    service: PersonnelService
    projections: Any

    @property
    def is_open(self) -> bool:
        return self.period is not None and not self.period.is_closed


# -- the forms ----------------------------------------------------------------------------------


class StepForm(ActionForm):
    """A step of a period: its date is the day it is recorded."""

    def validate_effective_on(self, field: Any) -> None:
        if field.data is not None and field.data != date.today():
            raise ValidationError(_("This step is recorded as of today."))


class OpenForm(StepForm):
    tmt_on = SelectField(validators=[InputRequired()])


class ProposeForm(StepForm):
    employee_ids = SelectMultipleField(validators=[InputRequired()])


class VerifyForm(StepForm):
    employee_id = SelectField(validators=[InputRequired()])
    decision = SelectField(validators=[InputRequired()])
    reason = StringField(validators=[Optional(), Length(max=500)])
    code = SelectField(validators=[Optional()])
    credit_points = FloatField(validators=[Optional(), NumberRange(min=0, max=10_000)])


class BatchForm(ActionForm):
    decree_pattern = StringField(validators=[InputRequired(), Length(max=120)])
    first_number = IntegerField(default=1, validators=[InputRequired(),
                                                       NumberRange(min=1, max=99_999)])


_TODAY: dict[str, FieldText] = {
    "effective_on": (_l("Date of this step"), _l("Today: the step is recorded as of today."))}


class PeriodStep(Action):
    """A step on a period, refused when the period moved past the form's version."""

    decree = False
    admin_only: ClassVar[bool] = True

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open) and (not self.admin_only
                                      or current_user.role is Role.HR_ADMIN)

    def run(self, form: Any, ctx: Any) -> Callable[[PersonnelService, Actor], None]:
        raise NotImplementedError

    def command(self, form: Any, ctx: Any) -> Command:
        run = self.run(form, ctx)
        period_id = ctx.period.id if ctx.period is not None else None

        def call(service: PersonnelService, actor: Actor, expected: int) -> None:
            if period_id is not None:
                current = service.promotion_periods.get(period_id).version
                if current != expected:
                    raise ConcurrencyConflictError(current=current, expected=expected)
            run(service, actor)

        return call


class OpenPeriod(PeriodStep):
    slug = "baru"
    title = _l("Open a promotion period")
    done_text = _l("The period was opened.")
    rule = _l("A period of the calendar in force on its TMT; its proposal window follows from "
              "the regulation. Each period is opened once per government.")
    form_class = OpenForm
    fields = ("tmt_on",)
    texts: ClassVar[dict[str, FieldText]] = {**_TODAY, "tmt_on": (_l("TMT of the period"), "")}

    def available(self, ctx: Any) -> bool:
        return ctx.period is None and current_user.role is Role.HR_ADMIN

    def prepare(self, form: Any, ctx: Any) -> None:
        today = date.today()
        opened = {row["tmt_on"] for row in periods_of(ctx.projections, ctx.government_id)}
        form.tmt_on.choices = options(
            (p.tmt_on.isoformat(), p.tmt_on.isoformat())
            for p in promotion_dates(today - timedelta(days=62), today + timedelta(days=190))
            if p.tmt_on.isoformat() not in opened)
        if form.effective_on.data is None:
            form.effective_on.data = today

    def run(self, form: Any, ctx: Any) -> Callable[[PersonnelService, Actor], None]:
        government_id, tmt_on = UUID(ctx.government_id), date.fromisoformat(form.tmt_on.data)

        def open_(service: PersonnelService, actor: Actor) -> None:
            service.promotion_periods.open_period(government_id, tmt_on=tmt_on, actor=actor)

        return open_


class Propose(PeriodStep):
    slug = "usul"
    title = _l("Propose from the list")
    done_text = _l("The proposals were recorded.")
    rule = _l("Only employees the list finds eligible or to verify, within the proposal "
              "window; all chosen are proposed together or none.")
    form_class = ProposeForm
    fields = ("employee_ids",)
    texts: ClassVar[dict[str, FieldText]] = {
        **_TODAY, "employee_ids": (_l("Employees to propose"), "")}
    field_map: ClassVar[dict[str, str]] = {"employee_id": "employee_ids", "id": "employee_ids"}
    admin_only = False

    def prepare(self, form: Any, ctx: Any) -> None:
        period = ctx.period
        lines = [line for line in eligibility(ctx.projections, ctx.service, period.tmt_on,
                                              ctx.scope)
                 if line.standing is not Standing.NOT_ELIGIBLE
                 and (line.employee_id not in period.entries
                      or period.entries[line.employee_id].status in PROPOSABLE_AGAIN)]
        names = roster_names(ctx.projections, [line.employee_id for line in lines])
        form.employee_ids.choices = options(
            (line.employee_id.hex, f"{names.get(line.employee_id.hex, '–')} · "
             f"{line.grade} → {line.to_grade}") for line in lines)
        chosen = request.args.getlist("pegawai")
        if chosen and not form.employee_ids.data:
            form.employee_ids.data = chosen
        if form.effective_on.data is None:
            form.effective_on.data = date.today()

    def run(self, form: Any, ctx: Any) -> Callable[[PersonnelService, Actor], None]:
        period_id = ctx.period.id
        employee_ids = [UUID(hex=value) for value in form.employee_ids.data]
        return lambda service, actor: service.promotion_periods.propose_all(
            period_id, employee_ids, actor=actor)


class Verify(PeriodStep):
    slug = "verifikasi"
    title = _l("Verify a proposal")
    done_text = _l("The decision on the proposal was recorded.")
    rule = _l("Accept a complete file (a functional post needs the credit points of its PAK), "
              "return it to the officer with what it lacks, or reject it with the condition it "
              "fails.")
    form_class = VerifyForm
    fields = ("employee_id", "decision", "reason", "code", "credit_points")
    texts: ClassVar[dict[str, FieldText]] = {
        **_TODAY, "employee_id": (_l("Proposal"), ""), "decision": (_l("Decision"), ""),
        "reason": (_l("Reason for returning"), _l("What the file lacks; the officer reads it.")),
        "code": (_l("Condition not met"), _l("For a rejection.")),
        "credit_points": (_l("Credit points (PAK)"), _l("For a functional post."))}

    def prepare(self, form: Any, ctx: Any) -> None:
        rows = period_entries(ctx.projections, ctx.period.id.hex, ctx.scope,
                              status=EntryStatus.PROPOSED.value)
        form.employee_id.choices = options(
            (r["employee_id"], f"{r['name'] or '–'} · {r['from_grade']} → {r['to_grade']}")
            for r in rows)
        form.decision.choices = options(DECISIONS)
        form.code.choices = options([("", "–"), *((code, rule_label(code))
                                                  for code in REJECTION_CODES)])
        if request.method == "GET" and request.args.get("pegawai"):
            form.employee_id.data = request.args["pegawai"]
        if form.effective_on.data is None:
            form.effective_on.data = date.today()

    def run(self, form: Any, ctx: Any) -> Callable[[PersonnelService, Actor], None]:
        period_id, employee_id = ctx.period.id, UUID(hex=form.employee_id.data)
        decision = form.decision.data

        def decide(service: PersonnelService, actor: Actor) -> None:
            periods = service.promotion_periods
            if decision == "accept":
                periods.accept(period_id, employee_id, actor=actor,
                               credit_points=form.credit_points.data)
            elif decision == "return":
                periods.return_proposal(period_id, employee_id, reason=form.reason.data,
                                        actor=actor)
            else:
                periods.reject(period_id, employee_id, code=form.code.data or "", actor=actor)

        return decide


class RecordBatch(PeriodStep):
    slug = "tetapkan"
    title = _l("Record the batch")
    done_text = _l("The batch was recorded.")
    rule = _l("Every accepted proposal is recorded as a promotion on the TMT with its own "
              "decree number from the pattern, in one transaction; an entry a rule refuses on "
              "the day is listed with its reason and does not stop the others.")
    form_class = BatchForm
    fields = ("decree_pattern", "first_number")
    texts: ClassVar[dict[str, FieldText]] = {
        "effective_on": (_l("Decree date"), _l("The day the decrees are signed.")),
        "decree_pattern": (_l("Decree number pattern"),
                           _l("{n} is replaced by the sequence number, e.g. 800/{n}/BKPSDM/2027.")),
        "first_number": (_l("First sequence number"), "")}
    field_map: ClassVar[dict[str, str]] = {"signed_on": "effective_on", "id": "decree_pattern",
                                           "decrees": "decree_pattern"}
    results: list[RecordingResult]

    def run(self, form: Any, ctx: Any) -> Callable[[PersonnelService, Actor], None]:
        period_id = ctx.period.id
        self.results = []

        def record(service: PersonnelService, actor: Actor) -> None:
            self.results = service.promotion_periods.record_batch(
                period_id, signed_on=form.effective_on.data, actor=actor,
                decree_pattern=form.decree_pattern.data.strip(),
                first_number=form.first_number.data)

        return record


class ClosePeriod(PeriodStep):
    slug = "tutup"
    title = _l("Close the period")
    done_text = _l("The period was closed.")
    rule = _l("A period closes once no proposal waits for verification or recording.")
    form_class = StepForm
    texts: ClassVar[dict[str, FieldText]] = _TODAY

    def prepare(self, form: Any, ctx: Any) -> None:
        if form.effective_on.data is None:
            form.effective_on.data = date.today()

    def run(self, form: Any, ctx: Any) -> Callable[[PersonnelService, Actor], None]:
        period_id = ctx.period.id
        return lambda service, actor: service.promotion_periods.close_period(period_id,
                                                                             actor=actor)


STEPS: dict[str, type[PeriodStep]] = {step.slug: step for step in (
    Propose, Verify, RecordBatch, ClosePeriod)}


# -- the pages ----------------------------------------------------------------------------------


def _government_id() -> str:
    government_id = current_user.account.government_id
    if government_id is None:
        abort(404)
    return str(government_id)


def period_desk(period_id: str | None) -> PeriodDesk:
    government_id = _government_id()
    service, projections = get_service(current_app), catch_up_views(current_app)
    period = None
    if period_id is not None:
        try:
            period = service.promotion_periods.get(UUID(hex=period_id))
        except (ValueError, DomainError):
            abort(404)
        if period.government_id.hex != government_id:
            abort(404)
    return PeriodDesk(period, government_id, scope(), service, projections)


@bp.get("/kenaikan-pangkat")
@roles_required(*WRITERS)
def promotion_periods() -> ResponseReturnValue:
    """The government's promotion periods, the latest first."""
    desk = period_desk(None)
    rows = periods_of(desk.projections, desk.government_id)
    return render_template("hr/promotion_periods.html", rows=rows,
                           can_open=OpenPeriod().available(desk), **_HELPERS)


@bp.get("/kenaikan-pangkat/<period_id>")
@roles_required(*WRITERS)
def promotion_period(period_id: str) -> ResponseReturnValue:
    """A period: its eligibility list in scope (with a standing filter) and its proposals."""
    desk = period_desk(period_id)
    assert desk.period is not None
    standing = request.args.get("status", "")
    lines = eligibility(desk.projections, desk.service, desk.period.tmt_on, desk.scope)
    if standing in {s.value for s in Standing}:
        lines = [line for line in lines if line.standing.value == standing]
    names = roster_names(desk.projections, [line.employee_id for line in lines])
    entries = [{**row, "returned_reason": _returned_reason(desk, row["employee_id"])}
               for row in period_entries(desk.projections, desk.period.id.hex, desk.scope)]
    steps = [step for step in (cls() for cls in STEPS.values()) if step.available(desk)]
    return render_template("hr/promotion_period.html", period=desk.period, lines=lines,
                           names=names, entries=entries, steps=steps, standing=standing,
                           standing_labels=STANDING_LABELS,
                           problems=_problems, **_HELPERS)


def _returned_reason(desk: PeriodDesk, employee_hex: str) -> str | None:
    """Why the administrator returned the proposal, opened for the staff in scope ("[dihapus]"
    once the person's data was erased)."""
    assert desk.period is not None
    entry = desk.period.entries.get(UUID(hex=employee_hex))
    if entry is None or entry.returned_reason is None:
        return None
    subject_id = desk.service.get_employee(entry.employee_id).subject_id
    text = desk.service.vault.open(subject_id, "reason", entry.returned_reason)
    return "[dihapus]" if isinstance(text, Erased) else text


def _problems(line: Eligibility) -> list[str]:
    return [p.message(language()) for p in line.problems + line.to_verify]


def _rating_label(rating: Any) -> str:
    return choice_label(rating) if rating is not None else "–"


_HELPERS = {"status_label": status_label, "rule_text": rule_label,
            "rating_label": _rating_label, "calendar_label": calendar_label}


@bp.route("/kenaikan-pangkat/baru", methods=["GET", "POST"])
@roles_required(Role.HR_ADMIN)
def new_promotion_period() -> ResponseReturnValue:
    """Open a period of the calendar for the administrator's government."""
    desk = period_desk(None)
    return _run(OpenPeriod(), desk, url_for("hr.promotion_periods"))


@bp.route("/kenaikan-pangkat/<period_id>/<slug>", methods=["GET", "POST"])
@roles_required(*WRITERS)
def promotion_period_step(period_id: str, slug: str) -> ResponseReturnValue:
    """One step on a period (propose, verify, record the batch, close)."""
    step_class = STEPS.get(slug)
    if step_class is None:
        abort(404)
    desk = period_desk(period_id)
    chosen = step_class()
    if not chosen.available(desk):
        abort(404 if current_user.role is Role.HR_ADMIN or not chosen.admin_only else 403)
    back = url_for("hr.promotion_period", period_id=period_id)
    if isinstance(chosen, RecordBatch):
        return _run(chosen, desk, back, done=lambda: render_template(
            "hr/promotion_batch.html", period=desk.period, results=chosen.results,
            names=roster_names(desk.projections, [r.employee_id for r in chosen.results]),
            language=language()))
    return _run(chosen, desk, back)


def _run(chosen: PeriodStep, desk: PeriodDesk, back: str,
         done: Callable[[], ResponseReturnValue] | None = None) -> ResponseReturnValue:
    if not chosen.available(desk):
        abort(404)
    version = desk.period.version if desk.period is not None else 0

    def changes_since(after: int) -> list[Change]:
        if desk.period is None:
            return []
        found: list[Any] = list(desk.service.events.get(desk.period.id, gt=after))
        return [Change(type(e).__name__, getattr(e, "effective_on", None), e.timestamp,
                       getattr(e, "actor").user_id) for e in found]  # noqa: B009

    return run_form(FormPage(chosen, desk, version, "hr/_promotion_step_head.html", back,
                             done or (lambda: redirect(back)), changes_since,
                             _("Promotion period")))
