"""Governments, agencies with units, and positions with their single holder."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain.organisation import Position
from domain.personnel_service import PersonnelService
from domain.values import Grade, GradeRange, PositionType
from tests.builders.personnel import ESTABLISHED_ON, OFFICER, Organisation, refused


class TestGovernmentAndAgency:
    def test_codes_are_stored_in_lower_case_and_names_tidied(self,
                                                             service: PersonnelService) -> None:
        government_id = service.establish_government(
            code="Kota-Bandung.1", name="  Pemerintah  Kota Bandung ", province="Jawa Barat",
            effective_on=ESTABLISHED_ON, actor=OFFICER)

        government = service.get_government(government_id)
        assert (government.code, government.name) == ("kota-bandung.1", "Pemerintah Kota Bandung")

    @pytest.mark.parametrize("code", ["", "kota bandung", "kota/bandung", "k" * 41],
                             ids=["empty", "space", "slash", "too long"])
    def test_a_code_with_other_characters_is_refused(self, service: PersonnelService,
                                                     code: str) -> None:
        with refused(service) as excinfo:
            service.establish_government(code=code, name="Pemerintah Kota", province="Jawa Barat",
                                         effective_on=ESTABLISHED_ON, actor=OFFICER)
        assert excinfo.value.code == "CODE_INVALID"

    @pytest.mark.parametrize(("name", "province", "field"),
                             [(" ", "Jawa Barat", "name"), ("Pemerintah Kota", "", "province"),
                              ("P" * 201, "Jawa Barat", "name")])
    def test_a_missing_or_overlong_name_is_refused(self, service: PersonnelService, name: str,
                                                   province: str, field: str) -> None:
        with refused(service) as excinfo:
            service.establish_government(code="kota", name=name, province=province,
                                         effective_on=ESTABLISHED_ON, actor=OFFICER)
        assert excinfo.value.code == "NAME_INVALID"
        assert excinfo.value.field == field

    def test_an_agency_of_an_unknown_government_is_refused(self,
                                                           service: PersonnelService) -> None:
        with refused(service) as excinfo:
            service.establish_agency(government_id=uuid4(), code="dinas", name="Dinas",
                                     effective_on=ESTABLISHED_ON, actor=OFFICER)
        assert excinfo.value.code == "NOT_FOUND"

    def test_an_agency_lists_its_units(self, org: Organisation,
                                       service: PersonnelService) -> None:
        agency = service.get_agency(org.agency_id)

        assert agency.government_id == org.government_id
        assert {u.code for u in agency.units.values()} == {"sekretariat", "mutasi"}

    def test_a_unit_code_used_in_the_agency_is_refused(self, org: Organisation,
                                                       service: PersonnelService) -> None:
        with refused(service) as excinfo:
            service.add_unit(agency_id=org.agency_id, code="MUTASI", name="Bidang Lain",
                             effective_on=date(2020, 1, 1), actor=OFFICER)
        assert excinfo.value.code == "UNIT_CODE_TAKEN"
        assert "mutasi" in excinfo.value.message("id")

    def test_the_same_unit_code_in_another_agency_is_accepted(self, org: Organisation,
                                                              service: PersonnelService) -> None:
        unit_id = service.add_unit(agency_id=org.health_agency_id, code="mutasi",
                                   name="Subbagian Mutasi", effective_on=date(2020, 1, 1),
                                   actor=OFFICER)

        assert unit_id in service.get_agency(org.health_agency_id).units

    def test_asking_for_an_employee_as_an_agency_is_refused(self, org: Organisation,
                                                            service: PersonnelService) -> None:
        employee_id = org.appoint_cpns()

        with refused(service) as excinfo:
            service.get_agency(employee_id)
        assert excinfo.value.code == "NOT_FOUND"


class TestPosition:
    def test_a_new_position_is_vacant_with_the_retirement_age_of_its_type(
            self, org: Organisation, service: PersonnelService) -> None:
        position = service.get_position(org.establish_position(PositionType.JPT_PRATAMA))

        assert position.holder_id is None
        assert position.retirement_age == 60
        assert (position.government_id, position.agency_id) == (org.government_id,
                                                                 org.agency_id)

    def test_a_position_in_a_unit_of_another_agency_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        with refused(service) as excinfo:
            org.establish_position(PositionType.PELAKSANA, agency_id=org.agency_id,
                                   unit_id=org.health_unit_id)
        assert excinfo.value.code == "UNIT_NOT_IN_AGENCY"

    def test_a_position_with_an_upside_down_grade_range_is_refused(
            self, org: Organisation, service: PersonnelService) -> None:
        with refused(service) as excinfo:
            service.establish_position(
                agency_id=org.agency_id, unit_id=org.division_id, title="Kepala Subbidang",
                position_type=PositionType.PENGAWAS, lowest=Grade("III/d"),
                highest=Grade("III/b"), effective_on=ESTABLISHED_ON, actor=OFFICER)
        assert excinfo.value.code == "GRADE_RANGE_INVALID"

    def test_a_position_without_a_title_is_refused(self, org: Organisation,
                                                   service: PersonnelService) -> None:
        with refused(service) as excinfo:
            service.establish_position(
                agency_id=org.agency_id, unit_id=org.division_id, title="",
                position_type=PositionType.PENGAWAS, lowest=Grade("III/b"),
                highest=Grade("III/d"), effective_on=ESTABLISHED_ON, actor=OFFICER)
        assert excinfo.value.code == "NAME_INVALID"
        assert excinfo.value.field == "title"


class TestPositionHolder:
    """The position's own guards, which the service relies on to keep one holder per post."""

    @pytest.fixture
    def position(self, org: Organisation) -> Position:
        agency = org.service.get_agency(org.agency_id)
        return Position.establish(agency=agency, unit_id=org.division_id, title="Analis",
                                  position_type=PositionType.AHLI_PERTAMA,
                                  grade_range=GradeRange(Grade("III/a"), Grade("III/b")),
                                  effective_on=ESTABLISHED_ON, actor=OFFICER)

    def test_a_vacant_position_is_filled_and_vacated_by_its_holder(self,
                                                                   position: Position) -> None:
        holder = uuid4()

        position.fill(employee_id=holder, effective_on=date(2020, 1, 1), actor=OFFICER,
                      legal_basis=None)
        assert (position.holder_id, position.holder_since) == (holder, date(2020, 1, 1))
        position.vacate(employee_id=holder, effective_on=date(2021, 1, 1), actor=OFFICER,
                        legal_basis=None)
        assert position.holder_id is None

    def test_filling_a_position_someone_else_holds_is_refused(self, position: Position) -> None:
        position.fill(employee_id=uuid4(), effective_on=date(2020, 1, 1), actor=OFFICER,
                      legal_basis=None)

        with refused() as excinfo:
            position.fill(employee_id=uuid4(), effective_on=date(2020, 2, 1), actor=OFFICER,
                          legal_basis=None)
        assert excinfo.value.code == "POSITION_OCCUPIED"
        assert "Analis" in excinfo.value.message("en")

    def test_filling_a_position_twice_for_the_same_holder_is_refused(self,
                                                                     position: Position) -> None:
        holder = uuid4()
        position.fill(employee_id=holder, effective_on=date(2020, 1, 1), actor=OFFICER,
                      legal_basis=None)

        with refused() as excinfo:
            position.fill(employee_id=holder, effective_on=date(2020, 2, 1), actor=OFFICER,
                          legal_basis=None)
        assert excinfo.value.code == "POSITION_ALREADY_HELD"

    def test_vacating_for_someone_who_does_not_hold_it_is_refused(self,
                                                                  position: Position) -> None:
        position.fill(employee_id=uuid4(), effective_on=date(2020, 1, 1), actor=OFFICER,
                      legal_basis=None)

        with refused() as excinfo:
            position.vacate(employee_id=uuid4(), effective_on=date(2020, 2, 1), actor=OFFICER,
                            legal_basis=None)
        assert excinfo.value.code == "POSITION_NOT_HELD"
