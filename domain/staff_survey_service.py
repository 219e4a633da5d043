"""Commands of anonymous employee surveys (`service.staff_survey`): open a survey, print a
batch of codes for an agency, let an employee take their one desk code, record an answer
with a code, close the survey (destroying its desk key), and read the sealed free text."""

from __future__ import annotations

import secrets
from datetime import date
from uuid import UUID, uuid4

from domain import clock
from domain.application import RekamApplication, command
from domain.consultation import Consultation
from domain.errors import ConcurrencyConflictError, DomainError
from domain.privacy import Erased
from domain.staff_survey import (
    ALPHABET,
    DESK_NONCE,
    FREE_TEXT_MAX,
    PRINTED_LENGTH,
    StaffSurvey,
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


class StaffSurveyService:
    """Employee surveys, recorded in the application's store; keys in its key store."""

    def __init__(self, app: RekamApplication) -> None:
        self.app = app

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
        """A new survey; its desk key and its sealing key are made with it."""
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
        """One answer. Answers race for the survey's next version: the loser is tried again
        on the survey as it now stands (its code checked again)."""
        for attempt in range(ANSWER_ATTEMPTS):
            try:
                self._answer(survey_id, code=code, scores=scores, free_text=free_text)
                return
            except ConcurrencyConflictError:
                if attempt == ANSWER_ATTEMPTS - 1:
                    raise

    @command
    def _answer(self, survey_id: UUID, *, code: str, scores: list[int],
                free_text: str | None) -> None:
        survey = self.get(survey_id)
        text = (free_text or "").strip() or None
        sealed = None
        if text is not None:
            check_length(text, (1, FREE_TEXT_MAX), "free_text")
            if survey.free_text_question is None:
                raise DomainError("STAFF_SURVEY_NO_FREE_TEXT", field="free_text")
            sealed = self.app.vault.seal(survey.id, FREE_TEXT_FIELD, text, is_new=True)
        key = self.app.vault.keys.get(desk_key_subject(survey.id))
        survey.answer(code=code, is_desk=is_desk_code(key, survey.id, code), scores=scores,
                      free_text=sealed, effective_on=clock.now().date(), actor=RESPONDENT)
        self.app.record(survey)

    @command
    def close(self, survey_id: UUID, *, actor: Actor, version: int | None = None,
              effective_on: date | None = None) -> None:
        """Close the survey and destroy its desk key: after this, no pseudonym of a taker can
        be tied to an employee by anyone, and no desk code answers."""
        survey = self._staff(survey_id, version)
        survey.close(effective_on=effective_on or clock.now().date(), actor=actor)
        self.app.vault.keys.delete(desk_key_subject(survey.id))
        self.app.record(survey)

    def free_texts(self, survey: StaffSurvey) -> list[str]:
        """The free-text answers opened, sorted (never in the order they came)."""
        opened = [self.app.vault.open(survey.id, FREE_TEXT_FIELD, s) for s in survey.free_texts]
        return sorted(t for t in opened if isinstance(t, str) and not isinstance(t, Erased))
