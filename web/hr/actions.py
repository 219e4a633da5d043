"""The personnel actions HR staff record on an employee, one class each: form, valid choices,
command, summary.

The routes in web/hr/routes.py run every action through the one form runner; corrections and
annulments of earlier entries are in web/hr/corrections.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar
from uuid import UUID

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from wtforms import (
    DateField,
    DecimalField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from domain.employee_rules import check_grade_allowed, promotable_grades
from domain.errors import DomainError
from domain.regulations import CREDIT_POINTS_FOR_GRADE, TRAINING_TARGET_JP, rater_types
from domain.values import (
    Expectation,
    Grade,
    JpHours,
    PenaltyType,
    PromotionKind,
    SeparationType,
    Sex,
    TopicTag,
    TrainingType,
)
from projections.views import hr_queries
from projections.views.roster import ERASED_MARK
from web import get_service
from web.hr.forms import (
    ActionForm,
    FieldText,
    RuleChoiceField,
    is_grade,
    is_uuid,
    options,
    year_field,
)
from web.hr.labels import choice_label, sex_choices
from web.hr.step import Action, Command, enum_choices
from web.ui import language


@dataclass
class Context:
    """The employee an action is about, as the roster shows them now."""

    employee_id: UUID
    row: dict[str, Any]
    projections: Any
    today: date
    target_version: int | None = None  # the timeline entry a correction or annulment targets

    @property
    def status(self) -> str:
        return str(self.row["status"])

    @property
    def is_active(self) -> bool:
        return self.status in ("CPNS", "PNS", "PPPK")


# -- promotion ---------------------------------------------------------------------------------


class PromotionForm(ActionForm):
    kind = SelectField(validators=[InputRequired()])
    to_grade = RuleChoiceField(validators=[InputRequired()], well_formed=is_grade)
    credit_points = DecimalField(validators=[Optional(), NumberRange(0, 10_000)], places=2)
    reason = TextAreaField(validators=[Optional(), Length(max=2000)])


class Promotion(Action):
    slug = "kenaikan-pangkat"
    title = _l("Rank promotion")
    rule = _l("One grade up only, for every kind never above the education cap nor outside "
              "the grade range of the position held. Regular: at least 4 years in grade and a "
              "rating of at least Baik in the last 2 years. Functional: 2 years and enough "
              "credit points. Choice: 2 years and a decree. Effective on the 1st of a promotion "
              "month in force, at the latest the coming one.")
    form_class = PromotionForm
    fields = ("kind", "to_grade", "credit_points", "reason")
    texts: ClassVar[dict[str, FieldText]] = {
        "kind": (_l("Kind of promotion"), ""),
        "to_grade": (_l("New grade"), _l("Only the next grade, when the education cap and the "
                                          "position's range allow it.")),
        "credit_points": (_l("Credit points"), _l("Required for a functional promotion.")),
    }

    def available(self, ctx: Context) -> bool:
        grade = Grade(ctx.row["grade"])
        return ctx.status == "PNS" and not grade.is_pppk and grade.next() is not None

    def prepare(self, form: Any, ctx: Context) -> None:
        form.kind.choices = options(enum_choices(PromotionKind))
        following = Grade(ctx.row["grade"]).next()
        state = get_service(current_app).get_employee(ctx.employee_id).state
        allowed = promotable_grades(state)  # the next grade, if the cap and the post allow it
        form.to_grade.choices = options([(g.code, f"{g.code} — {g.title}") for g in allowed])
        if following is not None and not allowed:
            try:
                check_grade_allowed(state, following)
            except DomainError as refused:  # say why no grade is offered
                form.to_grade.description = " ".join(
                    p.message(language()) for p in refused.problems)
            return
        needed = CREDIT_POINTS_FOR_GRADE.get(following.code) if following else None
        if needed:
            form.credit_points.description = _("%(grade)s needs %(points)s.",
                                               grade=following, points=needed)

    def command(self, form: Any, ctx: Context) -> Command:
        points = float(form.credit_points.data) if form.credit_points.data is not None else None
        return lambda service, actor, version: service.promote_rank(
            ctx.employee_id, kind=PromotionKind(form.kind.data), to_grade=Grade(form.to_grade.data),
            effective_on=form.effective_on.data, actor=actor, legal_basis=form.legal_basis(),
            credit_points=points, reason=form.reason.data or None, expected_version=version)


# -- training ----------------------------------------------------------------------------------


class TrainingForm(ActionForm):
    training_type = SelectField(validators=[InputRequired()])
    title = StringField(validators=[InputRequired(), Length(max=200)])
    hours_jp = DecimalField(validators=[InputRequired(), NumberRange(0.5, 1000)], places=1)
    topics = SelectMultipleField(validators=[Optional()])


class Training(Action):
    slug = "pelatihan"
    title = _l("Training completed")
    rule = _l("Hours are credited on the completion date (1 JP = 45 minutes, steps of 0.5). "
              "Target %(target)s JP per employee per year. Latsar is for CPNS only.",
              target=TRAINING_TARGET_JP)
    form_class = TrainingForm
    fields = ("training_type", "title", "hours_jp", "topics")
    texts: ClassVar[dict[str, FieldText]] = {
        "effective_on": (_l("Completion date"),
                         _l("Hours count only once the training is completed.")),
        "training_type": (_l("Kind of training"), ""),
        "title": (lazy_pgettext("training", "Title"), ""),
        "hours_jp": (_l("Hours (JP)"), _l("Above 0, at most 1,000.")),
        "topics": (_l("Topics"), _l("Choose any that apply.")),
    }

    def prepare(self, form: Any, ctx: Context) -> None:
        types = [t for t in TrainingType if t is not TrainingType.LATSAR or ctx.status == "CPNS"]
        form.training_type.choices = options(enum_choices(types))
        form.topics.choices = options(enum_choices(TopicTag))

    def command(self, form: Any, ctx: Context) -> Command:
        return lambda service, actor, version: service.complete_training(
            ctx.employee_id, training_type=TrainingType(form.training_type.data),
            title=form.title.data, hours_jp=JpHours(float(form.hours_jp.data)),
            topics=tuple(TopicTag(t) for t in form.topics.data or ()),
            effective_on=form.effective_on.data, actor=actor, legal_basis=form.legal_basis(),
            expected_version=version)


# -- appraisal ---------------------------------------------------------------------------------


class AppraisalForm(ActionForm):
    year = year_field()
    work_result = SelectField(validators=[InputRequired()])
    behaviour = SelectField(validators=[InputRequired()])
    rater_id = RuleChoiceField(validators=[Optional()], well_formed=is_uuid)


class Appraisal(Action):
    slug = "penilaian-kinerja"
    title = _l("Annual appraisal (SKP)")
    rule = _l("One annual appraisal per employee per year, by the direct superior in the same "
              "agency. The rating is computed from the work result × behaviour matrix, never "
              "typed in.")
    form_class = AppraisalForm
    fields = ("year", "work_result", "behaviour", "rater_id")
    texts: ClassVar[dict[str, FieldText]] = {
        "effective_on": (_l("Appraisal date"), ""),
        "year": (_l("Year appraised"), ""),
        "work_result": (_l("Work result"), ""),
        "behaviour": (_l("Work behaviour"), ""),
        "rater_id": (_l("Rater"),
                     _l("Only superiors who may rate this employee's position are listed. JPT "
                        "holders are rated by the regional head: leave it empty.")),
    }

    def prepare(self, form: Any, ctx: Context) -> None:
        form.work_result.choices = options(enum_choices(Expectation))
        form.behaviour.choices = options(enum_choices(Expectation))
        from domain.values import PositionType

        ratee = ctx.row["position_type"]
        allowed = rater_types(PositionType(ratee) if ratee else None)
        raters = hr_queries.raters(ctx.projections, ctx.row["agency_id"],
                                   sorted(t.value for t in allowed), ctx.row["employee_id"])
        form.rater_id.choices = options([("", "–")] + [
            (r["employee_id"], f"{r['name']} — {r['position_title'] or ''}") for r in raters])
        if form.year.data is None and not form.is_submitted():
            form.year.data = ctx.today.year - 1

    def command(self, form: Any, ctx: Context) -> Command:
        rater = UUID(form.rater_id.data) if form.rater_id.data else None
        return lambda service, actor, version: service.record_appraisal(
            ctx.employee_id, year=form.year.data, work_result=Expectation(form.work_result.data),
            behaviour=Expectation(form.behaviour.data), rater_id=rater,
            effective_on=form.effective_on.data, actor=actor, expected_version=version)

    def summary(self, form: Any, ctx: Context) -> list[tuple[str, str]]:
        from domain.values import Rating

        rating = Rating.from_matrix(Expectation(form.work_result.data),
                                    Expectation(form.behaviour.data))
        return [*super().summary(form, ctx),
                (_("Rating (computed)"), choice_label(rating))]


# -- probation, contract -----------------------------------------------------------------------


class Probation(Action):
    slug = "lulus-masa-percobaan"
    title = _l("Probation passed (CPNS to PNS)")
    rule = _l("Only for a CPNS who served the one-year probation and completed Latsar.")
    form_class = ActionForm

    def available(self, ctx: Context) -> bool:
        return ctx.status == "CPNS"

    def command(self, form: Any, ctx: Context) -> Command:
        return lambda service, actor, version: service.pass_probation(
            ctx.employee_id, effective_on=form.effective_on.data, actor=actor,
            legal_basis=form.legal_basis(), expected_version=version)


class ContractForm(ActionForm):
    ends_on = DateField(validators=[InputRequired()])


class ContractRenewal(Action):
    slug = "perpanjangan-kontrak"
    title = _l("PPPK contract renewal")
    rule = _l("PPPK only; the new contract ends after the current one.")
    form_class = ContractForm
    fields = ("ends_on",)
    texts: ClassVar[dict[str, FieldText]] = {
        "ends_on": (_l("Contract ends on"), "")}

    def available(self, ctx: Context) -> bool:
        return ctx.status == "PPPK"

    def command(self, form: Any, ctx: Context) -> Command:
        return lambda service, actor, version: service.renew_contract(
            ctx.employee_id, ends_on=form.ends_on.data, effective_on=form.effective_on.data,
            actor=actor, legal_basis=form.legal_basis(), expected_version=version)


# -- positions and transfer --------------------------------------------------------------------


class AssignForm(ActionForm):
    position_id = SelectField(validators=[InputRequired()])


class PositionAssignment(Action):
    slug = "pengangkatan-jabatan"
    title = _l("Position assignment")
    rule = _l("Only vacant positions of the employee's agency whose grade range admits the "
              "employee's grade. A position held before is released on the same date.")
    form_class = AssignForm
    fields = ("position_id",)
    texts: ClassVar[dict[str, FieldText]] = {
        "position_id": (_l("Position"), "")}

    def prepare(self, form: Any, ctx: Context) -> None:
        positions = hr_queries.vacant_positions_admitting(
            ctx.projections, ctx.row["agency_id"], Grade(ctx.row["grade"]))
        form.position_id.choices = options([
            (p["id"], f"{p['title']} ({p['unit_name']}; {p['lowest']}–{p['highest']})")
            for p in positions])

    def command(self, form: Any, ctx: Context) -> Command:
        return lambda service, actor, version: service.assign_position(
            ctx.employee_id, position_id=UUID(form.position_id.data),
            effective_on=form.effective_on.data, actor=actor, legal_basis=form.legal_basis(),
            expected_version=version)


class PositionRelease(Action):
    slug = "pelepasan-jabatan"
    title = _l("Position release")
    rule = _l("Releases the position held; the employee stays in the same unit.")
    form_class = ActionForm

    def available(self, ctx: Context) -> bool:
        return ctx.is_active and bool(ctx.row["position_id"])

    def command(self, form: Any, ctx: Context) -> Command:
        return lambda service, actor, version: service.release_position(
            ctx.employee_id, effective_on=form.effective_on.data, actor=actor,
            legal_basis=form.legal_basis(), expected_version=version)


class TransferForm(ActionForm):
    to_unit = SelectField(validators=[InputRequired()])
    reason = TextAreaField(validators=[Optional(), Length(max=2000)])


class Transfer(Action):
    slug = "mutasi"
    title = _l("Transfer")
    rule = _l("Move to another unit of the same government; the position held is left.")
    form_class = TransferForm
    fields = ("to_unit", "reason")
    texts: ClassVar[dict[str, FieldText]] = {
        "to_unit": (_l("Destination unit"), _l("Only units of the same government."))}
    field_map: ClassVar[dict[str, str]] = {"to_agency_id": "to_unit", "to_unit_id": "to_unit",
                                           "unit_id": "to_unit"}

    def prepare(self, form: Any, ctx: Context) -> None:
        agencies = hr_queries.agencies(ctx.projections,
                                       hr_queries.Scope(government_id=ctx.row["government_id"]))
        units = hr_queries.units(ctx.projections, [a["id"] for a in agencies])
        form.to_unit.choices = options(
            (f"{u['agency_id']}:{u['id']}", f"{u['agency_name']} — {u['name']}")
            for u in units if u["id"] != ctx.row["unit_id"])

    def command(self, form: Any, ctx: Context) -> Command:
        agency_id, _colon, unit_id = form.to_unit.data.partition(":")
        return lambda service, actor, version: service.transfer(
            ctx.employee_id, to_agency_id=UUID(agency_id), to_unit_id=UUID(unit_id),
            effective_on=form.effective_on.data, actor=actor, legal_basis=form.legal_basis(),
            reason=form.reason.data or None, expected_version=version)


# -- discipline and separation -----------------------------------------------------------------


class PenaltyForm(ActionForm):
    penalty_type = SelectField(validators=[InputRequired()])
    reason = TextAreaField(validators=[InputRequired(), Length(max=2000)])


class Penalty(Action):
    slug = "hukuman-disiplin"
    title = _l("Disciplinary penalty")
    rule = _l("The penalty type fixes its level (light, medium, heavy; PP 94/2021). A reason is "
              "required.")
    form_class = PenaltyForm
    fields = ("penalty_type", "reason")
    texts: ClassVar[dict[str, FieldText]] = {
        "penalty_type": (_l("Penalty"), "")}
    field_map: ClassVar[dict[str, str]] = {"level": "penalty_type"}

    def prepare(self, form: Any, ctx: Context) -> None:
        form.penalty_type.choices = options([
            (p.value, f"{choice_label(p.level)}: {choice_label(p)}") for p in PenaltyType])

    def command(self, form: Any, ctx: Context) -> Command:
        penalty = PenaltyType(form.penalty_type.data)
        return lambda service, actor, version: service.impose_penalty(
            ctx.employee_id, level=penalty.level, penalty_type=penalty,
            effective_on=form.effective_on.data, actor=actor, legal_basis=form.legal_basis(),
            reason=form.reason.data, expected_version=version)


class SeparationForm(ActionForm):
    separation_type = SelectField(validators=[InputRequired()])
    reason = TextAreaField(validators=[Optional(), Length(max=2000)])


class Separation(Action):
    slug = "pemberhentian"
    title = _l("Separation")
    rule = _l("Retirement only on or after the retirement age of the position; a dishonourable "
              "dismissal needs a reason; contract end is for PPPK only. Nothing can be recorded "
              "with a later date afterwards.")
    form_class = SeparationForm
    fields = ("separation_type", "reason")
    texts: ClassVar[dict[str, FieldText]] = {
        "separation_type": (_l("Kind of separation"), "")}

    def prepare(self, form: Any, ctx: Context) -> None:
        kinds = [s for s in SeparationType
                 if s is not SeparationType.CONTRACT_END or ctx.status == "PPPK"]
        form.separation_type.choices = options(enum_choices(kinds))

    def command(self, form: Any, ctx: Context) -> Command:
        return lambda service, actor, version: service.separate(
            ctx.employee_id, separation_type=SeparationType(form.separation_type.data),
            effective_on=form.effective_on.data, actor=actor, legal_basis=form.legal_basis(),
            reason=form.reason.data or None, expected_version=version)


# -- personal data ----------------------------------------------------------------------------


class PersonalDataForm(ActionForm):
    name = StringField(validators=[Optional(), Length(max=200)])
    nip = StringField(validators=[Optional(), Length(max=40)])
    birth_on = DateField(validators=[Optional()])
    sex = SelectField(validators=[Optional()])
    contact = StringField(validators=[Optional(), Length(max=200)])
    reason = TextAreaField(validators=[InputRequired(), Length(max=2000)])


class PersonalDataCorrection(Action):
    slug = "koreksi-data-pribadi"
    title = _l("Correct personal data")
    rule = _l("For a mistyped name, NIP, birth date, sex or contact. The NIP must still match "
              "the birth date, sex and first TMT, and be free. The old data stays stored "
              "encrypted; a reason is required.")
    form_class = PersonalDataForm
    decree = False
    fields = ("name", "nip", "birth_on", "sex", "contact", "reason")
    texts: ClassVar[dict[str, FieldText]] = {
        "effective_on": (_l("Date of the correction"), ""),
        "name": (_l("Correct name"), _l("Leave empty if unchanged.")),
        "nip": (_l("Correct NIP / NI PPPK"), _l("Leave empty if unchanged.")),
        "birth_on": (_l("Correct birth date"), _l("Leave empty if unchanged.")),
        "sex": (_l("Correct sex"), ""),
        "contact": (_l("Correct contact"), _l("Leave empty if unchanged.")),
    }

    def available(self, ctx: Context) -> bool:
        return ctx.row["name"] != ERASED_MARK  # an erased person has nothing to correct

    def prepare(self, form: Any, ctx: Context) -> None:
        form.sex.choices = options([("", _("– unchanged –")), *sex_choices()])

    def command(self, form: Any, ctx: Context) -> Command:
        def text_or_none(field: Any) -> str | None:
            return (field.data or "").strip() or None

        return lambda service, actor, version: service.correct_personal_data(
            ctx.employee_id, name=text_or_none(form.name), nip=text_or_none(form.nip),
            birth_on=form.birth_on.data, sex=Sex(form.sex.data) if form.sex.data else None,
            contact=text_or_none(form.contact), effective_on=form.effective_on.data,
            actor=actor, reason=form.reason.data, expected_version=version)


ACTIONS: dict[str, Action] = {a.slug: a for a in (
    Promotion(), PositionAssignment(), PositionRelease(), Transfer(), Training(), Appraisal(),
    Penalty(), ContractRenewal(), Probation(), Separation(), PersonalDataCorrection())}
