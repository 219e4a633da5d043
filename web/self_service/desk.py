"""What the employee's desk shows and asks, shared by the pages and the API (/api/v1/me):
their record from the views, their requests with the values opened, a request made, and their
leave (balances, requests, whether they consider anyone's leave as a superior)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from flask import abort, current_app

from domain.correction_request import RequestStatus
from domain.errors import DomainError
from domain.leave_authority import ratee_types
from domain.privacy import Erased
from domain.regulations import TRAINING_TARGET_JP
from domain.values import Actor, PositionType
from projections.views import hr_queries
from projections.views.correction_requests import employee_requests
from projections.views.leave import employee_balances, on_leave
from projections.views.leave import employee_requests as employee_leave
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
    leave: dict[str, Any] = field(default_factory=dict)

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
    row["on_leave"] = on_leave(projections, [employee_id], today).get(employee_id)
    training = float(row["training_jp"] or 0) if row["training_year"] == today.year else 0.0
    timeline = list(reversed(entries))
    return Desk(row=row, timeline=timeline, requests=requests,
                actors=actor_names([e.actor_user for e in entries]
                                   + [r["decided_by"] for r in requests if r["decided_by"]]),
                year=today.year, training_jp=training,
                appraisals=[e for e in timeline if e.kind == "AppraisalRecorded"
                            and e.status != "annulled"],
                promotions=[{**r, "status_label": status_label(r["status"])}
                            for r in employee_entries(projections, UUID(employee_id).hex)],
                leave=leave_summary(employee_id, today))


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
    """Record the employee's request (DomainError when refused; nothing written). A field
    with a request still waiting for HR is refused: the second would race the first."""
    requests = get_service(current_app).correction_requests
    waiting = {row["field_name"] for row in employee_requests(catch_up_views(current_app),
                                                              employee_id)
               if row["status"] == RequestStatus.REQUESTED.value}
    if is_dry_run:
        with get_service(current_app).dry_run():
            requests.request_correction(UUID(employee_id), field_name=field_name,
                                        value=value, reason=reason, actor=actor,
                                        waiting_fields=waiting)
        return None
    return requests.request_correction(UUID(employee_id), field_name=field_name, value=value,
                                       reason=reason, actor=actor, waiting_fields=waiting)


def leave_summary(employee_id: str, today: date) -> dict[str, Any]:
    """The desk's leave: this year's annual balance (from the balances view, or computed when
    the employee has no leave yet), next year's where known, and every request."""
    projections = catch_up_views(current_app)
    balances = employee_balances(projections, employee_id)
    shown = {year: balances[year] for year in (today.year, today.year + 1) if year in balances}
    if today.year not in shown:
        try:
            balance = get_service(current_app).leave.annual_balance(UUID(employee_id),
                                                                    today.year)
        except DomainError:
            balance = None
        if balance is not None:
            shown[today.year] = {"year": today.year, "entitled": balance.entitled,
                                 "carried_in": balance.carried_in,
                                 "deferred_in": balance.deferred_in, "top_up": balance.top_up,
                                 "available": balance.available, "taken": balance.taken,
                                 "remaining": balance.remaining}
    return {"balances": [shown[y] for y in sorted(shown)],
            "requests": employee_leave(projections, employee_id),
            "superior_types": superior_scope(employee_id)}


def superior_scope(employee_id: str) -> tuple[str, list[str], bool] | None:
    """The agency and position types the employee may consider leave of, as a superior on
    the roster today (None when their post considers no one's)."""
    row = hr_queries.employee_row(catch_up_views(current_app), employee_id)
    if row is None or row["status"] == "SEPARATED" or not row["position_type"]:
        return None
    types, includes_none = ratee_types(PositionType(row["position_type"]))
    if not types and not includes_none:
        return None
    return row["agency_id"], sorted(t.value for t in types), includes_none
