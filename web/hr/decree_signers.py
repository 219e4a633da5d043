"""The government's decree signer (/hr/penandatangan-sk): the HR administrator sets who signs
its decrees from a date, and the petikan printed for a decree of that date or later names them
(web/decrees/signers.py). Each is recorded in the log (domain/decree_signer.py); a plain form,
not the action runner: saved at once, every refusal at its field, nothing saved while one
stands."""

from __future__ import annotations

from datetime import date

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, StringField
from wtforms.validators import InputRequired, Length, ValidationError

from domain.checks import checked_reason
from domain.decree_signer import checked_signer
from domain.errors import DomainError
from domain.values import Role
from web.access import roles_required
from web.decrees.signers import set_signer, signers
from web.hr.routes import bp
from web.ui import language

EARLIEST = date(2000, 1, 1)


def _plain(field: StringField) -> None:
    """Safe, single-spaced text (the checks of every stored text)."""
    try:
        field.data = checked_reason(field.data)
    except DomainError as refused:
        raise ValidationError(refused.message(language())) from refused
    if field.data is None:
        raise ValidationError(_("This field is required."))


class SignerForm(FlaskForm):
    from_on = DateField(_l("Signs from"), validators=[InputRequired()],
                        description=_l("Decrees signed on this date or later print this "
                                       "official; earlier ones keep their signer."))
    title = StringField(_l("Title of office"), validators=[InputRequired(), Length(min=3, max=160)],
                        description=_l("As printed above the signature, e.g. Wali Kota "
                                       "Salatiga."))
    name = StringField(_l("Name"), validators=[InputRequired(), Length(min=3, max=120)],
                       description=_l("The official's name as printed under the signature."))

    def validate_from_on(self, field: DateField) -> None:
        if field.data is not None and not EARLIEST <= field.data <= date.today().replace(
                year=date.today().year + 1):
            raise ValidationError(_("Give a date from 2000 up to a year from today."))

    def validate_title(self, field: StringField) -> None:
        _plain(field)

    def validate_name(self, field: StringField) -> None:
        _plain(field)


@bp.route("/penandatangan-sk", methods=["GET", "POST"])
@roles_required(Role.HR_ADMIN)
def decree_signers() -> ResponseReturnValue:
    """The government's signers of decrees, and the form to set one from a date."""
    government_id = current_user.account.government_id
    if government_id is None:
        abort(404)
    form = SignerForm()

    def page(status: int) -> ResponseReturnValue:
        return render_template("hr/decree_signers.html", form=form,
                               signers=signers(current_app, str(government_id))), status

    if not form.validate_on_submit():
        return page(422 if form.is_submitted() else 200)
    try:
        set_signer(current_app, str(government_id),
                   checked_signer(form.from_on.data, form.name.data, form.title.data),
                   current_user.actor)
    except DomainError as refused:
        for problem in refused.problems:
            target = getattr(form, problem.field or "", None) or form.name
            target.errors = [*target.errors, problem.message(language())]
        return page(422)
    flash(_("The decree signer was saved."))
    return redirect(url_for("hr.decree_signers"))
