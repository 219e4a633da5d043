"""Fixtures of the domain tests: a fresh organisation on in-memory stores for every test."""

from __future__ import annotations

import pytest

from domain.personnel_service import PersonnelService
from tests.builders.personnel import Organisation


@pytest.fixture
def org() -> Organisation:
    return Organisation.build()


@pytest.fixture
def service(org: Organisation) -> PersonnelService:
    return org.service
