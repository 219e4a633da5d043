"""Rendered public responses kept in memory, so a repeat request reads no release and renders
nothing.

A release never changes once stored, so a public page is fixed by its URL (the path and the
query arguments the view reads), the reader's language and the set of stored releases. Every
request reads one cheap marker of that set (how many releases are stored: rows are only ever
added), plus, for the home page, the event store's newest notification id (it shows the number of
stored events); a page rendered under another marker is never served, so a new release or a
correction shows on the next request in every process, including processes that did not
publish it. The cache is per process, shared by its threads, and bounded in bytes.

Responses carry a strong ETag (a hash of the body, the same in every process), Last-Modified
(the latest publication) and `Cache-Control: public` with a short max-age; `If-None-Match`
is answered with 304. A request that carries a staff session or switches the language sets a
cookie, so its answer is marked private.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar, cast

from flask import Response, current_app, make_response, request
from flask.sansio.app import App
from werkzeug import http

from projections.stores.backend import newest_event_reader
from web import get_releases, get_service, opened
from web.settings import get_settings
from web.ui import language

MAX_AGE_SECONDS = 60  # how long a browser or proxy may reuse a page without asking again
PUBLIC = f"public, max-age={MAX_AGE_SECONDS}"
PRIVATE = f"private, max-age={MAX_AGE_SECONDS}"

View = TypeVar("View", bound=Callable[..., Any])


@dataclass(frozen=True)
class CachedPage:
    """One rendered 200 response: its body and the headers sent with it, built once."""

    marker: Hashable
    body: bytes
    etag: str
    headers: tuple[tuple[str, str], ...]  # all but Cache-Control

    @classmethod
    def of(cls, response: Response, marker: Hashable,
           last_modified: datetime | None) -> CachedPage:
        body = response.get_data()
        etag = hashlib.blake2b(body, digest_size=16).hexdigest()
        headers = [("Content-Type", response.content_type or "text/html; charset=utf-8"),
                   ("ETag", http.quote_etag(etag)), ("Vary", "Cookie")]
        # Vary: the language may come from the `lang` cookie.
        if last_modified is not None:
            headers.append(("Last-Modified", http.http_date(last_modified)))
        headers += [(k, v) for k, v in response.headers.items()
                    if k.lower() == "content-disposition"]
        return cls(marker, body, etag, tuple(headers))

    def respond(self) -> Response:
        """The page, or 304 when the client already holds this version."""
        environ = request.environ
        private = ("lang=" in environ.get("QUERY_STRING", "")
                   or current_app.config["SESSION_COOKIE_NAME"] in request.cookies)
        headers = [*self.headers, ("Cache-Control", PRIVATE if private else PUBLIC)]
        if "HTTP_IF_NONE_MATCH" in environ and request.if_none_match.contains(self.etag):
            return Response(status=304, headers=[h for h in headers if h[0] != "Content-Type"])
        return Response(self.body, headers=headers)


class PageCache:
    """The latest rendering of each page, least recently used dropped first past the budget."""

    def __init__(self, budget_bytes: int) -> None:
        self.budget = budget_bytes
        self.used = 0
        self._pages: OrderedDict[Hashable, CachedPage] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, marker: Hashable) -> CachedPage | None:
        """The page rendered under `marker`, if that is the one kept."""
        with self._lock:
            page = self._pages.get(key)
            if page is None or page.marker != marker:
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, key: Hashable, page: CachedPage) -> None:
        """Keep `page` in place of any older rendering of the same page."""
        size = len(page.body)
        if size > self.budget:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self.used -= len(old.body)
            self._pages[key] = page
            self.used += size
            while self.used > self.budget:
                _, dropped = self._pages.popitem(last=False)
                self.used -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._pages)


def open_page_cache(app: App) -> None:
    """Give `app` its page cache (`REKAM_PAGE_CACHE_MB` of the app's settings; `0` keeps
    nothing); called when the app is built."""
    megabytes = get_settings(app).web.page_cache_mb
    app.extensions["rekam_page_cache"] = PageCache(int(megabytes * 2**20))


def get_page_cache() -> PageCache:
    """The current app's page cache (one per process, shared by its threads)."""
    return cast(PageCache, current_app.extensions["rekam_page_cache"])


def cached(*, args: tuple[str, ...] = (), events: bool = False) -> Callable[[View], View]:
    """Serve the view's 200 responses from the page cache.

    `args` are the query arguments the view reads (any other is ignored, so it cannot make
    new entries); `events` when the page also shows the event store's size. Errors (404 of
    an unknown government or release) are not kept.
    """

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def serve(**values: Any) -> Any:
            app = current_app._get_current_object()  # type: ignore[attr-defined]
            releases = get_releases(app)
            marker: Hashable = releases.count()
            if events:
                newest = opened(app, "rekam_newest_event",
                                lambda: newest_event_reader(get_service(app)))
                marker = (marker, newest())
            key = (request.host, request.endpoint, tuple(sorted(values.items())),
                   tuple(request.args.get(name) for name in args), language())
            cache = get_page_cache()
            page = cache.get(key, marker)
            if page is None:
                response = make_response(view(**values))
                if response.status_code != 200:
                    return response
                latest = releases.last_published_at()
                page = CachedPage.of(response, marker,
                                     datetime.fromisoformat(latest) if latest else None)
                cache.put(key, page)
            return page.respond()

        return cast(View, serve)

    return decorate
