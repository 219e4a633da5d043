"""The forms of the employee's desk: activating an account, asking for a correction, asking
for leave, and the superior's consideration."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    DateField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import EqualTo, InputRequired, Length, NumberRange, Optional

from domain.employee import PERSONAL_FIELDS
from web.hr.forms import options
from web.hr.labels import personal_field_label
from web.hr.leave_labels import (
    CERTIFICATES,
    RECOMMENDATIONS,
    REQUESTED_TYPES,
    ground_choices,
    leave_type_label,
)


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


class LeaveRequestForm(FlaskForm):
    """Permintaan cuti: the type, the dates, and the ground where the type needs one."""

    leave_type = SelectField(_l("Type of leave"), validators=[InputRequired()])
    start_on = DateField(_l("First day"), validators=[InputRequired()])
    end_on = DateField(_l("Last day"), validators=[InputRequired()])
    ground = SelectField(_l("Ground"), validators=[Optional()],
                         description=_l("Needed for long, sick, important-reason and unpaid "
                                        "leave."))
    child_order = IntegerField(_l("Which child (maternity leave)"),
                               validators=[Optional(), NumberRange(min=1, max=20)])
    certificate = SelectField(_l("Certificate (sick leave)"), validators=[Optional()],
                              description=_l("From one day of sick leave a doctor's "
                                             "certificate; beyond 14 days a government "
                                             "doctor's."))
    file = FileField(_l("Certificate or other document (PDF, JPEG or PNG, at most 5 MB)"),
                     description=_l("Seen only by HR and the official who decides, not by "
                                    "your superior. You may also add it later."))
    address = StringField(_l("Address during the leave"),
                          validators=[Optional(), Length(max=200)])
    reason = TextAreaField(_l("Note for your superior"), validators=[Optional(),
                                                                     Length(max=2000)])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.leave_type.choices = options(
            (t.value, leave_type_label(t.value)) for t in REQUESTED_TYPES)
        self.ground.choices = options(ground_choices())
        self.certificate.choices = options(CERTIFICATES.items())


class ConsiderationForm(FlaskForm):
    """Pertimbangan atasan langsung."""

    recommendation = SelectField(_l("Your consideration"), validators=[InputRequired()])
    reason = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.recommendation.choices = options(RECOMMENDATIONS.items())
