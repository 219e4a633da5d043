"""The system tests drive the same apps as the web tests: the fixtures come from there."""

from __future__ import annotations

from tests.integration.web.conftest import app, demo_app, demo_env, make_app

__all__ = ["app", "demo_app", "demo_env", "make_app"]  # fixtures, found here by pytest
