"""The tests here start from a recorded history rather than an empty store."""

from __future__ import annotations

import pytest

from projections.stores.backend import Backend


@pytest.fixture
def backend(recorded_store: Backend) -> Backend:
    """A copy of the recorded workforce (overrides the empty store of tests/conftest.py)."""
    return recorded_store
