"""The reader's language: Bahasa Indonesia, or English when `?lang=en` or the cookie asks.

The text itself comes from the gettext catalogues in web/translations (README, "Text and
translations"); dates and numbers are formatted for the same language.
"""

from __future__ import annotations

from flask import has_request_context, request

LANGUAGES = ("id", "en")


def language() -> str:
    """The reader's language: `?lang=` first, then the cookie, then Bahasa Indonesia.

    Flask-Babel's locale selector. Outside a request (the `rekam` commands, the worker) there is
    no reader, only an operator: English, like the rest of the operators' output.
    """
    if not has_request_context():
        return "en"
    chosen = request.args.get("lang") or request.cookies.get("lang") or "id"
    return chosen if chosen in LANGUAGES else "id"


def number(value: int) -> str:
    """A whole number with the reader's thousands separator (1.234 in id, 1,234 in en)."""
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if language() == "id" else grouped
