"""The shared form fields: a choice the domain judges is left to the domain's rule."""

from __future__ import annotations

from uuid import uuid4

import pytest
from flask import Flask
from werkzeug.datastructures import MultiDict

from web.hr.forms import options
from web.hr.recruitment.selection_steps import ChooseForm
from web.ui import init_babel


@pytest.fixture
def app() -> Flask:
    app = Flask(__name__)
    app.config.update(SECRET_KEY="tests", WTF_CSRF_ENABLED=False)
    init_babel(app)
    return app


def _choose(app: Flask, candidate: str) -> dict[str, list[str]]:
    with app.test_request_context("/", method="POST"):
        form = ChooseForm(formdata=MultiDict({"version": "3", "effective_on": "2025-07-01",
                                              "candidate_id": candidate}))
        form.candidate_id.choices = options([(uuid4().hex, "1. Pejabat A")])
        form.validate()
        return dict(form.errors)


class TestRuleChoiceField:
    def test_a_candidate_outside_the_offered_shortlist_is_left_to_the_shortlist_rule(
            self, app: Flask) -> None:
        # The domain refuses it with APPOINTEE_NOT_SHORTLISTED (tests/unit/domain).
        assert _choose(app, uuid4().hex) == {}

    @pytest.mark.parametrize("candidate", ["not-an-id", " "])
    def test_a_value_of_the_wrong_form_is_still_not_a_valid_choice(
            self, app: Flask, candidate: str) -> None:
        assert "candidate_id" in _choose(app, candidate)
