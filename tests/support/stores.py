"""Stores for the tests: fresh and empty, or built once per test session and copied.

A test that writes needs a store of its own, but recording the demo or a workforce's history
for each test would cost seconds per test. So each kind of store is built once per session
(per xdist worker) and backend, and copied: on SQLite, the data directory; on PostgreSQL, the
whole database, by `CREATE DATABASE ... TEMPLATE`, which copies its files inside the server
(about 0.1 s for the demo, where `rekam import` into a fresh schema takes 1.7 s). A database
rather than a schema because PostgreSQL copies databases, not schemas; the test role must
therefore be allowed to create databases (scripts/pg-cluster's role is a superuser).
"""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import errors, sql

from projections.stores.backend import Backend

BACKENDS = [pytest.param("sqlite", id="sqlite"),
            pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)]
SCHEMA = "rekam"  # the schema of every PostgreSQL template, and so of its copies
SERVER_KEYS = ("POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_USER", "POSTGRES_PASSWORD")
Build = Callable[[dict[str, str]], None]


def backend_of(settings: Mapping[str, str]) -> Backend:
    """The stores described by test settings (REKAM_BACKEND, REKAM_DATA_DIR, POSTGRES_*).

    Built directly, without web/settings.py, so that projection tests import nothing from web;
    web/settings.py's parsing is tested on its own (tests/unit/web/test_settings.py)."""
    return Backend(kind=settings.get("REKAM_BACKEND", "sqlite"),
                   data_dir=Path(settings.get("REKAM_DATA_DIR", "var")),
                   postgres={k: v for k, v in settings.items() if k.startswith("POSTGRES_")},
                   vault_schema=settings.get("REKAM_VAULT_SCHEMA") or None)


@contextmanager
def fresh_store(kind: str, data_dir: Path, pg: Mapping[str, Any] | None
                ) -> Iterator[dict[str, str]]:
    """Settings of a fresh, empty store of `kind`: a data directory, and on PostgreSQL (`pg`:
    the test database's settings) a new schema of the test database, dropped afterwards."""
    if kind == "sqlite":
        yield {"REKAM_BACKEND": "sqlite", "REKAM_DATA_DIR": str(data_dir)}
        return
    assert pg is not None
    schema = f"t_{uuid.uuid4().hex[:12]}"
    settings = {"REKAM_BACKEND": "postgres", "REKAM_DATA_DIR": str(data_dir),
                "POSTGRES_HOST": str(pg["host"]), "POSTGRES_PORT": str(pg["port"]),
                "POSTGRES_USER": str(pg["user"]), "POSTGRES_PASSWORD": str(pg["password"]),
                "POSTGRES_DBNAME": str(pg["dbname"]), "POSTGRES_SCHEMA": schema}
    with _connect(settings, settings["POSTGRES_DBNAME"]) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield settings
    finally:
        # Only this schema goes; other sessions are left alone. If the application still
        # holds a lock on a table, DROP waits for it, so tests must close their application
        # (and its pool) before teardown.
        with _connect(settings, settings["POSTGRES_DBNAME"]) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
                sql.Identifier(schema)))


@dataclass(frozen=True)
class Template:
    """A store built once, and (PostgreSQL) where to run CREATE DATABASE from."""

    settings: dict[str, str]  # of the template store itself: never handed to a test
    server_db: str | None = None  # a database to connect to for CREATE/DROP DATABASE


@dataclass
class StoreTemplates:
    """The templates of one session, by name and backend; `close()` drops them."""

    root: Path
    _built: dict[tuple[str, str], Template] = field(default_factory=dict)

    @contextmanager
    def copy(self, name: str, store_env: Mapping[str, str], build: Build, into: Path
             ) -> Iterator[dict[str, str]]:
        """Settings of a private copy of the store `name` on the backend of `store_env`,
        with its data directory at `into`; a PostgreSQL copy is dropped afterwards.

        The first copy of a name and backend builds the template: `build(settings)` records
        into an empty store, and must close every connection it opened (PostgreSQL copies
        only a database nobody is connected to).
        """
        template = self._template(name, store_env, build)
        shutil.copytree(template.settings["REKAM_DATA_DIR"], into)
        settings = {**template.settings, "REKAM_DATA_DIR": str(into)}
        if template.server_db is None:
            yield settings
            return
        database = f"rekam_copy_{uuid.uuid4().hex[:12]}"
        _copy_database(template, database)
        try:
            yield {**settings, "POSTGRES_DBNAME": database}
        finally:
            _on_server(template, "DROP DATABASE IF EXISTS {} WITH (FORCE)", database)

    def close(self) -> None:
        for template in self._built.values():
            if template.server_db is not None:
                _on_server(template, "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                           template.settings["POSTGRES_DBNAME"])
        self._built.clear()

    def _template(self, name: str, store_env: Mapping[str, str], build: Build) -> Template:
        kind = store_env["REKAM_BACKEND"]
        found = self._built.get((name, kind))
        if found is not None:
            return found
        data_dir = self.root / f"{name}-{kind}"
        data_dir.mkdir()
        settings = {"REKAM_BACKEND": kind, "REKAM_DATA_DIR": str(data_dir)}
        template = Template(settings)
        if kind == "postgres":
            database = f"rekam_template_{name}_{uuid.uuid4().hex[:8]}"
            settings.update({key: store_env[key] for key in SERVER_KEYS},
                            POSTGRES_DBNAME=database, POSTGRES_SCHEMA=SCHEMA)
            template = Template(settings, store_env["POSTGRES_DBNAME"])
            _on_server(template, "CREATE DATABASE {}", database)
        self._built[(name, kind)] = template  # so that close() drops it even if `build` fails
        try:
            if kind == "postgres":
                with _connect(settings, database) as conn:
                    conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(SCHEMA)))
            build(dict(settings))
        except BaseException:
            del self._built[(name, kind)]
            if template.server_db is not None:
                _on_server(template, "DROP DATABASE IF EXISTS {} WITH (FORCE)", database)
            raise
        return template


def _connect(settings: Mapping[str, str], database: str) -> psycopg.Connection:
    return psycopg.connect(host=settings["POSTGRES_HOST"], port=settings["POSTGRES_PORT"],
                           user=settings["POSTGRES_USER"],
                           password=settings["POSTGRES_PASSWORD"], dbname=database,
                           autocommit=True)


def _on_server(template: Template, statement: str, *databases: str) -> None:
    """Run a CREATE/DROP DATABASE statement from the test database (not from the template:
    a connection to it would stop it being copied)."""
    assert template.server_db is not None
    with _connect(template.settings, template.server_db) as conn:
        conn.execute(sql.SQL(statement).format(*map(sql.Identifier, databases)))


def _copy_database(template: Template, database: str) -> None:
    """CREATE DATABASE ... TEMPLATE, waiting a little for connections still closing."""
    for attempt in range(20):
        try:
            _on_server(template, "CREATE DATABASE {} TEMPLATE {}", database,
                       template.settings["POSTGRES_DBNAME"])
            return
        except errors.ObjectInUse:  # a pool's connection that has not gone yet
            if attempt == 19:
                raise
            time.sleep(0.25)
