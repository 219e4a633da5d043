"""The personnel actions HR staff record on an employee, one class each: form, valid choices,
command, summary.

The routes in web/hr/routes.py run every action through the one form runner; corrections and
annulments of earlier entries are in web/hr/corrections.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar
from uuid import UUID

from wtforms import (
    DateField,
    DecimalField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from domain.regulations import CREDIT_POINTS_FOR_GRADE, TRAINING_TARGET_JP, rater_types
from domain.values import (
    Expectation,
    Grade,
    JpHours,
    PenaltyType,
    PromotionKind,
    SeparationType,
    Sex,
    TopicTag,
    TrainingType,
)
from projections.views import hr_queries
from projections.views.roster import ERASED_MARK
from web.hr.forms import ActionForm, options, year_field
from web.hr.labels import choice_label
from web.hr.step import Action, Command, enum_choices
from web.ui import tr


@dataclass
class Context:
    """The employee an action is about, as the roster shows them now."""

    employee_id: UUID
    row: dict[str, Any]
    projections: Any
    today: date
    target_version: int | None = None  # the timeline entry a correction or annulment targets

    @property
    def status(self) -> str:
        return str(self.row["status"])

    @property
    def is_active(self) -> bool:
        return self.status in ("CPNS", "PNS", "PPPK")


# -- promotion ---------------------------------------------------------------------------------


class PromotionForm(ActionForm):
    kind = SelectField(validators=[InputRequired()])
    to_grade = SelectField(validators=[InputRequired()])
    credit_points = DecimalField(validators=[Optional(), NumberRange(0, 10_000)], places=2)
    reason = TextAreaField(validators=[Optional(), Length(max=2000)])


class Promotion(Action):
    slug = "kenaikan-pangkat"
    title = ("Kenaikan pangkat", "Rank promotion")
    rule = ("Naik satu golongan saja. Reguler: paling sedikit 4 tahun dalam golongan dan "
            "predikat kinerja paling rendah Baik 2 tahun terakhir, paling tinggi sampai batas "
            "pendidikan. Fungsional: 2 tahun dan angka kredit cukup. Pilihan: 2 tahun dan SK. "
            "TMT tanggal 1 pada bulan periode kenaikan pangkat yang berlaku.",
            "One grade up only. Regular: at least 4 years in grade and a rating of at least "
            "Baik in the last 2 years, up to the education cap. Functional: 2 years and enough "
            "credit points. Choice: 2 years and a decree. Effective on the 1st of a promotion "
            "month in force.")
    form_class = PromotionForm
    fields = ("kind", "to_grade", "credit_points", "reason")
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "kind": ("Jenis kenaikan pangkat", "Kind of promotion", "", ""),
        "to_grade": ("Golongan baru", "New grade",
                     "Hanya golongan berikutnya yang dapat dipilih.",
                     "Only the next grade can be chosen."),
        "credit_points": ("Angka kredit", "Credit points",
                          "Wajib untuk kenaikan pangkat fungsional.",
                          "Required for a functional promotion."),
    }

    def available(self, ctx: Context) -> bool:
        grade = Grade(ctx.row["grade"])
        return ctx.status == "PNS" and not grade.is_pppk and grade.next() is not None

    def prepare(self, form: Any, ctx: Context) -> None:
        form.kind.choices = options(enum_choices(PromotionKind))
        following = Grade(ctx.row["grade"]).next()
        form.to_grade.choices = options(
            [(following.code, f"{following.code} — {following.title}")] if following else [])
        needed = CREDIT_POINTS_FOR_GRADE.get(following.code) if following else None
        if needed:
            form.credit_points.description = tr(f"Untuk {following} dibutuhkan {needed}.",
                                                f"{following} needs {needed}.")

    def command(self, form: Any, ctx: Context) -> Command:
        points = float(form.credit_points.data) if form.credit_points.data is not None else None
        return lambda service, actor, version: service.promote_rank(
            ctx.employee_id, kind=PromotionKind(form.kind.data), to_grade=Grade(form.to_grade.data),
            effective_on=form.effective_on.data, actor=actor, legal_basis=form.legal_basis(),
            credit_points=points, reason=form.reason.data or None, expected_version=version)


# -- training ----------------------------------------------------------------------------------


class TrainingForm(ActionForm):
    training_type = SelectField(validators=[InputRequired()])
    title = StringField(validators=[InputRequired(), Length(max=200)])
    hours_jp = DecimalField(validators=[InputRequired(), NumberRange(0.5, 1000)], places=1)
    topics = SelectMultipleField(validators=[Optional()])


class Training(Action):
    slug = "pelatihan"
    title = ("Pengembangan kompetensi (diklat)", "Training completed")
    rule = (f"JP dicatat pada tanggal selesai (1 JP = 45 menit, kelipatan 0,5). Target "
            f"{TRAINING_TARGET_JP} JP per pegawai per tahun. Latsar hanya untuk CPNS.",
            f"Hours are credited on the completion date (1 JP = 45 minutes, steps of 0.5). "
            f"Target {TRAINING_TARGET_JP} JP per employee per year. Latsar is for CPNS only.")
    form_class = TrainingForm
    fields = ("training_type", "title", "hours_jp", "topics")
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "effective_on": ("Tanggal selesai", "Completion date",
                         "JP hanya dihitung setelah pelatihan selesai.",
                         "Hours count only once the training is completed."),
        "training_type": ("Jenis pelatihan", "Kind of training", "", ""),
        "title": ("Nama pelatihan", "Title", "", ""),
        "hours_jp": ("Jumlah JP", "Hours (JP)", "Lebih dari 0, paling banyak 1.000.",
                     "Above 0, at most 1,000."),
        "topics": ("Topik", "Topics", "Boleh lebih dari satu.", "Choose any that apply."),
    }

    def prepare(self, form: Any, ctx: Context) -> None:
        types = [t for t in TrainingType if t is not TrainingType.LATSAR or ctx.status == "CPNS"]
        form.training_type.choices = options(enum_choices(types))
        form.topics.choices = options(enum_choices(TopicTag))

    def command(self, form: Any, ctx: Context) -> Command:
        return lambda service, actor, version: service.complete_training(
            ctx.employee_id, training_type=TrainingType(form.training_type.data),
            title=form.title.data, hours_jp=JpHours(float(form.hours_jp.data)),
            topics=tuple(TopicTag(t) for t in form.topics.data or ()),
            effective_on=form.effective_on.data, actor=actor, legal_basis=form.legal_basis(),
            expected_version=version)


# -- appraisal ---------------------------------------------------------------------------------


class AppraisalForm(ActionForm):
    year = year_field()
    work_result = SelectField(validators=[InputRequired()])
    behaviour = SelectField(validators=[InputRequired()])
    rater_id = SelectField(validators=[Optional()])


class Appraisal(Action):
    slug = "penilaian-kinerja"
    title = ("Penilaian kinerja (SKP)", "Annual appraisal (SKP)")
    rule = ("Satu penilaian tahunan per pegawai per tahun, oleh atasan langsung di perangkat "
            "daerah yang sama. Predikat dihitung dari matriks hasil kerja × perilaku kerja, "
            "tidak diketik.",
            "One annual appraisal per employee per year, by the direct superior in the same "
            "agency. The rating is computed from the work result × behaviour matrix, never "
            "typed in.")
    form_class = AppraisalForm
    fields = ("year", "work_result", "behaviour", "rater_id")
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "effective_on": ("Tanggal penilaian", "Appraisal date", "", ""),
        "year": ("Tahun yang dinilai", "Year appraised", "", ""),
        "work_result": ("Hasil kerja", "Work result", "", ""),
        "behaviour": ("Perilaku kerja", "Work behaviour", "", ""),
        "rater_id": ("Pejabat penilai", "Rater",
                     "Hanya atasan yang berwenang menilai jabatan pegawai ini yang ditampilkan. "
                     "JPT dinilai kepala daerah: kosongkan.",
                     "Only superiors who may rate this employee's position are listed. JPT "
                     "holders are rated by the regional head: leave it empty."),
    }

    def prepare(self, form: Any, ctx: Context) -> None:
        form.work_result.choices = options(enum_choices(Expectation))
        form.behaviour.choices = options(enum_choices(Expectation))
        from domain.values import PositionType

        ratee = ctx.row["position_type"]
        allowed = rater_types(PositionType(ratee) if ratee else None)
        raters = hr_queries.raters(ctx.projections, ctx.row["agency_id"],
                                   sorted(t.value for t in allowed), ctx.row["employee_id"])
        form.rater_id.choices = options([("", "–")] + [
            (r["employee_id"], f"{r['name']} — {r['position_title'] or ''}") for r in raters])
        if form.year.data is None and not form.is_submitted():
            form.year.data = ctx.today.year - 1

    def command(self, form: Any, ctx: Context) -> Command:
        rater = UUID(form.rater_id.data) if form.rater_id.data else None
        return lambda service, actor, version: service.record_appraisal(
            ctx.employee_id, year=form.year.data, work_result=Expectation(form.work_result.data),
            behaviour=Expectation(form.behaviour.data), rater_id=rater,
            effective_on=form.effective_on.data, actor=actor, expected_version=version)

    def summary(self, form: Any, ctx: Context) -> list[tuple[str, str]]:
        from domain.values import Rating

        rating = Rating.from_matrix(Expectation(form.work_result.data),
                                    Expectation(form.behaviour.data))
        return [*super().summary(form, ctx),
                (tr("Predikat (dihitung)", "Rating (computed)"), choice_label(rating))]


# -- probation, contract -----------------------------------------------------------------------


class Probation(Action):
    slug = "lulus-masa-percobaan"
    title = ("Pengangkatan CPNS menjadi PNS", "Probation passed (CPNS to PNS)")
    rule = ("Hanya bagi CPNS yang telah menjalani masa percobaan 1 tahun dan lulus Latsar.",
            "Only for a CPNS who served the one-year probation and completed Latsar.")
    form_class = ActionForm

    def available(self, ctx: Context) -> bool:
        return ctx.status == "CPNS"

    def command(self, form: Any, ctx: Context) -> Command:
        return lambda service, actor, version: service.pass_probation(
            ctx.employee_id, effective_on=form.effective_on.data, actor=actor,
            legal_basis=form.legal_basis(), expected_version=version)


class ContractForm(ActionForm):
    ends_on = DateField(validators=[InputRequired()])


class ContractRenewal(Action):
    slug = "perpanjangan-kontrak"
    title = ("Perpanjangan perjanjian kerja PPPK", "PPPK contract renewal")
    rule = ("Hanya bagi PPPK; perjanjian baru berakhir sesudah perjanjian yang berjalan.",
            "PPPK only; the new contract ends after the current one.")
    form_class = ContractForm
    fields = ("ends_on",)
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "ends_on": ("Perjanjian berakhir", "Contract ends on", "", "")}

    def available(self, ctx: Context) -> bool:
        return ctx.status == "PPPK"

    def command(self, form: Any, ctx: Context) -> Command:
        return lambda service, actor, version: service.renew_contract(
            ctx.employee_id, ends_on=form.ends_on.data, effective_on=form.effective_on.data,
            actor=actor, legal_basis=form.legal_basis(), expected_version=version)


# -- positions and transfer --------------------------------------------------------------------


class AssignForm(ActionForm):
    position_id = SelectField(validators=[InputRequired()])


class PositionAssignment(Action):
    slug = "pengangkatan-jabatan"
    title = ("Pengangkatan dalam jabatan", "Position assignment")
    rule = ("Hanya jabatan lowong di perangkat daerah pegawai yang rentang golongannya memuat "
            "golongan pegawai. Jabatan yang dipegang sebelumnya dilepas pada TMT yang sama.",
            "Only vacant positions of the employee's agency whose grade range admits the "
            "employee's grade. A position held before is released on the same date.")
    form_class = AssignForm
    fields = ("position_id",)
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "position_id": ("Jabatan", "Position", "", "")}

    def prepare(self, form: Any, ctx: Context) -> None:
        positions = hr_queries.vacant_positions_admitting(
            ctx.projections, ctx.row["agency_id"], Grade(ctx.row["grade"]))
        form.position_id.choices = options([
            (p["id"], f"{p['title']} ({p['unit_name']}; {p['lowest']}–{p['highest']})")
            for p in positions])

    def command(self, form: Any, ctx: Context) -> Command:
        return lambda service, actor, version: service.assign_position(
            ctx.employee_id, position_id=UUID(form.position_id.data),
            effective_on=form.effective_on.data, actor=actor, legal_basis=form.legal_basis(),
            expected_version=version)


class PositionRelease(Action):
    slug = "pelepasan-jabatan"
    title = ("Pemberhentian dari jabatan", "Position release")
    rule = ("Melepas jabatan yang sedang dipegang; pegawai tetap bekerja di unit yang sama.",
            "Releases the position held; the employee stays in the same unit.")
    form_class = ActionForm

    def available(self, ctx: Context) -> bool:
        return ctx.is_active and bool(ctx.row["position_id"])

    def command(self, form: Any, ctx: Context) -> Command:
        return lambda service, actor, version: service.release_position(
            ctx.employee_id, effective_on=form.effective_on.data, actor=actor,
            legal_basis=form.legal_basis(), expected_version=version)


class TransferForm(ActionForm):
    to_unit = SelectField(validators=[InputRequired()])
    reason = TextAreaField(validators=[Optional(), Length(max=2000)])


class Transfer(Action):
    slug = "mutasi"
    title = ("Mutasi", "Transfer")
    rule = ("Pindah ke unit lain di pemerintah daerah yang sama; jabatan yang dipegang "
            "ditinggalkan.",
            "Move to another unit of the same government; the position held is left.")
    form_class = TransferForm
    fields = ("to_unit", "reason")
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "to_unit": ("Unit tujuan", "Destination unit",
                         "Hanya unit di pemerintah daerah yang sama.",
                         "Only units of the same government.")}
    field_map: ClassVar[dict[str, str]] = {"to_agency_id": "to_unit", "to_unit_id": "to_unit",
                                           "unit_id": "to_unit"}

    def prepare(self, form: Any, ctx: Context) -> None:
        agencies = hr_queries.agencies(ctx.projections,
                                       hr_queries.Scope(government_id=ctx.row["government_id"]))
        units = hr_queries.units(ctx.projections, [a["id"] for a in agencies])
        form.to_unit.choices = options(
            (f"{u['agency_id']}:{u['id']}", f"{u['agency_name']} — {u['name']}")
            for u in units if u["id"] != ctx.row["unit_id"])

    def command(self, form: Any, ctx: Context) -> Command:
        agency_id, _, unit_id = form.to_unit.data.partition(":")
        return lambda service, actor, version: service.transfer(
            ctx.employee_id, to_agency_id=UUID(agency_id), to_unit_id=UUID(unit_id),
            effective_on=form.effective_on.data, actor=actor, legal_basis=form.legal_basis(),
            reason=form.reason.data or None, expected_version=version)


# -- discipline and separation -----------------------------------------------------------------


class PenaltyForm(ActionForm):
    penalty_type = SelectField(validators=[InputRequired()])
    reason = TextAreaField(validators=[InputRequired(), Length(max=2000)])


class Penalty(Action):
    slug = "hukuman-disiplin"
    title = ("Hukuman disiplin", "Disciplinary penalty")
    rule = ("Jenis hukuman menentukan tingkatnya (ringan, sedang, berat; PP 94/2021). Alasan "
            "wajib diisi.",
            "The penalty type fixes its level (light, medium, heavy; PP 94/2021). A reason is "
            "required.")
    form_class = PenaltyForm
    fields = ("penalty_type", "reason")
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "penalty_type": ("Jenis hukuman", "Penalty", "", "")}
    field_map: ClassVar[dict[str, str]] = {"level": "penalty_type"}

    def prepare(self, form: Any, ctx: Context) -> None:
        form.penalty_type.choices = options([
            (p.value, f"{choice_label(p.level)}: {choice_label(p)}") for p in PenaltyType])

    def command(self, form: Any, ctx: Context) -> Command:
        penalty = PenaltyType(form.penalty_type.data)
        return lambda service, actor, version: service.impose_penalty(
            ctx.employee_id, level=penalty.level, penalty_type=penalty,
            effective_on=form.effective_on.data, actor=actor, legal_basis=form.legal_basis(),
            reason=form.reason.data, expected_version=version)


class SeparationForm(ActionForm):
    separation_type = SelectField(validators=[InputRequired()])
    reason = TextAreaField(validators=[Optional(), Length(max=2000)])


class Separation(Action):
    slug = "pemberhentian"
    title = ("Pemberhentian", "Separation")
    rule = ("Pensiun hanya pada/sesudah batas usia pensiun jabatan; pemberhentian tidak dengan "
            "hormat wajib beralasan; berakhirnya perjanjian hanya bagi PPPK. Sesudahnya tidak "
            "ada tindakan lain dengan TMT lebih akhir.",
            "Retirement only on or after the retirement age of the position; a dishonourable "
            "dismissal needs a reason; contract end is for PPPK only. Nothing can be recorded "
            "with a later date afterwards.")
    form_class = SeparationForm
    fields = ("separation_type", "reason")
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "separation_type": ("Jenis pemberhentian", "Kind of separation", "", "")}

    def prepare(self, form: Any, ctx: Context) -> None:
        kinds = [s for s in SeparationType
                 if s is not SeparationType.CONTRACT_END or ctx.status == "PPPK"]
        form.separation_type.choices = options(enum_choices(kinds))

    def command(self, form: Any, ctx: Context) -> Command:
        return lambda service, actor, version: service.separate(
            ctx.employee_id, separation_type=SeparationType(form.separation_type.data),
            effective_on=form.effective_on.data, actor=actor, legal_basis=form.legal_basis(),
            reason=form.reason.data or None, expected_version=version)


# -- personal data ----------------------------------------------------------------------------


class PersonalDataForm(ActionForm):
    name = StringField(validators=[Optional(), Length(max=200)])
    nip = StringField(validators=[Optional(), Length(max=40)])
    birth_on = DateField(validators=[Optional()])
    sex = SelectField(validators=[Optional()])
    contact = StringField(validators=[Optional(), Length(max=200)])
    reason = TextAreaField(validators=[InputRequired(), Length(max=2000)])


class PersonalDataCorrection(Action):
    slug = "koreksi-data-pribadi"
    title = ("Koreksi data pribadi", "Correct personal data")
    rule = ("Untuk salah ketik nama, NIP, tanggal lahir, jenis kelamin atau kontak. NIP harus "
            "tetap sesuai tanggal lahir, jenis kelamin dan TMT pertama, dan belum dipakai "
            "pegawai lain. Data lama tetap tersimpan terenkripsi; alasan wajib.",
            "For a mistyped name, NIP, birth date, sex or contact. The NIP must still match "
            "the birth date, sex and first TMT, and be free. The old data stays stored "
            "encrypted; a reason is required.")
    form_class = PersonalDataForm
    decree = False
    fields = ("name", "nip", "birth_on", "sex", "contact", "reason")
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "effective_on": ("Tanggal koreksi", "Date of the correction", "", ""),
        "name": ("Nama yang benar", "Correct name", "Kosongkan bila tidak berubah.",
                 "Leave empty if unchanged."),
        "nip": ("NIP / NI PPPK yang benar", "Correct NIP / NI PPPK",
                "Kosongkan bila tidak berubah.", "Leave empty if unchanged."),
        "birth_on": ("Tanggal lahir yang benar", "Correct birth date",
                     "Kosongkan bila tidak berubah.", "Leave empty if unchanged."),
        "sex": ("Jenis kelamin yang benar", "Correct sex", "", ""),
        "contact": ("Kontak yang benar", "Correct contact", "Kosongkan bila tidak berubah.",
                    "Leave empty if unchanged."),
    }

    def available(self, ctx: Context) -> bool:
        return ctx.row["name"] != ERASED_MARK  # an erased person has nothing to correct

    def prepare(self, form: Any, ctx: Context) -> None:
        form.sex.choices = options([("", tr("– tidak berubah –", "– unchanged –")),
                                    (Sex.MALE.value, tr("Laki-laki", "Male")),
                                    (Sex.FEMALE.value, tr("Perempuan", "Female"))])

    def command(self, form: Any, ctx: Context) -> Command:
        def text_or_none(field: Any) -> str | None:
            return (field.data or "").strip() or None

        return lambda service, actor, version: service.correct_personal_data(
            ctx.employee_id, name=text_or_none(form.name), nip=text_or_none(form.nip),
            birth_on=form.birth_on.data, sex=Sex(form.sex.data) if form.sex.data else None,
            contact=text_or_none(form.contact), effective_on=form.effective_on.data,
            actor=actor, reason=form.reason.data, expected_version=version)


ACTIONS: dict[str, Action] = {a.slug: a for a in (
    Promotion(), PositionAssignment(), PositionRelease(), Transfer(), Training(), Appraisal(),
    Penalty(), ContractRenewal(), Probation(), Separation(), PersonalDataCorrection())}
