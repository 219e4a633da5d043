"""The demo generator records only histories that today's rules accept: replayed through the
checks, no employee's history breaks a rule, and no PNS sits outside their position's range."""

from __future__ import annotations

import pytest

from projections.rules_audit import audit_rules
from projections.stores.backend import open_service
from tests.support.dates import TODAY
from tests.support.stores import backend_of
from web.loaders.demo import load_demo


@pytest.mark.parametrize("seed", [1, 7])
def test_a_small_demo_replays_through_the_rules_without_a_violation(
        store_env: dict[str, str], seed: int) -> None:
    # Eight years give the promotions time to reach the top of their posts' ranges, which
    # is where a generator that ignored the ranges went wrong.
    backend = backend_of(store_env)
    load_demo(backend=backend, employees=150, years=8, seed=seed, today=TODAY)
    service = open_service(backend)
    try:
        figures = audit_rules(service)
    finally:
        service.close()

    assert figures["active_pns"] > 100
    assert figures["violations_by_rule"] == {}
    assert figures["pns_outside_position_range"] == 0
