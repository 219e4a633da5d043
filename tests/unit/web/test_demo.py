"""The demo generator: realistic, reproducible, and within the rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from domain.employee import Employee
from projections.backend import Backend, open_service
from web.demo import load_demo

TODAY = date(2026, 11, 1)


def _history(data_dir: Path) -> list[tuple[str, int]]:
    service = open_service(Backend.from_env({"REKAM_DATA_DIR": str(data_dir)}))
    try:
        notifications = service.recorder.select_notifications(1, 100_000)
        return [(n.topic, n.originator_version) for n in notifications]
    finally:
        service.close()


def test_the_same_seed_gives_the_same_history(tmp_path: Path) -> None:
    load_demo(tmp_path / "a", employees=50, years=2, seed=11, today=TODAY)
    load_demo(tmp_path / "b", employees=50, years=2, seed=11, today=TODAY)
    load_demo(tmp_path / "c", employees=50, years=2, seed=12, today=TODAY)
    first, second, other = (_history(tmp_path / n) for n in "abc")
    assert first == second
    assert first != other


def test_the_demo_records_the_kinds_of_action_a_personnel_office_records(
        tmp_path: Path) -> None:
    load_demo(tmp_path, employees=150, years=6, seed=5, today=TODAY)
    topics = {topic.rsplit(".", 1)[-1] for topic, _ in _history(tmp_path)}
    for kind in ("RecordOpened", "Appointed", "ProbationPassed", "RankPromoted",
                 "PositionAssigned", "TrainingCompleted", "AppraisalRecorded", "Separated"):
        assert kind in topics, kind


def test_recording_times_trail_the_effective_dates(tmp_path: Path) -> None:
    load_demo(tmp_path, employees=40, years=2, seed=2, today=TODAY)
    service = open_service(Backend.from_env({"REKAM_DATA_DIR": str(tmp_path)}))
    try:
        for notification in service.recorder.select_notifications(1, 100_000):
            event = service.mapper.to_domain_event(notification)
            if isinstance(event, Employee.Event):
                assert event.timestamp.date() >= event.effective_on
                assert event.timestamp.date() <= date.today()
    finally:
        service.close()
