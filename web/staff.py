"""The staff side of the app: CSRF on every form, login, HR and audit workspaces, admin page,
JSON API."""

from __future__ import annotations

from flask import Flask
from flask_wtf import CSRFProtect

from web.accounts import admin, auth
from web.audit import verification as audit  # the log's pages join the audit blueprint (audit.bp)
from web.hr import organisation
from web.hr import routes as hr
from web.hr.recruitment import routes as desk
from web.ui import init_ui


def init_staff(app: Flask) -> None:
    CSRFProtect(app)
    init_ui(app)
    auth.init_auth(app)
    app.context_processor(auth.template_globals)
    for blueprint in (auth.bp, admin.bp, hr.bp, desk.bp, organisation.bp, audit.bp):
        app.register_blueprint(blueprint)
    from web.jobs import admin as jobs_admin

    app.register_blueprint(jobs_admin.bp)
    from web.api import init_api

    init_api(app)
