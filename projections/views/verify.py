"""Check the served views against a rebuild: an edited view row is repaired by `rekam rebuild`,
and this is what notices it.

Every view is built again beside the served tables (`view_<table>__verify`, as a rebuild fills
`__rebuild`), from the first event up to the position the served views were caught up to;
then each table of each view is compared with its rebuilt twin by a digest of its rows,
in one read while no batch is applied. The twin tables are dropped afterwards. A rebuild
produces exactly what catch-up produces (tests/integration/projections/views), so any
difference is a row changed outside the views' code, or a defect of a view.

The result is kept beside the log's reconciliations (projections/ledger/reconcile.py) under
the checker `views`, so /healthz and the administrator's page report a differing table by its
name; the rows themselves (which may hold personal fields) are never reported.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from projections.ledger.reconcile import VIEW, Problem, Reconciliation, stamped
from projections.views.runner import REBUILD_BATCH, Projections, fill

SUFFIX = "__verify"
CHECKER = "views"


class ViewsMovedError(Exception):
    """Raised when the served views moved on while they were being checked (run it again)."""


def verify_views(projections: Projections, batch_size: int = REBUILD_BATCH,
                 progress: Callable[[int], None] | None = None) -> Reconciliation:
    """Rebuild every view beside the served ones and compare them table by table."""
    store, service = projections.store, projections.service
    projections.catch_up()
    positions = projections.positions()
    head = min(positions.values(), default=0)
    views = list(projections.views.values())
    twins = [type(view)(store, service, suffix=SUFFIX) for view in views]
    marker = f"verify{SUFFIX}"
    result = Reconciliation(CHECKER, head_id=head)
    with store.write() as sql:
        store.forget(sql, marker)
        for twin in twins:
            twin.drop(sql)
            twin.create_tables(sql)
    try:
        result.stored = fill(service, store, twins, marker, head, batch_size, progress)
        with store.write() as sql:  # the write lock: no batch is applied while comparing
            if projections.positions() != positions:
                raise ViewsMovedError("the views moved on while being checked")
            for view, twin in zip(views, twins, strict=True):
                for name in view.tables:
                    result.logged += 1  # tables compared
                    if _digest(sql, view.table(name)) != _digest(sql, twin.table(name)):
                        result.add(Problem(VIEW, table=view.table(name)))
    finally:
        with store.write() as sql:
            store.forget(sql, marker)
            for twin in twins:
                twin.drop(sql)
    return stamped(result)


def _digest(sql: Any, table: str) -> bytes:
    """SHA-256 of the table's rows, in a fixed order (sorted as text), however stored."""
    rows = sql.execute(f"SELECT * FROM {table}").fetchall()
    texts = sorted(repr(tuple(row.values()) if isinstance(row, dict) else tuple(row))
                   for row in rows)
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8") + b"\n")
    return digest.digest()
