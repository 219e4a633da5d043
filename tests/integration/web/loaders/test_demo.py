"""The demo generator records only histories that today's rules accept: replayed through the
checks, no employee's history breaks a rule, and no PNS sits outside their position's range."""

from __future__ import annotations

from projections.rules_audit import audit_rules
from projections.stores.backend import open_service
from tests.support.dates import TODAY
from tests.support.stores import backend_of
from web.loaders.demo import load_demo


def test_a_demo_replays_through_the_rules_without_a_violation(
        store_env: dict[str, str]) -> None:
    # 400 employees over ten years: the smallest demo in which the generator that ignored the
    # posts' ranges and the cap of functional promotions broke them (4 violations at seed 1).
    backend = backend_of(store_env)
    load_demo(backend=backend, employees=400, years=10, seed=1, today=TODAY)
    service = open_service(backend)
    try:
        figures = audit_rules(service)
    finally:
        service.close()

    assert figures["active_pns"] > 300
    assert figures["violations_by_rule"] == {}
    assert figures["pns_outside_position_range"] == 0
