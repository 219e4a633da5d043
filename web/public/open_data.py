"""Open data and feeds: CSV + Frictionless `datapackage.json` under /data/, Atom and JSON Feed.

Every file is generated from the stored releases (never from the events), so downloads say
exactly what the pages say. URLs are stable: a release keeps its id forever, and the CSV files
list every release ever published, corrections beside what they superseded.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.etree import ElementTree as ET

from flask import Blueprint, Response, current_app, url_for
from flask.typing import ResponseReturnValue

from projections.transparency.disclosure import POLICY_VERSION, THRESHOLD
from projections.transparency.store import Release, ReleaseStore
from web import get_releases
from web.public.page_cache import cached

bp = Blueprint("data", __name__)  # main's route walk lists "data" as public by name

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


RESOURCES: dict[str, tuple[str, list[dict[str, Any]]]] = {
    "releases": ("Every monthly release; a correction names the release it supersedes.", [
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
    ]),
    "cells": ("Aggregate tables (T1 and T2). Empty count: hidden by disclosure control.", [
        _field("release_id", "string", "Release", required=True),
        _field("government", "string", "Government code", required=True),
        _field("month", "string", "Month covered (YYYY-MM)", required=True),
        _field("table", "string", "Table key", required=True),
        _field("row", "string", "Agency code, 'lainnya' (merged) or '_total'", required=True),
        _field("column", "string", "Category or '_total'", required=True),
        _count("count", f"Number of people: 0 or at least {THRESHOLD}; empty when hidden"),
    ]),
    "training_hours": ("Training hours (JP) per agency in the month; empty when hidden.", [
        _field("release_id", "string", "Release", required=True),
        _field("government", "string", "Government code", required=True),
        _field("month", "string", "Month covered (YYYY-MM)", required=True),
        _field("row", "string", "Agency code, 'lainnya' or '_total'", required=True),
        _field("jp", "number", "Hours of lessons (jam pelajaran)", minimum=0),
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
                       f"{POLICY_VERSION}: published counts are 0 or at least {THRESHOLD}.",
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
    releases = sorted(store.releases(), key=lambda r: (r.government, r.month, r.version))
    rows: list[list[Any]] = []
    for release in releases:
        head = [release.id, release.government, release.month]
        if name == "releases":
            rows.append([*head, release.version, release.policy_version, release.position,
                         release.published_at, release.supersedes or ""])
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


# -- feeds -------------------------------------------------------------------------------------


def _entries() -> list[dict[str, Any]]:
    """One entry per release, plus one per T0/T1 item the first time a release carries it."""
    store = _store()
    entries: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for release in sorted(store.releases(), key=lambda r: (r.month, r.government, r.version)):
        page = url_for("transparency.government", government=release.government,
                       rilis=release.id, _external=True)
        name = release.labels["government"]["name"]
        kind = "Koreksi rilis" if release.is_correction else "Rilis bulanan"
        entries.append({"id": page, "url": page, "updated": release.published_at,
                        "title": f"{kind} {release.month} — {name}",
                        "summary": f"{kind} {release.id} (kebijakan {release.policy_version}, "
                                   f"posisi log {release.position})"
                                   + (f"; menggantikan {release.supersedes}"
                                      if release.supersedes else "")})
        for item in store.items(release.id):
            if item["kind"] == "training_programme":
                continue  # shown on the page; a programme is not news on its own
            key = (release.government, item["kind"], item.get("key") or item.get("name", ""))
            if key in seen:
                continue
            seen.add(key)
            entries.append(_item_entry(release, item, name))
    return entries[::-1]


def _item_entry(release: Release, item: dict[str, Any], government: str) -> dict[str, Any]:
    if item["kind"] == "jpt_appointment":
        page = url_for("transparency.recruitment", government=release.government,
                       rilis=release.id, _external=True)
        title = f"Pengangkatan JPT: {item['name']} — {item['position']} ({government})"
        anchor = f"appointment-{item['name']}-{item['position']}"
    else:
        page = url_for("transparency.recruitment", government=release.government,
                       rilis=release.id, _external=True)
        kind = "Seleksi" if item["kind"] == "recruitment_round" else "Seleksi terbuka JPT"
        title = f"{kind}: {item['title']} ({government})"
        anchor = f"{item['kind']}-{item['key']}"
    return {"id": f"{page}#{anchor}".replace(" ", "-"), "url": page,
            "updated": release.published_at, "title": title,
            "summary": f"{item['tier']} · {release.month}"}


@bp.get("/feed.atom")
@cached()
def atom() -> ResponseReturnValue:
    """Atom (RFC 4287) feed of releases and T0/T1 items."""
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    feed = ET.Element(f"{{{ns}}}feed")
    entries = _entries()
    for tag, value in (("title", "Rekam Jejak — transparansi kepegawaian"),
                       ("id", url_for("data.atom", _external=True)),
                       ("updated", entries[0]["updated"] if entries
                        else "1970-01-01T00:00:00+00:00"),
                       ("rights", "CC BY 4.0")):
        ET.SubElement(feed, f"{{{ns}}}{tag}").text = value
    ET.SubElement(feed, f"{{{ns}}}link", rel="self", href=url_for("data.atom", _external=True))
    ET.SubElement(feed, f"{{{ns}}}link", rel="alternate",
                  href=url_for("public.home", _external=True))
    author = ET.SubElement(feed, f"{{{ns}}}author")
    ET.SubElement(author, f"{{{ns}}}name").text = "Rekam Jejak"
    for entry in entries:
        node = ET.SubElement(feed, f"{{{ns}}}entry")
        for tag in ("title", "id", "updated", "summary"):
            ET.SubElement(node, f"{{{ns}}}{tag}").text = entry[tag]
        ET.SubElement(node, f"{{{ns}}}link", rel="alternate", href=entry["url"])
    body = ET.tostring(feed, encoding="unicode", xml_declaration=True)
    return Response(body, mimetype="application/atom+xml")


@bp.get("/feed.json")
@cached()
def json_feed() -> ResponseReturnValue:
    """JSON Feed 1.1 of releases and T0/T1 items."""
    feed = {"version": "https://jsonfeed.org/version/1.1",
            "title": "Rekam Jejak — transparansi kepegawaian",
            "home_page_url": url_for("public.home", _external=True),
            "feed_url": url_for("data.json_feed", _external=True), "language": "id",
            "authors": [{"name": "Rekam Jejak"}],
            "items": [{"id": e["id"], "url": e["url"], "title": e["title"],
                       "content_text": e["summary"], "date_published": e["updated"]}
                      for e in _entries()]}
    return current_app.response_class(json.dumps(feed, indent=2, ensure_ascii=False),
                                      mimetype="application/feed+json")
