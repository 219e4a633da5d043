"""The data desk at /data: downloads per government and month (CSV, XLSX), the codebook, the
Frictionless `datapackage.json` and its CSV resources (the feeds are web/public/feeds.py).

Every file is generated from the stored releases (never from the events), so downloads say
exactly what the pages say. URLs are stable: a release keeps its id forever, and the package's
CSV files list every release ever published, corrections beside what they superseded; the
`headcount` resource holds the current release of every month, complete (never hidden).
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale

from domain.complaint_figures import COUNTS
from projections.transparency.disclosure import POLICY_VERSION, THRESHOLD, TOTAL
from projections.transparency.leave_table import CLASSES as LEAVE_CLASSES
from projections.transparency.leave_table import LEAVE_TABLE
from projections.transparency.store import (
    Release,
    ReleaseStore,
    Withdrawal,
    published_tables,
)
from projections.transparency.voice_items import (
    CATEGORIES_TABLE,
    CATEGORY_COLUMNS,
    COMPLAINTS_TABLE,
)
from web import get_releases
from web.public.feeds import withdrawal_reason
from web.public.labels import CATEGORY_LABELS, TABLE_TITLES, category_label, table_title
from web.public.page_cache import cached
from web.public.transparency import helpers

bp = Blueprint("data", __name__)  # main's route walk lists "data" as public by name
bp.context_processor(helpers)  # the desk page uses the public pages' mark and names

LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


def _store() -> ReleaseStore:
    return get_releases(current_app)


def _field(name: str, kind: str, description: str, **constraints: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"name": name, "type": kind, "description": description}
    if constraints:
        found["constraints"] = constraints
    return found


def _count(name: str, description: str) -> dict[str, Any]:
    return _field(name, "integer", description, minimum=0)


# The first fields of the complaint files: a row is one service unit in one month's release.
_UNIT_MONTH = [
    _field("release_id", "string", "Release", required=True),
    _field("government", "string", "Government code", required=True),
    _field("month", "string", "Month (YYYY-MM)", required=True, pattern=r"^\d{4}-\d{2}$"),
    _field("unit", "string", "Service unit code", required=True),
    _field("unit_name", "string", "Service unit"),
]


RESOURCES: dict[str, tuple[str, list[dict[str, Any]]]] = {
    "releases": ("Every monthly release; a correction names the release it supersedes; the "
                 "tables a release withdrew once corrected are named, with why.", [
        _field("release_id", "string", "Stable id: government-month-vN", required=True),
        _field("government", "string", "Government code", required=True),
        _field("month", "string", "Month covered (YYYY-MM)", required=True,
               pattern=r"^\d{4}-\d{2}$"),
        _field("version", "integer", "1 for the first release of the month", minimum=1),
        _field("policy_version", "string", "Disclosure-control policy version"),
        _field("log_position", "integer", "Event-log position (notification id) it was "
                                          "computed from", minimum=0),
        _field("published_at", "string", "Publication time (UTC, ISO 8601)"),
        _field("supersedes", "string", "The release this one corrects"),
        _field("withdrawn_tables", "string", "Tables withdrawn from the public side once a "
                                             "later policy's release corrected this one "
                                             "(table keys, ';' between them)"),
        _field("withdrawn_by", "string", "The correcting release that caused the withdrawal"),
        _field("withdrawn_reason", "string", "Why the tables were withdrawn (Indonesian)"),
    ]),
    "cells": ("Aggregate tables (T1 and T2). Empty count: hidden by disclosure control.", [
        _field("release_id", "string", "Release", required=True),
        _field("government", "string", "Government code", required=True),
        _field("month", "string", "Month covered (YYYY-MM)", required=True),
        _field("table", "string", "Table key", required=True),
        _field("row", "string", "Agency code, 'lainnya' (merged) or '_total'", required=True),
        _field("column", "string", "Category or '_total'", required=True),
        _count("count", "Number of people; empty when hidden"),
    ]),
    "headcount": ("Active employees per government, agency (and '_total', the government) and "
                  "employment status (and '_total'), on the last day of each month, from the "
                  "month's current release: complete, never hidden.", [
        _field("government", "string", "Government code", required=True),
        _field("agency", "string", "Agency code, or '_total' for the whole government",
               required=True),
        _field("employment_type", "string", "CPNS, PNS, PPPK, or '_total'", required=True),
        _field("month", "string", "Month (YYYY-MM)", required=True, pattern=r"^\d{4}-\d{2}$"),
        _field("count", "integer", "Active employees", required=True, minimum=0),
    ]),
    "training_hours": ("Training hours (JP) per agency in the month; empty when hidden.", [
        _field("release_id", "string", "Release", required=True),
        _field("government", "string", "Government code", required=True),
        _field("month", "string", "Month covered (YYYY-MM)", required=True),
        _field("row", "string", "Agency code, 'lainnya' or '_total'", required=True),
        _field("jp", "number", "Hours of lessons (jam pelajaran)", minimum=0),
    ]),
    "complaints": ("Complaints about each public service unit in the month, from the "
                   "month's current release: counts of cases (each step in the month it took "
                   "place), published exactly; the median working days from receipt to the "
                   "first answer, of the month's first answers.", [
        *_UNIT_MONTH,
        _count("received", "Complaints received"),
        _count("verified", "Complaints verified"),
        _count("rejected", "Complaints rejected (out of scope, duplicate, abusive, "
                           "incomplete)"),
        _count("answered", "Complaints answered for the first time"),
        _count("answered_on_time", "Of those, answered by the deadline then in force"),
        _count("resolved", "Complaints closed as resolved (not reopened since)"),
        _field("median_working_days", "number", "Median working days to the first answer; "
                                                "empty without an answer", minimum=0),
    ]),
    "complaint_categories": ("Complaints about each public service unit received in the month, "
                             "per category the complainant chose (not a finding), from the "
                             "month's current release: counts of cases, published exactly; "
                             "complaints rejected by the month's last day are left out.", [
        *_UNIT_MONTH,
        _count("requirements", "About the requirements (persyaratan)"),
        _count("procedure", "About the procedure (sistem, mekanisme dan prosedur)"),
        _count("time", "About the time to complete (waktu penyelesaian)"),
        _count("cost", "About the cost or illegal charges (biaya, pungutan liar)"),
        _count("conduct", "About the staff's conduct (perilaku pelaksana)"),
        _count("facilities", "About the facilities (sarana dan prasarana)"),
        _count("other", "About something else"),
    ]),
    "survey_results": ("Satisfaction survey (SKM, PermenPANRB 14/2017) results per unit and "
                       "period, in the release of the month the period closed.", [
        _field("release_id", "string", "Release", required=True),
        _field("government", "string", "Government code", required=True),
        _field("month", "string", "Month the period closed (YYYY-MM)", required=True),
        _field("unit", "string", "Service unit code", required=True),
        _field("unit_name", "string", "Service unit"),
        _field("starts_on", "date", "First day of the period"),
        _field("ends_on", "date", "Last day of the period"),
        _count("responses", "Responses (coded and open)"),
        _count("coded", "Responses with a one-time code from the unit"),
        _count("open", "Responses in the open mode, without a code"),
        _count("minimum_sample", "Minimum sample for the unit's service users"),
        _field("ikm", "number", "Satisfaction index (IKM, 25-100), two decimals"),
        _field("grade", "string", "Grade A-D"),
        _field("sample_enough", "boolean", "Whether the responses reach the minimum sample"),
    ]),
    "leave_days": ("Working days of granted leave taken in the month per agency (and "
                   "'_total', the government), from the month's current release. Annual or big "
                   "leave exact; sick, maternity and important-reason leave, and unpaid leave "
                   "(CLTN), empty when fewer than 10 people took it (the government's total "
                   "also when the hidden agencies together count fewer than 10). The classes "
                   "are never added together.", [
        _field("release_id", "string", "Release", required=True),
        _field("government", "string", "Government code", required=True),
        _field("month", "string", "Month (YYYY-MM)", required=True, pattern=r"^\d{4}-\d{2}$"),
        _field("agency", "string", "Agency code, or '_total' for the whole government",
               required=True),
        _count("annual_or_big", "Working days of annual or big leave"),
        _count("health_or_family", "Working days of sick, maternity or important-reason "
                                   "leave; empty when hidden"),
        _count("unpaid", "Working days of unpaid leave (CLTN); empty when hidden"),
    ]),
    "appointments": ("T0: appointments to public office (senior posts), by name.", [
        _field("release_id", "string", "Release", required=True),
        _field("government", "string", "Government code", required=True),
        _field("month", "string", "Month of the appointment (YYYY-MM)", required=True),
        _field("name", "string", "Name of the office holder (UU KIP Pasal 18)"),
        _field("post", "string", "Title of the post"),
        _field("agency", "string", "Agency"),
    ]),
}


@bp.get("/data/datapackage.json")
@cached()
def datapackage() -> ResponseReturnValue:
    """The Frictionless Data Package describing the CSV files (paths relative to /data/)."""
    resources = [{"name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
                  "encoding": "utf-8", "description": description,
                  "schema": {"fields": fields, "missingValues": [""]}}
                 for name, (description, fields) in RESOURCES.items()]
    descriptor = {
        "name": "rekam-jejak-transparansi", "title": "Rekam Jejak — transparansi kepegawaian",
        "description": f"Monthly anonymised personnel releases; disclosure-control policy "
                       f"{POLICY_VERSION}: structure counts exact, sensitive classes per "
                       f"government and year, hidden figures empty (never a range).",
        "licenses": [LICENCE], "version": POLICY_VERSION,
        "homepage": url_for("transparency.methodology", _external=True),
        "resources": resources}
    return current_app.response_class(json.dumps(descriptor, indent=2, ensure_ascii=False),
                                      mimetype="application/json")


@bp.get("/data/<name>.csv")
@cached()
def download(name: str) -> ResponseReturnValue:
    """One resource of the data package as CSV."""
    if name not in RESOURCES:
        return Response("not found\n", 404, mimetype="text/plain")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f["name"] for f in RESOURCES[name][1]])
    writer.writerows(_rows(_store(), name))
    return Response(buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"inline; filename={name}.csv"})


def _rows(store: ReleaseStore, name: str) -> list[list[Any]]:
    if name == "headcount":
        return _headcount(store)
    if name in ("complaints", "complaint_categories", "survey_results"):
        return _voice(store, name)
    if name == "leave_days":
        return _leave(store)
    releases = sorted(store.releases(), key=lambda r: (r.government, r.month, r.version))
    rows: list[list[Any]] = []
    for release in releases:
        head = [release.id, release.government, release.month]
        if name == "releases":
            withdrawal = store.withdrawal(release.id)
            rows.append([*head, release.version, release.policy_version, release.position,
                         release.published_at, release.supersedes or "",
                         *(_withdrawn(withdrawal) if withdrawal else ("", "", ""))])
        elif name == "cells":
            rows += [[*head, k, r, c, "" if v is None else v]
                     for k, r, c, v in store.cells(release.id)]
        elif name == "training_hours":
            rows += [[*head, r, "" if v is None else v]
                     for r, v in sorted(store.hours(release.id).items())]
        else:
            rows += [[*head[:2], i["month"], i["name"], i["position"], i["agency"]]
                     for i in store.items(release.id) if i["kind"] == "jpt_appointment"]
    return rows


def _voice(store: ReleaseStore, name: str) -> list[list[Any]]:
    """The complaint rows (handling or categories), or the survey results, of each month's
    current release."""
    rows: list[list[Any]] = []
    for release in sorted(store.current(), key=lambda r: (r.government, r.month)):
        head = [release.id, release.government, release.month]
        units = release.labels.get("units", {})
        items = store.items(release.id)
        if name == "survey_results":
            rows += [[*head, i["unit"], i["title"], i["starts_on"], i["ends_on"],
                      i["responses"], i["coded"], i["open"], i["minimum_sample"],
                      i["ikm"] or "", i["grade"] or "", str(i["is_enough"]).lower()]
                     for i in items if i["kind"] == "survey_result"]
            continue
        table, columns = ((CATEGORIES_TABLE, list(CATEGORY_COLUMNS.values()))
                          if name == "complaint_categories" else (COMPLAINTS_TABLE, COUNTS))
        cells: dict[str, dict[str, int | None]] = {}
        for _, row, column, count in store.cells(release.id, table):
            if row != TOTAL:
                cells.setdefault(row, {})[column] = count
        medians = {i["key"]: i["median_working_days"] for i in items
                   if i["kind"] == "complaint_answer_time"}
        for unit, counts in sorted(cells.items()):
            found = [*head, unit, units.get(unit, unit),
                     *("" if counts.get(c) is None else counts[c] for c in columns)]
            rows.append(found + ([medians.get(unit, "")] if name == "complaints" else []))
    return rows


def _leave(store: ReleaseStore) -> list[list[Any]]:
    """Leave days per agency and class of each month's current release (empty: hidden)."""
    rows: list[list[Any]] = []
    for release in sorted(store.current(), key=lambda r: (r.government, r.month)):
        cells: dict[str, dict[str, int | None]] = {}
        for _, row, column, days in store.cells(release.id, LEAVE_TABLE):
            cells.setdefault(row, {})[column] = days
        rows += [[release.id, release.government, release.month, agency,
                  *("" if days.get(c) is None else days[c] for c in LEAVE_CLASSES)]
                 for agency, days in sorted(cells.items())]
    return rows


def _withdrawn(withdrawal: Withdrawal) -> tuple[str, str, str]:
    return ";".join(withdrawal.tables), withdrawal.by, withdrawal_reason(withdrawal)


def _headcount(store: ReleaseStore) -> list[list[Any]]:
    """government, agency, employment type, month, count from each month's current release."""
    rows = []
    for release in sorted(store.current(), key=lambda r: (r.government, r.month)):
        for _, row, column, count in store.cells(release.id, "headcount_status"):
            rows.append([release.government, row, column, release.month,
                         "" if count is None else count])
    return rows


# -- the desk ----------------------------------------------------------------------------------


@bp.get("/data")
@cached()
def desk() -> ResponseReturnValue:
    """The data desk: downloads per government and month, codebook, policy versions, citing."""
    store = _store()
    current = store.current()
    governments: dict[str, dict[str, Any]] = {}
    for release in sorted(current, key=lambda r: (r.government, r.month), reverse=True):
        entry = governments.setdefault(release.government, {
            "name": release.labels["government"]["name"], "releases": [],
            "agencies": release.labels["agencies"]})
        entry["releases"].append(release)
    return render_template(
        "public/data.html", governments=sorted(governments.items(),
                                                key=lambda g: g[1]["name"]),
        tables=[(key, title) for key, title in TABLE_TITLES.items()],
        categories=[(key, label) for key, label in CATEGORY_LABELS.items() if key != TOTAL],
        resources=RESOURCES, policy=POLICY_VERSION, threshold=THRESHOLD,
        latest=max((r.published_at for r in current), default=None))


def _release_file(government: str, month: str) -> Release:
    if not re.fullmatch(r"\d{4}-\d{2}", month):
        abort(404)
    release = _store().latest(government, month)
    if release is None:
        abort(404)
    return release


def _labelled(store: ReleaseStore, release: Release) -> list[list[Any]]:
    """Every cell of the release with its Indonesian names (a file reads the same in any
    language setting of the page it was downloaded from)."""
    agencies = {**release.labels.get("units", {}), **release.labels["agencies"]}
    with force_locale("id"):
        return [[key, table_title(key), row,
                 "Total" if row == TOTAL else str(agencies.get(row, row)), column,
                 category_label(column), "" if count is None else count]
                for key, row, column, count in store.cells(release.id)]


HEADER = ["table", "table_name", "row", "row_name", "column", "column_name", "count"]


@bp.get("/data/<government>/<month>.csv")
@cached()
def release_csv(government: str, month: str) -> ResponseReturnValue:
    """One government's current release of one month as CSV (empty count: hidden)."""
    release = _release_file(government, month)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(_labelled(_store(), release))
    filename = f"rekam-jejak-{government}-{month}.csv"
    return Response(buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={filename}"})


@bp.get("/data/<government>/<month>.xlsx")
@cached()
def release_xlsx(government: str, month: str) -> ResponseReturnValue:
    """The same release as a workbook: a sheet about the release, then one per table, each
    hidden figure written as the page's mark."""
    from openpyxl import Workbook

    release, store = _release_file(government, month), _store()
    agencies = {**release.labels.get("units", {}), **release.labels["agencies"]}
    book = Workbook()
    about = book.active
    about.title = "Tentang"
    with force_locale("id"):
        for line in (("Pemerintah daerah", release.labels["government"]["name"]),
                     ("Bulan", release.month), ("Rilis", release.id),
                     ("Versi kebijakan", release.policy_version),
                     ("Terbit (UTC)", release.published_at),
                     ("×", "disembunyikan: angka tidak diterbitkan (bisa berapa saja, "
                           "termasuk nol); angka lain tepat"),
                     ("Lisensi", "CC BY 4.0"), ("Sitasi", citation(release))):
            about.append(list(line))
        for key, table in published_tables(store, release.id).items():
            sheet = book.create_sheet(re.sub(r"[^\w -]", " ", key)[:31])
            sheet.append([table_title(key)])
            sheet.append(["", *(category_label(c) for c in table.columns)])
            for row in table.rows:
                name = "Total" if row == TOTAL else str(agencies.get(row, row))
                sheet.append([name, *("×" if v is None else v for _, v in table.row(row))])
    buffer = io.BytesIO()
    book.save(buffer)
    filename = f"rekam-jejak-{government}-{month}.xlsx"
    return Response(buffer.getvalue(), mimetype="application/vnd.openxmlformats-officedocument"
                    ".spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename={filename}"})


def citation(release: Release) -> str:
    """How to cite a release: publisher, title, release id, policy, address, licence."""
    name = release.labels["government"]["name"]
    page = url_for("transparency.government", government=release.government,
                   rilis=release.id, _external=True)
    return (f"Rekam Jejak, {name}: rilis transparansi kepegawaian {release.month} "
            f"({release.id}, kebijakan {release.policy_version}). {page}. CC BY 4.0.")

