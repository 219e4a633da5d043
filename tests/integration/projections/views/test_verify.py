"""The views checked against a rebuild beside them, on each backend: an edited row is found
by its table's name, and nothing of the check stays behind."""

from __future__ import annotations

from projections.ledger.reconcile import VIEW
from projections.views.runner import Projections
from projections.views.verify import SUFFIX, verify_views


def tables(projections: Projections) -> set[str]:
    with projections.store.read() as sql:
        if projections.store.is_postgres:
            rows = sql.execute("SELECT tablename FROM pg_tables WHERE schemaname = "
                               "current_schema()").fetchall()
        else:
            rows = sql.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {str(next(iter(r.values())) if isinstance(r, dict) else r[0]) for r in rows}


def test_views_caught_up_from_the_events_equal_a_rebuild(projections: Projections) -> None:
    result = verify_views(projections)

    assert result.ok, [p.describe() for p in result.problems]
    assert result.logged == sum(len(v.tables) for v in projections.views.values())
    assert result.stored > 1000  # every event read again
    assert not any(SUFFIX in name for name in tables(projections))


def test_an_edited_roster_row_is_reported_by_its_table_and_repaired_by_a_rebuild(
        projections: Projections) -> None:
    projections.catch_up()
    roster = projections.views["roster"].table("roster")
    with projections.store.write() as sql:  # as an insider with database access would
        sql.execute(f"UPDATE {roster} SET grade = 'IV/e' WHERE employee_id = "
                    f"(SELECT min(employee_id) FROM {roster})")

    result = verify_views(projections)

    assert [(p.kind, p.table) for p in result.problems] == [(VIEW, roster)]
    assert "differs from a rebuild" in result.problems[0].describe()
    projections.rebuild()
    assert verify_views(projections).ok
