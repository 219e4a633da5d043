"""The log in the audit workspace: verify the live store, inclusion proofs, export, bundle.

Auditors only (entries hold the ciphertext of personal fields; inclusion proofs name events).
The export and the bundle are streamed: a batch of entries is read, written and sent at a
time, so a store of millions of events never sits in memory.
"""

from __future__ import annotations

import base64
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from flask import Response, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from projections.ledger import merkle, reconcile
from projections.ledger import verify as verifier
from projections.ledger.checkpoint import CheckpointError, parse
from projections.ledger.follower import Ledger, LedgerSizeError, verify_stored
from projections.views.audit_queries import notification_id_of
from web import catch_up_views, get_ledger
from web.audit.routes import auditors_only, bp
from web.inputs import MAX_VERSION, whole_number
from web.ui import language

# The verifier and what it imports, at the paths `python -m projections.ledger.verify` needs.
VERIFIER_SOURCES = ("__init__.py", "ledger/__init__.py", "ledger/merkle.py", "ledger/checkpoint.py",
                    "ledger/entry.py", "ledger/verify.py")
EXPORT_NAME = "log.jsonl"


def _overview(ledger: Ledger) -> dict[str, Any]:
    note = ledger.latest_checkpoint()
    checkpoint = None
    if note is not None:
        try:
            checkpoint = parse(note)[0]
        except CheckpointError:
            checkpoint = None
    return {"size": ledger.size(), "note": note, "checkpoint": checkpoint,
            "key": ledger.published_verifier_key(), "lag": ledger.lag()}


@bp.get("/log")
@auditors_only
def log() -> ResponseReturnValue:
    """The log's size, the latest checkpoint, and the verify, proof and download forms."""
    ledger = get_ledger(current_app)
    ledger.catch_up()  # like the views: show every event stored so far (the access records too)
    return render_template("audit/log.html", **_overview(ledger), result=None, proof=None,
                           errors={})


@bp.post("/log/verify")
@auditors_only
def verify() -> ResponseReturnValue:
    """Hash every stored event again and check the roots of the signed checkpoints; then
    check the other way round, that every stored event and snapshot is in the log."""
    ledger = get_ledger(current_app)
    overview = _overview(ledger)
    if overview["note"] is None:
        result = {"ok": False, "message": _("No checkpoint has been signed yet; the operator "
                                            "runs `rekam log checkpoint`.")}
    else:
        try:
            report = verify_stored(ledger)
        except verifier.Failure as failure:
            result = {"ok": False, "position": failure.position, "before": failure.before,
                      "message": _verifier_text(english=failure.english,
                                                indonesian=failure.indonesian)}
        else:
            english, indonesian = report.summary().splitlines()[:2]
            result = {"ok": True, "message": _verifier_text(english=english,
                                                            indonesian=indonesian)}
    reconciliation = reconcile.reconcile(ledger)
    reconcile.save(ledger, reconciliation)
    result["problems"] = reconciliation.problems
    result["problem_count"] = reconciliation.problem_count
    result["ok"] = result["ok"] and reconciliation.ok
    return render_template("audit/log.html", **overview, result=result, proof=None,
                           errors={}), 200 if result["ok"] else 409


@bp.get("/log/proof")
@auditors_only
def proof() -> ResponseReturnValue:
    """The inclusion proof of one entry in the latest checkpoint's tree, checked here too.

    Ask by position, or by employee id and version (the history page links these).
    """
    ledger = get_ledger(current_app)
    overview = _overview(ledger)
    errors: dict[str, str] = {}
    position = _position(ledger, errors)
    checkpoint = overview["checkpoint"]
    if checkpoint is None and not errors:
        errors["position"] = _("No checkpoint has been signed yet.")
    if errors or position is None or checkpoint is None:
        return render_template("audit/log.html", **overview, result=None, proof=None,
                               errors=errors), 422
    if not 0 <= position < checkpoint.size:
        errors["position"] = _("The position must be from 0 to %(last)s (the latest "
                               "checkpoint's size).", last=checkpoint.size - 1)
        return render_template("audit/log.html", **overview, result=None, proof=None,
                               errors=errors), 422
    try:
        hashes = ledger.inclusion_proof(position, checkpoint.size)
        leaf = ledger.leaf(position)
    except (LedgerSizeError, ValueError):
        errors["position"] = _("This position is not in the log.")
        return render_template("audit/log.html", **overview, result=None, proof=None,
                               errors=errors), 422
    try:
        merkle.verify_inclusion(position, checkpoint.size, leaf, hashes, checkpoint.root)
        holds = True
    except merkle.ProofError:
        holds = False
    found = {"position": position, "size": checkpoint.size, "holds": holds,
             "leaf_hash": _b64(leaf), "root": _b64(checkpoint.root),
             "hashes": [_b64(h) for h in hashes]}
    return render_template("audit/log.html", **overview, result=None, proof=found, errors={})


def _verifier_text(*, english: str, indonesian: str) -> str:
    """A message of the offline verifier (projections/ledger/verify.py), which runs without the
    web's catalogues and so carries both languages itself, like the domain's messages."""
    return english if language() == "en" else indonesian


def _position(ledger: Ledger, errors: dict[str, str]) -> int | None:
    text = request.args.get("position", "").strip()
    employee, version = request.args.get("employee", ""), request.args.get("version", "")
    if not text and employee:
        number = whole_number(version, 1, MAX_VERSION)
        try:
            notification_id = None if number is None else notification_id_of(
                catch_up_views(current_app), UUID(hex=employee), number)
        except ValueError:  # not an employee id
            notification_id = None
        position = None if notification_id is None else ledger.position_of(notification_id)
        if position is None:
            errors["position"] = _("This event is not in the log yet.")
        return position
    position = whole_number(text, 0, 10**12 - 1)
    if position is None:
        errors["position"] = _("Enter the position as a whole number, 0 or more.")
    return position


@bp.get("/log/export.jsonl")
@auditors_only
def export() -> ResponseReturnValue:
    """Every log entry as JSON lines (as `rekam log export` writes them), streamed."""
    ledger = get_ledger(current_app)
    size = ledger.size()

    def lines() -> Iterator[str]:
        batch: list[str] = []
        for entry in ledger.entries(end=size):
            batch.append(entry.to_json() + "\n")
            if len(batch) == 1000:
                yield "".join(batch)
                batch = []
        yield "".join(batch)

    return Response(lines(), mimetype="application/jsonl", headers={
        "Content-Disposition": f'attachment; filename="{_stamp()}-{EXPORT_NAME}"'})


@bp.get("/log/bundle.zip")
@auditors_only
def bundle() -> ResponseReturnValue:
    """A zip to verify offline: the export, every checkpoint, the public key, the verifier's
    source and a README, streamed as it is written."""
    ledger = get_ledger(current_app)
    checkpoints = ledger.checkpoints()
    key = ledger.published_verifier_key()
    if not checkpoints or key is None:
        return render_template("audit/log.html", **_overview(ledger), result=None, proof=None,
                               errors={"bundle": _("There is no checkpoint to put in the bundle "
                                                   "yet.")}), 409
    size = ledger.size()
    return Response(_zip_stream(ledger, size, checkpoints, key), mimetype="application/zip",
                    headers={"Content-Disposition":
                             f'attachment; filename="rekam-log-bundle-{_stamp()}.zip"'})


class _Chunks:
    """A write-only file that keeps what is written until it is taken (zipfile streams to it:
    without `seek` it writes each member's sizes after its data)."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def _zip_stream(ledger: Ledger, size: int, checkpoints: list[tuple[int, str]],
                key: str) -> Iterator[bytes]:
    sink = _Chunks()
    names = [f"checkpoints/checkpoint-{tree_size:012d}.txt" for tree_size, _ in checkpoints]
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", _readme(names, size))
        archive.writestr("public-key.txt", key + "\n")
        for name, (_size, note) in zip(names, checkpoints, strict=True):
            archive.writestr(name, note)
        sources = Path(verifier.__file__).parents[1]
        for source in VERIFIER_SOURCES:
            archive.write(sources / source, f"projections/{source}")
        yield sink.take()
        with archive.open(EXPORT_NAME, "w", force_zip64=True) as member:
            batch: list[str] = []
            for entry in ledger.entries(end=size):
                batch.append(entry.to_json() + "\n")
                if len(batch) == 2000:
                    member.write("".join(batch).encode())
                    batch = []
                    yield sink.take()
            member.write("".join(batch).encode())
    yield sink.take()


def _readme(names: list[str], size: int) -> str:
    arguments = " ".join(f"--checkpoint {name}" for name in reversed(names))
    return f"""Rekam Jejak: log verification bundle / paket verifikasi log
Made {datetime.now(UTC).isoformat(timespec="seconds")}; {size} log entries.

Contents
  {EXPORT_NAME:<22} every log entry (stored bytes; personal fields stay encrypted)
  checkpoints/           every checkpoint the log has signed, by tree size
  public-key.txt         the log's verifier key (compare it with the copy you keep)
  projections/           the offline verifier (Python 3.11 standard library + cryptography)

Verify (from this folder; needs no server and no personal-data key):

  python -m projections.ledger.verify {EXPORT_NAME} {arguments} --public-key public-key.txt

Add --checkpoint FILE for every checkpoint you fetched yourself from /log/checkpoint: those
are what prove the history was not rewritten, since the checkpoints in this bundle come from
the same server. Exit status 0: everything holds; 1: a check failed (the message names the
first failing position); 2: an input could not be read. You may use your own copy of the
verifier instead of the one in projections/ (see docs/AUDIT.md of the repository).

Periksa (dari folder ini; tanpa server dan tanpa kunci data pribadi) dengan perintah di atas.
Tambahkan --checkpoint BERKAS untuk setiap checkpoint yang Anda ambil sendiri dari
/log/checkpoint. Status keluar 0: semua cocok; 1: ada pemeriksaan yang gagal (pesannya
menyebut posisi pertama yang bermasalah); 2: masukan tidak dapat dibaca.
"""


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode()


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
