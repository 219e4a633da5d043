"""Monitoring indicators through `service.indicators`: defined for a policy, targets by year,
actuals by month and their corrections, each accepted and refused."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from domain.indicator import Direction, IndicatorKind, MeasureUnit
from tests.builders.consultation import consultation
from tests.builders.indicator import indicator
from tests.builders.personnel import Organisation, refused
from tests.builders.voice import HR_ADMIN, on_day

TODAY = date(2026, 6, 10)


@pytest.fixture
def manual(org: Organisation) -> UUID:
    return indicator(org.service, org.government_id, TODAY)


class TestDefinition:
    def test_an_indicator_measures_the_policy_of_a_consultation(
            self, org: Organisation) -> None:
        cid = consultation(org.service, org.government_id, TODAY)
        iid = indicator(org.service, org.government_id, TODAY, consultation_id=cid,
                        policy_title=None, kind=IndicatorKind.IKM, name="IKM unit layanan")
        found = org.service.indicators.get(iid)
        assert (found.consultation_id, found.measure, found.direction) == (
            cid, MeasureUnit.INDEX, Direction.UP)

    def test_an_identity_number_or_address_in_its_texts_is_masked(
            self, org: Organisation) -> None:
        iid = indicator(org.service, org.government_id, TODAY,
                        name="Layanan 0812 3456 7890 selesai (%)",
                        policy_title="Surat dari warga@contoh.id")
        found = org.service.indicators.get(iid)
        assert "0812" not in found.name and "warga@" not in (found.policy_title or "")
        assert found.name.startswith("Layanan ") and found.name.endswith(" selesai (%)")

    def test_an_indicator_without_a_policy_is_refused(self, org: Organisation) -> None:
        with on_day(TODAY), refused(org.service) as excinfo:
            indicator(org.service, org.government_id, TODAY, policy_title=" ")
        assert excinfo.value.code == "INDICATOR_POLICY_REQUIRED"

    def test_every_refusal_of_a_definition_is_told_at_once(self, org: Organisation) -> None:
        with on_day(TODAY), refused(org.service) as excinfo:
            org.service.indicators.define_indicator(
                government_id=org.government_id, kind=IndicatorKind.JPT_FILL_DAYS, name="x",
                measure=MeasureUnit.PERCENT, direction=Direction.UP, consultation_id=None,
                policy_title="Kebijakan", actor=HR_ADMIN)
        assert excinfo.value.code == "INDICATOR_TEXT_INVALID"
        assert {(p.code, p.field) for p in excinfo.value.problems} == {
            ("INDICATOR_TEXT_INVALID", "name"), ("INDICATOR_MEASURE_FIXED", "measure")}

    def test_a_computed_kind_keeps_its_own_measure(self, org: Organisation) -> None:
        with on_day(TODAY), refused(org.service) as excinfo:
            org.service.indicators.define_indicator(
                government_id=org.government_id, kind=IndicatorKind.IKM, name="IKM",
                measure=MeasureUnit.INDEX, direction=Direction.DOWN, consultation_id=None,
                policy_title="Standar pelayanan", actor=HR_ADMIN)
        assert excinfo.value.code == "INDICATOR_MEASURE_FIXED"

    def test_a_consultation_of_another_government_is_refused(self, org: Organisation) -> None:
        with on_day(TODAY):
            government_id = org.service.establish_government(
                code="kab-lain", name="Pemerintah Kabupaten Lain", province="Jawa Barat",
                effective_on=date(2020, 1, 1), actor=HR_ADMIN)
        cid = consultation(org.service, government_id, TODAY)
        with on_day(TODAY), refused(org.service) as excinfo:
            indicator(org.service, org.government_id, TODAY, consultation_id=cid)
        assert excinfo.value.code == "INDICATOR_CONSULTATION_OUTSIDE_GOVERNMENT"


class TestTargets:
    def test_a_target_set_again_replaces_the_year_s(self, org: Organisation,
                                                   manual: UUID) -> None:
        with on_day(TODAY):
            org.service.indicators.set_target(manual, year=2026, value=70, actor=HR_ADMIN)
            org.service.indicators.set_target(manual, year=2026, value=75.5, actor=HR_ADMIN)
        assert org.service.indicators.get(manual).targets == {2026: 75.5}

    def test_a_year_too_far_and_a_percent_above_100_are_refused(
            self, org: Organisation, manual: UUID) -> None:
        with on_day(TODAY), refused(org.service) as excinfo:
            org.service.indicators.set_target(manual, year=2040, value=120, actor=HR_ADMIN)
        assert excinfo.value.code == "INDICATOR_YEAR_INVALID"
        assert {p.code for p in excinfo.value.problems} == {"INDICATOR_YEAR_INVALID",
                                                            "INDICATOR_VALUE_INVALID"}

    def test_a_negative_value_is_refused(self, org: Organisation, manual: UUID) -> None:
        with on_day(TODAY), refused(org.service) as excinfo:
            org.service.indicators.set_target(manual, year=2026, value=-1, actor=HR_ADMIN)
        assert excinfo.value.code == "INDICATOR_VALUE_INVALID"


class TestActuals:
    def test_an_actual_is_kept_per_month_with_its_base(self, org: Organisation,
                                                       manual: UUID) -> None:
        with on_day(TODAY):
            org.service.indicators.record_actual(manual, month=date(2026, 5, 1), value=61.237,
                                                 base=240, actor=HR_ADMIN)
        actual = org.service.indicators.get(manual).actuals[date(2026, 5, 1)]
        assert (actual.value, actual.base, actual.is_computed) == (61.24, 240, False)

    def test_a_correction_is_a_new_event_and_the_first_actual_stays_in_the_log(
            self, org: Organisation, manual: UUID) -> None:
        with on_day(TODAY):
            org.service.indicators.record_actual(manual, month=date(2026, 5, 1), value=61,
                                                 base=240, actor=HR_ADMIN)
            org.service.indicators.correct_actual(manual, month=date(2026, 5, 1), value=64,
                                                  base=241, reason="Data pelatihan susulan",
                                                  actor=HR_ADMIN)
        found = org.service.indicators.get(manual)
        assert found.actuals[date(2026, 5, 1)].value == 64
        assert found.actuals[date(2026, 5, 1)].corrections == 1
        events = list(org.service.events.get(manual))
        assert [type(e).__name__ for e in events] == ["Defined", "ActualRecorded",
                                                     "ActualCorrected"]
        assert getattr(events[1], "value") == 61  # noqa: B009 - the event type is generic

    def test_a_second_actual_of_a_month_is_refused(self, org: Organisation,
                                                   manual: UUID) -> None:
        with on_day(TODAY):
            org.service.indicators.record_actual(manual, month=date(2026, 5, 1), value=61,
                                                 base=None, actor=HR_ADMIN)
        with on_day(TODAY), refused(org.service) as excinfo:
            org.service.indicators.record_actual(manual, month=date(2026, 5, 1), value=62,
                                                 base=None, actor=HR_ADMIN)
        assert excinfo.value.code == "INDICATOR_ACTUAL_EXISTS"

    @pytest.mark.parametrize("month", [date(2026, 5, 2), date(2026, 7, 1)],
                             ids=["not a 1st", "a coming month"])
    def test_a_month_not_given_by_its_1st_or_still_to_come_is_refused(
            self, org: Organisation, manual: UUID, month: date) -> None:
        with on_day(TODAY), refused(org.service) as excinfo:
            org.service.indicators.record_actual(manual, month=month, value=1, base=None,
                                                 actor=HR_ADMIN)
        assert excinfo.value.code == "INDICATOR_MONTH_INVALID"

    def test_a_negative_base_is_refused(self, org: Organisation, manual: UUID) -> None:
        with on_day(TODAY), refused(org.service) as excinfo:
            org.service.indicators.record_actual(manual, month=date(2026, 5, 1), value=1,
                                                 base=-3, actor=HR_ADMIN)
        assert excinfo.value.code == "INDICATOR_BASE_INVALID"

    def test_correcting_a_month_without_an_actual_is_refused_with_every_problem(
            self, org: Organisation, manual: UUID) -> None:
        with on_day(TODAY), refused(org.service) as excinfo:
            org.service.indicators.correct_actual(manual, month=date(2026, 4, 1), value=5,
                                                  base=None, reason="", actor=HR_ADMIN)
        assert excinfo.value.code == "INDICATOR_ACTUAL_MISSING"
        assert {(p.code, p.field) for p in excinfo.value.problems} == {
            ("INDICATOR_ACTUAL_MISSING", "month"), ("INDICATOR_TEXT_INVALID", "reason")}
