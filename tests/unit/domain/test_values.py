"""Value objects validate themselves: NIP, grades, the SKP matrix, JP hours, decrees, penalties."""

from __future__ import annotations

from datetime import date

import pytest

from domain.values import (
    PNS_GRADES,
    PPPK_GRADES,
    Actor,
    Expectation,
    Grade,
    GradeRange,
    JpHours,
    LegalBasis,
    Nip,
    PenaltyLevel,
    PenaltyType,
    PositionType,
    Rating,
    Role,
    Sex,
)
from tests.builders.personnel import ni_pppk_for, nip_for, refused

BORN = date(1992, 5, 17)
TMT = date(2016, 4, 1)


class TestNip:
    def test_a_nip_reads_back_birth_date_tmt_and_sex(self) -> None:
        nip = Nip.parse(nip_for(BORN, TMT, Sex.FEMALE, 7))

        assert nip.digits == "199205172016042007"
        assert (nip.birth_on, nip.tmt_year, nip.tmt_month, nip.sex) == (BORN, 2016, 4, Sex.FEMALE)

    def test_spaces_as_printed_on_a_decree_are_ignored(self) -> None:
        assert Nip.parse("19920517 201604 2 007").digits == "199205172016042007"

    def test_an_ni_pppk_reads_back_birth_date_tmt_year_and_sex_but_no_month(self) -> None:
        nip = Nip.parse(ni_pppk_for(BORN, date(2024, 3, 1), Sex.MALE, 1, contract=3),
                        is_pppk=True)

        assert nip.digits == "199205172024231001"
        assert (nip.birth_on, nip.tmt_year, nip.tmt_month, nip.sex) == (BORN, 2024, None, Sex.MALE)

    @pytest.mark.parametrize(
        ("text", "is_pppk"),
        [
            pytest.param("19920517201604200", False, id="17 digits"),
            pytest.param("1992051720160420071", False, id="19 digits"),
            pytest.param("19920517201604200A", False, id="a letter"),
            pytest.param("199202302016042007", False, id="30 February"),
            pytest.param("199205172016043007", False, id="sex digit 3"),
            pytest.param("199205172016132007", False, id="TMT month 13"),
            pytest.param("199205172016002007", False, id="TMT month 00"),
            pytest.param("199205172024111001", True, id="PPPK digit 13 is not 2"),
            pytest.param("199205172024201001", True, id="PPPK contract digit 0"),
        ],
    )
    def test_a_malformed_number_is_refused(self, text: str, is_pppk: bool) -> None:
        with refused() as excinfo:
            Nip.parse(text, is_pppk=is_pppk)
        assert excinfo.value.code == "NIP_FORMAT"
        assert excinfo.value.field == "nip"

    def test_a_nip_matching_the_person_passes_the_consistency_check(self) -> None:
        Nip.parse(nip_for(BORN, TMT, Sex.MALE)).check_consistent(
            birth_on=BORN, sex=Sex.MALE, appointed_on=TMT)

    def test_a_nip_with_another_birth_date_is_inconsistent(self) -> None:
        with refused() as excinfo:
            Nip.parse(nip_for(BORN, TMT, Sex.MALE)).check_consistent(
                birth_on=date(1992, 5, 18), sex=Sex.MALE, appointed_on=TMT)
        assert excinfo.value.code == "NIP_BIRTH_DATE_MISMATCH"

    def test_a_nip_with_the_other_sex_digit_is_inconsistent(self) -> None:
        with refused() as excinfo:
            Nip.parse(nip_for(BORN, TMT, Sex.MALE)).check_consistent(
                birth_on=BORN, sex=Sex.FEMALE, appointed_on=TMT)
        assert excinfo.value.code == "NIP_SEX_MISMATCH"

    @pytest.mark.parametrize("appointed_on", [date(2016, 5, 1), date(2017, 4, 1)],
                             ids=["another month", "another year"])
    def test_a_nip_with_another_tmt_is_inconsistent(self, appointed_on: date) -> None:
        with refused() as excinfo:
            Nip.parse(nip_for(BORN, TMT, Sex.MALE)).check_consistent(
                birth_on=BORN, sex=Sex.MALE, appointed_on=appointed_on)
        assert excinfo.value.code == "NIP_TMT_MISMATCH"

    def test_an_ni_pppk_only_has_to_match_the_tmt_year(self) -> None:
        nip = Nip.parse(ni_pppk_for(BORN, date(2024, 3, 1), Sex.MALE), is_pppk=True)

        nip.check_consistent(birth_on=BORN, sex=Sex.MALE, appointed_on=date(2024, 11, 1))
        with refused() as excinfo:
            nip.check_consistent(birth_on=BORN, sex=Sex.MALE, appointed_on=date(2025, 1, 1))
        assert excinfo.value.code == "NIP_TMT_MISMATCH"


class TestGrade:
    def test_there_are_seventeen_pns_and_seventeen_pppk_grades(self) -> None:
        assert len(PNS_GRADES) == 17
        assert len(PPPK_GRADES) == 17

    def test_pns_grades_are_ordered_from_i_a_to_iv_e(self) -> None:
        grades = [Grade(code) for code, _ in PNS_GRADES]

        assert grades == sorted(grades)
        assert Grade("II/d") < Grade("III/a") <= Grade("III/a") < Grade("IV/e")
        assert Grade("IV/a") > Grade("III/d")

    def test_the_next_grade_is_one_step_up_and_none_at_the_top(self) -> None:
        assert Grade("II/d").next() == Grade("III/a")
        assert Grade("III/a").next() == Grade("III/b")
        assert Grade("IV/e").next() is None

    def test_a_pppk_grade_has_no_next_grade(self) -> None:
        assert Grade("IX").next() is None

    @pytest.mark.parametrize(
        ("code", "title"),
        [("I/a", "Juru Muda"), ("II/b", "Pengatur Muda Tingkat I"), ("III/a", "Penata Muda"),
         ("III/d", "Penata Tingkat I"), ("IV/a", "Pembina"), ("IV/e", "Pembina Utama"),
         ("IX", "Golongan PPPK")],
    )
    def test_each_grade_carries_its_pangkat_title(self, code: str, title: str) -> None:
        assert Grade(code).title == title

    @pytest.mark.parametrize(("code", "group"),
                             [("I/d", "I"), ("II/a", "II"), ("III/c", "III"), ("IV/e", "IV"),
                              ("XVII", "PPPK")])
    def test_the_group_is_the_roman_part_or_pppk(self, code: str, group: str) -> None:
        assert Grade(code).group == group

    def test_pns_and_pppk_grades_do_not_compare(self) -> None:
        assert Grade("III/a").comparable(Grade("IV/e"))
        assert not Grade("III/a").comparable(Grade("IX"))
        assert Grade("IX").is_pppk and not Grade("III/a").is_pppk

    def test_an_unknown_grade_is_refused(self) -> None:
        with refused() as excinfo:
            Grade("III/e")
        assert excinfo.value.code == "GRADE_UNKNOWN"
        assert "III/e" in excinfo.value.message("id")

    def test_a_grade_prints_as_its_code(self) -> None:
        assert str(Grade("III/b")) == "III/b"


class TestGradeRange:
    def test_a_range_admits_its_bounds_and_what_lies_between(self) -> None:
        grades = GradeRange(Grade("III/b"), Grade("III/d"))

        assert [grades.admits(Grade(c)) for c in ("III/a", "III/b", "III/c", "III/d", "IV/a")] == [
            False, True, True, True, False]
        assert str(grades) == "III/b–III/d"

    def test_a_pns_range_does_not_admit_a_pppk_grade(self) -> None:
        # PPPK "III" has the same index as PNS "I/c"; comparability keeps them apart.
        assert not GradeRange(Grade("I/a"), Grade("IV/e")).admits(Grade("III"))

    @pytest.mark.parametrize(("lowest", "highest"), [("III/d", "III/b"), ("III/a", "IX")],
                             ids=["upside down", "mixed kinds"])
    def test_an_invalid_range_is_refused(self, lowest: str, highest: str) -> None:
        with refused() as excinfo:
            GradeRange(Grade(lowest), Grade(highest))
        assert excinfo.value.code == "GRADE_RANGE_INVALID"


# PermenPANRB 6/2022 (domain-rules §1.6): rows are work results, columns behaviour.
_A, _S, _B = Expectation.ABOVE, Expectation.AS_EXPECTED, Expectation.BELOW
SKP_TABLE = [
    (_A, _B, Rating.KURANG), (_A, _S, Rating.BAIK), (_A, _A, Rating.SANGAT_BAIK),
    (_S, _B, Rating.KURANG), (_S, _S, Rating.BAIK), (_S, _A, Rating.BAIK),
    (_B, _B, Rating.SANGAT_KURANG), (_B, _S, Rating.BUTUH_PERBAIKAN),
    (_B, _A, Rating.BUTUH_PERBAIKAN),
]


class TestRating:
    @pytest.mark.parametrize(("work_result", "behaviour", "rating"), SKP_TABLE,
                             ids=[f"{w.name}-{b.name}" for w, b, _ in SKP_TABLE])
    def test_the_skp_matrix_gives_the_regulation_rating(
            self, work_result: Expectation, behaviour: Expectation, rating: Rating) -> None:
        assert Rating.from_matrix(work_result, behaviour) is rating

    def test_the_table_covers_all_nine_cells(self) -> None:
        assert len({(w, b) for w, b, _ in SKP_TABLE}) == 9

    def test_only_sangat_baik_and_baik_count_as_good(self) -> None:
        assert [r for r in Rating if r.is_at_least_good] == [Rating.SANGAT_BAIK, Rating.BAIK]


class TestJpHours:
    @pytest.mark.parametrize("value", [0.5, 1, 20, 37.5, 1000])
    def test_whole_and_half_hours_up_to_a_thousand_are_accepted(self, value: float) -> None:
        assert JpHours(value).value == value

    @pytest.mark.parametrize("value", [0, -2, 0.25, 1000.5])
    def test_zero_quarter_hours_and_more_than_a_thousand_are_refused(self, value: float) -> None:
        with refused() as excinfo:
            JpHours(value)
        assert excinfo.value.code == "TRAINING_HOURS_INVALID"
        assert "1000" in excinfo.value.message("en")


class TestLegalBasis:
    def test_a_decree_number_with_its_date_is_accepted(self) -> None:
        basis = LegalBasis("823/017/BKPSDM/2020", date(2020, 3, 2))

        assert (basis.number, basis.signed_on) == ("823/017/BKPSDM/2020", date(2020, 3, 2))

    @pytest.mark.parametrize("number", ["", "   ", "8" * 121], ids=["empty", "blank", "too long"])
    def test_a_missing_or_overlong_decree_number_is_refused(self, number: str) -> None:
        with refused() as excinfo:
            LegalBasis(number, date(2020, 3, 2))
        assert excinfo.value.code == "LEGAL_BASIS_INVALID"


class TestActor:
    def test_an_actor_needs_a_user_id(self) -> None:
        assert Actor("petugas", Role.HR_OFFICER).role is Role.HR_OFFICER
        with refused() as excinfo:
            Actor("", Role.HR_OFFICER)
        assert excinfo.value.code == "ACTOR_REQUIRED"


class TestPenaltyType:
    @pytest.mark.parametrize(
        ("penalty", "level"),
        [
            (PenaltyType.ORAL_REPRIMAND, PenaltyLevel.LIGHT),
            (PenaltyType.WRITTEN_REPRIMAND, PenaltyLevel.LIGHT),
            (PenaltyType.STATEMENT_OF_DISSATISFACTION, PenaltyLevel.LIGHT),
            (PenaltyType.ALLOWANCE_CUT_6_MONTHS, PenaltyLevel.MEDIUM),
            (PenaltyType.ALLOWANCE_CUT_9_MONTHS, PenaltyLevel.MEDIUM),
            (PenaltyType.ALLOWANCE_CUT_12_MONTHS, PenaltyLevel.MEDIUM),
            (PenaltyType.DEMOTION_12_MONTHS, PenaltyLevel.HEAVY),
            (PenaltyType.MOVED_TO_PELAKSANA_12_MONTHS, PenaltyLevel.HEAVY),
            (PenaltyType.DISCHARGE_NOT_AT_OWN_REQUEST, PenaltyLevel.HEAVY),
        ],
    )
    def test_each_penalty_belongs_to_its_pp_94_level(self, penalty: PenaltyType,
                                                     level: PenaltyLevel) -> None:
        assert penalty.level is level

    def test_every_penalty_type_is_listed_above(self) -> None:
        assert len(PenaltyType) == 9


class TestPositionType:
    def test_positions_fall_into_the_statistics_groups(self) -> None:
        groups = {t: t.group for t in PositionType}

        assert groups[PositionType.JPT_PRATAMA] == "jpt"
        assert groups[PositionType.AHLI_PERTAMA] == "fungsional"
        assert groups[PositionType.PENYELIA] == "fungsional"
        assert groups[PositionType.ADMINISTRATOR] == "administrator"
        assert groups[PositionType.PELAKSANA] == "pelaksana"
        assert not PositionType.PENGAWAS.is_functional and not PositionType.PENGAWAS.is_jpt
