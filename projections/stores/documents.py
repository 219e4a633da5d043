"""Where attached scans are kept: sealed bytes, content-addressed per subject, erasable.

SQLite (the embedded default) keeps each document as a file under the data directory,
`documents/<subject id>/<sha256>.sealed`: a scan of up to 5 MB would bloat the event or view
databases and their WAL, while a file is written once (temporary name, then rename) and
removed whole. PostgreSQL keeps them in the vault's schema, in `rekam_documents` (bytea,
hash-partitioned on the subject like the keys), so several web servers share them and a
backup of the database holds them; erasure deletes the rows and rewrites the one partition
that held them (`VACUUM FULL`), since a plain delete leaves the bytes in the page.

Every byte stored is ciphertext under the person's subject key (domain/document_service.py):
the erasure destroys the key first, so even a copy that survived elsewhere (a backup, the
PostgreSQL WAL) stays unreadable.
"""

from __future__ import annotations

import os
import re
import shutil
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

    def put(self, subject_id: UUID, sha256: str, sealed: bytes) -> None:
        path = self._path(subject_id, sha256)
        if path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        with open(partial, "wb") as file:
            file.write(sealed)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, path)

    def get(self, subject_id: UUID, sha256: str) -> bytes | None:
        try:
            return self._path(subject_id, sha256).read_bytes()
        except FileNotFoundError:
            return None

    def forget(self, subject_id: UUID) -> int:
        """Overwrite each file with zeros before removing it, so a later file that reuses
        the blocks never starts with the old ciphertext."""
        folder = self.root / subject_id.hex
        if not folder.is_dir():
            return 0
        removed = 0
        for path in folder.iterdir():
            size = path.stat().st_size
            with open(path, "r+b") as file:
                file.write(b"\0" * size)
                file.flush()
                os.fsync(file.fileno())
            path.unlink()
            removed += 1
        shutil.rmtree(folder, ignore_errors=True)
        return removed

    def close(self) -> None:
        """Nothing held open."""


class PostgresDocumentStore:
    """Sealed documents in `rekam_documents`, partitioned on the subject."""

    def __init__(self, pg: Any, schema: str, partitions: int) -> None:
        """`pg` is the vault's connection pool (projections/stores/backend.py), shared."""
        self.pg, self.table, self.partitions = pg, f'"{schema}".rekam_documents', partitions
        pg.create_partitioned(schema, "rekam_documents",
                              "subject_id uuid NOT NULL, sha256 text NOT NULL, "
                              "sealed bytea NOT NULL, PRIMARY KEY (subject_id, sha256)",
                              "subject_id")

    def put(self, subject_id: UUID, sha256: str, sealed: bytes) -> None:
        with self.pg.transaction() as c:
            c.execute(f"INSERT INTO {self.table} VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                      (subject_id, _address(sha256), sealed))

    def get(self, subject_id: UUID, sha256: str) -> bytes | None:
        with self.pg.transaction() as c:
            c.execute(f"SELECT sealed FROM {self.table} WHERE subject_id=%s AND sha256=%s",
                      (subject_id, sha256))
            row = c.fetchone()
        return bytes(row[0]) if row else None

    def forget(self, subject_id: UUID) -> int:
        """Delete the subject's rows, then rewrite the partition that held them."""
        with self.pg.transaction() as c:
            c.execute(f"DELETE FROM {self.table} WHERE subject_id=%s", (subject_id,))
            removed = int(c.rowcount)
            c.execute("SELECT n FROM generate_series(0, %s) AS n WHERE "
                      "satisfies_hash_partition(%s::regclass::oid, %s, n, %s::uuid)",
                      (self.partitions - 1, self.table, self.partitions, subject_id))
            held = {f"{self.table}_p{row[0]:02}" for row in c.fetchall()}
        self.pg.rewrite(held)
        return removed
