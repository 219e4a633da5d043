"""The forms of the employee's desk: activating an account, asking for a correction."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import EqualTo, InputRequired, Length

from domain.employee import PERSONAL_FIELDS
from web.hr.forms import options
from web.hr.labels import personal_field_label


class ActivationForm(FlaskForm):
    code = StringField(_l("Activation code"), validators=[InputRequired(), Length(max=40)])
    username = StringField(_l("Username"), validators=[InputRequired(), Length(max=64)])
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=200)])
    confirm = PasswordField(_l("Password again"), validators=[
        InputRequired(), EqualTo("password", message=_l("The two passwords differ."))])


class CorrectionRequestForm(FlaskForm):
    field_name = SelectField(_l("Which data is wrong"), validators=[InputRequired()])
    value = StringField(_l("The right value"), validators=[InputRequired(), Length(max=200)],
                        description=_l("A birth date as YYYY-MM-DD; sex as 1 (male) or 2 "
                                       "(female)."))
    reason = TextAreaField(_l("Why (and which document shows it)"),
                           validators=[InputRequired(), Length(max=2000)])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.field_name.choices = options(
            (name, personal_field_label(name)) for name in PERSONAL_FIELDS)


class RefusalForm(FlaskForm):
    reason = TextAreaField(_l("Reason for refusing"),
                           validators=[InputRequired(), Length(max=2000)])
