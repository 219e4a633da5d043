"""Leave rule versions: looked up by date, one in force at a time, each with its legal basis."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from domain.errors import DomainError
from domain.leave_regulations import (
    LEAVE_RULE_VERSIONS,
    LeaveType,
    UnpaidLeaveReason,
    leave_rules_on,
)
from domain.values import EmploymentType


class TestVersionLookup:
    @pytest.mark.parametrize(
        ("employment_type", "on", "code"),
        [
            (EmploymentType.PNS, date(2017, 4, 7), "PNS-2017"),
            (EmploymentType.PNS, date(2020, 2, 27), "PNS-2017"),
            (EmploymentType.PNS, date(2020, 2, 28), "PNS-2020"),
            (EmploymentType.PNS, date(2021, 7, 25), "PNS-2020"),
            (EmploymentType.PNS, date(2021, 7, 26), "PNS-2021"),
            (EmploymentType.PNS, date(2040, 1, 1), "PNS-2021"),
            (EmploymentType.PPPK, date(2022, 4, 13), "PPPK-2018"),
            (EmploymentType.PPPK, date(2022, 4, 14), "PPPK-2022"),
        ],
    )
    def test_the_version_in_force_on_the_date_applies(
            self, employment_type: EmploymentType, on: date, code: str) -> None:
        assert leave_rules_on(employment_type, on).code == code

    def test_a_date_before_the_first_version_is_refused_not_judged_by_the_1976_rules(
            self) -> None:
        with pytest.raises(DomainError) as excinfo:
            leave_rules_on(EmploymentType.PNS, date(2017, 4, 6))
        assert excinfo.value.code == "LEAVE_NO_RULES_IN_FORCE"
        assert "2017-04-06" in excinfo.value.message("en")

    @pytest.mark.parametrize("employment_type", list(EmploymentType))
    def test_the_versions_of_a_type_follow_each_other_without_gap_or_overlap(
            self, employment_type: EmploymentType) -> None:
        versions = sorted((v for v in LEAVE_RULE_VERSIONS
                           if v.employment_type is employment_type),
                          key=lambda v: v.in_force_from)
        for earlier, later in pairwise(versions):
            assert earlier.in_force_until == later.in_force_from - timedelta(days=1)
        assert versions[-1].in_force_until is None

    def test_every_version_names_its_legal_basis(self) -> None:
        assert all(v.legal_basis.strip() for v in LEAVE_RULE_VERSIONS)
        assert len({v.code for v in LEAVE_RULE_VERSIONS}) == len(LEAVE_RULE_VERSIONS)


class TestWhatChangedBetweenVersions:
    def test_teachers_earn_annual_leave_only_since_pp_17_2020(self) -> None:
        assert not leave_rules_on(EmploymentType.PNS, date(2019, 6, 1)).annual.teachers_entitled
        assert leave_rules_on(EmploymentType.PNS, date(2020, 6, 1)).annual.teachers_entitled

    def test_a_single_day_of_illness_is_sick_leave_only_since_pp_17_2020(self) -> None:
        assert leave_rules_on(EmploymentType.PNS, date(2019, 6, 1)).sick.min_days == 2
        assert leave_rules_on(EmploymentType.PNS, date(2020, 6, 1)).sick.min_days == 1

    def test_perban_7_2021_closes_the_list_of_unpaid_leave_grounds(self) -> None:
        other = UnpaidLeaveReason.OTHER_PERSONAL_URGENT
        assert other in leave_rules_on(EmploymentType.PNS, date(2021, 7, 25)).unpaid_reasons
        assert other not in leave_rules_on(EmploymentType.PNS, date(2021, 7, 26)).unpaid_reasons
        assert len(leave_rules_on(EmploymentType.PNS, date(2021, 7, 26)).unpaid_reasons) == 6


class TestPppkRules:
    def test_a_pppk_has_only_four_leave_types(self) -> None:
        rules = leave_rules_on(EmploymentType.PPPK, date(2023, 1, 1))
        assert rules.types == {LeaveType.ANNUAL, LeaveType.SICK, LeaveType.MATERNITY,
                               LeaveType.COLLECTIVE}

    def test_pppk_caps_differ_from_pns(self) -> None:
        pppk = leave_rules_on(EmploymentType.PPPK, date(2023, 1, 1))
        pns = leave_rules_on(EmploymentType.PNS, date(2023, 1, 1))
        assert (pppk.annual.hard_to_reach_calendar_days, pns.annual.hard_to_reach_calendar_days) \
            == (6, 12)
        assert (pppk.sick.max_months, pppk.sick.extension_months) == (1, 0)
        assert (pns.sick.max_months, pns.sick.extension_months) == (12, 6)
        assert pppk.annual.advance_days_before_service == 6
        assert pns.annual.advance_days_before_service == 0
