"""A monitoring and evaluation indicator of a government's policy (monitoring dan evaluasi,
PermenPANRB 16/2017's follow-up of a public consultation): what it measures, in which unit and
direction, the policy it measures, its yearly targets and its monthly actuals.

An indicator is either entered by hand or one of the computed kinds, whose monthly actual the
worker records from the read models (projections/views/indicator_figures.py). A correction of
an actual is a new event with its reason: what was recorded first stays in the log.

Each actual may carry its base, the number of people (or items) it is computed over; the
public page hides an actual whose base counts fewer people than the disclosure threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.checks import check_text
from domain.errors import DomainError, Refusals
from domain.events import RecordedEvent
from domain.masking import mask
from domain.values import Actor

NAME_MIN, NAME_MAX = 3, 200
REASON_MIN, REASON_MAX = 5, 500
BASE_MAX = 10_000_000
FIRST_YEAR, YEARS_AHEAD = 2000, 5


class IndicatorKind(Enum):
    """What fills the actuals: the HR administrator (manual) or a computation of the views."""

    MANUAL = "manual"
    TRAINING_20JP = "training_20jp"  # share of active staff with ≥ 20 JP this year
    APPRAISAL_COMPLETION = "appraisal_completion"  # share rated for last year
    IKM = "ikm"  # the satisfaction index of the government's service units
    COMPLAINTS_ON_TIME = "complaints_on_time"  # share of complaints answered by their due date
    JPT_FILL_DAYS = "jpt_fill_days"  # median days from authorising to filling a JPT post

    @property
    def is_computed(self) -> bool:
        return self is not IndicatorKind.MANUAL


class MeasureUnit(Enum):
    PERCENT = "percent"
    INDEX = "index"  # 0-100, like the IKM
    DAYS = "days"
    COUNT = "count"


class Direction(Enum):
    """Whether a higher actual is better (most) or a lower one (days to fill a post)."""

    UP = "up"
    DOWN = "down"


# The measure and direction a computed kind always has; a manual indicator chooses its own.
COMPUTED_MEASURES: dict[IndicatorKind, tuple[MeasureUnit, Direction]] = {
    IndicatorKind.TRAINING_20JP: (MeasureUnit.PERCENT, Direction.UP),
    IndicatorKind.APPRAISAL_COMPLETION: (MeasureUnit.PERCENT, Direction.UP),
    IndicatorKind.IKM: (MeasureUnit.INDEX, Direction.UP),
    IndicatorKind.COMPLAINTS_ON_TIME: (MeasureUnit.PERCENT, Direction.UP),
    IndicatorKind.JPT_FILL_DAYS: (MeasureUnit.DAYS, Direction.DOWN),
}
# The largest value each measure takes (none is negative).
HIGHEST: dict[MeasureUnit, float] = {MeasureUnit.PERCENT: 100.0, MeasureUnit.INDEX: 100.0,
                                     MeasureUnit.DAYS: 3650.0, MeasureUnit.COUNT: 1e9}


@dataclass(frozen=True)
class Actual:
    """A month's actual as it stands: its value, its base and how often it was corrected."""

    month: date
    value: float
    base: int | None
    is_computed: bool
    corrections: int = 0


class Indicator(Aggregate):
    """Indikator monitoring dan evaluasi: targets by year, actuals by month."""

    class Event(RecordedEvent):
        pass

    class Defined(Event, Aggregate.Created):
        government_id: UUID
        kind: IndicatorKind
        name: str
        measure: MeasureUnit
        direction: Direction
        consultation_id: UUID | None  # the consultation of the policy it measures
        policy_title: str | None  # the policy's title when no consultation names it

    class TargetSet(Event):
        """The target of a year, set or changed (the latest counts)."""

        year: int
        value: float

        def apply(self, aggregate: Indicator) -> None:
            aggregate.targets[self.year] = self.value

    class ActualRecorded(Event):
        month: date  # the 1st of the month measured
        value: float
        base: int | None  # the people (or items) it is computed over, when known
        is_computed: bool

        def apply(self, aggregate: Indicator) -> None:
            aggregate.actuals[self.month] = Actual(self.month, self.value, self.base,
                                                   self.is_computed)

    class ActualCorrected(Event):
        """A month's actual replaced by a corrected one; the first stays in the log."""

        month: date
        value: float
        base: int | None
        reason: str

        def apply(self, aggregate: Indicator) -> None:
            old = aggregate.actuals[self.month]
            aggregate.actuals[self.month] = Actual(self.month, self.value, self.base,
                                                   old.is_computed, old.corrections + 1)

    def __init__(self, government_id: UUID, kind: IndicatorKind, name: str,
                 measure: MeasureUnit, direction: Direction, consultation_id: UUID | None,
                 policy_title: str | None) -> None:
        self.government_id, self.kind, self.name = government_id, kind, name
        self.measure, self.direction = measure, direction
        self.consultation_id, self.policy_title = consultation_id, policy_title
        self.targets: dict[int, float] = {}
        self.actuals: dict[date, Actual] = {}

    @classmethod
    def define(cls, *, government_id: UUID, kind: IndicatorKind, name: str,
               measure: MeasureUnit, direction: Direction, consultation_id: UUID | None,
               policy_title: str | None, today: date, actor: Actor) -> Indicator:
        found = Refusals()
        with found.collecting():
            name = checked_line(name, "name")
        title = None
        if policy_title is not None and policy_title.strip():
            with found.collecting():
                title = checked_line(policy_title, "policy_title")
        elif consultation_id is None:
            found.add(DomainError("INDICATOR_POLICY_REQUIRED", field="policy_title"))
        fixed = COMPUTED_MEASURES.get(kind)
        if fixed is not None and fixed != (measure, direction):
            found.add(DomainError("INDICATOR_MEASURE_FIXED", field="measure"))
        found.raise_any()
        return cls._create(cls.Defined, government_id=government_id, kind=kind, name=name,
                           measure=measure, direction=direction,
                           consultation_id=consultation_id, policy_title=title,
                           effective_on=today, actor=actor, legal_basis=None)

    # -- commands --------------------------------------------------------------------------

    def set_target(self, *, year: int, value: float, today: date, actor: Actor) -> None:
        found = Refusals()
        if not FIRST_YEAR <= year <= today.year + YEARS_AHEAD:
            found.add(DomainError("INDICATOR_YEAR_INVALID", field="year", first=FIRST_YEAR,
                                  last=today.year + YEARS_AHEAD))
        with found.collecting():
            self.check_value(value)
        found.raise_any()
        self.trigger_event(self.TargetSet, year=year, value=round(value, 2),
                           effective_on=today, actor=actor, legal_basis=None)

    def record_actual(self, *, month: date, value: float, base: int | None, is_computed: bool,
                      today: date, actor: Actor) -> None:
        """The actual of a month with none yet (a recorded one is corrected, not recorded
        again)."""
        found = Refusals()
        with found.collecting():
            check_month(month, today)
        if month in self.actuals:
            found.add(DomainError("INDICATOR_ACTUAL_EXISTS", field="month"))
        with found.collecting():
            self.check_value(value)
        with found.collecting():
            check_base(base)
        found.raise_any()
        self.trigger_event(self.ActualRecorded, month=month, value=round(value, 2), base=base,
                           is_computed=is_computed, effective_on=today, actor=actor,
                           legal_basis=None)

    def correct_actual(self, *, month: date, value: float, base: int | None, reason: str,
                       today: date, actor: Actor) -> None:
        found = Refusals()
        if month not in self.actuals:
            found.add(DomainError("INDICATOR_ACTUAL_MISSING", field="month"))
        with found.collecting():
            self.check_value(value)
        with found.collecting():
            check_base(base)
        with found.collecting():
            reason = checked_line(reason, "reason", REASON_MIN, REASON_MAX)
        found.raise_any()
        self.trigger_event(self.ActualCorrected, month=month, value=round(value, 2), base=base,
                           reason=reason, effective_on=today, actor=actor, legal_basis=None)

    def check_value(self, value: float) -> None:
        highest = HIGHEST[self.measure]
        if not 0 <= value <= highest:  # NaN fails both comparisons
            raise DomainError("INDICATOR_VALUE_INVALID", field="value", highest=highest)


def check_month(month: date, today: date) -> None:
    """A month is given by its 1st, and is not after the current month."""
    if month.day != 1 or (month.year, month.month) > (today.year, today.month) \
            or month.year < FIRST_YEAR:
        raise DomainError("INDICATOR_MONTH_INVALID", field="month")


def check_base(base: int | None) -> None:
    if base is not None and not 0 <= base <= BASE_MAX:
        raise DomainError("INDICATOR_BASE_INVALID", field="base", most=BASE_MAX)


def checked_line(text: str, field: str, shortest: int = NAME_MIN,
                 longest: int = NAME_MAX) -> str:
    """One line of text as stored: safe characters, spaces collapsed, within its length, and
    masked like every text a public page shows (no NIK, NIP, telephone or e-mail)."""
    check_text(text, field)
    cleaned = mask(" ".join(text.split()))
    if not shortest <= len(cleaned) <= longest:
        raise DomainError("INDICATOR_TEXT_INVALID", field=field, shortest=shortest,
                          longest=longest)
    return cleaned
