"""Files of results (screening, SKD, SKB, PPPK competency), pasted or uploaded as CSV rows keyed
by exam number: every row is checked before anything is recorded, and the file is one
transaction.
"""

from __future__ import annotations

import csv
import io
from typing import Any, ClassVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from flask_wtf.file import FileField
from wtforms import (
    TextAreaField,
)
from wtforms.validators import Length, Optional, ValidationError

from domain.recruitment_service import (
    CompetencyScore,
    Screening,
    SkbScore,
    SkdScore,
)
from domain.values import (
    EmploymentType,
    ScreeningReason,
)
from web.hr.forms import ActionForm, FieldText
from web.hr.recruitment.desk import (
    DeskCommand,
    Step,
)
from web.inputs import whole_number

MAX_FILE_BYTES = 5_000_000  # a results file (about 100,000 rows) pasted or uploaded


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
    def texts(self) -> dict[str, FieldText]:  # type: ignore[override]
        header = ",".join(("nomor_peserta", *self.columns))
        return {"rows": (
            _l("Result rows (CSV)"),
            _l("One row per applicant: %(header)s. Paste here or upload a CSV file.",
               header=header)),
            "upload": (_l("CSV file"), "")}

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
                raise ValidationError(_("The file is over %(size)s; split it by formation.",
                                        size=size))
            try:
                form.rows.data = raw.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise ValidationError(_("The file must be CSV text (UTF-8).")) from error
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
                problems.append(_("Row %(row)s: unknown exam number %(exam)s.", row=number,
                                  exam=exam[:30]))
            elif exam in seen:
                problems.append(_("Row %(row)s: exam number %(exam)s appears twice.",
                                  row=number, exam=exam))
            elif len(cells) - 1 < (needed := self.required or len(self.columns)):
                problems.append(_("Row %(row)s: %(needed)s values needed.", row=number,
                                  needed=needed))
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
            raise ValidationError(_("There are no result rows."))
        return rows

    def check(self, values: list[str], number: int) -> str | None:
        for name, value in zip(self.columns, values, strict=False):
            if whole_number(value, 0, 1000) is None:
                return _("Row %(row)s: %(column)s must be a whole number 0–1000.",
                         row=number, column=name)
        return None

    def summary(self, form: Any, ctx: Any) -> list[tuple[str, str]]:
        rows = self.parse(form, ctx)
        return [(pgettext("results file", "Applicants"), str(len(rows))),
                *((a.exam_number, ", ".join(v[:len(self.columns)])) for a, v in rows[:10]),
                *([("…", _("and %(count)s more", count=len(rows) - 10))]
                  if len(rows) > 10 else [])]


class ScreeningResults(Results):
    slug = "hasil-administrasi"
    title = _l("Administrative screening results")
    # The reasons are the codes a results file is written with, so they are shown as codes.
    rule = _l("After registration closes. MS = meets the requirements; TMS with reasons "
              "(separated by '|'): %(reasons)s.",
              reasons=", ".join(r.value for r in ScreeningReason))
    columns = ("ms_tms", "alasan")
    required = 1

    def available(self, ctx: Any) -> bool:
        round_ = ctx.aggregate
        return bool(ctx.is_open and round_.announced_on is not None
                    and round_.screening_announced_on is None)

    def check(self, values: list[str], number: int) -> str | None:
        if values[0].upper() not in ("MS", "TMS"):
            return _("Row %(row)s: enter MS or TMS.", row=number)
        known = {r.value for r in ScreeningReason}
        reasons = _reasons(values)
        if any(r not in known for r in reasons):
            return _("Row %(row)s: unknown reason.", row=number)
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
    title = _l("SKD results")
    rule = _l("For applicants who met the administrative requirements. TWK, TIU, TKP from the "
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
    title = _l("SKB results")
    rule = _l("For the chosen SKB participants. CAT, interview and extra tests, each 0–100.")
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
    title = _l("PPPK competency results")
    rule = _l("Technical, managerial, socio-cultural and interview; passing is computed from the "
              "formation's bar and the PPPK rules.")
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
