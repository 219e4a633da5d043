"""The demo's TPP: each government's regulation (last year's version and this year's, a few
percent higher, from the example tables of domain/tpp_tables.py), the runs of the twelve
months ending last month, each run at the start of the month after, so the demo's penalties
and ratings cut the months they fall in, and one correction run after a back-dated medium
sanction.

Everything goes through `service.tpp`, so the rules hold as for real input. Its own random
stream, so the same seed gives the same history.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from domain.tpp_tables import example_regulation
from domain.values import PenaltyLevel, PenaltyType
from web.loaders.demo_world import GOVERNMENTS, SYSTEM, DemoWorld

MONTHS = 12
RISE_PERCENT = (103, 106)  # this year's amounts over last year's


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
        for government_id in self.world.agencies_of:
            self.world.service.tpp.run_month(government_id, ran, actor=SYSTEM)

    def _adopt(self) -> None:
        service = self.world.service
        years = sorted({self.first.year, self.last.year})
        for government_id in self.world.agencies_of:
            name = service.get_government(government_id).name
            scale = 100
            for year in years:
                service.tpp.adopt_regulation(example_regulation(
                    government_id, year, perkada=f"Perkada TPP {name} TA {year}",
                    scale_percent=scale), actor=SYSTEM)
                scale = scale * self.rng.randint(*RISE_PERCENT) // 100

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
