"""The reader's language and its formats: the language choice and cookie, Flask-Babel's set-up.

Pages write their text in English through gettext (`_("...")` in templates, `gettext` and
`lazy_gettext` in Python); the catalogues in web/translations give the Indonesian shown by
default. The language comes from `?lang=` / the cookie (`language`). Dates, times and numbers
are formatted by Flask-Babel for that locale.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import babel.dates
from flask import Flask, Response, current_app, has_request_context, request
from flask_babel import Babel, format_date, format_decimal, format_time, get_timezone

from web.settings import DEFAULT_TIMEZONE, get_settings

# Absolute, so that an app built anywhere (tests build bare Flask apps) finds the catalogues.
TRANSLATIONS = Path(__file__).parent / "translations"
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


def fmt_date(value: date | datetime | str | None) -> str:
    """17 Agu 2025 (id) / 17 Aug 2025 (en); a datetime gets its time in the app's time zone
    (`REKAM_TIMEZONE`, Asia/Jakarta by default) with the zone's Indonesian abbreviation."""
    if value is None or value == "":
        return "–"
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    text = str(format_date(value, "d MMM y"))
    if isinstance(value, datetime):
        clock = format_time(value, "HH.mm" if language() == "id" else "HH:mm")
        zone = babel.dates.format_datetime(value, "z", tzinfo=get_timezone(), locale="id")
        text += f" {clock} {zone}"
    return text


def fmt_number(value: float | None, decimals: int = 0) -> str:
    """1.234,5 (id) / 1,234.5 (en)."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern))


def init_babel(app: Flask, timezone: str = DEFAULT_TIMEZONE) -> None:
    """Flask-Babel for the locale's formats: the language of `?lang=` / the cookie, times in
    `timezone` (the app's `REKAM_TIMEZONE`)."""
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", timezone)
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "id")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    if "babel" not in app.extensions:
        Babel(app, locale_selector=language)


def switch_language_url() -> str:
    """This page in the other language (the other query arguments kept)."""
    args = request.args.to_dict()
    args["lang"] = "en" if language() == "id" else "id"
    return request.path + "?" + urlencode(args)


def is_demo(app: Flask | None = None) -> bool:
    """Demo mode: set by REKAM_DEMO, or recorded in the account store by `rekam demo`."""
    app = app or current_app
    setting = get_settings(app).staff.is_demo
    if setting is not None:
        return setting
    from web.accounts.store import get_accounts

    return get_accounts(app).setting("demo_mode") == "1"


def init_ui(app: Flask) -> None:
    """Make the helpers available to every template and remember a language switch."""
    init_babel(app, get_settings(app).timezone)

    @app.context_processor
    def helpers() -> dict[str, Any]:
        return {"fmt_date": fmt_date, "fmt_number": fmt_number, "lang": language(),
                "is_demo": is_demo,
                "switch_language_url": switch_language_url}

    @app.after_request
    def remember_language(response: Response) -> Response:
        chosen = request.args.get("lang")
        if chosen in ("id", "en") and request.blueprint not in (None, "public"):
            response.set_cookie("lang", chosen, samesite="Lax", max_age=365 * 86400,
                                httponly=True)
        return response
