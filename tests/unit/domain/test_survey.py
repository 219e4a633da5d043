"""Satisfaction survey periods through `service.survey`: opening, one-time codes, coded and
open responses, closing, each accepted and refused."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from domain.errors import DomainError
from domain.personnel_service import PersonnelService
from domain.survey import AgeBand, Sex, code_hash
from domain.survey_service import Demographics
from tests.builders.personnel import Organisation, refused
from tests.builders.survey import ALL_GOOD, survey_period
from tests.builders.voice import HR_ADMIN, on_day, service_unit

START, END = date(2026, 1, 1), date(2026, 12, 31)


@pytest.fixture
def period(org: Organisation) -> UUID:
    with on_day(date(2026, 1, 5)):
        unit_id, _ = service_unit(org.service, org.health_agency_id)
        return survey_period(org.service, unit_id, starts_on=START, ends_on=END)


class TestOpening:
    def test_a_period_keeps_its_dates_population_and_element_set(
            self, service: PersonnelService, period: UUID) -> None:
        found = service.survey.get_period(period)
        assert (found.starts_on, found.ends_on, found.population) == (START, END, 300)
        assert found.element_set == "14/2017" and not found.is_closed

    def test_refusals(self, org: Organisation, period: UUID) -> None:
        service = org.service
        unit_id = service.survey.get_period(period).unit_id
        with on_day(date(2026, 1, 5)):
            with refused(service) as excinfo:
                survey_period(service, unit_id, starts_on=START, ends_on=END)
            assert excinfo.value.code == "SURVEY_PERIOD_TAKEN"
            with refused(service) as excinfo:
                survey_period(service, unit_id, starts_on=date(2026, 2, 1),
                              ends_on=date(2027, 2, 1))
            assert excinfo.value.code == "SURVEY_PERIOD_DATES_INVALID"
            with refused(service) as excinfo:
                survey_period(service, unit_id, starts_on=date(2026, 2, 1),
                              ends_on=date(2026, 1, 31))
            assert excinfo.value.code == "SURVEY_PERIOD_DATES_INVALID"
            with refused(service) as excinfo:
                survey_period(service, unit_id, starts_on=date(2026, 2, 1),
                              ends_on=date(2026, 3, 1), population=0)
            assert excinfo.value.code == "SURVEY_POPULATION_INVALID"


class TestOverlap:
    """A unit's periods share no day: the caller passes the unit's periods from its view."""

    def _open(self, service: PersonnelService, unit_id: UUID, starts_on: date, ends_on: date
              ) -> UUID:
        return service.survey.open_period(unit_id=unit_id, starts_on=starts_on,
                                          ends_on=ends_on, population=300, actor=HR_ADMIN,
                                          other_periods=[(START, END)])

    @pytest.mark.parametrize(("starts_on", "ends_on", "field"), [
        (date(2026, 12, 31), date(2027, 6, 30), "starts_on"),  # starts on the last day
        (date(2026, 7, 1), date(2027, 3, 31), "starts_on"),  # starts inside
        (date(2025, 6, 1), date(2026, 1, 1), "ends_on"),  # ends on the first day
        (date(2026, 2, 1), date(2026, 3, 31), "starts_on"),  # lies inside
    ])
    def test_a_period_sharing_a_day_with_another_is_refused_at_the_date_inside_it(
            self, org: Organisation, period: UUID, starts_on: date, ends_on: date,
            field: str) -> None:
        unit_id = org.service.survey.get_period(period).unit_id
        with on_day(date(2026, 1, 5)), refused(org.service) as excinfo:
            self._open(org.service, unit_id, starts_on, ends_on)
        assert excinfo.value.code == "SURVEY_PERIOD_OVERLAPS"
        assert excinfo.value.field == field
        assert excinfo.value.params == {"starts_on": "2026-01-01", "ends_on": "2026-12-31"}

    def test_a_period_enclosing_another_is_refused_at_its_last_day(
            self, org: Organisation) -> None:
        with on_day(date(2026, 1, 5)):
            unit_id, _ = service_unit(org.service, org.health_agency_id)
            with refused(org.service) as excinfo:
                org.service.survey.open_period(
                    unit_id=unit_id, starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 1),
                    population=300, actor=HR_ADMIN,
                    other_periods=[(date(2026, 3, 1), date(2026, 3, 31))])
        assert excinfo.value.code == "SURVEY_PERIOD_OVERLAPS"
        assert excinfo.value.field == "ends_on"

    def test_the_next_day_after_a_period_starts_the_next_one(
            self, org: Organisation, period: UUID) -> None:
        unit_id = org.service.survey.get_period(period).unit_id
        with on_day(date(2026, 1, 5)):
            following = self._open(org.service, unit_id, date(2027, 1, 1), date(2027, 12, 31))
            earlier = self._open(org.service, unit_id, date(2025, 1, 1), date(2025, 12, 31))
        assert org.service.survey.get_period(following).starts_on == date(2027, 1, 1)
        assert org.service.survey.get_period(earlier).ends_on == date(2025, 12, 31)

    def test_invalid_dates_are_refused_as_such_before_any_overlap(
            self, org: Organisation, period: UUID) -> None:
        unit_id = org.service.survey.get_period(period).unit_id
        with on_day(date(2026, 1, 5)), refused(org.service) as excinfo:
            self._open(org.service, unit_id, date(2026, 3, 1), date(2026, 2, 1))
        assert excinfo.value.code == "SURVEY_PERIOD_DATES_INVALID"


class TestCodes:
    def test_only_the_hashes_of_issued_codes_are_stored(
            self, service: PersonnelService, period: UUID) -> None:
        with on_day(date(2026, 2, 2)):
            codes = service.survey.issue_codes(period, count=3, actor=HR_ADMIN)
        assert len(set(codes)) == 3 and all(len(c) == 11 and c[5] == "-" for c in codes)
        found = service.survey.get_period(period)
        assert found.unspent == {code_hash(c) for c in codes} and found.codes_issued == 3
        stored = b"".join(n.state for n in service.recorder.select_notifications(1, 10_000))
        assert not any(c.replace("-", "").encode() in stored for c in codes)

    def test_a_code_answers_once_and_a_second_use_is_refused(
            self, service: PersonnelService, period: UUID) -> None:
        with on_day(date(2026, 2, 2)):
            (code,) = service.survey.issue_codes(period, count=1, actor=HR_ADMIN)
            service.survey.respond(period, scores=ALL_GOOD, code=code.lower().replace("-", ""))
            with refused(service) as excinfo:
                service.survey.respond(period, scores=ALL_GOOD, code=code)
            assert excinfo.value.code == "SURVEY_CODE_SPENT"
        found = service.survey.get_period(period)
        assert (found.coded_responses, found.open_responses) == (1, 0)

    def test_a_code_never_issued_is_refused(self, service: PersonnelService,
                                            period: UUID) -> None:
        with on_day(date(2026, 2, 2)), refused(service) as excinfo:
            service.survey.respond(period, scores=ALL_GOOD, code="ABCDE-FGHJK")
        assert excinfo.value.code == "SURVEY_CODE_UNKNOWN"

    def test_batches_are_bounded(self, service: PersonnelService, period: UUID) -> None:
        with on_day(date(2026, 2, 2)):
            for count in (0, 501):
                with refused(service) as excinfo:
                    service.survey.issue_codes(period, count=count, actor=HR_ADMIN)
                assert excinfo.value.code == "SURVEY_BATCH_SIZE_INVALID"


class TestResponses:
    def test_the_open_mode_is_counted_apart(self, service: PersonnelService,
                                           period: UUID) -> None:
        with on_day(date(2026, 3, 3)):
            service.survey.respond(period, scores=[4] * 9, code=None,
                                   demographics=Demographics(sex=Sex.FEMALE,
                                                             age=AgeBand.FROM_25_TO_39))
        found = service.survey.get_period(period)
        assert (found.coded_responses, found.open_responses) == (0, 1)

    @pytest.mark.parametrize("scores", [[3] * 8, [3] * 10, [0] + [3] * 8, [5] + [3] * 8])
    def test_every_element_needs_a_score_from_1_to_4(
            self, service: PersonnelService, period: UUID, scores: list[int]) -> None:
        with on_day(date(2026, 3, 3)), refused(service) as excinfo:
            service.survey.respond(period, scores=scores, code=None)
        assert excinfo.value.code == "SURVEY_SCORES_INVALID"

    def test_no_response_outside_the_period_or_after_closing(
            self, service: PersonnelService, period: UUID) -> None:
        with on_day(date(2027, 1, 1)), refused(service) as excinfo:
            service.survey.respond(period, scores=ALL_GOOD, code=None)
        assert excinfo.value.code == "SURVEY_OUTSIDE_PERIOD"
        with on_day(date(2026, 6, 1)):
            service.survey.close_period(period, actor=HR_ADMIN)
            with refused(service) as excinfo:
                service.survey.respond(period, scores=ALL_GOOD, code=None)
            assert excinfo.value.code == "SURVEY_PERIOD_CLOSED"
            with refused(service) as excinfo:
                service.survey.close_period(period, actor=HR_ADMIN)
            assert excinfo.value.code == "SURVEY_PERIOD_CLOSED"
            with refused(service) as excinfo:
                service.survey.issue_codes(period, count=1, actor=HR_ADMIN)
            assert excinfo.value.code == "SURVEY_PERIOD_CLOSED"

    def test_a_stale_version_is_a_conflict(self, service: PersonnelService,
                                           period: UUID) -> None:
        with on_day(date(2026, 3, 3)), refused(service) as excinfo:
            service.survey.close_period(period, actor=HR_ADMIN, version=99)
        assert excinfo.value.code == "CONCURRENT_CHANGE"


class TestDuplicateCodes:
    def test_a_batch_repeating_an_issued_code_is_refused(
            self, service: PersonnelService, period: UUID) -> None:
        # The service draws fresh random codes; the aggregate still refuses a repeat, which
        # would let one printed code answer twice.
        with on_day(date(2026, 2, 2)):
            found = service.survey.get_period(period)
            found.issue_codes(code_hashes=[code_hash("AAAAA-BBBBB")],
                              effective_on=date(2026, 2, 2), actor=HR_ADMIN)
            with pytest.raises(DomainError) as excinfo:
                found.issue_codes(code_hashes=[code_hash("aaaaabbbbb")],
                                  effective_on=date(2026, 2, 2), actor=HR_ADMIN)
            assert excinfo.value.code == "SURVEY_CODE_DUPLICATE"
