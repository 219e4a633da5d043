"""A satisfaction survey period of a service unit (Survei Kepuasan Masyarakat, PermenPANRB
14/2017): opened with its dates and the population of service users that fixes the sample,
one-time codes issued in batches, responses, closed.

A response gives the nine elements a score of 1 to 4 and, if the respondent wishes, coarse
demographics (published only in aggregate). It comes either with a one-time code the unit
handed out with a service (a printed QR code: the code is spent, a second use is refused) or
in the open mode without one, which the public form throttles and which is counted apart.
Only the SHA-256 of each code is stored, like a complaint's tracking code; no free text is
collected at all, so nothing here is personal.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable
from datetime import date
from enum import Enum
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.errors import DomainError
from domain.events import RecordedEvent
from domain.ikm import ELEMENT_SET, ELEMENTS, SCORES
from domain.values import Actor

POPULATION_MAX = 10_000_000
CODES_PER_BATCH = 500


class Sex(Enum):
    MALE = "male"
    FEMALE = "female"


class AgeBand(Enum):
    UNDER_25 = "under_25"
    FROM_25_TO_39 = "25_39"
    FROM_40_TO_54 = "40_54"
    FROM_55 = "55_plus"


class EducationBand(Enum):
    PRIMARY = "primary"  # SD or less
    JUNIOR = "junior"  # SMP
    SENIOR = "senior"  # SMA/SMK
    DIPLOMA = "diploma"  # D1-D4
    BACHELOR = "bachelor"  # S1
    POSTGRADUATE = "postgraduate"  # S2, S3


class OccupationBand(Enum):
    CIVIL_SERVANT = "civil_servant"  # PNS, PPPK, TNI, Polri
    PRIVATE_EMPLOYEE = "private_employee"
    SELF_EMPLOYED = "self_employed"
    STUDENT = "student"
    OTHER = "other"


def survey_period_id(unit_id: UUID, starts_on: date) -> UUID:
    """The id of the unit's period starting on `starts_on` (one period per unit and start)."""
    return uuid5(NAMESPACE_URL, f"rekam:survey:{unit_id.hex}:{starts_on.isoformat()}")


def _a_year_after(day: date) -> date:
    """The same day a year later (1 March for 29 February): a period ends before it, as a
    unit surveys at least once a year (PermenPANRB 14/2017)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 3, 1)


def check_no_overlap(starts_on: date, ends_on: date,
                     others: Iterable[tuple[date, date]]) -> None:
    """Raise when the period from `starts_on` to `ends_on` shares a day with one of the unit's
    `others` (first and last days): two periods would count a service user twice in the
    unit's IKM for those days. The field is the date that falls inside the other period, or
    `ends_on` when the new period encloses it."""
    for first, last in sorted(others):
        if starts_on <= last and first <= ends_on:
            field = "starts_on" if first <= starts_on else "ends_on"
            raise DomainError("SURVEY_PERIOD_OVERLAPS", field=field,
                              starts_on=first.isoformat(), ends_on=last.isoformat())


def code_hash(code: str) -> str:
    """What is stored of a survey code: the SHA-256 of the code in upper case without spaces
    or dashes (as typed or read from the QR code)."""
    normal = "".join(c for c in code.upper() if c.isalnum())
    return hashlib.sha256(normal.encode("ascii", "ignore")).hexdigest()


class SurveyPeriod(Aggregate):
    """Periode SKM: one unit's survey between two dates."""

    class Event(RecordedEvent):
        pass

    class Opened(Event, Aggregate.Created):
        government_id: UUID
        agency_id: UUID
        unit_id: UUID
        starts_on: date
        ends_on: date
        population: int
        element_set: str

        def apply(self, aggregate: SurveyPeriod) -> None:
            aggregate.is_closed = False

    class CodesIssued(Event):
        batch: int
        code_hashes: list[str]

        def apply(self, aggregate: SurveyPeriod) -> None:
            aggregate.batches = self.batch
            aggregate.unspent.update(self.code_hashes)
            aggregate.codes_issued += len(self.code_hashes)

    class ResponseRecorded(Event):
        scores: list[int]
        code_hash: str | None  # None: the open mode
        sex: Sex | None
        age: AgeBand | None
        education: EducationBand | None
        occupation: OccupationBand | None

        def apply(self, aggregate: SurveyPeriod) -> None:
            aggregate.score_totals = [a + b for a, b in itertools.zip_longest(
                aggregate.score_totals, self.scores, fillvalue=0)]
            if self.code_hash is None:
                aggregate.open_responses += 1
            else:
                aggregate.unspent.discard(self.code_hash)
                aggregate.spent.add(self.code_hash)
                aggregate.coded_responses += 1

    class Closed(Event):
        def apply(self, aggregate: SurveyPeriod) -> None:
            aggregate.is_closed = True
            aggregate.closed_on = self.effective_on

    def __init__(self, government_id: UUID, agency_id: UUID, unit_id: UUID, starts_on: date,
                 ends_on: date, population: int, element_set: str) -> None:
        self.government_id, self.agency_id, self.unit_id = government_id, agency_id, unit_id
        self.starts_on, self.ends_on, self.population = starts_on, ends_on, population
        self.element_set = element_set
        self.is_closed = False
        self.batches = self.codes_issued = self.coded_responses = self.open_responses = 0
        self.unspent: set[str] = set()
        self.spent: set[str] = set()
        # every response's scores summed per element, and when it closed: its public result
        self.score_totals: list[int] = []
        self.closed_on: date | None = None

    @classmethod
    def open(cls, *, government_id: UUID, agency_id: UUID, unit_id: UUID, starts_on: date,
             ends_on: date, population: int, effective_on: date, actor: Actor
             ) -> SurveyPeriod:
        if ends_on < starts_on or ends_on >= _a_year_after(starts_on):
            raise DomainError("SURVEY_PERIOD_DATES_INVALID", field="ends_on")
        if not 1 <= population <= POPULATION_MAX:
            raise DomainError("SURVEY_POPULATION_INVALID", field="population",
                              largest=POPULATION_MAX)
        return cls._create(cls.Opened, id=survey_period_id(unit_id, starts_on),
                           government_id=government_id, agency_id=agency_id, unit_id=unit_id,
                           starts_on=starts_on, ends_on=ends_on, population=population,
                           element_set=ELEMENT_SET, effective_on=effective_on, actor=actor,
                           legal_basis=None)

    def issue_codes(self, *, code_hashes: list[str], effective_on: date, actor: Actor) -> None:
        """A batch of codes to hand out, before the period starts or while it runs."""
        if self.is_closed or effective_on > self.ends_on:
            raise DomainError("SURVEY_PERIOD_CLOSED", field="period")
        if not 1 <= len(code_hashes) <= CODES_PER_BATCH:
            raise DomainError("SURVEY_BATCH_SIZE_INVALID", field="count",
                              largest=CODES_PER_BATCH)
        if len(set(code_hashes)) != len(code_hashes) or any(
                h in self.unspent or h in self.spent for h in code_hashes):
            raise DomainError("SURVEY_CODE_DUPLICATE", field="count")
        self.trigger_event(self.CodesIssued, batch=self.batches + 1,
                           code_hashes=list(code_hashes), effective_on=effective_on,
                           actor=actor, legal_basis=None)

    def respond(self, *, scores: list[int], code: str | None, sex: Sex | None,
                age: AgeBand | None, education: EducationBand | None,
                occupation: OccupationBand | None, effective_on: date, actor: Actor) -> None:
        """Record one response; with `code`, only if the code was issued and is unspent."""
        self._check_open(effective_on)
        if len(scores) != len(ELEMENTS[self.element_set]) or any(
                s not in SCORES for s in scores):
            raise DomainError("SURVEY_SCORES_INVALID", field="scores")
        hashed = None
        if code is not None:
            hashed = code_hash(code)
            if hashed in self.spent:
                raise DomainError("SURVEY_CODE_SPENT", field="code")
            if hashed not in self.unspent:
                raise DomainError("SURVEY_CODE_UNKNOWN", field="code")
        self.trigger_event(self.ResponseRecorded, scores=list(scores), code_hash=hashed,
                           sex=sex, age=age, education=education, occupation=occupation,
                           effective_on=effective_on, actor=actor, legal_basis=None)

    def close(self, *, effective_on: date, actor: Actor) -> None:
        if self.is_closed:
            raise DomainError("SURVEY_PERIOD_CLOSED", field="period")
        self.trigger_event(self.Closed, effective_on=effective_on, actor=actor,
                           legal_basis=None)

    def is_running(self, on: date) -> bool:
        return not self.is_closed and self.starts_on <= on <= self.ends_on

    def _check_open(self, on: date) -> None:
        if self.is_closed:
            raise DomainError("SURVEY_PERIOD_CLOSED", field="period")
        if not self.starts_on <= on <= self.ends_on:
            raise DomainError("SURVEY_OUTSIDE_PERIOD", field="period",
                              starts_on=self.starts_on.isoformat(),
                              ends_on=self.ends_on.isoformat())
