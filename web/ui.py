"""Helpers every staff page uses: the id/en text pair, locale formats, the language cookie.

Staff pages write their text as `tr("Bahasa Indonesia", "English")` pairs next to where it is
shown; `web/i18n.py` keeps the public pages' keyed catalogue. Both read the same `?lang=` /
cookie choice, Bahasa Indonesia by default.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from flask import Flask, Response, current_app, request

from web.i18n import language

MONTHS = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def tr(indonesian: str, english: str) -> str:
    """The text in the reader's language."""
    return english if language() == "en" else indonesian


def fmt_date(value: date | datetime | str | None) -> str:
    """17 Agu 2025 (id) / 17 Aug 2025 (en); a datetime gets its time (UTC) too."""
    if value is None or value == "":
        return "–"
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    text = f"{value.day} {MONTHS[language()][value.month - 1]} {value.year}"
    if isinstance(value, datetime):
        clock = value.strftime("%H.%M" if language() == "id" else "%H:%M")
        text += f" {clock} UTC"
    return text


def fmt_number(value: float | None, decimals: int = 0) -> str:
    """1.234,5 (id) / 1,234.5 (en)."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    if language() == "id":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def switch_language_url() -> str:
    """This page in the other language (the other query arguments kept)."""
    args = request.args.to_dict()
    args["lang"] = "en" if language() == "id" else "id"
    return request.path + "?" + urlencode(args)


def is_demo(app: Flask | None = None) -> bool:
    """Demo mode: set by REKAM_DEMO, or recorded in the account store by `rekam demo`."""
    app = app or current_app
    setting = str(app.config.get("REKAM_DEMO", "")).strip().lower()
    if setting in ("1", "true", "yes", "on"):
        return True
    if setting in ("0", "false", "no", "off"):
        return False
    from web.accounts.auth import get_accounts

    return get_accounts(app).setting("demo_mode") == "1"


def init_ui(app: Flask) -> None:
    """Make the helpers available to every template and remember a language switch."""

    @app.context_processor
    def helpers() -> dict[str, Any]:
        return {"tr": tr, "fmt_date": fmt_date, "fmt_number": fmt_number, "lang": language(),
                "is_demo": is_demo,
                "switch_language_url": switch_language_url}

    @app.after_request
    def remember_language(response: Response) -> Response:
        chosen = request.args.get("lang")
        if chosen in ("id", "en") and request.blueprint not in (None, "public"):
            response.set_cookie("lang", chosen, samesite="Lax", max_age=365 * 86400,
                                httponly=True)
        return response
