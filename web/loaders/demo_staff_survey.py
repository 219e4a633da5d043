"""Demo of anonymous employee surveys: every government has one survey of all its employees
on the TPP and working conditions, closed a month ago with enough answers (printed codes of
two agencies, a dozen or more each) to show its results and the agency breakdown, and one
running now on workload and working hours with a few answers so far.

Answers go through the ballot box as real ones do (domain/staff_survey.py): the closed survey
had every answer recorded by its close, the running one may still hold a few waiting for a
batch of five, as a running survey would.

It draws from a random generator of its own (the personnel history of a seed stays the same;
within a batch the answers' order comes from the system's shuffle, as it must) and records
under a clock of its own. Answers are printed-code answers: the demo takes no desk codes,
whose pseudonyms would need the keys of real accounts.
"""

from __future__ import annotations

import random
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from domain.clock import recording_clock
from domain.values import Actor, Role
from web.loaders.demo_world import DemoWorld

TPP_ITEMS = [
    "Besaran TPP yang saya terima mendorong saya bekerja lebih baik.",
    "Kriteria pemotongan TPP (kehadiran, kinerja) jelas bagi saya.",
    "TPP dibayarkan tepat waktu setiap bulan.",
    "Beban kerja di unit saya sebanding dengan TPP yang diterima.",
    "Sarana dan ruang kerja memadai untuk tugas saya.",
]
WORKLOAD_ITEMS = [
    "Jam kerja di unit saya wajar.",
    "Pembagian tugas di unit saya adil.",
    "Atasan memberi umpan balik yang berguna atas pekerjaan saya.",
]
FREE_TEXTS = (
    "Pemotongan TPP karena keterlambatan sebaiknya memperhitungkan tugas luar kantor.",
    "TPP sering terlambat dibayar karena validasi atasan belum selesai.",
    "Ruang kerja sempit dan komputer sudah tua.",
    "Kriteria kinerja untuk TPP perlu disosialisasikan lagi.",
    "Beban kerja tidak merata antarbidang.",
    None, None, None,
)
LEANINGS = (0.72, 0.45, 0.5, 0.4, 0.55)  # per statement: how far answers lean to agree


def staff_surveys(world: DemoWorld, rng: random.Random) -> None:
    """The closed and the running survey of every government."""
    for government_id, agency_ids in world.agencies_of.items():
        code = world.service.get_government(government_id).code
        admin = Actor(f"hradmin.{code}", Role.HR_ADMIN)
        _closed(world, rng, government_id, agency_ids, admin)
        _running(world, rng, government_id, agency_ids, admin)


def _on(day: date, hour: int = 9) -> AbstractContextManager[Any]:
    moment = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    return recording_clock(lambda: moment)


def _closed(world: DemoWorld, rng: random.Random, government_id: UUID,
            agency_ids: list[UUID], admin: Actor) -> None:
    surveys = world.service.staff_survey
    opens = world.today - timedelta(days=60)
    closes = opens + timedelta(days=28)
    with _on(opens - timedelta(days=3)):
        survey = surveys.open_survey(
            government_id=government_id, agency_id=None,
            title=f"Survei pegawai: TPP dan kondisi kerja {opens.year}",
            topic="Tambahan penghasilan pegawai (TPP) dan kondisi kerja", items=TPP_ITEMS,
            free_text_question="Apa yang paling perlu diperbaiki dari TPP atau kondisi kerja?",
            opens_on=opens, closes_on=closes, actor=admin)
    _answers(world, rng, survey, agency_ids[:2], opens, closes, (12, 22), admin)
    with _on(closes + timedelta(days=1)):
        surveys.close(survey, actor=admin)


def _running(world: DemoWorld, rng: random.Random, government_id: UUID,
             agency_ids: list[UUID], admin: Actor) -> None:
    surveys = world.service.staff_survey
    opens = world.today - timedelta(days=4)
    with _on(opens - timedelta(days=2)):
        survey = surveys.open_survey(
            government_id=government_id, agency_id=None,
            title=f"Survei pegawai: beban kerja dan jam kerja {opens.year}",
            topic="Beban kerja, jam kerja dan umpan balik atasan", items=WORKLOAD_ITEMS,
            free_text_question=None, opens_on=opens, closes_on=opens + timedelta(days=30),
            actor=admin)
    _answers(world, rng, survey, agency_ids[:1], opens, world.today, (2, 5), admin)


def _answers(world: DemoWorld, rng: random.Random, survey: UUID, agency_ids: list[UUID],
             first: date, last: date, per_agency: tuple[int, int], admin: Actor) -> None:
    surveys = world.service.staff_survey
    items = len(surveys.get(survey).items)
    has_text = surveys.get(survey).free_text_question is not None
    for agency_id in agency_ids:
        count = rng.randint(*per_agency)
        with _on(first):
            codes = surveys.issue_codes(survey, agency_id=agency_id, count=count, actor=admin)
        for code in codes:
            day = first + timedelta(days=rng.randint(0, max(0, (last - first).days)))
            with _on(min(day, world.today), hour=8 + rng.randint(0, 8)):
                surveys.answer(survey, code=code, scores=[
                    _score(rng, LEANINGS[i % len(LEANINGS)]) for i in range(items)],
                    free_text=rng.choice(FREE_TEXTS) if has_text else None)


def _score(rng: random.Random, leaning: float) -> int:
    return min(5, max(1, round(1 + 4 * rng.betavariate(leaning * 5, (1 - leaning) * 5))))
