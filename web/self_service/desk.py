"""What the employee's desk shows and asks, shared by the pages and the API (/api/v1/me):
their record from the views, their requests with the values opened, a request made."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from flask import abort, current_app

from domain.privacy import Erased
from domain.regulations import TRAINING_TARGET_JP
from domain.values import Actor
from projections.views import hr_queries
from projections.views.correction_requests import employee_requests
from projections.views.promotion_periods import employee_entries
from projections.views.timeline import employee_timeline
from web import catch_up_views, get_service
from web.accounts.store import actor_names
from web.hr.labels import personal_field_label, request_status_label
from web.hr.promotion_labels import status_label


@dataclass
class Desk:
    """One employee's own record as their desk shows it."""

    row: dict[str, Any]
    timeline: list[Any]  # newest first
    requests: list[dict[str, Any]]
    actors: dict[str, str]
    year: int
    training_jp: float
    target_jp: int = TRAINING_TARGET_JP
    appraisals: list[Any] = field(default_factory=list)
    promotions: list[dict[str, Any]] = field(default_factory=list)  # proposals in periods

    @property
    def training_short_jp(self) -> float:
        return max(0.0, self.target_jp - self.training_jp)


def load_desk(employee_id: str, today: date) -> Desk:
    """The employee's record, timeline, training of this year, appraisals and requests (404
    when the record is gone from the views, e.g. an account left behind)."""
    projections = catch_up_views(current_app)
    row = hr_queries.employee_row(projections, employee_id)
    if row is None:
        abort(404)
    entries = employee_timeline(projections, get_service(current_app), UUID(employee_id))
    requests = [opened_request(r) for r in employee_requests(projections, employee_id)]
    training = float(row["training_jp"] or 0) if row["training_year"] == today.year else 0.0
    timeline = list(reversed(entries))
    return Desk(row=row, timeline=timeline, requests=requests,
                actors=actor_names([e.actor_user for e in entries]
                                   + [r["decided_by"] for r in requests if r["decided_by"]]),
                year=today.year, training_jp=training,
                appraisals=[e for e in timeline if e.kind == "AppraisalRecorded"
                            and e.status != "annulled"],
                promotions=[{**r, "status_label": status_label(r["status"])}
                            for r in employee_entries(projections, UUID(employee_id).hex)])


def opened_request(row: dict[str, Any]) -> dict[str, Any]:
    """A request's row with its value and reasons opened for display ("[dihapus]" when the
    person's data was erased), its field and status as labels."""
    service = get_service(current_app)
    request = service.correction_requests.get(UUID(row["id"]))
    value, reason = service.correction_requests.opened(request)
    refusal = (service.vault.open(request.subject_id, "reason", request.refusal)
               if request.refusal is not None else None)

    def shown(text: str | Erased | None) -> str | None:
        return "[dihapus]" if isinstance(text, Erased) else text

    return {**row, "value": shown(value), "reason": shown(reason), "refusal": shown(refusal),
            "field_label": personal_field_label(row["field_name"]),
            "status_label": request_status_label(row["status"])}


def ask_correction(employee_id: str, *, field_name: str, value: str, reason: str,
                   actor: Actor, is_dry_run: bool = False) -> UUID | None:
    """Record the employee's request (DomainError when refused; nothing written)."""
    requests = get_service(current_app).correction_requests
    if is_dry_run:
        with get_service(current_app).dry_run():
            requests.request_correction(UUID(employee_id), field_name=field_name,
                                        value=value, reason=reason, actor=actor)
        return None
    return requests.request_correction(UUID(employee_id), field_name=field_name, value=value,
                                       reason=reason, actor=actor)
