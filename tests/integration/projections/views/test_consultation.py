"""The consultation view agrees with the consultations it was built from, on each backend,
holds nothing of a commenter and no text before moderation, and a rebuild gives the rows
catch-up gave."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from uuid import UUID

import pytest

from domain.consultation import WithholdReason
from domain.personnel_service import PersonnelService
from projections.stores.backend import Backend
from projections.views import consultation as queries
from projections.views.runner import Projections
from tests.builders.consultation import comment, consultation
from tests.builders.personnel import Organisation
from tests.builders.voice import HR_ADMIN, on_day
from tests.support.stores import backend_of
from tests.support.views import Rows, cells_containing, read_rows

OPENS = date(2026, 3, 2)
AFTER = OPENS + timedelta(days=22)
PENDING = "Tolong hubungi saya, NIK saya 3374010101900001, soal jam layanan ini."


@pytest.fixture
def backend(store_env: dict[str, str]) -> Backend:
    """An empty store of each backend (this folder's default is the recorded workforce)."""
    return backend_of(store_env)


@pytest.fixture
def answered(service: PersonnelService) -> Iterator[tuple[Organisation, UUID]]:
    """One consultation answered with one theme; one comment published, one withheld, and a
    second consultation still open with a pending comment."""
    org = Organisation.build(service)
    first = consultation(service, org.government_id, OPENS)
    consult = service.consultation
    with on_day(OPENS + timedelta(days=3)):
        published = comment(service, first, text="Jam layanan sampai sore, mohon.")
        withheld = comment(service, first, text="Petugas loket itu bodoh semua.")
        consult.moderate_comment(first, comment_id=published,
                                 publish_text="Jam layanan sampai sore, mohon.", reason=None,
                                 actor=HR_ADMIN)
        consult.moderate_comment(first, comment_id=withheld, publish_text=None,
                                 reason=WithholdReason.ABUSIVE, actor=HR_ADMIN)
    with on_day(AFTER):
        consult.answer_theme(first, title="Jam layanan", comment_ids=[published],
                             answer="Loket buka sampai pukul 16.00.", actor=HR_ADMIN)
        consult.conclude_consultation(first, minutes="Forum diadakan di aula kantor.",
                                      changes=["Jam layanan sampai pukul 16.00"], actor=HR_ADMIN)
    second = consultation(service, org.government_id, AFTER)
    with on_day(AFTER):
        comment(service, second, text=PENDING)
    yield org, first


@pytest.fixture
def projections(service: PersonnelService, backend: Backend) -> Iterator[Projections]:
    opened = Projections.open(service, backend)
    yield opened
    opened.close()


def test_the_rows_follow_the_consultations(answered: tuple[Organisation, UUID],
                                           projections: Projections) -> None:
    projections.catch_up()
    org, first = answered
    found = queries.consultations(projections, AFTER, org.government_id.hex)
    assert [(c["status"], c["comments"], c["published"], c["pending"]) for c in found] == [
        ("open", 1, 0, 1), ("answered", 2, 1, 0)]
    page = queries.consultation(projections, first.hex, AFTER)
    assert page is not None and page["changes"] == ["Jam layanan sampai pukul 16.00"]
    assert [c["text"] for c in page["comments"]] == ["Jam layanan sampai sore, mohon."]
    (theme,) = page["themes"]
    assert theme["title"] == "Jam layanan" and len(theme["comments"]) == 1
    staff = queries.consultation(projections, first.hex, AFTER, with_comments="all")
    assert staff is not None
    assert [(c["state"], c["reason"]) for c in staff["comments"]] == [
        ("published", None), ("withheld", "abusive")]


def test_nothing_of_a_commenter_or_an_unmoderated_text_reaches_the_view(
        answered: tuple[Organisation, UUID], projections: Projections) -> None:
    projections.catch_up()
    rows = read_rows(projections)
    for text in ("Siti", "0812", "3456", "3374010101900001", "bodoh", "hubungi"):
        assert cells_containing(rows, text) == [], text


def test_a_rebuild_gives_the_rows_catch_up_gave(
        answered: tuple[Organisation, UUID], projections: Projections,
        clean_rebuild: Callable[[], Rows]) -> None:
    projections.catch_up()
    caught_up = read_rows(projections)
    assert len(caught_up["consultation_comments"]) == 3
    assert clean_rebuild() == caught_up
