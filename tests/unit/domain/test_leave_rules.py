"""Leave rules: working days, entitlement, and each leave type's accepted and refused cases."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import DomainError
from domain.leave_balance import AnnualLeaveBalance
from domain.leave_regulations import (
    AdvanceAnnualReason,
    ImportantReason,
    LeavePlace,
    LeaveType,
    UnpaidLeaveReason,
    leave_rules_on,
)
from domain.leave_rules import (
    Applicant,
    BigLeavePurpose,
    DaysOffCalendar,
    SickCertificate,
    SickLeaveKind,
    annual_leave_refusals,
    big_leave_refusals,
    check,
    counts_as_service,
    deferral_refusals,
    hard_to_reach_travel_days,
    important_reason_refusals,
    is_entitled_to_annual_leave,
    maternity_leave_refusals,
    may_be_refused,
    releases_position,
    required_sick_certificate,
    sick_leave_refusals,
    unpaid_leave_refusals,
    unpaid_leave_return_due_on,
    unpaid_leave_return_refusals,
    working_days,
    working_days_by_year,
)
from domain.values import EmploymentType, Sex

PNS, PPPK = EmploymentType.PNS, EmploymentType.PPPK
# Keppres 2/2025 style: a national holiday and two cuti bersama days around it.
NYEPI, NYEPI_CB = date(2025, 3, 28), date(2025, 3, 31)
CALENDAR = DaysOffCalendar(frozenset({NYEPI, NYEPI_CB, date(2025, 12, 25), date(2025, 12, 26),
                                      date(2026, 1, 1)}))
MONDAY = date(2025, 3, 3)


def employee(employment_type: EmploymentType = PNS, service_start_on: date = date(2010, 3, 1),
             sex: Sex = Sex.FEMALE, *, is_teacher: bool = False,
             contract_years: int | None = None) -> Applicant:
    return Applicant(employment_type, service_start_on, sex, is_teacher, contract_years)


def balance(year: int = 2025, available: int = 12, taken: int = 0) -> AnnualLeaveBalance:
    return AnnualLeaveBalance(year, entitled=12, carried_in=available - 12, deferred_in=0,
                              top_up=0, available=available, taken=taken)


def codes(refusals: list[DomainError]) -> list[str]:
    return [r.code for r in refusals]


class TestWorkingDays:
    def test_weekends_holidays_and_cuti_bersama_are_not_counted(self) -> None:
        # Mon 24 Mar .. Tue 1 Apr 2025: 7 weekdays less Nyepi (Fri) and its cuti bersama (Mon).
        assert working_days(date(2025, 3, 24), date(2025, 4, 1), CALENDAR) == 5

    def test_a_six_day_week_counts_saturdays(self) -> None:
        school = DaysOffCalendar(frozenset(), weekly_rest_days=frozenset({6}))
        assert working_days(MONDAY, date(2025, 3, 9), school) == 6

    def test_a_range_over_new_year_is_split_by_year(self) -> None:
        assert working_days_by_year(date(2025, 12, 29), date(2026, 1, 2), CALENDAR) == {
            2025: 3, 2026: 1}

    def test_any_calendar_that_answers_is_working_day_can_be_plugged_in(self) -> None:
        class EveryOtherDay:
            def is_working_day(self, day: date) -> bool:
                return day.toordinal() % 2 == 0

        assert working_days(MONDAY, date(2025, 3, 12), EveryOtherDay()) == 5

    def test_an_empty_range_has_no_working_day(self) -> None:
        assert working_days(date(2025, 3, 5), date(2025, 3, 4), CALENDAR) == 0


class TestAnnualEntitlement:
    def test_twelve_days_once_one_year_of_service_is_reached_in_the_year(self) -> None:
        assert is_entitled_to_annual_leave(employee(service_start_on=date(2024, 3, 1)), 2025)
        assert not is_entitled_to_annual_leave(employee(service_start_on=date(2024, 3, 1)), 2024)

    def test_big_leave_forfeits_the_years_annual_leave(self) -> None:
        assert not is_entitled_to_annual_leave(employee(), 2025, has_big_leave=True)

    def test_teachers_earn_annual_leave_since_2020_but_pppk_teachers_do_not(self) -> None:
        assert not is_entitled_to_annual_leave(employee(is_teacher=True), 2019)
        assert is_entitled_to_annual_leave(employee(is_teacher=True), 2021)
        assert not is_entitled_to_annual_leave(
            employee(PPPK, date(2022, 5, 1), is_teacher=True, contract_years=5), 2024)

    def test_hard_to_reach_places_add_twelve_calendar_days_for_pns_and_six_for_pppk(
            self) -> None:
        assert hard_to_reach_travel_days(employee(), MONDAY, LeavePlace.HARD_TO_REACH) == 12
        assert hard_to_reach_travel_days(employee(PPPK), MONDAY, LeavePlace.HARD_TO_REACH) == 6
        assert hard_to_reach_travel_days(employee(), MONDAY, LeavePlace.DOMESTIC) == 0


class TestAnnualLeaveRequest:
    def test_a_request_within_the_balance_is_accepted(self) -> None:
        refusals = annual_leave_refusals(employee(), MONDAY, date(2025, 3, 7), CALENDAR,
                                         {2025: balance()})
        assert refusals == []

    def test_before_one_year_of_service_it_is_refused(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(annual_leave_refusals(employee(service_start_on=date(2024, 6, 1)), MONDAY,
                                        MONDAY, CALENDAR, {2025: balance()}))
        assert excinfo.value.code == "LEAVE_ANNUAL_SERVICE_TOO_SHORT"
        assert "2025-06-01" in excinfo.value.message("id")

    def test_more_days_than_the_balance_are_refused(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(annual_leave_refusals(employee(), MONDAY, date(2025, 3, 7), CALENDAR,
                                        {2025: balance(taken=8)}))
        assert excinfo.value.code == "LEAVE_ANNUAL_BALANCE_INSUFFICIENT"
        assert excinfo.value.message("en").startswith("Only 4 working days")

    def test_leave_over_new_year_meets_each_years_balance(self) -> None:
        # 3 days in 2025 fit; 1 day in 2026 meets next year's (missing, so empty) balance.
        refusals = annual_leave_refusals(employee(), date(2025, 12, 29), date(2026, 1, 2),
                                         CALENDAR, {2025: balance()})
        assert codes(refusals) == ["LEAVE_ANNUAL_BALANCE_INSUFFICIENT"]
        assert refusals[0].params["year"] == 2026

    def test_a_year_with_big_leave_has_no_annual_leave(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(annual_leave_refusals(employee(), MONDAY, MONDAY, CALENDAR,
                                        {2025: balance()}, big_leave_years={2025}))
        assert excinfo.value.code == "LEAVE_ANNUAL_BLOCKED_BY_BIG_LEAVE"

    def test_a_range_of_only_days_off_is_refused(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(annual_leave_refusals(employee(), NYEPI, NYEPI_CB, CALENDAR,
                                        {2025: balance()}))
        assert excinfo.value.code == "LEAVE_NO_WORKING_DAYS"

    def test_an_end_before_the_start_is_refused(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(annual_leave_refusals(employee(), MONDAY, date(2025, 3, 2), CALENDAR,
                                        {2025: balance()}))
        assert excinfo.value.code == "LEAVE_RANGE_INVALID"

    def test_a_pns_teacher_before_2020_is_refused_because_holidays_count(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(annual_leave_refusals(employee(is_teacher=True), date(2019, 3, 4),
                                        date(2019, 3, 4), CALENDAR, {2019: balance(2019)}))
        assert excinfo.value.code == "LEAVE_ANNUAL_TEACHER_HOLIDAYS"
        assert annual_leave_refusals(employee(is_teacher=True), MONDAY, MONDAY, CALENDAR,
                                     {2025: balance()}) == []

    def test_leave_before_the_first_rules_is_refused(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(annual_leave_refusals(employee(), date(2016, 3, 7), date(2016, 3, 7),
                                        CALENDAR, {2016: balance(2016)}))
        assert excinfo.value.code == "LEAVE_NO_RULES_IN_FORCE"


class TestPppkAnnualLeave:
    @staticmethod
    def newcomer() -> Applicant:
        return employee(PPPK, date(2025, 1, 6), contract_years=5)

    def test_a_pppk_may_take_six_days_in_advance_for_a_first_marriage(self) -> None:
        refusals = annual_leave_refusals(self.newcomer(), MONDAY,
                                         date(2025, 3, 10), CALENDAR, {},
                                         advance_reason=AdvanceAnnualReason.FIRST_MARRIAGE)
        assert refusals == []

    def test_a_seventh_advance_day_is_refused(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(annual_leave_refusals(self.newcomer(), MONDAY, date(2025, 3, 11),
                                        CALENDAR, {},
                                        advance_reason=AdvanceAnnualReason.FIRST_MARRIAGE))
        assert excinfo.value.code == "LEAVE_ANNUAL_ADVANCE_TOO_LONG"

    def test_a_pns_gets_no_advance_days(self) -> None:
        assert codes(annual_leave_refusals(
            employee(service_start_on=date(2025, 1, 6)), MONDAY, MONDAY, CALENDAR, {},
            advance_reason=AdvanceAnnualReason.FIRST_MARRIAGE)) == [
                "LEAVE_ANNUAL_SERVICE_TOO_SHORT"]

    @pytest.mark.parametrize("leave_type", [LeaveType.BIG, LeaveType.IMPORTANT_REASON,
                                            LeaveType.UNPAID])
    def test_a_pppk_has_no_big_important_reason_or_unpaid_leave(
            self, leave_type: LeaveType) -> None:
        pppk = employee(PPPK, date(2015, 1, 5), contract_years=5)
        requests = {
            LeaveType.BIG: lambda: big_leave_refusals(pppk, MONDAY, MONDAY),
            LeaveType.IMPORTANT_REASON: lambda: important_reason_refusals(
                pppk, MONDAY, MONDAY, ImportantReason.OWN_WEDDING),
            LeaveType.UNPAID: lambda: unpaid_leave_refusals(
                pppk, MONDAY, MONDAY, UnpaidLeaveReason.CARE_FOR_PARENT, "PERTEK-1"),
        }
        with pytest.raises(DomainError) as excinfo:
            check(requests[leave_type]())
        assert excinfo.value.code == "LEAVE_TYPE_NOT_FOR_EMPLOYMENT_TYPE"

    def test_pppk_sick_leave_ends_after_one_month(self) -> None:
        pppk = employee(PPPK, date(2023, 1, 2), contract_years=5)
        ok = sick_leave_refusals(pppk, MONDAY, date(2025, 4, 2),
                                 SickCertificate.GOVERNMENT_DOCTOR)
        late = sick_leave_refusals(pppk, MONDAY, date(2025, 4, 3),
                                   SickCertificate.GOVERNMENT_DOCTOR)
        assert (ok, codes(late)) == ([], ["LEAVE_TOO_LONG"])


class TestBigLeave:
    def test_three_months_after_five_years_are_accepted(self) -> None:
        assert big_leave_refusals(employee(), MONDAY, date(2025, 6, 2)) == []

    def test_more_than_three_months_are_refused(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(big_leave_refusals(employee(), MONDAY, date(2025, 6, 3)))
        assert excinfo.value.code == "LEAVE_TOO_LONG"
        assert "2025-06-02" in excinfo.value.message("en")

    def test_before_five_years_it_is_refused_except_for_a_first_hajj(self) -> None:
        recent = employee(service_start_on=date(2022, 1, 3))
        with pytest.raises(DomainError) as excinfo:
            check(big_leave_refusals(recent, MONDAY, MONDAY))
        assert excinfo.value.code == "LEAVE_BIG_SERVICE_TOO_SHORT"
        assert big_leave_refusals(recent, MONDAY, MONDAY, BigLeavePurpose.FIRST_HAJJ) == []

    def test_cltn_days_do_not_count_towards_the_five_years(self) -> None:
        # Five years from 2 March 2020 are complete on 2 March 2025, but a year of CLTN in
        # between (1 June 2021 - 1 June 2022) pushes them a year later; before it, it is not
        # counted at all.
        started = date(2020, 3, 2)
        cltn = ((date(2021, 6, 1), date(2022, 6, 1)),)
        plain = Applicant(PNS, started, Sex.FEMALE)
        away = Applicant(PNS, started, Sex.FEMALE, unpaid_leaves=cltn)
        assert big_leave_refusals(plain, MONDAY, MONDAY) == []
        assert codes(big_leave_refusals(away, MONDAY, MONDAY)) == [
            "LEAVE_BIG_SERVICE_TOO_SHORT"]
        assert codes(big_leave_refusals(away, date(2026, 2, 27), date(2026, 2, 27))) == [
            "LEAVE_BIG_SERVICE_TOO_SHORT"]  # 365 days of CLTN: complete on 2 March 2026
        assert big_leave_refusals(away, date(2026, 3, 2), date(2026, 3, 2)) == []
        before = Applicant(PNS, started, Sex.FEMALE,
                           unpaid_leaves=((date(2019, 1, 1), date(2020, 1, 1)),))
        assert big_leave_refusals(before, MONDAY, MONDAY) == []

    def test_a_second_big_leave_waits_five_years_after_the_first(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(big_leave_refusals(employee(), MONDAY, MONDAY,
                                     last_big_leave_ended_on=date(2020, 6, 1)))
        assert excinfo.value.code == "LEAVE_BIG_TOO_SOON"
        assert big_leave_refusals(employee(), MONDAY, MONDAY,
                                  last_big_leave_ended_on=date(2020, 3, 3)) == []


class TestSickLeave:
    def test_certificates_grow_with_the_length(self) -> None:
        rules = leave_rules_on(PNS, MONDAY)
        assert required_sick_certificate(rules, 1) is SickCertificate.DOCTOR
        assert required_sick_certificate(rules, 14) is SickCertificate.DOCTOR
        assert required_sick_certificate(rules, 15) is SickCertificate.GOVERNMENT_DOCTOR

    def test_one_day_without_a_doctors_certificate_is_refused(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(sick_leave_refusals(employee(), MONDAY, MONDAY, SickCertificate.NONE))
        assert excinfo.value.code == "LEAVE_SICK_DOCTOR_CERTIFICATE_MISSING"
        assert sick_leave_refusals(employee(), MONDAY, MONDAY, SickCertificate.DOCTOR) == []

    def test_over_fourteen_days_needs_a_government_doctor(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(sick_leave_refusals(employee(), MONDAY, date(2025, 3, 17),
                                      SickCertificate.DOCTOR))
        assert excinfo.value.code == "LEAVE_SICK_GOVERNMENT_DOCTOR_CERTIFICATE_MISSING"

    def test_a_single_day_was_not_sick_leave_before_pp_17_2020(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(sick_leave_refusals(employee(), date(2019, 3, 4), date(2019, 3, 4),
                                      SickCertificate.DOCTOR))
        assert excinfo.value.code == "LEAVE_TOO_SHORT"

    def test_one_year_from_the_illness_then_six_months_with_the_health_board(self) -> None:
        began = date(2024, 3, 1)
        refused = sick_leave_refusals(employee(), MONDAY, date(2025, 3, 10),
                                      SickCertificate.GOVERNMENT_DOCTOR, illness_began_on=began)
        extended = sick_leave_refusals(employee(), MONDAY, date(2025, 8, 31),
                                       SickCertificate.GOVERNMENT_DOCTOR,
                                       illness_began_on=began,
                                       has_health_board_certificate=True)
        assert (codes(refused), extended) == (["LEAVE_TOO_LONG"], [])

    def test_a_miscarriage_gives_up_to_a_month_and_a_half(self) -> None:
        ok = sick_leave_refusals(employee(), MONDAY, date(2025, 4, 16), SickCertificate.DOCTOR,
                                 SickLeaveKind.MISCARRIAGE)
        late = sick_leave_refusals(employee(), MONDAY, date(2025, 4, 17),
                                   SickCertificate.DOCTOR, SickLeaveKind.MISCARRIAGE)
        assert (ok, codes(late)) == ([], ["LEAVE_TOO_LONG"])


    def test_a_work_accident_runs_until_recovery_or_for_a_pppk_until_the_contract_ends(
            self) -> None:
        pppk = employee(PPPK, date(2023, 1, 2), contract_years=5)
        ends = date(2027, 12, 31)
        assert sick_leave_refusals(employee(), MONDAY, date(2027, 3, 3),
                                   SickCertificate.GOVERNMENT_DOCTOR,
                                   SickLeaveKind.WORK_ACCIDENT) == []
        assert sick_leave_refusals(pppk, MONDAY, ends, SickCertificate.GOVERNMENT_DOCTOR,
                                   SickLeaveKind.WORK_ACCIDENT, contract_ends_on=ends) == []
        assert codes(sick_leave_refusals(pppk, MONDAY, date(2028, 1, 1),
                                         SickCertificate.GOVERNMENT_DOCTOR,
                                         SickLeaveKind.WORK_ACCIDENT,
                                         contract_ends_on=ends)) == ["LEAVE_TOO_LONG"]


class TestMaternityLeave:
    def test_three_months_for_a_third_child_are_accepted(self) -> None:
        assert maternity_leave_refusals(employee(), MONDAY, date(2025, 6, 2), 3) == []

    def test_a_fourth_child_is_refused_towards_big_leave(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(maternity_leave_refusals(employee(), MONDAY, date(2025, 6, 2), 4))
        assert excinfo.value.code == "LEAVE_MATERNITY_CHILD_ORDER"
        assert "cuti besar" in excinfo.value.message("id")

    def test_it_is_for_mothers(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(maternity_leave_refusals(employee(sex=Sex.MALE), MONDAY, MONDAY, 1))
        assert excinfo.value.code == "LEAVE_MATERNITY_MOTHERS_ONLY"

    def test_a_cpns_in_the_first_year_gets_it_too(self) -> None:
        cpns = employee(service_start_on=date(2025, 1, 2))
        assert maternity_leave_refusals(cpns, MONDAY, MONDAY, 1) == []


class TestImportantReasons:
    def test_a_husband_whose_wife_gives_birth_may_take_it_within_a_month(self) -> None:
        husband = employee(sex=Sex.MALE)
        assert important_reason_refusals(husband, MONDAY, date(2025, 4, 2),
                                         ImportantReason.WIFE_GIVES_BIRTH) == []
        assert codes(important_reason_refusals(husband, MONDAY, date(2025, 4, 3),
                                               ImportantReason.WIFE_GIVES_BIRTH)) == [
            "LEAVE_TOO_LONG"]

    def test_the_birth_reason_is_only_for_husbands(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(important_reason_refusals(employee(), MONDAY, MONDAY,
                                            ImportantReason.WIFE_GIVES_BIRTH))
        assert excinfo.value.code == "LEAVE_IMPORTANT_REASON_NOT_APPLICABLE"


class TestUnpaidLeave:
    REASON = UnpaidLeaveReason.CARE_FOR_PARENT

    def test_three_years_after_five_years_of_service_with_bkn_approval(self) -> None:
        assert unpaid_leave_refusals(employee(), MONDAY, date(2028, 3, 2), self.REASON,
                                     "PERTEK-1") == []
        assert codes(unpaid_leave_refusals(employee(), MONDAY, date(2028, 3, 3), self.REASON,
                                           "PERTEK-1")) == ["LEAVE_TOO_LONG"]

    def test_the_extension_is_one_year(self) -> None:
        assert codes(unpaid_leave_refusals(employee(), MONDAY, date(2026, 3, 3), self.REASON,
                                           "PERTEK-2", is_extension=True)) == [
            "LEAVE_TOO_LONG"]

    def test_an_earlier_cltn_delays_the_five_years_of_a_second(self) -> None:
        # Ten months of CLTN (the days from 1 May 2022 to 1 March 2023) after a start on
        # 3 March 2020: five years counted are complete only on 1 January 2026.
        away = Applicant(PNS, date(2020, 3, 3), Sex.MALE,
                         unpaid_leaves=((date(2022, 5, 1), date(2023, 3, 1)),))
        assert codes(unpaid_leave_refusals(away, date(2025, 12, 31), date(2026, 6, 30),
                                           self.REASON, "PERTEK-3")) == [
            "LEAVE_UNPAID_SERVICE_TOO_SHORT"]
        assert unpaid_leave_refusals(away, date(2026, 1, 1), date(2026, 6, 30), self.REASON,
                                     "PERTEK-3") == []

    def test_before_five_years_it_is_refused(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(unpaid_leave_refusals(employee(service_start_on=date(2021, 1, 4)), MONDAY,
                                        MONDAY, self.REASON, "PERTEK-1"))
        assert excinfo.value.code == "LEAVE_UNPAID_SERVICE_TOO_SHORT"

    def test_without_bkn_approval_it_is_refused(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(unpaid_leave_refusals(employee(), MONDAY, MONDAY, self.REASON, "  "))
        assert excinfo.value.code == "LEAVE_UNPAID_BKN_APPROVAL_MISSING"

    def test_an_open_personal_reason_is_refused_since_perban_7_2021(self) -> None:
        other = UnpaidLeaveReason.OTHER_PERSONAL_URGENT
        with pytest.raises(DomainError) as excinfo:
            check(unpaid_leave_refusals(employee(), MONDAY, MONDAY, other, "PERTEK-1"))
        assert excinfo.value.code == "LEAVE_UNPAID_REASON_NOT_ALLOWED"
        assert unpaid_leave_refusals(employee(), date(2021, 3, 1), date(2021, 3, 1), other,
                                     "PERTEK-1") == []

    def test_the_return_is_reported_within_a_month(self) -> None:
        ended = date(2025, 1, 31)
        assert unpaid_leave_return_due_on(PNS, ended) == date(2025, 2, 28)
        assert unpaid_leave_return_refusals(PNS, ended, date(2025, 2, 28)) == []
        with pytest.raises(DomainError) as excinfo:
            check(unpaid_leave_return_refusals(PNS, ended, date(2025, 3, 1)))
        assert excinfo.value.code == "LEAVE_UNPAID_RETURN_REPORT_LATE"

    def test_it_releases_the_position_and_stops_service_time(self) -> None:
        assert releases_position(LeaveType.UNPAID) and not counts_as_service(LeaveType.UNPAID)
        assert not releases_position(LeaveType.BIG) and counts_as_service(LeaveType.BIG)


class TestDeferral:
    def test_leave_may_be_deferred_for_up_to_a_year(self) -> None:
        assert deferral_refusals(PNS, LeaveType.ANNUAL, MONDAY, date(2026, 3, 3)) == []
        with pytest.raises(DomainError) as excinfo:
            check(deferral_refusals(PNS, LeaveType.ANNUAL, MONDAY, date(2026, 3, 4)))
        assert excinfo.value.code == "LEAVE_DEFERRAL_TOO_LONG"

    def test_big_leave_for_a_first_hajj_cannot_be_deferred(self) -> None:
        with pytest.raises(DomainError) as excinfo:
            check(deferral_refusals(PNS, LeaveType.BIG, MONDAY, date(2025, 4, 1),
                                    BigLeavePurpose.FIRST_HAJJ))
        assert excinfo.value.code == "LEAVE_NOT_DEFERRABLE"


class TestCollectiveLeaveDays:
    def test_annual_leave_across_cuti_bersama_is_counted_without_it(self) -> None:
        # The calendar holds cuti bersama as days off, so it reduces nothing.
        assert working_days(date(2025, 3, 31), date(2025, 4, 1), CALENDAR) == 1


class TestRefusalByTheOfficial:
    def test_since_pp_17_2020_a_pns_leave_other_than_cltn_is_deferred_not_refused(
            self) -> None:
        assert not may_be_refused(PNS, LeaveType.ANNUAL, MONDAY)
        assert may_be_refused(PNS, LeaveType.UNPAID, MONDAY)
        assert may_be_refused(PNS, LeaveType.ANNUAL, date(2019, 3, 4))

    def test_a_pppk_leave_may_still_be_refused(self) -> None:
        assert may_be_refused(PPPK, LeaveType.ANNUAL, MONDAY)
