"""The organisation an HR administrator keeps: agencies, their units, and positions.

Positions decide what an assignment form may offer (only vacant positions whose grade range
admits the employee), so the administrator of a government must be able to add them without a
developer. Officers and auditors read the agency's structure; only the HR administrator of that
government records, through the same review and field messages as every other step
(web/hr/runner.py, through the recruitment desk's `run_step`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar
from uuid import UUID

from flask import Blueprint, abort, current_app, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_login import current_user
from wtforms import SelectField, StringField
from wtforms.validators import InputRequired, Length

from domain.errors import DomainError
from domain.personnel_service import PersonnelService
from domain.values import PNS_GRADES, PPPK_GRADES, Actor, Grade, PositionType
from projections.views import hr_queries
from web import catch_up_views, get_service
from web.access import READERS, check_readable, roles_required
from web.hr.forms import ActionForm, FieldText, options
from web.hr.recruitment.desk import Desk, Step
from web.hr.recruitment.routes import DESK_WRITERS, run_step
from web.hr.step import Command, enum_choices

bp = Blueprint("org", __name__, url_prefix="/hr")


@bp.context_processor
def helpers() -> dict[str, Any]:
    from web.hr.labels import choice_label

    return {"choice_label": choice_label}

_CODE_HELP = _l("Short, lower case and hyphens, unique.")


OrganisationCommand = Callable[[PersonnelService, Actor], Any]


class OrganisationStep(Step):
    """A step on an agency (or a new one): open for as long as the agency exists."""

    decree = False

    def available(self, ctx: Any) -> bool:
        return ctx.aggregate is not None

    def record(self, form: Any, ctx: Any) -> OrganisationCommand:
        raise NotImplementedError

    def command(self, form: Any, ctx: Any) -> Command:
        """The organisation commands of the personnel service (no round to expect)."""
        record = self.record(form, ctx)
        return lambda service, actor, expected: record(service, actor)


class AgencyForm(ActionForm):
    code = StringField(validators=[InputRequired(), Length(min=2, max=40)])
    name = StringField(validators=[InputRequired(), Length(min=3, max=200)])


class EstablishAgency(OrganisationStep):
    slug = "perangkat-daerah-baru"
    title = _l("Establish an agency")
    rule = _l("A new agency of this government; its code is unique.")
    form_class = AgencyForm
    fields = ("code", "name")
    texts: ClassVar[dict[str, FieldText]] = {
        "code": (_l("Code"), _CODE_HELP),
        "name": (_l("Agency name"), "")}

    def available(self, ctx: Any) -> bool:
        return ctx.aggregate is None

    def record(self, form: Any, ctx: Any) -> OrganisationCommand:
        government_id = UUID(ctx.government_id)
        return lambda service, actor: service.establish_agency(
            government_id=government_id, code=form.code.data.strip(),
            name=form.name.data.strip(), effective_on=form.effective_on.data, actor=actor)


class AddUnit(OrganisationStep):
    slug = "unit-baru"
    title = _l("Add a unit")
    rule = _l("A unit (division, section, technical unit) of this agency; its code is unique "
              "within the agency.")
    form_class = AgencyForm
    fields = ("code", "name")
    texts: ClassVar[dict[str, FieldText]] = {
        "code": (_l("Unit code"), _CODE_HELP),
        "name": (_l("Unit name"), "")}

    def record(self, form: Any, ctx: Any) -> OrganisationCommand:
        agency_id = ctx.aggregate.id
        return lambda service, actor: service.add_unit(
            agency_id=agency_id, code=form.code.data.strip(), name=form.name.data.strip(),
            effective_on=form.effective_on.data, actor=actor)


class PositionForm(ActionForm):
    unit_id = SelectField(validators=[InputRequired()])
    title = StringField(validators=[InputRequired(), Length(min=3, max=200)])
    position_type = SelectField(validators=[InputRequired()])
    lowest = SelectField(validators=[InputRequired()])
    highest = SelectField(validators=[InputRequired()])


class EstablishPosition(OrganisationStep):
    slug = "jabatan-baru"
    title = _l("Establish a position")
    rule = _l("A position in a unit of this agency with the grade range that may hold it: PNS "
              "grades (I/a–IV/e) or PPPK golongan (I–XVII), not mixed, from lowest to highest. "
              "Assignments only offer positions whose range admits the employee's grade.")
    form_class = PositionForm
    fields = ("unit_id", "title", "position_type", "lowest", "highest")
    texts: ClassVar[dict[str, FieldText]] = {
        "unit_id": (lazy_pgettext("organisation", "Unit"), ""),
        "title": (_l("Position title"), ""),
        "position_type": (_l("Position type"), ""),
        "lowest": (_l("Lowest grade"), ""),
        "highest": (_l("Highest grade"), "")}
    field_map: ClassVar[dict[str, str]] = {"grade_range": "highest", "agency_id": "unit_id"}

    def prepare(self, form: Any, ctx: Any) -> None:
        units = sorted(ctx.aggregate.units.values(), key=lambda unit: unit.name)
        form.unit_id.choices = options((unit.id.hex, unit.name) for unit in units)
        form.position_type.choices = options(enum_choices(PositionType))
        grades = [code for code, _ in PNS_GRADES] + list(PPPK_GRADES)
        for field in (form.lowest, form.highest):
            field.choices = options((code, code) for code in grades)

    def record(self, form: Any, ctx: Any) -> OrganisationCommand:
        agency_id, unit_id = ctx.aggregate.id, UUID(form.unit_id.data)
        lowest, highest = Grade(form.lowest.data), Grade(form.highest.data)  # offered codes
        return lambda service, actor: service.establish_position(
            agency_id=agency_id, unit_id=unit_id, title=form.title.data.strip(),
            position_type=PositionType(form.position_type.data), lowest=lowest,
            highest=highest, effective_on=form.effective_on.data, actor=actor)


AGENCY_STEPS: dict[str, Step] = {step.slug: step for step in (AddUnit(), EstablishPosition())}
ESTABLISH_AGENCY = EstablishAgency()


def _agency_desk(agency_id: str) -> Desk:
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
    return Desk("agency", agency, agency.government_id.hex, catch_up_views(current_app),
                service, date.today())


@bp.get("/agencies/<agency_id>/organisation")
@roles_required(*READERS)
def agency_page(agency_id: str) -> ResponseReturnValue:
    """The agency's units and positions with their holders."""
    desk = _agency_desk(agency_id)
    positions = hr_queries.agency_positions(desk.projections, desk.aggregate.id.hex)
    units = sorted(desk.aggregate.units.values(), key=lambda unit: unit.name)
    can_run = current_user.role in DESK_WRITERS
    return render_template("hr/organisation.html", agency=desk.aggregate, units=units,
                           positions=positions, steps=list(AGENCY_STEPS.values()) if can_run
                           else [])


@bp.route("/agencies/<agency_id>/organisation/<slug>", methods=["GET", "POST"])
@roles_required(*DESK_WRITERS)
def agency_step(agency_id: str, slug: str) -> ResponseReturnValue:
    chosen = AGENCY_STEPS.get(slug)
    if chosen is None:
        abort(404)
    desk = _agency_desk(agency_id)
    return run_step(chosen, desk, url_for("org.agency_page", agency_id=agency_id),
                    desk.aggregate.name)


@bp.route("/organisation/agencies/new", methods=["GET", "POST"])
@roles_required(*DESK_WRITERS)
def new_agency() -> ResponseReturnValue:
    desk = Desk("agency", None, str(current_user.account.government_id),
                catch_up_views(current_app), get_service(current_app), date.today())
    return run_step(ESTABLISH_AGENCY, desk, url_for("hr.home"), _("HR home"))
