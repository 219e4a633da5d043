"""No stored code (PENGAWAS, JPT_PRATAMA, E_LEARNING, hr_officer, ...) in the text of a page.

Every enum value and role a person reads goes through a label, in either language. Codes may
still sit in `value=""` attributes and URLs, where nobody reads them.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from enum import Enum
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

import domain.values
from projections.transparency.publication import publish_past_year
from tests.support.staff import login, text
from web import get_releases, get_service
from web.accounts.auth import ROLE_NAMES
from web.hr.labels import CHOICE_LABELS, OBJECTION_STATUS

READ_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")  # read out, so checked too
STAFF_AREAS = ("/hr/", "/audit/", "/admin/")
PAGES_PER_KIND = 2  # e.g. two employee pages, two of each action form


class VisibleText(HTMLParser):
    """The text a person reads on a page (text nodes and read-out attributes) and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        found = dict(attrs)
        self.parts += [value for name in READ_ATTRIBUTES if (value := found.get(name))]
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.parts.append(data)


def stored_codes(app: Flask, language: str) -> set[str]:
    """The values of domain/values.py's enums and the roles that a page must not show as they
    are: not those whose label is the value itself (PNS, D3), not numbers (Sex), and not the
    lower-case words that are ordinary text too (the demo's auditor account is `auditor`);
    and the recruitment view's objection states where their label differs (not in English)."""
    members = [m for enum in vars(domain.values).values()
               if isinstance(enum, type) and issubclass(enum, Enum) and enum is not Enum
               for m in enum if isinstance(m.value, str)]
    codes = {str(m.value) for m in members
             if not m.value.isdigit() and not re.fullmatch(r"[a-z]+", m.value)}
    shown_as_is = set()
    for either in ("id", "en"):
        with app.test_request_context(f"/?lang={either}"):
            labels = {**CHOICE_LABELS, **{r.value: label for r, label in ROLE_NAMES.items()}}
            shown_as_is |= {code for code, label in labels.items() if str(label) == code}
    with app.test_request_context(f"/?lang={language}"):
        states = {code for code, label in OBJECTION_STATUS.items() if str(label) != code}
    return (codes - shown_as_is) | states


def leaks(html: str, codes: set[str]) -> Counter[str]:
    """How often each code appears as a word of the visible text."""
    parser = VisibleText()
    parser.feed(html)
    found: Counter[str] = Counter()
    for part in parser.parts:
        for code in codes:
            found[code] += len(re.findall(rf"(?<![\w/-]){re.escape(code)}(?![\w/-])", part))
    return +found


def crawl(client: FlaskClient, start: list[str]) -> dict[str, str]:
    """The staff pages reachable from `start` by links, a few of each kind (HTML only)."""
    pages: dict[str, str] = {}
    queue, kinds = list(start), Counter[str]()
    while queue:
        url = queue.pop(0)
        response = client.get(url)
        if url in pages or "text/html" not in response.content_type:
            continue
        pages[url] = text(response)
        parser = VisibleText()
        parser.feed(pages[url])
        for link in sorted(set(parser.links)):
            parts = urlsplit(link)
            kind = re.sub(r"[0-9a-f]{32}|\d+", "#", parts.path) + ("?" if parts.query else "")
            if (parts.netloc or not parts.path.startswith(STAFF_AREAS) or "lang=" in link
                    or link in pages or link in queue or kinds[kind] >= PAGES_PER_KIND):
                continue
            kinds[kind] += 1
            queue.append(link)
    return pages


class TestTheScanner:
    def test_it_finds_a_code_in_text_and_read_out_attributes_but_not_in_values_or_links(
            self) -> None:
        page = ('<a href="/hr/employees?position_type=PENGAWAS">x</a>'
                '<option value="PENGAWAS">Pengawas</option><td>PENGAWAS</td>'
                '<nav aria-label="JPT_PRATAMA"></nav><td>PENGAWASAN</td><td>hr_officer</td>')
        assert leaks(page, {"PENGAWAS", "JPT_PRATAMA", "hr_officer"}) == Counter(
            {"PENGAWAS": 1, "JPT_PRATAMA": 1, "hr_officer": 1})


class TestStaffPages:
    @pytest.mark.parametrize(("username", "start"), [
        ("hradmin.salatiga", ["/hr/", "/hr/recruitment/", "/hr/employees?status=all"]),
        ("auditor", ["/audit/", "/hr/", "/audit/log", "/audit/users"]),
        ("admin", ["/admin/users", "/admin/jobs"]),
    ])
    @pytest.mark.parametrize("language", ["id", "en"])
    def test_no_stored_code_reaches_the_text_of_a_staff_page(
            self, demo_app: Flask, username: str, start: list[str], language: str) -> None:
        codes = stored_codes(demo_app, language)
        assert {"PENGAWAS", "JPT_PRATAMA", "TERAMPIL", "E_LEARNING", "hr_officer"} <= codes
        assert ("granted" in codes) is (language == "id")
        client = demo_app.test_client()
        login(client, username)
        client.set_cookie("lang", language)
        pages = crawl(client, start)
        assert len(pages) > (1 if username == "admin" else 25)  # the crawl reached the pages
        found = {url: leaks(html, codes) for url, html in pages.items()}
        assert not {url: codes for url, codes in found.items() if codes}


class TestPublicPages:
    @pytest.fixture
    def published(self, demo_app: Flask) -> Flask:
        """The demo with its past year published (the recruitment tracker lists formations)."""
        app = demo_app
        publish_past_year(get_service(app), get_releases(app), date.today())
        return app

    @pytest.mark.parametrize("language", ["id", "en"])
    def test_no_stored_code_reaches_a_government_page_or_its_recruitment_tracker(
            self, published: Flask, language: str) -> None:
        codes = stored_codes(published, language)
        client = published.test_client()
        governments = {r.government for r in get_releases(published).current()}
        assert governments
        for government in sorted(governments):
            for url in (f"/pemda/{government}", f"/pemda/{government}/rekrutmen"):
                page = text(client.get(f"{url}?lang={language}"))
                assert not leaks(page, codes), url
