"""The petikan SK as a download, shared by the HR employee page and the employee's desk.

The caller has checked who may read the record; this finds the entry's decree, refuses what
must not be printed (no decree, an annulled or corrected entry, an erased person: 404) and
sends the PDF. The QR code and the printed short URL are the same address.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from flask import Response, abort, current_app, url_for

from domain.decree_signer import signer_on
from domain.employee import Employee
from projections import decrees
from projections.views.roster import ERASED_MARK
from projections.views.runner import Projections
from web import get_ledger
from web.decrees.petikan import Holder, Petikan, render
from web.decrees.signers import signers

# The actions a decree can be printed for: the record's own actions, not the corrections,
# annulments and personal-data events about them.
ACTION_KINDS = frozenset(cls.__name__ for cls in vars(Employee).values()
                         if isinstance(cls, type) and issubclass(cls, Employee.Action)
                         and cls is not Employee.Action and cls is not Employee.Enrolment)


def is_printable(row: dict[str, Any], entry: Any) -> bool:
    """Whether the timeline entry's petikan may be offered (the route checks again)."""
    return (bool(entry.legal_number) and entry.status == "in_force"
            and entry.kind in ACTION_KINDS and row.get("name") != ERASED_MARK)


def petikan_url(decree: decrees.Decree) -> str:
    """The short public address printed on the petikan and held by its QR code."""
    return url_for("decree.page", code=decree.code, _external=True)


def printable(projections: Projections, row: dict[str, Any], version: int) -> Petikan | None:
    """The petikan of entry `version` of the employee in `row` (their roster row): the decree,
    who it is for, its short URL and its signer; None when it must not be printed."""
    decree = decrees.issue(get_ledger(current_app), projections, UUID(row["employee_id"]),
                           version)
    if decree is None or decree.is_erased or decree.status != "in_force":
        return None
    holder = Holder(name=str(row["name"]), nip=str(row["nip"]),
                    government=str(row["government_name"] or ""),
                    agency=str(row["agency_name"] or ""))
    signer = signer_on(signers(current_app, str(row["government_id"])), decree.signed_on)
    return Petikan(decree, holder, petikan_url(decree), signer)


def petikan_response(projections: Projections, row: dict[str, Any], version: int) -> Response:
    """The PDF of the decree of entry `version` of the employee in `row` (their roster row)."""
    found = printable(projections, row, version)
    if found is None:
        abort(404)
    return pdf_response(render(found, date.today()), f"petikan-sk-{found.decree.code}.pdf")


def pdf_response(body: bytes, name: str) -> Response:
    """A PDF download that no cache keeps (it names a person)."""
    return Response(body, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "no-store"})
