"""Who signs a government's decrees: the Pejabat Pembina Kepegawaian, or the official it
delegates to, with the title of office, from a date. One aggregate per government (topic
`domain.decree_signer:DecreeSigners.*`, id derived from the government), so the signer a
petikan prints and the public verification page (/sk/<code>) names is in the log like the
decree itself: nobody changes it afterwards without a trace, and `rekam export` carries it.

The signer holds public office: their name and title are stored in clear (a petikan prints
them, and the verification page may show them). Setting a signer from a date that already has
one replaces it for every petikan printed after, with the earlier entry kept in the log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain import clock
from domain.application import RekamApplication, command
from domain.checks import add_months, check_text
from domain.errors import DomainError, Refusals
from domain.events import RecordedEvent
from domain.organisation import Government
from domain.values import Actor

NAME_LENGTH = (3, 120)
TITLE_LENGTH = (3, 160)
EARLIEST = date(2000, 1, 1)


def decree_signers_id(government_id: UUID) -> UUID:
    """The id of the government's list of decree signers."""
    return uuid5(government_id, "rekam:decree-signers")


@dataclass(frozen=True)
class Signer:
    """The official who signs the government's decrees from `from_on`."""

    from_on: date
    name: str
    title: str


def checked_signer(from_on: date | None, name: str | None, title: str | None) -> Signer:
    """The signer as stored (single-spaced, safe text), or every refusal at its field."""
    found = Refusals()
    clean: dict[str, str] = {}
    for field, text, (low, high) in (("name", name, NAME_LENGTH),
                                     ("title", title, TITLE_LENGTH)):
        with found.collecting():
            value = " ".join((text or "").split())
            check_text(value, field)
            if not low <= len(value) <= high:
                raise DomainError("DECREE_SIGNER_TEXT_INVALID", field=field, low=low,
                                  high=high)
            clean[field] = value
    latest = add_months(clock.now().date(), 12)
    if from_on is None or not EARLIEST <= from_on <= latest:
        found.add(DomainError("DECREE_SIGNER_DATE_INVALID", field="from_on",
                              earliest=EARLIEST, latest=latest))
    found.raise_any()
    assert from_on is not None
    return Signer(from_on, clean["name"], clean["title"])


class DecreeSigners(Aggregate):
    """The signers of one government's decrees, each from a date."""

    class Event(RecordedEvent):
        pass

    class Started(Event, Aggregate.Created):
        government_id: UUID

    def __init__(self, government_id: UUID) -> None:
        self.government_id = government_id
        self.by_date: dict[date, Signer] = {}

    @classmethod
    def start(cls, *, government_id: UUID, actor: Actor) -> DecreeSigners:
        return cls._create(cls.Started, id=decree_signers_id(government_id),
                           government_id=government_id, effective_on=clock.now().date(),
                           actor=actor, legal_basis=None)

    def signers(self) -> list[Signer]:
        """Every signer, the earliest first."""
        return [self.by_date[on] for on in sorted(self.by_date)]

    def signer_on(self, on: date) -> Signer | None:
        """The signer in office on `on`: the latest whose date is not after it."""
        return signer_on(self.signers(), on)

    def set(self, signer: Signer, *, actor: Actor) -> None:
        """Sign from `signer.from_on`; refused when that date already has this signer."""
        if self.by_date.get(signer.from_on) == signer:
            raise DomainError("DECREE_SIGNER_UNCHANGED", field="name")
        self.trigger_event(self.SignerSet, name=signer.name, title=signer.title,
                           effective_on=signer.from_on, actor=actor, legal_basis=None)

    class SignerSet(Event):
        """The official who signs from `effective_on`, with the title printed above the
        signature."""

        name: str
        title: str

        def apply(self, aggregate: DecreeSigners) -> None:
            aggregate.by_date[self.effective_on] = Signer(self.effective_on, self.name,
                                                          self.title)


def signer_on(found: list[Signer], on: date) -> Signer | None:
    """The signer in office on `on` among `found` (earliest first)."""
    before = [s for s in found if s.from_on <= on]
    return before[-1] if before else None


class DecreeSignerService:
    """The commands on a government's decree signers."""

    def __init__(self, app: RekamApplication) -> None:
        self.app = app

    def of(self, government_id: UUID) -> DecreeSigners | None:
        try:
            return self.app.load(decree_signers_id(government_id), DecreeSigners,
                                 "Penanda tangan SK")
        except DomainError:
            return None

    def signers(self, government_id: UUID) -> list[Signer]:
        """The government's signers, the earliest first (none set: empty)."""
        found = self.of(government_id)
        return found.signers() if found is not None else []

    @command
    def set_signer(self, government_id: UUID, signer: Signer, *, actor: Actor) -> None:
        """Record who signs the government's decrees from `signer.from_on`."""
        self.app.load(government_id, Government, "Pemerintah daerah")
        signers = self.of(government_id)
        if signers is None:
            signers = DecreeSigners.start(government_id=government_id, actor=actor)
        signers.set(signer, actor=actor)
        self.app.record(signers)
