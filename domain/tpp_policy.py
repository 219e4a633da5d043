"""A government's TPP regulation as an administrator maintains it: one aggregate per government
holding every version of its Perkada, each the table `TppRegulation` reads.

The aggregate (topic `domain.tpp_policy:TppPolicy.*`) has its id derived from the government
(`tpp_policy_id`), so two first versions adopted at once meet a conflict. A version is stored
as the regulation's table in canonical JSON (`regulation_table`), which is data, not code: a
stored version reads back as the same `TppRegulation` however the example tables of
domain/tpp_tables.py change later. A version is never edited; a later one takes over from its
start date (a correction of a table is a new version from the same date, which replaces the
earlier for every month computed after it, while runs already stored keep what they read).

Until the PP on TPP exists, a version needs the approval of the Minister of Home Affairs
(Kepmendagri 900-4700/2020; a yearly letter such as 900/624/Keuda) before any month under it is
paid: either its table names the letter (`approval_ref`) or the letter, arriving after the
version was adopted, is recorded by `VersionApproved` (its `legal_basis`). A table adopted again
from the same date needs its own approval: the letter approved the table it replaced.
The commands are in domain/tpp_service.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain import clock
from domain.errors import DomainError
from domain.events import RecordedEvent
from domain.regulations import AllowanceCut
from domain.tpp_rules import (
    AttendanceRules,
    Criterion,
    LatenessBand,
    TppRegulation,
    regulation_in_force,
)
from domain.values import Actor, LegalBasis, PenaltyType, PositionType, Rating


def tpp_policy_id(government_id: UUID) -> UUID:
    """The id of the government's TPP policy (every version of its Perkada)."""
    return uuid5(government_id, "rekam:tpp-policy")


# -- the table as data -----------------------------------------------------------------------


def regulation_table(regulation: TppRegulation) -> str:
    """The version's table in canonical JSON (sorted keys): what the stored event holds."""
    attendance = regulation.attendance
    table: dict[str, Any] = {
        "year": regulation.year,
        "effective_from": regulation.effective_from.isoformat(),
        "perkada": regulation.perkada,
        "approval_ref": regulation.approval_ref,
        "base_by_class": {str(k): v for k, v in regulation.base_by_class.items()},
        "criteria_shares": {c.value: v for c, v in regulation.criteria_shares.items()},
        "class_by_position_type": {p.value: v
                                   for p, v in regulation.class_by_position_type.items()},
        "sanction_cuts": {p.value: [c.basis_points, c.months]
                          for p, c in regulation.sanction_cuts.items()},
        "predicate_cuts": {r.value: v for r, v in regulation.predicate_cuts.items()},
        "no_predicate_basis_points": regulation.no_predicate_basis_points,
        "performance_scope": sorted(c.value for c in regulation.performance_scope),
        "performance_cap": regulation.performance_cap,
        "attendance": None if attendance is None else {
            "late_bands": [[b.label, b.from_minutes, b.basis_points]
                           for b in attendance.late_bands],
            "early_bands": [[b.label, b.from_minutes, b.basis_points]
                            for b in attendance.early_bands],
            "absent_day_basis_points": attendance.absent_day_basis_points,
            "missed_assembly_basis_points": attendance.missed_assembly_basis_points,
            "cap_basis_points": attendance.cap_basis_points,
            "scope": sorted(c.value for c in attendance.scope),
        },
    }
    return json.dumps(table, sort_keys=True, separators=(",", ":"))


def regulation_from_table(government_id: UUID, text: str) -> TppRegulation:
    """The `TppRegulation` a stored table describes (its own checks run again)."""
    try:
        table = json.loads(text)
        attendance = table["attendance"]
        return TppRegulation(
            government_id=government_id, year=int(table["year"]),
            effective_from=date.fromisoformat(table["effective_from"]),
            perkada=table["perkada"], approval_ref=table["approval_ref"],
            base_by_class={int(k): int(v) for k, v in table["base_by_class"].items()},
            criteria_shares={Criterion(k): int(v) for k, v in table["criteria_shares"].items()},
            class_by_position_type={PositionType(k): int(v) for k, v
                                    in table["class_by_position_type"].items()},
            sanction_cuts={PenaltyType(k): AllowanceCut(int(v[0]), int(v[1]))
                           for k, v in table["sanction_cuts"].items()},
            predicate_cuts={Rating(k): int(v) for k, v in table["predicate_cuts"].items()},
            no_predicate_basis_points=int(table["no_predicate_basis_points"]),
            performance_scope=frozenset(Criterion(c) for c in table["performance_scope"]),
            performance_cap=int(table["performance_cap"]),
            attendance=None if attendance is None else AttendanceRules(
                late_bands=tuple(LatenessBand(b[0], int(b[1]), int(b[2]))
                                 for b in attendance["late_bands"]),
                early_bands=tuple(LatenessBand(b[0], int(b[1]), int(b[2]))
                                  for b in attendance["early_bands"]),
                absent_day_basis_points=int(attendance["absent_day_basis_points"]),
                missed_assembly_basis_points=int(attendance["missed_assembly_basis_points"]),
                cap_basis_points=int(attendance["cap_basis_points"]),
                scope=frozenset(Criterion(c) for c in attendance["scope"])))
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        raise DomainError("TPP_REGULATION_INVALID", field="table") from None


@dataclass(frozen=True)
class MendagriApproval:
    """The Minister of Home Affairs' approval of a version: the letter's number, and its date
    when the letter was recorded after the version (a table's `approval_ref` has none)."""

    number: str
    signed_on: date | None = None


# -- the aggregate ---------------------------------------------------------------------------


class TppPolicy(Aggregate):
    """Perkada TPP of one government: its versions by start date."""

    class Event(RecordedEvent):
        pass

    class Started(Event, Aggregate.Created):
        government_id: UUID

    def __init__(self, government_id: UUID) -> None:
        self.government_id = government_id
        self.tables: dict[date, str] = {}  # by effective_from: the version's table
        self.adopted_by: dict[date, str] = {}  # the user who adopted it
        self.consulted: dict[date, UUID | None] = {}  # the consultation that preceded it
        self.letters: dict[date, LegalBasis] = {}  # approvals recorded after the version

    @classmethod
    def start(cls, *, government_id: UUID, actor: Actor) -> TppPolicy:
        return cls._create(cls.Started, id=tpp_policy_id(government_id),
                           government_id=government_id, effective_on=clock.now().date(),
                           actor=actor, legal_basis=None)

    # -- reading ---------------------------------------------------------------------------

    def versions(self) -> list[TppRegulation]:
        """Every version, oldest first."""
        return [regulation_from_table(self.government_id, self.tables[on])
                for on in sorted(self.tables)]

    def in_force(self, on: date) -> TppRegulation:
        """The version in force on `on`; TPP_REGULATION_NOT_IN_FORCE before the first."""
        return regulation_in_force(self.versions(), self.government_id, on)

    def approval_of(self, effective_from: date) -> MendagriApproval | None:
        """The Mendagri approval of the version from `effective_from`: the letter recorded
        for it, else the one its table names; None when it has neither (or no such version)."""
        letter = self.letters.get(effective_from)
        if letter is not None:
            return MendagriApproval(letter.number, letter.signed_on)
        table = self.tables.get(effective_from)
        named = json.loads(table).get("approval_ref") if table is not None else None
        return MendagriApproval(named) if named else None

    # -- the administrator -----------------------------------------------------------------

    def adopt(self, regulation: TppRegulation, *, legal_basis: LegalBasis | None,
              actor: Actor, consultation_id: UUID | None = None) -> None:
        """Adopt a version (after the public consultation of its draft, if one was held);
        refused when a version from the same date has the same table and consultation."""
        table = regulation_table(regulation)
        if (self.tables.get(regulation.effective_from) == table
                and self.consulted.get(regulation.effective_from) == consultation_id):
            raise DomainError("TPP_VERSION_UNCHANGED", field="effective_from",
                              effective_from=regulation.effective_from)
        self.trigger_event(self.VersionAdopted, government_id=self.government_id, table=table,
                           consultation_id=consultation_id,
                           effective_on=regulation.effective_from, actor=actor,
                           legal_basis=legal_basis)

    class VersionAdopted(Event):
        """A version of the Perkada from `effective_on`; its table in canonical JSON."""

        government_id: UUID
        table: str
        consultation_id: UUID | None  # the public consultation of its draft (deliverable 4)

        def apply(self, aggregate: TppPolicy) -> None:
            aggregate.tables[self.effective_on] = self.table
            aggregate.adopted_by[self.effective_on] = self.actor.user_id
            aggregate.consulted[self.effective_on] = self.consultation_id
            aggregate.letters.pop(self.effective_on, None)

    def approve(self, effective_from: date, *, letter: LegalBasis, actor: Actor) -> None:
        """Record the Mendagri letter approving the version from `effective_from`; refused
        for a date with no version, a version already approved, or a letter dated before the
        year preceding the version's (when approvals for a budget year are issued) or after
        today."""
        if effective_from not in self.tables:
            raise DomainError("TPP_VERSION_NOT_FOUND", field="effective_from",
                              effective_from=effective_from)
        found = self.approval_of(effective_from)
        if found is not None:
            raise DomainError("TPP_VERSION_ALREADY_APPROVED", field="effective_from",
                              effective_from=effective_from, letter=found.number)
        earliest, today = date(effective_from.year - 1, 1, 1), clock.now().date()
        if not earliest <= letter.signed_on <= today:
            raise DomainError("TPP_APPROVAL_LETTER_DATE", field="legal_basis.signed_on",
                              earliest=earliest, today=today)
        self.trigger_event(self.VersionApproved, government_id=self.government_id,
                           effective_on=effective_from, actor=actor, legal_basis=letter)

    class VersionApproved(Event):
        """The Mendagri letter (`legal_basis`) approving the version from `effective_on`."""

        government_id: UUID

        def apply(self, aggregate: TppPolicy) -> None:
            assert self.legal_basis is not None
            aggregate.letters[self.effective_on] = self.legal_basis
