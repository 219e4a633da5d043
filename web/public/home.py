"""Public pages (no login): the list of governments and the health check."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from projections.ledger import reconcile
from projections.ledger.portability import unfinished_import
from projections.stores.backend import count_events
from projections.transparency.disclosure import TOTAL
from projections.transparency.store import Release
from web import get_projections, get_releases, get_service
from web.public.page_cache import cached, open_page_cache
from web.public.transparency import helpers
from web.ui import language

bp = Blueprint("public", __name__)
bp.context_processor(helpers)
bp.record_once(lambda state: open_page_cache(state.app))


@bp.after_request
def remember_language(response: Response) -> Response:
    """`?lang=` on the home page is remembered (web/ui.py does it for the other pages)."""
    if request.args.get("lang") in ("id", "en"):
        response.set_cookie("lang", language(), samesite="Lax", max_age=365 * 86400)
    return response


@bp.get("/")
@cached(events=True)
def home() -> ResponseReturnValue:
    """The governments with a published release, each with its published headcount."""
    store = get_releases(current_app)
    latest: dict[str, Release] = {}
    for release in store.current():  # the newest month comes first
        latest.setdefault(release.government, release)
    governments = [
        {"release": release,
         "total": next((v for _, r, c, v in store.cells(release.id, "headcount_status")
                        if r == TOTAL and c == TOTAL), None)}
        for release in sorted(latest.values(), key=lambda r: r.labels["government"]["name"])]
    return render_template("home.html", governments=governments,
                           events=count_events(get_service(current_app)))


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    """Liveness, the size of the event store, how far each view and the verifiable log are
    behind it (notification ids), for operators and load balancers.

    `problems` lists what makes the store unfit to be trusted, each a `kind` and a `detail`
    without personal data: a view stopped at an event it could not apply, events or snapshots
    the log does not account for, an unfinished import. With any, the status is "not ok" and
    the answer 503."""
    from web import get_ledger

    backend = current_app.extensions["rekam_backend"]
    projections = get_projections(current_app)
    ledger = get_ledger(current_app)
    problems: list[dict[str, object]] = [
        {"kind": "view_stopped", "view": view, "position": stop["position"],
         "error": stop["error"],
         "detail": f"view {view} stopped at event {stop['position']} ({stop['error']})"}
        for view, stop in projections.stopped().items()]
    problems += [{"kind": "log", "detail": line}
                 for line in reconcile.health_problems(ledger)]  # store equals log
    unfinished = unfinished_import(ledger)
    if unfinished is not None:
        problems.append({"kind": "import_incomplete", "detail": (
            f"import incomplete: `rekam import` of the export with {unfinished.source}, "
            f"begun {unfinished.started_at}, has not finished; run it again with the same "
            "file to finish it")})
    return jsonify(status="not ok" if problems else "ok", problems=problems,
                   backend=backend.kind, events=count_events(get_service(current_app)),
                   projections=projections.lag(),
                   ledger={"lag": ledger.lag()}), 503 if problems else 200
