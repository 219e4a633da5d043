"""Writes the golden history that tests/unit/domain/test_golden_history.py replays.

Run by hand, from the repository root, when the scenario should cover something new (a new
kind of event, a new field), and commit the two files it writes. Never rerun it to make a
failing replay pass: the old files are history that the domain must still read, so that
change needs an upcaster or a registered old topic instead.

    .venv/bin/python tests/golden/make_golden.py

It records a fixed scenario through the application service on in-memory persistence and dumps

* ``history.jsonl``: every stored event, one JSON object a line: ``id`` (notification id),
  ``originator_id``, ``originator_version``, ``topic`` and ``state`` (the stored bytes as UTF-8
  text), in notification order;
* ``keys.json``: the subject keys (hex) needed to open the sealed personal data; the key of the
  erased person is absent, as after a real erasure.

The output is reproducible: ids are fixed, events are stamped by a fixed recording clock, keys
are derived from the subject id and nonces come from a seeded generator, so running the script
twice gives the same bytes and a diff shows only what a change in the domain did. Once
committed, the files are history: the domain must keep reading them, exactly as it would have
to read a production event store.
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from types import SimpleNamespace
from unittest import mock
from uuid import UUID

from domain import clock, privacy
from domain.checks import PersonInput
from domain.personnel_service import PersonnelService
from domain.privacy import LOOKUP_SECRET_ID, InMemoryKeyStore, InMemorySubjectRegistry
from domain.values import (
    Actor,
    Education,
    EmployeeStatus,
    EmploymentType,
    Expectation,
    Grade,
    JpHours,
    LegalBasis,
    PenaltyLevel,
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

HERE = Path(__file__).resolve().parent


def _id(n: int) -> UUID:
    return UUID(f"00000000-0000-4000-8000-{n:012d}")


# Kept in step with test_golden_history.py, which looks the aggregates up by these ids.
GOVERNMENT = _id(1)
BKPSDM, DINKES = _id(11), _id(12)
SECRETARIAT, DIVISION, DINKES_GENERAL = _id(21), _id(22), _id(23)
PENGAWAS_POST, PELAKSANA_POST = _id(31), _id(32)
RATER, SITI, AGUS, DEWI, HENDRA = _id(101), _id(102), _id(103), _id(104), _id(105)
RATER_SUBJECT, SITI_SUBJECT, AGUS_SUBJECT, DEWI_SUBJECT, HENDRA_SUBJECT = (
    _id(201), _id(202), _id(203), _id(204), _id(205))

OFFICER = Actor("petugas-bkpsdm", Role.HR_OFFICER)
ADMIN = Actor("admin-bkpsdm", Role.HR_ADMIN)


class FixedClock:
    """The recording clock of the scenario: set before each step, read by every event."""

    def __init__(self) -> None:
        self.current = datetime(2000, 1, 3, 9, 0, tzinfo=UTC)

    def recording(self, on: date, days_later: int = 3) -> None:
        stamp = datetime.combine(on + timedelta(days=days_later), time(9, 0), UTC)
        # Each step is recorded after the one before, even when it is backdated.
        self.current = max(stamp, self.current + timedelta(minutes=1))

    def __call__(self) -> datetime:
        return self.current


def _key(subject_id: UUID) -> bytes:
    return hashlib.sha256(f"rekam-golden:{subject_id}".encode()).digest()


def _sk(number: str, signed_on: date) -> LegalBasis:
    return LegalBasis(number, signed_on)


def build(service: PersonnelService, at: FixedClock) -> None:
    """The scenario: one regional government, four careers, a saldo awal and an erasure."""
    s = service
    at.recording(date(2000, 1, 1))
    s.establish_government(code="kota-contoh", name="Pemerintah Kota Contoh",
                           province="Jawa Barat", effective_on=date(2000, 1, 1), actor=ADMIN,
                           id=GOVERNMENT)
    s.establish_agency(government_id=GOVERNMENT, code="bkpsdm",
                       name="Badan Kepegawaian dan Pengembangan SDM",
                       effective_on=date(2000, 1, 1), actor=ADMIN, id=BKPSDM)
    s.add_unit(agency_id=BKPSDM, code="sekretariat", name="Sekretariat",
               effective_on=date(2000, 1, 1), actor=ADMIN, id=SECRETARIAT)
    s.add_unit(agency_id=BKPSDM, code="mutasi", name="Bidang Mutasi dan Promosi",
               effective_on=date(2000, 1, 1), actor=ADMIN, id=DIVISION)
    s.establish_agency(government_id=GOVERNMENT, code="dinkes", name="Dinas Kesehatan",
                       effective_on=date(2000, 1, 1), actor=ADMIN, id=DINKES)
    s.add_unit(agency_id=DINKES, code="umum", name="Subbagian Umum",
               effective_on=date(2000, 1, 1), actor=ADMIN, id=DINKES_GENERAL)
    s.establish_position(agency_id=BKPSDM, unit_id=DIVISION, title="Kepala Subbidang Mutasi",
                         position_type=PositionType.PENGAWAS, lowest=Grade("III/b"),
                         highest=Grade("III/d"), effective_on=date(2000, 1, 1), actor=ADMIN,
                         id=PENGAWAS_POST)
    s.establish_position(agency_id=BKPSDM, unit_id=DIVISION,
                         title="Pengadministrasi Kepegawaian",
                         position_type=PositionType.PELAKSANA, lowest=Grade("II/a"),
                         highest=Grade("III/d"), effective_on=date(2000, 1, 1), actor=ADMIN,
                         id=PELAKSANA_POST)

    # Budi, the pengawas who rates Siti.
    at.recording(date(2005, 1, 1))
    s.appoint(person=PersonInput("Budi Santoso", "197601202005011001", date(1976, 1, 20),
                                 Sex.MALE, "budi@contoh.go.id"),
              employment_type=EmploymentType.PNS, agency_id=BKPSDM, unit_id=DIVISION,
              education=Education.S2, grade=Grade("III/b"), effective_on=date(2005, 1, 1),
              actor=OFFICER, legal_basis=_sk("813/005/CPNS/2005", date(2004, 12, 20)),
              recruitment_ref="CPNS-2004", subject_id=RATER_SUBJECT, id=RATER)
    _latsar(s, at, RATER, date(2005, 7, 15))
    at.recording(date(2006, 1, 1))
    s.pass_probation(RATER, effective_on=date(2006, 1, 1), actor=OFFICER,
                     legal_basis=_sk("821/010/PNS/2006", date(2005, 12, 28)))
    s.assign_position(RATER, position_id=PENGAWAS_POST, effective_on=date(2006, 1, 1),
                      actor=OFFICER, legal_basis=_sk("821.2/004/JAB/2006", date(2005, 12, 28)))

    # Siti: CPNS 2016, PNS 2017, in a pelaksana post rated by Budi.
    at.recording(date(2016, 4, 1))
    s.appoint(person=PersonInput("Siti Rahmawati", "199205172016042001", date(1992, 5, 17),
                                 Sex.FEMALE, "siti@contoh.go.id"),
              employment_type=EmploymentType.PNS, agency_id=BKPSDM, unit_id=DIVISION,
              education=Education.S1, grade=Grade("III/a"), effective_on=date(2016, 4, 1),
              actor=OFFICER, legal_basis=_sk("813/021/CPNS/2016", date(2016, 3, 22)),
              recruitment_ref="CPNS-2015", subject_id=SITI_SUBJECT, id=SITI)
    _latsar(s, at, SITI, date(2016, 10, 3))
    _appraise(s, at, 2016, Expectation.AS_EXPECTED, Expectation.AS_EXPECTED)
    at.recording(date(2017, 4, 1))
    s.pass_probation(SITI, effective_on=date(2017, 4, 1), actor=OFFICER,
                     legal_basis=_sk("821/044/PNS/2017", date(2017, 3, 27)))
    s.assign_position(SITI, position_id=PELAKSANA_POST, effective_on=date(2017, 4, 1),
                      actor=OFFICER, legal_basis=_sk("821.2/017/JAB/2017", date(2017, 3, 27)))
    for year in (2017, 2018):
        _appraise(s, at, year, Expectation.AS_EXPECTED, Expectation.AS_EXPECTED)

    # Dewi: CPNS 2019, resigned a year later.
    at.recording(date(2019, 2, 1))
    s.appoint(person=PersonInput("Dewi Lestari", "199611092019022003", date(1996, 11, 9),
                                 Sex.FEMALE, "dewi@contoh.go.id"),
              employment_type=EmploymentType.PNS, agency_id=BKPSDM, unit_id=SECRETARIAT,
              education=Education.D3, grade=Grade("II/c"), effective_on=date(2019, 2, 1),
              actor=OFFICER, legal_basis=_sk("813/009/CPNS/2019", date(2019, 1, 25)),
              subject_id=DEWI_SUBJECT, id=DEWI)
    _appraise(s, at, 2019, Expectation.ABOVE, Expectation.ABOVE)
    at.recording(date(2020, 2, 1))
    s.separate(DEWI, separation_type=SeparationType.RESIGNATION, effective_on=date(2020, 2, 1),
               actor=OFFICER, legal_basis=_sk("882/004/BERHENTI/2020", date(2020, 1, 27)),
               reason="Melanjutkan pendidikan")

    # Siti: promoted 2020, a training corrected, transferred 2021, a duplicate annulled.
    at.recording(date(2020, 4, 1), days_later=20)
    s.promote_rank(SITI, kind=PromotionKind.REGULAR, to_grade=Grade("III/b"),
                   effective_on=date(2020, 4, 1), actor=OFFICER,
                   legal_basis=_sk("823/112/KP/2020", date(2020, 4, 14)),
                   reason="Kenaikan pangkat reguler periode April 2020")
    at.recording(date(2020, 8, 14))
    s.complete_training(SITI, training_type=TrainingType.TECHNICAL,
                        title="Bimbingan Teknis SIASN", hours_jp=JpHours(24),
                        topics=(TopicTag.DIGITAL, TopicTag.TECHNICAL),
                        effective_on=date(2020, 8, 14), actor=OFFICER)
    training = s.get_employee(SITI).version
    at.recording(date(2020, 9, 1))
    s.correct(SITI, target_version=training, changes={"hours_jp": JpHours(32)},
              effective_on=date(2020, 9, 1), actor=OFFICER, reason="Sertifikat mencatat 32 JP")
    at.recording(date(2020, 12, 28))
    s.record_appraisal(SITI, year=2020, work_result=Expectation.AS_EXPECTED,
                       behaviour=Expectation.ABOVE, rater_id=RATER,
                       effective_on=date(2020, 12, 28), actor=OFFICER)
    at.recording(date(2021, 1, 4))
    s.transfer(SITI, to_agency_id=DINKES, to_unit_id=DINKES_GENERAL,
               effective_on=date(2021, 1, 4), actor=OFFICER,
               legal_basis=_sk("824/003/MUT/2021", date(2020, 12, 30)),
               reason="Pemenuhan kebutuhan pegawai Dinas Kesehatan")
    for _ in range(2):  # the same seminar entered twice; the second entry is annulled
        at.recording(date(2021, 3, 10))
        s.complete_training(SITI, training_type=TrainingType.SEMINAR,
                            title="Seminar Pelayanan Publik", hours_jp=JpHours(4),
                            topics=(TopicTag.PUBLIC_SERVICE_COMMUNICATION,),
                            effective_on=date(2021, 3, 10), actor=OFFICER)
    duplicate = s.get_employee(SITI).version
    at.recording(date(2021, 3, 12))
    s.annul(SITI, target_version=duplicate, effective_on=date(2021, 3, 12), actor=OFFICER,
            reason="Tercatat ganda")

    # Agus: PPPK from 2022 on a two-year contract, renewed once.
    at.recording(date(2022, 3, 1))
    s.appoint(person=PersonInput("Agus Setiawan", "199008032022211001", date(1990, 8, 3),
                                 Sex.MALE, None),
              employment_type=EmploymentType.PPPK, agency_id=BKPSDM, unit_id=SECRETARIAT,
              education=Education.D3, grade=Grade("VII"), effective_on=date(2022, 3, 1),
              actor=OFFICER, legal_basis=_sk("813/002/PPPK/2022", date(2022, 2, 21)),
              recruitment_ref="PPPK-2021", contract_ends_on=date(2024, 2, 29),
              subject_id=AGUS_SUBJECT, id=AGUS)

    # Siti: a written reprimand, then a new contact number.
    at.recording(date(2022, 5, 2))
    s.impose_penalty(SITI, level=PenaltyLevel.LIGHT, penalty_type=PenaltyType.WRITTEN_REPRIMAND,
                     effective_on=date(2022, 5, 2), actor=OFFICER,
                     legal_basis=_sk("862/007/HD/2022", date(2022, 4, 28)),
                     reason="Tidak masuk kerja 5 hari tanpa keterangan")
    at.recording(date(2023, 2, 1))
    siti = s.get_employee(SITI)  # the service has no command for this yet: use the aggregate
    siti.correct_personal_data(field_name="contact",
                               value=s.vault.seal(SITI_SUBJECT, "contact", "0812-1111-2222"),
                               effective_on=date(2023, 2, 1), actor=OFFICER,
                               reason=s.vault.seal(SITI_SUBJECT, "reason", "Permintaan pegawai"))
    s.save(siti)

    at.recording(date(2024, 1, 15))
    s.renew_contract(AGUS, ends_on=date(2025, 2, 28), effective_on=date(2024, 1, 15),
                     actor=OFFICER, legal_basis=_sk("800.1/011/PPPK/2024", date(2024, 1, 10)))

    # Hendra: employed since 2010, his record opened from the old files in 2024.
    at.recording(date(2024, 2, 1))
    s.open_record(person=PersonInput("Hendra Gunawan", "198409022010031002", date(1984, 9, 2),
                                     Sex.MALE, "hendra@contoh.go.id"),
                  employment_type=EmploymentType.PNS, status=EmployeeStatus.PNS,
                  agency_id=BKPSDM, unit_id=SECRETARIAT, education=Education.S1,
                  grade=Grade("III/c"), grade_since=date(2020, 4, 1),
                  appointed_on=date(2010, 3, 1), probation_passed_on=date(2011, 3, 1),
                  prior_ratings=((2022, Rating.BAIK), (2023, Rating.SANGAT_BAIK)),
                  effective_on=date(2024, 2, 1), actor=ADMIN, legal_basis=None,
                  subject_id=HENDRA_SUBJECT, id=HENDRA)

    # Dewi asks for her personal data to be erased; Agus's contract runs out.
    at.recording(date(2024, 6, 3))
    s.erase_personal_data(
        s.get_employee(DEWI).subject_id, effective_on=date(2024, 6, 3), actor=ADMIN)
    at.recording(date(2025, 3, 1))
    s.separate(AGUS, separation_type=SeparationType.CONTRACT_END, effective_on=date(2025, 3, 1),
               actor=OFFICER, legal_basis=_sk("800.1/040/PPPK/2025", date(2025, 2, 20)))


def _appraise(service: PersonnelService, at: FixedClock, year: int, work_result: Expectation,
              behaviour: Expectation) -> None:
    """Siti's appraisal of `year` by Budi, recorded on 15 January after it."""
    at.recording(date(year + 1, 1, 15))
    service.record_appraisal(SITI, year=year, work_result=work_result, behaviour=behaviour,
                             rater_id=RATER, effective_on=date(year + 1, 1, 15), actor=OFFICER)


def _latsar(service: PersonnelService, at: FixedClock, employee_id: UUID, on: date) -> None:
    at.recording(on)
    service.complete_training(employee_id, training_type=TrainingType.LATSAR,
                              title="Pelatihan Dasar CPNS", hours_jp=JpHours(300),
                              topics=(TopicTag.INTEGRITY, TopicTag.PUBLIC_MANAGEMENT),
                              effective_on=on, actor=OFFICER)


def main() -> None:
    keys = InMemoryKeyStore()
    for subject_id in (LOOKUP_SECRET_ID, RATER_SUBJECT, SITI_SUBJECT, AGUS_SUBJECT,
                       DEWI_SUBJECT, HENDRA_SUBJECT):
        keys.create(subject_id, _key(subject_id))
    service = PersonnelService({"PERSISTENCE_MODULE": "eventsourcing.popo"}, keys,
                               InMemorySubjectRegistry())
    at = FixedClock()
    # Seeded nonces only so that a rerun writes the same bytes; never do this outside a fixture.
    nonces = random.Random(20260101)
    with (clock.recording_clock(at),
          mock.patch.object(privacy, "os", SimpleNamespace(urandom=nonces.randbytes))):
        build(service, at)

    notifications = service.recorder.select_notifications(1, 10_000)
    with (HERE / "history.jsonl").open("w", encoding="utf-8") as out:
        for n in notifications:
            out.write(json.dumps({"id": n.id, "originator_id": str(n.originator_id),
                                  "originator_version": n.originator_version,
                                  "topic": n.topic, "state": n.state.decode("utf-8")},
                                 ensure_ascii=False) + "\n")
    subject_keys = {str(subject_id): key.hex() for subject_id, key in keys.keys.items()
                    if subject_id != LOOKUP_SECRET_ID}
    (HERE / "keys.json").write_text(json.dumps(subject_keys, indent=2, sort_keys=True) + "\n",
                                    encoding="utf-8")
    print(f"wrote {len(notifications)} events and {len(subject_keys)} keys to {HERE}")


if __name__ == "__main__":
    main()
