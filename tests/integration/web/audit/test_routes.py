"""The auditors' workspace: who may open it, recorded look-ups, history replay, roster
differences, per-user records, and the log's verification, proofs and bundle."""

from __future__ import annotations

import io
import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.audit import AccessKind, AccessRecord
from projections.ledger.follower import make_checkpoint
from tests.builders.history import Story
from tests.integration.web.conftest import close_app
from tests.support.staff import csrf_token, login, text
from web import get_ledger, get_service
from web.accounts.demo import ensure_demo_accounts

ACCESS_TOPIC = "domain.audit:AccessRecord.Recorded"
NIP = "198703032010012002"


class Scene:
    """An app on a fresh store holding the promoted, transferred, corrected employee of
    tests.builders.history.Story, the demo accounts, and a signed checkpoint."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        with app.app_context():
            self.story = Story(get_service(app))
            ensure_demo_accounts(app)
            make_checkpoint(get_ledger(app))

    def auditor(self) -> FlaskClient:
        client = self.app.test_client()
        assert login(client, "auditor").status_code == 302
        return client

    def access_records(self) -> list[Any]:
        service = get_service(self.app)
        return [service.mapper.to_domain_event(n) for n in service.recorder.select_notifications(
            1, 1_000_000, topics=(ACCESS_TOPIC,))]

    def stored_access_states(self) -> list[bytes]:
        return [n.state for n in get_service(self.app).recorder.select_notifications(
            1, 1_000_000, topics=(ACCESS_TOPIC,))]


@pytest.fixture
def scene(store_env: dict[str, str], make_app: Callable[..., Flask], tmp_path: Path) -> Scene:
    """The scene on a fresh store of each backend."""
    return Scene(make_app(**store_env, REKAM_LOG_KEY_FILE=str(tmp_path / "secret" / "log.key")))


def _cells(page: str, testid: str) -> dict[str, list[str]]:
    """Rows of a table by their header cell, as plain text cells."""
    table = re.search(rf'data-testid="{testid}">(.*?)</table>', page, re.S)
    assert table, f"no table {testid}"
    rows: dict[str, list[str]] = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(1), re.S):
        cells = [" ".join(re.sub(r"<[^>]+>", " ", c).split())
                 for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        if cells:
            rows[cells[0]] = cells[1:]
    return rows


# role -> expected status of each audit route (302: to the login page)
AUDIT_ROUTES = ("search", "find", "employee", "agencies", "diff", "users", "user", "log",
                "verify", "proof", "export", "bundle")
AUDIT_MATRIX = {
    None: (302,) * 12,
    "hr.salatiga": (403,) * 12,
    "hradmin.salatiga": (403,) * 12,
    "admin": (403,) * 12,
    "auditor": (200,) * 12,
}


class TestAccess:
    @pytest.mark.parametrize("username", list(AUDIT_MATRIX))
    def test_only_auditors_open_the_workspace(self, scene: Scene, username: str | None) -> None:
        client = scene.app.test_client()
        if username:
            assert login(client, username).status_code == 302
        token = csrf_token(text(client.get("/login", follow_redirects=True)))
        story = scene.story
        requests = {
            "search": "/audit/", "find": f"/audit/?q={NIP}",
            "employee": f"/audit/employees/{story.employee.hex}",
            "agencies": "/audit/agencies",
            "diff": f"/audit/agencies/{story.health.hex}/diff?from=2019-01-01&to=2020-06-01",
            "users": "/audit/users", "user": "/audit/users/hradmin.salatiga",
            "log": "/audit/log", "verify": "POST /audit/log/verify",
            "proof": "/audit/log/proof?position=0", "export": "/audit/log/export.jsonl",
            "bundle": "/audit/log/bundle.zip",
        }
        observed = []
        for route in AUDIT_ROUTES:
            url = requests[route]
            response = (client.post(url[5:], data={"csrf_token": token})
                        if url.startswith("POST ") else client.get(url))
            observed.append(response.status_code)
            if response.status_code == 302:
                assert "/login" in response.headers["Location"]
        assert dict(zip(AUDIT_ROUTES, observed, strict=True)) == dict(
            zip(AUDIT_ROUTES, AUDIT_MATRIX[username], strict=True))
        # Only the auditor's look-ups were recorded: the refused users wrote nothing.
        expected = 3 if username == "auditor" else 0  # NIP search, history, roster diff
        assert len(scene.access_records()) == expected


class TestLookupsAreRecorded:
    def test_a_nip_search_stores_the_match_and_nothing_made_from_the_nip(
            self, scene: Scene) -> None:
        client = scene.auditor()
        page = text(client.get(f"/audit/?q={NIP[:8]}%20{NIP[8:]}"))
        assert "Maria Fanggidae" in page and scene.story.employee.hex in page
        [record] = scene.access_records()
        service = get_service(scene.app)
        assert isinstance(record, AccessRecord.Recorded)
        assert record.kind is AccessKind.NIP_SEARCH
        assert record.lookup_token is None  # a keyed hash of the NIP would outlive erasure
        assert record.employee_ids == [scene.story.employee]
        # The actor is the auditor's account id, as for every recorded event.
        assert record.actor.role.value == "auditor" and record.actor.user_id != "auditor"
        [stored] = scene.stored_access_states()
        assert NIP.encode() not in stored and b"Fanggidae" not in stored
        assert service.vault.lookup_token("nip", NIP).encode() not in stored

    def test_a_name_search_stores_the_matches_and_nothing_made_from_the_name(
            self, scene: Scene) -> None:
        client = scene.auditor()
        page = text(client.get("/audit/?q=fanggid"))
        assert "Maria Fanggidae" in page
        [record] = scene.access_records()
        assert record.kind is AccessKind.NAME_SEARCH
        assert record.employee_ids == [scene.story.employee]
        assert record.lookup_token is None
        [stored] = scene.stored_access_states()
        assert b"fanggid" not in stored.lower()
        token = get_service(scene.app).vault.lookup_token("name", "fanggid")
        assert token.encode() not in stored

    def test_a_search_that_finds_nobody_is_recorded_without_a_trace_of_the_text(
            self, scene: Scene) -> None:
        client = scene.auditor()
        page = text(client.get("/audit/?q=199001012015011001"))
        assert 'data-testid="search-total">0' in page
        [record] = scene.access_records()
        assert record.kind is AccessKind.NIP_SEARCH and record.employee_ids == []
        assert record.lookup_token is None

    @pytest.mark.parametrize("query", ["12345", "ab", "x" * 101])
    def test_a_malformed_search_is_refused_at_its_field_and_records_nothing(
            self, scene: Scene, query: str) -> None:
        client = scene.auditor()
        response = client.get("/audit/", query_string={"q": query})
        assert response.status_code == 422
        assert 'class="field-error" id="q-error"' in text(response)
        assert scene.access_records() == []

    def test_opening_a_history_is_recorded_and_the_log_covers_the_records(
            self, scene: Scene) -> None:
        client = scene.auditor()
        client.get(f"/audit/employees/{scene.story.employee.hex}")
        [record] = scene.access_records()
        assert record.kind is AccessKind.HISTORY_VIEWED
        ledger = get_ledger(scene.app)
        before = ledger.size()
        client.get("/audit/log")  # catches the log up
        assert ledger.size() == before + 1
        assert [e.topic for e in ledger.entries(start=before)] == [ACCESS_TOPIC]


    def test_an_auditors_searches_and_records_on_the_hr_pages_are_recorded_too(
            self, scene: Scene) -> None:
        employee = scene.story.employee
        client = scene.auditor()
        assert "Maria Fanggidae" in text(client.get("/hr/employees?q=Fanggid&status=all"))
        assert "Maria Fanggidae" in text(client.get(f"/hr/employees/{employee.hex}"))
        client.get("/hr/employees")  # browsing the roster is not a look-up
        records = scene.access_records()
        assert [(r.kind, r.employee_ids) for r in records] == [
            (AccessKind.NAME_SEARCH, [employee]), (AccessKind.HISTORY_VIEWED, [employee])]
        assert records[0].lookup_token is None
        officer = scene.app.test_client()
        login(officer, "hradmin.salatiga")
        officer.get("/hr/employees?q=Fanggid&status=all")
        officer.get(f"/hr/employees/{employee.hex}")
        assert len(scene.access_records()) == 2  # HR staff in their scope are not recorded


class TestHistory:
    def test_the_state_in_force_on_a_date_and_as_known_at_a_time_beside_today(
            self, scene: Scene) -> None:
        client = scene.auditor()
        response = client.get(f"/audit/employees/{scene.story.employee.hex}"
                              "?on=2019-06-01&known_at=2020-06-01T00:00")
        assert response.status_code == 200
        states = _cells(text(response), "states")
        # Today: promoted and transferred. In force on 1 June 2019 as known now: the
        # correction moved the promotion to October, so III/a, still in the health office.
        # As known on 1 June 2020 (before the correction): already III/b in June 2019.
        assert [g.split(" ")[0] for g in states["Golongan"]] == ["III/b", "III/a", "III/b"]
        assert states["Perangkat daerah"] == ["Dinas Pendidikan", "Dinas Kesehatan",
                                              "Dinas Kesehatan"]
        assert states["Versi catatan"] == ["4", "4", "3"]

    def test_each_event_shows_its_effective_date_recording_time_actor_and_decree(
            self, scene: Scene) -> None:
        client = scene.auditor()
        page = text(client.get(f"/audit/employees/{scene.story.employee.hex}?lang=en"))
        history = _cells(page, "history")
        promotion = history["2"]
        assert promotion[:2] == ["1 Apr 2019", "Rank promotion"]
        assert "823/12/2019" in promotion and "10 Apr 2019 16:00 WIB" in promotion
        assert "hradmin.salatiga (HR administrator)" in promotion and "corrected (v4)" in promotion
        assert history["3"][1] == "Transfer" and "821/4/2020" in history["3"]

    @pytest.mark.parametrize("args", ["on=2019-13-01", "known_at=yesterday",
                                      "on=0001-01-01", "known_at=9999-01-01T00:00"])
    def test_a_bad_date_is_named_at_its_field(self, scene: Scene, args: str) -> None:
        client = scene.auditor()
        response = client.get(f"/audit/employees/{scene.story.employee.hex}?{args}")
        assert response.status_code == 422
        field = args.split("=")[0]
        assert f'id="{field}-error" role="alert"' in text(response)

    def test_an_unknown_employee_is_not_found(self, scene: Scene) -> None:
        client = scene.auditor()
        assert client.get("/audit/employees/" + "0" * 32).status_code == 404
        assert client.get("/audit/employees/nope").status_code == 404
        assert scene.access_records() == []


class TestRosterDiff:
    def _diff(self, scene: Scene, agency: UUID, start: str, end: str) -> str:
        response = scene.auditor().get(f"/audit/agencies/{agency.hex}/diff?from={start}&to={end}")
        assert response.status_code == 200
        return text(response)

    def test_the_transfer_shows_as_leaving_one_agency_and_joining_the_other(
            self, scene: Scene) -> None:
        story = scene.story
        employee = f'data-employee="{story.employee.hex}"'
        health = self._diff(scene, story.health, "2019-06-01", "2020-06-01")
        left = re.search(r'data-testid="left">(.*?)</ul>', health, re.S)
        assert left and employee in left.group(1)
        education = self._diff(scene, story.education, "2019-06-01", "2020-06-01")
        joined = re.search(r'data-testid="joined">(.*?)</ul>', education, re.S)
        assert joined and employee in joined.group(1)

    def test_a_promotion_shows_as_a_change_of_grade(self, scene: Scene) -> None:
        story = scene.story
        page = self._diff(scene, story.health, "2019-06-01", "2019-11-01")
        changed = _cells(page, "changed")
        del changed["Pegawai"]  # the header row
        assert list(changed.values()) == [["III/a → III/b", "–", "Bidang Pelayanan"]]
        assert "0 masuk, 0 keluar" in re.sub(r"\s+", " ", page)
        [record] = scene.access_records()
        assert record.kind is AccessKind.ROSTER_COMPARED
        assert record.employee_ids == [story.employee]

    @pytest.mark.parametrize(("args", "field"), [("from=2020-01-01&to=2019-01-01", "to"),
                                                 ("from=&to=2019-01-01", "from"),
                                                 ("from=2019-02-30&to=2019-03-01", "from")])
    def test_bad_dates_are_refused_at_their_field(self, scene: Scene, args: str,
                                                  field: str) -> None:
        response = scene.auditor().get(
            f"/audit/agencies/{scene.story.health.hex}/diff?{args}")
        assert response.status_code == 422
        assert f'id="{field}-error" role="alert"' in text(response)
        assert scene.access_records() == []


class TestWhoRecordedWhat:
    def test_counts_per_user_and_kind_with_a_drill_down(self, scene: Scene) -> None:
        client = scene.auditor()
        page = text(client.get("/audit/users"))
        kinds = dict(re.findall(
            r'data-user="hradmin.salatiga" data-kind="(\w+)">.*?<td class="num">(\d+)</td>',
            page, re.S))
        assert kinds == {"RecordOpened": "1", "RankPromoted": "1", "Transferred": "1",
                         "ActionCorrected": "1"}
        drill = text(client.get("/audit/users/hradmin.salatiga?kind=Transferred"))
        assert 'data-testid="user-total">1 peristiwa' in drill
        assert "Maria Fanggidae" in drill
        everything = text(client.get("/audit/users/hradmin.salatiga"))
        assert 'data-testid="user-total">4 peristiwa' in everything
        nobody = text(client.get("/audit/users/someone-else"))
        assert 'data-testid="user-total">0 peristiwa' in nobody


def _verify(client: FlaskClient) -> tuple[int, str]:
    token = csrf_token(text(client.get("/audit/log")))
    response = client.post("/audit/log/verify", data={"csrf_token": token})
    return response.status_code, text(response)


def _transfer_position(scene: Scene) -> tuple[int, bytes]:
    """The log position and stored bytes of the story's transfer (version 3)."""
    service = get_service(scene.app)
    [notification] = [n for n in service.recorder.select_notifications(1, 1000)
                      if n.originator_id == scene.story.employee and n.originator_version == 3]
    position = get_ledger(scene.app).position_of(notification.id)
    assert position is not None
    return position, notification.state


class TestLogVerification:
    def test_the_verify_button_passes_on_an_untouched_store(self, scene: Scene) -> None:
        status, page = _verify(scene.auditor())
        assert status == 200 and 'data-ok="true"' in page

    @pytest.mark.parametrize("store_env", ["sqlite"], indirect=True)  # edits the SQLite file
    def test_the_verify_button_finds_one_changed_byte_in_the_sqlite_file(
            self, scene: Scene, make_app: Callable[..., Flask], tmp_path: Path) -> None:
        position, state = _transfer_position(scene)
        close_app(scene.app)
        database = tmp_path / "data" / "events.sqlite"
        with sqlite3.connect(database) as conn:  # move the WAL into the file we edit
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw = database.read_bytes()
        assert raw.count(state) == 1
        at = raw.index(state) + state.index(b"821/4/2020") + 4
        assert raw[at:at + 1] == b"4"
        database.write_bytes(raw[:at] + b"5" + raw[at + 1:])

        tampered = Scene.__new__(Scene)
        tampered.app, tampered.story = make_app(
            REKAM_DATA_DIR=str(tmp_path / "data"),
            REKAM_LOG_KEY_FILE=str(tmp_path / "secret" / "log.key")), scene.story
        status, page = _verify(tampered.auditor())
        assert status == 409
        assert 'data-ok="false"' in page and f'data-position="{position}"' in page

    def test_an_inclusion_proof_for_an_event_of_the_history_holds(self, scene: Scene) -> None:
        client = scene.auditor()
        position, _ = _transfer_position(scene)
        by_event = text(client.get(
            f"/audit/log/proof?employee={scene.story.employee.hex}&version=3"))
        assert 'data-holds="true"' in by_event and f"Posisi {position} " in by_event
        by_position = text(client.get(f"/audit/log/proof?position={position}"))
        assert 'data-holds="true"' in by_position

    @pytest.mark.parametrize("args", ["position=-1", "position=abc", "position=99999",
                                      "employee=nope&version=1"])
    def test_a_bad_position_is_refused_at_its_field(self, scene: Scene, args: str) -> None:
        response = scene.auditor().get(f"/audit/log/proof?{args}")
        assert response.status_code == 422
        assert 'id="position-error" role="alert"' in text(response)

    def test_the_bundle_verifies_offline_with_its_own_verifier(
            self, scene: Scene, tmp_path: Path) -> None:
        client = scene.auditor()
        client.get(f"/audit/?q={NIP}")  # an access record after the checkpoint
        client.get("/audit/log")
        response = client.get("/audit/log/bundle.zip")
        assert response.status_code == 200 and response.mimetype == "application/zip"
        folder = tmp_path / "bundle"
        with zipfile.ZipFile(io.BytesIO(response.get_data())) as archive:
            archive.extractall(folder)
        readme = (folder / "README.txt").read_text()
        command = re.search(r"python -m projections.ledger.verify (.+)", readme)
        assert command
        result = subprocess.run([sys.executable, "-m", "projections.ledger.verify",
                                 *command.group(1).split()], cwd=folder, capture_output=True,
                                text=True, check=False, env={
                                    k: v for k, v in os.environ.items()
                                    if k not in ("PYTHONPATH", "PYTHONSAFEPATH")})
        assert result.returncode == 0, result.stderr
        assert "signatures checked" in result.stdout
        size = get_ledger(scene.app).size()
        lines = (folder / "log.jsonl").read_text().splitlines()
        assert len(lines) == size and ACCESS_TOPIC in lines[-1]
        assert "Maria" not in "\n".join(lines) and NIP not in "\n".join(lines)
        # The same export, streamed on its own, is what `rekam log export` writes.
        assert client.get("/audit/log/export.jsonl").get_data(as_text=True).splitlines() == (
            lines)

    def test_without_a_checkpoint_the_bundle_and_the_button_say_what_to_do(
            self, store_env: dict[str, str], make_app: Callable[..., Flask]) -> None:
        app = make_app(**store_env)
        with app.app_context():
            Story(get_service(app))
            ensure_demo_accounts(app)
        client = app.test_client()
        login(client, "auditor")
        assert client.get("/audit/log/bundle.zip").status_code == 409
        status, page = _verify(client)
        assert status == 409 and "rekam log checkpoint" in page


class TestOnEachBackend:
    def test_a_lookup_is_logged_and_the_store_verifies(
            self, store_env: dict[str, str], make_app: Callable[..., Flask],
            tmp_path: Path) -> None:
        scene = Scene(make_app(**store_env,
                               REKAM_LOG_KEY_FILE=str(tmp_path / "secret" / "log.key")))
        client = scene.auditor()
        assert "Maria Fanggidae" in text(client.get(f"/audit/?q={NIP}"))
        [record] = scene.access_records()
        assert record.employee_ids == [scene.story.employee]
        client.get("/audit/log")
        with scene.app.app_context():
            make_checkpoint(get_ledger(scene.app))
        ledger = get_ledger(scene.app)
        assert [e.topic for e in ledger.entries(start=ledger.size() - 1)] == [ACCESS_TOPIC]
        status, page = _verify(client)
        assert status == 200 and 'data-ok="true"' in page
        assert f"{ledger.size()} entri" in page
