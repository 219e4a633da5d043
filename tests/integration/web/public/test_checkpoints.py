"""The log's public routes and the `rekam log` commands, end to end on each backend."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner

from domain.values import JpHours, TopicTag, TrainingType
from projections.ledger.checkpoint import VerifierKey, open_note
from projections.ledger.merkle import verify_consistency, verify_inclusion
from projections.ledger.verify import main as verify_main
from tests.builders.personnel import HR
from web import get_ledger, get_service


@pytest.fixture
def app(store_env: dict[str, str], make_app: Callable[..., Flask], tmp_path: Path) -> Flask:
    return make_app(**store_env, REKAM_LOG_KEY_FILE=str(tmp_path / "secret" / "log.key"))


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "--employees", "10", "--years", "1"])
    assert result.exit_code == 0, result.output
    return runner


def invoke(runner: FlaskCliRunner, *args: str) -> str:
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.stdout  # progress bars go to stderr


def record_training(app: Flask) -> None:
    service = get_service(app)
    employee_id = next(
        n.originator_id for n in service.recorder.select_notifications(
            1, 100_000, topics=("domain.employee:Employee.RecordOpened",))
        if service.get_employee(n.originator_id).state.is_active)  # type: ignore[arg-type]
    service.complete_training(employee_id, training_type=TrainingType.SEMINAR,  # type: ignore[arg-type]
                              title="Pelayanan Prima", hours_jp=JpHours(2),
                              topics=(TopicTag.PUBLIC_SERVICE_COMMUNICATION,),
                              effective_on=date(2026, 11, 1), actor=HR)


class TestPublicRoutes:
    def test_before_any_checkpoint_the_routes_say_what_the_operator_must_do(
            self, app: Flask, tmp_path: Path) -> None:
        for path in ("/log/checkpoint", "/log/public-key"):
            response = app.test_client().get(path)
            assert response.status_code == 404
            assert "rekam log checkpoint" in response.text
            assert "Belum ada checkpoint" in response.text
        assert not (tmp_path / "secret" / "log.key").exists()  # the web never makes a key

    def test_the_latest_checkpoint_and_the_key_that_checks_it_are_public(
            self, app: Flask, runner: FlaskCliRunner) -> None:
        signed = invoke(runner, "log", "checkpoint")
        client = app.test_client()

        served = client.get("/log/checkpoint")
        key = client.get("/log/public-key")

        assert served.status_code == key.status_code == 200
        assert served.content_type.startswith("text/plain")
        assert served.text == signed
        assert key.text.strip() == invoke(runner, "log", "public-key").strip()
        checkpoint = open_note(served.text, VerifierKey.parse(key.text))
        assert checkpoint.size == get_ledger(app).size() > 0

    def test_a_witness_checks_the_newer_checkpoint_extends_the_older_with_the_public_proof(
            self, app: Flask, runner: FlaskCliRunner, tmp_path: Path) -> None:
        older, newer, key, saved = (tmp_path / n for n in ("old", "new", "key", "proof"))
        older.write_text(invoke(runner, "log", "checkpoint"))
        ledger = get_ledger(app)
        first = ledger.size()
        record_training(app)
        newer.write_text(invoke(runner, "log", "checkpoint"))
        second = ledger.size()
        key.write_text(app.test_client().get("/log/public-key").text)

        response = app.test_client().get(f"/log/consistency?first={first}&second={second}")

        assert response.status_code == 200 and response.json is not None
        proof = [base64.b64decode(p) for p in response.json["proof"]]
        verify_consistency(first, second, ledger.root(first), ledger.root(second), proof)
        saved.write_text(response.text)
        arguments = ["-c", str(older), "-c", str(newer), "-k", str(key),
                     "--consistency-proof", str(saved)]
        assert verify_main(arguments) == 0
        forged = {**response.json, "proof": [base64.b64encode(bytes(32)).decode(),
                                             *response.json["proof"][1:]]}
        saved.write_text(json.dumps(forged))
        assert verify_main(arguments) == 1

    def test_impossible_sizes_get_a_clear_400(self, app: Flask, runner: FlaskCliRunner) -> None:
        invoke(runner, "log", "checkpoint")
        size = get_ledger(app).size()
        client = app.test_client()
        for query in ("", "first=0&second=3", "first=5&second=4", f"first=1&second={size + 1}",
                      "first=a&second=2", "first=-1&second=2"):
            response = client.get(f"/log/consistency?{query}&lang=en")
            assert response.status_code == 400, query
            assert response.json is not None
            assert f"first ≤ second ≤ {size}" in response.json["error"]
        assert client.get(f"/log/consistency?first=1&second={size}").status_code == 200

    def test_inclusion_proofs_and_entries_are_not_public(self, app: Flask) -> None:
        client = app.test_client()
        for path in ("/log/inclusion?position=1&size=5", "/log/entries", "/log/proof/inclusion",
                     "/log/export", "/log/leaves"):
            assert client.get(path).status_code == 404, path


class TestCommands:
    def test_an_auditor_exports_the_log_and_verifies_it_against_two_kept_checkpoints(
            self, app: Flask, runner: FlaskCliRunner, tmp_path: Path) -> None:
        older = tmp_path / "older.txt"
        older.write_text(invoke(runner, "log", "checkpoint"))
        record_training(app)
        newer = tmp_path / "newer.txt"
        newer.write_text(invoke(runner, "log", "checkpoint"))
        key = tmp_path / "key.txt"
        key.write_text(invoke(runner, "log", "public-key"))
        exported = tmp_path / "log.jsonl"

        assert "Exported" in invoke(runner, "log", "export", str(exported))
        verified = invoke(runner, "log", "verify", str(exported), "--checkpoint", str(newer),
                          "--checkpoint", str(older), "--public-key", str(key))

        size = get_ledger(app).size()
        assert f"OK: {size} entries" in verified and "signatures checked" in verified
        lines = exported.read_text().splitlines()
        assert len(lines) == size

        entry = json.loads(lines[7])
        state = bytearray(base64.b64decode(entry["state"]))
        state[3] ^= 0x20
        entry["state"] = base64.b64encode(bytes(state)).decode()
        lines[7] = json.dumps(entry)
        exported.write_text("\n".join(lines) + "\n")
        failed = runner.invoke(args=["log", "verify", str(exported), "--checkpoint", str(newer),
                                     "--public-key", str(key)])
        assert failed.exit_code == 1
        assert "FAILED at position 7" in failed.output and "GAGAL pada posisi 7" in failed.output

    def test_an_auditor_gets_an_inclusion_proof_that_verifies_against_the_checkpoint(
            self, app: Flask, runner: FlaskCliRunner) -> None:
        note = invoke(runner, "log", "checkpoint")
        checkpoint = open_note(note, get_ledger(app).verifier_key())

        proof = json.loads(invoke(runner, "log", "prove", "3"))

        assert proof["size"] == checkpoint.size
        verify_inclusion(3, checkpoint.size, base64.b64decode(proof["leaf_hash"]),
                         [base64.b64decode(p) for p in proof["proof"]], checkpoint.root)
        assert runner.invoke(args=["log", "prove", str(checkpoint.size)]).exit_code != 0
