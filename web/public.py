"""Public pages (no login): the list of governments and the health check."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from projections.backend import count_events
from projections.organisation import overview
from web import catch_up_views, get_projections, get_service
from web.i18n import language, number, text

bp = Blueprint("public", __name__)


@bp.get("/")
def home() -> ResponseReturnValue:
    """Governments with their agencies and active-employee counts."""
    projections = catch_up_views(current_app)
    response = current_app.make_response(render_template(
        "home.html", overview=overview(projections), t=text, number=number, lang=language(),
        events=count_events(get_service(current_app))))
    if request.args.get("lang") in ("id", "en"):
        response.set_cookie("lang", language(), samesite="Lax", max_age=365 * 86400)
    return response


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    """Liveness, the size of the event store, and how far each view and the verifiable log
    are behind it (notification ids), for operators and load balancers."""
    from web.log import get_ledger

    backend = current_app.extensions["rekam_backend"]
    return jsonify(status="ok", backend=backend.kind, events=count_events(get_service(current_app)),
                   projections=get_projections(current_app).lag(),
                   ledger={"lag": get_ledger(current_app).lag()})
