"""The staff side of the app: CSRF on every form, login, HR workspace, admin page, JSON API."""

from __future__ import annotations

from flask import Flask
from flask_wtf import CSRFProtect

from web.accounts import admin, auth
from web.hr import routes as hr
from web.ui import init_ui


def init_staff(app: Flask) -> None:
    CSRFProtect(app)
    init_ui(app)
    auth.init_auth(app)
    app.context_processor(auth.template_globals)
    for blueprint in (auth.bp, admin.bp, hr.bp):
        app.register_blueprint(blueprint)
    from web.api import init_api

    init_api(app)
