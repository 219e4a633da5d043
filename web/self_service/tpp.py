"""The employee's own TPP on the desk (/saya/tpp): the last twelve months run, each month's
latest run, with the parts, every cut with its reason and legal basis, and what is paid.

Only the employee reads these amounts here (HR reads them for its scope on /hr/tpp); they are
opened from the run's lines sealed under the employee's subject key."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import current_app, render_template
from flask.typing import ResponseReturnValue

from projections.views import hr_queries
from projections.views.consultation import tpp_consultations
from projections.views.tpp import months_of_employee
from web import catch_up_views, get_service
from web.access import EMPLOYEES, own_employee_id, roles_required
from web.hr.labels import choice_label
from web.hr.tpp import month_label
from web.hr.tpp_labels import category_label, criterion_label, cut_label
from web.self_service.routes import bp


def own_months(employee_id: str, limit: int = 12) -> list[dict[str, Any]]:
    """The employee's last `limit` months, each the latest run's row with its breakdown."""
    service, projections = get_service(current_app), catch_up_views(current_app)
    months = []
    for row in months_of_employee(projections, employee_id, limit):
        run = service.tpp.get_run(UUID(hex=row["id"]))
        months.append({**row, "breakdown": service.tpp.line(run, UUID(hex=employee_id))})
    return months


@bp.get("/saya/tpp")
@roles_required(*EMPLOYEES)
def tpp() -> ResponseReturnValue:
    """My TPP of the last twelve months, each cut with its reason and legal basis."""
    employee_id = own_employee_id()
    row = hr_queries.employee_row(catch_up_views(current_app), employee_id)
    consultations = [] if row is None else [
        c for c in tpp_consultations(catch_up_views(current_app), row["government_id"])
        if c["status"] == "open"]
    return render_template("self_service/tpp.html", months=own_months(employee_id),
                           consultations=consultations,
                           month_label=month_label, cut_label=cut_label,
                           criterion_label=criterion_label, category_label=category_label,
                           choice_label=choice_label)
