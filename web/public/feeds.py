"""Atom and JSON Feed of the releases: each release's item carries its headline figures in
Bahasa Indonesia, and each recruitment round, open selection and named senior appointment
gets its own item the first time a release carries it.

Generated from the stored releases only, like every public page.
"""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree as ET

from flask import Blueprint, Response, current_app, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale

from projections.transparency.disclosure import TOTAL
from projections.transparency.store import Release, ReleaseStore, Withdrawal
from web import get_releases
from web.public.labels import table_title
from web.public.page_cache import cached
from web.public.zones import local_time

bp = Blueprint("feeds", __name__)
TITLE = "Rekam Jejak — transparansi kepegawaian"


def _store() -> ReleaseStore:
    return get_releases(current_app)


def _figure(value: float | None) -> str:
    """A figure as an Indonesian reader writes it; the page's neutral mark when hidden."""
    if value is None:
        return "×"
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{value:,}".replace(",", ".")


def headline(store: ReleaseStore, release: Release) -> str:
    """The release's figures for the whole government, in one Indonesian sentence."""
    cells = {(k, c): v for k, r, c, v in store.cells(release.id) if r == TOTAL}

    def total(table: str) -> str:  # "–": a table this release (an older policy) lacks
        return _figure(cells[(table, TOTAL)]) if (table, TOTAL) in cells else "–"

    active = cells.get(("headcount_status", TOTAL))
    reached = cells.get(("training_20jp", "reached"))
    share = ("×" if reached is None or not active
             else f"{_figure(round(100 * reached / active, 1))}%")
    named = sum(1 for i in store.items(release.id) if i["kind"] == "jpt_appointment")
    return (f"Pegawai aktif {total('headcount_status')}; "
            f"pengangkatan baru {total('appointments')}; "
            f"kenaikan pangkat {total('promotions')}; "
            f"pemberhentian {total('separations')}; "
            f"pelatihan diikuti {total('training')}; "
            f"mencapai 20 JP tahun ini {share}; "
            f"pengangkatan JPT {_figure(named)}.")


def withdrawal_reason(withdrawal: Withdrawal) -> str:
    """Why a release's tables were withdrawn, in Indonesian (the feeds and releases.csv)."""
    return (f"ditarik ketika rilis {withdrawal.by} mengoreksinya (kebijakan "
            f"{withdrawal.policy_version}): bersama koreksi yang tepat, tabel ini mengungkap "
            "kelas kinerja, pemberhentian atau kematian seseorang")


def withdrawn(withdrawal: Withdrawal) -> str:
    """What a release withdrew and why, in one Indonesian sentence."""
    with force_locale("id"):
        titles = "; ".join(str(table_title(key)) for key in withdrawal.tables)
    return f" Tabel ditarik: {titles} — {withdrawal_reason(withdrawal)}."


def _entries() -> list[dict[str, Any]]:
    """One entry per release, plus one per institutional item the first time a release
    carries it (newest first)."""
    store = _store()
    entries: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for release in sorted(store.releases(), key=lambda r: (r.month, r.government, r.version)):
        page = url_for("transparency.government", government=release.government,
                       rilis=release.id, _external=True)
        name = release.labels["government"]["name"]
        kind = "Koreksi rilis" if release.is_correction else "Rilis bulanan"
        note = (f" Koreksi atas {release.supersedes} (kebijakan {release.policy_version})."
                if release.supersedes else "")
        withdrawal = store.withdrawal(release.id)
        # A withdrawal changes the entry: its time is the correction's, so readers see it.
        entries.append({"id": page, "url": page,
                        "updated": withdrawal.at if withdrawal else release.published_at,
                        "title": f"{kind} {_month_name(release.month)} — {name}",
                        "summary": headline(store, release) + note
                        + f" Terbit {local_time(release.published_at, _province(release))}."
                        + (withdrawn(withdrawal) if withdrawal else "")})
        for item in store.items(release.id):
            if item["kind"] in ("training_programme", "complaint_answer_time"):
                continue  # shown on the pages and in the data; not news on its own
            key = (release.government, item["kind"], item.get("key") or item.get("name", ""))
            if key in seen:
                continue
            seen.add(key)
            entries.append(_item_entry(release, item, name))
    return entries[::-1]


MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")


def _month_name(month: str) -> str:
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"


def _province(release: Release) -> str:
    return str(release.labels["government"]["province"])


def _item_entry(release: Release, item: dict[str, Any], government: str) -> dict[str, Any]:
    if item["kind"] in ("survey_result", "consultation_answered"):
        return _voice_entry(release, item, government)
    page = url_for("transparency.recruitment", government=release.government,
                   rilis=release.id, _external=True)
    if item["kind"] == "jpt_appointment":
        title = f"Pengangkatan JPT: {item['name']} — {item['position']} ({government})"
        anchor = f"appointment-{item['name']}-{item['position']}"
        summary = (f"{item['name']} diangkat sebagai {item['position']}, {item['agency']}, "
                   f"{_month_name(item['month'])}.")
    elif item["kind"] == "recruitment_round":
        title = f"Seleksi: {item['title']} ({government})"
        anchor = f"{item['kind']}-{item['key']}"
        quota = sum(f["quota"] for f in item["formations"])
        summary = (f"Seleksi {item['employment_type']} {item['year']}: "
                   f"{len(item['formations'])} formasi, kuota {quota}.")
    else:
        title = f"Seleksi terbuka JPT: {item['title']} ({government})"
        anchor = f"{item['kind']}-{item['key']}"
        summary = (f"Seleksi terbuka JPT {item['title']}, {item['agency']}; panitia "
                   f"{item['committee_size']} orang, {item['committee_external']} dari luar.")
    return {"id": f"{page}#{anchor}".replace(" ", "-"), "url": page,
            "updated": release.published_at, "title": title, "summary": summary}


def _voice_entry(release: Release, item: dict[str, Any], government: str) -> dict[str, Any]:
    """A satisfaction survey's result, or a consultation's answer, as news."""
    if item["kind"] == "survey_result":
        page = url_for("voice.unit", code=item["unit"], _external=True)
        result = (f"IKM {item['ikm'].replace('.', ',')}, mutu {item['grade']}"
                  if item["ikm"] else "belum ada hasil")
        enough = "cukup" if item["is_enough"] else "belum cukup"
        return {"id": f"{page}#survei-{item['starts_on']}", "url": page,
                "updated": release.published_at,
                "title": f"Hasil survei kepuasan: {item['title']} ({government})",
                "summary": f"Periode {item['starts_on']} s.d. {item['ends_on']}: {result}; "
                           f"{_figure(item['responses'])} responden (sampel minimum "
                           f"{_figure(item['minimum_sample'])}, {enough})."}
    page = url_for("consultation.page", consultation_id=item["key"], _external=True)
    return {"id": page, "url": page, "updated": release.published_at,
            "title": f"Konsultasi publik dijawab: {item['title']} ({government})",
            "summary": f"Pemerintah menjawab {_figure(item['themes'])} tema tanggapan; "
                       f"{_figure(item['changes'])} perubahan pada rancangan; "
                       f"{_figure(item['comments_published'])} tanggapan ditayangkan."}


@bp.get("/feed.atom")
@cached()
def atom() -> ResponseReturnValue:
    """Atom (RFC 4287) feed of releases and institutional items."""
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    feed = ET.Element(f"{{{ns}}}feed")
    entries = _entries()
    for tag, value in (("title", TITLE), ("id", url_for("feeds.atom", _external=True)),
                       ("updated", entries[0]["updated"] if entries
                        else "1970-01-01T00:00:00+00:00"),
                       ("rights", "CC BY 4.0")):
        ET.SubElement(feed, f"{{{ns}}}{tag}").text = value
    ET.SubElement(feed, f"{{{ns}}}link", rel="self", href=url_for("feeds.atom", _external=True))
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
    """JSON Feed 1.1 of releases and institutional items."""
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": TITLE,
            "home_page_url": url_for("public.home", _external=True),
            "feed_url": url_for("feeds.json_feed", _external=True), "language": "id",
            "authors": [{"name": "Rekam Jejak"}],
            "items": [{"id": e["id"], "url": e["url"], "title": e["title"],
                       "content_text": e["summary"], "date_published": e["updated"]}
                      for e in _entries()]}
    return current_app.response_class(json.dumps(feed, indent=2, ensure_ascii=False),
                                      mimetype="application/feed+json")
