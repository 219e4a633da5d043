"""The lines of the performance forms: the draft's work results (with the superior's result
each serves) and the unit's indicators; a malformed line is told by its number."""

from __future__ import annotations

from uuid import uuid4

import pytest
from flask import Flask
from wtforms.validators import ValidationError

from domain.performance_plan import PerformancePlan, WorkResult
from web.hr.performance import parsed_indicators
from web.self_service.performance_forms import parsed_results
from web.ui import init_babel


@pytest.fixture
def app() -> Flask:
    app = Flask(__name__)
    app.config.update(SECRET_KEY="tests")
    init_babel(app)
    return app


def _superior_plan(results: int) -> PerformancePlan:
    plan = PerformancePlan.__new__(PerformancePlan)
    plan._id = uuid4()  # the parser reads only the id and the results
    plan.results = tuple(WorkResult(f"Hasil {n}", ("Indikator",)) for n in range(results))
    return plan


class TestDraftLines:
    def test_each_line_is_a_result_with_its_indicators_and_the_result_it_serves(
            self, app: Flask) -> None:
        above = _superior_plan(2)
        with app.test_request_context("/"):
            found = parsed_results("Hasil A | Ind 1; Ind 2 | 2\n\n  Hasil B | Ind 3  \n", above)
        assert [(r.text, r.indicators) for r in found] == [("Hasil A", ("Ind 1", "Ind 2")),
                                                            ("Hasil B", ("Ind 3",))]
        assert found[0].cascaded_from is not None and found[0].cascaded_from.index == 1
        assert found[0].cascaded_from.plan_id == above.id and found[1].cascaded_from is None

    @pytest.mark.parametrize("text, line", [("Hasil tanpa indikator", 1),
                                            ("Hasil | Ind\n | Ind", 2),
                                            ("Hasil | Ind | 3", 1), ("Hasil | Ind | x", 1),
                                            ("Hasil | Ind\nHasil | Ind | 0", 2)])
    def test_a_malformed_line_is_told_by_its_number(self, app: Flask, text: str,
                                                    line: int) -> None:
        with app.test_request_context("/"), pytest.raises(ValidationError, match=f"{line}"):
            parsed_results(text, _superior_plan(2))

    def test_a_cascade_without_a_superiors_plan_is_refused(self, app: Flask) -> None:
        with app.test_request_context("/"), pytest.raises(ValidationError):
            parsed_results("Hasil | Ind | 1", None)


class TestIndicatorLines:
    def test_numbers_take_a_dot_or_a_comma(self, app: Flask) -> None:
        with app.test_request_context("/"):
            found = parsed_indicators("Layanan tepat waktu | 90 | 92,5\nIKU 2 | 1.5 | 0")
        assert [(i.name, i.target, i.achieved) for i in found] == [
            ("Layanan tepat waktu", 90.0, 92.5), ("IKU 2", 1.5, 0.0)]

    @pytest.mark.parametrize("text", ["Nama | 90", "| 90 | 80", "Nama | x | 80",
                                      "Nama | 90 | -1", "Nama | nan | 1", "Nama | inf | 1"])
    def test_a_malformed_line_is_refused(self, app: Flask, text: str) -> None:
        with app.test_request_context("/"), pytest.raises(ValidationError, match="1"):
            parsed_indicators(text)
