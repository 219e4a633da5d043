"""TPP in the HR workspace (/hr/tpp): the government's regulation versions and the form to add
one, the monthly runs with their totals per agency, running a month (or its correction), and a
run's lines in the reader's scope with each cut's reason and legal basis.

Officers and administrators of the government reach these pages (another government's run is
a 404); an officer sees the totals and lines of their own agency only. The HR administrator
adds regulation versions, records the Minister of Home Affairs' approval letter of a version
that arrived after it (no month under a version is run before its approval), and runs months,
all through the one form runner (web/hr/runner.py). Individual amounts are opened from the
run's sealed lines for the rows the scope admits (projections/views/tpp.py holds none).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar
from uuid import UUID

from flask import abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import DateField, DecimalField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from domain.errors import ConcurrencyConflictError, DomainError
from domain.personnel_service import PersonnelService
from domain.tpp_rules import FULL, Criterion, TppRegulation
from domain.tpp_run import TppRun
from domain.tpp_tables import example_regulation
from domain.values import Actor, Rating, Role
from projections.views.consultation import tpp_consultations
from projections.views.hr_queries import Scope
from projections.views.tpp import agency_totals, lines_in_scope, regulations_of, runs_of
from web import catch_up_views, get_service
from web.access import WRITERS, roles_required, scope
from web.hr.forms import ActionForm, FieldText, RuleChoiceField, options
from web.hr.labels import choice_label
from web.hr.routes import bp
from web.hr.runner import FormPage, run_form
from web.hr.step import Action, Command
from web.hr.tpp_labels import category_label, criterion_label, cut_label
from web.ui import fmt_date

MAX_CLASSES = 30


@dataclass
class TppDesk:
    """The government a TPP page is about, in the user's scope."""

    government_id: str
    scope: Scope
    service: PersonnelService
    projections: Any

    def regulation_in_force(self, on: date) -> TppRegulation | None:
        policy = self.service.tpp.policy(UUID(hex=self.government_id))
        if policy is None:
            return None
        try:
            return policy.in_force(on)
        except DomainError:
            return None

    @property
    def policy_version(self) -> int:
        policy = self.service.tpp.policy(UUID(hex=self.government_id))
        return int(policy.version) if policy is not None else 0


def check_policy_version(service: PersonnelService, government_id: UUID,
                         expected: int) -> None:
    """A conflict when the policy changed since the form was opened."""
    policy = service.tpp.policy(government_id)
    current = int(policy.version) if policy is not None else 0
    if current != expected:
        raise ConcurrencyConflictError(current=current, expected=expected)


def tpp_desk() -> TppDesk:
    government_id = current_user.account.government_id
    if government_id is None:
        abort(404)
    return TppDesk(str(government_id), scope(), get_service(current_app),
                   catch_up_views(current_app))


def run_in_government(desk: TppDesk, run_id: str) -> TppRun:
    """The run, 404 when it is not one of the desk's government."""
    try:
        run = desk.service.tpp.get_run(UUID(hex=run_id))
    except (ValueError, DomainError):
        abort(404)
    if run.government_id.hex != desk.government_id:
        abort(404)
    return run


def opened_lines(desk: TppDesk, run: TppRun, changed_only: bool = False
                 ) -> list[dict[str, Any]]:
    """The run's lines in the desk's scope, each with its opened breakdown (None: erased)."""
    rows = lines_in_scope(desk.projections, run.id.hex, desk.scope, changed_only)
    return [{**row, "breakdown": desk.service.tpp.line(run, UUID(hex=row["employee_id"]))}
            for row in rows]


# -- the forms ----------------------------------------------------------------------------------


def parsed_table(text: str, keys: Callable[[str], Any], *, percent: bool) -> dict[Any, int]:
    """`key | value` a line: a class and its rupiah, or a code and its percent (to basis
    points, two decimals at most)."""
    found: dict[Any, int] = {}
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(lines) > MAX_CLASSES:
        raise ValidationError(_("At most %(most)d lines.", most=MAX_CLASSES))
    for number, line in enumerate(lines, start=1):
        parts = [part.strip() for part in line.split("|")]
        try:
            if len(parts) != 2:
                raise ValueError
            key = keys(parts[0])
            raw = parts[1].replace(".", "").replace(" ", "") if not percent \
                else parts[1].replace(",", ".")
            value = round(float(raw) * 100) if percent else int(raw)
            if value < 0 or value > (FULL if percent else 10**12) or key in found:
                raise ValueError
        except (ValueError, KeyError):
            raise ValidationError(_("Line %(line)d: write key | number.", line=number)) \
                from None
        found[key] = value
    return found


# The keys a version's lines are written with: the terms of Pasal 58 and of the predicates,
# in Bahasa Indonesia as the Perkada writes them (the codes are accepted too).
CRITERION_TERMS = {
    Criterion.WORKLOAD: "beban kerja", Criterion.PLACE: "tempat bertugas",
    Criterion.CONDITIONS: "kondisi kerja", Criterion.SCARCITY: "kelangkaan profesi",
    Criterion.PERFORMANCE: "prestasi kerja", Criterion.OTHER: "lainnya",
}
RATING_TERMS = {Rating.SANGAT_BAIK: "sangat baik", Rating.BAIK: "baik",
                Rating.BUTUH_PERBAIKAN: "butuh perbaikan", Rating.KURANG: "kurang",
                Rating.SANGAT_KURANG: "sangat kurang"}


def _term(text: str) -> str:
    return " ".join(text.replace("_", " ").lower().split())


def _criterion(text: str) -> Criterion:
    found = {_term(term): c for c, term in CRITERION_TERMS.items()}
    found.update({_term(c.value): c for c in Criterion})
    return found[_term(text)]


def _rating(text: str) -> Rating:
    return {_term(term): r for r, term in RATING_TERMS.items()}[_term(text)]


def _class(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 99:
        raise ValueError
    return value


class RegulationForm(ActionForm):
    perkada = StringField(validators=[InputRequired(), Length(max=200)])
    approval_ref = StringField(validators=[Optional(), Length(max=120)])
    base_by_class = TextAreaField(validators=[InputRequired()])
    criteria_shares = TextAreaField(validators=[InputRequired()])
    predicate_cuts = TextAreaField(validators=[Optional()])
    performance_cap = DecimalField(validators=[InputRequired(), NumberRange(0, 100)])
    consultation_id = SelectField(validators=[Optional()], choices=options([("", "–")]))

    def validate_base_by_class(self, field: Any) -> None:
        parsed_table(field.data, _class, percent=False)

    def validate_criteria_shares(self, field: Any) -> None:
        parsed_table(field.data, _criterion, percent=True)

    def validate_predicate_cuts(self, field: Any) -> None:
        parsed_table(field.data, _rating, percent=True)


def _lines(table: Any, key: Callable[[Any], str | None], percent: bool) -> str:
    return "\n".join(f"{key(k)} | {v / 100:g}" if percent else f"{key(k)} | {v}"
                     for k, v in table.items())


class AdoptRegulation(Action):
    slug = "perkada-baru"
    title = _l("Add a TPP regulation version")
    rule = _l("A version of the Perkada on TPP (PP 12/2019 Pasal 58) in force from its date "
              "until the next: the amount per job class, its split over the criteria, and the "
              "cuts by last year's predicate. PP 94/2021's medium-sanction cut always applies. "
              "Job classes by type of post, regional sanction cuts and attendance bands are "
              "taken over from the version in force. Runs already made keep what they read.")
    form_class = RegulationForm
    fields = ("perkada", "approval_ref", "base_by_class", "criteria_shares", "predicate_cuts",
              "performance_cap", "consultation_id")
    decree = False
    texts: ClassVar[dict[str, FieldText]] = {
        "effective_on": (_l("In force from"), _l("The first day the amounts apply.")),
        "perkada": (_l("Regulation (Perkada)"), _l("e.g. Perwali 4/2026 tentang TPP ASN")),
        "approval_ref": (_l("Approval letter of the Minister of Home Affairs"), ""),
        "base_by_class": (_l("Amount per job class"),
                          _l("One a line: job class | rupiah a month.")),
        "criteria_shares": (_l("Split over the criteria"),
                            _l("One a line: beban kerja, tempat bertugas, kondisi kerja, "
                               "kelangkaan profesi, prestasi kerja or lainnya | percent; "
                               "together 100.")),
        "predicate_cuts": (_l("Cut by last year's predicate"),
                           _l("One a line: butuh perbaikan, kurang or sangat kurang | "
                              "percent.")),
        "performance_cap": (_l("Most the predicate may cut (%)"), ""),
        "consultation_id": (_l("Public consultation of the draft"),
                            _l("The answered consultation on the draft TPP rules that preceded "
                               "this version (PermenPANRB 16/2017), if one was held."))}
    field_map: ClassVar[dict[str, str]] = {"effective_from": "effective_on",
                                           "table": "base_by_class"}

    def available(self, ctx: Any) -> bool:
        return bool(current_user.role is Role.HR_ADMIN)

    def prepare(self, form: Any, ctx: Any) -> None:
        form.consultation_id.choices = options([("", "–")] + [
            (row["id"], row["title"]) for row in tpp_consultations(
                catch_up_views(current_app), ctx.government_id) if row["status"] == "answered"])
        if request.method != "GET":
            return
        today = date.today()
        base = ctx.regulation_in_force(today) or example_regulation(
            UUID(hex=ctx.government_id), today.year)
        form.effective_on.data = date(today.year + (today.month > 6), 1, 1)
        form.base_by_class.data = _lines(base.base_by_class, str, percent=False)
        form.criteria_shares.data = _lines(base.criteria_shares, CRITERION_TERMS.get, True)
        form.predicate_cuts.data = _lines(base.predicate_cuts, RATING_TERMS.get, True)
        form.performance_cap.data = base.performance_cap / 100

    def command(self, form: Any, ctx: Any) -> Command:
        government_id = UUID(hex=ctx.government_id)
        effective_from = form.effective_on.data

        def adopt(service: PersonnelService, actor: Actor, expected: int) -> None:
            check_policy_version(service, government_id, expected)
            base = ctx.regulation_in_force(effective_from) or example_regulation(
                government_id, effective_from.year)
            regulation = dataclasses.replace(
                base, year=effective_from.year, effective_from=effective_from,
                perkada=form.perkada.data.strip(),
                approval_ref=(form.approval_ref.data or "").strip() or None,
                base_by_class=parsed_table(form.base_by_class.data, _class, percent=False),
                criteria_shares=parsed_table(form.criteria_shares.data, _criterion,
                                             percent=True),
                predicate_cuts=parsed_table(form.predicate_cuts.data, _rating, percent=True),
                performance_cap=round(float(form.performance_cap.data) * 100))
            consulted = form.consultation_id.data or None
            service.tpp.adopt_regulation(
                regulation, actor=actor,
                consultation_id=UUID(hex=consulted) if consulted else None)

        return adopt


def _is_date(text: str) -> bool:
    """Whether `text` is an ISO date (a version's start, which the domain will judge)."""
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


class ApprovalForm(ActionForm):
    version_from = RuleChoiceField(validators=[InputRequired()], well_formed=_is_date)
    effective_on = None  # the approval is of the chosen version, from its date
    legal_number = StringField(validators=[InputRequired(), Length(max=120)])
    legal_signed_on = DateField(validators=[InputRequired()])


class ApproveVersion(Action):
    slug = "persetujuan"
    title = _l("Record the Minister of Home Affairs' approval")
    rule = _l("Until the government regulation on TPP exists, a TPP Perkada needs the approval "
              "of the Minister of Home Affairs (Kepmendagri 900-4700/2020): no month under a "
              "version is computed before it. Record here the approval letter of a version "
              "adopted before the letter arrived.")
    form_class = ApprovalForm
    fields = ("version_from",)
    texts: ClassVar[dict[str, FieldText]] = {
        "version_from": (_l("Regulation version"), _l("A version not approved yet.")),
        "legal_number": (_l("Approval letter number"), _l("e.g. 900.1.10/624/Keuda")),
        "legal_signed_on": (_l("Letter date"), "")}
    field_map: ClassVar[dict[str, str]] = {"effective_from": "version_from"}
    done_text = _l("The approval of the Minister of Home Affairs is recorded.")

    def available(self, ctx: Any) -> bool:
        return bool(current_user.role is Role.HR_ADMIN)

    def prepare(self, form: Any, ctx: Any) -> None:
        form.version_from.choices = options(
            (v["effective_from"], f"{v['perkada']} ({fmt_date(v['effective_from'])})")
            for v in regulations_of(ctx.projections, ctx.government_id)
            if not v["approval_ref"])

    def command(self, form: Any, ctx: Any) -> Command:
        government_id = UUID(hex=ctx.government_id)
        effective_from = date.fromisoformat(form.version_from.data)
        letter = form.legal_basis()
        if letter is None:  # a number of spaces only: the field's check lets it through
            raise DomainError("LEGAL_BASIS_REQUIRED", field="legal_basis")

        def approve(service: PersonnelService, actor: Actor, expected: int) -> None:
            check_policy_version(service, government_id, expected)
            service.tpp.approve_version(government_id, effective_from, letter=letter,
                                        actor=actor)

        return approve


class RunMonthForm(ActionForm):
    month = SelectField(validators=[InputRequired()])
    effective_on = None  # a run is recorded for its month


class RunMonth(Action):
    slug = "hitung"
    title = _l("Run a month's TPP")
    rule = _l("Every employee's TPP of the month from the record as in force on its first "
              "day and the regulation version in force then. A month already run is run again "
              "only when something it read has changed: that run is a correction, and the "
              "earlier one stays as it was.")
    form_class = RunMonthForm
    fields = ("month",)
    decree = False
    texts: ClassVar[dict[str, FieldText]] = {"month": (_l("Month"), "")}

    def available(self, ctx: Any) -> bool:
        return bool(current_user.role is Role.HR_ADMIN)

    def prepare(self, form: Any, ctx: Any) -> None:
        today = date.today()
        months = [_month_back(today, n) for n in range(13)]
        form.month.choices = options((m.isoformat(), month_label(m)) for m in months)
        if form.month.data is None:
            form.month.data = _month_back(today, 1).isoformat()

    def command(self, form: Any, ctx: Any) -> Command:
        government_id = UUID(hex=ctx.government_id)
        try:
            month = date.fromisoformat(form.month.data)
        except ValueError:
            abort(404)

        def run(service: PersonnelService, actor: Actor, expected: int) -> None:
            service.tpp.run_month(government_id, month, actor=actor)

        return run


def month_label(month: date | str) -> str:
    """Desember 2026 (id) / December 2026 (en)."""
    if isinstance(month, str):
        month = date.fromisoformat(month)
    return str(format_date(month, "MMMM y"))


def _month_back(today: date, count: int) -> date:
    index = today.year * 12 + today.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


# -- the pages ----------------------------------------------------------------------------------


def _run_totals(desk: TppDesk, run_id: str) -> dict[str, int]:
    """The run's totals the reader may see: the government's, or their agency's."""
    rows = agency_totals(desk.projections, run_id, desk.scope)
    return {key: sum(row[key] for row in rows) for key in ("staff", "gross", "net")}


@bp.get("/tpp")
@roles_required(*WRITERS)
def tpp() -> ResponseReturnValue:
    """The government's TPP regulation versions and its monthly runs, the latest first."""
    desk = tpp_desk()
    runs = [{**row, **(_run_totals(desk, row["id"]) if desk.scope.agency_id else {})}
            for row in runs_of(desk.projections, desk.government_id)]
    consulted = {c["id"]: c for c in tpp_consultations(desk.projections, desk.government_id)}
    return render_template("hr/tpp.html", versions=regulations_of(
        desk.projections, desk.government_id), runs=runs, consulted=consulted,
        can_write=current_user.role is Role.HR_ADMIN, month_label=month_label)


@bp.get("/tpp/<run_id>")
@roles_required(*WRITERS)
def tpp_run(run_id: str) -> ResponseReturnValue:
    """A run: its totals per agency and its lines in the reader's scope."""
    desk = tpp_desk()
    run = run_in_government(desk, run_id)
    changed_only = request.args.get("berubah") == "1"
    return render_template(
        "hr/tpp_run.html", run=run, totals=agency_totals(desk.projections, run_id, desk.scope),
        lines=opened_lines(desk, run, changed_only), changed_only=changed_only,
        cut_label=cut_label, criterion_label=criterion_label, category_label=category_label,
        choice_label=choice_label, month_label=month_label)


def _run(chosen: Action, desk: TppDesk, version: int) -> ResponseReturnValue:
    back = url_for("hr.tpp")
    return run_form(FormPage(chosen, desk, version, "hr/_promotion_step_head.html", back,
                             lambda: redirect(back), lambda after: [], _("TPP")))


@bp.route("/tpp/perkada-baru", methods=["GET", "POST"])
@roles_required(Role.HR_ADMIN)
def tpp_adopt() -> ResponseReturnValue:
    """Add a version of the government's TPP regulation."""
    desk = tpp_desk()
    return _run(AdoptRegulation(), desk, desk.policy_version)


@bp.route("/tpp/persetujuan", methods=["GET", "POST"])
@roles_required(Role.HR_ADMIN)
def tpp_approve() -> ResponseReturnValue:
    """Record the Minister of Home Affairs' approval letter of a version."""
    desk = tpp_desk()
    return _run(ApproveVersion(), desk, desk.policy_version)


@bp.route("/tpp/hitung", methods=["GET", "POST"])
@roles_required(Role.HR_ADMIN)
def tpp_run_month() -> ResponseReturnValue:
    """Run a month, or its correction when something it read has changed."""
    desk = tpp_desk()
    return _run(RunMonth(), desk, 0)
