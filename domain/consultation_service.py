"""Commands of public consultation (`service.consultation`): drafting and publishing a draft
policy, comments from the public, moderation, answers per theme and the minutes."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from domain import clock
from domain.application import RekamApplication, command
from domain.checks import checked_contact, checked_name
from domain.consultation import (
    COMMENT_MAX,
    COMMENT_MIN,
    Consultation,
    ConsultationSubject,
    WithholdReason,
    checked_text,
)
from domain.errors import ConcurrencyConflictError, DomainError, Refusals
from domain.organisation import Agency
from domain.service_unit import ServiceUnit
from domain.values import Actor, Role

CITIZEN = Actor("public", Role.CITIZEN)


class ConsultationService:
    """Public consultations, recorded in the application's store."""

    def __init__(self, app: RekamApplication) -> None:
        self.app = app

    def get(self, consultation_id: UUID) -> Consultation:
        return self.app.load(consultation_id, Consultation, "Konsultasi publik")

    def _staff(self, consultation_id: UUID, version: int | None) -> Consultation:
        found = self.get(consultation_id)
        if version is not None and found.version != version:
            raise ConcurrencyConflictError(current=found.version, expected=version)
        return found

    @command
    def draft_consultation(self, *, government_id: UUID, agency_id: UUID | None,
                           unit_id: UUID | None, subject: ConsultationSubject, title: str,
                           summary: str, draft_text: str, opens_on: date, closes_on: date,
                           actor: Actor) -> UUID:
        """A draft policy of the government (about one agency or service unit, if given)."""
        found = Refusals()
        if agency_id is not None:
            with found.collecting():
                agency = self.app.load(agency_id, Agency, "Perangkat daerah")
                if agency.government_id != government_id:
                    raise DomainError("CONSULTATION_UNIT_OUTSIDE_GOVERNMENT", field="agency_id")
        if unit_id is not None:
            with found.collecting():
                unit = self.app.load(unit_id, ServiceUnit, "Unit pelayanan")
                if unit.government_id != government_id:
                    raise DomainError("CONSULTATION_UNIT_OUTSIDE_GOVERNMENT", field="unit_id")
        with found.collecting():
            consultation = Consultation.draft(
                government_id=government_id, agency_id=agency_id, unit_id=unit_id,
                subject=subject, title=title, summary=summary, draft_text=draft_text,
                opens_on=opens_on, closes_on=closes_on, today=clock.now().date(), actor=actor)
        found.raise_any()
        self.app.record(consultation)
        return consultation.id

    @command
    def publish_consultation(self, consultation_id: UUID, *, actor: Actor,
                             version: int | None = None) -> None:
        consultation = self._staff(consultation_id, version)
        consultation.publish(today=clock.now().date(), actor=actor)
        self.app.record(consultation)

    @command
    def close_consultation(self, consultation_id: UUID, *, actor: Actor,
                           version: int | None = None) -> None:
        """Close before the closing date (it closes by itself the day after)."""
        consultation = self._staff(consultation_id, version)
        consultation.close(today=clock.now().date(), actor=actor)
        self.app.record(consultation)

    @command
    def comment(self, consultation_id: UUID, *, text: str, name: str | None,
                contact: str | None, is_employee: bool) -> UUID:
        """A comment from the public form, sealed under a new subject of its own."""
        consultation = self.get(consultation_id)
        found = Refusals()
        with found.collecting():
            try:
                text = checked_text(text, "text", COMMENT_MIN, COMMENT_MAX)
            except DomainError as error:
                if error.code != "CONSULTATION_TEXT_INVALID":
                    raise
                raise DomainError("CONSULTATION_COMMENT_INVALID", field="text",
                                  shortest=COMMENT_MIN, longest=COMMENT_MAX) from None
        with found.collecting():
            name = checked_name(name, "name") if name and name.strip() else None
        with found.collecting():
            contact = checked_contact(contact)
        today = clock.now().date()
        with found.collecting():
            consultation.check_open(today)
        found.raise_any()
        comment_id, subject = uuid4(), uuid4()
        vault = self.app.vault
        consultation.receive_comment(
            comment_id=comment_id, subject_id=subject,
            text=vault.seal(subject, "text", text, is_new=True),
            name=vault.seal(subject, "name", name) if name else None,
            contact=vault.seal(subject, "contact", contact) if contact else None,
            is_employee=is_employee, today=today, actor=CITIZEN)
        self.app.record(consultation)
        return comment_id

    @command
    def moderate_comment(self, consultation_id: UUID, *, comment_id: UUID,
                         publish_text: str | None, reason: WithholdReason | None,
                         actor: Actor, version: int | None = None) -> None:
        """Publish a comment (masked; the moderator may shorten or strip it) or withhold it."""
        consultation = self._staff(consultation_id, version)
        consultation.moderate(comment_id=comment_id, publish_text=publish_text, reason=reason,
                              today=clock.now().date(), actor=actor)
        self.app.record(consultation)

    @command
    def erase_commenters(self, consultation_id: UUID, *, actor: Actor) -> int:
        """Hapus data pemberi masukan after retention (UU PDP Pasal 43): destroy the key of
        every comment not yet erased, then record it; how many were erased."""
        consultation = self.get(consultation_id)
        due = consultation.record_erasure(today=clock.now().date(), actor=actor)
        for comment in due:
            self.app.vault.erase(comment.subject_id)
        if due:
            self.app.record(consultation)
        return len(due)

    def comment_text(self, consultation: Consultation, comment_id: UUID) -> dict[str, str | None]:
        """What a commenter wrote, with their name and contact (the moderators' page only)."""
        comment = consultation.comments[comment_id]
        opened = self.app.vault.open_fields(comment.subject_id, {
            "text": comment.text, "name": comment.name, "contact": comment.contact})
        return {k: (v if isinstance(v, str) else None) for k, v in opened.items()}

    @command
    def answer_theme(self, consultation_id: UUID, *, title: str, comment_ids: list[UUID],
                     answer: str, actor: Actor, version: int | None = None) -> UUID:
        """The government's answer to one theme of the published comments."""
        consultation = self._staff(consultation_id, version)
        theme_id = uuid4()
        consultation.answer_theme(theme_id=theme_id, title=title,
                                  comment_ids=tuple(comment_ids), answer=answer,
                                  today=clock.now().date(), actor=actor)
        self.app.record(consultation)
        return theme_id

    @command
    def conclude_consultation(self, consultation_id: UUID, *, minutes: str,
                              changes: list[str], actor: Actor,
                              version: int | None = None) -> None:
        """The minutes (berita acara) and the changes made to the final text."""
        consultation = self._staff(consultation_id, version)
        consultation.conclude(minutes=minutes, changes=tuple(changes),
                              today=clock.now().date(), actor=actor)
        self.app.record(consultation)
