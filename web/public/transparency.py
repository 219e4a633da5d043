"""Public transparency pages (no login), served from the published release tables only.

Nothing here reads the events or the staff views: every figure comes from a stored release,
so a page shows exactly what was published, hidden cells and all.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from projections.transparency import disclosure
from projections.transparency.store import PublishedTable, Release, ReleaseStore, published_tables
from web import get_releases
from web.hr.labels import choice_label
from web.public import charts
from web.public.labels import category_label, table_title
from web.public.page_cache import cached
from web.public.zones import local_time
from web.ui import fmt_number, language, number

bp = Blueprint("transparency", __name__)

HEADLINE_TABLES = ("headcount_status", "headcount_grade", "headcount_position", "age_band",
                   "headcount_education", "headcount_sex", "appointments", "promotions",
                   "separations")
SENSITIVE_TABLES = ("appraisal_year", "separations_year", "appraisal")  # the last: 2026.1
TOTAL = disclosure.TOTAL
# What a hidden figure is shown as, in every language: one neutral mark that says nothing
# about the value (explained once per page), never a range that could be false.
HIDDEN = "×"


def helpers() -> dict[str, Any]:
    """What the public templates use besides web/ui.py's helpers (language switch, dates)."""
    return {"table_title": table_title, "category_label": category_label,
            "choice_label": choice_label, "number": number, "show": show, "hidden": HIDDEN,
            "switch_language_url": switch_language_url, "release_time": release_time}


def release_time(release: Release) -> str:
    """When the release was published, in its government's time zone."""
    return local_time(release.published_at, str(release.labels["government"]["province"]))


bp.context_processor(helpers)


def switch_language_url() -> str:
    """This page in the other language, keeping only the release asked for: a cached page
    must not echo query arguments its cache key ignores."""
    kept = {"rilis": request.args["rilis"]} if request.args.get("rilis") else {}
    return request.path + "?" + urlencode({**kept, "lang": "en" if language() == "id" else "id"})


def show(value: float | None) -> str:
    """A published figure as text: the neutral mark when hidden."""
    if value is None:
        return HIDDEN
    return fmt_number(value, 1) if isinstance(value, float) else number(value)


def _store() -> ReleaseStore:
    return get_releases(current_app)


def _release_of(government: str) -> Release:
    """The release asked for (`?rilis=`) or the government's latest; 404 when there is none."""
    store, chosen = _store(), request.args.get("rilis")
    release = store.get(chosen) if chosen else store.latest(government)
    if release is None or release.government != government:
        abort(404)
    return release


def _agency_name(release: Release, key: str) -> str:
    if key == disclosure.OTHER_AGENCY:
        return _("Other agencies (merged)")
    if key == TOTAL:
        return _("Total")
    return str(release.labels["agencies"].get(key, key))


def _chart_of(table: PublishedTable, row: str = TOTAL) -> Any:
    return charts.bars([(category_label(c), table.value(row, c)) for c in table.columns
                        if c != TOTAL], HIDDEN)


def _trend(store: ReleaseStore, release: Release, row: str) -> list[tuple[str, int | None]]:
    """Active employees of `row` in the 12 current releases up to `release`, oldest first."""
    series = store.series(release.government, "headcount_status", row, TOTAL)
    return [(month, value) for month, value in series.items() if month <= release.month][-12:]


@bp.get("/pemda/<government>")
@cached(args=("rilis",))
def government(government: str) -> ResponseReturnValue:
    """A government's release: charts with tables, trackers, training and appraisal panels."""
    release = _release_of(government)
    store = _store()
    tables = published_tables(store, release.id)
    series = _trend(store, release, TOTAL)
    return render_template(
        "public/government.html", release=release, tables=tables,
        headline=[tables[k] for k in HEADLINE_TABLES if k in tables],
        sensitive=[tables[k] for k in SENSITIVE_TABLES if k in tables],
        chart=_chart_of, trend=charts.columns(series, HIDDEN), series=series,
        agency_name=lambda key: _agency_name(release, key), hours=store.hours(release.id),
        year_name=lambda key: _("Total") if key == TOTAL else _("Year %(year)s", year=key),
        group=disclosure.MIN_SENSITIVE_GROUP, threshold=disclosure.THRESHOLD,
        unit_name=lambda key: (_("Total") if key == TOTAL
                               else release.labels.get("units", {}).get(key, key)),
        items=store.items(release.id),
        releases=store.current(government), withdrawal=store.withdrawal(release.id))


@bp.get("/pemda/<government>/opd/<agency>")
@cached(args=("rilis",))
def agency(government: str, agency: str) -> ResponseReturnValue:
    """One agency's (or the merged small agencies') rows of the release, with its trend."""
    release = _release_of(government)
    store = _store()
    tables = published_tables(store, release.id)
    headcount = tables.get("headcount_status")
    if headcount is None or agency not in headcount.rows:
        abort(404)
    series = _trend(store, release, agency)
    panels = [tables[k] for k in (*HEADLINE_TABLES, "training", "training_20jp", "appraisal")
              if k in tables]  # "appraisal": per agency in releases of policy 2026.1 only
    return render_template(
        "public/agency.html", release=release, agency=agency,
        name=_agency_name(release, agency), panels=panels,
        chart=lambda table: _chart_of(table, agency), series=series,
        trend=charts.columns(series, HIDDEN), hours=store.hours(release.id),
        withdrawal=store.withdrawal(release.id))


@bp.get("/pemda/<government>/rekrutmen")
@cached(args=("rilis",))
def recruitment(government: str) -> ResponseReturnValue:
    """Recruitment rounds with their formations and open selections, with stage counts."""
    release = _release_of(government)
    store = _store()
    tables = published_tables(store, release.id)
    items = store.items(release.id)
    return render_template(
        "public/recruitment.html", release=release, tables=tables,
        rounds=[i for i in items if i["kind"] == "recruitment_round"],
        selections=[i for i in items if i["kind"] == "open_selection"],
        appointments=[i for i in items if i["kind"] == "jpt_appointment"],
        stage_row=lambda key: _("Total") if key == TOTAL else key)


@bp.get("/rilis")
@cached()
def releases() -> ResponseReturnValue:
    """Every release ever published, corrections included (nothing is ever removed), with
    the tables each withdrew once corrected and by which release."""
    store = _store()
    every = store.releases()
    return render_template("public/releases.html", releases=every,
                           corrections=[r for r in every if r.is_correction],
                           withdrawals=store.withdrawals())


@bp.get("/metodologi")
@cached()
def methodology() -> ResponseReturnValue:
    """What is published, what is hidden and why (the disclosure policy, versioned)."""
    store = _store()
    current = sorted(store.current(), key=lambda r: (r.government, r.month))
    figures = [(release, store.figures(release.id)) for release in current]
    cells = sum(f["cells"] for __, f in figures)
    hidden = sum(f["hidden"] for __, f in figures)
    per_table: dict[str, list[int]] = {}
    for __, found in figures:
        for key, counts in found["tables"].items():
            per_table.setdefault(key, [0, 0])
            per_table[key][0] += counts["cells"]
            per_table[key][1] += counts["hidden"]
    return render_template(
        "public/methodology.html", policy=disclosure.POLICY_VERSION,
        threshold=disclosure.THRESHOLD, group=disclosure.MIN_SENSITIVE_GROUP,
        figures=figures, cells=cells, hidden_count=hidden, per_table=sorted(per_table.items()),
        invariants_hidden=sum(f["invariants_hidden"] for __, f in figures))
