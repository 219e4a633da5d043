"""Commands of satisfaction surveys (`service.survey`): open a unit's period, issue one-time
codes in batches, record responses (with a code or in the open mode), close the period."""

from __future__ import annotations

import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain import clock
from domain.application import RekamApplication, command
from domain.errors import ConcurrencyConflictError, DomainError
from domain.survey import (
    AgeBand,
    EducationBand,
    OccupationBand,
    Sex,
    SurveyPeriod,
    check_no_overlap,
    code_hash,
    survey_period_id,
)
from domain.values import Actor
from domain.voice_service import CITIZEN, VoiceService

# Without 0/O, 1/I/L, as the complaint codes: a code copied by hand survives.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RESPONSE_ATTEMPTS = 3
CODE_LENGTH = 10  # 31^10 ≈ 8×10^14: guessing one of a few thousand live codes is hopeless


@dataclass(frozen=True)
class Demographics:
    """What a respondent may tell of themselves, each optional and coarse."""

    sex: Sex | None = None
    age: AgeBand | None = None
    education: EducationBand | None = None
    occupation: OccupationBand | None = None


def new_code() -> str:
    """A one-time survey code as printed: XXXXX-XXXXX."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


class SurveyService:
    """Survey periods of the service units, recorded in the application's store."""

    def __init__(self, app: RekamApplication, voice: VoiceService) -> None:
        self.app, self.voice = app, voice

    def get_period(self, period_id: UUID) -> SurveyPeriod:
        return self.app.load(period_id, SurveyPeriod, "Periode survei")

    def _staff(self, period_id: UUID, version: int | None) -> SurveyPeriod:
        period = self.get_period(period_id)
        if version is not None and period.version != version:
            raise ConcurrencyConflictError(current=period.version, expected=version)
        return period

    @command
    def open_period(self, *, unit_id: UUID, starts_on: date, ends_on: date, population: int,
                    actor: Actor, effective_on: date | None = None,
                    other_periods: Collection[tuple[date, date]] = ()) -> UUID:
        """Periode SKM: refused when a period of the unit starts that day, or when it shares a
        day with one of `other_periods` (the first and last days of the unit's periods, as the
        caller's survey view knows them: projections/views/survey.py `periods_of_unit`).

        The unit's periods are passed in rather than recorded on the ServiceUnit aggregate:
        the periods stored so far are known only by their own `Opened` events, so a unit
        that started listing them now would miss every earlier one. As with a correction
        request's `waiting_fields`, two periods opened in the same instant can both pass."""
        unit = self.voice.get_unit(unit_id)
        if survey_period_id(unit_id, starts_on) in self.app.repository:
            raise DomainError("SURVEY_PERIOD_TAKEN", field="starts_on")
        period = SurveyPeriod.open(government_id=unit.government_id, agency_id=unit.agency_id,
                                   unit_id=unit_id, starts_on=starts_on, ends_on=ends_on,
                                   population=population,
                                   effective_on=effective_on or clock.now().date(), actor=actor)
        check_no_overlap(starts_on, ends_on, other_periods)  # on dates already found valid
        self.app.record(period)
        return period.id

    @command
    def issue_codes(self, period_id: UUID, *, count: int, actor: Actor,
                    version: int | None = None) -> list[str]:
        """A batch of `count` new codes, returned once for printing (only hashes are kept)."""
        period = self._staff(period_id, version)
        codes = [new_code() for _ in range(max(0, min(count, 10_000)))]
        period.issue_codes(code_hashes=[code_hash(c) for c in codes],
                           effective_on=clock.now().date(), actor=actor)
        self.app.record(period)
        return codes

    def respond(self, period_id: UUID, *, scores: list[int], code: str | None,
                demographics: Demographics = Demographics(),
                actor: Actor = CITIZEN) -> None:
        """One citizen's answers; `code` None is the open mode.

        Every response of a period goes to the one aggregate, so two citizens answering at
        once race for its next version. The loser is tried again on the period as it now
        stands (its code checked again): a citizen cannot reload a form as staff do."""
        for attempt in range(RESPONSE_ATTEMPTS):
            try:
                self._respond(period_id, scores=scores, code=code, demographics=demographics,
                              actor=actor)
                return
            except ConcurrencyConflictError:
                if attempt == RESPONSE_ATTEMPTS - 1:
                    raise

    @command
    def _respond(self, period_id: UUID, *, scores: list[int], code: str | None,
                 demographics: Demographics, actor: Actor) -> None:
        period = self.get_period(period_id)
        period.respond(scores=scores, code=code, sex=demographics.sex, age=demographics.age,
                       education=demographics.education, occupation=demographics.occupation,
                       effective_on=clock.now().date(), actor=actor)
        self.app.record(period)

    @command
    def close_period(self, period_id: UUID, *, actor: Actor, version: int | None = None,
                     effective_on: date | None = None) -> None:
        period = self._staff(period_id, version)
        period.close(effective_on=effective_on or clock.now().date(), actor=actor)
        self.app.record(period)
