"""The T0 and T1 parts of a release: recruitment rounds and their funnels, open selections,
and the named appointments to senior posts (see projections/transparency/releases.py for the
T2 tables).

Each item is built field by field from an allow-list; nothing about an applicant but stage
counts leaves this module, and of an appointee only the name, the post and the month.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from domain.employee import Employee
from domain.organisation import Position
from domain.personnel_service import PersonnelService
from domain.privacy import ERASED
from domain.recruitment import RecruitmentRound
from domain.selection import OpenSelection
from projections.transparency.computed import ComputedRelease, Replay
from projections.transparency.disclosure import Table

FUNNEL_STAGES = ("applicants", "screened_in", "tested", "passed", "ranked", "appointed")
SELECTION_STAGES = ("candidates", "shortlisted")
Protect = Callable[[Table], Table]


def recruitment(release: ComputedRelease, replay: Replay, government: Any, end: date,
                 protect: Protect) -> None:
    """T2 funnel per round and T1 formation tables with their stage counts."""
    rounds = sorted((r for r in replay.of(RecruitmentRound)
                     if r.government_id == government.id and r.year >= end.year - 1),
                    key=lambda r: r.code)
    summary: list[list[int]] = []
    for round_ in rounds:
        formations = sorted(round_.formations.values(),
                            key=lambda f: (f.position_title, f.track.value))
        counts = [_funnel(round_, f.id) for f in formations]
        labels = [f"{k + 1:02d}" for k in range(len(formations))]
        release.tables.append(protect(Table(
            f"formations:{round_.code}", labels, list(FUNNEL_STAGES), counts,
            row_totals=False)))
        summary.append([sum(c[s] for c in counts) for s in range(len(FUNNEL_STAGES))])
        release.items.append({
            "tier": "T1", "kind": "recruitment_round", "key": str(round_.code),
            "title": str(round_.title), "year": int(round_.year),
            "employment_type": round_.kind.value,
            "announced": _month(round_.announced_on), "closed": _month(round_.closed_on),
            "formations": [{"label": label, "position": f.position_title,
                            "track": f.track.value, "quota": int(f.quota),
                            "grade": f.grade.code}
                           for label, f in zip(labels, formations, strict=True)]})
    if rounds:
        release.tables.append(protect(Table(
            "recruitment", [str(r.code) for r in rounds], list(FUNNEL_STAGES), summary,
            row_totals=False)))


def _funnel(round_: Any, formation_id: UUID) -> list[int]:
    applicants = [a for a in round_.applicants.values() if a.formation_id == formation_id]
    return [len(applicants), sum(1 for a in applicants if a.meets),
            sum(1 for a in applicants if a.skd is not None or a.competency is not None),
            sum(1 for a in applicants if a.skd_passed or a.competency_passed),
            sum(1 for a in applicants if a.rank is not None),
            sum(1 for a in applicants if a.employee_id is not None)]


def selections(release: ComputedRelease, replay: Replay, government: Any,
                agencies: dict[UUID, Any], end: date, protect: Protect) -> None:
    """T1 open selections (jabatan pimpinan tinggi) with their stage counts."""
    selections = sorted((s for s in replay.of(OpenSelection)
                         if s.government_id == government.id
                         and (s.closed_on is None or s.closed_on.year >= end.year - 1)),
                        key=lambda s: s.code)
    if not selections:
        return
    counts = [[len(s.candidates), len(s.shortlist)] for s in selections]
    release.tables.append(protect(Table(
        "selections", [str(s.code) for s in selections], list(SELECTION_STAGES), counts,
        row_totals=False)))
    for selection in selections:
        agency = agencies.get(selection.agency_id)
        release.items.append({
            "tier": "T1", "kind": "open_selection", "key": str(selection.code),
            "title": str(selection.position_title),
            "agency": str(agency.name) if agency else "",
            "announced": _month(selection.announced_on),
            "closes": _month(selection.closes_on), "closed": _month(selection.closed_on),
            "committee_external": sum(1 for m in selection.committee if m.external),
            "committee_size": len(selection.committee)})


def named_appointments(service: PersonnelService, release: ComputedRelease, replay: Replay,
                        employees: list[Employee], agencies: dict[UUID, Any], first: date,
                        end: date) -> None:
    """T0: appointments to a JPT post in the month, by name (UU KIP Pasal 18), nothing else."""
    positions = {p.id: p for p in replay.of(Position)}
    for employee in employees:
        for action in employee.in_force(end):
            if not (isinstance(action, Employee.PositionAssigned) and action.effective_on >= first
                    and action.position_type.is_jpt):
                continue
            name = service.vault.open(employee.subject_id, "name", employee.personal.get("name"))
            if name is None or name is ERASED:
                continue
            position = positions.get(action.position_id)
            agency = agencies.get(position.agency_id) if position else None
            release.items.append({
                "tier": "T0", "kind": "jpt_appointment", "name": str(name),
                "position": str(position.title) if position else "",
                "agency": str(agency.name) if agency else "", "month": release.month})


def _month(on: date | None) -> str | None:
    return f"{on.year}-{on.month:02d}" if on else None
