"""Demo recruitment: a CPNS and a PPPK round and JPT open selections for every government.

Each process is a generator that records one stage and yields the month of its next stage; the
demo's month loop resumes it then, so the stages are recorded in the months they happen and
their winners join the simulated workforce. Everything goes through `service.recruitment`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from uuid import UUID

from domain.checks import ApplicantInput
from domain.errors import DomainError
from domain.recruitment_service import CompetencyScore, Screening, SkbScore, SkdScore
from domain.regulations import starting_grade
from domain.selection import CommitteeMember
from domain.values import (
    Education,
    EmployeeStatus,
    EmploymentType,
    Grade,
    LegalBasis,
    PositionType,
    ScreeningReason,
    SelectionStage,
    Sex,
    Track,
)
from web.loaders.demo_world import (
    FIRST_NAMES,
    LAST_NAMES,
    MANAGERIAL,
    SYSTEM,
    DemoWorld,
    Person,
    PositionPlan,
    Post,
    assign,
)

TMS_REASONS = (ScreeningReason.DOCUMENT_MISSING, ScreeningReason.DOCUMENT_INVALID,
               ScreeningReason.EDUCATION_MISMATCH, ScreeningReason.GPA_BELOW_MINIMUM)
EXTERNAL_MEMBERS = (("Dr. Hasanuddin", "Universitas Negeri setempat"),
                    ("Prof. Dr. Lestiani", "Asosiasi Profesi Manajemen SDM"),
                    ("Dra. Martha Ndoen", "Lembaga Administrasi Negara"))
INTERNAL_MEMBERS = (("Sekretaris Daerah", "Pemerintah Daerah"),
                    ("Asisten Administrasi Umum", "Pemerintah Daerah"),
                    ("Kepala BKPSDM", "Pemerintah Daerah"))

FALLBACK_PLANS = {
    False: PositionPlan("Pengolah Data", PositionType.PELAKSANA, "II/a", "III/d",
                        (Education.SLTA,)),
    True: PositionPlan("Tenaga Kesehatan Ahli Pertama (PPPK)", PositionType.AHLI_PERTAMA, "IX",
                       "XI", (Education.S1,), is_pppk=True),
}


def schedule(world: DemoWorld, opening: date) -> list[tuple[date, Iterator[date]]]:
    """The processes of the last complete recruitment year before `world.today`; the open
    selections of the last April to July whose release is out (July's comes out on 15
    August), so that their named appointments are in the past year of releases."""
    year = world.today.year - 1 if world.today >= date(world.today.year, 3, 1) else (
        world.today.year - 2)
    selection_year = world.today.year - (world.today < date(world.today.year, 8, 15))
    processes: list[tuple[date, Iterator[date]]] = []
    for government_id in world.agencies_of:
        if date(selection_year, 4, 1) >= opening:
            processes.append((date(selection_year, 4, 1),
                              _selections(world, government_id, selection_year)))
        if date(year, 8, 1) >= opening:
            for kind in (EmploymentType.PNS, EmploymentType.PPPK):
                processes.append((date(year, 8, 1), _round(world, government_id, year, kind)))
    return processes


def _sk(world: DemoWorld, on: date, issuer: str = "BKPSDM") -> LegalBasis:
    world.decree += 1
    return LegalBasis(f"800/{world.decree:05d}/{issuer}/{on.year}", on - timedelta(days=3))


def _round(world: DemoWorld, government_id: UUID, year: int, kind: EmploymentType
           ) -> Iterator[date]:
    """Seleksi CPNS/PPPK `year`: formations from vacant posts, hundreds of applicants."""
    rng, desk, is_pppk = world.rng, world.service.recruitment, kind is EmploymentType.PPPK
    government = world.service.get_government(government_id)
    kinds = [p for agency in world.agencies_of[government_id] for p in world.posts[agency]
             if p.plan.is_pppk == is_pppk and p.plan.position_type not in MANAGERIAL
             and _entry_education(p.plan) is not None]
    groups: dict[tuple[UUID, UUID, str], list[Post]] = {}
    for post in kinds:
        if post.holder is None and not post.reserved:
            groups.setdefault((post.agency_id, post.unit_id, post.plan.title), []).append(post)
    plans = {(p.agency_id, p.unit_id, p.plan.title): p.plan for p in kinds}
    if not groups:  # nothing vacant (or no such posts): one place, for a post to be created
        agency_id = world.agencies_of[government_id][0]
        fallback = kinds[0].plan if kinds else FALLBACK_PLANS[is_pppk]
        key = (agency_id, world.posts[agency_id][0].unit_id, fallback.title)
        groups[key], plans[key] = [], fallback
    label = "pppk" if is_pppk else "cpns"
    opened_on = date(year, 8, 5)
    world.recorded(opened_on, 5)
    round_id = desk.open_round(
        government_id=government_id, code=f"{label}-{year}-{government.code}",
        title=f"Seleksi {label.upper()} {government.name} {year}", kind=kind, year=year,
        effective_on=opened_on, actor=SYSTEM, legal_basis=_sk(world, opened_on, "MENPANRB"),
        id=world.uuid())
    formations: dict[UUID, list[Post]] = {}
    for index, (key, group) in enumerate(sorted(groups.items())[:6]):
        agency_id, unit_id, _ = key
        plan = plans[key]
        education = _entry_education(plan)
        assert education is not None
        track = Track.CUM_LAUDE if index == 1 else Track.DISABILITY if index == 2 else (
            Track.GENERAL)
        for post in group:
            post.reserved = True
        formation_id = desk.allocate_formation(
            round_id, agency_id=agency_id, unit_id=unit_id, position_title=plan.title,
            position_type=plan.position_type, education=education,
            quota=max(1, len(group)), track=track,
            grade=Grade(plan.lowest) if is_pppk else None,
            technical_passing_grade=rng.choice((245, 260, 275)) if is_pppk else None,
            effective_on=opened_on, actor=SYSTEM, legal_basis=None, id=world.uuid())
        formations[formation_id] = group
    closes_on = date(year, 9, 6)
    desk.announce_round(round_id, registration_closes_on=closes_on,
                        effective_on=date(year, 8, 19), actor=SYSTEM, legal_basis=None)
    yield date(year, 9, 1)

    applicants: dict[UUID, tuple[date, Sex]] = {}
    round_ = desk.get_round(round_id)
    count = max(20, world.target * 3 // 20)
    for number in range(count):
        formation = round_.formations[rng.choice(list(formations))]
        on = date(year, 9, rng.randint(1, 6))
        age = rng.randint(21, 34) if not is_pppk else rng.randint(24, 45)
        birth_on = date(year - age, rng.randint(1, 12), rng.randint(1, 28))
        sex = rng.choice((Sex.MALE, Sex.FEMALE))
        world.recorded(on, 2)
        applicant_id, _ = desk.register_applicant(
            round_id, formation_id=formation.id, person=ApplicantInput(
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                nik=f"{rng.randint(11, 94)}{rng.randint(1, 99):02d}{rng.randint(1, 40):02d}"
                    f"{birth_on:%d%m%y}{number:04d}",
                birth_on=birth_on, sex=sex,
                contact=f"08{rng.randint(11, 99)}{rng.randint(10_000_000, 99_999_999)}"),
            education=formation.education, grade_average=rng.randint(280, 395),
            effective_on=on, actor=SYSTEM, id=world.uuid())
        applicants[applicant_id] = (birth_on, sex)
    decisions = [Screening(a, meets=True) if rng.random() < 0.88 else
                 Screening(a, meets=False, reasons=(rng.choice(TMS_REASONS),))
                 for a in applicants]
    world.recorded(date(year, 9, 16), 2)
    desk.decide_screening(round_id, decisions, effective_on=date(year, 9, 16), actor=SYSTEM)
    desk.announce_screening(round_id, effective_on=date(year, 9, 18), actor=SYSTEM,
                            legal_basis=_sk(world, date(year, 9, 18)))
    rejected = [d.applicant_id for d in decisions if not d.meets]
    objecting = rejected[: max(1, len(rejected) // 5)]
    for applicant_id in objecting:
        desk.file_objection(round_id, applicant_id=applicant_id, effective_on=date(year, 9, 20),
                            actor=SYSTEM)
    for applicant_id in objecting:
        desk.resolve_objection(round_id, applicant_id=applicant_id,
                               granted=rng.random() < 0.5, effective_on=date(year, 9, 24),
                               actor=SYSTEM, legal_basis=None)
    yield date(year, 10, 1)

    round_ = desk.get_round(round_id)
    admitted = [a.id for a in round_.applicants.values() if a.meets]
    tested_on = date(year, 10, 21)
    world.recorded(tested_on, 5)
    if is_pppk:
        desk.record_competency_scores(round_id, [
            CompetencyScore(a, technical=rng.randint(170, 420), managerial=rng.randint(45, 95),
                            sociocultural=rng.randint(40, 78), interview=rng.randint(12, 40))
            for a in admitted], effective_on=tested_on, actor=SYSTEM)
    else:
        desk.record_skd_scores(round_id, [
            SkdScore(a, twk=5 * rng.randint(9, 28), tiu=5 * rng.randint(12, 33),
                     tkp=rng.randint(140, 215)) for a in admitted],
            effective_on=tested_on, actor=SYSTEM)
        chosen = desk.choose_skb_participants(round_id, effective_on=date(year, 10, 30),
                                              actor=SYSTEM, legal_basis=_sk(world, tested_on))
        yield date(year, 11, 1)
        scored_on = date(year, 11, 18)
        world.recorded(scored_on, 5)
        desk.record_skb_scores(round_id, [
            SkbScore(a, cat=rng.randint(40, 95), interview=rng.randint(50, 95),
                     extra=rng.randint(45, 95)) for a in chosen if rng.random() < 0.97],
            effective_on=scored_on, actor=SYSTEM)
    yield date(year, 12, 1)

    integrated_on = date(year, 12, 10)
    world.recorded(integrated_on, 3)
    desk.integrate_final_scores(round_id, effective_on=integrated_on, actor=SYSTEM,
                                legal_basis=None)
    desk.announce_results(round_id, effective_on=date(year, 12, 12), actor=SYSTEM,
                          legal_basis=_sk(world, date(year, 12, 12)))
    round_ = desk.get_round(round_id)
    first = next(iter(formations))
    winners = round_.winners(first)
    if winners:  # one winner withdraws; the next ranked takes the place
        desk.withdraw(round_id, applicant_id=winners[0].id, effective_on=date(year, 12, 20),
                      actor=SYSTEM)
    yield date(year + 1, 3, 1)

    tmt = date(year + 1, 3, 1)
    world.recorded(tmt, 20)
    round_ = desk.get_round(round_id)
    for formation_id, group in formations.items():
        vacant = [p for p in group if p.holder is None]
        for winner in round_.winners(formation_id):
            birth_on, sex = applicants[winner.id]
            nip = world.nip(birth_on, tmt, sex, is_pppk)
            employee_id = desk.appoint_winner(
                round_id, applicant_id=winner.id, nip=nip, effective_on=tmt, actor=SYSTEM,
                legal_basis=_sk(world, tmt),
                contract_ends_on=(tmt.replace(year=tmt.year + 5) - timedelta(days=1)
                                  if is_pppk else None), id=world.uuid())
            formation = round_.formations[formation_id]
            person = Person(employee_id, formation.agency_id, birth_on, is_pppk)
            world.people[employee_id] = person
            if vacant:
                assign(world, person, vacant.pop(), tmt)
        for post in group:
            post.reserved = False
    desk.close_round(round_id, effective_on=date(year + 1, 3, 31), actor=SYSTEM,
                     legal_basis=None)


def _entry_education(plan: PositionPlan) -> Education | None:
    """An education whose starting grade the post admits (PPPK: the post's first one)."""
    if plan.is_pppk:
        return plan.educations[0]
    for education in plan.educations:
        if Grade(plan.lowest) <= starting_grade(education) <= Grade(plan.highest):
            return education
    return None


def _selections(world: DemoWorld, government_id: UUID, year: int) -> Iterator[date]:
    """Two JPT open selections: the head posts of two agencies, rotated after five years."""
    rng, desk = world.rng, world.service.recruitment
    government = world.service.get_government(government_id)
    heads = [p for agency in world.agencies_of[government_id] for p in world.posts[agency]
             if p.plan.position_type is PositionType.JPT_PRATAMA]
    rng.shuffle(heads)
    selections: list[tuple[UUID, Post]] = []
    authorised_on = date(year, 4, 7)
    world.recorded(authorised_on, 5)
    for number, post in enumerate(heads[:2], start=1):
        if post.holder is not None:  # the incumbent's term ended: the post is opened
            person = world.people[post.holder]
            world.service.release_position(person.id, effective_on=authorised_on,
                                           actor=SYSTEM, legal_basis=_sk(world, authorised_on))
            post.holder, person.post = None, None
        post.reserved = True
        selection_id = desk.authorise_selection(
            position_id=post.id, code=f"jpt-{year}-{government.code}-{number}",
            effective_on=authorised_on, actor=SYSTEM,
            legal_basis=_sk(world, authorised_on, "BKN"), id=world.uuid())
        members = [CommitteeMember(n, i, external=False) for n, i in INTERNAL_MEMBERS[:2]]
        members += [CommitteeMember(n, i, external=True) for n, i in EXTERNAL_MEMBERS]
        desk.form_committee(selection_id, members=members, effective_on=date(year, 4, 14),
                            actor=SYSTEM, legal_basis=_sk(world, date(year, 4, 14)))
        desk.announce_vacancy(selection_id, closes_on=date(year, 5, 5),
                              effective_on=date(year, 4, 21), actor=SYSTEM, legal_basis=None)
        selections.append((selection_id, post))
    yield date(year, 5, 1)

    for selection_id, post in list(selections):
        lowest, highest = Grade(post.plan.lowest), Grade(post.plan.highest)
        eligible = []
        for person in world.people.values():
            state = world.service.get_employee(person.id).state
            if (not person.retired and state.status is EmployeeStatus.PNS
                    and state.government_id == government_id and state.grade is not None
                    and lowest <= state.grade <= highest):
                eligible.append(person)
        rng.shuffle(eligible)
        for person in eligible[:rng.randint(4, 7)]:
            on = date(year, 5, rng.randint(1, 5))
            world.recorded(on, 2)
            desk.apply_candidate(selection_id, employee_id=person.id, effective_on=on,
                                 actor=SYSTEM, id=world.uuid())
        if len(desk.get_selection(selection_id).candidates) < 3:
            desk.extend_selection(selection_id, closes_on=date(year, 5, 19),
                                  effective_on=date(year, 5, 6), actor=SYSTEM,
                                  legal_basis=None)
            desk.cancel_selection(selection_id, reason="Pelamar tetap kurang dari tiga",
                                  effective_on=date(year, 5, 20), actor=SYSTEM,
                                  legal_basis=None)
            post.reserved = False
            selections.remove((selection_id, post))
    yield date(year, 6, 1)

    for selection_id, post in selections:
        for index, stage in enumerate(SelectionStage):
            on = date(year, 6, 2 + 3 * index)
            world.recorded(on, 3)
            for candidate_id, results in desk.get_selection(selection_id).results.items():
                if not all(r.passed for r in results.values()):
                    continue
                scored = stage in (SelectionStage.COMPETENCY, SelectionStage.PAPER,
                                   SelectionStage.INTERVIEW)
                desk.record_stage(selection_id, candidate_id=candidate_id, stage=stage,
                                  passed=rng.random() < 0.96,
                                  score=rng.randint(55, 95) if scored else None,
                                  effective_on=on, actor=SYSTEM)
        shortlisted_on = date(year, 6, 24)
        try:
            shortlist = desk.submit_shortlist(selection_id, effective_on=shortlisted_on,
                                              actor=SYSTEM, legal_basis=None)
        except DomainError as error:  # fewer than three passed: the selection is repeated
            assert error.code == "SHORTLIST_TOO_FEW"
            desk.cancel_selection(selection_id, reason="Kurang dari tiga peserta lulus",
                                  effective_on=shortlisted_on, actor=SYSTEM, legal_basis=None)
            post.reserved = False
            continue
        choice = shortlist[0] if rng.random() < 0.8 else shortlist[1]
        world.signed(date(year, 7, 1))
        desk.choose_appointee(
            selection_id, candidate_id=choice.candidate_id,
            reason=None if choice.rank == 1 else "Pertimbangan kesesuaian rekam jejak "
            "dengan prioritas pembangunan daerah", effective_on=date(year, 7, 1),
            actor=SYSTEM, legal_basis=_sk(world, date(year, 7, 1), "WALIKOTA"))
        inaugurated_on = date(year, 7, 14)
        world.recorded(inaugurated_on, 2)
        employee_id = desk.inaugurate(selection_id, effective_on=inaugurated_on, actor=SYSTEM,
                                      legal_basis=_sk(world, inaugurated_on, "WALIKOTA"))
        person = world.people[employee_id]
        if person.post is not None:
            person.post.holder = None
        person.post, person.agency_id, post.holder = post, post.agency_id, employee_id
        post.reserved = False
