"""Running one command for an API operation: recorded, or only checked under `?dry_run=true`;
a concurrency conflict answers 409, a refusal 422 with every problem it met (`problems`, in
both languages, and the same messages per field under `errors`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

from flask import current_app
from flask_smorest import abort

from domain.errors import ConcurrencyConflictError, DomainError
from web import get_service
from web.ui import LANGUAGES, language


def run_command(command: Callable[[], Any], is_dry_run: bool) -> Any:
    """What `command` returns, run inside a dry run when asked; refusals as 409 or 422."""
    service = get_service(current_app)
    try:
        if is_dry_run:
            with service.dry_run():
                return command()
        return command()
    except ConcurrencyConflictError as conflict:
        abort(409, message=conflict.message(language()))
    except DomainError as refused:
        answer_refused(refused)


def answer_refused(refused: DomainError) -> NoReturn:
    """422 with every problem of the refusal, in both languages and per field."""
    errors: dict[str, list[str]] = {}
    for problem in refused.problems:
        errors.setdefault(problem.field or "_schema", []).append(problem.message(language()))
    abort(422, message=refused.message(language()), errors={"json": errors},
          problems=[{"rule": p.code, "field": p.field, "message": p.message(language()),
                     "messages": {lang: p.message(lang) for lang in LANGUAGES}}
                    for p in refused.problems])
    raise AssertionError("abort() raises")  # flask_smorest.abort is not typed NoReturn
