"""Rule codes and their messages: complete, bilingual, formattable, free of personal data."""

from __future__ import annotations

import ast
import re
import string
from datetime import date
from pathlib import Path

import pytest

from domain.errors import ConcurrencyConflictError, DomainError, OneOf, PromotionMonths, display
from domain.messages import MESSAGES

DOMAIN = Path(__file__).resolve().parents[3] / "domain"
TESTS = Path(__file__).resolve().parent


def _raise_sites() -> list[tuple[str, set[str], str]]:
    """Every `DomainError("CODE", ..., **params)` in domain/: code, params, where."""
    sites = []
    for path in sorted(DOMAIN.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "DomainError" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                params = {k.arg for k in node.keywords if k.arg not in (None, "field")}
                sites.append((str(node.args[0].value), params, f"{path.name}:{node.lineno}"))
    return sites


RAISE_SITES = _raise_sites()
RAISED_CODES = {code for code, _, _ in RAISE_SITES} | {"CONCURRENT_CHANGE"}


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_domain_raises_its_rules_in_enough_places_to_scan() -> None:
    # Guards the scan itself: if the pattern stopped matching, the tests below would pass empty.
    assert len(RAISED_CODES) > 50


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_has_a_message_in_indonesian_and_english(code: str) -> None:
    assert set(MESSAGES[code]) == {"id", "en"}
    assert all(text.strip() for text in MESSAGES[code].values())


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_both_languages_take_the_same_parameters(code: str) -> None:
    assert _placeholders(MESSAGES[code]["id"]) == _placeholders(MESSAGES[code]["en"])


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_no_message_carries_an_identity_number(code: str) -> None:
    for text in MESSAGES[code].values():
        assert not re.search(r"\d{18}", text)


def test_every_code_raised_has_a_message() -> None:
    assert RAISED_CODES - set(MESSAGES) == set()


def test_every_message_belongs_to_a_code_that_is_raised() -> None:
    assert set(MESSAGES) - RAISED_CODES == set()


@pytest.mark.parametrize(("code", "params", "where"), RAISE_SITES,
                         ids=[where for _, _, where in RAISE_SITES])
def test_every_raise_site_passes_the_parameters_its_messages_need(
        code: str, params: set[str], where: str) -> None:
    for language in ("id", "en"):
        missing = _placeholders(MESSAGES[code][language]) - params
        assert not missing, f"{where}: {code} ({language}) needs {sorted(missing)}"


def test_a_concurrency_conflict_formats_with_or_without_versions() -> None:
    # Raised with the versions by the service and without them when the store refuses a save.
    for error in (ConcurrencyConflictError(), ConcurrencyConflictError(current=3, expected=2)):
        assert error.code == "CONCURRENT_CHANGE"
        assert error.message("id").startswith("Data ini baru saja diubah")


def test_an_unknown_code_is_a_programming_error() -> None:
    with pytest.raises(KeyError, match=re.escape("add it to domain/messages.py")):
        DomainError("NO_SUCH_RULE")


def test_lists_in_parameters_read_as_comma_separated_text() -> None:
    error = DomainError("CORRECTION_FIELDS_INVALID", field="changes",
                        allowed=["effective_on", "legal_basis"])

    assert error.message("en").endswith(": effective_on, legal_basis.")
    assert error.message("xx") == error.message("en")


@pytest.mark.parametrize(("months", "id_text", "en_text"), [
    ({4, 10}, "1 April atau 1 Oktober", "1 April or 1 October"),
    ({2, 4, 6, 8, 10, 12}, "1 Februari, 1 April, 1 Juni, 1 Agustus, 1 Oktober atau 1 Desember",
     "1 February, 1 April, 1 June, 1 August, 1 October or 1 December"),
    (set(range(1, 13)), "tanggal 1 setiap bulan", "the 1st of any month"),
], ids=["until 2023", "2024-2025", "from October 2025"])
def test_promotion_months_and_dates_read_as_a_person_writes_them(
        months: set[int], id_text: str, en_text: str) -> None:
    error = DomainError("PROMOTION_DATE", field="effective_on",
                        months=PromotionMonths(months), nearest=date(2026, 4, 1))

    assert f"{id_text}; yang terdekat 1 April 2026." in error.message("id")
    assert f"{en_text} under" in error.message("en")
    assert "1 April 2026" in error.message("en")
    assert "2026-04-01" not in error.message("id")


def test_valid_values_join_with_or() -> None:
    assert display(OneOf(["III/a", "III/b", "III/c"]), "id") == "III/a, III/b atau III/c"
    assert display(OneOf(["III/a", "III/b"]), "en") == "III/a or III/b"


@pytest.mark.parametrize("code", sorted(RAISED_CODES))
def test_every_rule_is_seen_refusing_a_command_in_some_test(code: str) -> None:
    # Each rule needs a refusal test (and an accepted case beside it): see test_employee.py.
    sources = "".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py")
                      if p.name != Path(__file__).name)
    assert f'excinfo.value.code == "{code}"' in sources
