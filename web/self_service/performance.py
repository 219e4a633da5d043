"""The performance cycle on the employee's desk (/saya/kinerja): the employee's SKP plan of the
year, its drafting and submission, the feedback on it, the rating and an objection within its
window; for a superior, the staff plans naming them, to agree, discuss and rate within the
distribution the unit's predicate allows; and for the official above a rater, the objections
to that rater's ratings, to decide (they read the employee's reason, never the feedback).

As on every desk page, the employee is the logged-in account's record (`own_employee_id`);
a plan is reached only by its two parties (anyone else gets 404, as for a plan that does not
exist), and feedback texts are read through `feedback_of`, which lets only those two read
them (`may_read_feedback`). The commands and their refusals are the domain's
(domain/performance_service.py); each refusal is shown at its field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms.validators import ValidationError

from domain.errors import ConcurrencyConflictError, DomainError
from domain.performance_plan import (
    FeedbackKind,
    ObjectionOutcome,
    PerformancePlan,
    PlanStatus,
    Reader,
)
from domain.performance_rules import (
    CYCLE_FIRST_YEAR,
    allowed_counts,
    objection_due_on,
    plan_agreement_due_on,
)
from domain.privacy import Erased
from domain.regulations import rater_types
from domain.values import Expectation, Rating
from projections.views import hr_queries
from projections.views.indicator_figures import service_recipients
from projections.views.performance import objected_plans
from web import catch_up_views, get_service
from web.access import EMPLOYEES, own_employee_id, roles_required
from web.hr.forms import options
from web.hr.labels import choice_label
from web.hr.performance import PLAN_STATUS
from web.self_service.performance_forms import (
    NO_SUPERIOR,
    DraftPlanForm,
    FeedbackForm,
    ObjectionDecisionForm,
    ObjectionForm,
    RatingForm,
    RevisionForm,
    StepForm,
    parsed_results,
    results_text,
)
from web.ui import language

bp = Blueprint("skp", __name__, url_prefix="/saya/kinerja")

EMPLOYEE_STEPS = ("ajukan", "keberatan")
SUPERIOR_STEPS = ("setujui", "nilai", "ubah")
DECISION_STEP = "putus-keberatan"  # the official above the rater decides an objection
STEPS = (*EMPLOYEE_STEPS, *SUPERIOR_STEPS, "umpan-balik")
FORMS: dict[str, type[FlaskForm]] = {"ajukan": StepForm, "setujui": StepForm,
                                     "nilai": RatingForm, "umpan-balik": FeedbackForm,
                                     "keberatan": ObjectionForm, "ubah": RevisionForm,
                                     DECISION_STEP: ObjectionDecisionForm}
# A refusal's field (DomainError.field) -> the form field it is shown at.
FIELDS = {"rating": "work_result", "work_result": "work_result", "behaviour": "behaviour",
          "superior_id": "superior_id", "results": "results", "text": "text",
          "held_on": "held_on", "kind": "kind", "reason": "reason"}


@bp.context_processor
def helpers() -> dict[str, Any]:
    return {"choice_label": choice_label,
            "plan_status_label": lambda status: str(PLAN_STATUS.get(status.value, status))}


def _year() -> int:
    asked = request.args.get("year", "")
    this_year = date.today().year
    return int(asked) if asked.isdigit() and CYCLE_FIRST_YEAR <= int(asked) <= this_year + 1 \
        else this_year


@bp.get("")
@roles_required(*EMPLOYEES)
def page() -> ResponseReturnValue:
    """The employee's plan of the year and the staff plans naming them as superior."""
    return _render(_year())


def _render(year: int, failed: tuple[str, str, FlaskForm] | None = None,
            status: int = 200) -> ResponseReturnValue:
    """The desk's performance page; `failed` is (plan id or "draft", step, the refused form),
    shown with its messages in place of a blank one."""
    service, projections = get_service(current_app), catch_up_views(current_app)
    performance, me, today = service.performance, UUID(own_employee_id()), date.today()
    own = performance.plan_of(me, year)

    def form_for(key: str, step: str) -> FlaskForm:
        if failed is not None and failed[:2] == (key, step):
            return failed[2]
        return FORMS[step](formdata=None)

    draft = None
    if own is None:
        draft = failed[2] if failed is not None and failed[0] == "draft" else \
            DraftPlanForm(formdata=None)
        draft.superior_id.choices = _superior_choices(projections, service, me, today)
    own_view = None
    if own is not None:
        own_view = _plan_view(own, me, form_for, today)
        superior_plan = performance.plan_of(own.superior_id, year) if own.superior_id else None
        own_view["superior_results"] = superior_plan.results if superior_plan else ()
    staff = [_plan_view(performance.get_plan(plan.id), me, form_for, today)
             for plan in _staff_plans(performance, projections, me, year)]
    for entry in staff:
        row = hr_queries.employee_row(projections, entry["plan"].employee_id.hex)
        entry["name"] = row["name"] if row else "–"
    units = _units(performance, projections, [entry["plan"] for entry in staff], today)
    return render_template("self_service/performance.html", year=year, own=own_view,
                           draft=draft, staff=staff, units=units, ratings=list(Rating),
                           to_decide=_objections_to_decide(performance, projections, me,
                                                           form_for),
                           due_on=plan_agreement_due_on(year),
                           years=range(today.year + 1, CYCLE_FIRST_YEAR - 1, -1)), status


def _objections_to_decide(performance: Any, projections: Any, me: UUID,
                          form_for: Callable[[str, str], FlaskForm]) -> list[dict[str, Any]]:
    """The objections the employee decides as the official above the rater, each with the
    employee's and the rater's names, the rating and the employee's reason."""
    state = get_service(current_app).get_employee(me).state
    if state.agency_id is None:
        return []
    found = []
    for row in objected_plans(projections, state.agency_id.hex):
        plan = performance.get_plan(UUID(row["id"]))
        if not performance.may_decide_objection(plan, me):
            continue
        names = {key: hr_queries.employee_row(projections, person.hex) if person else None
                 for key, person in (("employee", plan.employee_id),
                                     ("rater", plan.superior_id))}
        reason = performance.objection_reason(plan, me)
        found.append({"plan": plan, "form": form_for(plan.id.hex, DECISION_STEP),
                      "reason": "[dihapus]" if isinstance(reason, Erased) else reason,
                      **{f"{key}_name": row["name"] if row else "–"
                         for key, row in names.items()}})
    return found


def _superior_choices(projections: Any, service: Any, me: UUID, today: date) -> list[Any]:
    """The holders of a post that may rate the employee's, in the employee's agency."""
    state = service.get_employee(me).state_on(today)
    types = rater_types(state.position_type)
    if not types:  # a JPT's plan is agreed by the regional head, off the ledger
        return options([(NO_SUPERIOR, _("The regional head"))])
    if state.agency_id is None:
        return []
    found = hr_queries.raters(projections, state.agency_id.hex, [t.value for t in types],
                              me.hex)
    return options((row["employee_id"], f"{row['name']} — {row['position_title'] or '–'}")
                   for row in found)


def _staff_plans(performance: Any, projections: Any, me: UUID, year: int
                 ) -> list[PerformancePlan]:
    from projections.views.performance import plans_to_agree

    return [performance.get_plan(UUID(row["id"])) for row in plans_to_agree(projections, me.hex)
            if row["year"] == year]


def _plan_view(plan: PerformancePlan, me: UUID, form_for: Callable[[str, str], FlaskForm],
               today: date) -> dict[str, Any]:
    """What the page shows of one plan to one of its parties, with the forms of its steps."""
    key = plan.id.hex
    feedback = get_service(current_app).performance.feedback_of(plan.id, Reader(me))
    objection_due = objection_due_on(plan.rated_on) if plan.rated_on else None
    forms = {step: form_for(key, step) for step in STEPS}
    if not forms["ubah"].is_submitted():
        forms["ubah"].results.data = results_text(plan.results)
    return {"plan": plan, "feedback": feedback, "objection_due": objection_due,
            "may_object": plan.status is PlanStatus.RATED and me == plan.employee_id
            and objection_due is not None and today <= objection_due,
            "forms": forms}


def _units(performance: Any, projections: Any, plans: list[PerformancePlan],
           today: date) -> list[dict[str, Any]]:
    """The units the staff plans are rated under: the predicate, the ratings given so far,
    what the pattern allows, and the service recipients' view of the unit's agency (its
    service units' IKM and complaints answered on time: the agency's, never a person's)."""
    found: dict[UUID, dict[str, Any]] = {}
    for plan in plans:
        unit = performance.unit_of(plan)
        if unit is None or unit.id in found:
            continue
        given = unit.given
        found[unit.id] = {"unit": unit, "given": {r: given[r] for r in Rating},
                          "allowed": allowed_counts(unit.predicate, unit.staff_count),
                          "recipients": service_recipients(projections, unit.agency_id.hex,
                                                           unit.year, today)}
    return list(found.values())


@bp.post("/rencana")
@roles_required(*EMPLOYEES)
def draft_plan() -> ResponseReturnValue:
    """Draft the employee's SKP of the year, naming the superior who agrees and rates it."""
    year, me = _year(), UUID(own_employee_id())
    service = get_service(current_app)
    form = DraftPlanForm()
    form.superior_id.choices = _superior_choices(catch_up_views(current_app), service, me,
                                                 date.today())
    if not form.validate():
        return _render(year, ("draft", "draft", form), 422)
    superior = None if form.superior_id.data == NO_SUPERIOR else UUID(form.superior_id.data)
    superior_plan = service.performance.plan_of(superior, year) if superior else None
    try:
        results = parsed_results(form.results.data, superior_plan)
    except ValidationError as invalid:
        form.results.errors = [str(invalid)]
        return _render(year, ("draft", "draft", form), 422)
    refused = _run(lambda: service.performance.draft_plan(
        me, year=year, superior_id=superior, results=results, actor=current_user.actor), form)
    if refused:
        return _render(year, ("draft", "draft", form), 422)
    flash(_("Your plan is drafted. Submit it to your superior when it is ready."))
    return redirect(url_for("skp.page", year=year))


@bp.post("/<plan_id>/<step>")
@roles_required(*EMPLOYEES)
def plan_step(plan_id: str, step: str) -> ResponseReturnValue:
    """One step on a plan by one of its parties: the employee submits or objects, the
    superior agrees or rates, either records feedback. Anyone else: 404."""
    if step not in STEPS and step != DECISION_STEP:
        abort(404)
    plan, me = _plan(plan_id), UUID(own_employee_id())
    performance = get_service(current_app).performance
    if step == DECISION_STEP:
        if not performance.may_decide_objection(plan, me):
            abort(404)
    elif (step in EMPLOYEE_STEPS and me != plan.employee_id) or \
            (step in SUPERIOR_STEPS and me != plan.superior_id) or \
            me not in (plan.employee_id, plan.superior_id):
        abort(404)
    form = FORMS[step]()
    if not form.validate():
        return _render(plan.year, (plan.id.hex, step, form), 422)
    actor = current_user.actor
    data: Any = form
    results: list[Any] = []
    if step == "ubah":
        above = performance.plan_of(plan.superior_id, plan.year) if plan.superior_id else None
        try:
            results = parsed_results(form.results.data, above)
        except ValidationError as invalid:
            form.results.errors = [str(invalid)]
            return _render(plan.year, (plan.id.hex, step, form), 422)
    commands: dict[str, Callable[[], Any]] = {
        "ajukan": lambda: performance.submit_plan(plan.id, actor=actor),
        "setujui": lambda: performance.agree_plan(plan.id, actor=actor),
        "nilai": lambda: performance.rate(
            plan.id, work_result=Expectation(data.work_result.data),
            behaviour=Expectation(data.behaviour.data), rated_on=date.today(), actor=actor),
        "ubah": lambda: performance.revise_plan(plan.id, results=results, actor=actor),
        "umpan-balik": lambda: performance.record_feedback(
            plan.id, kind=FeedbackKind(data.kind.data), author_id=me, text=data.text.data,
            held_on=data.held_on.data, actor=actor),
        "keberatan": lambda: performance.object_to_rating(plan.id, reason=data.reason.data,
                                                          actor=actor),
        DECISION_STEP: lambda: performance.decide_objection(
            plan.id, outcome=ObjectionOutcome(data.outcome.data), decided_by=me,
            reason=data.reason.data, actor=actor,
            work_result=Expectation(data.work_result.data) if data.work_result.data else None,
            behaviour=Expectation(data.behaviour.data) if data.behaviour.data else None)}
    if _run(commands[step], form):
        return _render(plan.year, (plan.id.hex, step, form), 422)
    flash({"ajukan": _("The plan was submitted to the superior."),
           "setujui": _("The plan was agreed."), "nilai": _("The rating was recorded."),
           "ubah": _("The change of the plan was recorded."),
           "umpan-balik": _("The feedback was recorded."),
           "keberatan": _("Your objection was recorded."),
           DECISION_STEP: _("The decision on the objection was recorded.")}[step])
    return redirect(url_for("skp.page", year=plan.year))


def _plan(plan_id: str) -> PerformancePlan:
    """The plan, or 404 (also for a malformed id)."""
    try:
        return get_service(current_app).performance.get_plan(UUID(hex=plan_id))
    except (ValueError, DomainError):
        abort(404)
    raise AssertionError  # abort raised


def _run(command: Callable[[], Any], form: FlaskForm) -> bool:
    """Run the command; on a refusal put each message at its field and say so (True)."""
    try:
        command()
    except ConcurrencyConflictError as conflict:
        form.form_errors.append(conflict.message(language()))
        return True
    except DomainError as refused:
        for problem in refused.problems:
            name = FIELDS.get((problem.field or "").split(".")[0])
            message = problem.message(language())
            if name is not None and name in form:
                form[name].errors = [*form[name].errors, message]
            else:
                form.form_errors.append(message)
        return True
    return False
