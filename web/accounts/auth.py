"""Login, logout, session expiry and failed-login throttling (Flask-Login + Flask-WTF).

The session records the account's `session_version`: changing the password or disabling the
account bumps it, so every session opened before ends at its next request. Sessions also end
after `REKAM_SESSION_MINUTES` without a request, checked on the server (the signed cookie
alone would let a copied cookie live on).
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    Request,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from domain.values import Actor, Role
from web.accounts.passwords import verify_nobody, verify_password
from web.accounts.store import Account, get_accounts
from web.accounts.throttle import LoginThrottle
from web.settings import get_settings

bp = Blueprint("auth", __name__)
_OPENING = threading.Lock()

ROLE_NAMES = {
    Role.HR_OFFICER: _l("HR officer (agency)"),
    Role.HR_ADMIN: _l("HR administrator"),
    Role.AUDITOR: _l("Auditor (read-only)"),
    Role.SYSTEM_ADMIN: _l("System administrator"),
    Role.EMPLOYEE: _l("Employee"),
    Role.CITIZEN: _l("Citizen (public form)"),
    Role.SYSTEM: _l("System (generator, import, scheduled job)"),
}


def role_name(role: Role | str) -> str:
    """A role as a person reads it; a stored role code (an event's actor) is read too."""
    if isinstance(role, str):
        try:
            known = Role(role)
        except ValueError:
            return role
    else:
        known = role
    return str(ROLE_NAMES.get(known, known.value))


class User(UserMixin):
    """The logged-in account, as Flask-Login sees it."""

    def __init__(self, account: Account) -> None:
        self.account = account

    def get_id(self) -> str:
        return f"{self.account.id}.{self.account.session_version}"

    @property
    def is_active(self) -> bool:
        return self.account.is_active

    @property
    def role(self) -> Role:
        return self.account.role

    @property
    def username(self) -> str:
        return self.account.username

    @property
    def actor(self) -> Actor:
        """Who events recorded by this user name as their actor."""
        return Actor(self.account.id, self.account.role)


class CookieSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, without building the signer for a request that has no
    session cookie (every anonymous public page: measurable when the page comes from memory)."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if app.secret_key and self.get_cookie_name(app) not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)


def init_auth(app: Flask) -> None:
    """Session settings and the login manager."""
    app.session_interface = CookieSessionInterface()
    settings = get_settings(app).staff
    secure = settings.is_https_only
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(minutes=settings.session_minutes)
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=secure, REMEMBER_COOKIE_SECURE=secure,
                      REMEMBER_COOKIE_HTTPONLY=True)
    verify_nobody("", fast=settings.is_fast_hashing)  # the dummy hash, before the first login
    manager = LoginManager(app)
    manager.login_view = "auth.login"
    manager.session_protection = "strong"
    manager.login_message = None  # the login page says why on its own

    @manager.user_loader
    def load_user(user_id: str) -> User | None:
        account_id, _dot, version = user_id.partition(".")
        account = get_accounts(current_app).get(account_id)
        if account is None or not account.is_active or str(account.session_version) != version:
            return None
        return User(account)

    @app.before_request
    def expire_idle_session() -> None:
        if "_user_id" not in session:
            return
        now = time.time()
        lifetime = current_app.permanent_session_lifetime.total_seconds()
        if now - float(session.get("seen_at", 0)) > lifetime:
            logout_user()
            session.clear()
            session["expired"] = True
            return
        session["seen_at"] = now


class LoginForm(FlaskForm):
    username = StringField("username", validators=[DataRequired(), Length(max=64)])
    password = PasswordField("password", validators=[DataRequired(), Length(max=200)])


def _safe_next(target: str | None) -> str | None:
    """Only same-site paths, so the login page cannot redirect anywhere else."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _home_for(user: User) -> str:
    if user.role is Role.SYSTEM_ADMIN:
        return url_for("admin.users")
    if user.role is Role.EMPLOYEE:
        return url_for("desk.home")
    return url_for("hr.home")


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """The staff login form; failures are throttled per username and address
    (web/accounts/throttle.py)."""
    if current_user.is_authenticated:
        return redirect(_home_for(current_user))
    form = LoginForm()
    error = None
    status = 200
    if session.pop("expired", False):
        error = _("Your session ended after a period of inactivity. Please log in again.")
    if form.validate_on_submit():
        store = get_accounts(current_app)
        settings = get_settings(current_app).staff
        username = form.username.data.strip().lower()
        throttle = LoginThrottle(store, settings, username, request.remote_addr or "-")
        wait = throttle.refused_for()
        if wait:
            error = ngettext("Too many failed login attempts. Try again in %(num)d minute.",
                             "Too many failed login attempts. Try again in %(num)d minutes.",
                             (wait + 59) // 60)
            status = 429
        else:
            time.sleep(throttle.pause_seconds())
            account = store.by_username(username)
            # A password is checked whoever typed it, against a dummy hash for a username
            # that does not exist: the time taken does not tell who has an account.
            is_right = (verify_password(account.password_hash, form.password.data)
                        if account is not None else
                        verify_nobody(form.password.data, fast=settings.is_fast_hashing))
            if account is None or not account.is_active or not is_right:
                throttle.failed()
                current_app.logger.info("failed login")  # never the username: it may be personal
                error = _("Wrong username or password, or the account is disabled.")
                status = 401
            else:
                throttle.succeeded()
                session.clear()
                session.permanent = True
                session["seen_at"] = time.time()
                user = User(account)
                login_user(user)
                return redirect(_safe_next(request.args.get("next")) or _home_for(user))
    elif request.method == "POST":
        error = _("Enter the username and password.")
        status = 400
    return render_template("auth/login.html", form=form, error=error), status


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """End the session (a POST with the CSRF token, so no link can log anyone out)."""
    logout_user()
    session.clear()
    flash(_("You have logged out."))
    return redirect(url_for("auth.login"))


def template_globals() -> dict[str, Any]:
    return {"role_name": role_name}
