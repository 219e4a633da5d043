"""Builders of public consultation: a draft policy opened for comments, and comments."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from domain.consultation import ConsultationSubject
from domain.personnel_service import PersonnelService
from tests.builders.voice import HR_ADMIN, on_day

DRAFT = ("Pasal 1\nStandar pelayanan penerbitan KTP-el diselesaikan dalam 1 hari kerja.\n"
         "Pasal 2\nTidak dipungut biaya.")
COMMENT = "Mohon jam layanan loket diperpanjang sampai sore hari bagi pekerja."


def consultation(service: PersonnelService, government_id: UUID, opens_on: date, *,
                 days: int = 21, publish: bool = True, unit_id: UUID | None = None) -> UUID:
    """A consultation drafted (and published) on `opens_on`, closing `days` later."""
    with on_day(opens_on):
        consultation_id = service.consultation.draft_consultation(
            government_id=government_id, agency_id=None, unit_id=unit_id,
            subject=ConsultationSubject.SERVICE_STANDARD,
            title="Rancangan standar pelayanan KTP-el",
            summary="Perubahan waktu dan jam layanan penerbitan KTP-el.", draft_text=DRAFT,
            opens_on=opens_on, closes_on=opens_on + timedelta(days=days), actor=HR_ADMIN)
        if publish:
            service.consultation.publish_consultation(consultation_id, actor=HR_ADMIN)
    return consultation_id


def comment(service: PersonnelService, consultation_id: UUID, *, text: str = COMMENT,
            name: str | None = "Siti Aminah", contact: str | None = "0812 3456 7890",
            is_employee: bool = False) -> UUID:
    return service.consultation.comment(consultation_id, text=text, name=name,
                                        contact=contact, is_employee=is_employee)
