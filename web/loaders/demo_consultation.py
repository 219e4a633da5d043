"""Demo of public consultation: per government, one consultation closed and answered with its
themes, minutes and changes, and one open, with comments in each moderation state.

It draws from a random generator of its own and records under a recording clock of its own,
set to the days the steps happen, so the rest of the demo is the same with or without it.
"""

from __future__ import annotations

import random
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from domain.clock import recording_clock
from domain.consultation import ConsultationSubject, WithholdReason
from domain.errors import display
from domain.values import Actor, Role
from web.loaders.demo_world import DemoWorld

ANSWERED = (
    ConsultationSubject.SERVICE_STANDARD, "Rancangan standar pelayanan penerbitan KTP-el",
    "Perubahan jam layanan, waktu penyelesaian dan persyaratan penerbitan KTP-el.",
    "1. Jam layanan: Senin-Jumat pukul 08.00 sampai 14.00.\n"
    "2. Waktu penyelesaian: 1 hari kerja.\n3. Persyaratan: Kartu Keluarga.\n"
    "4. Biaya: tidak dipungut biaya.")
OPEN = (
    ConsultationSubject.TPP_RULES, "Rancangan perubahan kriteria Tambahan Penghasilan Pegawai",
    "Penilaian disiplin dan kinerja sebagai dasar pembayaran TPP mulai tahun depan.",
    "Pasal 1\nTPP dibayarkan berdasarkan kinerja (60%) dan disiplin (40%).\n"
    "Pasal 2\nKeterlambatan masuk kerja mengurangi TPP 0,5% per kejadian.")
COMMENTS_ANSWERED = (
    ("published", "Mohon jam layanan diperpanjang sampai sore agar pekerja bisa datang."),
    ("published", "Sebaiknya jam layanan juga dibuka hari Sabtu pagi."),
    ("published", "Persyaratan surat pengantar RT/RW sebaiknya dihapus saja."),
    ("withheld", "Iklan: jasa pengurusan KTP cepat, hubungi 0812 1111 2222."),
)
COMMENTS_OPEN = (
    ("published", "Bobot disiplin 40% terlalu besar dibanding kinerja."),
    ("published", "Perlu dijelaskan bagaimana tugas luar kantor dihitung."),
    ("withheld", "Sama dengan tanggapan sebelumnya tentang bobot disiplin."),
    ("pending", "Bagaimana dengan pegawai yang sedang cuti melahirkan?"),
    ("pending", "Potongan 0,5% per keterlambatan sebaiknya dibatasi per bulan."),
)
THEMES = (
    ("Jam layanan", (0, 1), "Jam layanan diperpanjang sampai pukul 15.00; layanan Sabtu "
     "belum dapat dibuka karena keterbatasan petugas dan akan dievaluasi."),
    ("Persyaratan", (2,), "Surat pengantar RT/RW hanya diminta bila alamat berubah."),
)
CHANGES = ("Angka 1: jam layanan sampai pukul 15.00.",
           "Angka 3: surat pengantar RT/RW hanya bila alamat berubah.")


def consultations(world: DemoWorld, rng: random.Random) -> None:
    """Both consultations of every government, on days counted back from the demo's today."""
    for government_id in world.agencies_of:
        code = world.service.get_government(government_id).code
        admin = Actor(f"hradmin.{code}", Role.HR_ADMIN)
        _answered(world, rng, government_id, admin)
        _open(world, rng, government_id, admin)


def _on(day: date) -> AbstractContextManager[Any]:
    moment = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    return recording_clock(lambda: moment)


def _answered(world: DemoWorld, rng: random.Random, government_id: UUID, admin: Actor) -> None:
    consult = world.service.consultation
    opens = world.today - timedelta(days=70 + rng.randint(0, 10))
    closes = opens + timedelta(days=21)
    cid = _drafted(world, government_id, admin, ANSWERED, opens, closes)
    ids = _comments(world, rng, cid, admin, COMMENTS_ANSWERED, opens)
    with _on(closes + timedelta(days=7)):
        for title, picked, answer in THEMES:
            consult.answer_theme(cid, title=title, comment_ids=[ids[i] for i in picked],
                                 answer=answer, actor=admin)
        consult.conclude_consultation(
            cid, minutes=f"Forum Konsultasi Publik diselenggarakan pada {display(closes, 'id')} di "
            "aula kantor, dihadiri perwakilan warga, RT/RW dan petugas layanan. Tanggapan "
            "dibahas per tema dan disepakati perubahan sebagaimana tercantum.",
            changes=list(CHANGES), actor=admin)


def _open(world: DemoWorld, rng: random.Random, government_id: UUID, admin: Actor) -> None:
    opens = world.today - timedelta(days=5 + rng.randint(0, 3))
    cid = _drafted(world, government_id, admin, OPEN, opens, opens + timedelta(days=30))
    _comments(world, rng, cid, admin, COMMENTS_OPEN, opens)


def _drafted(world: DemoWorld, government_id: UUID, admin: Actor,
             content: tuple[ConsultationSubject, str, str, str], opens: date,
             closes: date) -> UUID:
    subject, title, summary, draft = content
    consult = world.service.consultation
    with _on(opens):
        cid = consult.draft_consultation(
            government_id=government_id, agency_id=None, unit_id=None, subject=subject,
            title=title, summary=summary, draft_text=draft, opens_on=opens, closes_on=closes,
            actor=admin)
        consult.publish_consultation(cid, actor=admin)
    return cid


def _comments(world: DemoWorld, rng: random.Random, cid: UUID, admin: Actor,
              comments: tuple[tuple[str, str], ...], opens: date) -> list[UUID]:
    consult, ids = world.service.consultation, []
    day = opens
    for fate, text in comments:
        day = min(day + timedelta(days=rng.randint(0, 1)), world.today)
        with _on(day):
            is_employee = rng.random() < 0.4
            comment_id = consult.comment(cid, text=text, name=None if is_employee else
                                         rng.choice(("Budi", "Rina", "Agus", "Dewi")),
                                         contact=None, is_employee=is_employee)
            if fate == "published":
                consult.moderate_comment(cid, comment_id=comment_id, publish_text=text,
                                         reason=None, actor=admin)
            elif fate == "withheld":
                reason = (WithholdReason.DUPLICATE if "Sama dengan" in text
                          else WithholdReason.OFF_TOPIC)
                consult.moderate_comment(cid, comment_id=comment_id, publish_text=None,
                                         reason=reason, actor=admin)
        ids.append(comment_id)
    return ids
