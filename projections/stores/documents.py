"""Where attached scans are kept: sealed bytes, content-addressed per subject, erasable.

SQLite (the embedded default) keeps each document as a file under the data directory,
`documents/<subject id>/<sha256>.sealed`: a scan of up to 5 MB would bloat the event or view
databases and their WAL, while a file is written once (under a temporary name of its own,
then linked into place, so of two writers of one address exactly one wins) and removed whole.
PostgreSQL keeps them in the vault's schema, in `rekam_documents` (bytea, hash-partitioned on
the subject like the keys), so several web servers share them and a backup of the database
holds them; erasure deletes the rows and rewrites the one partition that held them
(`VACUUM FULL`), since a plain delete leaves the bytes in the page.

The same store holds the ballot box of employee surveys (domain/staff_survey_service.py):
answers waiting to be recorded, listed with `entries` and forgotten once recorded.

Every byte stored is ciphertext under the person's subject key (domain/document_service.py),
or a survey's own key for a ballot: the erasure destroys the key first, so even a copy that
survived elsewhere (a backup, the PostgreSQL WAL) stays unreadable.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
from collections.abc import Collection
from pathlib import Path
from typing import Any
from uuid import UUID

_SHA256 = re.compile(r"[0-9a-f]{64}")


def _address(sha256: str) -> str:
    if not _SHA256.fullmatch(sha256):
        raise ValueError("not a SHA-256 content address")
    return sha256


class FileDocumentStore:
    """Sealed documents as files under one folder per subject."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, subject_id: UUID, sha256: str) -> Path:
        return self.root / subject_id.hex / f"{_address(sha256)}.sealed"

    def put(self, subject_id: UUID, sha256: str, sealed: bytes) -> bool:
        path = self._path(subject_id, sha256)
        if path.exists():
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.partial")
        try:
            with open(partial, "wb") as file:
                file.write(sealed)
                file.flush()
                os.fsync(file.fileno())
            os.link(partial, path)
        except FileExistsError:
            return False
        finally:
            partial.unlink(missing_ok=True)
        return True

    def get(self, subject_id: UUID, sha256: str) -> bytes | None:
        try:
            return self._path(subject_id, sha256).read_bytes()
        except FileNotFoundError:
            return None

    def entries(self, subject_id: UUID) -> dict[str, bytes]:
        folder = self.root / subject_id.hex
        found: dict[str, bytes] = {}
        for path in sorted(folder.glob("*.sealed")):
            try:
                found[path.stem] = path.read_bytes()
            except FileNotFoundError:  # forgotten meanwhile
                continue
        return found

    def forget(self, subject_id: UUID, addresses: Collection[str] | None = None) -> int:
        """Overwrite each file with zeros before removing it, so a later file that reuses
        the blocks never starts with the old ciphertext; the folder goes with its last."""
        folder = self.root / subject_id.hex
        if not folder.is_dir():
            return 0
        paths = (list(folder.iterdir()) if addresses is None
                 else [self._path(subject_id, a) for a in addresses])
        removed = sum(_scrub(path) for path in paths)
        if addresses is None:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):  # not empty: another entry came meanwhile
                folder.rmdir()
        return removed

    def close(self) -> None:
        """Nothing held open."""


def _scrub(path: Path) -> bool:
    """Zero the file, then remove it; False when it was not there."""
    try:
        with open(path, "r+b") as file:
            file.write(b"\0" * os.fstat(file.fileno()).st_size)
            file.flush()
            os.fsync(file.fileno())
        path.unlink()
    except FileNotFoundError:
        return False
    return True


class PostgresDocumentStore:
    """Sealed documents in `rekam_documents`, partitioned on the subject."""

    def __init__(self, pg: Any, schema: str, partitions: int) -> None:
        """`pg` is the vault's connection pool (projections/stores/backend.py), shared."""
        self.pg, self.table, self.partitions = pg, f'"{schema}".rekam_documents', partitions
        pg.create_partitioned(schema, "rekam_documents",
                              "subject_id uuid NOT NULL, sha256 text NOT NULL, "
                              "sealed bytea NOT NULL, PRIMARY KEY (subject_id, sha256)",
                              "subject_id")

    def put(self, subject_id: UUID, sha256: str, sealed: bytes) -> bool:
        with self.pg.transaction() as c:
            c.execute(f"INSERT INTO {self.table} VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                      (subject_id, _address(sha256), sealed))
            return bool(c.rowcount)

    def get(self, subject_id: UUID, sha256: str) -> bytes | None:
        with self.pg.transaction() as c:
            c.execute(f"SELECT sealed FROM {self.table} WHERE subject_id=%s AND sha256=%s",
                      (subject_id, sha256))
            row = c.fetchone()
        return bytes(row[0]) if row else None

    def entries(self, subject_id: UUID) -> dict[str, bytes]:
        with self.pg.transaction() as c:
            c.execute(f"SELECT sha256, sealed FROM {self.table} WHERE subject_id=%s "
                      "ORDER BY sha256", (subject_id,))
            return {row[0]: bytes(row[1]) for row in c.fetchall()}

    def forget(self, subject_id: UUID, addresses: Collection[str] | None = None) -> int:
        """Delete the subject's rows (those of `addresses` when given), then rewrite the
        partition that held them."""
        with self.pg.transaction() as c:
            if addresses is None:
                c.execute(f"DELETE FROM {self.table} WHERE subject_id=%s", (subject_id,))
            else:
                c.execute(f"DELETE FROM {self.table} WHERE subject_id=%s AND sha256 = ANY(%s)",
                          (subject_id, [_address(a) for a in addresses]))
            removed = int(c.rowcount)
            c.execute("SELECT n FROM generate_series(0, %s) AS n WHERE "
                      "satisfies_hash_partition(%s::regclass::oid, %s, n, %s::uuid)",
                      (self.partitions - 1, self.table, self.partitions, subject_id))
            held = {f"{self.table}_p{row[0]:02}" for row in c.fetchall()}
        self.pg.rewrite(held)
        return removed
