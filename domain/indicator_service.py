"""Commands of monitoring and evaluation indicators (`service.indicators`): defining one for a
policy, its yearly targets, its monthly actuals and their corrections."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain import clock
from domain.application import RekamApplication, command
from domain.consultation import Consultation
from domain.errors import ConcurrencyConflictError, DomainError, Refusals
from domain.indicator import Direction, Indicator, IndicatorKind, MeasureUnit
from domain.organisation import Government
from domain.values import Actor


class IndicatorService:
    """Indicators of the governments' policies, recorded in the application's store."""

    def __init__(self, app: RekamApplication) -> None:
        self.app = app

    def get(self, indicator_id: UUID) -> Indicator:
        return self.app.load(indicator_id, Indicator, "Indikator")

    def _staff(self, indicator_id: UUID, version: int | None) -> Indicator:
        found = self.get(indicator_id)
        if version is not None and found.version != version:
            raise ConcurrencyConflictError(current=found.version, expected=version)
        return found

    @command
    def define_indicator(self, *, government_id: UUID, kind: IndicatorKind, name: str,
                         measure: MeasureUnit, direction: Direction,
                         consultation_id: UUID | None, policy_title: str | None,
                         actor: Actor) -> UUID:
        """An indicator of the government, measuring the policy of a consultation or one
        named by its title."""
        self.app.load(government_id, Government, "Pemerintah daerah")
        found = Refusals()
        if consultation_id is not None:
            with found.collecting():
                consultation = self.app.load(consultation_id, Consultation,
                                             "Konsultasi publik")
                if consultation.government_id != government_id:
                    raise DomainError("INDICATOR_CONSULTATION_OUTSIDE_GOVERNMENT",
                                      field="consultation_id")
        with found.collecting():
            indicator = Indicator.define(
                government_id=government_id, kind=kind, name=name, measure=measure,
                direction=direction, consultation_id=consultation_id,
                policy_title=policy_title, today=clock.now().date(), actor=actor)
        found.raise_any()
        self.app.record(indicator)
        return indicator.id

    @command
    def set_target(self, indicator_id: UUID, *, year: int, value: float, actor: Actor,
                   version: int | None = None) -> None:
        indicator = self._staff(indicator_id, version)
        indicator.set_target(year=year, value=value, today=clock.now().date(), actor=actor)
        self.app.record(indicator)

    @command
    def record_actual(self, indicator_id: UUID, *, month: date, value: float,
                      base: int | None, actor: Actor, is_computed: bool = False,
                      version: int | None = None) -> None:
        """A month's actual, entered by hand or (is_computed) by the worker's job."""
        indicator = self._staff(indicator_id, version)
        indicator.record_actual(month=month, value=value, base=base, is_computed=is_computed,
                                today=clock.now().date(), actor=actor)
        self.app.record(indicator)

    @command
    def correct_actual(self, indicator_id: UUID, *, month: date, value: float,
                       base: int | None, reason: str, actor: Actor,
                       version: int | None = None) -> None:
        indicator = self._staff(indicator_id, version)
        indicator.correct_actual(month=month, value=value, base=base, reason=reason,
                                 today=clock.now().date(), actor=actor)
        self.app.record(indicator)
