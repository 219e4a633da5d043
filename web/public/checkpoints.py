"""Public routes of the verifiable log: the verifier key, the latest checkpoint, consistency.

Inclusion proofs and log entries hold ciphertext of personal fields and are for auditors only:
`Ledger.inclusion_proof` and `Ledger.entries` exist (the CLI and tests use them) but no route
here serves them. The audit workspace (issue 7 part 4) will, behind the auditor login.
"""

from __future__ import annotations

import base64

from flask import Blueprint, current_app, jsonify, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from web import get_ledger
from web.inputs import whole_number

bp = Blueprint("log", __name__, url_prefix="/log")


def _text(body: str, status: int = 200) -> ResponseReturnValue:
    return body, status, {"Content-Type": "text/plain; charset=utf-8"}


def _no_checkpoint() -> ResponseReturnValue:
    return _text(_("No checkpoint has been signed yet. Operators: run `rekam log checkpoint`.")
                 + "\n", 404)


@bp.get("/public-key")
def public_key() -> ResponseReturnValue:
    """The verifier key of the latest checkpoint, signed-note format (name+keyid+base64)."""
    key = get_ledger(current_app).published_verifier_key()
    if key is None:
        return _no_checkpoint()
    return _text(key + "\n")


@bp.get("/checkpoint")
def checkpoint() -> ResponseReturnValue:
    """The latest signed checkpoint (C2SP tlog-checkpoint), as signed."""
    note = get_ledger(current_app).latest_checkpoint()
    if note is None:
        return _no_checkpoint()
    return _text(note)


@bp.get("/consistency")
def consistency() -> ResponseReturnValue:
    """A consistency proof between two tree sizes, hashes in base64 (RFC 9162 §2.1.4)."""
    ledger = get_ledger(current_app)
    size = ledger.size()
    first = whole_number(request.args.get("first"), 1, size)
    second = whole_number(request.args.get("second"), 1, size)
    if first is None or second is None or first > second:
        return jsonify(error=_("first and second must be whole numbers with 1 ≤ first ≤ second "
                               "≤ %(size)s (the log's current size).", size=size),
                       field="first,second"), 400
    proof = ledger.consistency_proof(first, second)
    return jsonify(first=first, second=second,
                   proof=[base64.b64encode(p).decode() for p in proof])
