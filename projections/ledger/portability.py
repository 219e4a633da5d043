"""Moving a whole event store: export it as JSON lines with ledger positions, import it into
an empty store of either backend, verified against the log's latest signed checkpoint.

The export file (format `rekam-jejak-export`, version 1) is one header line, then one line per
log position exactly as `rekam log export` writes it (docs/AUDIT.md): the stored bytes of each
event, base64, with its leaf hash. The header carries every signed checkpoint and its verifier
key, so `tail -n +2 FILE` is an ordinary log export that
`python -m projections.ledger.verify` checks.
Personal fields stay sealed; no subject key is ever written here. The keys and the NIP
registry move separately, in a vault file (`export_vault` / `import_vault`), because a file
holding both the events and their keys would bring erased people back from a backup.

Import checks everything before it writes: the positions run 0..N-1, every leaf hash is
recomputed from the stored bytes, the roots at every checkpoint size match, the latest
checkpoint is signed by the expected key and covers every entry. Then it inserts the events
with the library's recorder, thousands per transaction, in position order: the target's
notification ids may differ, but the ledger rebuilt from them gives every event the same
position, so the same root, which is checked again before the checkpoints are copied.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from uuid import UUID

import msgspec
from eventsourcing.persistence import IntegrityError, StoredEvent
from eventsourcing.sqlite import SQLiteAggregateRecorder

from domain.personnel_service import PersonnelService
from projections.ledger import verify as verifier
from projections.ledger.checkpoint import CheckpointError, VerifierKey, open_note, parse
from projections.ledger.follower import Ledger
from projections.stores.backend import count_events, events_table
from projections.stores.sqlite_events import SQLiteEventStoreDatastore
from projections.views.runner import Projections, default_workers

EXPORT_FORMAT = "rekam-jejak-export"
VAULT_FORMAT = "rekam-jejak-vault"
VERSION = 1
VAULT_WARNING = ("This file holds the personal-data keys: whoever has it and the events can read "
                 "every name and NIP. Keep it apart from the event export, move it over a "
                 "private channel, and destroy it after the import. Berkas ini berisi kunci "
                 "data pribadi: simpan terpisah dari ekspor peristiwa dan musnahkan setelah "
                 "impor.")
Progress = Callable[[int, int], None]


class ImportRefusedError(Exception):
    """Raised when an import must not start (the target is not empty, the file is wrong);
    nothing was written."""


@dataclass(frozen=True)
class ExportSummary:
    entries: int
    checkpoint_size: int


@dataclass(frozen=True)
class ImportSummary:
    events: int
    root: bytes
    checkpoints: int
    projected: int
    keys: int


# -- export -------------------------------------------------------------------------------------


def export_store(ledger: Ledger, out: IO[str], progress: Progress | None = None
                 ) -> ExportSummary:
    """Write the header and every log entry of the store; signs a checkpoint of it first."""
    ledger.catch_up()
    # The export ends at the checkpoint signed now, even if events keep arriving meanwhile:
    # the latest checkpoint must cover every exported entry.
    size = parse(ledger.sign_checkpoint())[0].size
    checkpoints = [row for row in _checkpoint_rows(ledger) if row["tree_size"] <= size]
    out.write(json.dumps({"format": EXPORT_FORMAT, "version": VERSION, "entries": size,
                          "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
                          "checkpoints": checkpoints}) + "\n")
    written = 0
    for entry in ledger.entries(0, size):
        out.write(entry.to_json() + "\n")
        written += 1
        if progress is not None and written % 1000 == 0:
            progress(written, size)
    if progress is not None:
        progress(written, size)
    if written != size:
        raise verifier.Failure(
            written, f"{size - written} logged events are missing from the event store, so "
                     "this store cannot be moved intact (`rekam log verify` says where).",
            f"{size - written} peristiwa yang tercatat di log hilang dari penyimpanan.")
    return ExportSummary(entries=written, checkpoint_size=checkpoints[-1]["tree_size"])


def _checkpoint_rows(ledger: Ledger) -> list[dict[str, Any]]:
    table = ledger.store.table("checkpoints")
    with ledger.store.read() as sql:
        rows = sql.execute(f"SELECT tree_size, note, verifier_key, made_at FROM {table} "
                           "ORDER BY tree_size").fetchall()
    return [{"tree_size": int(r[0]), "note": str(r[1]), "verifier_key": str(r[2]),
             "made_at": r[3].isoformat() if isinstance(r[3], datetime) else str(r[3])}
            for r in rows]


def export_vault(service: PersonnelService, path: Path) -> int:
    """Write the subject keys and the NIP registry to `path` (mode 0600); returns key count."""
    keys: Any = service.vault.keys
    registry: Any = service.registry
    key_rows, nip_rows = keys.rows(), registry.rows()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(json.dumps({"format": VAULT_FORMAT, "version": VERSION,
                              "warning": VAULT_WARNING}) + "\n")
        for subject, key in key_rows:
            out.write(json.dumps({"subject_id": str(subject),
                                  "key": base64.b64encode(key).decode()}) + "\n")
        for token, subject, record in nip_rows:
            out.write(json.dumps({"token": token, "subject_id": str(subject),
                                  "record_id": str(record)}) + "\n")
    return len(key_rows)


# -- import -------------------------------------------------------------------------------------


def import_store(service: PersonnelService, ledger: Ledger, projections: Projections,
                 path: Path, *, public_key: VerifierKey | None = None,
                 vault: Path | None = None, batch_size: int = 5000, rebuild: bool = True,
                 progress: Callable[[str, int, int], None] | None = None) -> ImportSummary:
    """Verify the export at `path`, then load it (and the vault) into the empty target.

    `rebuild=False` leaves the views to a later `rekam rebuild` (the benchmark times it apart).
    """
    report = progress or (lambda stage, done, total: None)
    header = _read_header(path)
    checkpoints = header["checkpoints"]
    source = _source(header)
    resumed = unfinished_import(ledger)
    if resumed is None:
        _check_empty(service, ledger)
        if vault is not None:
            _check_vault_empty(service)
    elif resumed.source != source:
        raise ImportRefusedError(
            f"an import of another export ({resumed.source}, started {resumed.started_at}) "
            "did not finish in this store: run that import again to finish it, or import "
            "into a new, empty store.")
    latest = _check_signatures(checkpoints, public_key)
    vault_rows = _read_vault(vault) if vault is not None else None
    entries = _verify_entries(path, checkpoints, report)
    if entries != latest.size:
        raise ImportRefusedError(
            f"the export holds {entries} entries but its latest checkpoint covers "
            f"{latest.size}: entries not covered by a signed checkpoint cannot be verified. "
            "Export again with `rekam export` (it signs a checkpoint first).")
    _mark(ledger, source)  # the store is incomplete from the first write to the last
    try:
        inserted = _resume_events(service, ledger, path, entries, batch_size, report)
        if vault_rows is not None:
            _load_vault(service, vault_rows)
    except BaseException:
        if count_events(service) == 0 and ledger.size() == 0:
            _unmark(ledger)  # emptied again: as if it had never started
        raise
    ledger.catch_up(progress=lambda done, total: report("ledger", done, total))
    root = ledger.root(latest.size)
    if root != latest.root or ledger.size() != latest.size:
        raise verifier.Failure(None, "the imported store's log root differs from the export's "
                                     "checkpoint; do not use this store: drop it and import "
                                     "again.",
                               "akar log penyimpanan hasil impor berbeda dari checkpoint "
                               "ekspor; jangan gunakan penyimpanan ini.")
    _copy_checkpoints(ledger, checkpoints)
    projected = projections.rebuild(
        progress=lambda done, total: report("projections", done, total),
        workers=default_workers()) if rebuild else 0
    _unmark(ledger)
    return ImportSummary(events=inserted, root=root, checkpoints=len(checkpoints),
                         projected=projected,
                         keys=len(vault_rows[0]) if vault_rows is not None else 0)


# -- the marker of an import that has not finished ---------------------------------------------


@dataclass(frozen=True)
class UnfinishedImport:
    """An import began writing into this store and has not finished (/healthz says so)."""

    source: str  # which export: its entries and the root of its latest checkpoint
    started_at: str


def unfinished_import(ledger: Ledger) -> UnfinishedImport | None:
    with ledger.store.read() as sql:
        row = sql.execute(f"SELECT source, started_at FROM {ledger.store.table('import_marker')}"
                          " WHERE marker = 'import'").fetchone()
    return None if row is None else UnfinishedImport(str(row[0]), str(row[1]))


def _mark(ledger: Ledger, source: str) -> None:
    with ledger.store.write() as sql:
        sql.execute(f"INSERT INTO {ledger.store.table('import_marker')} (marker, started_at, "
                    "source) VALUES ('import', ?, ?) ON CONFLICT (marker) DO NOTHING",
                    (datetime.now(UTC).isoformat(timespec="seconds"), source))


def _unmark(ledger: Ledger) -> None:
    with ledger.store.write() as sql:
        sql.execute(f"DELETE FROM {ledger.store.table('import_marker')} "
                    "WHERE marker = 'import'")


def _source(header: dict[str, Any]) -> str:
    latest = max(header["checkpoints"], key=lambda c: int(c.get("tree_size", 0)),
                 default=None)
    root = base64.b64encode(parse(latest["note"])[0].root).decode() if latest else "-"
    return f"{header.get('entries')} entries, root {root}"


def _resume_events(service: PersonnelService, ledger: Ledger, path: Path, entries: int,
                   batch_size: int, report: Callable[[str, int, int], None]) -> int:
    """Insert the events, or keep those an interrupted run of the same import stored.

    SQLite inserts them in one transaction, so it holds none or all of them; PostgreSQL
    commits each batch, so a crash there can leave part: those are deleted and inserted
    again, unless the log has begun (then all were in). The log's root, checked after, is
    what proves the kept events are the export's.
    """
    stored = count_events(service)
    if stored == entries:
        report("events", stored, entries)
        return stored
    if stored and ledger.size():
        raise ImportRefusedError(
            f"the store holds {stored} events where the unfinished import of {entries} left "
            "its log begun: it changed since. Import into a new, empty store.")
    if stored:
        _delete_events(service)
    return _insert_events(service, path, entries, batch_size, report)


def _load_vault(service: PersonnelService,
                rows: tuple[list[tuple[UUID, bytes]], list[tuple[str, UUID, UUID]]]) -> None:
    """Each vault store in one transaction, skipped when a run before loaded it; a failure
    takes the events out again (nothing was imported)."""
    keys: Any = service.vault.keys
    registry: Any = service.registry
    try:
        if len(keys.rows()) != len(rows[0]):
            keys.load(rows[0])
        if len(registry.rows()) != len(rows[1]):
            registry.load(rows[1])
    except BaseException:
        _delete_events(service)
        raise


def _check_empty(service: PersonnelService, ledger: Ledger) -> None:
    events, logged = count_events(service), ledger.size()
    if events or logged:
        raise ImportRefusedError(
            f"the target store is not empty ({events} events, {logged} log entries): an "
            "import only goes into an empty store. Point REKAM_DATA_DIR (or POSTGRES_SCHEMA) "
            "at a new, empty store and run the import again.")


def _read_header(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as lines:
        first = lines.readline()
    try:
        header = json.loads(first)
        if header.get("format") != EXPORT_FORMAT or header.get("version") != VERSION:
            raise ValueError("not a version 1 export")
        if not header["checkpoints"]:
            raise ValueError("no checkpoint")
        for row in header["checkpoints"]:
            int(row["tree_size"]), str(row["note"]), str(row["verifier_key"])
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ImportRefusedError(
            f"{path} is not an export of `rekam export` ({error}); its first line must be the "
            f"{EXPORT_FORMAT} header with at least one checkpoint.") from None
    return dict(header)


def _check_signatures(checkpoints: list[dict[str, Any]], public_key: VerifierKey | None
                      ) -> Any:
    """Each checkpoint's signature by its own key; the latest's by `public_key` if given."""
    opened = []
    try:
        for row in checkpoints:
            opened.append(open_note(row["note"], VerifierKey.parse(row["verifier_key"])))
        latest = max(opened, key=lambda c: c.size)
        if public_key is not None:
            note = next(r["note"] for r in checkpoints if int(r["tree_size"]) == latest.size)
            open_note(note, public_key)
    except CheckpointError as error:
        raise ImportRefusedError(
            f"a checkpoint of the export does not verify ({error}). Check --public-key "
            "against the source's /log/public-key; nothing was imported.") from None
    return latest


def _entry_lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as lines:
        lines.readline()  # the header
        yield from lines


def _verify_entries(path: Path, checkpoints: list[dict[str, Any]],
                    report: Callable[[str, int, int], None]) -> int:
    """Recompute every leaf and every checkpoint's root from the file; nothing is written."""
    total = max(int(r["tree_size"]) for r in checkpoints)

    def verified(done: int) -> None:
        if done % 1000 == 0:
            report("verify", done, total)

    try:
        result = verifier.verify(_entry_lines(path), [r["note"] for r in checkpoints],
                                 progress=verified)
    except verifier.Failure as failure:
        raise ImportRefusedError(f"the export does not match its checkpoints; nothing was "
                                 f"imported.\n{failure}") from None
    report("verify", result.entries, total)
    return result.entries


class _StoredLine(msgspec.Struct):
    """The fields of an export line the store needs (msgspec decodes UUID and base64 in C)."""

    originator_id: UUID
    originator_version: int
    topic: str
    state: bytes


def _insert_events(service: PersonnelService, path: Path, total: int, batch_size: int,
                   report: Callable[[str, int, int], None]) -> int:
    """The bulk path: `batch_size` events per statement, all or nothing.

    The lines were verified just before; here they are only decoded, as fast as possible.
    SQLite takes every event in one transaction (a failure or a crash leaves the target
    empty); PostgreSQL commits each batch through the library's recorder and deletes what
    it inserted if a later batch fails.
    """
    try:
        return _insert_batches(service, path, total, batch_size, report)
    except IntegrityError:
        raise ImportRefusedError(
            "the export holds the same event (record and version) twice, so it cannot be "
            "stored; nothing was imported. Export the source again.") from None


def _insert_batches(service: PersonnelService, path: Path, total: int, batch_size: int,
                    report: Callable[[str, int, int], None]) -> int:
    recorder = service.recorder
    inserted = 0
    if isinstance(recorder, SQLiteAggregateRecorder):
        datastore = recorder.datastore
        assert isinstance(datastore, SQLiteEventStoreDatastore)
        with datastore.bulk_transaction() as cursor:
            for batch in _stored_batches(path, batch_size):
                # The plain recorder's executemany: notification ids are not needed here.
                SQLiteAggregateRecorder._insert_events(recorder, cursor, batch)
                inserted += len(batch)
                report("events", inserted, total)
        report("events", inserted, total)  # committed
        return inserted
    try:
        for batch in _stored_batches(path, batch_size):
            recorder.insert_events(batch)
            inserted += len(batch)
            report("events", inserted, total)
    except BaseException:
        _delete_events(service)
        raise
    return inserted


def _stored_batches(path: Path, batch_size: int) -> Iterator[list[StoredEvent]]:
    decoder = msgspec.json.Decoder(_StoredLine)
    batch: list[StoredEvent] = []
    for line in _entry_lines(path):
        if not line.strip():
            continue
        entry = decoder.decode(line)
        batch.append(StoredEvent(entry.originator_id, entry.originator_version, entry.topic,
                                 entry.state))
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def _delete_events(service: PersonnelService) -> None:
    """Empty the target again after a failed import (it was empty when the import began)."""
    recorder: Any = service.recorder
    with recorder.datastore.transaction(commit=True) as cursor:
        cursor.execute(f"DELETE FROM {events_table(service)}")


def _copy_checkpoints(ledger: Ledger, checkpoints: list[dict[str, Any]]) -> None:
    """The source's signed checkpoints stay valid for the same tree: keep publishing them."""
    table = ledger.store.table("checkpoints")
    rows = []
    for row in checkpoints:
        checkpoint = parse(row["note"])[0]
        made_at: Any = datetime.fromisoformat(row.get("made_at") or datetime.now(UTC).isoformat())
        if made_at.tzinfo is None:
            made_at = made_at.replace(tzinfo=UTC)
        rows.append((checkpoint.size, checkpoint.root, row["note"], row["verifier_key"],
                     made_at if ledger.store.is_postgres
                     else made_at.isoformat(timespec="seconds")))
    with ledger.store.write() as sql:
        sql.executemany(f"INSERT INTO {table} (tree_size, root_hash, note, verifier_key, "
                        "made_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tree_size) DO NOTHING",
                        rows)


def _read_vault(path: Path) -> tuple[list[tuple[UUID, bytes]], list[tuple[str, UUID, UUID]]]:
    keys: list[tuple[UUID, bytes]] = []
    nips: list[tuple[str, UUID, UUID]] = []
    with path.open(encoding="utf-8") as lines:
        try:
            header = json.loads(lines.readline())
            if header.get("format") != VAULT_FORMAT or header.get("version") != VERSION:
                raise ValueError("not a version 1 vault file")
            for line in lines:
                row = json.loads(line)
                if "key" in row:
                    keys.append((UUID(row["subject_id"]),
                                 base64.b64decode(row["key"], validate=True)))
                else:
                    nips.append((str(row["token"]), UUID(row["subject_id"]),
                                 UUID(row["record_id"])))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ImportRefusedError(f"{path} is not a vault file of `rekam export --vault` "
                                     f"({error}); nothing was imported.") from None
    return keys, nips


def _check_vault_empty(service: PersonnelService) -> None:
    held = len(service.vault.keys.rows()) + len(service.registry.rows())  # type: ignore[attr-defined]
    if held:
        raise ImportRefusedError(
            f"the target's key store or NIP registry is not empty ({held} rows): the vault "
            "only goes into an empty one. Use a new data directory (or REKAM_VAULT_SCHEMA).")
