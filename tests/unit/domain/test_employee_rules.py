"""The grade-range and education-cap rules on promotion and assignment, every refusal told at
once, and stored history that already breaks a rule not blocking other corrections."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from domain.employee import Employee
from domain.employee_rules import (
    is_outside_position_range,
    promotable_grades,
    replay_violations,
)
from domain.personnel_service import PersonnelService
from domain.values import Grade, JpHours, PositionType, PromotionKind, TopicTag, TrainingType
from tests.builders.personnel import OFFICER, Organisation, decree, refused, versions_of


def _ahli_pertama_at_iii_b(org: Organisation) -> UUID:
    """An Ahli Pertama (III/a–III/b) promoted to III/b in 2020, rated Baik up to 2023."""
    employee_id = org.promotable_pns(position_type=PositionType.AHLI_PERTAMA)
    org.promote(employee_id, "III/b", date(2020, 4, 1))
    org.appraise(employee_id, range(2020, 2024))
    return employee_id


def _store_unchecked_promotion(service: PersonnelService, employee_id: UUID, to_grade: str,
                               on: date) -> None:
    """A promotion as an older store holds it: recorded before the range rule existed."""
    employee: Employee = service.repository.get(employee_id)
    employee.trigger_event(Employee.RankPromoted, kind=PromotionKind.CHOICE,
                           from_grade=employee.state.grade, to_grade=Grade(to_grade),
                           credit_points=None, effective_on=on, actor=OFFICER,
                           legal_basis=decree("823/009/KP", on), reason=None)
    service.save(employee)


class TestPositionRangeOnPromotion:
    @pytest.mark.parametrize("kind", list(PromotionKind))
    def test_a_promotion_above_the_range_of_the_position_held_is_refused_for_every_kind(
            self, org: Organisation, service: PersonnelService, kind: PromotionKind) -> None:
        employee_id = _ahli_pertama_at_iii_b(org)

        with refused(service) as excinfo:
            org.promote(employee_id, "III/c", date(2024, 4, 1), kind=kind, credit_points=150)
        assert excinfo.value.code == "PROMOTION_OUT_OF_POSITION_RANGE"
        assert excinfo.value.field == "to_grade"
        assert "III/a–III/b" in excinfo.value.message("id")

    def test_in_a_position_whose_range_holds_the_grade_the_same_promotion_is_accepted(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = _ahli_pertama_at_iii_b(org)
        org.assign(employee_id, PositionType.PENGAWAS, date(2024, 1, 2))  # III/b–III/d

        org.promote(employee_id, "III/c", date(2024, 4, 1))

        assert service.get_employee(employee_id).state.grade == Grade("III/c")

    def test_the_form_is_offered_only_a_grade_the_rules_accept(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = _ahli_pertama_at_iii_b(org)
        assert promotable_grades(service.get_employee(employee_id).state) == []

        org.assign(employee_id, PositionType.PENGAWAS, date(2024, 1, 2))
        assert promotable_grades(service.get_employee(employee_id).state) == [Grade("III/c")]

    def test_every_refusal_of_a_promotion_is_told_at_once_at_its_field(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = _ahli_pertama_at_iii_b(org)

        with refused(service) as excinfo:
            service.promote_rank(employee_id, kind=PromotionKind.REGULAR, to_grade=Grade("III/c"),
                                 effective_on=date(2021, 5, 1), actor=OFFICER, legal_basis=None)
        found = {(p.code, p.field) for p in excinfo.value.problems}
        assert found == {("PROMOTION_DATE", "effective_on"),
                         ("LEGAL_BASIS_REQUIRED", "legal_basis"),
                         ("PROMOTION_TIME_IN_GRADE", "effective_on"),
                         ("PROMOTION_OUT_OF_POSITION_RANGE", "to_grade")}
        date_problem = next(p for p in excinfo.value.problems if p.code == "PROMOTION_DATE")
        assert "1 April atau 1 Oktober; yang terdekat 1 Oktober 2021" in date_problem.message("id")


class TestPositionRangeOnAssignment:
    def test_an_assignment_out_of_range_in_another_agency_tells_both_refusals(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = _ahli_pertama_at_iii_b(org)
        position_id = org.establish_position(PositionType.ADMINISTRATOR,
                                             agency_id=org.health_agency_id)

        with refused(service) as excinfo:
            service.assign_position(employee_id, position_id=position_id,
                                    effective_on=date(2024, 1, 2), actor=OFFICER,
                                    legal_basis=decree("821.2/002/JAB", date(2024, 1, 2)))
        assert excinfo.value.code == "POSITION_OTHER_AGENCY"
        assert {p.code for p in excinfo.value.problems} == {"POSITION_OTHER_AGENCY",
                                                            "POSITION_GRADE_OUT_OF_RANGE"}


class TestStoredViolations:
    def test_a_stored_out_of_range_promotion_does_not_block_correcting_an_earlier_training(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = _ahli_pertama_at_iii_b(org)
        service.complete_training(employee_id, training_type=TrainingType.TECHNICAL,
                                  title="Bimtek SIASN", hours_jp=JpHours(8),
                                  topics=(TopicTag.DIGITAL,), effective_on=date(2022, 5, 4),
                                  actor=OFFICER)
        _store_unchecked_promotion(service, employee_id, "III/c", date(2022, 10, 1))
        training = versions_of(service, employee_id, Employee.TrainingCompleted)[-1]

        service.correct(employee_id, target_version=training, changes={"hours_jp": JpHours(6)},
                        effective_on=date(2024, 2, 1), actor=OFFICER, reason="JP salah")

        employee = service.get_employee(employee_id)
        assert employee.state.training_jp[2022] == 6
        assert is_outside_position_range(employee.state)
        assert [v.code for v in replay_violations(employee.in_force())] == [
            "PROMOTION_OUT_OF_POSITION_RANGE"]

    def test_a_correction_that_newly_breaks_a_later_entry_is_still_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = _ahli_pertama_at_iii_b(org)
        org.assign(employee_id, PositionType.PENGAWAS, date(2024, 1, 2))
        org.promote(employee_id, "III/c", date(2024, 4, 1))
        appraisal = versions_of(service, employee_id, Employee.AppraisalRecorded)[-1]  # 2023

        with refused(service) as excinfo:  # the later promotion then lacks its 2023 rating
            service.annul(employee_id, target_version=appraisal, effective_on=date(2024, 5, 2),
                          actor=OFFICER, reason="penilaian ganda")
        assert excinfo.value.code == "PROMOTION_RATING"

    def test_a_history_within_the_rules_replays_without_violations(
            self, org: Organisation, service: PersonnelService) -> None:
        employee_id = _ahli_pertama_at_iii_b(org)

        employee = service.get_employee(employee_id)
        assert replay_violations(employee.in_force()) == []
        assert not is_outside_position_range(employee.state)
