"""Demo of citizens' voice: service units with their standards in each government, and
complaints over the last months in every state, some past their deadline.

It draws from a random generator of its own, so the personnel history of a seed is the same
with or without it. Complaints are recorded month by month beside the history, under a
recording clock of their own that only moves forward (the history's clock runs ahead of the
months it records).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from domain.clock import recording_clock
from domain.values import Actor, Role
from domain.voice_values import ComplaintCategory, RejectionReason, Resolution
from web.loaders.demo_world import DemoWorld

MONTHS_OF_COMPLAINTS = 6
UNITS = (  # agency code, unit suffix, name, services (name, requirements, time, cost)
    ("dukcapil", "adminduk", "Layanan Administrasi Kependudukan", (
        ("Penerbitan KTP-el", "Kartu Keluarga\nSurat pengantar RT/RW bila alamat berubah",
         "1 hari kerja", "Tidak dipungut biaya"),
        ("Akta Kelahiran", "Surat keterangan lahir\nKartu Keluarga\nKTP-el kedua orang tua",
         "3 hari kerja", "Tidak dipungut biaya"))),
    ("dpmptsp", "perizinan", "Mal Pelayanan Publik - Perizinan", (
        ("Persetujuan Bangunan Gedung (PBG)", "Dokumen teknis bangunan\nBukti kepemilikan tanah",
         "28 hari kerja", "Retribusi sesuai Perda"),
        ("Nomor Induk Berusaha (NIB)", "KTP-el pemohon\nNPWP", "1 hari kerja",
         "Tidak dipungut biaya"))),
    ("dinkes", "puskesmas", "Puskesmas", (
        ("Pemeriksaan umum", "Kartu BPJS Kesehatan atau KTP-el", "30 menit",
         "Gratis bagi peserta JKN; umum sesuai Perda retribusi"),)),
    ("disdik", "mutasi-siswa", "Layanan Mutasi Siswa dan Legalisir", (
        ("Legalisir ijazah", "Ijazah asli\nFotokopi ijazah", "2 hari kerja",
         "Tidak dipungut biaya"),)),
)
TEXTS = (
    "Antrean sangat panjang dan nomor antrean habis sebelum pukul sembilan pagi.",
    "Petugas meminta uang tambahan agar berkas cepat selesai, padahal layanan ini gratis.",
    "Sudah lewat dari waktu yang dijanjikan dan belum ada kabar tentang berkas saya.",
    "Persyaratan yang diminta di loket berbeda dengan yang tertulis di papan pengumuman.",
    "Ruang tunggu panas, kursi kurang, dan toilet tidak dapat dipakai.",
    "Sistem daring sering gagal saat mengunggah dokumen sehingga harus datang langsung.",
)
ANSWERS = (
    "Terima kasih. Jam layanan loket ditambah dan nomor antrean kini dapat diambil daring.",
    "Kami telah memeriksa petugas yang bersangkutan dan menegaskan bahwa layanan ini tidak "
    "dipungut biaya. Pemeriksaan disiplin dilakukan oleh atasan langsung.",
    "Berkas Bapak/Ibu telah selesai dan dapat diambil di loket 3.",
    "Papan persyaratan telah diperbarui sesuai standar pelayanan.",
)
FATES = (("received", 12), ("rejected", 10), ("assigned", 15), ("answered", 20),
         ("closed", 35), ("reopened", 8))


def open_units(world: DemoWorld, rng: random.Random) -> dict[UUID, list[UUID]]:
    """The demo's service units per government, each with its services."""
    service, actor = world.service, Actor("demo", Role.SYSTEM)
    codes: dict[UUID, list[UUID]] = {}
    for government_id, agencies in world.agencies_of.items():
        government = service.get_government(government_id)
        codes[government_id] = []
        for agency_id in agencies:
            agency = service.get_agency(agency_id)
            for agency_code, suffix, name, standards in UNITS:
                if agency.code != agency_code:
                    continue
                unit_id = service.voice.open_service_unit(
                    agency_id=agency_id, code=f"{government.code}-{suffix}",
                    name=f"{name} {government.name.split(' (')[0]}",
                    address=f"Jl. Pemuda No. {rng.randint(1, 90)}", actor=actor)
                for s_name, requirements, duration, cost in standards:
                    service.voice.set_service(unit_id, name=s_name, requirements=requirements,
                                              duration=duration, cost=cost, actor=actor)
                codes[government_id].append(unit_id)
    return codes


def complaints_of_month(world: DemoWorld, rng: random.Random, units: dict[UUID, list[UUID]],
                        month: date) -> None:
    """A few complaints per government received in `month`, each taken as far as its fate."""
    now = datetime.now(UTC)
    for government_id, unit_ids in units.items():
        clock = [datetime(month.year, month.month, 1, 8, tzinfo=UTC)]
        with recording_clock(lambda clock=clock: clock[0]):  # type: ignore[misc]
            _government_month(world, rng, clock, government_id, unit_ids, month, now)


def _government_month(world: DemoWorld, rng: random.Random, clock: list[datetime],
                      government_id: UUID, unit_ids: list[UUID], month: date,
                      now: datetime) -> None:
    voice = world.service.voice
    if not unit_ids:
        return
    officer = Actor(f"hradmin.{world.service.get_government(government_id).code}",
                    Role.HR_ADMIN)
    days = sorted(rng.randint(0, 27) for _ in range(rng.randint(2, 4)))
    for day in days:
        moment = datetime(month.year, month.month, 1 + day, 8, tzinfo=UTC) + timedelta(
            minutes=rng.randint(0, 480))
        if moment > now:
            return
        clock[0] = max(clock[0], moment)
        unit_id = rng.choice(unit_ids)
        services = list(voice.get_unit(unit_id).services)
        anonymous = rng.random() < 0.3
        receipt = voice.submit_complaint(
            unit_id=unit_id, service_id=rng.choice(services) if services else None,
            category=rng.choice(list(ComplaintCategory)),
            happened_on=clock[0].date() - timedelta(days=rng.randint(0, 10)),
            description=rng.choice(TEXTS), is_anonymous=anonymous,
            contact=None if anonymous else f"08{rng.randint(10**9, 10**10 - 1)}")
        complaint_id = voice.get_complaint(receipt.ticket).id
        fate = rng.choices([f for f, _ in FATES], [w for _, w in FATES])[0]
        _follow(world, rng, clock, complaint_id, receipt.ticket, receipt.code, fate, officer,
                now)


def _follow(world: DemoWorld, rng: random.Random, clock: list[datetime], complaint_id: UUID,
            ticket: str, code: str, fate: str, officer: Actor, now: datetime) -> None:
    voice = world.service.voice

    def later(days: int) -> bool:
        moment = clock[0] + timedelta(days=days, minutes=rng.randint(0, 120))
        if moment > now:
            return False
        clock[0] = moment
        return True

    if fate == "received" or not later(rng.randint(1, 4)):
        return
    if fate == "rejected":
        voice.reject_complaint(complaint_id, reason=rng.choice(list(RejectionReason)),
                               note="", actor=officer)
        return
    voice.verify_complaint(complaint_id, actor=officer)
    voice.assign_complaint(complaint_id, unit_id=voice.get_complaint(complaint_id).unit_id,
                           actor=officer)
    if fate == "assigned" or not later(rng.randint(1, 9)):
        return
    voice.answer_complaint(complaint_id, answer=rng.choice(ANSWERS), actor=officer)
    if fate == "answered" or not later(rng.randint(2, 10)):
        return
    voice.close_complaint(complaint_id, resolution=rng.choice(list(Resolution)), actor=officer)
    if fate == "reopened" and later(rng.randint(1, 5)):
        voice.reopen_complaint(ticket=ticket, code=code,
                               reason="Masalah yang sama terjadi lagi minggu ini di loket.")
