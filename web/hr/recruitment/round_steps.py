"""The steps of a CPNS/PPPK recruitment round, from opening it to appointing its winners.
"""

from __future__ import annotations

from typing import Any, ClassVar
from uuid import UUID

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    DecimalField,
    IntegerField,
    SelectField,
    StringField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from domain.checks import ApplicantInput
from domain.values import (
    PPPK_GRADES,
    Education,
    EmploymentType,
    Grade,
    PositionType,
    Sex,
    Track,
)
from web.hr.forms import ActionForm, FieldText, options
from web.hr.labels import choice_label, sex_choices
from web.hr.recruitment.desk import DeskCommand, Step, applicant_by_exam_number, legal_basis_of
from web.hr.recruitment.results import CompetencyResults, ScreeningResults, SkbResults, SkdResults
from web.hr.step import enum_choices

# -- opening a round ---------------------------------------------------------------------------


class OpenRoundForm(ActionForm):
    code = StringField(validators=[InputRequired(), Length(min=2, max=30)])
    title = StringField(validators=[InputRequired(), Length(min=3, max=200)])
    kind = SelectField(validators=[InputRequired()])
    year = IntegerField(validators=[InputRequired(), NumberRange(2000, 2100)])


class OpenRound(Step):
    slug = "buka-seleksi"
    title = _l("Open a CPNS/PPPK round")
    rule = _l("One round per code and budget year; formations are allocated after the round "
              "opens and before it is announced.")
    form_class = OpenRoundForm
    fields = ("code", "title", "kind", "year")
    texts: ClassVar[dict[str, FieldText]] = {
        "code": (_l("Round code"), _l("Begins every exam number.")),
        "title": (_l("Round title"), ""),
        "kind": (_l("Kind"), ""),
        "year": (_l("Budget year"), ""),
    }

    def available(self, ctx: Any) -> bool:
        return ctx.aggregate is None

    def prepare(self, form: Any, ctx: Any) -> None:
        form.kind.choices = options([(EmploymentType.PNS.value, _("CPNS")),
                                     (EmploymentType.PPPK.value, _("PPPK"))])

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        government_id = UUID(ctx.government_id)
        return lambda desk, actor: desk.open_round(
            government_id=government_id, code=form.code.data.strip(),
            title=form.title.data.strip(), kind=EmploymentType(form.kind.data),
            year=form.year.data, effective_on=form.effective_on.data, actor=actor,
            legal_basis=legal_basis_of(form))


# -- formations and announcement -----------------------------------------------------------------


class FormationForm(ActionForm):
    unit_id = SelectField(validators=[InputRequired()])
    position_title = StringField(validators=[InputRequired(), Length(max=200)])
    position_type = SelectField(validators=[InputRequired()])
    education = SelectField(validators=[InputRequired()])
    quota = IntegerField(validators=[InputRequired(), NumberRange(1, 10_000)])
    track = SelectField(validators=[InputRequired()])
    grade = SelectField(validators=[Optional()])
    technical_passing_grade = IntegerField(validators=[Optional(), NumberRange(0, 1000)])


class AllocateFormation(Step):
    slug = "formasi"
    title = _l("Allocate a formation")
    rule = _l("Formations are allocated before the announcement, in an agency of this "
              "government, for non-managerial posts. A CPNS starts at the grade the education "
              "gives; PPPK uses a PPPK golongan and a technical passing grade.")
    form_class = FormationForm
    fields = ("unit_id", "position_title", "position_type", "education", "quota", "track",
              "grade", "technical_passing_grade")
    texts: ClassVar[dict[str, FieldText]] = {
        "unit_id": (_l("Agency / unit"), ""),
        "position_title": (_l("Post title"), ""),
        "position_type": (_l("Post type"), ""),
        "education": (_l("Education"), ""),
        "quota": (_l("Quota (people)"), ""),
        "track": (_l("Track"), ""),
        "grade": (_l("PPPK golongan"),
                  _l("PPPK only; a CPNS starts at the grade of their education.")),
        "technical_passing_grade": (_l("Technical passing grade"), _l("PPPK only.")),
    }

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.announced_on is None)

    def prepare(self, form: Any, ctx: Any) -> None:
        from projections.views import hr_queries
        from projections.views.hr_queries import Scope

        agencies = hr_queries.agencies(ctx.projections, Scope(government_id=ctx.government_id))
        units = hr_queries.units(ctx.projections, [a["id"] for a in agencies])
        form.unit_id.choices = options(
            (f"{u['agency_id']}:{u['id']}", f"{u['agency_name']} — {u['name']}") for u in units)
        form.position_type.choices = options(enum_choices(
            t for t in PositionType if not t.value.startswith(("JPT", "ADMIN", "PENGAWAS"))))
        form.education.choices = options(enum_choices(Education))
        form.track.choices = options(enum_choices(Track))
        form.grade.choices = options([("", "–"), *((code, code) for code in PPPK_GRADES)])

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        agency_id, unit_id = (UUID(part) for part in form.unit_id.data.split(":"))
        grade = Grade(form.grade.data) if form.grade.data else None
        round_id = ctx.aggregate.id
        return lambda desk, actor: desk.allocate_formation(
            round_id, agency_id=agency_id, unit_id=unit_id,
            position_title=form.position_title.data,
            position_type=PositionType(form.position_type.data),
            education=Education(form.education.data), quota=form.quota.data,
            track=Track(form.track.data), grade=grade,
            technical_passing_grade=form.technical_passing_grade.data,
            effective_on=form.effective_on.data, actor=actor, legal_basis=legal_basis_of(form))


class AnnounceForm(ActionForm):
    closes_on = DateField(validators=[InputRequired()])


class AnnounceRound(Step):
    slug = "umumkan"
    title = _l("Announce the round")
    rule = _l("The announcement lists the formations and the closing date of registration, after "
              "the announcement date.")
    form_class = AnnounceForm
    fields = ("closes_on",)
    texts: ClassVar[dict[str, FieldText]] = {
        "closes_on": (_l("Registration closes"), "")}
    field_map: ClassVar[dict[str, str]] = {"registration_closes_on": "closes_on"}

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.announced_on is None
                    and ctx.aggregate.formations)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        round_id = ctx.aggregate.id
        return lambda desk, actor: desk.announce_round(
            round_id, registration_closes_on=form.closes_on.data,
            effective_on=form.effective_on.data, actor=actor, legal_basis=legal_basis_of(form))


# -- registration --------------------------------------------------------------------------------


class RegisterForm(ActionForm):
    formation_id = SelectField(validators=[InputRequired()])
    name = StringField(validators=[InputRequired(), Length(max=200)])
    nik = StringField(validators=[InputRequired(), Length(max=40)])
    birth_on = DateField(validators=[InputRequired()])
    sex = SelectField(validators=[InputRequired()])
    contact = StringField(validators=[Optional(), Length(max=200)])
    education = SelectField(validators=[InputRequired()])
    grade_average = DecimalField(validators=[InputRequired(), NumberRange(0, 100)], places=2)


class RegisterApplicant(Step):
    slug = "pendaftaran"
    title = _l("Register an applicant")
    rule = _l("Registration while it is open; one registration per NIK per round; a CPNS is "
              "18–35 years old when registration closes. Personal data is stored encrypted.")
    form_class = RegisterForm
    decree = False
    fields = ("formation_id", "name", "nik", "birth_on", "sex", "contact", "education",
              "grade_average")
    texts: ClassVar[dict[str, FieldText]] = {
        "formation_id": (_l("Formation"), ""),
        "name": (_l("Full name"), ""),
        "nik": (_l("NIK (national ID number)"), _l("16 digits.")),
        "birth_on": (_l("Birth date"), ""),
        "sex": (_l("Sex"), ""),
        "contact": (_l("Contact"), _l("E-mail or telephone (optional).")),
        "education": (_l("Education"), ""),
        "grade_average": (_l("GPA / certificate average"), _l("For example 3.45 or 82.50.")),
    }

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.announced_on is not None
                    and ctx.aggregate.screening_announced_on is None)

    def prepare(self, form: Any, ctx: Any) -> None:
        form.formation_id.choices = options(
            (f.id.hex, f"{f.position_title} ({choice_label(f.track)}, {f.quota})")
            for f in ctx.aggregate.formations.values())
        form.sex.choices = options(sex_choices())
        form.education.choices = options(enum_choices(Education))

    def summary(self, form: Any, ctx: Any) -> list[tuple[str, str]]:
        lines = super().summary(form, ctx)
        return [(label, "••••" if name in ("nik",) else value)
                for (label, value), name in zip(lines, self.fields, strict=True)]

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        person = ApplicantInput(name=form.name.data, nik=form.nik.data,
                                birth_on=form.birth_on.data, sex=Sex(form.sex.data),
                                contact=form.contact.data or None)
        round_id, formation_id = ctx.aggregate.id, UUID(form.formation_id.data)
        average = round(form.grade_average.data * 100)
        return lambda desk, actor: desk.register_applicant(
            round_id, formation_id=formation_id, person=person,
            education=Education(form.education.data), grade_average=average,
            effective_on=form.effective_on.data, actor=actor)


# -- computed steps: the domain computes; the form only dates and grounds them ----------------


class RoundMilestone(Step):
    form_class = ActionForm
    method: ClassVar[str]

    def when(self, round_: Any) -> bool:
        """Whether the round has reached this step."""
        return True

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and self.when(ctx.aggregate))

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        round_id, method = ctx.aggregate.id, self.method
        return lambda desk, actor: getattr(desk, method)(
            round_id, effective_on=form.effective_on.data, actor=actor,
            legal_basis=legal_basis_of(form))


class AnnounceScreening(RoundMilestone):
    slug = "umumkan-administrasi"
    title = _l("Announce the screening results")
    rule = _l("After every applicant is decided MS/TMS. Objections may be filed for 3 days.")
    method = "announce_screening"

    def when(self, round_: Any) -> bool:
        return round_.announced_on is not None and round_.screening_announced_on is None


class ChooseSkb(RoundMilestone):
    slug = "peserta-skb"
    title = _l("Choose the SKB participants")
    rule = _l("Computed: 3 × quota per formation among SKD passers, by total, then TKP, TIU, "
              "TWK; equal scores at the cutoff all go on.")
    method = "choose_skb_participants"

    def when(self, round_: Any) -> bool:
        return (round_.kind is EmploymentType.PNS and round_.screening_announced_on is not None
                and not round_.skb_chosen)


class Integrate(RoundMilestone):
    slug = "integrasi"
    title = _l("Integrate the final scores")
    rule = _l("Computed: 40% SKD (normalised to 100) + 60% SKB; ranks per formation with the "
              "regulation's tie-breaks.")
    method = "integrate_final_scores"

    def when(self, round_: Any) -> bool:
        return round_.screening_announced_on is not None and not round_.integrated


class AnnounceResults(RoundMilestone):
    slug = "umumkan-hasil"
    title = _l("Announce the final results")
    rule = _l("After the final scores are integrated.")
    method = "announce_results"

    def when(self, round_: Any) -> bool:
        return bool(round_.integrated and round_.results_announced_on is None)


class CloseRound(RoundMilestone):
    slug = "tutup"
    title = _l("Close the round")
    rule = _l("Closes the round; no step can follow.")
    method = "close_round"

    def when(self, round_: Any) -> bool:
        return round_.announced_on is not None


# -- one applicant ------------------------------------------------------------------------------


class ExamForm(ActionForm):
    exam_number = StringField(validators=[InputRequired(), Length(max=40)])


class ObjectionForm(ExamForm):
    granted = SelectField(validators=[InputRequired()])


_EXAM_TEXT = (_l("Exam number"), _l("As printed on the applicant's card."))


class FileObjection(Step):
    slug = "sanggahan"
    title = _l("Record an objection")
    rule = _l("An applicant found TMS may object within 3 days of the screening announcement.")
    form_class = ExamForm
    decree = False
    fields: ClassVar[tuple[str, ...]] = ("exam_number",)
    texts: ClassVar[dict[str, FieldText]] = {"exam_number": _EXAM_TEXT}

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.screening_announced_on is not None
                    and not ctx.aggregate.integrated)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        applicant = applicant_by_exam_number(ctx, form.exam_number.data, "exam_number")
        round_id = ctx.aggregate.id
        return lambda desk, actor: desk.file_objection(
            round_id, applicant_id=applicant.id, effective_on=form.effective_on.data,
            actor=actor)


class ResolveObjection(FileObjection):
    slug = "jawab-sanggahan"
    title = _l("Answer an objection")
    rule = _l("Answered within 7 days; a granted objection makes the applicant MS.")
    form_class = ObjectionForm
    decree = True
    fields = ("exam_number", "granted")
    texts: ClassVar[dict[str, FieldText]] = {
        "exam_number": _EXAM_TEXT, "granted": (_l("Decision"), "")}

    def prepare(self, form: Any, ctx: Any) -> None:
        form.granted.choices = options([("yes", _("Granted")),
                                        ("no", _("Refused"))])

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        applicant = applicant_by_exam_number(ctx, form.exam_number.data, "exam_number")
        round_id, granted = ctx.aggregate.id, form.granted.data == "yes"
        return lambda desk, actor: desk.resolve_objection(
            round_id, applicant_id=applicant.id, granted=granted,
            effective_on=form.effective_on.data, actor=actor, legal_basis=legal_basis_of(form))


class Withdraw(FileObjection):
    slug = "mengundurkan-diri"
    title = _l("Applicant withdraws")
    rule = _l("A withdrawn applicant is not appointed; the next rank may take the place.")

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.announced_on is not None)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        applicant = applicant_by_exam_number(ctx, form.exam_number.data, "exam_number")
        round_id = ctx.aggregate.id
        return lambda desk, actor: desk.withdraw(
            round_id, applicant_id=applicant.id, effective_on=form.effective_on.data,
            actor=actor)


class AppointForm(ExamForm):
    nip = StringField(validators=[InputRequired(), Length(max=40)])
    contract_ends_on = DateField(validators=[Optional()])


class AppointWinner(Step):
    slug = "pengangkatan"
    title = _l("Appoint a successful applicant")
    rule = _l("Only a ranked applicant within the formation's quota after the results are "
              "announced; the NIP comes from BKN. The employee record is made from the same "
              "applicant data.")
    form_class = AppointForm
    fields = ("exam_number", "nip", "contract_ends_on")
    texts: ClassVar[dict[str, FieldText]] = {
        "exam_number": _EXAM_TEXT, "nip": (_l("NIP / NI PPPK"), ""),
        "contract_ends_on": (_l("Contract ends"), _l("PPPK only."))}

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.results_announced_on is not None)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        applicant = applicant_by_exam_number(ctx, form.exam_number.data, "exam_number")
        round_id = ctx.aggregate.id
        return lambda desk, actor: desk.appoint_winner(
            round_id, applicant_id=applicant.id, nip=form.nip.data,
            effective_on=form.effective_on.data, actor=actor, legal_basis=legal_basis_of(form),
            contract_ends_on=form.contract_ends_on.data)


ROUND_STEPS: dict[str, Step] = {step.slug: step for step in (
    AllocateFormation(), AnnounceRound(), RegisterApplicant(), ScreeningResults(),
    AnnounceScreening(), FileObjection(), ResolveObjection(), SkdResults(), ChooseSkb(),
    SkbResults(), CompetencyResults(), Integrate(), AnnounceResults(), Withdraw(),
    AppointWinner(), CloseRound())}
OPEN_ROUND = OpenRound()
