"""Offline verifier of an exported log against checkpoints an auditor kept.

    python -m projections.ledger.verify EXPORT.jsonl --checkpoint NEWEST.txt \\
        [--checkpoint OLDER.txt ...] [--public-key KEY]

Needs no server and no personal-data key: only the standard library and `cryptography`, so it
can be copied out of the repository with projections/ledger/merkle.py, checkpoint.py and
log_entry.py and run by anyone. It checks, and stops at the first failure:

1. each checkpoint's Ed25519 signature (with --public-key);
2. the export's positions run 0, 1, 2, ... without a gap (a gap: a deleted event);
3. each entry's leaf hash, recomputed from the stored bytes, equals the hash the log recorded
   when the event was appended (a difference: the event was changed afterwards);
4. the root of the first N entries equals the root of every checkpoint of size N, which also
   checks the checkpoints are consistent with each other: all are prefixes of one history;
5. the export reaches every checkpoint's size (shorter: a truncated store or export).

Witnesses without an export check that a newer checkpoint extends an older one with the proof
of `/log/consistency?first=OLD&second=NEW` saved to a file:

    python -m projections.ledger.verify --checkpoint OLD.txt --checkpoint NEW.txt \\
        --consistency-proof PROOF.json --public-key KEY

Exit status: 0 when everything holds, 1 when a check fails, 2 when an input cannot be read.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import json
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

from projections.ledger import merkle
from projections.ledger.checkpoint import Checkpoint, CheckpointError, VerifierKey, open_note, parse
from projections.ledger.entry import Fields, leaf_of, read_line
from projections.ledger.merkle import EMPTY_ROOT, Frontier

EXIT_OK, EXIT_FAILED, EXIT_UNREADABLE = 0, 1, 2


@dataclass(eq=False)
class Failure(Exception):
    """Raised when the export does not match the checkpoints; says where and what to do."""

    position: int | None
    english: str
    indonesian: str
    advice: str = ("Do not trust the copy: keep it and the checkpoints as evidence and report "
                   "the position to the log operator and the inspectorate.")
    saran: str = ("Jangan percayai salinan ini: simpan salinan dan checkpoint sebagai bukti, "
                  "lalu laporkan posisinya kepada pengelola log dan inspektorat.")
    # When only a root differs, the change is somewhere before this position, not at one.
    before: int | None = None

    def __str__(self) -> str:
        where = "" if self.position is None else f" at position {self.position}"
        di = "" if self.position is None else f" pada posisi {self.position}"
        if self.before is not None:
            where, di = f" before position {self.before}", f" sebelum posisi {self.before}"
        return (f"FAILED{where}: {self.english}\n  {self.advice}\n"
                f"GAGAL{di}: {self.indonesian}\n  {self.saran}")


@dataclass
class Report:
    entries: int = 0
    checkpoints: list[Checkpoint] = field(default_factory=list)
    signatures_checked: bool = False

    def summary(self) -> str:
        sizes = ", ".join(str(c.size) for c in self.checkpoints)
        signed = ("signatures checked" if self.signatures_checked
                  else "signatures NOT checked (no --public-key given)")
        beyond = self.entries - max((c.size for c in self.checkpoints), default=0)
        lines = [f"OK: {self.entries} entries; the roots of checkpoints of size {sizes} "
                 f"match and are consistent; {signed}.",
                 f"BERHASIL: {self.entries} entri; akar checkpoint ukuran {sizes} cocok dan "
                 "konsisten" + ("." if self.signatures_checked
                                else "; tanda tangan TIDAK diperiksa (tanpa --public-key).")]
        if beyond > 0:
            lines.append(f"Note: the last {beyond} entries come after the newest checkpoint "
                         "and are not covered by any checkpoint yet.")
        return "\n".join(lines)


def read_checkpoints(notes: Iterable[str], key: VerifierKey | None) -> list[Checkpoint]:
    """Parse (and with a key, verify) the checkpoints, smallest first."""
    checkpoints = []
    for note in notes:
        try:
            checkpoints.append(open_note(note, key) if key else parse(note)[0])
        except CheckpointError as error:
            raise Failure(None, f"a checkpoint is not valid: {error}.",
                          f"sebuah checkpoint tidak sah: {error}.",
                          "Fetch the checkpoint again from /log/checkpoint or from the copy "
                          "you kept, and check you passed the log's public key.",
                          "Ambil lagi checkpoint dari /log/checkpoint atau dari salinan yang "
                          "Anda simpan, dan periksa kunci publik log yang dipakai.") from None
    origins = {c.origin for c in checkpoints}
    if len(origins) > 1:
        raise Failure(None, f"the checkpoints come from different logs: {sorted(origins)}.",
                      f"checkpoint berasal dari log yang berbeda: {sorted(origins)}.")
    return sorted(checkpoints, key=lambda c: c.size)


def verify(lines: Iterable[Any], notes: Iterable[str], key: VerifierKey | None = None,
           progress: Callable[[int], None] | None = None,
           parse: Callable[[Any], Fields] = read_line) -> Report:
    """Check an export (JSON lines) against checkpoints; raises Failure at the first problem.

    `parse` reads one line into its fields; the audit workspace passes the fields of the
    stored events directly (they need no JSON in between).
    """
    checkpoints = read_checkpoints(notes, key)
    if not checkpoints:
        raise Failure(None, "no checkpoint was given.", "tidak ada checkpoint yang diberikan.",
                      "Pass at least one --checkpoint (the newest you kept).",
                      "Berikan paling sedikit satu --checkpoint (yang terbaru Anda simpan).")
    report = Report(checkpoints=checkpoints, signatures_checked=key is not None)
    pending = list(checkpoints)
    mismatched: list[Checkpoint] = []
    frontier = Frontier()
    _check_roots(pending, frontier, mismatched)
    for number, line in enumerate(lines, start=1):
        if isinstance(line, str) and not line.strip():
            continue
        position = frontier.size
        try:
            fields = parse(line)
        except (ValueError, KeyError, TypeError, binascii.Error) as error:
            raise Failure(position, f"line {number} of the export is not a log entry ({error}).",
                          f"baris {number} berkas ekspor bukan entri log ({error}).",
                          "Export the log again with `rekam log export`.",
                          "Ekspor ulang log dengan `rekam log export`.") from None
        if fields[0] != position:
            _wrong_position(fields[0], position)
        computed = leaf_of(fields)
        if computed != fields[6]:
            raise Failure(position,
                          f"the stored event at position {position} (notification id "
                          f"{fields[1]}, originator {UUID(bytes=fields[2])} version "
                          f"{fields[3]}) is not the event the log recorded: its "
                          "bytes were changed after it was appended.",
                          f"peristiwa tersimpan pada posisi {position} (id notifikasi "
                          f"{fields[1]}) bukan peristiwa yang dicatat log: isinya "
                          "diubah setelah dicatat.")
        frontier.append(computed)
        if progress is not None:
            progress(frontier.size)
        _check_roots(pending, frontier, mismatched)
    report.entries = frontier.size
    if mismatched:
        _mismatch(mismatched[0], checkpoints)
    if pending:
        missing = pending[-1]
        raise Failure(frontier.size,
                      f"the export ends after {frontier.size} entries, but the checkpoint of "
                      f"size {missing.size} covers {missing.size}: entries {frontier.size} to "
                      f"{missing.size - 1} are missing (the store or the export was truncated).",
                      f"berkas ekspor berakhir setelah {frontier.size} entri, padahal checkpoint "
                      f"ukuran {missing.size} mencakup {missing.size} entri: entri "
                      f"{frontier.size} sampai {missing.size - 1} hilang (penyimpanan atau "
                      "ekspor terpotong).")
    return report


def _check_roots(pending: list[Checkpoint], frontier: Frontier,
                 mismatched: list[Checkpoint]) -> None:
    while pending and pending[0].size == frontier.size:
        checkpoint = pending.pop(0)
        root = frontier.root() if frontier.size else EMPTY_ROOT
        if root != checkpoint.root:
            mismatched.append(checkpoint)


def _wrong_position(found: int, position: int) -> None:
    if found > position:
        raise Failure(position,
                      f"the entry at position {position} is missing (the next line is position "
                      f"{found}): a logged event was deleted from the store.",
                      f"entri pada posisi {position} hilang (baris berikutnya posisi "
                      f"{found}): peristiwa yang sudah dicatat dihapus dari penyimpanan.")
    raise Failure(position, f"position {found} appears again or out of order where "
                            f"position {position} was expected.",
                  f"posisi {found} muncul lagi atau tidak berurutan; yang diharapkan "
                  f"posisi {position}.")


def _mismatch(checkpoint: Checkpoint, checkpoints: list[Checkpoint]) -> None:
    """The first `size` entries hash to another root than the checkpoint signed."""
    later = [c for c in checkpoints if c.size > checkpoint.size]
    size = checkpoint.size
    if later:
        raise Failure(None,
                      f"the first {size} entries do not match the older checkpoint of size "
                      f"{size}, so the newer checkpoints are not consistent with it: the "
                      f"history before position {size} was rewritten after that checkpoint "
                      "was signed (somewhere in positions 0 to "
                      f"{size - 1}; an older checkpoint you kept narrows it down).",
                      f"{size} entri pertama tidak cocok dengan checkpoint lama ukuran {size}, "
                      "sehingga checkpoint yang lebih baru tidak konsisten dengannya: riwayat "
                      f"sebelum posisi {size} ditulis ulang setelah checkpoint itu "
                      f"ditandatangani (di antara posisi 0 dan {size - 1}).", before=size)
    raise Failure(None,
                  f"the first {size} entries do not hash to the root of the checkpoint of size "
                  f"{size}: an entry before position {size} differs from what was signed, and "
                  "its recorded leaf hash was changed with it.",
                  f"{size} entri pertama tidak menghasilkan akar checkpoint ukuran {size}: "
                  f"ada entri sebelum posisi {size} yang berbeda dari yang ditandatangani.",
                  before=size)


def verify_consistency_proof(proof: Mapping[str, Any], notes: Iterable[str],
                             key: VerifierKey | None = None) -> str:
    """Check a proof from /log/consistency between two checkpoints, without any export.

    This is what a witness runs on every new checkpoint: the log only grew.
    """
    checkpoints = read_checkpoints(notes, key)
    if len(checkpoints) != 2:
        raise Failure(None, "a consistency check needs exactly two checkpoints.",
                      "pemeriksaan konsistensi memerlukan tepat dua checkpoint.")
    older, newer = checkpoints
    try:
        sizes = (int(proof["first"]), int(proof["second"]))
        hashes = [base64.b64decode(h, validate=True) for h in proof["proof"]]
    except (KeyError, TypeError, ValueError, binascii.Error) as error:
        raise Failure(None, f"the consistency proof is not readable ({error}).",
                      f"bukti konsistensi tidak dapat dibaca ({error}).",
                      "Fetch it again from /log/consistency?first=M&second=N.",
                      "Ambil lagi dari /log/consistency?first=M&second=N.") from None
    if sizes != (older.size, newer.size):
        raise Failure(None, f"the proof is for sizes {sizes}, the checkpoints are of sizes "
                            f"{older.size} and {newer.size}.",
                      f"bukti untuk ukuran {sizes}, checkpoint berukuran {older.size} dan "
                      f"{newer.size}.")
    try:
        merkle.verify_consistency(older.size, newer.size, older.root, newer.root, hashes)
    except merkle.ProofError as error:
        raise Failure(None,
                      f"the checkpoint of size {newer.size} does not extend the checkpoint of "
                      f"size {older.size} ({error}): the history before position {older.size} "
                      "was rewritten.",
                      f"checkpoint ukuran {newer.size} bukan kelanjutan checkpoint ukuran "
                      f"{older.size}: riwayat sebelum posisi {older.size} ditulis ulang.",
                      before=older.size) from None
    return (f"OK: the log of size {newer.size} extends the log of size {older.size}.\n"
            f"BERHASIL: log ukuran {newer.size} merupakan kelanjutan log ukuran {older.size}.")


def verify_inclusion_proof(proof: Mapping[str, Any], notes: Iterable[str],
                           key: VerifierKey | None = None) -> str:
    """Check the proof of a decree page (/sk/<code>/bukti.json) against a checkpoint you hold.

    It shows that the entry at `position`, whose leaf hash the page gives, is in the tree the
    checkpoint signed: the decree was logged and nothing has removed it since.
    """
    checkpoints = read_checkpoints(notes, key)
    if len(checkpoints) != 1:
        raise Failure(None, "an inclusion check needs exactly one checkpoint.",
                      "pemeriksaan inklusi memerlukan tepat satu checkpoint.")
    checkpoint = checkpoints[0]
    try:
        position, size = int(proof["position"]), int(proof["size"])
        leaf = base64.b64decode(proof["leaf_hash"], validate=True)
        hashes = [base64.b64decode(h, validate=True) for h in proof["proof"]]
    except (KeyError, TypeError, ValueError, binascii.Error) as error:
        raise Failure(None, f"the inclusion proof is not readable ({error}).",
                      f"bukti inklusi tidak dapat dibaca ({error}).",
                      "Fetch it again from the decree page (/sk/<code>/bukti.json).",
                      "Ambil lagi dari halaman SK (/sk/<kode>/bukti.json).") from None
    if size != checkpoint.size:
        raise Failure(None, f"the proof is for a tree of {size} entries, the checkpoint has "
                            f"{checkpoint.size}.",
                      f"bukti untuk pohon {size} entri, checkpoint berukuran {checkpoint.size}.",
                      "Fetch the checkpoint the page names (/log/checkpoint) or the proof "
                      "again.", "Ambil checkpoint yang disebut halaman atau buktinya lagi.")
    try:
        merkle.verify_inclusion(position, size, leaf, hashes, checkpoint.root)
    except merkle.ProofError as error:
        raise Failure(position,
                      f"the entry at position {position} is not in the signed tree of size "
                      f"{size} ({error}).",
                      f"entri pada posisi {position} tidak ada dalam pohon bertanda tangan "
                      f"ukuran {size}.") from None
    return (f"OK: the entry at position {position} is in the log of size {size}.\n"
            f"BERHASIL: entri pada posisi {position} ada dalam log ukuran {size}.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m projections.ledger.verify",
        description="Verify an exported Rekam Jejak log against signed checkpoints, or two "
                    "checkpoints against a consistency proof.")
    parser.add_argument("export", type=Path, nargs="?",
                        help="the JSON-lines file of `rekam log export`")
    parser.add_argument("--checkpoint", "-c", type=Path, action="append", required=True,
                        help="a checkpoint file you kept (repeat for older ones)")
    parser.add_argument("--public-key", "-k",
                        help="the log's verifier key (from /log/public-key), or a file of it")
    parser.add_argument("--consistency-proof", type=Path,
                        help="instead of an export: the JSON of /log/consistency between the "
                             "two checkpoints given")
    parser.add_argument("--inclusion-proof", type=Path,
                        help="instead of an export: the proof of a decree page "
                             "(/sk/<code>/bukti.json) to check against the one checkpoint given")
    args = parser.parse_args(argv)
    given = [args.export, args.consistency_proof, args.inclusion_proof]
    if sum(value is not None for value in given) != 1:
        parser.error("give an export file, --consistency-proof or --inclusion-proof")
    try:
        key = load_key(args.public_key) if args.public_key else None
        notes = [path.read_text(encoding="utf-8") for path in args.checkpoint]
        if args.consistency_proof is not None:
            proof = json.loads(args.consistency_proof.read_text(encoding="utf-8"))
            print(verify_consistency_proof(proof, notes, key))
            return EXIT_OK
        if args.inclusion_proof is not None:
            proof = json.loads(args.inclusion_proof.read_text(encoding="utf-8"))
            print(verify_inclusion_proof(proof, notes, key))
            return EXIT_OK
        with args.export.open(encoding="utf-8") as lines:
            report = verify(lines, notes, key)
    except Failure as failure:
        print(failure, file=sys.stderr)
        return EXIT_FAILED
    except (OSError, CheckpointError, UnicodeDecodeError, json.JSONDecodeError) as error:
        print(f"Cannot read the input: {error}. Check the file names and the key.\n"
              f"Masukan tidak dapat dibaca: {error}. Periksa nama berkas dan kuncinya.",
              file=sys.stderr)
        return EXIT_UNREADABLE
    print(report.summary())
    return EXIT_OK


def load_key(value: str) -> VerifierKey:
    """A verifier key given as text or as the name of a file holding it."""
    path = Path(value)
    text = path.read_text(encoding="utf-8") if "+" not in value and path.exists() else value
    return VerifierKey.parse(text)


if __name__ == "__main__":
    sys.exit(main())
