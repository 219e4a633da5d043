"""The steps of a JPT open selection, from its authorisation to the inauguration.
"""

from __future__ import annotations

from typing import Any, ClassVar
from uuid import UUID

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from domain.errors import DomainError
from domain.selection import CommitteeMember
from domain.values import (
    SelectionStage,
)
from web.hr.forms import ActionForm, FieldText, RuleChoiceField, is_uuid, options
from web.hr.recruitment.desk import DeskCommand, Step, candidate_names, legal_basis_of
from web.hr.recruitment.round_steps import AnnounceRound
from web.hr.step import enum_choices

# -- JPT open selection ---------------------------------------------------------------------------


class AuthoriseForm(ActionForm):
    position_id = SelectField(validators=[InputRequired()])
    code = StringField(validators=[InputRequired(), Length(min=2, max=30)])


class AuthoriseSelection(Step):
    slug = "buka-seleksi-terbuka"
    title = _l("Open a JPT open selection")
    rule = _l("For a vacant senior executive (JPT) post, with a legal basis (permission or "
              "recommendation).")
    form_class = AuthoriseForm
    fields = ("position_id", "code")
    texts: ClassVar[dict[str, FieldText]] = {
        "position_id": (_l("JPT post"), _l("Vacant JPT posts only.")),
        "code": (_l("Selection code"), "")}

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
            effective_on=form.effective_on.data, actor=actor, legal_basis=legal_basis_of(form))


class CommitteeForm(ActionForm):
    members = TextAreaField(validators=[InputRequired(), Length(max=10_000)])


class FormCommittee(Step):
    slug = "panitia"
    title = _l("Form the selection committee")
    rule = _l("An odd number, 5–9 members, internal and external.")
    form_class = CommitteeForm
    fields = ("members",)
    texts: ClassVar[dict[str, FieldText]] = {"members": (
        _l("Members"), _l("One line per member: name; institution; internal or external."))}

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
                problems.append(_("Line %(line)s: write name; institution; "
                                  "internal/external.", line=number))
                continue
            members.append(CommitteeMember(cells[0], cells[1], cells[2].lower() != "internal"))
        if problems:
            raise ValidationError(" ".join(problems))
        return members

    def summary(self, form: Any, ctx: Any) -> list[tuple[str, str]]:
        side = {True: _("external"), False: "internal"}
        return [(m.name, f"{m.institution} ({side[m.external]})") for m in self.members(form)]

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        members, selection_id = self.members(form), ctx.aggregate.id
        return lambda desk, actor: desk.form_committee(
            selection_id, members=members, effective_on=form.effective_on.data, actor=actor,
            legal_basis=legal_basis_of(form))


class AnnounceVacancy(AnnounceRound):
    slug = "umumkan-lowongan"
    title = _l("Announce the JPT vacancy")
    rule = _l("After the committee is formed; applications close after the announcement date.")
    texts: ClassVar[dict[str, FieldText]] = {
        "closes_on": (_l("Applications close"), "")}

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.announced_on is None
                    and ctx.aggregate.committee)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        selection_id = ctx.aggregate.id
        return lambda desk, actor: desk.announce_vacancy(
            selection_id, closes_on=form.closes_on.data, effective_on=form.effective_on.data,
            actor=actor, legal_basis=legal_basis_of(form))


class ExtendSelection(AnnounceVacancy):
    slug = "perpanjang"
    title = _l("Extend the application period")
    rule = _l("Only after the closing date with fewer than three candidates.")

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.announced_on is not None
                    and len(ctx.aggregate.candidates) < 3)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        selection_id = ctx.aggregate.id
        return lambda desk, actor: desk.extend_selection(
            selection_id, closes_on=form.closes_on.data, effective_on=form.effective_on.data,
            actor=actor, legal_basis=legal_basis_of(form))


class NipForm(ActionForm):
    nip = StringField(validators=[InputRequired(), Length(max=40)])


class ApplyCandidate(Step):
    slug = "pelamar-jpt"
    title = _l("Record a JPT candidate")
    rule = _l("An active PNS of this government whose grade the post admits, while applications "
              "are open.")
    form_class = NipForm
    decree = False
    fields = ("nip",)
    texts: ClassVar[dict[str, FieldText]] = {
        "nip": (_l("Candidate's NIP"), "")}
    field_map: ClassVar[dict[str, str]] = {"employee_id": "nip"}

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.announced_on is not None
                    and not ctx.aggregate.shortlist)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        employee_id = ctx.service.find_by_nip(form.nip.data or "")
        if employee_id is None:
            raise DomainError("NOT_FOUND", field="employee_id",
                              what=_("An employee with this NIP"))
        selection_id = ctx.aggregate.id
        return lambda desk, actor: desk.apply_candidate(
            selection_id, employee_id=employee_id, effective_on=form.effective_on.data,
            actor=actor)


class StageForm(ActionForm):
    candidate_id = SelectField(validators=[InputRequired()])
    stage = SelectField(validators=[InputRequired()])
    passed = SelectField(validators=[InputRequired()])
    score = IntegerField(validators=[Optional(), NumberRange(0, 100)])


class RecordStage(Step):
    slug = "hasil-tahap"
    title = _l("Record a stage result")
    rule = _l("Stages in order: administrative, competency, paper, interview, track record, "
              "health/psychology; a 0–100 score only for competency, paper and interview.")
    form_class = StageForm
    decree = False
    fields = ("candidate_id", "stage", "passed", "score")
    texts: ClassVar[dict[str, FieldText]] = {
        "candidate_id": (_l("Candidate"), ""),
        "stage": (_l("Stage"), ""), "passed": (_l("Result"), ""),
        "score": (_l("Score"), "")}

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.candidates and not ctx.aggregate.shortlist)

    def prepare(self, form: Any, ctx: Any) -> None:
        form.candidate_id.choices = options(candidate_names(ctx))
        form.stage.choices = options(enum_choices(SelectionStage))
        form.passed.choices = options([("yes", _("Passed")),
                                       ("no", _("Failed"))])

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        selection_id, candidate_id = ctx.aggregate.id, UUID(form.candidate_id.data)
        return lambda desk, actor: desk.record_stage(
            selection_id, candidate_id=candidate_id, stage=SelectionStage(form.stage.data),
            passed=form.passed.data == "yes", score=form.score.data,
            effective_on=form.effective_on.data, actor=actor)


class SubmitShortlist(Step):
    slug = "tiga-besar"
    title = _l("Submit the shortlist")
    rule = _l("Computed: the best three of those who passed every stage, weights competency 50, "
              "paper 20, interview 30.")
    form_class = ActionForm

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.candidates and not ctx.aggregate.shortlist)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        selection_id = ctx.aggregate.id
        return lambda desk, actor: desk.submit_shortlist(
            selection_id, effective_on=form.effective_on.data, actor=actor,
            legal_basis=legal_basis_of(form))


class ChooseForm(ActionForm):
    candidate_id = RuleChoiceField(validators=[InputRequired()], well_formed=is_uuid)
    reason = TextAreaField(validators=[Optional(), Length(max=2000)])


class ChooseAppointee(Step):
    slug = "pilih"
    title = _l("Choose the appointee")
    rule = _l("From the shortlist; choosing other than rank 1 needs a reason.")
    form_class = ChooseForm
    fields = ("candidate_id", "reason")
    texts: ClassVar[dict[str, FieldText]] = {
        "candidate_id": (_l("Shortlisted candidate"), "")}

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
            effective_on=form.effective_on.data, actor=actor, legal_basis=legal_basis_of(form))


class Inaugurate(SubmitShortlist):
    slug = "pelantikan"
    title = _l("Inaugurate")
    rule = _l("Closes the selection and assigns the post to the appointee (transferring them to "
              "the post's agency if needed).")

    def available(self, ctx: Any) -> bool:
        return bool(ctx.is_open and ctx.aggregate.appointee is not None)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        selection_id = ctx.aggregate.id
        return lambda desk, actor: desk.inaugurate(
            selection_id, effective_on=form.effective_on.data, actor=actor,
            legal_basis=legal_basis_of(form))


class CancelForm(ActionForm):
    reason = TextAreaField(validators=[InputRequired(), Length(max=2000)])


class CancelSelection(Step):
    slug = "batalkan"
    title = _l("Cancel the selection")
    rule = _l("With a recorded reason.")
    form_class = CancelForm
    fields = ("reason",)

    def run(self, form: Any, ctx: Any) -> DeskCommand:
        selection_id, reason = ctx.aggregate.id, form.reason.data.strip()
        return lambda desk, actor: desk.cancel_selection(
            selection_id, reason=reason, effective_on=form.effective_on.data, actor=actor,
            legal_basis=legal_basis_of(form))


SELECTION_STEPS: dict[str, Step] = {step.slug: step for step in (
    FormCommittee(), AnnounceVacancy(), ExtendSelection(), ApplyCandidate(), RecordStage(),
    SubmitShortlist(), ChooseAppointee(), Inaugurate(), CancelSelection())}
AUTHORISE_SELECTION = AuthoriseSelection()
