"""The demo's performance cycles, on each backend: in each government's personnel agency,
three rated years whose staff ratings keep the pattern of the agency's predicate, plans
agreed on time and late, a little feedback, and the history still replaying through the
rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from flask import Flask

from domain.performance_rules import OrganisationPredicate, is_within_pattern
from domain.values import Rating
from projections.rules_audit import audit_rules
from projections.stores.backend import open_service
from projections.views.hr_queries import Scope
from projections.views.performance import plan_counts, unit_predicates
from tests.support.dates import TODAY
from tests.support.stores import backend_of
from web import catch_up_views
from web.loaders.demo import load_demo
from web.loaders.demo_world import GOVERNMENTS


def test_three_years_of_cycles_keep_the_distributions_and_the_rules(
        store_env: dict[str, str], make_app: Callable[..., Flask]) -> None:
    backend = backend_of(store_env)
    load_demo(backend=backend, employees=400, years=4, seed=3, today=TODAY)
    service = open_service(backend)
    try:
        figures = audit_rules(service)
    finally:
        service.close()
    assert figures["violations_by_rule"] == {}

    projections = catch_up_views(make_app(**store_env))
    late = agreed = predicates = 0
    for year in range(TODAY.year - 3, TODAY.year):
        units = unit_predicates(projections, Scope(), year)
        # the personnel agency of each government, unless it had no staff to rate that year
        assert 0 < len(units) <= len(GOVERNMENTS)
        predicates += len(units)
        for unit in units:
            ratings = Counter({Rating(k): n for k, n in unit["ratings"].items()})
            assert sum(ratings.values()) == unit["staff_count"]
            assert is_within_pattern(OrganisationPredicate(unit["predicate"]), ratings)
        for count in plan_counts(projections, Scope(), year):
            assert set(count["statuses"]) <= {"rated", "agreed"}
            late += count["late"]
            agreed += count["total"]
    assert predicates >= len(GOVERNMENTS)
    assert 0 < late < agreed / 2
    plans = projections.views["performance"].table("performance_plans")
    with projections.store.read() as sql:
        row = sql.execute(f"SELECT SUM(feedback) AS n FROM {plans}").fetchone()
    assert row["n"] > 0
    this_year = plan_counts(projections, Scope(), TODAY.year)
    assert sum(c["total"] for c in this_year) > 0  # this year's plans, not rated yet
    assert all("rated" not in c["statuses"] for c in this_year)
