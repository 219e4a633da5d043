"""Open selection of JPT posts (seleksi terbuka), driven through `service.recruitment`: each rule
accepted and refused, from the authorisation to the inauguration."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from uuid import UUID

import pytest

from domain.checks import PersonInput
from domain.personnel_service import PersonnelService
from domain.selection import CommitteeMember
from domain.values import (
    Education,
    EmployeeStatus,
    EmploymentType,
    Grade,
    PositionType,
    SelectionStage,
    Sex,
)
from tests.builders.personnel import OFFICER, Organisation, decree, nip_for, refused
from tests.builders.recruitment import (
    APPLICATIONS_CLOSE_ON,
    APPLIED_ON,
    ASSESSED_ON,
    AUTHORISED_ON,
    CHOSEN_ON,
    COMMITTEE_ON,
    INAUGURATED_ON,
    SHORTLISTED_ON,
    VACANCY_ON,
    SelectionBuilder,
    announced_selection,
    assessed_selection,
    authorised_selection,
    committee,
)

ADMINISTRATIVE, COMPETENCY, PAPER, INTERVIEW, TRACK_RECORD, HEALTH = tuple(SelectionStage)


def _shortlisted(org: Organisation, scores: list[tuple[int, int, int]] | None = None
                 ) -> tuple[SelectionBuilder, list[UUID]]:
    builder, candidates = assessed_selection(
        org, scores or [(90, 80, 85), (85, 80, 80), (80, 75, 70), (70, 70, 70)])
    builder.shortlist()
    return builder, candidates


def _pns_elsewhere(org: Organisation, agency_id: UUID, unit_id: UUID, grade: str = "IV/a"
                   ) -> UUID:
    """An active PNS recorded in another agency (of this or another government)."""
    born, appointed = date(1980, 3, 3), date(2005, 3, 1)
    return org.service.open_record(
        person=PersonInput("Yohanes Manafe", nip_for(born, appointed, Sex.MALE,
                                                     org.next_sequence()), born, Sex.MALE),
        employment_type=EmploymentType.PNS, status=EmployeeStatus.PNS, agency_id=agency_id,
        unit_id=unit_id, education=Education.S2, grade=Grade(grade),
        grade_since=date(2020, 4, 1), appointed_on=appointed,
        probation_passed_on=date(2006, 3, 1), prior_ratings=(), effective_on=date(2024, 1, 1),
        actor=OFFICER, legal_basis=None)


class TestAuthorisation:
    def test_a_jpt_post_with_the_merit_authority_s_letter_is_authorised(
            self, org: Organisation) -> None:
        builder = authorised_selection(org)

        selection = builder.selection
        assert (selection.position_id, selection.agency_id, selection.government_id) == (
            builder.position_id, org.agency_id, org.government_id)
        assert selection.position_type is PositionType.JPT_PRATAMA
        assert selection.closed_on is None and selection.committee == ()

    def test_a_post_below_jpt_is_refused(self, org: Organisation,
                                         service: PersonnelService) -> None:
        position_id = org.establish_position(PositionType.ADMINISTRATOR)
        with refused(service) as excinfo:
            authorised_selection(org, position_id=position_id)
        assert excinfo.value.code == "SELECTION_POSITION_NOT_JPT"

    def test_a_selection_without_a_legal_basis_is_refused(self, org: Organisation,
                                                          service: PersonnelService) -> None:
        position_id = org.establish_position(PositionType.JPT_PRATAMA)
        with refused(service) as excinfo:
            service.recruitment.authorise_selection(position_id=position_id, code="jpt-1",
                                                    effective_on=AUTHORISED_ON, actor=OFFICER,
                                                    legal_basis=None)
        assert excinfo.value.code == "SELECTION_AUTHORITY_REQUIRED"


class TestCommittee:
    @pytest.mark.parametrize(("internal", "external"), [(3, 2), (3, 4), (1, 8)])
    def test_an_odd_committee_of_5_to_9_with_both_kinds_is_accepted(
            self, org: Organisation, internal: int, external: int) -> None:
        builder = authorised_selection(org)
        builder.form_committee(committee(internal, external))

        members = builder.selection.committee
        assert len(members) == internal + external
        assert sum(m.external for m in members) == external

    @pytest.mark.parametrize(("internal", "external"), [(2, 1), (2, 2), (3, 3), (6, 5)])
    def test_a_committee_of_another_size_is_refused(
            self, org: Organisation, service: PersonnelService, internal: int,
            external: int) -> None:
        builder = authorised_selection(org)
        with refused(service) as excinfo:
            builder.form_committee(committee(internal, external))
        assert excinfo.value.code == "COMMITTEE_SIZE"

    @pytest.mark.parametrize(("internal", "external"), [(5, 0), (0, 5)])
    def test_a_committee_of_one_kind_only_is_refused(
            self, org: Organisation, service: PersonnelService, internal: int,
            external: int) -> None:
        builder = authorised_selection(org)
        with refused(service) as excinfo:
            builder.form_committee(committee(internal, external))
        assert excinfo.value.code == "COMMITTEE_COMPOSITION"

    def test_a_member_without_a_name_is_refused(self, org: Organisation,
                                                service: PersonnelService) -> None:
        builder = authorised_selection(org)
        members = [*committee(3, 1), CommitteeMember("  ", "Universitas Indonesia", True)]
        with refused(service) as excinfo:
            builder.form_committee(members)
        assert excinfo.value.code == "NAME_INVALID"

    def test_a_committee_after_the_announcement_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = announced_selection(org)
        with refused(service) as excinfo:
            builder.form_committee(on=VACANCY_ON)
        assert excinfo.value.code == "SELECTION_ALREADY_ANNOUNCED"


class TestAnnouncementAndApplications:
    def test_the_vacancy_is_announced_after_the_committee_is_formed(
            self, org: Organisation) -> None:
        selection = announced_selection(org).selection

        assert (selection.announced_on, selection.closes_on) == (VACANCY_ON,
                                                                 APPLICATIONS_CLOSE_ON)

    def test_an_announcement_without_a_committee_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = authorised_selection(org)
        with refused(service) as excinfo:
            builder.announce()
        assert excinfo.value.code == "COMMITTEE_REQUIRED"

    def test_an_announcement_closing_on_its_own_day_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = authorised_selection(org)
        builder.form_committee()
        with refused(service) as excinfo:
            builder.announce(closes_on=VACANCY_ON)
        assert excinfo.value.code == "REGISTRATION_CLOSE_INVALID"

    def test_a_second_announcement_is_refused(self, org: Organisation,
                                              service: PersonnelService) -> None:
        builder = announced_selection(org)
        with refused(service) as excinfo:
            builder.announce(closes_on=date(2024, 3, 1), on=date(2024, 1, 25))
        assert excinfo.value.code == "SELECTION_ALREADY_ANNOUNCED"

    def test_an_application_before_the_announcement_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = authorised_selection(org)
        employee_id = org.open_record(grade="IV/a")
        with refused(service) as excinfo:
            builder.apply(employee_id)
        assert excinfo.value.code == "SELECTION_NOT_ANNOUNCED"

    @pytest.mark.parametrize("grade", ["III/c", "IV/d"])
    def test_an_active_pns_whose_grade_the_post_admits_may_apply_until_closing(
            self, org: Organisation, grade: str) -> None:
        builder = announced_selection(org)
        candidate_id = builder.candidate(grade=grade, on=APPLICATIONS_CLOSE_ON)

        assert candidate_id in builder.selection.candidates

    def test_an_application_after_the_closing_date_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = announced_selection(org)
        employee_id = org.open_record(grade="IV/a")
        with refused(service) as excinfo:
            builder.apply(employee_id, on=date(2024, 2, 11))
        assert excinfo.value.code == "REGISTRATION_CLOSED"

    def test_a_second_application_by_the_same_employee_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = announced_selection(org)
        employee_id = org.open_record(grade="IV/a")
        builder.apply(employee_id)
        with refused(service) as excinfo:
            builder.apply(employee_id, on=date(2024, 2, 2))
        assert excinfo.value.code == "CANDIDATE_DUPLICATE"

    @pytest.mark.parametrize("grade", ["III/b", "II/d"])
    def test_a_grade_the_post_does_not_admit_is_refused(
            self, org: Organisation, service: PersonnelService, grade: str) -> None:
        builder = announced_selection(org)
        employee_id = org.open_record(grade=grade)
        with refused(service) as excinfo:
            builder.apply(employee_id)
        assert excinfo.value.code == "POSITION_GRADE_OUT_OF_RANGE"

    def test_a_cpns_may_not_apply(self, org: Organisation, service: PersonnelService) -> None:
        builder = announced_selection(org)
        employee_id = org.appoint_cpns(education=Education.S3, appointed_on=date(2023, 6, 1))
        with refused(service) as excinfo:
            builder.apply(employee_id)
        assert excinfo.value.code == "CANDIDATE_NOT_ELIGIBLE"

    def test_a_pppk_may_not_apply(self, org: Organisation, service: PersonnelService) -> None:
        builder = announced_selection(org)
        employee_id = org.appoint_pppk(grade="XI")
        with refused(service) as excinfo:
            builder.apply(employee_id)
        assert excinfo.value.code == "CANDIDATE_NOT_ELIGIBLE"

    def test_a_pns_of_another_government_may_not_apply(self, org: Organisation,
                                                       service: PersonnelService) -> None:
        builder = announced_selection(org)
        employee_id = _pns_elsewhere(org, *org.foreign_agency())
        with refused(service) as excinfo:
            builder.apply(employee_id)
        assert excinfo.value.code == "CANDIDATE_NOT_ELIGIBLE"

    def test_a_pns_of_another_agency_of_the_same_government_may_apply(
            self, org: Organisation) -> None:
        builder = announced_selection(org)
        employee_id = _pns_elsewhere(org, org.health_agency_id, org.health_unit_id)
        candidate_id = builder.apply(employee_id)

        assert builder.selection.candidates[candidate_id] == employee_id


class TestExtension:
    def _two_applied(self, org: Organisation) -> SelectionBuilder:
        builder = announced_selection(org)
        builder.candidate()
        builder.candidate()
        return builder

    def test_too_few_candidates_by_the_closing_date_extend_the_announcement(
            self, org: Organisation) -> None:
        builder = self._two_applied(org)
        builder.recruitment.extend_selection(builder.selection_id, closes_on=date(2024, 2, 24),
                                             effective_on=date(2024, 2, 11), actor=OFFICER,
                                             legal_basis=None)
        third = builder.candidate(on=date(2024, 2, 20))

        selection = builder.selection
        assert selection.closes_on == date(2024, 2, 24)
        assert list(selection.candidates)[-1] == third

    def test_assessment_with_too_few_candidates_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = self._two_applied(org)
        first = next(iter(builder.selection.candidates))
        with refused(service) as excinfo:
            builder.stage(first, ADMINISTRATIVE)
        assert excinfo.value.code == "SELECTION_TOO_FEW_CANDIDATES"

    def test_an_extension_with_enough_candidates_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = self._two_applied(org)
        builder.candidate()
        with refused(service) as excinfo:
            builder.recruitment.extend_selection(
                builder.selection_id, closes_on=date(2024, 2, 24),
                effective_on=date(2024, 2, 11), actor=OFFICER, legal_basis=None)
        assert excinfo.value.code == "EXTENSION_NOT_NEEDED"

    def test_an_extension_before_the_closing_date_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = self._two_applied(org)
        with refused(service) as excinfo:
            builder.recruitment.extend_selection(
                builder.selection_id, closes_on=date(2024, 2, 24),
                effective_on=date(2024, 2, 9), actor=OFFICER, legal_basis=None)
        assert excinfo.value.code == "EXTENSION_NOT_NEEDED"

    def test_an_extension_closing_on_its_own_day_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = self._two_applied(org)
        with refused(service) as excinfo:
            builder.recruitment.extend_selection(
                builder.selection_id, closes_on=date(2024, 2, 11),
                effective_on=date(2024, 2, 11), actor=OFFICER, legal_basis=None)
        assert excinfo.value.code == "REGISTRATION_CLOSE_INVALID"

    def test_an_extension_before_any_announcement_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = authorised_selection(org)
        with refused(service) as excinfo:
            builder.recruitment.extend_selection(
                builder.selection_id, closes_on=date(2024, 2, 24),
                effective_on=date(2024, 2, 11), actor=OFFICER, legal_basis=None)
        assert excinfo.value.code == "SELECTION_NOT_ANNOUNCED"


class TestStages:
    def _applied(self, org: Organisation) -> tuple[SelectionBuilder, list[UUID]]:
        builder = announced_selection(org)
        return builder, [builder.candidate() for _ in range(3)]

    def test_stages_passed_in_order_are_recorded(self, org: Organisation) -> None:
        builder, (first, _, _) = self._applied(org)
        builder.pass_all(first, 80, 70, 90)

        selection = builder.selection
        assert selection.passed_all(first)
        assert selection.results[first][COMPETENCY].score == 80
        assert selection.results[first][TRACK_RECORD].score is None

    def test_a_stage_before_applications_close_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, (first, _, _) = self._applied(org)
        with refused(service) as excinfo:
            builder.stage(first, ADMINISTRATIVE, on=APPLICATIONS_CLOSE_ON)
        assert excinfo.value.code == "SELECTION_STILL_OPEN"

    def test_a_stage_without_the_previous_one_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, (first, _, _) = self._applied(org)
        with refused(service) as excinfo:
            builder.stage(first, COMPETENCY, score=80)
        assert excinfo.value.code == "STAGE_PREVIOUS_NOT_PASSED"

    def test_a_stage_after_a_failed_one_is_refused(self, org: Organisation,
                                                   service: PersonnelService) -> None:
        builder, (first, _, _) = self._applied(org)
        builder.stage(first, ADMINISTRATIVE)
        builder.stage(first, COMPETENCY, passed=False, score=40)
        with refused(service) as excinfo:
            builder.stage(first, PAPER, score=80)
        assert excinfo.value.code == "STAGE_PREVIOUS_NOT_PASSED"

    @pytest.mark.parametrize("score", [0, 100])
    def test_a_scored_stage_takes_0_to_100(self, org: Organisation, score: int) -> None:
        builder, (first, _, _) = self._applied(org)
        builder.stage(first, ADMINISTRATIVE)
        builder.stage(first, COMPETENCY, score=score)

        assert builder.selection.results[first][COMPETENCY].score == score

    @pytest.mark.parametrize(("stage", "score"), [
        (ADMINISTRATIVE, 80), (COMPETENCY, None), (COMPETENCY, 101), (COMPETENCY, -1)],
        ids=["score on a pass/fail stage", "no score", "over 100", "negative"])
    def test_a_score_only_on_scored_stages_and_within_0_to_100(
            self, org: Organisation, service: PersonnelService, stage: SelectionStage,
            score: int | None) -> None:
        builder, (first, _, _) = self._applied(org)
        if stage is COMPETENCY:
            builder.stage(first, ADMINISTRATIVE)
        with refused(service) as excinfo:
            builder.stage(first, stage, score=score)
        assert excinfo.value.code == "STAGE_SCORE_INVALID"

    def test_a_stage_recorded_twice_is_refused(self, org: Organisation,
                                               service: PersonnelService) -> None:
        builder, (first, _, _) = self._applied(org)
        builder.stage(first, ADMINISTRATIVE)
        with refused(service) as excinfo:
            builder.stage(first, ADMINISTRATIVE, passed=False)
        assert excinfo.value.code == "SCORE_ALREADY_RECORDED"

    def test_an_unknown_candidate_is_refused(self, org: Organisation,
                                             service: PersonnelService) -> None:
        builder, _ = self._applied(org)
        not_a_candidate = org.open_record(grade="IV/a")
        with refused(service) as excinfo:
            builder.stage(not_a_candidate, ADMINISTRATIVE)
        assert excinfo.value.code == "NOT_FOUND"

    def test_a_stage_dated_before_the_latest_step_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, (first, second, _) = self._applied(org)
        builder.stage(first, ADMINISTRATIVE, on=date(2024, 2, 15))
        with refused(service) as excinfo:
            builder.stage(second, ADMINISTRATIVE, on=date(2024, 2, 14))
        assert excinfo.value.code == "ROUND_DATE_ORDER"


class TestShortlist:
    def test_the_three_best_by_50_20_30_weights_are_shortlisted(
            self, org: Organisation) -> None:
        scores = [(70, 90, 90), (90, 60, 60), (80, 80, 80), (85, 50, 95)]
        builder, candidates = assessed_selection(org, scores)
        shortlist = builder.shortlist()

        # by hand: competency × 0.5 + paper × 0.2 + interview × 0.3
        weighted = [Fraction(c * 50 + p * 20 + i * 30, 100) for c, p, i in scores]
        assert weighted == [80, 75, 80, Fraction(81)]
        # 81 first; 80 and 80 tie, the better competency (80 over 70) first; 75 out
        assert [(s.candidate_id, s.score, s.rank) for s in shortlist] == [
            (candidates[3], "81.000", 1), (candidates[2], "80.000", 2),
            (candidates[0], "80.000", 3)]
        assert builder.selection.shortlist == shortlist

    def test_an_equal_score_and_competency_go_to_the_better_interview(
            self, org: Organisation) -> None:
        # 80 × 0.5 + 70 × 0.2 + 60 × 0.3 = 72 = 80 × 0.5 + 55 × 0.2 + 70 × 0.3
        builder, (paper, interview, third) = assessed_selection(
            org, [(80, 70, 60), (80, 55, 70), (60, 60, 60)])
        shortlist = builder.shortlist()

        assert [s.candidate_id for s in shortlist] == [interview, paper, third]

    def test_identical_results_go_to_the_earlier_application(self, org: Organisation) -> None:
        builder, candidates = assessed_selection(org, [(75, 75, 75)] * 4)
        shortlist = builder.shortlist()

        assert [s.candidate_id for s in shortlist] == candidates[:3]

    def test_only_candidates_who_passed_every_stage_are_shortlisted(
            self, org: Organisation) -> None:
        builder = announced_selection(org)
        candidates = [builder.candidate() for _ in range(4)]
        for candidate_id in candidates[:3]:
            builder.pass_all(candidate_id, 70, 70, 70)
        best = candidates[3]  # the best scores, but the health check failed
        builder.pass_all(best, 100, 100, 100, until=TRACK_RECORD)
        builder.stage(best, HEALTH, passed=False)
        shortlist = builder.shortlist()

        assert best not in {s.candidate_id for s in shortlist}
        assert {s.candidate_id for s in shortlist} == set(candidates[:3])

    def test_a_shortlist_while_results_are_incomplete_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = announced_selection(org)
        candidates = [builder.candidate() for _ in range(4)]
        for candidate_id in candidates[:3]:
            builder.pass_all(candidate_id, 70, 70, 70)
        builder.pass_all(candidates[3], 70, 70, 70, until=INTERVIEW)
        with refused(service) as excinfo:
            builder.shortlist()
        assert excinfo.value.code == "SHORTLIST_INCOMPLETE"
        assert excinfo.value.message("en").startswith("1 candidates")

    def test_a_shortlist_with_fewer_than_three_who_passed_all_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = announced_selection(org)
        candidates = [builder.candidate() for _ in range(3)]
        for candidate_id in candidates[:2]:
            builder.pass_all(candidate_id, 70, 70, 70)
        builder.stage(candidates[2], ADMINISTRATIVE, passed=False)
        with refused(service) as excinfo:
            builder.shortlist()
        assert excinfo.value.code == "SHORTLIST_TOO_FEW"

    def test_a_second_shortlist_and_later_stage_results_are_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, candidates = _shortlisted(org)
        with refused(service) as excinfo:
            builder.shortlist()
        assert excinfo.value.code == "STAGE_CLOSED"
        with refused(service) as excinfo:
            builder.stage(candidates[0], HEALTH, on=SHORTLISTED_ON)
        assert excinfo.value.code == "STAGE_CLOSED"


class TestChoiceAndInauguration:
    def test_the_first_ranked_may_be_chosen_without_a_reason(self, org: Organisation) -> None:
        builder, candidates = _shortlisted(org)
        builder.choose(candidates[0])

        assert builder.selection.appointee == candidates[0]

    def test_choosing_another_than_the_first_needs_a_reason(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, candidates = _shortlisted(org)
        for reason in (None, "   "):
            with refused(service) as excinfo:
                builder.choose(candidates[1], reason=reason)
            assert excinfo.value.code == "APPOINTEE_REASON_REQUIRED"
        builder.choose(candidates[1], reason="Pengalaman di bidang kesehatan masyarakat")

        events = service.repository.event_store.get(builder.selection_id)
        chosen = [e for e in events if type(e).__name__ == "AppointeeChosen"]
        assert [(e.rank, e.reason) for e in chosen] == [  # type: ignore[attr-defined]
            (2, "Pengalaman di bidang kesehatan masyarakat")]

    def test_a_reason_longer_than_2000_characters_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, candidates = _shortlisted(org)
        with refused(service) as excinfo:
            builder.choose(candidates[1], reason="x" * 2001)
        assert excinfo.value.code == "PERSONAL_DATA_INVALID"

    def test_a_candidate_outside_the_shortlist_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, candidates = _shortlisted(org)  # the fourth passed every stage, ranked 4th
        with refused(service) as excinfo:
            builder.choose(candidates[3], reason="Dipilih oleh PPK")
        assert excinfo.value.code == "APPOINTEE_NOT_SHORTLISTED"

    def test_choosing_before_the_shortlist_is_refused(self, org: Organisation,
                                                      service: PersonnelService) -> None:
        builder, candidates = assessed_selection(org, [(80, 80, 80)] * 3)
        with refused(service) as excinfo:
            builder.choose(candidates[0])
        assert excinfo.value.code == "STAGE_ORDER"

    def test_choosing_twice_is_refused(self, org: Organisation,
                                       service: PersonnelService) -> None:
        builder, candidates = _shortlisted(org)
        builder.choose(candidates[0])
        with refused(service) as excinfo:
            builder.choose(candidates[1], reason="Berubah pikiran")
        assert excinfo.value.code == "STAGE_CLOSED"

    def test_inauguration_assigns_the_post_and_closes_the_selection(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, candidates = _shortlisted(org)
        builder.choose(candidates[0])
        employee_id = builder.inaugurate()

        assert employee_id == builder.selection.candidates[candidates[0]]
        state = service.get_employee(employee_id).state
        assert (state.position_id, state.position_type) == (builder.position_id,
                                                            PositionType.JPT_PRATAMA)
        assert service.get_position(builder.position_id).holder_id == employee_id
        assert builder.selection.closed_on == INAUGURATED_ON

    def test_an_appointee_from_another_agency_is_transferred_first(
            self, org: Organisation, service: PersonnelService) -> None:
        builder = announced_selection(org)
        outsider = _pns_elsewhere(org, org.health_agency_id, org.health_unit_id)
        candidates = [builder.apply(outsider), builder.candidate(), builder.candidate()]
        for candidate_id in candidates:
            builder.pass_all(candidate_id, 80 if candidate_id == candidates[0] else 70, 70, 70)
        builder.shortlist()
        builder.choose(candidates[0])
        builder.inaugurate()

        state = service.get_employee(outsider).state
        assert (state.agency_id, state.position_id) == (org.agency_id, builder.position_id)
        events = [type(e).__name__ for e in service.repository.event_store.get(outsider)]
        assert events[-2:] == ["Transferred", "PositionAssigned"]

    def test_an_inauguration_without_a_decree_is_refused(self, org: Organisation,
                                                         service: PersonnelService) -> None:
        builder, candidates = _shortlisted(org)
        builder.choose(candidates[0])
        with refused(service) as excinfo:
            service.recruitment.inaugurate(builder.selection_id, effective_on=INAUGURATED_ON,
                                           actor=OFFICER, legal_basis=None)
        assert excinfo.value.code == "LEGAL_BASIS_REQUIRED"

    def test_an_inauguration_before_the_choice_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, _ = _shortlisted(org)
        with refused(service) as excinfo:
            builder.inaugurate()
        assert excinfo.value.code == "STAGE_ORDER"

    def test_an_inauguration_into_an_occupied_post_stores_nothing(
            self, org: Organisation, service: PersonnelService) -> None:
        builder, candidates = _shortlisted(org)
        builder.choose(candidates[0])
        holder = org.open_record(grade="IV/b")
        service.assign_position(holder, position_id=builder.position_id,
                                effective_on=date(2024, 3, 10), actor=OFFICER,
                                legal_basis=decree())
        with refused(service) as excinfo:
            builder.inaugurate()
        assert excinfo.value.code == "POSITION_OCCUPIED"
        assert builder.selection.closed_on is None

    def test_nothing_is_recorded_after_the_inauguration(self, org: Organisation,
                                                        service: PersonnelService) -> None:
        builder, candidates = _shortlisted(org)
        builder.choose(candidates[0])
        builder.inaugurate()
        late = date(2024, 4, 1)
        latecomer = org.open_record(grade="IV/a")
        for step in (lambda: builder.inaugurate(on=late),
                     lambda: builder.choose(candidates[1], reason="Lagi", on=late),
                     lambda: builder.apply(latecomer, on=late),
                     lambda: builder.recruitment.cancel_selection(
                         builder.selection_id, reason="Batal", effective_on=late,
                         actor=OFFICER, legal_basis=None)):
            with refused(service) as excinfo:
                step()
            assert excinfo.value.code == "SELECTION_CLOSED"

    def test_a_cancelled_selection_records_nothing_more(self, org: Organisation,
                                                        service: PersonnelService) -> None:
        builder = announced_selection(org)
        candidate_id = builder.candidate()
        builder.recruitment.cancel_selection(
            builder.selection_id, reason="Jabatan dihapus dalam penataan organisasi",
            effective_on=date(2024, 2, 5), actor=OFFICER, legal_basis=decree())

        assert builder.selection.closed_on == date(2024, 2, 5)
        with refused(service) as excinfo:
            builder.stage(candidate_id, ADMINISTRATIVE)
        assert excinfo.value.code == "SELECTION_CLOSED"

    def test_a_cancellation_without_a_reason_is_refused(self, org: Organisation,
                                                        service: PersonnelService) -> None:
        builder = announced_selection(org)
        with refused(service) as excinfo:
            builder.recruitment.cancel_selection(builder.selection_id, reason="  ",
                                                 effective_on=date(2024, 2, 5), actor=OFFICER,
                                                 legal_basis=None)
        assert excinfo.value.code == "REASON_REQUIRED"


def test_the_selection_calendar_is_in_order() -> None:
    calendar = [AUTHORISED_ON, COMMITTEE_ON, VACANCY_ON, APPLIED_ON, APPLICATIONS_CLOSE_ON,
                ASSESSED_ON, SHORTLISTED_ON, CHOSEN_ON, INAUGURATED_ON]
    assert calendar == sorted(calendar) and len(set(calendar)) == len(calendar)
