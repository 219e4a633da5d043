"""Demo of monitoring and evaluation indicators: per government the five computed kinds and one
entered by HR, each tied to a policy of the demo (its consultations, or a regulation's title),
with targets for each year shown and an actual for each of the twelve complete months before
the demo's today.

The computed actuals come from the computation of the worker's monthly job
(projections/views/indicator_figures.py), read from the views. The 20-JP share and appraisal
completion read the roster as it stands, so they are recorded month by month during the
history, the roster caught up at each month's end; the others read dated rows and are recorded
once the history, the surveys and the consultations are in. The HR-entered one draws from a
random generator of its own, so the rest of the demo is the same with or without it.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from functools import partial
from typing import Self
from uuid import UUID

from domain.clock import recording_clock
from domain.indicator import COMPUTED_MEASURES, Direction, IndicatorKind, MeasureUnit
from domain.values import Actor, Role
from projections.stores.backend import Backend
from projections.views import consultation as consultation_queries
from projections.views.indicator_figures import compute, previous_month
from projections.views.runner import Projections
from web.loaders.demo_world import DemoWorld

WORKER = Actor("system:worker", Role.SYSTEM)  # as the monthly job records them
MONTHS = 12
ROSTER_KINDS = (IndicatorKind.TRAINING_20JP, IndicatorKind.APPRAISAL_COMPLETION)
DATED_KINDS = (IndicatorKind.IKM, IndicatorKind.COMPLAINTS_ON_TIME, IndicatorKind.JPT_FILL_DAYS)
NAMES = {
    IndicatorKind.TRAINING_20JP: "Persentase ASN yang memenuhi 20 JP pengembangan kompetensi",
    IndicatorKind.APPRAISAL_COMPLETION: "Persentase ASN yang dinilai kinerjanya tahun lalu",
    IndicatorKind.IKM: "Indeks Kepuasan Masyarakat unit layanan",
    IndicatorKind.COMPLAINTS_ON_TIME: "Persentase pengaduan yang dijawab tepat waktu",
    IndicatorKind.JPT_FILL_DAYS: "Median hari pengisian jabatan pimpinan tinggi",
    IndicatorKind.MANUAL: "Persentase unit layanan yang menayangkan standar pelayanan",
}
POLICIES = {
    IndicatorKind.TRAINING_20JP: "Peraturan Kepala Daerah tentang Pengembangan Kompetensi ASN",
    IndicatorKind.APPRAISAL_COMPLETION: "Peraturan Kepala Daerah tentang Manajemen Kinerja ASN",
    IndicatorKind.JPT_FILL_DAYS: "Rencana Kebutuhan Jabatan Pimpinan Tinggi",
}
TARGETS = {IndicatorKind.TRAINING_20JP: 60.0, IndicatorKind.APPRAISAL_COMPLETION: 95.0,
           IndicatorKind.IKM: 82.0, IndicatorKind.COMPLAINTS_ON_TIME: 90.0,
           IndicatorKind.JPT_FILL_DAYS: 90.0, IndicatorKind.MANUAL: 100.0}


def recorded_months(today: date) -> list[date]:
    """The twelve complete months before `today`'s, oldest first."""
    months, month = [], today.replace(day=1)
    for _ in range(MONTHS):
        month = previous_month(month)
        months.append(month)
    return months[::-1]


def _first_of_next(month: date) -> datetime:
    return datetime(month.year + (month.month == 12), month.month % 12 + 1, 2, 5,
                    tzinfo=UTC)


class DemoIndicators:
    """The indicators of every government, recorded as the history reaches their months."""

    def __init__(self, world: DemoWorld, backend: Backend, rng: random.Random) -> None:
        self.world, self.rng = world, rng
        self.months = recorded_months(world.today)
        self.projections = Projections.open(world.service, backend)
        self.ids: dict[tuple[UUID, IndicatorKind], UUID] = {}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.projections.close()

    def _admin(self, government_id: UUID) -> Actor:
        return Actor(f"hradmin.{self.world.service.get_government(government_id).code}",
                     Role.HR_ADMIN)

    def _define(self, government_id: UUID, kind: IndicatorKind,
                consultation_id: UUID | None) -> None:
        service = self.world.service.indicators
        measure, direction = COMPUTED_MEASURES.get(kind, (MeasureUnit.PERCENT, Direction.UP))
        admin = self._admin(government_id)
        indicator_id = service.define_indicator(
            government_id=government_id, kind=kind, name=NAMES[kind], measure=measure,
            direction=direction, consultation_id=consultation_id,
            policy_title=POLICIES.get(kind), actor=admin)
        for year in sorted({m.year for m in self.months}):
            service.set_target(indicator_id, year=year, value=TARGETS[kind], actor=admin)
        self.ids[(government_id, kind)] = indicator_id

    def month_done(self, month: date) -> None:
        """At the end of a month of the history: define the roster's indicators on the first
        month recorded, then record the month's 20-JP share and appraisal completion."""
        if month not in self.months:
            return
        if month == self.months[0]:
            for government_id in self.world.agencies_of:
                for kind in ROSTER_KINDS:
                    self._define(government_id, kind, None)
        self.projections.catch_up(names=["roster"])
        self._record(month, ROSTER_KINDS)

    def _record(self, month: date, kinds: tuple[IndicatorKind, ...]) -> None:
        for government_id in self.world.agencies_of:
            for kind in kinds:
                figure = compute(self.projections, kind, government_id.hex, month)
                if figure is not None:
                    self.world.service.indicators.record_actual(
                        self.ids[(government_id, kind)], month=month, value=figure.value,
                        base=figure.base, is_computed=True, actor=WORKER)

    def finish(self) -> None:
        """Once the surveys and consultations are in: the dated kinds and the HR-entered
        one, each month recorded on the 2nd of the next as the job does."""
        self.projections.catch_up(names=["organisation", "consultation", "indicators",
                                         "recruitment"])
        for government_id in self.world.agencies_of:
            found = consultation_queries.consultations(
                self.projections, self.world.today, government_id.hex, published_only=False)
            by_subject = {row["subject"]: UUID(row["id"]) for row in found}
            standard = by_subject.get("service_standard")
            with recording_clock(lambda: _first_of_next(previous_month(self.months[0]))):
                for kind in DATED_KINDS:
                    self._define(government_id, kind,
                                 None if kind is IndicatorKind.JPT_FILL_DAYS else standard)
                self._define(government_id, IndicatorKind.MANUAL,
                             by_subject.get("tpp_rules", standard))
        value = {g: self.rng.uniform(40, 60) for g in self.world.agencies_of}
        for month in self.months:
            with recording_clock(partial(_first_of_next, month)):
                self._record(month, DATED_KINDS)
                for government_id in self.world.agencies_of:
                    value[government_id] = min(100.0, value[government_id]
                                               + self.rng.uniform(0, 6))
                    self.world.service.indicators.record_actual(
                        self.ids[(government_id, IndicatorKind.MANUAL)], month=month,
                        value=value[government_id], base=None,
                        actor=self._admin(government_id))
