"""The public pages of decrees (/sk): type a code, or follow a petikan's QR code, and see that
the decree is in the log, with the inclusion proof checked here and repeatable offline.

No login. A code that is malformed, forged or altered, or a decree number that differs from the
logged one, is a 404 page saying so (and counts against the address: 30 failures an hour, as
the complaint tracking page). Nothing personal is shown but the name of a person appointed to
a JPT post by the decree (public office), and nothing at all once they were erased.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from domain.decree_signer import Signer, signer_on
from projections import decrees
from projections.ledger.decree_code import MAX_CODE_LENGTH
from web import catch_up_views, get_ledger, get_service
from web.accounts.store import get_accounts
from web.decrees.signers import signers
from web.hr.labels import kind_label, status_label
from web.public.transparency import helpers

FAILURES_PER_HOUR = 30
WINDOW_SECONDS = 3600
MAX_NUMBER_LENGTH = 120

bp = Blueprint("decree", __name__)
bp.context_processor(helpers)


@bp.context_processor
def labels() -> dict[str, Any]:
    return {"kind_label": kind_label, "status_label": status_label}


def _subject() -> str:
    """This address's counter of failed look-ups: a keyed hash, never the address."""
    secret = str(current_app.secret_key).encode("utf-8")
    address = (request.remote_addr or "-").encode("utf-8")
    return "decree:" + hmac.new(secret, b"decree-address:" + address,
                                hashlib.sha256).hexdigest()[:32]


def _throttled() -> bool:
    since = time.time() - WINDOW_SECONDS
    return get_accounts(current_app).post_count(_subject(), since) >= FAILURES_PER_HOUR


def _failed(message: str) -> ResponseReturnValue:
    get_accounts(current_app).record_post(_subject(), keep_seconds=WINDOW_SECONDS)
    return render_template("decrees/not_found.html", message=message), 404


def _too_many() -> ResponseReturnValue:
    return render_template("decrees/not_found.html", message=_(
        "Too many codes from this address did not match. Please try again in an hour.")), 429


def _same_number(typed: str, logged: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(logged.split()).casefold()


@bp.get("/sk")
def lookup() -> ResponseReturnValue:
    """The form: the code printed on the petikan, and optionally its decree number."""
    args = request.args
    if "kode" not in args:
        return render_template("decrees/lookup.html", errors={}, values={})
    code, number = args.get("kode", "").strip(), args.get("nomor", "").strip()
    errors = {}
    if not code:
        errors["kode"] = _("Type the code printed under the QR code of the decree.")
    elif len(code) > MAX_CODE_LENGTH:
        errors["kode"] = _("A code has at most %(n)s characters.", n=MAX_CODE_LENGTH)
    if len(number) > MAX_NUMBER_LENGTH:
        errors["nomor"] = _("A decree number has at most %(n)s characters.",
                            n=MAX_NUMBER_LENGTH)
    if errors:
        return render_template("decrees/lookup.html", errors=errors, values=args), 422
    target = url_for("decree.page", code="".join(code.split()))
    if number:
        target += "?" + urlencode({"nomor": number})
    return redirect(target)


class _Refused(Exception):
    """Raised when a look-up ends in a refusal page (held in `response`)."""

    def __init__(self, response: ResponseReturnValue) -> None:
        super().__init__()
        self.response = response


def _found(code: str) -> tuple[decrees.Decree, decrees.InclusionProof | None]:
    """The decree of `code` and its proof; raises _Refused with the page to answer."""
    if _throttled():
        raise _Refused(_too_many())
    ledger = get_ledger(current_app)
    decree = decrees.find(ledger, catch_up_views(current_app), code)
    if decree is None:
        raise _Refused(_failed(_(
            "No decree in the log has this code. Check every character against the paper: a "
            "changed character, a forged code or a copy of another decree's code does not "
            "match.")))
    number = request.args.get("nomor", "").strip()
    if number and not _same_number(number[:MAX_NUMBER_LENGTH], decree.number):
        raise _Refused(_failed(_(
            "The decree number you typed does not match the decree this code belongs to. The "
            "paper may have been altered.")))
    return decree, decrees.inclusion(ledger, decree)


@bp.get("/sk/<code>")
def page(code: str) -> ResponseReturnValue:
    """One decree as the log holds it, with its inclusion proof checked against the latest
    signed checkpoint."""
    try:
        decree, proof = _found(code)
    except _Refused as refused:
        return refused.response
    return render_template("decrees/page.html", decree=decree, proof=proof,
                           signer=_signer(decree),
                           b64=lambda value: base64.b64encode(value).decode(),
                           typed_number=request.args.get("nomor", "").strip())


def _signer(decree: decrees.Decree) -> Signer | None:
    """The official in office as the decree's signer on its date (public office), per the
    log of the government that held the employee's record then."""
    state = get_service(current_app).get_employee(decree.employee_id).state_on(decree.signed_on)
    if state.government_id is None:
        return None
    return signer_on(signers(current_app, state.government_id.hex), decree.signed_on)


@bp.get("/sk/<code>/bukti.json")
def proof_file(code: str) -> ResponseReturnValue:
    """The inclusion proof for `python -m projections.ledger.verify --inclusion-proof`."""
    try:
        decree, proof = _found(code)
    except _Refused as refused:
        return refused.response
    if proof is None:
        return jsonify(error=_("No signed checkpoint covers this decree yet."),
                       position=decree.position), 404
    return jsonify(position=proof.position, size=proof.size,
                   leaf_hash=base64.b64encode(proof.leaf_hash).decode(),
                   root=base64.b64encode(proof.root).decode(),
                   proof=[base64.b64encode(h).decode() for h in proof.hashes],
                   checkpoint=proof.note, decree={
                       "number": decree.number, "signed_on": decree.signed_on.isoformat(),
                       "kind": decree.kind, "effective_on": decree.effective_on.isoformat()})
