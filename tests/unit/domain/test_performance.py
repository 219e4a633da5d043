"""The performance cycle through `service.performance`: the plan and its agreement, feedback,
the unit's predicate, staff ratings under its pattern, and objections — each step accepted,
and refused with its rule code and nothing stored."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from uuid import UUID

import pytest

from domain.employee import Employee
from domain.performance_plan import (
    FeedbackKind,
    ObjectionOutcome,
    PlanStatus,
    Reader,
    ResultRef,
    may_read_feedback,
)
from domain.performance_rules import OrganisationPredicate
from domain.personnel_service import PersonnelService
from domain.privacy import Sealed
from domain.unit_performance import UnitIndicator, UnitPerformance
from domain.values import Expectation, Rating
from tests.builders.performance import EMPLOYEE, HR_ADMIN, SUPERIOR, Chain, result
from tests.builders.personnel import Organisation, refused, stored_count
from tests.builders.voice import on_day

A, E, BELOW = Expectation.ABOVE, Expectation.AS_EXPECTED, Expectation.BELOW


@pytest.fixture(autouse=True)
def today() -> Iterator[None]:
    with on_day(date(2026, 1, 20)):
        yield


@pytest.fixture
def chain(org: Organisation) -> Chain:
    return Chain.build(org, staff=2)


def _rate(service: PersonnelService, plan_id: UUID, work_result: Expectation = E,
          behaviour: Expectation = E, on: date = date(2026, 12, 20)) -> None:
    with on_day(on):
        service.performance.rate(plan_id, work_result=work_result, behaviour=behaviour,
                                 rated_on=on, actor=SUPERIOR)


class TestThePlan:
    def test_a_plan_cascades_from_the_superior_plan_and_is_agreed_on_time(
            self, service: PersonnelService, chain: Chain) -> None:
        plan_id = chain.plan(chain.staff[0])

        plan = service.performance.get_plan(plan_id)
        assert plan.status is PlanStatus.AGREED and not plan.is_agreed_late
        assert plan.superior_id == chain.supervisor
        above = service.performance.plan_of(chain.supervisor, 2026)
        assert above is not None and plan.results[0].cascaded_from == ResultRef(above.id, 0)

    def test_the_stored_topics_are_stable(self, service: PersonnelService,
                                          chain: Chain) -> None:
        chain.plan(chain.agency_head)
        topics = [e.topic for e in service.recorder.select_events(
            service.performance.plan_of(chain.agency_head, 2026).id)]  # type: ignore[union-attr]
        assert topics == ["domain.performance_plan:PerformancePlan.Drafted",
                          "domain.performance_plan:PerformancePlan.Submitted",
                          "domain.performance_plan:PerformancePlan.Agreed"]

    def test_an_agreement_after_the_end_of_january_is_recorded_late(
            self, service: PersonnelService, chain: Chain) -> None:
        plan_id = chain.plan(chain.agency_head, agreed=False)
        service.performance.submit_plan(plan_id, actor=EMPLOYEE)
        with on_day(date(2026, 2, 3)):
            service.performance.agree_plan(plan_id, actor=SUPERIOR)

        plan = service.performance.get_plan(plan_id)
        assert plan.status is PlanStatus.AGREED and plan.is_agreed_late
        assert plan.agreed_on == date(2026, 2, 3)

    def test_a_subordinate_cannot_draft_before_the_superior(
            self, service: PersonnelService, chain: Chain) -> None:
        with refused(service) as excinfo:
            service.performance.draft_plan(chain.staff[0], year=2026,
                                           superior_id=chain.supervisor, results=[result()],
                                           actor=EMPLOYEE)
        assert excinfo.value.code == "PERFORMANCE_SUPERIOR_PLAN_MISSING"

    def test_a_cascade_must_name_a_real_result_of_the_superior_plan(
            self, service: PersonnelService, chain: Chain) -> None:
        above = chain.plan(chain.supervisor)
        other = chain.plan(chain.staff[1])
        for ref in (ResultRef(above, 5), ResultRef(other, 0)):
            with refused(service) as excinfo:
                service.performance.draft_plan(
                    chain.staff[0], year=2026, superior_id=chain.supervisor,
                    results=[result(cascaded_from=ref)], actor=EMPLOYEE)
            assert excinfo.value.code == "PERFORMANCE_CASCADE_INVALID"
            assert excinfo.value.field == "results.0.cascaded_from"

    def test_the_superior_must_be_the_rater_of_the_post(
            self, service: PersonnelService, chain: Chain) -> None:
        chain.plan(chain.division_head)
        with refused(service) as excinfo:
            service.performance.draft_plan(chain.staff[0], year=2026,
                                           superior_id=chain.division_head,
                                           results=[result()], actor=EMPLOYEE)
        assert excinfo.value.code == "RATER_NOT_SUPERIOR"

    def test_a_senior_executive_names_no_superior(
            self, service: PersonnelService, chain: Chain) -> None:
        with refused(service) as excinfo:
            service.performance.draft_plan(chain.agency_head, year=2026,
                                           superior_id=chain.division_head,
                                           results=[result()], actor=EMPLOYEE)
        assert excinfo.value.code == "PERFORMANCE_SUPERIOR_IS_REGIONAL_HEAD"

    def test_every_problem_of_a_draft_is_told_at_once(
            self, service: PersonnelService, chain: Chain) -> None:
        with refused(service) as excinfo:
            service.performance.draft_plan(
                chain.agency_head, year=2021, superior_id=None,
                results=[result(text=" "), result(indicator=""), result(text="x" * 501)],
                actor=EMPLOYEE)
        codes = {(p.code, p.field) for p in excinfo.value.problems}
        assert excinfo.value.code == "PERFORMANCE_YEAR_BEFORE_CYCLE"
        assert ("PERFORMANCE_TEXT_INVALID", "results.0.text") in codes
        assert ("PERFORMANCE_INDICATOR_REQUIRED", "results.1.indicators") in codes
        assert ("PERFORMANCE_TEXT_INVALID", "results.2.text") in codes

    def test_a_work_result_needs_its_text_and_an_indicator(
            self, service: PersonnelService, chain: Chain) -> None:
        with refused(service) as excinfo:
            service.performance.draft_plan(chain.agency_head, year=2026, superior_id=None,
                                           results=[result(text="")], actor=EMPLOYEE)
        assert excinfo.value.code == "PERFORMANCE_TEXT_INVALID"
        with refused(service) as excinfo:
            service.performance.draft_plan(chain.agency_head, year=2026, superior_id=None,
                                           results=[result(indicator=" ")], actor=EMPLOYEE)
        assert excinfo.value.code == "PERFORMANCE_INDICATOR_REQUIRED"

    def test_a_plan_needs_a_work_result(self, service: PersonnelService,
                                        chain: Chain) -> None:
        with refused(service) as excinfo:
            service.performance.draft_plan(chain.agency_head, year=2026, superior_id=None,
                                           results=[], actor=EMPLOYEE)
        assert excinfo.value.code == "PERFORMANCE_RESULTS_REQUIRED"

    def test_one_plan_a_year(self, service: PersonnelService, chain: Chain) -> None:
        chain.plan(chain.agency_head, agreed=False)
        with refused(service) as excinfo:
            service.performance.draft_plan(chain.agency_head, year=2026, superior_id=None,
                                           results=[result()], actor=EMPLOYEE)
        assert excinfo.value.code == "PERFORMANCE_PLAN_EXISTS"

    def test_a_separated_employee_has_no_plan(self, service: PersonnelService,
                                              chain: Chain, org: Organisation) -> None:
        from domain.values import SeparationType
        from tests.builders.personnel import OFFICER, decree
        service.separate(chain.staff[0], separation_type=SeparationType.RESIGNATION,
                         effective_on=date(2026, 1, 2), actor=OFFICER,
                         legal_basis=decree("882/001/BERHENTI", date(2026, 1, 2)))
        chain.plan(chain.supervisor)
        with refused(service) as excinfo:
            service.performance.draft_plan(chain.staff[0], year=2026,
                                           superior_id=chain.supervisor, results=[result()],
                                           actor=EMPLOYEE)
        assert excinfo.value.code == "PERFORMANCE_EMPLOYEE_NOT_ACTIVE"

    def test_the_draft_is_changed_until_agreed_then_revised_within_the_year(
            self, service: PersonnelService, chain: Chain) -> None:
        plan_id = chain.plan(chain.agency_head, agreed=False)
        service.performance.redraft_plan(
            plan_id, results=[result(), result("Kedua", "Dikirim ke budi@contoh.go.id")],
            actor=EMPLOYEE)
        # Results enter the log in clear: a typed address or number is masked first.
        assert service.performance.get_plan(plan_id).results[1].indicators == \
            ("Dikirim ke [disamarkan]",)
        service.performance.submit_plan(plan_id, actor=EMPLOYEE)
        service.performance.agree_plan(plan_id, actor=SUPERIOR)
        with on_day(date(2026, 7, 1)):
            service.performance.revise_plan(plan_id, results=[result("Ketiga")],
                                            actor=SUPERIOR)

        plan = service.performance.get_plan(plan_id)
        assert [r.text for r in plan.results] == ["Ketiga"] and plan.revisions == 1
        with refused(service) as excinfo:
            service.performance.redraft_plan(plan_id, results=[result()], actor=EMPLOYEE)
        assert excinfo.value.code == "PERFORMANCE_PLAN_STATUS"
        with on_day(date(2027, 1, 5)), refused(service) as excinfo:
            service.performance.revise_plan(plan_id, results=[result()], actor=SUPERIOR)
        assert excinfo.value.code == "PERFORMANCE_REVISION_OUTSIDE_YEAR"


class TestFeedback:
    def test_feedback_is_sealed_and_read_by_the_employee_and_the_superior_only(
            self, service: PersonnelService, chain: Chain) -> None:
        plan_id = chain.plan(chain.staff[0])
        with on_day(date(2026, 3, 10)):
            service.performance.record_feedback(
                plan_id, kind=FeedbackKind.COACHING, author_id=chain.supervisor,
                text="Laporan bulanan perlu dilengkapi data absensi.",
                held_on=date(2026, 3, 10), actor=SUPERIOR)
            service.performance.record_feedback(
                plan_id, kind=FeedbackKind.ON_THE_COACH, author_id=chain.staff[0],
                text="Bimbingan jelas dan membantu.", held_on=date(2026, 3, 10),
                actor=EMPLOYEE)

        plan = service.performance.get_plan(plan_id)
        assert all(isinstance(f.text, Sealed) for f in plan.feedback)
        stored = b"".join(e.state for e in service.recorder.select_events(plan_id))
        assert b"absensi" not in stored
        for reader in (chain.staff[0], chain.supervisor):
            texts = service.performance.feedback_of(plan_id, Reader(reader))
            assert [t for _, _, t in texts] == ["Laporan bulanan perlu dilengkapi data absensi.",
                                                 "Bimbingan jelas dan membantu."]
        assert not may_read_feedback(Reader(chain.division_head), plan)
        assert not may_read_feedback(Reader(None), plan)  # HR and other staff accounts
        with pytest.raises(Exception) as excinfo:
            service.performance.feedback_of(plan_id, Reader(chain.staff[1]))
        assert excinfo.value.code == "PERFORMANCE_FEEDBACK_NOT_VISIBLE"  # type: ignore[attr-defined]

    def test_an_erased_person_feedback_reads_as_empty(
            self, service: PersonnelService, chain: Chain) -> None:
        plan_id = chain.plan(chain.staff[0])
        service.performance.record_feedback(
            plan_id, kind=FeedbackKind.DIALOGUE, author_id=chain.staff[0], text="Dialog kinerja",
            held_on=date(2026, 1, 20), actor=EMPLOYEE)
        subject_id = service.performance.get_plan(plan_id).subject_id
        service.erase_personal_data(subject_id, effective_on=date(2026, 1, 20), actor=HR_ADMIN)

        texts = service.performance.feedback_of(plan_id, Reader(chain.staff[0]))
        assert [(kind, text) for kind, _, text in texts] == [(FeedbackKind.DIALOGUE, "")]

    def test_only_the_two_parties_write_and_each_their_own_kind(
            self, service: PersonnelService, chain: Chain) -> None:
        plan_id = chain.plan(chain.staff[0])
        with refused(service) as excinfo:
            service.performance.record_feedback(
                plan_id, kind=FeedbackKind.FEEDBACK, author_id=chain.division_head,
                text="Catatan", held_on=date(2026, 1, 20), actor=SUPERIOR)
        assert excinfo.value.code == "PERFORMANCE_FEEDBACK_AUTHOR"
        with refused(service) as excinfo:
            service.performance.record_feedback(
                plan_id, kind=FeedbackKind.COUNSELLING, author_id=chain.staff[0],
                text="Catatan", held_on=date(2026, 1, 20), actor=EMPLOYEE)
        assert excinfo.value.code == "PERFORMANCE_FEEDBACK_KIND_NOT_FOR_AUTHOR"

    def test_feedback_needs_a_text_and_a_date_of_its_year(
            self, service: PersonnelService, chain: Chain) -> None:
        plan_id = chain.plan(chain.staff[0])
        with refused(service) as excinfo:
            service.performance.record_feedback(
                plan_id, kind=FeedbackKind.DIALOGUE, author_id=chain.staff[0], text="  ",
                held_on=date(2026, 1, 20), actor=EMPLOYEE)
        assert excinfo.value.code == "PERFORMANCE_FEEDBACK_TEXT_REQUIRED"
        with refused(service) as excinfo:
            service.performance.record_feedback(
                plan_id, kind=FeedbackKind.DIALOGUE, author_id=chain.staff[0], text="Dialog",
                held_on=date(2025, 12, 20), actor=EMPLOYEE)
        assert excinfo.value.code == "PERFORMANCE_FEEDBACK_DATE"


class TestTheUnitPredicate:
    def test_the_predicate_keeps_its_indicators_and_the_service_recipients_view(
            self, service: PersonnelService, org: Organisation, chain: Chain) -> None:
        unit_id = service.performance.set_unit_predicate(
            agency_id=org.agency_id, unit_id=None, year=2026, predicate=OrganisationPredicate.BAIK,
            indicators=[UnitIndicator("Indeks Profesionalitas ASN", 80, 82.5)], ikm=84.2,
            complaints_on_time_percent=91.0, head_id=chain.agency_head, staff_count=3,
            actor=HR_ADMIN)

        unit = service.performance.get_unit(unit_id)
        assert isinstance(unit, UnitPerformance) and unit.predicate is OrganisationPredicate.BAIK
        assert unit.service_recipients.ikm == 84.2
        assert unit.indicators[0].achieved == 82.5

    def test_bad_inputs_are_told_together(self, service: PersonnelService, org: Organisation,
                                          chain: Chain) -> None:
        other_employee = org.make_pns(agency_id=org.health_agency_id,
                                      unit_id=org.health_unit_id)
        with refused(service) as excinfo:
            service.performance.set_unit_predicate(
                agency_id=org.agency_id, unit_id=org.health_unit_id, year=2026,
                predicate=OrganisationPredicate.BAIK, indicators=[UnitIndicator("", 1, 1)],
                ikm=12, complaints_on_time_percent=101, head_id=other_employee,
                staff_count=0, actor=HR_ADMIN)
        codes = {p.code for p in excinfo.value.problems}
        assert codes == {"NOT_FOUND", "PERFORMANCE_STAFF_COUNT_INVALID",
                         "PERFORMANCE_IKM_INVALID", "PERFORMANCE_PERCENT_INVALID",
                         "PERFORMANCE_TEXT_INVALID", "PERFORMANCE_HEAD_NOT_IN_UNIT"}
        assert excinfo.value.code == "NOT_FOUND"
        assert any(p.code == "PERFORMANCE_IKM_INVALID" for p in excinfo.value.problems)
        with refused(service) as excinfo:
            service.performance.set_unit_predicate(
                agency_id=org.agency_id, unit_id=None, year=2026,
                predicate=OrganisationPredicate.BAIK, indicators=[], ikm=None,
                complaints_on_time_percent=None, head_id=None, staff_count=-1, actor=HR_ADMIN)
        assert excinfo.value.code == "PERFORMANCE_STAFF_COUNT_INVALID"
        with refused(service) as excinfo:
            service.performance.set_unit_predicate(
                agency_id=org.agency_id, unit_id=None, year=2026,
                predicate=OrganisationPredicate.BAIK, indicators=[], ikm=10,
                complaints_on_time_percent=None, head_id=None, staff_count=1, actor=HR_ADMIN)
        assert excinfo.value.code == "PERFORMANCE_IKM_INVALID"
        with refused(service) as excinfo:
            service.performance.set_unit_predicate(
                agency_id=org.agency_id, unit_id=None, year=2026,
                predicate=OrganisationPredicate.BAIK, indicators=[], ikm=None,
                complaints_on_time_percent=-1, head_id=None, staff_count=1, actor=HR_ADMIN)
        assert excinfo.value.code == "PERFORMANCE_PERCENT_INVALID"
        with refused(service) as excinfo:
            service.performance.set_unit_predicate(
                agency_id=org.agency_id, unit_id=None, year=2026,
                predicate=OrganisationPredicate.BAIK, indicators=[], ikm=None,
                complaints_on_time_percent=None, head_id=other_employee, staff_count=1,
                actor=HR_ADMIN)
        assert excinfo.value.code == "PERFORMANCE_HEAD_NOT_IN_UNIT"

    def test_one_predicate_per_unit_and_year(self, chain: Chain,
                                             service: PersonnelService) -> None:
        chain.set_division(OrganisationPredicate.BAIK, 2)
        with refused(service) as excinfo:
            chain.set_division(OrganisationPredicate.ISTIMEWA, 2)
        assert excinfo.value.code == "PERFORMANCE_UNIT_PREDICATE_EXISTS"

    def test_staff_are_rated_only_after_the_predicate(
            self, service: PersonnelService, chain: Chain) -> None:
        plan_id = chain.plan(chain.staff[0])
        with on_day(date(2026, 12, 20)), refused(service) as excinfo:
            service.performance.rate(plan_id, work_result=E, behaviour=E,
                                     rated_on=date(2026, 12, 20), actor=SUPERIOR)
        assert excinfo.value.code == "PERFORMANCE_UNIT_PREDICATE_MISSING"


class TestStaffRatings:
    def test_a_rating_outside_the_pattern_is_refused_and_the_allowed_one_recorded(
            self, service: PersonnelService, chain: Chain) -> None:
        # A Baik division of two staff: at most one Baik, and one BP or Kurang.
        chain.set_division(OrganisationPredicate.BAIK, 2)
        first, second = (chain.plan(s) for s in chain.staff)
        _rate(service, first, E, E)  # Baik
        with on_day(date(2026, 12, 20)), refused(service) as excinfo:
            service.performance.rate(second, work_result=E, behaviour=A,  # Baik again
                                     rated_on=date(2026, 12, 20), actor=SUPERIOR)
        assert excinfo.value.code == "PERFORMANCE_DISTRIBUTION_MAXIMUM"
        assert {p.code for p in excinfo.value.problems} == {
            "PERFORMANCE_DISTRIBUTION_MAXIMUM", "PERFORMANCE_DISTRIBUTION_MINIMUM"}
        assert "paling banyak 1 dari 2 pegawai" in excinfo.value.message("id")

        _rate(service, second, BELOW, E)  # Butuh Perbaikan

        plan = service.performance.get_plan(second)
        assert plan.status is PlanStatus.RATED and plan.rating is Rating.BUTUH_PERBAIKAN
        unit = service.performance.unit_of(plan)
        assert unit is not None and unit.given == {Rating.BAIK: 1, Rating.BUTUH_PERBAIKAN: 1}

    def test_a_rating_taking_a_place_the_pattern_needs_is_refused(
            self, service: PersonnelService, chain: Chain) -> None:
        # Butuh Perbaikan, two staff: at least 60 %, so both, need improvement.
        chain.set_division(OrganisationPredicate.BUTUH_PERBAIKAN, 2)
        plan_id = chain.plan(chain.staff[0])
        with on_day(date(2026, 12, 20)), refused(service) as excinfo:
            service.performance.rate(plan_id, work_result=E, behaviour=E,
                                     rated_on=date(2026, 12, 20), actor=SUPERIOR)
        assert excinfo.value.code == "PERFORMANCE_DISTRIBUTION_MINIMUM"
        _rate(service, plan_id, BELOW, A)
        assert service.performance.get_plan(plan_id).rating is Rating.BUTUH_PERBAIKAN

    def test_a_dry_run_of_a_rating_writes_nothing_anywhere(
            self, service: PersonnelService, chain: Chain) -> None:
        chain.set_division(OrganisationPredicate.ISTIMEWA, 2)
        plan_id = chain.plan(chain.staff[0])
        before = stored_count(service)
        with on_day(date(2026, 12, 20)), service.dry_run():
            service.performance.rate(plan_id, work_result=E, behaviour=E,
                                     rated_on=date(2026, 12, 20), actor=SUPERIOR)
        assert stored_count(service) == before
        assert service.performance.get_plan(plan_id).rating is None
        assert 2026 not in service.get_employee(chain.staff[0]).state.appraisals

    def test_the_rating_is_the_employee_appraisal_that_promotion_reads(
            self, service: PersonnelService, chain: Chain) -> None:
        chain.set_division(OrganisationPredicate.ISTIMEWA, 2)
        _rate(service, chain.plan(chain.staff[0]), A, A)

        employee = service.get_employee(chain.staff[0])
        assert employee.state.appraisals[2026] is Rating.SANGAT_BAIK
        appraisal = [a for a in employee.actions.values()
                     if isinstance(a, Employee.AppraisalRecorded)][-1]
        assert appraisal.rater_id == chain.supervisor and appraisal.year == 2026

    def test_a_unit_full_of_ratings_takes_no_more(
            self, service: PersonnelService, chain: Chain) -> None:
        chain.set_division(OrganisationPredicate.ISTIMEWA, 1)
        _rate(service, chain.plan(chain.staff[0]))
        second = chain.plan(chain.staff[1])
        with on_day(date(2026, 12, 20)), refused(service) as excinfo:
            service.performance.rate(second, work_result=E, behaviour=E,
                                     rated_on=date(2026, 12, 20), actor=SUPERIOR)
        assert excinfo.value.code == "PERFORMANCE_UNIT_ALL_RATED"

    def test_the_unit_head_work_result_equals_the_unit_result(
            self, service: PersonnelService, chain: Chain) -> None:
        chain.set_division(OrganisationPredicate.ISTIMEWA, 2)
        plan_id = chain.plan(chain.division_head)
        with on_day(date(2026, 12, 20)), refused(service) as excinfo:
            service.performance.rate(plan_id, work_result=E, behaviour=A,
                                     rated_on=date(2026, 12, 20), actor=SUPERIOR)
        assert excinfo.value.code == "PERFORMANCE_HEAD_RESULT_NOT_UNIT"

        _rate(service, plan_id, A, E)  # Istimewa: above expectation; not in the pattern

        unit = service.performance.unit_of(service.performance.get_plan(plan_id))
        assert unit is not None and unit.head_rating is Rating.BAIK and unit.ratings == {}

    def test_a_plan_is_rated_once_agreed(self, service: PersonnelService,
                                         chain: Chain) -> None:
        chain.set_division(OrganisationPredicate.ISTIMEWA, 2)
        plan_id = chain.plan(chain.staff[0], agreed=False)
        with on_day(date(2026, 12, 20)), refused(service) as excinfo:
            service.performance.rate(plan_id, work_result=E, behaviour=E,
                                     rated_on=date(2026, 12, 20), actor=SUPERIOR)
        assert excinfo.value.code == "PERFORMANCE_PLAN_STATUS"


class TestObjections:
    @pytest.fixture
    def rated(self, service: PersonnelService, chain: Chain) -> UUID:
        """A staff member rated Butuh Perbaikan on 20 December 2026 in an Istimewa division."""
        chain.set_division(OrganisationPredicate.ISTIMEWA, 2)
        plan_id = chain.plan(chain.staff[0])
        _rate(service, plan_id, BELOW, E)
        return plan_id

    def test_an_upheld_objection_changes_the_rating_and_corrects_the_appraisal(
            self, service: PersonnelService, chain: Chain, rated: UUID) -> None:
        with on_day(date(2027, 1, 3)):
            service.performance.object_to_rating(rated, reason="Target tercapai 100 %.",
                                                 actor=EMPLOYEE)
        with on_day(date(2027, 1, 10)):
            service.performance.decide_objection(
                rated, outcome=ObjectionOutcome.UPHELD, decided_by=chain.division_head,
                reason="Bukti capaian lengkap.", work_result=E, behaviour=E, actor=SUPERIOR)

        plan = service.performance.get_plan(rated)
        assert plan.status is PlanStatus.DECIDED and plan.rating is Rating.BAIK
        assert service.get_employee(chain.staff[0]).state.appraisals[2026] is Rating.BAIK
        unit = service.performance.unit_of(plan)
        assert unit is not None and unit.ratings == {chain.staff[0]: Rating.BAIK}

    def test_a_dismissed_objection_keeps_the_rating(
            self, service: PersonnelService, chain: Chain, rated: UUID) -> None:
        with on_day(date(2026, 12, 21)):
            service.performance.object_to_rating(rated, reason="Tidak setuju.", actor=EMPLOYEE)
            service.performance.decide_objection(
                rated, outcome=ObjectionOutcome.DISMISSED, decided_by=chain.division_head,
                reason="Penilaian sesuai bukti.", actor=SUPERIOR)
        plan = service.performance.get_plan(rated)
        assert plan.rating is Rating.BUTUH_PERBAIKAN
        assert service.get_employee(chain.staff[0]).state.appraisals[2026] is \
            Rating.BUTUH_PERBAIKAN

    def test_an_objection_after_the_window_is_refused(
            self, service: PersonnelService, rated: UUID) -> None:
        with on_day(date(2027, 1, 4)), refused(service) as excinfo:
            service.performance.object_to_rating(rated, reason="Terlambat.", actor=EMPLOYEE)
        assert excinfo.value.code == "PERFORMANCE_OBJECTION_LATE"
        with on_day(date(2027, 1, 4)), refused(service) as excinfo:
            service.performance.object_to_rating(rated, reason="", actor=EMPLOYEE)
        assert {p.code for p in excinfo.value.problems} == {
            "PERFORMANCE_OBJECTION_LATE", "PERFORMANCE_OBJECTION_REASON_REQUIRED"}
        assert excinfo.value.code == "PERFORMANCE_OBJECTION_REASON_REQUIRED"

    def test_only_the_rater_superior_decides_with_grounds_and_a_change(
            self, service: PersonnelService, chain: Chain, rated: UUID) -> None:
        with on_day(date(2026, 12, 22)):
            service.performance.object_to_rating(rated, reason="Tidak setuju.", actor=EMPLOYEE)
            for decider in (chain.supervisor, chain.agency_head, None):
                with refused(service) as excinfo:
                    service.performance.decide_objection(
                        rated, outcome=ObjectionOutcome.DISMISSED, decided_by=decider,
                        reason="Alasan", actor=SUPERIOR)
                assert excinfo.value.code == "PERFORMANCE_OBJECTION_NOT_HIGHER_OFFICIAL"
            with refused(service) as excinfo:
                service.performance.decide_objection(
                    rated, outcome=ObjectionOutcome.DISMISSED, decided_by=chain.division_head,
                    reason=" ", actor=SUPERIOR)
            assert excinfo.value.code == "PERFORMANCE_DECISION_REASON_REQUIRED"
            with refused(service) as excinfo:
                service.performance.decide_objection(
                    rated, outcome=ObjectionOutcome.UPHELD, decided_by=chain.division_head,
                    reason="Dikabulkan", work_result=BELOW, behaviour=E, actor=SUPERIOR)
            assert excinfo.value.code == "PERFORMANCE_UPHELD_WITHOUT_CHANGE"

    def test_an_upheld_rating_must_still_keep_the_pattern(
            self, service: PersonnelService, chain: Chain) -> None:
        chain.set_division(OrganisationPredicate.SANGAT_KURANG, 10)
        plan_id = chain.plan(chain.staff[0])
        _rate(service, plan_id, BELOW, BELOW)
        with on_day(date(2026, 12, 21)):
            service.performance.object_to_rating(plan_id, reason="Keberatan", actor=EMPLOYEE)
            with refused(service) as excinfo:
                service.performance.decide_objection(
                    plan_id, outcome=ObjectionOutcome.UPHELD, decided_by=chain.division_head,
                    reason="Dikabulkan", work_result=A, behaviour=A, actor=SUPERIOR)
        assert excinfo.value.code == "PERFORMANCE_DISTRIBUTION_MAXIMUM"


def test_years_before_the_cycle_keep_their_recorded_ratings(
        service: PersonnelService, org: Organisation) -> None:
    employee_id = org.promotable_pns()  # rated Baik 2016–2019 directly
    assert service.get_employee(employee_id).state.appraisals[2019] is Rating.BAIK
    with refused(service) as excinfo:
        service.performance.draft_plan(employee_id, year=2019, superior_id=org.rater(),
                                       results=[result()], actor=EMPLOYEE)
    assert excinfo.value.code == "PERFORMANCE_YEAR_BEFORE_CYCLE"
    assert service.performance.plan_of(employee_id, 2019) is None
