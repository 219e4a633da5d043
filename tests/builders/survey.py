"""Builders of satisfaction surveys: a unit's running period with codes, and responses."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.personnel_service import PersonnelService
from tests.builders.voice import HR_ADMIN

ALL_GOOD = [3] * 9


def survey_period(service: PersonnelService, unit_id: UUID, *, starts_on: date,
                  ends_on: date, population: int = 300) -> UUID:
    return service.survey.open_period(unit_id=unit_id, starts_on=starts_on, ends_on=ends_on,
                                      population=population, actor=HR_ADMIN)
