"""A commenter's data is erased after retention: what they wrote as sent, their name and
contact are gone from every stored file once the consultation was answered long enough ago;
the moderated text the public reads stays."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from domain.consultation import WithholdReason
from projections.retention import consultations_answered_by, erase_commenters_past_retention
from projections.stores.backend import Backend
from projections.views.runner import Projections
from tests.builders.consultation import comment, consultation
from tests.builders.personnel import ADMIN
from tests.builders.voice import HR_ADMIN, on_day
from tests.support.disk import files_holding, stored_files
from tests.support.views import read_rows

OPENS = date(2026, 3, 2)
ANSWERED = OPENS + timedelta(days=30)
WRITTEN = "Mohon loket KTP-el dibuka hari Sabtu, saya bekerja di pabrik sampai pukul lima sore."
PUBLISHED = "Mohon loket KTP-el dibuka hari Sabtu."
NAME, CONTACT = "Wahyuningsih Pratiwi", "wahyu.pratiwi.unik@contoh.id"


def an_answered_consultation(projections: Projections) -> tuple[UUID, UUID]:
    """A consultation answered on ANSWERED with one published and one withheld comment."""
    service = projections.service
    government = UUID(read_rows(projections)["governments"][0]["id"])
    cid = consultation(service, government, OPENS)
    with on_day(OPENS + timedelta(days=1)):
        kept = comment(service, cid, text=WRITTEN, name=NAME, contact=CONTACT)
        withheld = comment(service, cid, name=None, contact=None)
    with on_day(ANSWERED):
        service.consultation.moderate_comment(cid, comment_id=kept, publish_text=PUBLISHED,
                                              reason=None, actor=HR_ADMIN)
        service.consultation.moderate_comment(cid, comment_id=withheld, publish_text=None,
                                              reason=WithholdReason.DUPLICATE, actor=HR_ADMIN)
        service.consultation.conclude_consultation(cid, minutes="Berita acara forum ...",
                                                   changes=[], actor=HR_ADMIN)
    projections.catch_up()
    return cid, kept


class TestCommenterRetention:
    def test_due_only_after_the_period_once_and_what_they_wrote_is_gone(
            self, recorded_views: Projections, recorded_store: Backend) -> None:
        projections, service = recorded_views, recorded_views.service
        cid, kept = an_answered_consultation(projections)
        assert consultations_answered_by(projections, ANSWERED - timedelta(days=1)) == []
        assert consultations_answered_by(projections, ANSWERED) == [cid]
        subject = service.consultation.get(cid).comments[kept].subject_id
        secret = service.vault.keys.get(subject)
        assert secret is not None
        needles = {"key": secret, "name": NAME.encode(), "contact": CONTACT.encode(),
                   "text": WRITTEN.encode()}
        assert set(files_holding(stored_files(recorded_store), needles)) == {"key"}

        later = ANSWERED + timedelta(days=30)
        with on_day(later):
            assert erase_commenters_past_retention(projections, later, 31, ADMIN) == 0
            assert erase_commenters_past_retention(projections, later, 30, ADMIN) == 2
            assert erase_commenters_past_retention(projections, later, 30, ADMIN) == 0

        assert files_holding(stored_files(recorded_store), needles) == {}
        found = service.consultation.get(cid)
        assert service.consultation.comment_text(found, kept)["text"] is None
        published = [c["text"] for c in read_rows(projections)["consultation_comments"]
                     if c["consultation_id"] == cid.hex and c["state"] == "published"]
        assert published == [PUBLISHED]
