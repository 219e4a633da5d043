"""The demo's TPP: each government's regulation (last year's version and this year's, a few
percent higher, from the example tables of domain/tpp_tables.py), the runs of the twelve
months ending last month, each run at the start of the month after, so the demo's penalties
and ratings cut the months they fall in, and one correction run after a back-dated medium
sanction.

Each version needs the Mendagri approval before its months are run: last year's names its
letter in its table; this year's is adopted before its letter arrives, and the letter (dated
29 January, as 900/624/Keuda of 2021) is recorded just before January is run. A letter's number
is derived from the government and the year, not drawn.

Everything goes through `service.tpp`, so the rules hold as for real input. Its own random
stream, so the same seed gives the same history.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.tpp_tables import example_regulation
from domain.values import LegalBasis, PenaltyLevel, PenaltyType
from web.loaders.demo_world import GOVERNMENTS, SYSTEM, DemoWorld

MONTHS = 12
RISE_PERCENT = (103, 106)  # this year's amounts over last year's
LATE_LETTER_DAY = (1, 29)  # the month and day this year's approval letter is signed


def approval_letter(government_id: UUID, year: int) -> str:
    """The number of the Mendagri letter approving the government's Perkada of `year`."""
    return f"900.1.10/{zlib.crc32(f'{government_id}:{year}'.encode()) % 9000 + 100}/Keuda"


def _month_back(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


@dataclass
class TppDemo:
    """Which months the demo runs and the governments it runs them for."""

    world: DemoWorld
    rng: random.Random
    first: date  # the first month run
    last: date  # last month
    names: dict[str, str]

    @classmethod
    def start(cls, world: DemoWorld, rng: random.Random) -> TppDemo:
        this_month = world.today.replace(day=1)
        return cls(world, rng, _month_back(this_month, MONTHS), _month_back(this_month, 1),
                   {code: name for code, name, _ in GOVERNMENTS})

    def month(self, month: date) -> None:
        """At the start of `month`: adopt the regulations before the first run, then run the
        month before, if it is one of the twelve."""
        ran = _month_back(month, 1)
        if not self.first <= ran <= self.last:
            return
        self.world.recorded(month.replace(day=2), 2, self.rng)
        if ran == self.first:
            self._adopt()
        if ran == date(self.last.year, 1, 1) and self.first.year < self.last.year:
            self._approve_late()
        for government_id in self.world.agencies_of:
            self.world.service.tpp.run_month(government_id, ran, actor=SYSTEM)

    def _adopt(self) -> None:
        service = self.world.service
        years = sorted({self.first.year, self.last.year})
        for government_id in self.world.agencies_of:
            name = service.get_government(government_id).name
            scale = 100
            for year in years:
                is_late = year == self.last.year and len(years) > 1
                service.tpp.adopt_regulation(example_regulation(
                    government_id, year, perkada=f"Perkada TPP {name} TA {year}",
                    scale_percent=scale,
                    approval_ref=None if is_late else approval_letter(government_id, year)),
                    actor=SYSTEM)
                scale = scale * self.rng.randint(*RISE_PERCENT) // 100

    def _approve_late(self) -> None:
        """This year's letters, arrived after the versions were adopted."""
        year = self.last.year
        for government_id in self.world.agencies_of:
            letter = LegalBasis(approval_letter(government_id, year),
                                date(year, *LATE_LETTER_DAY))
            self.world.service.tpp.approve_version(government_id, date(year, 1, 1),
                                                   letter=letter, actor=SYSTEM)

    def correction(self) -> None:
        """A medium sanction found late: recorded now, in force from two months ago, and that
        month run again as a correction."""
        month = _month_back(self.last, 1)
        if month < self.first:
            return
        government_id = next(iter(self.world.agencies_of))
        service = self.world.service
        run = service.tpp.runs_of(government_id, month)[-1]
        candidates = sorted(employee_id for employee_id, line in run.lines.items()
                            if not line.is_changed)
        for employee_id in self.rng.sample(candidates, min(10, len(candidates))):
            state = service.get_employee(employee_id).state
            if state.separated_on is not None or state.penalties:
                continue
            self.world.recorded(self.world.today, 1, self.rng)
            service.impose_penalty(employee_id, level=PenaltyLevel.MEDIUM,
                                   penalty_type=PenaltyType.ALLOWANCE_CUT_6_MONTHS,
                                   effective_on=month, actor=SYSTEM,
                                   legal_basis=self.world.sk(month),
                                   reason="Ketidakhadiran tanpa keterangan yang sah")
            service.tpp.run_month(government_id, month, actor=SYSTEM)
            return
