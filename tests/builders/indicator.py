"""Builders of monitoring indicators: one defined for a policy, with targets and actuals."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.indicator import COMPUTED_MEASURES, Direction, IndicatorKind, MeasureUnit
from domain.personnel_service import PersonnelService
from tests.builders.voice import HR_ADMIN, on_day

POLICY = "Peraturan Wali Kota tentang pengembangan kompetensi pegawai"


def indicator(service: PersonnelService, government_id: UUID, on: date, *,
              kind: IndicatorKind = IndicatorKind.MANUAL,
              name: str = "Pegawai yang memenuhi 20 JP (%)",
              consultation_id: UUID | None = None, policy_title: str | None = POLICY) -> UUID:
    """An indicator defined on `on` (a computed kind takes its fixed measure)."""
    measure, direction = COMPUTED_MEASURES.get(kind, (MeasureUnit.PERCENT, Direction.UP))
    with on_day(on):
        return service.indicators.define_indicator(
            government_id=government_id, kind=kind, name=name, measure=measure,
            direction=direction, consultation_id=consultation_id, policy_title=policy_title,
            actor=HR_ADMIN)
