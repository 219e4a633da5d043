"""What the pages show for the codes of citizens' voice: complaint categories, states,
rejection reasons, resolutions, steps and holiday kinds, in the reader's language."""

from __future__ import annotations

from typing import Any

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

VOICE_LABELS: dict[str, LazyString] = {
    # categories
    "requirements": _l("Requirements"), "procedure": _l("Procedure"),
    "time": _l("Time to complete"), "cost": _l("Cost or illegal charges"),
    "conduct": _l("Conduct of the staff"), "facilities": _l("Facilities"),
    "other": _l("Other"),
    # states
    "received": _l("Received"), "verified": _l("Verified"), "rejected": _l("Not taken up"),
    "assigned": _l("With the unit"), "answered": _l("Answered"), "closed": _l("Closed"),
    "reopened": _l("Reopened"),
    # rejection reasons
    "out_of_scope": _l("Outside this government's authority"),
    "duplicate": _l("Duplicate of another complaint"), "abusive": _l("Abusive content"),
    "incomplete": _l("Not enough information to act on"),
    # resolutions
    "resolved": _l("Resolved"),
    # holiday kinds
    "national": _l("National holiday"), "cuti_bersama": _l("Collective leave (cuti bersama)"),
}

STEP_LABELS: dict[str, LazyString] = {
    "submitted": _l("Complaint received"), "verified": _l("Verified by the administrator"),
    "rejected": _l("Not taken up"), "assigned": _l("Passed to the service unit"),
    "answered": _l("Answered by the unit"), "closed": _l("Closed"),
    "reopened": _l("Reopened by the complainant"),
    "dataerased": _l("Complainant's data erased after the retention period"),
}


def voice_label(code: str | None) -> str:
    if code is None:
        return "–"
    return str(VOICE_LABELS.get(code, code))


def step_label(kind: str) -> str:
    return str(STEP_LABELS.get(kind, kind))


def complaint_labels() -> dict[str, Any]:
    """Template helpers of the voice pages."""
    return {"voice_label": voice_label, "step_label": step_label}
