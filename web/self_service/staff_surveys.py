"""Employee surveys on the employee's desk: /saya/survei lists the surveys running for the
employee's population, and /saya/survei/<id>/kode gives them their one code, shown once.

Taking a code records only a keyed pseudonym of the employee (so nobody takes two), never
anything of the code; the answer is given on the public page /survei-pegawai/<id>, which
does not read the login. The code is not put in a link from here on purpose: the employee
copies it and answers when they choose, so no request of this desk carries the code.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from flask import abort, current_app, render_template
from flask.typing import ResponseReturnValue

from domain.errors import DomainError
from projections.views import hr_queries
from projections.views import staff_survey as queries
from web import catch_up_views, get_service
from web.access import EMPLOYEES, own_employee_id, roles_required
from web.self_service.routes import bp
from web.ui import language


def _own_row() -> dict[str, str]:
    row = hr_queries.employee_row(catch_up_views(current_app), own_employee_id())
    if row is None or not row.get("agency_id"):
        abort(404)
    return row


@bp.get("/saya/survei")
@roles_required(*EMPLOYEES)
def staff_surveys(errors: dict[str, str] | None = None,
                  status: int = 200) -> ResponseReturnValue:
    """The surveys running for the employee's agency or government, and whether they took
    their code."""
    row = _own_row()
    service = get_service(current_app).staff_survey
    rows = queries.open_for(catch_up_views(current_app), row["government_id"],
                            row["agency_id"], date.today())
    employee_id = UUID(own_employee_id())
    taken = {r.id for r in rows if service.has_taken(service.get(UUID(r.id)), employee_id)}
    return render_template("staff_survey/desk.html", rows=rows, taken=taken,
                           errors=errors or {}), status


@bp.post("/saya/survei/<survey_id>/kode")
@roles_required(*EMPLOYEES)
def take_staff_survey_code(survey_id: str) -> ResponseReturnValue:
    """Take the one code of a survey and show it this once."""
    _own_row()
    try:
        key = UUID(survey_id)
    except ValueError:
        abort(404)
    row = queries.survey_by_id(catch_up_views(current_app), key.hex)
    if row is None:
        abort(404)
    try:
        code = get_service(current_app).staff_survey.take_code(
            key, employee_id=UUID(own_employee_id()))
    except DomainError as error:
        return staff_surveys({row.id: error.message(language())}, 422)
    return render_template("staff_survey/desk_code.html", row=row, code=code)
