"""The system administrator's page: list, add and disable users, set their passwords."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from domain.values import Role
from projections.views import hr_queries
from web import catch_up_views
from web.access import roles_required
from web.accounts.auth import role_name
from web.accounts.manage import add_account, message, set_password
from web.accounts.store import STAFF_ROLES, AccountError, get_accounts
from web.hr.forms import options

bp = Blueprint("admin", __name__, url_prefix="/admin")


class AddUserForm(FlaskForm):
    username = StringField("username", validators=[DataRequired(), Length(max=64)])
    password = PasswordField("password", validators=[DataRequired(), Length(max=200)])
    role = SelectField("role", choices=options((r.value, r.value) for r in STAFF_ROLES))
    agency_id = SelectField("agency_id", choices=[], validate_choice=False)
    government_id = SelectField("government_id", choices=[], validate_choice=False)


class PasswordForm(FlaskForm):
    password = PasswordField("password", validators=[DataRequired(), Length(max=200)])


class EmptyForm(FlaskForm):
    """Just the CSRF token (enable/disable buttons)."""


@bp.route("/users", methods=["GET", "POST"])
@roles_required(Role.SYSTEM_ADMIN)
def users() -> ResponseReturnValue:
    """Every account, and the form to add one."""
    agencies = hr_queries.agencies(catch_up_views(current_app), hr_queries.Scope())
    governments = sorted({(a["government_id"], a["government_name"]) for a in agencies},
                         key=lambda g: g[1])
    form = AddUserForm()
    form.role.choices = options((r.value, role_name(r)) for r in STAFF_ROLES)
    form.agency_id.choices = options([("", "–")] + [
        (a["id"], f"{a['government_name']} — {a['name']}") for a in agencies])
    form.government_id.choices = options([("", "–"), *governments])
    error = None
    status = 200
    if form.validate_on_submit():
        try:
            add_account(current_app, username=form.username.data, password=form.password.data,
                        role=Role(form.role.data), agency_id=form.agency_id.data or None,
                        government_id=form.government_id.data or None)
        except AccountError as refused:
            error, status = message(refused), 422
        else:
            flash(_("User added."))
            return redirect(url_for("admin.users"))
    elif form.is_submitted():
        error, status = _("Fill in the required fields."), 422
    names = {a["id"]: f"{a['government_name']} — {a['name']}" for a in agencies}
    names.update(dict(governments))
    return render_template("admin/users.html", accounts=get_accounts(current_app).all(),
                           tokens=get_accounts(current_app).token_list(),
                           form=form, error=error, names=names,
                           password_form=PasswordForm(), empty_form=EmptyForm()), status


@bp.post("/users/<account_id>/password")
@roles_required(Role.SYSTEM_ADMIN)
def change_password(account_id: str) -> ResponseReturnValue:
    """Set a user's password (their open sessions end)."""
    account = get_accounts(current_app).get(account_id)
    if account is None:
        abort(404)
    form = PasswordForm()
    if not form.validate_on_submit():
        flash(_("Enter the new password."))
        return redirect(url_for("admin.users"))
    try:
        set_password(current_app, account, form.password.data)
    except AccountError as refused:
        flash(message(refused))
    else:
        flash(_("Password of %(username)s changed.", username=account.username))
    return redirect(url_for("admin.users"))


@bp.post("/users/<account_id>/active/<int:value>")
@roles_required(Role.SYSTEM_ADMIN)
def set_active(account_id: str, value: int) -> ResponseReturnValue:
    """Disable (0) or enable (1) an account."""
    store = get_accounts(current_app)
    account = store.get(account_id)
    if account is None or value not in (0, 1) or not EmptyForm().validate_on_submit():
        abort(404 if account is None else 400)
    store.set_active(account.id, bool(value))
    flash(_("Account updated."))
    return redirect(url_for("admin.users"))


@bp.post("/users/<account_id>/tokens")
@roles_required(Role.SYSTEM_ADMIN)
def create_token(account_id: str) -> ResponseReturnValue:
    """Create an API token for a user; its secret is shown once, on the next page."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    store = get_accounts(current_app)
    account = store.get(account_id)
    if account is None:
        abort(404)
    token_id, secret = store.create_token(account.id, "admin page")
    # Shown in this response only: a flashed message would put the secret in the cookie.
    return render_template("admin/token_created.html", account=account, token_id=token_id,
                           secret=secret)


@bp.post("/tokens/<token_id>/revoke")
@roles_required(Role.SYSTEM_ADMIN)
def revoke_token(token_id: str) -> ResponseReturnValue:
    """Revoke an API token."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        get_accounts(current_app).revoke_token(token_id)
    except AccountError:
        abort(404)
    flash(_("Token revoked."))
    return redirect(url_for("admin.users"))
