"""Synthetic demo workforce: five governments, their agencies, and years of personnel history.

Everything goes through the application service, so every rule of the domain holds for the
demo exactly as for real input. The same seed gives the same data. Existing staff are opened
from "earlier files" on the first day of the history window (saldo awal); from then on every
appraisal, training, promotion, transfer, penalty, retirement and new appointment is recorded
month by month, with recording times a few days after the effective dates.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import date, timedelta
from pathlib import Path
from uuid import UUID

from domain.clock import recording_clock
from domain.employee import Employee
from domain.employee_rules import promotable_grades, time_in_grade_reached_on
from domain.errors import DomainError
from domain.regulations import (
    CREDIT_POINTS_FOR_GRADE,
    is_promotion_date,
    promotion_rating_years,
    rater_types,
    regular_cap,
    retirement_on,
    starting_grade,
)
from domain.values import (
    PNS_GRADES,
    EmployeeStatus,
    EmploymentType,
    Expectation,
    Grade,
    JpHours,
    PenaltyType,
    PositionType,
    PromotionKind,
    Rating,
    SeparationType,
    TopicTag,
    TrainingType,
)
from projections.stores.backend import Backend, count_events, open_service
from web.loaders import demo_consultation, demo_staff_survey, demo_survey, demo_voice
from web.loaders.demo_indicators import DemoIndicators
from web.loaders.demo_leave_history import LeaveHistory
from web.loaders.demo_performance import Cycle
from web.loaders.demo_promotion_periods import Periods
from web.loaders.demo_recruitment import schedule as recruitment_schedule
from web.loaders.demo_tpp import TppDemo
from web.loaders.demo_world import (
    AGENCIES,
    GOVERNMENTS,
    MANAGERIAL,
    SYSTEM,
    TRAININGS,
    UNITS,
    DemoWorld,
    Person,
    Post,
    assign,
    positions_for,
)


def load_demo(data_dir: str | Path | None = None, *, employees: int = 2000, years: int = 10,
              seed: int = 1, backend: Backend | None = None,
              progress: Callable[[str, int, int], None] | None = None,
              today: date | None = None) -> dict[str, float]:
    """Generate the demo into a fresh store; returns what it did (events, seconds)."""
    if backend is None:
        if data_dir is None:
            raise TypeError("load_demo needs a data directory or a backend")
        backend = Backend(data_dir=Path(data_dir))
    service = open_service(backend)
    started = time.perf_counter()
    today = today or date.today()
    world = DemoWorld(service=service, rng=random.Random(seed), today=today, target=employees)
    opening = date(today.year - years, 1, 1)
    report = progress or (lambda stage, done, total: None)
    try:
        with recording_clock(lambda: world.clock), ExitStack() as opened:
            _build_organisation(world, opening, employees)
            _open_existing_staff(world, opening, employees, report)
            world.processes = recruitment_schedule(world, opening)
            months = list(_months(opening, today))
            voice_rng = random.Random(seed * 7919)  # its own draws: the history stays the same
            with service.batch(keep=world.loaded):
                units = demo_voice.open_units(world, voice_rng)
            cycle = Cycle.start(world, random.Random(seed * 104_729))
            tpp = TppDemo.start(world, random.Random(seed * 7_368_787))
            leave = LeaveHistory.start(world, random.Random(seed * 15_485_863))
            indicators = opened.enter_context(
                DemoIndicators(world, backend, random.Random(seed * 32_452_843)))
            periods = Periods.start(world, random.Random(seed * 15_485_863), dict(zip(
                world.agencies_of, (code for code, _, _ in GOVERNMENTS), strict=True)))
            for index, month in enumerate(months):
                with service.batch(keep=world.loaded):
                    tpp.month(month)  # last month's run, on the record as it stood then
                with service.batch(keep=world.loaded):
                    periods.month(month)  # first: its proposals close on the 15th
                    cycle.month(month)  # then: its ratings are the year's appraisals
                    leave.month(month)
                    _simulate_month(world, month, promotes=not periods.promotes(month))
                    if index >= len(months) - demo_voice.MONTHS_OF_COMPLAINTS:
                        demo_voice.complaints_of_month(world, voice_rng, units, month)
                indicators.month_done(month)  # reads the roster: after the month's batch
                report("history", index + 1, len(months))
            with service.batch(keep=world.loaded):
                periods.finish()
            with service.batch(keep=world.loaded):
                demo_survey.survey_periods(world, random.Random(seed * 104_729), units)
                demo_consultation.consultations(world, random.Random(seed * 104_729))
                demo_staff_survey.staff_surveys(world, random.Random(seed * 15_485_863))
            with service.batch(keep=world.loaded):
                tpp.correction()
            indicators.finish()
        return {"events": count_events(service), "seconds": time.perf_counter() - started}
    finally:
        service.close()


def _months(start: date, end: date) -> Iterator[date]:
    month = start
    while month <= end:
        yield month
        month = _next_month(month)


def _next_month(month: date) -> date:
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def _build_organisation(world: DemoWorld, opening: date, employees: int) -> None:
    service, established = world.service, date(2001, 1, 1)
    world.recorded(opening, 3)
    weight_total = sum(w for _, _, w in AGENCIES) * len(GOVERNMENTS)
    with service.batch(keep=world.loaded):
        for code, name, province in GOVERNMENTS:
            government_id = service.establish_government(
                code=code, name=name, province=province, effective_on=established,
                actor=SYSTEM, id=world.uuid())
            world.agencies_of[government_id] = []
            for agency_code, agency_name, weight in AGENCIES:
                agency_id = service.establish_agency(
                    government_id=government_id, code=agency_code, name=agency_name,
                    effective_on=established, actor=SYSTEM, id=world.uuid())
                world.agencies_of[government_id].append(agency_id)
                world.government_of[agency_id] = government_id
                units = [service.add_unit(agency_id=agency_id, code=u_code, name=u_name,
                                          effective_on=established, actor=SYSTEM,
                                          id=world.uuid()) for u_code, u_name in UNITS]
                size = employees * weight / weight_total
                world.posts[agency_id] = []
                for unit_index, plan in positions_for(round(size)):
                    lowest, highest = Grade(plan.lowest), Grade(plan.highest)
                    position_id = service.establish_position(
                        agency_id=agency_id, unit_id=units[unit_index], title=plan.title,
                        position_type=plan.position_type, lowest=lowest, highest=highest,
                        effective_on=established, actor=SYSTEM, id=world.uuid())
                    world.posts[agency_id].append(
                        Post(position_id, agency_id, units[unit_index], plan))


def _open_existing_staff(world: DemoWorld, opening: date, employees: int,
                         report: Callable[[str, int, int], None]) -> None:
    """Fill about 85% of the posts with people employed before the ledger opened."""
    posts = [p for agency_posts in world.posts.values() for p in agency_posts]
    world.rng.shuffle(posts)
    posts.sort(key=lambda p: p.plan.position_type not in MANAGERIAL)
    chosen = posts[:round(employees * 0.9)]
    done = 0
    for start in range(0, len(chosen), 200):
        with world.service.batch(keep=world.loaded):
            for post in chosen[start:start + 200]:
                _open_one(world, post, opening)
                done += 1
        report("staff", done, len(chosen))


def _open_one(world: DemoWorld, post: Post, opening: date) -> None:
    rng, plan = world.rng, post.plan
    education = rng.choice(plan.educations)
    if plan.is_pppk:
        grade, steps = Grade(plan.lowest), 0
    else:
        start, cap = starting_grade(education), regular_cap(education)
        low, high = max(start, Grade(plan.lowest)), min(cap, Grade(plan.highest))
        if high < low:
            high = low
        grade = Grade(PNS_GRADES[rng.randint(low.index, high.index)][0])
        steps = grade.index - start.index
    service_years = steps * 4 + rng.randint(1, 4) if not plan.is_pppk else rng.randint(1, 4)
    retirement_age = 60 if plan.position_type is PositionType.JPT_PRATAMA else 58
    age_at_start = rng.randint(21, 30)
    age_now = min(age_at_start + service_years, retirement_age - 1)
    service_years = max(1, min(service_years, age_now - 19))
    appointed_on = date(opening.year - service_years, rng.randint(1, 12), 1)
    birth_on = date(opening.year - age_now - 1, rng.randint(1, 12), rng.randint(1, 28))
    grade_years = min(service_years, rng.randint(1, 4)) if steps else service_years
    grade_since = max(appointed_on, date(opening.year - grade_years, rng.randint(1, 12), 1))
    probation: date | None = appointed_on.replace(year=appointed_on.year + 1)
    if plan.is_pppk or probation is None or probation > opening:
        probation = None
    is_cpns = not plan.is_pppk and probation is None
    ratings = tuple((opening.year - k, _rating(rng)) for k in (2, 1))
    world.recorded(opening, 25)
    employee_id = world.uuid()
    world.service.open_record(
        person=world.person(birth_on, appointed_on, plan.is_pppk),
        employment_type=EmploymentType.PPPK if plan.is_pppk else EmploymentType.PNS,
        status=(EmployeeStatus.PPPK if plan.is_pppk else EmployeeStatus.CPNS if is_cpns
                else EmployeeStatus.PNS),
        agency_id=post.agency_id, unit_id=post.unit_id, education=education, grade=grade,
        grade_since=grade_since, appointed_on=appointed_on,
        probation_passed_on=probation, prior_ratings=ratings,
        effective_on=opening, actor=SYSTEM, legal_basis=None,
        contract_ends_on=(date(opening.year + rng.randint(1, 4), appointed_on.month, 1)
                          - timedelta(days=1) if plan.is_pppk else None),
        subject_id=world.uuid(), id=employee_id)
    world.people[employee_id] = Person(employee_id, post.agency_id, birth_on, plan.is_pppk)
    assign(world, world.people[employee_id], post, opening)


def _rating(rng: random.Random) -> Rating:
    roll = rng.random()
    return (Rating.SANGAT_BAIK if roll < 0.1 else Rating.BAIK if roll < 0.97
            else Rating.BUTUH_PERBAIKAN)


def _simulate_month(world: DemoWorld, month: date, *, promotes: bool = True) -> None:
    """The month's history; promotions only while `promotes` (the periods promote after)."""
    active = []
    for person in [p for p in world.people.values() if not p.retired]:
        employee = world.service.get_employee(person.id)
        if not employee.state.is_active:
            person.retired = True
        elif not _separate_if_due(world, person, employee, month):
            active.append(person)
    if month.month == 1:
        for person in active:
            _appraise(world, person, month)
    for person in active:
        employee = world.service.get_employee(person.id)
        _probation_and_latsar(world, person, employee, month)
        if world.rng.random() < 0.2:
            _train(world, person, month)
        if promotes and is_promotion_date(month):
            _promote_if_eligible(world, person, employee, month)
        if month.month == 7 and world.rng.random() < 0.015:
            _transfer(world, person, month)
        if world.rng.random() < 0.0008:
            _penalise(world, person, month)
    _advance_processes(world, month)
    if month.month in (3, 9):
        _fill_vacancies(world, month)


def _advance_processes(world: DemoWorld, month: date) -> None:
    """Resume the recruitment processes whose next stage falls in `month`."""
    waiting = []
    for when, process in world.processes:
        if when == month:
            resumed = next(process, None)
            if resumed is None:
                continue
            when = resumed
        waiting.append((when, process))
    world.processes = waiting


def _appraise(world: DemoWorld, person: Person, month: date) -> None:
    employee = world.service.get_employee(person.id)
    state, year = employee.state, month.year - 1
    if (not state.is_active or state.appointed_on is None or state.appointed_on.year > year
            or year in state.appraisals or world.rng.random() < 0.03):
        return
    # The rule reads both records on the appraisal's date (drawn below, 5-27 days into the
    # month); a record may already hold a later action (a CLTN that releases the post).
    days = (month + timedelta(days=5), month + timedelta(days=27))
    types = {employee.state_on(day).position_type for day in days}
    if len(types) > 1:
        return  # the post changes within the month: no appraisal this year, as it may happen
    ratee_type = types.pop()
    allowed = rater_types(ratee_type)
    rater_id = None
    if allowed:
        raters = [p.holder for p in world.posts[person.agency_id]
                  if p.holder and p.holder != person.id and p.plan.position_type in allowed
                  and _may_rate(world, employee, ratee_type, p.holder, days)]
        if not raters:
            return  # no superior in post: the appraisal stays missing, as it would
        rater_id = world.rng.choice(raters)
    roll = world.rng.random()
    work = (Expectation.ABOVE if roll < 0.15 else Expectation.AS_EXPECTED if roll < 0.97
            else Expectation.BELOW)
    behaviour = Expectation.ABOVE if world.rng.random() < 0.4 else Expectation.AS_EXPECTED
    on = month + timedelta(days=world.rng.randint(5, 27))
    world.recorded(on, 10)
    world.service.record_appraisal(person.id, year=year, work_result=work, behaviour=behaviour,
                                   rater_id=rater_id, effective_on=on, actor=SYSTEM)


def _may_rate(world: DemoWorld, employee: Employee, ratee_type: PositionType | None,
              rater_id: UUID, days: tuple[date, ...]) -> bool:
    """Whether the domain's rater rule accepts `rater_id` on each of `days`."""
    try:
        for day in days:
            world.service.check_rater(employee, ratee_type, rater_id, day)
    except DomainError:
        return False
    return True


def _train(world: DemoWorld, person: Person, month: date) -> None:
    training_type, title, topics = world.rng.choice(TRAININGS)
    on = month + timedelta(days=world.rng.randint(0, 25))
    if on > world.today:
        return
    world.recorded(on, 15)
    world.service.complete_training(
        person.id, training_type=training_type, title=title,
        hours_jp=JpHours(float(world.rng.choice((2, 4, 6, 8, 10, 12, 16, 24, 32)))),
        topics=topics, effective_on=on, actor=SYSTEM)


def _probation_and_latsar(world: DemoWorld, person: Person, employee: Employee,
                          month: date) -> None:
    state = employee.state
    if state.status is not EmployeeStatus.CPNS or state.appointed_on is None:
        return
    months_in = (month.year - state.appointed_on.year) * 12 + month.month - state.appointed_on.month
    if state.latsar_completed_on is None and months_in == 6:
        world.recorded(month, 10)
        world.service.complete_training(
            person.id, training_type=TrainingType.LATSAR, title="Pelatihan Dasar CPNS",
            hours_jp=JpHours(300), topics=(TopicTag.INTEGRITY, TopicTag.PUBLIC_MANAGEMENT),
            effective_on=month, actor=SYSTEM)
    elif state.latsar_completed_on is not None and months_in == 12:
        world.recorded(month, 20)
        world.service.pass_probation(person.id, effective_on=month, actor=SYSTEM,
                                     legal_basis=world.sk(month))


def _promote_if_eligible(world: DemoWorld, person: Person, employee: Employee,
                         month: date) -> None:
    state = employee.state_on(month)
    if state.status is not EmployeeStatus.PNS or state.grade is None or state.grade_since is None:
        return
    target = state.grade.next()
    if target is None:
        return
    functional = state.position_type is not None and state.position_type.is_functional
    kind = PromotionKind.FUNCTIONAL if functional else PromotionKind.REGULAR
    years = 2 if functional else 4
    # CLTN days do not count (web/loaders/demo_leave_history.py); without CLTN, TMT + years
    due = time_in_grade_reached_on(state, years, month)
    if due > month or world.rng.random() < 0.25:
        return
    if target not in promotable_grades(state):  # above the education cap or the post's range
        return
    if functional and target.code not in CREDIT_POINTS_FOR_GRADE:
        return
    ratings = [state.appraisals.get(year) for year in promotion_rating_years(month, 2)]
    if not all(r is not None and r.is_at_least_good for r in ratings):
        return
    if any(p.level.value != "LIGHT" and imposed + timedelta(days=366) > month
           for imposed, p in state.penalties):
        return
    world.recorded(month, 30)
    world.service.promote_rank(
        person.id, kind=kind, to_grade=target, effective_on=month, actor=SYSTEM,
        legal_basis=world.sk(month),
        credit_points=(CREDIT_POINTS_FOR_GRADE[target.code] + world.rng.randint(0, 20)
                       if functional else None))


def _separate_if_due(world: DemoWorld, person: Person, employee: Employee, month: date) -> bool:
    state = employee.state
    due = retirement_on(person.birth_on, state.retirement_age)
    separation: SeparationType | None = None
    on = month
    if due <= month:
        separation, on = SeparationType.RETIREMENT, max(due, month)
    elif state.contract_ends_on is not None and state.contract_ends_on < _next_month(month):
        if world.rng.random() < 0.8:  # most contracts are renewed in their last month
            world.recorded(month, 10)
            restart = state.contract_ends_on + timedelta(days=1)
            world.service.renew_contract(
                person.id, ends_on=restart.replace(year=restart.year + 5) - timedelta(days=1),
                effective_on=month, actor=SYSTEM, legal_basis=world.sk(month))
            return False
        separation = SeparationType.CONTRACT_END
        on = state.contract_ends_on + timedelta(days=1)
    elif world.rng.random() < 0.0003:
        separation = world.rng.choice((SeparationType.RESIGNATION, SeparationType.DEATH))
    if separation is None:
        return False
    # Never before the record's latest action (a rating recorded earlier in the month).
    on = max(on, employee.in_force()[-1].effective_on)
    if on > world.today:
        return False
    world.recorded(on, 20)
    world.service.separate(person.id, separation_type=separation, effective_on=on,
                           actor=SYSTEM, legal_basis=world.sk(on))
    if person.post is not None:
        person.post.holder = None
    person.post, person.retired = None, True
    return True


def _transfer(world: DemoWorld, person: Person, month: date) -> None:
    government_id = world.government_of[person.agency_id]
    others = [a for a in world.agencies_of[government_id] if a != person.agency_id]
    target_agency = world.rng.choice(others)
    employee = world.service.get_employee(person.id)
    grade = employee.state.grade
    vacant = [p for p in world.posts[target_agency]
              if p.holder is None and p.plan.position_type not in MANAGERIAL and grade
              and p.plan.is_pppk == person.is_pppk
              and Grade(p.plan.lowest) <= grade <= Grade(p.plan.highest)]
    if not vacant or grade is None:
        return
    post = world.rng.choice(vacant)
    world.recorded(month, 20)
    world.service.transfer(person.id, to_agency_id=target_agency, to_unit_id=post.unit_id,
                           effective_on=month, actor=SYSTEM, legal_basis=world.sk(month),
                           reason="Penyegaran organisasi")
    if person.post is not None:
        person.post.holder = None
    person.post, person.agency_id = None, target_agency
    assign(world, person, post, month)


def _penalise(world: DemoWorld, person: Person, month: date) -> None:
    penalty = world.rng.choice((PenaltyType.ORAL_REPRIMAND, PenaltyType.WRITTEN_REPRIMAND,
                                PenaltyType.WRITTEN_REPRIMAND,
                                PenaltyType.ALLOWANCE_CUT_6_MONTHS))
    on = month + timedelta(days=world.rng.randint(0, 20))
    if on > world.today:
        return
    world.recorded(on, 15)
    world.service.impose_penalty(person.id, level=penalty.level, penalty_type=penalty,
                                 effective_on=on, actor=SYSTEM, legal_basis=world.sk(on),
                                 reason="Ketidakhadiran tanpa keterangan yang sah")


def _fill_vacancies(world: DemoWorld, month: date) -> None:
    """Managerial posts go to eligible staff of the agency; other posts to new recruits
    while the workforce is below its target size."""
    headcount = sum(1 for p in world.people.values() if not p.retired)
    vacant = [post for posts in world.posts.values() for post in posts
              if post.holder is None and not post.reserved]
    world.rng.shuffle(vacant)
    for post in vacant:
        if post.plan.position_type in MANAGERIAL:
            _promote_into(world, post, month)
        elif headcount < world.target and world.rng.random() < 0.7:
            _recruit(world, post, month)
            headcount += 1


def _promote_into(world: DemoWorld, post: Post, month: date) -> None:
    lowest, highest = Grade(post.plan.lowest), Grade(post.plan.highest)
    level = MANAGERIAL.index(post.plan.position_type)
    candidates = []
    for other in world.posts[post.agency_id]:
        if other.holder is None or other is post:
            continue
        other_type = other.plan.position_type
        if other_type in MANAGERIAL and MANAGERIAL.index(other_type) <= level:
            continue
        state = world.service.get_employee(other.holder).state
        if state.status is EmployeeStatus.PNS and state.grade and lowest <= state.grade <= highest:
            candidates.append(world.people[other.holder])
    if candidates:
        world.recorded(month, 20)
        assign(world, world.rng.choice(candidates), post, month)


def _recruit(world: DemoWorld, post: Post, month: date) -> None:
    rng, plan = world.rng, post.plan
    education = rng.choice(plan.educations)
    grade = Grade(plan.lowest) if plan.is_pppk else starting_grade(education)
    if not plan.is_pppk and not (Grade(plan.lowest) <= grade <= Grade(plan.highest)):
        return
    birth_on = date(month.year - rng.randint(22, 33), rng.randint(1, 12), rng.randint(1, 28))
    employee_id = world.uuid()
    world.recorded(month, 25)
    world.service.appoint(
        person=world.person(birth_on, month, plan.is_pppk),
        employment_type=EmploymentType.PPPK if plan.is_pppk else EmploymentType.PNS,
        agency_id=post.agency_id, unit_id=post.unit_id, education=education, grade=grade,
        effective_on=month, actor=SYSTEM, legal_basis=world.sk(month),
        recruitment_ref=f"demo-seleksi-{month.year}",
        contract_ends_on=(month.replace(year=month.year + 5) - timedelta(days=1)
                          if plan.is_pppk else None),
        subject_id=world.uuid(), id=employee_id)
    person = Person(employee_id, post.agency_id, birth_on, plan.is_pppk)
    world.people[employee_id] = person
    assign(world, person, post, month)

