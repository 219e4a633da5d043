"""One step of a staff form: the `Action` every employee action, correction, recruitment step and
organisation form derives from.

An action says when it applies, which choices its form offers (only the valid ones), how its
input becomes a call of the application service, and what the confirmation step shows; the one
form runner (web/hr/runner.py) takes it through review, confirmation and conflicts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from flask_babel import LazyString
from wtforms import (
    SelectField,
    SelectMultipleField,
)

from domain.personnel_service import PersonnelService
from domain.values import (
    Actor,
)
from web.hr.forms import ActionForm, FieldText, option_labels
from web.hr.labels import choice_label
from web.ui import fmt_date

Command = Callable[[PersonnelService, Actor, int], None]


class Action:
    """One kind of personnel action."""

    slug: ClassVar[str]
    title: ClassVar[LazyString]  # what the step records, as a heading and a link
    rule: ClassVar[LazyString]  # the rule stated above the form
    form_class: ClassVar[type[ActionForm]]
    fields: ClassVar[tuple[str, ...]] = ()
    texts: ClassVar[dict[str, FieldText]] = {}
    field_map: ClassVar[dict[str, str]] = {}  # DomainError.field -> form field
    decree: ClassVar[bool] = True  # whether the form asks for the SK
    done_text: ClassVar[LazyString | None] = None  # the notice once recorded, when the
    # title (an imperative, as on a link) does not read as one: "<title> recorded."

    def available(self, ctx: Any) -> bool:
        return ctx.is_active

    def prepare(self, form: Any, ctx: Any) -> None:
        """Fill the form's choices with the valid ones for this employee."""

    def command(self, form: Any, ctx: Any) -> Command:
        raise NotImplementedError

    def summary(self, form: Any, ctx: Any) -> list[tuple[str, str]]:
        """What will be recorded, as (label, value) lines for the confirmation step."""
        return [(self.label(name), self.display(form, name)) for name in self.fields]

    def label(self, name: str) -> str:
        from web.hr.forms import field_text

        return field_text(name, self.texts)[0]

    def display(self, form: Any, name: str) -> str:
        field = form[name]
        if isinstance(field, SelectMultipleField):
            labels = option_labels(field)
            return ", ".join(str(labels.get(v, v)) for v in field.data or []) or "–"
        if isinstance(field, SelectField):
            return option_labels(field).get(field.data, field.data or "–")
        if isinstance(field.data, date):
            return fmt_date(field.data)
        return str(field.data) if field.data not in (None, "") else "–"

    def map_field(self, domain_field: str | None) -> str | None:
        if domain_field is None:
            return None
        name = {"legal_basis": "legal_number", "legal_basis.signed_on": "legal_signed_on",
                **self.field_map}.get(domain_field, domain_field)
        envelope = ("effective_on", "legal_number", "legal_signed_on")
        return name if name in (*envelope, *self.fields) else None


def enum_choices(values: Any) -> list[tuple[str, str]]:
    """(stored value, label in the reader's language) of each member, for a select field."""
    return [(member.value, choice_label(member)) for member in values]
