"""Corrections and annulments of earlier timeline entries: a new event that replaces fields of an
entry, or declares it void; the original stays.
"""

from __future__ import annotations

from typing import Any, ClassVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from wtforms import (
    DateField,
    DecimalField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from domain.values import (
    Expectation,
    JpHours,
    TrainingType,
)
from web.hr.actions import Context
from web.hr.forms import ActionForm, FieldText, options
from web.hr.step import Action, Command, enum_choices

# -- correction and annulment (from the timeline) ----------------------------------------------


class AnnulForm(ActionForm):
    reason = TextAreaField(validators=[InputRequired(), Length(max=2000)])


class Annulment(Action):
    slug = "pembatalan"
    title = _l("Annul an entry")
    rule = _l("A mistaken entry is declared void by a new entry; the original stays recorded. An "
              "appointment cannot be annulled (correct it instead). A reason is required.")
    form_class = AnnulForm
    fields = ("reason",)
    texts: ClassVar[dict[str, FieldText]] = {
        "effective_on": (_l("Date of the annulment decision"), "")}
    field_map: ClassVar[dict[str, str]] = {"target_version": "reason"}

    def available(self, ctx: Context) -> bool:
        return False  # offered from the timeline only

    def command(self, form: Any, ctx: Context) -> Command:
        assert ctx.target_version is not None
        target = ctx.target_version
        return lambda service, actor, version: service.annul(
            ctx.employee_id, target_version=target, effective_on=form.effective_on.data,
            actor=actor, reason=form.reason.data, legal_basis=form.legal_basis(),
            expected_version=version)


class CorrectForm(ActionForm):
    new_effective_on = DateField(validators=[Optional()])
    new_legal_number = StringField(validators=[Optional(), Length(max=120)])
    new_legal_signed_on = DateField(validators=[Optional()])
    reason = TextAreaField(validators=[InputRequired(), Length(max=2000)])
    DECREES = (("legal_number", "legal_signed_on"), ("new_legal_number", "new_legal_signed_on"))


class Correction(Action):
    slug = "koreksi"
    title = _l("Correct an entry")
    rule = _l("A correction records the right values in a new entry; the original stays "
              "recorded. The effective date, the decree and the entry's own fields (training "
              "type, title and hours; work result and behaviour; contract end) can be corrected; "
              "the rules are checked again for every later entry. A reason is required.")
    form_class = CorrectForm
    fields: ClassVar[tuple[str, ...]] = ("new_effective_on", "new_legal_number",
                                         "new_legal_signed_on", "reason")
    texts: ClassVar[dict[str, FieldText]] = {
        "effective_on": (_l("Date of the correction decision"), ""),
        "new_effective_on": (_l("Correct effective date"),
                             lazy_pgettext("effective date", "Leave empty if unchanged.")),
        "new_legal_number": (_l("Correct decree number"),
                             lazy_pgettext("decree", "Leave empty if unchanged.")),
        "new_legal_signed_on": (_l("Correct decree date"), ""),
    }
    field_map: ClassVar[dict[str, str]] = {
        "changes": "new_effective_on", "target_version": "reason",
        "changes.effective_on": "new_effective_on", "changes.legal_basis": "new_legal_number",
        "changes.legal_basis.signed_on": "new_legal_signed_on"}

    def map_field(self, domain_field: str | None) -> str | None:
        """A refused change ("changes.title") shows at the form field that carries it."""
        if domain_field is not None and domain_field not in self.field_map:
            domain_field = domain_field.removeprefix("changes.")
        return super().map_field(domain_field)

    def available(self, ctx: Context) -> bool:
        return False  # offered from the timeline only

    def changes(self, form: Any) -> dict[str, Any]:
        from domain.values import LegalBasis

        changes: dict[str, Any] = {}
        if form.new_effective_on.data:
            changes["effective_on"] = form.new_effective_on.data
        number = (form.new_legal_number.data or "").strip()
        if number and form.new_legal_signed_on.data:
            changes["legal_basis"] = LegalBasis(number, form.new_legal_signed_on.data)
        return changes

    def command(self, form: Any, ctx: Context) -> Command:
        assert ctx.target_version is not None
        target = ctx.target_version
        # The changes are built inside the call, so a value the domain refuses (hours out of
        # range, say) comes back as a field message like any other rule.
        return lambda service, actor, version: service.correct(
            ctx.employee_id, target_version=target, changes=self.changes(form),
            effective_on=form.effective_on.data, actor=actor, reason=form.reason.data,
            legal_basis=form.legal_basis(), expected_version=version)

    def for_kind(self, kind: str) -> Correction:
        """The correction form for an entry of this kind (its own fields beside date/SK)."""
        return CORRECTIONS.get(kind, self)


_UNCHANGED_HELP = _l("Leave empty if unchanged.")


def _unchanged() -> tuple[str, str]:
    """The first option of a select that may stay as it was."""
    return ("", _("– unchanged –"))


class TrainingCorrectForm(CorrectForm):
    training_type = SelectField(validators=[Optional()])
    title = StringField(validators=[Optional(), Length(max=200)])
    hours_jp = DecimalField(validators=[Optional(), NumberRange(0.5, 1000)], places=1)


class TrainingCorrection(Correction):
    form_class = TrainingCorrectForm
    fields = ("training_type", "title", "hours_jp", *Correction.fields)
    texts: ClassVar[dict[str, FieldText]] = {
        **Correction.texts,
        "training_type": (_l("Correct training type"), _UNCHANGED_HELP),
        "title": (_l("Correct training title"), _UNCHANGED_HELP),
        "hours_jp": (_l("Correct hours (JP)"), _UNCHANGED_HELP),
    }

    def prepare(self, form: Any, ctx: Context) -> None:
        form.training_type.choices = options([_unchanged(), *enum_choices(TrainingType)])

    def changes(self, form: Any) -> dict[str, Any]:
        changes = super().changes(form)
        if form.training_type.data:
            changes["training_type"] = TrainingType(form.training_type.data)
        if (form.title.data or "").strip():
            changes["title"] = form.title.data.strip()
        if form.hours_jp.data is not None:
            changes["hours_jp"] = JpHours(float(form.hours_jp.data))
        return changes


class AppraisalCorrectForm(CorrectForm):
    work_result = SelectField(validators=[Optional()])
    behaviour = SelectField(validators=[Optional()])


class AppraisalCorrection(Correction):
    form_class = AppraisalCorrectForm
    fields = ("work_result", "behaviour", *Correction.fields)
    texts: ClassVar[dict[str, FieldText]] = {
        **Correction.texts,
        "work_result": (_l("Correct work result"), _UNCHANGED_HELP),
        "behaviour": (_l("Correct work behaviour"), _UNCHANGED_HELP),
    }

    def prepare(self, form: Any, ctx: Context) -> None:
        for field in (form.work_result, form.behaviour):
            field.choices = options([_unchanged(), *enum_choices(Expectation)])

    def changes(self, form: Any) -> dict[str, Any]:
        changes = super().changes(form)
        for name in ("work_result", "behaviour"):
            if form[name].data:
                changes[name] = Expectation(form[name].data)
        return changes


class ContractCorrectForm(CorrectForm):
    ends_on = DateField(validators=[Optional()])


class ContractCorrection(Correction):
    form_class = ContractCorrectForm
    fields = ("ends_on", *Correction.fields)
    texts: ClassVar[dict[str, FieldText]] = {
        **Correction.texts,
        "ends_on": (_l("Correct contract end"), _UNCHANGED_HELP),
    }

    def changes(self, form: Any) -> dict[str, Any]:
        changes = super().changes(form)
        if form.ends_on.data:
            changes["ends_on"] = form.ends_on.data
        return changes


CORRECTIONS: dict[str, Correction] = {
    "TrainingCompleted": TrainingCorrection(), "AppraisalRecorded": AppraisalCorrection(),
    "ContractRenewed": ContractCorrection()}
TIMELINE_ACTIONS: dict[str, Action] = {a.slug: a for a in (Annulment(), Correction())}
