"""The personnel service: one command per personnel action, and the organisation's commands.

The caller (web, CLI, demo, importers) passes configuration and the stores outside the event
store; nothing here reads the environment. Every command loads what it needs, lets the
aggregates check their rules, and saves all touched aggregates together in one unit of work
(domain/application.py), so an action either happens completely or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate

from domain.application import RekamApplication, command
from domain.checks import (
    PersonInput,
    check_birth_on,
    checked_contact,
    checked_name,
    checked_reason,
    parse_identity_number,
)
from domain.consultation_service import ConsultationService
from domain.correction_request_service import CorrectionRequestService
from domain.decree_signer import DecreeSignerService
from domain.document_service import DocumentService
from domain.employee import PERSONAL_FIELDS, Employee
from domain.errors import ConcurrencyConflictError, DomainError, OneOf
from domain.indicator_service import IndicatorService
from domain.leave_service import LeaveService
from domain.organisation import Agency, Government, Position
from domain.performance_service import PerformanceService
from domain.privacy import Erased, KeyStore, Sealed, SubjectRegistry
from domain.promotion_period_service import PromotionPeriodService
from domain.recruitment_service import RecruitmentService
from domain.regulations import rater_types, retirement_on
from domain.staff_survey_service import StaffSurveyService
from domain.survey_service import SurveyService
from domain.tpp_service import TppService
from domain.values import (
    Actor,
    Education,
    EmployeeStatus,
    EmploymentType,
    Expectation,
    Grade,
    GradeRange,
    JpHours,
    LegalBasis,
    Nip,
    PenaltyLevel,
    PenaltyType,
    PositionType,
    PromotionKind,
    Rating,
    SeparationType,
    Sex,
    TopicTag,
    TrainingType,
)
from domain.voice_service import VoiceService


class PersonnelService(RekamApplication):
    """Records personnel actions of regional governments as events; `recruitment` holds the
    commands of recruitment rounds and open selections, `leave` those of leave requests,
    `performance` those of the performance cycle; `promotion_periods` those of a
    government's promotion periods; `tpp` the TPP regulation and monthly runs;
    `indicators` those of monitoring indicators."""

    # The library names an application after its class unless told: the name is stored data
    # (the PostgreSQL tables rekam_events and rekam_snapshots), so it stays "rekam".
    name = "rekam"

    def __init__(self, env: Mapping[str, str], keys: KeyStore,
                 registry: SubjectRegistry, snapshot_key: bytes | None = None) -> None:
        super().__init__(env, keys, registry, snapshot_key)
        self.recruitment = RecruitmentService(self, self)
        self.correction_requests = CorrectionRequestService(self, self)
        self.voice = VoiceService(self)
        self.consultation = ConsultationService(self)
        self.documents = DocumentService(self)
        self.leave = LeaveService(self, self.voice)
        self.performance = PerformanceService(self, self)
        self.promotion_periods = PromotionPeriodService(self, self)
        self.survey = SurveyService(self, self.voice)
        self.staff_survey = StaffSurveyService(self)
        self.tpp = TppService(self)
        self.indicators = IndicatorService(self)
        self.decree_signers = DecreeSignerService(self)

    # -- organisation ------------------------------------------------------------------------

    @command
    def establish_government(self, *, code: str, name: str, province: str, effective_on: date,
                             actor: Actor, id: UUID | None = None) -> UUID:
        government = Government.establish(code=code, name=name, province=province,
                                          effective_on=effective_on, actor=actor, id=id)
        self.record(government)
        return government.id

    @command
    def establish_agency(self, *, government_id: UUID, code: str, name: str,
                         effective_on: date, actor: Actor, id: UUID | None = None) -> UUID:
        self.load(government_id, Government, "Pemerintah daerah")
        agency = Agency.establish(government_id=government_id, code=code, name=name,
                                  effective_on=effective_on, actor=actor, id=id)
        self.record(agency)
        return agency.id

    @command
    def add_unit(self, *, agency_id: UUID, code: str, name: str, effective_on: date,
                 actor: Actor, id: UUID | None = None) -> UUID:
        agency = self.load(agency_id, Agency, "Perangkat daerah")
        unit_id = id or uuid4()
        agency.add_unit(unit_id=unit_id, code=code, name=name, effective_on=effective_on,
                        actor=actor)
        self.record(agency)
        return unit_id

    @command
    def establish_position(self, *, agency_id: UUID, unit_id: UUID, title: str,
                           position_type: PositionType, lowest: Grade, highest: Grade,
                           effective_on: date, actor: Actor, id: UUID | None = None) -> UUID:
        agency = self.load(agency_id, Agency, "Perangkat daerah")
        position = Position.establish(agency=agency, unit_id=unit_id, title=title,
                                      position_type=position_type,
                                      grade_range=GradeRange(lowest, highest),
                                      effective_on=effective_on, actor=actor, id=id)
        self.record(position)
        return position.id

    # -- the employee's record ---------------------------------------------------------------

    @command
    def appoint(self, *, person: PersonInput, employment_type: EmploymentType, agency_id: UUID,
                unit_id: UUID, education: Education, grade: Grade, effective_on: date,
                actor: Actor, legal_basis: LegalBasis | None,
                recruitment_ref: str | None = None, contract_ends_on: date | None = None,
                subject_id: UUID | None = None, id: UUID | None = None,
                together: tuple[Aggregate, ...] = ()) -> UUID:
        """Pengangkatan CPNS/PPPK: creates the record and registers the NIP or NI PPPK.

        `together` are aggregates saved in the same transaction (the recruitment round that
        records this appointment).
        """
        return self._enrol(
            person, employment_type, agency_id, unit_id, subject_id, id, together,
            lambda agency, nip, sealed, subject, employee_id: Employee.appoint(
                subject_id=subject, employment_type=employment_type,
                government_id=agency.government_id, agency_id=agency_id, unit_id=unit_id,
                education=education, grade=grade, nip=nip, birth_on=person.birth_on,
                sex=person.sex, sealed=sealed, effective_on=effective_on, actor=actor,
                legal_basis=legal_basis, recruitment_ref=recruitment_ref,
                contract_ends_on=contract_ends_on, id=employee_id))

    @command
    def open_record(self, *, person: PersonInput, employment_type: EmploymentType,
                    status: EmployeeStatus, agency_id: UUID, unit_id: UUID,
                    education: Education, grade: Grade, grade_since: date, appointed_on: date,
                    probation_passed_on: date | None,
                    prior_ratings: tuple[tuple[int, Rating], ...], effective_on: date,
                    actor: Actor, legal_basis: LegalBasis | None,
                    contract_ends_on: date | None = None, subject_id: UUID | None = None,
                    id: UUID | None = None) -> UUID:
        """Saldo awal: open the record of someone employed before the ledger began."""
        return self._enrol(
            person, employment_type, agency_id, unit_id, subject_id, id, (),
            lambda agency, nip, sealed, subject, employee_id: Employee.open_record(
                subject_id=subject, employment_type=employment_type, status=status,
                government_id=agency.government_id, agency_id=agency_id, unit_id=unit_id,
                education=education, grade=grade, grade_since=grade_since,
                appointed_on=appointed_on, probation_passed_on=probation_passed_on,
                prior_ratings=prior_ratings, nip=nip, birth_on=person.birth_on,
                sex=person.sex, sealed=sealed, effective_on=effective_on, actor=actor,
                legal_basis=legal_basis, contract_ends_on=contract_ends_on, id=employee_id))

    def _enrol(self, person: PersonInput, employment_type: EmploymentType, agency_id: UUID,
               unit_id: UUID, subject_id: UUID | None, employee_id: UUID | None,
               together: tuple[Aggregate, ...],
               create: Callable[[Agency, Nip, dict[str, Sealed | None], UUID, UUID], Employee]
               ) -> UUID:
        """Validate and seal the person, claim the NIP, create the record (the claim and the
        new key are written only when the unit of work is saved)."""
        agency = self.load(agency_id, Agency, "Perangkat daerah")
        agency.check_unit(unit_id)
        nip = parse_identity_number(person.nip, employment_type)
        name = person.checked_name()
        contact = checked_contact(person.contact)
        subject = subject_id or uuid4()
        record_id = employee_id or uuid4()
        is_new_subject = subject_id is None or self.vault.keys.get(subject) is None
        # A number the person already held stays theirs (claim answers False).
        self.registry.claim(self.vault.lookup_token("nip", nip.digits), subject, record_id)
        clear = {"name": name, "nip": nip.digits, "birth_on": person.birth_on.isoformat(),
                 "sex": person.sex.value, "contact": contact}
        sealed = {k: (self.vault.seal(subject, k, v, is_new=is_new_subject)
                      if v is not None else None) for k, v in clear.items()}
        employee = create(agency, nip, sealed, subject, record_id)
        self.record(employee, *together)
        return employee.id

    @command
    def renew_contract(self, employee_id: UUID, *, ends_on: date, effective_on: date,
                       actor: Actor, legal_basis: LegalBasis | None,
                       expected_version: int | None = None) -> None:
        """Perpanjangan perjanjian kerja PPPK."""
        with self._employee(employee_id, expected_version) as employee:
            employee.renew_contract(ends_on=ends_on, effective_on=effective_on, actor=actor,
                                    legal_basis=legal_basis)

    @command
    def pass_probation(self, employee_id: UUID, *, effective_on: date, actor: Actor,
                       legal_basis: LegalBasis | None, expected_version: int | None = None
                       ) -> None:
        with self._employee(employee_id, expected_version) as employee:
            employee.pass_probation(effective_on=effective_on, actor=actor,
                                    legal_basis=legal_basis)

    @command
    def promote_rank(self, employee_id: UUID, *, kind: PromotionKind, to_grade: Grade,
                     effective_on: date, actor: Actor, legal_basis: LegalBasis | None,
                     credit_points: float | None = None, reason: str | None = None,
                     expected_version: int | None = None) -> None:
        with self._employee(employee_id, expected_version) as employee:
            employee.promote_rank(kind=kind, to_grade=to_grade, effective_on=effective_on,
                                  actor=actor, legal_basis=legal_basis,
                                  credit_points=credit_points,
                                  reason=self._seal_reason(employee, reason))

    @command
    def assign_position(self, employee_id: UUID, *, position_id: UUID, effective_on: date,
                        actor: Actor, legal_basis: LegalBasis | None,
                        expected_version: int | None = None) -> None:
        """Pengangkatan dalam jabatan; a position held before is released on the same date."""
        position = self.load(position_id, Position, "Jabatan")
        with self._employee(employee_id, expected_version) as employee:
            if employee.state.position_id == position_id:
                raise DomainError("POSITION_ALREADY_HELD", field="position_id",
                                  title=position.title)
            if employee.state.position_id is not None:
                employee.release_position(position_id=employee.state.position_id,
                                          effective_on=effective_on, actor=actor,
                                          legal_basis=legal_basis)
            employee.assign_position(position_id=position_id,
                                     position_type=position.position_type,
                                     agency_id=position.agency_id, unit_id=position.unit_id,
                                     grade_range=position.grade_range,
                                     retirement_age=position.retirement_age,
                                     effective_on=effective_on, actor=actor,
                                     legal_basis=legal_basis)

    @command
    def release_position(self, employee_id: UUID, *, effective_on: date, actor: Actor,
                         legal_basis: LegalBasis | None, expected_version: int | None = None
                         ) -> None:
        with self._employee(employee_id, expected_version) as employee:
            if employee.state.position_id is None:
                raise DomainError("POSITION_NOT_HELD", field="position_id", title="")
            employee.release_position(position_id=employee.state.position_id,
                                      effective_on=effective_on, actor=actor,
                                      legal_basis=legal_basis)

    @command
    def transfer(self, employee_id: UUID, *, to_agency_id: UUID, to_unit_id: UUID,
                 effective_on: date, actor: Actor, legal_basis: LegalBasis | None,
                 reason: str | None = None, expected_version: int | None = None) -> None:
        """Mutasi between units or agencies of one government; the position is left."""
        agency = self.load(to_agency_id, Agency, "Perangkat daerah")
        agency.check_unit(to_unit_id)
        with self._employee(employee_id, expected_version) as employee:
            if agency.government_id != employee.state.government_id:
                raise DomainError("AGENCY_OTHER_GOVERNMENT", field="to_agency_id")
            employee.transfer(to_agency_id=to_agency_id, to_unit_id=to_unit_id,
                              effective_on=effective_on, actor=actor, legal_basis=legal_basis,
                              reason=self._seal_reason(employee, reason))

    @command
    def complete_training(self, employee_id: UUID, *, training_type: TrainingType, title: str,
                          hours_jp: JpHours, topics: tuple[TopicTag, ...], effective_on: date,
                          actor: Actor, legal_basis: LegalBasis | None = None,
                          expected_version: int | None = None) -> None:
        with self._employee(employee_id, expected_version) as employee:
            employee.complete_training(training_type=training_type, title=title,
                                       hours_jp=hours_jp, topics=topics,
                                       effective_on=effective_on, actor=actor,
                                       legal_basis=legal_basis)

    @command
    def record_appraisal(self, employee_id: UUID, *, year: int, work_result: Expectation,
                         behaviour: Expectation, rater_id: UUID | None, effective_on: date,
                         actor: Actor, expected_version: int | None = None) -> None:
        """Annual SKP appraisal by the direct superior (the regional head for JPT)."""
        with self._employee(employee_id, expected_version) as employee:
            ratee_type = employee.state_on(effective_on).position_type
            rater_type = self.check_rater(employee, ratee_type, rater_id, effective_on)
            employee.record_appraisal(year=year, work_result=work_result, behaviour=behaviour,
                                      rater_id=rater_id, rater_position_type=rater_type,
                                      effective_on=effective_on, actor=actor)

    @command
    def impose_penalty(self, employee_id: UUID, *, level: PenaltyLevel,
                       penalty_type: PenaltyType, effective_on: date, actor: Actor,
                       legal_basis: LegalBasis | None, reason: str | None,
                       expected_version: int | None = None) -> None:
        with self._employee(employee_id, expected_version) as employee:
            employee.impose_penalty(level=level, penalty_type=penalty_type,
                                    effective_on=effective_on, actor=actor,
                                    legal_basis=legal_basis,
                                    reason=self._seal_reason(employee, reason))

    @command
    def separate(self, employee_id: UUID, *, separation_type: SeparationType,
                 effective_on: date, actor: Actor, legal_basis: LegalBasis | None,
                 reason: str | None = None, expected_version: int | None = None) -> None:
        with self._employee(employee_id, expected_version) as employee:
            employee.separate(separation_type=separation_type, effective_on=effective_on,
                              actor=actor, legal_basis=legal_basis,
                              reason=self._seal_reason(employee, reason),
                              retirement_due_on=self.retirement_due_on(employee, effective_on))

    @command
    def correct(self, employee_id: UUID, *, target_version: int, changes: dict[str, Any],
                effective_on: date, actor: Actor, reason: str | None,
                legal_basis: LegalBasis | None = None, expected_version: int | None = None
                ) -> None:
        """Koreksi: a new event replaces fields of an earlier action; nothing is edited."""
        with self._employee(employee_id, expected_version) as employee:
            self._check_nip_against(employee, target_version, changes)
            employee.correct(target_version=target_version, changes=changes,
                             effective_on=effective_on, actor=actor, legal_basis=legal_basis,
                             reason=self._seal_reason(employee, reason))

    @command
    def annul(self, employee_id: UUID, *, target_version: int, effective_on: date,
              actor: Actor, reason: str | None, legal_basis: LegalBasis | None = None,
              expected_version: int | None = None) -> None:
        """Pembatalan: a new event declares an earlier action void; nothing is deleted."""
        with self._employee(employee_id, expected_version) as employee:
            employee.annul(target_version=target_version, effective_on=effective_on,
                           actor=actor, legal_basis=legal_basis,
                           reason=self._seal_reason(employee, reason))

    # -- personal data -------------------------------------------------------------------------

    @command
    def correct_personal_data(self, employee_id: UUID, *, name: str | None = None,
                              nip: str | None = None, birth_on: date | None = None,
                              sex: Sex | None = None, contact: str | None = None,
                              effective_on: date, actor: Actor, reason: str | None,
                              expected_version: int | None = None) -> None:
        """Koreksi data pribadi: a mistyped name, NIP, birth date, sex or contact.

        The NIP must still agree with the birth date, sex and first TMT after the change, and
        a new NIP must be free; the old number is released once the change is saved.
        """
        employee = self.get_employee(employee_id)
        if expected_version is not None and employee.version != expected_version:
            raise ConcurrencyConflictError(current=employee.version, expected=expected_version)
        current = self.personal_data(employee_id)
        if any(v is not None and not isinstance(v, str) for v in current.values()):
            raise DomainError("SUBJECT_ERASED")
        clear: dict[str, str | None] = {}
        if name is not None:
            clear["name"] = checked_name(name)
        if contact is not None:
            clear["contact"] = checked_contact(contact)
        if birth_on is not None:
            check_birth_on(birth_on)
            clear["birth_on"] = birth_on.isoformat()
        if sex is not None:
            clear["sex"] = sex.value
        kind = employee.state.employment_type or EmploymentType.PNS
        number = (parse_identity_number(nip, kind) if nip is not None
                  else Nip(str(current["nip"]), is_pppk=kind is EmploymentType.PPPK))
        if nip is not None:
            clear["nip"] = number.digits
        if not clear:
            raise DomainError("CORRECTION_FIELDS_INVALID", field="field_name",
                              allowed=list(PERSONAL_FIELDS))
        assert employee.state.appointed_on is not None
        number.check_consistent(
            birth_on=date.fromisoformat(clear.get("birth_on") or str(current["birth_on"])),
            sex=Sex(clear.get("sex") or str(current["sex"])),
            appointed_on=employee.state.appointed_on)
        changes_number = nip is not None and number.digits != current["nip"]
        if changes_number:  # the old number is given back once the change is saved
            self.registry.claim(self.vault.lookup_token("nip", number.digits),
                                employee.subject_id, employee.id)
            self.registry.unclaim(self.vault.lookup_token("nip", str(current["nip"])))
        sealed_reason = self._seal_reason(employee, reason)
        for field_name, value in clear.items():
            employee.correct_personal_data(
                field_name=field_name,
                value=(self.vault.seal(employee.subject_id, field_name, value)
                       if value is not None else None),
                effective_on=effective_on, actor=actor, reason=sealed_reason)
        self.record(employee)

    def personal_data(self, employee_id: UUID) -> dict[str, str | Erased | None]:
        """The employee's personal fields in clear, or the erased marker for each."""
        employee = self.get_employee(employee_id)
        return self.vault.open_fields(
            employee.subject_id, {name: employee.personal.get(name) for name in PERSONAL_FIELDS})

    def read_reason(self, employee: Employee, event: Employee.Event) -> str | Erased | None:
        return self.vault.open(employee.subject_id, "reason", event.reason)

    def find_by_nip(self, nip: str) -> UUID | None:
        """The employee record registered under a NIP or NI PPPK, if any."""
        digits = "".join(nip.split())
        found = self.registry.find(self.vault.lookup_token("nip", digits))
        return found[1] if found else None

    @command
    def erase_personal_data(self, subject_id: UUID, *, effective_on: date, actor: Actor,
                            records: tuple[UUID, ...] = ()) -> list[UUID]:
        """Hapus data pribadi (UU PDP): destroy the person's key, then record it on every
        record of theirs; returns those records.

        The records are found through the registry (plus any given in `records`, e.g. an
        applicant without a registered number), which is released last: a crash at any point
        leaves the data erased, and repeating the command finds the same records and finishes
        the job. Recording first could claim an erasure that never happened.
        """
        found = dict.fromkeys([*self.registry.records_of(subject_id), *records])
        self.vault.erase(subject_id)
        erased = []
        for record_id in found:
            employee = self.get_employee(record_id)
            if employee.subject_id != subject_id:
                raise DomainError("NOT_FOUND", field="records", what="Catatan orang ini")
            if not employee.is_erased:
                employee.record_erasure(effective_on=effective_on, actor=actor)
                self.record(employee)
            erased.append(record_id)
        self.registry.release(subject_id)
        self.documents.forget(subject_id)
        return erased

    def retirement_due_on(self, employee: Employee, on: date) -> date | None:
        """Batas usia pensiun date for the position held on `on`, from the sealed birth date."""
        birth = self.vault.open(employee.subject_id, "birth_on", employee.personal["birth_on"])
        if not isinstance(birth, str):
            return None
        return retirement_on(date.fromisoformat(birth), employee.state_on(on).retirement_age)

    # -- helpers -----------------------------------------------------------------------------

    @contextmanager
    def _employee(self, employee_id: UUID, expected_version: int | None) -> Iterator[Employee]:
        """Load an employee, let the block act, keep positions in step, save all together."""
        employee = self.get_employee(employee_id)
        if expected_version is not None and employee.version != expected_version:
            raise ConcurrencyConflictError(current=employee.version, expected=expected_version)
        before = employee.state.position_id
        yield employee
        after = employee.state.position_id
        touched: list[Aggregate] = [employee]
        if before != after:
            actor, on = self._last_envelope(employee)
            if after is not None:
                new = self.load(after, Position, "Jabatan")
                new.fill(employee_id=employee.id, effective_on=on, actor=actor,
                         legal_basis=None)
                touched.append(new)
            if before is not None:
                old = self.load(before, Position, "Jabatan")
                if old.holder_id == employee.id:
                    old.vacate(employee_id=employee.id, effective_on=on, actor=actor,
                               legal_basis=None)
                    touched.append(old)
        self.record(*touched)

    @staticmethod
    def _last_envelope(employee: Employee) -> tuple[Actor, date]:
        last = employee.pending_events[-1]
        assert isinstance(last, Employee.Event)
        return last.actor, last.effective_on

    def check_rater(self, employee: Employee, ratee_type: PositionType | None,
                     rater_id: UUID | None, on: date) -> PositionType | None:
        """The rater's position type, when `rater_id` may rate the employee on `on` (none
        for JPT, rated by the regional head); the performance cycle checks superiors by it."""
        allowed = rater_types(ratee_type)
        if not allowed:  # JPT: appraised by the regional head, who is not on this ledger
            return None
        if rater_id is None:
            raise DomainError("RATER_REQUIRED", field="rater_id")
        if rater_id == employee.id:
            raise DomainError("APPRAISAL_SELF_RATING", field="rater_id")
        rater = self.get_employee(rater_id).state_on(on)
        if (not rater.is_active or rater.position_type not in allowed
                or rater.agency_id != employee.state_on(on).agency_id):
            raise DomainError("RATER_NOT_SUPERIOR", field="rater_id",
                              allowed=OneOf(sorted(t.value.lower().replace("_", " ")
                                                   for t in allowed)))
        return rater.position_type

    def _check_nip_against(self, employee: Employee, target_version: int,
                           changes: dict[str, Any]) -> None:
        """A corrected first TMT must still be the one the NIP encodes."""
        target = employee.actions.get(target_version)
        if not isinstance(target, Employee.Enrolment):
            return
        field = "appointed_on" if isinstance(target, Employee.RecordOpened) else "effective_on"
        if field not in changes:
            return
        digits = self.vault.open(employee.subject_id, "nip", employee.personal.get("nip"))
        if not isinstance(digits, str):
            raise DomainError("SUBJECT_ERASED")
        nip = Nip(digits, is_pppk=target.employment_type is EmploymentType.PPPK)
        tmt: date = changes[field]
        if nip.tmt_year != tmt.year or (nip.tmt_month is not None and nip.tmt_month != tmt.month):
            raise DomainError("NIP_TMT_MISMATCH", field=field)

    def _seal_reason(self, employee: Employee, reason: str | None) -> Sealed | None:
        if employee.is_erased:
            raise DomainError("SUBJECT_ERASED")
        reason = checked_reason(reason)
        return None if reason is None else self.vault.seal(employee.subject_id, "reason", reason)
