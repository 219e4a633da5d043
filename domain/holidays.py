"""The holiday calendar of a year (national holidays and cuti bersama), kept as events.

One `HolidayCalendar` per year, with an id derived from the year, so two administrators
opening the same year meet in one record (the second is told it changed). A year nobody has
opened reads as its seed (domain/holiday_seed.py); opening it copies the seed into the first
event, so later edits of the seed table never change a calendar already in use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.checks import checked_name
from domain.errors import DomainError
from domain.events import RecordedEvent
from domain.holiday_seed import seed_days
from domain.values import Actor
from domain.voice_values import HolidayKind

FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class Holiday:
    """Hari libur nasional or cuti bersama: a day off for every ASN of the country."""

    on: date
    kind: HolidayKind
    name: str


def calendar_id(year: int) -> UUID:
    """The id of a year's calendar: one per year, whoever opens it."""
    return uuid5(NAMESPACE_URL, f"rekam:holidays:{year}")


def seed_holidays(year: int) -> list[Holiday]:
    """The seeded days of `year` (`holiday_seed.seed_days`)."""
    return [Holiday(on, kind, name) for on, kind, name in seed_days(year)]


class HolidayCalendar(Aggregate):
    """Kalender hari libur: the national holidays and cuti bersama of one year."""

    class Event(RecordedEvent):
        pass

    class Opened(Event, Aggregate.Created):
        year: int
        days: list[Holiday]

        def apply(self, aggregate: HolidayCalendar) -> None:
            aggregate.year = self.year
            aggregate.days = {d.on: d for d in self.days}

    class DaySet(Event):
        day: Holiday

        def apply(self, aggregate: HolidayCalendar) -> None:
            aggregate.days[self.day.on] = self.day

    class DayRemoved(Event):
        on: date

        def apply(self, aggregate: HolidayCalendar) -> None:
            aggregate.days.pop(self.on, None)

    def __init__(self, year: int, days: list[Holiday]) -> None:
        self.year = year
        self.days: dict[date, Holiday] = {d.on: d for d in days}

    @classmethod
    def open(cls, *, year: int, effective_on: date, actor: Actor) -> HolidayCalendar:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise DomainError("HOLIDAY_YEAR_INVALID", field="year")
        return cls._create(cls.Opened, id=calendar_id(year), year=year,
                           days=seed_holidays(year), effective_on=effective_on, actor=actor,
                           legal_basis=None)

    def set_day(self, *, on: date, kind: HolidayKind, name: str, effective_on: date,
                actor: Actor) -> None:
        if on.year != self.year:
            raise DomainError("HOLIDAY_OUTSIDE_YEAR", field="on", year=self.year)
        day = Holiday(on, kind, checked_name(name))
        if self.days.get(on) == day:
            raise DomainError("HOLIDAY_UNCHANGED", field="on")
        self.trigger_event(self.DaySet, day=day, effective_on=effective_on, actor=actor,
                           legal_basis=None)

    def remove_day(self, *, on: date, effective_on: date, actor: Actor) -> None:
        if on not in self.days:
            raise DomainError("HOLIDAY_NOT_FOUND", field="on")
        self.trigger_event(self.DayRemoved, on=on, effective_on=effective_on, actor=actor,
                           legal_basis=None)

    def sorted_days(self) -> list[Holiday]:
        return sorted(self.days.values(), key=lambda d: d.on)
