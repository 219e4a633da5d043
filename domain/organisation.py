"""Organisation aggregates: the regional government (pemda), its agencies (OPD), positions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.checks import checked_code, checked_name
from domain.errors import DomainError
from domain.events import RecordedEvent
from domain.regulations import RETIREMENT_AGE
from domain.values import Actor, GradeRange, LegalBasis, PositionType


class Government(Aggregate):
    """Pemerintah daerah: the regional government that employs the ASN on this ledger."""

    class Event(RecordedEvent):
        pass

    class Established(Event, Aggregate.Created):
        code: str
        name: str
        province: str

        def apply(self, aggregate: Government) -> None:
            aggregate.code, aggregate.name, aggregate.province = self.code, self.name, self.province

    def __init__(self, code: str, name: str, province: str) -> None:
        self.code, self.name, self.province = code, name, province

    @classmethod
    def establish(cls, *, code: str, name: str, province: str, effective_on: date, actor: Actor,
                  legal_basis: LegalBasis | None = None, id: UUID | None = None) -> Government:
        return cls._create(cls.Established, id=id, code=checked_code(code), name=checked_name(name),
                           province=checked_name(province, "province"), effective_on=effective_on,
                           actor=actor, legal_basis=legal_basis)


@dataclass(frozen=True)
class Unit:
    """Unit kerja inside an agency."""

    id: UUID
    code: str
    name: str


class Agency(Aggregate):
    """Perangkat daerah (OPD): an agency of a government, with its units."""

    class Event(RecordedEvent):
        pass

    class Established(Event, Aggregate.Created):
        government_id: UUID
        code: str
        name: str

        def apply(self, aggregate: Agency) -> None:
            aggregate.government_id = self.government_id
            aggregate.code, aggregate.name = self.code, self.name
            aggregate.units = {}

    class UnitAdded(Event):
        unit_id: UUID
        code: str
        name: str

        def apply(self, aggregate: Agency) -> None:
            aggregate.units[self.unit_id] = Unit(self.unit_id, self.code, self.name)

    def __init__(self, government_id: UUID, code: str, name: str) -> None:
        self.government_id, self.code, self.name = government_id, code, name
        self.units: dict[UUID, Unit] = {}

    @classmethod
    def establish(cls, *, government_id: UUID, code: str, name: str, effective_on: date,
                  actor: Actor, legal_basis: LegalBasis | None = None,
                  id: UUID | None = None) -> Agency:
        return cls._create(cls.Established, id=id, government_id=government_id,
                           code=checked_code(code), name=checked_name(name),
                           effective_on=effective_on, actor=actor, legal_basis=legal_basis)

    def add_unit(self, *, unit_id: UUID, code: str, name: str, effective_on: date, actor: Actor,
                 legal_basis: LegalBasis | None = None) -> None:
        code = checked_code(code)
        if any(u.code == code for u in self.units.values()):
            raise DomainError("UNIT_CODE_TAKEN", field="code", unit_code=code)
        self.trigger_event(self.UnitAdded, unit_id=unit_id, code=code, name=checked_name(name),
                           effective_on=effective_on, actor=actor, legal_basis=legal_basis)

    def check_unit(self, unit_id: UUID) -> None:
        """Raise unless `unit_id` is a unit of this agency."""
        if unit_id not in self.units:
            raise DomainError("UNIT_NOT_IN_AGENCY", field="unit_id")


class Position(Aggregate):
    """Jabatan: one post in a unit, with the grades it admits and at most one holder."""

    class Event(RecordedEvent):
        pass

    class Established(Event, Aggregate.Created):
        government_id: UUID
        agency_id: UUID
        unit_id: UUID
        title: str
        position_type: PositionType
        grade_range: GradeRange
        retirement_age: int

        def apply(self, aggregate: Position) -> None:
            aggregate.holder_id = None
            aggregate.holder_since = None

    class Filled(Event):
        employee_id: UUID

        def apply(self, aggregate: Position) -> None:
            aggregate.holder_id, aggregate.holder_since = self.employee_id, self.effective_on

    class Vacated(Event):
        employee_id: UUID

        def apply(self, aggregate: Position) -> None:
            aggregate.holder_id, aggregate.holder_since = None, None

    def __init__(self, government_id: UUID, agency_id: UUID, unit_id: UUID, title: str,
                 position_type: PositionType, grade_range: GradeRange,
                 retirement_age: int) -> None:
        self.government_id, self.agency_id, self.unit_id = government_id, agency_id, unit_id
        self.title, self.position_type, self.grade_range = title, position_type, grade_range
        self.retirement_age = retirement_age
        self.holder_id: UUID | None = None
        self.holder_since: date | None = None

    @classmethod
    def establish(cls, *, agency: Agency, unit_id: UUID, title: str,
                  position_type: PositionType, grade_range: GradeRange, effective_on: date,
                  actor: Actor, legal_basis: LegalBasis | None = None,
                  id: UUID | None = None) -> Position:
        agency.check_unit(unit_id)
        return cls._create(cls.Established, id=id, government_id=agency.government_id,
                           agency_id=agency.id, unit_id=unit_id,
                           title=checked_name(title, "title"), position_type=position_type,
                           grade_range=grade_range,
                           retirement_age=RETIREMENT_AGE[position_type],
                           effective_on=effective_on, actor=actor, legal_basis=legal_basis)

    def fill(self, *, employee_id: UUID, effective_on: date, actor: Actor,
             legal_basis: LegalBasis | None) -> None:
        if self.holder_id is not None and self.holder_id != employee_id:
            raise DomainError("POSITION_OCCUPIED", field="position_id", title=self.title)
        if self.holder_id == employee_id:
            raise DomainError("POSITION_ALREADY_HELD", field="position_id", title=self.title)
        self.trigger_event(self.Filled, employee_id=employee_id, effective_on=effective_on,
                           actor=actor, legal_basis=legal_basis)

    def vacate(self, *, employee_id: UUID, effective_on: date, actor: Actor,
               legal_basis: LegalBasis | None) -> None:
        if self.holder_id != employee_id:
            raise DomainError("POSITION_NOT_HELD", field="position_id", title=self.title)
        self.trigger_event(self.Vacated, employee_id=employee_id, effective_on=effective_on,
                           actor=actor, legal_basis=legal_basis)
