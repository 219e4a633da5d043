"""Who signs a government's decrees: set from a date in the log, the one in office on a date,
and each refusal at its field with nothing stored."""

from __future__ import annotations

from datetime import date, timedelta

from domain.decree_signer import Signer, checked_signer
from domain.personnel_service import PersonnelService
from tests.builders.personnel import OFFICER, Organisation, refused


def test_the_signer_in_office_on_a_date_is_the_latest_set_before_it(
        org: Organisation, service: PersonnelService) -> None:
    signers = service.decree_signers
    signers.set_signer(org.government_id, checked_signer(
        date(2017, 1, 1), " Yuliyanto ", "Wali Kota  Salatiga"), actor=OFFICER)
    signers.set_signer(org.government_id, Signer(date(2022, 5, 22), "Sinoeng Noegroho",
                                                 "Pj. Wali Kota Salatiga"), actor=OFFICER)

    found = service.decree_signers.of(org.government_id)

    assert found is not None
    assert [s.name for s in found.signers()] == ["Yuliyanto", "Sinoeng Noegroho"]
    assert found.signers()[0].title == "Wali Kota Salatiga"  # spaces collapsed
    assert found.signer_on(date(2016, 12, 31)) is None
    assert found.signer_on(date(2022, 5, 21)).name == "Yuliyanto"  # type: ignore[union-attr]
    assert found.signer_on(date(2022, 5, 22)).name == "Sinoeng Noegroho"  # type: ignore[union-attr]


def test_a_later_entry_of_the_same_date_replaces_it_and_the_same_again_is_refused(
        org: Organisation, service: PersonnelService) -> None:
    first = Signer(date(2021, 3, 1), "Budi Prasetyo", "Wali Kota Salatiga")
    service.decree_signers.set_signer(org.government_id, first, actor=OFFICER)
    service.decree_signers.set_signer(org.government_id, Signer(
        first.from_on, "Budi Prasetya", first.title), actor=OFFICER)  # a typo mended
    assert [s.name for s in service.decree_signers.signers(org.government_id)] == [
        "Budi Prasetya"]

    with refused(service) as excinfo:
        service.decree_signers.set_signer(org.government_id, Signer(
            first.from_on, "Budi Prasetya", first.title), actor=OFFICER)
    assert excinfo.value.code == "DECREE_SIGNER_UNCHANGED"


def test_a_short_name_and_a_date_out_of_range_are_refused_together(
        service: PersonnelService) -> None:
    with refused(service) as excinfo:
        checked_signer(date(1999, 12, 31), "Al", "Wali Kota Salatiga")
    assert excinfo.value.code == "DECREE_SIGNER_TEXT_INVALID"
    assert {(p.code, p.field) for p in excinfo.value.problems} == {
        ("DECREE_SIGNER_TEXT_INVALID", "name"), ("DECREE_SIGNER_DATE_INVALID", "from_on")}
    with refused(service) as excinfo:
        checked_signer(date.today() + timedelta(days=400), "Budi Prasetyo", "Wali Kota")
    assert excinfo.value.code == "DECREE_SIGNER_DATE_INVALID"
