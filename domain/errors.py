"""Domain errors: every broken rule is a `DomainError` with a stable code and a message in id/en."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.messages import MESSAGES


class DomainError(Exception):
    """Raised when a command would break a rule of the domain.

    `code` is stable (clients and tests match on it); `field` names the input the user must
    change, when there is one; `params` fill the message templates.
    """

    def __init__(self, code: str, field: str | None = None, **params: Any) -> None:
        if code not in MESSAGES:
            raise KeyError(f"unknown rule code {code!r}: add it to domain/messages.py")
        self.code = code
        self.field = field
        self.params: Mapping[str, Any] = params
        super().__init__(f"{code}: {self.message('en')}")

    def message(self, language: str = "id") -> str:
        """The user-facing message in `language` ("id" or "en")."""
        templates = MESSAGES[self.code]
        template = templates.get(language, templates["en"])
        return template.format(**{k: _display(v) for k, v in self.params.items()})


class ConcurrencyConflictError(DomainError):
    """Raised when the record changed after the officer loaded it."""

    def __init__(self, **params: Any) -> None:
        super().__init__("CONCURRENT_CHANGE", **params)


def _display(value: Any) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value)
    return str(value)
