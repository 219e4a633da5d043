"""The authorised official's leave queue (/hr/cuti) and decisions, and HR asking for leave on
an employee's behalf from the employee page (/hr/employees/<id>/cuti, through the one form
runner).

The official (PYBMC) is the HR administrator of the government (domain/leave_authority.py);
HR officers see the queue of their agency but cannot decide. A request outside the user's
scope answers 404, as an employee outside it does. Leave other than CLTN is deferred, never
refused: the refusal form offers only the legal grounds, and the domain refuses the rest.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar
from uuid import UUID

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from domain.errors import DomainError
from domain.leave_authority import OFFICIAL_ROLES
from domain.leave_regulations import LeaveType
from domain.leave_request import RejectionGround
from domain.values import LegalBasis, Role
from projections.views.leave import request_row, waiting_for_official
from web import catch_up_views, get_service
from web.access import WRITERS, check_writable, roles_required, scope
from web.hr.actions import Context
from web.hr.forms import ActionForm, FieldText, options
from web.hr.leave_labels import REJECTION_GROUNDS, REQUESTED_TYPES, ground_choices
from web.hr.leave_labels import leave_type_label as _type_label
from web.hr.routes import bp, run_action
from web.hr.step import Action, Command
from web.self_service.leave import show_at_fields


class ApprovalForm(FlaskForm):
    legal_number = StringField(_l("Decree number (long and unpaid leave)"),
                               validators=[Optional(), Length(max=120)])
    legal_signed_on = DateField(_l("Decree date"), validators=[Optional()])


class DeferralForm(FlaskForm):
    start_on = DateField(_l("New first day"), validators=[InputRequired()])
    end_on = DateField(_l("New last day"), validators=[InputRequired()])
    reason = TextAreaField(_l("Service need"), validators=[InputRequired(), Length(max=2000)])


class LeaveRejectionForm(FlaskForm):
    ground = SelectField(_l("Legal ground"), validators=[InputRequired()])
    reason = TextAreaField(_l("Explanation"), validators=[Optional(), Length(max=2000)])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.ground.choices = options(REJECTION_GROUNDS.items())


FORMS: dict[str, type[FlaskForm]] = {"approve": ApprovalForm, "defer": DeferralForm,
                                     "reject": LeaveRejectionForm}


def _queue(status: int = 200, failed: tuple[str, str, FlaskForm] | None = None
           ) -> ResponseReturnValue:
    rows = waiting_for_official(catch_up_views(current_app), scope())
    forms = {name: form() for name, form in FORMS.items()}
    return render_template("hr/leave_queue.html", rows=rows, forms=forms, failed=failed,
                           may_decide=current_user.role in OFFICIAL_ROLES,
                           today=date.today().isoformat()), status


@bp.get("/cuti")
@roles_required(*WRITERS)
def leave_queue() -> ResponseReturnValue:
    """Leave requests waiting for the official's decision, by due date."""
    return _queue()


@bp.post("/cuti/<request_id>/<decision>")
@roles_required(Role.HR_ADMIN)
def decide_leave(request_id: str, decision: str) -> ResponseReturnValue:
    """Approve, defer to new dates, or refuse with a legal ground (CLTN and PPPK leave)."""
    if decision not in FORMS:
        abort(404)
    row = waiting(request_id)
    form = FORMS[decision]()
    if not form.validate():
        return _queue(422, (row["id"], decision, form))
    leave, actor, key = get_service(current_app).leave, current_user.actor, UUID(row["id"])
    try:
        if isinstance(form, ApprovalForm):
            basis = (LegalBasis(form.legal_number.data.strip(), form.legal_signed_on.data)
                     if (form.legal_number.data or "").strip() and form.legal_signed_on.data
                     else None)
            leave.approve_leave(key, actor=actor, legal_basis=basis)
        elif isinstance(form, DeferralForm):
            leave.defer_leave(key, start_on=form.start_on.data, end_on=form.end_on.data,
                              reason=form.reason.data, actor=actor)
        else:
            leave.reject_leave(key, ground=RejectionGround(form.ground.data),
                               reason=form.reason.data or None, actor=actor)
    except DomainError as refused:
        show_at_fields(form, refused, tuple(form._fields))
        return _queue(422, (row["id"], decision, form))
    flash({"approve": _("The leave was approved."), "defer": _("The leave was deferred."),
           "reject": _("The leave was not approved.")}[decision])
    return redirect(url_for("hr.leave_queue"))


def waiting(request_id: str) -> dict[str, Any]:
    """A request in the user's scope (404 otherwise, or when it is not a request at all)."""
    try:
        key = UUID(hex=request_id).hex
    except ValueError:
        abort(404)
    row = request_row(catch_up_views(current_app), key)
    if row is None:
        abort(404)
    check_writable(row["government_id"], row["roster_agency_id"])
    return row


# -- HR asks on the employee's behalf ------------------------------------------------------

class LeaveOnBehalfForm(ActionForm):
    leave_type = SelectField(validators=[InputRequired()])
    end_on = DateField(validators=[InputRequired()])
    ground = SelectField(validators=[Optional()])
    child_order = IntegerField(validators=[Optional(), NumberRange(min=1, max=20)])
    reason = TextAreaField(validators=[Optional(), Length(max=2000)])


class LeaveOnBehalf(Action):
    slug = "cuti"
    title = _l("Request leave on the employee's behalf")
    rule = _l("The request goes to the employee's direct superior and then to the official, "
              "as if the employee had asked on their desk. Leave is judged by the rules in "
              "force on its first day.")
    form_class = LeaveOnBehalfForm
    decree = False
    fields = ("leave_type", "end_on", "ground", "child_order", "reason")
    field_map: ClassVar[dict[str, str]] = {"start_on": "effective_on"}
    texts: ClassVar[dict[str, FieldText]] = {
        "effective_on": (_l("First day of leave"), ""),
        "leave_type": (_l("Type of leave"), ""),
        "end_on": (_l("Last day of leave"), ""),
        "ground": (_l("Ground"), _l("Needed for long, sick, important-reason and unpaid "
                                    "leave.")),
        "child_order": (_l("Which child (maternity leave)"), ""),
        "reason": (_l("Note for the superior"), ""),
    }

    def prepare(self, form: Any, ctx: Context) -> None:
        form.leave_type.choices = options((t.value, _type_label(t.value))
                                          for t in REQUESTED_TYPES)
        form.ground.choices = options(ground_choices())

    def command(self, form: Any, ctx: Context) -> Command:
        return lambda service, actor, version: service.leave.request_leave(  # type: ignore[return-value]
            ctx.employee_id, leave_type=LeaveType(form.leave_type.data),
            start_on=form.effective_on.data, end_on=form.end_on.data,
            ground=form.ground.data or None, child_order=form.child_order.data,
            reason=form.reason.data or None, actor=actor)


ON_BEHALF = LeaveOnBehalf()


@bp.route("/employees/<employee_id>/cuti", methods=["GET", "POST"])
@roles_required(*WRITERS)
def leave_on_behalf(employee_id: str) -> ResponseReturnValue:
    """Ask for leave for the employee (form, review, confirm, as every staff form)."""
    return run_action(ON_BEHALF, employee_id, None)

