"""The one way every staff form runs: form → review (a dry run) → confirm → record, or conflict.

GET shows the form for the version the record, round or agency has now. POST `step=review`
validates the input and dry-runs the command (`service.dry_run()`: every rule of the domain is
checked and nothing is written anywhere); POST `step=confirm` records it with the version the
form was based on. A refusal re-renders the form with each message at its field (422); a record
that changed meanwhile shows what changed since (409). Employee actions (web/hr/routes.py),
recruitment steps (web/hr/recruitment/routes.py) and organisation forms (web/hr/organisation.py)
all come through here; so should every form added later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask import current_app, flash, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.validators import ValidationError

from domain.errors import ConcurrencyConflictError, DomainError
from web import get_service
from web.hr.forms import field_text
from web.ui import language


@dataclass(frozen=True)
class Change:
    """One recorded change shown on the conflict page."""

    kind: str  # already in the reader's language
    effective_on: date | str | None
    recorded_at: datetime | str | None
    actor: str


@dataclass
class FormPage:
    """What a form is about and where it leads; the step itself says what it records."""

    step: Any  # an Action (web/hr/actions.py) or one of its kinds
    ctx: Any  # what the step acts on: an employee's Context, a recruitment Desk, ...
    version: int  # the version of the record the form is based on
    head: str  # template of the page's heading (what the form is about, the rule)
    back: str  # the page the form belongs to
    done: Callable[[], ResponseReturnValue]  # the response once the step is recorded
    changes_since: Callable[[int], list[Change]]  # for the conflict page
    back_label: str | None = None
    context: dict[str, Any] = field(default_factory=dict)  # more for the templates


def run_form(page: FormPage) -> ResponseReturnValue:
    """Run one staff form through its steps (see the module's docstring)."""
    chosen = page.step
    form = chosen.form_class()
    chosen.prepare(form, page.ctx)
    step = request.form.get("step", "form")
    shown = {"chosen": chosen, "form": form, "head": page.head, "back": page.back,
             "back_label": page.back_label,
             "field_text": lambda name: field_text(name, chosen.texts), **page.context}
    if request.method == "GET":
        form.version.data = str(page.version)
        return render_template("hr/action_form.html", **shown)
    if step == "edit" or not form.validate():
        return render_template("hr/action_form.html", **shown), 200 if step == "edit" else 422
    expected = form.expected_version()
    service = get_service(current_app)
    try:
        command = chosen.command(form, page.ctx)
        if step == "confirm":
            command(service, current_user.actor, expected)
        else:
            with service.dry_run():
                command(service, current_user.actor, expected)
            summary = chosen.summary(form, page.ctx)
    except ValidationError as invalid:  # a row of a results file, a committee line
        first = chosen.fields[0]
        form[first].errors = [*form[first].errors, str(invalid)]
        return render_template("hr/action_form.html", **shown), 422
    except ConcurrencyConflictError:
        return render_template("hr/conflict.html", changes=page.changes_since(expected),
                               **shown), 409
    except DomainError as refused:
        attach_error(form, chosen, refused)
        return render_template("hr/action_form.html", **shown), 422
    if step != "confirm":
        return render_template("hr/action_confirm.html", summary=summary,
                               envelope=envelope(form, chosen), **shown)
    flash(chosen.done_text or _("%(action)s recorded.", action=chosen.title))
    return page.done()


def attach_error(form: Any, chosen: Any, error: DomainError) -> None:
    """Show every refusal the command met at the field it names, else above the form."""
    for problem in error.problems:
        message = problem.message(language())
        name = chosen.map_field(problem.field)
        if name is not None:
            form[name].errors = [*form[name].errors, message]
        else:
            form.form_errors.append(message)


def envelope(form: Any, chosen: Any) -> list[tuple[str, str]]:
    """The effective date and the decree, as the confirmation step lists them."""
    lines = []
    if "effective_on" in form:  # a form whose record takes effect the day it is made has none
        lines.append((field_text("effective_on", chosen.texts)[0],
                      chosen.display(form, "effective_on")))
    basis = form.legal_basis()
    if basis is not None:
        lines.append((_("Decree"),
                      f"{basis.number} ({chosen.display(form, 'legal_signed_on')})"))
    return lines
