"""`rekam import-legacy`: a SIMPEG-style CSV through the domain rules, all or nothing.

The organisation of tests/fixtures/legacy/simpeg_sample.csv (docs/IMPORT.md) is set up first,
then the sample is imported through the real command on each backend.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from domain.values import Grade, PositionType
from projections.stores.backend import count_events
from tests.builders.personnel import ADMIN
from web import get_projections, get_service

SAMPLE = Path(__file__).resolve().parents[3] / "fixtures" / "legacy" / "simpeg_sample.csv"
IMPORTED = {"198001012005011001", "199002022015032002", "199503032020212005"}
REJECTED = {"198505052010011003": "TRAINING_HOURS_INVALID",
            "197001011995011004": "NIP_BIRTH_DATE_MISMATCH"}


def build_organisation(app: Flask) -> None:
    """Kota Contoh with its BKPSDM, two units and the positions the sample names."""
    service = get_service(app)
    on = date(2001, 1, 1)
    government = service.establish_government(code="contoh", name="Kota Contoh",
                                              province="Jawa Tengah", effective_on=on,
                                              actor=ADMIN)
    agency = service.establish_agency(government_id=government, code="bkpsdm",
                                      name="BKPSDM", effective_on=on, actor=ADMIN)
    umum = service.add_unit(agency_id=agency, code="umum", name="Subbagian Umum",
                            effective_on=on, actor=ADMIN)
    service.add_unit(agency_id=agency, code="pengembangan", name="Bidang Pengembangan",
                     effective_on=on, actor=ADMIN)
    service.establish_position(agency_id=agency, unit_id=umum, title="Kepala Subbagian Umum",
                               position_type=PositionType.PENGAWAS, lowest=Grade("III/b"),
                               highest=Grade("IV/a"), effective_on=on, actor=ADMIN)
    service.establish_position(agency_id=agency, unit_id=umum, title="Pengadministrasi Umum",
                               position_type=PositionType.PELAKSANA, lowest=Grade("I/a"),
                               highest=Grade("III/d"), effective_on=on, actor=ADMIN)


@pytest.fixture
def app(store_env: dict[str, str], make_app: Callable[..., Flask]) -> Flask:
    app = make_app(**store_env)
    build_organisation(app)
    return app


def run(app: Flask, file: str, report: Path) -> Any:
    return app.test_cli_runner().invoke(args=["import-legacy", file, "--operator", "bkpsdm",
                                              "--report", str(report)])


def roster(app: Flask) -> dict[str, dict[str, Any]]:
    projections = get_projections(app)
    projections.catch_up()
    view = projections.views["roster"]
    with projections.store.read() as sql:
        rows = sql.execute(f"SELECT nip, grade, unit_id, status, training_jp, rating "
                           f"FROM {view.table('roster')}").fetchall()
    keys = ("nip", "grade", "unit_id", "status", "training_jp", "rating")
    return {row[0] if not isinstance(row, dict) else row["nip"]:
            dict(zip(keys, row.values() if isinstance(row, dict) else row, strict=True))
            for row in rows}


class TestImportingTheSample:
    def test_valid_employees_are_recorded_and_rejected_ones_reported_with_reasons(
            self, app: Flask, tmp_path: Path) -> None:
        report = tmp_path / "rejected.csv"
        result = run(app, str(SAMPLE), report)
        assert result.exit_code == 0, result.output
        assert "Imported 3 of 5 employees (7 rows)" in result.output
        people = roster(app)
        assert set(people) == IMPORTED
        assert people["199002022015032002"]["grade"] == "II/b"
        assert people["199002022015032002"]["rating"] == "BAIK"
        with report.open() as file:
            rows = list(csv.DictReader(file))
        codes = {(row["line"], row["code"]) for row in rows}
        assert ("8", "TRAINING_HOURS_INVALID") in codes
        assert {("7", "LEGACY_EMPLOYEE_SKIPPED"), ("9", "LEGACY_EMPLOYEE_SKIPPED")} <= codes
        assert any(code == "NIP_BIRTH_DATE_MISMATCH" for _, code in codes)
        text = report.read_text()
        assert "Bambang" not in text and "198505052010011003" not in text  # no personal data
        service = get_service(app)
        for nip in REJECTED:
            assert service.find_by_nip(nip) is None  # the numbers were given back

    def test_the_report_can_be_json(self, app: Flask, tmp_path: Path) -> None:
        report = tmp_path / "rejected.json"
        assert run(app, str(SAMPLE), report).exit_code == 0
        rejected = json.loads(report.read_text())
        assert {r["code"] for r in rejected} >= set(REJECTED.values())
        assert all(r["message_id"] and r["message_en"] for r in rejected)


class TestNothingHalfImported:
    def test_a_second_import_of_the_same_file_records_nothing_new(
            self, app: Flask, tmp_path: Path) -> None:
        assert run(app, str(SAMPLE), tmp_path / "first.csv").exit_code == 0
        before = count_events(get_service(app))
        result = run(app, str(SAMPLE), tmp_path / "again.csv")
        assert result.exit_code == 0
        assert "Imported 0 of 5 employees" in result.output
        assert count_events(get_service(app)) == before
        with (tmp_path / "again.csv").open() as file:
            rows = list(csv.DictReader(file))
        assert {r["code"] for r in rows if r["kind"] == "opening"} >= {"NIP_DUPLICATE"}

    def test_an_unexpected_error_abandons_the_whole_import(
            self, app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        service = get_service(app)
        before = count_events(service)
        original = service.complete_training

        def broken(*args: Any, **kwargs: Any) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(service, "complete_training", broken)
        result = run(app, str(SAMPLE), tmp_path / "report.csv")
        monkeypatch.setattr(service, "complete_training", original)
        assert result.exit_code != 0 and "nothing was imported" in result.output
        assert count_events(service) == before
        assert all(service.find_by_nip(nip) is None for nip in IMPORTED)

    def test_a_file_without_the_required_columns_is_refused(
            self, app: Flask, tmp_path: Path) -> None:
        bad = tmp_path / "bad.csv"
        bad.write_text("nomor,jenis\n1,opening\n")
        result = run(app, str(bad), tmp_path / "report.csv")
        assert result.exit_code != 0 and "lacks the columns nip, kind, tmt" in result.output

    def test_a_copy_of_the_sample_with_semicolons_reads_the_same(
            self, app: Flask, tmp_path: Path) -> None:
        copy = tmp_path / "semicolon.csv"
        with SAMPLE.open() as sample:
            rows = list(csv.reader(sample))
        with copy.open("w", newline="") as out:
            csv.writer(out, delimiter=";").writerows(rows)
        result = run(app, str(copy), tmp_path / "report.csv")
        assert result.exit_code == 0 and "Imported 3 of 5 employees" in result.output
