"""Commands of anonymous employee surveys (`service.staff_survey`): open a survey, print a
batch of codes for an agency, let an employee take their one desk code, take an answer with a
code into the survey's ballot box and record the box in a shuffled batch once it holds
enough, close the survey (recording what waits, destroying its desk key), and read the sealed
free text. Why answers wait in a box: domain/staff_survey.py."""

from __future__ import annotations

import json
import secrets
from datetime import date
from uuid import UUID, uuid4

from domain import clock
from domain.application import RekamApplication, command
from domain.consultation import Consultation
from domain.document import DocumentStore, InMemoryDocumentStore
from domain.errors import ConcurrencyConflictError, DomainError
from domain.privacy import Erased, Sealed
from domain.staff_survey import (
    ALPHABET,
    BALLOT_BATCH,
    DESK_NONCE,
    FREE_TEXT_MAX,
    PRINTED_LENGTH,
    Ballot,
    StaffSurvey,
    ballot_box_subject,
    check_length,
    code_hash,
    desk_code,
    desk_key_subject,
    is_desk_code,
    taker_pseudonym,
)
from domain.values import Actor, Role

# The actor of an answer (the public form) and of a taking (the desk, for anyone): never the
# account that took the code or sent the answer.
RESPONDENT = Actor("public", Role.CITIZEN)
DESK = Actor("desk", Role.EMPLOYEE)
ANSWER_ATTEMPTS = 3
FREE_TEXT_FIELD = "free_text"


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_printed_code() -> str:
    """A printed one-time code: XXXXX-XXXXX (31^10 ≈ 8×10^14, hopeless to guess)."""
    raw = _random(PRINTED_LENGTH)
    return f"{raw[:5]}-{raw[5:]}"


def _ballot_field(hashed: str) -> str:
    """The sealed field of a ballot: binds it to its code, so no ballot stands for another."""
    return f"ballot:{hashed}"


class StaffSurveyService:
    """Employee surveys, recorded in the application's store; keys in its key store; the
    answers waiting to be recorded in `box` (the document store: projections/stores)."""

    def __init__(self, app: RekamApplication, box: DocumentStore | None = None) -> None:
        self.app = app
        self.box: DocumentStore = box if box is not None else InMemoryDocumentStore()

    def get(self, survey_id: UUID) -> StaffSurvey:
        return self.app.load(survey_id, StaffSurvey, "Survei pegawai")

    def _staff(self, survey_id: UUID, version: int | None) -> StaffSurvey:
        survey = self.get(survey_id)
        if version is not None and survey.version != version:
            raise ConcurrencyConflictError(current=survey.version, expected=version)
        return survey

    @command
    def open_survey(self, *, government_id: UUID, agency_id: UUID | None, title: str,
                    topic: str, items: list[str], free_text_question: str | None,
                    opens_on: date, closes_on: date, actor: Actor,
                    consultation_id: UUID | None = None,
                    effective_on: date | None = None) -> UUID:
        """A new survey; its desk key and its sealing key (free text, the ballot box) are
        made with it."""
        self.app.get_government(government_id)
        if agency_id is not None and self.app.get_agency(agency_id).government_id \
                != government_id:
            raise DomainError("STAFF_SURVEY_AGENCY_INVALID", field="agency_id")
        if consultation_id is not None:
            try:
                consultation = self.app.load(consultation_id, Consultation, "Konsultasi")
            except DomainError:
                consultation = None
            if consultation is None or consultation.government_id != government_id:
                raise DomainError("STAFF_SURVEY_CONSULTATION_UNKNOWN", field="consultation_id")
        survey = StaffSurvey.open(id=uuid4(), government_id=government_id, agency_id=agency_id,
                                  title=title, topic=topic, consultation_id=consultation_id,
                                  items=items, free_text_question=free_text_question,
                                  opens_on=opens_on, closes_on=closes_on,
                                  effective_on=effective_on or clock.now().date(), actor=actor)
        self.app.vault.keys.create(desk_key_subject(survey.id), secrets.token_bytes(32))
        self.app.vault.keys.create(survey.id, secrets.token_bytes(32))
        self.app.record(survey)
        return survey.id

    @command
    def issue_codes(self, survey_id: UUID, *, agency_id: UUID, count: int, actor: Actor,
                    version: int | None = None) -> list[str]:
        """A batch of `count` printed codes for an agency, returned once for printing."""
        survey = self._staff(survey_id, version)
        codes = [new_printed_code() for _ in range(max(0, min(count, 10_000)))]
        survey.issue_codes(agency_id=agency_id, code_hashes=[code_hash(c) for c in codes],
                           effective_on=clock.now().date(), actor=actor)
        self.app.record(survey)
        return codes

    @command
    def take_code(self, survey_id: UUID, *, employee_id: UUID) -> str:
        """The employee's one desk code, shown once. Only the employee's pseudonym is stored;
        the code is made from a fresh nonce and the desk key, and nothing of it is kept."""
        survey = self.get(survey_id)
        state = self.app.get_employee(employee_id).state
        if not state.is_active or state.government_id is None or state.agency_id is None \
                or not survey.covers(state.government_id, state.agency_id):
            raise DomainError("STAFF_SURVEY_NOT_IN_POPULATION", field="survey")
        key = self.app.vault.keys.get(desk_key_subject(survey.id))
        if key is None:
            raise DomainError("STAFF_SURVEY_CLOSED", field="survey")
        survey.take_code(taker=taker_pseudonym(key, survey.id, employee_id),
                         effective_on=clock.now().date(), actor=DESK)
        self.app.record(survey)
        return desk_code(key, survey.id, _random(DESK_NONCE))

    def has_taken(self, survey: StaffSurvey, employee_id: UUID) -> bool:
        """Whether the employee took their desk code (unknowable once the survey closed)."""
        key = self.app.vault.keys.get(desk_key_subject(survey.id))
        return key is not None and taker_pseudonym(key, survey.id, employee_id) in survey.takers

    def answer(self, survey_id: UUID, *, code: str, scores: list[int],
               free_text: str | None = None) -> None:
        """One answer: refused at once if it cannot count, else put in the ballot box; once
        the box holds `BALLOT_BATCH`, its answers are recorded together. Recordings race for
        the survey's next version: the loser tries again on the survey as it now stands
        (what the winner recorded is skipped); one that keeps losing leaves its answers in
        the box for the next answer or the close to record."""
        self._accept(survey_id, code=code, scores=scores, free_text=free_text)
        for _ in range(ANSWER_ATTEMPTS):
            try:
                self._record_waiting(survey_id, at_least=BALLOT_BATCH)
                return
            except ConcurrencyConflictError:
                continue

    def _accept(self, survey_id: UUID, *, code: str, scores: list[int],
                free_text: str | None) -> None:
        """Check the answer and put it, sealed, in the box. Not a command: it records no event,
        and the ballot is on the disk before the box is counted (a dry run puts nothing)."""
        survey = self.get(survey_id)
        text = (free_text or "").strip() or None
        if text is not None:
            check_length(text, (1, FREE_TEXT_MAX), "free_text")
            if survey.free_text_question is None:
                raise DomainError("STAFF_SURVEY_NO_FREE_TEXT", field="free_text")
        hashed = code_hash(code)
        key = self.app.vault.keys.get(desk_key_subject(survey.id))
        is_desk = is_desk_code(key, survey.id, code)
        waiting = {b.code_hash: b.is_desk for b in self._ballots(survey.id)}
        survey.check_answer(code_hash=hashed, is_desk=is_desk, scores=scores,
                            on=clock.now().date(), waiting=waiting)
        unit = self.app._current.unit
        if unit is not None and unit.is_dry_run:
            return
        sealed = (self.app.vault.seal(survey.id, FREE_TEXT_FIELD, text, is_new=True)
                  if text is not None else None)
        ballot = json.dumps({"is_desk": is_desk, "scores": list(scores),
                             "free_text": sealed.as_text() if sealed else None})
        blob = self.app.vault.seal(survey.id, _ballot_field(hashed), ballot, is_new=True).blob
        if not self.box.put(ballot_box_subject(survey.id), hashed, blob):
            raise DomainError("STAFF_SURVEY_CODE_SPENT", field="code")  # the same code, racing

    def _ballots(self, survey_id: UUID) -> list[Ballot]:
        """The answers in the box (recorded ones too, until the box is emptied after them),
        in the order of their codes' hashes."""
        ballots = []
        for hashed, blob in self.box.entries(ballot_box_subject(survey_id)).items():
            opened = self.app.vault.open(survey_id, _ballot_field(hashed), Sealed(blob))
            if not isinstance(opened, str):
                continue  # sealed under a key made by a unit that was not saved
            fields = json.loads(opened)
            text = fields["free_text"]
            ballots.append(Ballot(hashed, bool(fields["is_desk"]), tuple(fields["scores"]),
                                  Sealed.from_text(text) if text else None))
        return ballots

    def waiting(self, survey_id: UUID) -> int:
        """How many answers wait in the box to be recorded (a number, nothing of them)."""
        spent = self.get(survey_id).spent
        return sum(1 for hashed in self.box.entries(ballot_box_subject(survey_id))
                   if hashed not in spent)

    @command
    def _record_waiting(self, survey_id: UUID, *, at_least: int,
                        effective_on: date | None = None) -> None:
        """Record the box's answers in a random order once at least `at_least` wait; the box
        is emptied of them after the recording is saved. Whatever stops in between, an answer
        recorded is skipped next time, never recorded twice."""
        survey = self.get(survey_id)
        ballots = self._ballots(survey_id)
        fresh = [b for b in ballots if b.code_hash not in survey.spent]
        if len(fresh) < max(at_least, 1):
            return
        secrets.SystemRandom().shuffle(fresh)
        survey.record_answers(fresh, effective_on=effective_on or clock.now().date(),
                              actor=RESPONDENT)
        self.app.record(survey)
        subject, recorded = ballot_box_subject(survey_id), [b.code_hash for b in ballots]
        unit = self.app._current.unit
        assert unit is not None  # a command
        unit.on_saved(lambda: self.box.forget(subject, recorded))

    @command
    def close(self, survey_id: UUID, *, actor: Actor, version: int | None = None,
              effective_on: date | None = None) -> None:
        """Record every answer waiting in the box, close the survey and destroy its desk key:
        after this, no pseudonym of a taker can be tied to an employee by anyone, and no desk
        code answers."""
        survey = self._staff(survey_id, version)
        day = effective_on or clock.now().date()
        self._record_waiting(survey_id, at_least=1, effective_on=day)
        survey.close(effective_on=day, actor=actor)
        self.app.vault.keys.delete(desk_key_subject(survey.id))
        self.app.record(survey)

    def free_texts(self, survey: StaffSurvey) -> list[str]:
        """The free-text answers opened, sorted (never in the order they came)."""
        opened = [self.app.vault.open(survey.id, FREE_TEXT_FIELD, s) for s in survey.free_texts]
        return sorted(t for t in opened if isinstance(t, str) and not isinstance(t, Erased))
