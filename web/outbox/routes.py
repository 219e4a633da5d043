"""The pages of e-mail notifications: the employee's own address (/saya/email), the system
administrator's form for any account's address, and their "retry now" of failed mails (the
outbox's figures are on /admin/jobs)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length

from domain.values import Role
from projections.stores.outbox import OutboxSummary, now
from web.access import EMPLOYEES, own_employee_id, roles_required
from web.accounts.manage import message
from web.accounts.store import AccountError, get_accounts
from web.outbox import get_outbox
from web.settings import get_settings

bp = Blueprint("outbox", __name__)


class EmailForm(FlaskForm):
    email = StringField(_l("E-mail address"), validators=[Length(max=254)],
                        description=_l("For notices of your leave requests. Leave it empty "
                                       "to receive none."))


class RetryForm(FlaskForm):
    """Just the CSRF token."""


@bp.route("/saya/email", methods=["GET", "POST"])
@roles_required(*EMPLOYEES)
def own_email() -> ResponseReturnValue:
    """The employee sets (or clears) the address their notices go to."""
    own_employee_id()  # an employee account linked to a record, or 403
    store = get_accounts(current_app)
    account = store.get(current_user.account.id)
    if account is None:
        abort(404)
    form = EmailForm(data={"email": account.email or ""})
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template("outbox/email.html", form=form), status
    try:
        store.set_email(account.id, form.email.data)
    except AccountError as refused:
        form.email.errors = [message(refused)]
        return render_template("outbox/email.html", form=form), 422
    flash(_("Your e-mail address was saved.") if form.email.data.strip()
          else _("Your e-mail address was removed."))
    return redirect(url_for("desk.home"))


@bp.post("/admin/users/<account_id>/email")
@roles_required(Role.SYSTEM_ADMIN)
def account_email(account_id: str) -> ResponseReturnValue:
    """The system administrator sets (or clears) an account's address."""
    store = get_accounts(current_app)
    account = store.get(account_id)
    if account is None:
        abort(404)
    form = EmailForm()
    if not form.validate_on_submit():
        flash(_("The e-mail address is too long."))
        return redirect(url_for("admin.users"))
    try:
        store.set_email(account.id, form.email.data)
    except AccountError as refused:
        flash(message(refused))
    else:
        flash(_("E-mail address of %(username)s saved.", username=account.username))
    return redirect(url_for("admin.users"))


@bp.post("/admin/outbox/retry")
@roles_required(Role.SYSTEM_ADMIN)
def retry() -> ResponseReturnValue:
    """Every mail not delivered is due again now (the next worker run sends it)."""
    if not RetryForm().validate_on_submit():
        abort(400)
    count = get_outbox(current_app).retry_now(now())
    flash(_("%(count)s mails will be tried again at the next delivery run.", count=count))
    return redirect(url_for("jobs_admin.jobs"))


def mail_status() -> tuple[bool, OutboxSummary]:
    """For /admin/jobs: whether a mail server is set, and the outbox's figures."""
    return get_settings(current_app).mail.is_configured, get_outbox(current_app).summary()
