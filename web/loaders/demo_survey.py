"""Demo of satisfaction surveys: every service unit gets last year's period, closed, with
enough responses to grade it, and this year's period running with some responses so far.

It draws from a random generator of its own (the personnel history of a seed stays the same)
and records under a clock of its own that moves forward through each period. Each unit has a
quality of its own, so the grades differ between units; about a fifth of the responses come
in the open mode, without a code.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar
from uuid import UUID

from domain.clock import recording_clock
from domain.ikm import ELEMENT_SET, ELEMENTS, minimum_sample
from domain.survey import AgeBand, EducationBand, OccupationBand, Sex
from domain.survey_service import Demographics
from domain.values import Actor, Role
from web.loaders.demo_world import DemoWorld

POPULATIONS = (60, 80, 100, 120, 150)  # samples of 52 to 108 respondents
# A small demo (the tests', a laptop's) is a small town: samples of 10 to 28, so its survey
# events do not outnumber its personnel history.
SMALL_DEMO, SMALL_POPULATIONS = 500, (10, 15, 20, 25, 30)
OPEN_SHARE = 0.2
Band = TypeVar("Band", Sex, AgeBand, EducationBand, OccupationBand)


def survey_periods(world: DemoWorld, rng: random.Random, units: dict[UUID, list[UUID]]
                   ) -> None:
    """Last year's closed period and this year's running one, for every unit."""
    today = world.today
    populations = SMALL_POPULATIONS if world.target < SMALL_DEMO else POPULATIONS
    for government_id, unit_ids in units.items():
        officer = Actor(f"hradmin.{world.service.get_government(government_id).code}",
                        Role.HR_ADMIN)
        for unit_id in unit_ids:
            quality = rng.uniform(0.45, 0.9)
            population = rng.choice(populations)
            last = date(today.year - 1, 1, 1)
            needed = minimum_sample(population)
            _period(world, rng, unit_id, officer, quality, population, last,
                    date(today.year - 1, 12, 31), needed + rng.randint(0, 20), closed=True)
            this = date(today.year, 1, 1)
            share = (today - this).days / 365
            _period(world, rng, unit_id, officer, quality, population, this,
                    date(today.year, 12, 31), int(needed * share * rng.uniform(0.6, 1.1)),
                    closed=False)


def _period(world: DemoWorld, rng: random.Random, unit_id: UUID, officer: Actor,
            quality: float, population: int, starts_on: date, ends_on: date, responses: int,
            closed: bool) -> None:
    survey, today = world.service.survey, world.today
    last_day = min(ends_on, today)
    clock = [datetime(starts_on.year, starts_on.month, starts_on.day, 1, tzinfo=UTC)]
    with recording_clock(lambda: clock[0]):
        period_id = survey.open_period(unit_id=unit_id, starts_on=starts_on, ends_on=ends_on,
                                       population=population, actor=officer)
        coded = sum(rng.random() >= OPEN_SHARE for _ in range(responses))
        codes: list[str] = []
        while len(codes) < coded:
            codes += survey.issue_codes(period_id, count=min(500, coded - len(codes)),
                                        actor=officer)
        span = (last_day - starts_on).days
        days = sorted(rng.randint(0, span) for _ in range(responses))
        modes = [True] * coded + [False] * (responses - coded)
        rng.shuffle(modes)
        now = datetime.now(UTC)
        for day, with_code in zip(days, modes, strict=True):
            moment = datetime.combine(starts_on + timedelta(days=day), datetime.min.time(),
                                      UTC) + timedelta(hours=8 + rng.randint(0, 7))
            if moment > now:
                break
            clock[0] = max(clock[0], moment)
            survey.respond(period_id, scores=_scores(rng, quality),
                           code=codes.pop() if with_code else None,
                           demographics=_demographics(rng))
        if closed:
            clock[0] = max(clock[0], datetime.combine(ends_on + timedelta(days=2),
                                                      datetime.min.time(), UTC))
            survey.close_period(period_id, actor=officer)


def _scores(rng: random.Random, quality: float) -> list[int]:
    """Nine scores leaning to 4 as `quality` rises (each element a little apart)."""
    return [min(4, max(1, round(1 + 3 * rng.betavariate(quality * 6, (1 - quality) * 6))))
            for _ in ELEMENTS[ELEMENT_SET]]


def _demographics(rng: random.Random) -> Demographics:
    def some(kind: type[Band]) -> Band | None:
        return rng.choice(list(kind)) if rng.random() < 0.85 else None

    return Demographics(some(Sex), some(AgeBand), some(EducationBand), some(OccupationBand))
