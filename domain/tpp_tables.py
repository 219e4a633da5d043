"""Patterns of regional TPP regulations, for an administrator to start a government's table from.

Values come from the research note (../shared/reference/leave-pay-voice-rules.md §2.2): the
lateness bands of Kab. Toba, the common 60% performance / 40% discipline split, the range of
class amounts seen in Babel 2022. They are examples of what a Perkada sets, not national law:
each government's own table replaces them.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.tpp_rules import (
    AttendanceRules,
    Criterion,
    LatenessBand,
    TppRegulation,
)
from domain.values import PositionType, Rating

# Toba: late arrival (TL) 1–<31 min 0.5%, 31–<61 1%, 61–<91 1.25%, ≥91 or not signed in 1.5%;
# early leave (PSW) cut symmetrically, as in most Perkada.
LATE_BANDS = (LatenessBand("TL1", 1, 50), LatenessBand("TL2", 31, 100),
              LatenessBand("TL3", 61, 125), LatenessBand("TL4", 91, 150))
EARLY_BANDS = (LatenessBand("PSW1", 1, 50), LatenessBand("PSW2", 31, 100),
               LatenessBand("PSW3", 61, 125), LatenessBand("PSW4", 91, 150))
# verify: the per-day cut for unexcused absence is set by each Perkada; 3%/day is common.
ABSENT_DAY_BASIS_POINTS = 300
# Toba: a missed Monday assembly or ceremony costs 2% (of the discipline score; read here as
# 2% of the TPP, within the discipline share's cap).
MISSED_ASSEMBLY_BASIS_POINTS = 200
# verify: the split of the monthly payment, 60% by performance and 40% by discipline; the
# attendance cuts together take at most the discipline share, the predicate at most the other.
PERFORMANCE_SHARE, DISCIPLINE_SHARE = 6000, 4000

TOBA_ATTENDANCE = AttendanceRules(
    late_bands=LATE_BANDS, early_bands=EARLY_BANDS,
    absent_day_basis_points=ABSENT_DAY_BASIS_POINTS,
    missed_assembly_basis_points=MISSED_ASSEMBLY_BASIS_POINTS,
    cap_basis_points=DISCIPLINE_SHARE,
    scope=frozenset({Criterion.WORKLOAD, Criterion.PERFORMANCE}))

# verify: kelas jabatan by type of post where no job evaluation names the post's own class
# (a usual ladder under PermenPANRB 34/2011 and the JF class tables; pelaksana 5 to 7).
CLASS_BY_POSITION_TYPE: dict[PositionType, int] = {
    PositionType.JPT_UTAMA: 17,
    PositionType.JPT_MADYA: 15,
    PositionType.JPT_PRATAMA: 14,
    PositionType.ADMINISTRATOR: 12,
    PositionType.PENGAWAS: 9,
    PositionType.AHLI_UTAMA: 14,
    PositionType.AHLI_MADYA: 12,
    PositionType.AHLI_MUDA: 10,
    PositionType.AHLI_PERTAMA: 8,
    PositionType.PENYELIA: 8,
    PositionType.MAHIR: 7,
    PositionType.TERAMPIL: 6,
    PositionType.PEMULA: 5,
    PositionType.PELAKSANA: 6,
}

# verify: amounts per class rise from about Rp2.2 million to Rp30 million (Babel 2022); the
# ladder between is an example, in rupiah a month.
EXAMPLE_BASE_BY_CLASS: dict[int, int] = {
    1: 2_200_000, 2: 2_300_000, 3: 2_450_000, 4: 2_600_000, 5: 2_800_000, 6: 3_000_000,
    7: 3_400_000, 8: 3_900_000, 9: 4_600_000, 10: 5_500_000, 11: 6_600_000, 12: 8_000_000,
    13: 10_000_000, 14: 13_000_000, 15: 17_000_000, 16: 22_000_000, 17: 30_000_000,
}

# verify: the allocation over the criteria of PP 12/2019 Pasal 58 (most regions pay beban kerja
# and prestasi kerja monthly; place, conditions and scarcity apply to some posts only).
EXAMPLE_CRITERIA_SHARES: dict[Criterion, int] = {
    Criterion.WORKLOAD: 6000,
    Criterion.PERFORMANCE: 4000,
}

# verify: cuts by the last annual predicate are region-specific; an example ladder.
EXAMPLE_PREDICATE_CUTS: dict[Rating, int] = {
    Rating.BUTUH_PERBAIKAN: 1000,
    Rating.KURANG: 2500,
    Rating.SANGAT_KURANG: 5000,
}


# The approval letter an example version names unless told otherwise, so that its months can be
# run (the numbering of the Mendagri letters to the regions, e.g. 900/624/Keuda; the year is
# filled in). None adopts a version whose letter is still to come.
EXAMPLE_APPROVAL = "900.1.10/contoh-{year}/Keuda"


def example_regulation(government_id: UUID, year: int, *, perkada: str | None = None,
                       effective_from: date | None = None, scale_percent: int = 100,
                       approval_ref: str | None = EXAMPLE_APPROVAL) -> TppRegulation:
    """A whole regulation built from the patterns above, for the demo and the tests; each
    class amount scaled by `scale_percent` (a new year's rise); approved by `approval_ref`
    (the example letter of its year unless told otherwise; None: not approved yet)."""
    return TppRegulation(
        government_id=government_id, year=year,
        effective_from=effective_from or date(year, 1, 1),
        perkada=perkada or f"Contoh Perkada TPP TA {year}",
        approval_ref=approval_ref.replace("{year}", str(year)) if approval_ref else None,
        base_by_class={k: v * scale_percent // 100 for k, v in EXAMPLE_BASE_BY_CLASS.items()},
        criteria_shares=EXAMPLE_CRITERIA_SHARES,
        class_by_position_type=CLASS_BY_POSITION_TYPE,
        predicate_cuts=EXAMPLE_PREDICATE_CUTS,
        performance_scope=frozenset({Criterion.WORKLOAD, Criterion.PERFORMANCE}),
        performance_cap=PERFORMANCE_SHARE,
        attendance=TOBA_ATTENDANCE)
