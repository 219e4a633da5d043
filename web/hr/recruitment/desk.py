"""What a recruitment step acts on (a round or a selection: the `Desk`) and the `Step` base.

A step is an `Action` (web/hr/step.py) whose context is a round or a selection instead of an
employee: its call of `service.recruitment` is guarded by the version the form was based on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _

from domain.errors import DomainError
from domain.personnel_service import PersonnelService
from domain.recruitment_service import (
    RecruitmentService,
)
from domain.values import (
    Actor,
)
from web.hr.step import Action, Command

DeskCommand = Callable[[RecruitmentService, Actor], Any]


@dataclass
class Desk:
    """The round or selection a step is about (None before it is opened), as stored now."""

    kind: str  # "round" or "selection"
    aggregate: Any  # RecruitmentRound | OpenSelection | None
    government_id: str
    projections: Any
    service: PersonnelService
    today: date

    @property
    def is_open(self) -> bool:
        return self.aggregate is not None and self.aggregate.closed_on is None


class Step(Action):
    """One step of a round or a selection (`ctx` is a `Desk`)."""

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open)

    def prepare(self, form: Any, ctx: Any) -> None:
        """Fill the form's choices with the valid ones for this round or selection."""

    def summary(self, form: Any, ctx: Any) -> list[tuple[str, str]]:
        return super().summary(form, ctx)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        raise NotImplementedError

    def command(self, form: Any, ctx: Any) -> Command:
        """The step's call, refused if the round or selection moved past the form's version."""
        run = self.run(form, ctx)
        aggregate_id = ctx.aggregate.id if ctx.aggregate is not None else None

        def call(service: PersonnelService, actor: Actor, expected: int) -> None:
            if aggregate_id is None:
                run(service.recruitment, actor)
                return
            with service.recruitment.expecting(aggregate_id, expected):
                run(service.recruitment, actor)

        return call

    def map_field(self, domain_field: str | None) -> str | None:
        mapped = super().map_field(domain_field)
        if mapped is None and domain_field in ("applicant_id", "candidate_id"):
            return self.fields[0] if self.fields else None
        return mapped


def legal_basis_of(form: Any) -> Any:
    return form.legal_basis()


def applicant_by_exam_number(ctx: Desk, exam_number: str, field: str) -> Any:
    """The round's applicant with this exam number, or a field error."""
    wanted = exam_number.strip().upper()
    for applicant in ctx.aggregate.applicants.values():
        if applicant.exam_number == wanted:
            return applicant
    raise DomainError("NOT_FOUND", field=field, what=_("The exam number"))


def candidate_names(ctx: Desk, candidate_ids: Any = None) -> list[tuple[str, str]]:
    """(candidate id, "name — NIP") of the selection's candidates, from the roster."""
    from projections.views import hr_queries

    pairs = []
    for candidate_id, employee_id in ctx.aggregate.candidates.items():
        if candidate_ids is not None and candidate_id not in candidate_ids:
            continue
        row = hr_queries.employee_row(ctx.projections, employee_id.hex)
        label = f"{row['name']} — {row['nip']}" if row else employee_id.hex[:8]
        pairs.append((candidate_id.hex, label))
    return sorted(pairs, key=lambda pair: pair[1])
