"""The reminders: a granted CLTN's return report (written with the decision, waiting until
the day after the leave, not sent once the return was reported), and carried-over annual
leave that lapses at the year's end (the monthly job, October to December only, once a
month)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from uuid import UUID

import pytest
from flask import Flask

from domain.leave_regulations import LeaveType, UnpaidLeaveReason
from domain.notifications import NotificationKind
from domain.values import Actor, LegalBasis, Role
from tests.builders.personnel import OFFICER, Organisation
from tests.builders.voice import on_day
from tests.support.mail import MailServer
from web import get_service
from web.accounts.store import get_accounts
from web.outbox import get_outbox
from web.outbox.delivery import deliver_due
from web.outbox.reminders import lapsing_days, remind_lapsing_balances

TODAY = date(2026, 10, 1)
ADDRESS = "veteran@test.example"

OFFICIAL = Actor("hradmin.uji", Role.HR_ADMIN)


@pytest.fixture
def mail() -> Iterator[MailServer]:
    server = MailServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def app(store_env: dict[str, str], make_app: Callable[..., Flask], mail: MailServer) -> Flask:
    return make_app(**store_env, **mail.settings())


@pytest.fixture
def veteran(app: Flask) -> Iterator[UUID]:
    """A PNS since 2016 (CLTN open to them) with an account and an address."""
    with app.app_context(), on_day(TODAY):
        org = Organisation.build(get_service(app))
        employee_id = org.appoint_cpns(appointed_on=date(2016, 4, 1))
        accounts = get_accounts(app)
        account = accounts.add(username="pegawai.veteran", password_hash="x",
                               role=Role.EMPLOYEE, government_id=org.government_id.hex,
                               agency_id=org.agency_id.hex, employee_id=employee_id.hex)
        accounts.set_email(account.id, ADDRESS)
        yield employee_id


def _granted_cltn(app: Flask, employee_id: UUID) -> UUID:
    leave = get_service(app).leave
    request_id = leave.request_leave(
        employee_id, leave_type=LeaveType.UNPAID, start_on=date(2027, 1, 4),
        end_on=date(2027, 12, 31), ground=UnpaidLeaveReason.CARE_FOR_PARENT.value,
        bkn_approval_ref="PERTEK-BKN/123/2026", actor=OFFICER)
    leave.approve_leave(request_id, actor=OFFICIAL,  # only the authorised official decides
                        legal_basis=LegalBasis("800/CLTN/2026", TODAY))
    return request_id


def _return_due(app: Flask) -> list[str | None]:
    return [row.next_attempt_at for row in get_outbox(app).all()
            if row.kind == NotificationKind.LEAVE_RETURN_DUE.value]


class TestReturnDue:
    def test_the_reminder_waits_until_the_day_after_the_leave_then_is_sent(
            self, app: Flask, veteran: UUID, mail: MailServer) -> None:
        with app.app_context(), on_day(TODAY):
            _granted_cltn(app, veteran)
            assert _return_due(app) == ["2028-01-01T01:00:00Z"]
            deliver_due(app)
            assert [m["Subject"] for m in mail.inbox.to(ADDRESS)] == [
                "Permintaan cuti Anda disetujui"]  # the decision only, not yet the reminder
            sent = deliver_due(app, at=datetime(2028, 1, 2, tzinfo=UTC))
        assert sent.sent == 1
        assert "laporkan kembalinya anda" in mail.inbox.to(ADDRESS)[-1].get_payload(
            decode=True).decode().lower()  # type: ignore[union-attr]

    def test_no_reminder_is_sent_once_the_return_was_reported(
            self, app: Flask, veteran: UUID, mail: MailServer) -> None:
        with app.app_context(), on_day(TODAY):
            request_id = _granted_cltn(app, veteran)
            deliver_due(app)
            leave = get_service(app).leave
        with app.app_context(), on_day(date(2027, 12, 31)):
            leave.record_leave_taken(request_id, actor=OFFICER)
            leave.report_return(request_id, reported_on=date(2027, 12, 31), actor=OFFICER)
            skipped = deliver_due(app, at=datetime(2028, 1, 2, tzinfo=UTC))
        assert (skipped.sent, skipped.skipped) == (0, 1)
        assert len(mail.inbox.to(ADDRESS)) == 1 and _return_due(app) == []


class TestLapsingLeave:
    def test_the_monthly_job_reminds_in_the_last_quarter_once_a_month(
            self, app: Flask, veteran: UUID, mail: MailServer) -> None:
        with app.app_context(), on_day(TODAY):
            days = lapsing_days(app, veteran, 2026)
            assert days > 0  # six years without leave: days were carried into 2026
            assert remind_lapsing_balances(app, date(2026, 9, 1)) == 0
            assert remind_lapsing_balances(app, date(2026, 10, 1)) == 1
            assert remind_lapsing_balances(app, date(2026, 10, 1)) == 0  # run again: nothing
            assert remind_lapsing_balances(app, date(2026, 11, 1)) == 1
            deliver_due(app)
        bodies = [m.get_payload(decode=True).decode()  # type: ignore[union-attr]
                  for m in mail.inbox.to(ADDRESS)]
        assert len(bodies) == 2 and all(f"{days} hari cuti tahunan" in b for b in bodies)
        assert all("31 Desember 2026" in b for b in bodies)
