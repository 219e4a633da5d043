"""Builders of anonymous employee surveys: a running survey with statements, and answers."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.personnel_service import PersonnelService
from tests.builders.voice import HR_ADMIN

ITEMS = ["Besaran TPP mendorong saya bekerja lebih baik.",
         "Beban kerja di unit saya wajar.",
         "Atasan memberi umpan balik yang berguna."]
AGREE = [4, 4, 5]


def staff_survey(service: PersonnelService, government_id: UUID, *,
                 agency_id: UUID | None = None, opens_on: date = date(2026, 3, 1),
                 closes_on: date = date(2026, 3, 31), free_text: bool = True) -> UUID:
    return service.staff_survey.open_survey(
        government_id=government_id, agency_id=agency_id,
        title="Survei kepuasan pegawai terhadap TPP 2026", topic="Tambahan penghasilan pegawai",
        items=list(ITEMS),
        free_text_question="Apa yang paling perlu diperbaiki?" if free_text else None,
        opens_on=opens_on, closes_on=closes_on, actor=HR_ADMIN)


def answered(service: PersonnelService, survey_id: UUID, agency_id: UUID, scores: list[list[int]],
             texts: list[str | None] | None = None) -> None:
    """One printed code per answer, issued for `agency_id`, each answered once."""
    codes = service.staff_survey.issue_codes(survey_id, agency_id=agency_id,
                                             count=len(scores), actor=HR_ADMIN)
    for i, (code, row) in enumerate(zip(codes, scores, strict=True)):
        service.staff_survey.answer(survey_id, code=code, scores=row,
                                    free_text=texts[i] if texts else None)
