"""HR's pages of the performance cycle (/hr/kinerja): each unit's predicate of a year, the
distribution of the staff ratings given under it against the pattern it allows, and how far
the SKP plans have come; the form that sets a unit's predicate.

Only counts reach these pages: no employee's rating, plan text or feedback (those stay with
the employee and the superior, web/self_service/performance.py). The predicate form runs
through the one form runner like every staff form (web/hr/runner.py).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, ClassVar
from uuid import UUID

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from werkzeug.exceptions import HTTPException
from wtforms import DecimalField, IntegerField, SelectField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from domain.errors import DomainError
from domain.performance_rules import CYCLE_FIRST_YEAR, OrganisationPredicate, allowed_counts
from domain.unit_performance import UnitIndicator
from domain.values import Rating
from projections.views import hr_queries
from projections.views.indicator_figures import service_recipients
from projections.views.performance import plan_counts, unit_predicates
from web import catch_up_views, get_service
from web.access import READERS, WRITERS, check_readable, check_writable, roles_required, scope
from web.hr.forms import ActionForm, FieldText, options
from web.hr.labels import choice_label
from web.hr.organisation import OrganisationCommand, OrganisationStep
from web.hr.recruitment.desk import Desk
from web.hr.recruitment.routes import run_step
from web.hr.step import enum_choices

bp = Blueprint("kinerja", __name__, url_prefix="/hr/kinerja")

PLAN_STATUS = {"drafted": _l("Drafted"), "submitted": _l("Submitted"),
               "agreed": _l("Agreed"), "rated": _l("Rated"),
               "objected": _l("Under objection"), "decided": _l("Objection decided")}
WHOLE_AGENCY = "-"
MAX_INDICATORS = 50


@bp.context_processor
def helpers() -> dict[str, Any]:
    return {"choice_label": choice_label, "plan_status_label":
            lambda status: str(PLAN_STATUS.get(status, status))}


def _year() -> int:
    """The year asked for, this year when absent or out of range."""
    asked = request.args.get("year", "")
    this_year = date.today().year
    return int(asked) if asked.isdigit() and CYCLE_FIRST_YEAR <= int(asked) <= this_year + 1 \
        else this_year


class PredicateForm(ActionForm):
    unit_id = SelectField(validators=[InputRequired()])
    year = IntegerField(validators=[InputRequired(), NumberRange(CYCLE_FIRST_YEAR, 2100)])
    predicate = SelectField(validators=[InputRequired()])
    staff_count = IntegerField(validators=[InputRequired(), NumberRange(1, 100_000)])
    indicators = TextAreaField(validators=[Optional()])
    ikm = DecimalField(validators=[Optional(), NumberRange(25, 100)])
    complaints_on_time_percent = DecimalField(validators=[Optional(), NumberRange(0, 100)])
    effective_on = None  # the predicate is recorded on the day it is set

    def validate_indicators(self, field: TextAreaField) -> None:
        parsed_indicators(field.data or "")


def parsed_indicators(text: str) -> list[UnitIndicator]:
    """One indicator a line: `name | target | achieved` (numbers with a dot or a comma)."""
    found = []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_INDICATORS:
        raise ValidationError(_("At most %(most)d indicators.", most=MAX_INDICATORS))
    for number, line in enumerate(lines, start=1):
        parts = [part.strip() for part in line.split("|")]
        try:
            if len(parts) != 3 or not parts[0]:
                raise ValueError
            target, achieved = (float(p.replace(",", ".")) for p in parts[1:])
        except ValueError:
            raise ValidationError(_("Line %(line)d: write name | target | achieved.",
                                    line=number)) from None
        if not all(0 <= value < 1e12 for value in (target, achieved)):
            raise ValidationError(_("Line %(line)d: write name | target | achieved.",
                                    line=number))
        found.append(UnitIndicator(parts[0][:500], target, achieved))
    return found


class SetUnitPredicate(OrganisationStep):
    slug = "predikat"
    title = _l("Set a unit's performance predicate")
    rule = _l("The unit's (or the whole agency's) predicate of a year, set once from its "
              "indicators before its staff are rated: the ratings its staff may receive follow "
              "from it (PermenPANRB 6/2022). IKM and complaints answered on time are the "
              "service recipients' view.")
    form_class = PredicateForm
    fields = ("unit_id", "year", "predicate", "staff_count", "indicators", "ikm",
              "complaints_on_time_percent")
    texts: ClassVar[dict[str, FieldText]] = {
        "unit_id": (lazy_pgettext("organisation", "Unit"), ""),
        "year": (_l("Year"), ""),
        "predicate": (_l("Predicate"), ""),
        "staff_count": (_l("Staff to be rated"),
                        _l("Everyone in the unit this year's ratings cover, the head apart.")),
        "indicators": (_l("Key performance indicators"),
                       _l("One a line: name | target | achieved.")),
        "ikm": (_l("Community satisfaction index (IKM)"), _l("25 to 100; empty if none.")),
        "complaints_on_time_percent": (_l("Complaints answered on time (%)"),
                                       _l("0 to 100; empty if none."))}
    field_map: ClassVar[dict[str, str]] = {"head_id": "unit_id"}

    def prepare(self, form: Any, ctx: Any) -> None:
        units = sorted(ctx.aggregate.units.values(), key=lambda unit: unit.name)
        form.unit_id.choices = options([(WHOLE_AGENCY, _("The whole agency")),
                                        *((unit.id.hex, unit.name) for unit in units)])
        form.predicate.choices = options(enum_choices(OrganisationPredicate))
        if form.year.data is None and request.method == "GET":
            form.year.data = _year()  # ?year= (e.g. last year's, set in January)
        self._service_recipients(form, ctx)

    def _service_recipients(self, form: Any, ctx: Any) -> None:
        """Prefill IKM and complaints on time from the agency's service units in the year
        (the views), and name the source beside each: figures of the agency, not a person."""
        year = form.year.data if isinstance(form.year.data, int) else date.today().year
        found = service_recipients(ctx.projections, ctx.aggregate.id.hex, year, ctx.today)
        if request.method == "GET":
            form.ikm.data = None if found.ikm is None else Decimal(str(found.ikm))
            form.complaints_on_time_percent.data = (
                None if found.on_time_percent is None else Decimal(str(found.on_time_percent)))
        form.ikm.description = _(
            "Prefilled from the satisfaction surveys (SKM) of the agency's service units in "
            "%(year)d: %(count)d responses.", year=year, count=found.responses)
        form.complaints_on_time_percent.description = _(
            "Prefilled from the complaints about the agency's service units whose answer was "
            "due in %(year)d: %(count)d complaints.", year=year, count=found.complaints_due)

    def map_field(self, domain_field: str | None) -> str | None:
        if domain_field is not None and domain_field.startswith("indicators."):
            return "indicators"
        return super().map_field(domain_field)

    def record(self, form: Any, ctx: Any) -> OrganisationCommand:
        agency_id = ctx.aggregate.id
        unit = None if form.unit_id.data == WHOLE_AGENCY else UUID(form.unit_id.data)
        indicators = parsed_indicators(form.indicators.data or "")
        ikm, on_time = (None if f.data is None else float(f.data)
                        for f in (form.ikm, form.complaints_on_time_percent))
        basis = form.legal_basis()
        return lambda service, actor: service.performance.set_unit_predicate(
            agency_id=agency_id, unit_id=unit, year=form.year.data,
            predicate=OrganisationPredicate(form.predicate.data), indicators=indicators,
            ikm=ikm, complaints_on_time_percent=on_time, head_id=None,
            staff_count=form.staff_count.data, actor=actor, legal_basis=basis)


SET_PREDICATE = SetUnitPredicate()


@bp.get("")
@roles_required(*READERS)
def overview() -> ResponseReturnValue:
    """Per agency and unit of the scope: the predicate of the year, the ratings so far against
    what the pattern allows, and the plans by status (counts only)."""
    projections, year, where = catch_up_views(current_app), _year(), scope()
    predicates = {(row["agency_id"], row["unit_id"]): row
                  for row in unit_predicates(projections, where, year)}
    counts = {(row["agency_id"], row["unit_id"]): row
              for row in plan_counts(projections, where, year)}
    agencies = hr_queries.agencies(projections, where)
    units = hr_queries.units(projections, [a["id"] for a in agencies])
    rows = []
    for agency in agencies:
        places = [(None, _("The whole agency"))] + [
            (u["id"], u["name"]) for u in units if u["agency_id"] == agency["id"]]
        for unit_id, name in places:
            key = (agency["id"], unit_id)
            if key not in predicates and key not in counts and unit_id is not None:
                continue
            rows.append({"agency": agency, "unit_name": name, "predicate": predicates.get(key),
                         "plans": counts.get(key), "pattern": _pattern(predicates.get(key))})
    can_set = [a for a in agencies if _may_write(a)]
    return render_template("hr/performance.html", year=year, rows=rows, can_set=can_set,
                           ratings=list(Rating), statuses=list(PLAN_STATUS),
                           years=range(date.today().year + 1, CYCLE_FIRST_YEAR - 1, -1))


def _pattern(predicate: dict[str, Any] | None) -> dict[str, tuple[int, int | None]]:
    if predicate is None:
        return {}
    counts = allowed_counts(OrganisationPredicate(predicate["predicate"]),
                            predicate["staff_count"])
    return {rating.value: bounds for rating, bounds in counts.items()}


def _may_write(agency: dict[str, Any]) -> bool:
    try:
        check_writable(agency["government_id"], agency["id"])
    except HTTPException:  # 403 or 404: not this user's to set
        return False
    return True


@bp.route("/<agency_id>/predikat", methods=["GET", "POST"])
@roles_required(*WRITERS)
def set_predicate(agency_id: str) -> ResponseReturnValue:
    """Set a unit's predicate of a year through the form runner."""
    try:
        uuid = UUID(hex=agency_id)
    except ValueError:
        abort(404)
    service = get_service(current_app)
    try:
        agency = service.get_agency(uuid)
    except DomainError:
        abort(404)
    check_readable(agency.government_id.hex, agency.id.hex)
    check_writable(agency.government_id.hex, agency.id.hex)
    desk = Desk("agency", agency, agency.government_id.hex, catch_up_views(current_app),
                service, date.today())
    return run_step(SET_PREDICATE, desk, url_for("kinerja.overview"), _("Performance"))
