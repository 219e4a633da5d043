"""`rekam demo`: loads the demo once, and the home page lists its governments."""

from __future__ import annotations

import re

from flask import Flask

from projections.stores.backend import count_events
from web import get_service


class TestDemoCommand:
    def test_the_demo_loads_once_and_the_home_page_lists_its_governments(
            self, app: Flask) -> None:
        runner = app.test_cli_runner()
        result = runner.invoke(args=["demo", "--employees", "40", "--years", "2", "--seed", "3"])
        assert result.exit_code == 0, result.output
        events = count_events(get_service(app))
        assert events > 500
        assert f"{events} events" in result.output

        again = runner.invoke(args=["demo", "--if-empty"])
        assert again.exit_code == 0 and "reusing" in again.output
        assert count_events(get_service(app)) == events
        refused = runner.invoke(args=["demo"])
        assert refused.exit_code != 0 and "already holds" in refused.output

        client = app.test_client()
        health = client.get("/healthz").json
        assert health is not None and health["events"] == events
        page = client.get("/").get_data(as_text=True)
        for name in ("Kota Salatiga", "Kota Tanjungbalai", "Kota Kupang", "Kota Palu",
                     "Plaju"):
            assert name in page
        # The demo published its past year; the home page shows each government's published
        # headcount, exact under the disclosure policy (public structure), however small.
        cells = re.findall(r'data-testid="total-\w+">([^<]+)<', page)
        assert len(cells) == 5 and all(re.fullmatch(r"\d+", c) and int(c) > 0 for c in cells)
        assert "Pegawai aktif" in page
        assert "Active employees" in client.get("/?lang=en").get_data(as_text=True)
