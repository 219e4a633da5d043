"""How long an employee-survey answer takes with the ballot box (domain/staff_survey.py): every
answer is checked and sealed into the box, and every fifth records the five waiting answers in
one shuffled batch and empties the box (on PostgreSQL a rewrite of the box's partition).

    .venv/bin/python scripts/bench_ballot.py [--answers 200] [--backend sqlite|postgres|both]

PostgreSQL needs the REKAM_TEST_PG_* settings of a server (scripts/bench starts one; or
`bash scripts/pg-cluster start`). Prints the median, 95th percentile and slowest answer, apart
for the answers that only wait and those that record a batch, as JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tqdm import tqdm

from domain.staff_survey import BALLOT_BATCH
from domain.values import Actor, Role
from projections.stores.backend import open_service

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import _backend  # the throwaway PostgreSQL schema, as scripts/bench makes it

ADMIN = Actor("bench", Role.HR_ADMIN)


def _figures(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    return {"n": len(ordered), "median_ms": round(statistics.median(ordered) * 1000, 2),
            "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2),
            "max_ms": round(ordered[-1] * 1000, 2)}


def bench(kind: str, answers: int) -> dict[str, Any] | None:
    with tempfile.TemporaryDirectory(prefix="bench-ballot-") as scratch:
        backend = _backend(kind, Path(scratch))
        if backend is None:
            print(f"{kind}: no server (set REKAM_TEST_PG_*): skipped", file=sys.stderr)
            return None
        service = open_service(backend)
        try:
            today = date.today()
            government = service.establish_government(
                code="bench", name="Kabupaten Bench", province="Jawa Tengah",
                effective_on=date(2020, 1, 1), actor=ADMIN)
            agency = service.establish_agency(government_id=government, code="setda",
                                              name="Sekretariat Daerah",
                                              effective_on=date(2020, 1, 1), actor=ADMIN)
            survey = service.staff_survey.open_survey(
                government_id=government, agency_id=None, title="Survei beban kerja pegawai",
                topic="Beban kerja", items=["Beban kerja di unit saya wajar."] * 5,
                free_text_question="Apa yang perlu diperbaiki?", opens_on=today,
                closes_on=today + timedelta(days=30), actor=ADMIN)
            codes = service.staff_survey.issue_codes(survey, agency_id=agency, count=answers,
                                                     actor=ADMIN)
            waits: list[float] = []
            batches: list[float] = []
            for n, code in enumerate(tqdm(codes, desc=f"{kind}: answers", file=sys.stderr)):
                started = time.perf_counter()
                service.staff_survey.answer(survey, code=code, scores=[4, 3, 5, 4, 2],
                                            free_text="Perlu tambahan staf." if n % 3 else None)
                (batches if (n + 1) % BALLOT_BATCH == 0 else waits).append(
                    time.perf_counter() - started)
            recorded = len(service.staff_survey.get(survey).spent)
            return {"answers": answers, "recorded": recorded,
                    "waiting": service.staff_survey.waiting(survey),
                    "answer_only": _figures(waits), "answer_recording_a_batch": _figures(batches)}
        finally:
            service.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--answers", type=int, default=200)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    args = parser.parse_args()
    kinds = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    figures = {kind: bench(kind, args.answers) for kind in kinds}
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
