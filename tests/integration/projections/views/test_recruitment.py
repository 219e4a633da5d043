"""The recruitment view agrees with the rounds and selections it was built from."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID

import pytest

from domain.personnel_service import PersonnelService
from domain.recruitment import RecruitmentRound
from domain.selection import OpenSelection
from projections.stores.backend import Backend
from projections.views.recruitment import formation_funnels, ranking, rounds, selections
from projections.views.runner import Projections


@pytest.fixture
def stores(backend: Backend, service: PersonnelService
           ) -> Iterator[tuple[PersonnelService, Projections]]:
    projections = Projections.open(service, backend)
    projections.catch_up()
    yield service, projections
    projections.close()


def _aggregates(service: PersonnelService, topic: str) -> set[UUID]:
    return {UUID(str(n.originator_id))
            for n in service.recorder.select_notifications(1, 100_000) if n.topic == topic}


def test_funnels_and_rankings_match_the_rounds(
        stores: tuple[PersonnelService, Projections]) -> None:
    service, projections = stores
    round_ids = _aggregates(service, "domain.recruitment:RecruitmentRound.Opened")
    assert {r["id"] for r in rounds(projections)} == {i.hex for i in round_ids}
    funnels = {f.id: f for f in formation_funnels(projections)}
    checked = 0
    for round_id in round_ids:
        round_: RecruitmentRound = service.recruitment.get_round(round_id)
        for formation in round_.formations.values():
            funnel, applicants = funnels[formation.id.hex], round_.of_formation(formation.id)
            assert funnel.quota == formation.quota
            assert funnel.applicants == len(applicants)
            assert funnel.screened_in == sum(1 for a in applicants if a.meets)
            assert funnel.objections == sum(1 for a in applicants if a.objection)
            assert funnel.passed == sum(1 for a in applicants
                                        if a.skd_passed or a.competency_passed)
            assert funnel.skb_participants == sum(1 for a in applicants if a.skb_participant)
            assert funnel.appointed == sum(1 for a in applicants if a.employee_id)
            expected = sorted((a for a in applicants if a.rank is not None),
                              key=lambda a: a.rank or 0)
            rows = ranking(projections, formation.id.hex)
            assert [r["exam_number"] for r in rows] == [a.exam_number for a in expected]
            assert [r["final_score"] for r in rows] == [a.final_score for a in expected]
            checked += len(rows)
    assert checked > 0
    assert funnels and all(f.applicants >= f.screened_in >= f.passed for f in funnels.values())


def test_open_selections_show_candidates_shortlist_and_appointee(
        stores: tuple[PersonnelService, Projections]) -> None:
    service, projections = stores
    listed = {s["id"]: s for s in selections(projections)}
    selection_ids = _aggregates(service, "domain.selection:OpenSelection.Authorised")
    assert set(listed) == {i.hex for i in selection_ids}
    for selection_id in selection_ids:
        selection: OpenSelection = service.recruitment.get_selection(selection_id)
        row = listed[selection_id.hex]
        assert row["candidates"] == len(selection.candidates)
        assert row["shortlisted"] == len(selection.shortlist)
        assert row["committee_size"] == len(selection.committee)
        if selection.appointee is not None:
            assert row["appointee_employee_id"] == (
                selection.candidates[selection.appointee].hex)
            assert row["inaugurated_on"] == selection.closed_on.isoformat()  # type: ignore[union-attr]
