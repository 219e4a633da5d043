"""The base of every read model: a library `Projection` that can also apply batches."""

from __future__ import annotations

from abc import abstractmethod
from typing import Any, ClassVar

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection

from domain.personnel_service import PersonnelService
from projections.stores.view_store import Sql, ViewStore


class View(Projection[Any]):
    """A read model whose rows live in the view store.

    `apply` writes the rows of one event with a cursor of the batch's transaction; the runner
    (projections/views/runner.py) moves the view's tracking position in that same transaction.
    """

    name = ""
    tables: ClassVar[tuple[str, ...]] = ()
    topic_prefixes: ClassVar[tuple[str, ...]] = ()  # of the topics of the events it applies
    # True when `apply` only stages rows in memory (its `sql` unused) and `finish` writes them.
    stages: ClassVar[bool] = False
    # False when no row holds personal data: SQLite then frees a dropped table's pages without
    # overwriting them with zeros (the Debian build's secure_delete), much faster for the
    # millions of timeline rows a rebuild replaces.
    personal: ClassVar[bool] = True

    def __init__(self, store: ViewStore, service: PersonnelService, suffix: str = "") -> None:
        """`suffix` names a second set of tables: a rebuild fills those, then swaps them in."""
        super().__init__(store)
        self.store, self.service, self.suffix = store, service, suffix

    def create(self, sql: Sql) -> None:
        """Create the view's tables and indexes if they do not exist."""
        self.create_tables(sql)
        self.create_indexes(sql)

    @abstractmethod
    def create_tables(self, sql: Sql) -> None:
        """Create the view's tables if they do not exist."""

    def create_indexes(self, sql: Sql) -> None:
        """Create the indexes of the view's tables (a rebuild adds them after its rows)."""

    @abstractmethod
    def apply(self, sql: Any, event: Any, notification_id: int) -> None:
        """Write (or stage) the rows that `event` changes."""

    def finish(self, sql: Sql) -> None:
        """Write what `apply` staged during the batch, before the transaction commits."""

    def discard(self) -> None:
        """Forget what was staged or cached: the batch's transaction rolled back."""

    def drop(self, sql: Sql) -> None:
        secure = None
        if not self.personal and not self.store.is_postgres:
            secure = sql.execute("PRAGMA secure_delete").fetchone()[0]
            sql.execute("PRAGMA secure_delete = 0")
        try:
            for table in self.tables:
                sql.execute(f"DROP TABLE IF EXISTS {self.table(table)}")
        finally:
            if secure is not None:  # the connection goes back to a pool: leave it as it was
                sql.execute(f"PRAGMA secure_delete = {int(secure)}")

    @property
    def keyed(self) -> str:
        """Ends the definition of a table whose primary key is how it is read and written:
        on SQLite the rows are then stored in that key's order, in one B-tree instead of two."""
        return "" if self.store.is_postgres else " WITHOUT ROWID"

    def table(self, name: str) -> str:
        """The qualified name of one of this view's tables."""
        if self.store.is_postgres:
            return f'"{self.store.datastore.schema}".view_{name}{self.suffix}'
        return f"view_{name}{self.suffix}"

    def replace(self, sql: Sql, rebuilt: View) -> None:
        """Put the tables `rebuilt` filled in place of this view's, then index them."""
        self.drop(sql)
        for name in self.tables:
            sql.execute(f"ALTER TABLE {rebuilt.table(name)} RENAME TO view_{name}{self.suffix}")
        self.create_indexes(sql)

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Apply one event in its own transaction (the library's single-event path)."""
        expected = self.store.position(self.name)
        with self.store.write() as sql:
            self.store.advance(sql, self.name, expected, tracking.notification_id)
            try:
                self.apply(sql, domain_event, tracking.notification_id)
                self.finish(sql)
            except BaseException:
                self.discard()
                raise
