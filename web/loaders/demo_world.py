"""The demo generator's world: the organisation it plans, the people it remembers, the clock.

Shared by the personnel history (web/loaders/demo.py) and the recruitment rounds and open
selections (web/loaders/demo_recruitment.py).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from domain.checks import PersonInput
from domain.personnel_service import PersonnelService
from domain.values import (
    Actor,
    Education,
    LegalBasis,
    PositionType,
    Role,
    Sex,
    TopicTag,
    TrainingType,
)

GOVERNMENTS = (
    ("salatiga", "Kota Salatiga", "Jawa Tengah"),
    ("plaju", "Kota Palembang (Kecamatan Plaju)", "Sumatera Selatan"),
    ("tanjungbalai", "Kota Tanjungbalai", "Sumatera Utara"),
    ("kupang", "Kota Kupang", "Nusa Tenggara Timur"),
    ("palu", "Kota Palu", "Sulawesi Tengah"),
)
AGENCIES = (  # code, name, relative size
    ("setda", "Sekretariat Daerah", 3), ("setwan", "Sekretariat DPRD", 1),
    ("inspektorat", "Inspektorat", 1), ("bappeda", "Badan Perencanaan Pembangunan Daerah", 1),
    ("bkpsdm", "Badan Kepegawaian dan Pengembangan SDM", 1),
    ("bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah", 2),
    ("disdik", "Dinas Pendidikan dan Kebudayaan", 6), ("dinkes", "Dinas Kesehatan", 5),
    ("pupr", "Dinas Pekerjaan Umum dan Penataan Ruang", 2), ("dinsos", "Dinas Sosial", 1),
    ("dukcapil", "Dinas Kependudukan dan Pencatatan Sipil", 1),
    ("kominfo", "Dinas Komunikasi dan Informatika", 1),
    ("dpmptsp", "Dinas Penanaman Modal dan PTSP", 1),
    ("satpolpp", "Satuan Polisi Pamong Praja", 2), ("dlh", "Dinas Lingkungan Hidup", 2),
)
UNITS = (("sekretariat", "Sekretariat"), ("program", "Bidang Program dan Evaluasi"),
         ("layanan", "Bidang Pelayanan"), ("pengembangan", "Bidang Pengembangan"))
FIRST_NAMES = ("Agus", "Budi", "Citra", "Dewi", "Eka", "Fajar", "Gita", "Hendra", "Indah",
               "Joko", "Kartika", "Lestari", "Made", "Nur", "Oktavia", "Putu", "Rahmat", "Sari",
               "Taufik", "Utami", "Wahyu", "Yohanes", "Zainal", "Maria", "Andi", "Siti", "Yosef",
               "Ketut", "Rina", "Bambang")
LAST_NAMES = ("Santoso", "Wijaya", "Siregar", "Nasution", "Lubis", "Saragih", "Manafe", "Ndun",
              "Lamahoda", "Lasimpo", "Tombolotutu", "Pratama", "Hidayat", "Kurniawan",
              "Rahayu", "Simanjuntak", "Hutapea", "Fanggidae", "Bessie", "Lapasere", "Wulandari",
              "Setiawan", "Purba", "Daeng", "Lamato")
TRAININGS = (
    (TrainingType.TECHNICAL, "Transformasi Digital Layanan Publik", (TopicTag.DIGITAL,)),
    (TrainingType.E_LEARNING, "Literasi Data dan Keamanan Informasi", (TopicTag.DIGITAL,)),
    (TrainingType.SEMINAR, "Komunikasi Pelayanan Publik",
     (TopicTag.PUBLIC_SERVICE_COMMUNICATION,)),
    (TrainingType.TECHNICAL, "Manajemen Pengaduan Masyarakat",
     (TopicTag.PUBLIC_SERVICE_COMMUNICATION, TopicTag.PUBLIC_MANAGEMENT)),
    (TrainingType.E_LEARNING, "Manajemen Kinerja ASN", (TopicTag.PUBLIC_MANAGEMENT,)),
    (TrainingType.COACHING, "Coaching Kinerja", (TopicTag.LEADERSHIP,)),
    (TrainingType.FUNCTIONAL, "Pembinaan Jabatan Fungsional", (TopicTag.TECHNICAL,)),
    (TrainingType.E_LEARNING, "Integritas dan Antikorupsi", (TopicTag.INTEGRITY,)),
)
SYSTEM = Actor("demo", Role.SYSTEM)


@dataclass(frozen=True)
class PositionPlan:
    """A post of the demo organisation and who may hold it."""

    title: str
    position_type: PositionType
    lowest: str
    highest: str
    educations: tuple[Education, ...]
    is_pppk: bool = False


MANAGERIAL = (PositionType.JPT_PRATAMA, PositionType.ADMINISTRATOR, PositionType.PENGAWAS)
S1, S2, D3, SLTA = Education.S1, Education.S2, Education.D3, Education.SLTA


def positions_for(size: int) -> list[tuple[int, PositionPlan]]:
    """(unit index, plan) for an agency of about `size` employees."""
    plans: list[tuple[int, PositionPlan]] = [
        (0, PositionPlan("Kepala", PositionType.JPT_PRATAMA, "IV/a", "IV/d", (S2,))),
        (0, PositionPlan("Sekretaris", PositionType.ADMINISTRATOR, "III/d", "IV/b", (S1, S2))),
        (0, PositionPlan("Kepala Subbagian Umum", PositionType.PENGAWAS, "III/b", "IV/a",
                         (S1, D3))),
    ]
    for unit in (1, 2, 3):
        plans.append((unit, PositionPlan("Kepala Bidang", PositionType.ADMINISTRATOR, "III/d",
                                         "IV/b", (S1, S2))))
        plans.append((unit, PositionPlan("Kepala Seksi", PositionType.PENGAWAS, "III/b", "IV/a",
                                         (S1, D3))))
    staff = max(3, round(size * 1.35) - len(plans))
    pool = (
        PositionPlan("Analis Kebijakan Ahli Pertama", PositionType.AHLI_PERTAMA, "III/a",
                     "III/b", (S1, S2)),
        PositionPlan("Analis Kebijakan Ahli Muda", PositionType.AHLI_MUDA, "III/c", "III/d",
                     (S1, S2)),
        PositionPlan("Analis Kebijakan Ahli Madya", PositionType.AHLI_MADYA, "IV/a", "IV/c",
                     (S2,)),
        PositionPlan("Pranata Komputer Terampil", PositionType.TERAMPIL, "II/a", "II/d",
                     (D3, SLTA)),
        PositionPlan("Pengadministrasi Umum", PositionType.PELAKSANA, "I/c", "III/d",
                     (SLTA, D3, S1)),
        PositionPlan("Pengolah Data", PositionType.PELAKSANA, "II/a", "III/d", (SLTA, D3, S1)),
        PositionPlan("Guru/Tenaga Kesehatan Ahli Pertama (PPPK)", PositionType.AHLI_PERTAMA,
                     "IX", "XI", (S1,), is_pppk=True),
    )
    weights = (14, 8, 3, 8, 30, 25, 12)
    for i in range(staff):
        plan = pool[_weighted_index(weights, i * 7919 % sum(weights))]
        plans.append((1 + i % 3, plan))
    return plans


def _weighted_index(weights: tuple[int, ...], ticket: int) -> int:
    for index, weight in enumerate(weights):
        if ticket < weight:
            return index
        ticket -= weight
    return len(weights) - 1


@dataclass
class Post:
    id: UUID
    agency_id: UUID
    unit_id: UUID
    plan: PositionPlan
    holder: UUID | None = None
    reserved: bool = False  # kept for a recruitment round or an open selection


@dataclass
class Person:
    """What the generator remembers of an employee beyond the record itself."""

    id: UUID
    agency_id: UUID
    birth_on: date
    is_pppk: bool
    post: Post | None = None
    retired: bool = False


@dataclass
class DemoWorld:
    """The generator's working memory while it records history."""

    service: PersonnelService
    rng: random.Random
    today: date
    posts: dict[UUID, list[Post]] = field(default_factory=dict)  # by agency
    people: dict[UUID, Person] = field(default_factory=dict)
    agencies_of: dict[UUID, list[UUID]] = field(default_factory=dict)  # government -> agencies
    government_of: dict[UUID, UUID] = field(default_factory=dict)  # agency -> government
    nip_sequences: dict[str, int] = field(default_factory=dict)
    target: int = 2000  # headcount the recruitment aims at
    clock: datetime = datetime(2000, 1, 1, tzinfo=UTC)
    loaded: dict[UUID, Any] = field(default_factory=dict)  # aggregates kept between batches
    decree: int = 0
    processes: list[tuple[date, Iterator[date]]] = field(default_factory=list)

    def uuid(self) -> UUID:
        return UUID(int=self.rng.getrandbits(128), version=4)

    def recorded(self, on: date, lag_days: int = 20, rng: random.Random | None = None) -> None:
        """Set the recording time of the next events to a few days after `on`; a part of the
        demo with a random stream of its own passes it, so it never moves the history's."""
        draw = rng or self.rng
        moment = datetime(on.year, on.month, on.day, 9, tzinfo=UTC) + timedelta(
            days=draw.randint(1, lag_days), minutes=draw.randint(0, 480))
        now = datetime.now(UTC)
        self.clock = max(self.clock, min(moment, now))

    def signed(self, on: date) -> None:
        """Move the recording time to the morning a decree dated `on` is signed, if it is
        behind: a decree is never recorded before its date (domain/event_rules.py)."""
        moment = datetime(on.year, on.month, on.day, 9, tzinfo=UTC)
        self.clock = max(self.clock, min(moment, datetime.now(UTC)))

    def sk(self, on: date) -> LegalBasis:
        self.decree += 1
        return LegalBasis(f"800/{self.decree:05d}/BKPSDM/{on.year}", on - timedelta(days=10))

    def nip(self, birth_on: date, tmt: date, sex: Sex, is_pppk: bool) -> str:
        head = birth_on.strftime("%Y%m%d") + (
            f"{tmt.year}21" if is_pppk else tmt.strftime("%Y%m")) + sex.value
        sequence = self.nip_sequences.get(head, 0) + 1
        self.nip_sequences[head] = sequence
        return f"{head}{sequence:03d}"

    def person(self, birth_on: date, tmt: date, is_pppk: bool) -> PersonInput:
        sex = self.rng.choice((Sex.MALE, Sex.FEMALE))
        name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
        contact = f"08{self.rng.randint(11, 99)}{self.rng.randint(10_000_000, 99_999_999)}"
        return PersonInput(name=name, nip=self.nip(birth_on, tmt, sex, is_pppk),
                           birth_on=birth_on, sex=sex, contact=contact)


def assign(world: DemoWorld, person: Person, post: Post, on: date) -> None:
    world.service.assign_position(person.id, position_id=post.id, effective_on=on,
                                  actor=SYSTEM, legal_basis=world.sk(on))
    if person.post is not None:
        person.post.holder = None
    post.holder, person.post = person.id, post
