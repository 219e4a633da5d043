"""The forms of the performance cycle on the employee's desk: drafting the SKP, a step on a
plan, a rating, a feedback entry, an objection and its decision; and how the draft's lines
become work results."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from domain.performance_plan import (
    FeedbackKind,
    ObjectionOutcome,
    PerformancePlan,
    ResultRef,
    WorkResult,
)
from domain.values import Expectation
from web.hr.forms import options
from web.hr.step import enum_choices

MAX_RESULTS = 50
MAX_TEXT = 2000
NO_SUPERIOR = "-"


class DraftPlanForm(FlaskForm):
    superior_id = SelectField(_l("Superior who agrees and rates the plan"),
                              validators=[InputRequired()])
    results = TextAreaField(
        _l("Work results"), validators=[InputRequired(), Length(max=20_000)],
        description=_l("One work result a line: result | indicator; indicator | number of "
                       "your superior's result it serves (optional)."))


class RevisionForm(FlaskForm):
    """The superior's change of an agreed plan during its year: the whole list again."""

    results = TextAreaField(
        _l("The plan's work results"), validators=[InputRequired(), Length(max=20_000)],
        description=_l("One work result a line: result | indicator; indicator | number of "
                       "your own work result it serves (optional)."))


def results_text(results: Sequence[WorkResult]) -> str:
    """A plan's work results as the draft and revision forms write them."""
    return "\n".join(
        " | ".join([r.text, "; ".join(r.indicators),
                    *([str(r.cascaded_from.index + 1)] if r.cascaded_from else [])])
        for r in results)


class StepForm(FlaskForm):
    """A step with nothing to fill in (submission, agreement): the CSRF token only."""


class RatingForm(FlaskForm):
    work_result = SelectField(_l("Work result"), validators=[InputRequired()])
    behaviour = SelectField(_l("Work behaviour"), validators=[InputRequired()])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for field in (self.work_result, self.behaviour):
            field.choices = options(enum_choices(Expectation))


class FeedbackForm(FlaskForm):
    kind = SelectField(_l("Kind"), validators=[InputRequired()])
    held_on = DateField(_l("Date"), validators=[InputRequired()], default=date.today)
    text = TextAreaField(_l("Text"), validators=[InputRequired(), Length(max=MAX_TEXT)])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = options(enum_choices(FeedbackKind))


class ObjectionForm(FlaskForm):
    reason = TextAreaField(_l("Why you object to the rating"),
                           validators=[InputRequired(), Length(max=MAX_TEXT)])


class ObjectionDecisionForm(FlaskForm):
    """The decision of the official above the rater: the rating stands, or it becomes the
    official's own (still inside the unit's pattern)."""

    outcome = SelectField(_l("Decision"), validators=[InputRequired()])
    work_result = SelectField(_l("Work result"), validators=[Optional()],
                              description=_l("Only when the objection is upheld: the rating "
                                             "that replaces the rater's."))
    behaviour = SelectField(_l("Work behaviour"), validators=[Optional()])
    reason = TextAreaField(_l("Reasons for the decision"),
                           validators=[InputRequired(), Length(max=MAX_TEXT)])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.outcome.choices = options([
            (ObjectionOutcome.DISMISSED.value, _l("Dismissed: the rating stands")),
            (ObjectionOutcome.UPHELD.value, _l("Upheld: the rating is changed"))])
        for field in (self.work_result, self.behaviour):
            field.choices = options([("", "–"), *enum_choices(Expectation)])


def parsed_results(text: str, superior_plan: PerformancePlan | None) -> list[WorkResult]:
    """The draft's lines as work results: `result | indicator; indicator | n`, where n is the
    number (from 1) of the superior's work result the line serves."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_RESULTS:
        raise ValidationError(_("At most %(most)d work results.", most=MAX_RESULTS))
    found = []
    for number, line in enumerate(lines, start=1):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) not in (2, 3) or not parts[0]:
            raise ValidationError(_("Line %(line)d: write result | indicator; indicator.",
                                    line=number))
        indicators = tuple(i.strip() for i in parts[1].split(";") if i.strip())
        ref = None
        if len(parts) == 3 and parts[2]:
            served = int(parts[2]) if parts[2].isdigit() else 0
            if superior_plan is None or not 1 <= served <= len(superior_plan.results):
                raise ValidationError(_("Line %(line)d: your superior's plan has no work "
                                        "result %(number)s.", line=number, number=parts[2]))
            ref = ResultRef(superior_plan.id, served - 1)
        found.append(WorkResult(parts[0], indicators, ref))
    return found
