"""The offline verifier and the signed-note format, without any store."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from uuid import UUID

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from projections.ledger.checkpoint import Checkpoint, CheckpointError, VerifierKey, open_note, sign
from projections.ledger.entry import LogEntry, canonical_bytes
from projections.ledger.merkle import leaf_hash, root_of
from projections.ledger.verify import main

ROOT = Path(__file__).resolve().parents[4]
NAME = "example.test/log"


def entries(count: int) -> list[LogEntry]:
    made = []
    for position in range(count):
        fields = (UUID(int=position + 1), position % 3 + 1, "domain.employee:Employee.Test",
                  f'{{"n":{position}}}'.encode())
        made.append(LogEntry(position, position * 2 + 1, *fields,
                             leaf_hash(canonical_bytes(*fields))))
    return made


class TestCanonicalBytes:
    def test_the_layout_is_the_documented_one(self) -> None:
        data = canonical_bytes(UUID(int=1), 2, "t:T", b"{}")
        assert data == (b"\x01" + UUID(int=1).bytes + (2).to_bytes(8, "big")
                        + (3).to_bytes(4, "big") + b"t:T" + (2).to_bytes(4, "big") + b"{}")

    def test_an_export_line_reads_back_as_the_same_entry(self) -> None:
        entry = entries(3)[2]
        assert LogEntry.from_json(entry.to_json()) == entry


class TestSignedNotes:
    def test_the_key_id_and_verifier_key_follow_the_signed_note_spec(self) -> None:
        private = Ed25519PrivateKey.generate()
        key = VerifierKey(NAME, private.public_key())
        raw = base64.b64decode(key.encode().split("+", 2)[2])
        assert raw[0] == 1 and len(raw) == 33
        assert key.key_id == hashlib.sha256(NAME.encode() + b"\n\x01" + raw[1:]).digest()[:4]
        assert VerifierKey.parse(key.encode()).encode() == key.encode()
        wrong_id = key.encode().replace(f"+{key.key_id.hex()}+", "+00000000+")
        with pytest.raises(CheckpointError, match="id does not match"):
            VerifierKey.parse(wrong_id)

    def test_a_signed_checkpoint_opens_only_with_its_key_and_unchanged(self) -> None:
        private = Ed25519PrivateKey.generate()
        key = VerifierKey(NAME, private.public_key())
        note = sign(Checkpoint(NAME, 5, b"\x07" * 32), NAME, private)
        assert note.split("\n")[:4] == [NAME, "5", base64.b64encode(b"\x07" * 32).decode(), ""]
        assert open_note(note, key) == Checkpoint(NAME, 5, b"\x07" * 32)
        with pytest.raises(CheckpointError):
            open_note(note.replace("\n5\n", "\n6\n"), key)
        with pytest.raises(CheckpointError):
            open_note(note, VerifierKey(NAME, Ed25519PrivateKey.generate().public_key()))


class TestTheCommand:
    @pytest.fixture
    def files(self, tmp_path: Path) -> dict[str, Path]:
        private = Ed25519PrivateKey.generate()
        log = entries(20)
        leaves = [e.leaf_hash for e in log]
        paths = {name: tmp_path / name for name in ("export", "old", "new", "key")}
        paths["export"].write_text("".join(e.to_json() + "\n" for e in log))
        paths["old"].write_text(sign(Checkpoint(NAME, 7, root_of(leaves[:7])), NAME, private))
        paths["new"].write_text(sign(Checkpoint(NAME, 20, root_of(leaves)), NAME, private))
        paths["key"].write_text(VerifierKey(NAME, private.public_key()).encode())
        return paths

    def test_it_exits_0_when_everything_holds_and_1_with_the_failing_position(
            self, files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
        args = [str(files["export"]), "-c", str(files["new"]), "-c", str(files["old"]),
                "-k", str(files["key"])]
        assert main(args) == 0
        assert "OK: 20 entries" in capsys.readouterr().out

        lines = files["export"].read_text().splitlines()
        del lines[12]
        files["export"].write_text("\n".join(lines) + "\n")
        assert main(args) == 1
        assert "FAILED at position 12" in capsys.readouterr().err

    def test_an_entry_changed_together_with_its_recorded_leaf_hash_fails_on_the_root(
            self, files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
        lines = files["export"].read_text().splitlines()
        entry = LogEntry.from_json(lines[15])
        forged = LogEntry(entry.position, entry.notification_id, entry.originator_id,
                          entry.originator_version, entry.topic, b'{"n":999}',
                          leaf_hash(canonical_bytes(entry.originator_id,
                                                    entry.originator_version, entry.topic,
                                                    b'{"n":999}')))
        lines[15] = forged.to_json()
        files["export"].write_text("\n".join(lines) + "\n")

        assert main([str(files["export"]), "-c", str(files["new"]), "-c", str(files["old"]),
                     "-k", str(files["key"])]) == 1
        assert "FAILED before position 20" in capsys.readouterr().err

    def test_an_unreadable_input_exits_2_and_says_what_to_check(
            self, files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
        assert main([str(files["export"]), "-c", str(files["new"]), "-k", "nope+1+2"]) == 2
        assert "Check the file names and the key" in capsys.readouterr().err

    def test_it_runs_standalone_without_the_domain_the_service_or_a_database(
            self, files: dict[str, Path]) -> None:
        script = ("import runpy, sys\n"
                  "sys.argv = ['verify', *sys.argv[1:]]\n"
                  "try:\n"
                  "    runpy.run_module('projections.ledger.verify', run_name='__main__')\n"
                  "except SystemExit as done:\n"
                  "    loaded = {m.split('.')[0] for m in sys.modules}\n"
                  "    print(sorted(loaded & {'domain', 'web', 'eventsourcing', 'flask', "
                  "'psycopg', 'sqlite3', 'msgspec'}), done.code)\n")
        result = subprocess.run(
            [sys.executable, "-c", script, str(files["export"]), "-c", str(files["new"]),
             "-k", str(files["key"])], cwd=ROOT, capture_output=True, text=True, check=True)
        assert result.stdout.strip().splitlines()[-1] == "[] 0"


class TestADecreesInclusionProof:
    """`--inclusion-proof`: a decree page's proof (/sk/<code>/bukti.json) against a checkpoint."""

    @pytest.fixture
    def files(self, tmp_path: Path) -> dict[str, Path]:
        from projections.ledger.merkle import inclusion_proof, range_hash_from_nodes

        private = Ed25519PrivateKey.generate()
        leaves = [e.leaf_hash for e in entries(20)]

        def node(level: int, index: int) -> bytes:
            return root_of(leaves[index << level:(index + 1) << level])

        hashes = inclusion_proof(13, 20, range_hash_from_nodes(node))
        paths = {name: tmp_path / name for name in ("proof", "checkpoint", "old", "key")}
        paths["proof"].write_text(json.dumps({
            "position": 13, "size": 20, "leaf_hash": base64.b64encode(leaves[13]).decode(),
            "proof": [base64.b64encode(h).decode() for h in hashes]}))
        paths["checkpoint"].write_text(sign(Checkpoint(NAME, 20, root_of(leaves)), NAME,
                                            private))
        paths["old"].write_text(sign(Checkpoint(NAME, 7, root_of(leaves[:7])), NAME, private))
        paths["key"].write_text(VerifierKey(NAME, private.public_key()).encode())
        return paths

    def _run(self, files: dict[str, Path], checkpoint: str = "checkpoint") -> int:
        return main(["--inclusion-proof", str(files["proof"]), "-c", str(files[checkpoint]),
                     "-k", str(files["key"])])

    def test_the_entry_is_found_in_the_signed_tree(
            self, files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
        assert self._run(files) == 0
        assert "OK: the entry at position 13" in capsys.readouterr().out

    @pytest.mark.parametrize("change", ["position", "leaf_hash", "path"])
    def test_a_changed_position_leaf_or_path_fails(
            self, files: dict[str, Path], change: str,
            capsys: pytest.CaptureFixture[str]) -> None:
        proof = json.loads(files["proof"].read_text())
        if change == "position":
            proof["position"] = 12
        elif change == "leaf_hash":
            proof["leaf_hash"] = base64.b64encode(hashlib.sha256(b"forged").digest()).decode()
        else:
            proof["proof"] = proof["proof"][:-1]
        files["proof"].write_text(json.dumps(proof))
        assert self._run(files) == 1
        assert "FAILED" in capsys.readouterr().err

    def test_a_checkpoint_of_another_size_is_named_not_taken(
            self, files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
        assert self._run(files, "old") == 1
        assert "checkpoint has 7" in capsys.readouterr().err
