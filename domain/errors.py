"""Domain errors: every broken rule is a `DomainError` with a stable code and a message in id/en."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from domain.messages import MESSAGES

MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}
OR = {"id": "atau", "en": "or"}
EVERY_MONTH = {"id": "tanggal 1 setiap bulan", "en": "the 1st of any month"}


class DomainError(Exception):
    """Raised when a command would break a rule of the domain.

    `code` is stable (clients and tests match on it); `field` names the input the user must
    change, when there is one; `params` fill the message templates. `problems` lists every
    refusal the command met (this one first), so a form can show them all at once.
    """

    def __init__(self, code: str, field: str | None = None, **params: Any) -> None:
        if code not in MESSAGES:
            raise KeyError(f"unknown rule code {code!r}: add it to domain/messages.py")
        self.code = code
        self.field = field
        self.params: Mapping[str, Any] = params
        self.problems: list[DomainError] = [self]
        super().__init__(f"{code}: {self.message('en')}")

    def message(self, language: str = "id") -> str:
        """The user-facing message in `language` ("id" or "en")."""
        templates = MESSAGES[self.code]
        language = language if language in templates else "en"
        return templates[language].format(
            **{k: display(v, language) for k, v in self.params.items()})


class ConcurrencyConflictError(DomainError):
    """Raised when the record changed after the officer loaded it."""

    def __init__(self, **params: Any) -> None:
        super().__init__("CONCURRENT_CHANGE", **params)


class OneOf(tuple[Any, ...]):
    """Valid values shown as a person reads them: "III/a, III/b atau III/c"."""


class PromotionMonths(frozenset[int]):
    """The months whose 1st is a promotion date: "1 April atau 1 Oktober"."""


class Words(dict[str, str]):
    """A value a message names, in each language: Words(id="ringan", en="light")."""


class Refusals:
    """Collects the refusals of one check, so that all of them are told at once."""

    def __init__(self) -> None:
        self.found: list[DomainError] = []

    def add(self, error: DomainError) -> None:
        self.found.append(error)

    def extend(self, error: DomainError) -> None:
        self.found.extend(error.problems)

    @contextmanager
    def collecting(self) -> Iterator[None]:
        """Run a check that raises, keeping its refusals instead of stopping."""
        try:
            yield
        except DomainError as error:
            self.extend(error)

    def raise_any(self) -> None:
        raise_all(self.found)


def raise_all(found: Iterable[DomainError]) -> None:
    """Raise the first refusal carrying all of them (each (code, field) once), if any."""
    unique: dict[tuple[str, str | None], DomainError] = {}
    for error in found:
        for problem in error.problems:
            unique.setdefault((problem.code, problem.field), problem)
    if unique:
        problems = list(unique.values())
        first = problems[0]
        first.problems = problems
        raise first


def display(value: Any, language: str) -> str:
    if isinstance(value, Words):
        return value.get(language, value["en"])
    if isinstance(value, PromotionMonths):
        if len(value) == 12:
            return EVERY_MONTH[language]
        return _joined([f"1 {MONTHS[language][m - 1]}" for m in sorted(value)], language)
    if isinstance(value, OneOf):
        return _joined([display(v, language) for v in value], language)
    if isinstance(value, date) and not isinstance(value, datetime):
        return f"{value.day} {MONTHS[language][value.month - 1]} {value.year}"
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(display(v, language) for v in value)
    return str(value)


def _joined(items: list[str], language: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {OR[language]} {items[-1]}"
