"""Citizens' voice through `service.voice`: the holiday calendar, service units, and the
complaint lifecycle with its SP4N-LAPOR! deadlines, each step accepted and refused."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

import pytest

from domain.complaint import Complaint, tracking_hash
from domain.masking import MARK
from domain.personnel_service import PersonnelService
from domain.voice_values import ComplaintStatus, HolidayKind, RejectionReason, Resolution
from tests.builders.personnel import Organisation, refused
from tests.builders.voice import HR_ADMIN, complaint, on_day, service_unit

TUESDAY_BEFORE_LEBARAN = date(2026, 3, 17)


@pytest.fixture
def unit(org: Organisation) -> tuple[object, object]:
    with on_day(date(2026, 1, 5)):
        return service_unit(org.service, org.health_agency_id)


class TestHolidayCalendar:
    def test_an_unopened_year_reads_as_its_seed(self, service: PersonnelService) -> None:
        assert date(2026, 8, 17) in service.voice.days_off(2026, 2026)
        assert service.voice.calendar(2026) is None

    def test_the_administrator_adds_a_day_and_deadlines_move(
            self, service: PersonnelService) -> None:
        with on_day(date(2026, 11, 2)):
            before = service.voice.working_days_after(date(2026, 11, 9), 3)
            service.voice.set_holiday(on=date(2026, 11, 10), kind=HolidayKind.NATIONAL,
                                      name="Libur khusus", actor=HR_ADMIN)
            assert service.voice.working_days_after(date(2026, 11, 9), 3) == date(2026, 11, 13)
        assert before == date(2026, 11, 12)
        calendar = service.voice.calendar(2026)
        assert calendar is not None and date(2026, 8, 17) in calendar.days  # seed copied

    def test_a_removed_day_is_a_working_day_again(self, service: PersonnelService) -> None:
        with on_day(date(2026, 11, 2)):
            service.voice.remove_holiday(on=date(2026, 12, 24), actor=HR_ADMIN)
        assert date(2026, 12, 24) not in service.voice.days_off(2026, 2026)

    def test_refusals(self, service: PersonnelService) -> None:
        with on_day(date(2026, 11, 2)):
            with refused(service) as excinfo:
                service.voice.remove_holiday(on=date(2026, 12, 23), actor=HR_ADMIN)
            assert excinfo.value.code == "HOLIDAY_NOT_FOUND"
            with refused(service) as excinfo:
                service.voice.set_holiday(on=date(2026, 12, 25), kind=HolidayKind.NATIONAL,
                                          name="Hari Raya Natal", actor=HR_ADMIN)
            assert excinfo.value.code == "HOLIDAY_UNCHANGED"
            with refused(service) as excinfo:
                service.voice.set_holiday(on=date(2101, 1, 1), kind=HolidayKind.NATIONAL,
                                          name="Jauh", actor=HR_ADMIN)
            assert excinfo.value.code == "HOLIDAY_YEAR_INVALID"

    def test_a_day_outside_the_calendars_year_is_refused(self) -> None:
        from domain.holidays import HolidayCalendar

        with on_day(date(2026, 11, 2)):
            calendar = HolidayCalendar.open(year=2026, effective_on=date(2026, 11, 2),
                                            actor=HR_ADMIN)
            with refused() as excinfo:
                calendar.set_day(on=date(2027, 1, 1), kind=HolidayKind.NATIONAL, name="X",
                                 effective_on=date(2026, 11, 2), actor=HR_ADMIN)
        assert excinfo.value.code == "HOLIDAY_OUTSIDE_YEAR"


class TestServiceUnits:
    def test_a_unit_publishes_its_services_and_withdraws_one(
            self, org: Organisation, unit: tuple) -> None:
        unit_id, service_id = unit
        found = org.service.voice.get_unit(unit_id)
        assert found.services[service_id].duration == "1 hari kerja"
        with on_day(date(2026, 1, 6)):
            org.service.voice.withdraw_service(unit_id, service_id=service_id, actor=HR_ADMIN)
        assert org.service.voice.get_unit(unit_id).services == {}

    def test_refusals(self, org: Organisation, unit: tuple) -> None:
        service, (unit_id, service_id) = org.service, unit
        with on_day(date(2026, 1, 6)):
            with refused(service) as excinfo:
                service.voice.open_service_unit(agency_id=org.agency_id, code="dukcapil-kota",
                                                name="Lain", address="Jl. A", actor=HR_ADMIN)
            assert excinfo.value.code == "SERVICE_UNIT_CODE_TAKEN"
            with refused(service) as excinfo:
                service.voice.set_service(unit_id, name="Penerbitan KTP-el", requirements="a",
                                          duration="b", cost="c", actor=HR_ADMIN)
            assert excinfo.value.code == "SERVICE_NAME_TAKEN"
            with refused(service) as excinfo:
                service.voice.set_service(unit_id, service_id=service_id,
                                          name="Penerbitan KTP-el",
                                          requirements="Kartu Keluarga\nSurat pengantar",
                                          duration="1 hari kerja", cost="Tidak dipungut biaya",
                                          actor=HR_ADMIN)
            assert excinfo.value.code == "SERVICE_UNCHANGED"
            with refused(service) as excinfo:
                service.voice.set_service(unit_id, name="Akta", requirements=" ",
                                          duration="b", cost="c", actor=HR_ADMIN)
            assert excinfo.value.code == "STANDARD_TEXT_INVALID"
            with refused(service) as excinfo:
                service.voice.withdraw_service(unit_id, service_id=uuid4(), actor=HR_ADMIN)
            assert excinfo.value.code == "SERVICE_NOT_IN_UNIT"


class TestComplaintLifecycle:
    def test_a_complaint_received_before_lebaran_is_due_after_the_holidays(
            self, org: Organisation, unit: tuple) -> None:
        with on_day(TUESDAY_BEFORE_LEBARAN):
            receipt = complaint(org.service, unit[0], unit[1])
        found = org.service.voice.track(receipt.ticket, receipt.code)
        assert found.status is ComplaintStatus.RECEIVED
        assert found.verify_by == date(2026, 3, 27)
        assert found.resolve_by == date(2026, 5, 16)
        assert found.is_overdue(date(2026, 3, 30)) and not found.is_overdue(date(2026, 3, 27))

    def test_from_receipt_to_closing_and_reopening_each_step_is_recorded_with_its_actor(
            self, org: Organisation, unit: tuple) -> None:
        voice = org.service.voice
        with on_day(date(2026, 6, 1)):  # a holiday: received anyway
            receipt = complaint(org.service, unit[0], contact="0812 3456 7890")
        cid = voice.get_complaint(receipt.ticket).id
        with on_day(date(2026, 6, 2)):
            voice.verify_complaint(cid, actor=HR_ADMIN, version=1)
            voice.assign_complaint(cid, unit_id=unit[0], actor=HR_ADMIN)
        assigned = voice.get_complaint(cid)
        assert assigned.due_on == date(2026, 6, 9)
        with on_day(date(2026, 6, 4)):
            voice.answer_complaint(cid, answer="Petugas telah ditegur.", actor=HR_ADMIN)
            voice.close_complaint(cid, resolution=Resolution.RESOLVED, actor=HR_ADMIN)
        with on_day(date(2026, 6, 8)):
            voice.reopen_complaint(ticket=receipt.ticket.lower(), code=receipt.code,
                                   reason="Biaya tambahan masih diminta pada hari Senin.")
        reopened = voice.get_complaint(cid)
        assert reopened.status is ComplaintStatus.REOPENED and reopened.reopen_count == 1
        events: list[Any] = list(org.service.repository.event_store.get(cid))
        actors = [(type(e).__name__, e.actor.role.value) for e in events]
        assert actors == [("Submitted", "citizen"), ("Verified", "hr_admin"),
                          ("Assigned", "hr_admin"), ("Answered", "hr_admin"),
                          ("Closed", "hr_admin"), ("Reopened", "citizen")]
        submitted = events[0]
        assert org.service.vault.open(submitted.subject_id, "contact",
                                      submitted.contact) == "0812 3456 7890"
        assert submitted.tracking_hash == tracking_hash(receipt.code)
        assert receipt.code.replace("-", "") not in repr(vars(submitted))

    def test_the_complainant_is_erased_once_handling_is_over_and_cannot_reopen_then(
            self, org: Organisation, unit: tuple) -> None:
        voice = org.service.voice
        with on_day(date(2026, 6, 2)):
            receipt = complaint(org.service, unit[0], contact="0812 3456 7890")
            cid = voice.get_complaint(receipt.ticket).id
            with refused(org.service) as excinfo:  # still being handled
                voice.erase_complainant(cid, actor=HR_ADMIN)
            assert excinfo.value.code == "COMPLAINT_STEP_NOT_ALLOWED"
            voice.reject_complaint(cid, reason=RejectionReason.DUPLICATE, note="",
                                   actor=HR_ADMIN)
            voice.erase_complainant(cid, actor=HR_ADMIN)
            erased = voice.get_complaint(cid)
            assert erased.is_erased and org.service.vault.keys.get(erased.subject_id) is None
            with refused(org.service) as excinfo:
                voice.erase_complainant(cid, actor=HR_ADMIN)
            assert excinfo.value.code == "COMPLAINT_ALREADY_ERASED"
            with refused(org.service) as excinfo:
                voice.reopen_complaint(ticket=receipt.ticket, code=receipt.code,
                                       reason="Pengaduan saya bukan duplikat, mohon diperiksa.")
            assert excinfo.value.code == "COMPLAINT_ERASED_NOT_REOPENED"
        assert org.service.vault.keys.get(erased.subject_id) is None  # no key made again

    def test_staff_text_is_stored_masked_since_no_erasure_reaches_the_log(
            self, org: Organisation, unit: tuple) -> None:
        voice = org.service.voice
        with on_day(date(2026, 6, 2)):
            receipt = complaint(org.service, unit[0])
            cid = voice.get_complaint(receipt.ticket).id
            voice.verify_complaint(cid, actor=HR_ADMIN)
            voice.assign_complaint(cid, unit_id=unit[0], actor=HR_ADMIN)
            voice.answer_complaint(cid, answer="Hubungi 0812 3456 7890 atau a.b@contoh.id; "
                                   "biaya Rp 15.000 dikembalikan.", actor=HR_ADMIN)
        answered: Any = list(org.service.repository.event_store.get(cid))[-1]
        assert answered.answer == (f"Hubungi {MARK} atau {MARK}; "
                                   "biaya Rp 15.000 dikembalikan.")

    def test_a_rejection_carries_its_reason_and_ends_the_handling(
            self, org: Organisation, unit: tuple) -> None:
        voice = org.service.voice
        with on_day(date(2026, 6, 2)):
            receipt = complaint(org.service, unit[0])
            cid = voice.get_complaint(receipt.ticket).id
            voice.reject_complaint(cid, reason=RejectionReason.DUPLICATE,
                                   note="Sama dengan ADU-2026-XXXXXX.", actor=HR_ADMIN)
            with refused(org.service) as excinfo:
                voice.assign_complaint(cid, unit_id=unit[0], actor=HR_ADMIN)
        assert excinfo.value.code == "COMPLAINT_STEP_NOT_ALLOWED"
        assert not voice.get_complaint(cid).is_overdue(date(2027, 1, 1))

    def test_refusals_of_the_public_form(self, org: Organisation, unit: tuple) -> None:
        service = org.service
        with on_day(date(2026, 6, 2)):
            with refused(service) as excinfo:
                complaint(service, unit[0], happened_on=date(2026, 6, 3))
            assert excinfo.value.code == "COMPLAINT_IN_FUTURE"
            with refused(service) as excinfo:
                complaint(service, unit[0], happened_on=date(2023, 1, 1))
            assert excinfo.value.code == "COMPLAINT_TOO_OLD"
            with refused(service) as excinfo:
                complaint(service, unit[0], description="terlalu pendek")
            assert excinfo.value.code == "COMPLAINT_DESCRIPTION_INVALID"
            with refused(service) as excinfo:
                complaint(service, unit[0], contact="a@b.id", is_anonymous=True)
            assert excinfo.value.code == "COMPLAINT_ANONYMOUS_WITH_CONTACT"
            with refused(service) as excinfo:
                complaint(service, unit[0], uuid4())
            assert excinfo.value.code == "SERVICE_NOT_IN_UNIT"

    def test_a_wrong_code_or_ticket_finds_nothing_and_a_stale_version_conflicts(
            self, org: Organisation, unit: tuple) -> None:
        voice = org.service.voice
        with on_day(date(2026, 6, 2)):
            receipt = complaint(org.service, unit[0])
            with refused(org.service) as excinfo:
                voice.track(receipt.ticket, "AAAA-BBBB-CCCC")
            assert excinfo.value.code == "COMPLAINT_NOT_FOUND"
            with refused(org.service) as excinfo:
                voice.track("ADU-2026-NOSUCH", receipt.code)
            assert excinfo.value.code == "COMPLAINT_NOT_FOUND"
            cid = voice.get_complaint(receipt.ticket).id
            with refused(org.service) as excinfo:
                voice.verify_complaint(cid, actor=HR_ADMIN, version=2)
            assert excinfo.value.code == "CONCURRENT_CHANGE"
            with refused(org.service) as excinfo:
                voice.answer_complaint(cid, answer="x", actor=HR_ADMIN)
            assert excinfo.value.code == "COMPLAINT_STEP_NOT_ALLOWED"
            voice.verify_complaint(cid, actor=HR_ADMIN)
            voice.assign_complaint(cid, unit_id=unit[0], actor=HR_ADMIN)
            with refused(org.service) as excinfo:
                voice.answer_complaint(cid, answer="  ", actor=HR_ADMIN)
            assert excinfo.value.code == "COMPLAINT_TEXT_INVALID"

    def test_a_unit_of_another_government_cannot_take_the_complaint(
            self, org: Organisation, unit: tuple) -> None:
        service = org.service
        with on_day(date(2026, 6, 2)):
            other = service.establish_government(code="kab-lain", name="Kabupaten Lain",
                                                 province="Jawa Tengah",
                                                 effective_on=date(2000, 1, 1), actor=HR_ADMIN)
            agency = service.establish_agency(government_id=other, code="dinas",
                                              name="Dinas Lain", effective_on=date(2000, 1, 1),
                                              actor=HR_ADMIN)
            foreign, _ = service_unit(service, agency, code="lain-dukcapil")
            receipt = complaint(service, unit[0])
            cid = service.voice.get_complaint(receipt.ticket).id
            service.voice.verify_complaint(cid, actor=HR_ADMIN)
            with refused(service) as excinfo:
                service.voice.assign_complaint(cid, unit_id=foreign, actor=HR_ADMIN)
        assert excinfo.value.code == "SERVICE_UNIT_OUTSIDE_GOVERNMENT"
        assert isinstance(service.voice.get_complaint(cid), Complaint)
