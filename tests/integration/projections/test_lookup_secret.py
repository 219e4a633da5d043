"""Retiring the lookup secret: every number is found again under the new secret, and the old
secret and the tokens made with it are in no stored file (so an old audit record's hash of a
NIP can no longer be reversed); a round still taking applicants refuses it."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from domain.personnel_service import PersonnelService
from domain.privacy import LOOKUP_SECRET_ID
from projections.lookup_secret import (
    STAGED_SECRET_ID,
    RoundsTakingApplicantsError,
    retire_lookup_secret,
)
from projections.stores.backend import Backend
from projections.views.runner import Projections
from tests.support.dates import TODAY
from tests.support.disk import files_holding, stored_files
from tests.support.views import read_rows


def registered(service: PersonnelService, projections: Projections) -> dict[str, UUID]:
    """Each registered employee's NIP and record, from the records themselves."""
    found = {}
    for row in read_rows(projections)["roster"]:
        nip = service.personal_data(UUID(row["employee_id"]))["nip"]
        if isinstance(nip, str):
            found[nip] = UUID(row["employee_id"])
    return found


class TestRetiringTheLookupSecret:
    def test_every_number_is_found_again_and_the_old_secret_is_gone_from_disk(
            self, recorded_views: Projections, recorded_store: Backend) -> None:
        projections, service, backend = recorded_views, recorded_views.service, recorded_store
        numbers = registered(service, projections)
        assert numbers and all(service.find_by_nip(n) == r for n, r in numbers.items())
        old_secret = service.vault.keys.get(LOOKUP_SECRET_ID)
        assert old_secret is not None
        # What an audit record stored before issue 18 holds for a search of the first NIP.
        first = next(iter(numbers))
        old_token = service.vault.lookup_token("nip", first)
        needles = {"old secret": old_secret, "old token": old_token.encode()}
        assert set(files_holding(stored_files(backend), needles)) == set(needles)  # can fail

        assert retire_lookup_secret(projections, TODAY) == len(numbers)

        assert all(service.find_by_nip(n) == r for n, r in numbers.items())
        assert service.vault.lookup_token("nip", first) != old_token
        assert service.vault.keys.get(STAGED_SECRET_ID) is None
        assert files_holding(stored_files(backend), needles) == {}

    def test_a_round_taking_applicants_refuses_it_and_nothing_changes(
            self, recorded_views: Projections) -> None:
        projections, service = recorded_views, recorded_views.service
        rounds = read_rows(projections)["rounds"]
        announced = [r for r in rounds if r["announced_on"] and r["registration_closes_on"]]
        assert announced, "the recorded workforce has an announced round"
        during = date.fromisoformat(announced[0]["announced_on"])
        old_secret = service.vault.keys.get(LOOKUP_SECRET_ID)
        old_rows = sorted(service.registry.rows())  # type: ignore[attr-defined]

        with pytest.raises(RoundsTakingApplicantsError) as refused:
            retire_lookup_secret(projections, during)

        assert announced[0]["code"] in refused.value.codes
        assert service.vault.keys.get(LOOKUP_SECRET_ID) == old_secret
        assert service.vault.keys.get(STAGED_SECRET_ID) is None
        assert sorted(service.registry.rows()) == old_rows  # type: ignore[attr-defined]
