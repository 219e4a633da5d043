"""E-mail notifications of leave, delivered to a real SMTP server started by the test, on each
backend: the superior is told of a request, HR of a considered one, the employee of the
decision; a server that is away leaves the mail waiting on the admin page until it is back;
a refused command writes no notification."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from uuid import UUID

import pytest
from flask import Flask

from domain.errors import DomainError
from domain.leave_regulations import LeaveType
from domain.leave_request import Recommendation
from domain.values import Actor, Role
from projections.stores.outbox import now
from projections.views import hr_queries
from tests.builders.personnel import refused
from tests.support.dates import REAL_TODAY
from tests.support.mail import MailServer
from tests.support.staff import csrf_token, login, text
from web import catch_up_views, get_service
from web.accounts.store import Account, get_accounts
from web.outbox import get_outbox
from web.outbox.delivery import deliver_due

EMPLOYEE_MAIL = "pegawai@test.example"
SUPERIOR_MAIL = "atasan@test.example"
HR_MAIL = "hradmin@test.example"


@pytest.fixture
def mail() -> Iterator[MailServer]:
    server = MailServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def app(demo_env: dict[str, str], make_app: Callable[..., Flask], mail: MailServer) -> Flask:
    app = make_app(**demo_env, **mail.settings())
    with app.app_context():
        _give_addresses(app)
    return app


def _give_addresses(app: Flask) -> None:
    """An employee of the demo with a possible superior in their agency: an account for each
    (`pegawai.uji`, `atasan.uji<n>`), and hradmin.salatiga, each with an address."""
    from domain.regulations import rater_types

    accounts, projections = get_accounts(app), catch_up_views(app)
    government_id = hr_queries.government_by_code(projections, "salatiga")
    page = hr_queries.search_roster(projections, hr_queries.Scope(government_id=government_id),
                                    hr_queries.RosterQuery(), REAL_TODAY)
    for row in page.rows:
        if accounts.for_employee(row["employee_id"]) is not None:
            continue
        state = get_service(app).get_employee(UUID(row["employee_id"])).state
        types = sorted(t.value for t in rater_types(state.position_type))
        raters = hr_queries.raters(projections, row["agency_id"], types,
                                   exclude=row["employee_id"])
        raters = [r for r in raters if accounts.for_employee(r["employee_id"]) is None]
        if raters and _may_take_annual_leave(app, UUID(row["employee_id"])):
            break
    else:
        raise AssertionError("no employee of the demo has a superior in their agency")
    employee = accounts.add(username="pegawai.uji", password_hash="x", role=Role.EMPLOYEE,
                            government_id=government_id, agency_id=row["agency_id"],
                            employee_id=row["employee_id"])
    accounts.set_email(employee.id, EMPLOYEE_MAIL)
    accounts.set_email(_account(app, "hradmin.salatiga").id, HR_MAIL)
    for n, superior_row in enumerate(raters):
        superior = accounts.add(username=f"atasan.uji{n}", password_hash="x",
                                role=Role.EMPLOYEE, government_id=government_id,
                                agency_id=row["agency_id"],
                                employee_id=superior_row["employee_id"])
        accounts.set_email(superior.id, SUPERIOR_MAIL if n == 0 else f"atasan{n}@test.example")


def _may_take_annual_leave(app: Flask, employee_id: UUID) -> bool:
    """Whether the request `_request` makes would be accepted (a year of continuous service,
    days left): checked in a dry run, which writes nothing."""
    service, start = get_service(app), _monday_in(3)
    try:
        with service.dry_run():
            service.leave.request_leave(employee_id, leave_type=LeaveType.ANNUAL,
                                        start_on=start, end_on=start + timedelta(days=1),
                                        actor=Actor("hradmin.salatiga", Role.HR_ADMIN))
    except DomainError:
        return False
    return True


def _account(app: Flask, username: str) -> Account:
    account = get_accounts(app).by_username(username)
    assert account is not None
    return account


def _monday_in(weeks: int) -> date:
    day = REAL_TODAY + timedelta(weeks=weeks)
    return day - timedelta(days=day.weekday())


def _request(app: Flask, weeks: int = 3) -> UUID:
    employee = _account(app, "pegawai.uji")
    start = _monday_in(weeks)
    return get_service(app).leave.request_leave(
        UUID(str(employee.employee_id)), leave_type=LeaveType.ANNUAL, start_on=start,
        end_on=start + timedelta(days=1), actor=Actor(employee.id, Role.EMPLOYEE))


def _bodies(mail: MailServer, address: str) -> list[tuple[str, str]]:
    return [(str(m["Subject"]), m.get_payload(decode=True).decode())  # type: ignore[union-attr]
            for m in mail.inbox.to(address)]


class TestLeaveNotifications:
    def test_the_superior_hr_and_the_employee_are_each_told_their_step(
            self, app: Flask, mail: MailServer) -> None:
        with app.app_context():
            request_id = _request(app)
            assert deliver_due(app).sent >= 1
            (subject, body), = _bodies(mail, SUPERIOR_MAIL)
            assert "menunggu pertimbangan" in subject.lower()
            assert "https://rekam.test.example/saya/atasan" in body
            row = hr_queries.employee_row(catch_up_views(app),
                                          str(_account(app, "pegawai.uji").employee_id))
            assert row is not None
            assert row["nip"] not in body and row["name"] not in body + subject
            assert mail.inbox.to(EMPLOYEE_MAIL) == [] and mail.inbox.to(HR_MAIL) == []

            superior = _account(app, "atasan.uji0")
            get_service(app).leave.consider_leave(
                request_id, recommendation=Recommendation.RECOMMEND,
                superior_id=UUID(str(superior.employee_id)),
                actor=Actor(superior.id, Role.EMPLOYEE))
            deliver_due(app)
            (subject, body), = _bodies(mail, HR_MAIL)
            assert "/hr/cuti" in body

            get_service(app).leave.approve_leave(
                request_id, actor=Actor(_account(app, "hradmin.salatiga").id, Role.HR_ADMIN))
            deliver_due(app)
            (subject, body), = _bodies(mail, EMPLOYEE_MAIL)
            assert "disetujui" in subject and "/saya" in body

    def test_a_refused_command_or_a_dry_run_writes_no_notification(
            self, app: Flask, mail: MailServer) -> None:
        with app.app_context():
            _request(app)
            before = len(get_outbox(app).all())
            with refused(get_service(app)):
                _request(app)  # the same days again: overlaps
            with get_service(app).dry_run():
                _request(app, weeks=6)
            assert len(get_outbox(app).all()) == before

    def test_a_mail_server_away_leaves_the_mail_waiting_on_the_admin_page_until_it_is_back(
            self, app: Flask, mail: MailServer) -> None:
        mail.stop()
        with app.app_context():
            _request(app)
            failed = deliver_due(app)
            assert failed.sent == 0 and failed.failed >= 1
        client = app.test_client()
        login(client, "admin")
        page = text(client.get("/admin/jobs"))
        assert 'data-testid="mail-error"' in page and "ConnectionRefusedError" in page
        assert SUPERIOR_MAIL not in page and "@" not in page.split('id="mail"')[1][:2000]

        mail.start()
        with app.app_context():
            assert deliver_due(app).sent == 0  # its next attempt has not come yet
            assert deliver_due(app, at=now() + timedelta(minutes=2)).sent >= 1
        assert len(mail.inbox.to(SUPERIOR_MAIL)) == 1

    def test_retry_now_on_the_admin_page_makes_given_up_mail_due_again(
            self, app: Flask, mail: MailServer) -> None:
        mail.stop()
        with app.app_context():
            _request(app)
            at = now()
            for minutes in (0, 2, 10, 45, 180):
                deliver_due(app, at=at + timedelta(minutes=minutes))
            assert get_outbox(app).summary().failed >= 1
        mail.start()
        client = app.test_client()
        login(client, "admin")
        page = text(client.get("/admin/jobs"))
        response = client.post("/admin/outbox/retry", data={"csrf_token": csrf_token(page)})
        assert response.status_code == 302
        with app.app_context():
            assert deliver_due(app, at=now() + timedelta(seconds=1)).sent >= 1
        assert len(mail.inbox.to(SUPERIOR_MAIL)) == 1

    def test_without_a_mail_server_nothing_is_sent_and_the_admin_page_says_so(
            self, demo_env: dict[str, str], make_app: Callable[..., Flask]) -> None:
        app = make_app(**demo_env)
        with app.app_context():
            assert deliver_due(app).describe() == "REKAM_SMTP_HOST not set: nothing sent"
        client = app.test_client()
        login(client, "admin")
        assert 'data-testid="mail-off"' in text(client.get("/admin/jobs"))


class TestCommand:
    def test_rekam_outbox_send_delivers_what_is_due_and_status_counts_it(
            self, app: Flask, mail: MailServer) -> None:
        with app.app_context():
            _request(app)
        runner = app.test_cli_runner()
        sent = runner.invoke(args=["outbox", "send"])
        assert sent.exit_code == 0, sent.output
        assert "mails sent, 0 failed" in sent.output
        assert len(mail.inbox.to(SUPERIOR_MAIL)) == 1
        shown = runner.invoke(args=["outbox", "status"])
        assert "waiting: 0" in shown.output and "delivered: " in shown.output
        assert "@" not in shown.output
