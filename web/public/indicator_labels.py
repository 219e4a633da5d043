"""What the indicator pages show of an indicator's kind, unit and direction, in the reader's
language, and its figures as text (the neutral mark for a hidden one)."""

from __future__ import annotations

from typing import Any

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from web.ui import fmt_number

HIDDEN = "×"  # the public pages' one neutral mark (web/public/transparency.py)
LABELS: dict[str, LazyString] = {
    "manual": _l("Entered by HR"),
    "training_20jp": _l("Staff with at least 20 JP of training this year (computed)"),
    "appraisal_completion": _l("Staff appraised for last year (computed)"),
    "ikm": _l("Community satisfaction index of the service units (computed)"),
    "complaints_on_time": _l("Complaints answered on time (computed)"),
    "jpt_fill_days": _l("Median days to fill a senior (JPT) post (computed)"),
    "percent": _l("percent"), "index": _l("index (0-100)"), "days": _l("days"),
    "count": _l("count"),
    "up": _l("higher is better"), "down": _l("lower is better"),
}
SOURCES: dict[str, LazyString] = {
    "training_20jp": _l("Training records on the roster"),
    "appraisal_completion": _l("Appraisals on the roster"),
    "ikm": _l("Satisfaction surveys (SKM) of the service units"),
    "complaints_on_time": _l("Complaints and their answer deadlines"),
    "jpt_fill_days": _l("Open selections for senior posts"),
}


def indicator_label(code: str | None) -> str:
    return "–" if code is None else str(LABELS.get(code, code))


def source_label(kind: str) -> str:
    return str(SOURCES.get(kind, _l("Entered by HR")))


def figure(value: float | None, measure: str) -> str:
    """A target or actual as text: two decimals for a percent or an index, whole days."""
    if value is None:
        return HIDDEN
    return fmt_number(value, 0 if measure in ("days", "count") and value == int(value) else 2)


def indicator_labels() -> dict[str, Any]:
    return {"indicator_label": indicator_label, "source_label": source_label,
            "figure": figure, "hidden": HIDDEN}
