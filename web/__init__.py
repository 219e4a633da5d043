"""Rekam Jejak web application: `create_app(test_config=None)` builds the Flask app."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from domain.personnel_service import PersonnelService
from projections.ledger.follower import Ledger
from projections.ledger.store import open_ledger_store
from projections.stores.backend import open_service
from projections.stores.view_store import ViewsBusyError
from projections.transparency.store import ReleaseStore
from projections.views.runner import Projections
from web.settings import Settings, get_settings, session_secret

T = TypeVar("T")
_OPENING = threading.RLock()  # web threads may ask for the stores at the same moment


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app with the settings read here, once: the environment, overridden by the
    REKAM_* and POSTGRES_* keys of `test_config` (a wrong value raises SettingsError)."""
    settings = Settings.from_env(test_config=test_config)
    app = Flask(__name__)
    # Any body larger is refused (413) unread: the largest is a results file of 5 MB; the
    # API allows less (web/api/limits.py).
    app.config.from_mapping(SECRET_KEY=session_secret(settings, app.logger.warning),
                            MAX_CONTENT_LENGTH=16_000_000)
    if settings.web.trusted_proxies:  # the client's address, for login throttling and logs
        hops = settings.web.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    if test_config:
        app.config.from_mapping(test_config)
    app.extensions["rekam_settings"] = settings
    app.extensions["rekam_backend"] = settings.backend  # what every store opens on

    from web.cli import register_commands
    from web.decrees import routes as decree_pages
    from web.headers import init_headers
    from web.inputs import init_inputs
    from web.public import (
        checkpoints,
        consultation,
        feeds,
        home,
        indicators,
        open_data,
        staff_survey,
        survey,
        tpp,
        transparency,
        voice,
    )
    from web.request_log import keep_queries_out_of_request_logs

    keep_queries_out_of_request_logs()

    init_headers(app)
    init_inputs(app)

    for blueprint in (home.bp, transparency.bp, open_data.bp, feeds.bp, checkpoints.bp,
                      voice.bp, consultation.bp, decree_pages.bp, survey.bp,
                      staff_survey.bp, tpp.bp, indicators.bp):
        app.register_blueprint(blueprint)
    _init_staff(app)
    register_commands(app)
    return app


def _init_staff(app: Flask) -> None:
    """The staff side: CSRF on every form, login, the HR and audit workspaces, the admin
    pages, the JSON API. Imported here, as the app is built: they use this module's getters."""
    from flask_wtf import CSRFProtect

    from web.accounts import admin, auth
    from web.api import init_api
    from web.audit import verification as audit  # the log's pages join the audit blueprint

    # activation, correction_queue, organisation, promotion_*: imported to add their routes
    # to hr's blueprint
    from web.hr import (  # noqa: F401
        activation,
        complaints,
        consultations,
        correction_queue,
        decree_pdf,
        decree_signers,
        documents,
        leave_documents,
        leave_queue,
        organisation,
        performance,
        promotion_exports,
        promotion_periods,
        roster_export,
        tpp,
        tpp_exports,
        tpp_motivation,
    )
    from web.hr import indicators as staff_indicators
    from web.hr import routes as hr
    from web.hr import staff_surveys as employee_surveys
    from web.hr import surveys as staff_surveys
    from web.hr.recruitment import routes as desk
    from web.jobs import admin as jobs_admin
    from web.outbox import routes as outbox
    from web.self_service import leave as _desk_leave  # noqa: F401 (adds the desk's leave routes)
    from web.self_service import leave_documents as _desk_documents  # noqa: F401 (likewise)
    from web.self_service import performance as skp
    from web.self_service import routes as self_service
    from web.self_service import staff_surveys as _desk_surveys  # noqa: F401 (its routes)
    from web.self_service import tpp as _desk_tpp  # noqa: F401 (adds the desk's TPP page)
    from web.ui import init_ui

    CSRFProtect(app)
    init_ui(app)
    auth.init_auth(app)
    app.context_processor(auth.template_globals)
    for blueprint in (auth.bp, admin.bp, hr.bp, desk.bp, organisation.bp, audit.bp,
                      jobs_admin.bp, self_service.bp, complaints.bp, consultations.bp,
                      outbox.bp, staff_surveys.bp, performance.bp, skp.bp,
                      employee_surveys.bp, staff_indicators.bp):
        app.register_blueprint(blueprint)
    init_api(app)


def opened(app: Flask, key: str, open_store: Callable[[], T]) -> T:
    """`app.extensions[key]`, made by `open_store` on first use (once, even when threads race
    to it); whoever closes the app's stores closes it."""
    value = app.extensions.get(key)
    if value is None:
        with _OPENING:
            value = app.extensions.get(key)
            if value is None:
                value = app.extensions[key] = open_store()
    return cast(T, value)


def get_service(app: Flask) -> PersonnelService:
    """The app's application service, shared by its threads; its leave commands write their
    e-mail notifications to the outbox with their events (web/outbox/notifier.py)."""
    return opened(app, "rekam_service", lambda: _notifying(
        app, open_service(app.extensions["rekam_backend"])))


def _notifying(app: Flask, service: PersonnelService) -> PersonnelService:
    from web.outbox.notifier import LeaveNotifier

    service.notifier = LeaveNotifier(app)
    return service


def get_projections(app: Flask) -> Projections:
    """The app's read models."""
    service = get_service(app)
    return opened(app, "rekam_projections",
                  lambda: Projections.open(service, app.extensions["rekam_backend"]))


def get_releases(app: Flask) -> ReleaseStore:
    """The published transparency releases (in the view store)."""
    store = get_projections(app).store
    return opened(app, "rekam_releases", lambda: ReleaseStore(store))


def get_ledger(app: Flask) -> Ledger:
    """The app's verifiable log."""
    service = get_service(app)
    return opened(app, "rekam_ledger", lambda: Ledger(
        service, open_ledger_store(app.extensions["rekam_backend"]), get_settings(app).log))


def catch_up_views(app: Flask) -> Projections:
    """Bring the views up to the event store before reading them (read your own writes).

    The worker keeps them current in production; this makes a page that follows a command
    show that command's result even if the worker has not run yet. When the views stay locked
    for longer than `REKAM_CATCH_UP_WAIT_SECONDS` (a rebuild putting a province's tables in
    place holds the lock for half a minute), the page is served from the views as they are,
    a few events behind, rather than failing.
    """
    projections = get_projections(app)
    try:
        projections.catch_up(wait=get_settings(app).web.catch_up_wait_seconds)
    except ViewsBusyError:
        app.logger.warning("the views were busy past the catch-up wait (a rebuild swapping "
                           "its tables in?); the page shows them as they were")
    return projections

