"""The shared pattern of every action form: the envelope fields, WTForms' messages, labels.

Every action form carries the record's `version` it was based on (concurrency), the effective
date (TMT) and the decree (SK number and date). Field labels and help texts live in `FIELDS`
(lazy, so they are translated when a page is rendered); WTForms' built-in messages go through
the app's catalogues by `Translations`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar
from uuid import UUID

import flask_babel
from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from domain.values import PNS_GRADES, PPPK_GRADES, LegalBasis
from web.inputs import MAX_VERSION, whole_number

# (label, help text) of a form field; the help may be empty.
FieldText = tuple[LazyString, LazyString | str]


def N_(message: str) -> str:
    """Mark a message for the catalogues without translating it here."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with a plural form for the catalogues (babel.cfg names both markers)."""
    return singular, plural


# WTForms' and Flask-WTF's own messages, as they write them: marked here so that extraction keeps
# them in the catalogues (WTForms ships no Indonesian). Several map to the same Indonesian text.
WTFORMS_MESSAGES = (
    N_("This field is required."), N_("Not a valid date value."), N_("Not a valid choice."),
    N_("Not a valid integer value."), N_("Not a valid float value."),
    N_("Not a valid decimal value."), N_("Invalid Choice: could not coerce."),
    N_("Invalid choice(s): one or more data inputs could not be coerced."),
    N_("'%(value)s' is not a valid choice for this field."),
    N_("Number must be between %(min)s and %(max)s."),
    N_("Field must be between %(min)d and %(max)d characters long."),
    N_plural("Field cannot be longer than %(max)d character.",
             "Field cannot be longer than %(max)d characters."),
    N_plural("Field must be at least %(min)d character long.",
             "Field must be at least %(min)d characters long."),
    N_("The CSRF token is missing."), N_("The CSRF token is invalid."),
    N_("The CSRF token has expired."),
)


class Translations:
    """WTForms' messages through the app's catalogues, in the reader's language."""

    # Straight from the catalogue: WTForms fills in the placeholders itself (`% dict(min=...)`),
    # which flask_babel.ngettext would try first with only `num`.
    def gettext(self, string: str) -> str:
        return str(flask_babel.get_translations().ugettext(string))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return str(flask_babel.get_translations().ungettext(singular, plural, n))


def _no_blank_choice(data: Any) -> Any:
    """A choice of only spaces is no choice: WTForms' `Optional` lets it through unchecked,
    and the action would then read it as a value (a 500, where nothing was chosen)."""
    if isinstance(data, str):
        return data if data.strip() else None
    if isinstance(data, list):
        return [item for item in data if not isinstance(item, str) or item.strip()]
    return data


class BaseForm(FlaskForm):
    class Meta:
        def get_translations(self, form: Any) -> Translations:
            return Translations()

        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
            if issubclass(unbound_field.field_class, (SelectField, SelectMultipleField)):
                filters = unbound_field.kwargs.get("filters", ())
                options = {**options, "filters": (_no_blank_choice, *filters)}
            return unbound_field.bind(form=form, **options)


class ActionForm(BaseForm):
    """Fields every action has. `version` is the record version the officer saw."""

    version = HiddenField(validators=[InputRequired()])
    effective_on = DateField(validators=[InputRequired()])
    legal_number = StringField(validators=[Optional(), Length(max=120)])
    legal_signed_on = DateField(validators=[Optional()])

    DECREES: ClassVar[tuple[tuple[str, str], ...]] = (("legal_number", "legal_signed_on"),)

    def validate(self, extra_validators: Any = None) -> bool:
        """Field checks, then a decree number needs its date (a date alone is ignored)."""
        valid = super().validate(extra_validators)
        for number, signed_on in self.DECREES:
            date_field = self[signed_on]
            if date_field.errors:
                continue
            if (self[number].data or "").strip() and not date_field.data:
                date_field.errors = [*date_field.errors, _("Enter the decree date.")]
                valid = False
            elif date_field.data and date_field.data > date.today():
                date_field.errors = [*date_field.errors,
                                     _("The decree date cannot be in the future.")]
                valid = False
        return valid

    def validate_version(self, field: HiddenField) -> None:
        if whole_number(field.data, 0, MAX_VERSION) is None:
            raise ValidationError(_("The form is incomplete; open it again from the "
                                    "employee page."))

    def legal_basis(self) -> LegalBasis | None:
        number = (self.legal_number.data or "").strip()
        if not number:
            return None
        assert self.legal_signed_on.data is not None
        return LegalBasis(number, self.legal_signed_on.data)

    def expected_version(self) -> int:
        return int(self.version.data.strip())


class RuleChoiceField(SelectField):
    """A select that offers the valid choices but accepts any well-formed value of its kind
    (`well_formed`), so that the domain's rule says why one is refused (two grades up, a
    subordinate as rater, a candidate outside the shortlist) instead of "Not a valid choice"."""

    def __init__(self, *args: Any, well_formed: Callable[[str], bool], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.well_formed = well_formed

    def pre_validate(self, form: Any) -> None:
        if isinstance(self.data, str) and self.data and self.well_formed(self.data):
            return
        super().pre_validate(form)


def is_grade(text: str) -> bool:
    """Whether `text` is a grade's code (PNS or PPPK), which the domain will judge."""
    return text in {code for code, _ in PNS_GRADES} or text in PPPK_GRADES


def is_uuid(text: str) -> bool:
    """Whether `text` is a UUID (an id the domain will look up and judge)."""
    try:
        UUID(text)
    except ValueError:
        return False
    return True


def year_field() -> IntegerField:
    return IntegerField(validators=[InputRequired(), NumberRange(1950, 2100)])


# The envelope fields every action has; an action's `texts` may say them otherwise.
FIELDS: dict[str, FieldText] = {
    "effective_on": (_l("Effective date (TMT)"),
                     _l("The date the action takes effect under the decree, not today's date.")),
    "legal_number": (_l("Decree (SK) number"),
                     _l("The legal basis; required where the rule needs one.")),
    "legal_signed_on": (_l("Decree date"), ""),
    "reason": (_l("Reason"), _l("Stored encrypted; never shown on a public page.")),
}


def field_text(name: str, overrides: dict[str, FieldText] | None = None) -> tuple[str, str]:
    """(label, help) of a field in the reader's language."""
    label, help_text = (overrides or {}).get(name) or FIELDS.get(name) or (name, "")
    return str(label), str(help_text)


def options(pairs: Any) -> list[SelectChoice]:
    """Select options from (value, label) pairs (WTForms 3.3 deprecates plain tuples)."""
    return [SelectChoice(value=str(value), label=str(label)) for value, label in pairs]


def option_labels(field: Any) -> dict[str, str]:
    return {choice.value: choice.label for choice in field.choices or ()}
