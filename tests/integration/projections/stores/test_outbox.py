"""The outbox is written in the transaction of the events that cause it, on each backend:
a saved command leaves its rows, a refused command, a dry run and a failed save leave none."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.errors import DomainError
from domain.leave_regulations import LeaveType
from domain.notifications import Change, Notification, NotificationKind
from domain.personnel_service import PersonnelService
from projections.stores.outbox import MAX_ATTEMPTS, Outbox
from tests.builders.personnel import OFFICER, Organisation, refused, stored_count


class EveryChange:
    """A notifier that tells one account of every aggregate a unit saves."""

    def __init__(self, recipient: str | None = "account-1") -> None:
        self.recipient = recipient

    def __call__(self, changes: Sequence[Change]) -> list[Notification]:
        return [Notification(NotificationKind.LEAVE_WAITING, self.recipient,  # type: ignore[arg-type]
                             {"aggregate": aggregate.id.hex})
                for aggregate, _ in changes]


@pytest.fixture
def org(service: PersonnelService) -> Organisation:
    return Organisation.build(service)


def _outbox(service: PersonnelService) -> Outbox:
    return Outbox(service.recorder)


class TestWrittenWithTheEvents:
    def test_a_saved_command_leaves_its_notification(
            self, service: PersonnelService, org: Organisation) -> None:
        service.notifier = EveryChange()
        employee_id = org.appoint_cpns(appointed_on=date(2020, 1, 1))

        rows = _outbox(service).all()
        assert {"aggregate": employee_id.hex} in [row.params for row in rows]
        assert all(row.recipient == "account-1" and row.attempts == 0 for row in rows)
        assert all(row.delivered_at is None and row.next_attempt_at for row in rows)

    def test_a_refused_command_writes_no_notification(
            self, service: PersonnelService, org: Organisation) -> None:
        employee_id = org.appoint_cpns(appointed_on=date(2020, 1, 1))
        service.notifier = EveryChange()
        with refused(service) as excinfo:
            service.leave.request_leave(employee_id, leave_type=LeaveType.COLLECTIVE,
                                        start_on=date(2026, 12, 24),
                                        end_on=date(2026, 12, 24), actor=OFFICER)
        assert excinfo.value.code == "LEAVE_COLLECTIVE_NOT_REQUESTED"
        assert _outbox(service).all() == []

    def test_a_dry_run_writes_no_notification(
            self, service: PersonnelService, org: Organisation) -> None:
        service.notifier = EveryChange()
        with service.dry_run():
            org.appoint_cpns(appointed_on=date(2020, 1, 1))
        assert _outbox(service).all() == []

    def test_events_whose_notification_cannot_be_stored_are_not_stored_either(
            self, service: PersonnelService, org: Organisation) -> None:
        before = stored_count(service)
        service.notifier = EveryChange(recipient=None)  # breaks the outbox's NOT NULL
        with pytest.raises(DomainError):  # the store's IntegrityError: a conflict
            org.appoint_cpns(appointed_on=date(2020, 1, 1))
        assert stored_count(service) == before
        assert _outbox(service).all() == []


class TestDelivery:
    def test_failures_wait_longer_each_time_then_are_given_up_and_can_be_retried(
            self, service: PersonnelService, org: Organisation) -> None:
        service.notifier = EveryChange()
        org.appoint_cpns(appointed_on=date(2020, 1, 1))
        outbox = _outbox(service)
        start = datetime.now(UTC) + timedelta(seconds=1)
        at, waits = start, []
        for _ in range(MAX_ATTEMPTS):
            (row, *_rest) = outbox.due(at)
            outbox.mark_failed(row, "SMTPConnectError", at)
            again = next(r for r in outbox.all() if r.id == row.id)
            if again.next_attempt_at is not None:
                next_at = datetime.strptime(again.next_attempt_at, "%Y-%m-%dT%H:%M:%SZ")
                waits.append(next_at.replace(tzinfo=UTC) - at.replace(microsecond=0))
                at = next_at.replace(tzinfo=UTC)
        assert waits == sorted(waits) and len(waits) == MAX_ATTEMPTS - 1
        summary = outbox.summary()
        assert summary.failed >= 1 and summary.last_errors[0][1] == "SMTPConnectError"
        assert row.id not in [r.id for r in outbox.due(at + timedelta(days=1))]

        assert outbox.retry_now(at) >= 1
        assert row.id in [r.id for r in outbox.due(at)]
        outbox.mark_delivered(row.id, at)
        assert row.id not in [r.id for r in outbox.due(at + timedelta(days=1))]
        assert outbox.summary().delivered == 1

