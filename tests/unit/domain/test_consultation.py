"""Public consultation through `service.consultation`: drafting and publishing, comments only
while open, moderation, answers per theme and the minutes, each accepted and refused."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID, uuid4

import pytest

from domain.consultation import ConsultationStatus, ConsultationSubject, WithholdReason
from domain.masking import MARK
from domain.personnel_service import PersonnelService
from tests.builders.consultation import COMMENT, comment, consultation
from tests.builders.personnel import Organisation, refused
from tests.builders.voice import HR_ADMIN, on_day, service_unit

OPENS = date(2026, 3, 2)
CLOSES = OPENS + timedelta(days=21)
AFTER = CLOSES + timedelta(days=1)


@pytest.fixture
def open_one(org: Organisation) -> UUID:
    return consultation(org.service, org.government_id, OPENS)


def _moderated(service: PersonnelService, cid: UUID, comment_id: UUID) -> None:
    service.consultation.moderate_comment(cid, comment_id=comment_id,
                                          publish_text=COMMENT, reason=None, actor=HR_ADMIN)


class TestDraftAndPublish:
    def test_a_published_draft_is_open_until_its_closing_date_then_closed(
            self, org: Organisation, open_one: UUID) -> None:
        found = org.service.consultation.get(open_one)
        assert found.status_on(OPENS) is ConsultationStatus.OPEN
        assert found.status_on(CLOSES) is ConsultationStatus.OPEN
        assert found.status_on(AFTER) is ConsultationStatus.CLOSED

    def test_an_unpublished_draft_stays_a_draft(self, org: Organisation) -> None:
        cid = consultation(org.service, org.government_id, OPENS, publish=False)
        assert org.service.consultation.get(cid).status_on(OPENS + timedelta(days=3)) \
            is ConsultationStatus.DRAFT

    def test_every_refusal_of_a_draft_is_told_at_once(self, org: Organisation) -> None:
        with on_day(OPENS), refused(org.service) as excinfo:
            org.service.consultation.draft_consultation(
                government_id=org.government_id, agency_id=None, unit_id=None,
                subject=ConsultationSubject.OTHER, title="", summary="pendek",
                draft_text="Isi rancangan kebijakan.", opens_on=OPENS - timedelta(days=1),
                closes_on=OPENS + timedelta(days=5), actor=HR_ADMIN)
        codes = {(p.code, p.field) for p in excinfo.value.problems}
        assert excinfo.value.code == "CONSULTATION_TEXT_INVALID"
        assert codes == {("CONSULTATION_TEXT_INVALID", "title"),
                         ("CONSULTATION_TEXT_INVALID", "summary"),
                         ("CONSULTATION_OPENS_IN_PAST", "opens_on"),
                         ("CONSULTATION_PERIOD_TOO_SHORT", "closes_on")}

    def test_a_period_shorter_than_the_minimum_is_refused(self, org: Organisation) -> None:
        with refused(org.service) as excinfo:
            consultation(org.service, org.government_id, OPENS, days=13)
        assert excinfo.value.code == "CONSULTATION_PERIOD_TOO_SHORT"
        consultation(org.service, org.government_id, OPENS, days=14)

    def test_a_draft_opening_in_the_past_cannot_be_published(self, org: Organisation) -> None:
        cid = consultation(org.service, org.government_id, OPENS, publish=False)
        with on_day(OPENS + timedelta(days=1)), refused(org.service) as excinfo:
            org.service.consultation.publish_consultation(cid, actor=HR_ADMIN)
        assert excinfo.value.code == "CONSULTATION_OPENS_IN_PAST"

    def test_a_unit_of_another_government_is_refused(self, org: Organisation) -> None:
        with on_day(OPENS):
            unit_id, _ = service_unit(org.service, org.health_agency_id)
            other = org.service.establish_government(
                code="lain", name="Kabupaten Lain", province="Jawa Tengah",
                effective_on=OPENS, actor=HR_ADMIN)
        with refused(org.service) as excinfo:
            consultation(org.service, other, OPENS, unit_id=unit_id)
        assert excinfo.value.code == "CONSULTATION_UNIT_OUTSIDE_GOVERNMENT"

    def test_publishing_twice_is_refused(self, org: Organisation, open_one: UUID) -> None:
        with on_day(OPENS), refused(org.service) as excinfo:
            org.service.consultation.publish_consultation(open_one,
                                                          actor=HR_ADMIN)
        assert excinfo.value.code == "CONSULTATION_STEP_NOT_ALLOWED"


class TestComments:
    def test_a_comment_is_sealed_and_pending(self, org: Organisation, open_one: UUID) -> None:
        with on_day(OPENS + timedelta(days=2)):
            comment_id = comment(org.service, open_one)
        found = org.service.consultation.get(open_one)
        sealed = found.comments[comment_id]
        assert sealed.is_pending and b"Siti" not in sealed.text.as_text().encode()
        opened = org.service.consultation.comment_text(found, comment_id)
        assert opened == {"text": COMMENT, "name": "Siti Aminah", "contact": "0812 3456 7890"}

    def test_a_comment_after_the_closing_date_is_refused(
            self, org: Organisation, open_one: UUID) -> None:
        with on_day(AFTER), refused(org.service) as excinfo:
            comment(org.service, open_one)
        assert excinfo.value.code == "CONSULTATION_NOT_OPEN"

    def test_a_comment_before_publication_is_refused(self, org: Organisation) -> None:
        cid = consultation(org.service, org.government_id, OPENS, publish=False)
        with on_day(OPENS), refused(org.service) as excinfo:
            comment(org.service, cid)
        assert excinfo.value.code == "CONSULTATION_NOT_OPEN"

    def test_an_empty_comment_and_a_closed_consultation_are_told_together(
            self, org: Organisation, open_one: UUID) -> None:
        with on_day(AFTER), refused(org.service) as excinfo:
            comment(org.service, open_one, text="ok")
        assert excinfo.value.code == "CONSULTATION_COMMENT_INVALID"
        assert {p.code for p in excinfo.value.problems} == {
            "CONSULTATION_COMMENT_INVALID", "CONSULTATION_NOT_OPEN"}

    def test_closing_early_ends_the_comments(self, org: Organisation, open_one: UUID) -> None:
        with on_day(OPENS + timedelta(days=3)):
            org.service.consultation.close_consultation(open_one,
                                                        actor=HR_ADMIN)
            with refused(org.service) as excinfo:
                comment(org.service, open_one)
        assert excinfo.value.code == "CONSULTATION_NOT_OPEN"


class TestModeration:
    def test_a_published_comment_is_masked(self, org: Organisation, open_one: UUID) -> None:
        with on_day(OPENS + timedelta(days=2)):
            comment_id = comment(org.service, open_one)
            org.service.consultation.moderate_comment(
                open_one, comment_id=comment_id,
                publish_text="Hubungi saya di 0812-3456-7890 atau siti@contoh.id ya.",
                reason=None, actor=HR_ADMIN)
        text = org.service.consultation.get(open_one).comments[
            comment_id].published_text
        assert text == f"Hubungi saya di {MARK} atau {MARK} ya."

    def test_withheld_with_a_reason_and_not_twice(self, org: Organisation,
                                                  open_one: UUID) -> None:
        with on_day(OPENS + timedelta(days=2)):
            comment_id = comment(org.service, open_one)
            org.service.consultation.moderate_comment(
                open_one, comment_id=comment_id, publish_text=None,
                reason=WithholdReason.ABUSIVE, actor=HR_ADMIN)
            with refused(org.service) as excinfo:
                _moderated(org.service, open_one, comment_id)
        assert excinfo.value.code == "CONSULTATION_COMMENT_MODERATED"

    def test_both_or_neither_choice_is_refused(self, org: Organisation,
                                               open_one: UUID) -> None:
        with on_day(OPENS + timedelta(days=2)):
            comment_id = comment(org.service, open_one)
            with refused(org.service) as excinfo:
                org.service.consultation.moderate_comment(
                    open_one, comment_id=comment_id, publish_text=None,
                    reason=None, actor=HR_ADMIN)
        assert excinfo.value.code == "CONSULTATION_MODERATION_CHOICE"

    def test_an_unknown_comment_is_refused(self, org: Organisation, open_one: UUID) -> None:
        with on_day(OPENS + timedelta(days=2)), refused(org.service) as excinfo:
            _moderated(org.service, open_one, uuid4())
        assert excinfo.value.code == "CONSULTATION_COMMENT_NOT_FOUND"


class TestAnswer:
    def _with_comments(self, org: Organisation, cid: UUID) -> tuple[UUID, UUID]:
        with on_day(OPENS + timedelta(days=2)):
            first = comment(org.service, cid)
            second = comment(org.service, cid, name=None, contact=None, is_employee=True)
            _moderated(org.service, cid, first)
        return first, second

    def test_themes_minutes_and_changes_make_it_answered(self, org: Organisation,
                                                         open_one: UUID) -> None:
        first, second = self._with_comments(org, open_one)
        consult = org.service.consultation
        with on_day(AFTER):
            consult.moderate_comment(open_one, comment_id=second,
                                     publish_text=None, reason=WithholdReason.DUPLICATE,
                                     actor=HR_ADMIN)
            consult.answer_theme(open_one, title="Jam layanan",
                                 comment_ids=[first],
                                 answer="Jam layanan loket diperpanjang sampai pukul 16.00.",
                                 actor=HR_ADMIN)
            consult.conclude_consultation(
                open_one, minutes="Forum Konsultasi Publik diselenggarakan pada ...",
                changes=["Pasal 1: jam layanan sampai pukul 16.00", ""], actor=HR_ADMIN)
        assert consult.get(open_one).status_on(AFTER) is ConsultationStatus.ANSWERED

    def test_after_the_answer_the_commenters_are_erased_once_and_the_published_text_stays(
            self, org: Organisation, open_one: UUID) -> None:
        first, second = self._with_comments(org, open_one)
        consult = org.service.consultation
        with on_day(AFTER):
            with refused(org.service) as early:  # not before the government answered
                consult.erase_commenters(open_one, actor=HR_ADMIN)
            assert early.value.code == "CONSULTATION_STEP_NOT_ALLOWED"
            consult.moderate_comment(open_one, comment_id=second, publish_text=None,
                                     reason=WithholdReason.DUPLICATE, actor=HR_ADMIN)
            consult.conclude_consultation(open_one, minutes="Berita acara forum ...",
                                          changes=[], actor=HR_ADMIN)
            found = consult.get(open_one)
            assert consult.comment_text(found, first)["text"] == COMMENT
            assert consult.erase_commenters(open_one, actor=HR_ADMIN) == 2
            assert consult.erase_commenters(open_one, actor=HR_ADMIN) == 0  # nothing left
        found = consult.get(open_one)
        assert all(c.is_erased for c in found.comments.values())
        assert consult.comment_text(found, first) == {"text": None, "name": None,
                                                      "contact": None}
        assert found.comments[first].published_text == COMMENT

    def test_answering_while_open_or_with_pending_comments_is_refused(
            self, org: Organisation, open_one: UUID) -> None:
        first, _second = self._with_comments(org, open_one)
        consult = org.service.consultation
        with on_day(CLOSES), refused(org.service) as excinfo:
            consult.answer_theme(open_one, title="Jam layanan",
                                 comment_ids=[first],
                                 answer="Jawaban pemerintah atas tema ini.", actor=HR_ADMIN)
        assert excinfo.value.code == "CONSULTATION_STEP_NOT_ALLOWED"
        with on_day(AFTER), refused(org.service) as excinfo:
            consult.conclude_consultation(open_one, minutes="Berita acara forum.",
                                          changes=["x" * 3000], actor=HR_ADMIN)
        assert excinfo.value.code == "CONSULTATION_COMMENTS_PENDING"
        assert {p.field for p in excinfo.value.problems} == {"step", "changes"}

    def test_a_theme_groups_only_published_comments_each_once(
            self, org: Organisation, open_one: UUID) -> None:
        first, second = self._with_comments(org, open_one)
        consult = org.service.consultation
        with on_day(AFTER):
            with refused(org.service) as excinfo:
                consult.answer_theme(open_one, title="Tema",
                                     comment_ids=[second],
                                     answer="Jawaban pemerintah atas tema ini.", actor=HR_ADMIN)
            assert excinfo.value.code == "CONSULTATION_THEME_COMMENT_INVALID"
            consult.answer_theme(open_one, title="Tema", comment_ids=[first],
                                 answer="Jawaban pemerintah atas tema ini.", actor=HR_ADMIN)
            with refused(org.service) as excinfo:
                consult.answer_theme(open_one, title="Tema dua",
                                     comment_ids=[first],
                                     answer="Jawaban pemerintah atas tema ini.", actor=HR_ADMIN)
            assert excinfo.value.code == "CONSULTATION_COMMENT_THEMED"

    def test_too_many_changes_are_refused(self, org: Organisation, open_one: UUID) -> None:
        with on_day(AFTER), refused(org.service) as excinfo:
            org.service.consultation.conclude_consultation(
                open_one, minutes="Berita acara forum konsultasi.",
                changes=[f"Perubahan {i}" for i in range(51)], actor=HR_ADMIN)
        assert excinfo.value.code == "CONSULTATION_CHANGES_INVALID"
