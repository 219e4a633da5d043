"""Fuzzing the JSON API from its own OpenAPI document (schemathesis), counting what the server
answers: the suite runs a few cases per operation (tests/integration/web/api/test_fuzz.py),
`scripts/fuzz` tens of thousands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import response_schema_conformance

OPENAPI = "/api/v1/openapi.json"
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)


@dataclass
class FuzzReport:
    """What the fuzzed server answered: every case counted, each 5xx and each answer whose
    body does not match the document, described with the request that caused it."""

    cases: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    server_errors: list[str] = field(default_factory=list)
    nonconforming: list[str] = field(default_factory=list)

    def summary(self) -> str:
        counted = ", ".join(f"{code}: {n}" for code, n in sorted(self.statuses.items()))
        return (f"{len(self.server_errors)} server errors in {self.cases} cases "
                f"({counted}); {len(self.nonconforming)} answers unlike the document")


def fuzz_api(app: Flask, token: str, employee_ids: Sequence[str], cases_per_operation: int,
             seed: int | None = None, under: str = "/") -> FuzzReport:
    """Run `cases_per_operation` generated requests per operation and mode (valid and invalid
    input) against `app`, authenticated with `token`; most requests that name an employee
    name a real one of `employee_ids`, so that their bodies reach the forms and the domain.
    Only the operations whose path starts with `under` (e.g. an employee token's /api/v1/me)."""
    schema = schemathesis.openapi.from_wsgi(OPENAPI, app)
    report = FuzzReport()
    headers = {"Authorization": f"Bearer {token}"}
    for result in schema.get_all_operations():
        if isinstance(result, Err):  # the document itself is wrong: a failure, not a skip
            raise result.err()
        operation = result.ok()
        if not operation.path.startswith(under):
            continue
        for mode in MODES:
            _fuzz_operation(operation, mode, headers, employee_ids, cases_per_operation, seed,
                            report)
    return report


def _fuzz_operation(operation: schemathesis.APIOperation, mode: GenerationMode,
                    headers: dict[str, str], employee_ids: Sequence[str], cases: int,
                    seed: int | None, report: FuzzReport) -> None:
    @settings(max_examples=cases, deadline=None, database=None, derandomize=seed is None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode),
           employee=st.sampled_from([None, *employee_ids, *employee_ids, *employee_ids]))
    def run(case: schemathesis.Case, employee: str | None) -> None:
        if employee is not None and "employee_id" in (case.path_parameters or {}):
            case.path_parameters = {**case.path_parameters, "employee_id": employee}
        report.cases += 1
        try:
            response = case.call(headers=headers)
        except Exception as crash:  # the app raised (a test app propagates): a 500 served
            report.server_errors.append(f"raised {crash!r} on {case.method} "
                                        f"{case.formatted_path}: {case.as_curl_command()}")
            return
        status = response.status_code
        report.statuses[status] = report.statuses.get(status, 0) + 1
        said = f"{status} {case.method} {case.formatted_path}: {case.as_curl_command()}"
        if status >= 500:
            report.server_errors.append(said)
        else:
            _conforms(case, response, said, report)

    if seed is not None:
        run = hypothesis_seed(seed)(run)
    run()


# What random generation reaches only after about a hundred cases per operation (issue 18):
# beyond a 64-bit column, choices of only spaces, digits that are not 0-9.
EDGES: tuple[object, ...] = (2**63, 10**30, " ", [" "], "²", "٣", -1)


def edge_cases(app: Flask, token: str, employee_id: str, version: int,
               report: FuzzReport) -> None:
    """Each property of each action's body in turn set to each of `EDGES`, the others
    plausible, on a real employee at the record's version: every answer below 500."""
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    document = client.get(OPENAPI).json
    assert document is not None
    for path, item in document["paths"].items():
        if "requestBody" not in item.get("post", {}):  # an approval takes no body
            continue
        content = item["post"]["requestBody"]["content"]
        if "application/json" not in content:  # a scan's upload: multipart, checked elsewhere
            continue
        ref = content["application/json"]["schema"]["$ref"]
        properties = document["components"]["schemas"][ref.rsplit("/", 1)[-1]]["properties"]
        base = {name: _plausible(name, spec, version) for name, spec in properties.items()}
        url = (path.replace("{employee_id}", employee_id).replace("{version}", "1")
               + "?dry_run=true")
        for name in properties:
            for edge in EDGES:
                report.cases += 1
                response = client.post(url, headers=headers, json={**base, name: edge})
                status = response.status_code
                report.statuses[status] = report.statuses.get(status, 0) + 1
                if status >= 500:
                    report.server_errors.append(f"{status} POST {url} with {name}={edge!r}")


def _plausible(name: str, spec: dict[str, Any], version: int) -> object:
    if name == "version":
        return version
    if spec.get("format") == "date":
        return date.today().isoformat()
    return {"integer": 1, "number": 1.0, "array": [], "boolean": False}.get(
        str(spec.get("type")), "x")


def _conforms(case: schemathesis.Case, response: schemathesis.Response, said: str,
              report: FuzzReport) -> None:
    try:
        case.validate_response(response, checks=[response_schema_conformance])
    except FailureGroup as failed:  # every way the answer differs from the document
        report.nonconforming.append(f"{said}\n{failed}"[:2000])
