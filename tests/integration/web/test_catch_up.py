"""The catch-up a page runs before it reads the views (`web.catch_up_views`), and its wait."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask

from domain.personnel_service import PersonnelService
from projections.stores.backend import Backend
from projections.views.runner import Projections
from tests.builders.personnel import Organisation
from tests.support.views import views_write_locked
from web import catch_up_views


@pytest.fixture
def projections(backend: Backend, service: PersonnelService) -> Iterator[Projections]:
    """The views of a store holding an organisation and one employee, not caught up yet."""
    Organisation.build(service).make_pns()
    opened = Projections.open(service, backend)
    yield opened
    opened.close()


class TestWhileTheViewsAreLocked:
    def test_a_page_s_catch_up_serves_the_views_as_they_are_and_logs_why(
            self, backend: Backend, store_env: dict[str, str], projections: Projections,
            make_app: Callable[..., Flask], caplog: pytest.LogCaptureFixture) -> None:
        app = make_app(**store_env, REKAM_CATCH_UP_WAIT_SECONDS="0.3")
        with views_write_locked(backend, projections):
            assert catch_up_views(app).positions() == dict.fromkeys(projections.views, 0)
        assert "views were busy" in caplog.text
        assert min(catch_up_views(app).positions().values()) > 0

    @pytest.mark.parametrize("store_env", ["sqlite"], indirect=True)  # read at the start
    @pytest.mark.parametrize("setting", ["soon", "0", "-1"])
    def test_a_wait_that_is_not_a_positive_number_stops_the_app_s_start(
            self, store_env: dict[str, str], make_app: Callable[..., Flask],
            setting: str) -> None:
        with pytest.raises(ValueError, match=f"REKAM_CATCH_UP_WAIT_SECONDS='{setting}': write"):
            make_app(**store_env, REKAM_CATCH_UP_WAIT_SECONDS=setting)
