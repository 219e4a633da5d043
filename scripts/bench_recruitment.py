"""Benchmark of one CPNS round of 1,000 applicants, from formations to appointments.

Registrations are recorded one per transaction (as applicants arrive); screening decisions and
test results come as files from the CAT system and are recorded one file per transaction, one
event per applicant; each winner's appointment is its own transaction.
"""

from __future__ import annotations

import random
import time
from datetime import date
from typing import Any

from tqdm import tqdm

from domain.checks import ApplicantInput
from domain.personnel_service import PersonnelService
from domain.recruitment_service import Screening, SkbScore, SkdScore
from domain.values import (
    Actor,
    Education,
    EmploymentType,
    PositionType,
    Role,
    ScreeningReason,
    Sex,
)

ACTOR = Actor("bench", Role.HR_ADMIN)


def bench_round(kind: str, service: PersonnelService, applicants: int = 1000,
                seed: int = 3) -> dict[str, Any]:
    rng = random.Random(seed)
    desk, on = service.recruitment, date(2025, 8, 1)
    government = service.establish_government(code=f"bench-{seed}", name="Kota Bench",
                                              province="Jawa Tengah", effective_on=on,
                                              actor=ACTOR)
    agency = service.establish_agency(government_id=government, code="bkpsdm", name="BKPSDM",
                                      effective_on=on, actor=ACTOR)
    unit = service.add_unit(agency_id=agency, code="umum", name="Umum", effective_on=on,
                            actor=ACTOR)
    started = time.perf_counter()
    round_id = desk.open_round(government_id=government, code="cpns-bench", title="CPNS Bench",
                               kind=EmploymentType.PNS, year=2025, effective_on=on, actor=ACTOR,
                               legal_basis=None)
    formations = [desk.allocate_formation(
        round_id, agency_id=agency, unit_id=unit, position_title=f"Analis {n}",
        position_type=PositionType.AHLI_PERTAMA, education=Education.S1, quota=10,
        effective_on=on, actor=ACTOR, legal_basis=None) for n in range(5)]
    desk.announce_round(round_id, registration_closes_on=date(2025, 9, 6),
                        effective_on=date(2025, 8, 19), actor=ACTOR, legal_basis=None)
    ids, people = [], {}
    registering = time.perf_counter()
    for number in tqdm(range(applicants), desc=f"{kind}: registrations", file=None,
                       unit=" applicants", leave=False):
        birth_on = date(1995, rng.randint(1, 12), rng.randint(1, 28))
        sex = rng.choice((Sex.MALE, Sex.FEMALE))
        applicant_id, _ = desk.register_applicant(
            round_id, formation_id=rng.choice(formations), person=ApplicantInput(
                name=f"Pelamar {number}", nik=f"3374{number:012d}", birth_on=birth_on,
                sex=sex), education=Education.S1, grade_average=rng.randint(280, 400),
            effective_on=date(2025, 9, 1), actor=ACTOR)
        ids.append(applicant_id)
        people[applicant_id] = (birth_on, sex)
    registered = time.perf_counter() - registering
    desk.decide_screening(round_id, [
        Screening(a, meets=True) if rng.random() < 0.9 else
        Screening(a, meets=False, reasons=(ScreeningReason.DOCUMENT_MISSING,)) for a in ids],
        effective_on=date(2025, 9, 16), actor=ACTOR)
    desk.announce_screening(round_id, effective_on=date(2025, 9, 18), actor=ACTOR,
                            legal_basis=None)
    admitted = [a.id for a in desk.get_round(round_id).applicants.values() if a.meets]
    desk.record_skd_scores(round_id, [
        SkdScore(a, twk=5 * rng.randint(10, 28), tiu=5 * rng.randint(14, 33),
                 tkp=rng.randint(150, 215)) for a in admitted],
        effective_on=date(2025, 10, 21), actor=ACTOR)
    chosen = desk.choose_skb_participants(round_id, effective_on=date(2025, 10, 30),
                                          actor=ACTOR, legal_basis=None)
    desk.record_skb_scores(round_id, [
        SkbScore(a, cat=rng.randint(40, 95), interview=rng.randint(50, 95),
                 extra=rng.randint(45, 95)) for a in chosen],
        effective_on=date(2025, 11, 18), actor=ACTOR)
    desk.integrate_final_scores(round_id, effective_on=date(2025, 12, 10), actor=ACTOR,
                                legal_basis=None)
    desk.announce_results(round_id, effective_on=date(2025, 12, 12), actor=ACTOR,
                          legal_basis=None)
    tmt, appointed = date(2026, 3, 1), 0
    round_ = desk.get_round(round_id)
    for formation in formations:
        for winner in round_.winners(formation):
            birth_on, sex = people[winner.id]
            appointed += 1
            desk.appoint_winner(round_id, applicant_id=winner.id,
                                nip=f"{birth_on:%Y%m%d}{tmt:%Y%m}{sex.value}{appointed:03d}",
                                effective_on=tmt, actor=ACTOR, legal_basis=None)
    desk.close_round(round_id, effective_on=date(2026, 3, 31), actor=ACTOR, legal_basis=None)
    total = time.perf_counter() - started
    events = len(desk.get_round(round_id).applicants)  # registrations, for the rate
    return {f"{kind}_recruitment_round_applicants": applicants,
            f"{kind}_recruitment_round_events": desk.get_round(round_id).version,
            f"{kind}_recruitment_round_s": round(total, 2),
            f"{kind}_recruitment_register_per_s": round(events / registered),
            f"{kind}_recruitment_appointed": appointed}
