"""Builders of citizens' voice: a service unit with a service, complaints, and a clock that
stands on a chosen day."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from uuid import UUID

from domain import clock
from domain.personnel_service import PersonnelService
from domain.values import Actor, Role
from domain.voice_service import Receipt
from domain.voice_values import ComplaintCategory

HR_ADMIN = Actor("hradmin.contoh", Role.HR_ADMIN)
DESCRIPTION = "Antrean layanan KTP-el sangat lama dan petugas meminta biaya tambahan."


@contextmanager
def on_day(day: date, hour: int = 9) -> Iterator[None]:
    """Record everything in the block at `hour` o'clock UTC of `day`."""
    with clock.recording_clock(lambda: datetime(day.year, day.month, day.day, hour,
                                                tzinfo=UTC)):
        yield


def service_unit(service: PersonnelService, agency_id: UUID, code: str = "dukcapil-kota"
                 ) -> tuple[UUID, UUID]:
    """A service unit of `agency_id` with one service: (unit id, service id)."""
    unit_id = service.voice.open_service_unit(
        agency_id=agency_id, code=code, name="Dinas Kependudukan dan Pencatatan Sipil",
        address="Jl. Merdeka 1", actor=HR_ADMIN)
    service_id = service.voice.set_service(
        unit_id, name="Penerbitan KTP-el", requirements="Kartu Keluarga\nSurat pengantar",
        duration="1 hari kerja", cost="Tidak dipungut biaya", actor=HR_ADMIN)
    return unit_id, service_id


def complaint(service: PersonnelService, unit_id: UUID, service_id: UUID | None = None, *,
              happened_on: date | None = None, contact: str | None = None,
              is_anonymous: bool = False, description: str = DESCRIPTION) -> Receipt:
    return service.voice.submit_complaint(
        unit_id=unit_id, service_id=service_id, category=ComplaintCategory.COST,
        happened_on=happened_on or clock.now().date(), description=description,
        contact=contact, is_anonymous=is_anonymous)
