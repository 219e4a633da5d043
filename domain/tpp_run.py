"""One monthly TPP run of one government: every employee's TPP of the month as computed from the
record, stored with what it read, so the run can be recomputed and compared (`reproduce` in
domain/tpp_service.py), and corrected only by a later run of the same month.

The aggregate (topic `domain.tpp_run:TppRun.*`) has its id derived from the government, the
month and the run number (`tpp_run_id`): run 1 is the month's first, run 2 its first correction,
and so on, so two runs of one month started at once claim the same id and one meets a conflict.
A run names the log position it read up to, the version of the government's TPP policy it used,
and for each employee the version of their record and of each of their leave requests it read.

Individual amounts are personal data (UU KIP Pasal 17 h, UU PDP): each employee's line, with
the inputs, the parts, every cut and the net, is sealed under the employee's subject key (field
`tpp`), so erasing the person destroys their amounts in every run while the run's other lines
and its agency totals stay. The totals per agency are in clear: they are what finance and the
budget read, and name nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.errors import DomainError
from domain.events import RecordedEvent
from domain.privacy import Sealed
from domain.values import Actor


def tpp_run_id(government_id: UUID, month: date, number: int) -> UUID:
    """The id of the government's `number`-th run (from 1) of `month`."""
    return uuid5(government_id, f"rekam:tpp-run:{month:%Y-%m}:{number}")


@dataclass(frozen=True)
class TppLine:
    """One employee in a run: what was read, whether it differs from the corrected run, and
    the sealed breakdown (inputs, parts, cuts, net, and the difference to the corrected run)."""

    employee_id: UUID
    subject_id: UUID
    agency_id: UUID
    record_version: int  # the version of the employee's record read
    leave_versions: tuple[int, ...]  # the version read of their 1st, 2nd, ... leave request
    is_changed: bool  # a correction run: the line differs from the corrected run's
    breakdown: Sealed  # under the employee's subject key, field "tpp"


@dataclass(frozen=True)
class AgencyTotals:
    """An agency's sums in a run: staff paid, gross, net, and per broad reason the rupiah cut
    and the number of staff with such a cut."""

    agency_id: UUID
    staff: int
    gross: int
    net: int
    leave_cut: int = 0
    sanction_cut: int = 0
    performance_cut: int = 0
    discipline_cut: int = 0
    leave_staff: int = 0
    sanction_staff: int = 0
    performance_staff: int = 0
    discipline_staff: int = 0


class TppRun(Aggregate):
    """Perhitungan TPP bulanan of one government: its month, number, sources and lines."""

    class Event(RecordedEvent):
        pass

    class Started(Event, Aggregate.Created):
        government_id: UUID
        month: date
        number: int
        corrects: UUID | None  # the run of the same month this one corrects
        position: int  # the log's notification id the run read up to
        policy_version: int  # the version of the government's TppPolicy read
        perkada: str  # the regulation version in force on the month's first day
        perkada_effective_from: date

    def __init__(self, government_id: UUID, month: date, number: int, corrects: UUID | None,
                 position: int, policy_version: int, perkada: str,
                 perkada_effective_from: date) -> None:
        self.government_id, self.month, self.number = government_id, month, number
        self.corrects, self.position, self.policy_version = corrects, position, policy_version
        self.perkada, self.perkada_effective_from = perkada, perkada_effective_from
        self.lines: dict[UUID, TppLine] = {}
        self.totals: dict[UUID, AgencyTotals] = {}
        self.is_complete = False

    @classmethod
    def start(cls, *, government_id: UUID, month: date, number: int, corrects: UUID | None,
              position: int, policy_version: int, perkada: str, perkada_effective_from: date,
              actor: Actor) -> TppRun:
        return cls._create(cls.Started, id=tpp_run_id(government_id, month, number),
                           government_id=government_id, month=month, number=number,
                           corrects=corrects, position=position, policy_version=policy_version,
                           perkada=perkada, perkada_effective_from=perkada_effective_from,
                           effective_on=month, actor=actor, legal_basis=None)

    @property
    def is_correction(self) -> bool:
        return self.corrects is not None

    @property
    def changed(self) -> int:
        """How many lines differ from the corrected run's."""
        return sum(1 for line in self.lines.values() if line.is_changed)

    def record_agency(self, *, totals: AgencyTotals, lines: tuple[TppLine, ...],
                      actor: Actor) -> None:
        """One agency's lines and totals; each agency once, before the run completes."""
        if self.is_complete or totals.agency_id in self.totals:
            raise DomainError("TPP_RUN_COMPLETE", field="id")
        self.trigger_event(self.AgencyComputed, totals=totals, lines=lines,
                           effective_on=self.month, actor=actor, legal_basis=None)

    def complete(self, *, actor: Actor) -> None:
        if self.is_complete:
            raise DomainError("TPP_RUN_COMPLETE", field="id")
        self.trigger_event(self.Completed, effective_on=self.month, actor=actor,
                           legal_basis=None)

    class AgencyComputed(Event):
        totals: AgencyTotals
        lines: tuple[TppLine, ...]

        def apply(self, aggregate: TppRun) -> None:
            aggregate.totals[self.totals.agency_id] = self.totals
            for line in self.lines:
                aggregate.lines[line.employee_id] = line

    class Completed(Event):
        def apply(self, aggregate: TppRun) -> None:
            aggregate.is_complete = True
