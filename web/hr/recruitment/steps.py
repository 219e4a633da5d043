"""The steps HR administrators record on recruitment rounds and JPT open selections.

Each step is an `Action` (web/hr/actions.py) whose context is a round or a selection instead of
an employee: it says when it applies, which choices its form offers, how the input becomes a
call of `service.recruitment` (guarded by the version the form was based on), and what the
confirmation step shows. Files of results (screening, SKD, SKB, PPPK competency) are pasted or
uploaded as CSV rows keyed by exam number; every row is checked before anything is recorded,
and the whole file is one transaction.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar
from uuid import UUID

from flask_wtf.file import FileField
from wtforms import (
    DateField,
    DecimalField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from domain.errors import DomainError
from domain.personnel_service import PersonnelService
from domain.recruitment_service import (
    ApplicantInput,
    CompetencyScore,
    RecruitmentService,
    Screening,
    SkbScore,
    SkdScore,
)
from domain.selection import CommitteeMember
from domain.values import (
    PPPK_GRADES,
    Actor,
    Education,
    EmploymentType,
    Grade,
    PositionType,
    ScreeningReason,
    SelectionStage,
    Sex,
    Track,
)
from web.hr.actions import Action, Command
from web.hr.forms import ActionForm, options
from web.hr.labels import choice_label
from web.ui import tr

DeskCommand = Callable[[RecruitmentService, Actor], Any]
MAX_FILE_BYTES = 5_000_000  # a results file (about 100,000 rows) pasted or uploaded


@dataclass
class Desk:
    """The round or selection a step is about (None before it is opened), as stored now."""

    kind: str  # "round" or "selection"
    aggregate: Any  # RecruitmentRound | OpenSelection | None
    government_id: str
    projections: Any
    service: PersonnelService
    today: date

    @property
    def is_open(self) -> bool:
        return self.aggregate is not None and self.aggregate.closed_on is None


class Step(Action):
    """One step of a round or a selection (`ctx` is a `Desk`)."""

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open)

    def prepare(self, form: Any, ctx: Any) -> None:
        """Fill the form's choices with the valid ones for this round or selection."""

    def summary(self, form: Any, ctx: Any) -> list[tuple[str, str]]:
        return super().summary(form, ctx)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        raise NotImplementedError

    def command(self, form: Any, ctx: Any) -> Command:
        """The step's call, refused if the round or selection moved past the form's version."""
        run = self.run(form, ctx)
        aggregate_id = ctx.aggregate.id if ctx.aggregate is not None else None

        def call(service: PersonnelService, actor: Actor, expected: int) -> None:
            if aggregate_id is None:
                run(service.recruitment, actor)
                return
            with service.recruitment.expecting(aggregate_id, expected):
                run(service.recruitment, actor)

        return call

    def map_field(self, domain_field: str | None) -> str | None:
        mapped = super().map_field(domain_field)
        if mapped is None and domain_field in ("applicant_id", "candidate_id"):
            return self.fields[0] if self.fields else None
        return mapped


def _basis(form: Any) -> Any:
    return form.legal_basis()


def enum_choices(values: Any) -> list[tuple[str, str]]:
    return [(member.value, choice_label(member)) for member in values]


def _applicant(ctx: Desk, exam_number: str, field: str) -> Any:
    """The round's applicant with this exam number, or a field error."""
    wanted = exam_number.strip().upper()
    for applicant in ctx.aggregate.applicants.values():
        if applicant.exam_number == wanted:
            return applicant
    raise DomainError("NOT_FOUND", field=field, what=tr("Nomor peserta", "The exam number"))


# -- opening a round ---------------------------------------------------------------------------


class OpenRoundForm(ActionForm):
    code = StringField(validators=[InputRequired(), Length(min=2, max=30)])
    title = StringField(validators=[InputRequired(), Length(min=3, max=200)])
    kind = SelectField(validators=[InputRequired()])
    year = IntegerField(validators=[InputRequired(), NumberRange(2000, 2100)])


class OpenRound(Step):
    slug = "buka-seleksi"
    title = ("Buka seleksi CPNS/PPPK", "Open a CPNS/PPPK round")
    rule = ("Satu seleksi per kode dan tahun anggaran; formasi ditetapkan sesudah seleksi dibuka "
            "dan sebelum diumumkan.",
            "One round per code and budget year; formations are allocated after the round "
            "opens and before it is announced.")
    form_class = OpenRoundForm
    fields = ("code", "title", "kind", "year")
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "code": ("Kode seleksi", "Round code", "Menjadi awal nomor peserta.",
                 "Begins every exam number."),
        "title": ("Nama seleksi", "Round title", "", ""),
        "kind": ("Jenis", "Kind", "", ""),
        "year": ("Tahun anggaran", "Budget year", "", ""),
    }

    def available(self, ctx: Any) -> bool:
        return ctx.aggregate is None

    def prepare(self, form: Any, ctx: Any) -> None:
        form.kind.choices = options([(EmploymentType.PNS.value, tr("CPNS", "CPNS")),
                                     (EmploymentType.PPPK.value, tr("PPPK", "PPPK"))])

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        government_id = UUID(ctx.government_id)
        return lambda desk, actor: desk.open_round(
            government_id=government_id, code=form.code.data.strip(),
            title=form.title.data.strip(), kind=EmploymentType(form.kind.data),
            year=form.year.data, effective_on=form.effective_on.data, actor=actor,
            legal_basis=_basis(form))


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
    title = ("Tetapkan formasi", "Allocate a formation")
    rule = ("Formasi ditetapkan sebelum pengumuman, di perangkat daerah pemerintah ini, untuk "
            "jabatan pelaksana atau fungsional. CPNS mulai pada golongan menurut pendidikan; "
            "PPPK memakai golongan PPPK dan nilai ambang kompetensi teknis.",
            "Formations are allocated before the announcement, in an agency of this "
            "government, for non-managerial posts. A CPNS starts at the grade the education "
            "gives; PPPK uses a PPPK golongan and a technical passing grade.")
    form_class = FormationForm
    fields = ("unit_id", "position_title", "position_type", "education", "quota", "track",
              "grade", "technical_passing_grade")
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "unit_id": ("Perangkat daerah / unit", "Agency / unit", "", ""),
        "position_title": ("Nama jabatan", "Post title", "", ""),
        "position_type": ("Jenis jabatan", "Post type", "", ""),
        "education": ("Pendidikan", "Education", "", ""),
        "quota": ("Kebutuhan (orang)", "Quota (people)", "", ""),
        "track": ("Jalur", "Track", "", ""),
        "grade": ("Golongan PPPK", "PPPK golongan",
                  "Hanya untuk PPPK; CPNS memakai golongan awal menurut pendidikan.",
                  "PPPK only; a CPNS starts at the grade of their education."),
        "technical_passing_grade": ("Nilai ambang teknis", "Technical passing grade",
                                    "Hanya untuk PPPK.", "PPPK only."),
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
            effective_on=form.effective_on.data, actor=actor, legal_basis=_basis(form))


class AnnounceForm(ActionForm):
    closes_on = DateField(validators=[InputRequired()])


class AnnounceRound(Step):
    slug = "umumkan"
    title = ("Umumkan seleksi", "Announce the round")
    rule = ("Pengumuman memuat formasi dan tanggal penutupan pendaftaran, sesudah tanggal "
            "pengumuman.", "The announcement lists the formations and the closing date of "
            "registration, after the announcement date.")
    form_class = AnnounceForm
    fields = ("closes_on",)
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "closes_on": ("Pendaftaran ditutup", "Registration closes", "", "")}
    field_map: ClassVar[dict[str, str]] = {"registration_closes_on": "closes_on"}

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.announced_on is None
                    and ctx.aggregate.formations)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        round_id = ctx.aggregate.id
        return lambda desk, actor: desk.announce_round(
            round_id, registration_closes_on=form.closes_on.data,
            effective_on=form.effective_on.data, actor=actor, legal_basis=_basis(form))


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
    title = ("Daftarkan pelamar", "Register an applicant")
    rule = ("Pendaftaran selama masa pendaftaran; satu pendaftaran per NIK per seleksi; usia "
            "CPNS 18–35 tahun pada penutupan pendaftaran. Data pribadi disimpan terenkripsi.",
            "Registration while it is open; one registration per NIK per round; a CPNS is "
            "18–35 years old when registration closes. Personal data is stored encrypted.")
    form_class = RegisterForm
    decree = False
    fields = ("formation_id", "name", "nik", "birth_on", "sex", "contact", "education",
              "grade_average")
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "formation_id": ("Formasi", "Formation", "", ""),
        "name": ("Nama lengkap", "Full name", "", ""),
        "nik": ("NIK", "NIK (national ID number)", "16 angka.", "16 digits."),
        "birth_on": ("Tanggal lahir", "Birth date", "", ""),
        "sex": ("Jenis kelamin", "Sex", "", ""),
        "contact": ("Kontak", "Contact", "Surel atau telepon (boleh kosong).",
                    "E-mail or telephone (optional)."),
        "education": ("Pendidikan", "Education", "", ""),
        "grade_average": ("IPK / nilai rata-rata ijazah", "GPA / certificate average",
                          "Contoh 3,45 atau 82,50.", "For example 3.45 or 82.50."),
    }

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.announced_on is not None
                    and ctx.aggregate.screening_announced_on is None)

    def prepare(self, form: Any, ctx: Any) -> None:
        form.formation_id.choices = options(
            (f.id.hex, f"{f.position_title} ({choice_label(f.track)}, {f.quota})")
            for f in ctx.aggregate.formations.values())
        form.sex.choices = options([(Sex.MALE.value, tr("Laki-laki", "Male")),
                                    (Sex.FEMALE.value, tr("Perempuan", "Female"))])
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


# -- files of results ----------------------------------------------------------------------------


class ResultsForm(ActionForm):
    rows = TextAreaField(validators=[Optional(), Length(max=MAX_FILE_BYTES)])
    upload = FileField()


class Results(Step):
    """A file of results: one CSV row per applicant, keyed by exam number."""

    form_class = ResultsForm
    decree = False
    fields = ("rows",)
    columns: ClassVar[tuple[str, ...]] = ()
    required: ClassVar[int | None] = None  # values a row needs (default: every column)

    @property
    def texts(self) -> dict[str, tuple[str, str, str, str]]:  # type: ignore[override]
        header = ",".join(("nomor_peserta", *self.columns))
        return {"rows": (
            "Baris hasil (CSV)", "Result rows (CSV)",
            f"Satu baris per peserta: {header}. Tempel di sini atau unggah berkas CSV.",
            f"One row per applicant: {header}. Paste here or upload a CSV file."),
            "upload": ("Berkas CSV", "CSV file", "", "")}

    def parse(self, form: Any, ctx: Any) -> list[tuple[Any, list[str]]]:
        """(applicant, cells) per row; every bad row is reported at the field at once."""
        if form.upload.data and getattr(form.upload.data, "filename", ""):
            upload, form.upload.data = form.upload.data, None  # the rows field carries it on
            try:
                raw = upload.read(MAX_FILE_BYTES + 1)
            finally:
                upload.close()  # a large upload is spooled to a temporary file
            if len(raw) > MAX_FILE_BYTES:  # never parse a cut file: its last row could lie
                size = f"{MAX_FILE_BYTES / 1_000_000:g} MB"
                raise ValidationError(tr(f"Berkas lebih dari {size}; bagi per formasi.",
                                         f"The file is over {size}; split it by formation."))
            try:
                form.rows.data = raw.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise ValidationError(tr("Berkas harus teks CSV (UTF-8).",
                                         "The file must be CSV text (UTF-8).")) from error
        text = form.rows.data or ""
        rows, problems = [], []
        seen: set[str] = set()
        by_exam = {a.exam_number: a for a in ctx.aggregate.applicants.values()}
        for number, cells in enumerate(csv.reader(io.StringIO(text)), start=1):
            cells = [c.strip() for c in (cells[0].split(";") if len(cells) == 1 else cells)]
            if not any(cells) or cells[0].startswith("#"):
                continue
            if cells[0].lower() in ("nomor_peserta", "no_peserta", "exam_number"):
                continue
            exam = cells[0].upper()
            applicant = by_exam.get(exam)
            if applicant is None:
                problems.append(tr(f"Baris {number}: nomor peserta {exam[:30]} tidak dikenal.",
                                   f"Row {number}: unknown exam number {exam[:30]}."))
            elif exam in seen:
                problems.append(tr(f"Baris {number}: nomor peserta {exam} sudah ada.",
                                   f"Row {number}: exam number {exam} appears twice."))
            elif len(cells) - 1 < (needed := self.required or len(self.columns)):
                problems.append(tr(f"Baris {number}: perlu {needed} nilai.",
                                   f"Row {number}: {needed} values needed."))
            else:
                problem = self.check(cells[1:], number)
                if problem:
                    problems.append(problem)
                else:
                    rows.append((applicant, cells[1:]))
            seen.add(exam)
            if len(problems) >= 20:
                break  # enough to act on; nothing is recorded while any row is refused
        if problems:
            raise ValidationError(" ".join(problems))
        if not rows:
            raise ValidationError(tr("Tidak ada baris hasil.", "There are no result rows."))
        return rows

    def check(self, values: list[str], number: int) -> str | None:
        for name, value in zip(self.columns, values, strict=False):
            if not value.isdigit() or int(value) > 1000:
                return tr(f"Baris {number}: {name} harus bilangan bulat 0–1000.",
                          f"Row {number}: {name} must be a whole number 0–1000.")
        return None

    def summary(self, form: Any, ctx: Any) -> list[tuple[str, str]]:
        rows = self.parse(form, ctx)
        return [(tr("Jumlah peserta", "Applicants"), str(len(rows))),
                *((a.exam_number, ", ".join(v[:len(self.columns)])) for a, v in rows[:10]),
                *([(tr("…", "…"), tr(f"dan {len(rows) - 10} lagi", f"and {len(rows) - 10} more"))]
                  if len(rows) > 10 else [])]


class ScreeningResults(Results):
    slug = "hasil-administrasi"
    title = ("Hasil seleksi administrasi", "Administrative screening results")
    rule = ("Sesudah pendaftaran ditutup. MS = memenuhi syarat; TMS dengan alasan (dipisah "
            "'|'): " + ", ".join(r.value for r in ScreeningReason) + ".",
            "After registration closes. MS = meets the requirements; TMS with reasons "
            "(separated by '|'): " + ", ".join(r.value for r in ScreeningReason) + ".")
    columns = ("ms_tms", "alasan")
    required = 1

    def available(self, ctx: Any) -> bool:
        round_ = ctx.aggregate
        return bool(ctx.is_open and round_.announced_on is not None
                    and round_.screening_announced_on is None)

    def check(self, values: list[str], number: int) -> str | None:
        if values[0].upper() not in ("MS", "TMS"):
            return tr(f"Baris {number}: isi MS atau TMS.", f"Row {number}: enter MS or TMS.")
        known = {r.value for r in ScreeningReason}
        reasons = _reasons(values)
        if any(r not in known for r in reasons):
            return tr(f"Baris {number}: alasan tidak dikenal.", f"Row {number}: unknown reason.")
        return None

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        decisions = [Screening(applicant.id, values[0].upper() == "MS",
                               tuple(ScreeningReason(r) for r in _reasons(values)))
                     for applicant, values in self.parse(form, ctx)]
        round_id = ctx.aggregate.id
        return lambda desk, actor: desk.decide_screening(
            round_id, decisions, effective_on=form.effective_on.data, actor=actor)


def _reasons(values: list[str]) -> list[str]:
    cell = values[1] if len(values) > 1 else ""
    return [r.strip().upper() for r in cell.split("|") if r.strip()]


class SkdResults(Results):
    slug = "hasil-skd"
    title = ("Hasil SKD", "SKD results")
    rule = ("Untuk peserta yang memenuhi syarat administrasi. Nilai TWK, TIU, TKP dari sistem "
            "CAT; kelulusan dihitung dari nilai ambang tahun dan jalur seleksi.",
            "For applicants who met the administrative requirements. TWK, TIU, TKP from the "
            "CAT system; passing is computed from the bars of the round's year and track.")
    columns = ("twk", "tiu", "tkp")

    def available(self, ctx: Any) -> bool:
        round_ = ctx.aggregate
        return bool(ctx.is_open and round_.kind is EmploymentType.PNS
                    and round_.screening_announced_on is not None and not round_.skb_chosen)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        scores = [SkdScore(a.id, *(int(v) for v in values[:3]))
                  for a, values in self.parse(form, ctx)]
        round_id = ctx.aggregate.id
        return lambda desk, actor: desk.record_skd_scores(
            round_id, scores, effective_on=form.effective_on.data, actor=actor)


class SkbResults(Results):
    slug = "hasil-skb"
    title = ("Hasil SKB", "SKB results")
    rule = ("Untuk peserta SKB yang ditetapkan. CAT, wawancara, dan tes tambahan, masing-masing "
            "0–100.", "For the chosen SKB participants. CAT, interview and extra tests, each "
            "0–100.")
    columns = ("cat", "wawancara", "tambahan")

    def available(self, ctx: Any) -> bool:
        round_ = ctx.aggregate
        return bool(ctx.is_open and round_.skb_chosen and not round_.integrated)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        scores = [SkbScore(a.id, *(int(v) for v in values[:3]))
                  for a, values in self.parse(form, ctx)]
        round_id = ctx.aggregate.id
        return lambda desk, actor: desk.record_skb_scores(
            round_id, scores, effective_on=form.effective_on.data, actor=actor)


class CompetencyResults(Results):
    slug = "hasil-kompetensi"
    title = ("Hasil seleksi kompetensi PPPK", "PPPK competency results")
    rule = ("Teknis, manajerial, sosial kultural, dan wawancara; kelulusan dihitung dari nilai "
            "ambang formasi dan aturan PPPK.", "Technical, managerial, socio-cultural and "
            "interview; passing is computed from the formation's bar and the PPPK rules.")
    columns = ("teknis", "manajerial", "sosiokultural", "wawancara")

    def available(self, ctx: Any) -> bool:
        round_ = ctx.aggregate
        return bool(ctx.is_open and round_.kind is EmploymentType.PPPK
                    and round_.screening_announced_on is not None and not round_.integrated)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        scores = [CompetencyScore(a.id, *(int(v) for v in values[:4]))
                  for a, values in self.parse(form, ctx)]
        round_id = ctx.aggregate.id
        return lambda desk, actor: desk.record_competency_scores(
            round_id, scores, effective_on=form.effective_on.data, actor=actor)


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
            legal_basis=_basis(form))


class AnnounceScreening(RoundMilestone):
    slug = "umumkan-administrasi"
    title = ("Umumkan hasil administrasi", "Announce the screening results")
    rule = ("Sesudah setiap pelamar diputus MS/TMS. Masa sanggah 3 hari sejak pengumuman.",
            "After every applicant is decided MS/TMS. Objections may be filed for 3 days.")
    method = "announce_screening"

    def when(self, round_: Any) -> bool:
        return round_.announced_on is not None and round_.screening_announced_on is None


class ChooseSkb(RoundMilestone):
    slug = "peserta-skb"
    title = ("Tetapkan peserta SKB", "Choose the SKB participants")
    rule = ("Dihitung: 3 × kebutuhan per formasi di antara yang lulus SKD, urut nilai total, "
            "lalu TKP, TIU, TWK; nilai sama pada batas ikut semua.",
            "Computed: 3 × quota per formation among SKD passers, by total, then TKP, TIU, TWK; "
            "equal scores at the cutoff all go on.")
    method = "choose_skb_participants"

    def when(self, round_: Any) -> bool:
        return (round_.kind is EmploymentType.PNS and round_.screening_announced_on is not None
                and not round_.skb_chosen)


class Integrate(RoundMilestone):
    slug = "integrasi"
    title = ("Integrasi nilai akhir", "Integrate the final scores")
    rule = ("Dihitung: 40% SKD (dinormalkan ke 100) + 60% SKB; peringkat per formasi dengan "
            "urutan pemecah nilai sama dari peraturan.",
            "Computed: 40% SKD (normalised to 100) + 60% SKB; ranks per formation with the "
            "regulation's tie-breaks.")
    method = "integrate_final_scores"

    def when(self, round_: Any) -> bool:
        return round_.screening_announced_on is not None and not round_.integrated


class AnnounceResults(RoundMilestone):
    slug = "umumkan-hasil"
    title = ("Umumkan hasil akhir", "Announce the final results")
    rule = ("Sesudah integrasi nilai.", "After the final scores are integrated.")
    method = "announce_results"

    def when(self, round_: Any) -> bool:
        return bool(round_.integrated and round_.results_announced_on is None)


class CloseRound(RoundMilestone):
    slug = "tutup"
    title = ("Tutup seleksi", "Close the round")
    rule = ("Menutup seleksi; tidak ada langkah lagi sesudahnya.",
            "Closes the round; no step can follow.")
    method = "close_round"

    def when(self, round_: Any) -> bool:
        return round_.announced_on is not None


# -- one applicant ------------------------------------------------------------------------------


class ExamForm(ActionForm):
    exam_number = StringField(validators=[InputRequired(), Length(max=40)])


class ObjectionForm(ExamForm):
    granted = SelectField(validators=[InputRequired()])


_EXAM_TEXT = ("Nomor peserta", "Exam number", "Seperti tercetak pada kartu peserta.",
              "As printed on the applicant's card.")


class FileObjection(Step):
    slug = "sanggahan"
    title = ("Catat sanggahan", "Record an objection")
    rule = ("Pelamar TMS dapat menyanggah dalam 3 hari sejak pengumuman hasil administrasi.",
            "An applicant found TMS may object within 3 days of the screening announcement.")
    form_class = ExamForm
    decree = False
    fields: ClassVar[tuple[str, ...]] = ("exam_number",)
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {"exam_number": _EXAM_TEXT}

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.screening_announced_on is not None
                    and not ctx.aggregate.integrated)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        applicant = _applicant(ctx, form.exam_number.data, "exam_number")
        round_id = ctx.aggregate.id
        return lambda desk, actor: desk.file_objection(
            round_id, applicant_id=applicant.id, effective_on=form.effective_on.data,
            actor=actor)


class ResolveObjection(FileObjection):
    slug = "jawab-sanggahan"
    title = ("Jawab sanggahan", "Answer an objection")
    rule = ("Dijawab dalam 7 hari; sanggahan yang diterima menjadikan pelamar MS.",
            "Answered within 7 days; a granted objection makes the applicant MS.")
    form_class = ObjectionForm
    decree = True
    fields = ("exam_number", "granted")
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "exam_number": _EXAM_TEXT, "granted": ("Keputusan", "Decision", "", "")}

    def prepare(self, form: Any, ctx: Any) -> None:
        form.granted.choices = options([("yes", tr("Diterima", "Granted")),
                                        ("no", tr("Ditolak", "Refused"))])

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        applicant = _applicant(ctx, form.exam_number.data, "exam_number")
        round_id, granted = ctx.aggregate.id, form.granted.data == "yes"
        return lambda desk, actor: desk.resolve_objection(
            round_id, applicant_id=applicant.id, granted=granted,
            effective_on=form.effective_on.data, actor=actor, legal_basis=_basis(form))


class Withdraw(FileObjection):
    slug = "mengundurkan-diri"
    title = ("Pelamar mengundurkan diri", "Applicant withdraws")
    rule = ("Pelamar yang mengundurkan diri tidak diangkat; peringkat berikutnya dapat "
            "menggantikan.", "A withdrawn applicant is not appointed; the next rank may take "
            "the place.")

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.announced_on is not None)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        applicant = _applicant(ctx, form.exam_number.data, "exam_number")
        round_id = ctx.aggregate.id
        return lambda desk, actor: desk.withdraw(
            round_id, applicant_id=applicant.id, effective_on=form.effective_on.data,
            actor=actor)


class AppointForm(ExamForm):
    nip = StringField(validators=[InputRequired(), Length(max=40)])
    contract_ends_on = DateField(validators=[Optional()])


class AppointWinner(Step):
    slug = "pengangkatan"
    title = ("Angkat peserta lulus", "Appoint a successful applicant")
    rule = ("Hanya peserta berperingkat dalam kebutuhan formasi sesudah hasil diumumkan; NIP "
            "dari BKN. Data kepegawaian dibuat dari data pelamar yang sama.",
            "Only a ranked applicant within the formation's quota after the results are "
            "announced; the NIP comes from BKN. The employee record is made from the same "
            "applicant data.")
    form_class = AppointForm
    fields = ("exam_number", "nip", "contract_ends_on")
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "exam_number": _EXAM_TEXT, "nip": ("NIP / NI PPPK", "NIP / NI PPPK", "", ""),
        "contract_ends_on": ("Akhir perjanjian kerja", "Contract ends",
                             "Hanya untuk PPPK.", "PPPK only.")}

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.results_announced_on is not None)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        applicant = _applicant(ctx, form.exam_number.data, "exam_number")
        round_id = ctx.aggregate.id
        return lambda desk, actor: desk.appoint_winner(
            round_id, applicant_id=applicant.id, nip=form.nip.data,
            effective_on=form.effective_on.data, actor=actor, legal_basis=_basis(form),
            contract_ends_on=form.contract_ends_on.data)


ROUND_STEPS: dict[str, Step] = {step.slug: step for step in (
    AllocateFormation(), AnnounceRound(), RegisterApplicant(), ScreeningResults(),
    AnnounceScreening(), FileObjection(), ResolveObjection(), SkdResults(), ChooseSkb(),
    SkbResults(), CompetencyResults(), Integrate(), AnnounceResults(), Withdraw(),
    AppointWinner(), CloseRound())}
OPEN_ROUND = OpenRound()


# -- JPT open selection ---------------------------------------------------------------------------


class AuthoriseForm(ActionForm):
    position_id = SelectField(validators=[InputRequired()])
    code = StringField(validators=[InputRequired(), Length(min=2, max=30)])


class AuthoriseSelection(Step):
    slug = "buka-seleksi-terbuka"
    title = ("Buka seleksi terbuka JPT", "Open a JPT open selection")
    rule = ("Untuk jabatan pimpinan tinggi yang lowong, dengan dasar hukum (izin/rekomendasi).",
            "For a vacant senior executive (JPT) post, with a legal basis (permission or "
            "recommendation).")
    form_class = AuthoriseForm
    fields = ("position_id", "code")
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "position_id": ("Jabatan JPT", "JPT post", "Hanya jabatan JPT yang lowong.",
                        "Vacant JPT posts only."),
        "code": ("Kode seleksi", "Selection code", "", "")}

    def available(self, ctx: Any) -> bool:
        return ctx.aggregate is None

    def prepare(self, form: Any, ctx: Any) -> None:
        from projections.views.hr_queries import vacant_jpt_posts

        rows = vacant_jpt_posts(ctx.projections, ctx.government_id)
        form.position_id.choices = options(
            (row["id"], f"{row['agency_name']} — {row['title']}") for row in rows)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        position_id = UUID(form.position_id.data)
        return lambda desk, actor: desk.authorise_selection(
            position_id=position_id, code=form.code.data.strip(),
            effective_on=form.effective_on.data, actor=actor, legal_basis=_basis(form))


class CommitteeForm(ActionForm):
    members = TextAreaField(validators=[InputRequired(), Length(max=10_000)])


class FormCommittee(Step):
    slug = "panitia"
    title = ("Bentuk panitia seleksi", "Form the selection committee")
    rule = ("Ganjil, 5–9 orang, dari unsur internal dan eksternal.",
            "An odd number, 5–9 members, internal and external.")
    form_class = CommitteeForm
    fields = ("members",)
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {"members": (
        "Anggota", "Members", "Satu baris per anggota: nama; instansi; internal atau eksternal.",
        "One line per member: name; institution; internal or external.")}

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.announced_on is None)

    def members(self, form: Any) -> list[CommitteeMember]:
        members, problems = [], []
        for number, line in enumerate((form.members.data or "").splitlines(), start=1):
            if not line.strip():
                continue
            cells = [c.strip() for c in line.split(";")]
            if len(cells) != 3 or not cells[0] or not cells[1] or cells[2].lower() not in (
                    "internal", "eksternal", "external"):
                problems.append(tr(f"Baris {number}: tulis nama; instansi; internal/eksternal.",
                                   f"Line {number}: write name; institution; "
                                   "internal/external."))
                continue
            members.append(CommitteeMember(cells[0], cells[1], cells[2].lower() != "internal"))
        if problems:
            raise ValidationError(" ".join(problems))
        return members

    def summary(self, form: Any, ctx: Any) -> list[tuple[str, str]]:
        side = {True: tr("eksternal", "external"), False: "internal"}
        return [(m.name, f"{m.institution} ({side[m.external]})") for m in self.members(form)]

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        members, selection_id = self.members(form), ctx.aggregate.id
        return lambda desk, actor: desk.form_committee(
            selection_id, members=members, effective_on=form.effective_on.data, actor=actor,
            legal_basis=_basis(form))


class AnnounceVacancy(AnnounceRound):
    slug = "umumkan-lowongan"
    title = ("Umumkan lowongan JPT", "Announce the JPT vacancy")
    rule = ("Sesudah panitia dibentuk; pendaftaran ditutup paling cepat sesudah tanggal "
            "pengumuman.", "After the committee is formed; applications close after the "
            "announcement date.")
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "closes_on": ("Pendaftaran ditutup", "Applications close", "", "")}

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.announced_on is None
                    and ctx.aggregate.committee)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        selection_id = ctx.aggregate.id
        return lambda desk, actor: desk.announce_vacancy(
            selection_id, closes_on=form.closes_on.data, effective_on=form.effective_on.data,
            actor=actor, legal_basis=_basis(form))


class ExtendSelection(AnnounceVacancy):
    slug = "perpanjang"
    title = ("Perpanjang pendaftaran", "Extend the application period")
    rule = ("Hanya sesudah tanggal penutupan bila pelamar kurang dari tiga.",
            "Only after the closing date with fewer than three candidates.")

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.announced_on is not None
                    and len(ctx.aggregate.candidates) < 3)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        selection_id = ctx.aggregate.id
        return lambda desk, actor: desk.extend_selection(
            selection_id, closes_on=form.closes_on.data, effective_on=form.effective_on.data,
            actor=actor, legal_basis=_basis(form))


class NipForm(ActionForm):
    nip = StringField(validators=[InputRequired(), Length(max=40)])


class ApplyCandidate(Step):
    slug = "pelamar-jpt"
    title = ("Catat pelamar JPT", "Record a JPT candidate")
    rule = ("PNS aktif pemerintah ini yang golongannya masuk rentang jabatan, selama "
            "pendaftaran dibuka.", "An active PNS of this government whose grade the post "
            "admits, while applications are open.")
    form_class = NipForm
    decree = False
    fields = ("nip",)
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "nip": ("NIP pelamar", "Candidate's NIP", "", "")}
    field_map: ClassVar[dict[str, str]] = {"employee_id": "nip"}

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.announced_on is not None
                    and not ctx.aggregate.shortlist)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        employee_id = ctx.service.find_by_nip(form.nip.data or "")
        if employee_id is None:
            raise DomainError("NOT_FOUND", field="employee_id",
                              what=tr("Pegawai dengan NIP ini", "An employee with this NIP"))
        selection_id = ctx.aggregate.id
        return lambda desk, actor: desk.apply_candidate(
            selection_id, employee_id=employee_id, effective_on=form.effective_on.data,
            actor=actor)


def candidate_names(ctx: Desk, candidate_ids: Any = None) -> list[tuple[str, str]]:
    """(candidate id, "name — NIP") of the selection's candidates, from the roster."""
    from projections.views import hr_queries

    pairs = []
    for candidate_id, employee_id in ctx.aggregate.candidates.items():
        if candidate_ids is not None and candidate_id not in candidate_ids:
            continue
        row = hr_queries.employee_row(ctx.projections, employee_id.hex)
        label = f"{row['name']} — {row['nip']}" if row else employee_id.hex[:8]
        pairs.append((candidate_id.hex, label))
    return sorted(pairs, key=lambda pair: pair[1])


class StageForm(ActionForm):
    candidate_id = SelectField(validators=[InputRequired()])
    stage = SelectField(validators=[InputRequired()])
    passed = SelectField(validators=[InputRequired()])
    score = IntegerField(validators=[Optional(), NumberRange(0, 100)])


class RecordStage(Step):
    slug = "hasil-tahap"
    title = ("Catat hasil tahap", "Record a stage result")
    rule = ("Tahap berurutan: administrasi, kompetensi, makalah, wawancara, rekam jejak, "
            "kesehatan/psikologi; nilai 0–100 hanya untuk kompetensi, makalah, wawancara.",
            "Stages in order: administrative, competency, paper, interview, track record, "
            "health/psychology; a 0–100 score only for competency, paper and interview.")
    form_class = StageForm
    decree = False
    fields = ("candidate_id", "stage", "passed", "score")
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "candidate_id": ("Pelamar", "Candidate", "", ""),
        "stage": ("Tahap", "Stage", "", ""), "passed": ("Hasil", "Result", "", ""),
        "score": ("Nilai", "Score", "", "")}

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.candidates and not ctx.aggregate.shortlist)

    def prepare(self, form: Any, ctx: Any) -> None:
        form.candidate_id.choices = options(candidate_names(ctx))
        form.stage.choices = options(enum_choices(SelectionStage))
        form.passed.choices = options([("yes", tr("Lulus", "Passed")),
                                       ("no", tr("Tidak lulus", "Failed"))])

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        selection_id, candidate_id = ctx.aggregate.id, UUID(form.candidate_id.data)
        return lambda desk, actor: desk.record_stage(
            selection_id, candidate_id=candidate_id, stage=SelectionStage(form.stage.data),
            passed=form.passed.data == "yes", score=form.score.data,
            effective_on=form.effective_on.data, actor=actor)


class SubmitShortlist(Step):
    slug = "tiga-besar"
    title = ("Sampaikan tiga besar", "Submit the shortlist")
    rule = ("Dihitung: tiga nilai terbaik di antara yang lulus semua tahap, bobot kompetensi "
            "50, makalah 20, wawancara 30.", "Computed: the best three of those who passed "
            "every stage, weights competency 50, paper 20, interview 30.")
    form_class = ActionForm

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.candidates and not ctx.aggregate.shortlist)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        selection_id = ctx.aggregate.id
        return lambda desk, actor: desk.submit_shortlist(
            selection_id, effective_on=form.effective_on.data, actor=actor,
            legal_basis=_basis(form))


class ChooseForm(ActionForm):
    candidate_id = SelectField(validators=[InputRequired()])
    reason = TextAreaField(validators=[Optional(), Length(max=2000)])


class ChooseAppointee(Step):
    slug = "pilih"
    title = ("Pilih yang diangkat", "Choose the appointee")
    rule = ("Dari tiga besar; memilih selain peringkat 1 wajib disertai alasan.",
            "From the shortlist; choosing other than rank 1 needs a reason.")
    form_class = ChooseForm
    fields = ("candidate_id", "reason")
    texts: ClassVar[dict[str, tuple[str, str, str, str]]] = {
        "candidate_id": ("Pelamar tiga besar", "Shortlisted candidate", "", "")}

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.shortlist and ctx.aggregate.appointee is None)

    def prepare(self, form: Any, ctx: Any) -> None:
        ranks = {s.candidate_id: s.rank for s in ctx.aggregate.shortlist}
        form.candidate_id.choices = options(
            (cid, f"{ranks[UUID(cid)]}. {label}")
            for cid, label in sorted(candidate_names(ctx, set(ranks)),
                                     key=lambda pair: ranks[UUID(pair[0])]))

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        selection_id, candidate_id = ctx.aggregate.id, UUID(form.candidate_id.data)
        reason = (form.reason.data or "").strip() or None
        return lambda desk, actor: desk.choose_appointee(
            selection_id, candidate_id=candidate_id, reason=reason,
            effective_on=form.effective_on.data, actor=actor, legal_basis=_basis(form))


class Inaugurate(SubmitShortlist):
    slug = "pelantikan"
    title = ("Lantik", "Inaugurate")
    rule = ("Menutup seleksi dan mengangkat yang dipilih dalam jabatan (dengan mutasi ke "
            "perangkat daerah jabatan bila perlu).", "Closes the selection and assigns the "
            "post to the appointee (transferring them to the post's agency if needed).")

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.appointee is not None)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        selection_id = ctx.aggregate.id
        return lambda desk, actor: desk.inaugurate(
            selection_id, effective_on=form.effective_on.data, actor=actor,
            legal_basis=_basis(form))


class CancelForm(ActionForm):
    reason = TextAreaField(validators=[InputRequired(), Length(max=2000)])


class CancelSelection(Step):
    slug = "batalkan"
    title = ("Batalkan seleksi", "Cancel the selection")
    rule = ("Dengan alasan yang tercatat.", "With a recorded reason.")
    form_class = CancelForm
    fields = ("reason",)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        selection_id, reason = ctx.aggregate.id, form.reason.data.strip()
        return lambda desk, actor: desk.cancel_selection(
            selection_id, reason=reason, effective_on=form.effective_on.data, actor=actor,
            legal_basis=_basis(form))


SELECTION_STEPS: dict[str, Step] = {step.slug: step for step in (
    FormCommittee(), AnnounceVacancy(), ExtendSelection(), ApplyCandidate(), RecordStage(),
    SubmitShortlist(), ChooseAppointee(), Inaugurate(), CancelSelection())}
AUTHORISE_SELECTION = AuthoriseSelection()
