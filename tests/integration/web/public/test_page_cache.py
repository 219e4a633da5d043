"""The public page cache: a repeat request renders nothing, and a new release, a correction or
a new event shows at once, in the process that published it and in another one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from flask import Flask, template_rendered
from flask.testing import FlaskClient

from domain.values import Actor, Role, SeparationType
from projections.transparency.publication import due_months, publish_months
from projections.transparency.releases import month_end
from projections.transparency.store import Release
from tests.support.dates import REAL_TODAY, TODAY
from web import get_releases, get_service
from web.loaders.demo import load_demo
from web.public.page_cache import get_page_cache
from web.settings import Settings

OLDER, NEWER = due_months(TODAY, 15, count=2)


@contextmanager
def renders(app: Flask) -> Iterator[list[str]]:
    """The names of the templates `app` renders inside the block (Flask's own signal)."""
    seen: list[str] = []

    def record(sender: Flask, template: Any, context: dict[str, Any], **_: Any) -> None:
        seen.append(str(template.name))

    with template_rendered.connected_to(record, app):
        yield seen


def publish(app: Flask, month: str) -> list[Release]:
    return publish_months(get_service(app), get_releases(app), [(month, None)])


@pytest.fixture
def two_apps(store_env: dict[str, str], make_app: Callable[..., Flask]
             ) -> tuple[Flask, Flask]:
    """A web app and a second app on the same store (another process: its own cache and
    connections), on a small demo with nothing published yet."""
    load_demo(backend=Settings.from_env(store_env).backend, employees=120, years=2, seed=3,
              today=TODAY)
    return make_app(**store_env), make_app(**store_env)


def _government(app: Flask) -> str:
    return get_releases(app).current()[0].government


def _separate_staff(app: Flask, government: str, month: str, count: int) -> None:
    """Record `count` resignations in `government` late in `month` (a correction of it)."""
    from domain.employee import Employee

    service = get_service(app)
    on = month_end(month) - timedelta(days=3)
    topics = (f"{Employee.__module__}:Employee.Appointed",
              f"{Employee.__module__}:Employee.RecordOpened")
    codes: dict[Any, str] = {}
    done = 0
    for notification in service.recorder.select_notifications(1, 10**6, topics=topics):
        employee = service.get_employee(UUID(str(notification.originator_id)))
        state = employee.state
        if state.government_id is not None and state.government_id not in codes:
            codes[state.government_id] = service.get_government(state.government_id).code
        if (not state.is_active or codes.get(state.government_id) != government
                or max(a.effective_on for a in employee.in_force()) >= on):
            continue
        service.separate(employee.id, separation_type=SeparationType.RESIGNATION,
                         effective_on=on, actor=Actor("tester", Role.HR_ADMIN),
                         legal_basis=None)
        done += 1
        if done == count:
            return
    raise AssertionError(f"only {done} employees to separate")


class TestFreshness:
    def test_a_new_month_and_a_correction_show_at_once_in_both_processes(
            self, two_apps: tuple[Flask, Flask]) -> None:
        web, worker = two_apps
        client = web.test_client()
        assert publish(web, OLDER)
        government = _government(web)
        page = f"/pemda/{government}"
        first = client.get(page)
        assert first.status_code == 200 and OLDER in first.get_data(as_text=True)
        with renders(web) as rendered:
            again = client.get(page)
        assert rendered == [] and again.get_data() == first.get_data()
        assert again.headers["ETag"] == first.headers["ETag"]

        # Published by the same process: the next request shows the new month.
        assert publish(web, NEWER)
        newer = client.get(page, headers={"If-None-Match": first.headers["ETag"]})
        assert newer.status_code == 200 and f"{government}-{NEWER}-v1" in newer.get_data(
            as_text=True)
        assert newer.headers["ETag"] != first.headers["ETag"]

        # A correction published by another process (the worker) shows too.
        _separate_staff(worker, government, NEWER, 12)
        corrections = [r for r in publish(worker, NEWER) if r.government == government]
        assert corrections and corrections[0].is_correction
        corrected = client.get(page)
        assert f"{government}-{NEWER}-v2" in corrected.get_data(as_text=True)
        assert corrected.headers["ETag"] != newer.headers["ETag"]
        assert corrections[0].id in client.get("/rilis").get_data(as_text=True)
        assert corrections[0].id in client.get("/data/releases.csv").get_data(as_text=True)
        assert corrections[0].id in client.get("/feed.json").get_data(as_text=True)

    def test_the_home_page_follows_the_event_count_without_a_new_release(
            self, two_apps: tuple[Flask, Flask]) -> None:
        web, worker = two_apps
        publish(web, OLDER)
        client = web.test_client()
        before = client.get("/").get_data(as_text=True)
        _separate_staff(worker, _government(worker), NEWER, 1)
        after = client.get("/").get_data(as_text=True)
        assert before != after
        count = 'data-testid="event-count">{}</strong>'
        events = get_service(web).recorder.max_notification_id()
        assert count.format(f"{events:,}".replace(",", ".")) in after


@pytest.fixture
def published(demo_app: Flask) -> FlaskClient:
    """The shared small demo (a copy on each backend) with one month published."""
    publish(demo_app, due_months(REAL_TODAY, 15, count=1)[0])
    return demo_app.test_client()


class TestHeaders:
    def test_a_page_carries_validators_and_a_matching_etag_gets_304(
            self, published: FlaskClient) -> None:
        page = published.get("/rilis")
        assert page.headers["Cache-Control"] == "public, max-age=60"
        assert page.headers["Last-Modified"] and page.headers["Vary"] == "Cookie"
        etag = page.headers["ETag"]
        unchanged = published.get("/rilis", headers={"If-None-Match": etag})
        assert unchanged.status_code == 304 and unchanged.get_data() == b""
        assert unchanged.headers["ETag"] == etag
        other = published.get("/rilis", headers={"If-None-Match": '"something-else"'})
        assert other.status_code == 200 and other.get_data() == page.get_data()

    def test_each_language_is_kept_apart_and_a_language_switch_is_private(
            self, published: FlaskClient) -> None:
        indonesian = published.get("/metodologi").get_data(as_text=True)
        english = published.get("/metodologi?lang=en")
        assert english.headers["Cache-Control"] == "private, max-age=60"
        assert "lang=en" in english.headers["Set-Cookie"]
        assert english.get_data(as_text=True) != indonesian
        assert published.get("/metodologi").get_data(as_text=True) == english.get_data(
            as_text=True)  # the cookie now says English
        published.delete_cookie("lang")
        assert published.get("/metodologi").get_data(as_text=True) == indonesian

    def test_a_staff_session_makes_the_answer_private(self, published: FlaskClient) -> None:
        from tests.support.staff import login

        login(published, "auditor")
        assert published.get("/rilis").headers["Cache-Control"] == "private, max-age=60"

    def test_unread_query_arguments_neither_add_entries_nor_echo(
            self, published: FlaskClient) -> None:
        published.get("/")
        with published.application.app_context():
            cache = get_page_cache()
            kept = len(cache)
            for n in range(5):
                page = published.get(f"/?x{n}=%3Cb%3Eecho{n}")
                assert page.status_code == 200 and f"echo{n}" not in page.get_data(as_text=True)
            assert len(cache) == kept

    def test_an_unknown_page_is_not_kept(self, published: FlaskClient) -> None:
        with published.application.app_context():
            kept = len(get_page_cache())
            assert published.get("/pemda/nowhere").status_code == 404
            assert published.get("/data/nothing.csv").status_code == 404
            assert len(get_page_cache()) == kept


def test_a_bad_cache_size_stops_the_start_with_what_to_write(tmp_path: Path) -> None:
    from web import create_app

    with pytest.raises(ValueError, match="REKAM_PAGE_CACHE_MB='lots': write a number"):
        create_app({"TESTING": True, "REKAM_DATA_DIR": str(tmp_path),
                    "REKAM_PAGE_CACHE_MB": "lots"})
