"""Marshmallow schemas of the JSON API; each action's body is derived from its HTML form.

Deriving the body from the form keeps one definition of each action's fields: the API and the
HTML form accept the same names, and the form's validators and the domain's rules run for both.
Messages are plain English here (see ../shared notes on lazy strings in marshmallow).
"""

from __future__ import annotations

from typing import Any

from flask_babel import force_locale, gettext
from marshmallow import Schema, fields, validate
from wtforms import (
    DateField,
    DecimalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired

from web.hr.forms import N_
from web.hr.step import Action
from web.inputs import MAX_VERSION

# marshmallow's own messages for a body or query of the wrong form, as it writes them: marked
# for the catalogues so that their problems carry them in both languages (a message with a
# value in it, such as a length's bounds, stays in English).
MARSHMALLOW_MESSAGES = (
    N_("Missing data for required field."), N_("Field may not be null."), N_("Invalid value."),
    N_("Not a valid integer."), N_("Not a valid date."), N_("Not a valid string."),
    N_("Not a valid list."), N_("Not a valid boolean."), N_("Not a valid number."),
    N_("Number too large."), N_("Unknown field."), N_("Invalid input type."),
    N_("Not a valid utf-8 string."),
    N_("Special numeric values (nan or infinity) are not permitted."),
)


def input_problems(messages: dict[str, Any]) -> list[dict[str, Any]]:
    """Problems (rule INPUT_INVALID) of marshmallow's messages for a request ({location:
    {field: [message] or nested messages}}), each message in both languages."""
    problems = []
    for by_field in messages.values():
        for field, found in (by_field.items() if isinstance(by_field, dict) else ()):
            for message in _flat(found):
                both = {}
                for lang in ("id", "en"):
                    with force_locale(lang):
                        both[lang] = gettext(message)
                problems.append({"rule": "INPUT_INVALID", "field": field,
                                 "message": gettext(message), "messages": both})
    return problems


def _flat(found: Any) -> list[str]:
    """The messages of one field, however deep marshmallow nested them (list items, keys)."""
    if isinstance(found, str):
        return [found]
    if isinstance(found, dict):
        return [m for value in found.values() for m in _flat(value)]
    return [m for value in found for m in _flat(value)]


class MessagesSchema(Schema):
    id = fields.String(metadata={"description": "in Bahasa Indonesia"})
    en = fields.String(metadata={"description": "in English"})


class RuleProblemSchema(Schema):
    rule = fields.String(metadata={
        "description": "the stable code of the rule refused: a domain rule (e.g. "
                       "PROMOTION_ONE_STEP, RATER_NOT_SUPERIOR, DATE_TOO_LATE) or INPUT_INVALID "
                       "for a value of the wrong form"})
    field = fields.String(allow_none=True, metadata={
        "description": "the body field to change; null when the rule concerns the request"})
    message = fields.String(metadata={"description": "in the request's language"})
    messages = fields.Nested(MessagesSchema)


class ProblemSchema(Schema):
    code = fields.Integer()
    status = fields.String()
    message = fields.String()
    errors = fields.Dict()
    problems = fields.List(fields.Nested(RuleProblemSchema), metadata={
        "description": "why an action was refused (422), one entry per rule broken"})


class RosterArgs(Schema):
    q = fields.String(validate=validate.Length(max=100), load_default="")
    agency = fields.String(validate=validate.Length(max=40), load_default="")
    status = fields.String(load_default="active", validate=validate.OneOf(
        ["active", "all", "CPNS", "PNS", "PPPK", "SEPARATED"]))
    grade_group = fields.String(load_default="", validate=validate.OneOf(
        ["", "I", "II", "III", "IV", "PPPK"]))
    type = fields.String(load_default="", validate=validate.OneOf(["", "PNS", "PPPK"]))
    flag = fields.String(load_default="", validate=validate.OneOf(
        ["", "under_jp", "appraisal_missing", "retiring"]))
    sort = fields.String(load_default="name", validate=validate.OneOf(
        ["name", "grade", "grade_since", "retirement_on", "training_jp", "appointed_on",
         "agency"]))
    dir = fields.String(load_default="asc", validate=validate.OneOf(["asc", "desc"]))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))


class EmployeeSummary(Schema):
    id = fields.String(attribute="employee_id")
    version = fields.Integer()
    name = fields.String()
    nip = fields.String()
    status = fields.String()
    employment_type = fields.String()
    grade = fields.String()
    grade_since = fields.String()
    government_id = fields.String()
    agency_id = fields.String()
    agency_name = fields.String()
    unit_id = fields.String()
    unit_name = fields.String(allow_none=True)
    position_id = fields.String(allow_none=True)
    position_title = fields.String(allow_none=True)
    position_type = fields.String(allow_none=True)
    appointed_on = fields.String()
    training_year = fields.Integer(allow_none=True)
    training_jp = fields.Float()
    rating = fields.String(allow_none=True)
    rating_year = fields.Integer(allow_none=True)
    retirement_on = fields.String(allow_none=True)
    separated_on = fields.String(allow_none=True)


class RosterPageSchema(Schema):
    total = fields.Integer()
    page = fields.Integer()
    pages = fields.Integer()
    items = fields.List(fields.Nested(EmployeeSummary))


class TimelineEntrySchema(Schema):
    version = fields.Integer()
    effective_on = fields.Date()
    recorded_at = fields.DateTime()
    kind = fields.String()
    actor_user = fields.String()
    actor_role = fields.String()
    legal_number = fields.String(allow_none=True)
    status = fields.String()
    changed_by_version = fields.Integer(allow_none=True)
    details = fields.Dict()


class EmployeeSchema(EmployeeSummary):
    timeline = fields.List(fields.Nested(TimelineEntrySchema))
    actions = fields.List(fields.String(), metadata={
        "description": "API names of the actions that apply to this employee now"})


class RecordedSchema(Schema):
    version = fields.Integer(metadata={"description": "the record's version after the action"})
    dry_run = fields.Boolean()
    summary = fields.Dict(metadata={"description": "what is (or would be) recorded"})


class DryRunArgs(Schema):
    dry_run = fields.Boolean(load_default=False, metadata={
        "description": "check every rule and answer what would be recorded, writing nothing"})


def _envelope() -> dict[str, fields.Field]:
    return {
        "version": fields.Integer(
            required=True, validate=validate.Range(min=1, max=MAX_VERSION), metadata={
                "description": "the record version the request is based on (409 if it changed)"}),
        "effective_on": fields.Date(required=True, metadata={"description": "TMT"}),
        "legal_number": fields.String(load_default=None, allow_none=True,
                                      validate=validate.Length(max=120)),
        "legal_signed_on": fields.Date(load_default=None, allow_none=True),
    }


def _field_for(unbound: Any) -> fields.Field:
    cls = unbound.field_class
    required = any(isinstance(v, InputRequired) for v in unbound.kwargs.get("validators", ()))
    options: dict[str, Any] = ({"required": True} if required
                               else {"load_default": None, "allow_none": True})
    if issubclass(cls, SelectMultipleField):
        return fields.List(fields.String(validate=validate.Length(max=100)), **options)
    if issubclass(cls, DateField):
        return fields.Date(**options)
    if issubclass(cls, DecimalField):
        return fields.Float(allow_nan=False, **options)
    if issubclass(cls, IntegerField):
        return fields.Integer(strict=True, **options)
    if issubclass(cls, (SelectField, StringField, TextAreaField)):
        return fields.String(validate=validate.Length(max=2000), **options)
    raise TypeError(f"no API field for {cls.__name__}")


def body_schema(action: Action, name: str) -> type[Schema]:
    """The JSON body of `action`: the envelope plus the action's own form fields."""
    declared = {**_envelope(), **{field: _field_for(getattr(action.form_class, field))
                                  for field in action.fields}}
    return Schema.from_dict(declared, name=name)
