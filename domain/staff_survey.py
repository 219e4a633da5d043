"""An anonymous survey of a government's employees (or one agency's) on a policy or on their
working conditions: statements rated 1-5, at most one optional free-text question, open
between two dates, answered with one-time codes that are tied to nobody.

Codes reach employees two ways. HR prints batches of codes for an agency (a sheet of QR codes,
like the SKM codes): only each code's SHA-256 is stored, with the agency it was printed for.
An employee may also take one code on their desk: what is recorded then is only a keyed
pseudonym of the employee (`CodeTaken.taker`, so nobody takes two) and never anything of the
code. A desk code proves itself with a MAC under the survey's desk key, which lives in the key
store (outside the event store and its backups) and is destroyed when the survey closes, after
which not even the pseudonyms can be tied to anyone. An answer stores the SHA-256 of its code
(a code answers once), the agency of a printed code (none for a desk code), the scores and the
free text sealed under the survey's own key; it is recorded by the public actor, and both the
answer and the taking are stamped with the day only, never the time.

While the survey runs, whoever reads both the event store and the key store can tell whose
`CodeTaken` is whose; an answer recorded as it came would land right after its taking in the
survey's stream and be paired with the person by event order. So an answer is not recorded as
it comes: it is checked (every refusal at once), then held sealed under the survey's key in
a ballot box outside the event store (the document store, under `ballot_box_subject`, keyed by
the code's hash, which is what marks the code as used), and recorded only in a batch of at
least `BALLOT_BATCH`, in a random order, the box then emptied from the disk; the answers still
waiting when the survey closes are recorded before its `Closed`. A batch's events all carry
the day it was recorded, so neither order nor stamp tells which answer came after which
taking. The box only ever shows how many answers wait.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain import clock
from domain.errors import DomainError
from domain.events import RecordedEvent
from domain.privacy import Sealed
from domain.values import Actor

LIKERT = (1, 2, 3, 4, 5)  # sangat tidak setuju … sangat setuju
ITEMS_MAX = 20
ITEM_LENGTH = (5, 300)
TITLE_LENGTH = (5, 200)
TOPIC_LENGTH = (0, 300)
FREE_TEXT_MAX = 2_000
CODES_PER_BATCH = 500
PRINTED_LENGTH = 10  # as the SKM codes: XXXXX-XXXXX
DESK_NONCE, DESK_MAC = 10, 6  # a desk code: XXXX-XXXX-XXXX-XXXX
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: a code copied by hand survives
BALLOT_BATCH = 5  # answers recorded together, at the least (all that wait, at close)


def normal_code(code: str) -> str:
    """A code as typed or read from a QR code: upper case, letters and digits only."""
    return "".join(c for c in code.upper() if c.isalnum())


def code_hash(code: str) -> str:
    """What is stored of a code once it answers (and of a printed code when issued)."""
    return hashlib.sha256(normal_code(code).encode("ascii", "ignore")).hexdigest()


def desk_key_subject(survey_id: UUID) -> UUID:
    """The key-store subject of the survey's desk key (destroyed at close)."""
    return uuid5(NAMESPACE_URL, f"rekam:staff-survey-desk:{survey_id.hex}")


def ballot_box_subject(survey_id: UUID) -> UUID:
    """The document-store subject holding the survey's answers waiting to be recorded."""
    return uuid5(NAMESPACE_URL, f"rekam:staff-survey-box:{survey_id.hex}")


@dataclass(frozen=True)
class Ballot:
    """An answer accepted while the survey ran, waiting in the box to be recorded: its code's
    hash, whether the code came from the desk (told by the desk key when it came), the scores
    and the free text already sealed under the survey's key."""

    code_hash: str
    is_desk: bool
    scores: tuple[int, ...]
    free_text: Sealed | None

    def __post_init__(self) -> None:
        if len(self.code_hash) != 64 or any(s not in LIKERT for s in self.scores):
            raise ValueError("not a ballot")


def _base31(digest: bytes, length: int) -> str:
    number = int.from_bytes(digest[:16], "big")
    out = []
    for _ in range(length):
        number, digit = divmod(number, len(ALPHABET))
        out.append(ALPHABET[digit])
    return "".join(out)


def _desk_mac(key: bytes, survey_id: UUID, nonce: str) -> str:
    digest = hmac.new(key, f"code:{survey_id.hex}:{nonce}".encode(), hashlib.sha256).digest()
    return _base31(digest, DESK_MAC)


def desk_code(key: bytes, survey_id: UUID, nonce: str) -> str:
    """The desk code of `nonce` (random letters of ALPHABET), printed in groups of four."""
    raw = nonce + _desk_mac(key, survey_id, nonce)
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def is_desk_code(key: bytes | None, survey_id: UUID, code: str) -> bool:
    """Whether `code` is a desk code of this survey (its MAC checks under the key)."""
    raw = normal_code(code)
    if key is None or len(raw) != DESK_NONCE + DESK_MAC:
        return False
    return hmac.compare_digest(raw[DESK_NONCE:], _desk_mac(key, survey_id, raw[:DESK_NONCE]))


def taker_pseudonym(key: bytes, survey_id: UUID, employee_id: UUID) -> str:
    """Who took a desk code, as only the desk key can tell (the key dies at close)."""
    return hmac.new(key, f"taker:{survey_id.hex}:{employee_id.hex}".encode(),
                    hashlib.sha256).hexdigest()


def _the_day() -> datetime:
    """The recording day at midnight: the stamp of an answer or a taking, so no clock time
    sits beside it to pair a code taken on the desk with the answer given with it."""
    now = clock.now()
    return datetime.combine(now.date(), time(), tzinfo=now.tzinfo)


def check_length(text: str, bounds: tuple[int, int], field: str) -> None:
    """Refuse a text shorter or longer than `bounds` (spaces around it not counted)."""
    if not bounds[0] <= len(text.strip()) <= bounds[1]:
        raise DomainError("STAFF_SURVEY_TEXT_INVALID", field=field, shortest=bounds[0],
                          longest=bounds[1])


class StaffSurvey(Aggregate):
    """Survei pegawai: an anonymous employee survey of a government or one of its agencies."""

    class Event(RecordedEvent):
        pass

    class Opened(Event, Aggregate.Created):
        government_id: UUID
        agency_id: UUID | None  # None: every employee of the government
        title: str
        topic: str
        consultation_id: UUID | None
        items: list[str]
        free_text_question: str | None
        opens_on: date
        closes_on: date

    class CodesIssued(Event):
        batch: int
        agency_id: UUID
        code_hashes: list[str]

        def apply(self, aggregate: StaffSurvey) -> None:
            aggregate.batches = self.batch
            for hashed in self.code_hashes:
                aggregate.printed[hashed] = self.agency_id

    class CodeTaken(Event):
        taker: str

        @staticmethod
        def create_timestamp():  # type: ignore[no-untyped-def]
            return _the_day()

        def apply(self, aggregate: StaffSurvey) -> None:
            aggregate.takers.add(self.taker)

    class AnswerRecorded(Event):
        code_hash: str
        agency_id: UUID | None  # a printed code's agency; None for a desk code
        scores: list[int]
        free_text: Sealed | None

        @staticmethod
        def create_timestamp():  # type: ignore[no-untyped-def]
            return _the_day()

        def apply(self, aggregate: StaffSurvey) -> None:
            aggregate.spent.add(self.code_hash)
            if self.code_hash not in aggregate.printed:
                aggregate.desk_answers += 1
            if self.free_text is not None:
                aggregate.free_texts.append(self.free_text)

    class Closed(Event):
        def apply(self, aggregate: StaffSurvey) -> None:
            aggregate.is_closed = True

    def __init__(self, government_id: UUID, agency_id: UUID | None, title: str, topic: str,
                 consultation_id: UUID | None, items: list[str],
                 free_text_question: str | None, opens_on: date, closes_on: date) -> None:
        self.government_id, self.agency_id = government_id, agency_id
        self.title, self.topic, self.consultation_id = title, topic, consultation_id
        self.items, self.free_text_question = list(items), free_text_question
        self.opens_on, self.closes_on = opens_on, closes_on
        self.is_closed = False
        self.batches = self.desk_answers = 0
        self.printed: dict[str, UUID] = {}
        self.takers: set[str] = set()
        self.spent: set[str] = set()
        self.free_texts: list[Sealed] = []

    @classmethod
    def open(cls, *, id: UUID, government_id: UUID, agency_id: UUID | None, title: str,
             topic: str, consultation_id: UUID | None, items: list[str],
             free_text_question: str | None, opens_on: date, closes_on: date,
             effective_on: date, actor: Actor) -> StaffSurvey:
        check_length(title, TITLE_LENGTH, "title")
        check_length(topic, TOPIC_LENGTH, "topic")
        if not 1 <= len(items) <= ITEMS_MAX:
            raise DomainError("STAFF_SURVEY_ITEMS_INVALID", field="items", largest=ITEMS_MAX)
        for item in items:
            check_length(item, ITEM_LENGTH, "items")
        if free_text_question is not None:
            check_length(free_text_question, ITEM_LENGTH, "free_text_question")
        if closes_on < opens_on or (closes_on - opens_on).days > 366:
            raise DomainError("STAFF_SURVEY_DATES_INVALID", field="closes_on")
        return cls._create(cls.Opened, id=id, government_id=government_id,
                           agency_id=agency_id, title=title.strip(), topic=topic.strip(),
                           consultation_id=consultation_id,
                           items=[i.strip() for i in items],
                           free_text_question=(free_text_question.strip()
                                               if free_text_question else None),
                           opens_on=opens_on, closes_on=closes_on,
                           effective_on=effective_on, actor=actor, legal_basis=None)

    def is_running(self, on: date) -> bool:
        return not self.is_closed and self.opens_on <= on <= self.closes_on

    def covers(self, government_id: UUID, agency_id: UUID) -> bool:
        """Whether an employee of `agency_id` belongs to the surveyed population."""
        return government_id == self.government_id and self.agency_id in (None, agency_id)

    def issue_codes(self, *, agency_id: UUID, code_hashes: list[str], effective_on: date,
                    actor: Actor) -> None:
        """A printed batch for one agency of the population."""
        self._check_not_over(effective_on)
        if self.agency_id not in (None, agency_id):
            raise DomainError("STAFF_SURVEY_AGENCY_INVALID", field="agency_id")
        if not 1 <= len(code_hashes) <= CODES_PER_BATCH:
            raise DomainError("STAFF_SURVEY_BATCH_SIZE_INVALID", field="count",
                              largest=CODES_PER_BATCH)
        if len(set(code_hashes)) != len(code_hashes) or any(
                h in self.printed or h in self.spent for h in code_hashes):
            raise DomainError("STAFF_SURVEY_CODE_DUPLICATE", field="count")
        self.trigger_event(self.CodesIssued, batch=self.batches + 1, agency_id=agency_id,
                           code_hashes=list(code_hashes), effective_on=effective_on,
                           actor=actor, legal_basis=None)

    def take_code(self, *, taker: str, effective_on: date, actor: Actor) -> None:
        """An employee of the population takes their one desk code (made by the service)."""
        self._check_running(effective_on)
        if taker in self.takers:
            raise DomainError("STAFF_SURVEY_CODE_ALREADY_TAKEN", field="survey")
        self.trigger_event(self.CodeTaken, taker=taker, effective_on=effective_on,
                           actor=actor, legal_basis=None)

    def check_answer(self, *, code_hash: str, is_desk: bool, scores: list[int], on: date,
                     waiting: Mapping[str, bool]) -> None:
        """Refuse an answer the survey cannot take: a code recorded or `waiting` in the box
        (hash → whether from the desk), or neither printed nor from the desk (`is_desk`, its
        MAC checked by the service; never more desk answers than desk codes taken)."""
        self._check_running(on)
        if len(scores) != len(self.items) or any(s not in LIKERT for s in scores):
            raise DomainError("STAFF_SURVEY_SCORES_INVALID", field="scores")
        if code_hash in self.spent or code_hash in waiting:
            raise DomainError("STAFF_SURVEY_CODE_SPENT", field="code")
        desk_answers = self.desk_answers + sum(
            1 for hashed, desk in waiting.items() if desk and hashed not in self.spent)
        if code_hash not in self.printed and not (
                is_desk and desk_answers < len(self.takers)):
            raise DomainError("STAFF_SURVEY_CODE_UNKNOWN", field="code")

    def record_answers(self, ballots: Sequence[Ballot], *, effective_on: date,
                       actor: Actor) -> None:
        """Record a batch from the ballot box in the order given (the service shuffles it).
        The answers were checked when they came, while the survey ran, so its dates are not
        checked again (the box is emptied at close, which may come after the last day). A
        ballot whose code is already recorded is skipped (a batch recorded again after a
        stop before the box was emptied), as is a desk ballot beyond the desk codes taken
        (two answers racing for the last one: one of them cannot be genuine)."""
        fresh = [b for b in ballots if b.code_hash not in self.spent]
        if fresh and self.is_closed:
            raise DomainError("STAFF_SURVEY_CLOSED", field="survey")
        for ballot in fresh:
            if ballot.code_hash in self.spent or (
                    ballot.code_hash not in self.printed
                    and not (ballot.is_desk and self.desk_answers < len(self.takers))):
                continue
            self.trigger_event(self.AnswerRecorded, code_hash=ballot.code_hash,
                               agency_id=self.printed.get(ballot.code_hash),
                               scores=list(ballot.scores), free_text=ballot.free_text,
                               effective_on=effective_on, actor=actor, legal_basis=None)

    def close(self, *, effective_on: date, actor: Actor) -> None:
        if self.is_closed:
            raise DomainError("STAFF_SURVEY_CLOSED", field="survey")
        self.trigger_event(self.Closed, effective_on=effective_on, actor=actor,
                           legal_basis=None)

    def _check_not_over(self, on: date) -> None:
        if self.is_closed or on > self.closes_on:
            raise DomainError("STAFF_SURVEY_CLOSED", field="survey")

    def _check_running(self, on: date) -> None:
        self._check_not_over(on)
        if on < self.opens_on:
            raise DomainError("STAFF_SURVEY_NOT_OPEN", field="survey",
                              opens_on=self.opens_on.isoformat())
