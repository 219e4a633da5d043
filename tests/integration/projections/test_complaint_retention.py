"""A complainant's data is erased after retention: what they wrote and their contact are gone
from every stored file, the handling history stays, and the complaint cannot be reopened."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from domain.complaint import Complaint
from domain.errors import DomainError
from domain.privacy import ERASED
from domain.voice_values import Resolution
from projections.retention import complaints_closed_by, erase_complainants_past_retention
from projections.stores.backend import Backend
from projections.views.runner import Projections
from tests.builders.personnel import ADMIN
from tests.builders.voice import HR_ADMIN, complaint, on_day, service_unit
from tests.support.disk import files_holding, stored_files
from tests.support.views import read_rows

RECEIVED = date(2026, 2, 2)
CLOSED = date(2026, 2, 16)
CONTACT = "pelapor.unik@contoh.id 0812-3456-7890"
WRITTEN = "Petugas loket meminta uang pelicin sebesar dua ratus ribu rupiah untuk KTP-el saya."


def a_closed_and_an_open_complaint(projections: Projections) -> tuple[UUID, UUID, str]:
    """One complaint answered and closed on CLOSED, one still waiting; (closed, open, code)."""
    service = projections.service
    agency = UUID(read_rows(projections)["agencies"][0]["id"])
    with on_day(RECEIVED):
        unit_id, service_id = service_unit(service, agency)
        closed = complaint(service, unit_id, service_id, contact=CONTACT, description=WRITTEN)
        waiting = complaint(service, unit_id, service_id)
        key = service.voice.get_complaint(closed.ticket).id
        service.voice.verify_complaint(key, actor=HR_ADMIN)
        service.voice.assign_complaint(key, unit_id=unit_id, actor=HR_ADMIN)
    with on_day(CLOSED - timedelta(days=1)):
        service.voice.answer_complaint(key, answer="Petugas telah diperiksa.", actor=HR_ADMIN)
    with on_day(CLOSED):
        service.voice.close_complaint(key, resolution=Resolution.RESOLVED, actor=HR_ADMIN)
    projections.catch_up()
    return key, service.voice.get_complaint(waiting.ticket).id, closed.code


class TestComplaintRetention:
    def test_due_only_after_the_period_and_once(self, recorded_views: Projections) -> None:
        projections = recorded_views
        closed, waiting, _ = a_closed_and_an_open_complaint(projections)
        assert complaints_closed_by(projections, CLOSED - timedelta(days=1)) == []
        assert complaints_closed_by(projections, CLOSED) == [closed]  # never the open one

        with on_day(CLOSED + timedelta(days=30)):
            assert erase_complainants_past_retention(
                projections, CLOSED + timedelta(days=30), 31, ADMIN) == 0
            assert erase_complainants_past_retention(
                projections, CLOSED + timedelta(days=30), 30, ADMIN) == 1
            assert erase_complainants_past_retention(
                projections, CLOSED + timedelta(days=30), 30, ADMIN) == 0
        assert complaints_closed_by(projections, CLOSED + timedelta(days=30)) == []
        service = projections.service
        assert service.vault.keys.get(service.voice.get_complaint(waiting).subject_id)

    def test_what_they_wrote_is_gone_and_the_history_stays(
            self, recorded_views: Projections, recorded_store: Backend) -> None:
        projections, service = recorded_views, recorded_views.service
        key, _, code = a_closed_and_an_open_complaint(projections)
        before: Complaint = service.voice.get_complaint(key)
        secret = service.vault.keys.get(before.subject_id)
        assert secret is not None
        needles = {"key": secret, "contact": CONTACT.encode(), "text": WRITTEN.encode()}
        # The sealed text is never stored in clear; the key is, until it is destroyed.
        assert set(files_holding(stored_files(recorded_store), needles)) == {"key"}

        later = CLOSED + timedelta(days=800)
        with on_day(later):
            assert erase_complainants_past_retention(projections, later, 730, ADMIN) == 1

        assert files_holding(stored_files(recorded_store), needles) == {}
        after = service.voice.get_complaint(key)
        assert after.is_erased and after.status.value == "closed"
        assert service.vault.open(after.subject_id, "description", after.description) is ERASED
        steps = [s["kind"] for s in read_rows(projections)["complaint_steps"]
                 if s["complaint_id"] == key.hex]
        assert steps[-2:] == ["closed", "dataerased"] and len(steps) == 6
        # The complainant can still follow the ticket, but not reopen it.
        assert service.voice.track(before.ticket, code).id == key
        with on_day(later):
            try:
                service.voice.reopen_complaint(ticket=before.ticket, code=code,
                                               reason="Jawaban belum menyelesaikan masalah.")
            except DomainError as error:
                assert error.code == "COMPLAINT_ERASED_NOT_REOPENED"
            else:
                raise AssertionError("an erased complaint was reopened")
        assert service.voice.get_complaint(key).version == after.version  # nothing written
