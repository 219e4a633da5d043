"""A small regional workforce and its history, recorded through the application service.

The read-model and log tests need a store that looks like a personnel office's: staff opened
from earlier files (saldo awal) on the first day, then month by month their appraisals,
trainings, promotions, transfers, penalties, contract renewals, corrections and separations;
a CPNS and a PPPK round from formation to appointment; a JPT open selection to inauguration
and another still taking candidates. A seeded generator chooses who and when, so a seed
always records the same history (ids and ciphertexts aside). Everything goes through
`PersonnelService` and `service.recruitment`, so every rule of the domain holds, and
nothing here needs `web`.

The history runs from OPENED_ON to TODAY because the recruitment builders follow a 2024
calendar (tests/builders/recruitment.py).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from domain.clock import recording_clock
from domain.leave_regulations import LeaveType
from domain.personnel_service import PersonnelService
from domain.regulations import (
    is_promotion_date,
    promotion_rating_years,
    regular_cap,
    retirement_on,
    starting_grade,
)
from domain.tpp_tables import example_regulation
from domain.values import (
    Actor,
    Education,
    EmployeeStatus,
    Expectation,
    Grade,
    JpHours,
    PenaltyType,
    PositionType,
    PromotionKind,
    Rating,
    Role,
    SeparationType,
    Sex,
    TopicTag,
    TrainingType,
)
from tests.builders import recruitment
from tests.builders.personnel import OFFICER, Organisation, decree
from tests.support.dates import TODAY

OPENED_ON = date(2023, 1, 1)
STARTED_AT = datetime(2023, 1, 1, 8, tzinfo=UTC)  # when the first records are typed in
HIGHEST = Grade("III/d")  # of the pelaksana posts the staff hold
FIRST_NAMES = ("Agus", "Bambang", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hendra", "Intan",
               "Joko", "Kartika", "Lukman", "Melati", "Nurul", "Oktavia", "Putu", "Rahmat",
               "Siti", "Teguh", "Utari", "Wahyu", "Yohanes")
LAST_NAMES = ("Santoso", "Siregar", "Nasution", "Lubis", "Manafe", "Ndoen", "Pratama",
              "Hidayat", "Kurniawan", "Rahayu", "Simanjuntak", "Hutapea", "Fanggidae",
              "Lapasere", "Wulandari", "Setiawan", "Purba", "Tombolotutu")
TRAININGS = (
    (TrainingType.TECHNICAL, "Transformasi Digital Layanan Publik", (TopicTag.DIGITAL,)),
    (TrainingType.E_LEARNING, "Literasi Data dan Keamanan Informasi", (TopicTag.DIGITAL,)),
    (TrainingType.SEMINAR, "Komunikasi Pelayanan Publik",
     (TopicTag.PUBLIC_SERVICE_COMMUNICATION,)),
    (TrainingType.E_LEARNING, "Manajemen Kinerja ASN", (TopicTag.PUBLIC_MANAGEMENT,)),
    (TrainingType.COACHING, "Coaching Kinerja", (TopicTag.LEADERSHIP,)),
    (TrainingType.E_LEARNING, "Integritas dan Antikorupsi", (TopicTag.INTEGRITY,)),
)
EDUCATIONS = (Education.SLTA, Education.D3, Education.S1, Education.S1, Education.S2)


@dataclass
class Member:
    """What the builder remembers of one member of staff (the store knows the rest)."""

    id: UUID
    agency_id: UUID
    birth_on: date
    education: Education
    is_pppk: bool = False
    is_candidate: bool = False  # for the JPT post: never moved, penalised or retired
    is_head: bool = False  # holds the JPT post: appraised by the regional head, not a rater
    is_penalised: bool = False
    has_left: bool = False


@dataclass
class Workforce:
    """The recorded history: its organisation, staff, rounds and selections."""

    org: Organisation
    rng: random.Random
    staff: list[Member] = field(default_factory=list)
    round_ids: list[UUID] = field(default_factory=list)
    selection_ids: list[UUID] = field(default_factory=list)
    corrected: set[tuple[UUID, int]] = field(default_factory=set)
    _names: set[str] = field(default_factory=set)
    _clock: datetime = STARTED_AT

    @property
    def service(self) -> PersonnelService:
        return self.org.service

    def recorded(self, on: date) -> None:
        """The next commands are recorded a few days after `on`, never before the last one."""
        stamp = datetime(on.year, on.month, on.day, 9, tzinfo=UTC) + timedelta(
            days=self.rng.randint(0, 5), minutes=self.rng.randint(0, 480))
        self._clock = max(self._clock + timedelta(seconds=1), min(stamp, _end_of(TODAY)))

    def now(self) -> datetime:
        return self._clock

    def name(self) -> str:
        """A name nobody else has, nor contains (the erasure tests look for it in every cell)."""
        while True:
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            if not any(name in other or other in name for other in self._names):
                self._names.add(name)
                return name

    def active(self) -> list[Member]:
        return [m for m in self.staff if not m.has_left]


def record_workforce(service: PersonnelService, *, staff: int = 80, seed: int = 4
                     ) -> Workforce:
    """Record the history into `service`'s (empty) store; returns what it recorded."""
    with recording_clock(lambda: STARTED_AT):
        # Ids come from a generator of their own, so that they do not shift the choices.
        org = Organisation.build(service, ids=random.Random(f"ids-{seed}"))
    workforce = Workforce(org, random.Random(seed))
    with recording_clock(workforce.now):
        with service.batch():
            _open_staff(workforce, staff)
        processes = [_cpns_round(workforce), _pppk_round(workforce), _selection(workforce)]
        waiting = [(next(p), p) for p in processes]
        for month in _months(OPENED_ON, TODAY):
            with service.batch():
                _record_month(workforce, month)
                waiting = _resume(waiting, month)
        _run_tpp(workforce)
    return workforce


def _run_tpp(w: Workforce) -> None:
    """The year's TPP regulation and the runs of September and October 2026; then a version
    from October adopted late, so October is run again as a correction of every line. No
    random draw: the rest of the history stays as it was."""
    tpp, government_id = w.service.tpp, w.org.government_id
    admin = Actor("hradmin", Role.HR_ADMIN)
    w.recorded(TODAY)
    with w.service.batch():
        tpp.adopt_regulation(example_regulation(government_id, 2026), actor=admin)
    for month in (date(2026, 9, 1), date(2026, 10, 1)):
        with w.service.batch():
            tpp.run_month(government_id, month, actor=admin)
    with w.service.batch():
        tpp.adopt_regulation(example_regulation(
            government_id, 2026, perkada="Perkada TPP Perubahan TA 2026",
            effective_from=date(2026, 10, 1), scale_percent=104), actor=admin)
    with w.service.batch():
        tpp.run_month(government_id, date(2026, 10, 1), actor=admin)


# -- the staff on the first day -----------------------------------------------------------------


def _open_staff(w: Workforce, count: int) -> None:
    w.recorded(OPENED_ON)
    org = w.org
    for agency_id in (org.agency_id, org.health_agency_id):
        org.rater(PositionType.PENGAWAS, agency_id)  # appraises the staff of the agency
        org.rater(PositionType.ADMINISTRATOR, agency_id)
    for index in range(count):
        agency_id = org.agency_id if index % 5 < 3 else org.health_agency_id
        member = _appoint_pppk(w, agency_id) if index % 8 == 7 else _open_pns(w, agency_id,
                                                                              index)
        member.is_candidate = index < 3
        w.staff.append(member)
        if member.is_pppk:
            _assign_pppk_post(w, member)
        else:
            org.assign(member.id, PositionType.PELAKSANA, OPENED_ON, agency_id=agency_id)


def _open_pns(w: Workforce, agency_id: UUID, index: int) -> Member:
    rng = w.rng
    # A few senior staff (S2, III/c) are candidates for the JPT post; two retire meanwhile.
    education = Education.S2 if index < 3 else rng.choice(EDUCATIONS)
    birth_on = date(rng.randint(1970, 1996), rng.randint(1, 12), rng.randint(1, 28))
    if index in (3, 4):
        birth_on = date(OPENED_ON.year - 57, rng.randint(2, 12), rng.randint(1, 28))
    appointed_on = date(birth_on.year + rng.randint(23, 26), rng.randint(1, 12), 1)
    appointed_on = min(appointed_on, date(OPENED_ON.year - 2, 3, 1))
    start, cap = starting_grade(education), min(regular_cap(education), HIGHEST)
    years_in = (OPENED_ON - appointed_on).days // 365
    grade = Grade("III/c") if index < 3 else start
    for _ in range(min(years_in // 4, rng.randint(0, 3))):
        grade = min(grade.next() or grade, cap)
    # Grades held since a promotion date, some of them four years before one in the window.
    grade_since = max(appointed_on, date(OPENED_ON.year - rng.randint(1, 5), 4, 1))
    if grade == start:
        grade_since = appointed_on
    prior = tuple((OPENED_ON.year - k, Rating.SANGAT_BAIK if rng.random() < 0.1 else Rating.BAIK)
                  for k in (2, 1))
    employee_id = w.org.open_record(
        birth_on=birth_on, sex=rng.choice((Sex.FEMALE, Sex.MALE)), appointed_on=appointed_on,
        education=education, grade=grade.code, grade_since=grade_since,
        probation_passed_on=appointed_on.replace(year=appointed_on.year + 1),
        prior_ratings=prior, opened_on=OPENED_ON, name=w.name(), agency_id=agency_id)
    return Member(employee_id, agency_id, birth_on, education)


def _assign_pppk_post(w: Workforce, member: Member) -> None:
    """A post of its own at the PPPK grades (the builder's posts are at PNS grades)."""
    org = w.org
    position_id = w.service.establish_position(
        agency_id=member.agency_id, unit_id=org.unit_of(member.agency_id),
        title="Pengadministrasi Perkantoran (PPPK)", position_type=PositionType.PELAKSANA,
        lowest=Grade("V"), highest=Grade("IX"), effective_on=OPENED_ON, actor=OFFICER,
        id=org.new_id())
    w.service.assign_position(member.id, position_id=position_id, effective_on=OPENED_ON,
                              actor=OFFICER, legal_basis=decree("821.2/070/JAB", OPENED_ON))


def _appoint_pppk(w: Workforce, agency_id: UUID) -> Member:
    rng = w.rng
    birth_on = date(rng.randint(1980, 1998), rng.randint(1, 12), rng.randint(1, 28))
    appointed_on = date(OPENED_ON.year - rng.randint(1, 4), 3, 1)
    employee_id = w.org.appoint_pppk(
        birth_on=birth_on, sex=rng.choice((Sex.FEMALE, Sex.MALE)), appointed_on=appointed_on,
        contract_ends_on=appointed_on.replace(year=appointed_on.year + 5) - timedelta(days=1),
        name=w.name(), agency_id=agency_id)
    return Member(employee_id, agency_id, birth_on, Education.S1, is_pppk=True)


# -- month by month -----------------------------------------------------------------------------


def _months(start: date, end: date) -> Iterator[date]:
    month = start
    while month <= end:
        yield month
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _record_month(w: Workforce, month: date) -> None:
    for member in w.active():
        if _separate_if_due(w, member, month):
            continue
        if month.month == 1:
            _appraise(w, member, month.year - 1)
        if w.rng.random() < 0.22:
            _train(w, member, month)
        if is_promotion_date(month):
            _promote_if_due(w, member, month)
        if member.is_pppk:
            _renew_if_due(w, member, month)
    if month.month == 7:
        _transfer(w, month)
    if month in (date(2023, 5, 1), date(2025, 9, 1)):
        _penalise(w, month)
    if month.month in (3, 9):
        _correct_a_training(w, month)
    if month == date(2024, 6, 1):
        _ask_for_corrections(w)
    if month in (date(2025, 10, 1), date(2025, 12, 1), date(2026, 10, 1)):
        _ask_for_leave(w, month)


def _appraise(w: Workforce, member: Member, year: int) -> None:
    state = w.service.get_employee(member.id).state
    if year in state.appraisals or state.appointed_on is None or state.appointed_on.year > year:
        return  # rated in the earlier files (saldo awal), or not employed that year
    if w.rng.random() < 0.05:
        return  # an appraisal the office has not recorded yet
    on = date(year + 1, 1, w.rng.randint(10, 28))
    w.recorded(on)
    work = Expectation.ABOVE if w.rng.random() < 0.15 else Expectation.AS_EXPECTED
    w.service.record_appraisal(member.id, year=year, work_result=work,
                               behaviour=Expectation.AS_EXPECTED,
                               rater_id=None if member.is_head else w.org.rater(
                                   agency_id=member.agency_id),
                               effective_on=on, actor=OFFICER)


def _train(w: Workforce, member: Member, month: date) -> None:
    on = month + timedelta(days=w.rng.randint(0, 25))
    if on > TODAY:
        return
    training_type, title, topics = w.rng.choice(TRAININGS)
    w.recorded(on)
    w.service.complete_training(member.id, training_type=training_type, title=title,
                                hours_jp=JpHours(w.rng.choice((2, 4, 8, 12, 16, 24))),
                                topics=topics, effective_on=on, actor=OFFICER)


def _promote_if_due(w: Workforce, member: Member, month: date) -> None:
    """A regular promotion once the rules allow it (4 years in grade, two good years)."""
    state = w.service.get_employee(member.id).state_on(month)
    if (member.is_pppk or member.is_penalised or state.status is not EmployeeStatus.PNS
            or state.grade is None or state.grade_since is None):
        return
    target = state.grade.next()
    due = state.grade_since.replace(year=state.grade_since.year + 4)
    if target is None or target > min(regular_cap(member.education), HIGHEST) or due > month:
        return
    ratings = [state.appraisals.get(year) for year in promotion_rating_years(month, 2)]
    if not all(r is not None and r.is_at_least_good for r in ratings):
        return
    w.recorded(month)
    w.service.promote_rank(member.id, kind=PromotionKind.REGULAR, to_grade=target,
                           effective_on=month, actor=OFFICER,
                           legal_basis=decree("823/010/KP", month))


def _renew_if_due(w: Workforce, member: Member, month: date) -> None:
    ends = w.service.get_employee(member.id).state.contract_ends_on
    if ends is not None and month <= ends < month + timedelta(days=31):
        restart = ends + timedelta(days=1)
        w.recorded(month)
        w.service.renew_contract(member.id,
                                 ends_on=restart.replace(year=restart.year + 5) - timedelta(days=1),
                                 effective_on=month, actor=OFFICER,
                                 legal_basis=decree("800/020/PPPK", month))


def _separate_if_due(w: Workforce, member: Member, month: date) -> bool:
    due = retirement_on(member.birth_on, 58)
    if member.is_pppk or member.is_head or not month <= due < month + timedelta(days=31):
        return False
    w.recorded(due)
    w.service.separate(member.id, separation_type=SeparationType.RETIREMENT, effective_on=due,
                       actor=OFFICER, legal_basis=decree("882/030/BUP", due))
    member.has_left = True
    return True


def _transfer(w: Workforce, month: date) -> None:
    """One member of staff a year moves to the other agency, into a post there."""
    member = w.rng.choice([m for m in w.active() if not (m.is_pppk or m.is_candidate)])
    org = w.org
    target = (org.health_agency_id if member.agency_id == org.agency_id else org.agency_id)
    w.recorded(month)
    w.service.transfer(member.id, to_agency_id=target, to_unit_id=org.unit_of(target),
                       effective_on=month, actor=OFFICER,
                       legal_basis=decree("821/040/MUT", month), reason="Penyegaran organisasi")
    member.agency_id = target
    org.assign(member.id, PositionType.PELAKSANA, month, agency_id=target)


def _penalise(w: Workforce, month: date) -> None:
    member = w.rng.choice([m for m in w.active() if not (m.is_penalised or m.is_candidate)])
    penalty = w.rng.choice((PenaltyType.WRITTEN_REPRIMAND, PenaltyType.ALLOWANCE_CUT_6_MONTHS))
    on = month + timedelta(days=10)
    w.recorded(on)
    w.service.impose_penalty(member.id, level=penalty.level, penalty_type=penalty,
                             effective_on=on, actor=OFFICER,
                             legal_basis=decree("862/050/HD", on),
                             reason="Ketidakhadiran tanpa keterangan yang sah")
    member.is_penalised = True


def _correct_a_training(w: Workforce, month: date) -> None:
    """The office finds a mistyped training: its hours are corrected, or it is annulled."""
    for member in w.rng.sample(w.active(), len(w.active())):
        employee = w.service.get_employee(member.id)
        trainings = [v for v, action in employee.actions.items()
                     if type(action).__name__ == "TrainingCompleted"
                     and action.effective_on < month and (member.id, v) not in w.corrected]
        if trainings:
            break
    else:
        return
    w.corrected.add((member.id, trainings[-1]))
    w.recorded(month)
    if month.month == 3:
        w.service.correct(member.id, target_version=trainings[-1],
                          changes={"hours_jp": JpHours(w.rng.choice((6, 10, 20)))},
                          effective_on=month, actor=OFFICER, reason="JP salah diketik")
    else:
        w.service.annul(member.id, target_version=trainings[-1], effective_on=month,
                        actor=OFFICER, reason="Pelatihan tidak jadi diikuti")


def _ask_for_corrections(w: Workforce) -> None:
    """Two employees ask for a new contact on their own desk: one is approved, one refused,
    and a third request waits (no random choice, so the rest of the history stays the same)."""
    requests = w.service.correction_requests
    asked = []
    for number, member in enumerate(w.active()[:3]):
        asked.append(requests.request_correction(
            member.id, field_name="contact", value=f"0812 5550 {number:04d}",
            reason="Nomor telepon berganti", actor=Actor(f"pegawai-{number}", Role.EMPLOYEE),
            id=w.org.new_id()))
    requests.approve_correction(asked[0], actor=OFFICER)
    requests.refuse_correction(asked[1], reason="Belum ada bukti", actor=OFFICER)


def _ask_for_leave(w: Workforce, month: date) -> None:
    """Annual leave of the first four serving employees: in October 2025 one is approved (and
    in December recorded as taken, with an early return), one deferred into 2026, one
    cancelled, one approved; in October 2026 one waits (no random choice, as above)."""
    leave, official = w.service.leave, Actor("hradmin", Role.HR_ADMIN)
    members = w.active()[:4]
    w.recorded(month)
    if month == date(2025, 10, 1):
        asked = [leave.request_leave(m.id, leave_type=LeaveType.ANNUAL,
                                     start_on=date(2025, 11, 3), end_on=date(2025, 11, 7),
                                     actor=Actor(f"pegawai-{n}", Role.EMPLOYEE))
                 for n, m in enumerate(members)]
        leave.approve_leave(asked[0], actor=official)
        leave.defer_leave(asked[1], start_on=date(2026, 1, 5), end_on=date(2026, 1, 9),
                          actor=official, reason="Kebutuhan dinas")
        leave.cancel_leave(asked[2], actor=Actor("pegawai-2", Role.EMPLOYEE))
        leave.approve_leave(asked[3], actor=official)
    elif month == date(2025, 12, 1):
        first = leave.requests_of(members[0].id)[0].id
        leave.record_leave_taken(first, actor=OFFICER)
        leave.record_early_return(first, returned_on=date(2025, 11, 6), actor=OFFICER)
    else:
        leave.request_leave(members[0].id, leave_type=LeaveType.ANNUAL,
                            start_on=date(2026, 12, 7), end_on=date(2026, 12, 11),
                            actor=Actor("pegawai-0", Role.EMPLOYEE))


# -- recruitment: each process records a stage and yields the month of its next one -------------

Process = Iterator[date]


def _resume(waiting: list[tuple[date, Process]], month: date) -> list[tuple[date, Process]]:
    resumed = []
    for when, process in waiting:
        if when == month:
            when = next(process, date.max)
        resumed.append((when, process))
    return resumed


def _cpns_round(w: Workforce) -> Process:
    """Two formations, screening with an objection, SKD, SKB, results with a withdrawal,
    appointments; the new CPNS complete Latsar and become PNS."""
    yield date(2024, 8, 1)
    w.recorded(recruitment.OPENED_ON)
    builder = recruitment.cpns_round(w.org, quotas=(2, 1), code="cpns-2024")
    w.round_ids.append(builder.round_id)
    yield date(2024, 9, 1)
    applicants = _register(w, builder, 48)
    admitted = [a for i, a in enumerate(applicants) if i % 6]
    w.recorded(recruitment.SCREENED_ON)
    builder.screen(meets=admitted, fails=[a for a in applicants if a not in admitted])
    _object(w, builder, applicants[0])
    yield date(2024, 10, 1)
    w.recorded(recruitment.SKD_ON)
    rng = w.rng
    builder.skd({a: (5 * rng.randint(12, 30), 5 * rng.randint(16, 35), rng.randint(150, 225))
                 for a in admitted})
    w.recorded(recruitment.SKB_CHOSEN_ON)
    chosen = builder.choose_skb()
    yield date(2024, 11, 1)
    w.recorded(recruitment.SKB_ON)
    builder.skb({a: (rng.randint(40, 95), rng.randint(50, 95), rng.randint(45, 95))
                 for a in chosen})
    w.recorded(recruitment.INTEGRATED_ON)
    builder.integrate()
    builder.announce_results()
    yield date(2024, 12, 1)
    w.recorded(date(2024, 12, 1))
    builder.withdraw(builder.round.winners(builder.formation_id)[0].id)  # the next one moves up
    yield date(2025, 3, 1)
    appointed = _appoint_winners(w, builder)
    yield date(2025, 4, 1)
    w.recorded(date(2025, 4, 1))
    builder.close()
    yield date(2025, 9, 1)
    w.recorded(date(2025, 9, 1))
    for employee_id in appointed:
        w.org.complete_latsar(employee_id, date(2025, 9, 1))
    yield date(2026, 3, 1)
    w.recorded(date(2026, 3, 1))
    for employee_id in appointed:
        w.service.pass_probation(employee_id, effective_on=date(2026, 3, 1), actor=OFFICER,
                                 legal_basis=decree("821/060/PNS", date(2026, 3, 1)))


def _pppk_round(w: Workforce) -> Process:
    """One formation with a technical passing bar, competency scores, appointments."""
    yield date(2024, 8, 1)
    w.recorded(recruitment.OPENED_ON)
    builder = recruitment.pppk_round(w.org, quota=2, code="pppk-2024")
    w.round_ids.append(builder.round_id)
    yield date(2024, 9, 1)
    applicants = _register(w, builder, 20)
    w.recorded(recruitment.SCREENED_ON)
    builder.screen(meets=applicants)
    yield date(2024, 10, 1)
    w.recorded(recruitment.SKD_ON)
    rng = w.rng
    builder.competency({a: (rng.randint(170, 420), rng.randint(45, 95), rng.randint(40, 78),
                            rng.randint(12, 40)) for a in applicants})
    yield date(2024, 11, 1)
    w.recorded(recruitment.INTEGRATED_ON)
    builder.integrate()
    builder.announce_results()
    yield date(2025, 3, 1)
    _appoint_winners(w, builder)


def _register(w: Workforce, builder: recruitment.RoundBuilder, count: int) -> list[UUID]:
    w.recorded(recruitment.REGISTERED_ON)
    formations = builder.formation_ids
    return [builder.register(formations[i % len(formations)], name=w.name(),
                             gpa=w.rng.randint(280, 390))
            for i in range(count)]


def _object(w: Workforce, builder: recruitment.RoundBuilder, applicant_id: UUID) -> None:
    """A rejected applicant objects (sanggah) after the announcement and is refused."""
    desk, objected_on = builder.recruitment, date(2024, 9, 13)
    w.recorded(objected_on)
    desk.file_objection(builder.round_id, applicant_id=applicant_id, effective_on=objected_on,
                        actor=OFFICER)
    desk.resolve_objection(builder.round_id, applicant_id=applicant_id, granted=False,
                           effective_on=date(2024, 9, 16), actor=OFFICER, legal_basis=None)


def _appoint_winners(w: Workforce, builder: recruitment.RoundBuilder) -> list[UUID]:
    w.recorded(recruitment.APPOINTED_ON)
    appointed = []
    for formation_id in builder.formation_ids:
        for winner in builder.round.winners(formation_id):
            employee_id = builder.appoint(winner.id)
            appointed.append(employee_id)
            w.staff.append(Member(employee_id, w.org.agency_id, builder.births[winner.id],
                                  Education.S1, is_pppk=not builder.round.is_cpns))
    return appointed


def _selection(w: Workforce) -> Process:
    """A JPT post filled by open selection in 2024; another selection taking candidates in
    2026."""
    yield date(2024, 1, 1)
    w.recorded(recruitment.AUTHORISED_ON)
    builder = recruitment.announced_selection(w.org)
    w.selection_ids.append(builder.selection_id)
    yield date(2024, 2, 1)
    w.recorded(recruitment.APPLIED_ON)
    candidates = {builder.apply(m.id): m for m in w.staff if m.is_candidate}
    w.recorded(recruitment.ASSESSED_ON)
    for candidate_id in candidates:
        builder.pass_all(candidate_id, w.rng.randint(60, 95), w.rng.randint(60, 95),
                         w.rng.randint(60, 95))
    yield date(2024, 3, 1)
    w.recorded(recruitment.SHORTLISTED_ON)
    chosen = builder.shortlist()[0].candidate_id
    builder.choose(chosen)
    w.recorded(recruitment.INAUGURATED_ON)
    builder.inaugurate()
    candidates[chosen].is_head = True
    yield date(2026, 9, 1)
    authorised_on = date(2026, 9, 10)
    w.recorded(authorised_on)
    position_id = w.org.establish_position(PositionType.JPT_PRATAMA,
                                           agency_id=w.org.health_agency_id)
    later = recruitment.SelectionBuilder(w.org, w.service.recruitment.authorise_selection(
        position_id=position_id, code="jpt-2026-01", effective_on=authorised_on,
        actor=OFFICER, legal_basis=decree("B/456/KASN/2026", authorised_on),
        id=w.org.new_id()), position_id)
    w.selection_ids.append(later.selection_id)
    later.form_committee(on=date(2026, 9, 15))
    later.announce(closes_on=date(2026, 10, 10), on=date(2026, 9, 20))
    yield date(2026, 10, 1)
    w.recorded(date(2026, 10, 5))
    for member in w.staff:
        if member.is_candidate and not member.is_head:
            later.apply(member.id, on=date(2026, 10, 5))


def _end_of(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 23, tzinfo=UTC)
