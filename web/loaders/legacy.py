"""Legacy import: personnel history from a SIMPEG-style CSV, through the domain rules.

The file layout is documented in docs/IMPORT.md. Rows are applied in order of their TMT (an
employee's opening row first), as the commands HR would have recorded: `open_record` (saldo
awal), `assign_position`, `promote_rank`, `transfer`, `complete_training`, `record_appraisal`.

All or nothing, per employee and per file: an employee any of whose rows breaks a rule (or
cannot be read) is left out entirely, and each of their rows is reported with the reason;
every other employee is imported. The whole file is recorded in one batch, one transaction:
a pass that meets a new rejection (say, a rater who was left out) is abandoned and run again
without that employee, so the pass that commits meets none; an unexpected error abandons the
import and nothing is written. An abandoned pass leaves nothing behind: numbers and keys are
written with the batch's events (domain/unit_of_work.py).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from domain.checks import PersonInput
from domain.errors import DomainError
from domain.personnel_service import PersonnelService
from domain.values import (
    Actor,
    Education,
    EmployeeStatus,
    EmploymentType,
    Expectation,
    Grade,
    JpHours,
    PromotionKind,
    Rating,
    Sex,
    TrainingType,
)
from projections.views.organisation import directory
from web.loaders.legacy_csv import LegacyRowError, Row

_ORDER = {"opening": 0, "position": 1, "transfer": 2, "promotion": 3, "training": 4,
          "appraisal": 5}


@dataclass
class Rejection:
    line: int
    kind: str
    field: str | None
    code: str
    message_id: str
    message_en: str


@dataclass
class LegacyReport:
    employees: int = 0
    imported_employees: int = 0
    imported_rows: int = 0
    passes: int = 0
    rejections: list[Rejection] = field(default_factory=list)

class _Abandon(Exception):
    """Raised inside a pass's batch to throw the batch away."""


@dataclass
class _Person:
    nip: str
    rows: list[Row]
    subject_id: UUID = field(default_factory=uuid4)
    employee_id: UUID = field(default_factory=uuid4)


class LegacyImport:
    """One import of one file into `service`; `organisation` maps codes to ids."""

    def __init__(self, service: PersonnelService, organisation: Organisation, actor: Actor,
                 progress: Callable[[int, int, int], None] | None = None) -> None:
        self.service, self.organisation, self.actor = service, organisation, actor
        self.progress = progress or (lambda pass_number, done, total: None)

    def run(self, rows: list[Row]) -> LegacyReport:
        people: dict[str, _Person] = {}
        for row in rows:
            people.setdefault(row.nip, _Person(row.nip, [])).rows.append(row)
        ordered = sorted(rows, key=lambda r: (_sort_date(r), _ORDER.get(r.kind, 9), r.line))
        rejected: dict[str, tuple[Row, Any]] = {}
        report = LegacyReport(employees=len(people))
        while True:
            report.passes += 1
            found = self._pass(ordered, people, rejected, report.passes)
            if not found:
                break
            rejected.update(found)
        report.rejections = _rejections(people, rejected)
        report.imported_employees = len(people) - len(rejected)
        report.imported_rows = sum(len(p.rows) for n, p in people.items() if n not in rejected)
        return report

    def _pass(self, rows: list[Row], people: dict[str, _Person],
              rejected: dict[str, tuple[Row, Any]], number: int) -> dict[str, tuple[Row, Any]]:
        """Apply every row of the employees not rejected yet, in one batch; the batch is
        saved only when no new row was rejected (returns the new rejections)."""
        found: dict[str, tuple[Row, Any]] = {}
        opened: set[str] = set()
        try:
            with self.service.batch():
                for done, row in enumerate(rows, start=1):
                    if row.nip not in rejected and row.nip not in found:
                        try:
                            self._apply(row, people[row.nip], opened, people)
                        except (DomainError, LegacyRowError) as error:
                            found[row.nip] = (row, error)
                    if done % 500 == 0 or done == len(rows):
                        self.progress(number, done, len(rows))
                if found:
                    raise _Abandon
        except _Abandon:
            pass
        return found

    def _apply(self, row: Row, person: _Person, opened: set[str],
               people: dict[str, _Person]) -> None:
        service, actor, kind = self.service, self.actor, row.kind
        if kind == "opening":
            self._open(row, person)
            opened.add(person.nip)
            return
        if not kind:
            raise LegacyRowError("LEGACY_VALUE_INVALID", "kind", hint=", ".join(_ORDER))
        if person.nip not in opened:
            raise LegacyRowError("LEGACY_NO_OPENING", "kind")
        on = row.date("tmt")
        assert on is not None
        employee_id = person.employee_id
        if kind == "position":
            state = service.get_employee(employee_id).state
            assert state.agency_id is not None and state.unit_id is not None
            position_id = self.organisation.vacant_position(
                service, state.agency_id, state.unit_id, row.text("position") or "")
            service.assign_position(employee_id, position_id=position_id, effective_on=on,
                                    actor=actor, legal_basis=row.legal_basis())
        elif kind == "promotion":
            service.promote_rank(employee_id, kind=row.choice(
                "promotion_kind", PromotionKind, {"REGULER": "REGULAR", "PILIHAN": "CHOICE",
                                                  "FUNGSIONAL": "FUNCTIONAL"}),
                to_grade=Grade(row.text("grade") or ""), effective_on=on, actor=actor,
                legal_basis=row.legal_basis())
        elif kind == "transfer":
            government = service.get_employee(employee_id).state.government_id
            assert government is not None  # every opened record belongs to a government
            agency_id, unit_id = self.organisation.unit(government, row)
            service.transfer(employee_id, to_agency_id=agency_id, to_unit_id=unit_id,
                             effective_on=on, actor=actor, legal_basis=row.legal_basis())
        elif kind == "training":
            service.complete_training(
                employee_id, training_type=row.choice("training_type", TrainingType),
                title=row.text("title") or "", hours_jp=JpHours(row.number("hours_jp")),
                topics=(), effective_on=on, actor=actor, legal_basis=row.legal_basis())
        else:
            rater_nip = row.text("rater_nip", required=False)
            rater_id = None
            if rater_nip is not None:
                rater = people.get("".join(rater_nip.split()))
                rater_id = (rater.employee_id if rater is not None
                            else service.find_by_nip(rater_nip))
                if rater_id is None:
                    raise LegacyRowError("LEGACY_UNKNOWN_RATER", "rater_nip")
            service.record_appraisal(
                employee_id, year=int(row.number("year")),
                work_result=row.choice("work_result", Expectation, _EXPECTATIONS),
                behaviour=row.choice("behaviour", Expectation, _EXPECTATIONS),
                rater_id=rater_id, effective_on=on, actor=actor)

    def _open(self, row: Row, person: _Person) -> None:
        employment_type = row.choice("employment_type", EmploymentType)
        government = self.organisation.government(row.text("government") or "")
        agency_id, unit_id = self.organisation.unit(government, row)
        birth_on, on = row.date("birth_on"), row.date("tmt")
        grade_since, appointed_on = row.date("grade_tmt"), row.date("appointed_on")
        assert birth_on and on and grade_since and appointed_on
        self.service.open_record(
            person=PersonInput(name=row.text("name") or "", nip=person.nip, birth_on=birth_on,
                               sex=row.choice("sex", Sex, {"L": "1", "P": "2", "M": "1",
                                                           "F": "2"})),
            employment_type=employment_type,
            status=row.choice("status", EmployeeStatus, required=False) or (
                EmployeeStatus.PPPK if employment_type is EmploymentType.PPPK
                else EmployeeStatus.PNS),
            agency_id=agency_id, unit_id=unit_id, education=row.choice("education", Education),
            grade=Grade(row.text("grade") or ""), grade_since=grade_since,
            appointed_on=appointed_on,
            probation_passed_on=row.date("probation_passed_on", required=False),
            prior_ratings=_prior_ratings(row), effective_on=on, actor=self.actor,
            legal_basis=row.legal_basis(),
            contract_ends_on=row.date("contract_ends_on", required=False),
            subject_id=person.subject_id, id=person.employee_id)
        if row.text("position", required=False):
            position_id = self.organisation.vacant_position(self.service, agency_id, unit_id,
                                                            row.text("position") or "")
            self.service.assign_position(person.employee_id, position_id=position_id,
                                         effective_on=on, actor=self.actor, legal_basis=None)



_EXPECTATIONS = {"DI_BAWAH": "BELOW", "SESUAI": "AS_EXPECTED", "DI_ATAS": "ABOVE"}


def _prior_ratings(row: Row) -> tuple[tuple[int, Rating], ...]:
    """SKP ratings before the opening, as "2018:BAIK;2019:SANGAT_BAIK"."""
    text = row.text("prior_ratings", required=False)
    if text is None:
        return ()
    found = []
    for part in re.split(r"[;\s]+", text.strip()):
        year, _, rating = part.partition(":")
        try:
            found.append((int(year), Rating(rating.strip().upper())))
        except ValueError:
            raise LegacyRowError("LEGACY_VALUE_INVALID", "prior_ratings",
                                 hint="2018:BAIK;2019:SANGAT_BAIK") from None
    return tuple(found)


def _sort_date(row: Row) -> date:
    try:
        return row.date("tmt") or date.max
    except LegacyRowError:
        return date.max


def _rejections(people: dict[str, _Person], rejected: dict[str, tuple[Row, Any]]
                ) -> list[Rejection]:
    out = []
    for nip, (failed, error) in rejected.items():
        for row in people[nip].rows:
            if row is failed:
                out.append(Rejection(row.line, row.values.get("kind", ""), error.field,
                                     error.code, error.message("id"), error.message("en")))
            else:
                skipped = LegacyRowError("LEGACY_EMPLOYEE_SKIPPED", None, line=failed.line)
                out.append(Rejection(row.line, row.values.get("kind", ""), None, skipped.code,
                                     skipped.message("id"), skipped.message("en")))
    return sorted(out, key=lambda r: r.line)


def write_report(rejections: list[Rejection], path: Path) -> None:
    """The rejected rows with their reasons, as CSV or (for a .json path) JSON; line numbers
    and codes only, no personal data."""
    rows = [asdict(r) for r in rejections]
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=[f.name for f in fields(Rejection)])
        writer.writeheader()
        writer.writerows(rows)


class Organisation:
    """Governments, agencies, units and positions by code and title, from the organisation
    view (the organisation must be set up before the import)."""

    def __init__(self, rows: dict[str, list[Any]]) -> None:
        self.governments = {str(r[1]).lower(): UUID(str(r[0])) for r in rows["governments"]}
        self.agencies = {(UUID(str(r[1])), str(r[2]).lower()): UUID(str(r[0]))
                         for r in rows["agencies"]}
        self.units = {(UUID(str(r[1])), str(r[2]).lower()): UUID(str(r[0]))
                      for r in rows["units"]}
        self.positions: dict[tuple[UUID, UUID, str], list[UUID]] = {}
        for r in rows["positions"]:
            key = (UUID(str(r[1])), UUID(str(r[2])), str(r[3]).strip().lower())
            self.positions.setdefault(key, []).append(UUID(str(r[0])))

    @classmethod
    def load(cls, projections: Any) -> Organisation:
        return cls(directory(projections))

    def government(self, code: str) -> UUID:
        found = self.governments.get(code.strip().lower())
        if found is None:
            raise LegacyRowError("LEGACY_UNKNOWN_ORGANISATION", "government",
                                 what="Pemerintah daerah / government", value=code)
        return found

    def unit(self, government_id: UUID, row: Row) -> tuple[UUID, UUID]:
        agency_code, unit_code = row.text("agency") or "", row.text("unit") or ""
        agency_id = self.agencies.get((government_id, agency_code.lower()))
        if agency_id is None:
            raise LegacyRowError("LEGACY_UNKNOWN_ORGANISATION", "agency",
                                 what="Perangkat daerah / agency", value=agency_code)
        unit_id = self.units.get((agency_id, unit_code.lower()))
        if unit_id is None:
            raise LegacyRowError("LEGACY_UNKNOWN_ORGANISATION", "unit",
                                 what="Unit kerja / unit", value=unit_code)
        return agency_id, unit_id

    def vacant_position(self, service: PersonnelService, agency_id: UUID, unit_id: UUID,
                        title: str) -> UUID:
        for position_id in self.positions.get((agency_id, unit_id, title.strip().lower()), []):
            if service.get_position(position_id).holder_id is None:
                return position_id
        raise LegacyRowError("LEGACY_NO_VACANT_POSITION", "position", title=title)
