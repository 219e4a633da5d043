"""Public consultation (Forum Konsultasi Publik, PermenPANRB 16/2017) on a draft policy.

Lifecycle: drafted by the government's HR administrator → published (open from its opening
date to its closing date; read as closed the day after, with no event needed) → closed →
answered, when the government records the minutes (berita acara) and what changed in the final
text, after answering the comments theme by theme.

A comment's text, and the commenter's optional name and contact, are sealed under a subject of
the comment's own (like a complaint's), so erasing it leaves the moderation history and nothing
personal. Nothing a commenter wrote is published raw: moderation publishes a masked copy
(domain/masking.py) or withholds it with a reason code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.checks import check_text
from domain.errors import DomainError, Refusals, raise_all
from domain.events import RecordedEvent
from domain.masking import mask
from domain.privacy import Sealed
from domain.values import Actor

# PermenPANRB 16/2017 sets no length for the comment period; two weeks is a policy choice of
# this system (verify against the government's own FKP rules).
MINIMUM_OPEN_DAYS = 14
TITLE_MAX, SUMMARY_MAX, DRAFT_MAX, ANSWER_MAX = 200, 2000, 50_000, 8000
COMMENT_MIN, COMMENT_MAX = 10, 4000
CHANGES_MAX = 50


class ConsultationSubject(Enum):
    """What the draft policy is: a service standard, TPP rules, promotion criteria, other."""

    SERVICE_STANDARD = "service_standard"
    TPP_RULES = "tpp_rules"
    PROMOTION_CRITERIA = "promotion_criteria"
    OTHER = "other"


class ConsultationStatus(Enum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    ANSWERED = "answered"


class WithholdReason(Enum):
    """Why a comment is not published."""

    OFF_TOPIC = "off_topic"
    ABUSIVE = "abusive"
    PERSONAL_DATA = "personal_data"
    DUPLICATE = "duplicate"


@dataclass
class Comment:
    """One comment as the aggregate knows it: sealed text, and its moderation."""

    id: UUID
    subject_id: UUID
    text: Sealed
    name: Sealed | None
    contact: Sealed | None
    is_employee: bool
    received_on: date
    published_text: str | None = None
    withheld_for: WithholdReason | None = None
    is_erased: bool = False

    @property
    def is_pending(self) -> bool:
        return self.published_text is None and self.withheld_for is None


class Consultation(Aggregate):
    """A draft policy put to the public, its comments, and the government's answer."""

    class Event(RecordedEvent):
        pass

    class Drafted(Event, Aggregate.Created):
        government_id: UUID
        agency_id: UUID | None
        unit_id: UUID | None
        subject: ConsultationSubject
        title: str
        summary: str
        draft_text: str
        opens_on: date
        closes_on: date

    class Published(Event):
        def apply(self, aggregate: Consultation) -> None:
            aggregate.is_published = True

    class CommentReceived(Event):
        comment_id: UUID
        subject_id: UUID
        text: Sealed
        name: Sealed | None
        contact: Sealed | None
        is_employee: bool

        def apply(self, aggregate: Consultation) -> None:
            aggregate.comments[self.comment_id] = Comment(
                self.comment_id, self.subject_id, self.text, self.name, self.contact,
                self.is_employee, self.effective_on)

    class CommentPublished(Event):
        comment_id: UUID
        text: str  # masked, as moderated

        def apply(self, aggregate: Consultation) -> None:
            aggregate.comments[self.comment_id].published_text = self.text

    class CommentWithheld(Event):
        comment_id: UUID
        reason: WithholdReason

        def apply(self, aggregate: Consultation) -> None:
            aggregate.comments[self.comment_id].withheld_for = self.reason

    class Closed(Event):
        """Closed by the administrator before its closing date."""

        def apply(self, aggregate: Consultation) -> None:
            aggregate.closed_on = self.effective_on

    class ThemeAnswered(Event):
        theme_id: UUID
        title: str
        comment_ids: tuple[UUID, ...]
        answer: str

        def apply(self, aggregate: Consultation) -> None:
            aggregate.themes[self.theme_id] = self.comment_ids

    class Answered(Event):
        """The minutes (berita acara) and what changed in the final text."""

        minutes: str
        changes: tuple[str, ...]

        def apply(self, aggregate: Consultation) -> None:
            aggregate.is_answered = True
            aggregate.answered_on = self.effective_on
            aggregate.change_count = len(self.changes)

    class CommentersErased(Event):
        """The keys of these comments' subjects were destroyed after retention: what each
        commenter wrote, their name and contact are gone; the published text stays."""

        comment_ids: tuple[UUID, ...]

        def apply(self, aggregate: Consultation) -> None:
            for comment_id in self.comment_ids:
                aggregate.comments[comment_id].is_erased = True

    def __init__(self, government_id: UUID, agency_id: UUID | None, unit_id: UUID | None,
                 subject: ConsultationSubject, title: str, summary: str, draft_text: str,
                 opens_on: date, closes_on: date) -> None:
        self.government_id, self.agency_id, self.unit_id = government_id, agency_id, unit_id
        self.subject, self.title, self.summary = subject, title, summary
        self.draft_text, self.opens_on, self.closes_on = draft_text, opens_on, closes_on
        self.is_published = False
        self.is_answered = False
        self.answered_on: date | None = None
        self.change_count = 0
        self.closed_on: date | None = None
        self.comments: dict[UUID, Comment] = {}
        self.themes: dict[UUID, tuple[UUID, ...]] = {}

    @classmethod
    def draft(cls, *, government_id: UUID, agency_id: UUID | None, unit_id: UUID | None,
              subject: ConsultationSubject, title: str, summary: str, draft_text: str,
              opens_on: date, closes_on: date, today: date, actor: Actor) -> Consultation:
        found = Refusals()
        with found.collecting():
            title = checked_text(title, "title", 3, TITLE_MAX, single_line=True)
        with found.collecting():
            summary = checked_text(summary, "summary", 10, SUMMARY_MAX)
        with found.collecting():
            draft_text = checked_text(draft_text, "draft_text", 10, DRAFT_MAX)
        with found.collecting():
            check_period(opens_on, closes_on, today)
        found.raise_any()
        return cls._create(cls.Drafted, government_id=government_id, agency_id=agency_id,
                           unit_id=unit_id, subject=subject, title=title, summary=summary,
                           draft_text=draft_text, opens_on=opens_on, closes_on=closes_on,
                           effective_on=today, actor=actor, legal_basis=None)

    def status_on(self, today: date) -> ConsultationStatus:
        """Where it stands on `today`: closing is read from the date, no event needed."""
        if self.is_answered:
            return ConsultationStatus.ANSWERED
        if not self.is_published or today < self.opens_on:
            return ConsultationStatus.DRAFT
        if self.closed_on is not None or today > self.closes_on:
            return ConsultationStatus.CLOSED
        return ConsultationStatus.OPEN

    # -- the administrator's steps ----------------------------------------------------------

    def publish(self, *, today: date, actor: Actor) -> None:
        found = Refusals()
        if self.is_published:
            found.add(_not_allowed("publish", self.status_on(today)))
        if self.opens_on < today:
            found.add(DomainError("CONSULTATION_OPENS_IN_PAST", field="opens_on"))
        found.raise_any()
        self.trigger_event(self.Published, effective_on=today, actor=actor, legal_basis=None)

    def close(self, *, today: date, actor: Actor) -> None:
        self._check_status("close", today, ConsultationStatus.OPEN)
        self.trigger_event(self.Closed, effective_on=today, actor=actor, legal_basis=None)

    def moderate(self, *, comment_id: UUID, publish_text: str | None,
                 reason: WithholdReason | None, today: date, actor: Actor) -> None:
        """Publish a comment (its text masked, as the moderator left it) or withhold it."""
        comment = self._comment(comment_id)
        found = Refusals()
        if not comment.is_pending:
            found.add(DomainError("CONSULTATION_COMMENT_MODERATED", field="comment_id"))
        if self.is_answered:
            found.add(_not_allowed("moderate", ConsultationStatus.ANSWERED))
        if (publish_text is None) == (reason is None):
            found.add(DomainError("CONSULTATION_MODERATION_CHOICE", field="reason"))
        if publish_text is not None:
            with found.collecting():
                publish_text = mask(checked_text(publish_text, "text", 1, COMMENT_MAX))
        found.raise_any()
        if publish_text is not None:
            self.trigger_event(self.CommentPublished, comment_id=comment_id, text=publish_text,
                               effective_on=today, actor=actor, legal_basis=None)
        else:
            self.trigger_event(self.CommentWithheld, comment_id=comment_id, reason=reason,
                               effective_on=today, actor=actor, legal_basis=None)

    def answer_theme(self, *, theme_id: UUID, title: str, comment_ids: tuple[UUID, ...],
                     answer: str, today: date, actor: Actor) -> None:
        """The government's answer to a theme: published comments grouped under a title."""
        found = Refusals()
        with found.collecting():
            self._check_status("answer", today, ConsultationStatus.CLOSED)
        with found.collecting():
            title = checked_text(title, "title", 3, TITLE_MAX, single_line=True)
        with found.collecting():
            answer = mask(checked_text(answer, "answer", 10, ANSWER_MAX))
        themed = {c for ids in self.themes.values() for c in ids}
        for comment_id in comment_ids:
            comment = self.comments.get(comment_id)
            if comment is None or comment.published_text is None:
                found.add(DomainError("CONSULTATION_THEME_COMMENT_INVALID",
                                      field="comment_ids"))
            elif comment_id in themed:
                found.add(DomainError("CONSULTATION_COMMENT_THEMED", field="comment_ids"))
        found.raise_any()
        self.trigger_event(self.ThemeAnswered, theme_id=theme_id, title=title,
                           comment_ids=tuple(dict.fromkeys(comment_ids)), answer=answer,
                           effective_on=today, actor=actor, legal_basis=None)

    def conclude(self, *, minutes: str, changes: tuple[str, ...], today: date,
                 actor: Actor) -> None:
        """Record the minutes and the changes to the final text: the consultation is
        answered. Every comment must be moderated first."""
        found = Refusals()
        with found.collecting():
            self._check_status("conclude", today, ConsultationStatus.CLOSED)
        if any(c.is_pending for c in self.comments.values()):
            found.add(DomainError("CONSULTATION_COMMENTS_PENDING", field="step"))
        with found.collecting():
            minutes = mask(checked_text(minutes, "minutes", 10, ANSWER_MAX))
        kept: list[str] = []
        for change in changes:
            with found.collecting():
                if change.strip():
                    kept.append(mask(checked_text(change, "changes", 3, SUMMARY_MAX,
                                                  single_line=True)))
        if len(kept) > CHANGES_MAX:
            found.add(DomainError("CONSULTATION_CHANGES_INVALID", field="changes",
                                  most=CHANGES_MAX))
        found.raise_any()
        self.trigger_event(self.Answered, minutes=minutes, changes=tuple(kept),
                           effective_on=today, actor=actor, legal_basis=None)

    def record_erasure(self, *, today: date, actor: Actor) -> list[Comment]:
        """Mark every comment not yet erased as erased (once the government has answered);
        the comments whose subjects' keys are to be destroyed, empty when none is left."""
        if not self.is_answered:
            raise _not_allowed("erase", self.status_on(today))
        due = [c for c in self.comments.values() if not c.is_erased]
        if due:
            self.trigger_event(self.CommentersErased, comment_ids=tuple(c.id for c in due),
                               effective_on=today, actor=actor, legal_basis=None)
        return due

    # -- the public's step ----------------------------------------------------------------

    def receive_comment(self, *, comment_id: UUID, subject_id: UUID, text: Sealed,
                        name: Sealed | None, contact: Sealed | None, is_employee: bool,
                        today: date, actor: Actor) -> None:
        self.check_open(today)
        self.trigger_event(self.CommentReceived, comment_id=comment_id, subject_id=subject_id,
                           text=text, name=name, contact=contact, is_employee=is_employee,
                           effective_on=today, actor=actor, legal_basis=None)

    def check_open(self, today: date) -> None:
        """Comments are taken only from the opening date to the closing date."""
        if self.status_on(today) is not ConsultationStatus.OPEN:
            raise DomainError("CONSULTATION_NOT_OPEN", field="text")

    def _comment(self, comment_id: UUID) -> Comment:
        try:
            return self.comments[comment_id]
        except KeyError:
            raise DomainError("CONSULTATION_COMMENT_NOT_FOUND", field="comment_id") from None

    def _check_status(self, step: str, today: date, *allowed: ConsultationStatus) -> None:
        status = self.status_on(today)
        if status not in allowed:
            raise _not_allowed(step, status)


def _not_allowed(step: str, status: ConsultationStatus) -> DomainError:
    return DomainError("CONSULTATION_STEP_NOT_ALLOWED", field="step", step=step,
                       status=status.value)


def check_period(opens_on: date, closes_on: date, today: date) -> None:
    """The comment period: not begun before today, at least MINIMUM_OPEN_DAYS long."""
    found: list[DomainError] = []
    if opens_on < today:
        found.append(DomainError("CONSULTATION_OPENS_IN_PAST", field="opens_on"))
    if closes_on < opens_on + timedelta(days=MINIMUM_OPEN_DAYS):
        found.append(DomainError("CONSULTATION_PERIOD_TOO_SHORT", field="closes_on",
                                 days=MINIMUM_OPEN_DAYS))
    raise_all(found)


def checked_text(text: str, field: str, shortest: int, longest: int,
                 single_line: bool = False) -> str:
    """Text as stored: safe characters, spaces collapsed on each line, within its length."""
    check_text(text.replace("\n", " ").replace("\r", " ").replace("\t", " "), field)
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    cleaned = " ".join(lines) if single_line else "\n".join(lines)
    if not shortest <= len(cleaned) <= longest:
        raise DomainError("CONSULTATION_TEXT_INVALID", field=field, shortest=shortest,
                          longest=longest)
    return cleaned
