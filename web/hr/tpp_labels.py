"""The words of TPP on the pages and in the finance office's file: each cut's reason code, each
criterion and each broad reason, in the reader's language (Bahasa Indonesia first)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from web.hr.labels import choice_label

CRITERIA = {
    "WORKLOAD": _l("Workload"), "PLACE": _l("Place of duty"),
    "CONDITIONS": _l("Working conditions"), "SCARCITY": _l("Scarcity of profession"),
    "PERFORMANCE": _l("Work performance"), "OTHER": _l("Other objective considerations"),
}
CATEGORIES = {
    "LEAVE": _l("Unpaid leave"), "SANCTION": _l("Disciplinary sanction"),
    "PERFORMANCE": _l("Performance predicate"), "DISCIPLINE": _l("Attendance"),
}
_FIXED = {
    "LEAVE_CLTN": _l("Unpaid leave (CLTN), pro rata by calendar days"),
    "LEAVE_UNPAID": _l("Other leave without pay, pro rata by calendar days"),
    "PREDICATE_MISSING": _l("No performance predicate recorded"),
    "ATTENDANCE_ABSENT": _l("Days absent without a valid reason"),
    "ATTENDANCE_ASSEMBLY_MISSED": _l("Assemblies or ceremonies missed"),
}


def cut_label(code: str) -> str:
    """The reason of a cut, from its stable code."""
    if code in _FIXED:
        return str(_FIXED[code])
    if code.startswith("SANCTION_"):
        return str(_l("Sanction: %(penalty)s", penalty=choice_label(code[len("SANCTION_"):])))
    if code.startswith("PREDICATE_"):
        return str(_l("Last year's predicate: %(rating)s",
                      rating=choice_label(code[len("PREDICATE_"):])))
    if code.startswith("ATTENDANCE_"):
        return str(_l("Late arrival or early departure (%(band)s)",
                      band=code[len("ATTENDANCE_"):]))
    return code


def criterion_label(value: str) -> str:
    return str(CRITERIA.get(value, value))


def category_label(value: str) -> str:
    return str(CATEGORIES.get(value, value))
